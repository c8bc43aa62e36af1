//! Link previews (issue 16): a drawn 1200 × 630 card for a listing without
//! photos, named in every profile's head with its size and text.

use crate::common::{TestApp, respond};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn bytes(app: &TestApp, path: &str) -> (StatusCode, String, Vec<u8>) {
    let response = app
        .router
        .clone()
        .oneshot(Request::builder().uri(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, body.to_vec())
}

#[tokio::test]
async fn a_listing_without_photos_gets_a_drawn_card() {
    let app = TestApp::new().await;
    for path in [
        "/og/village/ban-lac",
        "/og/village/ban-lac?lang=en",
        "/og/product/bun-cao-son",
    ] {
        let (status, content_type, png) = bytes(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(content_type, "image/png");
        let image = image::load_from_memory(&png).unwrap();
        assert_eq!((image.width(), image.height()), (1200, 630), "{path}");
        if let Ok(dir) = std::env::var("LANGNGHE_SHOT_DIR") {
            let name = path
                .trim_start_matches("/og/")
                .replace(['/', '?', '='], "-");
            std::fs::write(format!("{dir}/og-{name}.png"), &png).unwrap();
        }
    }
    // Made once: the second answer is the same bytes.
    let first = bytes(&app, "/og/village/ban-lac").await.2;
    assert_eq!(first, bytes(&app, "/og/village/ban-lac").await.2);
    for path in [
        "/og/village/khong-co",
        "/og/village/Ban-Lac",
        "/og/lang-nghe/ban-lac",
        "/og/village/..%2F..%2Fetc",
    ] {
        assert_eq!(bytes(&app, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn every_seeded_name_can_be_drawn_with_the_bundled_font() {
    let app = TestApp::new().await;
    let names: Vec<(String, String)> = sqlx::query_as(
        "SELECT name_vi, name_en FROM villages UNION ALL SELECT name_vi, name_en FROM clusters
         UNION ALL SELECT name_vi, name_en FROM enterprises UNION ALL SELECT name_vi, name_en FROM products",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(names.len() > 50);
    for (vi, en) in names {
        assert!(server::og::covers(&vi), "{vi}");
        assert!(server::og::covers(&en), "{en}");
    }
}

#[tokio::test]
async fn profiles_name_their_preview_with_its_size_and_text() {
    let app = TestApp::new().await;
    let request = |path: &str| Request::builder().uri(path).body(Body::empty()).unwrap();
    let (_, _, page) = respond(app.router.clone(), request("/lang-nghe/ban-lac")).await;
    for tag in [
        "property=\"og:image\" content=\"http://test.example/og/village/ban-lac\"",
        "property=\"og:image:width\" content=\"1200\"",
        "property=\"og:image:height\" content=\"630\"",
        "property=\"og:image:alt\" content=\"Làng nghề dệt thổ cẩm Bản Lác — Làng nghề Hòa Bình\"",
        "name=\"twitter:card\" content=\"summary_large_image\"",
    ] {
        assert!(page.contains(tag), "{tag}");
    }
    let (_, _, en) = respond(app.router.clone(), request("/en/craft-villages/ban-lac")).await;
    assert!(en.contains(
        "property=\"og:image\" content=\"http://test.example/og/village/ban-lac?lang=en\""
    ));
    let (_, _, home) = respond(app.router.clone(), request("/")).await;
    assert!(!home.contains("property=\"og:image\""));
    assert!(!home.contains("json+oembed"));
}
