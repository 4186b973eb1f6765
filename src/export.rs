//! Exports beside the GeoJSON layer: emitted [`Feature`]s in, bytes out.
//!
//! - [`write_html`]: one self-contained HTML page (Leaflet map, offline basemap,
//!   clustered incidents coloured by event type, filters, popups). Everything is
//!   inlined: the libraries and the Natural Earth basemap that
//!   `scripts/vendor_assets.py` vendors into `assets/` are compiled into the binary,
//!   so writing and opening the page needs no network.
//! - [`write_csv`]: one row per incident with ACLED-like columns.
//! - [`write_qml`]: a QGIS 3 layer style, categorised by `event_type` with the
//!   page's colours, so the layer looks the same in QGIS.

use std::collections::HashMap;
use std::io::Write;

use geojson::{Feature, JsonValue, Value};
use serde_json::json;

/// ACLED's event types in codebook order, with their colour on the map (HTML and QML).
pub const EVENT_COLOURS: [(&str, &str); 6] = [
    ("Battles", "#e15759"),
    ("Explosions/Remote violence", "#f28e2b"),
    ("Violence against civilians", "#b07aa1"),
    ("Protests", "#4e79a7"),
    ("Riots", "#9c755f"),
    ("Strategic developments", "#59a14f"),
];

/// Colour of an event type outside the taxonomy.
pub const OTHER_COLOUR: &str = "#9d9d9d";

/// The colour of `event_type` ([`OTHER_COLOUR`] outside the taxonomy).
pub fn event_colour(event_type: &str) -> &'static str {
    EVENT_COLOURS
        .iter()
        .find(|(t, _)| *t == event_type)
        .map_or(OTHER_COLOUR, |(_, c)| c)
}

// Vendored by scripts/vendor_assets.py (see assets/README.md); eventmap's own page code
// lives beside them in assets/eventmap/.
const LEAFLET_JS: &str = include_str!("../assets/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../assets/leaflet/leaflet.css");
const CLUSTER_JS: &str = include_str!("../assets/leaflet.markercluster/leaflet.markercluster.js");
const CLUSTER_CSS: &str = include_str!("../assets/leaflet.markercluster/MarkerCluster.css");
const TOPOJSON_JS: &str = include_str!("../assets/topojson-client/topojson-client.min.js");
const COUNTRIES_TOPOJSON: &str = include_str!("../assets/world-atlas/countries-110m.json");
const PAGE_JS: &str = include_str!("../assets/eventmap/map.js");
const PAGE_CSS: &str = include_str!("../assets/eventmap/map.css");
const LICENCES: [(&str, &str); 4] = [
    (
        "Leaflet 1.9.4 (BSD-2-Clause)",
        include_str!("../assets/leaflet/LICENSE"),
    ),
    (
        "Leaflet.markercluster 1.5.3 (MIT)",
        include_str!("../assets/leaflet.markercluster/MIT-LICENCE.txt"),
    ),
    (
        "topojson-client 3.1.0 (ISC)",
        include_str!("../assets/topojson-client/LICENSE"),
    ),
    (
        "world-atlas 2.0.2 (ISC); its data is Natural Earth 4.1.0, public domain",
        include_str!("../assets/world-atlas/LICENSE"),
    ),
];

fn str_prop<'a>(f: &'a Feature, key: &str) -> Option<&'a str> {
    f.property(key).and_then(JsonValue::as_str)
}

fn prop(f: &Feature, key: &str) -> JsonValue {
    f.property(key).cloned().unwrap_or(JsonValue::Null)
}

fn kind(f: &Feature) -> Option<&str> {
    str_prop(f, "kind")
}

/// `(lon, lat)` of a Point feature.
fn lon_lat(f: &Feature) -> Option<(f64, f64)> {
    match &f.geometry.as_ref()?.value {
        Value::Point(c) if c.len() >= 2 => Some((c[0], c[1])),
        _ => None,
    }
}

fn feature_id(f: &Feature) -> String {
    match &f.id {
        Some(geojson::feature::Id::String(s)) => s.clone(),
        Some(geojson::feature::Id::Number(n)) => n.to_string(),
        None => String::new(),
    }
}

/// JSON text made safe inside a `<script>` element: every `<` becomes `\u003c`
/// (JSON allows `<` only inside strings, where the escape means the same), so no
/// `</script>` or `<!--` in article text can end the element.
fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Rows of JSON text, comma-separated, in a temporary file: the parts of the
/// page's data that grow with the corpus, kept out of memory.
struct Spill {
    w: std::io::BufWriter<std::fs::File>,
    n: usize,
}

impl Spill {
    fn new(file: std::fs::File) -> Spill {
        Spill {
            w: std::io::BufWriter::new(file),
            n: 0,
        }
    }

    /// Appends `row` as JSON made safe for a `<script>` ([`script_json`]).
    fn push(&mut self, row: &JsonValue) -> std::io::Result<()> {
        if self.n > 0 {
            self.w.write_all(b",")?;
        }
        self.w
            .write_all(script_json(&serde_json::to_string(row)?).as_bytes())?;
        self.n += 1;
        Ok(())
    }

    /// Copies the rows to `out`.
    fn copy_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        use std::io::Seek;
        let mut f = self.w.into_inner().map_err(|e| e.into_error())?;
        f.rewind()?;
        std::io::copy(&mut f, out)?;
        Ok(())
    }
}

/// One place of the page: the place features of every article that names it, merged.
struct MergedPlace {
    /// The row of its first feature (id, coordinates, name and attributes) as
    /// JSON text, without the closing `]`.
    head: String,
    /// Mentions in all articles.
    mentions: usize,
    /// The articles naming it (indices into the sources table).
    sources: Vec<usize>,
}

/// The HTML page ([`write_html`]) of a stream of features, gathered as articles
/// are mapped: a table of sources, the event types present (taxonomy order,
/// with colours), incidents as rows of `incident_fields`, and places merged by
/// `place_id` (one marker per place, with how often and in which articles it
/// is named) as rows of `place_fields`. The sources and incidents, which grow
/// with the corpus, wait in temporary files as JSON text; only the places
/// (one entry per distinct place) and each source's number stay in memory, so a
/// page of a large corpus does not hold its features.
pub struct MapWriter {
    sources: HashMap<String, usize>,
    source_rows: Spill,
    incident_rows: Spill,
    types_present: Vec<String>,
    places: Vec<MergedPlace>,
    place_idx: HashMap<String, usize>,
}

impl MapWriter {
    /// A page whose rows wait in temporary files in `dir` (beside the page, so
    /// that they go where the page will).
    pub fn new_in(dir: &std::path::Path) -> std::io::Result<MapWriter> {
        Ok(MapWriter::with(
            tempfile::tempfile_in(dir)?,
            tempfile::tempfile_in(dir)?,
        ))
    }

    /// A page whose rows wait in the system's temporary folder.
    pub fn new() -> std::io::Result<MapWriter> {
        Ok(MapWriter::with(
            tempfile::tempfile()?,
            tempfile::tempfile()?,
        ))
    }

    fn with(sources: std::fs::File, incidents: std::fs::File) -> MapWriter {
        MapWriter {
            sources: HashMap::new(),
            source_rows: Spill::new(sources),
            incident_rows: Spill::new(incidents),
            types_present: Vec::new(),
            places: Vec::new(),
            place_idx: HashMap::new(),
        }
    }

    /// The number of `f`'s source (`[source, title, url]` in the sources table).
    fn source(&mut self, f: &Feature) -> std::io::Result<usize> {
        let name = str_prop(f, "source").unwrap_or("");
        if let Some(&i) = self.sources.get(name) {
            return Ok(i);
        }
        let i = self.sources.len();
        self.source_rows
            .push(&json!([name, prop(f, "title"), prop(f, "url")]))?;
        self.sources.insert(name.to_string(), i);
        Ok(i)
    }

    /// Adds an article's features (or any features, in order).
    pub fn extend(&mut self, features: &[Feature]) -> std::io::Result<()> {
        for f in features {
            let Some(ll) = lon_lat(f) else { continue };
            match kind(f) {
                Some("incident") => {
                    let event_type = str_prop(f, "event_type").unwrap_or("");
                    if !self.types_present.iter().any(|t| t == event_type) {
                        self.types_present.push(event_type.to_string());
                    }
                    let source = self.source(f)?;
                    self.incident_rows.push(&json!([
                        feature_id(f),
                        ll.0,
                        ll.1,
                        event_type,
                        prop(f, "sub_event_type"),
                        prop(f, "place"),
                        prop(f, "admin1"),
                        prop(f, "country_code"),
                        prop(f, "geo_precision"),
                        prop(f, "date"),
                        prop(f, "date_precision"),
                        prop(f, "fatalities"),
                        prop(f, "fatalities_text"),
                        prop(f, "actors"),
                        prop(f, "claimed_by"),
                        prop(f, "evidence"),
                        prop(f, "confidence"),
                        source,
                    ]))?;
                }
                Some("place") => {
                    let src = self.source(f)?;
                    let mentions = f
                        .property("mentions")
                        .and_then(JsonValue::as_array)
                        .map_or(1, Vec::len);
                    let key = str_prop(f, "place_id").unwrap_or("");
                    let i = match self.place_idx.get(key) {
                        Some(&i) => i,
                        None => {
                            let row = script_json(&serde_json::to_string(&json!([
                                feature_id(f),
                                ll.0,
                                ll.1,
                                prop(f, "place"),
                                prop(f, "place_id"),
                                prop(f, "feature"),
                                prop(f, "admin1"),
                                prop(f, "country_code"),
                                prop(f, "geo_precision"),
                                prop(f, "population"),
                            ]))?);
                            self.places.push(MergedPlace {
                                head: row[..row.len() - 1].to_string(),
                                mentions: 0,
                                sources: Vec::new(),
                            });
                            self.place_idx
                                .insert(key.to_string(), self.places.len() - 1);
                            self.places.len() - 1
                        }
                    };
                    let p = &mut self.places[i];
                    p.mentions += mentions;
                    if !p.sources.contains(&src) {
                        p.sources.push(src);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Writes the page: everything inlined, the data as JSON in a
    /// `<script type="application/json">`, text put into the page only
    /// through `textContent`, so article text cannot inject markup.
    pub fn finish(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        let (n_incidents, n_places) = (self.incident_rows.n, self.places.len());
        let title = match (n_incidents, n_places) {
            (i, 0) => format!("eventmap: {i} incidents"),
            (0, p) => format!("eventmap: {p} places"),
            (i, p) => format!("eventmap: {i} incidents, {p} places"),
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"eventmap {version}\">\n\
             <title>{title}</title>\n\
             <style>\n{LEAFLET_CSS}\n</style>\n<style>\n{CLUSTER_CSS}\n</style>\n<style>\n{PAGE_CSS}\n</style>\n\
             </head>\n<body>\n<div id=\"map\" role=\"application\" aria-label=\"Map of incidents\"></div>\n\
             <noscript>This map needs JavaScript.</noscript>\n",
            version = env!("CARGO_PKG_VERSION"),
        )?;
        self.types_present.sort_by_key(|t| {
            EVENT_COLOURS
                .iter()
                .position(|(name, _)| name == t)
                .unwrap_or(EVENT_COLOURS.len())
        });
        let event_types: Vec<JsonValue> = self
            .types_present
            .iter()
            .map(|t| json!([t, event_colour(t)]))
            .collect();
        // The data object, written piece by piece in its keys' order.
        let text = |v: JsonValue| -> std::io::Result<String> {
            Ok(script_json(&serde_json::to_string(&v)?))
        };
        write!(
            out,
            "<script type=\"application/json\" id=\"eventmap-data\">\
             {{\"eventmap_map\":1,\"event_types\":{},\"source_fields\":{},\"sources\":[",
            text(json!(event_types))?,
            text(json!(["source", "title", "url"]))?,
        )?;
        self.source_rows.copy_to(out)?;
        write!(
            out,
            "],\"incident_fields\":{},\"incidents\":[",
            text(json!([
                "id",
                "lon",
                "lat",
                "event_type",
                "sub_event_type",
                "place",
                "admin1",
                "country_code",
                "geo_precision",
                "date",
                "date_precision",
                "fatalities",
                "fatalities_text",
                "actors",
                "claimed_by",
                "evidence",
                "confidence",
                "source"
            ]))?
        )?;
        self.incident_rows.copy_to(out)?;
        write!(
            out,
            "],\"place_fields\":{},\"places\":[",
            text(json!([
                "id",
                "lon",
                "lat",
                "place",
                "place_id",
                "feature",
                "admin1",
                "country_code",
                "geo_precision",
                "population",
                "mentions",
                "sources"
            ]))?
        )?;
        for (k, p) in self.places.iter().enumerate() {
            if k > 0 {
                out.write_all(b",")?;
            }
            write!(
                out,
                "{},{},{}]",
                p.head,
                p.mentions,
                serde_json::to_string(&p.sources)?
            )?;
        }
        out.write_all(b"]}</script>\n")?;
        writeln!(
            out,
            "<script type=\"application/json\" id=\"eventmap-basemap\">{}</script>",
            script_json(COUNTRIES_TOPOJSON.trim_end())
        )?;
        for js in [LEAFLET_JS, CLUSTER_JS, TOPOJSON_JS, PAGE_JS] {
            writeln!(out, "<script>\n{}\n</script>", js.trim_end())?;
        }
        out.write_all(b"<script type=\"text/plain\" id=\"eventmap-licences\">\n")?;
        out.write_all(
            b"This page inlines the following software and data, under these licences.\n",
        )?;
        for (what, text) in LICENCES {
            write!(
                out,
                "\n== {what}\n\n{}\n",
                text.trim_end().replace("</", "<\\/")
            )?;
        }
        out.write_all(b"</script>\n</body>\n</html>\n")?;
        out.flush()
    }
}

/// Writes a self-contained HTML map of `features` (incidents, and places when the
/// layer has them): [`MapWriter`] over them all.
pub fn write_html(features: &[Feature], out: &mut dyn Write) -> std::io::Result<()> {
    let mut page = MapWriter::new()?;
    page.extend(features)?;
    page.finish(out)
}

/// The CSV's columns: ACLED's names where ACLED has the field, then eventmap's own.
pub const CSV_COLUMNS: [&str; 25] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "iso",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_text",
    "claimed_by",
    "confidence",
    "url",
    "actors",
    "title",
];

/// ACLED's disorder type of an event (codebook, 2024): political violence, except
/// peaceful and violent demonstrations, excessive force against protesters (both),
/// and strategic developments. Empty outside the taxonomy.
pub fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        ("Battles" | "Explosions/Remote violence" | "Violence against civilians", _) => {
            "Political violence"
        }
        ("Riots", "Mob violence") => "Political violence",
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests" | "Riots", _) => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        _ => "",
    }
}

/// ACLED's time precision: 1 for a day, 2 for a week, 3 for a month or vaguer.
fn time_precision(date_precision: Option<&str>) -> &'static str {
    match date_precision {
        Some("day") => "1",
        Some("week") => "2",
        _ => "3",
    }
}

/// A JSON scalar as a CSV cell (`null` → empty).
fn cell(v: Option<&JsonValue>) -> String {
    match v {
        None | Some(JsonValue::Null) => String::new(),
        Some(JsonValue::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A text cell that a spreadsheet would run as a formula (`=`, `+`, `@`, tab, CR at
/// the start) gets a leading `'`, which spreadsheets hide (OWASP's CSV injection advice).
fn text_cell(s: String) -> String {
    if s.starts_with(['=', '+', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// The CSV of [`write_csv`], written row by row as articles are mapped.
pub struct CsvWriter<W: Write> {
    w: csv::Writer<W>,
    gazetteer: crate::gazetteer::Gazetteer,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header to `out`.
    pub fn new(out: W) -> std::io::Result<CsvWriter<W>> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CSV_COLUMNS)?;
        Ok(CsvWriter {
            w,
            gazetteer: crate::gazetteer::Gazetteer::bundled(),
        })
    }

    /// Writes the rows of the incidents among `features`.
    pub fn extend(&mut self, features: &[Feature]) -> std::io::Result<()> {
        let gazetteer = &self.gazetteer;
        let country = |cc: &str| -> String {
            gazetteer
                .country(cc)
                .map_or_else(|| cc.to_string(), |i| gazetteer.place(i).name.to_string())
        };
        let w = &mut self.w;
        for f in features.iter().filter(|f| kind(f) == Some("incident")) {
            let (lon, lat) = lon_lat(f).map_or((None, None), |(x, y)| (Some(x), Some(y)));
            let text = |k: &str| text_cell(cell(f.property(k)));
            let event_type = str_prop(f, "event_type").unwrap_or("");
            let sub_event_type = str_prop(f, "sub_event_type").unwrap_or("");
            let date = str_prop(f, "date");
            let actors: Vec<&str> = f
                .property("actors")
                .and_then(JsonValue::as_array)
                .map(|a| a.iter().filter_map(JsonValue::as_str).collect())
                .unwrap_or_default();
            let cc = str_prop(f, "country_code").unwrap_or("");
            let row: [String; 25] = [
                feature_id(f),
                date.unwrap_or("").to_string(),
                date.and_then(|d| d.get(..4)).unwrap_or("").to_string(),
                date.map_or("", |_| time_precision(str_prop(f, "date_precision")))
                    .to_string(),
                disorder_type(event_type, sub_event_type).to_string(),
                text_cell(event_type.to_string()),
                text_cell(sub_event_type.to_string()),
                text_cell(actors.first().copied().unwrap_or("").to_string()),
                text_cell(actors.get(1).copied().unwrap_or("").to_string()),
                text("place"),
                text("admin1"),
                if cc.is_empty() {
                    String::new()
                } else {
                    text_cell(country(cc))
                },
                cc.to_string(),
                lat.map_or(String::new(), |v| v.to_string()),
                lon.map_or(String::new(), |v| v.to_string()),
                cell(f.property("geo_precision")),
                text("source"),
                text("evidence"),
                cell(f.property("fatalities")),
                text("fatalities_text"),
                text("claimed_by"),
                cell(f.property("confidence")),
                text("url"),
                text_cell(actors.join("; ")),
                text("title"),
            ];
            w.write_record(&row)?;
        }
        Ok(())
    }

    /// Flushes the rows written and returns the writer.
    pub fn finish(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes one CSV row per incident, with ACLED-like columns ([`CSV_COLUMNS`]), in
/// input order. `country` is the gazetteer's name for `country_code`; `actor1` and
/// `actor2` are the first two actors and `actors` has them all (`; `-separated);
/// `notes` is the evidence sentence; an undated incident has empty `event_date`,
/// `year` and `time_precision`.
pub fn write_csv(features: &[Feature], out: &mut dyn Write) -> std::io::Result<()> {
    let mut csv = CsvWriter::new(out)?;
    csv.extend(features)?;
    csv.finish()?.flush()
}

/// XML-escapes an attribute value.
fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `#rrggbb` as QGIS's `r,g,b,255`.
fn qgis_rgba(hex: &str) -> String {
    let c = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    format!("{},{},{},255", c(1), c(3), c(5))
}

/// One QGIS marker symbol: a circle in `colour` with a dark outline, its size
/// growing with `fatalities` as the page's markers do; or, for `place`, the page's
/// place marker (white with a grey ring, fixed size).
fn qml_symbol(name: usize, colour: &str, place: bool) -> String {
    let fill = if place {
        "255,255,255,255".to_string()
    } else {
        qgis_rgba(colour)
    };
    let (outline, width, size) = if place {
        ("85,85,85,255", "0.5", "2.4")
    } else {
        ("51,51,51,255", "0.3", "3.2")
    };
    let options = [
        ("angle", "0"),
        ("color", fill.as_str()),
        ("joinstyle", "bevel"),
        ("name", "circle"),
        ("offset", "0,0"),
        ("offset_unit", "MM"),
        ("outline_color", outline),
        ("outline_style", "solid"),
        ("outline_width", width),
        ("outline_width_unit", "MM"),
        ("scale_method", "diameter"),
        ("size", size),
        ("size_unit", "MM"),
        ("vertical_anchor_point", "1"),
        ("horizontal_anchor_point", "1"),
    ];
    let mut s = format!(
        "      <symbol type=\"marker\" name=\"{name}\" alpha=\"0.9\" clip_to_extent=\"1\" force_rhr=\"0\">\n\
         \x20       <data_defined_properties><Option type=\"Map\"><Option type=\"QString\" name=\"name\" value=\"\"/><Option name=\"properties\"/><Option type=\"QString\" name=\"type\" value=\"collection\"/></Option></data_defined_properties>\n\
         \x20       <layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">\n\
         \x20         <Option type=\"Map\">\n"
    );
    for (k, v) in options {
        s += &format!("            <Option type=\"QString\" name=\"{k}\" value=\"{v}\"/>\n");
    }
    s += "          </Option>\n";
    for (k, v) in options {
        s += &format!("          <prop k=\"{k}\" v=\"{v}\"/>\n");
    }
    if place {
        s += "          <data_defined_properties><Option type=\"Map\"><Option type=\"QString\" name=\"name\" value=\"\"/><Option name=\"properties\"/><Option type=\"QString\" name=\"type\" value=\"collection\"/></Option></data_defined_properties>\n";
        s += "        </layer>\n      </symbol>\n";
        return s;
    }
    // Size grows with fatalities: 3.2 mm, up to 7.2 mm (the page does the same in pixels).
    s += "          <data_defined_properties><Option type=\"Map\"><Option type=\"QString\" name=\"name\" value=\"\"/>\
<Option type=\"Map\" name=\"properties\"><Option type=\"Map\" name=\"size\">\
<Option type=\"bool\" name=\"active\" value=\"true\"/>\
<Option type=\"QString\" name=\"expression\" value=\"3.2 + min(4, 0.8 * sqrt(coalesce(&quot;fatalities&quot;, 0)))\"/>\
<Option type=\"int\" name=\"type\" value=\"3\"/></Option></Option>\
<Option type=\"QString\" name=\"type\" value=\"collection\"/></Option></data_defined_properties>\n";
    s += "        </layer>\n      </symbol>\n";
    s
}

/// Writes a QGIS 3 layer style (QML): point symbols categorised by `event_type`
/// with the HTML page's colours ([`EVENT_COLOURS`]), size by fatalities, and for
/// anything else (places of `--layer all`, whose `event_type` is null) the page's
/// place marker; no labels; a map tip with the evidence.
pub fn write_qml(out: &mut dyn Write) -> std::io::Result<()> {
    let mut categories = String::new();
    let mut symbols = String::new();
    let all = EVENT_COLOURS
        .iter()
        .copied()
        .chain(std::iter::once(("", OTHER_COLOUR)));
    for (i, (value, colour)) in all.enumerate() {
        let label = if value.is_empty() {
            "Places and other values"
        } else {
            value
        };
        categories += &format!(
            "      <category symbol=\"{i}\" value=\"{}\" label=\"{}\" render=\"true\"/>\n",
            xml_attr(value),
            xml_attr(label)
        );
        symbols += &qml_symbol(i, colour, value.is_empty());
    }
    write!(
        out,
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n\
<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling|MapTips\" labelsEnabled=\"0\">\n\
  <renderer-v2 type=\"categorizedSymbol\" attr=\"event_type\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n\
    <categories>\n{categories}    </categories>\n\
    <symbols>\n{symbols}    </symbols>\n\
    <source-symbol>\n{source}    </source-symbol>\n\
    <rotation/>\n\
    <sizescale/>\n\
  </renderer-v2>\n\
  <mapTip>&lt;b>[% \"event_type\" %]&lt;/b> · [% \"sub_event_type\" %]&lt;br>[% \"place\" %], [% \"date\" %]&lt;br>[% \"evidence\" %]</mapTip>\n\
  <previewExpression>\"place\"</previewExpression>\n\
  <layerGeometryType>0</layerGeometryType>\n\
</qgis>\n",
        source = qml_symbol(0, OTHER_COLOUR, false),
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geojson::{Geometry, JsonObject};

    fn feature(id: &str, lon: f64, lat: f64, props: JsonValue) -> Feature {
        let properties: JsonObject = serde_json::from_value(props).unwrap();
        Feature {
            bbox: None,
            geometry: Some(Geometry::new(Value::Point(vec![lon, lat]))),
            id: Some(geojson::feature::Id::String(id.to_string())),
            properties: Some(properties),
            foreign_members: None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn incident(
        id: &str,
        lon: f64,
        lat: f64,
        (event_type, sub_event_type): (&str, &str),
        (place, admin1, cc): (&str, Option<&str>, &str),
        (date, date_precision): (Option<&str>, Option<&str>),
        (fatalities, fatalities_text): (u32, Option<&str>),
        actors: &[&str],
        claimed_by: Option<&str>,
        evidence: &str,
        (source, title, url): Source,
    ) -> Feature {
        feature(
            id,
            lon,
            lat,
            json!({
                "kind": "incident", "event_type": event_type, "sub_event_type": sub_event_type,
                "place": place, "place_id": format!("geonames:{place}"), "country_code": cc,
                "admin1": admin1, "geo_precision": 1, "date": date,
                "date_precision": date_precision, "fatalities": fatalities,
                "fatalities_text": fatalities_text, "actors": actors, "claimed_by": claimed_by,
                "evidence": evidence, "source": source, "title": title, "url": url,
                "span": [0, evidence.len()], "spans": [[0, evidence.len()]], "confidence": 0.85
            }),
        )
    }

    type Source<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

    fn place(id: &str, lon: f64, lat: f64, name: &str, mentions: usize, src: Source) -> Feature {
        feature(
            id,
            lon,
            lat,
            json!({
                "kind": "place", "place": name, "place_id": format!("geonames:{name}"),
                "country_code": "UA", "admin1": "Luhansk", "geo_precision": 1,
                "feature": "town", "population": 93340, "text": name, "span": [0, 5],
                "mentions": vec![[0, 5]; mentions], "score": 0.98, "source": src.0,
                "title": src.1, "url": src.2
            }),
        )
    }

    /// Incidents and places as `--layer all` writes them, with text that tries to
    /// break out of the page and the CSV.
    fn fixture() -> Vec<Feature> {
        let a = (
            "news/a.txt",
            Some("Russia takes Lysychansk"),
            Some("https://example.org/a?x=1&y=2"),
        );
        let b = ("news/b.html", None, Some("javascript:alert(1)"));
        vec![
            place("p1", 38.4, 48.9, "Lysychansk", 3, a),
            incident(
                "i1",
                38.4,
                48.9,
                ("Battles", "Non-state actor overtakes territory"),
                ("Lysychansk", Some("Luhansk"), "UA"),
                (Some("2022-07-03"), Some("day")),
                (0, None),
                &[
                    "Military Forces of Russia",
                    "Separatists",
                    "Military Forces of Ukraine",
                ],
                Some("Russia's defence minister"),
                "Russia's troops \"have established full control\" over Lysychansk.",
                a,
            ),
            incident(
                "i2",
                36.6,
                50.6,
                (
                    "Explosions/Remote violence",
                    "Shelling/artillery/missile attack",
                ),
                ("Belgorod", Some("Belgorod"), "RU"),
                (Some("2022-07-01"), Some("week")),
                (3, Some("an unspecified number of people")),
                &[],
                None,
                "</script><img src=x onerror=alert(1)> killed <b>people</b> in Belgorod.",
                b,
            ),
            place("p2", 38.4, 48.9, "Lysychansk", 2, b),
            incident(
                "i3",
                27.56,
                53.9,
                ("Strategic developments", "Disrupted weapons use"),
                ("Minsk", None, "BY"),
                (None, None),
                (0, None),
                &["Military Forces of Belarus"],
                Some("=HYPERLINK(\"http://evil\")"),
                "Missiles were intercepted, Belarus said; \u{2028}line separator.",
                b,
            ),
            incident(
                "i4",
                -77.04,
                -12.05,
                ("Protests", "Excessive force against protesters"),
                ("Lima", None, "PE"),
                (Some("2024-02-14"), Some("month")),
                (12, Some("dozens")),
                &["Protesters (Peru)", "Police Forces of Peru"],
                None,
                "Police fired on protesters in Lima.",
                a,
            ),
        ]
    }

    fn html_of(features: &[Feature]) -> String {
        let mut out = Vec::new();
        write_html(features, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The text of the `<script ... id="ID">` element.
    fn script_by_id<'a>(html: &'a str, id: &str) -> &'a str {
        let open = format!("id=\"{id}\">");
        let start = html.find(&open).expect("script element") + open.len();
        let len = html[start..].find("</script>").expect("closed script");
        &html[start..start + len]
    }

    /// The embedded data, one line per key and per row, for a snapshot a reviewer can read.
    fn table_view(data: &JsonValue) -> String {
        let mut s = String::new();
        for (key, value) in data.as_object().unwrap() {
            match value.as_array() {
                Some(rows) if ["sources", "incidents", "places"].contains(&key.as_str()) => {
                    s += &format!("{key}:\n");
                    for row in rows {
                        s += &format!("  {row}\n");
                    }
                }
                _ => s += &format!("{key}: {value}\n"),
            }
        }
        s
    }

    #[test]
    fn csv_rows_are_acled_like() {
        let mut out = Vec::new();
        write_csv(&fixture(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn csv_of_no_incidents_is_the_header() {
        let mut out = Vec::new();
        write_csv(&[place("p", 1.0, 2.0, "X", 1, ("s", None, None))], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{}\n", CSV_COLUMNS.join(","))
        );
    }

    #[test]
    fn exports_written_article_by_article_are_the_exports_of_all() {
        // The CLI hands each article's features on as it is mapped; the page's
        // sources and incidents wait in temporary files meanwhile.
        let features = fixture();
        let mut page = MapWriter::new().unwrap();
        let mut csv = CsvWriter::new(Vec::new()).unwrap();
        for f in features.chunks(1) {
            page.extend(f).unwrap();
            csv.extend(f).unwrap();
        }
        let mut html = Vec::new();
        page.finish(&mut html).unwrap();
        assert_eq!(String::from_utf8(html).unwrap(), html_of(&features));
        let mut whole = Vec::new();
        write_csv(&features, &mut whole).unwrap();
        assert_eq!(csv.finish().unwrap(), whole);
        // The places of several articles are merged in one row.
        let data: JsonValue =
            serde_json::from_str(script_by_id(&html_of(&features), "eventmap-data")).unwrap();
        let places = data["places"].as_array().unwrap();
        assert!(
            places.iter().any(|p| p[11].as_array().unwrap().len() > 1),
            "{places:?}"
        );
    }

    #[test]
    fn html_embeds_the_data_as_escaped_json() {
        let html = html_of(&fixture());
        let data = script_by_id(&html, "eventmap-data");
        assert!(!data.contains('<'), "every < is escaped");
        assert!(!html.contains("<img src=x"), "no markup from article text");
        let value: JsonValue = serde_json::from_str(data).unwrap();
        assert_eq!(
            value["incidents"][1][15],
            "</script><img src=x onerror=alert(1)> killed <b>people</b> in Belgorod."
        );
        insta::assert_snapshot!(table_view(&value));
    }

    #[test]
    fn html_is_self_contained() {
        let html = html_of(&fixture());
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.contains("<title>eventmap: 4 incidents, 1 places</title>"));
        for lib in [
            "Leaflet 1.9.4",
            "L.MarkerClusterGroup",
            "topojson-client v3.1.0",
            "\"countries\"",
        ] {
            assert!(html.contains(lib), "{lib} is inlined");
        }
        for external in [
            "<script src",
            "<link",
            "<iframe",
            "@import",
            "url(http",
            "url(//",
        ] {
            assert!(!html.contains(external), "no external resource: {external}");
        }
        let basemap: JsonValue =
            serde_json::from_str(script_by_id(&html, "eventmap-basemap")).unwrap();
        assert_eq!(basemap["type"], "Topology");
        assert!(script_by_id(&html, "eventmap-licences").contains("BSD 2-Clause"));
        // Every <script> opened is closed: no vendored file or data ended one early.
        assert_eq!(
            html.matches("<script").count(),
            html.matches("</script>").count()
        );
    }

    #[test]
    fn html_of_nothing_is_still_a_page() {
        let html = html_of(&[]);
        let value: JsonValue = serde_json::from_str(script_by_id(&html, "eventmap-data")).unwrap();
        assert_eq!(value["incidents"], json!([]));
        assert_eq!(value["places"], json!([]));
    }

    #[test]
    fn disorder_types_follow_acled() {
        assert_eq!(
            disorder_type("Battles", "Armed clash"),
            "Political violence"
        );
        assert_eq!(disorder_type("Riots", "Mob violence"), "Political violence");
        assert_eq!(
            disorder_type("Riots", "Violent demonstration"),
            "Demonstrations"
        );
        assert_eq!(
            disorder_type("Protests", "Excessive force against protesters"),
            "Political violence; Demonstrations"
        );
        assert_eq!(
            disorder_type("Strategic developments", "Arrests"),
            "Strategic developments"
        );
        assert_eq!(disorder_type("Something else", "x"), "");
    }

    #[test]
    fn qml_has_one_category_per_event_type_with_the_page_colours() {
        let mut out = Vec::new();
        write_qml(&mut out).unwrap();
        let qml = String::from_utf8(out).unwrap();
        assert!(qml.starts_with("<!DOCTYPE qgis"));
        assert!(qml.contains("type=\"categorizedSymbol\" attr=\"event_type\""));
        assert_eq!(qml.matches("<category ").count(), EVENT_COLOURS.len() + 1);
        for (t, colour) in EVENT_COLOURS {
            assert!(qml.contains(&format!("value=\"{t}\" label=\"{t}\"")));
            assert!(qml.contains(&qgis_rgba(colour)));
        }
        assert_eq!(qgis_rgba("#e15759"), "225,87,89,255");
        assert!(qml.contains("labelsEnabled=\"0\""));
    }
}
