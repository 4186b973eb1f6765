//! The byte layout of the bundled gazetteer tables, shared by build.rs (which
//! writes them) and [`crate::gazetteer`] (which reads them in place).
//!
//! `places.bin` is an array of 64-byte little-endian records, one per
//! gazetteer row in CSV order, with what resolution reads of every candidate:
//!
//! | bytes | field |
//! |---|---|
//! | 0..8 | latitude, f64 |
//! | 8..16 | longitude, f64 |
//! | 16..24 | population, u64 |
//! | 24..32 | [`log_population`] of the population, f64 |
//! | 32..40 | [`cos_lat`] of the latitude, f64 |
//! | 40..56 | two (offset u32, length u32) string references into `strings.bin`: admin-1 code, feature code |
//! | 56..60 | capital: record index of the row's capital town, `u32::MAX` if none |
//! | 60..62 | ISO 3166-1 alpha-2 country code (two ASCII bytes, spaces if none) |
//! | 62 | feature class (ASCII `P`, `A`, `L`, ...) |
//! | 63 | kind code: 0 town, 1 admin-1, 2 country, 3 other region, 4 other ([`kind_code`]) |
//!
//! The binary holds the array at a 64-byte boundary, so that a record is one
//! cache line: an article's names have dozens of candidates, each read from a
//! record at an unpredictable place in the table.
//!
//! `labels.bin` has the strings only an output place reads, in 24-byte records
//! aligned with those of `places.bin`: three string references, id, name and
//! admin-1 name.
//!
//! `names.fst` maps every folded name to an index into `postings.bin` (u32 LE
//! words): a count; the name's reach, `big << 31 | population`, where `big`
//! says one of its places is a country, admin-1 or other region (kind codes
//! 1-3) and `population` is the largest of its places' ([`REACH_UNKNOWN`] if
//! that does not fit in 31 bits); then `count` entries `record << 1 | is_main_name`.
//! `keys.fst` maps `id:<id>`, `adm1:<CC.code>` and `pcli:<CC>` to record indices.

/// Size of one record in `places.bin`: a cache line.
pub const RECORD: usize = 64;
/// Offset of the population inside a record.
pub const POPULATION: usize = 16;
/// Offset of [`log_population`] inside a record.
pub const LOG_POPULATION: usize = 24;
/// Offset of [`cos_lat`] inside a record.
pub const COS_LAT: usize = 32;
/// A reach's population when the largest does not fit in 31 bits.
pub const REACH_UNKNOWN: u32 = 0x7FFF_FFFF;
/// Admin-1 code reference.
pub const STR_ADMIN1_CODE: usize = 40;
/// Feature code reference.
pub const STR_FCODE: usize = 48;
/// Capital record index.
pub const CAPITAL: usize = 56;
/// Country code bytes.
pub const COUNTRY: usize = 60;
/// Feature class byte.
pub const FCLASS: usize = 62;
/// Kind code byte.
pub const KIND: usize = 63;

/// Size of one record in `labels.bin`.
pub const LABEL_RECORD: usize = 24;
/// Id reference, inside a `labels.bin` record.
pub const STR_ID: usize = 0;
/// Name reference, inside a `labels.bin` record.
pub const STR_NAME: usize = 8;
/// Admin-1 name reference, inside a `labels.bin` record.
pub const STR_ADMIN1_NAME: usize = 16;

/// The cosine of a latitude in degrees, which every distance from the place
/// reads: stored in the bundled records, as [`log_population`] is.
pub fn cos_lat(lat: f64) -> f64 {
    lat.to_radians().cos()
}

/// log10(population + 1), which resolution and confidence score a place by:
/// stored in the bundled records, where it is read with the population, since
/// a logarithm costs as much as the rest of a candidate's prior. Exactly 0 for
/// no population.
pub fn log_population(population: u64) -> f64 {
    match population {
        0 => 0.0,
        n => (n as f64 + 1.0).log10(),
    }
}

/// The kind code of a GeoNames feature class and code (see the table above).
pub fn kind_code(feature_class: u8, feature_code: &str) -> u8 {
    match (feature_class, feature_code) {
        (b'P', _) => 0,
        (b'A', "ADM1") => 1,
        (b'A', c) if c.starts_with("PCL") => 2,
        (b'A', _) | (b'L', _) => 3,
        _ => 4,
    }
}

/// Marker for "no record".
pub const NONE: u32 = u32::MAX;
