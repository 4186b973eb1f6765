//! End-to-end snapshots: every article in tests/fixtures/articles through the
//! whole pipeline with the bundled gazetteer. A changed snapshot is a change in
//! behaviour to review (`cargo insta review`).

use std::path::Path;

use eventmap::gazetteer::Gazetteer;
use eventmap::input::{read_articles, Defaults, Format};
use eventmap::{emit, Engine, Layer};

#[test]
fn articles() {
    let engine = Engine::new(Gazetteer::bundled());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::glob!("fixtures/articles/*.txt", |path| {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        let bytes = std::fs::read(path).unwrap();
        let mut out = emit::CollectionWriter::new(Vec::new()).unwrap();
        for article in read_articles(&rel, bytes, Format::Txt, &Defaults::default()) {
            let article = article.unwrap();
            let analysis = engine.analyze(&article.text, article.date);
            let features = emit::encode(&article, &analysis, Layer::All, &engine.gazetteer);
            out.extend(&features).unwrap();
        }
        let out = out.finish().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        insta::assert_json_snapshot!(value);
    });
}
