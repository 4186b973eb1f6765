//! Sentence and word boundaries: article text in, [`Sentence`] spans out, as
//! byte offsets into the original text so evidence is quoted exactly.

/// A sentence: `text[start..end]`, trimmed, and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// 0-based paragraph number (paragraphs are separated by blank lines).
    pub paragraph: usize,
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "sen", "rep",
    "pres", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "mt", "ft", "ave",
    "blvd", "rd", "approx", "est", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "fig", "dept",
    "univ", "assn", "bros", "gens", "adm", "cmdr", "supt", "insp", "det", "cpl", "pvt", "hon",
];

/// True for characters that make up words (`char::is_alphanumeric`).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if GENERAL_PUNCTUATION.contains(&c) {
        // Curly quotes and dashes, the commonest non-ASCII characters in
        // English news, without a look-up in the Unicode tables (the test
        // `general_punctuation_has_no_word_characters` holds this to them).
        false
    } else {
        c.is_alphanumeric()
    }
}

/// True if `s` is ASCII without a capital: its own lowercase, so a caller can
/// read it as it is rather than lowercase a copy (most words in running text).
pub(crate) fn is_lowercase_ascii(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// True if `s` has a white-space character (`char::is_whitespace`): ASCII
/// byte by byte, by char only from a non-ASCII byte on. Names in an article
/// are nearly all ASCII, and most have no space.
pub(crate) fn has_whitespace(s: &str) -> bool {
    // The ASCII white space of `char::is_whitespace`: tab to carriage return
    // (vertical tab and form feed too, unlike `u8::is_ascii_whitespace`), space.
    match s
        .bytes()
        .position(|b| matches!(b, b'\t'..=b'\r' | b' ') || b >= 0x80)
    {
        None => false,
        Some(i) if s.as_bytes()[i] < 0x80 => true,
        // A lead byte: a character boundary.
        Some(i) => s[i..].contains(char::is_whitespace),
    }
}

/// The byte length of the run of word characters ([`is_word_char`]) that
/// `s` starts with: ASCII byte by byte, by char only from a non-ASCII byte on.
pub fn word_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut ascii = 0;
    while ascii < bytes.len() && ASCII_ALNUM[usize::from(bytes[ascii])] {
        ascii += 1;
    }
    match s.as_bytes().get(ascii) {
        Some(b) if !b.is_ascii() => {
            ascii
                + s[ascii..]
                    .find(|c: char| !is_word_char(c))
                    .unwrap_or(s.len() - ascii)
        }
        _ => ascii,
    }
}

/// `u8::is_ascii_alphanumeric` as a table: one load per byte.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The General Punctuation block: spaces, dashes, quotation marks, bullets,
/// ellipses; no letter or digit.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Splits `text` into sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut para_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Paragraphs: separated by a line that is empty or white space only.
    while i <= bytes.len() {
        // Only a line break or the end can close a paragraph.
        if i < bytes.len() && bytes[i] != b'\n' {
            i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
            continue;
        }
        let at_end = i == bytes.len();
        let blank_line = !at_end && bytes[i] == b'\n' && {
            let rest = &text[i + 1..];
            let line_end = rest.find('\n').map_or(rest.len(), |e| e);
            rest[..line_end].trim().is_empty() && line_end < rest.len() || rest.trim().is_empty()
        };
        if at_end || blank_line {
            split_paragraph(text, para_start, i, paragraph, &mut out);
            paragraph += 1;
            // Skip the blank lines.
            let mut j = i;
            while j < bytes.len() && (bytes[j] as char).is_ascii_whitespace() {
                j += 1;
            }
            para_start = j;
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    if out.is_empty() && !text.trim().is_empty() {
        split_paragraph(text, 0, text.len(), 0, &mut out);
    }
    out
}

fn split_paragraph(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    if start >= end {
        return;
    }
    let para = &text[start..end];
    let bytes = para.as_bytes();
    let mut sent_start = 0;
    let mut pos = 0;
    // Only line breaks and terminal punctuation can end a sentence; the bytes
    // in between are skipped with memchr (in UTF-8 no byte of a multi-byte
    // character equals an ASCII one, and "…" starts with 0xE2). The next
    // punctuation mark and the next line break or 0xE2 are searched for apart,
    // each again only once passed.
    let mut next_punct = 0;
    let mut next_other = 0;
    while pos < bytes.len() {
        if next_punct < pos {
            next_punct =
                memchr::memchr3(b'.', b'!', b'?', &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
        }
        if next_other < pos {
            next_other =
                memchr::memchr2(b'\n', 0xE2, &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
        }
        pos = next_punct.min(next_other);
        if pos >= bytes.len() {
            break;
        }
        let c = match bytes[pos] {
            b'\n' => '\n',
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            0xE2 if para[pos..].starts_with('…') => '…',
            _ => {
                pos += 1;
                continue;
            }
        };
        let mut boundary_end = None;
        let mut next_pos = pos + c.len_utf8();
        if c == '\n' {
            // A single line break ends a sentence after terminal punctuation or
            // a short line (a headline, a dateline); long lines are hard wraps.
            let line_start = para[..pos].rfind('\n').map_or(0, |p| p + 1);
            let line = para[line_start..pos].trim_end();
            let terminal = line.ends_with(['.', '!', '?', ':', '"', '”', '’', '\'']);
            if terminal || line.chars().count() < 60 {
                boundary_end = Some(pos);
            }
        } else {
            // Include closing quotes and brackets.
            let after = &para[next_pos..];
            let closed = after
                .find(|ch: char| !matches!(ch, '"' | '”' | '’' | '\'' | ')' | ']'))
                .unwrap_or(after.len());
            next_pos += closed;
            let followed_by_space = para[next_pos..].starts_with(char::is_whitespace);
            if followed_by_space {
                let next = para[next_pos..].chars().find(|x| !x.is_whitespace());
                let next_ok = next.is_none_or(|x| {
                    x.is_uppercase()
                        || x.is_numeric()
                        || matches!(x, '"' | '“' | '‘' | '\'' | '(' | '[')
                });
                if next_ok && !(c == '.' && is_abbreviation(&para[..pos])) {
                    boundary_end = Some(next_pos);
                }
            }
        }
        if let Some(b) = boundary_end {
            push_trimmed(text, start + sent_start, start + b, paragraph, out);
            sent_start = b;
        }
        pos = next_pos;
    }
    push_trimmed(text, start + sent_start, end, paragraph, out);
}

/// The lines of `s`, as `str::lines` gives them (without "\n" or "\r\n"),
/// found with memchr: `str::lines` sets up a search per line, which for a
/// word list of 20,000 lines, or an article whose first line is a whole
/// paragraph, costs more than the search.
pub(crate) fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = s.get(at..).filter(|r| !r.is_empty())?;
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        at += (end + 1).min(rest.len());
        let line = &rest[..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The words of a bundled word list: one per line; `#` starts a comment line.
fn list_words(list: &'static str) -> impl Iterator<Item = &'static str> {
    lines(list).filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// A set of words, each with the lists that have it (up to four, a bit
/// each), looked up without reading the words themselves: a word of at most
/// [`ShortWord::MAX`] bytes (every word of the bundled lists) is held in the
/// table as a [`ShortWord`], so that a look-up hashes and compares two
/// integers, where a set of `&str` followed a pointer from each entry it
/// probed to the word's bytes and compared them with a `memcmp` call. Lists
/// asked about the same words share one table: one look-up says of a name
/// whether it is a first name, a surname and a common word, where a set per
/// list took a look-up (and a cache miss) in each.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    short: foldhash::HashSet<Listed>,
    long: foldhash::HashMap<&'static str, u8>,
}

impl WordSet {
    /// The bundled word lists `lists` (see [`list_words`]); bit `i` of
    /// [`WordSet::lists_of`] is list `i`. The table is sized for their
    /// lines before it is filled: growing a set of 20,000 words re-hashes
    /// them a dozen times, at every start-up.
    pub(crate) fn lists(lists: &[&'static str]) -> WordSet {
        assert!(lists.len() <= 4, "a word has four bits for its lists");
        let lines = lists
            .iter()
            .map(|l| memchr::memchr_iter(b'\n', l.as_bytes()).count() + 1)
            .sum();
        let words = (0..lists.len()).flat_map(|i| list_words(lists[i]).map(move |w| (w, 1 << i)));
        WordSet::with(lines, words)
    }

    /// The set of `words` with their lists' bits, sized for `capacity`.
    fn with(capacity: usize, words: impl IntoIterator<Item = (&'static str, u8)>) -> WordSet {
        use foldhash::HashSetExt;
        let mut set = WordSet {
            short: foldhash::HashSet::with_capacity(capacity),
            long: foldhash::HashMap::default(),
        };
        for (w, bits) in words {
            match ShortWord::new(w) {
                Some(k) => {
                    let had = set.short.take(&Listed(k)).map_or(0, |l| l.lists());
                    set.short.insert(Listed::new(k, had | bits));
                }
                None => *set.long.entry(w).or_default() |= bits,
            }
        }
        set
    }

    /// The lists that have `w`, a bit each (0 if it is not in the set).
    pub(crate) fn lists_of(&self, w: &str) -> u8 {
        match ShortWord::new(w) {
            Some(k) => self.short.get(&Listed(k)).map_or(0, |l| l.lists()),
            None => self.long.get(w).copied().unwrap_or(0),
        }
    }

    /// True if `w` is one of the words.
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.lists_of(w) != 0
    }
}

/// A set of one list's words.
impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> WordSet {
        WordSet::with(0, words.into_iter().map(|w| (w, 1)))
    }
}

/// A [`ShortWord`] with the lists that have it in the top four bits of its
/// second integer (its length takes the four below): the key's equality and
/// hash leave them out.
#[derive(Debug, Clone, Copy)]
struct Listed(ShortWord);

impl Listed {
    const LISTS: u64 = 0xF << 60;

    fn new(k: ShortWord, lists: u8) -> Listed {
        Listed(ShortWord(
            k.0,
            k.1 & !Listed::LISTS | u64::from(lists) << 60,
        ))
    }

    fn lists(&self) -> u8 {
        (self.0 .1 >> 60) as u8
    }

    fn word(&self) -> ShortWord {
        ShortWord(self.0 .0, self.0 .1 & !Listed::LISTS)
    }
}

impl PartialEq for Listed {
    fn eq(&self, other: &Listed) -> bool {
        self.word() == other.word()
    }
}

impl Eq for Listed {}

impl std::hash::Hash for Listed {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.word().hash(state);
    }
}

/// A word of at most [`ShortWord::MAX`] bytes as two integers that the word
/// alone determines (its length in the top byte of the second, the rest read
/// as foldhash reads a short string: the first and last bytes, or the first
/// and last four or eight, which overlap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShortWord(u64, u64);

impl ShortWord {
    const MAX: usize = 15;

    fn new(w: &str) -> Option<ShortWord> {
        let b = w.as_bytes();
        let n = b.len();
        let u32_at =
            |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
        let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]));
        let len = (n as u64) << 56;
        Some(match n {
            0 => ShortWord(0, len),
            1..=3 => ShortWord(
                u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
                len,
            ),
            4..=7 => ShortWord(u32_at(0) | u32_at(n - 4) << 32, len),
            // The last eight bytes' first is one of the first eight.
            8..=ShortWord::MAX => ShortWord(u64_at(0), u64_at(n - 8) >> 8 | len),
            _ => return None,
        })
    }
}

impl std::hash::Hash for ShortWord {
    /// One word for the hasher's one multiply.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0 ^ self.1.rotate_left(29));
    }
}

fn is_abbreviation(before: &str) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    static SET: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| ABBREVIATIONS.iter().copied().collect());
    if word.is_ascii() {
        // ASCII lowercasing is Unicode's for ASCII text, and no abbreviation
        // is longer than ABBREVIATION_MAX_LEN: short words are lowercased on
        // the stack (this runs at every full stop before a capital).
        if word.is_empty() || word.len() > ABBREVIATION_MAX_LEN {
            return false;
        }
        if word.len() == 1 {
            // A single capital letter is an initial ("John F. Kennedy").
            return word.as_bytes()[0].is_ascii_uppercase();
        }
        let mut buf = [0u8; ABBREVIATION_MAX_LEN];
        let w = &mut buf[..word.len()];
        w.copy_from_slice(word.as_bytes());
        w.make_ascii_lowercase();
        return std::str::from_utf8(w).is_ok_and(|w| set.contains(w));
    }
    let w = word.to_lowercase();
    // A single capital letter is an initial.
    if w.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    set.contains(w.as_str())
}

/// The length in bytes of the longest of [`ABBREVIATIONS`] ("approx").
const ABBREVIATION_MAX_LEN: usize = 6;

fn push_trimmed(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    out.push(Sentence {
        start: start + lead,
        end: end - trail,
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_and_end_beside_bytes_outside_words() {
        // incidents::may_report relies on it: an ASCII `\b` at a sentence's
        // ends reads the same in the sentence alone and in the text.
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut texts = crate::test_texts();
        texts.extend(
            [
                "He said.\"Next one\" came. U.S. forces left...Then\nA short line\nand more",
                "Why? Because! (Yes.) [No.] «Oui.» “Quoted.” ‘Single.’ End…Start… Next",
                "  lead\r\n\r\npara two.  Trailing   \n\n\n",
                "x.y.z. 3.5 km. Dr. Who. A.\tB.\u{a0}C.\u{2003}D",
            ]
            .map(String::from),
        );
        let mut n = 0;
        for text in &texts {
            let b = text.as_bytes();
            for s in sentences(text) {
                assert!(
                    s.start == 0 || !word(b[s.start - 1]),
                    "before {:?}",
                    &text[s.start..s.end]
                );
                assert!(
                    s.end == b.len() || !word(b[s.end]),
                    "after {:?}",
                    &text[s.start..s.end]
                );
                n += 1;
            }
        }
        assert!(n > 10_000, "{n}");
    }

    #[test]
    fn has_whitespace_agrees_with_char_is_whitespace() {
        let mut words: Vec<String> = [
            "Kyiv",
            "New York",
            "Rostov-on-Don",
            "a\tb",
            "a\u{0B}b",
            "a\u{0C}b",
            "a\u{1C}b",
            "Київ",
            "Нью Йорк",
            "Київ\u{a0}x",
            "São\u{2003}Paulo",
            "Zürich ",
            "",
            " ",
        ]
        .map(String::from)
        .to_vec();
        // And every word and pair of words of the public corpora's texts.
        for text in crate::test_texts().iter().take(200) {
            let mut prev = "";
            for w in text.split(' ') {
                words.push(w.to_string());
                words.push(format!("{prev} {w}"));
                prev = w;
            }
        }
        for w in &words {
            assert_eq!(has_whitespace(w), w.contains(char::is_whitespace), "{w:?}");
        }
    }

    #[test]
    fn lines_are_as_str_lines_gives_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\r\n",
            "a\rb\r",
            "\r\n\r\n",
            "é:\nü",
        ] {
            let got: Vec<&str> = lines(text).map(str::trim).collect();
            let want: Vec<&str> = text.lines().map(str::trim).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn word_lists_are_their_lines() {
        let lists = [
            include_str!("../data/surnames.txt"),
            include_str!("../data/first_names.txt"),
            include_str!("../data/common_words.txt"),
            "a\r\n# comment\n\nb\nc\nthe word that is longer than fifteen bytes\nsmith",
        ];
        let table = WordSet::lists(&lists);
        let mut all = std::collections::HashMap::<&str, u8>::new();
        for (i, list) in lists.iter().enumerate() {
            let words: Vec<&str> = list
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .collect();
            assert!(words.iter().all(|w| table.lists_of(w) & 1 << i != 0));
            for w in words {
                *all.entry(w).or_default() |= 1 << i;
            }
        }
        assert_eq!(table.short.len() + table.long.len(), all.len());
        assert!(all.iter().all(|(w, &bits)| table.lists_of(w) == bits));
        assert_eq!(
            table.lists_of("a\r") | table.lists_of("# comment") | table.lists_of(""),
            0
        );
        assert_eq!(
            table.lists_of("the word that is longer than fifteen bytes"),
            0b1000
        );
    }

    /// Two words have the same [`ShortWord`] only if they are the same word:
    /// every substring of a text up to the longest short word, and every
    /// word of one byte changed (at each place, to each of a few values).
    #[test]
    fn short_words_are_the_words() {
        let text = "Aa\0aab abcd abcde Kyiv, Київ Mariupol Zaporizhzhia-Oblast\u{1}";
        let mut seen = std::collections::HashMap::new();
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len().min(start + ShortWord::MAX))
                .filter(|&e| text.is_char_boundary(e))
            {
                let w = &text[start..end];
                let key = ShortWord::new(w).unwrap();
                assert_eq!(*seen.entry(key).or_insert(w), w);
            }
        }
        let word = "abcdefghijklmno";
        for n in 0..=word.len() {
            let w = &word[..n];
            for at in 0..n {
                for b in [b'\0', b'A', b'z', 0x7F] {
                    let mut other = w.as_bytes().to_vec();
                    other[at] = b;
                    let other = std::str::from_utf8(&other).unwrap();
                    assert_eq!(ShortWord::new(w) == ShortWord::new(other), w == other);
                }
            }
        }
        assert_eq!(ShortWord::new(&"a".repeat(ShortWord::MAX + 1)), None);
        let set: WordSet = ["a", "a bit longer than fifteen bytes"]
            .into_iter()
            .collect();
        assert!(set.contains("a bit longer than fifteen bytes") && !set.contains("a bit"));
    }

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn word_len_is_the_run_of_word_characters() {
        for s in [
            "",
            "Kyiv",
            "Kyiv's",
            "Zürich, ",
            "Île-de-France",
            "日本語 x",
            "ab’cd",
            "x1y2 z",
            "é",
        ] {
            let want = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
            assert_eq!(word_len(s), want, "{s:?}");
        }
    }

    #[test]
    fn general_punctuation_has_no_word_characters() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            texts("One here. Two there! Three?"),
            ["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn abbreviations_are_short_lowercase_ascii() {
        for a in ABBREVIATIONS {
            // Single letters are initials, told by their case, not looked up.
            assert!(
                (2..=ABBREVIATION_MAX_LEN).contains(&a.len()) && a.is_ascii(),
                "{a}"
            );
            assert_eq!(*a, a.to_lowercase());
        }
        assert!(is_abbreviation("met Gen"));
        assert!(is_abbreviation("the U.S"));
        assert!(is_abbreviation("John F"));
        assert!(!is_abbreviation("John f"));
        assert!(!is_abbreviation("the capital"));
        assert!(!is_abbreviation(""));
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            texts("Mr. Smith met Gen. Jones in the U.S. capital. John F. Kennedy left."),
            [
                "Mr. Smith met Gen. Jones in the U.S. capital.",
                "John F. Kennedy left."
            ]
        );
    }

    #[test]
    fn paragraphs_and_headlines() {
        let t = "Headline here\n\nFirst para. Still first.\n\nSecond \"quoted.\" Next one.";
        let s = sentences(t);
        assert_eq!(
            texts(t),
            [
                "Headline here",
                "First para.",
                "Still first.",
                "Second \"quoted.\"",
                "Next one."
            ]
        );
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            [0, 1, 1, 2, 2]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            texts("It was 3 p.m. local time when it hit."),
            ["It was 3 p.m. local time when it hit."]
        );
    }
}
