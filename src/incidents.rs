//! Incidents: sentences and resolved places in, [`Incident`]s in ACLED's
//! taxonomy out.
//!
//! Each sentence is read on its own. Trigger lexicons (one per kind of event:
//! shelling, air/drone strikes, interceptions, territory changes, clashes,
//! protests, arrests, ...) say whether it reports an event and which; ACLED's
//! codebook rules then decide the event and sub-event type:
//!
//! - interceptions and downed drones are "Disrupted weapons use", unless debris
//!   killed, wounded or damaged, which makes the attack an explosion event;
//! - a capture with fighting around the place is a Battles territory change
//!   ("Government regains territory" when the state's own forces retake it,
//!   "Non-state actor overtakes territory" otherwise, foreign states included); a
//!   capture without fighting is a "Non-violent transfer of territory";
//! - one side firing artillery, rockets, missiles or mortars is a
//!   "Shelling/artillery/missile attack"; both sides fighting is an "Armed clash",
//!   and civilians killed during a battle belong to the battle;
//! - fatalities: the number stated (the lowest of conflicting figures), 3 for an
//!   unspecified plural (10 for large-scale attacks), 12 for "dozens", 100 for
//!   "hundreds", 0 when none is reported; vague counts are kept in
//!   `fatalities_text`.
//!
//! The place is the one where the incident happened: places in the reported
//! clause before the speaker's, towns before regions before countries, never a
//! dateline ("reports ... from Kyiv"), a hyphenated modifier ("Russia-occupied")
//! or a country that is the subject of the sentence ("Ukraine fired"). A sentence
//! with no place ("new attacks killed ...", "they attacked the city") takes the
//! place of the sentence before it in the same paragraph. Regions and countries
//! are placed at their capital with geo_precision 3, "near X" at X with 2.
//!
//! Negated, hypothetical and background statements ("no soldiers were
//! fighting", "would open the way", events a week or more before publication)
//! are not incidents. Incidents of one event type at one place on one day are
//! merged into one, and region- or country-level reports into a town-level
//! incident of the same type and day inside that region or country.

use std::sync::OnceLock;

use foldhash::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use regex_automata::{
    dfa::{dense, Automaton},
    meta, Input, PatternID, PatternSet,
};
use std::borrow::Cow;

// build.rs compiles GATE with syntax(); the tests compare it with a fresh build.
#[cfg_attr(not(test), allow(dead_code))]
mod triggers;

use crate::gazetteer::{FeatureKind, Gazetteer, PlaceIdx};
use crate::recognize::Recognized;
use crate::resolve::Resolved;
use crate::text::Sentence;

/// One incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// ACLED event type.
    pub event_type: &'static str,
    /// ACLED sub-event type.
    pub sub_event_type: &'static str,
    /// The place the point stands for (a region's or country's capital when only
    /// the region or country is named).
    pub place: PlaceIdx,
    /// 1 the place itself, 2 near it, 3 a region or country stood for by its capital.
    pub geo_precision: u8,
    /// The day, when known.
    pub date: Option<NaiveDate>,
    /// `"day"`, `"week"`, `"month"`, or `None` when the date is unknown.
    pub date_precision: Option<&'static str>,
    /// Fatalities by ACLED's rules.
    pub fatalities: u32,
    /// The words of a count that was not stated as a number.
    pub fatalities_text: Option<String>,
    /// Actors, the side that acted first.
    pub actors: Vec<String>,
    /// Who claims it, if the text attributes it.
    pub claimed_by: Option<String>,
    /// Byte span of the main evidence sentence.
    pub evidence: (usize, usize),
    /// Byte spans of every sentence that reports this incident, in text order.
    pub spans: Vec<(usize, usize)>,
    /// 0..1.
    pub confidence: f64,
}

const BATTLES: &str = "Battles";
const ERV: &str = "Explosions/Remote violence";
const VAC: &str = "Violence against civilians";
const PROTESTS: &str = "Protests";
const RIOTS: &str = "Riots";
const STRATEGIC: &str = "Strategic developments";

/// The trigger lexicons, compiled once.
struct Lexicon {
    kill: Trigger,
    injure: Trigger,
    damage: Trigger,
    arty: Trigger,
    arty_act: Trigger,
    air: Trigger,
    drone: Trigger,
    intercept: Trigger,
    debris: Trigger,
    ied: Trigger,
    suicide: Trigger,
    grenade: Trigger,
    chemical: Trigger,
    clash: Trigger,
    take: Trigger,
    retake: Trigger,
    withdraw: Trigger,
    nonviolent: Trigger,
    attack: Trigger,
    anaphora: Trigger,
    civilians: Trigger,
    armed: Trigger,
    abduct: Trigger,
    sexual: Trigger,
    protest: Trigger,
    intervention: Trigger,
    excessive: Trigger,
    riot: Trigger,
    mob: Trigger,
    arrest: Trigger,
    agreement: Trigger,
    base: Trigger,
    loot: Trigger,
    change: Trigger,
    siege: Trigger,
    irrealis: Trigger,
    speech: Trigger,
    near: Trigger,
    large: Trigger,
    shooting: Trigger,
    perpetrators: Trigger,
    political: Trigger,
    /// Any trigger at all: sentences that match none are skipped at once.
    any: Dfa,
    /// Every lexicon above, by [`Trigger::id`]: one pass says which have a match.
    /// Read ([`Lexicon::set`]) when a sentence first passes the gate: it is
    /// four times the gate's size, and its check is most of a one-article run.
    set: OnceLock<Dfa>,
}

/// A trigger lexicon and its place in [`Lexicon::set`]. Its own DFAs, which
/// build.rs compiled ([`compiled_lexeme`]), are read when it is first searched:
/// most articles need few lexicons beyond the set's pass.
struct Trigger {
    re: OnceLock<Lexeme>,
    id: usize,
}

impl std::ops::Deref for Trigger {
    type Target = Lexeme;
    fn deref(&self) -> &Lexeme {
        self.re.get_or_init(|| compiled_lexeme(self.id))
    }
}

/// A trigger-lexicon pattern: ASCII word boundaries and case folding, which is
/// all English trigger words need and several times faster than Unicode's.
fn lx(p: &str) -> Lexeme {
    Lexeme::Meta(
        meta::Builder::new()
            .syntax(triggers::syntax())
            .configure(meta::Config::new().auto_prefilter(false))
            .build(p)
            .expect("valid built-in pattern"),
    )
}

/// A trigger-lexicon pattern: one of [`triggers::SET`], compiled by build.rs
/// into a forward and a reverse DFA ([`compiled_lexeme`]), or another, compiled
/// by regex's own engine without a literal prefilter, which
/// `regex::RegexBuilder` cannot turn off: a case-folded alternation of dozens
/// of words has too many literals to prefilter on, and looking for them made
/// compiling the 41 lexicons take 24 ms instead of 6 ms (searching them is
/// ~1.2x faster without, too). Both match leftmost-first, as the tests check.
enum Lexeme {
    Meta(meta::Regex),
    Compiled(Box<regex_automata::dfa::regex::Regex<Dfa>>),
}

/// The matches of a [`Lexeme`].
enum Matches<'r, 'h> {
    Meta(meta::FindMatches<'r, 'h>),
    Compiled(regex_automata::dfa::regex::FindMatches<'r, 'h, Dfa>),
}

impl Iterator for Matches<'_, '_> {
    type Item = regex_automata::Match;

    fn next(&mut self) -> Option<regex_automata::Match> {
        match self {
            Matches::Meta(m) => m.next(),
            Matches::Compiled(m) => m.next(),
        }
    }
}

/// A match of a [`Lexeme`] in `haystack`.
#[derive(Debug, Clone, Copy)]
struct Hit<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Hit<'h> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

impl Lexeme {
    fn is_match(&self, s: &str) -> bool {
        match self {
            Lexeme::Meta(r) => r.is_match(s),
            // A DFA without quit bytes cannot fail; were it to, the text matches.
            Lexeme::Compiled(r) => r
                .try_search(&Input::new(s).earliest(true))
                .map_or(true, |m| m.is_some()),
        }
    }

    fn find<'h>(&self, s: &'h str) -> Option<Hit<'h>> {
        self.find_iter(s).next()
    }

    /// [`Lexeme::is_match`] for a pattern that ends with `$`: its matches end
    /// where `s` does, so its reverse DFA reads back from there, through the
    /// match's few bytes, not all of `s` (the text before each place of a long
    /// sentence).
    fn is_match_at_end(&self, s: &str) -> bool {
        match self {
            Lexeme::Meta(r) => r.is_match(s),
            Lexeme::Compiled(r) => {
                use regex_automata::dfa::Automaton;
                let input = Input::new(s)
                    .anchored(regex_automata::Anchored::Yes)
                    .earliest(true);
                r.reverse()
                    .try_search_rev(&input)
                    .map_or(true, |m| m.is_some())
            }
        }
    }

    /// The leftmost-first matches, left to right, without overlaps.
    fn find_iter<'r, 'h>(&'r self, s: &'h str) -> impl Iterator<Item = Hit<'h>> + 'r
    where
        'h: 'r,
    {
        let matches = match self {
            Lexeme::Meta(r) => Matches::Meta(r.find_iter(s)),
            Lexeme::Compiled(r) => Matches::Compiled(r.find_iter(s)),
        };
        matches.map(move |m| Hit {
            haystack: s,
            start: m.start(),
            end: m.end(),
        })
    }

    /// `s` without its matches.
    fn remove_all<'h>(&self, s: &'h str) -> std::borrow::Cow<'h, str> {
        let mut out = String::new();
        let mut last = 0;
        for m in self.find_iter(s) {
            out.push_str(&s[last..m.start]);
            last = m.end;
        }
        if last == 0 {
            return std::borrow::Cow::Borrowed(s);
        }
        out.push_str(&s[last..]);
        std::borrow::Cow::Owned(out)
    }
}

/// A pattern for lowercased text, as written: all its letters are lowercase
/// ASCII, with Unicode classes and word boundaries. The tests compile it so
/// ([`re_masked`] is what the pipeline runs) and hold [`re_masked`] to it.
#[cfg(test)]
fn re_lower(p: &str) -> Regex {
    debug_assert!(
        is_lower_pattern(p),
        "a pattern for lowercased text has an uppercase letter: {p}"
    );
    Regex::new(p).expect("valid built-in pattern")
}

/// True if no letter of `p` outside its escapes and group names is uppercase.
fn is_lower_pattern(p: &str) -> bool {
    !p.replace("(?P<", "(<")
        .split('\\')
        .enumerate()
        .any(|(k, part)| {
            part.chars()
                .skip(usize::from(k > 0))
                .any(|c| c.is_ascii_uppercase())
        })
}

/// A pattern for lowercased text (its letters lowercase ASCII) compiled for
/// the key of a [`Masked`] sentence ([`Mask::Lower`]), with one ASCII byte
/// per character: `\w`, `\s`, `\b` and literals read ASCII, and `\d` is
/// `[0-9D]` ('D' stands for any other decimal digit). It matches there exactly
/// where the Unicode pattern matches the lowercased text, character for
/// character (see [`Masked`]), and compiles to a far smaller automaton:
/// start-up time, the Unicode `\w` and `\d` were most of it. Its lazy DFA also
/// reads every sentence, where a Unicode word boundary gives up on non-ASCII
/// text and leaves the search to the NFA.
///
/// The built-in patterns are ASCII, and use no construct that reads a
/// character other than by its class (`.`, negated classes, `\S`, `\W`, `\D`,
/// flags); a pattern that does is a bug, caught by the tests.
fn re_masked(p: &str) -> Regex {
    re_mask(p, Mask::Lower)
}

/// A pattern compiled for the key of a sentence masked as `mask`:
/// [`re_masked`] for lowercased text; for [`Mask::Folded`], a pattern that was
/// case-insensitive (written in lowercase); for [`Mask::Cased`], a
/// case-sensitive one without `\d`.
fn re_mask(p: &str, mask: Mask) -> Regex {
    debug_assert!(
        mask == Mask::Cased || is_lower_pattern(p),
        "a pattern for lowercased text has an uppercase letter: {p}"
    );
    Regex::new(&masked_pattern(p, mask)).expect("valid built-in pattern")
}

/// [`re_mask`]'s translation of a pattern.
fn masked_pattern(p: &str, mask: Mask) -> String {
    assert!(p.is_ascii(), "a built-in pattern is ASCII: {p}");
    let mut out = String::with_capacity(p.len() + 32);
    out.push_str("(?-u)");
    let mut in_class = false;
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars.next().expect("a pattern does not end in a backslash");
                match e {
                    'd' if mask == Mask::Cased => {
                        panic!("\\d in a pattern for a case-sensitive mask: {p}")
                    }
                    'd' if in_class => out.push_str("0-9D"),
                    'd' => out.push_str("[0-9D]"),
                    'S' | 'W' | 'D' | 'p' | 'P' | 'X' => {
                        panic!("\\{e} reads characters the masked text does not keep: {p}")
                    }
                    e => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                assert!(chars.peek() != Some(&'^'), "a negated class: {p}");
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '.' if !in_class => panic!("'.' reads characters the masked text does not keep: {p}"),
            c => out.push(c),
        }
    }
    assert!(!out.contains("(?i") && !out.contains("(?u"), "flags: {p}");
    out
}

/// The decimal digits (`\d`, Unicode's Nd), as regex-syntax defines them for
/// the patterns, as sorted ranges.
fn unicode_digits() -> &'static [(char, char)] {
    static DIGITS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    DIGITS.get_or_init(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::parse(r"\d").map(|h| h.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(c))) => {
                c.ranges().iter().map(|r| (r.start(), r.end())).collect()
            }
            // regex-syntax parses `\d` to a Unicode class; were it not to,
            // the ASCII digits still read as digits.
            _ => vec![('0', '9')],
        }
    })
}

fn is_unicode_digit(c: char) -> bool {
    let ranges = unicode_digits();
    let k = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(k).is_some_and(|&(lo, _)| lo <= c)
}

/// How a [`Masked`] sentence's key writes its characters, for patterns of
/// one kind ([`re_mask`]). In every kind, a character that is ASCII stays one
/// byte, and any other is one byte: 0x0B (an ASCII white space) if it is white
/// space, 0x01 if it is neither white space nor a word character, and:
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mask {
    /// For patterns of lowercased text: ASCII lowercased; `D` for any other
    /// decimal digit, `W` for any other word character.
    Lower,
    /// For case-insensitive patterns: as `Lower`, and "ſ" and the Kelvin
    /// sign, which Unicode case folding makes "s" and "k", as "s" and "k".
    Folded,
    /// For case-sensitive patterns without `\d`: ASCII as it is; `_` for any
    /// other word character.
    Cased,
}

/// A sentence as the [`re_mask`] patterns read it, and as their matches are
/// read back.
///
/// - `base`, which matches are read from, is [`ascii_lower`] of the sentence
///   for [`Mask::Lower`], and the sentence itself otherwise: either way its
///   offsets are the sentence's;
/// - the key, which the patterns run on, is one byte per character, as
///   [`Mask`] says (for ASCII text, the ASCII text as the mask writes it). A
///   pattern of literals, `\w`, `\s`, `[0-9D]` and ASCII `\b` reads each of
///   those bytes as the Unicode pattern reads the character (neither names
///   0x01, 0x0B, `D`, `W` or `_` as such; both read them as the same word,
///   digit, white-space and other characters, and a case-insensitive pattern
///   reads "ſ" and the Kelvin sign as the letters they fold to), so it matches
///   the same characters, and [`Masked::span`] turns a match's offsets back
///   into the sentence's.
struct Masked<'s> {
    base: Cow<'s, str>,
    /// The key, if it is not `base` itself.
    key: Option<String>,
    /// For a sentence that is not ASCII: the byte offset of each character of
    /// the key in the sentence, and the sentence's length.
    at: Option<Vec<usize>>,
}

impl<'s> Masked<'s> {
    /// A sentence masked for patterns of lowercased text ([`Mask::Lower`]).
    fn new(s: &'s str) -> Masked<'s> {
        Masked::with(s, Mask::Lower)
    }

    fn with(s: &'s str, mask: Mask) -> Masked<'s> {
        let base = match mask {
            Mask::Lower => Cow::Owned(ascii_lower(s)),
            Mask::Folded | Mask::Cased => Cow::Borrowed(s),
        };
        if s.is_ascii() {
            let key = (mask == Mask::Folded).then(|| s.to_ascii_lowercase());
            return Masked {
                base,
                key,
                at: None,
            };
        }
        let bytes = s.as_bytes();
        let mut key = Vec::with_capacity(s.len());
        let mut at = Vec::with_capacity(s.len() + 1);
        let mut i = 0;
        while i < bytes.len() {
            at.push(i);
            // ASCII byte by byte; other characters decoded.
            if bytes[i].is_ascii() {
                key.push(match mask {
                    Mask::Lower | Mask::Folded => bytes[i].to_ascii_lowercase(),
                    Mask::Cased => bytes[i],
                });
                i += 1;
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            key.push(match (mask, c) {
                (Mask::Folded, 'ſ') => b's',
                (Mask::Folded, '\u{212A}') => b'k',
                _ if c.is_whitespace() => 0x0B,
                _ if !regex_syntax::is_word_character(c) => 1,
                (Mask::Cased, _) => b'_',
                _ if is_unicode_digit(c) => b'D',
                _ => b'W',
            });
            i += c.len_utf8();
        }
        at.push(s.len());
        Masked {
            base,
            // ASCII bytes only: valid UTF-8.
            key: Some(String::from_utf8(key).unwrap_or_default()),
            at: Some(at),
        }
    }

    /// The text the patterns run on.
    fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.base)
    }

    /// The offset in the sentence of offset `i` of the key.
    fn at(&self, i: usize) -> usize {
        self.at.as_ref().map_or(i, |at| at[i])
    }

    /// A match on the key, as a range of the sentence.
    fn span(&self, m: regex::Match<'_>) -> std::ops::Range<usize> {
        self.at(m.start())..self.at(m.end())
    }

    /// A match on the key, as the text it matched: lowercased for
    /// [`Mask::Lower`], as written otherwise.
    fn text(&self, m: regex::Match<'_>) -> &str {
        &self.base[self.span(m)]
    }
}

/// `s` with its ASCII letters lowercased, and every non-ASCII character that
/// is not a word character (curly quotes, dashes, ellipses) written as that
/// many 0x01 bytes: the text the patterns for lowercased text were written
/// for. It keeps `s`'s length and character boundaries (Unicode lowercasing
/// can change a character's length: "İ" becomes three bytes), so its offsets
/// are `s`'s. The trigger lexicons read it, [`Masked`] reads its matches'
/// text from it, and the tests run the Unicode patterns on it as the
/// reference for [`re_masked`].
fn ascii_lower(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    let mut bytes = lower.into_bytes();
    for (i, c) in s.char_indices() {
        if !c.is_ascii() && !regex_syntax::is_word_character(c) {
            bytes[i..i + c.len_utf8()].fill(1);
        }
    }
    // Whole characters were replaced by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| s.to_ascii_lowercase())
}

/// A case-insensitive Unicode pattern: the tests' reference for the
/// [`Mask::Folded`] patterns, which the pipeline runs.
#[cfg(test)]
fn re(p: &str) -> Regex {
    regex::RegexBuilder::new(p)
        .case_insensitive(true)
        .build()
        .expect("valid built-in pattern")
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let t = |p: &'static str| Trigger {
            re: OnceLock::new(),
            id: triggers::SET
                .iter()
                .position(|q| *q == p)
                .expect("every lexicon is in the set"),
        };
        Lexicon {
            kill: t(triggers::KILL),
            injure: t(triggers::INJURE),
            damage: t(triggers::DAMAGE),
            arty: t(triggers::ARTY),
            arty_act: t(triggers::ARTY_ACT),
            air: t(triggers::AIR),
            drone: t(triggers::DRONE),
            intercept: t(triggers::INTERCEPT),
            debris: t(triggers::DEBRIS),
            ied: t(triggers::IED),
            suicide: t(triggers::SUICIDE),
            grenade: t(triggers::GRENADE),
            chemical: t(triggers::CHEMICAL),
            clash: t(triggers::CLASH),
            take: t(triggers::TAKE),
            retake: t(triggers::RETAKE),
            withdraw: t(triggers::WITHDRAW),
            nonviolent: t(triggers::NONVIOLENT),
            attack: t(triggers::ATTACK),
            anaphora: t(triggers::ANAPHORA),
            civilians: t(triggers::CIVILIANS),
            armed: t(triggers::ARMED),
            abduct: t(triggers::ABDUCT),
            sexual: t(triggers::SEXUAL),
            protest: t(triggers::PROTEST),
            intervention: t(triggers::INTERVENTION),
            excessive: t(triggers::EXCESSIVE),
            riot: t(triggers::RIOT),
            mob: t(triggers::MOB),
            arrest: t(triggers::ARREST),
            agreement: t(triggers::AGREEMENT),
            base: t(triggers::BASE),
            loot: t(triggers::LOOT),
            change: t(triggers::CHANGE),
            siege: t(triggers::SIEGE),
            irrealis: t(triggers::IRREALIS),
            speech: t(triggers::SPEECH),
            near: t(triggers::NEAR),
            large: t(triggers::LARGE),
            shooting: t(triggers::SHOOTING),
            perpetrators: t(triggers::PERPETRATORS),
            political: t(triggers::POLITICAL),
            any: compiled(&GATE_DFA.bytes),
            set: OnceLock::new(),
        }
    })
}

/// A DFA that build.rs compiled from [`triggers`], read in place.
type Dfa = dense::DFA<&'static [u32]>;

/// Bytes aligned as a DFA's `u32` transition table must be.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// [`triggers::GATE`] as one alternation, leftmost-first.
static GATE_DFA: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/trigger_gate.dfa")),
};

/// [`triggers::SET`], one pattern each, every match kind.
static SET_DFA: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/trigger_set.dfa")),
};

/// Every trigger lexicon's forward and reverse DFAs (see [`LEXEME_SPANS`]).
static LEXEME_DFAS: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/lexemes.dfa")),
};

include!(concat!(env!("OUT_DIR"), "/lexemes.rs"));

/// Lexicon `id` of [`triggers::SET`], as build.rs compiled it: its DFAs are
/// checked when it is first read, not compiled nor determinised.
fn compiled_lexeme(id: usize) -> Lexeme {
    let [a, b, c, d] = LEXEME_SPANS[id];
    let bytes = &LEXEME_DFAS.bytes;
    Lexeme::Compiled(Box::new(
        regex_automata::dfa::regex::Builder::new()
            .build_from_dfas(compiled(&bytes[a..b]), compiled(&bytes[c..d])),
    ))
}

/// The DFA in `bytes`, checked (every transition of it) when first read.
fn compiled(bytes: &'static [u8]) -> Dfa {
    dense::DFA::from_bytes(bytes)
        .expect("build.rs wrote a DFA for this target")
        .0
}

impl Lexicon {
    /// The set of every lexicon ([`triggers::SET`]).
    fn set(&self) -> &Dfa {
        self.set.get_or_init(|| compiled(&SET_DFA.bytes))
    }

    /// True if any [`triggers::GATE`] lexicon matches in `s`: a sentence that
    /// matches none reports no event.
    fn gate(&self, s: &str) -> bool {
        // A DFA without quit bytes cannot fail; were it to, the sentence is read.
        self.any
            .try_search_fwd(&Input::new(s).earliest(true))
            .map_or(true, |m| m.is_some())
    }
}

/// An attack verb with an armed target: the other side is armed, so a clash.
static ATTACK_ON_ARMED: std::sync::LazyLock<Lexeme> = std::sync::LazyLock::new(|| {
    lx(
        r"\b(attacked|raided|stormed|ambushed|assaulted|overran|attacks? on|raids? on|assaults? on) (an? |the )?(\w+ ){0,2}((gendarmerie|police|army|military|border|security) (post|station|base|checkpoint|camp|patrol|convoy|positions?|vehicles?|school|academy|headquarters|barracks|airbase|air base)|checkpoints?|barracks|military (base|camp|positions?)|(army|police|military) (convoy|patrol)s?|soldiers|troops|servicem[ae]n|garrison)\b",
    )
});

/// The word "riot" itself.
static RIOT_WORD: std::sync::LazyLock<Lexeme> =
    std::sync::LazyLock::new(|| lx(r"\briot(s|ers|ing|ed)?\b"));

/// Soldiers or police among the dead: "killing 15 people, including 8
/// soldiers", "three soldiers were killed".
static ARMED_DEAD: std::sync::LazyLock<Lexeme> = std::sync::LazyLock::new(|| {
    lx(
        r"\b(including|among them|among the dead were) (\w+ ){0,2}(soldiers|troops|servicem[ae]n|policem[ae]n|police officers|gendarmes)\b|\b(\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens of) (\w+ )?(soldiers|troops|servicem[ae]n|policem[ae]n|police officers|gendarmes) (were |was )?(killed|dead|died)\b",
    )
});

/// Unarmed groups who riot when they clash.
static CROWD: std::sync::LazyLock<Lexeme> = std::sync::LazyLock::new(|| {
    lx(
        r"\b(students|supporters|youths?|residents|activists|crowds?|rioters|(party|opposition) (members|workers|activists|supporters))\b",
    )
});

/// Taking a place by force: "overran the base".
static OVERRUN: std::sync::LazyLock<Lexeme> =
    std::sync::LazyLock::new(|| lx(r"\boverr(an|un|unning|uns)\b"));

/// State forces that make an arrest a conflict event (ACLED codes arrests
/// by armies and security forces, and political arrests by the police; not
/// the police's ordinary arrests for crime).
static FORCES: std::sync::LazyLock<Lexeme> =
    std::sync::LazyLock::new(|| lx(r"\b(forces|troops|soldiers|army)\b"));

/// Words that put two armed sides in one sentence.
static TWO_SIDED: std::sync::LazyLock<Lexeme> = std::sync::LazyLock::new(|| {
    lx(
        r"\b(clash(ed|es)? with|clashes between|fighting between|battle between|between [\w\s-]{2,60} and|exchanged|exchanges? of fire|fought|battled|repelled|repulsed|engaged|returned fire)\b",
    )
});

impl Lexicon {
    /// Armed victims ("killing two soldiers"): a shooting at them is a clash.
    fn armed_victims(&self) -> &'static Lexeme {
        static R: OnceLock<Lexeme> = OnceLock::new();
        R.get_or_init(|| lx(r"\b(soldiers?|troops|servicem[ae]n|police(m[ae]n| officers?)?|officers?|fighters|militants?|guards?)\b"))
    }
}

/// The kind of event a sentence reports.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Kind {
    event_type: &'static str,
    sub_event_type: &'static str,
    /// Position of the trigger in the sentence (byte offset from its start).
    at: usize,
    strong: bool,
}

/// True if the trigger at `at` is negated, hypothetical or background.
fn irrealis(s: &str, at: usize) -> bool {
    let lex = lexicon();
    // The six words before the trigger, and "would" right after it.
    let before = &s[..at];
    let window_start = before
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(6)
        .map_or(0, |(i, _)| i);
    let window = &before[window_start..];
    // "without a fight" is not a negation of the event.
    let window_clean = lex.nonviolent.remove_all(window);
    lex.irrealis.is_match(&window_clean) || modal_after(s, at)
}

/// True if "would", "could" or "might" is among the five words from `at` on.
fn modal_after(s: &str, at: usize) -> bool {
    // The pattern's words are ASCII letters other than "s" and "k", which
    // the key writes only for the same ASCII letters in the text: a window
    // without "ould" or "might" cannot match, and most have neither.
    let words = || s[at..].split_whitespace().take(5);
    let has = |w: &str, part: &[u8]| {
        w.as_bytes()
            .windows(part.len())
            .any(|x| x.eq_ignore_ascii_case(part))
    };
    if !words().any(|w| has(w, b"ould") || has(w, b"might")) {
        return false;
    }
    let after: String = words().collect::<Vec<_>>().join(" ");
    would().is_match(Masked::with(&after, Mask::Folded).key())
}

/// [`WOULD_PATTERN`], compiled once.
fn would() -> &'static Regex {
    static WOULD: OnceLock<Regex> = OnceLock::new();
    WOULD.get_or_init(|| re_mask(WOULD_PATTERN, Mask::Folded))
}

/// A modal right after a trigger: "the town would fall" (case-insensitive).
const WOULD_PATTERN: &str = r"\b(would|could|might)\b";

/// The first trigger match of `r` in `s` that is not irrealis.
fn realis(r: &Lexeme, s: &str) -> Option<usize> {
    r.find_iter(s)
        .filter(|m| common(s, m))
        .map(|m| m.start())
        .find(|&at| !irrealis(s, at))
}

/// True if the words before `at` make what follows the reason for an act:
/// "for" and a verb in -ing among the last four words ("arrested for
/// organising an unauthorised demonstration", "jailed for leading protests").
fn given_as_reason(s: &str, at: usize) -> bool {
    let words: Vec<&str> = s[..at].split_whitespace().rev().take(4).collect();
    words.iter().enumerate().any(|(i, w)| {
        w.eq_ignore_ascii_case("for")
            && i > 0
            && words[i - 1].len() > 4
            && words[i - 1].to_ascii_lowercase().ends_with("ing")
    })
}

/// True if a match of the looting lexicon is looting itself ("looted",
/// "pillaging", "ransacked"), not destruction.
fn is_looting(w: &str) -> bool {
    let w = w.as_bytes();
    ["loot", "pillag", "ransack"]
        .iter()
        .any(|p| w.len() >= p.len() && w[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// True if an intervention word `m` acts at the protest: "arrested" or
/// "detained" right after a determiner or "of" names people held before it
/// ("demanding the release of detained activists", "their arrested leader"),
/// not an arrest at the protest.
fn intervenes(s: &str, m: &Hit<'_>) -> bool {
    let w = m.as_str();
    if !(w.eq_ignore_ascii_case("arrested") || w.eq_ignore_ascii_case("detained")) {
        return true;
    }
    let before = s[..m.start()].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    !matches!(
        prev.as_str(),
        "the" | "of" | "for" | "their" | "its" | "his" | "her" | "our" | "all" | "free"
    )
}

/// A trigger word written as a common word: lowercase, or capitalised only
/// because it starts the sentence. "the Houston Rockets", "Royal Battle" and
/// "Operation Strike" are names, not events.
fn common(s: &str, m: &Hit<'_>) -> bool {
    let first = m.as_str().chars().next().unwrap_or('a');
    if !first.is_uppercase() {
        return true;
    }
    // Acronyms (IED, VBIED, UAV, HIMARS) are the words themselves.
    let word = m.as_str();
    if word.len() >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        return true;
    }
    let before =
        s[..m.start()].trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'([".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

/// True if `r` matches `s` as a common word (see [`common`]).
fn has(r: &Lexeme, s: &str) -> bool {
    r.find_iter(s).any(|m| common(s, &m))
}

/// True if a capture at `m` takes territory: a place or a territorial noun is
/// its object ("captured the town", "took control of Lysychansk", "the capture
/// of X") or its subject ("X fell to"), not a person or goods ("inmates were
/// captured in X", "seized 1,248 bags").
///
/// `places` are the sentence's mentions' spans; `None` (places not yet
/// known) counts a place wherever one would count, so that the answer is true
/// if it is true for some set of places.
fn territorial(s: &str, m: &Hit<'_>, places: Option<&[(usize, usize)]>) -> bool {
    static NOUN: OnceLock<Lexeme> = OnceLock::new();
    let noun = NOUN.get_or_init(|| {
        lx(r"^(town|city|cities|village|villages|settlement|area|district|region|province|territory|territories|base|airport|airfield|hill|heights|positions?|bridge|capital|outpost|checkpoint|camp|neighbou?rhood|suburb|county|oblast|governorate|state|front ?line|port|island|stronghold|garrison|crossing|border)s?$")
    });
    let matched = m.as_str().to_ascii_lowercase();
    let backwards = matched.starts_with("fell")
        || matched.starts_with("falling")
        || matched.contains("control");
    let after = &s[m.end()..];
    let words: Vec<&str> = after.split_whitespace().take(8).collect();
    let first = words
        .first()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let preposition = matches!(
        first.as_str(),
        "in" | "at"
            | "by"
            | "near"
            | "after"
            | "during"
            | "on"
            | "for"
            | "with"
            | "from"
            | "when"
            | "while"
            | "and"
            | "as"
    );
    let place_after = places.is_none_or(|places| {
        places
            .iter()
            .any(|&(st, _)| st >= m.end() && st <= m.end() + 60)
    });
    let noun_after = words
        .iter()
        .any(|w| noun.is_match(w.trim_matches(|c: char| !c.is_alphanumeric())));
    if !preposition && (place_after || noun_after) {
        return true;
    }
    if backwards {
        let before = &s[..m.start()];
        let place_before = places.is_none_or(|places| {
            places
                .iter()
                .any(|&(_, en)| en <= m.start() && en + 60 >= m.start())
        });
        let noun_before = before
            .split_whitespace()
            .rev()
            .take(8)
            .any(|w| noun.is_match(w.trim_matches(|c: char| !c.is_alphanumeric())));
        return place_before || noun_before;
    }
    false
}

/// A sentence and which trigger lexicons match it anywhere, found in one pass
/// of [`Lexicon::set`]: a lexicon with no match is not searched again, and
/// classification asks about dozens of them per sentence.
struct Scan<'a> {
    s: &'a str,
    on: PatternSet,
}

impl<'a> Scan<'a> {
    fn new(s: &'a str) -> Scan<'a> {
        let set = lexicon().set();
        let mut on = PatternSet::new(set.pattern_len());
        if set
            .try_which_overlapping_matches(&Input::new(s), &mut on)
            .is_err()
        {
            // A DFA without quit bytes cannot fail; were it to, every lexicon
            // is searched on its own.
            for id in 0..set.pattern_len() {
                on.insert(PatternID::must(id));
            }
        }
        Scan { s, on }
    }

    /// True if `t` matches somewhere.
    fn may(&self, t: &Trigger) -> bool {
        self.on.contains(PatternID::must(t.id))
    }

    /// [`has`] for a lexicon.
    fn has(&self, t: &Trigger) -> bool {
        self.may(t) && has(t, self.s)
    }

    /// [`realis`] for a lexicon.
    fn realis(&self, t: &Trigger) -> Option<usize> {
        self.may(t).then(|| realis(t, self.s)).flatten()
    }

    /// [`fatalities`]: none without a word of the kill lexicon anywhere in the
    /// sentence (fatalities looks for one first, in the sentence or a prefix).
    fn fatalities(&self) -> (u32, Option<String>) {
        if self.may(&lexicon().kill) {
            fatalities(self.s)
        } else {
            (0, None)
        }
    }

    /// [`claimed_by`]: every one of its patterns has a word of the speech
    /// lexicon, which matches as widely but for "ſ", which Unicode case
    /// folding makes an "s".
    fn claimed_by(&self) -> Option<String> {
        if self.may(&lexicon().speech) || self.s.contains('ſ') {
            claimed_by(self.s)
        } else {
            None
        }
    }

    /// The first match of `t` that is `ok`.
    fn first(&self, t: &Trigger, ok: impl FnMut(&Hit<'a>) -> bool) -> Option<Hit<'a>> {
        self.may(t).then(|| t.find_iter(self.s).find(ok)).flatten()
    }
}

/// [`classify_scan`] of a sentence not yet scanned.
#[cfg(test)]
fn classify(s: &str, prev: Option<&str>, places: &[(usize, usize)]) -> Option<Kind> {
    classify_scan(&Scan::new(s), prev, Some(places))
}

/// The kind of event the scanned sentence reports, if any: `prev` is the
/// sentence before it in its paragraph, `places` its mentions' spans.
///
/// Places matter only to [`territorial`]; with `places` `None` (not yet
/// known) it counts one wherever one would count, so a sentence for which
/// this is `None` reports no event whatever its places are.
fn classify_scan(
    sc: &Scan<'_>,
    prev: Option<&str>,
    places: Option<&[(usize, usize)]>,
) -> Option<Kind> {
    let lex = lexicon();
    let s = sc.s;
    let k = |event_type, sub_event_type, at, strong| {
        Some(Kind {
            event_type,
            sub_event_type,
            at,
            strong,
        })
    };
    let outcome = sc.has(&lex.kill) || sc.has(&lex.injure) || sc.has(&lex.damage);

    // "arrested for organising a demonstration": the protest is the reason
    // given for something else, not an event.
    if let Some(at) = sc
        .first(&lex.protest, |m| {
            common(s, m) && !irrealis(s, m.start()) && !given_as_reason(s, m.start())
        })
        .map(|m| m.start())
    {
        if sc.has(&lex.excessive) {
            return k(PROTESTS, "Excessive force against protesters", at, true);
        }
        if sc.has(&lex.riot) {
            return k(RIOTS, "Violent demonstration", at, true);
        }
        if sc.may(&lex.intervention)
            && lex
                .intervention
                .find_iter(s)
                .any(|m| common(s, &m) && intervenes(s, &m))
        {
            return k(PROTESTS, "Protest with intervention", at, true);
        }
        return k(PROTESTS, "Peaceful protest", at, true);
    }
    if let Some(at) = sc.realis(&lex.mob) {
        return k(RIOTS, "Mob violence", at, true);
    }
    // Burning and vandalism by armed fighters is property destruction, not a
    // riot; by crowds, rioters or youths it is a riot. The police a crowd
    // clashed with ("students clashed with police") are not such fighters:
    // the words of the riot's own phrase are not asked about.
    if let Some(m) = sc.first(&lex.riot, |m| common(s, m) && !irrealis(s, m.start())) {
        let fighters = sc.may(&lex.perpetrators)
            && lex
                .perpetrators
                .find_iter(s)
                .any(|p| common(s, &p) && (p.end() <= m.start() || p.start() >= m.end()));
        if !fighters || has(&RIOT_WORD, s) {
            return k(RIOTS, "Violent demonstration", m.start(), true);
        }
    }
    if let Some(at) = sc.realis(&lex.sexual).filter(|_| sc.has(&lex.perpetrators)) {
        return k(VAC, "Sexual violence", at, true);
    }
    if let Some(at) = sc.realis(&lex.abduct) {
        return k(VAC, "Abduction/forced disappearance", at, true);
    }
    if let Some(at) = sc.realis(&lex.suicide) {
        return k(ERV, "Suicide bomb", at, true);
    }
    if let Some(at) = sc.realis(&lex.chemical) {
        return k(ERV, "Chemical weapon", at, true);
    }
    if let Some(at) = sc.realis(&lex.ied) {
        return k(ERV, "Remote explosive/landmine/IED", at, true);
    }
    if let Some(at) = sc.realis(&lex.grenade) {
        return k(ERV, "Grenade", at, true);
    }
    if let Some(at) = sc.realis(&lex.intercept) {
        // Debris of an intercepted weapon that kills, wounds or damages: the attack it was.
        let harm = sc.has(&lex.kill) || sc.has(&lex.injure) || sc.has(&lex.damage);
        if harm && (sc.has(&lex.debris) || sc.has(&lex.kill)) {
            return if sc.has(&lex.drone) && !sc.has(&lex.arty) {
                k(ERV, "Air/drone strike", at, true)
            } else {
                k(ERV, "Shelling/artillery/missile attack", at, true)
            };
        }
        return k(STRATEGIC, "Disrupted weapons use", at, true);
    }
    if let Some(m) = sc.first(&lex.retake, |m| {
        common(s, m) && !irrealis(s, m.start()) && territorial(s, m, places)
    }) {
        return k(BATTLES, "Government regains territory", m.start(), true);
    }
    if let Some(m) = sc.first(&lex.take, |m| {
        common(s, m) && !irrealis(s, m.start()) && territorial(s, m, places)
    }) {
        return k(
            BATTLES,
            "Non-state actor overtakes territory",
            m.start(),
            true,
        );
    }
    if let Some(at) = sc.realis(&lex.air) {
        return k(ERV, "Air/drone strike", at, true);
    }
    if sc.has(&lex.drone) && outcome {
        if let Some(at) = sc.realis(&lex.drone) {
            return k(ERV, "Air/drone strike", at, true);
        }
    }
    let exchange = sc.may(&lex.clash)
        && lex
            .clash
            .find(s)
            .is_some_and(|m| m.as_str().to_lowercase().contains("exchange"));
    if let Some(at) = sc.realis(&lex.arty) {
        if sc.has(&lex.arty_act) && !exchange {
            return k(ERV, "Shelling/artillery/missile attack", at, true);
        }
    }
    if let Some(at) = sc.realis(&lex.clash) {
        // Armed men storming a village and killing civilians, with no other armed
        // side in the sentence, is violence against civilians, not a battle.
        let one_sided = !has(&TWO_SIDED, s)
            && sc.has(&lex.civilians)
            && (sc.has(&lex.kill) || sc.has(&lex.injure));
        if one_sided && !has(lex.armed_victims(), s) {
            return k(VAC, "Attack", at, true);
        }
        // Unarmed crowds clashing with each other or with the police
        // ("students clashed with ruling-party supporters"), with no armed
        // side but the police: a riot. (A clash of demonstrators is read as
        // a protest above.)
        let armed = sc.may(&lex.perpetrators)
            && lex.perpetrators.find_iter(s).any(|p| {
                common(s, &p)
                    && !["police", "policemen", "security forces"]
                        .iter()
                        .any(|w| p.as_str().eq_ignore_ascii_case(w))
            });
        if !armed && has(&CROWD, s) {
            return k(RIOTS, "Mob violence", at, true);
        }
        return k(BATTLES, "Armed clash", at, true);
    }
    // Shooting: at civilians by an attacker is an attack on civilians; at armed
    // people, a clash.
    if let Some(at) = sc.realis(&lex.shooting) {
        if sc.has(&lex.civilians) || sc.has(&lex.kill) && !has(lex.armed_victims(), s) {
            return k(VAC, "Attack", at, true);
        }
        return k(BATTLES, "Armed clash", at, false);
    }
    if let Some(m) = sc.first(&lex.withdraw, |m| {
        common(s, m) && !irrealis(s, m.start()) && territorial(s, m, places)
    }) {
        return k(
            BATTLES,
            "Non-state actor overtakes territory",
            m.start(),
            false,
        );
    }
    // A generic attack with an outcome takes its weapon from the sentence before.
    let kill_at = sc.realis(&lex.kill).or_else(|| sc.realis(&lex.injure));
    // "JNIM militants attacked a gendarmerie post in X": an armed group's attack
    // on state forces is a clash even before its toll is given.
    if let Some(at) = (!outcome && sc.has(&lex.perpetrators))
        .then(|| realis(&ATTACK_ON_ARMED, s))
        .flatten()
    {
        return k(BATTLES, "Armed clash", at, false);
    }
    if let Some(at) = outcome.then(|| sc.realis(&lex.attack)).flatten() {
        if let Some(p) = prev {
            if lex.air.is_match(p) || (lex.drone.is_match(p) && !lex.arty.is_match(p)) {
                return k(ERV, "Air/drone strike", at, false);
            }
            if lex.arty.is_match(p) {
                return k(ERV, "Shelling/artillery/missile attack", at, false);
            }
        }
        // An attack on soldiers or a military post, or with soldiers among
        // its dead, is a clash, whoever else it killed.
        let on_armed = realis(&ATTACK_ON_ARMED, s).is_some() || has(&ARMED_DEAD, s);
        if sc.has(&lex.civilians) && kill_at.is_some() && !on_armed {
            return k(VAC, "Attack", at, false);
        }
        return k(BATTLES, "Armed clash", at, false);
    }
    if let Some(at) = kill_at {
        if sc.has(&lex.perpetrators) {
            if sc.has(&lex.civilians) {
                return k(VAC, "Attack", at, false);
            }
            return k(BATTLES, "Armed clash", at, false);
        }
    }
    // ACLED codes politically significant arrests, not ordinary crime.
    if let Some(at) = sc
        .realis(&lex.arrest)
        .filter(|_| sc.has(&lex.political) || has(&FORCES, s))
    {
        return k(STRATEGIC, "Arrests", at, true);
    }
    if let Some(at) = sc.realis(&lex.agreement) {
        return k(STRATEGIC, "Agreement", at, true);
    }
    if let Some(at) = sc.realis(&lex.base) {
        return k(STRATEGIC, "Headquarters or base established", at, true);
    }
    // Looting is an act of someone; destruction ("a fire destroyed the
    // building") is property destruction when armed men, forces or a gang
    // did it.
    if let Some(m) = sc.first(&lex.loot, |m| {
        common(s, m)
            && !irrealis(s, m.start())
            && (is_looting(m.as_str()) || sc.has(&lex.perpetrators))
    }) {
        return k(STRATEGIC, "Looting/property destruction", m.start(), true);
    }
    if let Some(at) = sc.realis(&lex.change) {
        return k(STRATEGIC, "Change to group/activity", at, false);
    }
    // A siege or blockade: ACLED's "other" strategic development.
    if let Some(at) = sc.realis(&lex.siege) {
        return k(STRATEGIC, "Other", at, false);
    }
    None
}

// ---------------------------------------------------------------- numbers

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" | "single" => 1,
        "two" | "both" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => {
            let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() || w.chars().any(|c| c.is_alphabetic()) {
                return None;
            }
            return digits.parse().ok();
        }
    })
}

/// The fatality patterns, for lowercased text ([`re_masked`]), by the
/// `FAT_*` indices: what [`fatalities`] reads, compiled one by one when it
/// first needs each ([`fatality`]).
fn fatality_patterns() -> [String; FAT_COUNT] {
    let victims = r"(?:people|persons|civilians?|soldiers?|servicemen|troops|fighters|militants?|rebels?|police(?:men|officers)?|officers?|children|women|men|man|woman|residents?|villagers?|protesters|demonstrators|members|workers|passengers|others|of them|bodies|individuals|attackers|insurgents|combatants|jihadists|gunmen|[a-z]+ (?:soldiers|troops|civilians|fighters|servicemen|people))";
    let about = "(?:at least |up to |nearly |about |around |some |as many as |more than |over )?";
    // A group without a count: "an unknown number of militants", "several civilians".
    let vague = format!(
        r"(?:(?:an? )?(?:unspecified|unknown|undetermined|undisclosed) number of|a number of|several|many|numerous|multiple) (?:\w+ )?{victims}"
    );
    // Digits with commas only between thousands: "1,200", not the year of
    // "On 17 August 2024, gunmen shot dead".
    let num = r"(\d{1,3}(?:,\d{3})+|\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozen|hundred)";
    // A list of two or more victim groups, counted or not.
    let elem = format!(r"(?:{vague}|{about}{num} (?:\w+ )?{victims})");
    let list = format!(r"{elem}(?:(?:,| and|, and) {elem})+");
    [
        // "four people were killed", "2 soldiers died", "five dead"
        format!(r"\b(?:at least |up to |nearly |about |around |some |as many as |more than |over )?{num}(?:-| )(?:(?:\w+ ){{0,2}}{victims} )?(?:(?:were|was|have been|had been|are|is|being) )?(?:(?:reportedly|reported|also|all) )?(?:killed|dead|died|slain|executed|massacred|lynched|lost their lives|perished|shot dead|shot and killed|gunned down|beheaded|(?:beaten|burned|burnt|hacked|stabbed|stoned) to death)\b"),
        // "killed four people", "killing at least 12"
        format!(r"\b(?:killed|killing|kills|killed at least|shot dead|shooting dead|shot and killed|gunned down|executed|executing|massacred|lynched|beheaded|left|leaving) (?:at least |up to |nearly |about |around |some |as many as |more than |over )?{num} (?:\w+ )?(?:{victims}|dead)"),
        // "death toll rose to 7"
        format!(r"\bdeath toll (?:\w+ ){{0,3}}(?:to|at|of|reached|is|was) (?:at least )?{num}\b"),
        // "an unspecified number of people", "several people", "many civilians"
        format!(r"\b(an unspecified number of {victims}|an unknown number of {victims}|a number of {victims}|several {victims}|many {victims}|some {victims}|numerous {victims}|multiple {victims})"),
        r"\b(dozens)\b".to_string(),
        r"\b(hundreds)\b".to_string(),
        // "5 fatalities", "resulting in 8 deaths", "1 fatality"
        format!(r"\b(?:at least |up to |about |around |some )?{num} (?:\w+ )?(?:fatalit(?:y|ies)|deaths?)\b"),
        // "claimed 12 lives", "the bodies of 9 people were found"
        format!(r"\b(?:claimed (?:the lives of )?(?:at least )?{num}(?: lives)?|{num} (?:\w+ )?bodies (?:were |have been )?(?:found|recovered|discovered)|bodies of {num})\b"),
        // "killing 2 Palestinians", "killed 3": a number right after the verb
        format!(r"\b(?:killed|killing|kills|shot dead|gunned down|executed|massacred) (?:at least |up to |nearly |about |around |some |as many as |more than |over )?{}\b(?: (?:percent|per|km|kilometres|kilometers|miles|years?|days?|hours?|times|of the|%))?", num.replace("|a|an|", "|").replace("|a dozen|", "|")),
        // FAT_NONE: "no one was killed", "without casualties"
        r"\b(no (one|deaths|fatalities|casualties)|nobody) (was |were )?(killed|reported|hurt)?|no (deaths|fatalities|casualties)\b|without casualties".to_string(),
        // FAT_LIST: a list of victim groups killed together, before the verb
        // ("three soldiers and two civilians were killed", "at least 12
        // soldiers and an unknown number of militants were killed") or after
        // it ("killing three civilians and three soldiers")
        format!(r"\b{list} (?:were |have been |had been )?(?:reportedly |also |all )?(?:killed|dead|died|slain|lynched)|\b(?:killed|killing|kills|lynched) {list}"),
        // FAT_ELEM: each group of such a list; the number of a counted one
        format!(r"\b(?:{vague}|{about}{num} (?:\w+ )?{victims})"),
        // FAT_SINGLE: a single victim, "a man was killed"
        // or the one object of a killing ("shot dead a village headman")
        r"\b(a|an|one) (\w+ )?(man|woman|child|boy|girl|person|civilian|soldier|policeman|officer|resident|villager|farmer|teacher|journalist|worker|fighter|member)\b|\b(killed|killing|shot dead|shooting dead|gunned down|executed|beheaded|lynched|shot and killed|stabbed to death) (?:(a|an|one) \w+|the \w*[a-rt-z])\b(?P<second> and (?:(a|an|one) \w+|the \w*[a-rt-z]))?\b".to_string(),
        // FAT_PLURAL: victims without a count, "civilians were killed"
        format!(r"\b{victims} (were|have been|had been) (killed|slain)|\bkill(ed|ing) {victims}"),
    ]
}

/// The fatality counts: "four people were killed", "killing 12", "the death toll rose to 7", ...
const FAT_COUNTS: [usize; 6] = [0, 1, 2, 6, 7, 8];
/// "several people", "many civilians": a vague number.
const FAT_SOME: usize = 3;
const FAT_DOZENS: usize = 4;
const FAT_HUNDREDS: usize = 5;
const FAT_NONE: usize = 9;
const FAT_LIST: usize = 10;
const FAT_ELEM: usize = 11;
const FAT_SINGLE: usize = 12;
const FAT_PLURAL: usize = 13;
const FAT_COUNT: usize = 14;

/// Fatality pattern `i` ([`fatality_patterns`]) compiled for [`Masked::key`].
fn fatality(i: usize) -> &'static Regex {
    static RES: [OnceLock<Regex>; FAT_COUNT] = [const { OnceLock::new() }; FAT_COUNT];
    static PATTERNS: std::sync::LazyLock<[String; FAT_COUNT]> =
        std::sync::LazyLock::new(fatality_patterns);
    RES[i].get_or_init(|| re_masked(&PATTERNS[i]))
}

/// True if `rest` (lowercased) starts with the article of a number left
/// unsaid: "an unknown number of", "a number of".
fn vague_article(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix("an ").or_else(|| rest.strip_prefix("a ")) else {
        return false;
    };
    after.starts_with("number of")
        || ["unknown", "unspecified", "undetermined", "undisclosed"]
            .iter()
            .any(|w| {
                after
                    .strip_prefix(w)
                    .is_some_and(|r| r.starts_with(" number of"))
            })
}

/// True if `before` (lowercased) ends with a month's name and a space.
fn after_month(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    let word = rest
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Fatalities by ACLED's rules: (count, words when the count was not a number).
fn fatalities(s: &str) -> (u32, Option<String>) {
    let lex = lexicon();
    // Deaths in a clause that gives the background ("..., a day after a
    // teenager was shot dead") belong to another event.
    static CAUSE: OnceLock<Lexeme> = OnceLock::new();
    let cause = CAUSE.get_or_init(|| lx(r"\b((a|one|two|three|several) (day|days|week|weeks) after|following the|in response to|in protest (at|against|over)|to protest|over the (death|killing)s?|after the (killing|death|murder|shooting)s? of|after (the )?(police|policemen|officers|soldiers|troops|security forces) (shot dead|shot and killed|killed|shot))\b"));
    let s = match cause.find(s) {
        Some(m) if !lex.kill.is_match(&s[..m.start()]) && m.start() > 0 => &s[..m.start()],
        _ => s,
    };
    if !lex.kill.is_match(s) {
        return (0, None);
    }
    let masked = Masked::new(s);
    let (key, lower) = (masked.key(), &*masked.base);
    // A list of victim groups: the sum of its counts. A group without a
    // count adds nothing to groups with one ("at least 12 soldiers and an
    // unknown number of militants": 12); a list of such groups alone is read
    // below, as vague words are.
    if let Some(m) = fatality(FAT_LIST).find(key) {
        let counts: Vec<u32> = fatality(FAT_ELEM)
            .captures_iter(m.as_str())
            .filter_map(|c| {
                let n = c.get(1)?;
                number_word(
                    &lower[masked.at(m.start() + n.start())..masked.at(m.start() + n.end())],
                )
            })
            .collect();
        if !counts.is_empty() {
            return (counts.iter().sum(), None);
        }
    }
    let mut counts: Vec<u32> = Vec::new();
    for i in FAT_COUNTS {
        for c in fatality(i).captures_iter(key) {
            // "killed 3 years ago", "killing 40 percent": not a toll.
            let tail = c.get(0).map_or("", |m| masked.text(m));
            if tail.ends_with(|ch: char| ch.is_alphabetic() || ch == '%')
                && [
                    " percent",
                    " per",
                    " km",
                    " kilometres",
                    " kilometers",
                    " miles",
                    " year",
                    " years",
                    " day",
                    " days",
                    " hour",
                    " hours",
                    " times",
                    " of the",
                    "%",
                ]
                .iter()
                .any(|u| tail.ends_with(u))
            {
                continue;
            }
            let Some(nm) = c.iter().skip(1).flatten().next() else {
                continue;
            };
            let span = masked.span(nm);
            // A year or day after a month's name ("On 17 August 2024 gunmen
            // shot dead ...") is a date, not a toll; the "an" of "an unknown
            // number of people" is no count (the vague words are read below).
            if after_month(&lower[..span.start]) || vague_article(&lower[span.start..]) {
                continue;
            }
            let w = masked.text(nm).trim_start_matches("a ");
            let n = number_word(w).or_else(|| number_word(&w.replace(',', "")));
            if let Some(n) = n {
                counts.push(n);
            }
        }
    }
    if let Some(&n) = counts.iter().min() {
        // Conflicting figures for one event: the lowest.
        return (n, None);
    }
    let is_kill_of = |m: &regex::Match| {
        let at = masked.span(*m);
        lex.kill.is_match(&lower[at.end..]) || lex.kill.is_match(&lower[..at.start])
    };
    if let Some(m) = fatality(FAT_SOME).find(key).filter(is_kill_of) {
        let n = if lex.large.is_match(lower) { 10 } else { 3 };
        return (n, Some(s[masked.span(m)].to_string()));
    }
    if let Some(m) = fatality(FAT_DOZENS).find(key) {
        return (12, Some(s[masked.span(m)].to_string()));
    }
    if let Some(m) = fatality(FAT_HUNDREDS).find(key) {
        return (100, Some(s[masked.span(m)].to_string()));
    }
    if fatality(FAT_NONE).is_match(key) {
        return (0, None);
    }
    // A death reported without any count: a single victim ("a man was killed")
    // is 1; otherwise the plural default.
    if let Some(c) = fatality(FAT_SINGLE).captures(key) {
        // "killing the driver and a passenger": two.
        let two = c.name("second").is_some();
        return (if two { 2 } else { 1 }, None);
    }
    if let Some(m) = fatality(FAT_PLURAL).find(key) {
        let n = if lex.large.is_match(lower) { 10 } else { 3 };
        return (n, Some(s[masked.span(m)].to_string()));
    }
    (0, None)
}

// ---------------------------------------------------------------- dates

/// A date expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    /// A day, with its precision.
    Day(NaiveDate, &'static str),
    /// Before the publication date, but the day is not known ("several days ago").
    Vague,
}

fn month_number(m: &str) -> Option<u32> {
    let m = lowercase(m);
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u32 + 1)
}

/// The date pattern, for lowercased text ([`re_masked`]).
fn date_pattern() -> String {
    let months = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    format!(
        r"\b(?P<iso>(?P<y0>\d{{4}})-(?P<m0>\d{{2}})-(?P<d0>\d{{2}}))\b|\b(?P<dmy>(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?P<m1>{months})\.?(?:,? (?P<y1>\d{{4}}))?)\b|\b(?P<mdy>(?P<m2>{months})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y2>\d{{4}}))?)\b|\b(?P<wd>(?:last |this |on |late on |early on |late |early )?(?P<wday>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|\b(?P<rel>yesterday|today|tonight|overnight|last night|this morning|this afternoon|this evening|earlier today)\b|\b(?P<ago>(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) (?P<unit>days?|weeks?|months?) ago)\b|\b(?P<lastw>last week|last month|earlier this week|earlier this month|this week|this month)\b|\b(?P<vague>several days ago|a few days ago|days ago|recently|in recent days|weeks ago|months ago|earlier this year|last year)\b|\b(?P<year>(?:in|since) (?P<y3>\d{{4}}))\b"
    )
}

/// The date pattern's groups by index ([`date_pattern`] names them in this
/// order; a test checks): looking a group up by name hashes the name.
mod date_group {
    pub const ISO: usize = 1;
    pub const Y0: usize = 2;
    pub const M0: usize = 3;
    pub const D0: usize = 4;
    pub const DMY: usize = 5;
    pub const D1: usize = 6;
    pub const M1: usize = 7;
    pub const Y1: usize = 8;
    pub const MDY: usize = 9;
    pub const M2: usize = 10;
    pub const D2: usize = 11;
    pub const Y2: usize = 12;
    pub const WD: usize = 13;
    pub const WDAY: usize = 14;
    pub const REL: usize = 15;
    pub const AGO: usize = 16;
    pub const N: usize = 17;
    pub const UNIT: usize = 18;
    pub const LASTW: usize = 19;
    pub const VAGUE: usize = 20;
    pub const YEAR: usize = 21;
    pub const Y3: usize = 22;
    /// Their names, in order.
    #[cfg(test)]
    pub const NAMES: [&str; 22] = [
        "iso", "y0", "m0", "d0", "dmy", "d1", "m1", "y1", "mdy", "m2", "d2", "y2", "wd", "wday",
        "rel", "ago", "n", "unit", "lastw", "vague", "year", "y3",
    ];
}

/// [`date_pattern`], compiled once.
fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| re_masked(&date_pattern()))
}

/// Where a wire story's dateline ends: "KHARTOUM, June 5 (Reuters) - " is
/// a place in capitals, a comma, and up to 60 bytes before a dash; 0 if `s`
/// does not start with one.
fn dateline_end(s: &str) -> usize {
    let head = s.split([',', ' ']).next().unwrap_or("");
    let capitals = head.len() >= 3
        && head.chars().any(char::is_alphabetic)
        && !head.chars().any(char::is_lowercase);
    let city_end = s.find(',').unwrap_or(0);
    // "NEW YORK," too: every word before the comma in capitals.
    if !capitals || city_end == 0 || s[..city_end].chars().any(char::is_lowercase) {
        return 0;
    }
    let mut n = s.len().min(city_end + 60);
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    let window = &s[..n];
    [" - ", " \u{2013} ", " \u{2014} ", "\u{2014}"]
        .iter()
        .filter_map(|d| window.find(d).map(|i| i + d.len()))
        .min()
        .unwrap_or(0)
}

/// Date expressions in `s`, each with whether it follows a speech verb (the
/// day a statement was made rather than the day of the event).
fn dates(s: &str, published: Option<NaiveDate>) -> Vec<(When, bool)> {
    let r = date_re();
    let mut out = Vec::new();
    let masked = Masked::new(s);
    let speech = &lexicon().speech;
    let dateline = dateline_end(s);
    for c in r.captures_iter(masked.key()) {
        // A group of the match, as the lowercased text it matched ("" if it
        // took no part: only read where it did).
        let cap = |k: usize| c.get(k).map_or("", |m| masked.text(m));
        let m = c.get(0).map_or(0..0, |m| masked.span(m));
        // The wire's dateline gives the day of the report, not of the event.
        if m.start < dateline {
            continue;
        }
        let before = &s[..m.start];
        let tail: String = before
            .split_whitespace()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        let after_speech = speech.is_match(&tail);
        let pubd = published;
        let when = if c.get(date_group::ISO).is_some() {
            let y = cap(date_group::Y0).parse().unwrap_or(0);
            let mo = cap(date_group::M0).parse().unwrap_or(0);
            let d = cap(date_group::D0).parse().unwrap_or(0);
            NaiveDate::from_ymd_opt(y, mo, d).map(|d| When::Day(d, "day"))
        } else if c.get(date_group::DMY).is_some() || c.get(date_group::MDY).is_some() {
            let (d, mo, y) = if c.get(date_group::DMY).is_some() {
                (
                    cap(date_group::D1),
                    cap(date_group::M1),
                    c.get(date_group::Y1),
                )
            } else {
                (
                    cap(date_group::D2),
                    cap(date_group::M2),
                    c.get(date_group::Y2),
                )
            };
            let (Some(mo), Ok(d)) = (month_number(mo), d.parse::<u32>()) else {
                continue;
            };
            match y {
                Some(y) => NaiveDate::from_ymd_opt(masked.text(y).parse().unwrap_or(0), mo, d)
                    .map(|d| When::Day(d, "day")),
                None => pubd.and_then(|p| {
                    // The most recent such day not after publication.
                    let this = NaiveDate::from_ymd_opt(p.year(), mo, d)?;
                    let day = if this > p {
                        NaiveDate::from_ymd_opt(p.year() - 1, mo, d)?
                    } else {
                        this
                    };
                    Some(When::Day(day, "day"))
                }),
            }
        } else if let Some(wd) = c.get(date_group::WDAY) {
            let target = match masked.text(wd).to_lowercase().as_str() {
                "monday" => Weekday::Mon,
                "tuesday" => Weekday::Tue,
                "wednesday" => Weekday::Wed,
                "thursday" => Weekday::Thu,
                "friday" => Weekday::Fri,
                "saturday" => Weekday::Sat,
                _ => Weekday::Sun,
            };
            let last = cap(date_group::WD).to_lowercase().starts_with("last ");
            pubd.map(|p| {
                let mut back = (p.weekday().num_days_from_monday() as i64
                    - target.num_days_from_monday() as i64)
                    .rem_euclid(7);
                if last && back == 0 {
                    back = 7;
                }
                When::Day(p - Duration::days(back), "day")
            })
        } else if let Some(rel) = c.get(date_group::REL) {
            pubd.map(|p| match masked.text(rel).to_lowercase().as_str() {
                "yesterday" | "last night" => When::Day(p - Duration::days(1), "day"),
                _ => When::Day(p, "day"),
            })
        } else if c.get(date_group::AGO).is_some() {
            let n = number_word(&cap(date_group::N).to_lowercase()).unwrap_or(1) as i64;
            let unit = cap(date_group::UNIT).to_lowercase();
            pubd.map(|p| {
                if unit.starts_with("day") {
                    When::Day(p - Duration::days(n), "day")
                } else if unit.starts_with("week") {
                    When::Day(p - Duration::days(7 * n), "week")
                } else {
                    When::Day(p - Duration::days(30 * n), "month")
                }
            })
        } else if let Some(l) = c.get(date_group::LASTW) {
            pubd.map(|p| match masked.text(l).to_lowercase().as_str() {
                "last week" => When::Day(p - Duration::days(7), "week"),
                "last month" => When::Day(p - Duration::days(30), "month"),
                "this month" | "earlier this month" => When::Day(p, "month"),
                _ => When::Day(p, "week"),
            })
        } else if c.get(date_group::VAGUE).is_some() {
            Some(When::Vague)
        } else if c.get(date_group::YEAR).is_some() {
            let y: i32 = cap(date_group::Y3).parse().unwrap_or(0);
            NaiveDate::from_ymd_opt(y, 1, 1).map(|d| When::Day(d, "year"))
        } else {
            None
        };
        if let Some(w) = when {
            out.push((w, after_speech));
        }
    }
    out
}

// ---------------------------------------------------------------- places

/// Where in a sentence a place mention sits.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    place: PlaceIdx,
    kind: FeatureKind,
    attribution: bool,
    near: bool,
}

/// How a candidate place ranks (lower is better): speaker's phrase, granularity,
/// not introduced by a preposition of place, possessive, distance to the trigger.
type Rank = (u8, u8, u8, u8, usize);

/// Chooses the place of an incident among the mentions inside `sent`.
fn locate(
    text: &str,
    sent: &Sentence,
    trigger: usize,
    rec: &Recognized,
    resolved: &[Option<Resolved>],
    g: &Gazetteer,
) -> Option<Candidate> {
    let lex = lexicon();
    let s = &text[sent.start..sent.end];
    let speakers = speaker_spans(s);
    let mut best: Option<(Candidate, Rank)> = None;
    let first = rec.mentions.partition_point(|m| m.start < sent.start);
    for (i, m) in rec.mentions.iter().enumerate().skip(first) {
        if m.start >= sent.end {
            break;
        }
        if m.end > sent.end {
            continue;
        }
        let Some(r) = resolved[i] else { continue };
        let kind = g.kind(r.place);
        if m.cues.dateline || m.cues.modifier || kind == FeatureKind::Other {
            continue;
        }
        // "Y" of "X (Y)" or "X, Y" where Y can be X's country or region
        // says where X is, not another place ("entered Sudzha (Kursk)").
        if i > 0
            && rec.mentions[i - 1].qualifier == Some(i)
            && rec.mentions[i - 1].start >= sent.start
        {
            if let Some(x) = resolved[i - 1] {
                if qualifies(&m.hits, x.place, g) {
                    continue;
                }
            }
        }
        let rel = m.start - sent.start;
        let after = &text[m.end..sent.end];
        let next_word = after
            .trim_start_matches(['\'', '’', 's'])
            .split_whitespace()
            .next()
            .unwrap_or("");
        let next_lower = lowercase(next_word);
        // A country or region as the subject of a verb ("Ukraine fired", "Moscow
        // claims") is an actor or a speaker, not where something happened.
        let prev_word = lowercase(
            text[sent.start..m.start]
                .split_whitespace()
                .next_back()
                .unwrap_or(""),
        );
        let in_phrase = matches!(
            &*prev_word,
            "of" | "in" | "from" | "near" | "at" | "for" | "to" | "over"
        );
        let subject = subject_verb(&next_lower) && !m.cues.possessive && !in_phrase;
        if subject && matches!(kind, FeatureKind::Country | FeatureKind::Admin1) {
            continue;
        }
        if subject && lex.speech.is_match(&next_lower) {
            continue;
        }
        if is_launch_site(&text[sent.start..m.start]) {
            continue;
        }
        if names_a_weapon(after) {
            continue;
        }
        let attribution = speakers.iter().any(|&(a, b)| a <= rel && rel < b);
        let near = lex.near.is_match_at_end(&text[sent.start..m.start]);
        let distance = rel.abs_diff(trigger);
        let granularity = match kind {
            FeatureKind::Town => 0,
            FeatureKind::Admin1 | FeatureKind::Region => 1,
            _ => 2,
        };
        // "in X", "near X", "at X": the sentence says this is where.
        let located = matches!(
            &*prev_word,
            "in" | "near" | "at" | "outside" | "around" | "into" | "over" | "of" | "on"
        );
        let rank = (
            attribution as u8,
            granularity,
            !located as u8,
            m.cues.possessive as u8,
            distance,
        );
        let c = Candidate {
            place: r.place,
            kind,
            attribution,
            near,
        };
        if best.as_ref().is_none_or(|(_, br)| rank < *br) {
            best = Some((c, rank));
        }
    }
    best.map(|(c, _)| c)
}

/// True if one of `hits` is the country or the admin-1 region of `place`.
fn qualifies(hits: &[crate::gazetteer::NameHit], place: PlaceIdx, g: &Gazetteer) -> bool {
    let p = g.brief(place);
    hits.iter().any(|h| match g.kind(h.place) {
        FeatureKind::Country => g.brief(h.place).country_code == p.country_code,
        FeatureKind::Admin1 => {
            let q = g.brief(h.place);
            q.country_code == p.country_code && q.admin1_code == p.admin1_code
        }
        _ => false,
    })
}

/// `s` lowercased, borrowed when it is lowercase ASCII already (most words).
fn lowercase(s: &str) -> Cow<'_, str> {
    if crate::text::is_lowercase_ascii(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// True if `after`, the text after a name, makes the name a weapon's ("an
/// Iskander ballistic missile", "Shahed drones", "a Patriot system"), not a
/// place; "a Kharkiv missile strike" still names the place struck.
fn names_a_weapon(after: &str) -> bool {
    const WEAPON: &[&str] = &[
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "drone",
        "drones",
        "bomb",
        "bombs",
        "launcher",
        "launchers",
        "system",
        "systems",
        "howitzer",
        "howitzers",
        "jet",
        "jets",
        "ballistic",
        "cruise",
        "hypersonic",
        "anti-tank",
        "anti-aircraft",
        "air-defence",
        "air-defense",
    ];
    const ACT: &[&str] = &[
        "attack", "attacks", "strike", "strikes", "barrage", "raid", "raids",
    ];
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']));
    let Some(first) = words.next() else {
        return false;
    };
    if !WEAPON.iter().any(|w| first.eq_ignore_ascii_case(w)) {
        return false;
    }
    // "Kharkiv missile strike", "Odesa ballistic missile attack": the place struck.
    !words
        .take(2)
        .any(|w| ACT.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

fn subject_verb(w: &str) -> bool {
    // A match, not a list: it is asked for every mention of an event's
    // sentence, and compiles to a test of the length and then of a few words.
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "will"
            | "would"
            | "fired"
            | "launched"
            | "attacked"
            | "invaded"
            | "struck"
            | "says"
            | "said"
            | "claims"
            | "claimed"
            | "accused"
            | "denied"
            | "recognises"
            | "recognizes"
            | "announced"
            | "sent"
            | "shelled"
            | "hit"
            | "wants"
            | "planned"
            | "plans"
            | "hosts"
            | "supplies"
            | "supplied"
            | "responded"
            | "warned"
            | "insists"
            | "insisted"
            | "vowed"
    )
}

/// The speakers' phrases of a sentence, as byte ranges: for each speech verb,
/// the text from the clause boundary before it (sentence start, comma, "that",
/// a quotation mark) up to the verb; for "according to X", X.
fn speaker_spans(s: &str) -> Vec<(usize, usize)> {
    let lex = lexicon();
    let verbs: Vec<Hit<'_>> = lex.speech.find_iter(s).collect();
    // A long sentence with many speech verbs: the clause boundaries are found
    // once, not looked for back from each verb through all the text before it.
    let boundaries = (verbs.len() > 4).then(|| Boundaries::of(s));
    let mut out = Vec::new();
    for m in verbs {
        if m.as_str().eq_ignore_ascii_case("according to") {
            let rest = &s[m.end..];
            let len = rest.find([',', ';', '.']).unwrap_or(rest.len());
            out.push((m.end, m.end + len));
            continue;
        }
        let boundary = match &boundaries {
            Some(b) => b.before(m.start),
            None => clause_start(&s[..m.start]),
        };
        out.push((boundary, m.start));
    }
    out
}

/// Where the clause that ends `before` starts: after its last ", ", " that ",
/// quotation mark or "; ", else at its start.
fn clause_start(before: &str) -> usize {
    // One pass back from the end, byte by byte (four searches, each through
    // all the text when its mark is not there, cost more): a mark starting at
    // `j` gives `j` plus at most 6, so the pass stops where none can give more
    // than the best so far.
    let b = before.as_bytes();
    let mut best = 0;
    for j in (0..b.len()).rev() {
        if j + 6 <= best {
            break;
        }
        let rest = &b[j..];
        let at = match rest {
            [b',' | b';', b' ', ..] => j + 2,
            [b' ', b't', b'h', b'a', b't', b' ', ..] => j + 6,
            [b'"', ..] | [0xE2, 0x80, 0x9C | 0x9D, ..] => j + 1,
            _ => continue,
        };
        best = best.max(at);
    }
    best
}

/// Every place of a sentence where [`clause_start`] may find a clause
/// starting, ascending, to answer it for any prefix of the sentence.
struct Boundaries {
    /// (where the clause would start, where its mark ends): a mark counts
    /// for a prefix that holds all of it.
    marks: Vec<(usize, usize)>,
}

impl Boundaries {
    fn of(s: &str) -> Boundaries {
        let mut marks = Vec::new();
        for pat in [", ", " that ", "; "] {
            // Every occurrence, overlapping ones too (" that that "), as
            // `rfind` may find any of them.
            let mut from = 0;
            while let Some(i) = s[from..].find(pat) {
                let at = from + i;
                marks.push((at + pat.len(), at + pat.len()));
                from = at + 1;
                while !s.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
        for (i, c) in s.char_indices() {
            if matches!(c, '“' | '”' | '"') {
                marks.push((i + 1, i + c.len_utf8()));
            }
        }
        // By where each mark ends, keeping the latest clause start so far.
        marks.sort_by_key(|&(_, end)| end);
        let mut latest = 0;
        for m in &mut marks {
            latest = latest.max(m.0);
            m.0 = latest;
        }
        Boundaries { marks }
    }

    /// [`clause_start`] of `s[..end]`.
    fn before(&self, end: usize) -> usize {
        let k = self.marks.partition_point(|&(_, e)| e <= end);
        if k == 0 {
            0
        } else {
            self.marks[k - 1].0
        }
    }
}

/// "from Belarusian airspace", "fired from X": the launch site, not the target.
fn is_launch_site(before: &str) -> bool {
    // Only ASCII letters lowercase to "from" (the Kelvin sign and "İ" are the
    // only other characters that lowercase to ASCII, to "k" and "i̇"): most
    // text before a place does not end so, and is not lowercased.
    let t = before.trim_end().as_bytes();
    if t.len() < 4 || !t[t.len() - 4..].eq_ignore_ascii_case(b"from") {
        return false;
    }
    // Its last six words, lowercased (lowercasing keeps white space where it
    // is, and makes none), not all the text before the place.
    let trimmed = before.trim_end();
    let tail = trimmed
        .char_indices()
        .rev()
        .filter(|&(i, c)| {
            c.is_whitespace() && !trimmed[..i].ends_with(char::is_whitespace) && i > 0
        })
        .nth(5)
        .map_or(trimmed, |(i, _)| &trimmed[i..]);
    let b = tail.to_lowercase();
    b.ends_with("from") && {
        let w: Vec<&str> = b.split_whitespace().rev().take(6).collect();
        w.iter().any(|x| {
            matches!(
                *x,
                "fired" | "launched" | "launching" | "firing" | "missiles" | "rockets" | "drones"
            )
        })
    }
}

/// The sentence's speaker: "X said ..." or "..., X said.", as the Unicode
/// patterns of `claimed_by_unicode` (the tests' reference) find it.
///
/// They read [`claim_text`], one byte per character: "according to X" and
/// "X said ..." by hand ([`according_to`], [`lead_speaker`]), "..., X said."
/// (tried last, rarely reached) as an ASCII pattern. As Unicode patterns their
/// classes repeated up to 90 times made NFAs of thousands of states, and every
/// capture search cleared a visited set of states times characters: a sixth of
/// the whole run's time on conflict reporting.
fn claimed_by(s: &str) -> Option<String> {
    static TAIL: OnceLock<regex::bytes::Regex> = OnceLock::new();
    // `claimed_by_unicode`'s, with "“" and "”" as 0x02 and 0x03.
    let tail = TAIL.get_or_init(|| {
        regex::bytes::RegexBuilder::new(r",\s*(?P<who>[^,;\x02\x03]{3,80}?) (?:said|says|claimed|reported|added|told [^.]+)\.?[\x03\x22]?$")
            .unicode(false)
            .case_insensitive(true)
            .build()
            .expect("valid built-in pattern")
    });
    let s = s.trim_start_matches(['"', '“']);
    let t = claim_text(s);
    // The text of `who` (a range of `t`): its characters are those at the
    // same indices in `s`.
    let who = |(start, end): (usize, usize)| {
        Some(match &t {
            Cow::Borrowed(_) => &s[start..end],
            Cow::Owned(_) => {
                let mut at = s.char_indices().map(|(i, _)| i).chain([s.len()]);
                let from = at.nth(start)?;
                let to = at.nth(end - start - 1)?;
                &s[from..to]
            }
        })
    };
    claim_from(
        according_to(&t).and_then(who),
        || lead_speaker(&t).and_then(who),
        || {
            let c = tail.captures(&t)?;
            c.name("who").and_then(|m| who((m.start(), m.end())))
        },
    )
}

/// True for the bytes of [`claim_text`] that are word characters.
fn claim_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// True if `t[at..]` starts with `word`, in any case.
fn claim_starts(t: &[u8], at: usize, word: &str) -> bool {
    t.get(at..at + word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// `\baccording to (?P<who>[^,;.]{3,80})`, case-insensitive, on [`claim_text`]:
/// the range of `who` in the leftmost match.
fn according_to(t: &[u8]) -> Option<(usize, usize)> {
    const PHRASE: &str = "according to ";
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'a', b'A', &t[from..]) {
        let i = from + k;
        from = i + 1;
        if !claim_starts(t, i, PHRASE) || (i > 0 && claim_word(t[i - 1])) {
            continue;
        }
        let start = i + PHRASE.len();
        let run = t[start..]
            .iter()
            .take(80)
            .take_while(|&&b| !matches!(b, b',' | b';' | b'.'))
            .count();
        if run >= 3 {
            return Some((start, start + run));
        }
    }
    None
}

/// [`lead_speaker`]'s opening words, in the pattern's order.
const LEAD_OPENERS: [&str; 12] = [
    "however",
    "meanwhile",
    "earlier",
    "later",
    "also",
    "elsewhere in the war",
    "elsewhere",
    "on \\w+",
    "earlier on \\w+",
    "late on \\w+",
    "in a statement",
    "separately",
];

/// The speech verbs after [`lead_speaker`]'s speaker.
const LEAD_VERBS: [&str; 11] = [
    "said",
    "says",
    "claimed",
    "claims",
    "reported",
    "announced",
    "told",
    "confirmed",
    "alleged",
    "wrote",
    "added",
];

/// The first letters of [`LEAD_VERBS`], a bit per letter from "a".
const LEAD_VERB_INITIALS: u32 = {
    let mut bits = 0;
    let mut k = 0;
    while k < LEAD_VERBS.len() {
        bits |= 1 << (LEAD_VERBS[k].as_bytes()[0] - b'a');
        k += 1;
    }
    bits
};

/// The range of `who` in the match of
///
/// `^(?:(?:however|meanwhile|earlier|later|also|elsewhere in the war|elsewhere|on \w+|earlier on \w+|late on \w+|in a statement|separately)[, ]+)*(?P<who>[^,;:“”]{3,90}?)(?:, [^,]{3,60},)? (?:said|says|claimed|claims|reported|announced|told|confirmed|alleged|wrote|added)\b`
///
/// (case-insensitive) on [`claim_text`], found as a backtracking engine finds
/// it: the openers' repetitions greedily (an opener is tried before leaving
/// the repetition, in the pattern's order, and `[, ]+` longest first), then
/// the shortest speaker, the parenthetical before the verb before none. A
/// regex engine spent thousands of instructions on each sentence with a verb.
fn lead_speaker(t: &[u8]) -> Option<(usize, usize)> {
    // The result from each position after openers (it depends on nothing
    // else), so that no position is tried twice; most sentences open with
    // none, and need no table.
    let mut memo: Vec<Option<Option<(usize, usize)>>> = Vec::new();
    lead_from(t, 0, &mut memo)
}

fn lead_from(
    t: &[u8],
    p: usize,
    memo: &mut Vec<Option<Option<(usize, usize)>>>,
) -> Option<(usize, usize)> {
    if let Some(&Some(r)) = memo.get(p) {
        return r;
    }
    let mut found = None;
    'openers: for opener in LEAD_OPENERS {
        // The opener's end, if it matches at `p`: "\\w+" is a whole word
        // (a shorter one would leave a word character where `[, ]+` must be).
        let end = match opener.strip_suffix("\\w+") {
            Some(head) => {
                if !claim_starts(t, p, head) {
                    continue;
                }
                let word = t[p + head.len()..]
                    .iter()
                    .take_while(|&&b| claim_word(b))
                    .count();
                if word == 0 {
                    continue;
                }
                p + head.len() + word
            }
            None => {
                if !claim_starts(t, p, opener) {
                    continue;
                }
                p + opener.len()
            }
        };
        let seps = t[end..]
            .iter()
            .take_while(|&&b| b == b',' || b == b' ')
            .count();
        if seps > 0 && memo.is_empty() {
            memo.resize(t.len() + 1, None);
        }
        for k in (1..=seps).rev() {
            if let Some(w) = lead_from(t, end + k, memo) {
                found = Some(w);
                break 'openers;
            }
        }
    }
    if found.is_none() {
        found = lead_rest(t, p);
    }
    if let Some(slot) = memo.get_mut(p) {
        *slot = Some(found);
    }
    found
}

/// The speaker from `p` on: `who`, then the parenthetical or none, then a verb.
fn lead_rest(t: &[u8], p: usize) -> Option<(usize, usize)> {
    let verb_at = |x: usize| {
        t.get(x) == Some(&b' ')
            // A verb's first letter, in either case.
            && t.get(x + 1).is_some_and(|&b| {
                let k = (b | 0x20).wrapping_sub(b'a');
                k < 26 && LEAD_VERB_INITIALS & (1 << k) != 0
            })
            && LEAD_VERBS.iter().any(|v| {
                claim_starts(t, x + 1, v) && t.get(x + 1 + v.len()).is_none_or(|&b| !claim_word(b))
            })
    };
    let speaker = |b: u8| !matches!(b, b',' | b';' | b':' | 2 | 3);
    // `who` is t[p..q], at least 3 and at most 90 characters of its class.
    let run = t[p..].iter().take(90).take_while(|&&b| speaker(b)).count();
    for q in p + 3..=p + run {
        // ", X," with X 3 to 60 characters that are not commas (taken whole:
        // a shorter X would leave a non-comma where the comma must be).
        if t.get(q..q + 2) == Some(b", ") {
            let x = t[q + 2..].iter().take_while(|&&b| b != b',').count();
            if (3..=60).contains(&x) && t.get(q + 2 + x) == Some(&b',') && verb_at(q + 2 + x + 1) {
                return Some((p, q));
            }
        }
        if verb_at(q) {
            return Some((p, q));
        }
    }
    None
}

/// [`claimed_by`]'s choice among its patterns' speakers, cleaned up.
fn claim_from<'s>(
    acc: Option<&'s str>,
    lead: impl FnOnce() -> Option<&'s str>,
    tail: impl FnOnce() -> Option<&'s str>,
) -> Option<String> {
    let clean = |w: &str| {
        let w = w.trim().trim_matches(['"', '“', '”']);
        let w = w
            .strip_prefix("The ")
            .or_else(|| w.strip_prefix("the "))
            .unwrap_or(w);
        let w = w.trim();
        (!w.is_empty() && w.split_whitespace().count() <= 14).then(|| w.to_string())
    };
    if let Some(who) = acc {
        return clean(who);
    }
    if let Some(who) = lead() {
        // "On Sunday, Russia's defence minister": drop a leading date phrase.
        let who = who.rsplit(", ").next().unwrap_or(who);
        if !who.contains(" that ") {
            return clean(who);
        }
    }
    tail().and_then(clean)
}

/// `s` as [`claimed_by`]'s ASCII patterns read it: each character as one
/// byte that they treat as the Unicode patterns treat the character, so a
/// match's byte offsets are character indices in `s`:
///
/// - "“" and "”" are 0x02 and 0x03, which the patterns name where they name
///   the quotes (0x02 and 0x03 in `s` become 0x01);
/// - "ſ" and the Kelvin sign are "s" and "k", the ASCII letters Unicode case
///   folding matches them with;
/// - every other word character is "0", a word character no pattern names;
/// - every other white space is 0x0B (vertical tab): white space, and not the
///   space the patterns name;
/// - anything else is 0x01: neither, and named by no pattern.
///
/// ASCII text without 0x02 and 0x03 is itself.
fn claim_text(s: &str) -> Cow<'_, [u8]> {
    if s.bytes().all(|b| b.is_ascii() && b != 2 && b != 3) {
        return Cow::Borrowed(s.as_bytes());
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{2}' | '\u{3}' => 1,
                c if c.is_ascii() => c as u8,
                '“' => 2,
                '”' => 3,
                'ſ' => b's',
                '\u{212A}' => b'k',
                c if regex_syntax::is_word_character(c) => b'0',
                c if c.is_whitespace() => 0x0B,
                _ => 1,
            })
            .collect(),
    )
}

// ---------------------------------------------------------------- actors

/// The start of `after` (the text after a demonym) that [`WEAPON_OWNER_PATTERN`]
/// can match, and more: its white space, its first word (`\w+ ` can only be
/// all of it), then 32 characters, over the longest weapon word and the one
/// character its `\b` reads. So a long sentence is not masked again after
/// each of its demonyms.
fn owner_window(after: &str) -> &str {
    let ws = after.len() - after.trim_start().len();
    let word = after[ws..]
        .find(char::is_whitespace)
        .map_or(after.len(), |i| ws + i);
    let end = after[word..]
        .char_indices()
        .nth(32)
        .map_or(after.len(), |(i, _)| word + i);
    &after[..end]
}

/// True if `after` (the text after a demonym) starts, after white space, with
/// "defence ministry" or "defense ministry" in any case. Each character
/// lowercases to one or more, so the first 16 give the first 16 of the whole
/// text's lowercase if they are ASCII: only they are lowercased.
fn ministry_follows(after: &str) -> bool {
    let head = after.trim_start();
    let head = &head[..head.char_indices().nth(16).map_or(head.len(), |(i, _)| i)];
    let head = lowercase(head);
    head.starts_with("defence ministry") || head.starts_with("defense ministry")
}

/// A demonym's weapon or forces: "Russian missiles", "Ukrainian forces"
/// (case-insensitive).
const WEAPON_OWNER_PATTERN: &str = r"^\s+(?:\w+ )?(rockets?|missiles?|drones?|artillery|shells?|aircraft|warplanes?|jets?|bombers?|uavs?|forces|troops|army|military|soldiers|fighters|servicemen|units?|navy|air force)\b";
/// Actors named by a common word (case-insensitive).
const GENERIC_WORDS: &str = "protesters|demonstrators|rioters|gunmen|unidentified armed men|police|security forces|civilians|separatists?|militants|rebels|jihadists|bandits|mob";
/// The last words of named armed groups (case-sensitive).
const GROUP_WORDS: &str = "Group|Front|Brigades?|Battalion|Movement|Militia|Forces|Army|Liberation|Organi[sz]ation|Party|Council|Alliance|Taliban|Hamas|Hezbollah|Houthis?|al-Shabaab|Boko Haram|Islamic State";

/// [`WEAPON_OWNER_PATTERN`], compiled once.
fn weapon_owner() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re_mask(WEAPON_OWNER_PATTERN, Mask::Folded))
}

/// [`generic_pattern`], compiled once.
fn generic() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re_mask(&generic_pattern(), Mask::Folded))
}

/// [`group_pattern`], compiled once.
fn group() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re_mask(&group_pattern(), Mask::Cased))
}

/// The generic actor words as words (case-insensitive).
fn generic_pattern() -> String {
    format!(r"\b({GENERIC_WORDS})\b")
}

/// A named armed group as written: up to four capitalised words before a
/// group word (case-sensitive).
fn group_pattern() -> String {
    format!(r"\b((?:[A-Z][\w'-]+ ){{0,4}}(?:{GROUP_WORDS})\b)")
}

fn actors(
    text: &str,
    sent: &Sentence,
    kind: &Kind,
    rec: &Recognized,
    g: &Gazetteer,
    place_cc: &str,
) -> Vec<String> {
    let s = &text[sent.start..sent.end];
    let weapon_owner = weapon_owner();
    let mut owners: Vec<(usize, String, bool)> = Vec::new(); // (pos, name, owns a weapon)
                                                             // Demonyms and mentions are in text order: only the sentence's are read
                                                             // (a long article has thousands, and incidents in many sentences).
    let first = rec.demonyms.partition_point(|d| d.start < sent.start);
    for d in rec.demonyms[first..]
        .iter()
        .take_while(|d| d.start < sent.end)
    {
        if d.end > sent.end {
            continue;
        }
        let after = &text[d.end..sent.end];
        let masked = Masked::with(owner_window(after), Mask::Folded);
        if let Some(c) = weapon_owner.captures(masked.key()) {
            let w = lowercase(c.get(1).map_or("", |m| masked.text(m)));
            let weapon = !matches!(
                &*w,
                "forces"
                    | "troops"
                    | "army"
                    | "military"
                    | "soldiers"
                    | "fighters"
                    | "servicemen"
                    | "units"
                    | "unit"
            );
            owners.push((d.start, d.forces.clone(), weapon));
        } else if ministry_follows(after) {
            owners.push((d.start, d.forces.clone(), false));
        }
    }
    // Countries as subjects or possessors of forces: "Russia's troops", "Ukraine fired".
    let first = rec.mentions.partition_point(|m| m.start < sent.start);
    for m in rec.mentions[first..]
        .iter()
        .take_while(|m| m.start < sent.end)
    {
        if m.end > sent.end {
            continue;
        }
        let Some(h) = m
            .hits
            .iter()
            .find(|h| g.kind(h.place) == FeatureKind::Country)
        else {
            continue;
        };
        let after = text[m.end..sent.end].trim_start_matches(['\'', '’', 's']);
        let next = lowercase(after.split_whitespace().next().unwrap_or(""));
        let forces_word = matches!(
            &*next,
            "troops" | "forces" | "army" | "military" | "soldiers"
        );
        let verb = matches!(
            &*next,
            "fired" | "launched" | "attacked" | "shelled" | "struck" | "has" | "have"
        );
        if (m.cues.possessive && forces_word) || (!m.cues.possessive && verb) {
            owners.push((
                m.start,
                format!("Military Forces of {}", g.place(h.place).name),
                !forces_word,
            ));
        }
    }
    owners.sort_by_key(|o| o.0);
    let mut out: Vec<String> = Vec::new();
    let push = |out: &mut Vec<String>, n: String| {
        if !out.contains(&n) {
            out.push(n);
        }
    };
    if kind.sub_event_type == "Disrupted weapons use" {
        // The side that intercepted acts; the weapon's owner is the target.
        let launchers: Vec<&String> = owners.iter().filter(|o| o.2).map(|o| &o.1).collect();
        for o in owners.iter().filter(|o| !o.2) {
            push(&mut out, o.1.clone());
        }
        if out.is_empty() && !place_cc.is_empty() {
            if let Some(c) = g.country(place_cc) {
                let name = format!("Military Forces of {}", g.place(c).name);
                if !launchers.iter().any(|l| **l == name) {
                    out.push(name);
                }
            }
        }
        for l in launchers {
            push(&mut out, l.clone());
        }
    } else {
        for o in owners.iter().filter(|o| o.2) {
            push(&mut out, o.1.clone());
        }
        for o in owners.iter().filter(|o| !o.2) {
            push(&mut out, o.1.clone());
        }
    }
    // Actors named by a common word, and named armed groups as written
    // ("Islamic State", "Wagner Group", "Rapid Support Forces").
    let generic = generic();
    // Each pattern is looked for, on a masked copy of the sentence, only if
    // its words, without the boundaries, are there. For the generic words
    // ASCII case folding finds them as Unicode's does but for "ſ", a long s;
    // the group words are case-sensitive.
    static GENERIC_CLUE: OnceLock<Lexeme> = OnceLock::new();
    let generic_words = GENERIC_CLUE.get_or_init(|| lx(GENERIC_WORDS));
    let maybe_generic = generic_words.is_match(s) || s.contains('ſ');
    // Group 1 is the whole match (the word boundaries are empty): matches
    // need no capture groups, which cost an NFA run each.
    let masked = maybe_generic.then(|| Masked::with(s, Mask::Folded));
    for m in masked
        .iter()
        .flat_map(|masked| generic.find_iter(masked.key()).map(|m| masked.text(m)))
    {
        let name = match &*lowercase(m) {
            "protesters" | "demonstrators" => "Protesters".to_string(),
            "rioters" | "mob" => "Rioters".to_string(),
            "gunmen" | "unidentified armed men" => "Unidentified Armed Group".to_string(),
            "police" | "security forces" => match g.country(place_cc) {
                Some(c) => format!("Police Forces of {}", g.place(c).name),
                None => "Police Forces".to_string(),
            },
            "civilians" => match g.country(place_cc) {
                Some(c) => format!("Civilians ({})", g.place(c).name),
                None => "Civilians".to_string(),
            },
            "separatist" | "separatists" => "Separatists".to_string(),
            other => {
                let mut w = other.to_string();
                w[..1].make_ascii_uppercase();
                w
            }
        };
        push(&mut out, name);
    }
    let group = group();
    static GROUP_CLUE: OnceLock<Regex> = OnceLock::new();
    let group_words =
        GROUP_CLUE.get_or_init(|| Regex::new(GROUP_WORDS).expect("valid built-in pattern"));
    let maybe_group = group_words.is_match(s);
    let masked = maybe_group.then(|| Masked::with(s, Mask::Cased));
    for m in masked
        .iter()
        .flat_map(|masked| group.find_iter(masked.key()).map(|m| masked.text(m)))
    {
        let name = m.trim().to_string();
        let first = name.split_whitespace().next().unwrap_or("");
        // Skip demonym-led state forces ("Russian Forces") already named above,
        // and single generic words.
        if rec.demonyms.iter().any(|d| text[d.start..d.end] == *first)
            || name.split_whitespace().count() < 2
                && !matches!(
                    name.as_str(),
                    "Taliban" | "Hamas" | "Hezbollah" | "Houthis" | "Houthi" | "al-Shabaab"
                )
        {
            continue;
        }
        push(&mut out, name);
    }
    out
}

// ---------------------------------------------------------------- extraction

/// What the incident extractor needs from the article.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The article text.
    pub text: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Recognised mentions and demonyms.
    pub recognized: &'a Recognized,
    /// The resolution of each mention.
    pub resolved: &'a [Option<Resolved>],
    /// The publication date, if known.
    pub published: Option<NaiveDate>,
}

/// Step `step` of the one-time set-up of incident extraction, the costliest
/// parts first: reading the trigger gate's DFA and the set's, then compiling the
/// date, modal, actor and fatality patterns; one of [`WARM_UP_STEPS`].
///
/// Each is otherwise done by the first article that needs it, while other
/// workers that need it wait; a worker with nothing to do yet (the first
/// articles are still being read, a folder listed) does them instead
/// ([`crate::Engine::warm_up`]). It changes nothing but when the work is done.
pub fn warm_up(step: usize) {
    const OTHERS: usize = WARM_UP_STEPS - FAT_COUNT;
    match step {
        0 => {
            let _ = lexicon();
        }
        1 => {
            let _ = lexicon().set();
        }
        2 => {
            let _ = date_re();
        }
        3 => {
            let _ = would();
        }
        4 => {
            let _ = weapon_owner();
        }
        5 => {
            let _ = generic();
        }
        6 => {
            let _ = group();
        }
        s if s < WARM_UP_STEPS => {
            let _ = fatality(s - OTHERS);
        }
        _ => {}
    }
}

/// How many steps [`warm_up`] has.
pub const WARM_UP_STEPS: usize = 7 + FAT_COUNT;

/// False if the article has no trigger word, so that it reports no incident
/// whatever its places are: every incident of [`extract`] comes from a
/// sentence that passes the gate, and a sentence that does makes the whole
/// text pass it. (The gate has no `^` or `$`, and [`crate::text::sentences`]
/// starts and ends every sentence next to a byte that is not an ASCII word
/// byte, or at the text's ends: its `\b`s read the same in the sentence
/// alone and in the text.) One pass over the text, before it is split.
pub fn may_report(text: &str) -> bool {
    lexicon().gate(text)
}

/// False if no sentence of the article reports an event, whatever its places
/// are, so that [`extract`] would find no incident in it: the incidents layer
/// alone then need not look for its places.
///
/// Why that is exact: [`extract`] adds an incident only for a sentence that
/// passes the gate and that classification gives a kind, with the
/// sentence's places and the sentence before it in its paragraph (a toll
/// without a place of its own goes to an incident already added). Places
/// matter to classification only in asking whether a capture or withdrawal
/// takes territory (a place near the verb), which, with places not yet
/// known, counts a place wherever one would count: so this is true whenever
/// a kind is found with the real places.
pub fn may_classify(text: &str, sentences: &[Sentence]) -> bool {
    may_classify_with(&Scans::new(text, sentences))
}

/// [`may_classify`] with the sentences' scans, which [`extract_with`] may
/// then read again.
pub(crate) fn may_classify_with(scans: &Scans<'_>) -> bool {
    let (text, sentences) = (scans.text, scans.sentences);
    (0..sentences.len()).any(|si| {
        let Some(scan) = scans.get(si) else {
            return false;
        };
        let prev = prev_in_paragraph(sentences, si).map(|p| &text[p.start..p.end]);
        classify_scan(scan, prev, None).is_some()
    })
}

/// Each sentence's pass of the trigger gate and, if it passes, of the
/// lexicon set ([`Scan`]), made when first asked for and at most once:
/// [`may_classify_with`] and [`extract_with`] read the same ones, and
/// [`extract_with`] reads a sentence's both for its own incident and for the
/// fighting reported anywhere in the article.
pub(crate) struct Scans<'a> {
    text: &'a str,
    sentences: &'a [Sentence],
    cells: Vec<std::cell::OnceCell<Option<Scan<'a>>>>,
}

impl<'a> Scans<'a> {
    pub(crate) fn new(text: &'a str, sentences: &'a [Sentence]) -> Scans<'a> {
        Scans {
            text,
            sentences,
            cells: (0..sentences.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        }
    }

    /// Sentence `i`'s scan, or None if it does not pass the gate.
    fn get(&self, i: usize) -> Option<&Scan<'a>> {
        self.cells[i]
            .get_or_init(|| {
                let sent = &self.sentences[i];
                let s = &self.text[sent.start..sent.end];
                lexicon().gate(s).then(|| Scan::new(s))
            })
            .as_ref()
    }
}

/// The sentence before sentence `si`, if it is in the same paragraph.
fn prev_in_paragraph(sentences: &[Sentence], si: usize) -> Option<&Sentence> {
    let sent = &sentences[si];
    si.checked_sub(1)
        .map(|p| &sentences[p])
        .filter(|p| p.paragraph == sent.paragraph)
}

/// Finds the incidents of an article.
pub fn extract(cx: &Context<'_>, g: &Gazetteer) -> Vec<Incident> {
    extract_with(cx, g, &Scans::new(cx.text, cx.sentences))
}

/// [`extract`] with the scans of `cx`'s sentences (some perhaps already made
/// by [`may_classify_with`]).
pub(crate) fn extract_with(cx: &Context<'_>, g: &Gazetteer, scans: &Scans<'_>) -> Vec<Incident> {
    debug_assert!(std::ptr::eq(scans.text, cx.text) && std::ptr::eq(scans.sentences, cx.sentences));
    let lex = lexicon();
    let text = cx.text;
    let mut out: Vec<Incident> = Vec::new();
    // Places where fighting is reported anywhere in the article, and their
    // admin-1 regions (for captures), worked out only when an article has a
    // capture.
    type Fighting = (HashSet<PlaceIdx>, HashSet<String>);
    let fighting_cell: std::cell::OnceCell<Fighting> = std::cell::OnceCell::new();
    let fighting = || {
        fighting_cell.get_or_init(|| {
            let ms = &cx.recognized.mentions;
            let mut out: Fighting = Default::default();
            for (si, sent) in cx.sentences.iter().enumerate() {
                let s = &text[sent.start..sent.end];
                let combat = scans
                    .get(si)
                    .is_some_and(|sc| sc.has(&lex.clash) || sc.has(&lex.arty) || sc.has(&lex.air))
                    || re_defend().is_match(s);
                if !combat {
                    continue;
                }
                let first = ms.partition_point(|m| m.start < sent.start);
                for (i, m) in ms
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take_while(|(_, m)| m.start < sent.end)
                {
                    if m.end <= sent.end {
                        if let Some(r) = cx.resolved[i] {
                            out.0.insert(r.place);
                            let a1 = g.brief(r.place).admin1_code;
                            if !a1.is_empty() {
                                out.1.insert(a1.to_string());
                            }
                        }
                    }
                }
            }
            out
        })
    };
    // The dates of each sentence, found at most once: a candidate sentence
    // without a date of its own looks back through its paragraph.
    let dated: Vec<std::cell::OnceCell<Vec<(When, bool)>>> =
        vec![std::cell::OnceCell::new(); cx.sentences.len()];
    let dates_of = |i: usize| -> &[(When, bool)] {
        let sent = &cx.sentences[i];
        dated[i].get_or_init(|| dates(&text[sent.start..sent.end], cx.published))
    };
    // A note that starts with its own date uses it for undated sentences.
    // Looked for only when an incident has no date of its own: most articles
    // report none, and the first sentence often names a day.
    let lead_date = || {
        cx.sentences.first().and_then(|s0| {
            let s = &text[s0.start..s0.end];
            dates_of(0).iter().find_map(|&(w, _)| match w {
                When::Day(d, p)
                    if p == "day" && s.find(char::is_numeric).is_some_and(|i| i < 12) =>
                {
                    Some(d)
                }
                _ => None,
            })
        })
    };

    let mut last_paragraph: Option<usize> = None;
    for (si, sent) in cx.sentences.iter().enumerate() {
        let prev_sent = prev_in_paragraph(cx.sentences, si);
        let prev_text = prev_sent.map(|p| &text[p.start..p.end]);
        let ms = &cx.recognized.mentions;
        let first_m = ms.partition_point(|m| m.start < sent.start);
        // A sentence that [`locate`] can place nowhere, after one it cannot place
        // either, yields nothing whatever it reports, unless it may hand its toll
        // to the paragraph's last incident: it is not classified at all.
        let no_mentions = ms.get(first_m).is_none_or(|m| m.end > sent.end);
        let may_place = placeable(cx, sent, g) || prev_sent.is_some_and(|p| placeable(cx, p, g));
        let may_add_toll = no_mentions && last_paragraph == Some(sent.paragraph);
        if !may_place && !may_add_toll {
            continue;
        }
        let Some(scan) = scans.get(si) else {
            continue;
        };
        let places: Vec<(usize, usize)> = ms[first_m..]
            .iter()
            .take_while(|m| m.end <= sent.end)
            .map(|m| (m.start - sent.start, m.end - sent.start))
            .collect();
        let Some(mut kind) = classify_scan(scan, prev_text, Some(&places)) else {
            // "At least 27 people were killed, officials said." after an event in
            // the same paragraph, with no place of its own: that event's toll.
            if places.is_empty() {
                if let Some(last) = out
                    .last_mut()
                    .filter(|_| last_paragraph == Some(sent.paragraph))
                {
                    let (fat, fat_text) = scan.fatalities();
                    if fat > last.fatalities {
                        last.fatalities = fat;
                        last.fatalities_text = fat_text;
                        last.spans.push((sent.start, sent.end));
                    }
                }
            }
            continue;
        };
        // Place: in the sentence, else (for an outcome or an anaphor) the previous sentence's.
        let mut carried = false;
        let cand = locate(text, sent, kind.at, cx.recognized, cx.resolved, g).or_else(|| {
            let p = prev_sent?;
            // (The set says whether a lexicon matches.)
            let outcome = scan.may(&lex.kill) || scan.may(&lex.injure) || scan.may(&lex.damage);
            if !(outcome || scan.may(&lex.anaphora)) {
                return None;
            }
            carried = true;
            locate(text, p, p.end - p.start, cx.recognized, cx.resolved, g)
        });
        let Some(mut cand) = cand else { continue };
        // The date is looked for once the sentence has a place (both only
        // filter; a place is the cheaper test).
        let found = dates_of(si);
        // Date: an event date in the sentence, else the day the statement was
        // made, else the paragraph's, the note's, or the publication date.
        let event_when = found.iter().find(|(_, speech)| !speech).map(|(w, _)| *w);
        let speech_when = found.iter().find(|(_, speech)| *speech).map(|(w, _)| *w);
        let (date, precision) = match event_when.or(speech_when) {
            Some(When::Day(d, p)) => (Some(d), Some(p)),
            Some(When::Vague) => (None, None),
            None => match paragraph_date(cx, si, &dates_of).or_else(lead_date) {
                Some(d) => (Some(d), Some("day")),
                None => (cx.published, cx.published.map(|_| "day")),
            },
        };
        // Background: a year, or a week or more before publication.
        if precision == Some("year") {
            continue;
        }
        if let (Some(d), Some(p)) = (date, cx.published) {
            if (p - d).num_days() >= 7 {
                continue;
            }
        }
        // "They attacked the city, X's governor said": the city is the previous
        // sentence's, not the speaker's region.
        if cand.attribution && !carried && scan.may(&lex.anaphora) {
            if let Some(p) = prev_sent {
                if let Some(c) = locate(text, p, p.end - p.start, cx.recognized, cx.resolved, g)
                    .filter(|c| !c.attribution)
                {
                    cand = c;
                    carried = true;
                }
            }
        }
        let named = g.place(cand.place);
        let (place, geo_precision) = match cand.kind {
            FeatureKind::Town => (cand.place, if cand.near { 2 } else { 1 }),
            // A county (no seat in the gazetteer): its point, part of a region.
            _ if named.feature_code == "ADM2" => (cand.place, 2),
            _ => (named.capital.unwrap_or(cand.place), 3),
        };
        let point = g.place(place);

        // A protest's next sentence often says how it was met ("Police fired tear gas").
        let next_sent = cx
            .sentences
            .get(si + 1)
            .filter(|n| n.paragraph == sent.paragraph);
        let mut spans = vec![(sent.start, sent.end)];
        if kind.event_type == PROTESTS && kind.sub_event_type == "Peaceful protest" {
            if let Some(n) = next_sent {
                let ns = &text[n.start..n.end];
                if lex.excessive.is_match(ns) || (lex.kill.is_match(ns) && lex.armed.is_match(ns)) {
                    kind.sub_event_type = "Excessive force against protesters";
                    spans.push((n.start, n.end));
                } else if lex.intervention.find_iter(ns).any(|m| intervenes(ns, &m)) {
                    kind.sub_event_type = "Protest with intervention";
                    spans.push((n.start, n.end));
                }
            }
        }
        if kind.event_type == BATTLES && kind.sub_event_type != "Armed clash" {
            // Overrunning a place is taking it by force.
            let fought = scan.may(&lex.clash) || has(&OVERRUN, scan.s) || {
                let (places, admin1) = fighting();
                places.contains(&cand.place) || admin1.contains(named.admin1_code)
            };
            if scan.may(&lex.nonviolent) || !fought {
                kind.event_type = STRATEGIC;
                kind.sub_event_type = "Non-violent transfer of territory";
            }
        }
        let acts = actors(text, sent, &kind, cx.recognized, g, point.country_code);
        if kind.sub_event_type == "Non-state actor overtakes territory"
            || kind.sub_event_type == "Government regains territory"
        {
            // The state's own forces taking ground in their own country regain it.
            let own = g
                .country(point.country_code)
                .map(|c| format!("Military Forces of {}", g.place(c).name));
            // "Retook" says the government regained ground whoever the text names
            // first; a plain capture by the state's own forces is a regain too.
            // Unless the words before the trigger name another who acted
            // ("Wagner Group forces took control of Bakhmut after fighting
            // with Ukrainian forces").
            if let (Some(first), Some(own)) = (acts.first(), own) {
                if *first == own
                    && !other_agent(text, sent, kind.at, cx.recognized, point.country_code)
                {
                    kind.sub_event_type = "Government regains territory";
                }
            }
        }
        let (fat, fat_text) = scan.fatalities();
        let mut confidence: f64 = 0.5;
        if kind.strong {
            confidence += 0.2;
        }
        if !carried && !cand.attribution {
            confidence += 0.1;
        }
        if carried {
            confidence -= 0.1;
        }
        if event_when.is_some() {
            confidence += 0.1;
        }
        if geo_precision == 3 {
            confidence -= 0.1;
        }
        // "Residents said the attackers also burned houses": destruction in
        // an attack the paragraph has reported, at its place and on its day,
        // is part of that attack, as ACLED codes it.
        if kind.sub_event_type == "Looting/property destruction"
            && last_paragraph == Some(sent.paragraph)
        {
            if let Some(last) = out.last_mut().filter(|l| {
                l.place == place && l.date == date && ![PROTESTS, STRATEGIC].contains(&l.event_type)
            }) {
                last.spans.push((sent.start, sent.end));
                continue;
            }
        }
        last_paragraph = Some(sent.paragraph);
        // "The protests spread to Mombasa and Kisumu": an event in each town
        // of a list, as ACLED codes one event per place. Only for a report
        // without a toll, which could not be shared out among them.
        let also = if carried || fat > 0 || cand.kind != FeatureKind::Town {
            Vec::new()
        } else {
            listed_towns(text, sent, cand.place, cx.recognized, cx.resolved, g)
        };
        let inc = Incident {
            event_type: kind.event_type,
            sub_event_type: kind.sub_event_type,
            place,
            geo_precision,
            date,
            date_precision: precision,
            fatalities: fat,
            fatalities_text: fat_text,
            actors: acts,
            claimed_by: scan.claimed_by(),
            evidence: (sent.start, sent.end),
            spans,
            confidence: confidence.clamp(0.05, 0.95),
        };
        for &other in &also {
            out.push(Incident {
                place: other,
                ..inc.clone()
            });
        }
        out.push(inc);
    }
    merge(out, g)
}

/// True if the words of `sent` before its trigger (at `at`) name someone
/// other than the forces of the country `cc` as the one who acted: a named
/// group ("Wagner Group forces took control") or another country's people,
/// and not `cc`'s own.
fn other_agent(text: &str, sent: &Sentence, at: usize, rec: &Recognized, cc: &str) -> bool {
    let lead_end = (sent.start + at).min(sent.end);
    let Some(lead) = text.get(sent.start..lead_end) else {
        return false;
    };
    let in_lead = |d: &&crate::recognize::Demonym| d.start >= sent.start && d.end <= lead_end;
    let mut demonyms = rec.demonyms.iter().filter(in_lead);
    if demonyms.clone().any(|d| d.country_code == cc) {
        return false;
    }
    demonyms.any(|d| d.country_code != cc)
        || group().is_match(Masked::with(lead, Mask::Cased).key())
}

/// The other towns of a list that `place`'s mention in `sent` is part of
/// ("in Mombasa and Kisumu", "Kharkiv, Odesa and Dnipro"): mentions next to
/// each other with only ", ", " and ", ", and " or " or " between them, each
/// resolved to a town. Qualifiers ("Lagos, Nigeria") are regions or
/// countries, not towns, and are not listed.
fn listed_towns(
    text: &str,
    sent: &Sentence,
    place: PlaceIdx,
    rec: &Recognized,
    resolved: &[Option<Resolved>],
    g: &Gazetteer,
) -> Vec<PlaceIdx> {
    let ms = &rec.mentions;
    let first = ms.partition_point(|m| m.start < sent.start);
    let end = first + ms[first..].partition_point(|m| m.end <= sent.end);
    let town = |i: usize| {
        resolved[i]
            .map(|r| r.place)
            .filter(|&p| g.kind(p) == FeatureKind::Town && !ms[i].cues.modifier)
    };
    let Some(at) = (first..end).find(|&i| town(i) == Some(place)) else {
        return Vec::new();
    };
    let joined = |a: usize, b: usize| {
        matches!(
            &text[ms[a].end..ms[b].start],
            ", " | " and " | ", and " | " or "
        )
    };
    let mut lo = at;
    while lo > first && joined(lo - 1, lo) && town(lo - 1).is_some() {
        lo -= 1;
    }
    let mut hi = at;
    while hi + 1 < end && joined(hi, hi + 1) && town(hi + 1).is_some() {
        hi += 1;
    }
    let mut out: Vec<PlaceIdx> = Vec::new();
    for i in lo..=hi {
        if let Some(p) = town(i).filter(|&p| p != place && !out.contains(&p)) {
            out.push(p);
        }
    }
    out
}

/// False if [`locate`] finds no place in `sent` whatever the trigger: no
/// mention in it resolves to a place it may choose.
fn placeable(cx: &Context<'_>, sent: &Sentence, g: &Gazetteer) -> bool {
    let ms = &cx.recognized.mentions;
    let first = ms.partition_point(|m| m.start < sent.start);
    ms[first..]
        .iter()
        .zip(&cx.resolved[first..])
        .take_while(|(m, _)| m.start < sent.end)
        .any(|(m, r)| {
            m.end <= sent.end
                && !m.cues.dateline
                && !m.cues.modifier
                && r.is_some_and(|r| g.kind(r.place) != FeatureKind::Other)
        })
}

/// The last day named (not as the day of a statement) in the sentences before
/// `si` in its paragraph.
/// `dates_of(i)` gives the dates of sentence `i`.
fn paragraph_date<'d>(
    cx: &Context<'_>,
    si: usize,
    dates_of: &dyn Fn(usize) -> &'d [(When, bool)],
) -> Option<NaiveDate> {
    let para = cx.sentences[si].paragraph;
    (0..si)
        .rev()
        .take_while(|&p| cx.sentences[p].paragraph == para)
        .find_map(|p| {
            dates_of(p).iter().find_map(|&(w, speech)| match w {
                When::Day(d, "day") if !speech => Some(d),
                _ => None,
            })
        })
}

fn re_defend() -> &'static Lexeme {
    static R: OnceLock<Lexeme> = OnceLock::new();
    R.get_or_init(|| lx(r"\b(defend(ed|ing)?|attacked|offensive|assault|counter-?offensive|stronghold|front ?line)\b"))
}

/// How specific a sub-event type is, for choosing among merged reports.
fn sub_rank(sub: &str) -> u8 {
    match sub {
        "Armed clash" => 1,
        "Non-violent transfer of territory" => 2,
        _ => 3,
    }
}

/// Merges reports of one event: same event type, same day, and the same place,
/// or a region/country-level report inside a town-level one's region/country.
fn merge(mut v: Vec<Incident>, g: &Gazetteer) -> Vec<Incident> {
    // Towns first, so that region-level reports find them.
    fn family(e: &'static str) -> &'static str {
        if e == STRATEGIC {
            BATTLES
        } else {
            e
        }
    }
    let mut out: Vec<Incident> = Vec::new();
    // The reports in `out` that one may merge into, by what they must share
    // with it: their family of event types and their day (neither changes in
    // a merge), and their place, or for a region- or country-level report,
    // the region or country of a town-level one. Each list is in `out`'s
    // order, so a long article's reports are not each compared with all (a
    // short one's are: its few reports are fewer than the lists cost).
    let indexed = v.len() > 32;
    type Day = (&'static str, Option<NaiveDate>);
    fn list<K: std::hash::Hash + Eq>(m: &HashMap<K, Vec<usize>>, k: K) -> &[usize] {
        m.get(&k).map_or(&[][..], Vec::as_slice)
    }
    let mut by_place: HashMap<(Day, PlaceIdx), Vec<usize>> = HashMap::default();
    let mut by_admin1: HashMap<(Day, &str), Vec<usize>> = HashMap::default();
    let mut by_country: HashMap<(Day, &str), Vec<usize>> = HashMap::default();
    v.sort_by_key(|i| i.geo_precision);
    for inc in v {
        let p = g.brief(inc.place);
        let day: Day = (family(inc.event_type), inc.date);
        // Whether `inc` reports the same event as `o`.
        let same_event = |o: &Incident| {
            let same_type = family(o.event_type) == family(inc.event_type)
                && (o.event_type == inc.event_type
                    || o.event_type == BATTLES
                    || inc.event_type == BATTLES)
                && (o.event_type != STRATEGIC
                    || o.sub_event_type == inc.sub_event_type
                    || inc.sub_event_type == "Non-violent transfer of territory");
            let same_day = o.date == inc.date;
            // The rows are read only for reports that may merge.
            let same_place = || {
                if o.place == inc.place {
                    return true;
                }
                if inc.geo_precision != 3 {
                    return false;
                }
                let op = g.brief(o.place);
                (!op.admin1_code.is_empty()
                    && op.admin1_code == p.admin1_code
                    && p.kind == FeatureKind::Town
                    && is_region_capital(g, inc.place))
                    || (op.country_code == p.country_code && is_country_capital(g, inc.place))
            };
            same_type && same_day && same_place()
        };
        let found = if indexed {
            let mut candidates = list(&by_place, (day, inc.place)).to_vec();
            if inc.geo_precision == 3 {
                if !p.admin1_code.is_empty()
                    && p.kind == FeatureKind::Town
                    && is_region_capital(g, inc.place)
                {
                    candidates.extend_from_slice(list(&by_admin1, (day, p.admin1_code)));
                }
                if is_country_capital(g, inc.place) {
                    candidates.extend_from_slice(list(&by_country, (day, p.country_code)));
                }
                candidates.sort_unstable();
                candidates.dedup();
            }
            candidates.into_iter().find(|&k| same_event(&out[k]))
        } else {
            (0..out.len()).find(|&k| same_event(&out[k]))
        };
        match found.map(|k| &mut out[k]) {
            Some(o) => {
                let better = (
                    sub_rank(inc.sub_event_type),
                    inc.geo_precision == 1,
                    inc.confidence,
                ) > (
                    sub_rank(o.sub_event_type),
                    o.geo_precision == 1,
                    o.confidence,
                );
                if sub_rank(inc.sub_event_type) > sub_rank(o.sub_event_type) {
                    o.event_type = inc.event_type;
                    o.sub_event_type = inc.sub_event_type;
                }
                if better && inc.geo_precision <= o.geo_precision {
                    o.evidence = inc.evidence;
                    if inc.claimed_by.is_some() {
                        o.claimed_by = inc.claimed_by.clone();
                    }
                }
                if inc.fatalities > o.fatalities {
                    o.fatalities = inc.fatalities;
                    o.fatalities_text = inc.fatalities_text.clone();
                }
                for a in inc.actors {
                    if !o.actors.contains(&a) {
                        o.actors.push(a);
                    }
                }
                if o.claimed_by.is_none() {
                    o.claimed_by = inc.claimed_by;
                }
                o.spans.extend(inc.spans);
                o.confidence = (o.confidence.max(inc.confidence) + 0.05).min(0.95);
            }
            None => {
                if indexed {
                    let k = out.len();
                    by_place.entry((day, inc.place)).or_default().push(k);
                    if !p.admin1_code.is_empty() {
                        by_admin1.entry((day, p.admin1_code)).or_default().push(k);
                    }
                    by_country.entry((day, p.country_code)).or_default().push(k);
                }
                out.push(inc);
            }
        }
    }
    // Territory changes merged into a Battles umbrella keep their category.
    for o in &mut out {
        if o.sub_event_type == "Non-violent transfer of territory" {
            o.event_type = STRATEGIC;
        } else if matches!(
            o.sub_event_type,
            "Non-state actor overtakes territory" | "Government regains territory" | "Armed clash"
        ) {
            o.event_type = BATTLES;
        }
        o.spans.sort();
        o.spans.dedup();
    }
    out.sort_by_key(|o| o.spans[0]);
    out
}

fn is_region_capital(g: &Gazetteer, town: PlaceIdx) -> bool {
    let t = g.brief(town);
    g.admin1(t.admin1_code).and_then(|a| g.place(a).capital) == Some(town)
}

fn is_country_capital(g: &Gazetteer, town: PlaceIdx) -> bool {
    let t = g.brief(town);
    g.country(t.country_code).and_then(|c| g.place(c).capital) == Some(town)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sentence_that_passes_the_gate_makes_its_text_pass() {
        let lex = super::lexicon();
        let (mut passed, mut not) = (0, 0);
        for text in crate::test_texts() {
            let sentences = crate::text::sentences(&text);
            if sentences.iter().any(|s| lex.gate(&text[s.start..s.end])) {
                assert!(super::may_report(&text), "{text}");
                passed += 1;
            } else if !super::may_report(&text) {
                not += 1;
            }
        }
        assert!(passed > 100 && not > 100, "{passed} {not}");
    }

    /// [`modal_after`] as first written, without the check for the modal's letters.
    fn modal_after_reference(s: &str, at: usize) -> bool {
        let after: String = s[at..]
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        super::would().is_match(super::Masked::with(&after, super::Mask::Folded).key())
    }

    #[test]
    fn modal_after_reads_as_first_written() {
        let crafted = [
            "The town would fall soon.",
            "Troops COULD take it; it MIGHT fall, they wouldn't say.",
            "It should fall: the Ould brigade might not.",
            "Rebels attacked and \u{212A}ould lose, mi\u{17F}ght",
            "Shelling hit Kharkiv, officials said.",
        ];
        let mut n = 0;
        let texts = crate::test_texts();
        for s in crafted.iter().map(|s| s.to_string()).chain(texts) {
            for (at, _) in s.char_indices().filter(|&(i, c)| {
                c.is_alphanumeric() && s[..i].chars().next_back().is_none_or(char::is_whitespace)
            }) {
                assert_eq!(
                    super::modal_after(&s, at),
                    modal_after_reference(&s, at),
                    "{at} {s}"
                );
                n += 1;
            }
        }
        assert!(n > 100_000, "{n}");
    }

    /// The spans of every word of `s`: each a place.
    fn every_word(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push((st, i));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn classification_without_places_is_a_kind_if_any_places_give_one() {
        // A capture needs a place or a territorial noun after it: without
        // places known, one counts.
        let s = "Rebels captured Lysychansk on Sunday.";
        assert!(super::classify(s, None, &[]).is_none());
        assert!(super::classify(s, None, &[(16, 26)]).is_some());
        assert!(super::classify_scan(&super::Scan::new(s), None, None).is_some());
        // So on every sentence of the test texts, with no place, every word a
        // place, or each single word a place.
        let lex = super::lexicon();
        let (mut kinds, mut by_places) = (0, 0);
        for text in crate::test_texts() {
            let sentences = crate::text::sentences(&text);
            for (si, sent) in sentences.iter().enumerate() {
                let s = &text[sent.start..sent.end];
                if !lex.gate(s) {
                    continue;
                }
                let prev = super::prev_in_paragraph(&sentences, si).map(|p| &text[p.start..p.end]);
                let scan = super::Scan::new(s);
                let bound = super::classify_scan(&scan, prev, None).is_some();
                let words = every_word(s);
                let none = super::classify_scan(&scan, prev, Some(&[])).is_some();
                let all = super::classify_scan(&scan, prev, Some(&words)).is_some();
                assert!(bound || !(none || all), "{s}");
                kinds += usize::from(bound);
                by_places += usize::from(all && !none);
                if bound && !none && words.len() <= 60 {
                    for w in &words {
                        let one = super::classify_scan(&scan, prev, Some(&[*w])).is_some();
                        assert!(bound || !one, "{s}");
                    }
                }
            }
        }
        assert!(kinds > 100 && by_places > 5, "{kinds} {by_places}");
    }

    /// [`claimed_by`] as first written, with Unicode patterns on the text
    /// itself: the reference the ASCII patterns on [`claim_text`] must equal.
    fn claimed_by_unicode(s: &str) -> Option<String> {
        static LEAD: OnceLock<Regex> = OnceLock::new();
        static TAIL: OnceLock<Regex> = OnceLock::new();
        static ACC: OnceLock<Regex> = OnceLock::new();
        let lead = LEAD.get_or_init(|| {
            re(r"^(?:(?:however|meanwhile|earlier|later|also|elsewhere in the war|elsewhere|on \w+|earlier on \w+|late on \w+|in a statement|separately)[, ]+)*(?P<who>[^,;:“”]{3,90}?)(?:, [^,]{3,60},)? (?:said|says|claimed|claims|reported|announced|told|confirmed|alleged|wrote|added)\b")
        });
        let tail = TAIL.get_or_init(|| {
            re(r",\s*(?P<who>[^,;“”]{3,80}?) (?:said|says|claimed|reported|added|told [^.]+)\.?[”\x22]?$")
        });
        let acc = ACC.get_or_init(|| re(r"\baccording to (?P<who>[^,;.]{3,80})"));
        let s = s.trim_start_matches(['"', '“']);
        let who = |c: regex::Captures<'_>| c.name("who").map(|m| &s[m.start()..m.end()]);
        claim_from(
            acc.captures(s).and_then(who),
            || lead.captures(s).and_then(who),
            || tail.captures(s).and_then(who),
        )
    }

    /// Sentences to compare the claim patterns on: every sentence of the
    /// fixtures and of the public toponym corpora (when present), each also
    /// with characters swapped for ones the ASCII text writes differently.
    fn claim_sentences() -> Vec<String> {
        let texts = crate::test_texts();
        let swaps: [(char, &[char]); 6] = [
            ('s', &['ſ', 'ş']),
            ('k', &['\u{212A}', 'к']),
            ('"', &['“', '”', '\u{2}']),
            (' ', &['\u{A0}', '\u{2009}', '\u{3}']),
            ('e', &['é', 'е', '’']),
            (',', &['،', '—']),
        ];
        let mut out = Vec::new();
        let mut n = 0usize;
        for t in &texts {
            for sent in crate::text::sentences(t) {
                let s = &t[sent.start..sent.end];
                out.push(s.to_string());
                // A deterministic spread of swaps: the n-th occurrence of each
                // swapped character, cycling through its replacements.
                let swapped: String = s
                    .chars()
                    .map(|c| match swaps.iter().find(|(from, _)| *from == c) {
                        Some((_, to)) => {
                            n += 1;
                            if n % 3 == 0 {
                                to[n / 3 % to.len()]
                            } else {
                                c
                            }
                        }
                        None => c,
                    })
                    .collect();
                out.push(swapped);
            }
        }
        out
    }

    #[test]
    fn a_weapons_name_is_not_where_it_struck() {
        assert!(names_a_weapon(" ballistic missile."));
        assert!(names_a_weapon(" drones, officials said"));
        assert!(names_a_weapon(" missiles"));
        assert!(!names_a_weapon(" missile strike killed two"));
        assert!(!names_a_weapon(" ballistic missile attack"));
        assert!(!names_a_weapon(" region, officials said"));
        assert!(!names_a_weapon(""));
    }

    #[test]
    fn launch_sites_are_read_as_when_the_text_was_lowercased_first() {
        // The definition, lowercasing before it looks.
        let reference = |before: &str| {
            let b = before.trim_end().to_lowercase();
            b.ends_with("from")
                && b.split_whitespace().rev().take(6).any(|x| {
                    matches!(
                        x,
                        "fired"
                            | "launched"
                            | "launching"
                            | "firing"
                            | "missiles"
                            | "rockets"
                            | "drones"
                    )
                })
        };
        let mut cases: Vec<String> = [
            "Drones launched FROM ",
            "rockets fired fRoM\u{A0}",
            "missiles launched ＦＲＯＭ ",
            "drones flew from",
            "rom",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every sentence's text before each of its words.
        for s in claim_sentences() {
            for (i, _) in s.match_indices(' ') {
                cases.push(s[..i + 1].to_string());
            }
        }
        let mut launches = 0;
        for c in &cases {
            let want = reference(c);
            launches += usize::from(want);
            assert_eq!(is_launch_site(c), want, "{c:?}");
        }
        assert!(launches >= 2, "{launches} launch sites");
    }

    #[test]
    fn claims_read_on_ascii_text_equal_the_unicode_patterns() {
        let sents = claim_sentences();
        // Claims found, in all sentences and in those not read as they are.
        let (mut claims, mut rewritten) = (0, 0);
        for s in &sents {
            let want = claimed_by_unicode(s);
            if want.is_some() {
                claims += 1;
                rewritten += usize::from(matches!(claim_text(s), Cow::Owned(_)));
            }
            assert_eq!(claimed_by(s), want, "{s:?}");
        }
        eprintln!(
            "{claims} claims, {rewritten} in rewritten text, {} sentences",
            sents.len()
        );
        assert!(
            claims > 0 && rewritten > 0,
            "{claims} claims, {rewritten} rewritten"
        );
    }

    /// Sentences put together at random from the pieces the speaker patterns
    /// read (openers, separators, speech verbs, parentheticals, quotes, other
    /// words), compared with the Unicode patterns.
    #[test]
    fn claims_of_random_sentences_equal_the_unicode_patterns() {
        let pieces = [
            "However",
            "however",
            "Meanwhile",
            "Earlier",
            "earlier on",
            "On",
            "on",
            "Late on",
            "late",
            "Also",
            "Elsewhere in the war",
            "Elsewhere",
            "elsewhere in",
            "In a statement",
            "Separately",
            "Sunday",
            "Kyiv",
            "the",
            "governor",
            "Oleh Syniehubov",
            "army",
            "x",
            "ab",
            "said",
            "says",
            "SAID",
            "claimed",
            "claims",
            "reported",
            "told",
            "told reporters",
            "wrote",
            "added",
            "that",
            "according to",
            "According To",
            "sayings",
            "saidx",
            ",",
            ", ",
            ",,",
            ";",
            ":",
            ".",
            "“",
            "”",
            "\"",
            "’",
            "—",
            " ",
            "  ",
            "\u{A0}",
            "ſaid",
            "\u{212A}yiv",
            "Київ",
            "a long stretch of words without any comma at all in it",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut claims = 0;
        for _ in 0..20_000 {
            let len = 1 + next(14);
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(pieces[next(pieces.len())]);
                if next(3) > 0 {
                    s.push(' ');
                }
            }
            let want = claimed_by_unicode(&s);
            claims += usize::from(want.is_some());
            assert_eq!(claimed_by(&s), want, "{s:?}");
        }
        assert!(claims > 1000, "{claims} claims");
    }

    /// Every capture group of every match of `r` in `text`, as ranges of
    /// the sentence (`at` maps the text's offsets to the sentence's).
    fn all_captures(
        r: &Regex,
        text: &str,
        at: impl Fn(usize) -> usize,
    ) -> Vec<Vec<Option<(usize, usize)>>> {
        r.captures_iter(text)
            .map(|c| {
                c.iter()
                    .map(|g| g.map(|m| (at(m.start()), at(m.end()))))
                    .collect()
            })
            .collect()
    }

    /// Asserts that `masked` (a pattern compiled by [`re_mask`] for `mask`)
    /// finds on each text's masked key what `unicode` finds on the text (for
    /// [`Mask::Lower`], on its [`ascii_lower`]), group for group; returns how
    /// many matches there were, and how many in texts that are not ASCII.
    fn compare_masked<'t>(
        unicode: &Regex,
        masked: &Regex,
        mask: Mask,
        texts: impl Iterator<Item = &'t str>,
        p: &str,
    ) -> (usize, usize) {
        let (mut found, mut in_masked) = (0, 0);
        for s in texts {
            let text = Masked::with(s, mask);
            let want = match mask {
                Mask::Lower => all_captures(unicode, &ascii_lower(s), |i| i),
                _ => all_captures(unicode, s, |i| i),
            };
            let got = all_captures(masked, text.key(), |i| text.at(i));
            assert_eq!(got, want, "{p}\n{s:?}");
            found += want.len();
            if text.at.is_some() {
                in_masked += want.len();
            }
        }
        (found, in_masked)
    }

    /// The sentences of [`claim_sentences`], and copies with their digits
    /// written in other scripts (Arabic-Indic, Devanagari, full-width) and
    /// words in Cyrillic or with accents, where the masked text differs most.
    fn masked_sentences() -> Vec<String> {
        let mut out = claim_sentences();
        let digit_sets = ['\u{660}', '\u{966}', '\u{FF10}'];
        let mut extra = Vec::new();
        for (k, s) in out.iter().enumerate() {
            if s.bytes().any(|b| b.is_ascii_digit()) {
                let base = digit_sets[k % digit_sets.len()] as u32;
                extra.push(
                    s.chars()
                        .enumerate()
                        .map(|(i, c)| match c.to_digit(10) {
                            // Every other digit, so that scripts mix within a number too.
                            Some(d) if (i + k) % 2 == 0 => char::from_u32(base + d).unwrap_or(c),
                            _ => c,
                        })
                        .collect(),
                );
            }
        }
        out.extend(extra);
        out.extend(
            [
                "٣ people were killed in Kyiv on ٢٠٢٢-٠٧-٠٣.",
                "Russian shelling killed ３ civilians and ٤ soldiers were killed.",
                "4 Київ residents and two soldiers were killed, the death toll rose to १२.",
                "Five Кramatorsk policemen were killed on July ३, 2022 and ٣ bodies were found.",
                "The attack killed at least 5 ßoldiers, 3 days after the strike on Monday.",
                "Eight wounded, 2 dead — no one was killed in Élancourt on 12 Марта 2024.",
                "On 2024-02-1٤ nobody was hurt; two dozen people died in İzmir 3 weeks ago.",
                "killing ٣٠ percent of the herd; killed 3 years ago; killed ٥ km away",
                "A man was killed; an Uzbek man was killed; civilians were killed in Mykolaiv.",
                "several civilians, dozens of whom were killed, hundreds fled",
                "the bodies of 9 people were found on 2 Jan. 2023 since 2014",
                "killed 2 Palestinians on 3rd March, 2023, and killed ٣ more since ٢٠٢١",
            ]
            .map(String::from),
        );
        out
    }

    /// The masked patterns find what the Unicode patterns find on the
    /// lowercased text, group for group, on every sentence of the fixtures and
    /// toponym corpora and on copies of them with non-ASCII letters, digits,
    /// quotes and spaces.
    #[test]
    fn masked_patterns_match_as_the_unicode_patterns_on_lowercased_text() {
        let sents = masked_sentences();
        let mut patterns = fatality_patterns().to_vec();
        patterns.push(date_pattern());
        let (mut found, mut in_masked) = (0, 0);
        for p in &patterns {
            let (unicode, masked) = (re_lower(p), re_masked(p));
            let texts = sents.iter().map(String::as_str);
            let (f, m) = compare_masked(&unicode, &masked, Mask::Lower, texts, p);
            (found, in_masked) = (found + f, in_masked + m);
        }
        eprintln!(
            "{found} matches, {in_masked} in masked text, {} sentences",
            sents.len()
        );
        assert!(
            found > 1000 && in_masked > 100,
            "{found} matches, {in_masked} in masked text"
        );
    }

    #[test]
    fn date_groups_are_numbered_as_the_pattern_names_them() {
        let r = re_masked(&date_pattern());
        let names: Vec<&str> = r.capture_names().skip(1).map(|n| n.unwrap_or("")).collect();
        assert_eq!(names, date_group::NAMES);
    }

    /// The actor and modal patterns, masked, find what they find as Unicode
    /// patterns on the sentence as written (case-insensitive ones as `re`
    /// compiles them), group for group: on the sentences of
    /// [`masked_sentences`] and, for the weapon-owner pattern, which reads the
    /// text after a demonym, on their text after each capitalised word.
    #[test]
    fn masked_actor_patterns_match_as_the_unicode_patterns() {
        let sents = masked_sentences();
        let cases = [
            (WEAPON_OWNER_PATTERN.to_string(), Mask::Folded),
            (generic_pattern(), Mask::Folded),
            (WOULD_PATTERN.to_string(), Mask::Folded),
            (group_pattern(), Mask::Cased),
        ];
        let (mut found, mut in_masked) = (0, 0);
        for (p, mask) in &cases {
            let unicode = match mask {
                Mask::Cased => Regex::new(p).unwrap(),
                _ => re(p),
            };
            let masked = re_mask(p, *mask);
            let mut texts: Vec<&str> = Vec::new();
            for s in &sents {
                texts.push(s);
                if p.starts_with('^') {
                    let mut prev_space = true;
                    for (i, c) in s.char_indices() {
                        if prev_space && c.is_uppercase() {
                            if let Some(end) = s[i..].find(char::is_whitespace) {
                                texts.push(&s[i + end..]);
                            }
                        }
                        prev_space = c.is_whitespace();
                    }
                }
            }
            let (f, m) = compare_masked(&unicode, &masked, *mask, texts.into_iter(), p);
            (found, in_masked) = (found + f, in_masked + m);
        }
        eprintln!("{found} matches, {in_masked} in masked text");
        assert!(
            found > 1000 && in_masked > 100,
            "{found} matches, {in_masked} in masked text"
        );
    }

    /// The lexicon DFAs build.rs compiled find what the same patterns compiled
    /// here find, match for match: on every fifth sentence of
    /// [`masked_sentences`] (all the fixtures' among them) in upper and lower
    /// case.
    #[test]
    fn compiled_lexemes_equal_fresh_ones() {
        let sents = masked_sentences();
        let mut texts: Vec<String> = Vec::new();
        for (k, s) in sents.iter().enumerate() {
            if k % 5 == 0 {
                texts.push(s.clone());
                texts.push(s.to_uppercase());
            }
        }
        // extract reads whether a lexicon matches a sentence from the set's scan.
        let scans: Vec<Scan<'_>> = texts.iter().map(|s| Scan::new(s)).collect();
        let mut found = 0;
        for (id, p) in triggers::SET.iter().enumerate() {
            let (fresh, built) = (lx(p), compiled_lexeme(id));
            for (s, scan) in texts.iter().zip(&scans) {
                let spans = |l: &Lexeme| -> Vec<(usize, usize)> {
                    l.find_iter(s).map(|m| (m.start(), m.end())).collect()
                };
                let want = spans(&fresh);
                assert_eq!(spans(&built), want, "lexicon {id} on {s:?}");
                assert_eq!(built.is_match(s), !want.is_empty(), "lexicon {id} on {s:?}");
                assert_eq!(
                    scan.on.contains(PatternID::must(id)),
                    !want.is_empty(),
                    "set scan, lexicon {id} on {s:?}"
                );
                found += want.len();
            }
        }
        eprintln!("{found} matches in {} texts", texts.len());
        assert!(found > 1000, "{found} matches");
    }

    #[test]
    fn masked_text_has_one_byte_per_character_and_maps_back() {
        let s = "Five KILLED—in Київ on ٣ July, ſo “Kyiv”_3";
        let m = Masked::new(s);
        assert_eq!(
            m.key(),
            "five killed\u{1}in WWWW on D july, Wo \u{1}kyiv\u{1}_3"
        );
        assert_eq!(m.key().len(), s.chars().count());
        for (k, (i, _)) in s.char_indices().enumerate() {
            assert_eq!(m.at(k), i);
        }
        assert_eq!(m.at(m.key().len()), s.len());
        let c = re_masked(r"\bin (\w+) on (\d)").captures(m.key()).unwrap();
        assert_eq!(&s[m.span(c.get(1).unwrap())], "Київ");
        assert_eq!(m.text(c.get(2).unwrap()), "٣");
        // ASCII text is its own key.
        let a = Masked::new("Two Soldiers");
        assert!(a.at.is_none());
        assert_eq!(a.key(), "two soldiers");
    }

    #[test]
    fn masked_patterns_read_digits_as_a_class_and_refuse_what_they_cannot_read() {
        assert_eq!(
            masked_pattern(r"\b\d[\d,]* (\w+ )?x", Mask::Lower),
            r"(?-u)\b[0-9D][0-9D,]* (\w+ )?x"
        );
        for bad in [r"a.b", r"[^a]", r"\S", r"\W", r"\D", r"\pL", "é"] {
            assert!(
                std::panic::catch_unwind(|| masked_pattern(bad, Mask::Lower)).is_err(),
                "{bad}"
            );
        }
        assert!(std::panic::catch_unwind(|| masked_pattern(r"\d", Mask::Cased)).is_err());
        assert_eq!(masked_pattern(r"^\s+\w", Mask::Folded), r"(?-u)^\s+\w");
        assert!(is_unicode_digit('٣') && is_unicode_digit('０') && is_unicode_digit('7'));
        assert!(!is_unicode_digit('²') && !is_unicode_digit('a') && !is_unicode_digit('Ⅷ'));
    }

    #[test]
    fn claim_text_keeps_one_byte_per_character() {
        let s = "“Kyiv’s mayor”, ſaid the \u{212A}elvin\u{A0}report — \u{2} 5";
        let t = claim_text(s);
        assert_eq!(t.len(), s.chars().count());
        assert_eq!(&t[..7], b"\x02Kyiv\x01s");
    }

    use super::*;

    fn kind(s: &str) -> Option<(&'static str, &'static str)> {
        classify(s, None, &[]).map(|k| (k.event_type, k.sub_event_type))
    }

    /// The DFAs build.rs compiled answer as the same patterns compiled here:
    /// on the fixture articles' sentences, in upper and lower case, and with
    /// non-ASCII letters against the words (ASCII word boundaries).
    #[test]
    fn compiled_gate_and_set_equal_fresh_ones() {
        use regex_automata::{meta, MatchKind};
        let fresh = |patterns: &[&str], kind| {
            meta::Builder::new()
                .syntax(triggers::syntax())
                .configure(meta::Config::new().match_kind(kind))
                .build_many(patterns)
                .unwrap()
        };
        let gate = fresh(
            &[triggers::GATE.join("|").as_str()],
            MatchKind::LeftmostFirst,
        );
        let set = fresh(triggers::SET, MatchKind::All);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
        let mut texts = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            texts += &std::fs::read_to_string(entry.unwrap().path()).unwrap();
        }
        let mut sentences: Vec<String> = Vec::new();
        for s in texts.split(['.', '\n']).filter(|s| !s.trim().is_empty()) {
            sentences.push(s.to_string());
            sentences.push(s.to_uppercase());
            sentences.push(s.replace(' ', "é ").replace(" s", " ßs"));
        }
        sentences.push("Rockets hit Kharkiv; 3 killed, drones shot down.".into());
        let lex = lexicon();
        let (mut gated, mut on_any) = (0, 0);
        for s in &sentences {
            assert_eq!(lex.gate(s), gate.is_match(s), "gate on {s:?}");
            let mut want = PatternSet::new(set.pattern_len());
            set.which_overlapping_matches(&Input::new(s), &mut want);
            let got = Scan::new(s).on;
            assert_eq!(got, want, "set on {s:?}");
            gated += usize::from(lex.gate(s));
            on_any += usize::from(!got.is_empty());
        }
        // The comparison saw both answers of each.
        assert!(
            gated > 10 && gated < sentences.len(),
            "{gated} of {}",
            sentences.len()
        );
        assert!(on_any > 10 && on_any < sentences.len());
    }

    #[test]
    fn one_side_firing_is_shelling_both_sides_is_a_clash() {
        assert_eq!(
            kind("Russian artillery shelled the village overnight."),
            Some((ERV, "Shelling/artillery/missile attack"))
        );
        assert_eq!(
            kind("The two sides exchanged fire with artillery near the town."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(
            kind("Government troops clashed with rebels near the town."),
            Some((BATTLES, "Armed clash"))
        );
    }

    #[test]
    fn interceptions_are_disrupted_weapons_use_unless_debris_harms() {
        assert_eq!(
            kind("Two drones were shot down over the city."),
            Some((STRATEGIC, "Disrupted weapons use"))
        );
        assert_eq!(
            kind("Air defences intercepted three missiles."),
            Some((STRATEGIC, "Disrupted weapons use"))
        );
        assert_eq!(
            kind("Two people were killed by debris of an intercepted missile."),
            Some((ERV, "Shelling/artillery/missile attack"))
        );
        assert_eq!(
            kind("Debris from a downed drone damaged a house."),
            Some((ERV, "Air/drone strike"))
        );
    }

    #[test]
    fn captures_and_withdrawals() {
        assert_eq!(
            kind("Rebels captured the town after heavy fighting."),
            Some((BATTLES, "Non-state actor overtakes territory"))
        );
        assert_eq!(
            kind("The army recaptured the town."),
            Some((BATTLES, "Government regains territory"))
        );
    }

    #[test]
    fn civilians_killed_in_a_battle_belong_to_the_battle() {
        assert_eq!(
            kind("Three civilians were killed in clashes between the army and rebels."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(kind("Gunmen killed five villagers."), Some((VAC, "Attack")));
        // One armed side storming a village and killing civilians is an attack on them.
        assert_eq!(
            kind("Gunmen stormed the village, killing nine civilians."),
            Some((VAC, "Attack"))
        );
    }

    #[test]
    fn what_a_crowd_or_a_fire_does_is_not_what_fighters_do() {
        // The police a crowd clashed with are not fighters who make it a battle.
        assert_eq!(
            kind("Students blocked roads and clashed with police."),
            Some((RIOTS, "Violent demonstration"))
        );
        assert_eq!(
            kind("JNIM militants clashed with police near the town."),
            Some((BATTLES, "Armed clash"))
        );
        // People detained before the protest are not an intervention at it.
        assert_eq!(
            kind("Protesters gathered to demand the release of detained activists."),
            Some((PROTESTS, "Peaceful protest"))
        );
        assert_eq!(
            kind("Protesters gathered outside parliament; police detained 20 of them."),
            Some((PROTESTS, "Protest with intervention"))
        );
        // Destruction is property destruction when someone armed did it.
        assert_eq!(
            kind("Israeli forces demolished a Palestinian house."),
            Some((STRATEGIC, "Looting/property destruction"))
        );
        assert_eq!(kind("A fire destroyed the building."), None);
        // Crowds clashing, with no armed side but the police: a riot.
        assert_eq!(
            kind("Students clashed with supporters of the ruling party; police fired tear gas."),
            Some((RIOTS, "Mob violence"))
        );
        assert_eq!(
            kind("Soldiers clashed with militants near the town."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(
            kind("Demonstrators clashed, some of them throwing stones at each other."),
            Some((RIOTS, "Violent demonstration"))
        );
        assert_eq!(
            kind("Unidentified aircraft struck militia positions, killing 6 fighters."),
            Some((ERV, "Air/drone strike"))
        );
        assert_eq!(
            kind("A remote-controlled bomb targeted a police van, wounding five policemen."),
            Some((ERV, "Remote explosive/landmine/IED"))
        );
        // Bombs that hit from the air are not planted ones.
        assert_eq!(
            kind("Russian guided bombs hit a hardware store, killing 12 people."),
            Some((ERV, "Air/drone strike"))
        );
        assert_eq!(
            kind("A sniper shot and killed a child in the market."),
            Some((VAC, "Attack"))
        );
        assert_eq!(
            kind("Militants beheaded three civilians in a village."),
            Some((VAC, "Attack"))
        );
        assert_eq!(
            kind("JNIM militants attacked the gendarmerie school and the airport."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(
            kind("JNIM fighters laid siege to the town and blocked all roads leading to it."),
            Some((STRATEGIC, "Other"))
        );
        // Besieged people are not a siege laid that day.
        assert_eq!(
            kind("Russia secured the exit of civilians besieged by terrorists in the town."),
            None
        );
        assert_eq!(
            kind("Residents held a peaceful march against insecurity."),
            Some((PROTESTS, "Peaceful protest"))
        );
        // An attack with soldiers among its dead is a clash; on civilians alone, an attack.
        assert_eq!(
            kind("Jihadists killed 15 people, including 8 soldiers, in an attack on a military post."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(
            kind("Jihadists killed 15 people in an attack on a village."),
            Some((VAC, "Attack"))
        );
        assert_eq!(
            kind("Troops set fire to more than 100 houses in the village."),
            Some((STRATEGIC, "Looting/property destruction"))
        );
        // Arrests by armed forces are conflict events; the protest an arrest
        // is for is not one.
        assert_eq!(
            kind("Israeli forces detained 25 Palestinians during raids."),
            Some((STRATEGIC, "Arrests"))
        );
        assert_eq!(
            kind("Police arrested 12 opposition members for organizing an unauthorized demonstration."),
            Some((STRATEGIC, "Arrests"))
        );
        assert_eq!(kind("Police arrested two men for theft."), None);
        // Both sides firing is a clash; drones destroyed in the air were intercepted.
        assert_eq!(
            kind("The army and the rebels exchanged artillery fire in the city."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(
            kind("The air force said it destroyed 24 of 27 Shahed drones overnight."),
            Some((STRATEGIC, "Disrupted weapons use"))
        );
        assert_eq!(
            kind("Fighters looted the market."),
            Some((STRATEGIC, "Looting/property destruction"))
        );
    }

    #[test]
    fn other_types() {
        assert_eq!(
            kind("Hundreds of people protested outside parliament."),
            Some((PROTESTS, "Peaceful protest"))
        );
        assert_eq!(
            kind("Police fired tear gas to disperse protesters."),
            Some((PROTESTS, "Protest with intervention"))
        );
        assert_eq!(
            kind("Security forces opened fire on protesters, killing two."),
            Some((PROTESTS, "Excessive force against protesters"))
        );
        assert_eq!(
            kind("Rioters torched cars and threw stones at police."),
            Some((RIOTS, "Violent demonstration"))
        );
        assert_eq!(
            kind("A mob lynched a suspected thief."),
            Some((RIOTS, "Mob violence"))
        );
        assert_eq!(
            kind("Gunmen abducted 20 students."),
            Some((VAC, "Abduction/forced disappearance"))
        );
        assert_eq!(
            kind("A roadside bomb killed two soldiers."),
            Some((ERV, "Remote explosive/landmine/IED"))
        );
        assert_eq!(
            kind("A suicide bomber blew himself up at a checkpoint."),
            Some((ERV, "Suicide bomb"))
        );
        assert_eq!(
            kind("An attacker threw a grenade into a bar."),
            Some((ERV, "Grenade"))
        );
        assert_eq!(
            kind("An airstrike hit a market."),
            Some((ERV, "Air/drone strike"))
        );
        assert_eq!(
            kind("Police arrested a journalist."),
            Some((STRATEGIC, "Arrests"))
        );
        assert_eq!(
            kind("The two sides signed a ceasefire agreement."),
            Some((STRATEGIC, "Agreement"))
        );
        assert_eq!(
            kind("Militants looted shops in the market."),
            Some((STRATEGIC, "Looting/property destruction"))
        );
        assert_eq!(
            kind("Fighters looted markets and torched houses."),
            Some((STRATEGIC, "Looting/property destruction"))
        );
        assert_eq!(
            kind("Troops demolished three Palestinian homes."),
            Some((STRATEGIC, "Looting/property destruction"))
        );
        assert_eq!(
            kind("Rioters torched cars."),
            Some((RIOTS, "Violent demonstration"))
        );
    }

    #[test]
    fn names_crimes_and_goods_are_not_conflict_events() {
        // Team names and titles are not weapons or battles.
        assert_eq!(
            kind("Chris Paul hit a layup to lift the Houston Rockets over Portland."),
            None
        );
        assert_eq!(kind("It was a Royal Battle, the coach said."), None);
        // Captures take territory, not people or goods.
        assert_eq!(
            kind("The two inmates have been captured in the city, police said."),
            None
        );
        assert_eq!(kind("Officers seized 1,248 bags of heroin in raids."), None);
        assert_eq!(
            classify(
                "Rebels seized the town of Kidal on Monday.",
                None,
                &[(25, 30)]
            )
            .map(|k| k.sub_event_type),
            Some("Non-state actor overtakes territory")
        );
        // Ordinary crime is not coded; political arrests are.
        assert_eq!(
            kind("Police arrested a 33-year-old man on a charge of theft."),
            None
        );
        assert_eq!(
            kind("Police arrested three opposition activists."),
            Some((STRATEGIC, "Arrests"))
        );
    }

    #[test]
    fn monitor_note_style() {
        assert_eq!(fatalities("5 fatalities."), (5, None));
        assert_eq!(fatalities("1 fatality."), (1, None));
        assert_eq!(
            fatalities("They clashed, resulting in 8 fatalities."),
            (8, None)
        );
        assert_eq!(
            fatalities("Soldiers raided the camp, killing 2 Palestinians."),
            (2, None)
        );
        assert_eq!(fatalities("He was killed 3 years ago."), (0, None));
        assert_eq!(fatalities("The blast claimed 12 lives."), (12, None));
        assert_eq!(fatalities("The bodies of 9 people were found."), (9, None));
        assert_eq!(
            kind("A bomb blast at a market killed four people."),
            Some((ERV, "Remote explosive/landmine/IED"))
        );
        assert_eq!(
            kind("Hundreds of workers took to the streets."),
            Some((PROTESTS, "Peaceful protest"))
        );
        // Acronyms are trigger words, not names.
        assert_eq!(
            kind("An IED targeted a police vehicle in the town."),
            Some((ERV, "Remote explosive/landmine/IED"))
        );
        // An armed group's attack on state forces is a clash before its toll is known.
        assert_eq!(
            kind("Militants attacked a gendarmerie post in the town."),
            Some((BATTLES, "Armed clash"))
        );
        assert_eq!(
            kind("He described the alleged strike on soldiers as a provocation."),
            None
        );
    }

    #[test]
    fn negated_and_hypothetical_statements_are_not_events() {
        assert_eq!(kind("No soldiers were fighting in the country."), None);
        assert_eq!(
            kind("An occupation of the city would open the way west."),
            None
        );
        assert_eq!(kind("Its goal is seizing the whole region."), None);
    }

    #[test]
    fn fatalities_text_is_the_original_text_after_letters_that_lowercase_longer() {
        // "İ" lowercases to three bytes: matches on Unicode-lowercased text used
        // to be sliced out of the original at shifted offsets ("zens w").
        assert_eq!(
            fatalities("İİ dozens were killed."),
            (12, Some("dozens".into()))
        );
        assert_eq!(
            fatalities("Officials in İzmir said Dozens were killed."),
            (12, Some("Dozens".into()))
        );
    }

    /// Curly quotes and dashes are 0x01 bytes to the lowercase patterns, and
    /// read as the straight ones are; letters outside ASCII stay letters.
    #[test]
    fn punctuation_outside_ascii_reads_as_ascii_punctuation() {
        assert_eq!(
            ascii_lower("“Five” Killed—Kyiv’s é"),
            "\u{1}\u{1}\u{1}five\u{1}\u{1}\u{1} killed\u{1}\u{1}\u{1}kyiv\u{1}\u{1}\u{1}s é"
        );
        for (curly, straight) in [
            (
                "“Dozens were killed,” officials said — on Monday, 3 March.",
                "\"Dozens were killed,\" officials said - on Monday, 3 March.",
            ),
            (
                "Shelling killed four civilians’ relatives… and 2 soldiers died.",
                "Shelling killed four civilians' relatives. and 2 soldiers died.",
            ),
        ] {
            let day = NaiveDate::from_ymd_opt(2024, 3, 5);
            assert_eq!(fatalities(curly), fatalities(straight), "{curly}");
            assert_eq!(dates(curly, day), dates(straight, day), "{curly}");
        }
        assert_eq!(fatalities("“Dozens were killed,” officials said.").0, 12);
    }

    #[test]
    fn fatalities_of_lists_dates_and_lynchings() {
        // A list of groups sums its counts; a group without one adds nothing.
        assert_eq!(
            fatalities("At least 12 soldiers and an unknown number of militants were killed."),
            (12, None)
        );
        assert_eq!(
            fatalities(
                "Fighters attacked the hotel and killed three civilians and three soldiers."
            ),
            (6, None)
        );
        assert_eq!(
            fatalities("The strike killed 4 civilians and injured 10 others."),
            (4, None)
        );
        // A year is not a toll, with or without the comma after it.
        assert_eq!(
            fatalities("On 17 August 2024, unknown gunmen shot dead a local journalist."),
            (1, None)
        );
        assert_eq!(
            fatalities("On 17 August 2024 gunmen shot dead 3 people."),
            (3, None)
        );
        assert_eq!(
            fatalities("But police are not sure how Bryan Harman, 28, died."),
            (0, None)
        );
        assert_eq!(fatalities("1,200 people were killed."), (1200, None));
        assert_eq!(
            fatalities("A mob lynched a man accused of theft."),
            (1, None)
        );
        // The one object of a killing is one victim; a killing the event
        // answers is not its toll.
        assert_eq!(
            fatalities("Gunmen shot dead a petrol station worker in the city."),
            (1, None)
        );
        assert_eq!(
            fatalities("A mob set fire to the office after the killing of two students."),
            (0, None)
        );
        assert_eq!(
            fatalities("Youths rioted after police shot dead a teenager during a traffic stop."),
            (0, None)
        );
        assert_eq!(
            fatalities("Gunmen shot at a bus, killing the driver and a passenger."),
            (2, None)
        );
        assert_eq!(
            fatalities("The strike killed the commander of the unit."),
            (1, None)
        );
        assert_eq!(
            fatalities("A sniper shot and killed a child in the city."),
            (1, None)
        );
        // The "an" of a number left unsaid is no count.
        assert_eq!(
            fatalities("Soldiers and rebels fought; an unknown number of people were killed."),
            (3, Some("an unknown number of people".to_string()))
        );
    }

    #[test]
    fn fatalities_by_acled_rules() {
        assert_eq!(fatalities("Four people were killed on Sunday."), (4, None));
        assert_eq!(fatalities("The strike killed 12 civilians."), (12, None));
        assert_eq!(fatalities("Between 10 and 15 people were killed, officials said; 15 people died, medics said."), (10, None));
        assert_eq!(
            fatalities("New attacks killed an unspecified number of people."),
            (3, Some("an unspecified number of people".into()))
        );
        assert_eq!(
            fatalities("Dozens were killed."),
            (12, Some("Dozens".into()))
        );
        assert_eq!(
            fatalities("Hundreds died in the massacre."),
            (100, Some("Hundreds".into()))
        );
        assert_eq!(fatalities("Shells damaged two houses."), (0, None));
        assert_eq!(fatalities("A man was killed."), (1, None));
        assert_eq!(
            fatalities("Three soldiers and two civilians were killed."),
            (5, None)
        );
    }

    #[test]
    fn a_wire_datelines_day_is_the_reports() {
        let p = NaiveDate::from_ymd_opt(2024, 6, 5); // a Wednesday
        let d = |s: &str| dates(s, p).into_iter().map(|x| x.0).collect::<Vec<_>>();
        let day = |y, m, dd| When::Day(NaiveDate::from_ymd_opt(y, m, dd).unwrap(), "day");
        assert_eq!(
            d("KHARTOUM, June 5 (Reuters) - Fighters shelled a market on Tuesday."),
            [day(2024, 6, 4)]
        );
        assert_eq!(
            d("NEW YORK, June 5 \u{2014} Police said the attack happened on June 3."),
            [day(2024, 6, 3)]
        );
        // Not a dateline: the date is the event's.
        assert_eq!(
            d("On June 5, fighters shelled a market."),
            [day(2024, 6, 5)]
        );
        assert_eq!(d("Kyiv, June 3 - a strike hit."), [day(2024, 6, 3)]);
        assert_eq!(dateline_end("ÉÉÉ, \u{00e9}\u{00e9}"), 0);
    }

    #[test]
    fn dates_against_publication() {
        let p = NaiveDate::from_ymd_opt(2022, 7, 3); // a Sunday
        let d = |s: &str| dates(s, p).into_iter().map(|x| x.0).collect::<Vec<_>>();
        let day = |y, m, dd| When::Day(NaiveDate::from_ymd_opt(y, m, dd).unwrap(), "day");
        assert_eq!(d("on Sunday"), [day(2022, 7, 3)]);
        assert_eq!(d("on Saturday"), [day(2022, 7, 2)]);
        assert_eq!(d("yesterday"), [day(2022, 7, 2)]);
        assert_eq!(d("on February 24"), [day(2022, 2, 24)]);
        assert_eq!(d("On 3 July 2021"), [day(2021, 7, 3)]);
        assert_eq!(d("several days ago"), [When::Vague]);
        assert_eq!(
            d("a week ago"),
            [When::Day(
                NaiveDate::from_ymd_opt(2022, 6, 26).unwrap(),
                "week"
            )]
        );
        assert!(dates("the governor said on Sunday", p)[0].1);
    }

    #[test]
    fn speakers() {
        assert_eq!(
            claimed_by("The Russian Defence Ministry said two drones were shot down.").as_deref(),
            Some("Russian Defence Ministry")
        );
        assert_eq!(
            claimed_by("Two drones were shot down, the ministry said.").as_deref(),
            Some("ministry")
        );
        assert_eq!(
            claimed_by("Two drones were shot down, according to local officials.").as_deref(),
            Some("local officials")
        );
        assert_eq!(claimed_by("Two drones were shot down."), None);
        // extract asks only sentences with a speech word, or an "ſ".
        for s in [
            "Two drones were shot down, the ministry ſaid.",
            "TWO DRONES WERE SHOT DOWN, THE MINISTRY SAID.",
            "Officials told reporters that Kyiv was hit.",
            "According to the governor, two died.",
        ] {
            assert!(claimed_by(s).is_some(), "{s}");
            assert_eq!(Scan::new(s).claimed_by(), claimed_by(s), "{s}");
        }
    }

    #[test]
    fn clause_start_is_the_last_mark_as_four_searches_find_it() {
        let searches = |before: &str| {
            [
                before.rfind(", ").map(|i| i + 2),
                before.rfind(" that ").map(|i| i + 6),
                before.rfind(['“', '”', '"']).map(|i| i + 1),
                before.rfind("; ").map(|i| i + 2),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
        };
        // Every fourth sentence (the searches are quadratic in a debug build).
        let mut sents: Vec<String> = claim_sentences().into_iter().step_by(4).collect();
        for t in crate::test_texts().iter().step_by(10).take(20) {
            let every_fourth = crate::text::sentences(t).into_iter().step_by(4);
            sents.extend(every_fourth.map(|x| t[x.start..x.end].to_string()));
        }
        sents.push("x that, that ; that\" that “ that” ,  ; that that".into());
        let mut found = 0;
        for s in &sents {
            for (k, _) in s.char_indices() {
                let want = searches(&s[..k]);
                assert_eq!(clause_start(&s[..k]), want, "{k} in {s:.80}");
                found += usize::from(want > 0);
            }
        }
        assert!(found > 50_000, "{found}");
    }

    #[test]
    fn long_sentence_shortcuts_answer_as_the_scans_they_replace() {
        // Clause starts found once per sentence, and the "near X" check read
        // back from the place, against the scans of all the text before it.
        // Every fourth sentence (the scans are quadratic in a debug build).
        let mut sents: Vec<String> = claim_sentences().into_iter().step_by(4).collect();
        sents.push("He said that that, he said; “it was” near  he said that\"".into());
        sents
            .push("Troops near\tKyiv said, outside  Kharkiv, nearKyiv, said that that said".into());
        let lex = lexicon();
        let (mut prefixes, mut near) = (0, 0);
        for s in &sents {
            let b = Boundaries::of(s);
            let cuts: Vec<usize> = (0..=s.len())
                .filter(|&k| s.is_char_boundary(k))
                .filter(|&k| k == s.len() || s[k..].starts_with(char::is_alphanumeric))
                .collect();
            for k in cuts {
                assert_eq!(b.before(k), clause_start(&s[..k]), "{k} in {s:?}");
                let at_end = lex.near.is_match_at_end(&s[..k]);
                assert_eq!(at_end, lex.near.is_match(&s[..k]), "{k} in {s:?}");
                near += usize::from(at_end);
                prefixes += 1;
            }
        }
        assert!(near > 50 && prefixes > 50_000, "{near} of {prefixes}");
        // A demonym's weapon, read in the start of the text after it.
        let owner = re_mask(WEAPON_OWNER_PATTERN, Mask::Folded);
        let capture = |t: &str| {
            let m = Masked::with(t, Mask::Folded);
            owner
                .captures(m.key())
                .map(|c| c.get(1).map(|g| m.text(g).to_string()))
        };
        let (mut owners, mut ministries) = (0, 0);
        for s in sents.iter().chain(
            [
                "Russian  \u{2003}heavy\tmissiles".to_string(),
                "Russian air forcex and Ukrainian air force.".to_string(),
                "Russian Defence  Ministry said".to_string(),
                "Russian DEFENSE Ministry said; Russian \u{130}defence ministry".to_string(),
            ]
            .iter(),
        ) {
            for (k, _) in s.char_indices().filter(|&(_, c)| c.is_whitespace()) {
                let after = &s[k..];
                let full = capture(after);
                assert_eq!(capture(owner_window(after)), full, "{after:?}");
                owners += usize::from(full.is_some());
                let lower = after.trim_start().to_lowercase();
                let ministry =
                    lower.starts_with("defence ministry") || lower.starts_with("defense ministry");
                assert_eq!(ministry_follows(after), ministry, "{after:?}");
                ministries += usize::from(ministry);
            }
        }
        assert!(owners > 100 && ministries > 0, "{owners} {ministries}");
    }
}
