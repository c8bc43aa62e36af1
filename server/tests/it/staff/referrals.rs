//! What partners' links bring (issue 16): visits with a referral code
//! counted per partner, listing and day, once a day per visitor, never for
//! bots, unknown codes or unknown pages, with nothing about the visitor
//! stored; each partner sees its own figures only (page and CSV), admins
//! everyone's; a signed-in partner's QR code carries its code.

use super::*;

const BROWSER: &str = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

impl Browser<'_> {
    async fn visit(&mut self, path: &str, user_agent: &str) -> Answer {
        self.send(
            Request::builder()
                .uri(path)
                .header(header::USER_AGENT, user_agent)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }
}

async fn visits(app: &TestApp) -> Vec<(String, i64, String, i64)> {
    sqlx::query_as(
        "SELECT day, partner_id, target, visits FROM referral_visits ORDER BY partner_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

/// Two organisations, each with a partner account; their ids and codes.
async fn two_partners(app: &TestApp) -> [(i64, String); 2] {
    let a = model::partner::db::create(
        &app.pool,
        "Mai Châu Travel",
        model::partner::PartnerKind::Agency,
    )
    .await
    .unwrap();
    let b = model::partner::db::create(
        &app.pool,
        "Homestay Lác",
        model::partner::PartnerKind::Homestay,
    )
    .await
    .unwrap();
    let pa = add_user(app, "partner-a@test.example", Role::Partner, &[]).await;
    let pb = add_user(app, "partner-b@test.example", Role::Partner, &[]).await;
    assert!(
        model::partner::db::attach(&app.pool, pa, Some(a.id))
            .await
            .unwrap()
    );
    assert!(
        model::partner::db::attach(&app.pool, pb, Some(b.id))
            .await
            .unwrap()
    );
    [(a.id, a.referral_code), (b.id, b.referral_code)]
}

#[tokio::test]
async fn referred_visits_count_once_a_day_and_never_for_bots_or_unknown_codes() {
    let app = TestApp::new().await;
    let [(a, code), _] = two_partners(&app).await;
    let page = format!("/lang-nghe/ban-lac?ref={code}");
    let mut first = Browser::new(&app, "10.0.80.1");
    let answer = first.visit(&page, BROWSER).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.headers.get(header::SET_COOKIE).is_none(),
        "no cookie"
    );
    // A repeat the same day: not counted again (served from the page cache
    // or not).
    first.visit(&page, BROWSER).await;
    let today = model::date::Date::today().to_string();
    assert_eq!(
        visits(&app).await,
        [(today.clone(), a, "villages".into(), 1)]
    );
    // Another visitor, and one through the English page.
    Browser::new(&app, "10.0.80.2").visit(&page, BROWSER).await;
    Browser::new(&app, "10.0.80.3")
        .visit(&format!("/en/craft-villages/ban-lac?ref={code}"), BROWSER)
        .await;
    assert_eq!(visits(&app).await[0].3, 3);
    // Not counted: bots and preview fetchers, no browser at all, unknown
    // or malformed codes, pages that do not exist, other pages.
    for (path, agent) in [
        (
            page.as_str(),
            "Googlebot/2.1 (+http://www.google.com/bot.html)",
        ),
        (page.as_str(), "facebookexternalhit/1.1"),
        (page.as_str(), "Zalo"),
        (page.as_str(), ""),
        ("/lang-nghe/ban-lac?ref=khong-co-ma", BROWSER),
        ("/lang-nghe/ban-lac?ref=%22%3E%3Cscript%3E", BROWSER),
        (&format!("/lang-nghe/khong-co?ref={code}"), BROWSER),
        (&format!("/lang-nghe?ref={code}"), BROWSER),
        (&format!("/nhung/lang-nghe/ban-lac?ref={code}"), BROWSER),
    ] {
        Browser::new(&app, "10.0.80.9").visit(path, agent).await;
    }
    let rows = visits(&app).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].3, 3, "{rows:?}");
    // Nothing about the visitors is stored anywhere.
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE ip LIKE '10.0.80.%'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn each_partner_sees_its_own_figures_only_and_admins_everyones() {
    let app = TestApp::new().await;
    let [(_, code_a), (b, code_b)] = two_partners(&app).await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    Browser::new(&app, "10.0.81.1")
        .visit(&format!("/lang-nghe/ban-lac?ref={code_a}"), BROWSER)
        .await;
    Browser::new(&app, "10.0.81.2")
        .visit(&format!("/san-pham/bun-cao-son?ref={code_b}"), BROWSER)
        .await;
    let path = app::staff::referrals::ReferralsPage::PATH;

    let mut partner_a = signed_in(&app, "partner-a@test.example", "10.0.81.3").await;
    let own = partner_a.call(path, "").await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let own: serde_json::Value = serde_json::from_str(&own.body).unwrap();
    assert_eq!(own["partner"]["referral_code"], code_a.as_str());
    assert_eq!(own["figures"]["listings"][0]["slug"], "ban-lac");
    assert_eq!(own["figures"]["listings"].as_array().unwrap().len(), 1);
    assert_eq!(
        own["partners"].as_array().unwrap().len(),
        0,
        "no one else's"
    );
    assert_eq!(own["figures"]["days"].as_array().unwrap().len(), 30);
    let theirs = partner_a.call(path, &format!("partner={b}")).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let csv = partner_a
        .get(&format!("/luot-gioi-thieu.csv?doi-tac={b}"))
        .await;
    assert_eq!(csv.status, StatusCode::FORBIDDEN);
    let csv = partner_a.get("/luot-gioi-thieu.csv?ngay=7").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("/lang-nghe/ban-lac"), "{}", csv.body);
    assert!(!csv.body.contains("bun-cao-son"), "{}", csv.body);
    assert!(
        csv.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("no-store")
    );

    let mut editor = signed_in(&app, "editor@test.example", "10.0.81.4").await;
    assert_eq!(editor.call(path, "").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        editor.get("/luot-gioi-thieu.csv").await.status,
        StatusCode::FORBIDDEN
    );
    let mut anonymous = Browser::new(&app, "10.0.81.5");
    assert_eq!(
        anonymous.get("/luot-gioi-thieu.csv").await.status,
        StatusCode::UNAUTHORIZED
    );

    let mut admin = signed_in(&app, "admin@test.example", "10.0.81.6").await;
    let all = admin.call(path, "days=7").await;
    let all: serde_json::Value = serde_json::from_str(&all.body).unwrap();
    assert_eq!(all["figures"]["listings"].as_array().unwrap().len(), 2);
    let total: i64 = all["figures"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["visits"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 2, "the days add up to the listings' visits");
    assert_eq!(all["partners"].as_array().unwrap().len(), 2);
    assert_eq!(all["days"], 7);
    let csv = admin.get("/luot-gioi-thieu.csv").await;
    assert!(csv.body.contains("bun-cao-son") && csv.body.contains("ban-lac"));
    // The page itself, without JavaScript: the chart and the table.
    let page = partner_a.get("/luot-gioi-thieu").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-testid=\"referral-chart\""));
    assert!(
        page.body.contains("<svg viewBox"),
        "the chart is drawn on the server"
    );
    assert!(page.body.contains(&code_a));
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store, private");
}

#[tokio::test]
async fn admins_create_organisations_and_attach_partner_accounts() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let partner = add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let editor = add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.82.1").await;
    let made = admin
        .call(
            app::staff::referrals::CreatePartnerOrg::PATH,
            "name=Mai+Ch%C3%A2u+Travel&kind=agency&lang=vi",
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    for (bad, field, error) in [
        ("name=+&kind=agency", "name", "Required"),
        ("name=X&kind=pirate", "kind", "BadChoice"),
    ] {
        let answer = admin
            .call(app::staff::referrals::CreatePartnerOrg::PATH, bad)
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{bad}");
        let errors: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(errors[field], error, "{bad}: {errors}");
    }
    // Without JavaScript: back to the form, the message at the name.
    let plain = admin
        .post_plain(
            app::staff::referrals::CreatePartnerOrg::PATH,
            "name=&kind=agency&lang=vi",
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    let page = admin.get("/luot-gioi-thieu").await;
    assert!(page.body.contains("id=\"org-name-error\""), "{}", page.body);
    let orgs = model::partner::db::all(&app.pool).await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert!(orgs[0].referral_code.starts_with("mai-chau-travel-"));
    let attach = app::staff::referrals::AttachPartnerAccount::PATH;
    let ok = admin
        .call(attach, &format!("account={partner}&partner={}", orgs[0].id))
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    // Only partner accounts belong to organisations.
    let refused = admin
        .call(attach, &format!("account={editor}&partner={}", orgs[0].id))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let orgs = model::partner::db::all(&app.pool).await.unwrap();
    assert_eq!(orgs[0].accounts.len(), 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('partner_create', 'partner_attach')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);

    // The partner's QR codes now carry the code, and are not for caches.
    let mut partner = signed_in(&app, "partner@test.example", "10.0.82.2").await;
    let qr = partner.get("/qr/village/ban-lac.png").await;
    assert_eq!(qr.headers[header::CACHE_CONTROL], "private, no-store");
    let anonymous = Browser::new(&app, "10.0.82.3")
        .get("/qr/village/ban-lac.png")
        .await;
    assert_eq!(
        anonymous.headers[header::CACHE_CONTROL],
        "public, max-age=86400"
    );
    assert_eq!(anonymous.headers[header::VARY], "Cookie");
}
