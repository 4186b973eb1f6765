//! Dumps what the places layer's models read, for a folder of `.txt` articles,
//! as JSON lines: the fitting scripts' input.
//!
//! ```text
//! cargo run --release --example features -- resolve DIR [WEIGHTS_JSON]   # scripts/fit_resolve.py
//! cargo run --release --example features -- confidence DIR               # scripts/fit_confidence.py
//! ```
//!
//! `resolve`: one line per mention, `{"doc": file stem, "start": byte, "end": byte,
//! "cands": [{"id", "lat", "lon", "f": [features]}]}`, every candidate with its
//! resolution features as the second pass sees them; WEIGHTS_JSON, if given, is a
//! JSON array of the weights the first pass runs with (default: the built-in ones).
//!
//! `confidence`: one line per resolved mention, `{"doc", "start", "end", "lat",
//! "lon", "f": [features]}` with its confidence features.
use std::io::Write;

use eventmap::confidence::features;
use eventmap::gazetteer::Gazetteer;
use eventmap::recognize::{recognize, Demonyms};
use eventmap::resolve::{candidate_parts, resolve, N, WEIGHTS};
use serde_json::json;

const USAGE: &str = "usage: features resolve DIR [WEIGHTS_JSON] | features confidence DIR";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mode, dir) = (args.next().ok_or(USAGE)?, args.next().ok_or(USAGE)?);
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
        let lines: Vec<serde_json::Value> = match mode.as_str() {
            "resolve" => rec
                .mentions
                .iter()
                .zip(candidate_parts(&rec, &g, &weights))
                .map(|(m, cands)| {
                    let cands: Vec<_> = cands
                        .iter()
                        .map(|(p, parts)| {
                            let p = g.place(*p);
                            json!({"id": p.id, "lat": p.lat, "lon": p.lon, "f": parts.0})
                        })
                        .collect();
                    json!({"doc": doc, "start": m.start, "end": m.end, "cands": cands})
                })
                .collect(),
            "confidence" => {
                let resolved = resolve(&rec, &g);
                rec.mentions
                    .iter()
                    .zip(&resolved)
                    .zip(features(&text, &rec, &resolved, &g))
                    .filter_map(|((m, r), f)| {
                        let p = g.place(r.as_ref()?.place);
                        Some(json!({"doc": doc, "start": m.start, "end": m.end,
                            "lat": p.lat, "lon": p.lon, "f": f?}))
                    })
                    .collect()
            }
            _ => return Err(USAGE.into()),
        };
        for line in lines {
            writeln!(w, "{line}")?;
        }
    }
    w.flush()?;
    Ok(())
}
