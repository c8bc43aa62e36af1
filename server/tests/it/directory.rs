//! The directory pages: parks and clusters, enterprises, products, their
//! profiles, links between them both ways, and the facets in the URL.

use crate::common::{TestApp, count, create_listing};
use axum::http::StatusCode;
use model::date::Date;
use model::listing::Kind;

/// The JSON-LD of a page.
fn json_ld(body: &str) -> serde_json::Value {
    let start = body.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + body[start..].find("</script>").unwrap();
    serde_json::from_str(&body[start..end].replace("<\\/", "</")).unwrap()
}

#[tokio::test]
async fn cluster_list_and_profiles_with_the_expansion_panel() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/cum-cong-nghiep").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("43 kết quả"), "10 parks and 33 clusters");
    assert_eq!(count(&body, "<li class=\"card\">"), 20, "20 a page");
    assert!(body.contains("Trang 1/3"));
    assert!(body.contains("href=\"/cum-cong-nghiep?page=2\""));
    // The 10 industrial parks lead the first page, then the clusters by name.
    let cards: Vec<&str> = body.split("<li class=\"card\">").skip(1).collect();
    assert!(
        cards[..10].iter().all(|c| c.contains("Khu công nghiệp")),
        "parks first"
    );
    assert!(cards[10..].iter().all(|c| c.contains("Cụm công nghiệp")));
    assert!(body.contains("<label for=\"filter-stage\">Tình trạng</label>"));
    assert!(
        !body.contains("filter-form"),
        "only the facets of this kind"
    );

    let (_, body) = app.get("/cum-cong-nghiep?stage=operating").await;
    assert!(body.contains("3 kết quả"));
    assert!(body.contains("Khu công nghiệp Lương Sơn"));

    let (status, body) = app.get("/cum-cong-nghiep/cum-cong-nghiep-xom-rut").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("74,50 ha"));
    assert!(body.contains("Còn có thể mở rộng 0,50 ha"));
    assert!(
        body.contains("Chưa đủ dữ liệu để kết luận"),
        "occupancy unknown"
    );
    assert!(body.contains("Huyện Lương Sơn"));
    let ld = json_ld(&body);
    assert_eq!(ld["@type"], "Place");
    assert!(
        ld["isBasedOn"]
            .as_str()
            .unwrap()
            .starts_with("https://dntm.vn/")
    );

    let (_, body) = app
        .get("/en/industrial-clusters/khu-cong-nghiep-luong-son")
        .await;
    assert!(body.contains("Lương Sơn Industrial Park"));
    assert!(body.contains("100.00% (2020)"));
    assert!(body.contains("industrial parks follow their own rules"));
}

#[tokio::test]
async fn enterprise_profiles_are_organisations_or_local_businesses() {
    let app = TestApp::new().await;
    let (_, body) = app.get("/doanh-nghiep").await;
    assert!(body.contains("26 kết quả"));
    assert!(body.contains("<label for=\"filter-form\">Loại hình</label>"));
    let (_, body) = app.get("/doanh-nghiep?form=household").await;
    assert!(body.contains("3 kết quả") && body.contains("Hộ kinh doanh Ngô Kim Quyền"));

    let (status, body) = app
        .get("/doanh-nghiep/hop-tac-xa-det-tho-cam-chieng-chau")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("JICA") && body.contains("<dd>33</dd>") && body.contains("<dd>2009</dd>")
    );
    assert_eq!(json_ld(&body)["@type"], "Organization");
    let (_, body) = app.get("/en/enterprises/ho-kinh-doanh-ngo-kim-quyen").await;
    assert_eq!(json_ld(&body)["@type"], "LocalBusiness");
    assert!(body.contains("Household business"));
}

#[tokio::test]
async fn products_show_stars_and_link_to_their_village_and_back() {
    let app = TestApp::new().await;
    let (_, body) = app.get("/san-pham?stars=3").await;
    assert!(body.contains("17 kết quả") && body.contains("Rượu Mai Hạ"));
    let (_, body) = app.get("/san-pham?stars=5").await;
    assert!(body.contains("1 kết quả") && body.contains("Măng khô ăn liền"));
    let (_, body) = app.get("/san-pham/ruou-mai-ha").await;
    assert!(body.contains("OCOP 3 sao"), "{body}");
    assert!(body.contains("href=\"/lang-nghe/chieng-ha\""));
    assert_eq!(json_ld(&body)["@type"], "Product");
    let (_, body) = app.get("/lang-nghe/chieng-ha").await;
    assert!(body.contains("href=\"/san-pham/ruou-mai-ha\""));
    // The cooperative of former Chiềng Châu commune shows on Bản Lác.
    let (_, body) = app.get("/lang-nghe/ban-lac").await;
    assert!(body.contains("href=\"/doanh-nghiep/hop-tac-xa-det-tho-cam-chieng-chau\""));
    assert!(body.contains("href=\"/san-pham/tho-cam-ban-lac\""));
}

#[tokio::test]
async fn profiles_link_both_ways_and_certificates_expire() {
    let app = TestApp::new().await;
    let mut conn = app.pool.acquire().await.unwrap();
    let mut fields = vec![
        ("name_vi", "Công ty thử"),
        ("name_en", "Test company"),
        ("legal_form", "company"),
        ("tax_code", "0100109105"),
        ("source_url", "https://example.org/test"),
    ];
    assert!(
        create_listing(&mut conn, Kind::Enterprise, &fields)
            .await
            .is_err(),
        "wrong check digit"
    );
    fields[3] = ("tax_code", "0100109106-001");
    fields.push(("villages", "ban-lac"));
    fields.push(("clusters", "cum-cong-nghiep-chieng-chau"));
    let (id, _) = create_listing(&mut conn, Kind::Enterprise, &fields)
        .await
        .unwrap();
    let today = Date::today();
    let soon = Date::from_days_since_epoch(today.days_since_epoch() + 30);
    let certified_soon = Date {
        year: soon.year - 3,
        ..soon
    };
    for (name, certified) in [
        ("Mật ong thử", certified_soon.to_string()),
        ("Chè thử", "2020-01-15".to_owned()),
    ] {
        let fields = [
            ("name_vi", name),
            ("name_en", name),
            ("category", "food"),
            ("producer_id", "cong-ty-thu"),
            ("ocop_stars", "4"),
            ("ocop_certified_on", certified.as_str()),
            ("source_url", "https://example.org/test"),
        ];
        let (pid, _) = create_listing(&mut conn, Kind::Product, &fields)
            .await
            .unwrap();
        model::index::db::refresh(&app.index, &app.pool, Kind::Product, pid)
            .await
            .unwrap();
    }
    model::index::db::refresh(&app.index, &app.pool, Kind::Enterprise, id)
        .await
        .unwrap();

    let (_, body) = app.get("/doanh-nghiep/cong-ty-thu").await;
    assert!(body.contains("0100109106-001"));
    for link in [
        "/lang-nghe/ban-lac",
        "/cum-cong-nghiep/cum-cong-nghiep-chieng-chau",
        "/san-pham/mat-ong-thu",
        "/san-pham/che-thu",
    ] {
        assert!(
            body.contains(&format!("href=\"{link}\"")),
            "enterprise → {link}"
        );
    }
    let (_, body) = app.get("/lang-nghe/ban-lac").await;
    assert!(
        body.contains("href=\"/doanh-nghiep/cong-ty-thu\""),
        "village → member"
    );
    let (_, body) = app
        .get("/cum-cong-nghiep/cum-cong-nghiep-chieng-chau")
        .await;
    assert!(
        body.contains("href=\"/doanh-nghiep/cong-ty-thu\""),
        "cluster → tenant"
    );
    let (_, body) = app.get("/san-pham/mat-ong-thu").await;
    assert!(
        body.contains("href=\"/doanh-nghiep/cong-ty-thu\""),
        "product → producer"
    );
    assert!(body.contains("Sắp hết hạn"));
    let (_, body) = app.get("/en/products/che-thu").await;
    assert!(body.contains("Expired") && body.contains("2023-01-15"));
    let (_, body) = app.get("/san-pham?stars=4").await;
    assert!(body.contains("2 kết quả"));
    assert!(
        body.contains("tag warn") && body.contains("tag bad"),
        "cards show the state"
    );
    // The search finds it by tax code too.
    let (_, body) = app.get("/tim-kiem?q=0100109106").await;
    assert!(body.contains("href=\"/doanh-nghiep/cong-ty-thu\""));
}

#[tokio::test]
async fn facets_in_the_url_are_safe_and_shareable() {
    let app = TestApp::new().await;
    let (status, body) = app
        .get("/tim-kiem?kind=zzz&page=99999&stars=%3Cscript%3Ealert(1)%3C%2Fscript%3E&q=%22NEAR(")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<script>alert"));
    assert!(body.contains("0 kết quả"));
    let (_, body) = app
        .get("/tim-kiem?q=mai+chau&kind=village&district=156")
        .await;
    assert!(body.contains("5 kết quả"));
    assert!(body.contains("<option value=\"village\" selected"));
    assert!(body.contains("<option value=\"156\" selected"));
    let (_, body) = app.get("/en/search?q=mai+chau&kind=product").await;
    assert!(body.contains("6 results"));
    assert!(body.contains("/en/products/ruou-mai-ha"));
    // The language switch keeps the whole query.
    assert!(body.contains("href=\"/tim-kiem?q=mai+chau&amp;kind=product\""));
    let (status, _) = app.get("/doanh-nghiep/khong-co").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.get("/san-pham/..%2Fetc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn profiles_list_what_is_nearby_nearest_first() {
    let app = TestApp::new().await;
    let (_, body) = app.get("/lang-nghe/ban-lac").await;
    let start = body.find("data-testid=\"nearby\"").unwrap();
    let section = &body[start..start + body[start..].find("</section>").unwrap()];
    // Chiềng Hạ and the Mai Hạ rice wine share Bản Lác's commune (Xã Mai Hạ).
    assert!(
        section.contains("href=\"/lang-nghe/chieng-ha\""),
        "{section}"
    );
    assert!(section.contains("href=\"/san-pham/ruou-mai-ha\""));
    assert!(
        !section.contains("href=\"/lang-nghe/ban-lac\""),
        "not itself"
    );
    // Pà Cò is about 20 km away: outside the 15 km radius.
    assert!(!section.contains("href=\"/lang-nghe/pa-co-con\""));
    // Distances never decrease down the list.
    let distances: Vec<f64> = section
        .split("(")
        .skip(1)
        .filter_map(|s| s.split(')').next())
        .filter_map(|s| {
            if s.contains("cùng điểm") {
                Some(0.0)
            } else {
                s.strip_suffix(" km")
                    .and_then(|n| n.replace(',', ".").parse().ok())
            }
        })
        .collect();
    assert!(distances.len() >= 3, "{distances:?}");
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    let (_, body) = app.get("/en/products/che-shan-tuyet-pa-co").await;
    assert!(
        body.contains("href=\"/en/craft-villages/pa-co-con\""),
        "Pà Cò Con shares the commune"
    );
    assert!(body.contains("Nearby (within 15 km)"));
    // A listing without a point of its own has no "nearby" block (its
    // coordinates are named in the gaps line instead).
    let (_, body) = app
        .get("/en/industrial-clusters/khu-cong-nghiep-luong-son")
        .await;
    assert!(!body.contains("data-testid=\"nearby\""), "{body}");
    assert!(body.contains("Not yet recorded:"));
}

/// A profile names the source of each fact with its date (or that the page
/// shows none) and the other figures; a village that lost its title says so.
#[tokio::test]
async fn profiles_show_sources_by_fact_and_a_lapsed_title() {
    let app = TestApp::new().await;
    let (_, body) = app.get("/en/craft-villages/ban-lac").await;
    let sources = body.split("data-testid=\"sources\"").nth(1).unwrap();
    let sources = sources.split("</ul>").next().unwrap();
    assert!(
        sources.contains("href=\"https://baohoabinh.com.vn/16/99568/"),
        "{sources}"
    );
    assert!(sources.contains("date not shown"));
    assert!(sources.contains("Households in total"), "{sources}");
    assert!(sources.contains("73 households in tourism"));
    // A text kept in both languages is one fact, named as the page names it.
    assert!(
        sources.contains("Visiting") && !sources.contains("(Vietnamese)"),
        "{sources}"
    );
    let (_, body) = app.get("/lang-nghe/xom-com").await;
    assert!(body.contains("data-testid=\"title-lapsed\""));
    assert!(body.contains("không còn giữ danh hiệu làng nghề"));
    assert!(
        body.contains("(<!>29/04/2025<!>)") || body.contains("(29/04/2025)"),
        "date"
    );
}
