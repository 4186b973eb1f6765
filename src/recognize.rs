//! Recognition: article text in, [`Mention`]s of gazetteer names and
//! [`Demonym`]s out.
//!
//! The text from every capitalised word start is folded (see
//! [`crate::gazetteer::fold`]) and walked through the gazetteer's name index as
//! far as a name could reach; the longest name that ends on a word
//! boundary is a candidate. Candidates are then filtered with context:
//! capitalisation, a stop-list of capitalised words that are rarely places,
//! titles before people's names ("Mayor X", "President X"), and proper-name
//! sequences ("John Ray", "Roman Starovoit", "Washington Post") that a place name
//! is only part of. Demonyms ("Ukrainian", "Russians") are recognised as country
//! evidence and actors, never as place mentions. Cues around a mention ("the city
//! of X", "X region", "X's governor", "towns in X", "X, Y") are recorded for
//! resolution and incident location.

use crate::gazetteer::fold::fold;
use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::OnceLock;

use crate::gazetteer::{FeatureKind, Gazetteer, NameHit, PlaceIdx, Reach};
use crate::text::{is_word_char, WordSet};

/// Context around a mention that tells what kind of place it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    /// Followed by "region", "province", "oblast", "regional", ... or "'s governor":
    /// an administrative region.
    pub region: bool,
    /// Preceded by "the city/town/village of" or followed by "city": a town.
    pub town: bool,
    /// Preceded by "cities/towns/... in": the mention contains other places.
    pub container: bool,
    /// Part of a hyphenated modifier ("Russia-occupied", "Kharkiv-based").
    pub modifier: bool,
    /// Possessive ("Ukraine's").
    pub possessive: bool,
    /// Preceded by "from" in a reporting phrase ("reports ... from Kyiv").
    pub dateline: bool,
    /// The first word of its sentence.
    pub sentence_start: bool,
}

/// A gazetteer name found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the first character in the original text.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The places the name may refer to.
    pub hits: Vec<NameHit>,
    /// Context cues.
    pub cues: Cues,
    /// Index (into the same mention list) of a mention that qualifies this one:
    /// in "Alexandria, Virginia", Virginia qualifies Alexandria.
    pub qualifier: Option<usize>,
    /// The name as the gazetteer indexes it (case, accents and apostrophes
    /// folded): mentions with the same key are the same name.
    pub key: String,
}

/// A nationality adjective or noun ("Ukrainian", "Russians").
#[derive(Debug, Clone, PartialEq)]
pub struct Demonym {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// ISO alpha-2 code of the country.
    pub country_code: String,
    /// The country's state forces, in ACLED's naming.
    pub forces: String,
}

/// The output of recognition for one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recognized {
    /// Place-name mentions, in text order, not overlapping.
    pub mentions: Vec<Mention>,
    /// Demonyms, in text order.
    pub demonyms: Vec<Demonym>,
    /// US counties named ("Laurel County"), with the admin-1 codes of the
    /// states that have a county of that name: evidence of where the article
    /// is. Each is also a mention, of the county rows of those states.
    pub counties: Vec<(usize, usize, Vec<String>)>,
    /// Adjectives and nouns of continents and regions ("European", "Africans",
    /// "Latin American"), with the place they name: mentions of it in the
    /// places layer, as the geoparsing corpora count them; not actors.
    pub region_demonyms: Vec<(usize, usize, PlaceIdx)>,
}

/// Region demonyms (`data/region_demonyms.csv`): the words, longest first, and
/// the gazetteer ids they name; and which bytes they start with.
type RegionDemonyms = (Vec<(&'static str, &'static str)>, [bool; 256]);

/// Step `step` of the one-time set-up of recognition, one of
/// [`WARM_UP_STEPS`]: the word lists and tables it reads, built on first
/// use. See [`crate::incidents::warm_up`].
pub fn warm_up(step: usize) {
    match step {
        0 => {
            let _ = is_stop_word("");
        }
        1 => {
            let _ = is_title("");
        }
        2 => {
            let _ = name_lists("");
        }
        3 => {
            let _ = region_demonyms();
        }
        4 => {
            let _ = us_counties();
        }
        _ => {}
    }
}

/// How many steps [`warm_up`] has.
pub const WARM_UP_STEPS: usize = 5;

/// The [`RegionDemonyms`], read once.
fn region_demonyms() -> &'static RegionDemonyms {
    static T: OnceLock<RegionDemonyms> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(&str, &str)> = include_str!("../data/region_demonyms.csv")
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(','))
            .collect();
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut first = [false; 256];
        for (w, _) in &v {
            if let Some(&b) = w.as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
        (v, first)
    })
}

/// The region demonym at `i` ("European", "Latin Americans"): its end and the
/// place. Not in "African American", "Asian-American" or "European Union"
/// (a name of its own, matched as such).
fn region_demonym_at(text: &str, i: usize, g: &Gazetteer) -> Option<(usize, PlaceIdx)> {
    let rest = &text[i..];
    // This runs for every capitalised word that names nothing: the first byte
    // turns nearly all of them away without a string comparison.
    let first = *rest.as_bytes().first()?;
    let (list, starts) = region_demonyms();
    if !starts[usize::from(first)] {
        return None;
    }
    let (word, id) = list.iter().find(|(w, _)| {
        w.as_bytes().first() == Some(&first)
            && rest.starts_with(w)
            && !rest[w.len()..].starts_with(is_word_char)
    })?;
    let end = i + word.len();
    let after = &text[end..];
    let next = after
        .trim_start_matches([' ', '-'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if matches!(next, "American" | "Americans" | "Union") {
        return None;
    }
    Some((end, g.by_id(id)?))
}

/// US county names by lowercase name ("laurel county" -> ["US.KY"]), from
/// `data/us_counties.csv` (generated by scripts/gen_us_counties.py).
fn us_counties() -> &'static HashMap<String, Vec<String>> {
    static T: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    T.get_or_init(|| {
        let csv = include_str!("../data/us_counties.csv");
        let mut m: HashMap<String, Vec<String>> =
            HashMap::with_capacity(memchr::memchr_iter(b'\n', csv.as_bytes()).count());
        // Gazetteer columns (no quoted fields): id, name, ..., admin1_code (the tenth).
        for line in crate::text::lines(csv).skip(1) {
            let mut cols = line.split(',');
            // The second column, then the tenth (seven on from the third).
            if let (Some(name), Some(code)) = (cols.nth(1), cols.nth(7)) {
                m.entry(name.to_lowercase())
                    .or_default()
                    .push(code.to_string());
            }
        }
        m
    })
}

/// Finds "X County", "X Parish", "X Borough" with X one to three capitalised words.
fn find_counties(text: &str) -> Vec<(usize, usize, Vec<String>)> {
    // The searchers are built once: building one costs as much as a search of
    // a short article.
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    let finders =
        FINDERS.get_or_init(|| [" County", " Parish", " Borough"].map(memchr::memmem::Finder::new));
    let mut out = Vec::new();
    for finder in finders {
        let kw = finder.needle();
        let mut from = 0;
        while let Some(k) = finder.find(&text.as_bytes()[from..]) {
            let at = from + k;
            let end = at + kw.len();
            from = end;
            if text[end..].starts_with(is_word_char) {
                continue;
            }
            // Up to three capitalised words before the keyword, longest match first.
            let mut starts = Vec::new();
            let mut cur = at + 1; // the keyword's first letter, after the space
            for _ in 0..3 {
                let Some((ws, w)) = word_before(text, cur) else {
                    break;
                };
                if !is_capitalised(w) {
                    break;
                }
                starts.push(ws);
                cur = ws;
            }
            for &ws in starts.iter().rev() {
                if let Some(states) = us_counties().get(&text[ws..end].to_lowercase()) {
                    out.push((ws, end, states.clone()));
                    break;
                }
            }
        }
    }
    out.sort_by_key(|c| c.0);
    out
}

/// The demonym table (`data/demonyms.csv`, compiled in).
#[derive(Debug, Clone)]
pub struct Demonyms {
    entries: Vec<(String, String, String)>,
    /// Entries by their first word (the word a text position is looked up by).
    by_first_word: HashMap<String, Vec<usize>>,
    /// A bit for the [`prefix_bit`] of every first word: most capitalised
    /// words are no demonym, and one bit says so without hashing the word.
    prefixes: Vec<u64>,
    /// The length of the shortest first word, in bytes: shorter words ("He",
    /// "In", "US") are none, without a look-up.
    shortest: usize,
}

/// The bit of a word's first three bytes in [`Demonyms::prefixes`] (several
/// prefixes can share one: the set only ever says "maybe").
fn prefix_bit(b: &[u8]) -> usize {
    (usize::from(b[0]) * 961 + usize::from(b[1]) * 31 + usize::from(b[2])) & 0xFFFF
}

impl Demonyms {
    /// The bundled table.
    pub fn bundled() -> Demonyms {
        let mut entries = Vec::new();
        for line in include_str!("../data/demonyms.csv").lines().skip(1) {
            let mut f = line.splitn(3, ',');
            if let (Some(d), Some(cc), Some(forces)) = (f.next(), f.next(), f.next()) {
                entries.push((d.to_string(), cc.to_string(), forces.to_string()));
            }
        }
        // Longest first, so "South Sudanese" wins over "Sudanese".
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut prefixes = vec![0u64; 1 << 10];
        for (i, e) in entries.iter().enumerate() {
            let first = e.0.split(' ').next().unwrap_or("").to_string();
            if first.len() >= 3 {
                let bit = prefix_bit(first.as_bytes());
                prefixes[bit >> 6] |= 1 << (bit & 63);
            }
            by_first_word.entry(first).or_default().push(i);
        }
        let shortest = by_first_word.keys().map(String::len).min().unwrap_or(0);
        Demonyms {
            entries,
            by_first_word,
            prefixes,
            shortest,
        }
    }

    /// The demonym starting at `text[at..]`, with its byte length.
    fn at(&self, text: &str, at: usize) -> Option<(usize, &(String, String, String))> {
        let rest = &text[at..];
        // Four ASCII letters: the word's singular has at least three, and
        // the prefix bit below can turn it away before it is measured.
        if let [a, b, c, d, ..] = rest.as_bytes() {
            if [a, b, c, d].iter().all(|x| x.is_ascii_alphabetic()) {
                let bit = prefix_bit(rest.as_bytes());
                if self.prefixes[bit >> 6] & (1 << (bit & 63)) == 0 {
                    return None;
                }
            }
        }
        // ASCII letters byte by byte; from the first non-ASCII byte on, by char.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word_len = match rest.as_bytes().get(ascii) {
            Some(b) if !b.is_ascii() => {
                ascii
                    + rest[ascii..]
                        .find(|c: char| !c.is_alphabetic())
                        .unwrap_or(rest.len() - ascii)
            }
            _ => ascii,
        };
        let word = &rest[..word_len];
        // No first word is shorter (and the singular is shorter still).
        if word.len() < self.shortest {
            return None;
        }
        // "Russians": look the singular up too.
        let singular = word.strip_suffix('s').unwrap_or(word);
        // Both share the first three bytes of `word`: a word whose prefix no
        // first word has is none (shorter first words are looked up as before).
        if singular.len() >= 3 {
            let bit = prefix_bit(word.as_bytes());
            if self.prefixes[bit >> 6] & (1 << (bit & 63)) == 0 {
                return None;
            }
        }
        let ids = self
            .by_first_word
            .get(word)
            .into_iter()
            .chain(self.by_first_word.get(singular))
            .flatten();
        let mut best: Option<(usize, &(String, String, String))> = None;
        for &i in ids {
            let e = &self.entries[i];
            if let Some(after) = rest.strip_prefix(e.0.as_str()) {
                // Plural forms: Russians, Israelis (not "Swisss").
                let len = if after.starts_with('s') && !e.0.ends_with('s') && !e.0.ends_with("ese")
                {
                    e.0.len() + 1
                } else {
                    e.0.len()
                };
                if !rest[len..].starts_with(is_word_char) && best.is_none_or(|b| len > b.0) {
                    best = Some((len, e));
                }
            }
        }
        best
    }
}

/// Capitalised words that are gazetteer names but, in running text, almost
/// never name a place. Checked on single-word mentions only, folded.
const STOP_WORDS: &[&str] = &[
    // days, months and times
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "tonight",
    "christmas",
    "easter",
    // function words and common sentence openers
    "the",
    "of",
    "a",
    "an",
    "and",
    "but",
    "or",
    "if",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "as",
    "is",
    "it",
    "he",
    "she",
    "we",
    "they",
    "this",
    "that",
    "these",
    "there",
    "here",
    "when",
    "where",
    "while",
    "after",
    "before",
    "earlier",
    "later",
    "however",
    "also",
    "even",
    "still",
    "yet",
    "so",
    "then",
    "now",
    "last",
    "next",
    "most",
    "many",
    "much",
    "some",
    "all",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "ten",
    "first",
    "second",
    "third",
    "new",
    "old",
    "more",
    "no",
    "not",
    "only",
    "just",
    "over",
    "under",
    "about",
    "around",
    "since",
    "until",
    "during",
    "with",
    "without",
    "what",
    "who",
    "why",
    "how",
    "our",
    "your",
    "their",
    "his",
    "her",
    "its",
    "my",
    "do",
    "does",
    "did",
    "can",
    "could",
    "would",
    "should",
    "will",
    "shall",
    "might",
    "must",
    "have",
    "has",
    "had",
    "be",
    "been",
    "being",
    "are",
    "was",
    "were",
    "said",
    "says",
    "say",
    "according",
    "sen",
    "rev",
    "nov",
    "oct",
    "sept",
    "aug",
    "jan",
    "feb",
    "dec",
    "gov",
    "gen",
    "lt",
    "sgt",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "section",
    "none",
    "any",
    "god",
    "passover",
    "olympic",
    "olympics",
    "hamas",
    "hezbollah",
    "taliban",
    "arab",
    "ismaili",
    "metro",
    "area",
    "airport",
    "democrat",
    "democrats",
    "republican",
    "republicans",
    "ii",
    "iii",
    "iv",
    "duma",
    "commissioner",
    "corporation",
    "course",
    "band",
    "recovery",
    "iron",
    "toyota",
    "meanwhile",
    "elsewhere",
    "date",
    "title",
    "url",
    "source",
    "updated",
    "published",
    "despite",
    "although",
    "though",
    "because",
    "like",
    // titles, roles and institutions
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "governor",
    "mayor",
    "general",
    "colonel",
    "captain",
    "sergeant",
    "officer",
    "police",
    "army",
    "navy",
    "government",
    "ministry",
    "defence",
    "defense",
    "republic",
    "union",
    "state",
    "city",
    "town",
    "village",
    "county",
    "region",
    "province",
    "district",
    "council",
    "court",
    "parliament",
    "senate",
    "congress",
    "university",
    "college",
    "school",
    "hospital",
    "church",
    "center",
    "centre",
    "office",
    "department",
    "agency",
    "committee",
    "commission",
    "party",
    "news",
    "times",
    "post",
    "press",
    "media",
    "service",
    "services",
    "security",
    "forces",
    "force",
    "military",
    "national",
    "international",
    "public",
    "federal",
    "central",
    "royal",
    "united",
    "people",
    "peoples",
    "prime",
    "chief",
    "head",
    "editor",
    "correspondent",
    "reporter",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "saint",
    "lord",
    "lady",
    "sir",
    // common nouns and adjectives that are also towns somewhere
    "nice",
    "reading",
    "mobile",
    "bath",
    "hope",
    "independence",
    "liberty",
    "unity",
    "victory",
    "progress",
    "commerce",
    "energy",
    "industry",
    "enterprise",
    "success",
    "harmony",
    "friendship",
    "justice",
    "freedom",
    "peace",
    "union",
    "patriot",
    "eagle",
    "fortune",
    "paradise",
    "eden",
    "home",
    "house",
    "street",
    "road",
    "bridge",
    "park",
    "beach",
    "lake",
    "river",
    "hill",
    "valley",
    "mountain",
    "island",
    "bay",
    "port",
    "harbour",
    "harbor",
    "field",
    "fields",
    "green",
    "white",
    "black",
    "red",
    "blue",
    "brown",
    "gold",
    "silver",
    "rock",
    "stone",
    "wood",
    "woods",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "middle",
    "upper",
    "lower",
    "great",
    "little",
    "big",
    "long",
    "short",
    "high",
    "low",
    "good",
    "best",
    "fine",
    "early",
    "late",
    "young",
    "free",
    "fair",
    "grand",
    "golden",
    "pleasant",
    "mount",
    "time",
    "day",
    "week",
    "year",
    "month",
    "night",
    "morning",
    "evening",
    "life",
    "world",
    "man",
    "woman",
    "men",
    "women",
    "child",
    "children",
    "family",
    "friends",
    "team",
    "game",
    "games",
    "club",
    "league",
    "cup",
    "war",
    "battle",
    "attack",
    "fire",
    "water",
    "power",
    "money",
    "bank",
    "market",
    "trade",
    "deal",
    "plan",
    "law",
    "order",
    "rule",
    "sale",
    "price",
    "value",
    "star",
    "sun",
    "moon",
    "earth",
    "sky",
    "rain",
    "snow",
    "wind",
    "storm",
    "spring",
    "summer",
    "winter",
    "autumn",
    "fall",
    "love",
    "joy",
    "faith",
    "grace",
    "trust",
    "help",
    "care",
    "health",
    "art",
    "music",
    "film",
    "book",
    "story",
    "page",
    "video",
    "photo",
    "image",
    "credit",
    "source",
    "telegram",
    "twitter",
    "facebook",
    "google",
    "apple",
    "amazon",
    "microsoft",
    "internet",
    "online",
    "email",
    "phone",
    "radio",
    "tv",
    "television",
    "network",
    "company",
    "group",
    "official",
    "officials",
    "authorities",
    "residents",
    "citizens",
    "soldiers",
    "troops",
    "fighters",
    "rebels",
    "militants",
    "protesters",
    "civilians",
    "victims",
    "leader",
    "leaders",
];

/// [`name_lists`]' bit for common first names (US Census 1990 lists,
/// `data/first_names.txt`).
pub(crate) const FIRST_NAME: u8 = 1;
/// [`name_lists`]' bit for the 20,000 most common US surnames (Census 1990,
/// `data/surnames.txt`).
pub(crate) const SURNAME: u8 = 2;
/// [`name_lists`]' bit for ordinary English words that are also gazetteer
/// names (`data/common_words.txt`, from Debian's wamerican word list).
pub(crate) const COMMON_WORD: u8 = 4;

/// Which of the word lists a lowercase word is in ([`FIRST_NAME`],
/// [`SURNAME`], [`COMMON_WORD`]), with one look-up.
pub(crate) fn name_lists(lower_word: &str) -> u8 {
    static LISTS: OnceLock<WordSet> = OnceLock::new();
    LISTS
        .get_or_init(|| {
            WordSet::lists(&[
                include_str!("../data/first_names.txt"),
                include_str!("../data/surnames.txt"),
                include_str!("../data/common_words.txt"),
            ])
        })
        .lists_of(lower_word)
}

/// True for common first names ([`FIRST_NAME`]).
pub(crate) fn is_first_name(lower_word: &str) -> bool {
    name_lists(lower_word) & FIRST_NAME != 0
}

/// True for common surnames ([`SURNAME`]).
pub(crate) fn is_surname(lower_word: &str) -> bool {
    name_lists(lower_word) & SURNAME != 0
}

/// True for the names of institutions and phenomena that are also
/// gazetteer names (folded).
fn is_stop_phrase(w: &str) -> bool {
    matches!(
        w,
        "white house"
            | "pentagon"
            | "kremlin"
            | "capitol hill"
            | "downing street"
            | "wall street"
            | "scotland yard"
            | "whitehall"
            | "el niño"
            | "la niña"
            | "el nino"
            | "la nina"
            | "silicon valley"
    )
}

/// True for verbs of speech: a one-word town name right before one is a
/// person's name.
fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "added"
            | "explained"
            | "noted"
            | "stated"
            | "wrote"
            | "asked"
            | "testified"
            | "argued"
            | "insisted"
            | "recalled"
            | "agreed"
            | "replied"
            | "announced"
            | "tweeted"
    )
}

/// Words that, right before a capitalised name, mark a person.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "president",
    "presidents",
    "minister",
    "governor",
    "mayor",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "officer",
    "judge",
    "justice",
    "senator",
    "sen",
    "rep",
    "representative",
    "prince",
    "princess",
    "king",
    "queen",
    "pope",
    "sheikh",
    "ayatollah",
    "chancellor",
    "premier",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "coach",
    "chairman",
    "director",
    "ambassador",
    "correspondent",
    "editor",
    "reporter",
    "professor",
    "prof",
    "detective",
    "deputy",
    "sheriff",
    "chief",
    "councillor",
    "councilman",
    "councilwoman",
    "pastor",
    "rev",
    "reverend",
    "father",
    "sister",
    "brother",
    "uncle",
    "aunt",
    "st.",
];

/// True for the words (lowercased) that may follow a place name, capitalised,
/// without making it part of a longer proper name ("Luhansk Governor",
/// "Kursk Oblast", "Gaza City").
fn is_place_follower(w: &str) -> bool {
    matches!(
        w,
        "governor"
            | "governors"
            | "mayor"
            | "region"
            | "regional"
            | "province"
            | "provincial"
            | "oblast"
            | "state"
            | "county"
            | "city"
            | "district"
            | "governorate"
            | "prefecture"
            | "krai"
            | "kray"
            | "raion"
            | "rayon"
            | "municipality"
            | "area"
            | "border"
            | "front"
            | "frontline"
            | "authorities"
            | "officials"
            | "police"
            | "president"
            | "residents"
            | "airport"
            | "river"
            | "sea"
            | "valley"
            | "mountains"
            | "strip"
            | "peninsula"
            | "administration"
            | "council"
            | "zone"
            | "sector"
            | "direction"
            | "axis"
            | "offensive"
    )
}

/// True for the words after a name that mark an administrative region.
fn is_region_word(w: &str) -> bool {
    matches!(
        w,
        "region"
            | "regions"
            | "regional"
            | "province"
            | "provinces"
            | "provincial"
            | "oblast"
            | "oblasts"
            | "state"
            | "governorate"
            | "prefecture"
            | "krai"
            | "kray"
            | "county"
            | "department"
            | "territory"
    )
}

/// True for the words that name a kind of settlement ("the city of X").
fn is_town_word(w: &str) -> bool {
    matches!(
        w,
        "city" | "town" | "village" | "settlement" | "hamlet" | "port" | "suburb" | "capital"
    )
}

/// True for the plurals of settlement words, before "in X" ("cities in X").
fn is_town_plural(w: &str) -> bool {
    matches!(
        w,
        "city"
            | "cities"
            | "town"
            | "towns"
            | "village"
            | "villages"
            | "settlements"
            | "places"
            | "areas"
            | "communities"
            | "districts"
    )
}

/// Lowercase words allowed inside multi-word names ("Rostov-on-Don", "Bay of Islands").
const CONNECTORS: &[&str] = &[
    "of", "on", "upon", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la",
    "le", "les", "el", "al", "am", "an", "im", "in", "der", "den", "the", "and", "y", "e", "sur",
    "sul", "bin", "ibn", "van", "von", "aan", "op", "ter", "ten", "en", "au", "aux", "lès", "les",
    "zu", "na", "nad", "pod", "ob", "under", "over", "by", "sous", "lo", "los", "las", "et", "i",
    // The Arabic article as transliterated before sun letters ("Deir ez-Zor",
    // "Ras at-Tannurah", "Dar es Salaam").
    "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "ed", "er", "es", "esh", "ez", "ul", "ur",
];

/// Set membership for the word lists above, built once.
fn in_set(cell: &'static OnceLock<WordSet>, list: &'static [&'static str], w: &str) -> bool {
    cell.get_or_init(|| list.iter().copied().collect())
        .contains(w)
}

fn is_stop_word(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    in_set(&S, STOP_WORDS, w)
}

fn is_title(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    // The titles written with a full stop, without it: "gen." as "gen".
    static DOTTED: OnceLock<WordSet> = OnceLock::new();
    let dotted = DOTTED.get_or_init(|| TITLES.iter().filter_map(|t| t.strip_suffix('.')).collect());
    in_set(&S, TITLES, w) || (w.len() < 8 && dotted.contains(w))
}

fn is_capitalised(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

/// The word (letters, digits, apostrophes inside) ending just before `at`, skipping spaces.
pub(crate) fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = text[..at].trim_end_matches([' ', '\t']);
    if head.len() == at && at > 0 {
        return None; // not separated by a space
    }
    // ASCII (nearly every word) byte by byte; by char from a non-ASCII byte on.
    let bytes = head.as_bytes();
    let mut i = bytes.len();
    while i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.') {
        i -= 1;
    }
    if i == 0 || bytes[i - 1].is_ascii() {
        return (i < bytes.len()).then(|| (i, &head[i..]));
    }
    let start = word_start_by_chars(head)?;
    Some((start, &head[start..]))
}

/// Where the run of word characters and full stops that `head` ends with
/// starts, read char by char (`None` if it is empty).
fn word_start_by_chars(head: &str) -> Option<usize> {
    head.char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c) || *c == '.')
        .last()
        .map(|(i, _)| i)
}

/// The word starting after spaces at `at`.
fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() {
        return None;
    }
    let start = at + (rest.len() - trimmed.len());
    let len = crate::text::word_len(trimmed);
    (len > 0).then(|| (start, &text[start..start + len]))
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// What [`accept`] keeps for a whole article: the names it found used as
/// people's names, and buffers it lowercases words into (it lowercases several
/// words for each of the tens of names in an article, and allocating a string
/// for each was a tenth of its cost).
#[derive(Debug, Default)]
struct AcceptState {
    /// Lowercased names used as a person's name ("Jones said", "Mayor Jones").
    persons: HashSet<String>,
    name: String,
    before: String,
    after: String,
    other: String,
}

/// `s` lowercased into `buf`. For ASCII (nearly every word) that is ASCII
/// lowercasing, in place.
fn lower_into<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

/// `s` lowercased: `s` itself when it is ASCII with no capital (most words
/// around a name: "in", "said", "region"), else lowercased into `buf`.
fn lowercased<'b>(s: &'b str, buf: &'b mut String) -> &'b str {
    if crate::text::is_lowercase_ascii(s) {
        s
    } else {
        lower_into(s, buf)
    }
}

/// True if the word at `start` begins a sentence: preceded only by white space,
/// opening quotes or brackets since the last terminal punctuation or line break.
fn starts_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '“' | '‘' | '\'' | '(' | '[' | '«' => continue,
            '.' | '!' | '?' | '\n' | ':' | '—' => return true,
            _ => return false,
        }
    }
    true
}

/// The index of the first byte of `b` that is an ASCII capital or not ASCII
/// (`b.len()` if none), eight bytes at a time.
fn next_capital_or_non_ascii(b: &[u8]) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut k = 0;
    while k + 8 <= b.len() {
        let x = u64::from_le_bytes([
            b[k],
            b[k + 1],
            b[k + 2],
            b[k + 3],
            b[k + 4],
            b[k + 5],
            b[k + 6],
            b[k + 7],
        ]);
        // Per byte, on its low seven bits (no carry leaves a byte): the high
        // bit of y + 0x3F is set from 'A' (0x41) up, that of y + 0x25 from
        // '[' (0x5B) up; bytes with the high bit set are not ASCII.
        let y = x & LOW7;
        let capital = (y + 0x3F3F_3F3F_3F3F_3F3F) & !(y + 0x2525_2525_2525_2525);
        let hits = (capital | x) & HIGH;
        if hits != 0 {
            return k + (hits.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    b[k..]
        .iter()
        .position(|&c| c.is_ascii_uppercase() || c >= 0x80)
        .map_or(b.len(), |p| k + p)
}

/// Finds the place names and demonyms in `text`.
pub fn recognize(text: &str, gazetteer: &Gazetteer, demonyms: &Demonyms) -> Recognized {
    let mut out = Recognized::default();

    let mut state = AcceptState::default();
    let mut pos = 0; // original offset up to which the text is consumed
    let mut prev_is_word = false;
    let bytes = text.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        // Lowercase letters, digits, spaces and punctuation cannot start a
        // name: skip to the next capital or non-ASCII byte, keeping whether
        // the byte before it is part of a word.
        let skip = next_capital_or_non_ascii(&bytes[next..]);
        if skip > 0 {
            next += skip;
            prev_is_word = bytes[next - 1].is_ascii_alphanumeric();
            if next == bytes.len() {
                break;
            }
        }
        let i = next;
        // ASCII (most text) is classified byte by byte, without decoding.
        // Whether the character is a capital is asked only at a word's start
        // (for non-ASCII characters it is a look-up in Unicode's tables).
        let (word, capital) = if bytes[i] < 0x80 {
            next += 1;
            (
                bytes[i].is_ascii_alphanumeric(),
                bytes[i].is_ascii_uppercase(),
            )
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            next += c.len_utf8();
            let word = is_word_char(c);
            (
                word,
                word && !prev_is_word && i >= pos && is_capitalised(&text[i..]),
            )
        };
        let word_start = word && !prev_is_word;
        prev_is_word = word;
        if !word_start || i < pos || !capital {
            continue;
        }
        if let Some((len, (_, cc, forces))) = demonyms.at(text, i) {
            out.demonyms.push(Demonym {
                start: i,
                end: i + len,
                country_code: cc.clone(),
                forces: forces.clone(),
            });
            pos = i + len;
            continue;
        }
        // Names end on a word boundary; the matched text must be name-like.
        let best = gazetteer.longest_prefix(text, i, |end| name_like(&text[i..end]));
        if best.is_none() {
            if let Some((end, place)) = region_demonym_at(text, i, gazetteer) {
                out.region_demonyms.push((i, end, place));
                pos = end;
                continue;
            }
        }
        // The name's places are read once it is accepted (most are not).
        let best = best
            .map(|(end, name, reach)| (end, Err(name), reach))
            .or_else(|| {
                inflected(text, i, gazetteer).map(|(end, hits)| {
                    let reach = gazetteer.reach(&hits);
                    (end, Ok(hits), reach)
                })
            });
        let Some((end, hits, reach)) = best else {
            continue;
        };
        if let Some(cues) = accept(text, i, end, reach, gazetteer, demonyms, &mut state) {
            out.mentions.push(Mention {
                start: i,
                end,
                hits: hits.unwrap_or_else(|name| gazetteer.hits_of(name)),
                cues,
                qualifier: None,
                key: fold(&text[i..end]),
            });
            pos = end;
        }
    }
    // A name used as a person's name anywhere in the article ("John Jones ...
    // Jones said") is a person everywhere in it, unless it can name a country
    // or region.
    let persons = state.persons;
    if !persons.is_empty() {
        let mut buf = state.name;
        out.mentions.retain(|m| {
            let t = lower_into(&text[m.start..m.end], &mut buf);
            !persons.contains(t)
                || m.hits.iter().any(|h| {
                    matches!(
                        gazetteer.kind(h.place),
                        FeatureKind::Country | FeatureKind::Admin1 | FeatureKind::Region
                    )
                })
        });
    }
    // "Laurel County": a county (its gazetteer rows, one per state that has a
    // county of the name), not the town of the same name; and evidence of the state.
    out.counties = find_counties(text);
    if !out.counties.is_empty() {
        let counties = &out.counties;
        // Counties are in text order and do not overlap: the first one ending
        // after a mention's start is the only one that can overlap it.
        out.mentions.retain(|m| {
            let k = counties.partition_point(|c| c.1 <= m.start);
            counties.get(k).is_none_or(|c| c.0 >= m.end)
        });
        for (start, end, _) in counties {
            let hits: Vec<NameHit> = gazetteer
                .lookup(&text[*start..*end])
                .into_iter()
                .filter(|h| gazetteer.brief(h.place).feature_code == "ADM2")
                .collect();
            if !hits.is_empty() {
                out.mentions.push(Mention {
                    start: *start,
                    end: *end,
                    hits,
                    cues: Cues {
                        sentence_start: starts_sentence(text, *start),
                        possessive: text[*end..].starts_with("'s")
                            || text[*end..].starts_with("’s"),
                        ..Cues::default()
                    },
                    qualifier: None,
                    key: fold(&text[*start..*end]),
                });
            }
        }
        out.mentions.sort_by_key(|m| m.start);
    }
    link_qualifiers(text, &mut out.mentions);
    out
}

/// Russian and Ukrainian case endings, longest first, and the nominative
/// endings a stem may take back: "Харькова" -> "Харьков", "Москвы" -> "Москва",
/// "Донецке" -> "Донецк", "России" -> "Россия".
const CYRILLIC_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ом", "ем", "ой", "ей", "ою", "ею", "ую", "юю", "ах",
    "ях", "ам", "ям", "ов", "ев", "а", "я", "у", "ю", "е", "ы", "и", "і", "ї",
];
const CYRILLIC_NOMINATIVE: &[&str] = &["", "а", "я", "ь", "ы", "и", "е", "ий", "ая", "ое"];

/// The one-letter particles Arabic writes joined to the next word: "and", "in",
/// "to", "so", "like" ("بحلب", "in Aleppo").
const ARABIC_PREFIXES: &[char] = &['و', 'ب', 'ل', 'ف', 'ك'];

/// A gazetteer name inflected or prefixed as Russian, Ukrainian and Arabic
/// write it: the word at `i`, with a case ending or a joined particle taken
/// off, that is a name (`(end, hits)` of the whole word). Latin-script words
/// are left alone: English does not inflect place names.
fn inflected(text: &str, i: usize, g: &Gazetteer) -> Option<(usize, Vec<NameHit>)> {
    // Only Cyrillic and Arabic words are read (most capitalised words that
    // name nothing are Latin): Cyrillic and Arabic letters start with the
    // bytes 0xD0 to 0xD3 and 0xD8 to 0xDB.
    if !matches!(text.as_bytes().get(i), Some(0xD0..=0xD3 | 0xD8..=0xDB)) {
        return None;
    }
    let word: &str = &text[i..i + crate::text::word_len(&text[i..])];
    let end = i + word.len();
    let n = word.chars().count();
    let first = word.chars().next()?;
    if ('\u{0400}'..='\u{04FF}').contains(&first) && n >= 4 {
        for e in CYRILLIC_ENDINGS {
            let Some(stem) = word.strip_suffix(e) else {
                continue;
            };
            if stem.chars().count() < 3 {
                continue;
            }
            for nom in CYRILLIC_NOMINATIVE {
                let hits = g.lookup(&format!("{stem}{nom}"));
                if !hits.is_empty() {
                    return Some((end, hits));
                }
            }
        }
    } else if ('\u{0600}'..='\u{06FF}').contains(&first) && n >= 4 {
        if let Some(rest) = word.strip_prefix(ARABIC_PREFIXES) {
            let hits = g.lookup(rest);
            if !hits.is_empty() {
                return Some((end, hits));
            }
        }
    }
    None
}

/// True if `w` is a [`CONNECTORS`] word in any case (ASCII words are compared
/// without lowercasing a copy: this runs for every name the index finds).
fn is_connector(w: &str) -> bool {
    if w.is_ascii() {
        CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w))
    } else {
        CONNECTORS.contains(&lower(w).as_str())
    }
}

/// True if every word of a multi-word name is capitalised, except connectors.
fn name_like(s: &str) -> bool {
    // A single word (most names the index finds) is name-like whatever it is.
    if !s
        .bytes()
        .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | b'-') || b >= 0x80)
    {
        return true;
    }
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .enumerate()
        .all(|(k, w)| {
            k == 0 || is_capitalised(w) || is_connector(w) || !w.starts_with(char::is_alphabetic)
        })
}

/// Decides whether the capitalised name at `text[start..end]` is a place
/// mention, and with which cues.
fn accept(
    text: &str,
    start: usize,
    end: usize,
    Reach {
        big_unit,
        max_population: max_pop,
    }: Reach,
    g: &Gazetteer,
    demonyms: &Demonyms,
    state: &mut AcceptState,
) -> Option<Cues> {
    let name = &text[start..end];
    let single = !crate::text::has_whitespace(name);
    let folded_name = lower_into(name, &mut state.name);
    let sentence_start = starts_sentence(text, start);
    if single && is_stop_word(folded_name) {
        return None;
    }
    if is_stop_phrase(folded_name) {
        return None;
    }
    // Short all-caps words are acronyms (NATO, APC, BA), unless they name a
    // country or region (US, UK, UAE).
    let acronym = if name.is_ascii() {
        let mut letters = name.bytes().filter(u8::is_ascii_alphabetic);
        letters.by_ref().take(4).all(|b| b.is_ascii_uppercase()) && letters.next().is_none()
    } else {
        let mut letters = name.chars().filter(|c| c.is_alphabetic());
        letters.by_ref().take(4).all(|c| c.is_uppercase()) && letters.next().is_none()
    };
    if acronym && !big_unit {
        return None;
    }
    // Hyphenated names of things: "Wal-Mart" (neither part), but "Russia-Ukraine border".
    let rest = &text[end..];
    let names_big_unit = |w: &str| g.reach_of_name(w).is_some_and(|r| r.big_unit);
    if let Some(tail) = rest.strip_prefix('-') {
        let seg: String = tail.chars().take_while(|c| c.is_alphanumeric()).collect();
        if seg.chars().next().is_some_and(char::is_uppercase) && !(big_unit && names_big_unit(&seg))
        {
            return None;
        }
    }
    if let Some(head) = text[..start].strip_suffix('-') {
        let seg: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if seg.chars().next().is_some_and(char::is_uppercase)
            && !g.has_name(&seg)
            && demonyms.at(&seg, 0).is_none()
        {
            return None;
        }
    }
    let before = word_before(text, start);
    let after = word_after(text, end);
    let after_l = after.map(|(_, w)| lowercased(w, &mut state.after));
    let before_l = before.map(|(_, w)| lowercased(w.trim_end_matches('.'), &mut state.before));

    // "Jordan Valley", "Dnipro River", "Gulf of Aden": a physical feature named
    // after the place, not the place (the gazetteer has no such features).
    let feature = |w: &str| {
        matches!(
            w,
            "valley"
                | "mountains"
                | "mountain"
                | "desert"
                | "gulf"
                | "bay"
                | "strait"
                | "straits"
                | "canal"
                | "basin"
                | "range"
                | "plateau"
                | "delta"
                | "hills"
                | "forest"
        )
    };
    if after_l.is_some_and(feature) {
        return None;
    }
    if before_l == Some("of") {
        if let Some((_, w)) = before.and_then(|(bs, _)| word_before(text, bs)) {
            if [
                "gulf", "bay", "sea", "strait", "straits", "lake", "isle", "cape",
            ]
            .contains(&lowercased(w, &mut state.other))
            {
                return None;
            }
        }
    }
    // "Mayor Vadym", "President Biden", "Mr Lukashenko".
    if let Some(b) = before_l {
        if is_title(b) {
            if single {
                state.persons.insert(folded_name.to_string());
            }
            return None;
        }
    }
    // Part of a longer proper name: "John Ray", "Roman Starovoit", "Washington
    // Post". A capitalised word before the name that is not a place, a
    // demonym or a common word is a first name (at the start of a sentence too).
    // The word before, lowercased, if it does not end with a full stop (then
    // `before_l` is it).
    let before_word_l = before.and_then(|(_, bw)| (!bw.ends_with('.')).then_some(before_l)?);
    if let (Some((bstart, bw)), Some(bl)) = (before, before_word_l) {
        let possessive = bw.ends_with("'s") || bw.ends_with("’s");
        if is_capitalised(bw)
            && !possessive
            && !is_stop_word(bl)
            && !is_town_word(bl)
            && (!starts_sentence(text, bstart) || is_first_name(bl))
            && demonyms.at(bw, 0).is_none()
            // A large place inside an organisation's name is still a mention
            // ("United Way of Metropolitan Atlanta", "Bank Charleston"), unless
            // a first name precedes it.
            && (is_first_name(bl) || (!big_unit && max_pop < 100_000))
        {
            if single && !big_unit {
                state.persons.insert(folded_name.to_string());
            }
            return None;
        }
    }
    if let (Some((astart, aw)), Some(al)) = (after, after_l) {
        let joined_by_space = text[end..astart].chars().all(|c| c == ' ');
        if joined_by_space
            && is_capitalised(aw)
            && !is_place_follower(al)
            && !aw.chars().all(|c| c.is_uppercase())
            && !big_unit
            // "The Atlanta Journal-Constitution", "Charleston Gold Dome Lions
            // Club": a large place names part of an organisation and is still a
            // mention; a small one or a first name ("Austin Clark") is a person.
            && (max_pop < 100_000 || is_first_name(folded_name))
        {
            // "Roman Starovoit": the next word is a surname.
            if !g.has_name(aw) {
                state.persons.insert(al.to_string());
            }
            return None;
        }
    }
    // "Jones said": towns do not speak (countries and capitals, metonymically, do).
    let after_preposition = before_l.is_some_and(|b| {
        matches!(
            b,
            "of" | "in" | "from" | "at" | "near" | "for" | "to" | "outside" | "around"
        )
    });
    if single && !big_unit && !after_preposition {
        if let Some(al) = after_l {
            if is_speech_verb(al) {
                return None;
            }
        }
        // A common surname or first name that can only be a small town is a
        // person ("Hall", "Flores", "Mary"), unless a preposition of place
        // introduces it ("in Hall").
        if max_pop < 50_000 && (is_surname(folded_name) || is_first_name(folded_name)) {
            return None;
        }
    }

    // Part of a code or model name: "Iskander-M", "Su-25".
    if let Some(tail) = rest.strip_prefix('-') {
        let seg: String = tail.chars().take_while(|c| c.is_alphanumeric()).collect();
        if seg
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && seg.chars().count() <= 3
        {
            return None;
        }
    }
    let mut cues = Cues {
        sentence_start,
        ..Cues::default()
    };
    cues.possessive = rest.starts_with("'s") || rest.starts_with("’s");
    cues.modifier = rest.starts_with('-') && rest[1..].starts_with(char::is_lowercase);
    if let Some(al) = after_l {
        if is_region_word(al) || al == "governor" || al == "governors" {
            cues.region = true;
        }
        if al == "city" || al == "mayor" {
            cues.town = true;
        }
    }
    if cues.possessive {
        let after_pos = rest.trim_start_matches(['\'', '’', 's']);
        let next = after_pos
            .trim_start()
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if matches!(
            lowercased(next, &mut state.other),
            "governor" | "regional" | "province" | "region" | "oblast"
        ) {
            cues.region = true;
        }
    }
    // "the city of X", "governor of the X region", "cities in X".
    if let (Some((bstart, _)), Some(b)) = (before, before_word_l) {
        if b == "of" {
            if let Some((_, w)) = word_before(text, bstart) {
                if is_town_word(lowercased(w, &mut state.other)) {
                    cues.town = true;
                }
            }
        }
        if b == "in" || b == "across" || b == "throughout" {
            if let Some((_, w)) = word_before(text, bstart) {
                let w = lowercased(w, &mut state.other);
                if is_town_plural(w) || w == "remaining" {
                    cues.container = true;
                }
            }
        }
        if b == "from" {
            let lead = &text[..bstart];
            let clause_start = lead.rfind(['.', '\n', ';']).map_or(0, |p| p + 1);
            let clause = lower(&lead[clause_start..]);
            if ["report", "correspondent", "writes", "editor", "reporting"]
                .iter()
                .any(|w| clause.contains(w))
            {
                cues.dateline = true;
            }
        }
    }
    Some(cues)
}

/// Links "X, Y" and "X (Y)" pairs, where Y may be a larger unit that
/// qualifies X (resolution checks that it is: "Alexandria, Virginia",
/// "Sudzha (Kursk)", the form conflict monitors' notes use).
fn link_qualifiers(text: &str, mentions: &mut [Mention]) {
    for k in 1..mentions.len() {
        let gap = &text[mentions[k - 1].end..mentions[k].start];
        if matches!(gap, ", " | "," | " (" | "(") {
            mentions[k - 1].qualifier = Some(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Row;

    fn row(id: &str, name: &str, alts: &[&str], fcode: &str, cc: &str, a1: &str, pop: u64) -> Row {
        Row {
            id: id.into(),
            name: name.into(),
            alt_names: alts.iter().map(|s| s.to_string()).collect(),
            lat: 50.0,
            lon: 30.0,
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
                "t:1",
                "Lysychansk",
                &["Lysychans’k"],
                "PPL",
                "UA",
                "UA.14",
                90000,
            ),
            row("t:2", "Roman", &[], "PPL", "RO", "RO.1", 60000),
            row("t:3", "Ukraine", &[], "PCLI", "UA", "", 40_000_000),
            row("t:4", "Kursk", &[], "PPLA", "RU", "RU.41", 440000),
            row(
                "t:5",
                "Rostov-on-Don",
                &["Rostov"],
                "PPLA",
                "RU",
                "RU.61",
                1_100_000,
            ),
            row("t:6", "Washington", &[], "PPLC", "US", "US.DC", 600000),
            row("t:7", "Sunday", &[], "PPL", "US", "US.TX", 600),
            row("t:8", "Melitopol", &[], "PPL", "UA", "UA.26", 150000),
            row("t:9", "Hall", &[], "PPL", "AT", "AT.07", 13000),
            row("t:10", "Mart", &[], "PPL", "US", "US.TX", 2000),
            row("t:11", "Wal", &[], "PPL", "PL", "PL.72", 900),
        ]);
        g
    }

    fn names(text: &str) -> Vec<&str> {
        let r = recognize(text, &gazetteer(), &Demonyms::bundled());
        r.mentions.iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn next_capital_or_non_ascii_agrees_with_a_byte_loop() {
        let text = "the quick brown fox jumps over the lazy dog; @[`{ Zürich 12 Kyiv \
                    lower only here and then Q at the end";
        let b = text.as_bytes();
        for start in 0..b.len() {
            let want = b[start..]
                .iter()
                .position(|&c| c.is_ascii_uppercase() || c >= 0x80)
                .map_or(b.len() - start, |p| p);
            assert_eq!(next_capital_or_non_ascii(&b[start..]), want, "from {start}");
        }
        for c in 0..=255u8 {
            let mut v = vec![b'a'; 17];
            v[9] = c;
            let want = if c.is_ascii_uppercase() || c >= 0x80 {
                9
            } else {
                17
            };
            assert_eq!(next_capital_or_non_ascii(&v), want, "byte {c:#x}");
        }
    }

    #[test]
    fn word_before_agrees_with_a_char_loop() {
        // The word before each character boundary, char by char.
        fn by_chars(text: &str, at: usize) -> Option<(usize, &str)> {
            let head = text[..at].trim_end_matches([' ', '\t']);
            if head.len() == at && at > 0 {
                return None;
            }
            word_start_by_chars(head).map(|start| (start, &head[start..]))
        }
        let mut texts = crate::test_texts();
        texts.push("Gen. Ivanov in  Zürich, «Київ» St.Petersburg 12km \t ümlaut ß. x".into());
        let mut seen = 0;
        for text in &texts {
            for (at, _) in text.char_indices() {
                let want = by_chars(text, at);
                assert_eq!(word_before(text, at), want, "at {at} of {text:.60}");
                seen += usize::from(want.is_some());
            }
        }
        assert!(seen > 10_000, "{seen}");
    }

    #[test]
    fn finds_names_with_diacritics_and_apostrophes_folded() {
        assert_eq!(
            names("Troops left LYSYCHANSK and Lysychans’k."),
            ["LYSYCHANSK", "Lysychans’k"]
        );
        assert_eq!(names("Troops left Lysychansk."), ["Lysychansk"]);
    }

    #[test]
    fn lowercase_words_are_not_places() {
        assert_eq!(names("they were kursk and roman"), Vec::<&str>::new());
    }

    #[test]
    fn longest_name_wins() {
        assert_eq!(
            names("Fighting near Rostov-on-Don stopped."),
            ["Rostov-on-Don"]
        );
    }

    #[test]
    fn people_and_organisations_are_not_places() {
        assert_eq!(
            names("Governor Roman Starovoit said so."),
            Vec::<&str>::new()
        );
        // A large place inside an organisation's name is a mention, as the
        // geoparsing corpora annotate it; a small one is part of a name.
        assert_eq!(names("The Washington Post said so."), ["Washington"]);
        assert_eq!(names("Ask Roman Polanski."), Vec::<&str>::new());
        assert_eq!(names("Mayor Kursk said so."), Vec::<&str>::new());
        assert_eq!(names("On Sunday they left."), Vec::<&str>::new());
    }

    #[test]
    fn us_counties_are_state_evidence_not_towns() {
        let t = "Deputies in Laurel County and Walker County, Ga., said so.";
        let r = recognize(t, &gazetteer(), &Demonyms::bundled());
        let c: Vec<(&str, Vec<String>)> = r
            .counties
            .iter()
            .map(|c| (&t[c.0..c.1], c.2.clone()))
            .collect();
        assert_eq!(c[0].0, "Laurel County");
        assert!(c[0].1.contains(&"US.KY".to_string()));
        assert_eq!(c[1].0, "Walker County");
    }

    #[test]
    fn surnames_and_hyphenated_brands_are_not_places() {
        assert_eq!(
            names("Hall was not there. Jones and Hall left."),
            Vec::<&str>::new()
        );
        assert_eq!(names("The fair was held in Hall on Monday."), ["Hall"]);
        assert_eq!(names("He works at the Wal-Mart store."), Vec::<&str>::new());
    }

    #[test]
    fn demonyms_are_actors_not_places() {
        let r = recognize(
            "Ukrainian rockets hit Melitopol; Russians left.",
            &gazetteer(),
            &Demonyms::bundled(),
        );
        assert_eq!(r.mentions.len(), 1);
        let d: Vec<&str> = r.demonyms.iter().map(|d| d.country_code.as_str()).collect();
        assert_eq!(d, ["UA", "RU"]);
    }

    #[test]
    fn every_demonym_and_its_plural_is_found_past_the_prefix_filter() {
        let d = Demonyms::bundled();
        for (name, _, _) in &d.entries {
            let text = format!("{name} said.");
            assert_eq!(
                d.at(&text, 0).map(|(len, _)| len),
                Some(name.len()),
                "{name}"
            );
            if !name.ends_with('s') && !name.ends_with("ese") {
                let text = format!("{name}s said.");
                let found = d.at(&text, 0).map(|(len, _)| len);
                assert_eq!(found, Some(name.len() + 1), "{name}s");
            }
        }
        for none in ["Police", "Rusty", "Americanos", "Sudan", "Kyivans"] {
            assert!(d.at(none, 0).is_none(), "{none}");
        }
    }

    #[test]
    fn cues() {
        let t = "the city of Melitopol, the Kursk region, Ukraine's army, Russia-occupied Melitopol, cities in Ukraine";
        let r = recognize(t, &gazetteer(), &Demonyms::bundled());
        let c: Vec<Cues> = r.mentions.iter().map(|m| m.cues).collect();
        assert!(c[0].town);
        assert!(c[1].region);
        assert!(c[2].possessive);
        assert!(c[4].container);
    }

    #[test]
    fn qualifiers_link_pairs() {
        let r = recognize(
            "He lives in Kursk, Ukraine now.",
            &gazetteer(),
            &Demonyms::bundled(),
        );
        assert_eq!(r.mentions[0].qualifier, Some(1));
    }
}

#[cfg(test)]
mod script_tests {
    use super::*;

    fn places(text: &str) -> Vec<(&str, String)> {
        let g = Gazetteer::bundled();
        recognize(text, &g, &Demonyms::bundled())
            .mentions
            .iter()
            .map(|m| {
                let best = m
                    .hits
                    .iter()
                    .max_by_key(|h| g.population(h.place))
                    .map_or(String::new(), |h| g.place(h.place).name.to_string());
                (&text[m.start..m.end], best)
            })
            .collect()
    }

    #[test]
    fn continent_adjectives_are_region_mentions() {
        let g = Gazetteer::bundled();
        let t = "European and African leaders met. African American voters and the European Union.";
        let r = recognize(t, &g, &Demonyms::bundled());
        let got: Vec<(&str, &str)> = r
            .region_demonyms
            .iter()
            .map(|&(s, e, p)| (&t[s..e], g.place(p).name))
            .collect();
        assert_eq!(got, [("European", "Europe"), ("African", "Africa")]);
    }

    #[test]
    fn russian_case_endings_and_arabic_particles() {
        let got = places("Обстрел Харькова продолжался. Войска вышли из Белгорода к Москве.");
        let names: Vec<&str> = got.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["Kharkiv", "Belgorod", "Moscow"], "{got:?}");
        let got = places("وصل الوفد بحلب اليوم");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "Aleppo");
        // English words keep their endings.
        assert!(places("The Kharkova said.").is_empty());
    }
}
