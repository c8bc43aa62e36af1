//! Former slugs of listings answered with a 301 to the current one.

use super::db;
use leptos::prelude::*;
use model::i18n::Lang;
use model::listing::Kind;

/// Answers the page of a listing's former slug with a 301 to its current
/// one. Taken from the request's context before the first await; only a
/// page render redirects (a server-function call from the browser gets its
/// `None` as before).
pub struct OldSlugs {
    response: Option<leptos_axum::ResponseOptions>,
    page: Option<http::Uri>,
}

impl OldSlugs {
    pub fn take() -> Self {
        let page = use_context::<http::request::Parts>()
            .map(|parts| parts.uri)
            .filter(|uri| !uri.path().starts_with("/api/"));
        Self {
            response: use_context::<leptos_axum::ResponseOptions>(),
            page,
        }
    }

    /// Sets the 301 when `slug` is a former slug of a published listing.
    pub async fn redirect(
        &self,
        pool: &sqlx::SqlitePool,
        kind: Kind,
        slug: &str,
    ) -> Result<(), crate::error::AppError> {
        let (Some(response), Some(page)) = (&self.response, &self.page) else {
            return Ok(());
        };
        let Some(current) = db::moved_to(pool, kind, slug).await? else {
            return Ok(());
        };
        let target = model::paths::with_query(
            &kind.profile_path(Lang::from_path(page.path()), &current),
            page.query().unwrap_or_default(),
        );
        if let Ok(location) = http::HeaderValue::from_str(&target) {
            response.set_status(http::StatusCode::MOVED_PERMANENTLY);
            response.insert_header(http::header::LOCATION, location);
        }
        Ok(())
    }
}
