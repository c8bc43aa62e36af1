//! The staff list: the folding search, filters, sorting, pages, who
//! changed a listing last, and the dashboard's counts that link to it.

use super::*;

/// The list of `kind` for `query` (a query string).
async fn list(browser: &mut Browser<'_>, kind: &str, query: &str) -> serde_json::Value {
    let answer = browser
        .call(
            StaffListings::PATH,
            &format!("kind={kind}&query={}", enc(query)),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

fn slugs(list: &serde_json::Value) -> Vec<String> {
    list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["slug"].as_str().unwrap().to_owned())
        .collect()
}

fn names(list: &serde_json::Value) -> Vec<String> {
    list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_staff_list_searches_filters_sorts_and_pages() {
    let app = TestApp::new().await;
    let editor_id = add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.40.1").await;

    // Without diacritics, in any case, any words of the name in any order.
    for text in ["xom bui", "XÓM BUI", "Búi", "tre xóm mây"] {
        let found = list(&mut editor, "village", &format!("q={}", enc(text))).await;
        assert_eq!(slugs(&found), ["xom-bui"], "{text}");
        assert_eq!(found["total"], 1);
    }
    // A typo in a long word.
    let found = list(&mut editor, "village", "q=chiengg").await;
    assert_eq!(slugs(&found), ["ban-chieng-chau", "chieng-ha"], "{found}");
    // By commune name too.
    let (_, commune) = village(&app, "xom-bui").await;
    let commune_name: String = sqlx::query_scalar("SELECT name FROM communes WHERE code = ?")
        .bind(&commune)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let by_place = list(&mut editor, "village", &format!("q={}", enc(&commune_name))).await;
    assert!(
        slugs(&by_place).contains(&"xom-bui".to_owned()),
        "{by_place}"
    );
    let nothing = list(&mut editor, "village", "q=zzzzzz").await;
    assert_eq!(
        (nothing["total"].as_u64(), names(&nothing).len()),
        (Some(0), 0)
    );

    // Every village, by name in Vietnamese order (folded: "Đ" among "D").
    let all = list(&mut editor, "village", "").await;
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(names(&all).len(), total.min(50));
    let folded: Vec<String> = names(&all).iter().map(|n| model::text::fold(n)).collect();
    assert!(folded.windows(2).all(|w| w[0] <= w[1]), "{folded:?}");
    let reversed = list(&mut editor, "village", "sort=-name").await;
    let mut back = names(&reversed);
    back.reverse();
    assert_eq!(back, names(&all));

    // An edit names its author and moves the listing to the top of
    // "recently updated"; "changed last by" finds it.
    let (id, _) = village(&app, "ban-lac").await;
    let data: serde_json::Value = serde_json::from_str(
        &editor
            .call(EditForm::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    let saved = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("name_en", "Lac Village (Mai Chau)")]),
        )
        .await;
    assert_eq!(errors_of(&saved), serde_json::json!({}), "{}", saved.body);
    let recent = list(&mut editor, "village", "sort=-updated").await;
    assert_eq!(recent["rows"][0]["id"].as_i64(), Some(id), "{recent}");
    assert_eq!(recent["rows"][0]["updated_by"], "editor@test.example");
    let by = list(&mut editor, "village", &format!("by={editor_id}")).await;
    assert_eq!(by["total"], 1, "{by}");
    assert!(
        by["editors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e[0] == editor_id)
    );

    // Completeness: sorted, and each band holds only its own.
    let complete = list(&mut editor, "cluster", "sort=-complete").await;
    let figures: Vec<u64> = complete["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["completeness"].as_u64().unwrap())
        .collect();
    assert!(figures.windows(2).all(|w| w[0] >= w[1]), "{figures:?}");
    assert!(figures.iter().all(|f| *f <= 100));
    let mut banded = 0;
    for (band, range) in [("low", 0..40), ("middle", 40..70), ("high", 70..101)] {
        let rows = list(&mut editor, "cluster", &format!("band={band}")).await;
        banded += rows["total"].as_u64().unwrap();
        for row in rows["rows"].as_array().unwrap() {
            assert!(
                range.contains(&row["completeness"].as_u64().unwrap()),
                "{band}: {row}"
            );
        }
    }
    assert_eq!(
        banded,
        complete["total"].as_u64().unwrap(),
        "the bands cover every row"
    );
    // The database's completeness is the form's: the same fields counted.
    let first = &complete["rows"][0];
    let form: serde_json::Value = serde_json::from_str(
        &editor
            .call(EditForm::PATH, &format!("kind=cluster&id={}", first["id"]))
            .await
            .body,
    )
    .unwrap();
    let values: model::editing::Values = serde_json::from_value(form["values"].clone()).unwrap();
    let spec = model::editing::spec_of(model::listing::Kind::Cluster).unwrap();
    assert_eq!(
        u64::from(model::editing::list::completeness(spec, &values)),
        first["completeness"].as_u64().unwrap()
    );

    // Pages of 50: 43 clusters and parks fit on one, two pages when more.
    for i in 0..60 {
        sqlx::query(
            "INSERT INTO clusters (slug, name_vi, name_en, kind, status, source_url)
             VALUES (?, ?, ?, 'cluster', 'draft', 'https://example.org/')",
        )
        .bind(format!("cum-thu-{i}"))
        .bind(format!("Cụm thử {i:02}"))
        .bind(format!("Test cluster {i:02}"))
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let first_page = list(&mut editor, "cluster", "state=draft").await;
    assert_eq!(
        (first_page["total"].as_u64(), first_page["pages"].as_u64()),
        (Some(60), Some(2))
    );
    assert_eq!(names(&first_page).len(), 50);
    let second = list(&mut editor, "cluster", "state=draft&page=2").await;
    assert_eq!(names(&second).len(), 10);
    assert!(
        names(&second)
            .iter()
            .all(|n| !names(&first_page).contains(n))
    );
    let beyond = list(&mut editor, "cluster", "state=draft&page=9").await;
    assert_eq!(names(&beyond).len(), 0);
    // The other states leave the drafts out.
    let published = list(&mut editor, "cluster", "state=published").await;
    assert!(
        published["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "published")
    );

    // Hostile addresses are a list, never an error.
    for query in [
        "commune=x'%20OR%201=1--",
        "state=deleted",
        "sort=id;DROP TABLE users",
        "page=-4",
        "by=1%20OR%201=1",
    ] {
        let rows = list(&mut editor, "village", query).await;
        assert!(rows["rows"].is_array(), "{query}");
    }
}

#[tokio::test]
async fn the_dashboard_counts_are_the_lists_it_links_to() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.41.1").await;
    sqlx::query("UPDATE villages SET status = 'draft' WHERE slug = 'ban-lac'")
        .execute(&app.pool)
        .await
        .unwrap();
    let dashboard: serde_json::Value =
        serde_json::from_str(&editor.call(Dashboard::PATH, "").await.body).unwrap();
    let attention = dashboard["attention"].as_array().unwrap();
    assert_eq!(attention.len(), 4);
    let mut some = 0;
    for row in attention {
        let kind = row[0].as_str().unwrap().to_lowercase();
        for (i, query) in [
            (1, "state=draft"),
            (2, "missing=location"),
            (3, "missing=description"),
        ] {
            let count = row[i].as_u64().unwrap();
            some += count;
            let listed = list(&mut editor, &kind, query).await;
            assert_eq!(listed["total"].as_u64(), Some(count), "{kind} {query}");
        }
    }
    assert!(some > 0, "nothing to compare");
    // The page links each count to its list.
    let page = editor.get("/quan-tri").await;
    assert!(
        page.body.contains("href=\"/quan-tri/village?state=draft\""),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn partners_list_published_listings_without_who_changed_them() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    sqlx::query("UPDATE villages SET status = 'draft' WHERE slug = 'ban-lac'")
        .execute(&app.pool)
        .await
        .unwrap();
    let mut partner = signed_in(&app, "partner@test.example", "10.0.42.1").await;
    for query in ["", "state=draft"] {
        let rows = list(&mut partner, "village", query).await;
        assert!(
            !slugs(&rows).contains(&"ban-lac".to_owned()),
            "{query}: {rows}"
        );
        assert!(rows["editors"].as_array().unwrap().is_empty());
        for row in rows["rows"].as_array().unwrap() {
            assert_eq!(row["status"], "published");
            assert!(row["updated_by_id"].is_null() && row["updated_by"].is_null());
            assert_eq!(row["may_edit"], false);
        }
    }
    // The page offers no state or author filter and no history links.
    let page = partner.get("/quan-tri/village").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("name=\"state\"") && !page.body.contains("name=\"by\""));
    assert!(page.body.contains("name=\"band\""));
}

#[tokio::test]
async fn the_list_page_works_without_javascript() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.43.1").await;
    let page = editor
        .get("/quan-tri/village?q=xom+bui&sort=-updated")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Xóm Bui"));
    assert!(!page.body.contains("Bản Lác"), "filtered out");
    // The form keeps the text and the order; the headers sort.
    assert!(page.body.contains("value=\"xom bui\""), "{}", page.body);
    assert!(
        page.body.contains("<option value=\"-updated\" selected"),
        "the order is chosen"
    );
    assert!(page.body.contains("aria-sort=\"descending\""));
    assert!(
        page.body
            .contains("href=\"/quan-tri/village?q=xom+bui&amp;sort=state\"")
    );
    assert!(
        page.body
            .contains("href=\"/quan-tri/village?q=xom+bui&amp;sort=updated\""),
        "again: the other way"
    );
    // English too.
    let page = editor.get("/en/admin/village?band=low").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Under 40 %"));
}

#[tokio::test]
async fn editors_change_the_state_of_several_listings_at_once() {
    use app::editing::api::BulkState;
    let app = TestApp::new().await;
    let (lac, commune) = village(&app, "ban-lac").await;
    let (soi, _) = village(&app, "xom-soi").await;
    let (bui, _) = village(&app, "xom-bui").await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    add_user(&app, "local@test.example", Role::Editor, &[&commune]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.44.1").await;
    let state_of = |id: i64| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM villages WHERE id = ?")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };

    // Two archived at once (indices with a gap, as unticked boxes leave),
    // each a revision; asking again changes nothing.
    let answer = editor
        .call(
            BulkState::PATH,
            &format!("kind=village&ids[0]={lac}&ids[3]={soi}&state=archived&lang=vi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let outcome: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(outcome["changed"].as_array().unwrap().len(), 2, "{outcome}");
    assert_eq!(
        (state_of(lac).await, state_of(soi).await),
        ("archived".into(), "archived".into())
    );
    let revisions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM revisions WHERE target = 'villages' AND action = 'archive'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(revisions, 2);
    let again = editor
        .call(
            BulkState::PATH,
            &format!("kind=village&ids[0]={lac}&ids[1]={soi}&state=archived&lang=vi"),
        )
        .await;
    let again: serde_json::Value = serde_json::from_str(&again.body).unwrap();
    assert_eq!(
        (
            again["unchanged"].as_u64(),
            again["changed"].as_array().unwrap().len()
        ),
        (Some(2), 0)
    );
    // Archived listings leave the public pages.
    let (status, _) = app.get("/lang-nghe/ban-lac").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Publishing checks each as a save would: a draft missing its English name
    // stays a draft and is named; the others are published.
    sqlx::query("UPDATE villages SET status = 'draft', name_en = '' WHERE id = ?")
        .bind(bui)
        .execute(&app.pool)
        .await
        .unwrap();
    let published = editor
        .call(
            BulkState::PATH,
            &format!("kind=village&ids[0]={lac}&ids[1]={bui}&state=published&lang=vi"),
        )
        .await;
    let published: serde_json::Value = serde_json::from_str(&published.body).unwrap();
    assert_eq!(
        published["changed"].as_array().unwrap().len(),
        1,
        "{published}"
    );
    assert_eq!(
        published["refused"].as_array().unwrap().len(),
        1,
        "{published}"
    );
    assert_eq!(state_of(lac).await, "published");
    assert_eq!(state_of(bui).await, "draft");

    // An editor limited to a commune changes only hers; partners nothing.
    let mut local = signed_in(&app, "local@test.example", "10.0.44.2").await;
    let mixed = local
        .call(
            BulkState::PATH,
            &format!("kind=village&ids[0]={lac}&ids[1]={soi}&state=draft&lang=vi"),
        )
        .await;
    let mixed: serde_json::Value = serde_json::from_str(&mixed.body).unwrap();
    assert_eq!(mixed["changed"].as_array().unwrap().len(), 1, "{mixed}");
    assert_eq!(mixed["refused"].as_array().unwrap().len(), 1);
    assert_eq!(
        (state_of(lac).await, state_of(soi).await),
        ("draft".into(), "archived".into())
    );
    let mut partner = signed_in(&app, "partner@test.example", "10.0.44.3").await;
    let refused = partner
        .call(
            BulkState::PATH,
            &format!("kind=village&ids[0]={soi}&state=published"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Bad requests: an unknown state, too many at once.
    let bad = editor
        .call(
            BulkState::PATH,
            &format!("kind=village&ids[0]={lac}&state=deleted"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let many: String = (0..51).map(|i| format!("&ids[{i}]={}", i + 1)).collect();
    let bad = editor
        .call(BulkState::PATH, &format!("kind=village{many}&state=draft"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // Without JavaScript: back to the list with its filters (never
    // elsewhere), which says what happened once.
    let plain = editor
        .post_plain(
            BulkState::PATH,
            &format!(
                "kind=village&ids[0]={soi}&state=draft&lang=vi&back={}",
                enc("/quan-tri/village?state=archived")
            ),
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(
        plain.headers[header::LOCATION],
        "/quan-tri/village?state=archived"
    );
    let page = editor.get("/quan-tri/village?state=archived").await;
    assert!(page.body.contains("Đã đổi trạng thái:"), "{}", page.body);
    let elsewhere = editor
        .post_plain(
            BulkState::PATH,
            &format!(
                "kind=village&ids[0]={soi}&state=draft&lang=vi&back={}",
                enc("https://evil.example/")
            ),
        )
        .await;
    assert_eq!(elsewhere.headers[header::LOCATION], "/quan-tri/village");
}

#[tokio::test]
async fn listings_are_given_to_editors_to_work_on_and_the_list_and_dashboard_follow() {
    use app::editing::api::BulkState;
    let app = TestApp::new().await;
    let (bui, lac, commune, _) = villages_apart(&app).await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let lan = add_user(&app, "lan@test.example", Role::Editor, &[&commune]).await;
    let partner = add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.41.1").await;
    let give = |to: &str| {
        format!("kind=village&ids[0]={bui}&ids[1]={lac}&state=draft&op=assign&assign={to}&lang=vi")
    };

    // Lan works in one commune: the other's village is left, and named.
    let answer = admin.call(BulkState::PATH, &give(&lan.to_string())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let outcome: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(outcome["assigned"], "lan@test.example", "{outcome}");
    assert_eq!(outcome["changed"].as_array().unwrap().len(), 1, "{outcome}");
    assert_eq!(outcome["refused"].as_array().unwrap().len(), 1, "{outcome}");
    let states: Vec<String> = sqlx::query_scalar("SELECT status FROM villages WHERE id IN (?, ?)")
        .bind(bui)
        .bind(lac)
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(
        states.iter().all(|s| s == "published"),
        "the state is not touched"
    );
    // Again: nothing changes.
    let again: serde_json::Value = serde_json::from_str(
        &admin
            .call(BulkState::PATH, &give(&lan.to_string()))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(again["unchanged"], 1);

    // The list filters by it and shows it; Lan's "given to me" and her
    // dashboard's count agree.
    let given = list(&mut admin, "village", &format!("assigned={lan}")).await;
    assert_eq!(slugs(&given), ["xom-bui"]);
    assert_eq!(given["rows"][0]["assigned"], "lan@test.example");
    let nobody = list(&mut admin, "village", "assigned=none").await;
    assert!(!slugs(&nobody).contains(&"xom-bui".to_owned()));
    assert!(slugs(&nobody).contains(&"ban-lac".to_owned()));
    let mut lan_browser = signed_in(&app, "lan@test.example", "10.0.41.2").await;
    let mine = list(&mut lan_browser, "village", "assigned=me").await;
    assert_eq!(slugs(&mine), ["xom-bui"]);
    let board = lan_browser.call(Dashboard::PATH, "").await;
    let board: serde_json::Value = serde_json::from_str(&board.body).unwrap();
    let villages = board["attention"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row[0] == "Village")
        .unwrap()
        .clone();
    assert_eq!(villages[4], 1, "{villages}");

    // Only enabled editors and administrators take work; nobody is a choice.
    for to in [partner.to_string(), "999999".into(), "x".into()] {
        let answer = admin.call(BulkState::PATH, &give(&to)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{to}");
    }
    let answer = admin.call(BulkState::PATH, &give("none")).await;
    let outcome: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(outcome["assigned"], "");
    assert_eq!(
        list(&mut admin, "village", &format!("assigned={lan}")).await["total"],
        0
    );
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'assign' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(audit, ["lan@test.example", ""]);
    // Partners may not.
    let mut partner = signed_in(&app, "partner@test.example", "10.0.41.3").await;
    let answer = partner.call(BulkState::PATH, &give(&lan.to_string())).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}
