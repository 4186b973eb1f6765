//! The binary as a user runs it: exit codes, stderr, files, and the output
//! contract checked by the project's checker (../shared/tools/check_contract.py,
//! or the copy in tests/contract/ when the shared folder is absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLE: &str = "tests/fixtures/articles/lysychansk-2022-07-03.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn eventmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventmap"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .expect("run eventmap")
}

fn tmpdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn check_contract(file: &Path, kind: &str) {
    let shared = root().join("../shared/tools/check_contract.py");
    let checker = if shared.exists() {
        shared
    } else {
        root().join("tests/contract/check_contract.py")
    };
    let o = Command::new("python3")
        .arg(&checker)
        .arg(file)
        .args(["--require-kind", kind])
        .output()
        .expect("python3 is needed for the contract check");
    assert!(
        o.status.success(),
        "contract check failed on {}:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn features(path: &Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["features"].as_array().unwrap().clone()
}

#[test]
fn map_example_writes_a_layer_that_meets_the_contract() {
    let dir = tmpdir();
    let out = dir.path().join("lys.geojson");
    let o = eventmap(&["map", EXAMPLE, "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "with -o nothing goes to stdout");
    check_contract(&out, "incident");
    let f = features(&out);
    assert!(f.len() >= 7, "{} incidents", f.len());
    for feat in &f {
        let place = feat["properties"]["place"].as_str().unwrap();
        assert!(
            place != "Kyiv" && place != "Moscow",
            "an incident at the capital a statement came from: {feat}"
        );
    }

    let all = dir.path().join("all.geojson");
    let o = eventmap(&[
        "map",
        EXAMPLE,
        "--layer",
        "all",
        "-o",
        all.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    check_contract(&all, "place");
    let f = features(&all);
    let kinds: std::collections::BTreeSet<&str> = f
        .iter()
        .map(|x| x["properties"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["incident", "place"]);
}

#[test]
fn example_matches_its_reference_coding() {
    // The public example's gold coding, scored by the project's scorer.
    let scorer = root().join("../shared/eval/incidents/score_incidents.py");
    let gold = root().join("../shared/eval/incidents/example/lysychansk-2022-07-03.gold.jsonl");
    if !scorer.exists() {
        eprintln!("skipped: {} is not here", scorer.display());
        return;
    }
    let dir = tmpdir();
    let out = dir.path().join("lys.geojson");
    assert!(eventmap(&["map", EXAMPLE, "-o", out.to_str().unwrap()])
        .status
        .success());
    let o = Command::new("python3")
        .arg(&scorer)
        .arg("score")
        .arg(&gold)
        .arg("--pred")
        .arg(&out)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = &v["overall"];
    let rate = |k: &str| {
        o[k]["rate"]
            .as_f64()
            .unwrap_or_else(|| panic!("no overall.{k}.rate in {o}"))
    };
    // Every reference incident detected with its type, within 50 km; at most two extra incidents.
    assert_eq!(rate("detected"), 1.0, "{o}");
    assert_eq!(rate("event_type"), 1.0, "{o}");
    assert_eq!(rate("loc_50km"), 1.0, "{o}");
    assert!(o["extra_per_note"].as_f64().unwrap() <= 2.0, "{o}");
}

#[test]
fn seq_output_is_rfc8142_and_meets_the_contract() {
    let o = eventmap(&["map", EXAMPLE, "--seq", "--layer", "all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout.first(), Some(&0x1e));
    let dir = tmpdir();
    let p = dir.path().join("out.geojsons");
    std::fs::write(&p, &o.stdout).unwrap();
    check_contract(&p, "incident");
}

#[test]
fn date_flag_fills_a_missing_date() {
    let dir = tmpdir();
    let article = dir.path().join("article.txt");
    std::fs::copy(root().join(EXAMPLE), &article).unwrap();
    let o = eventmap(&[
        "map",
        article.to_str().unwrap(),
        "--date",
        "2022-07-03",
        "--seq",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("\"date\":\"2022-07-03\""), "{s}");
    let o = eventmap(&["map", article.to_str().unwrap(), "--seq"]);
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        !s.contains("\"date\":\"2022-07-03\""),
        "without a publication date no day is invented: {s}"
    );
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tmpdir();
    let out = dir.path().join("out.geojson");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, b"%PDF").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.path().join("missing.txt");
    let o = eventmap(&[
        "map",
        missing.to_str().unwrap(),
        pdf.to_str().unwrap(),
        empty.to_str().unwrap(),
        EXAMPLE,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("eventmap: warning: {}: ", missing.display())),
        "{e}"
    );
    assert!(
        e.contains("unsupported format \"pdf\" (supported: txt, md"),
        "{e}"
    );
    assert!(e.contains("empty.txt: empty file"), "{e}");
    assert!(features(&out).len() >= 7, "the good input was still mapped");
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(eventmap(&["map"]).status.code(), Some(2));
    assert_eq!(
        eventmap(&["map", EXAMPLE, "--date", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(eventmap(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn lookup_lists_candidates_best_first() {
    let o = eventmap(&["lookup", "Kursk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = String::from_utf8(o.stdout).unwrap();
    let first = s.lines().nth(1).unwrap();
    assert!(
        first.contains("geonames:538560") && first.contains("town"),
        "{s}"
    );
    assert!(s.contains("admin1"), "the region is a candidate too: {s}");
    assert_eq!(eventmap(&["lookup", "Qwxzzyq"]).status.code(), Some(1));
}

#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let a = eventmap(&[
        "map",
        "tests/fixtures/articles",
        "--layer",
        "all",
        "--jobs",
        "1",
    ]);
    let b = eventmap(&[
        "map",
        "tests/fixtures/articles",
        "--layer",
        "all",
        "--jobs",
        "3",
    ]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn extra_gazetteer_rows_are_recognised() {
    let dir = tmpdir();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Shelling hit Zzyzxville on Monday.\n").unwrap();
    let gaz = root().join("tests/fixtures/gazetteer.csv");
    let o = eventmap(&[
        "map",
        article.to_str().unwrap(),
        "--layer",
        "places",
        "--gazetteer",
        gaz.to_str().unwrap(),
        "--seq",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"place_id\":\"test:1\""));
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,name,lat,lon\nx:1,Nowhere,95,10\n").unwrap();
    let o = eventmap(&[
        "map",
        article.to_str().unwrap(),
        "--gazetteer",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bad.csv: line 2: lat \"95\" is not a number in [-90, 90]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn out_dir_writes_one_file_per_article() {
    let dir = tmpdir();
    let o = eventmap(&[
        "map",
        "tests/fixtures/articles",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(
        names
            .iter()
            .any(|p| p.ends_with("lysychansk-2022-07-03.geojson")),
        "{names:?}"
    );
}
