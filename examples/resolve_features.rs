//! Dumps every candidate's resolution features for a folder of `.txt` articles,
//! as JSON lines, for `scripts/fit_resolve.py`:
//!
//! ```text
//! cargo run --release --example resolve_features -- DIR [WEIGHTS_JSON] > features.jsonl
//! ```
//!
//! One line per mention: `{"doc": file stem, "start": byte, "end": byte,
//! "cands": [{"id", "lat", "lon", "f": [features]}]}`. WEIGHTS_JSON, if given, is
//! a JSON array of the weights the first pass runs with (default: the built-in ones).
use std::io::Write;

use eventmap::gazetteer::Gazetteer;
use eventmap::recognize::{recognize, Demonyms};
use eventmap::resolve::{candidate_parts, N, WEIGHTS};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: resolve_features DIR [WEIGHTS_JSON]")?;
    let weights: [f64; N] = match args.next() {
        Some(p) => {
            let v: Vec<f64> = serde_json::from_str(&std::fs::read_to_string(p)?)?;
            v.try_into().map_err(|_| format!("expected {N} weights"))?
        }
        None => WEIGHTS,
    };
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
        for (m, cands) in rec
            .mentions
            .iter()
            .zip(candidate_parts(&text, &rec, &g, &weights))
        {
            let cands: Vec<_> = cands
                .iter()
                .map(|(p, parts)| {
                    let p = g.place(*p);
                    serde_json::json!({"id": p.id, "lat": p.lat, "lon": p.lon, "f": parts.0})
                })
                .collect();
            let line =
                serde_json::json!({"doc": doc, "start": m.start, "end": m.end, "cands": cands});
            writeln!(w, "{line}")?;
        }
    }
    w.flush()?;
    Ok(())
}
