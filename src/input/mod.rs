//! Input: files and streams in, [`Article`]s out.
//!
//! Formats: plain text and Markdown (`.txt`, `.md`; a leading `Date:`, `Title:`
//! or `URL:` line, or YAML front matter, is read as metadata and left in the
//! text so that offsets stay those of the file), HTML (`.html`, `.htm`: main text
//! and metadata, see [`html`]), JSON (`.json`: one article object or an array of
//! them) and JSON Lines (`.jsonl`, `.ndjson`: one article per line, text from
//! `text`/`body`/`content`, metadata from `title`, `url`,
//! `date`/`published`/`published_at`, `id`), each also gzip-compressed (`.gz`).
//! The publication date may also come from the file name
//! (`lysychansk-2022-07-03.txt`) or from `--date`.
//!
//! Bad input is never fatal: [`read_input`] hands every article, failure and
//! warning to a callback, in input order, and goes on. Files are streamed: JSON
//! Lines one record at a time, and no article or record larger than
//! [`MAX_ARTICLE_BYTES`] is held in memory. Text that is not valid UTF-8 is
//! decoded with U+FFFD in place of the invalid bytes and a warning naming the
//! first bad byte's offset; offsets in the output then refer to the decoded text.

pub mod html;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use crate::error::{Error, Result};

/// The formats eventmap reads, as listed in error messages.
pub const SUPPORTED: &str =
    "txt, md, html, htm, json, jsonl, ndjson, and each of them .gz-compressed";

/// The largest article (or JSON Lines record) eventmap reads; larger ones are
/// skipped with a warning rather than held in memory.
pub const MAX_ARTICLE_BYTES: usize = 32 << 20;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown (read as text).
    Md,
    /// HTML (main text extracted).
    Html,
    /// One JSON article or an array of them.
    Json,
    /// One JSON article per line.
    Jsonl,
}

impl Format {
    /// The format for a file extension, if eventmap reads it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The format of `path` by extension, and whether it is gzip-compressed
    /// (`news.jsonl.gz`).
    pub fn of_path(path: &Path) -> Result<(Format, bool)> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (stem, gz) = match name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".GZ"))
        {
            Some(stem) => (stem, true),
            None => (name, false),
        };
        let ext = Path::new(stem)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match Format::from_extension(ext) {
            Some(f) => Ok((f, gz)),
            None => Err(Error::UnsupportedFormat {
                path: path.into(),
                ext: if gz {
                    format!("{ext}.gz")
                } else {
                    ext.to_string()
                },
                supported: SUPPORTED,
            }),
        }
    }

    /// Guesses the format of a stream from its first bytes.
    pub fn sniff(head: &[u8]) -> Format {
        let t = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(&[][..], |i| &head[i..]);
        let t = t.strip_prefix(b"\xef\xbb\xbf").unwrap_or(t);
        match t.first() {
            Some(b'{') => Format::Jsonl,
            Some(b'[') => Format::Json,
            Some(b'<') => Format::Html,
            _ => Format::Txt,
        }
    }
}

/// Metadata given on the command line, used where the input has none.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// `--date`.
    pub date: Option<NaiveDate>,
    /// `--title`.
    pub title: Option<String>,
    /// `--url`.
    pub url: Option<String>,
}

/// One article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where it came from: a path, `path#line` or `path#id` for records, `-` for stdin.
    pub source: String,
    /// The text all offsets refer to.
    pub text: String,
    /// Title, if known.
    pub title: Option<String>,
    /// URL, if known.
    pub url: Option<String>,
    /// Publication date, if known.
    pub date: Option<NaiveDate>,
}

/// Parses `YYYY-MM-DD` (a longer timestamp is cut to its date).
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let t = s.trim();
    let head = t.get(..10).unwrap_or(t);
    NaiveDate::parse_from_str(head, "%Y-%m-%d").map_err(|_| Error::BadDate {
        value: s.to_string(),
    })
}

/// A `YYYY-MM-DD` inside a file name.
fn date_in_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = name.get(i..i + 10)?;
        let shape = w.bytes().enumerate().all(|(k, c)| {
            if k == 4 || k == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        if shape {
            NaiveDate::parse_from_str(w, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

/// Reads a plain-text or Markdown article.
pub fn read_text(source: &str, text: String, defaults: &Defaults) -> Article {
    let mut date = None;
    let mut title = None;
    let mut url = None;
    // Header lines ("Date: ...") or YAML front matter ("---" ... "---").
    // Lines and colons are found with memchr: the first line of an article
    // without a header is often its whole first paragraph.
    let mut in_front = false;
    for (k, line) in crate::text::lines(&text).enumerate().take(40) {
        let l = line.trim();
        if k == 0 && l == "---" {
            in_front = true;
            continue;
        }
        if in_front && l == "---" {
            break;
        }
        let colon = memchr::memchr(b':', l.as_bytes());
        let Some((key, value)) = colon.map(|c| (&l[..c], &l[c + 1..])) else {
            if in_front {
                continue;
            }
            break;
        };
        let value = || value.trim().trim_matches(['"', '\'']);
        // Compared in place: the text before the first colon of a first line
        // that is a paragraph can be long.
        let key = key.trim();
        let is = |names: &[&str]| names.iter().any(|n| key.eq_ignore_ascii_case(n));
        if is(&["date", "published", "published_at", "pubdate"]) {
            date = parse_date(value()).ok().or(date);
        } else if is(&["title"]) {
            title = Some(value().to_string());
        } else if is(&["url", "link", "source_url"]) {
            url = Some(value().to_string());
        } else if !in_front {
            break;
        }
    }
    let name = Path::new(source)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    Article {
        source: source.to_string(),
        date: date.or(defaults.date).or_else(|| date_in_name(name)),
        title: title.or_else(|| defaults.title.clone()),
        url: url.or_else(|| defaults.url.clone()),
        text,
    }
}

const TEXT_FIELDS: &[&str] = &["text", "body", "content", "article", "maintext"];

/// Reads one JSON article object; `source` names the file and record.
pub fn read_record(source: String, v: &Value, defaults: &Defaults) -> Result<Article> {
    let Value::Object(o) = v else {
        return Err(Error::BadInput {
            source_name: source,
            reason: "record is not a JSON object".into(),
        });
    };
    let text = TEXT_FIELDS
        .iter()
        .find_map(|f| o.get(*f).and_then(Value::as_str))
        .ok_or_else(|| Error::BadInput {
            source_name: source.clone(),
            reason: format!("no text field (looked for {})", TEXT_FIELDS.join(", ")),
        })?;
    let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
    let date = [
        "date",
        "published",
        "published_at",
        "publish_date",
        "pubdate",
        "datePublished",
    ]
    .iter()
    .find_map(|k| o.get(*k).and_then(Value::as_str))
    .and_then(|d| parse_date(d).ok());
    let id = o.get("id").and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let source = match id {
        Some(id) => format!(
            "{}#{}",
            source.rsplit_once('#').map_or(source.as_str(), |x| x.0),
            id
        ),
        None => source,
    };
    Ok(Article {
        source,
        text: text.to_string(),
        title: s("title").or_else(|| defaults.title.clone()),
        url: s("url")
            .or_else(|| s("link"))
            .or_else(|| defaults.url.clone()),
        date: date.or(defaults.date),
    })
}

/// What reading an input yields, in order.
#[derive(Debug)]
pub enum Item {
    /// An article to map.
    Article(Article),
    /// An input or record that could not be read (skipped).
    Failed(Error),
    /// Something read imperfectly (the article is still mapped); counts as a failure
    /// in the exit code, so a run with warnings is never reported as clean.
    Warning(Error),
}

fn bad(source: &str, reason: impl Into<String>) -> Error {
    Error::BadInput {
        source_name: source.to_string(),
        reason: reason.into(),
    }
}

/// Decodes UTF-8, replacing invalid bytes, with a warning for the first one.
fn decode(source: &str, bytes: Vec<u8>, emit: &mut dyn FnMut(Item)) -> String {
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            emit(Item::Warning(bad(
                source,
                format!("invalid UTF-8 at byte offset {at}: invalid bytes replaced with U+FFFD"),
            )));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Reads the rest of `r` into `buf` while it holds at most `limit` bytes;
/// true if the input had more.
fn read_capped(r: &mut dyn Read, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<bool> {
    let room = (limit + 1).saturating_sub(buf.len());
    r.take(room as u64).read_to_end(buf)?;
    Ok(buf.len() > limit)
}

/// Reads a regular file whose metadata gave its length, `len`, whole; true
/// if it had more than `limit` bytes.
///
/// The buffer is one byte longer than the file, so a file that is still
/// `len` bytes long is read with one `read`: a read of a regular file that
/// stops short of what was asked has reached the file's end, so the read
/// that would return 0 is not made (one system call per file of a folder,
/// which `read_to_end` makes). It stops early only at exactly `len` bytes;
/// a read that stops short elsewhere (a network file system may), or a file
/// that had grown by the time it was read, is read on to its end. (A file
/// still growing while it is read may be read as its length said, which no
/// reader of a changing file can rule out.)
fn read_file(r: &mut dyn Read, len: usize, limit: usize) -> std::io::Result<(Vec<u8>, bool)> {
    let mut buf = vec![0; len.min(limit) + 1];
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled == len {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let more = filled == buf.len();
    buf.truncate(filled);
    let over = more && read_capped(r, &mut buf, limit)?;
    Ok((buf, over))
}

/// Reads one line (without its newline) of at most `limit` bytes into `buf`;
/// returns `None` at end of input, `Some(true)` if the line was longer (its
/// rest is skipped, never held).
fn read_line_capped(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut over = false;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(over));
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !over {
            if buf.len() + take > limit {
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(over));
        }
    }
}

/// Reads every article of one input (`display` names it in messages and
/// `source`), calling `emit` for each article, failure and warning.
/// `format` `None` means: guess from the content.
pub fn read_input(
    display: &str,
    reader: &mut dyn Read,
    format: Option<Format>,
    defaults: &Defaults,
    emit: &mut dyn FnMut(Item),
) {
    read_input_sized(display, reader, None, format, defaults, emit)
}

/// The buffer of a stream read a piece at a time, and how much of a file's
/// start [`Format::sniff`] reads.
const BUFFER: usize = 64 * 1024;

/// [`read_input`] for a file of `size` bytes (its metadata's length: 0 for
/// a pipe), so that a small file gets a small buffer, read without regrowth: a text,
/// Markdown or HTML file is read whole into the buffer its text is then
/// decoded in (JSON and JSON Lines are read a record at a time, as from any
/// stream, unless the file was sniffed as JSON once read).
pub fn read_input_sized(
    display: &str,
    reader: &mut dyn Read,
    size: Option<u64>,
    format: Option<Format>,
    defaults: &Defaults,
    emit: &mut dyn FnMut(Item),
) {
    let whole = size.and_then(|n| usize::try_from(n).ok()).filter(|&n| {
        n <= MAX_ARTICLE_BYTES && !matches!(format, Some(Format::Jsonl | Format::Json))
    });
    if let Some(len) = whole {
        let bytes = match read_file(reader, len, MAX_ARTICLE_BYTES) {
            Err(e) => return emit(Item::Failed(bad(display, e.to_string()))),
            Ok((_, true)) => return emit(Item::Failed(too_large(display))),
            Ok((bytes, false)) => bytes,
        };
        let format = format.unwrap_or_else(|| Format::sniff(&bytes[..bytes.len().min(BUFFER)]));
        return match format {
            Format::Jsonl | Format::Json => {
                read_records(display, &mut &bytes[..], format, defaults, emit)
            }
            _ => read_document(display, bytes, format, defaults, emit),
        };
    }
    // A stream (stdin, a compressed file), or a JSON file read a record at a time.
    let capacity = size.map_or(BUFFER, |n| {
        usize::try_from(n)
            .unwrap_or(usize::MAX)
            .saturating_add(1)
            .clamp(512, BUFFER)
    });
    let mut reader = BufReader::with_capacity(capacity, reader);
    let format = match format {
        Some(f) => f,
        None => match reader.fill_buf() {
            Ok(head) => Format::sniff(head),
            Err(e) => return emit(Item::Failed(bad(display, e.to_string()))),
        },
    };
    // An empty stream is an empty partition (Spark, Hadoop streaming), not an error.
    if display == "-" && reader.fill_buf().is_ok_and(|b| b.is_empty()) {
        return;
    }
    if matches!(format, Format::Jsonl | Format::Json) {
        return read_records(display, &mut reader, format, defaults, emit);
    }
    let mut bytes = Vec::new();
    match read_capped(&mut reader, &mut bytes, MAX_ARTICLE_BYTES) {
        Err(e) => emit(Item::Failed(bad(display, e.to_string()))),
        Ok(true) => emit(Item::Failed(too_large(display))),
        Ok(false) => read_document(display, bytes, format, defaults, emit),
    }
}

/// The message for an input over [`MAX_ARTICLE_BYTES`].
fn too_large(display: &str) -> Error {
    bad(
        display,
        format!(
            "larger than the {} MB article limit: skipped",
            MAX_ARTICLE_BYTES >> 20
        ),
    )
}

/// Reads JSON Lines, or JSON: an array an element at a time, anything else
/// whole.
fn read_records(
    display: &str,
    reader: &mut dyn BufRead,
    format: Format,
    defaults: &Defaults,
    emit: &mut dyn FnMut(Item),
) {
    if format == Format::Jsonl {
        return read_jsonl(display, reader, defaults, emit);
    }
    match starts_array(reader) {
        Err(e) => return emit(Item::Failed(bad(display, e.to_string()))),
        Ok(true) => return read_json_array(display, reader, MAX_ARTICLE_BYTES, defaults, emit),
        Ok(false) => {}
    }
    let mut bytes = Vec::new();
    match read_capped(reader, &mut bytes, MAX_ARTICLE_BYTES) {
        Err(e) => emit(Item::Failed(bad(display, e.to_string()))),
        Ok(true) => emit(Item::Failed(too_large(display))),
        Ok(false) => read_document(display, bytes, format, defaults, emit),
    }
}

/// The article (or, for a JSON document, articles) in the whole of an
/// input's bytes.
fn read_document(
    display: &str,
    bytes: Vec<u8>,
    format: Format,
    defaults: &Defaults,
    emit: &mut dyn FnMut(Item),
) {
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        return emit(Item::Failed(bad(
            display,
            format!("binary file (NUL byte at offset {at}): skipped"),
        )));
    }
    let text = decode(display, bytes, emit);
    if text.trim().is_empty() {
        return emit(Item::Failed(bad(display, "empty file")));
    }
    match format {
        Format::Txt | Format::Md => emit(Item::Article(read_text(display, text, defaults))),
        Format::Html => {
            let page = html::extract(&text);
            if page.text.trim().is_empty() {
                return emit(Item::Failed(bad(display, "HTML page without text")));
            }
            let name = Path::new(display)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("");
            emit(Item::Article(Article {
                source: display.to_string(),
                text: page.text,
                title: page.title.or_else(|| defaults.title.clone()),
                url: page.url.or_else(|| defaults.url.clone()),
                date: page.date.or(defaults.date).or_else(|| date_in_name(name)),
            }))
        }
        Format::Json => match serde_json::from_str::<Value>(&text) {
            Ok(Value::Array(items)) => {
                for (i, v) in items.iter().enumerate() {
                    emit(
                        match read_record(format!("{display}#{}", i + 1), v, defaults) {
                            Ok(a) => Item::Article(a),
                            Err(e) => Item::Failed(e),
                        },
                    );
                }
            }
            Ok(v) => emit(match read_record(display.to_string(), &v, defaults) {
                Ok(a) => Item::Article(a),
                Err(e) => Item::Failed(e),
            }),
            Err(e) => emit(Item::Failed(bad(
                &format!("{display}:{}", e.line()),
                format!("invalid JSON at column {}: {e}", e.column()),
            ))),
        },
        Format::Jsonl => read_jsonl(display, &mut text.as_bytes(), defaults, emit),
    }
}

/// Skips a byte-order mark and white space; true if a JSON array starts
/// there (its `[` is left unread), false for anything else.
fn starts_array(r: &mut dyn BufRead) -> std::io::Result<bool> {
    let mut first = true;
    loop {
        let buf = r.fill_buf()?;
        if first && buf.starts_with(b"\xef\xbb\xbf") {
            r.consume(3);
            first = false;
            continue;
        }
        first = false;
        let ws = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if ws == buf.len() && !buf.is_empty() {
            r.consume(ws);
            continue;
        }
        let array = buf.get(ws) == Some(&b'[');
        r.consume(ws);
        return Ok(array);
    }
}

/// Reads a JSON array of articles one element at a time, so that a file of
/// any size is read in bounded memory (each element, at most `limit` bytes,
/// is held while it is parsed). A scanner finds each element's end (strings,
/// escapes and nesting followed byte by byte); a bad element is reported with
/// its line and skipped, and the elements after it are read, as JSON Lines'
/// records are.
fn read_json_array(
    display: &str,
    reader: &mut dyn BufRead,
    limit: usize,
    defaults: &Defaults,
    emit: &mut dyn FnMut(Item),
) {
    // The `[` that starts_array found.
    reader.consume(1);
    let mut line = 1usize;
    let mut index = 0usize;
    let mut elem: Vec<u8> = Vec::new();
    let (mut depth, mut in_string, mut escape, mut over) = (0usize, false, false, false);
    let mut start_line = line;
    // Set by `]` at depth 0: the array is closed, only white space may follow.
    let mut closed = false;
    let mut trailing_comma = false;
    let mut finish = |elem: &mut Vec<u8>, over: bool, start_line: usize, index: &mut usize| {
        // The element's line: where its first byte that is not white space is.
        let lead = elem.iter().take_while(|b| b.is_ascii_whitespace());
        let here = format!(
            "{display}:{}",
            start_line + lead.filter(|&&b| b == b'\n').count()
        );
        if over {
            *index += 1;
            return emit(Item::Failed(bad(
                &here,
                format!("record larger than the {} MB limit: skipped", limit >> 20),
            )));
        }
        if elem.iter().all(u8::is_ascii_whitespace) {
            return emit(Item::Failed(bad(
                &here,
                "invalid JSON: empty array element",
            )));
        }
        *index += 1;
        let text = decode(&here, std::mem::take(elem), emit);
        emit(match serde_json::from_str::<Value>(&text) {
            Ok(v) => match read_record(format!("{display}#{index}"), &v, defaults) {
                Ok(a) => Item::Article(a),
                Err(e) => Item::Failed(e),
            },
            Err(e) => Item::Failed(bad(&here, format!("invalid JSON: {e}"))),
        });
    };
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => {
                return emit(Item::Failed(bad(
                    &format!("{display}:{line}"),
                    e.to_string(),
                )))
            }
        };
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        let mut taken = 0;
        let mut k = 0;
        while k < n {
            let b = buf[k];
            if closed {
                if !b.is_ascii_whitespace() {
                    emit(Item::Failed(bad(
                        &format!("{display}:{line}"),
                        "invalid JSON: text after the array",
                    )));
                    return;
                }
                if b == b'\n' {
                    line += 1;
                }
                k += 1;
                taken = k;
                continue;
            }
            let mut end_here = false;
            if in_string {
                if escape {
                    escape = false;
                } else if b == b'\\' {
                    escape = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' if depth > 0 => depth -= 1,
                    b']' => {
                        end_here = true;
                        closed = true;
                    }
                    b',' if depth == 0 => end_here = true,
                    _ => {}
                }
            }
            if end_here {
                if !over && elem.len() + (k - taken) > limit {
                    over = true;
                }
                if !over {
                    elem.extend_from_slice(&buf[taken..k]);
                }
                let empty = !over && elem.iter().all(u8::is_ascii_whitespace);
                // "[]" and "[ ]" hold no element; "[1,]" ends with an empty one.
                if !(closed && empty && !trailing_comma) {
                    finish(&mut elem, over, start_line, &mut index);
                }
                trailing_comma = !closed;
                elem.clear();
                over = false;
                if b == b'\n' {
                    line += 1;
                }
                k += 1;
                taken = k;
                start_line = line;
                continue;
            }
            if b == b'\n' {
                line += 1;
            }
            k += 1;
        }
        if !over {
            if elem.len() + (n - taken) > limit {
                over = true;
                elem.clear();
            } else {
                elem.extend_from_slice(&buf[taken..n]);
            }
        }
        reader.consume(n);
    }
    if !closed {
        emit(Item::Failed(bad(
            &format!("{display}:{line}"),
            "invalid JSON: the array is not closed (the file ends inside it)",
        )));
    }
}

fn read_jsonl(
    display: &str,
    reader: &mut dyn BufRead,
    defaults: &Defaults,
    emit: &mut dyn FnMut(Item),
) {
    let mut buf = Vec::new();
    let mut line = 0usize;
    let mut records = 0usize;
    loop {
        line += 1;
        let here = format!("{display}:{line}");
        match read_line_capped(reader, &mut buf, MAX_ARTICLE_BYTES) {
            Err(e) => return emit(Item::Failed(bad(&here, e.to_string()))),
            Ok(None) => break,
            Ok(Some(true)) => {
                emit(Item::Failed(bad(
                    &here,
                    format!(
                        "record larger than the {} MB limit: skipped",
                        MAX_ARTICLE_BYTES >> 20
                    ),
                )));
                records += 1;
                continue;
            }
            Ok(Some(false)) => {}
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        records += 1;
        if let Some(at) = memchr::memchr(0, &buf) {
            emit(Item::Failed(bad(
                &here,
                format!("binary data (NUL byte at offset {at}): skipped"),
            )));
            continue;
        }
        let text = decode(&here, std::mem::take(&mut buf), emit);
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => emit(
                match read_record(format!("{display}#{line}"), &v, defaults) {
                    Ok(a) => Item::Article(a),
                    Err(Error::BadInput { reason, .. }) => {
                        // Name the record's id too, where it has one.
                        let here = match v.get("id") {
                            Some(Value::String(id)) => format!("{here} (id {id})"),
                            Some(Value::Number(id)) => format!("{here} (id {id})"),
                            _ => here,
                        };
                        Item::Failed(bad(&here, reason))
                    }
                    Err(e) => Item::Failed(e),
                },
            ),
            Err(e) => emit(Item::Failed(bad(&here, format!("invalid JSON: {e}")))),
        }
    }
    if records == 0 {
        emit(Item::Failed(bad(display, "empty file")));
    }
}

/// Reads all articles of an in-memory input (tests and small tools).
pub fn read_articles(
    source: &str,
    bytes: Vec<u8>,
    format: Format,
    defaults: &Defaults,
) -> Vec<Result<Article>> {
    let mut out = Vec::new();
    read_input(
        source,
        &mut bytes.as_slice(),
        Some(format),
        defaults,
        &mut |item| match item {
            Item::Article(a) => out.push(Ok(a)),
            Item::Failed(e) => out.push(Err(e)),
            Item::Warning(_) => {}
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_line_and_file_name() {
        let a = read_text(
            "x.txt",
            "Date: 2022-07-03\n\nText.".into(),
            &Defaults::default(),
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2022, 7, 3));
        let b = read_text(
            "dir/lysychansk-2022-07-03.txt",
            "Text.".into(),
            &Defaults::default(),
        );
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2022, 7, 3));
        let c = read_text("plain.txt", "Text: here.".into(), &Defaults::default());
        assert_eq!(c.date, None);
    }

    /// What `read_json_array` makes of `input` (its `[` first), with a
    /// record limit of `limit` bytes: each article's source and text, or the
    /// error.
    fn json_array(input: &str, limit: usize) -> Vec<String> {
        let mut r = std::io::BufReader::with_capacity(7, input.as_bytes());
        assert!(starts_array(&mut r).unwrap());
        let mut out = Vec::new();
        read_json_array("a.json", &mut r, limit, &Defaults::default(), &mut |i| {
            out.push(match i {
                Item::Article(a) => format!("{} {}", a.source, a.text),
                Item::Failed(e) | Item::Warning(e) => e.to_string(),
            })
        });
        out
    }

    #[test]
    fn json_arrays_are_read_an_element_at_a_time() {
        // Strings holding the scanner's marks, nesting, escapes, lines; read
        // through a 7-byte buffer, so that elements span reads.
        let input = "\u{feff} \n[\n {\"text\": \"a, [b] {c} \\\"d\\\\\", \"x\": [1, {\"y\": \"]\"}]},\n\n  {\"text\": \"é2\"} ]\n";
        assert_eq!(
            json_array(input, 1 << 20),
            ["a.json#1 a, [b] {c} \"d\\", "a.json#2 é2"]
        );
        assert_eq!(json_array("[]", 100), Vec::<String>::new());
        assert_eq!(json_array(" [ \n ] \n", 100), Vec::<String>::new());
        // A bad element is reported with its line; the others are read.
        let v = json_array("[{\"text\": \"one\"},\n{bad},\n{\"text\": \"three\"}]", 100);
        assert_eq!(v[0], "a.json#1 one");
        assert!(v[1].starts_with("a.json:2: invalid JSON: "), "{v:?}");
        assert_eq!(v[2], "a.json#3 three");
        // An element over the limit is skipped without being held.
        let long = format!(
            "[{{\"text\": \"{}\"}}, {{\"text\": \"ok\"}}]",
            "x".repeat(200)
        );
        let v = json_array(&long, 100);
        assert!(
            v[0].starts_with("a.json:1: record larger than the"),
            "{v:?}"
        );
        assert_eq!(v[1], "a.json#2 ok");
        // Empty elements, text after the array, an array not closed.
        let v = json_array("[{\"text\": \"a\"},]", 100);
        assert_eq!(v[1], "a.json:1: invalid JSON: empty array element");
        let v = json_array("[{\"text\": \"a\"}] x", 100);
        assert_eq!(
            v,
            ["a.json#1 a", "a.json:1: invalid JSON: text after the array"]
        );
        let v = json_array("[{\"text\": \"a\"},\n{\"text\": \"b", 100);
        assert_eq!(v[0], "a.json#1 a");
        assert!(v[1].contains("the array is not closed"), "{v:?}");
    }

    #[test]
    fn jsonl_records_and_errors() {
        let input = b"{\"id\": \"a1\", \"text\": \"Hello.\", \"date\": \"2024-01-02T10:00:00Z\"}\n{bad\n{\"title\": \"t\"}\n".to_vec();
        let v = read_articles("news.jsonl", input, Format::Jsonl, &Defaults::default());
        assert_eq!(v.len(), 3);
        let a = v[0].as_ref().unwrap();
        assert_eq!(a.source, "news.jsonl#a1");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert!(v[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("news.jsonl:2: invalid JSON"));
        assert!(v[2]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("no text field (looked for text, body"));
    }

    #[test]
    fn unsupported_extension_lists_formats() {
        let e = Format::of_path(Path::new("a.pdf")).unwrap_err().to_string();
        assert!(e.contains("unsupported format \"pdf\" (supported: txt, md"));
        assert_eq!(
            Format::of_path(Path::new("x/news.jsonl.gz")).unwrap(),
            (Format::Jsonl, true)
        );
        assert_eq!(
            Format::of_path(Path::new("a.HTM")).unwrap(),
            (Format::Html, false)
        );
    }

    fn items(bytes: &[u8], format: Option<Format>) -> Vec<String> {
        sized_items(bytes, None, format)
    }

    /// [`items`] of a file whose metadata gave `size`.
    fn sized_items(bytes: &[u8], size: Option<u64>, format: Option<Format>) -> Vec<String> {
        let mut out = Vec::new();
        read_input_sized(
            "f",
            &mut &bytes[..],
            size,
            format,
            &Defaults::default(),
            &mut |i| {
                out.push(match i {
                    Item::Article(a) => format!("article {} {:?}", a.source, a.text),
                    Item::Failed(e) => format!("failed {e}"),
                    Item::Warning(e) => format!("warning {e}"),
                })
            },
        );
        out
    }

    /// A reader of `data` that returns at most `chunk` bytes per read and
    /// counts its reads.
    struct Chunks<'a> {
        data: &'a [u8],
        chunk: usize,
        reads: usize,
    }

    impl Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.reads += 1;
            let n = buf.len().min(self.chunk).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn files_are_read_whole_whatever_their_metadata_said() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        // (the length the metadata gave, bytes per read, the limit, how
        // many bytes are read: None if over the limit)
        for (len, chunk, limit, read) in [
            (1000, usize::MAX, 5000, Some(1000)), // as long as it was: one read
            (1000, 7, 5000, Some(1000)),          // short reads on the way (a network file system)
            (0, usize::MAX, 5000, Some(1000)),    // a pipe, or a file that has grown
            (600, usize::MAX, 5000, Some(1000)),
            (1400, usize::MAX, 5000, Some(1000)), // a file that has shrunk
            (1400, 33, 5000, Some(1000)),
            (1000, usize::MAX, 999, None), // over the limit
            (2000, 64, 999, None),
            (0, 64, 1000, Some(1000)), // just at the limit
            // A file that grew after its metadata was read, read in short
            // reads of which one stops at its old length: what it held then.
            (600, 600, 5000, Some(600)),
        ] {
            let mut r = Chunks {
                data: &data,
                chunk,
                reads: 0,
            };
            let (bytes, over) = read_file(&mut r, len, limit).unwrap();
            let case = format!("len {len}, chunk {chunk}, limit {limit}");
            match read {
                Some(n) => assert_eq!((&bytes[..], over), (&data[..n], false), "{case}"),
                None => assert!(over && bytes.len() == limit + 1, "{case}"),
            }
            if len == data.len() && chunk == usize::MAX {
                assert_eq!(r.reads, 1, "{case}: one read, none to find the end");
            }
        }
    }

    #[test]
    fn sized_and_unsized_reads_agree() {
        let inputs: [&[u8]; 7] = [
            b"Text in Kyiv.",
            b"  \n{\"text\":\"a\"}\n{\"text\":\"b\"}\n",
            b"[{\"text\":\"a\"},{\"text\":\"b\"}]",
            b"{\"text\":\"one\"}",
            b"<html><body><p>Hi.</p></body></html>",
            b"\xef\xbb\xbfText\xff.",
            b"   ",
        ];
        for input in inputs {
            for format in [
                None,
                Some(Format::Txt),
                Some(Format::Json),
                Some(Format::Jsonl),
            ] {
                let unsized_ = items(input, format);
                assert!(!unsized_.is_empty());
                for size in [0, 3, input.len() as u64, 4096] {
                    let sized = sized_items(input, Some(size), format);
                    assert_eq!(sized, unsized_, "{input:?} {format:?} {size}");
                }
            }
        }
    }

    #[test]
    fn bad_bytes() {
        assert_eq!(
            items(b"ab\0cd", Some(Format::Txt)),
            ["failed f: binary file (NUL byte at offset 2): skipped"]
        );
        assert_eq!(items(b"  \n ", Some(Format::Txt)), ["failed f: empty file"]);
        assert_eq!(
            items(b"caf\xe9 au lait", Some(Format::Txt)),
            [
                "warning f: invalid UTF-8 at byte offset 3: invalid bytes replaced with U+FFFD",
                "article f \"caf\u{fffd} au lait\""
            ]
        );
    }

    #[test]
    fn sniffed_formats() {
        assert_eq!(
            items(b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n", None).len(),
            2
        );
        assert_eq!(
            items(b"<html><body><p>Hi.</p></body></html>", None),
            ["article f \"Hi.\""]
        );
    }

    #[test]
    fn long_lines_are_skipped_without_being_held() {
        let mut data = b"{\"text\": \"".to_vec();
        data.extend(std::iter::repeat_n(b'a', MAX_ARTICLE_BYTES + 10));
        data.extend_from_slice(b"\"}\n{\"text\": \"ok\"}\n");
        let v = items(&data, Some(Format::Jsonl));
        assert_eq!(
            v[0],
            "failed f:1: record larger than the 32 MB limit: skipped"
        );
        assert_eq!(v[1], "article f#2 \"ok\"");
    }
}
