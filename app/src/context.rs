//! Values the server provides to every render and server function.

use leptos::prelude::*;

/// The public base URL of the site (no trailing slash), for canonical and
/// OpenGraph URLs.
#[derive(Clone, Debug)]
pub struct SiteUrl(pub String);

/// The site's base URL: from the server's configuration while rendering on
/// the server, from the page's own origin in the browser.
pub fn site_url() -> String {
    if let Some(SiteUrl(url)) = use_context::<SiteUrl>() {
        return url;
    }
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Provided while the server renders a public page: the browser hydrates
/// only its `#[island]`s (the `islands` crate), not the whole page.
#[derive(Clone, Copy, Debug)]
pub struct IslandsPage;

/// Whether an interactive part should be drawn as an island: on a public
/// page as the server renders it. The staff workspace's bundle hydrates the
/// whole page (and draws the public pages it navigates to) with the same
/// part as a plain component: Leptos hydrates an island only on its own,
/// not inside a page hydrated as a whole.
pub fn islands_page() -> bool {
    use_context::<IslandsPage>().is_some()
}

/// The database pool, provided by the server to every request.
#[cfg(feature = "ssr")]
pub fn pool() -> Result<sqlx::SqlitePool, crate::error::AppError> {
    use_context::<sqlx::SqlitePool>().ok_or_else(|| {
        tracing::error!("no database pool in the request context");
        crate::error::AppError::Internal
    })
}

/// The search index, provided by the server to every request.
#[cfg(feature = "ssr")]
pub fn search_index() -> Result<std::sync::Arc<model::index::SearchIndex>, crate::error::AppError> {
    use_context::<std::sync::Arc<model::index::SearchIndex>>().ok_or_else(|| {
        tracing::error!("no search index in the request context");
        crate::error::AppError::Internal
    })
}

/// Says that the page being rendered on the server is right for only
/// `secs` more seconds (it shows "open now"): browsers, proxies and the
/// page cache keep it at most that long. A no-op in the browser.
pub fn set_fresh_for(secs: u32) {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&format!(
            // A request with a cookie may be answered for its account: no
            // shared cache keeps it.
            "{}, max-age={secs}",
            if use_context::<http::request::Parts>()
                .is_some_and(|parts| parts.headers.contains_key(http::header::COOKIE))
            {
                "private"
            } else {
                "public"
            }
        ))
    {
        options.insert_header(http::header::CACHE_CONTROL, value);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = secs;
}

/// Sets the HTTP status of the page being rendered on the server; a no-op
/// in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        // A redirect set while loading the data (a former slug) wins over
        // the status of the page rendered around it.
        let redirecting = options
            .0
            .read()
            .map(|parts| parts.status.is_some_and(|s| s.is_redirection()))
            .unwrap_or(false);
        if !redirecting {
            options.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
