//! How sure a resolved mention is: the probability that it names a place and
//! that its point is within 161 km of the place meant, from a logistic model.
//!
//! Recognition and resolution each decide with rules; what neither can see alone
//! is how the evidence adds up: a single capitalised word that English also uses
//! as an ordinary word ("Station 1"), a first name that is also a small town, a
//! town whose country nothing else in the article shares. The model weighs such
//! features of the mention, its reading and the article ([`FEATURES`]). Its
//! [`WEIGHTS`] are fitted by `scripts/fit_confidence.py` on the public corpora of
//! ../shared/eval (LGL and GeoWebNews; cross-corpus figures in the script's
//! output and the commit), and the places layer leaves out mentions below
//! [`THRESHOLD`]. The incident layer does not use it: its triggers and cues
//! already require a place where something happened.

use crate::gazetteer::{FeatureKind, Gazetteer, Place, PlaceIdx};
use crate::recognize::{is_first_name, is_surname, word_before, Mention, Recognized};
use crate::resolve::{haversine_km, Radians, Resolved};
use foldhash::{HashMap, HashMapExt, HashSet};

/// The features of a mention, by name (the order of [`WEIGHTS`]).
pub const FEATURES: [&str; M] = [
    "bias",
    "country",
    "admin1_or_region",
    "town",
    "log_population",
    "resolution_score",
    "log_candidates",
    "single_word",
    "first_name",
    "surname",
    "common_word",
    "after_place_preposition",
    "sentence_start",
    "main_name",
    "log_repeats",
    "same_country_share",
    "same_admin1_share",
    "qualified",
    "cued",
    "all_caps",
    "possessive",
    "log_km_to_nearest",
    "small_town",
    "small_town_common_word",
    "small_town_person_name",
    "lowercase_elsewhere",
    "town_log_population",
    "short_name",
];

/// How many features.
pub const M: usize = 28;

/// Fitted by `scripts/fit_confidence.py` (logistic regression, L2); see the module doc.
pub const WEIGHTS: [f64; M] = [
    -7.576, 3.405, 2.129, -3.898, -0.010, 4.504, -0.080, 0.373, -0.241, -1.012, -0.855, 0.856,
    -0.197, 1.850, -0.099, 0.737, 1.990, 1.328, -0.246, 0.987, 0.016, -0.034, 0.612, -0.893, 0.105,
    -1.015, 1.097, -0.721,
];

/// Mentions less sure than this are left out of the places layer: the
/// threshold at which, cross-corpus (weights fitted on one corpus, applied to
/// the other), precision within 161 km passes .75 on both while recall stays
/// above Mordecai 3's published figures (see `scripts/fit_confidence.py`).
pub const THRESHOLD: f64 = 0.4;

/// True if `lower_word` is an ordinary English word that is also a gazetteer
/// name (`data/common_words.txt`, from Debian's wamerican word list).
pub fn is_common_word(lower_word: &str) -> bool {
    static WORDS: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| crate::text::word_list(include_str!("../data/common_words.txt")))
        .contains(lower_word)
}

/// The features of every mention of `rec` (aligned with `rec.mentions`; `None`
/// where the mention did not resolve).
pub fn features(
    text: &str,
    rec: &Recognized,
    resolved: &[Option<Resolved>],
    g: &Gazetteer,
) -> Vec<Option<[f64; M]>> {
    let ms = &rec.mentions;
    let places: Vec<Option<Place<'_>>> = resolved
        .iter()
        .map(|r| r.map(|r| g.place(r.place)))
        .collect();
    let keys: Vec<&str> = ms.iter().map(|m| m.key.as_str()).collect();
    // Countries named by demonyms count towards the article's countries.
    let n_places = places.iter().flatten().count() + rec.demonyms.len();
    let qualifiers: HashSet<usize> = ms.iter().filter_map(|m| m.qualifier).collect();
    // Counts over the article, so that each mention's features cost no more
    // than a look-up (an article of thousands of mentions stays linear).
    let mut key_count: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *key_count.entry(k).or_default() += 1;
    }
    let mut cc_count: HashMap<&str, usize> = HashMap::new();
    let mut a1_count: HashMap<&str, usize> = HashMap::new();
    // Distinct points of the places that are not countries, with how many mentions.
    let mut points: Vec<(PlaceIdx, f64, Radians, usize)> = Vec::new();
    let mut point_of: HashMap<PlaceIdx, usize> = HashMap::new();
    for p in places.iter().flatten() {
        *cc_count.entry(p.country_code).or_default() += 1;
        *a1_count.entry(p.admin1_code).or_default() += 1;
        if p.kind() != FeatureKind::Country {
            let k = *point_of.entry(p.idx).or_insert_with(|| {
                points.push((p.idx, p.lat, Radians::new((p.lat, p.lon)), 0));
                points.len() - 1
            });
            points[k].3 += 1;
        }
    }
    for d in &rec.demonyms {
        *cc_count.entry(d.country_code.as_str()).or_default() += 1;
    }
    let mut lowercase_seen: HashMap<&str, bool> = HashMap::new();
    (0..ms.len())
        .map(|i| {
            let m: &Mention = &ms[i];
            let p = places[i]?;
            let r = resolved[i]?;
            let name = &text[m.start..m.end];
            let mut f = [0.0; M];
            f[0] = 1.0;
            let kind = p.kind();
            match kind {
                FeatureKind::Country => f[1] = 1.0,
                FeatureKind::Admin1 | FeatureKind::Region => f[2] = 1.0,
                FeatureKind::Town => f[3] = 1.0,
                FeatureKind::Other => {}
            }
            f[4] = (p.population as f64 + 1.0).log10();
            f[5] = r.score;
            f[6] = (m.hits.len() as f64).ln();
            let single = !name.contains(char::is_whitespace);
            let key = &keys[i];
            if single {
                f[7] = 1.0;
                f[8] = f64::from(u8::from(is_first_name(key)));
                f[9] = f64::from(u8::from(is_surname(key)));
                f[10] = f64::from(u8::from(is_common_word(key)));
            }
            // ASCII case folding is Unicode's for these words: no character
            // but "K" (Kelvin) lowercases to an ASCII letter, and none has a "k".
            f[11] = f64::from(u8::from(word_before(text, m.start).is_some_and(
                |(_, w)| {
                    [
                        "in", "at", "near", "from", "outside", "to", "of", "around", "across",
                    ]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
                },
            )));
            f[12] = f64::from(u8::from(m.cues.sentence_start));
            // A name in another script than the gazetteer's main names (Cyrillic,
            // Arabic) is the local name, not a doubtful alternate.
            let native = !name.chars().any(|c| c.is_ascii_alphabetic());
            f[13] = f64::from(u8::from(
                native || m.hits.iter().any(|h| h.place == r.place && h.main),
            ));
            f[14] = (key_count[key] as f64).ln();
            let others = n_places.saturating_sub(1).max(1) as f64;
            // The counts include this mention's own place once.
            let same_cc = cc_count[p.country_code] - 1;
            f[15] = same_cc as f64 / others;
            if !p.admin1_code.is_empty() {
                let same_a1 = a1_count[p.admin1_code] - 1;
                f[16] = same_a1 as f64 / others;
            }
            f[17] = f64::from(u8::from(m.qualifier.is_some() || qualifiers.contains(&i)));
            f[18] = f64::from(u8::from(m.cues.region || m.cues.town || m.cues.container));
            let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
            f[19] = f64::from(u8::from(
                letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()),
            ));
            f[20] = f64::from(u8::from(m.cues.possessive));
            let mut nearest = f64::INFINITY;
            if kind != FeatureKind::Country {
                let here = Radians::new((p.lat, p.lon));
                for &(idx, lat, there, n) in &points {
                    // Another mention of the same place is at distance 0.
                    if idx == p.idx {
                        if n > 1 {
                            nearest = 0.0;
                        }
                        continue;
                    }
                    // A degree of latitude is at least 110.5 km: no trigonometry
                    // for places that cannot be nearer than the nearest so far.
                    if (lat - p.lat).abs() * 110.5 < nearest {
                        nearest = nearest.min(haversine_km(here, there));
                    }
                }
            }
            f[21] = if kind == FeatureKind::Country || !nearest.is_finite() {
                10.0
            } else {
                (1.0 + nearest).ln()
            };
            let small_town = kind == FeatureKind::Town && p.population < 50_000;
            if small_town {
                f[22] = 1.0;
                f[23] = f[10];
                f[24] = f64::from(u8::from(f[8] > 0.0 || f[9] > 0.0));
            }
            if single {
                let seen = *lowercase_seen
                    .entry(name)
                    .or_insert_with(|| lowercase_elsewhere(text, name));
                f[25] = f64::from(u8::from(seen));
            }
            if kind == FeatureKind::Town {
                f[26] = f[4];
            }
            f[27] = f64::from(u8::from(name.chars().count() <= 4));
            Some(f)
        })
        .collect()
}

/// True if the word `name` (capitalised in the mention) also stands in `text`
/// in lowercase, as a whole word: "the station", "a delta".
fn lowercase_elsewhere(text: &str, name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower == name || lower.is_empty() {
        return false;
    }
    memchr::memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|at| {
        // A match of a whole UTF-8 string starts and ends on character boundaries.
        let before = text[..at].chars().next_back();
        let after = text[at + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The probability for one feature vector.
pub fn probability(f: &[f64; M]) -> f64 {
    let z: f64 = f.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::{recognize, Demonyms};
    use crate::resolve::resolve;

    /// The probability of each resolved mention, by its text.
    fn sure(text: &str) -> Vec<(String, f64)> {
        let g = Gazetteer::bundled();
        let rec = recognize(text, &g, &Demonyms::bundled());
        let resolved = resolve(&rec, &g);
        rec.mentions
            .iter()
            .zip(features(text, &rec, &resolved, &g))
            .filter_map(|(m, f)| Some((text[m.start..m.end].to_string(), probability(&f?))))
            .collect()
    }

    #[test]
    fn common_words_are_less_sure_than_named_cities() {
        assert!(is_common_word("station"));
        assert!(!is_common_word("paris"));
        let p = sure("Crews from Station 4 and the Salvation Army helped. Troops entered Kharkiv and Kupiansk in Ukraine.");
        let get = |n: &str| p.iter().find(|(t, _)| t == n).map(|(_, s)| *s);
        assert!(get("Kharkiv").unwrap() > THRESHOLD, "{p:?}");
        assert!(get("Ukraine").unwrap() > THRESHOLD, "{p:?}");
        if let Some(s) = get("Station") {
            assert!(s < get("Kharkiv").unwrap(), "{p:?}");
        }
    }

    #[test]
    fn news_spellings_of_big_cities_are_kept() {
        let p = sure("Russian forces shelled Kiev and Kharkov on Monday, Ukrainian officials said. Zaporozhye was also hit.");
        for name in ["Kiev", "Kharkov", "Zaporozhye"] {
            let s = p.iter().find(|(t, _)| t == name).map(|(_, s)| *s);
            assert!(s.is_some_and(|s| s > THRESHOLD), "{name}: {p:?}");
        }
    }

    #[test]
    fn lowercase_use_elsewhere_is_seen() {
        assert!(lowercase_elsewhere("Delta flew. The river delta", "Delta"));
        assert!(!lowercase_elsewhere("Delta flew. The deltas", "Delta"));
    }
}
