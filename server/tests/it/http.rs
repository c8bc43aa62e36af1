//! HTTP tests against the real router (no server process).

use crate::common::{TestApp, count, respond};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

#[tokio::test]
async fn healthz_checks_the_database() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"database\":\"ok\""), "{body}");
    app.pool.close().await;
    let (status, body) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(!body.contains("closed"), "no internals leak: {body}");
}

#[tokio::test]
async fn home_page_shows_counts_and_featured_villages() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"vi\""));
    assert!(
        body.contains("data-testid=\"stat-villages\">11<"),
        "count of villages"
    );
    assert!(body.contains("Làng nghề dệt thổ cẩm Bản Lác"));
    assert!(body.contains("data-testid=\"stat-cluster\">43<"));
    assert!(body.contains("data-testid=\"stat-enterprise\">26<"));
    assert!(body.contains("data-testid=\"stat-product\">42<"));
    assert!(body.contains("<title>Làng nghề Hòa Bình</title>"));
    assert!(body.contains("<link href=\"http://test.example/\" rel=\"canonical\">"));
}

#[tokio::test]
async fn list_page_shows_every_village_and_filters() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/lang-nghe").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&body, "<li class=\"card\">"), 11);
    assert!(body.contains("11 làng nghề"));
    assert!(body.contains("<label for=\"filter-craft\">Nghề</label>"));
    assert!(
        !body.contains("filter-form"),
        "facets of other kinds stay off"
    );
    assert!(body.contains("<meta name=\"description\""));
    assert!(body.contains("property=\"og:title\""));

    let (_, body) = app.get("/lang-nghe?craft=da-canh").await;
    assert_eq!(count(&body, "<li class=\"card\">"), 2);
    assert!(body.contains("Xóm Sòi") && body.contains("Xóm Đoàn Kết"));
    assert!(!body.contains("Bản Lác"));
    assert!(body.contains("<option value=\"da-canh\" selected"));

    let (_, body) = app.get("/lang-nghe?district=156").await;
    assert_eq!(
        count(&body, "<li class=\"card\">"),
        5,
        "five villages in former Mai Châu"
    );

    let (_, body) = app.get("/lang-nghe?commune=05251").await;
    assert_eq!(
        count(&body, "<li class=\"card\">"),
        3,
        "three villages now in Xã Mai Hạ"
    );

    let (status, body) = app.get("/lang-nghe?craft=%27%22%3Cscript%3E").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Không có kết quả nào khớp với các bộ lọc đã chọn."));
    assert!(!body.contains("<script>"));
}

/// What a form sends without JavaScript (every field, empty ones too) is
/// redirected to the address with only what was chosen; nothing else is.
#[tokio::test]
async fn empty_parameters_are_redirected_away() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::new().await;
    let location = |path: &'static str| {
        let router = app.router.clone();
        async move {
            let request = Request::builder().uri(path).body(Body::empty()).unwrap();
            let (status, headers, _) = crate::common::respond(router, request).await;
            (
                status,
                headers
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
            )
        }
    };
    assert_eq!(
        location("/lang-nghe?commune=05251&craft=&district=").await,
        (
            StatusCode::MOVED_PERMANENTLY,
            Some("/lang-nghe?commune=05251".to_owned())
        )
    );
    assert_eq!(
        location("/tim-kiem?q=ruou&=").await,
        (
            StatusCode::MOVED_PERMANENTLY,
            Some("/tim-kiem?q=ruou".to_owned())
        )
    );
    assert_eq!(
        location("/en/search?q=+").await,
        (StatusCode::MOVED_PERMANENTLY, Some("/en/search".to_owned()))
    );
    // Never to another host, and not the JSON API.
    let (status, to) = location("//evil.example/?q=").await;
    assert!(to.is_none(), "{status} {to:?}");
    let (status, to) = location("/api/v1/map?zoom=9&q=").await;
    assert!(to.is_none(), "{status} {to:?}");
    let (status, to) = location("/lang-nghe?commune=05251").await;
    assert_eq!((status, to), (StatusCode::OK, None));
}

/// The search page's title says what was searched, escaped for `<title>`;
/// an empty result says what was asked and offers the way out.
#[tokio::test]
async fn search_title_and_empty_result_say_what_was_searched() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/tim-kiem?q=ban+lac").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("<title>“ban lac” — Tìm kiếm — Làng nghề Hòa Bình</title>"),
        "{body}"
    );
    let (_, body) = app.get("/en/search?q=%3C%2Ftitle%3Ezzqx").await;
    assert!(
        body.contains("<title>“&lt;/title&gt;zzqx” — Search — Hòa Bình Craft Villages</title>")
    );
    assert!(body.contains("Nothing found for “&lt;/title&gt;zzqx”."));
    assert!(
        !body.contains("data-testid=\"open-map\""),
        "no map link for nothing"
    );
    let (_, body) = app.get("/lang-nghe?q=zzqxw").await;
    assert!(body.contains("Không tìm thấy kết quả nào cho “zzqxw”."));
    assert!(
        body.contains("href=\"/tim-kiem?q=zzqxw\""),
        "search every directory"
    );
}

#[tokio::test]
async fn profile_page_has_facts_criteria_location_and_source() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/lang-nghe/ban-lac").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1>Làng nghề dệt thổ cẩm Bản Lác</h1>"));
    assert!(body.contains("<title>Làng nghề dệt thổ cẩm Bản Lác — Làng nghề Hòa Bình</title>"));
    assert!(body.contains("http://test.example/lang-nghe/ban-lac\" rel=\"canonical\""));
    assert!(body.contains("http://test.example/en/craft-villages/ban-lac\" hreflang=\"en\""));
    assert!(body.contains("Xã Mai Hạ"), "commune now");
    assert!(body.contains("Huyện Mai Châu"), "former district");
    assert!(body.contains("Xã Chiềng Châu"), "former commune");
    assert!(body.contains("Chưa đủ dữ liệu"), "criteria without data");
    let gaps = &body[body
        .find("data-testid=\"not-recorded\"")
        .expect("the line of missing facts")..];
    assert!(gaps.contains("Chưa ghi nhận:"), "missing facts named once");
    assert!(
        !body.contains("chưa có dữ liệu</dd>"),
        "no fact shown as missing one by one"
    );
    assert!(body.contains("ngưỡng cũ 30%"), "recognised in 2013");
    assert!(body.contains("Nhóm 2"), "trade group");
    assert!(body.contains("hoabinh.gov.vn"), "source link");
    assert!(body.contains("gần đúng"), "approximate coordinates");
    let start = body.find("<script type=\"application/ld+json\">").unwrap();
    let json = &body[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["@type"], "TouristAttraction");
    assert_eq!(ld["name"], "Làng nghề dệt thổ cẩm Bản Lác");
    assert_eq!(ld["address"]["addressLocality"], "Xã Mai Hạ");
    assert_eq!(ld["url"], "http://test.example/lang-nghe/ban-lac");
}

#[tokio::test]
async fn english_pages_use_english_everywhere() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"en\""));
    assert!(body.contains("Featured craft villages"));

    let (status, body) = app.get("/en/craft-villages?craft=nau-ruou").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("2 craft villages"));
    assert!(
        body.contains("href=\"/lang-nghe?craft=nau-ruou\""),
        "switch keeps the filter"
    );

    let (status, body) = app.get("/en/craft-villages/ban-lac").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1>Bản Lác brocade weaving village</h1>"));
    assert!(body.contains("Mai Hạ Commune"));
    assert!(body.contains("Mai Châu District"));
    assert!(body.contains("not yet recorded"));
    assert!(body.contains("Not enough data"));
    assert!(
        body.contains("href=\"/lang-nghe/ban-lac\""),
        "language switch to the same village"
    );
    assert!(!body.contains("Chưa đủ dữ liệu"));
}

#[tokio::test]
async fn unknown_pages_answer_404_with_a_real_page() {
    let app = TestApp::new().await;
    for (path, text) in [
        ("/lang-nghe/khong-co", "Không tìm thấy trang"),
        ("/lang-nghe/BAD%20SLUG", "Không tìm thấy trang"),
        ("/khong/co/trang-nay", "Không tìm thấy trang"),
        ("/en/craft-villages/nope", "Page not found"),
        ("/en/nothing-here", "Page not found"),
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains(text), "{path}");
        assert!(
            body.contains("class=\"site-header\""),
            "{path} keeps the layout"
        );
    }
}

#[tokio::test]
async fn database_failure_gives_a_500_page_that_leaks_nothing() {
    let app = TestApp::new().await;
    sqlx::query("DROP TABLE village_artisans")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, body) = app.get("/lang-nghe/ban-lac").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("Đã có lỗi"));
    assert!(!body.contains("village_artisans"), "no SQL details");
    assert!(!body.to_lowercase().contains("sqlite"));
}

#[tokio::test]
async fn responses_carry_basic_security_headers() {
    let app = TestApp::new().await;
    let request = axum::http::Request::builder()
        .uri("/lang-nghe")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(response.headers().contains_key("referrer-policy"));
}

#[tokio::test]
async fn server_functions_answer_the_browser_with_and_without_filters() {
    use app::search::Search;
    use app::village::api::GetVillage;
    use leptos::server_fn::ServerFn;
    use model::i18n::Lang;
    let app = TestApp::new().await;
    // An empty query is an empty form: the first client-side visit sends it.
    let (status, body) = app.post_form(Search::PATH, "query=kind%3Dvillage").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let results: model::search::Results = serde_json::from_str(&body).unwrap();
    assert_eq!(results.total, 11);

    let (status, body) = app
        .post_form(
            Search::PATH,
            "query=kind%3Dvillage%26craft%3Dda-canh%26commune%3D",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let results: model::search::Results = serde_json::from_str(&body).unwrap();
    assert_eq!(results.total, 2);

    let (status, body) = app.post_form(Search::PATH, "query=").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // A page asks in its own language only: the texts of the other are
    // left out (a third of what the list pages write into themselves).
    let (_, both) = app.post_form(Search::PATH, "query=kind%3Dvillage").await;
    for (lang, shown, left_out) in [
        (
            "vi",
            "Làng nghề dệt thổ cẩm Bản Lác",
            "Bản Lác brocade weaving village",
        ),
        (
            "en",
            "Bản Lác brocade weaving village",
            "Làng nghề dệt thổ cẩm Bản Lác",
        ),
    ] {
        let (status, body) = app
            .post_form(Search::PATH, &format!("query=kind%3Dvillage&lang={lang}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let results: model::search::Results = serde_json::from_str(&body).unwrap();
        let all: model::search::Results = serde_json::from_str(&both).unwrap();
        assert_eq!(results.total, all.total);
        assert!(
            body.len() * 10 < both.len() * 8,
            "{lang}: {} of {} bytes",
            body.len(),
            both.len()
        );
        let lang = model::i18n::Lang::from_code(Some(lang));
        for (hit, full) in results.hits.iter().zip(&all.hits) {
            assert_eq!(hit.name(lang), full.name(lang));
            assert_eq!(
                model::i18n::text_in(lang, &hit.summary_vi, &hit.summary_en),
                model::i18n::text_in(lang, &full.summary_vi, &full.summary_en)
            );
            for (b, f) in hit.badges.iter().zip(&full.badges) {
                assert_eq!(lang.pick(&b.vi, &b.en), lang.pick(&f.vi, &f.en));
            }
        }
        for (group, full) in results.facets.iter().zip(&all.facets) {
            for (o, f) in group.options.iter().zip(&full.options) {
                assert_eq!(
                    lang.pick(&o.label_vi, &o.label_en),
                    lang.pick(&f.label_vi, &f.label_en)
                );
            }
        }
        assert!(body.contains(shown), "{body}");
        assert!(!body.contains(left_out), "{body}");
    }

    let (status, body) = app.post_form(GetVillage::PATH, "slug=..%2F..%2Fetc").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "null");

    // A profile asked in one language: its nearby listings in that one.
    // (Two photos: one with an English alt text, one without.)
    for (stem, alt_en) in [("a", "Weaving at Lac"), ("b", "")] {
        sqlx::query(
            "INSERT INTO images (target, target_id, stem, widths, width, height, alt_vi, alt_en)
             SELECT 'villages', id, ?1, '480', 480, 320, 'Dệt ở Lác ' || ?1, ?2 FROM villages WHERE slug = 'ban-lac'",
        )
        .bind(stem.repeat(32))
        .bind(alt_en)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let (_, both) = app.post_form(GetVillage::PATH, "slug=ban-lac").await;
    let (status, en) = app
        .post_form(GetVillage::PATH, "slug=ban-lac&lang=en")
        .await;
    assert_eq!(status, StatusCode::OK, "{en}");
    let both: model::village::VillageProfile = serde_json::from_str(&both).unwrap();
    let en: model::village::VillageProfile = serde_json::from_str(&en).unwrap();
    assert!(!en.nearby.is_empty());
    assert_eq!(en.nearby.len(), both.nearby.len());
    for (near, full) in en.nearby.iter().zip(&both.nearby) {
        assert_eq!(near.hit.name(Lang::En), full.hit.name(Lang::En));
        assert!(
            near.hit.name_vi.is_empty() || full.hit.name_en.is_empty(),
            "{near:?}"
        );
    }
    // … and its own texts, drawn sections and sources in that one too.
    let (_, vi) = app
        .post_form(GetVillage::PATH, "slug=ban-lac&lang=vi")
        .await;
    let vi: model::village::VillageProfile = serde_json::from_str(&vi).unwrap();
    for (lang, one) in [(Lang::Vi, &vi), (Lang::En, &en)] {
        let (shown, other) = match lang {
            Lang::Vi => (0, 1),
            Lang::En => (1, 0),
        };
        assert_eq!(one.name(lang), both.name(lang));
        let text = |p: &model::village::VillageProfile| {
            model::i18n::text_in(lang, &p.description_vi, &p.description_en)
        };
        assert!(text(one).is_some());
        assert_eq!(text(one), text(&both));
        assert!(one.description_vi.is_none() || one.description_en.is_none());
        assert_eq!(one.visit_html[shown], both.visit_html[shown]);
        assert!(!one.visit_html[shown].is_empty());
        assert!(one.visit_html[other].is_empty());
        assert_eq!(one.sources.len(), both.sources.len());
        assert!(!one.sources.is_empty());
        // The photos' alt texts: the one the page shows, not the other.
        assert_eq!(one.images.len(), 2);
        for (image, full) in one.images.iter().zip(&both.images) {
            assert_eq!(image.alt(lang), full.alt(lang));
            assert!(
                image.alt_vi.is_empty() || image.alt_en.is_empty(),
                "{image:?}"
            );
        }
        for (c, f) in one.sources.iter().zip(&both.sources) {
            assert_eq!(c.note_in(lang), f.note_in(lang));
            assert_eq!(
                lang.pick(&c.about_vi, &c.about_en),
                lang.pick(&f.about_vi, &f.about_en)
            );
        }
    }
    // Every kind: the name and description shown are the same, the other
    // language's are left out.
    macro_rules! check_kind {
        ($ty:ty, $path:expr, $slug:expr) => {{
            let mut got: Vec<$ty> = Vec::new();
            for lang in ["", "&lang=vi", "&lang=en"] {
                let (status, body) = app.post_form($path, &format!("slug={}{lang}", $slug)).await;
                assert_eq!(status, StatusCode::OK, "{body}");
                let value: Option<$ty> = serde_json::from_str(&body).unwrap();
                got.push(value.unwrap());
            }
            for (lang, one) in [(Lang::Vi, &got[1]), (Lang::En, &got[2])] {
                let both = &got[0];
                assert_eq!(one.name(lang), both.name(lang), "{}", $slug);
                assert!(
                    one.name_vi.is_empty() || one.name_en.is_empty(),
                    "{}",
                    $slug
                );
                let d = |p: &$ty| model::i18n::text_in(lang, &p.description_vi, &p.description_en);
                assert!(d(one).is_some(), "{}", $slug);
                assert_eq!(d(one), d(both), "{}", $slug);
                assert!(one.description_vi.is_none() || one.description_en.is_none());
            }
        }};
    }
    check_kind!(
        model::cluster::ClusterProfile,
        app::cluster::api::GetCluster::PATH,
        "khu-cong-nghiep-luong-son"
    );
    check_kind!(
        model::enterprise::EnterpriseProfile,
        app::enterprise::api::GetEnterprise::PATH,
        "htx-hoa-ban"
    );
    check_kind!(
        model::product::ProductProfile,
        app::product::api::GetProduct::PATH,
        "du-lich-cong-dong-ban-lac"
    );
}

#[tokio::test]
async fn public_pages_are_cached_until_the_listings_change() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let app = TestApp::new().await;
    let send = |path: &str, cookie: bool| {
        let mut request = Request::builder().uri(path);
        if cookie {
            request = request.header("cookie", "session=x");
        }
        let router = app.router.clone();
        let request = request.body(Body::empty()).unwrap();
        async move {
            let response = router.oneshot(request).await.unwrap();
            let cache = response
                .headers()
                .get("x-cache")
                .map(|v| v.to_str().unwrap().to_owned());
            let status = response.status();
            let bytes = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, cache, bytes)
        }
    };
    let (_, first, body1) = send("/cum-cong-nghiep?stage=planned", false).await;
    let (_, second, body2) = send("/cum-cong-nghiep?stage=planned", false).await;
    assert_eq!(
        (first.as_deref(), second.as_deref()),
        (Some("miss"), Some("hit"))
    );
    // The same page, under a fresh script nonce.
    let nonce = |body: &[u8]| -> String {
        let text = std::str::from_utf8(body).unwrap();
        let start = text.find("nonce=\"").unwrap() + 7;
        text[start..].split('"').next().unwrap().to_owned()
    };
    let (n1, n2) = (nonce(&body1), nonce(&body2));
    assert_ne!(n1, n2);
    assert_eq!(
        std::str::from_utf8(&body1).unwrap(),
        std::str::from_utf8(&body2).unwrap().replace(&n2, &n1)
    );
    // Signed-in (any cookie) requests always render and are not marked.
    let (_, with_cookie, _) = send("/cum-cong-nghiep?stage=planned", true).await;
    assert_eq!(with_cookie, None);
    // Not-found pages and files are not kept.
    let (status, a, _) = send("/khong-co", false).await;
    let (_, b, _) = send("/khong-co", false).await;
    assert_eq!(
        (status, a.as_deref(), b.as_deref()),
        (StatusCode::NOT_FOUND, Some("miss"), Some("miss"))
    );
    // A change to the listings makes every cached page stale.
    sqlx::query("UPDATE clusters SET name_vi = 'Cụm công nghiệp Cao Sơn (mới)' WHERE slug = 'cum-cong-nghiep-cao-son'")
        .execute(&app.pool)
        .await
        .unwrap();
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM clusters WHERE slug = 'cum-cong-nghiep-cao-son'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    model::index::db::refresh(&app.index, &app.pool, model::listing::Kind::Cluster, id)
        .await
        .unwrap();
    let (_, after, body3) = send("/cum-cong-nghiep?stage=planned", false).await;
    assert_eq!(after.as_deref(), Some("miss"));
    assert!(String::from_utf8_lossy(&body3).contains("Cao Sơn (mới)"));
}

#[tokio::test]
async fn server_functions_refuse_cross_site_requests() {
    use app::search::Search;
    use axum::body::Body;
    use axum::http::Request;
    use leptos::server_fn::ServerFn;
    let app = TestApp::new().await;
    let post = |headers: &[(&str, &str)]| {
        let mut request = Request::builder()
            .method("POST")
            .uri(Search::PATH)
            .header("content-type", "application/x-www-form-urlencoded");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.body(Body::from("query=kind%3Dvillage")).unwrap()
    };
    for (headers, expected) in [
        (vec![("sec-fetch-site", "same-origin")], StatusCode::OK),
        (vec![("origin", "http://test.example")], StatusCode::OK),
        (vec![], StatusCode::OK),
        (
            vec![("sec-fetch-site", "cross-site")],
            StatusCode::FORBIDDEN,
        ),
        (vec![("sec-fetch-site", "same-site")], StatusCode::FORBIDDEN),
        (
            vec![("origin", "https://evil.example")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![
                ("sec-fetch-site", "cross-site"),
                ("origin", "http://test.example"),
            ],
            StatusCode::FORBIDDEN,
        ),
    ] {
        let (status, body) = app.send(post(&headers)).await;
        assert_eq!(status, expected, "{headers:?}");
        if expected == StatusCode::FORBIDDEN {
            assert!(body.contains("Cross-site request refused"), "{body}");
        }
    }
    // Security headers on pages, JSON and static files alike.
    for path in [
        "/",
        "/api/v1/map",
        "/healthz",
        "/khong-co",
        "/sitemap.xml",
        "/robots.txt",
    ] {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .unwrap();
        let h = response.headers();
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
    }
    // Reading pages from another site's link stays possible.
    let request = Request::builder()
        .uri("/lang-nghe")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_asked_for_by_many_at_once_is_rendered_once() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::new().await;
    let at_once = |path: &'static str| {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..16 {
            let router = app.router.clone();
            set.spawn(async move {
                let request = Request::builder().uri(path).body(Body::empty()).unwrap();
                let (status, headers, body) = crate::common::respond(router, request).await;
                (
                    status,
                    headers["x-cache"].to_str().unwrap().to_owned(),
                    body,
                )
            });
        }
        set.join_all()
    };
    // A page that can be kept: one request renders it, the others wait
    // for its copy (or find it kept, when they come after).
    let answers = at_once("/doanh-nghiep?q=che").await;
    let caches: Vec<&str> = answers.iter().map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(
        caches.iter().filter(|c| **c == "miss").count(),
        1,
        "{caches:?}"
    );
    assert!(
        caches.iter().all(|c| ["miss", "wait", "hit"].contains(c)),
        "{caches:?}"
    );
    assert!(caches.contains(&"wait"), "{caches:?}");
    let without_nonce = |body: &str| {
        let start = body.find("nonce=\"").unwrap() + 7;
        let nonce = body[start..].split('"').next().unwrap();
        body.replace(nonce, "")
    };
    let first = without_nonce(&answers[0].2);
    assert!(first.contains("<h1"));
    for (status, _, body) in &answers {
        assert_eq!(*status, StatusCode::OK);
        assert_eq!(without_nonce(body), first);
    }
    // A page that cannot be kept (a 404): each request is answered by its
    // own render, none by another's.
    let answers = at_once("/lang-nghe/khong-co-lang-nay").await;
    for (status, cache, body) in &answers {
        assert_eq!((*status, cache.as_str()), (StatusCode::NOT_FOUND, "miss"));
        assert!(body.contains("<h1"));
    }
}

#[tokio::test]
async fn pages_carry_a_fresh_script_nonce_even_from_the_page_cache() {
    use axum::body::Body;
    use axum::http::Request;
    let app = TestApp::new().await;
    let fetch = || async {
        let request = Request::builder()
            .uri("/ban-do")
            .body(Body::empty())
            .unwrap();
        let (_, headers, body) = crate::common::respond(app.router.clone(), request).await;
        let csp = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let cache = headers["x-cache"].to_str().unwrap().to_owned();
        (csp, cache, body)
    };
    let nonce_in = |csp: &str| -> String {
        let start = csp.find("'nonce-").unwrap() + 7;
        csp[start..].split('\'').next().unwrap().to_owned()
    };
    let (csp1, cache1, body1) = fetch().await;
    let (csp2, cache2, body2) = fetch().await;
    assert_eq!((cache1.as_str(), cache2.as_str()), ("miss", "hit"));
    for (csp, body) in [(&csp1, &body1), (&csp2, &body2)] {
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("'strict-dynamic'"));
        assert!(!csp.contains("unsafe-inline"));
        let nonce = nonce_in(csp);
        assert!(nonce.len() >= 16);
        // Every script tag carries this response's nonce; data blocks
        // (JSON-LD) need none.
        let scripts: Vec<&str> = body.split("<script").skip(1).collect();
        assert!(!scripts.is_empty());
        for s in scripts {
            let tag = s.split('>').next().unwrap();
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")) || tag.contains("application/ld+json"),
                "{tag}"
            );
        }
    }
    assert_ne!(nonce_in(&csp1), nonce_in(&csp2));
    assert!(!body2.contains(&nonce_in(&csp1)));
}

/// A GET from `peer` with extra headers: status, headers and body.
async fn get_from(
    app: &TestApp,
    path: &str,
    peer: [u8; 4],
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = axum::http::Request::builder().uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(axum::body::Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            peer, 40000,
        ))));
    crate::common::respond(app.router.clone(), request).await
}

#[tokio::test]
async fn metrics_are_read_from_loopback_or_with_the_token_only() {
    let app = TestApp::with(|s| s.with_metrics_token(Some("s3cret-token-of-the-ops".into()))).await;
    get_from(&app, "/lang-nghe/ban-lac", [10, 0, 60, 1], &[]).await;
    get_from(&app, "/lang-nghe/ban-lac", [10, 0, 60, 1], &[]).await;
    get_from(&app, "/healthz", [10, 0, 60, 1], &[]).await;
    get_from(&app, "/favicon.svg", [10, 0, 60, 1], &[]).await;

    let (status, headers, body) = get_from(&app, "/metrics", [127, 0, 0, 1], &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    for expected in [
        "http_requests_total{route=\"/lang-nghe/{slug}\",method=\"GET\",status=\"200\"}",
        // The server's own routes by their names; static files as "other".
        "http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}",
        "http_requests_total{route=\"other\",method=\"GET\"",
        "http_request_duration_seconds_bucket{route=\"/lang-nghe/{slug}\"",
        "page_cache_total{result=\"hit\"}",
        "search_index_generation",
        "search_index_listings",
        "db_pool_connections{state=\"idle\"}",
        "sign_in_refused_total{reason=\"wrong_credentials\"}",
    ] {
        assert!(body.contains(expected), "{expected} missing:\n{body}");
    }
    // Not from elsewhere, not through a proxy, not with a wrong token.
    for (peer, headers) in [
        ([10, 0, 60, 1], vec![]),
        ([127, 0, 0, 1], vec![("x-forwarded-for", "203.0.113.5")]),
        ([10, 0, 60, 1], vec![("authorization", "Bearer wrong")]),
    ] {
        let (status, _, body) = get_from(&app, "/metrics", peer, &headers).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{peer:?} {headers:?}");
        assert!(!body.contains("http_requests_total"));
    }
    let (status, _, _) = get_from(
        &app,
        "/metrics",
        [10, 0, 60, 1],
        &[("authorization", "Bearer s3cret-token-of-the-ops")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn every_answer_carries_its_own_request_id() {
    let app = TestApp::new().await;
    let (_, first, _) = get_from(&app, "/", [10, 0, 61, 1], &[]).await;
    let (_, second, _) = get_from(
        &app,
        "/",
        [10, 0, 61, 1],
        &[("x-request-id", "forged-by-client")],
    )
    .await;
    let (status, missing, _) = get_from(&app, "/no/such/page", [10, 0, 61, 1], &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let ids: Vec<&str> = [&first, &second, &missing]
        .iter()
        .map(|h| h["x-request-id"].to_str().unwrap())
        .collect();
    assert!(
        ids.iter().all(|id| id.len() >= 10 && id.contains('-')),
        "{ids:?}"
    );
    assert_ne!(ids[0], ids[1]);
    assert!(!ids.contains(&"forged-by-client"));
    // The error page shows it, for a report to the department.
    app.pool.close().await;
    let (status, headers, body) = get_from(&app, "/lang-nghe/ban-lac", [10, 0, 61, 1], &[]).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    let id = headers["x-request-id"].to_str().unwrap();
    assert!(body.contains(&format!("<code>{id}</code>")), "{body}");
}

/// English cards show an enterprise's sector in English, where the record
/// has it.
#[tokio::test]
async fn english_cards_show_english_sectors() {
    let app = TestApp::new().await;
    let (_, body) = app.get("/en/enterprises").await;
    assert!(body.contains(">Brocade weaving</span>"), "{body}");
    assert!(body.contains(">Herbal medicine</span>"));
    assert!(!body.contains(">Dệt thổ cẩm</span>"));
    assert!(!body.contains(">Dược liệu</span>"));
}

/// The body of a GET that must answer 200 with this type of content.
async fn typed_get(app: &TestApp, path: &str, content_type: &str) -> String {
    let request = Request::builder().uri(path).body(Body::empty()).unwrap();
    let (status, headers, body) = respond(app.router.clone(), request).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let got = headers[header::CONTENT_TYPE].to_str().unwrap();
    assert!(got.starts_with(content_type), "{path}: {got}");
    body
}

/// `robots.txt` points to the sitemap; the sitemap lists every public page
/// in both languages (absolute addresses, hreflang pairs, last change) and
/// follows the listings: an archived listing leaves it.
#[tokio::test]
async fn robots_and_the_sitemap_list_every_public_page_in_both_languages() {
    let app = TestApp::new().await;
    let robots = typed_get(&app, "/robots.txt", "text/plain").await;
    assert!(
        robots.contains("Sitemap: http://test.example/sitemap.xml"),
        "{robots}"
    );
    let xml = typed_get(&app, "/sitemap.xml", "application/xml").await;
    assert!(xml.starts_with("<?xml") && xml.contains("<urlset"), "{xml}");
    let published = app.index.len();
    assert!(published > 50);
    assert_eq!(count(&xml, "<url>"), 2 * (7 + published));
    assert_eq!(
        count(&xml, "<loc>http://test.example/"),
        2 * (7 + published)
    );
    assert_eq!(count(&xml, "hreflang=\"x-default\""), 2 * (7 + published));
    for loc in [
        "<loc>http://test.example/lang-nghe/ban-lac</loc><lastmod>",
        "<loc>http://test.example/en/craft-villages/ban-lac</loc><lastmod>",
        "<loc>http://test.example/</loc>",
        "<loc>http://test.example/en</loc>",
    ] {
        assert!(xml.contains(loc), "{loc}");
    }
    // Every address answers 200.
    for loc in xml.split("<loc>").skip(1).take(40) {
        let path = loc[..loc.find('<').unwrap()].trim_start_matches("http://test.example");
        assert_eq!(app.get(path).await.0, StatusCode::OK, "{path}");
    }
    // One file: the file address serves the same, others are unknown.
    assert_eq!(
        app.get("/sitemap/1.xml").await,
        (StatusCode::OK, xml.clone())
    );
    for missing in ["/sitemap/2.xml", "/sitemap/0.xml", "/sitemap/x.xml"] {
        assert_eq!(app.get(missing).await.0, StatusCode::NOT_FOUND, "{missing}");
    }
    // Archiving a listing (through the one write path's refresh) drops it.
    sqlx::query("UPDATE villages SET status = 'archived' WHERE slug = 'ban-lac'")
        .execute(&app.pool)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM villages WHERE slug = 'ban-lac'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    model::index::db::refresh(&app.index, &app.pool, model::listing::Kind::Village, id)
        .await
        .unwrap();
    let (_, after) = app.get("/sitemap.xml").await;
    assert!(!after.contains("/ban-lac<"), "{after}");
    assert_eq!(count(&after, "<url>"), 2 * (7 + published - 1));
}

/// The QR code of a published listing's address (decoded back from the
/// PNG), its SVG for print, the share panel on the profile, and nothing for
/// a listing that is not published or a format we do not make.
#[tokio::test]
async fn a_published_listing_has_a_qr_code_of_its_address_and_a_share_panel() {
    let app = TestApp::new().await;
    let decode = |png: &[u8]| {
        let image = image::load_from_memory(png).unwrap().into_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(image);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    };
    let png = |path: &str| {
        let router = app.router.clone();
        let path = path.to_owned();
        async move {
            let response = tower::ServiceExt::oneshot(
                router,
                Request::builder().uri(&path).body(Body::empty()).unwrap(),
            )
            .await
            .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
            http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes()
        }
    };
    assert_eq!(
        decode(&png("/qr/village/ban-lac.png").await),
        "http://test.example/lang-nghe/ban-lac"
    );
    assert_eq!(
        decode(&png("/qr/village/ban-lac.png?lang=en").await),
        "http://test.example/en/craft-villages/ban-lac"
    );
    let (status, headers, svg) = respond(
        app.router.clone(),
        Request::builder()
            .uri("/qr/village/ban-lac.svg")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(svg.contains("<svg") && !svg.contains("<script"), "{svg}");
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("ban-lac-qr.svg")
    );
    sqlx::query("UPDATE villages SET status = 'draft' WHERE slug = 'xom-com'")
        .execute(&app.pool)
        .await
        .unwrap();
    for missing in [
        "/qr/village/xom-com.svg",
        "/qr/village/khong-co.png",
        "/qr/village/ban-lac.gif",
        "/qr/village/ban-lac",
        "/qr/nothing/ban-lac.svg",
        "/qr/village/ban-lac'%20OR%201=1.svg",
    ] {
        assert_eq!(app.get(missing).await.0, StatusCode::NOT_FOUND, "{missing}");
    }
    for (path, address, qr) in [
        (
            "/lang-nghe/ban-lac",
            "<code>http://test.example/lang-nghe/ban-lac</code>",
            "href=\"/qr/village/ban-lac.png\"",
        ),
        (
            "/en/craft-villages/ban-lac",
            "<code>http://test.example/en/craft-villages/ban-lac</code>",
            "href=\"/qr/village/ban-lac.png?lang=en\"",
        ),
    ] {
        let (_, html) = app.get(path).await;
        let share = &html[html.find("data-testid=\"share\"").unwrap()..];
        assert!(share.contains(address) && share.contains(qr), "{share}");
    }
}
