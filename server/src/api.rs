//! The JSON endpoints (read-only, public).

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::i18n::Lang;
use model::index::SearchIndex;
use model::map::MapQuery;
use std::sync::Arc;

/// The language asked for with `lang=en` (Vietnamese otherwise).
fn lang_of(query: &str) -> Lang {
    let en = form_urlencoded::parse(query.as_bytes()).any(|(k, v)| k == "lang" && v == "en");
    if en { Lang::En } else { Lang::Vi }
}

/// `GET /api/v1/map?bbox=west,south,east,north&zoom=z&…`: the clusters,
/// single listings and commune groups of a viewport, filtered with the
/// search page's parameters (`q`, `kind`, `commune`, …). A box that is not
/// four finite numbers with west < east and south < north, or a zoom that
/// is not a whole number, is a 400 with a message; out-of-range numbers are
/// clamped to the world and a huge box is answered at a lower zoom.
pub async fn map(State(index): State<Arc<SearchIndex>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let lang = lang_of(&query);
    match MapQuery::parse_strict(&query) {
        Ok(map_query) => {
            let mut response = Json(index.map(&map_query, lang)).into_response();
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            );
            response
        }
        Err(error) => (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({
                "error": error.message(lang),
                "code": format!("{error:?}"),
            })),
        )
            .into_response(),
    }
}
