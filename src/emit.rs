//! Emit: an article's [`Analysis`] in, GeoJSON [`Feature`]s out, and the
//! writers for a FeatureCollection (RFC 7946) and a GeoJSON Text Sequence
//! (RFC 8142).
//!
//! Features are built from geojson types, so they are valid by construction.
//! Every feature of a kind has the same property keys (`null` where unknown),
//! coordinates are rounded to 6 decimals, ids are stable hashes of the source,
//! kind, span and place, and features come in (source, offset) order: the same
//! input gives the same bytes.

use std::io::Write;

use geojson::{Feature, Geometry, JsonObject, JsonValue, Value};
use serde_json::json;

use crate::gazetteer::{Gazetteer, Place};
use crate::input::Article;
use crate::{Analysis, Layer};

/// Rounds to 6 decimals (about 0.1 m), as RFC 7946 §11.2 suggests.
pub fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0 // no "-0.0"
    } else {
        r
    }
}

/// 64-bit FNV-1a, for stable ids (std's hasher is not stable across releases).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn point(p: &Place<'_>) -> Geometry {
    Geometry::new(Value::Point(vec![round6(p.lon), round6(p.lat)]))
}

fn opt_str(s: &str) -> JsonValue {
    if s.is_empty() {
        JsonValue::Null
    } else {
        JsonValue::String(s.to_string())
    }
}

fn opt_string(s: &Option<String>) -> JsonValue {
    s.as_deref().map_or(JsonValue::Null, opt_str)
}

fn feature(id: String, geometry: Geometry, properties: JsonObject) -> Feature {
    Feature {
        bbox: None,
        geometry: Some(geometry),
        id: Some(geojson::feature::Id::String(id)),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// The features of one article, in offset order: places, then incidents, as the layer asks.
pub fn features(
    article: &Article,
    analysis: &Analysis,
    layer: Layer,
    g: &Gazetteer,
) -> Vec<Feature> {
    let mut out: Vec<(usize, u8, Feature)> = Vec::new();
    let text = &article.text;
    if layer != Layer::Incidents {
        for pr in &analysis.places {
            let p = g.place(pr.place);
            let (s, e) = pr.mentions[0];
            // Sized for its 15 keys: no regrowth and rehashing while filling.
            let mut props = JsonObject::with_capacity(15);
            props.insert("kind".into(), json!("place"));
            props.insert("place".into(), json!(p.name));
            props.insert("place_id".into(), json!(p.id));
            props.insert("country_code".into(), opt_str(p.country_code));
            props.insert("admin1".into(), opt_str(p.admin1_name));
            props.insert("geo_precision".into(), json!(place_precision(&p)));
            props.insert("feature".into(), json!(p.feature()));
            props.insert("population".into(), json!(p.population));
            props.insert("text".into(), json!(&text[s..e]));
            props.insert("span".into(), json!([s, e]));
            props.insert(
                "mentions".into(),
                json!(pr.mentions.iter().map(|m| [m.0, m.1]).collect::<Vec<_>>()),
            );
            props.insert("score".into(), json!((pr.score * 1000.0).round() / 1000.0));
            props.insert("source".into(), json!(article.source));
            props.insert("title".into(), opt_string(&article.title));
            props.insert("url".into(), opt_string(&article.url));
            let id = format!(
                "{:016x}",
                fnv1a(&[&article.source, "place", p.id, &s.to_string()])
            );
            out.push((s, 0, feature(id, point(&p), props)));
        }
    }
    if layer != Layer::Places {
        for inc in &analysis.incidents {
            let p = g.place(inc.place);
            let (s, e) = inc.evidence;
            // Sized for its 21 keys.
            let mut props = JsonObject::with_capacity(21);
            props.insert("kind".into(), json!("incident"));
            props.insert("event_type".into(), json!(inc.event_type));
            props.insert("sub_event_type".into(), json!(inc.sub_event_type));
            props.insert("place".into(), json!(p.name));
            props.insert("place_id".into(), json!(p.id));
            props.insert("country_code".into(), opt_str(p.country_code));
            props.insert("admin1".into(), opt_str(p.admin1_name));
            props.insert("geo_precision".into(), json!(inc.geo_precision));
            props.insert(
                "date".into(),
                inc.date
                    .map_or(JsonValue::Null, |d| json!(d.format("%Y-%m-%d").to_string())),
            );
            props.insert(
                "date_precision".into(),
                inc.date_precision.map_or(JsonValue::Null, |p| json!(p)),
            );
            props.insert("fatalities".into(), json!(inc.fatalities));
            props.insert("fatalities_text".into(), opt_string(&inc.fatalities_text));
            props.insert("actors".into(), json!(inc.actors));
            props.insert("claimed_by".into(), opt_string(&inc.claimed_by));
            props.insert("evidence".into(), json!(&text[s..e]));
            props.insert("source".into(), json!(article.source));
            props.insert("title".into(), opt_string(&article.title));
            props.insert("url".into(), opt_string(&article.url));
            props.insert("span".into(), json!([s, e]));
            props.insert(
                "spans".into(),
                json!(inc.spans.iter().map(|m| [m.0, m.1]).collect::<Vec<_>>()),
            );
            props.insert(
                "confidence".into(),
                json!((inc.confidence * 100.0).round() / 100.0),
            );
            let id = format!(
                "{:016x}",
                fnv1a(&[
                    &article.source,
                    "incident",
                    inc.sub_event_type,
                    p.id,
                    &inc.spans[0].0.to_string()
                ])
            );
            out.push((inc.spans[0].0, 1, feature(id, point(&p), props)));
        }
    }
    out.sort_by_key(|(s, k, _)| (*s, *k));
    out.into_iter().map(|(_, _, f)| f).collect()
}

/// 1 for towns, 3 for regions and countries.
pub fn place_precision(p: &Place<'_>) -> u8 {
    match p.kind() {
        crate::gazetteer::FeatureKind::Town => 1,
        // A county: part of an admin-1 region.
        _ if p.feature_code == "ADM2" => 2,
        _ => 3,
    }
}

/// Streams a FeatureCollection: features as they come, one per line, and the
/// bbox (`[west, south, east, north]`) after them, so nothing is held in memory.
#[derive(Debug)]
pub struct CollectionWriter<W: Write> {
    out: W,
    count: usize,
    bbox: [f64; 4],
}

impl<W: Write> CollectionWriter<W> {
    /// Starts the collection.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(CollectionWriter {
            out,
            count: 0,
            bbox: [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
        })
    }

    /// Writes one feature.
    pub fn push(&mut self, f: &Feature) -> std::io::Result<()> {
        if let Some(Geometry {
            value: Value::Point(c),
            ..
        }) = &f.geometry
        {
            self.bbox[0] = self.bbox[0].min(c[0]);
            self.bbox[1] = self.bbox[1].min(c[1]);
            self.bbox[2] = self.bbox[2].max(c[0]);
            self.bbox[3] = self.bbox[3].max(c[1]);
        }
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, f)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the collection and returns the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(b"\n]")?;
        if self.bbox[0].is_finite() {
            write!(
                self.out,
                ",\"bbox\":{}",
                serde_json::to_string(&self.bbox.to_vec())?
            )?;
        }
        self.out.write_all(b"}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes a whole FeatureCollection.
pub fn write_collection(features: Vec<Feature>, out: &mut impl Write) -> std::io::Result<()> {
    let mut w = CollectionWriter::new(out)?;
    for f in &features {
        w.push(f)?;
    }
    w.finish()?;
    Ok(())
}

/// Writes features as a GeoJSON Text Sequence (RFC 8142): RS, JSON, LF.
pub fn write_seq(features: &[Feature], out: &mut impl Write) -> std::io::Result<()> {
    for f in features {
        out.write_all(b"\x1e")?;
        serde_json::to_writer(&mut *out, f)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
