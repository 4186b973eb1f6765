//! Dumps the confidence features (src/confidence.rs) of every resolved mention
//! in a folder of `.txt` articles, as JSON lines, for `scripts/fit_confidence.py`:
//!
//! ```text
//! cargo run --release --example confidence_features -- DIR > features.jsonl
//! ```
//!
//! One line per resolved mention: `{"doc": file stem, "start": byte, "end": byte,
//! "lat", "lon", "f": [features]}`.
use std::io::Write;

use eventmap::confidence::features;
use eventmap::gazetteer::Gazetteer;
use eventmap::recognize::{recognize, Demonyms};
use eventmap::resolve::resolve;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: confidence_features DIR")?;
    let g = Gazetteer::bundled();
    let demonyms = Demonyms::bundled();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let doc = path.file_stem().unwrap_or_default().to_string_lossy();
        let rec = recognize(&text, &g, &demonyms);
        let resolved = resolve(&text, &rec, &g);
        for ((m, r), f) in rec
            .mentions
            .iter()
            .zip(&resolved)
            .zip(features(&text, &rec, &resolved, &g))
        {
            let (Some(r), Some(f)) = (r, f) else { continue };
            let p = g.place(r.place);
            let line = serde_json::json!({"doc": doc, "start": m.start, "end": m.end,
                "lat": p.lat, "lon": p.lon, "f": f});
            writeln!(w, "{line}")?;
        }
    }
    w.flush()?;
    Ok(())
}
