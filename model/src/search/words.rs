//! How text is cut into words for searching, and when a query word finds
//! a word: the public search index and the staff list share the rule.

use crate::base::text::fold;

/// Words this long or longer tolerate one typo.
pub const TYPO_MIN_CHARS: usize = 5;

/// The folded words of a text.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The words of a user's query: folded, at most [`super::MAX_TERMS`] of
/// them from the first [`super::MAX_QUERY_CHARS`] characters.
pub fn query_words(input: &str) -> Vec<String> {
    let clipped: String = input.chars().take(super::MAX_QUERY_CHARS).collect();
    let mut out: Vec<String> = Vec::new();
    for w in words(&clipped) {
        if !out.contains(&w) {
            out.push(w);
        }
        if out.len() == super::MAX_TERMS {
            break;
        }
    }
    out
}

/// Whether the query word `query` finds `word`: as its start, or one edit
/// (insertion, deletion, substitution or swap of neighbours) away when it
/// has [`TYPO_MIN_CHARS`] letters or more.
pub fn finds(query: &str, word: &str) -> bool {
    word.starts_with(query)
        || (query.chars().count() >= TYPO_MIN_CHARS
            && strsim::damerau_levenshtein(query, word) == 1)
}

/// Whether every word of `query` finds one of `words`.
pub fn all_found(query: &[String], words: &[String]) -> bool {
    query.iter().all(|q| words.iter().any(|w| finds(q, w)))
}
