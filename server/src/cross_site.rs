//! Refuses cross-site requests that could change something.
//!
//! Leptos server functions are POST endpoints and do not check where a
//! request comes from, so a page on another site could make a signed-in
//! browser call them. Every request with a method other than GET, HEAD or
//! OPTIONS must come from this site: the browser's `Sec-Fetch-Site` header
//! must say `same-origin` (or `none`: typed by the user), and where a
//! browser does not send it, an `Origin` header must be the configured site
//! URL. Requests with neither header do not come from a browser page (a
//! cross-site form or script always carries one of them) and pass.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The site's own origin (`scheme://host[:port]`), from the configured
/// public URL.
#[derive(Clone, Debug)]
pub struct SiteOrigin(pub String);

impl SiteOrigin {
    pub fn from_url(url: &str) -> SiteOrigin {
        let url = url.trim_end_matches('/');
        // Keep scheme and authority only.
        let origin = match url.find("://") {
            Some(at) => {
                let rest = &url[at + 3..];
                let end = rest.find('/').map_or(url.len(), |i| at + 3 + i);
                &url[..end]
            }
            None => url,
        };
        SiteOrigin(origin.to_ascii_lowercase())
    }
}

/// Whether a request that may change something comes from this site.
pub fn allowed(method: &Method, headers: &HeaderMap, site: &SiteOrigin) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(fetch_site) = headers.get("sec-fetch-site") {
        return matches!(fetch_site.to_str(), Ok("same-origin" | "none"));
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => origin
            .to_str()
            .is_ok_and(|o| o.trim_end_matches('/').eq_ignore_ascii_case(&site.0)),
        None => true,
    }
}

/// The middleware.
pub async fn guard(State(site): State<SiteOrigin>, request: Request, next: Next) -> Response {
    if allowed(request.method(), request.headers(), &site) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = %request.uri().path(),
        "refused a cross-site request"
    );
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Yêu cầu từ trang web khác bị từ chối. / Cross-site request refused.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_same_site_writes_pass() {
        let site = SiteOrigin::from_url("https://langnghe.example.vn/");
        assert_eq!(site.0, "https://langnghe.example.vn");
        let post = Method::POST;
        assert!(allowed(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")]),
            &site
        ));
        assert!(allowed(
            &post,
            &headers(&[("sec-fetch-site", "none")]),
            &site
        ));
        assert!(!allowed(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(!allowed(
            &post,
            &headers(&[("sec-fetch-site", "same-site")]),
            &site
        ));
        // Sec-Fetch-Site decides when present, whatever Origin says.
        assert!(!allowed(
            &post,
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://langnghe.example.vn")
            ]),
            &site
        ));
        assert!(allowed(
            &post,
            &headers(&[("origin", "https://langnghe.example.vn")]),
            &site
        ));
        assert!(allowed(
            &post,
            &headers(&[("origin", "HTTPS://LANGNGHE.EXAMPLE.VN")]),
            &site
        ));
        assert!(!allowed(
            &post,
            &headers(&[("origin", "https://evil.example")]),
            &site
        ));
        assert!(!allowed(&post, &headers(&[("origin", "null")]), &site));
        assert!(!allowed(
            &post,
            &headers(&[("origin", "http://langnghe.example.vn")]),
            &site
        ));
        assert!(allowed(&post, &headers(&[]), &site));
        // Reading is never refused.
        assert!(allowed(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(!allowed(
            &Method::DELETE,
            &headers(&[("origin", "https://evil.example")]),
            &site
        ));
    }
}
