//! Compiles `data/gazetteer.csv` into the tables the binary reads in place (see
//! `src/gazetteer/layout.rs`): no CSV parsing and no index construction happen
//! when eventmap starts.

#[path = "src/gazetteer/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/gazetteer/layout.rs"]
#[allow(dead_code)]
mod layout;
#[path = "src/incidents/triggers.rs"]
mod triggers;

use std::collections::{BTreeMap, HashMap};
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=data/gazetteer.csv");
    println!("cargo:rerun-if-changed=data/us_counties.csv");
    println!("cargo:rerun-if-changed=src/gazetteer/fold.rs");
    println!("cargo:rerun-if-changed=src/gazetteer/layout.rs");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    compile_triggers(&out);
    compile_lexemes(&out);

    let mut strings: Vec<u8> = Vec::new();
    let mut interned: HashMap<String, (u32, u32)> = HashMap::new();
    let mut intern = |s: &str, strings: &mut Vec<u8>| -> (u32, u32) {
        if let Some(&r) = interned.get(s) {
            return r;
        }
        let r = (strings.len() as u32, s.len() as u32);
        strings.extend_from_slice(s.as_bytes());
        interned.insert(s.to_string(), r);
        r
    };

    let mut records: Vec<u8> = Vec::new();
    let mut labels: Vec<u8> = Vec::new();
    let mut ids: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    let mut capitals: Vec<(usize, String)> = Vec::new();
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();

    // The GeoNames-derived rows, then the US counties (scripts/gen_us_counties.py),
    // which have the same columns.
    for csv_path in ["data/gazetteer.csv", "data/us_counties.csv"] {
        let csv_path = PathBuf::from(csv_path);
        let mut reader = csv::Reader::from_path(&csv_path).unwrap_or_else(|e| {
            panic!("{}: {e} (run scripts/gen_gazetteer.py)", csv_path.display())
        });
        let headers = reader.headers().expect("gazetteer header").clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("gazetteer.csv lacks column {name}"))
        };
        let (c_id, c_name, c_ascii, c_alt) =
            (col("id"), col("name"), col("ascii_name"), col("alt_names"));
        let (c_lat, c_lon, c_fclass, c_fcode) = (
            col("lat"),
            col("lon"),
            col("feature_class"),
            col("feature_code"),
        );
        let (c_cc, c_a1code, c_a1name, c_pop, c_cap) = (
            col("country_code"),
            col("admin1_code"),
            col("admin1_name"),
            col("population"),
            col("capital"),
        );

        for (row, rec) in reader.records().enumerate() {
            let rec = rec.unwrap_or_else(|e| panic!("{} row {}: {e}", csv_path.display(), row + 2));
            let idx = (records.len() / layout::RECORD) as u32;
            let lat: f64 = rec[c_lat].parse().expect("lat");
            let lon: f64 = rec[c_lon].parse().expect("lon");
            let pop: u64 = rec[c_pop].parse().unwrap_or(0);
            let mut r = [0u8; layout::RECORD];
            let mut label = [0u8; layout::LABEL_RECORD];
            r[0..8].copy_from_slice(&lat.to_le_bytes());
            r[8..16].copy_from_slice(&lon.to_le_bytes());
            r[layout::POPULATION..layout::POPULATION + 8].copy_from_slice(&pop.to_le_bytes());
            let mut reference = |to: &mut [u8], at: usize, value: &str| {
                let (o, l) = intern(value, &mut strings);
                to[at..at + 4].copy_from_slice(&o.to_le_bytes());
                to[at + 4..at + 8].copy_from_slice(&l.to_le_bytes());
            };
            reference(&mut label, layout::STR_ID, &rec[c_id]);
            reference(&mut label, layout::STR_NAME, &rec[c_name]);
            reference(&mut label, layout::STR_ADMIN1_NAME, &rec[c_a1name]);
            reference(&mut r, layout::STR_ADMIN1_CODE, &rec[c_a1code]);
            reference(&mut r, layout::STR_FCODE, &rec[c_fcode]);
            r[layout::CAPITAL..layout::CAPITAL + 4].copy_from_slice(&layout::NONE.to_le_bytes());
            let cc = rec[c_cc].as_bytes();
            r[layout::COUNTRY] = *cc.first().unwrap_or(&b' ');
            r[layout::COUNTRY + 1] = *cc.get(1).unwrap_or(&b' ');
            r[layout::FCLASS] = *rec[c_fclass].as_bytes().first().unwrap_or(&b' ');
            r[layout::KIND] = layout::kind_code(r[layout::FCLASS], &rec[c_fcode]);
            r[layout::LOG_POPULATION..layout::LOG_POPULATION + 8]
                .copy_from_slice(&layout::log_population(pop).to_le_bytes());
            r[layout::COS_LAT..layout::COS_LAT + 8]
                .copy_from_slice(&layout::cos_lat(lat).to_le_bytes());
            records.extend_from_slice(&r);
            labels.extend_from_slice(&label);

            let id = rec[c_id].to_string();
            assert!(
                ids.insert(format!("id:{id}").into_bytes(), idx as u64)
                    .is_none(),
                "duplicate id {id}"
            );
            match &rec[c_fcode] {
                "ADM1" if !rec[c_a1code].is_empty() => {
                    ids.insert(format!("adm1:{}", &rec[c_a1code]).into_bytes(), idx as u64);
                }
                "PCLI" => {
                    ids.insert(format!("pcli:{}", &rec[c_cc]).into_bytes(), idx as u64);
                }
                _ => {}
            }
            if !rec[c_cap].is_empty() {
                capitals.push((idx as usize, rec[c_cap].to_string()));
            }

            let main = [&rec[c_name], &rec[c_ascii]];
            let alts = rec[c_alt].split('|');
            for (is_main, n) in main
                .iter()
                .map(|n| (true, *n))
                .chain(alts.map(|n| (false, n)))
            {
                let key = fold::fold(n.trim());
                if key.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                    continue;
                }
                let entry = idx << 1 | is_main as u32;
                let list = names.entry(key).or_default();
                if let Some(e) = list.iter_mut().find(|e| **e >> 1 == idx) {
                    *e |= entry;
                } else {
                    list.push(entry);
                }
            }
        }
    }

    // The names data/supplement.csv gives a row ("Kharkov", "USA", "Va.", "EU":
    // the spellings news uses, which GeoNames lacks or lists among hundreds of
    // alternates) count as main names of that row, like its own name.
    println!("cargo:rerun-if-changed=data/supplement.csv");
    let mut supplement =
        csv::Reader::from_path("data/supplement.csv").expect("data/supplement.csv");
    let headers = supplement.headers().expect("supplement header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .expect("supplement column")
    };
    let (s_id, s_name, s_alt, s_alias) =
        (col("id"), col("name"), col("alt_names"), col("alias_of"));
    for rec in supplement.records() {
        let rec = rec.expect("supplement row");
        // An alias row names an existing row; any other row is a row of its own.
        let target = match &rec[s_alias] {
            "" => &rec[s_id],
            alias => alias,
        };
        let Some(&idx) = ids
            .get(format!("id:{target}").as_bytes())
            .or_else(|| ids.get(format!("adm1:{target}").as_bytes()))
        else {
            continue;
        };
        for n in std::iter::once(&rec[s_name]).chain(rec[s_alt].split('|')) {
            if let Some(list) = names.get_mut(&fold::fold(n.trim())) {
                for e in list.iter_mut().filter(|e| **e >> 1 == idx as u32) {
                    *e |= 1;
                }
            }
        }
    }

    for (idx, cap) in capitals {
        if let Some(&c) = ids.get(format!("id:{cap}").as_bytes()) {
            let at = idx * layout::RECORD + layout::CAPITAL;
            records[at..at + 4].copy_from_slice(&(c as u32).to_le_bytes());
        }
    }

    let mut postings: Vec<u8> = Vec::new();
    let mut names_fst = fst::MapBuilder::memory();
    for (key, list) in &names {
        let at = (postings.len() / 4) as u64;
        postings.extend_from_slice(&(list.len() as u32).to_le_bytes());
        // The name's reach (layout.rs): its largest population, and whether one
        // of its places is a country or region, read without the rows.
        let mut max_pop = 0u64;
        let mut big_unit = false;
        for e in list {
            let rec = &records[(*e >> 1) as usize * layout::RECORD..][..layout::RECORD];
            max_pop = max_pop.max(u64::from_le_bytes(
                rec[layout::POPULATION..layout::POPULATION + 8]
                    .try_into()
                    .expect("8 bytes"),
            ));
            big_unit |= matches!(rec[layout::KIND], 1..=3);
        }
        let reach =
            max_pop.min(u64::from(layout::REACH_UNKNOWN)) as u32 | u32::from(big_unit) << 31;
        postings.extend_from_slice(&reach.to_le_bytes());
        for e in list {
            postings.extend_from_slice(&e.to_le_bytes());
        }
        names_fst.insert(key.as_bytes(), at).expect("sorted names");
    }
    let mut keys_fst = fst::MapBuilder::memory();
    for (k, v) in &ids {
        keys_fst.insert(k, *v).expect("sorted keys");
    }

    fs::write(out.join("places.bin"), &records).expect("write places.bin");
    fs::write(out.join("labels.bin"), &labels).expect("write labels.bin");
    fs::write(out.join("strings.bin"), &strings).expect("write strings.bin");
    fs::write(out.join("postings.bin"), &postings).expect("write postings.bin");
    fs::write(out.join("names.fst"), names_fst.into_inner().expect("fst"))
        .expect("write names.fst");
    fs::write(out.join("keys.fst"), keys_fst.into_inner().expect("fst")).expect("write keys.fst");
}

/// Compiles the incident trigger gate and set (`src/incidents/triggers.rs`) into
/// dense DFAs, minimised (~7.5 MB, ~6 s here), in the target's byte order:
/// the binary reads them in place instead of determinising them lazily in
/// every worker thread.
fn compile_triggers(out: &std::path::Path) {
    use regex_automata::{dfa::dense, MatchKind};
    println!("cargo:rerun-if-changed=src/incidents/triggers.rs");
    let big_endian = env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let gate = triggers::GATE.join("|");
    for (file, patterns, kind) in [
        (
            "trigger_gate.dfa",
            vec![gate.as_str()],
            MatchKind::LeftmostFirst,
        ),
        ("trigger_set.dfa", triggers::SET.to_vec(), MatchKind::All),
    ] {
        let dfa = dense::Builder::new()
            .syntax(triggers::syntax())
            .configure(dense::Config::new().match_kind(kind).minimize(true))
            .build_many(&patterns)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let (bytes, pad) = if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        fs::write(out.join(file), &bytes[pad..]).expect("write a trigger DFA");
    }
}

/// Compiles each trigger lexicon (`triggers::SET`) into the forward and
/// reverse dense DFAs of a `regex_automata::dfa::regex::Regex`, minimised, in
/// the target's byte order: `lexemes.dfa` holds them one after another (each
/// at a multiple of 8 bytes), and `lexemes.rs` their offsets. Compiling them
/// at run time, and determinising their lazy DFAs in every worker, was a fifth
/// of a one-article run and a tenth of a run over new articles.
fn compile_lexemes(out: &std::path::Path) {
    use regex_automata::dfa::{dense, regex};
    let big_endian = env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let mut blob: Vec<u8> = Vec::new();
    let mut spans: Vec<[usize; 4]> = Vec::new();
    for (i, p) in triggers::SET.iter().enumerate() {
        let re = regex::Builder::new()
            .syntax(triggers::syntax())
            .dense(dense::Config::new().minimize(true))
            .build(p)
            .unwrap_or_else(|e| panic!("lexicon {i}: {e}"));
        let mut span = [0; 4];
        for (k, dfa) in [re.forward(), re.reverse()].into_iter().enumerate() {
            let (bytes, pad) = if big_endian {
                dfa.to_bytes_big_endian()
            } else {
                dfa.to_bytes_little_endian()
            };
            blob.resize(blob.len().next_multiple_of(8), 0);
            span[2 * k] = blob.len();
            blob.extend_from_slice(&bytes[pad..]);
            span[2 * k + 1] = blob.len();
        }
        spans.push(span);
    }
    fs::write(out.join("lexemes.dfa"), &blob).expect("write the lexicon DFAs");
    let rows: Vec<String> = spans
        .iter()
        .map(|[a, b, c, d]| format!("    [{a}, {b}, {c}, {d}],"))
        .collect();
    let src = format!(
        "/// Where each trigger lexicon's forward and reverse DFAs are in `lexemes.dfa`\n\
         /// (written by build.rs), by its place in `triggers::SET`.\n\
         const LEXEME_SPANS: [[usize; 4]; {}] = [\n{}\n];\n",
        spans.len(),
        rows.join("\n")
    );
    fs::write(out.join("lexemes.rs"), src).expect("write the lexicon DFA offsets");
}
