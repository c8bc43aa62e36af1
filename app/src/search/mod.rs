//! One search across every kind of listing: diacritic-insensitive in both
//! directions, prefix matching, names ranked above descriptions.

#[cfg(feature = "ssr")]
pub mod db;
pub mod page;

use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The kind of listing a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitKind {
    Village,
}

impl HitKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            HitKind::Village => lang.t().nav_villages,
        }
    }
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub place: String,
}

/// The longest query text looked at; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many words of a query are used.
pub const MAX_TERMS: usize = 12;

/// Searches every published listing; any input is safe.
#[server]
pub async fn search(q: String) -> Result<Vec<SearchHit>, AppError> {
    let pool = crate::context::pool()?;
    Ok(db::search(&pool, &q, 50).await?)
}

/// Up to eight listings whose names or places start like the text, for
/// suggestions while typing.
#[server]
pub async fn suggest(q: String) -> Result<Vec<SearchHit>, AppError> {
    let pool = crate::context::pool()?;
    Ok(db::search(&pool, &q, 8).await?)
}
