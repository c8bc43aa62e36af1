//! Embeddable cards and oEmbed (issue 16): framing allowed for the cards
//! alone, no scripts in them, a link out carrying a partner's code, and
//! oEmbed answering for this site's profiles only.

use crate::common::{TestApp, respond};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};

async fn get(app: &TestApp, path: &str) -> (StatusCode, HeaderMap, String) {
    respond(
        app.router.clone(),
        Request::builder().uri(path).body(Body::empty()).unwrap(),
    )
    .await
}

fn framing_denied(headers: &HeaderMap) -> bool {
    headers.get("x-frame-options").is_some_and(|v| v == "DENY")
        && headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
}

#[tokio::test]
async fn cards_may_be_framed_by_any_site_and_nothing_else_may() {
    let app = TestApp::new().await;
    // Twice: the second answer comes from the page cache.
    for round in 0..2 {
        let (status, headers, card) = get(&app, "/nhung/lang-nghe/ban-lac").await;
        assert_eq!(status, StatusCode::OK, "round {round}");
        assert!(headers.get("x-frame-options").is_none(), "round {round}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors *;"), "{csp}");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(!card.contains("<script"), "no scripts, no WASM");
        assert!(card.contains("data-testid=\"embed-card\""));
        assert!(card.contains("Làng nghề dệt thổ cẩm Bản Lác"));
        assert!(card.contains(
            "href=\"http://test.example/lang-nghe/ban-lac\" target=\"_blank\" rel=\"noopener\""
        ));
    }
    let (_, _, en) = get(&app, "/en/embed/craft-villages/ban-lac").await;
    assert!(en.contains("lang=\"en\""));
    assert!(en.contains("See the full page"));
    assert!(en.contains("href=\"http://test.example/en/craft-villages/ban-lac\""));
    // A partner's code is carried to the full page; anything else is not.
    let (_, _, coded) = get(&app, "/nhung/lang-nghe/ban-lac?ref=homestay-01").await;
    assert!(coded.contains("href=\"http://test.example/lang-nghe/ban-lac?ref=homestay-01\""));
    let (_, _, hostile) = get(&app, "/nhung/lang-nghe/ban-lac?ref=%22%3E%3Cscript%3E").await;
    assert!(!hostile.contains("?ref="), "{hostile}");
    for path in [
        "/",
        "/lang-nghe/ban-lac",
        "/en/craft-villages/ban-lac",
        "/lang-nghe",
        "/sitemap.xml",
        "/oembed?url=http%3A%2F%2Ftest.example%2Flang-nghe%2Fban-lac",
    ] {
        let (status, headers, _) = get(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(framing_denied(&headers), "{path}: {headers:?}");
    }
    for path in [
        "/nhung/lang-nghe/khong-co",
        "/nhung/craft-villages/ban-lac",
        "/en/embed/lang-nghe/ban-lac",
        "/nhung/lang-nghe/Ban-Lac",
        "/nhung/san-pham/ban-lac",
    ] {
        let (status, headers, _) = get(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(headers.get("x-frame-options").is_some(), "{path}");
    }
}

#[tokio::test]
async fn oembed_describes_this_sites_profiles_only() {
    let app = TestApp::new().await;
    let (status, headers, body) = get(
        &app,
        "/oembed?url=http%3A%2F%2Ftest.example%2Flang-nghe%2Fban-lac%3Fx%3D1&format=json",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["version"], "1.0");
    assert_eq!(json["type"], "rich");
    assert_eq!(json["width"], 480);
    assert_eq!(json["title"], "Làng nghề dệt thổ cẩm Bản Lác");
    let html = json["html"].as_str().unwrap();
    assert!(
        html.starts_with("<iframe src=\"http://test.example/nhung/lang-nghe/ban-lac\""),
        "{html}"
    );
    let (_, _, en) = get(
        &app,
        "/oembed?url=http://test.example/en/craft-villages/ban-lac&maxwidth=300",
    )
    .await;
    let en: serde_json::Value = serde_json::from_str(&en).unwrap();
    assert_eq!(en["width"], 300);
    assert!(
        en["html"]
            .as_str()
            .unwrap()
            .contains("/en/embed/craft-villages/ban-lac")
    );
    for (query, expected) in [
        (
            "url=https%3A%2F%2Fevil.example%2Flang-nghe%2Fban-lac",
            StatusCode::NOT_FOUND,
        ),
        (
            "url=http%3A%2F%2Ftest.example.evil.com%2Flang-nghe%2Fban-lac",
            StatusCode::NOT_FOUND,
        ),
        (
            "url=http%3A%2F%2Ftest.example%2Flang-nghe%2Fkhong-co",
            StatusCode::NOT_FOUND,
        ),
        (
            "url=http%3A%2F%2Ftest.example%2Flang-nghe",
            StatusCode::NOT_FOUND,
        ),
        (
            "url=http%3A%2F%2Ftest.example%2Fquan-tri",
            StatusCode::NOT_FOUND,
        ),
        ("url=javascript%3Aalert(1)", StatusCode::NOT_FOUND),
        (
            "url=http%3A%2F%2Ftest.example%2Flang-nghe%2Fban-lac&format=xml",
            StatusCode::NOT_IMPLEMENTED,
        ),
        ("format=json", StatusCode::BAD_REQUEST),
        ("url=", StatusCode::BAD_REQUEST),
    ] {
        let (status, _, body) = get(&app, &format!("/oembed?{query}")).await;
        assert_eq!(status, expected, "{query}: {body}");
    }
}

#[tokio::test]
async fn profiles_name_their_oembed_and_offer_the_embed_code() {
    let app = TestApp::new().await;
    let (_, _, page) = get(&app, "/lang-nghe/ban-lac").await;
    let links: Vec<&str> = page
        .split("<link")
        .filter_map(|l| l.split('>').next())
        .filter(|l| l.contains("type=\"application/json+oembed\""))
        .collect();
    assert_eq!(links.len(), 1, "one discovery link");
    assert!(
        links[0].contains("href=\"http://test.example/oembed?url=http%3A%2F%2Ftest.example%2Flang-nghe%2Fban-lac&amp;format=json\""),
        "{}",
        links[0]
    );
    assert!(page.contains("data-testid=\"embed-code\""));
    assert!(
        page.contains("&lt;iframe src=&quot;http://test.example/nhung/lang-nghe/ban-lac&quot;")
    );
    // Pages that are not profiles have no discovery link.
    let (_, _, list) = get(&app, "/lang-nghe").await;
    assert!(!list.contains("json+oembed"));
}
