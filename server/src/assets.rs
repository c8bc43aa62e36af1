//! The site's static files (the WASM bundle and its JavaScript, the CSS,
//! Leaflet, the icon…) served from memory: read once at start-up with their
//! precompressed variants (`file.br`, `file.gz` from the release build's
//! `--precompress`), each with an ETag, answered with 304 when the browser
//! has it already.
//!
//! The files under `/pkg` are also served under `/pkg/<version>/…`, where
//! the version is a hash of everything in `/pkg`: pages link that address,
//! and answers under the current version are `immutable` for a year. A new
//! build gives a new version, so browsers fetch it once; everything else is
//! revalidated on each use (`no-cache`, a 304 when unchanged).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Files larger than this stay on disk (served by the fallback).
const MEMORY_MAX: u64 = 16 * 1024 * 1024;
/// Files the build did not precompress are compressed at start-up only up
/// to this size (a debug build's WASM would take seconds at brotli 11).
const COMPRESS_MAX: usize = 1024 * 1024;
const PKG: &str = "/pkg/";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "public, no-cache";

/// One file in its encodings.
struct Asset {
    content_type: HeaderValue,
    identity: (axum::body::Bytes, HeaderValue),
    gzip: Option<(axum::body::Bytes, HeaderValue)>,
    br: Option<(axum::body::Bytes, HeaderValue)>,
}

/// The site's static files by URL path.
#[derive(Default)]
pub struct Assets {
    files: HashMap<String, Asset>,
    version: String,
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" | "webmanifest" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "woff2" => "font/woff2",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

fn etag(bytes: &[u8], suffix: &str) -> HeaderValue {
    let hash = crate::backup::sha256_hex(bytes);
    HeaderValue::from_str(&format!("\"{}{suffix}\"", &hash[..20]))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().filter(|out| out.len() < bytes.len())
}

fn brotli(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    (out.len() < bytes.len()).then_some(out)
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

impl Assets {
    /// Reads every file under `site_root` (none when it does not exist:
    /// the fallback then answers from disk, or 404).
    pub fn load(site_root: &Path) -> Assets {
        let mut paths = Vec::new();
        walk(site_root, &mut paths);
        paths.sort();
        let read = |path: &Path| -> Option<axum::body::Bytes> {
            let meta = std::fs::metadata(path).ok()?;
            (meta.len() <= MEMORY_MAX)
                .then(|| std::fs::read(path).ok())
                .flatten()
                .map(axum::body::Bytes::from)
        };
        let mut files = HashMap::new();
        let mut pkg_hash = Vec::new();
        for path in &paths {
            let name = path.to_string_lossy();
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let Some(url) = path
                .strip_prefix(site_root)
                .ok()
                .and_then(|p| p.to_str())
                .map(|p| format!("/{}", p.replace('\\', "/")))
            else {
                continue;
            };
            let Some(bytes) = read(path) else {
                continue;
            };
            let tag = etag(&bytes, "");
            if url.starts_with(PKG) {
                pkg_hash.extend_from_slice(url.as_bytes());
                pkg_hash.extend_from_slice(tag.as_bytes());
            }
            let kind = content_type(&url);
            let compressible = bytes.len() <= COMPRESS_MAX
                && (kind.starts_with("text/")
                    || [
                        "application/wasm",
                        "image/svg+xml",
                        "application/json",
                        "application/xml",
                    ]
                    .contains(&kind));
            // Each encoding has its own tag: the file's, with a suffix.
            let tagged = |suffix: &str, bytes: axum::body::Bytes| {
                let tag = HeaderValue::from_str(&format!(
                    "{}-{suffix}\"",
                    tag.to_str().ok()?.trim_end_matches('"')
                ))
                .ok()?;
                Some((bytes, tag))
            };
            let variant = |ext: &str| read(Path::new(&format!("{name}.{ext}")));
            // A file the build did not precompress (the public folder's
            // own) is compressed here, once.
            let gzip = variant("gz")
                .or_else(|| compressible.then(|| gzip(&bytes).map(Into::into)).flatten())
                .and_then(|b| tagged("gz", b));
            let br = variant("br")
                .or_else(|| {
                    compressible
                        .then(|| brotli(&bytes).map(Into::into))
                        .flatten()
                })
                .and_then(|b| tagged("br", b));
            let asset = Asset {
                content_type: HeaderValue::from_static(kind),
                gzip,
                br,
                identity: (bytes, tag),
            };
            files.insert(url, asset);
        }
        let version = crate::backup::sha256_hex(&pkg_hash)[..12].to_owned();
        Assets { files, version }
    }

    /// The version of `/pkg` that pages link (a hash of its files).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The file at `path` and whether the answer may be cached forever.
    fn find(&self, path: &str) -> Option<(&Asset, bool)> {
        if let Some(asset) = self.files.get(path) {
            return Some((asset, false));
        }
        let rest = path.strip_prefix(PKG)?;
        let (version, file) = rest.split_once('/')?;
        let asset = self.files.get(&format!("{PKG}{file}"))?;
        // An older version's address gets today's file, revalidated.
        Some((asset, version == self.version))
    }
}

/// Which encodings the client accepts (`q=0` refuses one).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next().is_some_and(|c| c.eq_ignore_ascii_case(coding))
                && !parts.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q == 0.0)
                })
        })
}

/// Whether `If-None-Match` names one of the file's tags (any encoding:
/// the content is the same).
fn not_modified(headers: &HeaderMap, asset: &Asset) -> bool {
    let tags = [
        Some(&asset.identity.1),
        asset.gzip.as_ref().map(|g| &g.1),
        asset.br.as_ref().map(|b| &b.1),
    ];
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| {
            t == "*"
                || tags
                    .iter()
                    .flatten()
                    .any(|tag| tag.as_bytes() == t.as_bytes())
        })
}

/// Answers GET and HEAD requests for the site's files from memory; passes
/// everything else on.
pub async fn serve(State(assets): State<Arc<Assets>>, request: Request, next: Next) -> Response {
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        return next.run(request).await;
    }
    let Some((asset, immutable)) = assets.find(request.uri().path()) else {
        return next.run(request).await;
    };
    let headers = request.headers();
    let ((bytes, tag), encoding) = match (&asset.br, &asset.gzip) {
        (Some(br), _) if accepts(headers, "br") => (br, Some("br")),
        (_, Some(gz)) if accepts(headers, "gzip") => (gz, Some("gzip")),
        _ => (&asset.identity, None),
    };
    let cache = HeaderValue::from_static(if immutable { IMMUTABLE } else { REVALIDATE });
    let mut response = if not_modified(headers, asset) {
        StatusCode::NOT_MODIFIED.into_response()
    } else if method == Method::HEAD {
        let mut r = Response::new(Body::empty());
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        r
    } else {
        Response::new(Body::from(bytes.clone()))
    };
    let modified = response.status() != StatusCode::NOT_MODIFIED;
    let h = response.headers_mut();
    h.insert(header::ETAG, tag.clone());
    h.insert(header::CACHE_CONTROL, cache);
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if modified {
        h.insert(header::CONTENT_TYPE, asset.content_type.clone());
        if let Some(encoding) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_refused_with_q_zero_are_not_chosen() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br;q=0"),
        );
        assert!(accepts(&h, "gzip"));
        assert!(!accepts(&h, "br"));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=0.5,BR"),
        );
        assert!(accepts(&h, "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }
}
