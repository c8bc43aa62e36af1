//! `robots.txt`, the sitemap and the files of a split sitemap (see
//! `model::sitemap`), made from the search index (every published listing;
//! no query) and kept until the listings change.

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::sitemap::{self, Page};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// The pages and how they are split, as of one generation of the index.
struct Made {
    generation: u64,
    pages: Vec<Page>,
    files: Vec<Range<usize>>,
}

/// The sitemap of the current listings, made again after a change.
#[derive(Default)]
pub struct Cache(Mutex<Option<Arc<Made>>>);

/// The sitemap as of now: kept, or made again off the request threads
/// (at 100,000 listings making it takes a moment, once per change).
async fn made(state: &AppState) -> Option<Arc<Made>> {
    let generation = state.index.generation();
    if let Some(made) = state
        .sitemap
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .filter(|m| m.generation == generation)
    {
        return Some(made.clone());
    }
    let partners = model::partner::db::slugs(&state.pool)
        .await
        .inspect_err(|error| tracing::error!(%error, "partners' pages could not be read"))
        .unwrap_or_default();
    let state = state.clone();
    let made = tokio::task::spawn_blocking(move || {
        let mut pages = sitemap::pages(&state.index.published());
        pages.extend(sitemap::partner_pages(&partners));
        let files = sitemap::split(&state.site_url, &pages);
        let made = Arc::new(Made {
            generation,
            pages,
            files,
        });
        *state.sitemap.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(made.clone());
        made
    })
    .await;
    made.inspect_err(|error| tracing::error!(%error, "making the sitemap failed"))
        .ok()
}

fn answer(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}

const XML: &str = "application/xml; charset=utf-8";

/// `/robots.txt`.
pub async fn robots(State(state): State<AppState>) -> Response {
    answer(
        "text/plain; charset=utf-8",
        sitemap::robots(&state.site_url),
    )
}

/// `/sitemap.xml`: every page when they fit one file, else the index of
/// the files.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let Some(made) = made(&state).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let body = if made.files.len() == 1 {
        sitemap::urlset(&state.site_url, &made.pages)
    } else {
        let newest: Vec<_> = made
            .files
            .iter()
            .map(|r| made.pages[r.clone()].iter().filter_map(|p| p.changed).max())
            .collect();
        sitemap::index(&state.site_url, &newest)
    };
    answer(XML, body)
}

/// `/sitemap/{n}.xml`: one file of a split sitemap.
pub async fn file(State(state): State<AppState>, Path(segment): Path<String>) -> Response {
    let Some(made) = made(&state).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    match sitemap::file_number(&segment).and_then(|n| made.files.get(n - 1)) {
        Some(range) => answer(
            XML,
            sitemap::urlset(&state.site_url, &made.pages[range.clone()]),
        ),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
