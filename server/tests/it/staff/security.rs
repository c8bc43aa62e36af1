//! Attacks found by probing the staff area from outside, each written as a
//! test: hostile names in the head and in JSON-LD, sessions that came back
//! after they were ended, anonymous requests that grew the database, photo
//! decoding, and the smaller points (statuses, scope, admin-set passwords,
//! address locks, proxies, headers).

use super::*;
use app::editing::api::ListingHistory;
use model::staff::session_store::SqliteSessionStore;
use tower_sessions::SessionStore;
use tower_sessions::session::Id;

const HOSTILE: &str = r#"Làng </title><meta http-equiv="refresh" content="0;url=https://evil.example/"><!--<script>alert(1)</script> & co"#;

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in the page"))
        + start.len();
    let to = text[from..].find(end).unwrap() + from;
    &text[from..to]
}

/// Checks a public page that shows `name`: one `<title>` with the name
/// escaped, no injected element, JSON-LD that reads back the name and
/// cannot end its script or open a comment, escaped OpenGraph tags.
fn assert_page_safe(page: &str, name: &str, what: &str) {
    assert_eq!(common::count(page, "<title>"), 1, "{what}: one title");
    if let Some(at) = page.find("<meta http-equiv") {
        panic!(
            "{what}: an element was injected: {}",
            &page[at.saturating_sub(300)..at + 50]
        );
    }
    let title = between(page, "<title>", "</title>");
    assert!(
        title.starts_with("Làng &lt;/title&gt;&lt;meta"),
        "{what}: title not escaped: {title}"
    );
    let ld = between(page, r#"type="application/ld+json""#, "</script>");
    let ld = &ld[ld.find('>').unwrap() + 1..];
    for bad in ['<', '>', '&'] {
        assert!(!ld.contains(bad), "{what}: {bad} in JSON-LD {ld}");
    }
    let value: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(value["name"], name, "{what}: JSON-LD reads back the name");
    let og = between(page, r#"property="og:title" content=""#, "\"");
    assert!(
        og.contains("&quot;refresh&quot;"),
        "{what}: og:title not escaped: {og}"
    );
    // The body still follows the head: nothing swallowed it.
    assert!(
        page.contains("&lt;/title&gt;"),
        "{what}: the name in the body"
    );
    // No text ends a script early or opens one: every script element
    // (JSON-LD, the hydration data) closes where it should, and the page
    // goes on to its footer.
    assert_eq!(
        common::count(page, "<script"),
        common::count(page, "</script>"),
        "{what}: scripts balanced"
    );
    assert!(!page.contains("<!--<script"), "{what}: a comment opened");
    assert!(page.contains("</footer>"), "{what}: the page goes on");
}

/// GETs a public page twice as an anonymous visitor: rendered, then from
/// the page cache; checks both.
async fn check_public_page(app: &TestApp, path: &str, name: &str) {
    let mut visitor = Browser::new(app, "10.0.30.99");
    for expected in ["miss", "hit"] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.headers["x-cache"], expected, "{path}");
        assert_page_safe(&page.body, name, &format!("{path} ({expected})"));
    }
}

#[tokio::test]
async fn hostile_names_are_escaped_in_the_title_head_tags_and_json_ld() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;

    // A staff save.
    let mut editor = signed_in(&app, "editor@test.example", "10.0.30.1").await;
    let (id, _) = village(&app, "ban-lac").await;
    let data = editor.form("village", id).await;
    let saved = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("name_vi", HOSTILE), ("slug", "ban-lac")]),
        )
        .await;
    assert_eq!(errors_of(&saved), serde_json::json!({}), "{}", saved.body);
    check_public_page(&app, "/lang-nghe/ban-lac", HOSTILE).await;

    // A partner's proposal, accepted by an editor.
    let (enterprise, slug): (i64, String) = sqlx::query_as(
        "SELECT id, slug FROM enterprises WHERE status = 'published' ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut partner = signed_in(&app, "partner@test.example", "10.0.30.2").await;
    let data = partner.form("enterprise", enterprise).await;
    let proposed = partner
        .call(
            ProposeEdit::PATH,
            &save_form(&data, &[("name_vi", HOSTILE)]),
        )
        .await;
    let proposal = serde_json::from_str::<serde_json::Value>(&proposed.body).unwrap()["proposal"]
        .as_i64()
        .unwrap_or_else(|| panic!("{}", proposed.body));
    let answer = editor
        .call(
            ReviewProposal::PATH,
            &format!("proposal={proposal}&decision=accept&lang=vi"),
        )
        .await;
    assert!(answer.body.contains("Accepted"), "{}", answer.body);
    check_public_page(&app, &format!("/doanh-nghiep/{slug}"), HOSTILE).await;

    // Written to the database as seed and import write.
    let (product, slug): (i64, String) = sqlx::query_as(
        "SELECT id, slug FROM products WHERE status = 'published' ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE products SET name_vi = ? WHERE id = ?")
        .bind(HOSTILE)
        .bind(product)
        .execute(&app.pool)
        .await
        .unwrap();
    app.index.touch();
    check_public_page(&app, &format!("/san-pham/{slug}"), HOSTILE).await;
}

/// The session id in a browser's cookie.
fn session_id(browser: &Browser<'_>) -> Id {
    let cookie = browser.cookie.as_deref().unwrap();
    cookie
        .split("; ")
        .find_map(|c| c.strip_prefix("langnghe_session="))
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn an_ended_session_is_not_written_back_by_a_request_still_running() {
    let app = TestApp::new().await;
    let user = add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut stolen = signed_in(&app, "editor@test.example", "10.0.31.1").await;
    let store = SqliteSessionStore::new(app.pool.clone());
    let id = session_id(&stolen);

    // A request of the session has loaded it …
    let record = store.load(&id).await.unwrap().unwrap();
    // … when the password changes elsewhere and every session ends …
    model::staff::session_store::end_sessions_of(&app.pool, user, None)
        .await
        .unwrap();
    // … and at its end the request saves the session it loaded.
    store.save(&record).await.unwrap();
    assert!(store.load(&id).await.unwrap().is_none(), "came back");
    assert_eq!(stolen.call(WhoAmI::PATH, "").await.body, "null");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_password_change_ends_a_stolen_session_even_while_it_is_in_use() {
    use app::staff::account::ChangePassword;
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let (village_id, _) = village(&app, "ban-lac").await;
    let passwords = [PASSWORD, "Gom-Phuong-Lam-2026"];
    let mut owner = signed_in(&app, "editor@test.example", "10.0.31.2").await;
    for round in 0..6 {
        let (old, new) = (passwords[round % 2], passwords[(round + 1) % 2]);
        let mut thief = Browser::new(&app, "10.0.31.3");
        assert_eq!(thief.sign_in("editor@test.example", old).await.body, "null");
        let cookie = thief.cookie.clone().unwrap();
        // Requests of the stolen session that change it (pages that take a
        // flash out of the session mark it changed) run all the while.
        let mut running = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let (router, cookie) = (app.router.clone(), cookie.clone());
            running.spawn(async move {
                for _ in 0..4 {
                    send_as(
                        router.clone(),
                        cookie.clone(),
                        call_request(EditForm::PATH, format!("kind=village&id={village_id}")),
                    )
                    .await;
                }
            });
        }
        let changed = owner
            .call(
                ChangePassword::PATH,
                &format!(
                    "current={}&new={}&confirm={}&lang=vi",
                    enc(old),
                    enc(new),
                    enc(new)
                ),
            )
            .await;
        assert!(
            changed.body.contains("\"changed\":true"),
            "{}",
            changed.body
        );
        running.join_all().await;
        assert_eq!(
            thief.call(WhoAmI::PATH, "").await.body,
            "null",
            "round {round}: the stolen session survived the password change"
        );
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sessions
             WHERE json_extract(CAST(data AS TEXT), '$.staff.user_id') IS NOT NULL",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(left, 1, "round {round}: only the owner's session is left");
    }
}

async fn count_rows(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn refused_and_limited_sign_ins_do_not_grow_the_database() {
    let app = TestApp::new().await;
    let audit_before = count_rows(&app, "audit_log").await;

    // 300 attempts from one address: 10 are checked, the rest limited.
    let mut attacker = Browser::new(&app, "10.0.32.1");
    let mut limited = 0;
    for i in 0..300 {
        let answer = attacker
            .sign_in(&format!("guess{i}@test.example"), "not-the-password")
            .await;
        if answer.body.contains("TooManyAttempts") {
            limited += 1;
        }
    }
    assert!(limited >= 285, "{limited} limited");
    let written = count_rows(&app, "audit_log").await - audit_before;
    assert!(
        (10..=25).contains(&written),
        "{written} audit rows for 300 attempts"
    );

    // Refused plain-form sign-ins without a cookie create no session, and
    // the form still shows what went wrong with the address typed.
    let sessions_before = count_rows(&app, "sessions").await;
    for i in 0..5 {
        let mut browser = Browser::new(&app, &format!("10.0.32.{}", 10 + i));
        let answer = browser
            .post_plain(
                SignIn::PATH,
                "email=someone%40test.example&password=wrong-wrong&next=%2Fquan-tri",
            )
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let back = answer.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(back.starts_with("/dang-nhap?next="), "{back}");
        let form = browser.get(&back).await;
        assert!(
            form.body.contains("value=\"someone@test.example\""),
            "the address typed is kept"
        );
        assert!(form.body.contains("role=\"alert\""), "a message is shown");
        // Shown once.
        let again = browser.get(&back).await;
        assert!(!again.body.contains("value=\"someone@test.example\""));
    }
    assert_eq!(count_rows(&app, "sessions").await, sessions_before);
    // From the English page without a `next`: back to the English page.
    let mut english = Browser::new(&app, "10.0.32.20");
    let answer = english
        .post_plain(
            SignIn::PATH,
            "email=someone%40test.example&password=wrong-wrong&next=&lang=en",
        )
        .await;
    assert_eq!(answer.headers[header::LOCATION], "/en/sign-in");

    // Failure counts of addresses whose window is over are deleted.
    let now = app::staff::auth::now();
    model::staff::db::record_failure(&app.pool, "old@test.example", now - 3600)
        .await
        .unwrap();
    let removed = model::staff::db::delete_old_failures(&app.pool, now)
        .await
        .unwrap();
    assert!(removed >= 1);
    let old: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_failures WHERE email = 'old@test.example'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(old, 0);
}

#[tokio::test]
async fn photos_of_impossible_shapes_and_oversized_uploads_get_a_message() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let (id, _) = village(&app, "ban-lac").await;
    let id_text = id.to_string();
    let fields = [
        ("kind", "village"),
        ("id", id_text.as_str()),
        ("lang", "vi"),
        ("alt_vi", "Ảnh thử"),
    ];
    let mut editor = signed_in(&app, "editor@test.example", "10.0.33.1").await;
    let outcome = |answer: &Answer| {
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{:?} {}",
            answer.headers,
            answer.body
        );
        answer.headers["x-upload-outcome"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    // 100 × 20,000: the WebP encoder cannot take it (it panicked: 500).
    let tall = png(100, 20_000);
    let answer = editor
        .upload(&fields, Some(("tall.png", "image/png", &tall)))
        .await;
    assert_eq!(outcome(&answer), "BadShape");
    // 11 MB: over the body limit, still an answer at the form.
    let big = vec![0xAB; 11 * 1024 * 1024];
    let answer = editor
        .upload(&fields, Some(("big.jpg", "image/jpeg", &big)))
        .await;
    assert_eq!(outcome(&answer), "TooLarge");
    let form = editor.get(&format!("/quan-tri/village/{id}")).await;
    assert!(form.body.contains("10 MB"), "the message says the limit");
    // A wide panorama within the ratio is fine.
    let wide = png(3000, 400);
    let answer = editor
        .upload(&fields, Some(("wide.png", "image/png", &wide)))
        .await;
    assert_eq!(outcome(&answer), "Added");
    let images = count_rows(&app, "images").await;
    assert_eq!(images, 1);
}

#[tokio::test]
async fn malformed_arguments_answer_400_not_500() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.34.1").await;
    let answer = editor.call(EditForm::PATH, "kind=village&id=many").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_eq!(answer.body, "\"BadRequest\"");
    let answer = editor.call(EditForm::PATH, "kind=village").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    // A public one, anonymous.
    let mut anonymous = Browser::new(&app, "10.0.34.2");
    let answer = anonymous
        .call(SignIn::PATH, "password=only-a-password")
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
}

#[tokio::test]
async fn editors_limited_to_communes_read_other_communes_published_listings_only() {
    let app = TestApp::new().await;
    let (inside, commune) = village(&app, "ban-lac").await;
    let outside: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, commune_code FROM villages WHERE commune_code <> ? ORDER BY id LIMIT 2",
    )
    .bind(&commune)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let (outside, draft) = (outside[0].0, outside[1].0);
    sqlx::query("UPDATE villages SET status = 'draft' WHERE id = ?")
        .bind(draft)
        .execute(&app.pool)
        .await
        .unwrap();
    add_user(&app, "local@test.example", Role::Editor, &[&commune]).await;
    let mut local = signed_in(&app, "local@test.example", "10.0.35.1").await;
    // Another commune's draft, form or history, stays closed; so does the
    // history of its published listings.
    for (path, form) in [
        (EditForm::PATH, format!("kind=village&id={draft}")),
        (ListingHistory::PATH, format!("kind=village&id={draft}")),
        (ListingHistory::PATH, format!("kind=village&id={outside}")),
    ] {
        let answer = local.call(path, &form).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{path} {form}: {}",
            answer.body
        );
    }
    for path in [EditForm::PATH, ListingHistory::PATH] {
        let answer = local.call(path, &format!("kind=village&id={inside}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    }
    // Its published listing opens read-only: no field to type into, the
    // reason said at the top.
    let form = local
        .call(EditForm::PATH, &format!("kind=village&id={outside}"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let form: serde_json::Value = serde_json::from_str(&form.body).unwrap();
    assert_eq!(form["may_edit"], false);
    assert_eq!(form["images"], serde_json::json!([]));
    let page = local.get(&format!("/quan-tri/village/{outside}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("bạn chỉ xem được"), "{}", page.body);
    assert!(page.body.contains("read-only-fields"));
    let form_start = page.body.find("<h1").unwrap();
    for control in ["<input", "<textarea", "<select", "type=\"submit\""] {
        assert!(
            !page.body[form_start..].contains(control),
            "{control} on a read-only page"
        );
    }
    let page = local.get(&format!("/quan-tri/village/{draft}")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // Saving it is refused all the same.
    let save = local
        .call(
            SaveListing::PATH,
            &save_form(&form, &[("name_en", "Changed")]),
        )
        .await;
    assert_eq!(save.status, StatusCode::FORBIDDEN, "{}", save.body);
    let list: serde_json::Value =
        serde_json::from_str(&local.call(StaffListings::PATH, "kind=village").await.body).unwrap();
    let row = |id: i64| {
        list["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["id"].as_i64() == Some(id))
            .cloned()
    };
    let own = row(inside).expect("own listing listed");
    assert_eq!(
        (own["mine"].as_bool(), own["may_edit"].as_bool()),
        (Some(true), Some(true))
    );
    let other = row(outside).expect("another commune's published listing listed");
    assert_eq!(
        (other["mine"].as_bool(), other["may_edit"].as_bool()),
        (Some(false), Some(false))
    );
    assert!(row(draft).is_none(), "another commune's draft listed");
    let mine: serde_json::Value = serde_json::from_str(
        &local
            .call(StaffListings::PATH, "kind=village&query=mine%3D1")
            .await
            .body,
    )
    .unwrap();
    assert!(
        mine["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|row| row["mine"] == true),
        "{mine}"
    );
    assert!(mine["total"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn an_admin_set_password_blocks_staff_actions_until_changed() {
    use app::staff::account::ChangePassword;
    let app = TestApp::new().await;
    let user = add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    model::staff::db::require_password_change(&app.pool, user)
        .await
        .unwrap();
    let (id, _) = village(&app, "ban-lac").await;
    let mut editor = Browser::new(&app, "10.0.36.1");
    editor.sign_in("editor@test.example", PASSWORD).await;
    assert!(editor.cookie.is_some());

    let form = editor
        .call(EditForm::PATH, &format!("kind=village&id={id}"))
        .await;
    assert_eq!(form.status, StatusCode::FORBIDDEN, "{}", form.body);
    assert!(form.body.contains("PasswordChangeRequired"));
    let board = editor.call(Dashboard::PATH, "").await;
    assert_eq!(board.status, StatusCode::FORBIDDEN);
    let upload = editor
        .upload(
            &[
                ("kind", "village"),
                ("id", &id.to_string()),
                ("alt_vi", "x"),
            ],
            Some(("a.png", "image/png", &png(10, 10))),
        )
        .await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    // Staff pages send the owner to the account page.
    let page = editor.get("/quan-tri").await;
    assert_eq!(page.headers[header::LOCATION], "/tai-khoan");
    assert!(page.body.contains("href=\"/tai-khoan\""), "{}", page.body);

    let new = "Gom-Phuong-Lam-2026";
    let done = editor
        .call(
            ChangePassword::PATH,
            &format!("current={}&new={new}&confirm={new}&lang=vi", enc(PASSWORD)),
        )
        .await;
    assert!(done.body.contains("\"changed\":true"), "{}", done.body);
    let form = editor
        .call(EditForm::PATH, &format!("kind=village&id={id}"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
}

#[tokio::test]
async fn a_locked_address_still_lets_its_owner_in_from_a_known_place() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    // The owner signed in from the office before.
    let mut office = signed_in(&app, "editor@test.example", "10.0.37.1").await;
    office.call(SignOut::PATH, "lang=vi").await;
    // Someone who knows the address locks it from elsewhere.
    let mut attacker = Browser::new(&app, "10.0.37.9");
    for _ in 0..5 {
        attacker
            .sign_in("editor@test.example", "wrong-wrong-wrong")
            .await;
    }
    let locked = attacker.sign_in("editor@test.example", PASSWORD).await;
    assert!(locked.body.contains("TooManyAttempts"), "{}", locked.body);
    // A new place is locked out too, even with the right password …
    let mut cafe = Browser::new(&app, "10.0.37.5");
    let answer = cafe.sign_in("editor@test.example", PASSWORD).await;
    assert!(answer.body.contains("TooManyAttempts"), "{}", answer.body);
    // … but the owner at the office gets in, and a wrong password there
    // is still wrong.
    let mut office = Browser::new(&app, "10.0.37.1");
    let answer = office.sign_in("editor@test.example", "wrong-again-x").await;
    assert!(answer.body.contains("WrongCredentials"), "{}", answer.body);
    assert_eq!(
        office.sign_in("editor@test.example", PASSWORD).await.body,
        "null"
    );
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let proxy: std::net::IpAddr = "10.0.38.1".parse().unwrap();
    let app = TestApp::with(|state| state.with_trusted_proxies(&[proxy])).await;
    let attempt = |peer: &'static str, forwarded: &'static str| {
        let mut request = Request::builder()
            .method("POST")
            .uri(SignIn::PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", forwarded)
            .body(Body::from("email=x%40test.example&password=wrong-wrong"))
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
        request
    };
    app.send(attempt("10.0.38.1", "192.0.2.1, 198.51.100.7"))
        .await;
    app.send(attempt("10.0.38.2", "198.51.100.8")).await;
    let ips: Vec<String> =
        sqlx::query_scalar("SELECT ip FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(ips, ["198.51.100.7", "10.0.38.2"]);
}

#[tokio::test]
async fn responses_carry_hsts_on_https_and_isolation_headers_always() {
    let plain = TestApp::new().await;
    let https = TestApp::with(|mut state| {
        state.site_url = "https://langnghe.example".to_owned();
        state
    })
    .await;
    for (app, hsts) in [(&plain, false), (&https, true)] {
        for path in ["/", "/healthz", "/favicon.svg"] {
            let response = app
                .router
                .clone()
                .oneshot(Request::builder().uri(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let headers = response.headers();
            assert_eq!(
                headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
                hsts,
                "{path}"
            );
            assert_eq!(
                headers["cross-origin-opener-policy"], "same-origin",
                "{path}"
            );
            assert!(
                headers["permissions-policy"]
                    .to_str()
                    .unwrap()
                    .contains("camera=()"),
                "{path}"
            );
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        }
    }
}
