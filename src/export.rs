//! Exports beside the GeoJSON layer: a self-contained Leaflet HTML preview,
//! an ACLED-like CSV, and a QGIS style file. Features in, files out.
//!
//! Not yet implemented: each function returns an error saying so (issue 8).

use std::io::Write;

use geojson::Feature;

fn not_yet(what: &str) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        format!("{what} export is not implemented yet"),
    ))
}

/// Writes a self-contained HTML map of `features` (incidents and places).
pub fn write_html(_features: &[Feature], _out: &mut dyn Write) -> std::io::Result<()> {
    not_yet("HTML")
}

/// Writes one CSV row per incident, with ACLED-like columns.
pub fn write_csv(_features: &[Feature], _out: &mut dyn Write) -> std::io::Result<()> {
    not_yet("CSV")
}

/// Writes a QGIS style (QML) with categorised symbols by `event_type`.
pub fn write_qml(_out: &mut dyn Write) -> std::io::Result<()> {
    not_yet("QML")
}
