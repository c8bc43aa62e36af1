//! Text value types shared by browser and server.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A URL slug: lowercase ASCII letters, digits and single inner hyphens,
/// 1–100 characters. `parse` runs the same check in the browser and on the
/// server.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a string is not a slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlugError {
    Empty,
    TooLong,
    BadCharacter,
    BadHyphen,
}

impl Slug {
    pub const MAX_LEN: usize = 100;

    pub fn parse(input: &str) -> Result<Slug, SlugError> {
        if input.is_empty() {
            return Err(SlugError::Empty);
        }
        if input.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong);
        }
        if !input
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(SlugError::BadCharacter);
        }
        if input.starts_with('-') || input.ends_with('-') || input.contains("--") {
            return Err(SlugError::BadHyphen);
        }
        Ok(Slug(input.to_owned()))
    }

    /// The slug of a Vietnamese name: diacritics removed, `đ` → `d`,
    /// everything else that is not a letter or digit becomes one hyphen.
    /// `None` when nothing usable is left.
    #[cfg(feature = "ssr")]
    pub fn from_name(name: &str) -> Option<Slug> {
        let folded = fold(name);
        let mut out = String::with_capacity(folded.len());
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let mut out = out.trim_end_matches('-').to_owned();
        if out.len() > Self::MAX_LEN {
            out.truncate(Self::MAX_LEN);
            out = out.trim_end_matches('-').to_owned();
        }
        Slug::parse(&out).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value).map_err(|e| format!("invalid slug: {e:?}"))
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lowercases and removes Vietnamese diacritics, folding `đ`/`Đ` to `d`
/// (Unicode decomposition alone leaves `đ` alone).
///
/// Letters are folded one by one (dropping marks makes their order after
/// decomposition irrelevant): ASCII directly, the Latin letters with marks
/// Vietnamese uses through a table made once, anything else by
/// decomposition ([`fold_slow`], which the table is made with).
#[cfg(feature = "ssr")]
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(folded) = latin_folds().get(&c) {
            out.push_str(folded);
        } else {
            out.push_str(&fold_slow(c.encode_utf8(&mut [0; 4])));
        }
    }
    out
}

/// The folded text of every letter of Latin-1, Latin Extended-A and B and
/// Latin Extended Additional (where Vietnamese letters with marks are).
#[cfg(feature = "ssr")]
fn latin_folds() -> &'static std::collections::HashMap<char, String> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, String>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        ('\u{80}'..='\u{24F}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .map(|c| (c, fold_slow(c.encode_utf8(&mut [0; 4]))))
            .collect()
    })
}

/// [`fold`] by canonical decomposition.
#[cfg(feature = "ssr")]
fn fold_slow(input: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    input
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// `text` escaped for HTML text and quoted attributes: `&`, `<`, `>`,
/// `"` and `'` become character references.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON to put inside a `<script>` element: `<`, `>` and `&` are written as
/// `\u` escapes (so no text can close the element, open a comment or an
/// entity), and so are U+2028 and U+2029. Outside strings JSON has none of
/// these characters, so the value read back is the same.
pub fn json_for_script(value: &serde_json::Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `text` is an http(s) address without spaces (at most 2,000
/// bytes), as a source or a website must be.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace)) && text.len() <= 2000
}

/// The first sentence of a description, for cards.
pub fn summary(text: &Option<String>) -> Option<String> {
    let text = text.as_deref()?.trim();
    if text.is_empty() {
        return None;
    }
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    Some(text[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            escape_html(r#"</title><meta http-equiv="refresh" content='0'>&"#),
            "&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&#39;0&#39;&gt;&amp;"
        );
        assert_eq!(escape_html("Bản Lác"), "Bản Lác");
    }

    #[test]
    fn json_in_a_script_cannot_close_it_and_reads_back_the_same() {
        let value = serde_json::json!({
            "name": "x</script><!--<script>&amp;\u{2028}\u{2029}",
            "n": 1
        });
        let json = json_for_script(&value);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!json.contains(bad), "{bad} in {json}");
        }
        let back: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, value);
    }

    #[test]
    fn slugs_are_checked() {
        assert!(Slug::parse("ban-lac").is_ok());
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        assert_eq!(Slug::parse("Ban-lac"), Err(SlugError::BadCharacter));
        assert_eq!(Slug::parse("bản"), Err(SlugError::BadCharacter));
        assert_eq!(Slug::parse("-ban"), Err(SlugError::BadHyphen));
        assert_eq!(Slug::parse("ban--lac"), Err(SlugError::BadHyphen));
        assert_eq!(Slug::parse(&"a".repeat(101)), Err(SlugError::TooLong));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn vietnamese_names_become_ascii_slugs() {
        let slug = |s: &str| Slug::from_name(s).map(|s| s.to_string());
        assert_eq!(slug("Bản Lác").as_deref(), Some("ban-lac"));
        assert_eq!(slug("Đoàn Kết").as_deref(), Some("doan-ket"));
        assert_eq!(
            slug("  Làng Đình (Phú Lai) ").as_deref(),
            Some("lang-dinh-phu-lai")
        );
        assert_eq!(slug("Chiềng Hạ").as_deref(), Some("chieng-ha"));
        assert_eq!(slug("ĐỒNG TÂM II").as_deref(), Some("dong-tam-ii"));
        assert_eq!(slug("!!!"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn folding_letter_by_letter_is_folding_by_decomposition() {
        let samples = [
            "Làng nghề dệt thổ cẩm Bản Lác",
            "RƯỢU MAI HẠ — Đá cảnh, gỗ lũa",
            "Ǆ ǅ ǆ İ ﬁ Ω Ω Å ẞ ß",
            "e\u{301} a\u{323}\u{302} trộn dấu rời",
            "日本語 𝔘 🙂",
        ];
        for text in samples {
            assert_eq!(fold(text), fold_slow(text), "{text}");
        }
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let text = c.to_string();
            assert_eq!(fold(&text), fold_slow(&text), "{c:?}");
        }
    }

    #[test]
    fn folding_removes_every_vietnamese_mark() {
        assert_eq!(fold("Làng nghề Mai Châu"), "lang nghe mai chau");
        assert_eq!(fold("Rượu Mai Hạ"), "ruou mai ha");
        assert_eq!(fold("Đá cảnh"), "da canh");
        assert_eq!(fold("ỹ Ữ ặ"), "y u a");
    }
}
