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
        let mut features = Vec::new();
        for article in read_articles(&rel, bytes, Format::Txt, &Defaults::default()) {
            let article = article.unwrap();
            let analysis = engine.analyze(&article.text, article.date);
            features.extend(emit::features(
                &article,
                &analysis,
                Layer::All,
                &engine.gazetteer,
            ));
        }
        let mut out = Vec::new();
        emit::write_collection(features, &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        insta::assert_json_snapshot!(value);
    });
}
