//! Per-stage benchmarks (divan): gazetteer load, recognition, resolution,
//! incidents, emit, and the whole per-article pipeline, on the example article
//! and on the public LGL corpus (../shared/eval) when it is present.
//!
//! Run: `cargo bench --bench pipeline`. Throughput is reported in bytes of
//! article text.

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use eventmap::gazetteer::Gazetteer;
use eventmap::input::Article;
use eventmap::{emit, incidents, recognize, resolve, text, Engine, Layer};

fn main() {
    divan::main();
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Gazetteer::bundled()))
}

/// The texts: the example article, and (if present) the LGL corpus joined.
fn texts() -> &'static [(&'static str, String)] {
    static T: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    T.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let example =
            std::fs::read_to_string(root.join("tests/fixtures/articles/lysychansk-2022-07-03.txt"))
                .unwrap();
        let mut v = vec![("example", example)];
        if let Ok(lgl) = std::fs::read_to_string(root.join("../shared/eval/toponyms/lgl.jsonl")) {
            let mut joined = String::new();
            for line in lgl.lines().take(200) {
                if let Ok(serde_json::Value::Object(o)) =
                    serde_json::from_str::<serde_json::Value>(line)
                {
                    if let Some(t) = o.get("text").and_then(|t| t.as_str()) {
                        joined.push_str(t);
                        joined.push_str("\n\n");
                    }
                }
            }
            v.push(("lgl200", joined));
        }
        v
    })
}

fn text_of(name: &str) -> &'static str {
    texts()
        .iter()
        .find(|t| t.0 == name)
        .map_or(&texts()[0].1, |t| &t.1)
}

const INPUTS: &[&str] = &["example", "lgl200"];

#[divan::bench]
fn gazetteer_load() -> Gazetteer {
    Gazetteer::bundled()
}

#[divan::bench(args = INPUTS)]
fn sentences(b: Bencher, name: &str) {
    let t = text_of(name);
    b.counter(BytesCount::of_str(t))
        .bench(|| text::sentences(black_box(t)));
}

#[divan::bench(args = INPUTS)]
fn recognition(b: Bencher, name: &str) {
    let (t, e) = (text_of(name), engine());
    b.counter(BytesCount::of_str(t))
        .bench(|| recognize::recognize(black_box(t), &e.gazetteer, &e.demonyms));
}

#[divan::bench(args = INPUTS)]
fn resolution(b: Bencher, name: &str) {
    let (t, e) = (text_of(name), engine());
    let rec = recognize::recognize(t, &e.gazetteer, &e.demonyms);
    b.counter(BytesCount::of_str(t))
        .bench(|| resolve::resolve(black_box(&rec), &e.gazetteer));
}

#[divan::bench(args = INPUTS)]
fn incident_extraction(b: Bencher, name: &str) {
    let (t, e) = (text_of(name), engine());
    let sents = text::sentences(t);
    let rec = recognize::recognize(t, &e.gazetteer, &e.demonyms);
    let res = resolve::resolve(&rec, &e.gazetteer);
    let published = chrono::NaiveDate::from_ymd_opt(2022, 7, 3);
    b.counter(BytesCount::of_str(t)).bench(|| {
        let cx = incidents::Context {
            text: t,
            sentences: &sents,
            recognized: &rec,
            resolved: &res,
            published,
        };
        incidents::extract(black_box(&cx), &e.gazetteer)
    });
}

#[divan::bench(args = INPUTS)]
fn emit_features(b: Bencher, name: &str) {
    let (t, e) = (text_of(name), engine());
    let article = Article {
        source: "bench.txt".into(),
        text: t.to_string(),
        title: None,
        url: None,
        date: chrono::NaiveDate::from_ymd_opt(2022, 7, 3),
    };
    let analysis = e.analyze(t, article.date);
    b.counter(BytesCount::of_str(t)).bench(|| {
        let f = emit::encode(&article, &analysis, Layer::All, &e.gazetteer);
        let mut out = Vec::with_capacity(64 * 1024);
        emit::write_collection(&f, &mut out).unwrap();
        out
    });
}

/// The whole pipeline on one input, as far as `layer` needs.
fn pipeline(b: Bencher, name: &str, layer: Layer) {
    let (t, e) = (text_of(name), engine());
    let date = chrono::NaiveDate::from_ymd_opt(2022, 7, 3);
    b.counter(BytesCount::of_str(t))
        .bench(|| e.analyze_layer(black_box(t), date, layer));
}

#[divan::bench(args = INPUTS)]
fn whole_article(b: Bencher, name: &str) {
    pipeline(b, name, Layer::All);
}

/// As far as the incidents layer alone (the default) needs.
#[divan::bench(args = INPUTS)]
fn incidents_layer(b: Bencher, name: &str) {
    pipeline(b, name, Layer::Incidents);
}

/// As far as the places layer alone needs.
#[divan::bench(args = INPUTS)]
fn places_layer(b: Bencher, name: &str) {
    pipeline(b, name, Layer::Places);
}
