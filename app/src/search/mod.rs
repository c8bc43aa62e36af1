//! One search across every kind of listing: diacritic-insensitive in both
//! directions, prefix matching, one typo forgiven, names ranked above
//! descriptions, and facets with counts. The same engine serves the search
//! page and the list page of each kind.

pub mod page;

use crate::error::AppError;
use leptos::prelude::*;
use model::search::{Results, SearchHit};
#[cfg(feature = "ssr")]
use model::{
    listing::Kind,
    search::{DirectoryQuery, NEARBY_LIMIT, NEARBY_RADIUS_KM, NearbyHit},
};

/// Searches every published listing. `query` is the page's query string
/// (`q=…&kind=…&commune=…&page=…`); any input is safe. Names, summaries,
/// badges and facet labels come in both languages, or only in the one
/// `lang` names (`vi`, `en`; any other reads as `vi`), as a page in it
/// shows them.
#[server]
pub async fn search(query: String, lang: Option<String>) -> Result<Results, AppError> {
    let index = crate::context::search_index()?;
    let query = DirectoryQuery::parse(&query);
    if query.has(
        model::search::FacetKey::Visit,
        model::search::query::OPEN_NOW,
    ) {
        // "Open now" moves with the clock, not with the listings.
        crate::context::set_fresh_for(60);
    }
    let results = index.query(&query);
    Ok(match lang {
        Some(code) => results.only(model::i18n::Lang::from_code(Some(&code))),
        None => results,
    })
}

/// What a profile shows as nearby: the listings within
/// [`NEARBY_RADIUS_KM`], at most [`NEARBY_LIMIT`], nearest first.
#[cfg(feature = "ssr")]
pub fn nearby_of(index: &model::index::SearchIndex, kind: Kind, id: i64) -> Vec<NearbyHit> {
    index.nearby(kind, id, NEARBY_RADIUS_KM, NEARBY_LIMIT)
}

/// Up to eight listings whose names or places start like the text, for
/// suggestions while typing.
#[server]
pub async fn suggest(q: String) -> Result<Vec<SearchHit>, AppError> {
    let index = crate::context::search_index()?;
    Ok(index.suggest(&q, 8))
}
