//! The map: the JSON endpoint with
//! hostile viewports, and the pages with and without JavaScript.

use crate::common::{TestApp, count};
use axum::http::StatusCode;

async fn json(app: &TestApp, path: &str) -> (StatusCode, serde_json::Value) {
    let (status, body) = app.get(path).await;
    (status, serde_json::from_str(&body).unwrap())
}

#[tokio::test]
async fn the_endpoint_refuses_broken_viewports_with_a_message() {
    let app = TestApp::new().await;
    for (query, code) in [
        ("bbox=106,20,105,21", "Inverted"),
        ("bbox=105,21,106,20", "Inverted"),
        ("bbox=NaN,20,106,21", "NotFinite"),
        ("bbox=105,20,inf,21", "NotFinite"),
        ("bbox=105,20,106", "BboxShape"),
        ("bbox=a,b,c,d", "BboxShape"),
        ("bbox=105,20,106,21&zoom=abc", "Zoom"),
        ("bbox=105,20,106,21&zoom=1e400", "Zoom"),
    ] {
        let (status, body) = json(&app, &format!("/api/v1/map?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["code"], code, "{query}");
        assert!(body["error"].as_str().unwrap().contains("bbox") || code == "Zoom");
    }
    let (_, en) = json(&app, "/api/v1/map?bbox=106,20,105,21&lang=en").await;
    assert!(
        en["error"]
            .as_str()
            .unwrap()
            .starts_with("bbox is inverted")
    );
    let (_, vi) = json(&app, "/api/v1/map?bbox=106,20,105,21").await;
    assert!(vi["error"].as_str().unwrap().starts_with("bbox bị đảo"));
}

#[tokio::test]
async fn the_endpoint_answers_huge_and_out_of_range_viewports() {
    let app = TestApp::new().await;
    let total = app.index.len();
    // The whole area without a box: every listing with a point (the plan's
    // parks and clusters are known by former district only: no point).
    let (status, whole) = json(&app, "/api/v1/map").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(whole["total"], total);
    let located = total - usize::try_from(whole["unlocated"].as_u64().unwrap()).unwrap();
    assert!(located >= 15, "{located}");
    assert_eq!(whole["in_view"], located);
    let all = located;
    // Out of range: clamped to the world.
    let (status, world) = json(&app, "/api/v1/map?bbox=-1000,-1000,1000,1000&zoom=-7").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(world["bbox"]["west"], -180.0);
    assert_eq!(world["zoom"], 0);
    assert_eq!(world["in_view"], all);
    // Huge at the deepest zoom: answered at a zoom where the box is at
    // most 4096 px, so the answer stays small.
    let (status, huge) = json(&app, "/api/v1/map?bbox=-180,-85,180,85&zoom=18").await;
    assert_eq!(status, StatusCode::OK);
    assert!(huge["zoom"].as_u64().unwrap() <= 4, "{}", huge["zoom"]);
    assert_eq!(huge["in_view"], all);
    // Elsewhere on Earth: nothing, not an error.
    let (status, far) = json(&app, "/api/v1/map?bbox=2,48,3,49&zoom=12").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(far["in_view"], 0);
    // The search parameters filter the map.
    let (_, villages) = json(&app, "/api/v1/map?kind=village").await;
    assert_eq!(villages["total"], 11);
    let markers = villages["markers"].as_array().unwrap();
    let sum: u64 = markers.iter().map(|m| m["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, 11);
}

#[tokio::test]
async fn the_map_page_works_without_javascript() {
    let app = TestApp::new().await;
    let (status, html) = app.get("/ban-do").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"svg-map\""));
    assert!(html.contains("data-testid=\"map-groups\""));
    // Commune points and at least one cluster linking to a zoomed map.
    assert!(count(&html, "class=\"commune-dot\"") >= 40, "commune dots");
    let cluster_href = html
        .split("class=\"cluster-link\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .map(|h| h.split('"').next().unwrap().replace("&amp;", "&"))
        .unwrap();
    assert!(cluster_href.starts_with("/ban-do?bbox="), "{cluster_href}");
    let (status, zoomed) = app.get(&cluster_href).await;
    assert_eq!(status, StatusCode::OK);
    let in_view = |html: &str| -> usize {
        let after = html.split("data-testid=\"map-count\"").nth(1).unwrap();
        after
            .split_once('>')
            .unwrap()
            .1
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let located = in_view(&html);
    assert!(located >= 15 && located < app.index.len(), "{located}");
    assert!(html.contains("data-testid=\"map-unlocated\""));
    // What is not on the map is named by former district, each a link to
    // the list filtered by it; the counts add up to the unlocated total.
    let unlocated = html.split("data-testid=\"map-unlocated\"").nth(1).unwrap();
    let unlocated = unlocated.split("</ul>").next().unwrap();
    assert!(
        unlocated.contains("href=\"/tim-kiem?district=156\""),
        "{unlocated}"
    );
    assert!(unlocated.contains("Mai Châu"), "{unlocated}");
    let (_, api) = json(&app, "/api/v1/map").await;
    let by_district: u64 = api["unlocated_districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["count"].as_u64().unwrap())
        .sum();
    assert!(by_district >= api["unlocated"].as_u64().unwrap() && by_district > 0);
    assert!(in_view(&zoomed) < located && in_view(&zoomed) > 1);
    // Single listings link to their profiles; facets are there.
    assert!(html.contains("href=\"/lang-nghe/"));
    assert!(html.contains("id=\"filter-kind\""));
    // English, filtered, with a broken box: the whole area, no error.
    let (status, en) = app.get("/en/map?kind=village&bbox=NaN").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(in_view(&en), 11);
    assert!(en.contains("In view, by commune"));
    // Search ↔ map keep the query.
    let (_, search) = app.get("/tim-kiem?q=ruou").await;
    assert!(search.contains("href=\"/ban-do?q=ruou\""));
    let (_, map) = app.get("/ban-do?q=ruou").await;
    assert!(map.contains("href=\"/tim-kiem?q=ruou\""));
    // A profile links to the map around it.
    let (_, profile) = app.get("/lang-nghe/ban-lac").await;
    assert!(profile.contains("data-testid=\"nearby-map\""));
    assert!(profile.contains("href=\"/ban-do?bbox="));
}

/// The text of an HTML attribute's value as written by the server.
fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The props of the first island of `component` on a page, as JSON.
fn island_props(html: &str, component: &str) -> serde_json::Value {
    let island = html
        .split(&format!("<leptos-island data-component=\"{component}_"))
        .nth(1)
        .unwrap_or_else(|| panic!("no {component} island"));
    let props = island
        .split("data-props=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    serde_json::from_str(&unescape_attribute(props)).unwrap()
}

#[tokio::test]
async fn hostile_text_in_an_islands_props_stays_text() {
    let app = TestApp::new().await;
    let attack = "\"><script>alert(1)</script>&<img src=x onerror=alert(2)>'";
    let q =
        "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%26%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E%27";
    for path in [
        format!("/ban-do?q={q}"),
        format!("/tim-kiem?q={q}"),
        format!("/en/craft-villages?q={q}"),
    ] {
        let (status, html) = app.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        // The search box's island carries the text whole, and reads it back.
        let props = island_props(&html, "SearchInputIsland");
        assert_eq!(props["value"], attack, "{path}");
    }
    // The map's island carries the search it shows.
    let (_, html) = app.get(&format!("/ban-do?q={q}")).await;
    let props = island_props(&html, "MapLiveIsland");
    assert_eq!(props["query"]["search"]["q"], attack);
}
