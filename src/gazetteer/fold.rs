//! Folding of names and text for matching: `&str` in, folded `String` out.
//!
//! Folding lowercases, strips diacritics (NFD, combining marks dropped), and
//! unifies apostrophes, dashes and white space, so that "Lysychans’k",
//! "LYSYCHANSK" and "Lysychansk" meet in the index. The same function folds the
//! gazetteer at build time (build.rs includes this file) and articles at run
//! time, so the two can never drift apart. [`fold_with_offsets`] keeps, for every
//! folded byte, the byte offset of the original character it came from, so that
//! matches on folded text are reported as exact spans of the original text.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The folded form of an ASCII byte (one byte too).
#[inline]
pub fn fold_ascii(b: u8) -> u8 {
    match b {
        b'`' => b'\'',
        b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => b' ',
        _ => b.to_ascii_lowercase(),
    }
}

/// Appends the folded form of `c` to `out`.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(fold_ascii(c as u8) as char);
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02B9}' | '\u{00B4}' | '\u{2032}' => {
            out.push('\'')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00DF}' => out.push_str("ss"),
        '\u{00E6}' | '\u{00C6}' => out.push_str("ae"),
        '\u{0153}' | '\u{0152}' => out.push_str("oe"),
        '\u{00F8}' | '\u{00D8}' => out.push('o'),
        '\u{0111}' | '\u{0110}' => out.push('d'),
        '\u{0142}' | '\u{0141}' => out.push('l'),
        '\u{0131}' => out.push('i'),
        '\u{00FE}' | '\u{00DE}' => out.push_str("th"),
        c if c.is_whitespace() => out.push(' '),
        c => {
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                });
            }
        }
    }
}

/// Folds a whole string (a gazetteer name, a lookup query).
pub fn fold(s: &str) -> String {
    // ASCII (nearly every name in an article) folds byte for byte: lowercased
    // at once, then the few bytes [`fold_ascii`] also changes, if any.
    if s.is_ascii() {
        let mut out = s.to_ascii_lowercase();
        if out.bytes().any(|b| fold_ascii(b) != b) {
            out = out.bytes().map(|b| char::from(fold_ascii(b))).collect();
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds `s` and returns, for each byte of the folded text, the byte offset in
/// `s` of the character it came from, plus one final entry equal to `s.len()`.
pub fn fold_with_offsets(s: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = out.len();
        fold_char(c, &mut out);
        offsets.resize(out.len(), i as u32);
        // A character that folds to nothing (a lone combining mark) leaves no entry.
        debug_assert!(out.len() >= before);
    }
    offsets.push(s.len() as u32);
    (out, offsets)
}
