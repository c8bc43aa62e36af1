//! What an operator sees of the running server: Prometheus metrics at
//! `/metrics` (loopback or a bearer token only) and a request id on every
//! request, in its log lines, its answer (`x-request-id`) and its error
//! page.

use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The process's Prometheus recorder. The `metrics` crate has one
/// recorder per process, so it is installed once and shared by every
/// router of the process (tests build several).
pub fn recorder() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new();
            let builder = builder
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".to_owned()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
                    ],
                )
                .unwrap_or_else(|_| PrometheusBuilder::new());
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was installed already");
            }
            handle
        })
        .clone()
}

/// The routes' patterns, to name a request's route in the metrics. The
/// middleware wraps the router from outside (see `router`), where axum's
/// `MatchedPath` is not known yet, and cached pages never reach the router.
pub struct RouteLabels(matchit::Router<String>);

impl RouteLabels {
    /// The labels of these patterns (axum's syntax: `/lang-nghe/{slug}`).
    pub fn new(patterns: impl IntoIterator<Item = String>) -> RouteLabels {
        let mut router = matchit::Router::new();
        for pattern in patterns {
            // The same pattern under two methods is inserted once.
            let _ = router.insert(pattern.clone(), pattern);
        }
        RouteLabels(router)
    }

    /// The pattern `path` matches, or "other" (static files, not found).
    pub fn label(&self, path: &str) -> &str {
        self.0.at(path).map_or("other", |m| m.value.as_str())
    }
}

/// Counts every request and its time by route (the route's pattern, so the
/// number of series stays bounded), method and status.
pub async fn track(
    State(labels): State<std::sync::Arc<RouteLabels>>,
    request: Request,
    next: Next,
) -> Response {
    let route = labels.label(request.uri().path()).to_owned();
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The header that carries a request's id.
pub const REQUEST_ID: &str = "x-request-id";

/// Where the panic page puts the request id.
pub const REQUEST_ID_MARK: &str = "{request-id}";

/// A new request id: a random prefix of the process and a counter (unique
/// within the process, unguessable across restarts, cheap).
fn new_request_id() -> String {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        let _ = getrandom::fill(&mut bytes);
        u32::from_le_bytes(bytes)
    });
    format!("{prefix:08x}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Gives every request an id (an id the client sent is replaced: it
/// proves nothing and would let anyone write into the log), logs the
/// request within a span that carries it, and sends it back.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let id = new_request_id();
    let Ok(value) = HeaderValue::from_str(&id) else {
        return next.run(request).await;
    };
    request.headers_mut().insert(REQUEST_ID, value.clone());
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path()
    );
    let response = tracing::Instrument::instrument(next.run(request), span).await;
    let mut response = fill_panic_page(response, &id).await;
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// The panic page is made without the request; its id is written in here.
async fn fill_panic_page(response: Response, id: &str) -> Response {
    if !response.headers().contains_key("x-langnghe-panic") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    parts.headers.remove("x-langnghe-panic");
    parts.headers.remove(header::CONTENT_LENGTH);
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let page = String::from_utf8_lossy(&bytes).replace(REQUEST_ID_MARK, id);
    Response::from_parts(parts, axum::body::Body::from(page))
}

/// Whether a request may read the metrics: with the configured bearer
/// token, or straight from the loopback address (not through a proxy: a
/// proxy on the same machine would make every visitor local).
fn may_read_metrics(state: &AppState, request: &Request) -> bool {
    let headers = request.headers();
    if let (Some(token), Some(given)) = (
        state.metrics_token.as_deref(),
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ")),
    ) {
        // Compared as digests, so the time taken tells nothing.
        return Sha256::digest(token.as_bytes()) == Sha256::digest(given.trim().as_bytes());
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    peer.is_some_and(|ip| ip.is_loopback() && !state.trusted_proxies.0.contains(&ip))
        && !headers.contains_key("x-forwarded-for")
        && !headers.contains_key(header::FORWARDED)
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics_page(State(state): State<AppState>, request: Request) -> Response {
    if !may_read_metrics(&state, &request) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let handle = recorder();
    handle.run_upkeep();
    metrics::gauge!("search_index_generation").set(state.index.generation() as f64);
    metrics::gauge!("search_index_listings").set(state.index.len() as f64);
    let idle = state.pool.num_idle() as f64;
    metrics::gauge!("db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("db_pool_connections", "state" => "busy")
        .set(f64::from(state.pool.size()) - idle);
    let sign_ins = state.sign_in_limiter.counts();
    metrics::counter!("sign_in_refused_total", "reason" => "wrong_credentials")
        .absolute(sign_ins.wrong);
    metrics::counter!("sign_in_refused_total", "reason" => "limited").absolute(sign_ins.limited);
    metrics::counter!("sign_in_refused_total", "reason" => "locked").absolute(sign_ins.locked);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}
