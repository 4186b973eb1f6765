//! HTML: a page in, its main text and metadata out.
//!
//! The main text is taken from `<article>`, else `<main>` (or `role="main"`),
//! else `<body>`, without scripts, styles, navigation, headers, footers, asides,
//! forms and elements whose class or id marks them as menus, share bars,
//! comments, adverts or cookie notices. Block elements become paragraphs
//! separated by blank lines, so sentence splitting sees them. Metadata: title
//! from `og:title`, `<title>` or the first `<h1>`; publication date from
//! `article:published_time` and similar meta tags, `itemprop="datePublished"`,
//! JSON-LD `datePublished` or the first `<time datetime>`; URL from `og:url` or
//! the canonical link. Offsets in eventmap's output refer to the extracted text.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};

/// What a page yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
    /// The page title.
    pub title: Option<String>,
    /// The publication date.
    pub date: Option<NaiveDate>,
    /// The canonical URL.
    pub url: Option<String>,
}

const DROP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "iframe", "template", "select", "textarea", "object", "embed", "canvas", "menu", "dialog",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "main",
    "tr",
    "table",
    "pre",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "br",
    "hr",
    "address",
    "caption",
    "summary",
    "details",
    "td",
    "th",
];

/// Class or id fragments that mark page furniture rather than article text.
const FURNITURE: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "share",
    "social",
    "related",
    "comment",
    "advert",
    "cookie",
    "subscribe",
    "newsletter",
    "breadcrumb",
    "sidebar",
    "promo",
    "popup",
    "banner",
    "masthead",
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

fn is_furniture(e: &ElementRef<'_>) -> bool {
    let v = e.value();
    let mut attrs = v.attr("class").unwrap_or("").to_ascii_lowercase();
    attrs.push(' ');
    attrs.push_str(&v.attr("id").unwrap_or("").to_ascii_lowercase());
    attrs.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        FURNITURE
            .iter()
            .any(|f| w == *f || (w.starts_with(f) && w.len() <= f.len() + 2))
    }) || v.attr("aria-hidden") == Some("true")
        || matches!(
            v.attr("role"),
            Some("navigation" | "banner" | "contentinfo" | "complementary")
        )
}

fn walk(e: ElementRef<'_>, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                for word in t.split_whitespace() {
                    if !out.is_empty() && !out.ends_with([' ', '\n']) {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
                if t.ends_with(char::is_whitespace)
                    && !out.ends_with([' ', '\n'])
                    && !out.is_empty()
                {
                    out.push(' ');
                }
            }
            Node::Element(el) => {
                let name = el.name();
                let Some(ce) = ElementRef::wrap(child) else {
                    continue;
                };
                if DROP.contains(&name) || is_furniture(&ce) {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if block {
                    paragraph_break(out);
                }
                walk(ce, out);
                if block {
                    paragraph_break(out);
                }
            }
            _ => {}
        }
    }
}

fn paragraph_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        while out.ends_with('\n') {
            out.pop();
        }
        out.push_str("\n\n");
    }
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    let s = sel("meta");
    for key in keys {
        for m in doc.select(&s) {
            let v = m.value();
            let k = v
                .attr("property")
                .or(v.attr("name"))
                .or(v.attr("itemprop"))
                .unwrap_or("");
            if k.eq_ignore_ascii_case(key) {
                if let Some(c) = v.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                    return Some(c.to_string());
                }
            }
        }
    }
    None
}

fn date_of(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    let head = t.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

fn json_ld_date(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Object(o) => o
            .get("datePublished")
            .and_then(|d| d.as_str().map(str::to_string))
            .or_else(|| o.values().find_map(json_ld_date)),
        serde_json::Value::Array(a) => a.iter().find_map(json_ld_date),
        _ => None,
    }
}

/// Extracts the main text and metadata of a page.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let root = ["article", "main", "[role=main]", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).next())
        .unwrap_or_else(|| doc.root_element());
    let mut text = String::new();
    walk(root, &mut text);
    let text = text.trim().to_string();

    let title = meta(&doc, &["og:title", "twitter:title"])
        .or_else(|| {
            doc.select(&sel("title"))
                .next()
                .map(|t| t.text().collect::<String>())
        })
        .or_else(|| {
            doc.select(&sel("h1"))
                .next()
                .map(|t| t.text().collect::<String>())
        })
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let date = meta(
        &doc,
        &[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "og:published_time",
        ],
    )
    .and_then(|d| date_of(&d))
    .or_else(|| {
        doc.select(&sel("script[type=\"application/ld+json\"]"))
            .find_map(|s| {
                let v: serde_json::Value =
                    serde_json::from_str(&s.text().collect::<String>()).ok()?;
                date_of(&json_ld_date(&v)?)
            })
    })
    .or_else(|| {
        doc.select(&sel("[itemprop=datePublished]")).find_map(|e| {
            e.value()
                .attr("datetime")
                .or(e.value().attr("content"))
                .and_then(date_of)
        })
    })
    .or_else(|| {
        doc.select(&sel("time[datetime]"))
            .find_map(|e| e.value().attr("datetime").and_then(date_of))
    });
    let url = meta(&doc, &["og:url"]).or_else(|| {
        doc.select(&sel("link[rel=canonical]"))
            .find_map(|l| l.value().attr("href").map(str::to_string))
    });
    Extracted {
        text,
        title,
        date,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Site | Shelling hits Kharkiv</title>
<meta property="og:title" content="Shelling hits Kharkiv">
<meta property="article:published_time" content="2024-05-17T08:00:00Z">
<link rel="canonical" href="https://example.org/a">
<script>var x = "Moscow";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World news from Paris</a></nav>
<header class="site-header">Breaking</header>
<article><h1>Shelling hits Kharkiv</h1><p>Russian artillery <b>shelled</b> Kharkiv on Friday.</p>
<div class="share-bar">Share on Twitter</div><p>Two people were wounded.</p></article>
<footer>© Example News, London</footer></body></html>"#;

    #[test]
    fn main_text_without_furniture() {
        let e = extract(PAGE);
        assert_eq!(e.text, "Shelling hits Kharkiv\n\nRussian artillery shelled Kharkiv on Friday.\n\nTwo people were wounded.");
        assert_eq!(e.title.as_deref(), Some("Shelling hits Kharkiv"));
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2024, 5, 17));
        assert_eq!(e.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn json_ld_and_time_dates() {
        let ld = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-01-02T10:00:00+02:00"}</script></head><body><p>Text.</p></body></html>"#;
        assert_eq!(extract(ld).date, NaiveDate::from_ymd_opt(2023, 1, 2));
        let t =
            r#"<html><body><time datetime="2022-07-03">Sunday</time><p>Text.</p></body></html>"#;
        assert_eq!(extract(t).date, NaiveDate::from_ymd_opt(2022, 7, 3));
    }

    #[test]
    fn broken_markup_still_yields_text() {
        let e = extract("<p>Unclosed <b>bold <p>next");
        assert_eq!(e.text, "Unclosed bold\n\nnext");
    }
}
