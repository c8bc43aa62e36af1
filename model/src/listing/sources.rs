//! Where a listing's facts come from: one source per line, naming the
//! fields it supports, its address, its date (when the page shows one) and
//! a note in Vietnamese and in English — where another source gives a
//! different figure, the note keeps it. The field `sources` holds the lines
//! as staff type them:
//!
//! ```text
//! total_households | https://baohoabinh.com.vn/… | 2025-04-29 | Bài khác: 73 hộ | Another article: 73
//! ```
//!
//! Fields may be empty (the source supports the record as a whole); the
//! date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or empty for "date not shown".

use serde::{Deserialize, Serialize};

/// One source of a listing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The field keys it supports; empty: the record as a whole.
    pub fields: Vec<String>,
    pub url: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None`: the page shows no date.
    pub date: Option<String>,
    /// The note in Vietnamese, and in English when it differs.
    pub note: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
    /// The facts it supports in words, in Vietnamese and English (set by
    /// the server from the kind's field labels, so the page need not carry
    /// the labels of every field); empty: the record as a whole.
    #[serde(default)]
    pub about_vi: String,
    #[serde(default)]
    pub about_en: String,
}

/// The longest note a source line may carry.
pub const NOTE_MAX: usize = 600;

/// Why a line of sources is refused: its number (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadLine(pub usize);

/// A source's date: `YYYY`, `YYYY-MM` or a real `YYYY-MM-DD`, 1900–2100.
fn is_source_date(text: &str) -> bool {
    let full = match text.len() {
        4 => format!("{text}-01-01"),
        7 => format!("{text}-01"),
        10 => text.to_owned(),
        _ => return false,
    };
    crate::base::date::Date::parse(&full).is_some()
        && text[..4]
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Whether `key` can name a field in a source line (lower-case letters,
/// digits and `_`).
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Parses the lines of a `sources` field; blank lines are skipped. The
/// field keys are only checked for their shape here: which keys a kind
/// has, its spec knows.
pub fn parse(text: &str) -> Result<Vec<Citation>, BadLine> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = BadLine(i + 1);
        let mut parts = line.splitn(5, '|').map(str::trim);
        let mut fields: Vec<String> = Vec::new();
        for key in parts.next().unwrap_or_default().split([' ', ',']) {
            if key.is_empty() || fields.iter().any(|k| k == key) {
                continue;
            }
            if !is_key(key) {
                return Err(bad);
            }
            fields.push(key.to_owned());
        }
        let url = parts.next().unwrap_or_default();
        if !crate::base::text::is_web_address(url) {
            return Err(bad);
        }
        let date = parts.next().unwrap_or_default();
        if !date.is_empty() && !is_source_date(date) {
            return Err(bad);
        }
        let mut note = || {
            let text = parts
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (text.chars().count() <= NOTE_MAX && !text.contains('|')).then_some(text)
        };
        let (Some(note), Some(note_en)) = (note(), note()) else {
            return Err(bad);
        };
        out.push(Citation {
            fields,
            url: url.to_owned(),
            date: (!date.is_empty()).then(|| date.to_owned()),
            note: (!note.is_empty()).then_some(note),
            note_en: (!note_en.is_empty()).then_some(note_en),
            ..Citation::default()
        });
    }
    Ok(out)
}

/// The stored text of sources: one normalised line each, empty parts at
/// the end left off.
pub fn to_text(citations: &[Citation]) -> String {
    citations
        .iter()
        .map(|c| {
            let mut parts = vec![
                c.fields.join(" "),
                c.url.clone(),
                c.date.clone().unwrap_or_default(),
                c.note.clone().unwrap_or_default(),
                c.note_en.clone().unwrap_or_default(),
            ];
            while parts.len() > 2 && parts.last().is_some_and(String::is_empty) {
                parts.pop();
            }
            parts.join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sources as a profile reads them from its column (stored text was
/// checked when saved; a line that no longer parses is left out).
pub fn read(stored: Option<&str>) -> Vec<Citation> {
    stored
        .map(|text| {
            text.lines()
                .filter_map(|line| parse(line).ok()?.into_iter().next())
                .collect()
        })
        .unwrap_or_default()
}

impl Citation {
    /// The note in `lang`; English falls back to the Vietnamese note.
    pub fn note_in(&self, lang: crate::base::i18n::Lang) -> Option<&str> {
        match lang {
            crate::base::i18n::Lang::En => self.note_en.as_deref().or(self.note.as_deref()),
            crate::base::i18n::Lang::Vi => self.note.as_deref(),
        }
    }

    /// Drops the note [`Citation::note_in`] would not show in `lang` (a
    /// page carries its own language only).
    pub fn keep_note_in(&mut self, lang: crate::base::i18n::Lang) {
        match lang {
            crate::base::i18n::Lang::Vi => self.note_en = None,
            crate::base::i18n::Lang::En if self.note_en.is_some() => self.note = None,
            crate::base::i18n::Lang::En => {}
        }
    }

    /// The date as people read it: "29/04/2025", "04/2025", "2025".
    pub fn date_text(&self) -> Option<String> {
        let date = self.date.as_deref()?;
        let parts: Vec<&str> = date.split('-').rev().collect();
        Some(parts.join("/"))
    }

    /// The site's name: the address's host without `www.`.
    pub fn host(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        host.strip_prefix("www.").unwrap_or(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_normalise_and_read_back() {
        let text = "total_households, craft_households total_households |https://a.vn/x| 2025-04-29 |  nguồn  khác: 73 | other source: 73\n\n | https://b.vn | 2013\nrecognition_year | http://c.vn/y";
        let parsed = parse(text).expect("valid lines");
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[0].fields, ["total_households", "craft_households"]);
        assert_eq!(parsed[0].note.as_deref(), Some("nguồn khác: 73"));
        assert_eq!(
            parsed[0].note_in(crate::base::i18n::Lang::En),
            Some("other source: 73")
        );
        assert_eq!(parsed[1].note_in(crate::base::i18n::Lang::En), None);
        assert_eq!(parsed[1].fields, Vec::<String>::new());
        assert_eq!(parsed[1].date.as_deref(), Some("2013"));
        assert_eq!(parsed[2].date, None);
        let stored = to_text(&parsed);
        assert_eq!(
            stored,
            "total_households craft_households | https://a.vn/x | 2025-04-29 | nguồn khác: 73 | other source: 73\n | https://b.vn | 2013\nrecognition_year | http://c.vn/y"
        );
        assert_eq!(parse(&stored).expect("stored lines"), parsed);
        assert_eq!(read(Some(&stored)), parsed);
        assert_eq!(parsed[0].date_text().as_deref(), Some("29/04/2025"));
        assert_eq!(parsed[0].host(), "a.vn");
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        for (text, line) in [
            ("a | javascript:alert(1)", 1),
            ("a | https://a.vn\nb | ftp://x", 2),
            ("a | https://a.vn | 2025-02-30", 1),
            ("a | https://a.vn | 29/04/2025", 1),
            ("a | https://a.vn | 2025-13", 1),
            ("A<b> | https://a.vn", 1),
            ("a | https://a.vn | | ", 0),
        ] {
            assert_eq!(
                parse(text).err(),
                (line > 0).then_some(BadLine(line)),
                "{text}"
            );
        }
        let long = format!("a | https://a.vn | | {}", "x".repeat(NOTE_MAX + 1));
        assert_eq!(parse(&long), Err(BadLine(1)));
    }

    #[test]
    fn host_names_the_site() {
        let c = Citation {
            url: "https://www.baohoabinh.com.vn/16/1.htm".into(),
            ..Citation::default()
        };
        assert_eq!(c.host(), "baohoabinh.com.vn");
    }

    #[test]
    fn a_page_keeps_the_note_it_shows() {
        use crate::base::i18n::Lang;
        let notes = |vi: Option<&str>, en: Option<&str>| Citation {
            note: vi.map(str::to_owned),
            note_en: en.map(str::to_owned),
            ..Citation::default()
        };
        for (vi, en) in [
            (Some("73 hộ"), Some("73 households")),
            (Some("73 hộ"), None),
            (None, None),
        ] {
            for lang in [Lang::Vi, Lang::En] {
                let full = notes(vi, en);
                let mut one = full.clone();
                one.keep_note_in(lang);
                assert_eq!(one.note_in(lang), full.note_in(lang), "{lang:?}");
                assert!(
                    one.note.is_none() || one.note_en.is_none(),
                    "{lang:?} {one:?}"
                );
            }
        }
    }
}
