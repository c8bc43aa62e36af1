//! Shared helpers: a fresh migrated and seeded database per test, and the
//! real router around it.

#![allow(dead_code, clippy::unwrap_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use model::index::SearchIndex;
use model::search::{DirectoryQuery, Results};
use server::{AppState, db, router, seed};
use sqlx::SqlitePool;
use std::sync::Arc;
use tempfile::TempDir;
use tower::ServiceExt;

/// Creates a listing of `kind` from field values by key through the one
/// write path (the seed's: parse, checks, create with a revision "seed"):
/// its id and slug. Published unless `status` says otherwise.
pub async fn create_listing(
    conn: &mut sqlx::SqliteConnection,
    kind: model::listing::Kind,
    fields: &[(&str, &str)],
) -> Result<(i64, String), seed::SeedError> {
    let mut values = app::editing::Values::from([("status".to_owned(), "published".to_owned())]);
    values.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let form_cx = model::editing::db::form_context_in(&mut *conn)
        .await
        .unwrap();
    seed::create_listing(conn, "test", kind, &values, "seed", &form_cx).await
}

/// Sends a request through `router`: status, headers and body text.
pub async fn respond(router: Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// A test application: its own database file, removed on drop.
pub struct TestApp {
    pub router: Router,
    pub pool: SqlitePool,
    pub index: Arc<SearchIndex>,
    _dir: TempDir,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(|state| state).await
    }

    /// A test application whose state is changed by `change` before the
    /// router is built (another site URL, trusted proxies, …).
    pub async fn with(change: impl FnOnce(AppState) -> AppState) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/test.db", dir.path().display());
        let pool = db::connect_and_migrate(&url).await.unwrap();
        seed::seed(&pool).await.unwrap();
        let index = Arc::new(model::index::db::build_index(&pool).await.unwrap());
        let state = AppState::new(
            pool.clone(),
            index.clone(),
            "target/site",
            "http://test.example".to_owned(),
        )
        .with_media_dir(dir.path().join("media"));
        TestApp {
            router: router(change(state)),
            pool,
            index,
            _dir: dir,
        }
    }

    /// GETs a path; returns status and body text.
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        self.send(Request::builder().uri(path).body(Body::empty()).unwrap())
            .await
    }

    /// Sends a request through the router; returns status and body text.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, String) {
        let (status, _, body) = respond(self.router.clone(), request).await;
        (status, body)
    }
}

impl TestApp {
    /// Where this app writes photos.
    pub fn media_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("media")
    }
}

/// A fresh migrated database without seed data.
pub async fn empty_pool() -> (SqlitePool, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/test.db", dir.path().display());
    (db::connect_and_migrate(&url).await.unwrap(), dir)
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

impl TestApp {
    /// POSTs a url-encoded form (as the browser's server function calls do).
    pub async fn post_form(&self, path: &str, form: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method("POST")
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }
}

/// A fresh database with the real seed data.
pub async fn seeded_pool() -> (SqlitePool, TempDir) {
    let (pool, dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    (pool, dir)
}

/// Runs a query string (`q=…&kind=…`) against a freshly built index.
pub async fn query(pool: &SqlitePool, query_string: &str) -> Results {
    model::index::db::build_index(pool)
        .await
        .unwrap()
        .query(&DirectoryQuery::parse(query_string))
}

/// The slugs of the first page of results.
pub async fn slugs(pool: &SqlitePool, query_string: &str) -> Vec<String> {
    query(pool, query_string)
        .await
        .hits
        .into_iter()
        .map(|h| h.slug)
        .collect()
}

/// A multipart body with text fields and one file.
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    multipart_files(fields, file.as_slice())
}

/// A multipart form: its text fields, then each file under the name
/// `file` (several chosen at once).
pub fn multipart_files(
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (String, Vec<u8>) {
    let boundary = "----langnghe-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (filename, content_type, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A 2000 × 1000 photo-like PNG (a gradient with noise).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 32;
        image::Rgb([(x % 256) as u8, (y % 256) as u8, (n * 8) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}
