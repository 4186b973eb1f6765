//! Emit: an article's [`Analysis`] in, GeoJSON features out, and the writers
//! for a FeatureCollection (RFC 7946) and a GeoJSON Text Sequence (RFC 8142).
//!
//! Features come two ways, from one list of property keys per kind:
//!
//! - [`encode`] writes them as JSON text ([`Encoded`]), the bytes the writers
//!   copy out. The workers of [`crate::batch`] run it, so the thread that writes
//!   the output only copies bytes; serde_json building a `Map` per feature and
//!   serialising it on that thread was a tenth of a run's CPU.
//! - [`features`] builds [`Feature`] values, for what reads properties back (the
//!   HTML and CSV exports) and for tests.
//!
//! Both take the properties from one function per kind (`place_properties`,
//! `incident_properties`) through the `Properties` trait, so they cannot
//! disagree on keys or their order, and tests check that the text is byte for
//! byte what serde_json writes for the [`Feature`] (strings escaped and numbers
//! formatted the same), which keeps the text valid GeoJSON.
//!
//! Every feature of a kind has the same property keys (`null` where unknown),
//! coordinates are rounded to 6 decimals, ids are stable hashes of the source,
//! kind, span and place, and features come in (source, offset) order: the same
//! input gives the same bytes.

use std::io::Write;

use geojson::{Feature, Geometry, JsonObject, JsonValue, Value};
use serde_json::json;

use crate::gazetteer::{Gazetteer, Place};
use crate::incidents::Incident;
use crate::input::Article;
use crate::{Analysis, Layer, PlaceReport};

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

/// The id of a feature: its hash as 16 lowercase hex digits.
fn hex_id(h: u64) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (i, d) in out.iter_mut().enumerate() {
        *d = b"0123456789abcdef"[(h >> (60 - 4 * i)) as usize & 0xf];
    }
    out
}

/// `s`, or `None` when it is empty (an unknown value is `null`, not `""`).
fn nonempty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Where a feature's properties go: a [`JsonObject`] for [`features`], JSON text
/// for [`encode`]. Keys are written in call order.
trait Properties {
    /// A string.
    fn str(&mut self, key: &str, v: &str);
    /// A string, or `null` for `None`.
    fn opt_str(&mut self, key: &str, v: Option<&str>);
    /// An unsigned integer.
    fn uint(&mut self, key: &str, v: u64);
    /// A number (`null` if not finite, as serde_json writes it).
    fn float(&mut self, key: &str, v: f64);
    /// A byte span, `[start, end]`.
    fn span(&mut self, key: &str, v: (usize, usize));
    /// Byte spans, `[[start, end], ...]`.
    fn spans(&mut self, key: &str, v: &[(usize, usize)]);
    /// An array of strings.
    fn strs(&mut self, key: &str, v: &[String]);
}

/// The properties of a place feature, in order (15 keys), and the id's hash.
fn place_properties(
    out: &mut impl Properties,
    article: &Article,
    pr: &PlaceReport,
    p: &Place<'_>,
) -> u64 {
    let (s, e) = pr.mentions[0];
    out.str("kind", "place");
    out.str("place", p.name);
    out.str("place_id", p.id);
    out.opt_str("country_code", nonempty(p.country_code));
    out.opt_str("admin1", nonempty(p.admin1_name));
    out.uint("geo_precision", place_precision(p).into());
    out.str("feature", p.feature());
    out.uint("population", p.population);
    out.str("text", &article.text[s..e]);
    out.span("span", (s, e));
    out.spans("mentions", &pr.mentions);
    out.float("score", (pr.score * 1000.0).round() / 1000.0);
    out.str("source", &article.source);
    out.opt_str("title", article.title.as_deref().and_then(nonempty));
    out.opt_str("url", article.url.as_deref().and_then(nonempty));
    fnv1a(&[
        &article.source,
        "place",
        p.id,
        itoa::Buffer::new().format(s),
    ])
}

/// The properties of an incident feature, in order (21 keys), and the id's hash.
fn incident_properties(
    out: &mut impl Properties,
    article: &Article,
    inc: &Incident,
    p: &Place<'_>,
) -> u64 {
    let (s, e) = inc.evidence;
    out.str("kind", "incident");
    out.str("event_type", inc.event_type);
    out.str("sub_event_type", inc.sub_event_type);
    out.str("place", p.name);
    out.str("place_id", p.id);
    out.opt_str("country_code", nonempty(p.country_code));
    out.opt_str("admin1", nonempty(p.admin1_name));
    out.uint("geo_precision", inc.geo_precision.into());
    let date = inc.date.map(|d| d.format("%Y-%m-%d").to_string());
    out.opt_str("date", date.as_deref());
    out.opt_str("date_precision", inc.date_precision);
    out.uint("fatalities", inc.fatalities.into());
    out.opt_str(
        "fatalities_text",
        inc.fatalities_text.as_deref().and_then(nonempty),
    );
    out.strs("actors", &inc.actors);
    out.opt_str("claimed_by", inc.claimed_by.as_deref().and_then(nonempty));
    out.str("evidence", &article.text[s..e]);
    out.str("source", &article.source);
    out.opt_str("title", article.title.as_deref().and_then(nonempty));
    out.opt_str("url", article.url.as_deref().and_then(nonempty));
    out.span("span", (s, e));
    out.spans("spans", &inc.spans);
    out.float("confidence", (inc.confidence * 100.0).round() / 100.0);
    fnv1a(&[
        &article.source,
        "incident",
        inc.sub_event_type,
        p.id,
        itoa::Buffer::new().format(inc.spans[0].0),
    ])
}

impl Properties for JsonObject {
    fn str(&mut self, key: &str, v: &str) {
        self.insert(key.into(), JsonValue::String(v.into()));
    }
    fn opt_str(&mut self, key: &str, v: Option<&str>) {
        self.insert(key.into(), v.map_or(JsonValue::Null, |v| v.into()));
    }
    fn uint(&mut self, key: &str, v: u64) {
        self.insert(key.into(), json!(v));
    }
    fn float(&mut self, key: &str, v: f64) {
        self.insert(key.into(), json!(v));
    }
    fn span(&mut self, key: &str, v: (usize, usize)) {
        self.insert(key.into(), json!([v.0, v.1]));
    }
    fn spans(&mut self, key: &str, v: &[(usize, usize)]) {
        self.insert(key.into(), v.iter().map(|m| json!([m.0, m.1])).collect());
    }
    fn strs(&mut self, key: &str, v: &[String]) {
        self.insert(key.into(), json!(v));
    }
}

/// Writes `s` as a JSON string, escaped exactly as serde_json escapes it:
/// `"` and `\`, the short escapes `\b \t \n \f \r`, other control characters
/// as `\u00XX`, everything else (DEL and non-ASCII included) as is.
fn write_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping (most text); the
        // last few padded with spaces, which need none.
        let mut chunk = [b' '; 8];
        let n = (bytes.len() - i).min(8);
        chunk[..n].copy_from_slice(&bytes[i..i + n]);
        if !needs_escape(u64::from_le_bytes(chunk)) {
            i += n;
            continue;
        }
        let b = bytes[i];
        i += 1;
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0c => b'f',
            b'\r' => b'r',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        buf.extend_from_slice(&bytes[run..i - 1]);
        run = i;
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[(b >> 4) as usize]);
            buf.push(HEX[(b & 0xf) as usize]);
        } else {
            buf.extend_from_slice(&[b'\\', short]);
        }
    }
    buf.extend_from_slice(&bytes[run..]);
    buf.push(b'"');
}

/// True if one of the eight bytes of `x` is a control character, `"` or `\`
/// (the bytes [`write_str`] escapes): a byte below 0x20 or equal to 0x22 or
/// 0x5C has its high bit set in the subtraction below and clear in `x`
/// (the classic "has a byte less than n" and "has a zero byte" word tricks).
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    (below_space | zero_in(quote) | zero_in(backslash)) & HIGH != 0
}

/// Writes a number as serde_json does: the shortest text that reads back as
/// `v`, and `null` for NaN and infinities.
fn write_f64(buf: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        buf.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        buf.extend_from_slice(b"null");
    }
}

fn write_uint(buf: &mut Vec<u8>, v: impl itoa::Integer) {
    buf.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

fn write_span(buf: &mut Vec<u8>, (s, e): (usize, usize)) {
    buf.push(b'[');
    write_uint(buf, s);
    buf.push(b',');
    write_uint(buf, e);
    buf.push(b']');
}

/// A properties object being written as JSON text: `{` is written before the
/// first key, and the caller writes the closing `}`.
struct PropertiesText<'a> {
    buf: &'a mut Vec<u8>,
    first: bool,
}

impl PropertiesText<'_> {
    fn key(&mut self, key: &str) {
        self.buf
            .extend_from_slice(if self.first { b"{" } else { b"," });
        self.first = false;
        // Keys are the output contract's names: nothing in them is escaped.
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\":");
    }
}

impl Properties for PropertiesText<'_> {
    fn str(&mut self, key: &str, v: &str) {
        self.key(key);
        write_str(self.buf, v);
    }
    fn opt_str(&mut self, key: &str, v: Option<&str>) {
        self.key(key);
        match v {
            Some(v) => write_str(self.buf, v),
            None => self.buf.extend_from_slice(b"null"),
        }
    }
    fn uint(&mut self, key: &str, v: u64) {
        self.key(key);
        write_uint(self.buf, v);
    }
    fn float(&mut self, key: &str, v: f64) {
        self.key(key);
        write_f64(self.buf, v);
    }
    fn span(&mut self, key: &str, v: (usize, usize)) {
        self.key(key);
        write_span(self.buf, v);
    }
    fn spans(&mut self, key: &str, v: &[(usize, usize)]) {
        self.key(key);
        self.buf.push(b'[');
        for (i, &m) in v.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            write_span(self.buf, m);
        }
        self.buf.push(b']');
    }
    fn strs(&mut self, key: &str, v: &[String]) {
        self.key(key);
        self.buf.push(b'[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            write_str(self.buf, s);
        }
        self.buf.push(b']');
    }
}

/// One feature of an article, before it is built or written.
#[derive(Clone, Copy)]
enum Item {
    Place(usize),
    Incident(usize),
}

/// The article's features in output order: by offset, a place before an
/// incident at the same offset, places and incidents as the layer asks.
fn items(analysis: &Analysis, layer: Layer) -> Vec<Item> {
    let mut out: Vec<(usize, u8, Item)> = Vec::new();
    if layer != Layer::Incidents {
        for (i, pr) in analysis.places.iter().enumerate() {
            out.push((pr.mentions[0].0, 0, Item::Place(i)));
        }
    }
    if layer != Layer::Places {
        for (i, inc) in analysis.incidents.iter().enumerate() {
            out.push((inc.spans[0].0, 1, Item::Incident(i)));
        }
    }
    out.sort_by_key(|(s, k, _)| (*s, *k));
    out.into_iter().map(|(_, _, item)| item).collect()
}

/// The features of one article as [`Feature`] values, in offset order: places,
/// then incidents, as the layer asks. The same features as [`encode`].
pub fn features(
    article: &Article,
    analysis: &Analysis,
    layer: Layer,
    g: &Gazetteer,
) -> Vec<Feature> {
    items(analysis, layer)
        .into_iter()
        .map(|item| {
            let (place, mut props, hash);
            match item {
                Item::Place(i) => {
                    let pr = &analysis.places[i];
                    place = g.place(pr.place);
                    props = JsonObject::with_capacity(15);
                    hash = place_properties(&mut props, article, pr, &place);
                }
                Item::Incident(i) => {
                    let inc = &analysis.incidents[i];
                    place = g.place(inc.place);
                    props = JsonObject::with_capacity(21);
                    hash = incident_properties(&mut props, article, inc, &place);
                }
            }
            let id = format!("{hash:016x}");
            Feature {
                bbox: None,
                geometry: Some(Geometry::new(Value::Point(vec![
                    round6(place.lon),
                    round6(place.lat),
                ]))),
                id: Some(geojson::feature::Id::String(id)),
                properties: Some(props),
                foreign_members: None,
            }
        })
        .collect()
}

/// One article's features as GeoJSON text, made by [`encode`]: each a compact
/// JSON object, as serde_json writes the [`Feature`] [`features`] builds.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// The features' JSON, back to back.
    json: Vec<u8>,
    /// One per feature, in order.
    entries: Vec<Entry>,
}

/// Where a feature of an [`Encoded`] article ends, and what the writers need
/// besides its bytes.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The end of its JSON in [`Encoded::json`].
    end: usize,
    point: [f64; 2],
    incident: bool,
}

/// One feature of an [`Encoded`] article.
#[derive(Debug, Clone, Copy)]
pub struct EncodedFeature<'a> {
    /// The feature as one line of compact JSON (no newline).
    pub json: &'a [u8],
    /// Its point, `[lon, lat]`, as written.
    pub point: [f64; 2],
    /// Whether it is an incident (else a place).
    pub incident: bool,
}

impl Encoded {
    /// How many features.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The features, in order.
    pub fn iter(&self) -> impl Iterator<Item = EncodedFeature<'_>> {
        let starts = std::iter::once(0).chain(self.entries.iter().map(|e| e.end));
        starts.zip(&self.entries).map(|(start, e)| EncodedFeature {
            json: &self.json[start..e.end],
            point: e.point,
            incident: e.incident,
        })
    }
}

/// The features of one article as JSON text, in the order and with the bytes
/// serde_json gives the [`features`] of the same article.
pub fn encode(article: &Article, analysis: &Analysis, layer: Layer, g: &Gazetteer) -> Encoded {
    let items = items(analysis, layer);
    // A feature is ~460 bytes on average on the bench corpus.
    let mut json = Vec::with_capacity(items.len() * 512);
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        let idx = match item {
            Item::Place(i) => analysis.places[i].place,
            Item::Incident(i) => analysis.incidents[i].place,
        };
        let place = g.place(idx);
        let point = [round6(place.lon), round6(place.lat)];
        json.extend_from_slice(
            b"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[",
        );
        write_f64(&mut json, point[0]);
        json.push(b',');
        write_f64(&mut json, point[1]);
        json.extend_from_slice(b"]},\"properties\":");
        let mut props = PropertiesText {
            buf: &mut json,
            first: true,
        };
        let hash = match item {
            Item::Place(i) => place_properties(&mut props, article, &analysis.places[i], &place),
            Item::Incident(i) => {
                incident_properties(&mut props, article, &analysis.incidents[i], &place)
            }
        };
        json.extend_from_slice(b"},\"id\":\"");
        json.extend_from_slice(&hex_id(hash));
        json.extend_from_slice(b"\"}");
        entries.push(Entry {
            end: json.len(),
            point,
            incident: matches!(item, Item::Incident(_)),
        });
    }
    Encoded { json, entries }
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
    pub fn push(&mut self, f: EncodedFeature<'_>) -> std::io::Result<()> {
        let [lon, lat] = f.point;
        self.bbox[0] = self.bbox[0].min(lon);
        self.bbox[1] = self.bbox[1].min(lat);
        self.bbox[2] = self.bbox[2].max(lon);
        self.bbox[3] = self.bbox[3].max(lat);
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        self.out.write_all(f.json)?;
        self.count += 1;
        Ok(())
    }

    /// Writes an article's features.
    pub fn extend(&mut self, features: &Encoded) -> std::io::Result<()> {
        features.iter().try_for_each(|f| self.push(f))
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

/// Writes one article's features as a whole FeatureCollection.
pub fn write_collection(features: &Encoded, out: &mut impl Write) -> std::io::Result<()> {
    let mut w = CollectionWriter::new(out)?;
    w.extend(features)?;
    w.finish()?;
    Ok(())
}

/// Writes features as a GeoJSON Text Sequence (RFC 8142): RS, JSON, LF.
pub fn write_seq(features: &Encoded, out: &mut impl Write) -> std::io::Result<()> {
    for f in features.iter() {
        out.write_all(b"\x1e")?;
        out.write_all(f.json)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{read_articles, Defaults, Format};
    use crate::Engine;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            let mut buf = Vec::new();
            write_str(&mut buf, &s);
            assert_eq!(buf, serde_json::to_vec(&s).unwrap(), "U+{:04X}", c as u32);
        }
        // Every character that is escaped, and its neighbours, at every offset of
        // a string longer than the eight bytes read at a time.
        for c in (0..0x80u32)
            .chain([0xe9, 0x2019, 0x1f600])
            .filter_map(char::from_u32)
        {
            for k in 0..20 {
                let s = format!("{}{c}{}{c}", "x".repeat(k), "\u{7f}".repeat(20 - k));
                let mut buf = Vec::new();
                write_str(&mut buf, &s);
                assert_eq!(
                    buf,
                    serde_json::to_vec(&s).unwrap(),
                    "U+{:04X} at {k}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn needs_escape_agrees_with_a_byte_test() {
        let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            // xorshift: words of random bytes, and of bytes near the escaped ones
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for w in [
                x,
                x & 0x3f3f_3f3f_3f3f_3f3f,
                (x & 0x0303_0303_0303_0303) + 0x5a5a_5a5a_5a5a_5a5a,
            ] {
                let want = w.to_le_bytes().iter().any(|&b| escaped(b));
                assert_eq!(needs_escape(w), want, "{w:#018x}");
            }
        }
    }

    #[test]
    fn numbers_are_formatted_as_serde_json_formats_them() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut values = vec![0.0, -0.0, 1.0, 0.1, 1e-7, 1e21, 123456.789, f64::NAN];
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            values.push(round6((x % 360_000_000) as f64 / 1e6 - 180.0));
        }
        for v in values {
            let mut buf = Vec::new();
            write_f64(&mut buf, v);
            assert_eq!(buf, serde_json::to_vec(&json!(v)).unwrap(), "{v:?}");
        }
    }

    /// Asserts that every encoded feature is what serde_json writes for the
    /// same [`Feature`], and returns how many there were.
    fn assert_encoded_as_serde_json(engine: &Engine, article: &Article) -> usize {
        let analysis = engine.analyze(&article.text, article.date);
        let g = &engine.gazetteer;
        let mut n = 0;
        for layer in [Layer::All, Layer::Places, Layer::Incidents] {
            let values = features(article, &analysis, layer, g);
            let encoded = encode(article, &analysis, layer, g);
            assert_eq!(encoded.len(), values.len());
            for (e, v) in encoded.iter().zip(&values) {
                assert_eq!(
                    String::from_utf8_lossy(e.json),
                    serde_json::to_string(v).unwrap()
                );
                assert_eq!(e.incident, v.property("kind") == Some(&json!("incident")));
                let Some(Value::Point(c)) = v.geometry.as_ref().map(|g| &g.value) else {
                    panic!("not a point")
                };
                assert_eq!(e.point.to_vec(), *c);
            }
            n += values.len();
        }
        n
    }

    #[test]
    fn encoded_features_are_what_serde_json_writes() {
        let engine = Engine::new(Gazetteer::bundled());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            for article in read_articles(&name, bytes, Format::Txt, &Defaults::default()) {
                n += assert_encoded_as_serde_json(&engine, &article.unwrap());
            }
        }
        assert!(n > 10, "{n} features");
        // Quotes, backslashes, control characters and non-ASCII in every string
        // property, empty strings (null), and no date.
        let article = Article {
            source: "odd \"path\"\\\u{1}\t/é.txt".into(),
            text: "Fighting in \"Kyiv\" on Monday\u{7}: a shell killed 3 \
                   civilians in Kharkiv\\Ukraine.\r\n\u{1f}Protesters marched in \
                   Lviv, Ukraine, and Odesa.\u{c}"
                .into(),
            title: Some("A \"title\"\n\u{0}\u{7f}ü".into()),
            url: Some(String::new()),
            date: None,
        };
        assert!(assert_encoded_as_serde_json(&engine, &article) > 3);
    }

    #[test]
    fn a_layer_analysed_alone_is_the_layer_of_the_whole_analysis() {
        let engine = Engine::new(Gazetteer::bundled());
        let g = &engine.gazetteer;
        let mut n = [0; 3];
        let (mut no_trigger, mut no_kind) = (0, 0);
        for text in crate::test_texts() {
            let article = Article {
                source: "t.txt".into(),
                text,
                title: None,
                url: None,
                date: chrono::NaiveDate::from_ymd_opt(2022, 7, 3),
            };
            let whole = engine.analyze(&article.text, article.date);
            if !crate::incidents::may_report(&article.text) {
                assert!(whole.incidents.is_empty());
                no_trigger += 1;
            } else if !crate::incidents::may_classify(
                &article.text,
                &crate::text::sentences(&article.text),
            ) {
                assert!(whole.incidents.is_empty());
                no_kind += 1;
            }
            for (k, layer) in [Layer::All, Layer::Places, Layer::Incidents]
                .into_iter()
                .enumerate()
            {
                let alone = engine.analyze_layer(&article.text, article.date, layer);
                let want = encode(&article, &whole, layer, g);
                let got = encode(&article, &alone, layer, g);
                let json = |e: &Encoded| e.iter().map(|f| f.json.to_vec()).collect::<Vec<_>>();
                assert_eq!(
                    json(&got),
                    json(&want),
                    "{layer:?}: {}",
                    &article.text[..60.min(article.text.len())]
                );
                n[k] += want.len();
            }
        }
        assert!(n.iter().all(|&k| k > 10), "{n:?}");
        // Articles without a trigger word are skipped by the incidents layer,
        // and so are those without a sentence that could report an event.
        assert!(no_trigger > 10 && no_kind > 10, "{no_trigger} {no_kind}");
    }
}
