//! The site's static files from memory: encodings, validators, the
//! versioned `/pkg` addresses pages link, and the head that links them.

use crate::common::{TestApp, respond};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use server::assets::Assets;
use std::sync::Arc;

const JS: &str = "export function hydrate() {}\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("langnghe.js"), JS.repeat(20)).unwrap();
    // The build's own precompressed variant is sent as it is.
    std::fs::write(pkg.join("langnghe.js.br"), b"BROTLI-BYTES").unwrap();
    std::fs::write(pkg.join("langnghe.css"), "body { color: red }\n".repeat(20)).unwrap();
    std::fs::write(
        dir.path().join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\"/></svg>\n"
            .repeat(5),
    )
    .unwrap();
    dir
}

async fn get(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::builder().uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response =
        tower::ServiceExt::oneshot(app.router.clone(), request.body(Body::empty()).unwrap())
            .await
            .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    (status, headers, bytes.to_vec())
}

#[tokio::test]
async fn files_are_served_in_the_best_encoding_with_validators() {
    let dir = site();
    let version = Assets::load(dir.path()).version().to_owned();
    let root = dir.path().to_owned();
    let app = TestApp::with(move |mut s| {
        s.assets = Arc::new(Assets::load(&root));
        s
    })
    .await;

    // The build's brotli file for a client that takes brotli.
    let (status, h, body) = get(&app, "/pkg/langnghe.js", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"BROTLI-BYTES");
    assert_eq!(h[header::CONTENT_ENCODING], "br");
    assert_eq!(h[header::CONTENT_TYPE], "text/javascript; charset=utf-8");
    assert_eq!(h[header::VARY], "accept-encoding");
    assert_eq!(h[header::CACHE_CONTROL], "public, no-cache");
    let tag = h[header::ETAG].to_str().unwrap().to_owned();

    // Unchanged: 304 without a body, for the tag of any encoding.
    let (status, h, body) = get(&app, "/pkg/langnghe.js", &[("if-none-match", &tag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert!(h.get(header::ETAG).is_some());
    let (status, _, _) = get(&app, "/pkg/langnghe.js", &[("if-none-match", "\"other\"")]).await;
    assert_eq!(status, StatusCode::OK);

    // No encoding accepted: the file itself.
    let (_, h, body) = get(&app, "/pkg/langnghe.js", &[]).await;
    assert_eq!(body, JS.repeat(20).as_bytes());
    assert!(h.get(header::CONTENT_ENCODING).is_none());

    // The versioned address: the same file, cached for a year; another
    // version's address gets today's file, revalidated.
    let (status, h, body) = get(&app, &format!("/pkg/{version}/langnghe.js"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, JS.repeat(20).as_bytes());
    assert_eq!(
        h[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let (_, h, _) = get(&app, "/pkg/0123456789ab/langnghe.js", &[]).await;
    assert_eq!(h[header::CACHE_CONTROL], "public, no-cache");
    let (status, _, _) = get(&app, &format!("/pkg/{version}/missing.js"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A public file without variants is compressed once, at start-up.
    let (status, h, body) = get(&app, "/favicon.svg", &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h[header::CONTENT_ENCODING], "gzip");
    assert_eq!(h[header::CONTENT_TYPE], "image/svg+xml");
    let mut plain = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)
        .unwrap();
    assert!(plain.starts_with("<svg"));
    // HEAD: the headers only.
    let request = Request::builder()
        .method("HEAD")
        .uri("/favicon.svg")
        .body(Body::empty())
        .unwrap();
    let (status, h, body) = respond(app.router.clone(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    assert!(
        h[header::CONTENT_LENGTH]
            .to_str()
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 0
    );
    // Security headers still apply.
    assert_eq!(h["x-content-type-options"], "nosniff");

    // Pages link the versioned addresses; the module preload carries the
    // nonce as `nonce`, and no `crossorigin` holds it.
    let (_, h, body) = get(&app, "/", &[]).await;
    let page = String::from_utf8(body).unwrap();
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.contains(&format!("href=\"/pkg/{version}/langnghe.css\"")),
        "{page}"
    );
    // A public page loads the islands' bundle only, and carries none of
    // the data it was rendered from (nothing hydrates it as a whole).
    assert!(page.contains(&format!(
        "<link rel=\"modulepreload\" href=\"/pkg/{version}/langnghe-islands.js\" nonce=\"{nonce}\""
    )));
    assert!(page.contains(&format!("\"/pkg/{version}/langnghe-islands.wasm\"")));
    assert!(!page.contains("/langnghe.js\""), "{page}");
    assert!(!page.contains("__RESOLVED_RESOURCES["), "{page}");
    assert!(!page.contains(&format!("crossorigin=\"{nonce}\"")));
    assert!(
        page.contains("m=>m.default(") && page.contains("querySelectorAll(\"leptos-island\")"),
        "the script is not escaped: {page}"
    );
    // The header's search box is an island.
    assert!(
        page.contains("<leptos-island data-component=\"SearchInputIsland_"),
        "{page}"
    );

    // A staff page loads the whole application's bundle.
    let (_, _, body) = get(&app, "/dang-nhap", &[]).await;
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.contains(&format!(
            "<link rel=\"modulepreload\" href=\"/pkg/{version}/langnghe.js\""
        )),
        "{page}"
    );
    assert!(page.contains(&format!("\"/pkg/{version}/langnghe.wasm\"")));
    assert!(!page.contains("langnghe-islands"), "{page}");
}
