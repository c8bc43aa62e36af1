//! A cache of rendered public pages. Anonymous GET requests for pages (not
//! files) are answered from memory when the same URL was rendered since the
//! listings last changed ([`SearchIndex::generation`]) and less than
//! [`TTL`] ago (dates such as certificate expiry move on by themselves).
//! A page that says it is right for less time (`Cache-Control: max-age`, a
//! village showing "open now") is kept only that long.
//! Requests with a cookie or an `Authorization` header, and requests that
//! ask for a fresh copy (`Cache-Control: no-cache`), always render.
//! Responses say `X-Cache: hit` or `miss`.
//!
//! A page is rendered once however many ask for it at the same time:
//! after a change every cached page misses at once, and at hundreds of
//! connections each page would otherwise be rendered by each of them
//! (a stampede on the database and the processors). Requests that miss
//! while the same URL is being rendered wait for that render and are
//! answered with its copy (`X-Cache: wait`); when that page cannot be kept
//! (a 404, `no-store`), each renders its own.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use model::index::SearchIndex;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long a rendered page may be served.
pub const TTL: Duration = Duration::from_secs(300);
/// The largest page kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct CachedPage {
    headers: HeaderMap,
    /// The page cut where its CSP nonce stood (one piece when it has
    /// none): every copy served gets a fresh nonce in its script tags and
    /// its header, without searching the page again.
    pieces: Vec<Bytes>,
    nonce: Option<String>,
    /// How long it may be served.
    ttl: Duration,
}

/// How long a response may be kept: its `max-age` when shorter than
/// [`TTL`]; `None` when it must not be kept (`no-store`, `private`,
/// `max-age=0`).
fn keep_for(headers: &HeaderMap) -> Option<Duration> {
    let mut ttl = TTL;
    for value in headers.get_all(header::CACHE_CONTROL) {
        let Ok(value) = value.to_str() else {
            return None;
        };
        for directive in value.split(',').map(str::trim) {
            if directive == "no-store" || directive == "private" || directive == "no-cache" {
                return None;
            }
            if let Some(secs) = directive.strip_prefix("max-age=") {
                let secs: u64 = secs.parse().ok()?;
                ttl = ttl.min(Duration::from_secs(secs));
            }
        }
    }
    (!ttl.is_zero()).then_some(ttl)
}

/// Each page expires after its own time.
struct PageExpiry;

impl moka::Expiry<String, CachedPage> for PageExpiry {
    fn expire_after_create(
        &self,
        _key: &String,
        page: &CachedPage,
        _created_at: std::time::Instant,
    ) -> Option<Duration> {
        Some(page.ttl)
    }
}

/// The nonce in a Content-Security-Policy header (`'nonce-…'`).
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let len = csp[start..].find('\'')?;
    let nonce = &csp[start..start + len];
    // A nonce short enough to occur by chance elsewhere is not swapped.
    (nonce.len() >= 16).then(|| nonce.to_owned())
}

impl CachedPage {
    fn new(headers: HeaderMap, body: &Bytes, ttl: Duration) -> CachedPage {
        let nonce = nonce_of(&headers);
        let pieces = match (&nonce, std::str::from_utf8(body)) {
            (Some(n), Ok(text)) => {
                let mut pieces = Vec::new();
                let mut at = 0;
                for (i, _) in text.match_indices(n.as_str()) {
                    pieces.push(body.slice(at..i));
                    at = i + n.len();
                }
                pieces.push(body.slice(at..));
                pieces
            }
            _ => vec![body.clone()],
        };
        CachedPage {
            headers,
            pieces,
            nonce,
            ttl,
        }
    }

    fn weight(&self) -> usize {
        self.pieces.iter().map(Bytes::len).sum()
    }

    /// A response with this page, under a new nonce.
    fn response(self) -> Response {
        let mut headers = self.headers;
        let body = match self.nonce {
            Some(old) if self.pieces.len() > 1 => {
                let new = leptos::nonce::Nonce::new().to_string();
                let mut body = Vec::with_capacity(
                    self.pieces.iter().map(Bytes::len).sum::<usize>()
                        + self.pieces.len() * new.len(),
                );
                for (i, piece) in self.pieces.iter().enumerate() {
                    if i > 0 {
                        body.extend_from_slice(new.as_bytes());
                    }
                    body.extend_from_slice(piece);
                }
                if let Some(csp) = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| HeaderValue::from_str(&v.replace(&old, &new)).ok())
                {
                    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
                }
                Bytes::from(body)
            }
            _ => self.pieces.into_iter().next().unwrap_or_default(),
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
        response
    }
}

/// One render of a page that requests which miss at the same time wait
/// for: its page, or `None` when the page could not be kept.
type Render = Arc<tokio::sync::OnceCell<Option<CachedPage>>>;

/// The renders in progress, by cache key. An entry lives as long as a
/// request takes part in it, so the map holds at most one entry per
/// request being answered.
#[derive(Clone, Default)]
struct Renders(Arc<Mutex<HashMap<String, Render>>>);

/// A request's part in a render; leaving it (answered or cancelled)
/// removes the render when no other request takes part.
struct Joined {
    renders: Renders,
    key: String,
    render: Option<Render>,
}

impl Renders {
    fn join(&self, key: &str) -> Joined {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let render = map.entry(key.to_owned()).or_default().clone();
        Joined {
            renders: self.clone(),
            key: key.to_owned(),
            render: Some(render),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

impl Drop for Joined {
    fn drop(&mut self) {
        // Every clone and drop of a render happens under the lock (the
        // request only borrows it from here), so a count of one is the
        // map's own reference.
        let mut map = self
            .renders
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        drop(self.render.take());
        if map
            .get(&self.key)
            .is_some_and(|r| Arc::strong_count(r) == 1)
        {
            map.remove(&self.key);
        }
    }
}

/// The cache and what tells it the listings changed.
#[derive(Clone)]
pub struct PageCache {
    pages: Option<moka::sync::Cache<String, CachedPage>>,
    renders: Renders,
    index: Arc<SearchIndex>,
}

impl PageCache {
    /// A cache of at most `megabytes` of pages; 0 turns it off.
    pub fn new(megabytes: u64, index: Arc<SearchIndex>) -> PageCache {
        let pages = (megabytes > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(megabytes * 1024 * 1024)
                .weigher(|key: &String, page: &CachedPage| {
                    u32::try_from(key.len() + page.weight()).unwrap_or(u32::MAX)
                })
                .expire_after(PageExpiry)
                .build()
        });
        PageCache {
            pages,
            renders: Renders::default(),
            index,
        }
    }
}

fn cacheable(request: &Request) -> bool {
    let headers = request.headers();
    let path = request.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    request.method() == Method::GET
        && !headers.contains_key(header::COOKIE)
        && !headers.contains_key(header::AUTHORIZATION)
        && !headers
            .get_all(header::CACHE_CONTROL)
            .iter()
            .any(|v| v.to_str().is_ok_and(|v| v.contains("no-cache")))
        && !last.contains('.')
        && path != "/healthz"
}

fn mark(mut response: Response, state: &'static str) -> Response {
    metrics::counter!("page_cache_total", "result" => state).increment(1);
    response
        .headers_mut()
        .insert("x-cache", HeaderValue::from_static(state));
    response
}

/// The middleware.
pub async fn serve_cached(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let Some(pages) = cache.pages.as_ref().filter(|_| cacheable(&request)) else {
        return next.run(request).await;
    };
    let key = format!("{}:{}", cache.index.generation(), request.uri());
    if let Some(page) = pages.get(&key) {
        return mark(page.response(), "hit");
    }
    let joined = cache.renders.join(&key);
    // (Always there: it is taken only when `joined` is dropped.)
    let Some(render) = joined.render.as_ref() else {
        return next.run(request).await;
    };
    // Only the request that renders takes these, and gives itself the
    // response it rendered (kept or not).
    let mut own = Some((request, next));
    let mut rendered = None;
    let page = render
        .get_or_init(|| async {
            let (request, next) = own.take()?;
            let (response, page) = keep(next.run(request).await).await;
            rendered = Some(response);
            let page = page?;
            pages.insert(key.clone(), page.clone());
            Some(page)
        })
        .await
        .clone();
    drop(joined);
    match (rendered, own, page) {
        (Some(response), ..) => mark(response, "miss"),
        // Another request rendered it.
        (None, _, Some(page)) => mark(page.response(), "wait"),
        // That page could not be kept: this request renders its own.
        (None, Some((request, next)), None) => mark(next.run(request).await, "miss"),
        // (A request that took its own render has its response.)
        (None, None, None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The response, read whole when its page can be kept, and that page.
async fn keep(response: Response) -> (Response, Option<CachedPage>) {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let ttl = keep_for(response.headers());
    let Some(ttl) = ttl.filter(|_| {
        response.status() == StatusCode::OK
            && html
            && !response.headers().contains_key(header::SET_COOKIE)
    }) else {
        return (response, None);
    };
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => {
            let page = CachedPage::new(parts.headers.clone(), &bytes, ttl);
            (Response::from_parts(parts, Body::from(bytes)), Some(page))
        }
        Err(error) => {
            tracing::error!(%error, "a page could not be read for the cache");
            (StatusCode::INTERNAL_SERVER_ERROR.into_response(), None)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{TTL, keep_for};
    use axum::http::{HeaderMap, HeaderValue, header};
    use std::time::Duration;

    fn headers(cache_control: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in cache_control {
            h.append(header::CACHE_CONTROL, HeaderValue::from_static(v));
        }
        h
    }

    #[tokio::test]
    async fn a_render_is_forgotten_when_its_last_request_leaves() {
        use super::Renders;
        let renders = Renders::default();
        let first = renders.join("0:/lang-nghe");
        let second = renders.join("0:/lang-nghe");
        let other = renders.join("0:/san-pham");
        assert_eq!(renders.len(), 2);
        assert!(std::sync::Arc::ptr_eq(
            first.render.as_ref().unwrap(),
            second.render.as_ref().unwrap()
        ));
        drop(first);
        assert_eq!(renders.len(), 2);
        drop(second);
        drop(other);
        assert_eq!(renders.len(), 0);
        // A request cancelled while it renders (its client went away)
        // leaves nothing behind, and the next one renders again.
        let joined = renders.join("1:/lang-nghe");
        let cancelled = tokio::time::timeout(
            std::time::Duration::from_millis(10),
            joined
                .render
                .as_ref()
                .unwrap()
                .get_or_init(std::future::pending),
        )
        .await;
        assert!(cancelled.is_err());
        drop(joined);
        assert_eq!(renders.len(), 0);
        let again = renders.join("1:/lang-nghe");
        assert!(again.render.as_ref().unwrap().get().is_none());
    }

    #[test]
    fn a_page_is_kept_no_longer_than_it_says() {
        assert_eq!(keep_for(&headers(&[])), Some(TTL));
        assert_eq!(
            keep_for(&headers(&["public, max-age=42"])),
            Some(Duration::from_secs(42))
        );
        assert_eq!(keep_for(&headers(&["public, max-age=86400"])), Some(TTL));
        assert_eq!(keep_for(&headers(&["max-age=0"])), None);
        assert_eq!(keep_for(&headers(&["no-store, private"])), None);
        assert_eq!(keep_for(&headers(&["max-age=60", "private"])), None);
        assert_eq!(keep_for(&headers(&["max-age=soon"])), None);
    }
}
