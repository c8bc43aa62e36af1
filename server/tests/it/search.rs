//! Search: folding in both directions, former district names, ranking and
//! hostile input.

use crate::common::{TestApp, empty_pool, query};
use axum::http::StatusCode;
use model::search::DirectoryQuery;
use server::seed;

/// The slugs of the first 20 results of a text.
async fn slugs(pool: &sqlx::SqlitePool, q: &str) -> Vec<String> {
    let qs = DirectoryQuery {
        q: q.to_owned(),
        ..DirectoryQuery::default()
    }
    .to_query_string();
    crate::common::slugs(pool, &qs).await
}

#[tokio::test]
async fn unaccented_and_accented_queries_find_the_same() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    for (plain, accented) in [
        ("lang nghe mai chau", "Làng nghề Mai Châu"),
        ("LANG NGHE", "làng nghề"),
        ("ruou mai ha", "Rượu Mai Hạ"),
        ("da canh", "đá cảnh"),
        ("doan ket", "ĐOÀN KẾT"),
    ] {
        let a = slugs(&pool, plain).await;
        let b = slugs(&pool, accented).await;
        assert!(!a.is_empty(), "{plain} finds something");
        assert_eq!(a, b, "{plain} vs {accented}");
    }
    assert_eq!(query(&pool, "q=lang+nghe&kind=village").await.total, 11);
}

#[tokio::test]
async fn former_district_names_are_searchable() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let mut found = crate::common::slugs(&pool, "q=Mai+Ch%C3%A2u&kind=village").await;
    found.sort();
    // The five villages of former Mai Châu district, now in Xã Mai Hạ,
    // Xã Mai Châu and Xã Pà Cò.
    assert_eq!(
        found,
        vec![
            "ban-chieng-chau",
            "ban-lac",
            "ban-nhot",
            "chieng-ha",
            "pa-co-con"
        ]
    );
    assert_eq!(
        crate::common::slugs(&pool, "q=luong+son&kind=village").await,
        vec!["xom-doan-ket"]
    );
    // Other kinds too: the cooperative and products of former Mai Châu.
    let all = slugs(&pool, "mai chau").await;
    assert!(
        all.contains(&"hop-tac-xa-det-tho-cam-chieng-chau".to_owned()),
        "{all:?}"
    );
    assert!(all.contains(&"che-shan-tuyet-pa-co".to_owned()), "{all:?}");
}

#[tokio::test]
async fn prefixes_match_and_names_rank_first() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    assert!(
        slugs(&pool, "tho ca").await.contains(&"ban-lac".to_owned()),
        "prefix of thổ cẩm"
    );
    // "Mai Hạ" is in the names of Chiềng Hạ, its wine and its wine-maker;
    // others only mention it in places or text: the names come first.
    let mai_ha = slugs(&pool, "mai ha").await;
    let first: Vec<&str> = mai_ha.iter().take(3).map(String::as_str).collect();
    for slug in ["chieng-ha", "ruou-mai-ha", "co-so-ruou-ngan-van-hung"] {
        assert!(first.contains(&slug), "{mai_ha:?}");
    }
    // Among names that match alike, the one the query covers most first:
    // the wine named "Rượu Mai Hạ", then its village, then its maker.
    assert_eq!(
        slugs(&pool, "ruou mai ha").await[..3],
        ["ruou-mai-ha", "chieng-ha", "co-so-ruou-ngan-van-hung"]
    );
}

#[tokio::test]
async fn hostile_input_never_fails() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let long = "x".repeat(10_000);
    let index = model::index::db::build_index(&pool).await.unwrap();
    for q in [
        "\"",
        "*",
        "NEAR",
        "a NEAR b",
        "-lang",
        "(((",
        "lang)",
        "\"unbalanced",
        "🧵 lụa",
        "",
        "   ",
        &long,
        "'; DROP TABLE villages; --",
        "lang AND OR NOT",
    ] {
        let query = DirectoryQuery {
            q: q.to_owned(),
            ..DirectoryQuery::default()
        };
        let results = index.query(&query);
        assert!(results.hits.len() <= 20, "{q:.40}");
        let _ = index.suggest(q, 8);
    }
    assert_eq!(query(&pool, "kind=village").await.total, 11);
}

#[tokio::test]
async fn search_pages_in_both_languages() {
    let app = TestApp::new().await;
    let (status, body) = app.get("/tim-kiem?q=ruou").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("8 kết quả"),
        "two rice-wine villages, three wines and three wine-makers: {body}"
    );
    assert!(body.contains("href=\"/san-pham/ruou-mai-ha\""));
    assert!(body.contains("href=\"/lang-nghe/chieng-ha\""));
    let (status, body) = app.get("/en/search?q=%22%28NEAR%2AZQX").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("0 results"));
    assert!(body.contains("<html lang=\"en\""));
    let (status, _) = app
        .get(&format!("/tim-kiem?q={}", "%F0%9F%A7%B5".repeat(2000)))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn one_typo_is_forgiven_in_long_words_only() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    // chiềng → "chieng"; one wrong letter, one swap, one missing letter.
    for typo in ["chiemg ha", "ciheng ha", "chieg ha", "chiengg ha"] {
        let found = slugs(&pool, typo).await;
        assert!(found.contains(&"chieng-ha".to_owned()), "{typo}: {found:?}");
    }
    // Two typos, or a typo in a short word, find nothing.
    assert!(slugs(&pool, "chxemg ha").await.is_empty());
    assert!(slugs(&pool, "ruuo").await.is_empty());
}
