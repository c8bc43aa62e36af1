//! The map: clustering properties on many points, the JSON endpoint with
//! hostile viewports, and the pages with and without JavaScript.

use crate::common::{TestApp, count};
use axum::http::StatusCode;
use model::i18n::Lang;
use model::index::{Document, FacetValue, SearchIndex};
use model::listing::Kind;
use model::map::{Bbox, MapQuery, MapView};
use model::search::{DirectoryQuery, FacetKey, SearchHit};
use std::collections::{HashMap, HashSet};

/// A small deterministic random source.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss)]
        let v = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        v
    }
}

/// `n` listings around the province: a third of them stacked on ten
/// "commune centres" (as listings without an exact place are), the rest
/// spread out, every fifth one without a point.
fn documents(n: usize) -> (Vec<Document>, Vec<Option<(f64, f64)>>) {
    let mut rng = Lcg(42);
    let centres: Vec<(f64, f64)> = (0..10)
        .map(|_| (20.4 + rng.next() * 0.6, 104.9 + rng.next() * 0.9))
        .collect();
    let mut docs = Vec::new();
    let mut points = Vec::new();
    for i in 0..n {
        let kind = Kind::ALL[i % 4];
        let commune = i % 10;
        let point = match i % 5 {
            0 => None,
            1 => Some(centres[commune]),
            _ => Some((20.3 + rng.next() * 0.8, 104.8 + rng.next() * 1.1)),
        };
        points.push(point);
        docs.push(Document {
            id: i64::try_from(i).unwrap(),
            hit: SearchHit {
                kind,
                slug: format!("mau-{i}"),
                name_vi: format!("Mẫu {i}"),
                name_en: format!("Sample {i}"),
                commune: Some(format!("Xã {commune}")),
                districts: Vec::new(),
                summary_vi: None,
                summary_en: None,
                badges: Vec::new(),
            },
            values: vec![FacetValue {
                key: FacetKey::Commune,
                code: format!("{commune:05}"),
                label_vi: format!("Xã {commune}"),
                label_en: format!("{commune} Commune"),
                rank: 0,
            }],
            name_text: format!("Mẫu {i}"),
            body_text: String::new(),
            place_text: String::new(),
            expires_on: None,
            point,
        });
    }
    (docs, points)
}

fn view(index: &SearchIndex, bbox: Option<Bbox>, zoom: Option<u8>, search: &str) -> MapView {
    index.map(
        &MapQuery {
            search: DirectoryQuery::parse(search),
            bbox,
            zoom,
        },
        Lang::Vi,
    )
}

fn in_box(points: &[Option<(f64, f64)>], b: &Bbox, keep: impl Fn(usize) -> bool) -> usize {
    points
        .iter()
        .enumerate()
        .filter(|(i, p)| keep(*i) && p.is_some_and(|p| b.contains(p)))
        .count()
}

#[test]
fn clusters_add_up_never_repeat_and_nest_across_zoom_levels() {
    let (docs, points) = documents(20_000);
    let index = SearchIndex::new(docs);
    let boxes = [
        Bbox::parse("104.7,20.2,106.0,21.2").unwrap(),
        Bbox::parse("105.0,20.5,105.3,20.8").unwrap(),
        Bbox::parse("105.1,20.6,105.12,20.62").unwrap(),
    ];
    for b in &boxes {
        for zoom in [6u8, 8, 9, 10, 11, 12, 14, 16, 17] {
            let v = view(&index, Some(*b), Some(zoom), "");
            let expected = in_box(&points, b, |_| true);
            // The counts of the markers add up to the listings in view.
            assert_eq!(v.in_view, expected, "{b:?} z{zoom}");
            assert_eq!(v.markers.iter().map(|m| m.count).sum::<usize>(), expected);
            assert_eq!(v.groups.iter().map(|g| g.count).sum::<usize>(), expected);
            // No marker twice; single listings appear once each; every
            // marker's listings lie within its bounds.
            let keys: HashSet<&str> = v.markers.iter().map(|m| m.key.as_str()).collect();
            assert_eq!(keys.len(), v.markers.len());
            let singles: Vec<&str> = v
                .markers
                .iter()
                .filter_map(|m| m.listing.as_ref().map(|l| l.href.as_str()))
                .collect();
            assert_eq!(singles.iter().collect::<HashSet<_>>().len(), singles.len());
            for m in &v.markers {
                assert!(m.bounds.contains((m.lat, m.lon)), "{m:?}");
                assert_eq!(m.kinds.iter().sum::<usize>(), m.count);
                assert_eq!(m.listing.is_some(), m.count == 1);
            }
            // Zooming in never loses a listing: the markers one level
            // deeper fall into exactly one marker of this level and add up
            // to its count.
            let deeper = view(&index, Some(*b), Some(v.zoom + 1), "");
            // (A huge box is answered at a lower zoom; compare real steps.)
            if deeper.zoom == v.zoom + 1 {
                let zoom = v.zoom;
                let mut by_parent: HashMap<String, usize> = HashMap::new();
                for m in &deeper.markers {
                    let parts: Vec<u32> = m.key.split('/').map(|p| p.parse().unwrap()).collect();
                    *by_parent
                        .entry(format!("{zoom}/{}/{}", parts[1] / 2, parts[2] / 2))
                        .or_default() += m.count;
                }
                let here: HashMap<String, usize> =
                    v.markers.iter().map(|m| (m.key.clone(), m.count)).collect();
                assert_eq!(by_parent, here, "{b:?} z{zoom} → z{}", zoom + 1);
            }
        }
    }
    // Listings stacked on one point stay one cluster that cannot be split.
    let centre = points[1].unwrap();
    let deep = view(
        &index,
        Some(Bbox::around(centre, 0.2)),
        Some(model::map::MAX_ZOOM),
        "",
    );
    assert_eq!(deep.zoom, model::map::MAX_ZOOM);
    let stacked: Vec<_> = deep.markers.iter().filter(|m| m.count > 1).collect();
    assert!(!stacked.is_empty());
    assert!(stacked.iter().all(|m| !m.expandable));
    // At the overview the listings are clustered, not sent one by one.
    let overview = view(&index, None, None, "");
    assert_eq!(overview.in_view, in_box(&points, &overview.bbox, |_| true));
    assert!(overview.markers.len() < 200, "{}", overview.markers.len());
}

#[test]
fn the_map_follows_the_search() {
    let (docs, points) = documents(4_000);
    let index = SearchIndex::new(docs);
    let b = Bbox::parse("104.7,20.2,106.0,21.2").unwrap();
    let villages = view(&index, Some(b), Some(9), "kind=village");
    assert_eq!(villages.in_view, in_box(&points, &b, |i| i % 4 == 0));
    assert_eq!(villages.total, 1_000);
    assert!(
        villages
            .markers
            .iter()
            .all(|m| m.kinds[1..].iter().all(|&n| n == 0))
    );
    let one_commune = view(&index, Some(b), Some(9), "commune=00003&kind=product");
    assert_eq!(
        one_commune.in_view,
        in_box(&points, &b, |i| i % 10 == 3 && i % 4 == 3)
    );
    assert_eq!(one_commune.groups.len(), 1);
    assert_eq!(one_commune.groups[0].code, "00003");
    let words = view(&index, Some(b), Some(9), "q=mau+17");
    assert!(
        words.in_view >= 1 && words.in_view < 200,
        "{}",
        words.in_view
    );
    // A listing leaves the map as soon as it is gone from the index.
    let nothing = view(&index, Some(b), Some(9), "q=khongcogi");
    assert_eq!((nothing.in_view, nothing.total), (0, 0));
    assert!(nothing.markers.is_empty() && nothing.groups.is_empty());
}

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
    let (_, search) = app.get("/tim-kiem?q=gom").await;
    assert!(search.contains("href=\"/ban-do?q=gom\""));
    let (_, map) = app.get("/ban-do?q=gom").await;
    assert!(map.contains("href=\"/tim-kiem?q=gom\""));
    // A profile links to the map around it.
    let (_, profile) = app.get("/lang-nghe/ban-lac").await;
    assert!(profile.contains("data-testid=\"nearby-map\""));
    assert!(profile.contains("href=\"/ban-do?bbox="));
}
