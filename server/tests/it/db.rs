//! Database tests, each on a fresh migrated database.

use crate::common::{create_listing, empty_pool, query};
use app::village::criteria::assess;
use model::area::db as area;
use model::listing::Kind;
use model::listing::check::Status;
use model::search::{FacetKey, FacetOption, Results};
use model::text::Slug;
use model::village::db as village;
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
    assert_eq!(query(&pool, "kind=village").await.total, 11);
    assert_eq!(
        second.clusters_added + second.enterprises_added + second.products_added,
        0
    );
    assert_eq!(
        (
            first.clusters_added,
            first.enterprises_added,
            first.products_added
        ),
        (43, 26, 42)
    );
}

#[tokio::test]
async fn the_seed_goes_through_the_staff_checks_with_a_first_revision() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    // Every seeded listing has one revision, "seed", by no user, holding
    // its fields as the form shows them.
    let (listings, revisions, seeded, by_nobody): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM villages) + (SELECT COUNT(*) FROM clusters)
                + (SELECT COUNT(*) FROM enterprises) + (SELECT COUNT(*) FROM products),
                COUNT(DISTINCT target || target_id), SUM(action = 'seed'), SUM(user_id IS NULL)
           FROM revisions",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (revisions, seeded, by_nobody),
        (listings, listings, listings)
    );
    let fields: String = sqlx::query_scalar(
        "SELECT r.fields FROM revisions r JOIN villages v ON v.id = r.target_id
          WHERE r.target = 'villages' AND v.slug = 'ban-lac'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let fields: serde_json::Value = serde_json::from_str(&fields).unwrap();
    assert_eq!(fields["crafts"], "det-tho-cam, du-lich-cong-dong");
    assert_eq!(fields["featured"], "1");
    assert_eq!(fields["slug"], "ban-lac");

    // What a staff save refuses, a loader is refused too, naming the field;
    // a key no field has is refused as well; nothing of either stays.
    let mut conn = pool.acquire().await.unwrap();
    let mut v = new_village("Bản Kiểm Tra", "05200");
    v.push(("total_households", "10".to_owned()));
    v.push(("craft_households", "11".to_owned()));
    match insert(&mut conn, &v).await {
        Err(seed::SeedError::Invalid { errors, .. }) => {
            assert_eq!(
                errors.keys().collect::<Vec<_>>(),
                ["craft_households"],
                "{errors:?}"
            );
        }
        other => panic!("not refused at the field: {other:?}"),
    }
    // A unique value another listing has is refused at its own field.
    let enterprise = |name: &'static str| {
        [
            ("name_vi", name),
            ("name_en", name),
            ("legal_form", "company"),
            ("tax_code", "0100109106"),
            ("source_url", "https://example.org/test"),
        ]
    };
    create_listing(&mut conn, Kind::Enterprise, &enterprise("Công ty một"))
        .await
        .unwrap();
    match create_listing(&mut conn, Kind::Enterprise, &enterprise("Công ty hai")).await {
        Err(seed::SeedError::Invalid { errors, .. }) => {
            assert_eq!(errors.keys().collect::<Vec<_>>(), ["tax_code"]);
        }
        other => panic!("a taken tax code was not refused at its field: {other:?}"),
    }
    let mut v = new_village("Bản Kiểm Tra", "05200");
    v.push(("households", "10".to_owned()));
    let refused = insert(&mut conn, &v).await.unwrap_err().to_string();
    assert!(refused.contains("households"), "{refused}");
    assert!(
        village::find_by_place(&mut conn, "Bản Kiểm Tra", "05200")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn seeded_villages_are_sourced_and_located_consistently() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    for v in seed::seed_villages().unwrap() {
        let (place, commune) = (&v["place_name"], &v["commune_code"]);
        assert!(
            v["source_url"].starts_with("https://"),
            "{place} has no source"
        );
        let legacy = &v["legacy_commune_code"];
        assert!(
            area::is_successor(&pool, legacy, commune).await.unwrap(),
            "{place}: former commune {legacy} did not become {commune}"
        );
    }
    let list = query(&pool, "kind=village").await;
    let mut slugs: Vec<_> = list.hits.iter().map(|v| v.slug.clone()).collect();
    for slug in &slugs {
        assert!(Slug::parse(slug).is_ok(), "bad slug {slug}");
    }
    assert!(slugs.contains(&"ban-lac".to_owned()));
    assert!(slugs.contains(&"xom-doan-ket".to_owned()));
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 11, "slugs are unique");
}

/// Every figure of the second set of facts keeps its source and date, and
/// where sources disagree, the other figures stay in the source's note.
#[tokio::test]
async fn seeded_facts_carry_their_sources_dates_and_other_figures() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let lac = village::by_slug(&pool, "ban-lac").await.unwrap().unwrap();
    assert_eq!(lac.facts.total_households, Some(115));
    let households = lac
        .sources
        .iter()
        .find(|c| c.fields.iter().any(|f| f == "total_households"))
        .expect("the household count names its source");
    assert!(
        households
            .url
            .starts_with("https://baohoabinh.com.vn/16/99568/")
    );
    assert_eq!(households.date, None, "the page shows no date");
    let other = households.note.as_deref().unwrap();
    assert!(
        other.contains("73 hộ") && other.contains("nardt.org"),
        "{other}"
    );
    assert!(
        households
            .note_en
            .as_deref()
            .unwrap()
            .contains("73 households")
    );

    let com = village::by_slug(&pool, "xom-com").await.unwrap().unwrap();
    assert_eq!(com.recognition_lapsed_year, Some(2025));
    assert!(
        com.sources
            .iter()
            .any(|c| c.date.as_deref() == Some("2025-04-29")
                && c.fields.iter().any(|f| f == "recognition_lapsed_year"))
    );

    // Every stored line reads back, and former and current communes agree
    // for every kind (the codes were looked up by hand).
    for (table, kind) in [
        ("villages", "village"),
        ("clusters", "cluster"),
        ("enterprises", "enterprise"),
        ("products", "product"),
    ] {
        // slug, sources, former and current commune
        type Row = (String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT slug, sources, legacy_commune_code, commune_code FROM {table}"
        )))
        .fetch_all(&pool)
        .await
        .unwrap();
        for (slug, sources, legacy, commune) in rows {
            if let Some(text) = sources {
                let lines = model::listing::sources::parse(&text).unwrap();
                assert_eq!(lines.len(), text.lines().count(), "{kind} {slug}");
            }
            if let (Some(legacy), Some(commune)) = (legacy, commune) {
                assert!(
                    area::is_successor(&pool, &legacy, &commune).await.unwrap(),
                    "{kind} {slug}: former commune {legacy} did not become {commune}"
                );
            }
        }
    }
    let (with_sources, producers): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM villages WHERE sources IS NOT NULL),
                (SELECT COUNT(*) FROM products WHERE producer_id IS NOT NULL)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(with_sources, 11);
    assert!(producers >= 8, "{producers}");

    // A source line naming a field the kind does not have is refused at
    // the sources field, as a staff save refuses it.
    let mut conn = pool.acquire().await.unwrap();
    let mut v = new_village("Bản Nguồn", "05200");
    v.push((
        "sources",
        "households | https://example.org/a | 2025".to_owned(),
    ));
    match insert(&mut conn, &v).await {
        Err(seed::SeedError::Invalid { errors, .. }) => {
            assert_eq!(errors.keys().collect::<Vec<_>>(), ["sources"]);
        }
        other => panic!("an unknown field in sources was not refused: {other:?}"),
    }
    let mut v = new_village("Bản Nguồn", "05200");
    v.push((
        "sources",
        "total_households | https://example.org/a | 2025-02 | ghi chú | note".to_owned(),
    ));
    insert(&mut conn, &v).await.unwrap();
}

/// A listing an earlier seed wrote and nobody edited is brought up to date
/// by the next seed (with a revision "seed"); one that staff edited keeps
/// their work.
#[tokio::test]
async fn a_new_seed_updates_what_nobody_has_edited_since() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    // As if an older seed had written these without the newer figures.
    sqlx::query("UPDATE villages SET workers = NULL WHERE slug IN ('xom-luc', 'xom-soi')")
        .execute(&pool)
        .await
        .unwrap();
    let soi: i64 = sqlx::query_scalar("SELECT id FROM villages WHERE slug = 'xom-soi'")
        .fetch_one(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO revisions (target, target_id, user_id, action, fields)
         VALUES ('villages', ?, NULL, 'edit', '{}')",
    )
    .bind(soi)
    .execute(&pool)
    .await
    .unwrap();
    let again = seed::seed(&pool).await.unwrap();
    assert_eq!(again.listings_updated, 1);
    assert_eq!(again.villages_added, 0);
    let luc = village::by_slug(&pool, "xom-luc").await.unwrap().unwrap();
    assert_eq!(luc.workers, Some(168));
    assert!(
        luc.location.latitude.is_some(),
        "the commune centre is kept"
    );
    let soi = village::by_slug(&pool, "xom-soi").await.unwrap().unwrap();
    assert_eq!(soi.workers, None, "an edited listing is left as it is");
    let seeds: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM revisions r JOIN villages v ON v.id = r.target_id
          WHERE r.target = 'villages' AND v.slug = 'xom-luc' AND r.action = 'seed'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(seeds, 2);
    assert_eq!(seed::seed(&pool).await.unwrap().listings_updated, 0);
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

fn new_village(place: &str, commune: &str) -> Vec<(&'static str, String)> {
    vec![
        ("place_name", place.to_owned()),
        ("name_vi", format!("Làng nghề {place}")),
        ("name_en", format!("{place} village")),
        ("commune_code", commune.to_owned()),
        ("crafts", "det-tho-cam".to_owned()),
        ("source_url", "https://example.org/source".to_owned()),
    ]
}

/// Creates a village through the one write path: its id and slug.
async fn insert(
    conn: &mut sqlx::SqliteConnection,
    fields: &[(&'static str, String)],
) -> Result<(i64, String), server::seed::SeedError> {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    create_listing(conn, Kind::Village, &fields).await
}

#[tokio::test]
async fn slugs_stay_unique_when_names_repeat() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    // "Bản Lác" exists in Xã Mai Hạ; another one elsewhere gets a suffix.
    let (_, second) = insert(&mut conn, &new_village("Bản Lác", "05200"))
        .await
        .unwrap();
    let (_, third) = insert(&mut conn, &new_village("Bản  Lác!", "05212"))
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
        insert(&mut conn, &new_village("Bản Mới", "99999"))
            .await
            .is_err()
    );
    let mut v = new_village("Bản Mới", "05200");
    v.push(("crafts", "khong-co".to_owned()));
    assert!(insert(&mut conn, &v).await.is_err());
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
        let text = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        v.push(("craft_households", text(craft)));
        v.push(("total_households", text(total)));
        v.push(("stable_production_years", text(years)));
        v.push(("env_compliant", text(env.map(i64::from))));
        let (_, slug) = insert(&mut conn, &v).await.unwrap();
        let p = village::by_slug(&pool, slug.as_str())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(assess(&p.facts).overall, expected, "{place}");
    }
}

fn facet(results: &Results, key: FacetKey) -> Vec<FacetOption> {
    results
        .facets
        .iter()
        .find(|g| g.key == key)
        .map(|g| g.options.clone())
        .unwrap_or_default()
}

fn count_of(results: &Results, key: FacetKey, value: &str) -> usize {
    facet(results, key)
        .iter()
        .find(|o| o.value == value)
        .map_or(0, |o| o.count)
}

#[tokio::test]
async fn facets_count_with_the_other_filters() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let all = query(&pool, "kind=village").await;
    let district_total: usize = facet(&all, FacetKey::District)
        .iter()
        .map(|d| d.count)
        .sum();
    assert_eq!(
        district_total, 11,
        "every village has exactly one former district"
    );
    let commune_total: usize = facet(&all, FacetKey::Commune).iter().map(|c| c.count).sum();
    assert_eq!(commune_total, 11);
    assert_eq!(count_of(&all, FacetKey::District, "156"), 5);

    let in_mai_chau = query(&pool, "kind=village&district=156").await;
    assert_eq!(in_mai_chau.total, 5);
    // Craft counts now describe Mai Châu only; district counts ignore the
    // district choice itself, so the user can switch district.
    assert_eq!(count_of(&in_mai_chau, FacetKey::Craft, "det-tho-cam"), 4);
    assert_eq!(
        facet(&in_mai_chau, FacetKey::District)
            .iter()
            .map(|d| d.count)
            .sum::<usize>(),
        11
    );
    assert!(
        facet(&in_mai_chau, FacetKey::District)
            .iter()
            .any(|o| o.value == "156" && o.selected)
    );

    let both = query(&pool, "kind=village&district=156&craft=nau-ruou").await;
    let names: Vec<_> = both.hits.into_iter().map(|v| v.slug).collect();
    assert_eq!(names, vec!["chieng-ha".to_owned()]);

    let nothing = query(&pool, "kind=village&craft=khong-co").await;
    assert!(nothing.hits.is_empty());
    assert!(
        facet(&nothing, FacetKey::Craft)
            .iter()
            .any(|o| o.value == "khong-co" && o.selected && o.count == 0),
        "an unknown choice stays visible so it can be taken off"
    );
}

#[tokio::test]
async fn facets_across_kinds_add_up() {
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let all = query(&pool, "").await;
    assert_eq!(all.total, 11 + 43 + 26 + 42);
    let kinds = facet(&all, FacetKey::Kind);
    assert_eq!(kinds.iter().map(|o| o.count).sum::<usize>(), all.total);
    assert_eq!(count_of(&all, FacetKey::Kind, "cluster"), 43);
    // Stage counts cover the parks and clusters whose stage is known.
    assert_eq!(count_of(&all, FacetKey::Stage, "operating"), 3);
    assert_eq!(count_of(&all, FacetKey::Stage, "planned"), 5 + 19);
    assert_eq!(count_of(&all, FacetKey::Stage, "established"), 3);
    assert_eq!(count_of(&all, FacetKey::LegalForm, "cooperative"), 13);
    assert_eq!(count_of(&all, FacetKey::Stars, "3"), 17);
    assert_eq!(count_of(&all, FacetKey::Stars, "5"), 1);
    // Two facets of different kinds: nothing is both a cooperative and a
    // 3-star product, and each facet's counts still show the way out.
    let none = query(&pool, "form=cooperative&stars=3").await;
    assert_eq!(none.total, 0);
    assert_eq!(count_of(&none, FacetKey::LegalForm, "cooperative"), 0);
    assert_eq!(count_of(&none, FacetKey::Stars, "3"), 0);
    // Former Mai Châu: 5 villages, 7 producers, 6 products (rice wine,
    // brocade twice, tea, tourism, vegetables), the Chiềng Châu cluster.
    let mai_chau = query(&pool, "district=156").await;
    assert_eq!(mai_chau.total, 5 + 7 + 6 + 1);
    assert_eq!(
        facet(&mai_chau, FacetKey::Kind)
            .iter()
            .map(|o| o.count)
            .sum::<usize>(),
        mai_chau.total
    );
    // Two values of one facet add up ("or").
    let two = query(&pool, "kind=village&kind=product&district=156").await;
    assert_eq!(two.total, 5 + 6);
    // Pages: a stable order, every listing exactly once.
    let mut seen = Vec::new();
    for page in 1..=all.pages {
        let r = query(&pool, &format!("page={page}")).await;
        assert!(r.hits.len() <= 20);
        seen.extend(r.hits.into_iter().map(|h| (h.kind, h.slug)));
    }
    let n = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!((n, seen.len()), (all.total, all.total));
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
    assert_eq!(query(&pool, "kind=village").await.total, 10);
}

/// The text column of the rows `sql` selects for the listing `id` (`?1`).
async fn strings(pool: &sqlx::SqlitePool, sql: &str, id: i64) -> Vec<String> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(id)
        .fetch_all(pool)
        .await
        .unwrap()
}

/// A profile's former districts are those of the `{kind}_districts` view.
async fn assert_districts(
    pool: &sqlx::SqlitePool,
    kind: &str,
    id: i64,
    got: &[model::area::District],
) {
    let view =
        format!("SELECT district_code FROM {kind}_districts WHERE {kind}_id = ?1 ORDER BY 1");
    let got: Vec<String> = got.iter().map(|d| d.code.clone()).collect();
    assert_eq!(got, strings(pool, &view, id).await, "{kind} {id}");
}

fn ref_slugs<'a>(refs: impl IntoIterator<Item = &'a model::listing::ListingRef>) -> Vec<String> {
    refs.into_iter().map(|r| r.slug.clone()).collect()
}

/// A profile is read in one query, its related rows as JSON columns. What it
/// holds beside its own row agrees with the database's own rules, asked
/// plainly for every seeded listing: the former districts with the
/// `*_districts` views, the related listings with the link tables
/// (published ones, by name), a cluster's tenants, a village's crafts in
/// its order and its artisans. A draft is read by id (the staff preview),
/// never by slug.
#[tokio::test]
async fn profiles_read_in_one_query_hold_what_the_tables_say() {
    use model::listing::db::Which;
    let (pool, _dir) = empty_pool().await;
    seed::seed(&pool).await.unwrap();
    let published = |table: &str| {
        let sql = format!("SELECT id, slug FROM {table} WHERE status = 'published' ORDER BY id");
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql))
                .fetch_all(&pool)
                .await
                .unwrap()
        }
    };
    // The seed has no artisans or tenants yet: two of each (test rows).
    sqlx::query(
        "INSERT INTO village_artisans (village_id, name, title)
         SELECT id, 'Nghệ nhân thử B', NULL FROM villages WHERE status = 'published'
          ORDER BY id LIMIT 1;
         INSERT INTO village_artisans (village_id, name, title)
         SELECT id, 'Nghệ nhân thử A', 'Nghệ nhân ưu tú' FROM villages WHERE status = 'published'
          ORDER BY id LIMIT 1;
         INSERT INTO cluster_tenants (cluster_id, enterprise_id, capital_billion_vnd, employees)
         SELECT (SELECT id FROM clusters WHERE status = 'published' ORDER BY id LIMIT 1), id,
                CASE WHEN id % 2 = 0 THEN 12.5 END, CASE WHEN id % 2 = 0 THEN 40 END
           FROM enterprises WHERE status = 'published' ORDER BY id LIMIT 2",
    )
    .execute(&pool)
    .await
    .unwrap();
    // How many related rows were compared, so that the test cannot pass on
    // empty lists alone.
    let mut related = [0usize; 8];

    for (id, slug) in published("villages").await {
        let p = village::by_slug(&pool, &slug).await.unwrap().unwrap();
        assert_districts(&pool, "village", id, &p.location.former_districts).await;
        let crafts = "SELECT c.slug FROM village_crafts vc JOIN crafts c ON c.id = vc.craft_id
                      WHERE vc.village_id = ?1 ORDER BY vc.position, c.slug";
        let got: Vec<String> = p.crafts.iter().map(|c| c.slug.clone()).collect();
        assert_eq!(got, strings(&pool, crafts, id).await, "{slug}");
        let artisans = "SELECT name FROM village_artisans WHERE village_id = ?1 ORDER BY name";
        let got: Vec<String> = p.artisans.iter().map(|a| a.name.clone()).collect();
        assert_eq!(got, strings(&pool, artisans, id).await, "{slug}");
        let enterprises = "SELECT slug FROM enterprises WHERE status = 'published' AND id IN (
              SELECT enterprise_id FROM enterprise_villages WHERE village_id = ?1
              UNION SELECT e.id FROM enterprises e JOIN villages v ON v.id = ?1
               WHERE v.legacy_commune_code IS NOT NULL AND e.legacy_commune_code = v.legacy_commune_code)
            ORDER BY name_vi, slug";
        assert_eq!(
            ref_slugs(&p.enterprises),
            strings(&pool, enterprises, id).await,
            "{slug}"
        );
        let products = "SELECT slug FROM products WHERE status = 'published' AND village_id = ?1
                        ORDER BY name_vi, slug";
        assert_eq!(
            ref_slugs(&p.products),
            strings(&pool, products, id).await,
            "{slug}"
        );
        related[0] += p.location.former_districts.len() + p.crafts.len();
        if let Some(a) = p.artisans.iter().find(|a| a.name == "Nghệ nhân thử A") {
            assert_eq!(a.title.as_deref(), Some("Nghệ nhân ưu tú"));
        }
        related[1] += p.artisans.len();
        related[2] += p.enterprises.len() + p.products.len();
    }

    for (id, slug) in published("clusters").await {
        let p = model::cluster::db::by_slug(&pool, &slug)
            .await
            .unwrap()
            .unwrap();
        assert_districts(&pool, "cluster", id, &p.place.former_districts).await;
        let tenants = "SELECT e.slug FROM cluster_tenants t JOIN enterprises e ON e.id = t.enterprise_id
                       WHERE t.cluster_id = ?1 AND e.status = 'published' ORDER BY e.name_vi, e.slug";
        assert_eq!(
            ref_slugs(p.tenants.iter().map(|t| &t.enterprise)),
            strings(&pool, tenants, id).await,
            "{slug}"
        );
        related[3] += p.place.former_districts.len();
        related[4] += p.tenants.len();
        for t in &p.tenants {
            let (capital, employees): (Option<f64>, Option<i64>) = sqlx::query_as(
                "SELECT t.capital_billion_vnd, t.employees FROM cluster_tenants t
                   JOIN enterprises e ON e.id = t.enterprise_id WHERE t.cluster_id = ? AND e.slug = ?",
            )
            .bind(id)
            .bind(&t.enterprise.slug)
            .fetch_one(&pool)
            .await
            .unwrap();
            assert_eq!((t.capital_billion_vnd, t.employees), (capital, employees));
        }
    }

    for (id, slug) in published("enterprises").await {
        let p = model::enterprise::db::by_slug(&pool, &slug)
            .await
            .unwrap()
            .unwrap();
        assert_districts(&pool, "enterprise", id, &p.place.former_districts).await;
        for (got, link) in [
            (&p.villages, "SELECT slug FROM villages WHERE status = 'published' AND id IN
                 (SELECT village_id FROM enterprise_villages WHERE enterprise_id = ?1) ORDER BY name_vi, slug"),
            (&p.clusters, "SELECT slug FROM clusters WHERE status = 'published' AND id IN
                 (SELECT cluster_id FROM cluster_tenants WHERE enterprise_id = ?1) ORDER BY name_vi, slug"),
            (&p.products, "SELECT slug FROM products WHERE status = 'published' AND producer_id = ?1
                 ORDER BY name_vi, slug"),
        ] {
            assert_eq!(ref_slugs(got), strings(&pool, link, id).await, "{slug}");
            related[5] += got.len();
        }
        related[3] += p.place.former_districts.len();
    }

    for (id, slug) in published("products").await {
        let p = model::product::db::by_slug(&pool, &slug, model::date::Date::today())
            .await
            .unwrap()
            .unwrap();
        assert_districts(&pool, "product", id, &p.place.former_districts).await;
        let producer = "SELECT e.slug FROM products p JOIN enterprises e ON e.id = p.producer_id
                        WHERE p.id = ?1 AND e.status = 'published'";
        assert_eq!(
            ref_slugs(&p.producer),
            strings(&pool, producer, id).await,
            "{slug}"
        );
        let of_village = "SELECT v.slug FROM products p JOIN villages v ON v.id = p.village_id
                          WHERE p.id = ?1 AND v.status = 'published'";
        assert_eq!(
            ref_slugs(&p.village),
            strings(&pool, of_village, id).await,
            "{slug}"
        );
        related[3] += p.place.former_districts.len();
        related[6] += usize::from(p.producer.is_some());
        related[7] += usize::from(p.village.is_some());
    }
    assert!(
        related.iter().all(|&n| n > 0),
        "every kind of related row was compared: {related:?}"
    );

    // A draft: the staff preview reads it by id, the public page not at all.
    let (id, slug) = published("villages").await.remove(0);
    sqlx::query("UPDATE villages SET status = 'draft' WHERE id = ?")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    assert!(village::by_slug(&pool, &slug).await.unwrap().is_none());
    let mut conn = pool.acquire().await.unwrap();
    let draft = village::profile(&mut conn, Which::Id(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(draft.slug, slug);
    assert!(
        village::profile(&mut conn, Which::Published(&slug))
            .await
            .unwrap()
            .is_none()
    );
}
