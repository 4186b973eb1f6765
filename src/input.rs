//! Input: files and streams in, [`Article`]s out.
//!
//! Formats: plain text and Markdown (`.txt`, `.md`; a leading `Date:`, `Title:`
//! or `URL:` line, or YAML front matter, is read as metadata and left in the
//! text so that offsets stay those of the file), JSON (`.json`: one article
//! object or an array of them) and JSON Lines (`.jsonl`, `.ndjson`: one article
//! per line, text from `text`/`body`/`content`, metadata from `title`, `url`,
//! `date`/`published`/`published_at`, `id`). The publication date may also come
//! from the file name (`lysychansk-2022-07-03.txt`) or from `--date`.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use crate::error::{Error, Result};

/// The formats eventmap reads, as listed in error messages.
pub const SUPPORTED: &str = "txt, md, json, jsonl, ndjson";

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown (read as text).
    Md,
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
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The format of `path`, by extension.
    pub fn of_path(path: &Path) -> Result<Format> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        Format::from_extension(ext).ok_or_else(|| Error::UnsupportedFormat {
            path: path.into(),
            ext: ext.to_string(),
            supported: SUPPORTED,
        })
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
    let mut lines = text.lines();
    let mut in_front = false;
    for (k, line) in lines.by_ref().enumerate().take(40) {
        let l = line.trim();
        if k == 0 && l == "---" {
            in_front = true;
            continue;
        }
        if in_front && l == "---" {
            break;
        }
        let Some((key, value)) = l.split_once(':') else {
            if in_front {
                continue;
            }
            break;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        match key.trim().to_ascii_lowercase().as_str() {
            "date" | "published" | "published_at" | "pubdate" => {
                date = parse_date(value).ok().or(date)
            }
            "title" => title = Some(value.to_string()),
            "url" | "link" | "source_url" => url = Some(value.to_string()),
            _ if in_front => {}
            _ => break,
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

/// Reads the articles of one input; bad records are returned as errors in
/// their place, so the caller can report them and go on.
pub fn read_articles(
    source: &str,
    bytes: Vec<u8>,
    format: Format,
    defaults: &Defaults,
) -> Vec<Result<Article>> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return vec![Err(Error::BadInput {
                source_name: source.to_string(),
                reason: format!("not UTF-8 text (invalid byte at offset {at})"),
            })];
        }
    };
    if text.trim().is_empty() {
        return vec![Err(Error::BadInput {
            source_name: source.to_string(),
            reason: "empty file".into(),
        })];
    }
    match format {
        Format::Txt | Format::Md => vec![Ok(read_text(source, text, defaults))],
        Format::Json => match serde_json::from_str::<Value>(&text) {
            Ok(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| read_record(format!("{source}#{}", i + 1), v, defaults))
                .collect(),
            Ok(v) => vec![read_record(source.to_string(), &v, defaults)],
            Err(e) => vec![Err(Error::BadInput {
                source_name: source.to_string(),
                reason: format!(
                    "invalid JSON at line {}, column {}: {e}",
                    e.line(),
                    e.column()
                ),
            })],
        },
        Format::Jsonl => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let name = format!("{source}#{}", i + 1);
                match serde_json::from_str::<Value>(l) {
                    Ok(v) => read_record(name, &v, defaults),
                    Err(e) => Err(Error::BadInput {
                        source_name: format!("{source}:{}", i + 1),
                        reason: format!("invalid JSON: {e}"),
                    }),
                }
            })
            .collect(),
    }
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
    }
}
