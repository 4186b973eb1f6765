//! eventmap turns news articles into map layers: the places they name and the
//! incidents they report, as GeoJSON.
//!
//! The pipeline, one module per arrow, plain data in and out:
//!
//! ```text
//! input::Article ─▶ text::sentences ─▶ recognize ─▶ resolve ─▶ incidents ─▶ emit
//! ```
//!
//! [`Engine::analyze`] runs it on one article's text; [`cli`] wires it to files,
//! folders and streams.

pub mod batch;
pub mod cli;
pub mod confidence;
pub mod emit;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod incidents;
pub mod input;
pub mod recognize;
pub mod resolve;
pub mod text;

/// Texts for tests that compare a shortcut with what it replaces: the fixture
/// articles and, when `../shared` is beside the repository, the public
/// toponym corpora.
#[cfg(test)]
pub(crate) fn test_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root.join("tests/fixtures/articles")) {
        for e in dir.flatten() {
            texts.extend(std::fs::read_to_string(e.path()).ok());
        }
    }
    for corpus in ["lgl.jsonl", "geowebnews.jsonl"] {
        let path = root.join("../shared/eval/toponyms").join(corpus);
        for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
            if let Ok(serde_json::Value::Object(o)) = serde_json::from_str(line) {
                texts.extend(o.get("text").and_then(|t| t.as_str()).map(String::from));
            }
        }
    }
    texts
}

use chrono::NaiveDate;

pub use error::{Error, Result};
use gazetteer::{Gazetteer, PlaceIdx};
use incidents::Incident;
use recognize::Demonyms;

/// Which features to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layer {
    /// Incidents only.
    Incidents,
    /// Resolved places only.
    Places,
    /// Both.
    All,
}

/// A resolved place and where the article mentions it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceReport {
    /// The place.
    pub place: PlaceIdx,
    /// Byte spans of every mention, in text order.
    pub mentions: Vec<(usize, usize)>,
    /// How sure it is that a mention names this place (the best of its mentions,
    /// from [`confidence`]), 0..1; 0.9 for a country named only by demonyms.
    pub score: f64,
}

/// What eventmap found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Resolved places, by first mention (none from
    /// [`Engine::analyze_layer`] for the incidents layer alone).
    pub places: Vec<PlaceReport>,
    /// Incidents, by first evidence sentence (none from
    /// [`Engine::analyze_layer`] for the places layer alone).
    pub incidents: Vec<Incident>,
}

/// The gazetteer and lexicons, loaded once and shared by all articles.
#[derive(Debug)]
pub struct Engine {
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// The demonym table.
    pub demonyms: Demonyms,
    /// The places layer leaves out mentions less sure than this
    /// (default [`confidence::THRESHOLD`]; 0 keeps every resolved mention).
    pub min_score: f64,
}

impl Engine {
    /// An engine over `gazetteer` with the bundled lexicons.
    pub fn new(gazetteer: Gazetteer) -> Engine {
        Engine {
            gazetteer,
            demonyms: Demonyms::bundled(),
            min_score: confidence::THRESHOLD,
        }
    }

    /// Does step `step` of the one-time set-up that `layer`'s work needs
    /// (reading the trigger DFAs, compiling patterns, building word lists),
    /// which is otherwise done by the first article that needs each part
    /// while other threads that need it wait. False past the last step.
    /// [`batch::run`]'s workers take steps while they have no article yet.
    pub fn warm_up(&self, layer: Layer, mut step: usize) -> bool {
        let parts = [
            // The trigger gate first: the incidents layer reads it for every article.
            (
                layer != Layer::Places,
                incidents::WARM_UP_STEPS,
                incidents::warm_up as fn(usize),
            ),
            (true, recognize::WARM_UP_STEPS, recognize::warm_up),
        ];
        for (wanted, steps, run) in parts {
            if !wanted {
                continue;
            }
            if step < steps {
                run(step);
                return true;
            }
            step -= steps;
        }
        false
    }

    /// Runs the whole pipeline on one article's text.
    pub fn analyze(&self, text: &str, published: Option<NaiveDate>) -> Analysis {
        self.analyze_layer(text, published, Layer::All)
    }

    /// Runs the pipeline on one article's text as far as `layer` needs: the
    /// places layer alone extracts no incidents, and the incidents layer
    /// alone scores no places (their confidence model is a tenth of the
    /// work), leaving [`Analysis::incidents`] or [`Analysis::places`] empty;
    /// nor does it look for places in an article without a trigger word
    /// ([`incidents::may_report`]) or without a sentence that could report an
    /// event whatever its places are ([`incidents::may_classify`]).
    /// What it does compute is what [`Engine::analyze`] gives.
    pub fn analyze_layer(
        &self,
        text: &str,
        published: Option<NaiveDate>,
        layer: Layer,
    ) -> Analysis {
        let g = &self.gazetteer;
        // An article without a trigger word reports no incident: its sentences
        // are not wanted.
        let may_report = layer != Layer::Places && incidents::may_report(text);
        let sentences = may_report.then(|| text::sentences(text));
        let scans = sentences.as_ref().map(|s| incidents::Scans::new(text, s));
        // Nor, for the incidents layer alone, are the places of one without a
        // sentence that could report an event whatever its places are.
        if layer == Layer::Incidents && !scans.as_ref().is_some_and(incidents::may_classify_with) {
            return Analysis::default();
        }
        let recognized = recognize::recognize(text, g, &self.demonyms);
        let resolved = resolve::resolve(&recognized, g);
        let incidents = match (&sentences, &scans) {
            (Some(sentences), Some(scans)) => {
                let cx = incidents::Context {
                    text,
                    sentences,
                    recognized: &recognized,
                    resolved: &resolved,
                    published,
                };
                incidents::extract_with(&cx, g, scans)
            }
            _ => Vec::new(),
        };
        if layer == Layer::Incidents {
            return Analysis {
                places: Vec::new(),
                incidents,
            };
        }
        let mut places: Vec<PlaceReport> = Vec::new();
        // A mention of `place`; `score` is the mention's, or None for a word that
        // names it without being resolved (a nationality or continent adjective),
        // which gives a place named only so the score 0.9.
        let mut add = |place: PlaceIdx, span: (usize, usize), score: Option<f64>| match places
            .iter_mut()
            .find(|p| p.place == place)
        {
            Some(p) => {
                p.mentions.push(span);
                p.score = p.score.max(score.unwrap_or(0.0));
            }
            None => places.push(PlaceReport {
                place,
                mentions: vec![span],
                score: score.unwrap_or(0.9),
            }),
        };
        let features = confidence::features(text, &recognized, &resolved, g);
        for ((m, r), f) in recognized.mentions.iter().zip(&resolved).zip(&features) {
            let (Some(r), Some(f)) = (r, f) else { continue };
            // The places layer keeps the mentions the confidence model is sure
            // enough of. (Keeping also those where an incident happened cost
            // precision on LGL: .758 -> .746; the incident layer has them.)
            let score = confidence::probability(f);
            if score >= self.min_score {
                add(r.place, (m.start, m.end), Some(score));
            }
        }
        // Nationality words count as mentions of their country in the places
        // layer, as the geoparsing corpora count them ("Russian troops"), and
        // continent adjectives as mentions of the continent ("European"); the
        // incident layer reads nationality words as actors.
        for d in &recognized.demonyms {
            if let Some(country) = g.country(&d.country_code) {
                add(country, (d.start, d.end), None);
            }
        }
        for &(start, end, place) in &recognized.region_demonyms {
            add(place, (start, end), None);
        }
        for p in &mut places {
            p.mentions.sort();
        }
        places.sort_by_key(|p| p.mentions[0]);
        Analysis { places, incidents }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_up_takes_each_layers_steps_then_says_it_is_done() {
        let engine = Engine::new(Gazetteer::bundled());
        let steps = |layer| (0..).take_while(|&k| engine.warm_up(layer, k)).count();
        let (i, r) = (incidents::WARM_UP_STEPS, recognize::WARM_UP_STEPS);
        assert_eq!(steps(Layer::Incidents), i + r);
        assert_eq!(steps(Layer::Places), r);
        assert_eq!(steps(Layer::All), i + r);
        assert!(!engine.warm_up(Layer::All, usize::MAX));
    }
}
