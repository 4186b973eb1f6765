//! The byte layout of the bundled gazetteer tables, shared by build.rs (which
//! writes them) and [`crate::gazetteer`] (which reads them in place).
//!
//! `places.bin` is an array of fixed-size little-endian records, one per
//! gazetteer row in CSV order:
//!
//! | bytes | field |
//! |---|---|
//! | 0..8 | latitude, f64 |
//! | 8..16 | longitude, f64 |
//! | 16..24 | population, u64 |
//! | 24..64 | five (offset u32, length u32) string references into `strings.bin`: id, name, admin-1 name, admin-1 code, feature code |
//! | 64..68 | capital: record index of the row's capital town, `u32::MAX` if none |
//! | 68..70 | ISO 3166-1 alpha-2 country code (two ASCII bytes, spaces if none) |
//! | 70 | feature class (ASCII `P`, `A`, `L`, ...) |
//! | 71 | kind code: 0 town, 1 admin-1, 2 country, 3 other region, 4 other ([`kind_code`]) |
//! | 72..80 | [`log_population`] of the population, f64 |
//! | 80..88 | [`cos_lat`] of the latitude, f64 |
//!
//! `names.fst` maps every folded name to an index into `postings.bin` (u32 LE
//! words): a count; the name's reach, `big << 31 | population`, where `big`
//! says one of its places is a country, admin-1 or other region (kind codes
//! 1-3) and `population` is the largest of its places' ([`REACH_UNKNOWN`] if
//! that does not fit in 31 bits); then `count` entries `record << 1 | is_main_name`.
//! `keys.fst` maps `id:<id>`, `adm1:<CC.code>` and `pcli:<CC>` to record indices.

/// Size of one record in `places.bin`.
pub const RECORD: usize = 88;
/// Offset of the population inside a record.
pub const POPULATION: usize = 16;
/// A reach's population when the largest does not fit in 31 bits.
pub const REACH_UNKNOWN: u32 = 0x7FFF_FFFF;
/// Offsets of the string references inside a record.
pub const STR_ID: usize = 24;
/// Name reference.
pub const STR_NAME: usize = 32;
/// Admin-1 name reference.
pub const STR_ADMIN1_NAME: usize = 40;
/// Admin-1 code reference.
pub const STR_ADMIN1_CODE: usize = 48;
/// Feature code reference.
pub const STR_FCODE: usize = 56;
/// Capital record index.
pub const CAPITAL: usize = 64;
/// Country code bytes.
pub const COUNTRY: usize = 68;
/// Feature class byte.
pub const FCLASS: usize = 70;
/// Kind code byte.
pub const KIND: usize = 71;
/// Offset of [`log_population`] inside a record.
pub const LOG_POPULATION: usize = 72;

/// Offset of [`cos_lat`] inside a record.
pub const COS_LAT: usize = 80;

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
