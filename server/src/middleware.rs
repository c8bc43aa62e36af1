//! Request and response layers of the router that need no page: the
//! client's address (behind trusted proxies), security headers, and the
//! HTTP status of server-function errors.

use app::error::AppError;
use app::staff::auth::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Arc<[IpAddr]>);

impl TrustedProxies {
    /// The client of a request that came from `peer`: the peer itself,
    /// unless it is a trusted proxy; then the right-most address of
    /// `X-Forwarded-For` that is not a trusted proxy (the left part of the
    /// header is written by the client and proves nothing).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.0.contains(&peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        for hop in forwarded.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if self.0.contains(&ip) => continue,
                Ok(ip) => return ip,
                // Garbage from the next hop: the proxy stands for it.
                Err(_) => return peer,
            }
        }
        peer
    }
}

/// Puts the client's address into the request (sign-in limits, audit log).
pub async fn client_ip(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(addr)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let ip = ClientIp(proxies.client(addr.ip(), request.headers()));
        request.extensions_mut().insert(ip);
    }
    next.run(request).await
}

/// Headers every response gets: no framing, sniffing, powerful features or
/// cross-origin windows; HSTS when the site is served over HTTPS.
pub async fn security_headers(State(https): State<bool>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    // An embed card sets its own policy, which lets any site frame it (a
    // copy from the page cache carries that header too).
    let frameable = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|csp| csp.contains("frame-ancestors *;"));
    let headers = response.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if !frameable {
        set(header::X_FRAME_OPTIONS, "DENY");
    }
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    // Pages set their full policy with the render's script nonce (see
    // `app::content_security_policy`); everything else (JSON, files, the
    // panic page) gets this one: no framing, plugins, <base> or form posts
    // elsewhere.
    set(
        header::CONTENT_SECURITY_POLICY,
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
    );
    set(
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), payment=(), usb=(), serial=(), geolocation=(self)",
    );
    set(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if https {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    response
}

/// A page address with empty parameters (what a form sends without
/// JavaScript: `?q=ruou&craft=&district=`) is redirected to the same
/// address without them, so that links, caches and the address bar carry
/// only what was chosen. Only the pages with filter forms (search, map,
/// lists), so the address it sends to is always one of ours.
pub async fn drop_empty_parameters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let path = uri.path();
    let page = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    ) && model::listing::Kind::is_directory_page(path);
    if page
        && let Some(query) = uri.query()
        && let Some(kept) = model::paths::without_empty_parameters(query)
        && let Ok(location) = HeaderValue::from_str(&model::paths::with_query(path, &kept))
    {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
        response.headers_mut().insert(header::LOCATION, location);
        return response;
    }
    next.run(request).await
}

/// Server functions answer every error with 500; the error itself knows its
/// status (400 for arguments that do not parse, 403, 404, 409). Only 500
/// answers of server-function paths are read, and only their small body.
pub async fn server_fn_status(request: Request, next: Next) -> Response {
    let server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_str(xff).unwrap_or_else(|_| HeaderValue::from_static("")),
        );
        h
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let proxies = TrustedProxies(vec![ip("10.0.0.2"), ip("10.0.0.3")].into());
        let none = TrustedProxies::default();
        // Not from a proxy: the header is the client's own word.
        assert_eq!(
            none.client(ip("203.0.113.9"), &headers("1.2.3.4")),
            ip("203.0.113.9")
        );
        assert_eq!(
            proxies.client(ip("203.0.113.9"), &headers("1.2.3.4")),
            ip("203.0.113.9")
        );
        // From a proxy: the right-most address that is not a proxy.
        assert_eq!(
            proxies.client(ip("10.0.0.2"), &headers("1.2.3.4, 198.51.100.7")),
            ip("198.51.100.7")
        );
        assert_eq!(
            proxies.client(ip("10.0.0.2"), &headers("198.51.100.7, 10.0.0.3")),
            ip("198.51.100.7")
        );
        // A proxy without the header, or with garbage: the proxy.
        assert_eq!(
            proxies.client(ip("10.0.0.2"), &HeaderMap::new()),
            ip("10.0.0.2")
        );
        assert_eq!(
            proxies.client(ip("10.0.0.2"), &headers("not-an-ip")),
            ip("10.0.0.2")
        );
    }
}
