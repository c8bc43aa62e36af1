//! Database tests, each on a fresh migrated database.

#![allow(clippy::unwrap_used)]

mod common;

use app::area::db as area;
use app::text::Slug;
use app::village::VillageFilter;
use app::village::criteria::{Status, assess};
use app::village::db::{self as village, NewVillage};
use common::empty_pool;
use server::seed;

#[tokio::test]
async fn seed_loads_every_unit_and_village_once() {
    let (pool, _dir) = empty_pool().await;
    assert!(seed::is_empty(&pool).await.unwrap());
    let first = seed::seed(&pool).await.unwrap();
    assert_eq!(first.villages_added, 11);
    assert_eq!(area::counts(&pool).await.unwrap(), (46, 10, 151, 154));
    // A second run adds nothing and fails nothing.
    let second = seed::seed(&pool).await.unwrap();
    assert_eq!(second.villages_added, 0);
    assert_eq!(area::counts(&pool).await.unwrap(), (46, 10, 151, 154));
    let list = village::list(&pool, &VillageFilter::default())
        .await
        .unwrap();
    assert_eq!(list.items.len(), 11);
}

#[tokio::test]
async fn seeded_villages_are_sourced_and_located_consistently() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    for v in seed::seed_villages().unwrap() {
        assert!(
            v.source_url.starts_with("https://"),
            "{} has no source",
            v.place_name
        );
        let legacy = v.legacy_commune.as_deref().unwrap();
        assert!(
            area::is_successor(&pool, legacy, &v.commune).await.unwrap(),
            "{}: former commune {legacy} did not become {}",
            v.place_name,
            v.commune
        );
    }
    let list = village::list(&pool, &VillageFilter::default())
        .await
        .unwrap();
    let mut slugs: Vec<_> = list.items.iter().map(|v| v.slug.clone()).collect();
    for slug in &slugs {
        assert!(Slug::parse(slug).is_ok(), "bad slug {slug}");
    }
    assert!(slugs.contains(&"ban-lac".to_owned()));
    assert!(slugs.contains(&"xom-doan-ket".to_owned()));
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 11, "slugs are unique");
}

#[tokio::test]
async fn unknown_facts_stay_empty() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let p = village::by_slug(&pool, "xom-soi").await.unwrap().unwrap();
    assert_eq!(p.facts.total_households, None);
    assert_eq!(p.facts.craft_households, None);
    assert_eq!(p.facts.env_compliant, None);
    assert_eq!(p.facts.recognition_decision, None);
    assert!(p.location.approximate);
    assert_eq!(p.location.former_districts.len(), 1);
    assert_eq!(p.location.former_districts[0].name, "Huyện Lạc Thủy");
    assert_eq!(p.location.commune.name, "Xã An Nghĩa");
    assert_eq!(assess(&p.facts).overall, Status::NotEnoughData);
}

fn new_village(place: &str, commune: &str) -> NewVillage {
    NewVillage {
        place_name: place.to_owned(),
        name_vi: format!("Làng nghề {place}"),
        name_en: format!("{place} village"),
        commune: commune.to_owned(),
        crafts: vec!["det-tho-cam".to_owned()],
        source_url: "https://example.org/source".to_owned(),
        ..NewVillage::default()
    }
}

#[tokio::test]
async fn slugs_stay_unique_when_names_repeat() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    // "Bản Lác" exists in Xã Mai Hạ; another one elsewhere gets a suffix.
    let (_, second) = village::insert(&mut conn, &new_village("Bản Lác", "05200"))
        .await
        .unwrap();
    let (_, third) = village::insert(&mut conn, &new_village("Bản  Lác!", "05212"))
        .await
        .unwrap();
    assert_eq!(second.as_str(), "ban-lac-2");
    assert_eq!(third.as_str(), "ban-lac-3");
}

#[tokio::test]
async fn insert_rejects_unknown_communes_and_crafts() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert!(
        village::insert(&mut conn, &new_village("Bản Mới", "99999"))
            .await
            .is_err()
    );
    let mut v = new_village("Bản Mới", "05200");
    v.crafts = vec!["khong-co".to_owned()];
    assert!(village::insert(&mut conn, &v).await.is_err());
    // Nothing of the failed insert stays behind.
    assert!(
        village::find_by_place(&mut conn, "Bản Mới", "05200")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn criteria_from_stored_facts_at_the_thresholds() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let cases = [
        (
            "Bản Đủ",
            Some(20),
            Some(100),
            Some(2),
            Some(true),
            Status::Met,
        ),
        (
            "Bản Thiếu Hộ",
            Some(19),
            Some(100),
            Some(2),
            Some(true),
            Status::NotMet,
        ),
        (
            "Bản Mới Lập",
            Some(50),
            Some(100),
            Some(1),
            Some(true),
            Status::NotMet,
        ),
        (
            "Bản Môi Trường",
            Some(50),
            Some(100),
            Some(3),
            Some(false),
            Status::NotMet,
        ),
        (
            "Bản Chưa Rõ",
            Some(50),
            None,
            Some(3),
            Some(true),
            Status::NotEnoughData,
        ),
    ];
    for (place, craft, total, years, env, expected) in cases {
        let mut v = new_village(place, "05200");
        v.craft_households = craft;
        v.total_households = total;
        v.stable_production_years = years;
        v.env_compliant = env;
        let (_, slug) = village::insert(&mut conn, &v).await.unwrap();
        let p = village::by_slug(&pool, slug.as_str())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(assess(&p.facts).overall, expected, "{place}");
    }
}

#[tokio::test]
async fn facets_count_with_the_other_filters() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let all = village::list(&pool, &VillageFilter::default())
        .await
        .unwrap();
    let district_total: i64 = all.districts.iter().map(|d| d.count).sum();
    assert_eq!(
        district_total, 11,
        "every village has exactly one former district"
    );
    let commune_total: i64 = all.communes.iter().map(|c| c.count).sum();
    assert_eq!(commune_total, 11);
    let mai_chau = all.districts.iter().find(|d| d.value == "156").unwrap();
    assert_eq!(mai_chau.count, 5);

    let filter = VillageFilter {
        district: Some("156".to_owned()),
        ..VillageFilter::default()
    };
    let in_mai_chau = village::list(&pool, &filter).await.unwrap();
    assert_eq!(in_mai_chau.items.len(), 5);
    // Craft counts now describe Mai Châu only; district counts ignore the
    // district choice itself, so the user can switch district.
    let brocade = in_mai_chau
        .crafts
        .iter()
        .find(|c| c.value == "det-tho-cam")
        .unwrap();
    assert_eq!(brocade.count, 4);
    assert_eq!(
        in_mai_chau.districts.iter().map(|d| d.count).sum::<i64>(),
        11
    );

    let both = VillageFilter {
        craft: Some("nau-ruou".to_owned()),
        ..filter
    };
    let names: Vec<_> = village::list(&pool, &both)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|v| v.slug)
        .collect();
    assert_eq!(names, vec!["chieng-ha".to_owned()]);

    let nothing = VillageFilter {
        craft: Some("khong-co".to_owned()),
        ..VillageFilter::default()
    };
    assert!(
        village::list(&pool, &nothing)
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[tokio::test]
async fn archived_and_draft_villages_are_not_public() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    sqlx::query("UPDATE villages SET status = 'archived' WHERE slug = 'ban-lac'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(village::by_slug(&pool, "ban-lac").await.unwrap().is_none());
    let list = village::list(&pool, &VillageFilter::default())
        .await
        .unwrap();
    assert_eq!(list.items.len(), 10);
}
