//! Resolution: [`Mention`]s in, one gazetteer place per mention out.
//!
//! Each candidate place of a mention gets a score, the sum of:
//!
//! - a prior from the place itself: countries first, then admin-1 regions, then
//!   towns by population (log scale), and a bonus when the matched name is the
//!   place's main name rather than one of its many alternates;
//! - the mention's cues: "the city of X" favours towns, "X region" and "X's
//!   governor" favour admin-1 regions, "towns in X" favours regions and countries;
//! - the article: candidates in a country named or implied (by a demonym) in the
//!   article, or in an admin-1 region named in it, gain; a qualifier ("Alexandria,
//!   Virginia") gains most;
//! - coherence: after a first pass, candidates in the country and admin-1 region
//!   of the article's other places, and near them, gain ("other" meaning other
//!   names: the mentions of one name all read the same in the first pass and are
//!   not evidence for each other).
//!
//! The score is a dot product of a candidate's features ([`FEATURES`], [`Parts`])
//! with [`WEIGHTS`], so that `eventmap lookup` can show its parts. Mentions of the
//! same name with the same cues resolve to the same place (one sense per
//! article); a mention without cues takes the sense its name has elsewhere in
//! the article with cues. The weights were set by hand from the example article,
//! the design's rules and measurement on ../shared/eval; a conditional-logit fit
//! of them (`scripts/fit_resolve.py`) ranks worse than they do on the corpus it
//! was not fitted on (top-1 accuracy on ambiguous mentions: LGL .811 with these
//! weights, .806 fitted on GeoWebNews; GeoWebNews .948, .902 fitted on LGL), so
//! they stay. How sure a reading is comes from `crate::confidence`.

use foldhash::{HashMap, HashMapExt};
use smallvec::SmallVec;
use std::cell::RefCell;

use crate::gazetteer::{Brief, FeatureKind, Gazetteer, NameHit, Place, PlaceIdx};
use crate::recognize::{Mention, Recognized};

/// A mention resolved to a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    /// The place.
    pub place: PlaceIdx,
    /// How sure the choice is, 0..1 (the margin over the runner-up, squashed).
    pub score: f64,
}

/// The features a candidate's score is made of, by name: what `lookup` and the
/// fitting script (`scripts/fit_resolve.py`) call them. Their order is [`Parts`]'s.
pub const FEATURES: [&str; N] = [
    "country",
    "admin1",
    "region",
    "town",
    "other",
    "log_pop_town",
    "log_pop_admin1",
    "national_capital",
    "admin1_capital",
    "main_name",
    "cue_region_fits",
    "cue_region_misfits",
    "cue_town_fits",
    "cue_town_misfits",
    "cue_container_town",
    "cue_container_other",
    "inherited_fits",
    "inherited_misfits",
    "alternate_town_vs_main_big",
    "country_in_article",
    "country_in_article_weight",
    "admin1_in_article",
    "qualified",
    "overshadowed",
    "focus_country_share",
    "focus_admin1_share",
    "near_50km",
    "near_150km",
    "near_500km",
];

/// How many features a candidate has.
pub const N: usize = 29;

/// One weight per feature of [`FEATURES`]: a candidate's score is the dot product.
/// The first ten are the prior (what the place is); the rest read the mention
/// and the article.
pub const WEIGHTS: [f64; N] = [
    6.0, 0.5, 3.0, 0.0, 0.5, // kind
    0.5, 0.35, // log10 population
    1.0, 0.5, 1.0, // capitals, main name
    6.0, -2.0, 6.0, -4.0, -3.0, 4.0, // cues
    3.0, -1.0, // inherited cue
    -2.0, // alternate name of a town against a country's or region's own
    1.0, 0.25, 1.5,  // country and admin-1 named in the article
    8.0,  // qualifier
    -1.5, // overshadowed
    3.0, 2.0, 1.5, 1.0, 0.5, // focus
];

/// A candidate's feature values, aligned with [`FEATURES`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts(pub [f64; N]);

impl Parts {
    /// The score: the dot product with [`WEIGHTS`].
    pub fn score(&self) -> f64 {
        self.score_with(&WEIGHTS)
    }

    /// The dot product with other weights.
    pub fn score_with(&self, weights: &[f64; N]) -> f64 {
        self.0.iter().zip(weights).map(|(x, w)| x * w).sum()
    }

    /// The named parts that add to or take from the score, largest first.
    pub fn contributions(&self) -> Vec<(&'static str, f64)> {
        let mut v: Vec<(&'static str, f64)> = self
            .0
            .iter()
            .zip(WEIGHTS)
            .zip(FEATURES)
            .map(|((x, w), n)| (n, x * w))
            .filter(|(_, c)| *c != 0.0)
            .collect();
        v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        v
    }
}

/// The prior features of a place for a name, before any context.
fn prior_parts(p: &Brief<'_>, hit: &NameHit) -> Parts {
    let mut f = [0.0; N];
    let pop = p.log_population;
    match p.kind {
        FeatureKind::Country => f[0] = 1.0,
        FeatureKind::Admin1 => {
            f[1] = 1.0;
            f[6] = pop;
        }
        FeatureKind::Region => f[2] = 1.0,
        FeatureKind::Town => {
            f[3] = 1.0;
            f[5] = pop;
        }
        FeatureKind::Other => f[4] = 1.0,
    }
    match p.feature_code {
        "PPLC" => f[7] = 1.0,
        "PPLA" => f[8] = 1.0,
        _ => {}
    }
    if hit.main {
        f[9] = 1.0;
    }
    Parts(f)
}

/// The prior score of a place for a name, before any context, and its parts:
/// what `lookup` shows.
pub fn prior(p: &Place<'_>, hit: &NameHit) -> (f64, Parts) {
    let parts = prior_parts(&Brief::from(*p), hit);
    (parts.score(), parts)
}

fn cue_parts(m: &Mention, kind: FeatureKind, f: &mut [f64; N]) {
    let c = &m.cues;
    let is_region = matches!(kind, FeatureKind::Admin1 | FeatureKind::Region);
    let is_town = kind == FeatureKind::Town;
    if c.region {
        f[if is_region { 10 } else { 11 }] = 1.0;
    }
    if c.town {
        f[if is_town { 12 } else { 13 }] = 1.0;
    }
    if c.container {
        f[if is_town { 14 } else { 15 }] = 1.0;
    }
}

/// A point in radians with the cosine of its latitude, so that a point
/// compared with many others has them computed once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Radians {
    lat: f64,
    lon: f64,
    cos_lat: f64,
}

impl Radians {
    #[cfg(test)]
    pub(crate) fn new((lat, lon): (f64, f64)) -> Radians {
        Radians {
            lat: lat.to_radians(),
            lon: lon.to_radians(),
            cos_lat: crate::gazetteer::cos_lat(lat),
        }
    }

    /// A place's point, with the cosine of its latitude that its record
    /// carries ([`Brief::cos_lat`]).
    pub(crate) fn with_cos((lat, lon): (f64, f64), cos_lat: f64) -> Radians {
        Radians {
            lat: lat.to_radians(),
            lon: lon.to_radians(),
            cos_lat,
        }
    }
}

/// The mean Earth radius, km.
const EARTH_KM: f64 = 6371.0088;

/// The haversine of the central angle between two points: [`haversine_km`]
/// before its square root and arcsine.
fn haversine_h(a: Radians, b: Radians) -> f64 {
    ((b.lat - a.lat) / 2.0).sin().powi(2)
        + a.cos_lat * b.cos_lat * ((b.lon - a.lon) / 2.0).sin().powi(2)
}

/// Great-circle distance (haversine).
pub(crate) fn haversine_km(a: Radians, b: Radians) -> f64 {
    2.0 * EARTH_KM * haversine_h(a, b).sqrt().asin()
}

/// [`haversine_h`] of two points, or a value in the same nearness band
/// ([`NEAR_BANDS_H`]): each `sin²(x/2)` of the haversine lies between
/// `(x/2 − (x/2)³/6)²` and `(x/2)²` (for `0 ≤ x/2 ≤ π/2`), so when every band
/// limit is clear of that interval (by far more than rounding) no sine is needed.
/// The focus compares each candidate with every point of its article.
fn band_h(a: Radians, b: Radians, limits: &[f64; 3]) -> f64 {
    let half_dlat = (b.lat - a.lat).abs() / 2.0;
    let dlon = (b.lon - a.lon).abs();
    let half_dlon = dlon.min(std::f64::consts::TAU - dlon) / 2.0;
    let c = a.cos_lat * b.cos_lat;
    let upper = half_dlat * half_dlat + c * half_dlon * half_dlon;
    let lo_lat = half_dlat * (1.0 - half_dlat * half_dlat / 6.0);
    let lo_lon = half_dlon * (1.0 - half_dlon * half_dlon / 6.0);
    let lower = lo_lat * lo_lat + c * lo_lon * lo_lon;
    // Widened far beyond the rounding of these sums and of the sines.
    let (lower, upper) = (lower * (1.0 - 1e-9), upper * (1.0 + 1e-9));
    if limits.iter().all(|&l| upper < l || lower >= l) {
        upper
    } else {
        haversine_h(a, b)
    }
}

/// The focus's nearness bands (under 50, 150 and 500 km) as limits on
/// [`haversine_h`]: `2R·asin(√h) < d` exactly when `h < sin²(d / 2R)`.
static NEAR_BANDS_H: std::sync::LazyLock<[f64; 3]> = std::sync::LazyLock::new(|| {
    [50.0, 150.0, 500.0].map(|d: f64| (d / (2.0 * EARTH_KM)).sin().powi(2))
});

/// Where an article is: the countries and admin-1 regions of its places after a
/// first pass, and their points, so that a second pass can prefer the readings
/// that fit ("Paris" in an article about Kentucky towns is Paris, Kentucky).
/// The first-pass readings of one name's mentions: how many, and how many in
/// each country and in each admin-1 region. A name's mentions read one or a
/// few places, so these are short lists, not hash maps (one pair per name per
/// article was a tenth of the focus's cost).
type OwnReadings<'a> = (f64, Counts<'a>, Counts<'a>);

/// `a == b` for the short codes the focus compares (country codes, admin-1
/// codes such as "US.KY"), byte by byte in line: `==` on strings calls
/// `memcmp`, whose call costs more than such a comparison, hundreds of
/// thousands of times per thousand articles.
fn same_code(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Counts (or weights) by code, in a short list: an article names a few
/// countries and regions, and a linear scan of two-byte codes is cheaper
/// than hashing them. A list that grows past [`Counts::LIST_MAX`] (a long
/// article, a gazetteer dump) gets a hash index, so that it stays linear.
#[derive(Debug, Clone, Default)]
struct Counts<'a> {
    /// Inline up to two codes: most lists are a name's own readings (one place,
    /// or a few), one pair per name per article, and need no allocation.
    list: SmallVec<[(&'a str, f64); 2]>,
    index: Option<HashMap<&'a str, usize>>,
}

impl<'a> Counts<'a> {
    const LIST_MAX: usize = 16;

    #[inline]
    fn position(&self, code: &str) -> Option<usize> {
        if self.list.len() <= Self::LIST_MAX {
            return self.list.iter().position(|(c, _)| same_code(c, code));
        }
        self.index
            .as_ref()
            .and_then(|index| index.get(code).copied())
    }

    #[inline(always)]
    fn add(&mut self, code: &'a str, w: f64) {
        match self.position(code) {
            Some(k) => self.list[k].1 += w,
            None => {
                self.list.push((code, w));
                match &mut self.index {
                    Some(index) => {
                        index.insert(code, self.list.len() - 1);
                    }
                    None if self.list.len() > Self::LIST_MAX => {
                        let index = self.list.iter().enumerate().map(|(k, (c, _))| (*c, k));
                        self.index = Some(index.collect());
                    }
                    None => {}
                }
            }
        }
    }

    #[inline]
    fn get(&self, code: &str) -> Option<f64> {
        self.position(code).map(|k| self.list[k].1)
    }
}

/// What the focus reads of a candidate: a slice of its row, kept for every
/// candidate of the article between the passes.
#[derive(Debug, Clone, Copy)]
struct Where<'g> {
    kind: FeatureKind,
    lat: f64,
    lon: f64,
    cos_lat: f64,
    country_code: &'g str,
    admin1_code: &'g str,
}

impl<'g> From<&Brief<'g>> for Where<'g> {
    fn from(p: &Brief<'g>) -> Where<'g> {
        Where {
            kind: p.kind,
            lat: p.lat,
            lon: p.lon,
            cos_lat: p.cos_lat,
            country_code: p.country_code,
            admin1_code: p.admin1_code,
        }
    }
}

/// A point of the focus: (latitude, longitude), in radians too, and the name
/// groups that read a place there.
type FocusPoint = ((f64, f64), Radians, SmallVec<[usize; 2]>);

struct Focus<'a> {
    /// Per mention, its name's group: the mentions of one name all read the same
    /// in the first pass, so they are not evidence for each other.
    group: Vec<usize>,
    /// Per group, its mentions' first-pass readings: how many, and by country
    /// and admin-1 region (left out of the shares).
    own: Vec<OwnReadings<'a>>,
    /// The distinct first-pass points (not countries'), with the groups that
    /// read a place there: nearness is worked out per point, not per mention.
    /// By latitude if there are more than 16, so that a candidate reads only
    /// the points near its own.
    points: Vec<FocusPoint>,
    countries: Counts<'a>,
    admin1: Counts<'a>,
    total: f64,
}

impl<'a> Focus<'a> {
    fn new(
        g: &'a Gazetteer,
        first: &[Option<(PlaceIdx, f64, f64)>],
        keys: &[&str],
        demonyms: &'a [crate::recognize::Demonym],
        counties: &'a [(usize, usize, Vec<String>)],
    ) -> Focus<'a> {
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
        let group: Vec<usize> = keys
            .iter()
            .map(|k| {
                let n = ids.len();
                *ids.entry(k).or_insert(n)
            })
            .collect();
        let mut f = Focus {
            own: vec![(0.0, Counts::default(), Counts::default()); ids.len()],
            group,
            points: Vec::new(),
            countries: Counts::default(),
            admin1: Counts::default(),
            total: 0.0,
        };
        let mut point_at: HashMap<PlaceIdx, usize> = HashMap::with_capacity(first.len());
        for (i, r) in first.iter().enumerate() {
            let Some((idx, _, _)) = *r else { continue };
            let p = g.brief(idx);
            let gi = f.group[i];
            let own = &mut f.own[gi];
            own.0 += 1.0;
            own.1.add(p.country_code, 1.0);
            f.countries.add(p.country_code, 1.0);
            if !p.admin1_code.is_empty() {
                own.2.add(p.admin1_code, 1.0);
                f.admin1.add(p.admin1_code, 1.0);
            }
            f.total += 1.0;
            // Countries have no point here: nearness is between smaller places.
            if p.kind != FeatureKind::Country {
                let k = *point_at.entry(idx).or_insert_with(|| {
                    f.points.push((
                        (p.lat, p.lon),
                        Radians::with_cos((p.lat, p.lon), p.cos_lat),
                        SmallVec::new(),
                    ));
                    f.points.len() - 1
                });
                if !f.points[k].2.contains(&gi) {
                    f.points[k].2.push(gi);
                }
            }
        }
        if f.points.len() > 16 {
            // (`parts` reads a band of them by latitude only then.)
            f.points.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
        }
        for d in demonyms {
            f.countries.add(&d.country_code, 1.0);
            f.total += 1.0;
        }
        for (_, _, states) in counties {
            let w = 1.0 / states.len() as f64;
            for st in states {
                f.admin1.add(st, w);
            }
            f.countries.add("US", 1.0);
            f.total += 1.0;
        }
        f
    }

    /// The features [`Focus::parts`] sets (the last ones).
    const FEATURES: std::ops::Range<usize> = 24..N;

    /// The focus features of reading mention `i` as place `p`: the share of the
    /// article's other places in the same country and admin-1 region, and
    /// nearness to them.
    fn parts(&self, i: usize, p: &Where<'_>, f: &mut [f64; N]) {
        let kind = p.kind;
        if kind == FeatureKind::Country {
            return;
        }
        // The first-pass readings of this name's mentions, left out of the shares.
        let gi = self.group[i];
        let (own_n, own_cc, own_a1) = &self.own[gi];
        let others = self.total - own_n;
        if others <= 0.0 {
            return;
        }
        let same_cc = self.countries.get(p.country_code).unwrap_or(0.0)
            - own_cc.get(p.country_code).unwrap_or(0.0);
        f[24] = same_cc / others;
        if matches!(kind, FeatureKind::Town | FeatureKind::Admin1) && !p.admin1_code.is_empty() {
            let same_a1 = self.admin1.get(p.admin1_code).unwrap_or(0.0)
                - own_a1.get(p.admin1_code).unwrap_or(0.0);
            f[25] = same_a1 / others;
        }
        if matches!(
            kind,
            FeatureKind::Town | FeatureKind::Admin1 | FeatureKind::Region
        ) {
            let here = Radians::with_cos((p.lat, p.lon), p.cos_lat);
            // The nearest other point, as the haversine's `h`: distances are
            // only compared with the bands' limits, which are compared as `h`
            // too (the distance grows with `h`), without an arcsine per point.
            let [h50, h150, h500] = *NEAR_BANDS_H;
            let mut h = f64::INFINITY;
            // The points within the band of latitude checked below (a little
            // wider, so that rounding cannot leave one out): a long article
            // has thousands, and each candidate of each name would read them all.
            let band = if self.points.len() > 16 {
                let from = self.points.partition_point(|x| x.0 .0 < p.lat - 4.7);
                let to = self.points.partition_point(|x| x.0 .0 <= p.lat + 4.7);
                &self.points[from..to.max(from)]
            } else {
                &self.points[..]
            };
            // Many points in the band (a long article, a dense front): those
            // too far in longitude for the widest band are left out before any
            // trigonometry. `h` is at least cos φ1 cos φ2 sin²(Δλ/2), and every
            // point here has |φ2| < |φ1| + 4.7°; the limit is widened by 1 %,
            // far above rounding, so no point that could count is left out.
            let max_dlon = if band.len() > 32 {
                let c = here.cos_lat * (p.lat.abs() + 4.7).min(90.0).to_radians().cos();
                if c > h500 {
                    2.0 * (h500 / c).sqrt().asin() * 1.01 + 1e-9
                } else {
                    f64::INFINITY
                }
            } else {
                f64::INFINITY
            };
            for (pt, there, groups) in band {
                // A point only this name's mentions read is not another place.
                if !groups.iter().any(|&x| x != gi) {
                    continue;
                }
                if max_dlon.is_finite() {
                    let dlon = (there.lon - here.lon).abs();
                    if dlon.min(std::f64::consts::TAU - dlon) > max_dlon {
                        continue;
                    }
                }
                // More than ~500 km apart in latitude alone: no bonus, no trigonometry.
                if (pt.0 - p.lat).abs() < 4.6 {
                    h = h.min(band_h(here, *there, &NEAR_BANDS_H));
                    if h < h50 {
                        break; // the feature cannot get higher
                    }
                }
            }
            if h < h50 {
                f[26] = 1.0;
            } else if h < h150 {
                f[27] = 1.0;
            } else if h < h500 {
                f[28] = 1.0;
            }
        }
    }
}

/// Resolves every mention of `rec` (the result is aligned with `rec.mentions`).
pub fn resolve(rec: &Recognized, g: &Gazetteer) -> Vec<Option<Resolved>> {
    resolve_with(rec, g, &WEIGHTS, None)
}

/// Every candidate of every mention with its features as the second pass sees
/// them (the first pass run with `weights`): what `scripts/fit_resolve.py` fits
/// the weights on, and what `lookup --context` shows.
pub fn candidate_parts(
    rec: &Recognized,
    g: &Gazetteer,
    weights: &[f64; N],
) -> Vec<Vec<(PlaceIdx, Parts)>> {
    let mut out = Vec::new();
    resolve_with(rec, g, weights, Some(&mut out));
    out
}

fn resolve_with(
    rec: &Recognized,
    g: &Gazetteer,
    weights: &[f64; N],
    dump: Option<&mut Vec<Vec<(PlaceIdx, Parts)>>>,
) -> Vec<Option<Resolved>> {
    let ms = &rec.mentions;
    // Country evidence: demonyms, and names whose best reading is a country.
    let mut countries = Counts::default();
    for d in &rec.demonyms {
        countries.add(&d.country_code, 1.0);
    }
    // Few per article: a list, not a hash set.
    let mut regions: Vec<&str> = Vec::new();
    // A county of a single state names that state.
    for (_, _, states) in &rec.counties {
        if let [one] = states.as_slice() {
            if !regions.contains(&one.as_str()) {
                regions.push(one);
            }
        }
    }
    // One pass over every mention's hits, which reads each hit's kind once:
    // - main_big: a town matched only by an alternate name competes poorly with
    //   a country or region that has the name as its own ("Mexico": the country,
    //   not Mexico City);
    // - names_country, names_region: a name that is a country's (by any of its
    //   names), or a region's own name: the article's focus does not turn it into
    //   a small town or a province ("The US said ... in Paris" is not Us,
    //   Île-de-France; "Mexico" is not the State of Mexico; "Middle East" is not
    //   the hamlet in Maryland).
    let mut main_big: Vec<bool> = Vec::with_capacity(ms.len());
    let mut names_country: Vec<Option<&str>> = Vec::with_capacity(ms.len());
    let mut names_region: Vec<bool> = Vec::with_capacity(ms.len());
    for m in ms {
        let (mut big, mut country, mut region) = (false, None, false);
        // Most hits are towns: their rows' strings are not read.
        for h in &m.hits {
            let kind = g.kind(h.place);
            match kind {
                FeatureKind::Country => {
                    let cc = g.place(h.place).country_code;
                    if h.main {
                        countries.add(cc, 1.0);
                    }
                    country.get_or_insert(cc);
                }
                FeatureKind::Admin1 if m.cues.region => {
                    let a1 = g.place(h.place).admin1_code;
                    if !regions.contains(&a1) {
                        regions.push(a1);
                    }
                }
                _ => {}
            }
            big |= h.main && matches!(kind, FeatureKind::Country | FeatureKind::Admin1);
            region |= h.main && kind == FeatureKind::Region;
        }
        main_big.push(big);
        names_country.push(country);
        names_region.push(region);
    }
    // The sense a name has where cues say what it is, for uncued mentions of it:
    // the nearest cued mention of the same name before it, else after it.
    let keys: Vec<&str> = ms.iter().map(|m| m.key.as_str()).collect();
    let cued = |m: &Mention| m.cues.region || m.cues.container || m.cues.town;
    // The cued mentions of each name, in text order.
    let mut cued_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, m) in ms.iter().enumerate() {
        if cued(m) {
            cued_of.entry(keys[j]).or_default().push(j);
        }
    }
    let inherited: Vec<Option<bool>> = (0..ms.len())
        .map(|i| {
            if cued(&ms[i]) {
                return None;
            }
            let list = cued_of.get(keys[i])?;
            let after = list.partition_point(|&j| j < i);
            let j = if after > 0 {
                list[after - 1]
            } else {
                *list.get(after)?
            };
            Some(ms[j].cues.region || ms[j].cues.container)
        })
        .collect();

    // Each candidate's row, read once.
    // A candidate's parts before the article's focus (feature 23 says whether
    // the focus may add to them): the same in both passes, so worked out once.
    let unfocused = |i: usize, m: &Mention, k: usize, p: &Brief<'_>| -> Parts {
        let h = &m.hits[k];
        let kind = p.kind;
        let Parts(mut f) = prior_parts(p, h);
        cue_parts(m, kind, &mut f);
        let region_like = matches!(kind, FeatureKind::Admin1 | FeatureKind::Region);
        if let Some(region_sense) = inherited[i] {
            let fits = if region_sense {
                region_like
            } else {
                kind == FeatureKind::Town
            };
            f[if fits { 16 } else { 17 }] = 1.0;
        }
        if kind == FeatureKind::Town && !h.main && main_big[i] {
            f[18] = 1.0;
        }
        if kind != FeatureKind::Country {
            if let Some(w) = countries.get(p.country_code) {
                f[19] = 1.0;
                f[20] = w.min(4.0);
            }
            if kind == FeatureKind::Town && regions.iter().any(|r| same_code(r, p.admin1_code)) {
                f[21] = 1.0;
            }
        }
        if let Some(q) = m.qualifier {
            let qualifies = ms[q].hits.iter().any(|qh| match g.kind(qh.place) {
                FeatureKind::Country => g.place(qh.place).country_code == p.country_code,
                FeatureKind::Admin1 => g.place(qh.place).admin1_code == p.admin1_code,
                _ => false,
            });
            if qualifies {
                f[22] = 1.0;
            }
        }
        // A province named like its own country ("Mexico", "Panama") yields to
        // the country; a state of another country ("Georgia") does not.
        // So does a town that has a country's name only as an alternate name
        // ("Mexico" for Mexico City, "Kuwait" for Kuwait City).
        let overshadowed =
            names_country[i].is_some_and(|cc| {
                (kind == FeatureKind::Admin1 && p.country_code == cc)
                    || (kind == FeatureKind::Town && (p.population < 100_000 || !h.main))
            }) || (names_region[i] && kind == FeatureKind::Town && p.population < 100_000);
        if overshadowed {
            f[23] = 1.0;
        }
        Parts(f)
    };
    // Only the score and whether it is overshadowed are kept (a few bytes per
    // candidate, not its parts: an article can have a million candidates).
    // Each candidate's row is read once, here; the focus pass keeps the slice
    // of it that it reads.
    // Candidate k of mention i is at `first_of[i] + k` in both.
    let mut first_of: Vec<usize> = Vec::with_capacity(ms.len());
    let candidates: usize = ms.iter().map(|m| m.hits.len()).sum();
    let mut rows: Vec<Where<'_>> = Vec::with_capacity(candidates);
    let mut scored: Vec<(f64, bool)> = Vec::with_capacity(candidates);
    for (i, m) in ms.iter().enumerate() {
        first_of.push(rows.len());
        for k in 0..m.hits.len() {
            let p = g.brief(m.hits[k].place);
            rows.push(Where::from(&p));
            let parts = unfocused(i, m, k, &p);
            scored.push((parts.score_with(weights), parts.0[23] != 0.0));
        }
    }
    // With the focus: its features added, unless the reading is overshadowed.
    let parts = |i: usize, k: usize, focus: Option<&Focus>| -> Parts {
        let Parts(mut f) = unfocused(i, &ms[i], k, &g.brief(ms[i].hits[k].place));
        if let (Some(focus), true) = (focus, f[23] == 0.0) {
            focus.parts(i, &rows[first_of[i] + k], &mut f);
        }
        Parts(f)
    };
    // The focus's part of a candidate's score depends on the mention only
    // through its name's group, so it is worked out once per group: the
    // candidates (place, score part) of the group's first mention.
    let focus_parts: RefCell<Vec<Vec<(PlaceIdx, f64)>>> = RefCell::default();
    let score = |i: usize, k: usize, focus: Option<&Focus>| -> f64 {
        let (s, overshadowed) = scored[first_of[i] + k];
        match focus {
            Some(focus) if !overshadowed => {
                let part = |k: usize| {
                    let mut extra = [0.0; N];
                    focus.parts(i, &rows[first_of[i] + k], &mut extra);
                    // `score_with` of these parts: the others are zeros, which
                    // leave the sum as it is (but for the sign of a zero sum).
                    let focus = Focus::FEATURES;
                    debug_assert!(extra[..focus.start].iter().all(|&x| x == 0.0));
                    extra[focus.clone()]
                        .iter()
                        .zip(&weights[focus])
                        .map(|(x, w)| x * w)
                        .sum::<f64>()
                };
                let hits = &ms[i].hits;
                let mut memo = focus_parts.borrow_mut();
                let gi = focus.group[i];
                if memo.len() <= gi {
                    memo.resize_with(gi + 1, Vec::new);
                }
                let group = &mut memo[gi];
                match group.get(k) {
                    Some(&(place, part)) if place == hits[k].place => s + part,
                    // Not yet worked out for this group (candidates come in order).
                    None if group.len() == k => {
                        if k == 0 {
                            group.reserve_exact(hits.len());
                        }
                        let p = part(k);
                        group.push((hits[k].place, p));
                        s + p
                    }
                    _ => s + part(k),
                }
            }
            _ => s,
        }
    };

    let pick = |focus: Option<&Focus>| -> Vec<Option<(PlaceIdx, f64, f64)>> {
        ms.iter()
            .enumerate()
            .map(|(i, m)| {
                let mut best: Option<(PlaceIdx, f64)> = None;
                let mut second = f64::NEG_INFINITY;
                for (k, h) in m.hits.iter().enumerate() {
                    let s = score(i, k, focus);
                    match best {
                        Some((bp, bs)) if s < bs || (s == bs && h.place > bp) => {
                            second = second.max(s)
                        }
                        _ => {
                            if let Some((_, bs)) = best {
                                second = second.max(bs);
                            }
                            best = Some((h.place, s));
                        }
                    }
                }
                best.map(|(p, s)| (p, s, second))
            })
            .collect()
    };

    // Pass 1 without the article's focus; pass 2 with the focus pass 1 found.
    let first = pick(None);
    let focus = Focus::new(g, &first, &keys, &rec.demonyms, &rec.counties);
    let second = pick(Some(&focus));
    if let Some(dump) = dump {
        *dump = ms
            .iter()
            .enumerate()
            .map(|(i, m)| {
                (0..m.hits.len())
                    .map(|k| (m.hits[k].place, parts(i, k, Some(&focus))))
                    .collect()
            })
            .collect();
    }

    // One sense per article: same name and same cues, same place (the best-scored
    // reading). By the name's group (the focus numbers the names) and the cues.
    let sense_key = |i: usize| {
        let c = ms[i].cues;
        focus.group[i] * 8
            + usize::from(c.region) * 4
            + usize::from(c.town) * 2
            + usize::from(c.container)
    };
    let mut sense: Vec<Option<(PlaceIdx, f64)>> = vec![None; focus.own.len() * 8];
    for (i, r) in second.iter().enumerate() {
        if let Some((p, s, _)) = r {
            let e = sense[sense_key(i)].get_or_insert((*p, *s));
            if *s > e.1 {
                *e = (*p, *s);
            }
        }
    }
    second
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let (_, s, runner_up) = r?;
            let (place, _) = sense[sense_key(i)]?;
            let margin = if runner_up.is_finite() {
                s - runner_up
            } else {
                4.0
            };
            Some(Resolved {
                place,
                score: 1.0 / (1.0 + (-margin).exp()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_many_codes_are_the_counts_of_a_list() {
        // Past LIST_MAX codes a hash index takes over from the scan.
        let codes: Vec<String> = (0..100).map(|i| format!("C{}", i % 37)).collect();
        let mut c = Counts::default();
        let mut sums: Vec<(String, f64)> = Vec::new();
        for (k, code) in codes.iter().enumerate() {
            let w = 1.0 / (k + 1) as f64;
            c.add(code, w);
            match sums.iter_mut().find(|(s, _)| s == code) {
                Some((_, n)) => *n += w,
                None => sums.push((code.clone(), w)),
            }
        }
        assert!(c.index.is_some());
        for (code, n) in &sums {
            assert_eq!(c.get(code), Some(*n), "{code}");
        }
        assert_eq!(c.get("C99"), None);
        assert_eq!(c.list.len(), 37);
    }

    #[test]
    fn same_code_is_string_equality() {
        let codes = [
            "", "U", "US", "UA", "US.KY", "US.KS", "UA.14", "UA.1", "ÜA", "US.KYX",
        ];
        for a in codes {
            for b in codes {
                assert_eq!(same_code(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
    use crate::gazetteer::Row;
    use crate::recognize::{recognize, Demonyms};

    #[allow(clippy::too_many_arguments)]
    fn row(
        id: &str,
        name: &str,
        lat: f64,
        lon: f64,
        fcode: &str,
        cc: &str,
        a1: &str,
        pop: u64,
    ) -> Row {
        Row {
            id: id.into(),
            name: name.into(),
            alt_names: vec![],
            lat,
            lon,
            feature_class: if fcode.starts_with('P') { 'P' } else { 'A' },
            feature_code: fcode.into(),
            country_code: cc.into(),
            admin1_code: a1.into(),
            admin1_name: String::new(),
            population: pop,
            capital: None,
        }
    }

    fn gazetteer() -> Gazetteer {
        let mut g = Gazetteer::empty();
        g.add_rows(vec![
            row(
                "alex-la",
                "Alexandria",
                31.3,
                -92.4,
                "PPL",
                "US",
                "US.LA",
                48000,
            ),
            row(
                "alex-va",
                "Alexandria",
                38.8,
                -77.0,
                "PPL",
                "US",
                "US.VA",
                150000,
            ),
            row(
                "alex-eg",
                "Alexandria",
                31.2,
                29.9,
                "PPLA",
                "EG",
                "EG.06",
                3_800_000,
            ),
            row(
                "va", "Virginia", 37.5, -78.8, "ADM1", "US", "US.VA", 8_000_000,
            ),
            row(
                "la",
                "Louisiana",
                31.0,
                -92.0,
                "ADM1",
                "US",
                "US.LA",
                4_600_000,
            ),
            row(
                "lug-city", "Luhansk", 48.57, 39.31, "PPLA", "UA", "UA.14", 400_000,
            ),
            row(
                "lug-obl", "Luhansk", 48.9, 38.9, "ADM1", "UA", "UA.14", 2_000_000,
            ),
            row(
                "pineville",
                "Pineville",
                31.32,
                -92.43,
                "PPL",
                "US",
                "US.LA",
                14000,
            ),
            row(
                "pineville-ky",
                "Pineville",
                36.76,
                -83.69,
                "PPL",
                "US",
                "US.KY",
                1700,
            ),
            row("ua", "Ukraine", 49.0, 31.0, "PCLI", "UA", "", 40_000_000),
            row("ge", "Georgia", 42.0, 43.5, "PCLI", "GE", "", 3_700_000),
            row(
                "ge-us", "Georgia", 32.7, -83.4, "ADM1", "US", "US.GA", 10_000_000,
            ),
        ]);
        g
    }

    fn ids(text: &str) -> Vec<String> {
        let g = gazetteer();
        let rec = recognize(text, &g, &Demonyms::bundled());
        resolve(&rec, &g)
            .into_iter()
            .map(|r| r.map_or("-".into(), |r| g.place(r.place).id.to_string()))
            .collect()
    }

    /// Numbers in [0, 1) from a xorshift generator seeded with `x`.
    fn uniform(mut x: u64) -> impl FnMut() -> f64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn bounded_h_is_in_the_band_of_the_haversine_h() {
        // Pairs at the bands' limits, to a hundred-millionth of them, in every
        // direction, all over the globe (and across the antimeridian and the
        // poles), and pairs anywhere.
        let mut next = uniform(0x2545_F491_4F6C_DD1D);
        let limits = *NEAR_BANDS_H;
        let band = |h: f64| limits.iter().position(|&b| h < b);
        let (mut near_limit, mut fallback) = (0, 0);
        for k in 0..300_000 {
            let lat = (next() * 180.0 - 90.0).to_radians();
            let lon = (next() * 360.0 - 180.0).to_radians();
            let a = Radians {
                lat,
                lon,
                cos_lat: lat.cos(),
            };
            let (lat2, lon2) = if k % 3 == 2 {
                (
                    (next() * 180.0 - 90.0).to_radians(),
                    (next() * 360.0 - 180.0).to_radians(),
                )
            } else {
                // The point at that distance on that bearing.
                let limit = [50.0, 150.0, 500.0][(next() * 3.0) as usize % 3];
                // Off the limit by 1e-8 to 1e-2 of it, either way.
                let off = 10f64.powf(-8.0 + 6.0 * next()) * if next() < 0.5 { -1.0 } else { 1.0 };
                let d = limit * (1.0 + off) / EARTH_KM;
                let bearing = next() * std::f64::consts::TAU;
                let lat2 = (lat.sin() * d.cos() + lat.cos() * d.sin() * bearing.cos()).asin();
                let lon2 = lon
                    + (bearing.sin() * d.sin() * lat.cos()).atan2(d.cos() - lat.sin() * lat2.sin());
                near_limit += 1;
                (lat2, lon2)
            };
            let b = Radians {
                lat: lat2,
                lon: lon2,
                cos_lat: lat2.cos(),
            };
            let exact = haversine_h(a, b);
            let bounded = band_h(a, b, &limits);
            fallback += usize::from(bounded == exact);
            assert_eq!(band(bounded), band(exact), "{a:?} {b:?}");
        }
        // Most pairs need no sine; those at a limit do.
        assert!(
            near_limit > 150_000 && fallback > 1000 && fallback < 250_000,
            "{fallback}"
        );
    }

    #[test]
    fn nearness_bands_read_from_h_are_those_of_the_distance() {
        // Pairs of points a few to a few hundred km apart, all over the globe.
        let mut next = uniform(0x9E37_79B9_7F4A_7C15);
        let band = |d: f64| [50.0, 150.0, 500.0].iter().position(|&b| d < b);
        let [h50, h150, h500] = *NEAR_BANDS_H;
        let band_h = |h: f64| [h50, h150, h500].iter().position(|&b| h < b);
        let mut seen = [0; 4];
        for _ in 0..200_000 {
            let a = (next() * 170.0 - 85.0, next() * 360.0 - 180.0);
            let b = (a.0 + next() * 9.0 - 4.5, a.1 + next() * 9.0 - 4.5);
            let (ra, rb) = (Radians::new(a), Radians::new(b));
            let want = band(haversine_km(ra, rb));
            assert_eq!(band_h(haversine_h(ra, rb)), want, "{a:?} {b:?}");
            assert_eq!(
                band_h(super::band_h(ra, rb, &NEAR_BANDS_H)),
                want,
                "{a:?} {b:?}"
            );
            seen[want.unwrap_or(3)] += 1;
        }
        assert!(seen.iter().all(|&n| n > 1000), "{seen:?}");
    }

    #[test]
    fn population_prior_without_context() {
        assert_eq!(ids("It happened in Alexandria."), ["alex-eg"]);
    }

    #[test]
    fn qualifier_decides() {
        assert_eq!(
            ids("It happened in Alexandria, Virginia."),
            ["alex-va", "va"]
        );
    }

    #[test]
    fn nearby_places_decide() {
        assert_eq!(
            ids("Pineville and Alexandria are close."),
            ["pineville", "alex-la"]
        );
    }

    #[test]
    fn region_cue_and_one_sense_per_article() {
        assert_eq!(
            ids("The Luhansk region fell. Luhansk was quiet. Shells hit the city of Luhansk."),
            ["lug-obl", "lug-obl", "lug-city"]
        );
    }

    #[test]
    fn countries_win_their_own_names() {
        assert_eq!(ids("Troops left Georgia."), ["ge"]);
    }

    #[test]
    fn bare_name_prefers_the_town_over_its_region() {
        assert_eq!(ids("Ukrainian troops entered Luhansk."), ["lug-city"]);
    }
}
