//! The open data lists (issue 17): `/api/v1/{dataset}` as JSON pages,
//! GeoJSON, CSV and XLSX with the list pages' parameters; bad parameters
//! named in a problem; validators; CORS.

use crate::common::{TestApp, respond};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};

async fn get(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::builder().uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    respond(app.router.clone(), request.body(Body::empty()).unwrap()).await
}

async fn json(app: &TestApp, path: &str) -> serde_json::Value {
    let (status, headers, body) = get(app, path, &[]).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{path}");
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn every_kind_is_a_dataset_with_the_list_pages_parameters_and_stable_pages() {
    let app = TestApp::new().await;
    let villages = json(&app, "/api/v1/villages").await;
    let total = villages["total"].as_u64().unwrap();
    // The same count as the list page says.
    let (_, page) = app.get("/lang-nghe").await;
    assert!(page.contains(&format!(">{total} làng nghề<")), "{total}");
    assert!(total >= 11);
    let first = &villages["items"][0];
    assert_eq!(first["kind"], "village");
    assert!(first["name"]["vi"].is_string() && first["name"]["en"].is_string());
    assert!(
        first["url"]["vi"]
            .as_str()
            .unwrap()
            .starts_with("http://test.example/lang-nghe/")
    );
    assert!(
        first["url"]["en"]
            .as_str()
            .unwrap()
            .starts_with("http://test.example/en/craft-villages/")
    );

    // Bản Lác, searched without diacritics, as the list page finds it.
    let found = json(&app, "/api/v1/villages.json?q=ban+lac").await;
    let slugs: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert!(slugs.contains(&"ban-lac"), "{slugs:?}");
    let ban_lac = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "ban-lac")
        .unwrap();
    assert!(ban_lac["point"]["lat"].as_f64().unwrap() > 20.0);
    assert!(ban_lac["last_change"].as_str().unwrap().len() == 10);

    // Pages of a size asked for, that add up to the whole list without
    // repeats, with links to the next and previous.
    let mut seen = Vec::new();
    let mut next = Some("/api/v1/listings?per_page=7".to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let page = json(&app, &path).await;
        pages += 1;
        for item in page["items"].as_array().unwrap() {
            seen.push(format!("{}/{}", item["kind"], item["slug"]));
        }
        next = page["links"]["next"]
            .as_str()
            .map(|n| n.trim_start_matches("http://test.example").to_owned());
        if pages > 1 {
            assert!(page["links"]["prev"].is_string());
        }
    }
    let all = json(&app, "/api/v1/listings").await;
    assert_eq!(seen.len() as u64, all["total"].as_u64().unwrap());
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no listing twice");
    assert!(seen.len() >= 63);

    // A facet of the list pages: a commune; the list page links to its
    // downloads with the same filter.
    let mai_ha = json(&app, "/api/v1/villages?commune=05251").await;
    let (_, page) = app.get("/lang-nghe?commune=05251").await;
    for format in ["csv", "xlsx", "geojson", "json"] {
        assert!(
            page.contains(&format!(
                "href=\"/api/v1/villages.{format}?commune=05251\" download>"
            )),
            "{format}: a download, the attribute without a value"
        );
    }
    let (_, page) = app.get("/tim-kiem?q=ruou").await;
    assert!(page.contains("href=\"/api/v1/listings.csv?q=ruou\""));
    assert!(mai_ha["total"].as_u64().unwrap() >= 2);
    assert!(mai_ha["total"].as_u64().unwrap() < total);

    // Every other kind.
    for (dataset, kind) in [
        ("clusters", "cluster"),
        ("enterprises", "enterprise"),
        ("products", "product"),
    ] {
        let list = json(&app, &format!("/api/v1/{dataset}")).await;
        assert!(list["total"].as_u64().unwrap() > 0, "{dataset}");
        assert_eq!(list["items"][0]["kind"], kind, "{dataset}");
    }
}

#[tokio::test]
async fn bad_parameters_are_named_in_a_problem_and_unknown_datasets_are_404() {
    let app = TestApp::new().await;
    let (status, headers, body) = get(
        &app,
        "/api/v1/villages?page=0&colour=red&per_page=1000",
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["status"], 400);
    let named: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["parameter"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["page", "colour", "per_page"]);
    for path in [
        "/api/v1/temples",
        "/api/v1/villages.pdf",
        "/api/v1/villages.geojson.x",
    ] {
        let (status, headers, _) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    }
    // The map's own endpoint is still its own.
    let (status, _, _) = get(&app, "/api/v1/map", &[]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn geojson_csv_and_xlsx_hold_the_same_list() {
    let app = TestApp::new().await;
    let total = json(&app, "/api/v1/listings").await["total"]
        .as_u64()
        .unwrap();

    let (status, headers, body) = get(&app, "/api/v1/listings.geojson", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/geo+json");
    let geo: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    let without = geo["without_point"].as_u64().unwrap();
    assert_eq!(
        features.len() as u64 + without,
        total,
        "left out, and counted"
    );
    assert!(!features.is_empty());
    let lon = features[0]["geometry"]["coordinates"][0].as_f64().unwrap();
    let lat = features[0]["geometry"]["coordinates"][1].as_f64().unwrap();
    assert!(
        (104.0..107.0).contains(&lon) && (20.0..22.0).contains(&lat),
        "[lon, lat]"
    );

    let (status, headers, body) = get(&app, "/api/v1/villages.csv?q=ban+lac", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("langnghe-villages.csv")
    );
    assert!(body.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..4], ["kind", "slug", "name_vi", "name_en"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let lac = rows.iter().find(|r| &r[1] == "ban-lac").unwrap();
    assert!(lac[2].contains("Bản Lác"), "Vietnamese as written");
    assert!(lac[8].parse::<f64>().unwrap() > 20.0, "latitude");

    let (status, headers, body) = get(&app, "/api/v1/products.xlsx", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(body.starts_with("PK"), "a zip file");
}

#[tokio::test]
async fn answers_carry_a_validator_that_gives_304_until_the_listings_change() {
    let app = TestApp::new().await;
    let (_, headers, _) = get(&app, "/api/v1/villages?q=det", &[]).await;
    let tag = headers[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
    let (status, headers, body) =
        get(&app, "/api/v1/villages?q=det", &[("if-none-match", &tag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(headers[header::ETAG].to_str().unwrap(), tag);
    // Another question, another validator.
    let (status, _, _) = get(&app, "/api/v1/villages?q=ruou", &[("if-none-match", &tag)]).await;
    assert_eq!(status, StatusCode::OK);
    // A change of the listings: the old validator no longer matches.
    app.index.touch();
    let (status, _, _) = get(&app, "/api/v1/villages?q=det", &[("if-none-match", &tag)]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn one_listing_by_its_address_with_sources_and_a_former_address_redirected() {
    let app = TestApp::new().await;
    let ban_lac = json(&app, "/api/v1/villages/ban-lac").await;
    assert_eq!(ban_lac["slug"], "ban-lac");
    assert_eq!(ban_lac["kind"], "village");
    assert!(ban_lac["name"]["vi"].as_str().unwrap().contains("Bản Lác"));
    let sources = ban_lac["sources"].as_array().unwrap();
    assert!(!sources.is_empty(), "seeded records carry their sources");
    assert!(sources[0]["url"].as_str().unwrap().starts_with("http"));
    assert_eq!(
        ban_lac["license"],
        "https://creativecommons.org/licenses/by/4.0/"
    );

    // A former address: a 301 to the current one.
    let id: i64 = sqlx::query_scalar("SELECT id FROM villages WHERE slug = 'ban-lac'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO slug_redirects (target, target_id, old_slug) VALUES ('villages', ?, 'ban-lac-cu')")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, headers, _) = get(&app, "/api/v1/villages/ban-lac-cu", &[]).await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(headers[header::LOCATION], "/api/v1/villages/ban-lac");
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");

    // Another kind's list, every listing's list, an unknown or malformed
    // address: 404.
    for path in [
        "/api/v1/clusters/ban-lac",
        "/api/v1/listings/ban-lac",
        "/api/v1/villages/khong-co",
        "/api/v1/villages/%3Cscript%3E",
    ] {
        let (status, headers, _) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_path_parameter_and_format() {
    let app = TestApp::new().await;
    let doc = json(&app, "/api/v1/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], "http://test.example");
    assert_eq!(doc["info"]["license"]["name"], "CC BY 4.0");
    for path in [
        "/api/v1/{dataset}",
        "/api/v1/{dataset}/{slug}",
        "/api/v1/{dataset}.geojson",
        "/api/v1/{dataset}.csv",
        "/api/v1/{dataset}.xlsx",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
    // Every parameter the list pages take is documented.
    let params: Vec<&str> = doc["paths"]["/api/v1/{dataset}"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for key in model::search::FacetKey::ALL {
        assert!(params.contains(&key.param()), "{}", key.param());
    }
    for name in ["q", "page", "per_page", "dataset"] {
        assert!(params.contains(&name), "{name}");
    }
    // The schemas the answers follow.
    for schema in [
        "ListPage",
        "Item",
        "Problem",
        "FeatureCollection",
        "OneListing",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    let item = &doc["components"]["schemas"]["Item"]["properties"];
    for field in [
        "kind",
        "slug",
        "name",
        "commune",
        "former_districts",
        "point",
        "last_change",
        "url",
    ] {
        assert!(item[field].is_object(), "{field}");
    }
}

#[tokio::test]
async fn the_open_data_page_and_the_dcat_catalogue_list_every_dataset() {
    let app = TestApp::new().await;
    let total = json(&app, "/api/v1/listings").await["total"]
        .as_u64()
        .unwrap();
    for (path, title, licence) in [
        ("/du-lieu-mo", "Dữ liệu mở", "Giấy phép"),
        ("/en/open-data", "Open data", "Licence"),
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains(&format!("<h1>{title}</h1>")), "{path}");
        assert!(body.contains(licence), "{path}");
        assert!(
            body.contains("href=\"https://creativecommons.org/licenses/by/4.0/\" rel=\"license\"")
        );
        for href in [
            "/api/v1/villages.csv",
            "/api/v1/products.xlsx",
            "/api/v1/listings.geojson",
            "/api/v1/openapi.json",
            "/api/v1/catalog.jsonld",
        ] {
            assert!(body.contains(&format!("href=\"{href}\"")), "{path}: {href}");
        }
        assert!(
            body.contains(&format!(">{total}<")),
            "{path}: the listings' count"
        );
    }
    // Every page's footer links to it; the language switch maps it.
    let (_, home) = app.get("/en").await;
    assert!(home.contains("href=\"/en/open-data\""));
    let (_, sitemap) = app.get("/sitemap.xml").await;
    assert!(
        sitemap.contains("http://test.example/du-lieu-mo</loc>"),
        "{sitemap}"
    );

    let (status, headers, body) = get(&app, "/api/v1/catalog.jsonld", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/ld+json");
    let catalog: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(catalog["@type"], "dcat:Catalog");
    let datasets = catalog["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), 5);
    let villages = datasets
        .iter()
        .find(|d| d["dct:identifier"] == "villages")
        .unwrap();
    assert_eq!(villages["dct:title"][0]["@language"], "vi");
    assert_eq!(
        villages["dcat:distribution"][2]["dcat:downloadURL"]["@id"],
        "http://test.example/api/v1/villages.csv"
    );
    assert_eq!(
        villages["dct:license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    assert!(villages["dct:modified"]["@value"].as_str().unwrap().len() == 10);
}

#[tokio::test]
async fn an_address_that_asks_too_often_is_told_when_to_come_back() {
    let app = TestApp::new().await;
    let mut refused = None;
    for n in 0..400 {
        let (status, headers, body) = get(&app, "/api/v1/villages?per_page=1", &[]).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some((n, headers, body));
            break;
        }
        assert_eq!(status, StatusCode::OK);
    }
    let (n, headers, body) = refused.expect("refused after the burst");
    assert!(n >= 300, "a burst of 300 first, refused at {n}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    let wait: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&wait), "{wait}");
    assert!(body.contains("\"status\":429"));
}

#[tokio::test]
async fn nearby_listings_nearest_first_within_the_radius() {
    let app = TestApp::new().await;
    let near = json(&app, "/api/v1/villages/ban-lac/nearby?radius_km=30&limit=5").await;
    assert_eq!(near["near"], "ban-lac");
    assert_eq!(near["radius_km"], 30.0);
    let items = near["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.len() <= 5, "{near}");
    let distances: Vec<f64> = items
        .iter()
        .map(|i| i["distance_km"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances.iter().all(|d| *d <= 30.0));
    assert!(items.iter().all(|i| i["slug"] != "ban-lac"), "not itself");
    assert!(items[0]["url"]["vi"].is_string());
    // The default radius and count: the profile's.
    let default = json(&app, "/api/v1/villages/ban-lac/nearby").await;
    assert_eq!(default["radius_km"], model::search::NEARBY_RADIUS_KM);
    // Bad parameters named; unknown listings 404; another kind's address 404.
    let (status, headers, body) = get(
        &app,
        "/api/v1/villages/ban-lac/nearby?radius_km=0&limit=500&x=1",
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
    let named: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["parameter"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["radius_km", "limit", "x"]);
    let (status, _, _) = get(&app, "/api/v1/villages/khong-co/nearby", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&app, "/api/v1/enterprises/ban-lac/nearby", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A former address: 301 to the current one's nearby.
    let id: i64 = sqlx::query_scalar("SELECT id FROM villages WHERE slug = 'ban-lac'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO slug_redirects (target, old_slug, target_id) VALUES ('villages', 'ban-lac-cu', ?)")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, headers, _) = get(&app, "/api/v1/villages/ban-lac-cu/nearby", &[]).await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(headers[header::LOCATION], "/api/v1/villages/ban-lac/nearby");
}

#[tokio::test]
async fn answers_say_when_the_listings_last_changed_and_honour_if_modified_since() {
    let app = TestApp::new().await;
    for path in [
        "/api/v1/villages",
        "/api/v1/villages/ban-lac",
        "/api/v1/villages/ban-lac/nearby",
        "/api/v1/villages.csv",
        "/api/v1/villages.geojson",
    ] {
        let (status, headers, _) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let modified = headers[header::LAST_MODIFIED].to_str().unwrap().to_owned();
        assert!(modified.ends_with(" GMT"), "{path}: {modified}");
        let (status, headers, body) = get(&app, path, &[("if-modified-since", &modified)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(body.is_empty());
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        // Earlier than the last change: the whole answer.
        let (status, _, _) = get(
            &app,
            path,
            &[("if-modified-since", "Mon, 01 Jan 2024 00:00:00 GMT")],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        // A validator that does not match wins over the date.
        let (status, _, _) = get(
            &app,
            path,
            &[
                ("if-modified-since", &modified),
                ("if-none-match", "\"old\""),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn whole_list_downloads_stream_compressed_to_their_end() {
    let app = TestApp::new().await;
    for (path, starts) in [
        ("/api/v1/listings.csv", &b"\xEF\xBB\xBFkind,"[..]),
        (
            "/api/v1/listings.geojson",
            &b"{\"type\":\"FeatureCollection\""[..],
        ),
        ("/api/v1/listings.xlsx", &b"PK"[..]),
    ] {
        let request = Request::builder()
            .uri(path)
            .header("accept-encoding", "gzip")
            .body(Body::empty())
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CONTENT_ENCODING],
            "gzip",
            "{path}"
        );
        // Read to the end as a client does (polled again after the last
        // chunk).
        let mut body = response.into_body();
        let mut bytes = Vec::new();
        while let Some(frame) = http_body_util::BodyExt::frame(&mut body).await {
            if let Ok(data) = frame.unwrap().into_data() {
                bytes.extend_from_slice(&data);
            }
        }
        assert!(http_body_util::BodyExt::frame(&mut body).await.is_none());
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
            .unwrap();
        assert!(plain.starts_with(starts), "{path}");
        if path.ends_with(".geojson") {
            let value: serde_json::Value = serde_json::from_slice(&plain).unwrap();
            assert!(value["without_point"].is_u64());
            assert_eq!(
                value["total"].as_u64().unwrap(),
                value["features"].as_array().unwrap().len() as u64
                    + value["without_point"].as_u64().unwrap()
            );
        }
    }
}
