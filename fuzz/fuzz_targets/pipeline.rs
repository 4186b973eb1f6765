//! Fuzzes input parsing (every format, sniffed) and the whole per-article
//! pipeline: no input may panic, and each layer analysed alone is that layer
//! of the whole analysis.
#![no_main]

use std::sync::OnceLock;

use eventmap::gazetteer::Gazetteer;
use eventmap::input::{read_input, Defaults, Format, Item};
use eventmap::{emit, Engine, Layer};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Gazetteer::bundled()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let format = match selector % 6 {
        0 => None,
        1 => Some(Format::Txt),
        2 => Some(Format::Md),
        3 => Some(Format::Html),
        4 => Some(Format::Json),
        _ => Some(Format::Jsonl),
    };
    let defaults = Defaults { date: chrono::NaiveDate::from_ymd_opt(2022, 7, 3), ..Defaults::default() };
    let e = engine();
    read_input("fuzz.txt", &mut &body[..], format, &defaults, &mut |item| {
        if let Item::Article(a) = item {
            let analysis = e.analyze(&a.text, a.date);
            let encoded = emit::encode(&a, &analysis, Layer::All, &e.gazetteer);
            let mut out = Vec::new();
            emit::write_collection(&encoded, &mut out).expect("writing to memory");
            // The feature text is byte for byte what serde_json writes for the
            // Feature values (the HTML and CSV exports read those).
            let features = emit::features(&a, &analysis, Layer::All, &e.gazetteer);
            assert_eq!(features.len(), encoded.len());
            for (f, text) in features.iter().zip(encoded.iter()) {
                let want = serde_json::to_vec(f).expect("serialising to memory");
                assert_eq!(want, text.json, "feature text differs from serde_json's");
            }
            // A layer analysed alone (which skips the other layer's work, and
            // for incidents, articles without a trigger word) gives that layer
            // of the whole analysis.
            for layer in [Layer::Incidents, Layer::Places] {
                let alone = e.analyze_layer(&a.text, a.date, layer);
                let json = |analysis| -> Vec<Vec<u8>> {
                    emit::encode(&a, analysis, layer, &e.gazetteer)
                        .iter()
                        .map(|f| f.json.to_vec())
                        .collect()
                };
                assert_eq!(json(&alone), json(&analysis), "{layer:?} alone differs");
            }
        }
    });
});
