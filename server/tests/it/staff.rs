//! The staff workspace over HTTP: sign-in and its limits, sessions, the
//! authorisation matrix of every server function, editing with field
//! errors, revisions, restore and old slugs.

mod conflicts;
mod export;
mod fuzz;
mod import;
mod list;
mod partners;
mod photos;
mod preview;
mod referrals;
mod relations;
mod reliability;
mod security;
mod suggestions;
mod tours;

use crate::common::{self, TestApp, multipart, png};
use app::editing::api::{
    ArchiveListing, EditForm, ListingHistory, RestoreRevision, SaveListing, StaffListings,
};
use app::editing::review::{ProposeEdit, ReviewProposal};
use app::staff::api::{SignIn, SignInFlash, SignOut, WhoAmI};
use app::staff::dashboard::Dashboard;
use app::staff::{Email, Role};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use tower::ServiceExt;

const PASSWORD: &str = "Tre-dan-Mai-Chau-2025";

/// One browser: its cookie and its address.
struct Browser<'a> {
    app: &'a TestApp,
    cookie: Option<String>,
    ip: SocketAddr,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp, ip: &str) -> Browser<'a> {
        Browser {
            app,
            cookie: None,
            ip: format!("{ip}:40000").parse().unwrap(),
        }
    }

    async fn send(&mut self, mut request: Request<Body>) -> Answer {
        request.extensions_mut().insert(ConnectInfo(self.ip));
        if let Some(cookie) = &self.cookie {
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
        }
        let (status, headers, body) = common::respond(self.app.router.clone(), request).await;
        // A small cookie jar: one value per cookie name, in `self.cookie`
        // as a `Cookie` header.
        for set in headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let pair = set.split(';').next().unwrap().trim().to_owned();
            let name = pair.split('=').next().unwrap().to_owned();
            let mut jar: Vec<String> = self
                .cookie
                .iter()
                .flat_map(|c| c.split("; "))
                .filter(|c| !c.starts_with(&format!("{name}=")))
                .map(str::to_owned)
                .collect();
            if !(pair.ends_with('=') || set.contains("Max-Age=0")) {
                jar.push(pair);
            }
            self.cookie = (!jar.is_empty()).then(|| jar.join("; "));
        }
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A server function call as the hydrated client makes it.
    async fn call(&mut self, path: &str, form: &str) -> Answer {
        self.send(
            Request::builder()
                .method("POST")
                .uri(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(form.to_owned()))
                .unwrap(),
        )
        .await
    }

    /// A plain HTML form post (no JavaScript).
    async fn post_plain(&mut self, path: &str, form: &str) -> Answer {
        self.send(
            Request::builder()
                .method("POST")
                .uri(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html,application/xhtml+xml")
                .header("sec-fetch-site", "same-origin")
                .header("referer", "http://test.example/dang-nhap")
                .body(Body::from(form.to_owned()))
                .unwrap(),
        )
        .await
    }

    async fn get(&mut self, path: &str) -> Answer {
        self.send(Request::builder().uri(path).body(Body::empty()).unwrap())
            .await
    }

    /// A listing's form data, as the edit page loads it.
    async fn form(&mut self, kind: &str, id: i64) -> serde_json::Value {
        let answer = self
            .call(EditForm::PATH, &format!("kind={kind}&id={id}"))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }

    async fn sign_in(&mut self, email: &str, password: &str) -> Answer {
        let form = format!("email={}&password={}", enc(email), enc(password));
        self.call(SignIn::PATH, &form).await
    }
}

/// A server-function call or upload with a cookie, as a task of its own:
/// status and body.
pub(crate) async fn send_as(
    router: axum::Router,
    cookie: String,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, String) {
    let mut request = request;
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([10, 0, 40, 1], 40000))));
    common::respond(router, request).await
}

pub(crate) fn call_request(path: &str, form: String) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(form))
        .unwrap()
}

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn add_user(app: &TestApp, email: &str, role: Role, communes: &[&str]) -> i64 {
    let hash = app::staff::auth::hash_password(PASSWORD.to_owned())
        .await
        .unwrap();
    let communes: Vec<String> = communes.iter().map(|c| (*c).to_owned()).collect();
    model::staff::db::insert(
        &app.pool,
        &Email::parse(email).unwrap(),
        email,
        role,
        &hash,
        &communes,
    )
    .await
    .unwrap()
}

async fn signed_in<'a>(app: &'a TestApp, email: &str, ip: &str) -> Browser<'a> {
    let mut browser = Browser::new(app, ip);
    let answer = browser.sign_in(email, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body, "null", "sign-in of {email} refused");
    browser
}

/// A commune other than `commune` (for an editor out of scope).
async fn other_commune(app: &TestApp, commune: &str) -> String {
    sqlx::query_scalar("SELECT code FROM communes WHERE code <> ? ORDER BY code LIMIT 1")
        .bind(commune)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Xóm Bui in its commune and Bản Lác moved to another: (Bui, Lác, Bui's
/// commune, the other).
async fn villages_apart(app: &TestApp) -> (i64, i64, String, String) {
    let (bui, commune) = village(app, "xom-bui").await;
    let (lac, _) = village(app, "ban-lac").await;
    let other = other_commune(app, &commune).await;
    sqlx::query("UPDATE villages SET commune_code = ? WHERE id = ?")
        .bind(&other)
        .bind(lac)
        .execute(&app.pool)
        .await
        .unwrap();
    (bui, lac, commune, other)
}

/// A village's id, slug and commune.
async fn village(app: &TestApp, slug: &str) -> (i64, String) {
    sqlx::query_as("SELECT id, commune_code FROM villages WHERE slug = ?")
        .bind(slug)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_renews_the_session_and_never_shows_the_hash() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut browser = Browser::new(&app, "10.0.0.1");

    // A refused plain-form sign-in leaves a message for the form (in a
    // short-lived cookie of its own, not a session).
    let refused = browser
        .post_plain(
            SignIn::PATH,
            "email=editor%40test.example&password=wrong-password-1",
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(refused.headers[header::LOCATION], "/dang-nhap");
    assert!(
        browser
            .cookie
            .as_deref()
            .is_some_and(|c| c.starts_with("langnghe_sign_in=")),
        "{:?}",
        browser.cookie
    );
    let page = browser.get("/dang-nhap").await;
    assert!(page.body.contains("role=\"alert\""), "{}", page.body);
    assert!(
        page.body.contains("Thư điện tử hoặc mật khẩu không đúng"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"editor@test.example\""));
    assert_eq!(browser.cookie, None, "the message is shown once");

    // Signing in again over a session renews its id.
    browser.sign_in("editor@test.example", PASSWORD).await;
    let before = browser.cookie.clone().expect("a session");
    let answer = browser.sign_in("Editor@Test.example ", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK);
    let set_cookie = answer.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(set_cookie.starts_with("langnghe_session="), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "plain-http test site: {set_cookie}"
    );
    let after = browser.cookie.clone().unwrap();
    assert_ne!(before, after, "the session id is renewed at sign-in");

    let me = browser.call(WhoAmI::PATH, "").await;
    assert!(
        me.body.contains("\"email\":\"editor@test.example\""),
        "{}",
        me.body
    );
    assert!(!me.body.contains("argon2"), "{}", me.body);
    assert!(
        !me.body.contains("password_hash") && !me.body.contains(PASSWORD),
        "{}",
        me.body
    );

    // The old session id no longer signs anyone in.
    let mut stale = Browser::new(&app, "10.0.0.1");
    stale.cookie = Some(before);
    assert_eq!(stale.call(WhoAmI::PATH, "").await.body, "null");

    // The audit log has the failure and the sign-in; no password anywhere.
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(actions, ["sign_in_failed", "sign_in", "sign_in"]);
    let dump: Vec<String> =
        sqlx::query_scalar("SELECT COALESCE(detail, '') || COALESCE(ip, '') FROM audit_log")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(
        dump.iter()
            .all(|d| !d.contains(PASSWORD) && !d.contains("wrong-password"))
    );
    let sessions: Vec<Vec<u8>> = sqlx::query_scalar("SELECT data FROM sessions")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(
        sessions
            .iter()
            .all(|s| !String::from_utf8_lossy(s).contains(PASSWORD))
    );
}

#[tokio::test]
async fn unknown_addresses_and_wrong_passwords_get_the_same_answer() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut browser = Browser::new(&app, "10.0.0.2");
    let wrong = browser
        .sign_in("editor@test.example", "not-the-password")
        .await;
    let unknown = browser
        .sign_in("nobody@test.example", "not-the-password")
        .await;
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(
        wrong.body.replace("editor@", "X@"),
        unknown.body.replace("nobody@", "X@")
    );
    assert!(wrong.body.contains("WrongCredentials"), "{}", wrong.body);
    // A password longer than allowed is simply wrong, not an error.
    let long = browser
        .sign_in("editor@test.example", &"x".repeat(10_000))
        .await;
    assert!(long.body.contains("WrongCredentials"), "{}", long.body);
}

#[tokio::test]
async fn five_failures_lock_the_address_for_fifteen_minutes() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    // From different addresses, so that only the per-account limit applies.
    for i in 0..5 {
        let mut browser = Browser::new(&app, &format!("10.0.1.{i}"));
        let answer = browser
            .sign_in("editor@test.example", "guess-number-x")
            .await;
        assert!(answer.body.contains("WrongCredentials"), "{}", answer.body);
    }
    let mut browser = Browser::new(&app, "10.0.1.99");
    let answer = browser.sign_in("editor@test.example", PASSWORD).await;
    assert!(answer.body.contains("TooManyAttempts"), "{}", answer.body);
    // The same answer for an address without an account.
    for _ in 0..5 {
        browser
            .sign_in("ghost@test.example", "guess-number-x")
            .await;
    }
    let ghost = browser
        .sign_in("ghost@test.example", "guess-number-x")
        .await;
    assert!(ghost.body.contains("TooManyAttempts"), "{}", ghost.body);
    // Fifteen minutes later the window is over.
    sqlx::query("UPDATE sign_in_failures SET window_start = window_start - 901")
        .execute(&app.pool)
        .await
        .unwrap();
    let mut later = Browser::new(&app, "10.0.1.100");
    let answer = later.sign_in("editor@test.example", PASSWORD).await;
    assert_eq!(answer.body, "null");
}

#[tokio::test]
async fn sign_in_is_limited_per_ip_address() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut noisy = Browser::new(&app, "10.0.2.1");
    for i in 0..10 {
        let answer = noisy
            .sign_in(&format!("someone{i}@test.example"), "guess-number-x")
            .await;
        assert!(
            answer.body.contains("WrongCredentials"),
            "{i}: {}",
            answer.body
        );
    }
    let answer = noisy.sign_in("editor@test.example", PASSWORD).await;
    assert!(answer.body.contains("TooManyAttempts"), "{}", answer.body);
    // Another address is not affected.
    signed_in(&app, "editor@test.example", "10.0.2.2").await;
    let limited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_limited'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(limited, 1);
}

#[tokio::test]
async fn sign_out_ends_the_session_and_disabled_accounts_are_out_at_once() {
    let app = TestApp::new().await;
    let id = add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut browser = signed_in(&app, "editor@test.example", "10.0.3.1").await;
    let cookie = browser.cookie.clone();
    let out = browser.call(SignOut::PATH, "lang=vi").await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.body);
    let mut replay = Browser::new(&app, "10.0.3.1");
    replay.cookie = cookie;
    assert_eq!(replay.call(WhoAmI::PATH, "").await.body, "null");
    assert_eq!(
        replay.call(Dashboard::PATH, "").await.status,
        StatusCode::UNAUTHORIZED
    );

    let mut browser = signed_in(&app, "editor@test.example", "10.0.3.1").await;
    sqlx::query("UPDATE users SET disabled = 1 WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        browser.call(Dashboard::PATH, "").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn staff_pages_send_anonymous_visitors_to_sign_in_and_are_not_indexed() {
    let app = TestApp::new().await;
    let mut anonymous = Browser::new(&app, "10.0.12.1");
    for path in [
        "/quan-tri",
        "/en/admin/village/1",
        "/dang-nhap",
        "/tai-khoan",
        "/nguoi-dung",
    ] {
        let answer = anonymous.get(path).await;
        assert_eq!(
            answer.headers[header::CACHE_CONTROL],
            "no-store, private",
            "{path}"
        );
    }
    let public = anonymous.get("/lang-nghe").await;
    assert_ne!(
        public
            .headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok()),
        Some("no-store, private")
    );
    let (status, body) = app.get("/quan-tri").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("href=\"/dang-nhap?next="), "{body}");
    assert!(body.contains("noindex"), "{body}");
    let (status, body) = app.get("/dang-nhap").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<label for="), "{body}");
    assert!(body.contains("autocomplete=\"current-password\""), "{body}");
    let (status, _) = app.get("/en/sign-in").await;
    assert_eq!(status, StatusCode::OK);
}

/// The arguments of one call of each server function, found by its path.
fn sample_args(path: &str, village: i64, revision: i64, proposal: i64) -> Option<String> {
    let save = format!("kind=village&id={village}&version=0&lang=vi&fields[name_vi]=x");
    let known: [(&str, String); 44] = [
        (app::staff::imports::ImportsPage::PATH, String::new()),
        (
            app::staff::imports::ImportPreview::PATH,
            "id=999999".to_owned(),
        ),
        (
            app::staff::tours::TourPhoto::PATH,
            "image=999999&restore=false&lang=vi".to_owned(),
        ),
        (app::staff::referrals::ReferralsPage::PATH, String::new()),
        (app::staff::tours::ToursPage::PATH, String::new()),
        (
            app::staff::tours::SaveTour::PATH,
            "fields[name_vi]=x&lang=vi".to_owned(),
        ),
        (
            app::staff::tours::ReviewTour::PATH,
            "id=999999&approve=true&lang=vi".to_owned(),
        ),
        (
            app::staff::tours::SavePartnerInfo::PATH,
            "fields[name]=Mai+Ch%C3%A2u+Travel&lang=vi".to_owned(),
        ),
        (app::partner::GetPartner::PATH, "slug=khong-co".to_owned()),
        (
            app::staff::referrals::CreatePartnerOrg::PATH,
            "name=Mai+Ch%C3%A2u+Travel&kind=agency&lang=vi".to_owned(),
        ),
        (
            app::staff::referrals::AttachPartnerAccount::PATH,
            "account=999999&partner=&lang=vi".to_owned(),
        ),
        (
            app::editing::preview::PreviewTyped::PATH,
            format!("kind=village&id={village}&fields[name_vi]=x&lang=vi"),
        ),
        (
            app::editing::preview::ListingPreview::PATH,
            format!("kind=village&id={village}&typed=true"),
        ),
        (
            app::editing::api::BulkState::PATH,
            "kind=village&ids[0]=999999&state=draft&lang=vi".to_owned(),
        ),
        (
            app::editing::review::WithdrawProposal::PATH,
            "proposal=999999&lang=vi".to_owned(),
        ),
        (
            app::editing::review::ResubmitProposal::PATH,
            "proposal=999999&note=x&lang=vi".to_owned(),
        ),
        (app::staff::audit::AuditLog::PATH, String::new()),
        (
            app::suggestion::CloseSuggestion::PATH,
            "suggestion=999999&handled=true&lang=vi".to_owned(),
        ),
        (
            app::media::api::EditImage::PATH,
            "image=999999&alt_vi=x&alt_en=&lang=vi".to_owned(),
        ),
        (
            app::media::api::MoveImage::PATH,
            "image=999999&earlier=true&lang=vi".to_owned(),
        ),
        (
            app::staff::accounts::ResetPassword::PATH,
            "account=999999&password=x&lang=vi".to_owned(),
        ),
        (
            ArchiveListing::PATH,
            format!("kind=village&id={village}&version=0&archive=true&lang=vi"),
        ),
        (
            app::staff::account::ChangePassword::PATH,
            "current=wrong-one-1&new=x&confirm=y&lang=vi".to_owned(),
        ),
        (app::staff::account::AccountPage::PATH, String::new()),
        (app::staff::accounts::AccountsPage::PATH, String::new()),
        (
            app::staff::accounts::CreateAccount::PATH,
            "email=x&display_name=&role=editor&password=&lang=vi".to_owned(),
        ),
        (
            app::staff::accounts::SetAccountDisabled::PATH,
            "account=999999&disabled=true&lang=vi".to_owned(),
        ),
        (
            app::media::api::DeleteImage::PATH,
            "image=999999&lang=vi".to_owned(),
        ),
        (
            app::media::api::RestoreImage::PATH,
            "image=999999&lang=vi".to_owned(),
        ),
        (EditForm::PATH, format!("kind=village&id={village}")),
        (ProposeEdit::PATH, save.clone()),
        (
            ReviewProposal::PATH,
            format!("proposal={proposal}&decision=reject&reason=Kh%C3%B4ng+%C4%91%C3%BAng&lang=vi"),
        ),
        (SaveListing::PATH, save),
        (ListingHistory::PATH, format!("kind=village&id={village}")),
        (
            RestoreRevision::PATH,
            format!("revision={revision}&lang=vi"),
        ),
        (StaffListings::PATH, "kind=village".to_owned()),
        (Dashboard::PATH, String::new()),
        (SignOut::PATH, "lang=vi".to_owned()),
        (SignIn::PATH, "email=a%40b.c&password=x".to_owned()),
        (SignInFlash::PATH, String::new()),
        (WhoAmI::PATH, String::new()),
        (
            app::village::api::GetVillage::PATH,
            "slug=ban-lac".to_owned(),
        ),
        (app::home::GetOverview::PATH, String::new()),
        (app::map::MapPage::PATH, String::new()),
    ];
    known
        .into_iter()
        .find(|(p, _)| *p == path)
        .map(|(_, args)| args)
}

/// Functions anyone may call: they read public data or sign in.
fn public(path: &str) -> bool {
    [
        SignIn::PATH,
        SignInFlash::PATH,
        WhoAmI::PATH,
        app::village::api::GetVillage::PATH,
        app::cluster::api::GetCluster::PATH,
        app::enterprise::api::GetEnterprise::PATH,
        app::product::api::GetProduct::PATH,
        app::home::GetOverview::PATH,
        app::map::MapPage::PATH,
        app::search::Search::PATH,
        app::search::Suggest::PATH,
        app::suggestion::SuggestionPage::PATH,
        app::partner::GetPartner::PATH,
        app::opendata::OpenDatasets::PATH,
    ]
    .contains(&path)
}

/// Staff functions only admins may call.
fn admin_only(path: &str) -> bool {
    [
        app::staff::accounts::AccountsPage::PATH,
        app::staff::accounts::CreateAccount::PATH,
        app::staff::accounts::SetAccountDisabled::PATH,
        app::staff::accounts::ResetPassword::PATH,
        app::staff::audit::AuditLog::PATH,
        app::staff::referrals::CreatePartnerOrg::PATH,
        app::staff::referrals::AttachPartnerAccount::PATH,
    ]
    .contains(&path)
}

/// Staff functions editors may not call (besides the admins' own): what
/// partners' links brought is the partners' and the admins' business.
fn not_for_editors(path: &str) -> bool {
    admin_only(path) || partner_only(path) || path == app::staff::referrals::ReferralsPage::PATH
}

/// Staff functions only partners may call: their organisation's tours and
/// public details.
fn partner_only(path: &str) -> bool {
    [
        app::staff::tours::SaveTour::PATH,
        app::staff::tours::SavePartnerInfo::PATH,
        app::staff::tours::TourPhoto::PATH,
    ]
    .contains(&path)
}

/// Staff functions a partner may call: its dashboard, reading published
/// listings and proposing changes to them, signing out.
fn partner_may(path: &str) -> bool {
    [
        Dashboard::PATH,
        SignOut::PATH,
        app::staff::account::ChangePassword::PATH,
        app::staff::account::AccountPage::PATH,
        EditForm::PATH,
        StaffListings::PATH,
        ProposeEdit::PATH,
        app::editing::review::WithdrawProposal::PATH,
        app::editing::review::ResubmitProposal::PATH,
        app::staff::referrals::ReferralsPage::PATH,
        app::staff::tours::ToursPage::PATH,
        app::staff::tours::SaveTour::PATH,
        app::staff::tours::SavePartnerInfo::PATH,
        app::staff::tours::TourPhoto::PATH,
    ]
    .contains(&path)
}

#[tokio::test]
async fn authorisation_matrix_of_every_server_function() {
    let app = TestApp::new().await;
    let (in_scope, commune) = village(&app, "ban-lac").await;
    let other_commune = other_commune(&app, &commune).await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    add_user(&app, "editor@test.example", Role::Editor, &[&commune]).await;
    add_user(
        &app,
        "outsider@test.example",
        Role::Editor,
        &[&other_commune],
    )
    .await;
    let partner_id = add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let org = model::partner::db::create(
        &app.pool,
        "Mai Châu Travel",
        model::partner::PartnerKind::Agency,
    )
    .await
    .unwrap();
    assert!(
        model::partner::db::attach(&app.pool, partner_id, Some(org.id))
            .await
            .unwrap()
    );

    // A revision to restore: the admin saves the village once.
    let mut admin = signed_in(&app, "admin@test.example", "10.0.4.1").await;
    let form = admin
        .call(EditForm::PATH, &format!("kind=village&id={in_scope}"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let data: serde_json::Value = serde_json::from_str(&form.body).unwrap();
    let save = save_form(&data, &[("name_en", "Ban Lac craft village")]);
    let saved = admin.call(SaveListing::PATH, &save).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let revision: i64 = sqlx::query_scalar(
        "SELECT MIN(id) FROM revisions WHERE target = 'villages' AND target_id = ?",
    )
    .bind(in_scope)
    .fetch_one(&app.pool)
    .await
    .unwrap();

    // A proposal to review.
    let mut partner = signed_in(&app, "partner@test.example", "10.0.4.7").await;
    let proposed = partner
        .call(
            ProposeEdit::PATH,
            &save_form(&data, &[("visiting_en", "Ask at the cooperative.")]),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.body);
    let outcome: serde_json::Value = serde_json::from_str(&proposed.body).unwrap();
    let proposal = outcome["proposal"].as_i64().expect("a proposal id");

    let mut staff_paths = 0;
    for (n, (path, method)) in leptos::server_fn::axum::server_fn_paths().enumerate() {
        assert_eq!(method, axum::http::Method::POST, "{path} is not a POST");
        let args = sample_args(path, in_scope, revision, proposal);
        if !path.starts_with("/api/staff/") {
            assert!(
                public(path),
                "{path} is outside /api/staff but not a known public read; \
                 every function that changes something belongs under /api/staff"
            );
            continue;
        }
        staff_paths += 1;
        let args = args.unwrap_or_else(|| panic!("{path}: add sample arguments to this test"));
        let mut anonymous = Browser::new(&app, &format!("10.4.{n}.1"));
        let answer = anonymous.call(path, &args).await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {path}: {}",
            answer.body
        );
        let mut partner = signed_in(&app, "partner@test.example", &format!("10.4.{n}.2")).await;
        let answer = partner.call(path, &args).await;
        if partner_may(path) {
            // Past the role check (a missing sample row is a 404).
            assert!(
                [StatusCode::OK, StatusCode::NOT_FOUND].contains(&answer.status),
                "partner {path}: {} {}",
                answer.status,
                answer.body
            );
        } else {
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "partner {path}: {}",
                answer.body
            );
        }
        for (i, who) in ["editor@test.example", "admin@test.example"]
            .iter()
            .enumerate()
        {
            let mut browser = signed_in(&app, who, &format!("10.4.{n}.{}", i + 3)).await;
            let answer = browser.call(path, &args).await;
            if (*who == "editor@test.example" && not_for_editors(path)) || partner_only(path) {
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{who} {path}");
                continue;
            }
            // Allowed: past the role check (a missing sample row is a 404).
            assert!(
                [StatusCode::OK, StatusCode::NOT_FOUND].contains(&answer.status),
                "{who} {path}: {} {}",
                answer.status,
                answer.body
            );
        }
    }
    assert!(staff_paths >= 7, "only {staff_paths} staff functions found");

    // Out of scope: the published listing reads, but read-only, and
    // writing is refused (the form's data as an editor in scope sees it).
    let mut outsider = signed_in(&app, "outsider@test.example", "10.0.4.5").await;
    let form = outsider
        .call(EditForm::PATH, &format!("kind=village&id={in_scope}"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let form: serde_json::Value = serde_json::from_str(&form.body).unwrap();
    assert_eq!(form["may_edit"], false);
    let mut admin = signed_in(&app, "admin@test.example", "10.0.4.7").await;
    let data = admin.form("village", in_scope).await;
    let answer = outsider
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("name_en", "Hijacked")]),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let answer = outsider
        .call(
            RestoreRevision::PATH,
            &format!("revision={revision}&lang=vi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    // An in-scope editor may not move a listing out of the scope either.
    let mut editor = signed_in(&app, "editor@test.example", "10.0.4.6").await;
    let data = editor.form("village", in_scope).await;
    let answer = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("commune_code", other_commune.as_str())]),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let (name, now_in): (String, String) =
        sqlx::query_as("SELECT name_en, commune_code FROM villages WHERE id = ?")
            .bind(in_scope)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_ne!(name, "Hijacked");
    assert_eq!(now_in, commune);
}

/// The form body of a save: the stored values with some changed.
/// The errors per field of a save's answer.
fn errors_of(answer: &Answer) -> serde_json::Value {
    serde_json::from_str::<serde_json::Value>(&answer.body).unwrap()["errors"].clone()
}

fn save_form(data: &serde_json::Value, changes: &[(&str, &str)]) -> String {
    let mut values: BTreeMap<String, String> =
        serde_json::from_value(data["values"].clone()).unwrap();
    for (key, value) in changes {
        values.insert((*key).to_owned(), (*value).to_owned());
    }
    let mut form = format!(
        "kind={}&id={}&version={}&lang=vi",
        data["kind"].as_str().unwrap().to_lowercase(),
        data["id"],
        enc(data["version"].as_str().unwrap())
    );
    for (key, value) in values {
        form.push_str(&format!("&fields[{key}]={}", enc(&value)));
    }
    form
}

#[tokio::test]
async fn edits_are_validated_saved_as_revisions_restored_and_old_slugs_redirect() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.5.1").await;
    let (id, _) = village(&app, "ban-lac").await;
    let data = editor.form("village", id).await;
    let original_name = data["values"]["name_vi"].as_str().unwrap().to_owned();

    // Bad input: errors at each field, nothing saved.
    let bad = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("name_vi", ""),
                    ("latitude", "48.85"),
                    ("longitude", "2.35"),
                    ("recognition_year", "20x8"),
                    ("slug", "Bản Lác!"),
                    ("source_url", "javascript:alert(1)"),
                    // A field villages do not have, and a page date that
                    // does not exist.
                    ("sources", "households | https://example.org/a"),
                ],
            ),
        )
        .await;
    assert_eq!(bad.status, StatusCode::OK, "{}", bad.body);
    let outcome: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    let errors = &outcome["errors"];
    assert_eq!(errors["name_vi"], "Required", "{errors}");
    assert_eq!(errors["latitude"], "OutsideArea", "{errors}");
    assert_eq!(errors["recognition_year"], "NotYear", "{errors}");
    assert_eq!(errors["slug"], "BadSlug", "{errors}");
    assert_eq!(errors["source_url"], "BadUrl", "{errors}");
    assert_eq!(errors["sources"], "BadSources", "{errors}");
    let bad_date = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[(
                    "sources",
                    "total_households | https://example.org/a | 2025-02-30",
                )],
            ),
        )
        .await;
    let outcome: serde_json::Value = serde_json::from_str(&bad_date.body).unwrap();
    assert_eq!(
        outcome["errors"]["sources"], "BadSources",
        "{}",
        bad_date.body
    );
    let (status, page) = app.get("/lang-nghe/ban-lac").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&original_name));

    // A plain form post with an error comes back to the form with what
    // was typed and the message at the field.
    let typed = save_form(
        &data,
        &[("total_households", "many"), ("name_en", "Typed name")],
    );
    let back = editor.post_plain(SaveListing::PATH, &typed).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    let form_path = back.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert_eq!(form_path, format!("/quan-tri/village/{id}"));
    let page = editor.get(&form_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"many\""), "typed value kept");
    assert!(
        page.body.contains("value=\"Typed name\""),
        "typed value kept"
    );
    assert!(page.body.contains("class=\"field-error\""), "{}", page.body);
    assert!(page.body.contains("aria-invalid=\"true\""));
    // The sources field says how to write a line, in a hint it points to.
    assert!(
        page.body.contains("aria-describedby=\"h-sources\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"h-sources\""));

    // A good save with a new name and slug.
    let good = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("name_vi", "Bản Lác (dệt thổ cẩm)"),
                    ("slug", "ban-lac-det-tho-cam"),
                    ("total_households", "120"),
                ],
            ),
        )
        .await;
    let outcome: serde_json::Value = serde_json::from_str(&good.body).unwrap();
    assert_eq!(outcome["errors"], serde_json::json!({}), "{}", good.body);
    let (status, page) = app.get("/lang-nghe/ban-lac-det-tho-cam").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Bản Lác (dệt thổ cẩm)"));
    let old = editor.get("/lang-nghe/ban-lac").await;
    assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        old.headers[header::LOCATION],
        "/lang-nghe/ban-lac-det-tho-cam"
    );
    let old_en = editor.get("/en/craft-villages/ban-lac").await;
    assert_eq!(old_en.status, StatusCode::MOVED_PERMANENTLY);
    // Search finds the new name at once.
    let (_, results) = app.get("/tim-kiem?q=det+tho+cam+ban+lac").await;
    assert!(results.contains("ban-lac-det-tho-cam"), "{results}");

    // Saving the form loaded before the change, changing the same field
    // differently, is put to the person saving: nothing is lost.
    let stale = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("total_households", "99")]),
        )
        .await;
    assert!(
        stale
            .body
            .contains("\"total_households\":\"ChangedMeanwhile\""),
        "{}",
        stale.body
    );

    // History: the seed's first revision then the edit, with field-level
    // changes.
    let history: serde_json::Value = serde_json::from_str(
        &editor
            .call(ListingHistory::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    let revisions = history["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2, "{history}");
    assert_eq!(revisions[0]["action"], "edit");
    assert_eq!(revisions[1]["action"], "seed");
    let changed: Vec<&str> = revisions[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(changed, ["name_vi", "slug", "total_households"]);
    assert_eq!(revisions[0]["who"], "editor@test.example");

    // Restore the baseline: a new revision, the old name and slug are back.
    let baseline = revisions[1]["id"].as_i64().unwrap();
    let restored = editor
        .call(
            RestoreRevision::PATH,
            &format!("revision={baseline}&lang=vi"),
        )
        .await;
    assert_eq!(restored.status, StatusCode::OK, "{}", restored.body);
    let (status, page) = app.get("/lang-nghe/ban-lac").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&original_name));
    let moved = editor.get("/lang-nghe/ban-lac-det-tho-cam").await;
    assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.headers[header::LOCATION], "/lang-nghe/ban-lac");
    let history: serde_json::Value = serde_json::from_str(
        &editor
            .call(ListingHistory::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    let newest = &history["revisions"][0];
    assert_eq!(newest["action"], "restore");
    assert_eq!(newest["restored_from"], baseline);
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target = 'villages' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(audit, ["edit", "restore"]);
}

#[tokio::test]
async fn partners_propose_and_editors_accept_or_reject_with_a_reason() {
    let app = TestApp::new().await;
    let (id, commune) = village(&app, "xom-soi").await;
    let other = other_commune(&app, &commune).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    add_user(&app, "editor@test.example", Role::Editor, &[&commune]).await;
    add_user(&app, "outsider@test.example", Role::Editor, &[&other]).await;
    let mut partner = signed_in(&app, "partner@test.example", "10.0.6.1").await;
    let form = partner
        .call(EditForm::PATH, &format!("kind=village&id={id}"))
        .await;
    let data: serde_json::Value = serde_json::from_str(&form.body).unwrap();
    assert_eq!(data["propose"], true);
    assert_eq!(data["may_edit"], false);

    // A partner cannot save directly, only propose.
    let direct = partner
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("name_en", "Direct")]),
        )
        .await;
    assert_eq!(direct.status, StatusCode::FORBIDDEN);
    let nothing = partner
        .call(ProposeEdit::PATH, &save_form(&data, &[]))
        .await;
    assert!(nothing.body.contains("NothingChanged"), "{}", nothing.body);
    let bad = partner
        .call(
            ProposeEdit::PATH,
            &save_form(&data, &[("latitude", "21.9")]),
        )
        .await;
    assert!(
        bad.body.contains("\"latitude\":\"OutsideArea\""),
        "{}",
        bad.body
    );

    // The state and the address are the department's: a partner's form
    // sending them proposes nothing about them.
    let only_state = partner
        .call(
            ProposeEdit::PATH,
            &save_form(&data, &[("status", "archived"), ("slug", "xom-soi-moi")]),
        )
        .await;
    assert!(
        only_state.body.contains("NothingChanged"),
        "{}",
        only_state.body
    );
    let first = partner
        .call(
            ProposeEdit::PATH,
            &save_form(
                &data,
                &[
                    ("name_en", "Soi stone village (proposed)"),
                    ("status", "archived"),
                ],
            ),
        )
        .await;
    let first: i64 = serde_json::from_str::<serde_json::Value>(&first.body).unwrap()["proposal"]
        .as_i64()
        .unwrap();
    let second = partner
        .call(
            ProposeEdit::PATH,
            &save_form(
                &data,
                &[("visiting_en", "Open daily; ask at the cooperative.")],
            ),
        )
        .await;
    let second: i64 = serde_json::from_str::<serde_json::Value>(&second.body).unwrap()["proposal"]
        .as_i64()
        .unwrap();
    // Nothing changed on the public page yet.
    let (_, page) = app.get("/en/craft-villages/xom-soi").await;
    assert!(!page.contains("(proposed)"));

    // The editor sees both as field-by-field diffs.
    let mut editor = signed_in(&app, "editor@test.example", "10.0.6.2").await;
    let board: serde_json::Value =
        serde_json::from_str(&editor.call(Dashboard::PATH, "").await.body).unwrap();
    let queue = board["proposals"].as_array().unwrap();
    assert_eq!(queue.len(), 2, "{board}");
    assert_eq!(queue[0]["changes"][0]["key"], "name_en");
    assert_eq!(
        queue[0]["changes"][0]["after"],
        "Soi stone village (proposed)"
    );
    assert_eq!(queue[0]["changes"].as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["may_review"], true);

    // Out of scope: refused.
    let mut outsider = signed_in(&app, "outsider@test.example", "10.0.6.3").await;
    let answer = outsider
        .call(
            ReviewProposal::PATH,
            &format!("proposal={first}&decision=accept&lang=vi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    // Rejecting needs a reason.
    let answer = editor
        .call(
            ReviewProposal::PATH,
            &format!("proposal={first}&decision=reject&reason=+&lang=vi"),
        )
        .await;
    assert!(
        answer.body.contains("\"outcome\":\"ReasonRequired\""),
        "{}",
        answer.body
    );
    let answer = editor
        .call(
            ReviewProposal::PATH,
            &format!(
                "proposal={first}&decision=reject&reason={}&lang=vi",
                enc("The English name is the one on the certificate.")
            ),
        )
        .await;
    assert!(
        answer.body.contains("\"outcome\":\"Rejected\""),
        "{}",
        answer.body
    );
    let again = editor
        .call(
            ReviewProposal::PATH,
            &format!("proposal={first}&decision=accept&lang=vi"),
        )
        .await;
    assert!(
        again.body.contains("\"outcome\":\"AlreadyReviewed\""),
        "{}",
        again.body
    );

    // Accepting saves the change as a revision.
    let answer = editor
        .call(
            ReviewProposal::PATH,
            &format!("proposal={second}&decision=accept&lang=vi"),
        )
        .await;
    assert!(
        answer.body.contains("\"outcome\":\"Accepted\""),
        "{}",
        answer.body
    );
    let (_, page) = app.get("/en/craft-villages/xom-soi").await;
    assert!(
        page.contains("Open daily; ask at the cooperative."),
        "accepted change is public"
    );
    let history: serde_json::Value = serde_json::from_str(
        &editor
            .call(ListingHistory::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(history["revisions"][0]["action"], "proposal");

    // The partner sees both decisions and the reason.
    let board: serde_json::Value =
        serde_json::from_str(&partner.call(Dashboard::PATH, "").await.body).unwrap();
    let mine = board["proposals"].as_array().unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0]["state"], "accepted");
    assert_eq!(mine[1]["state"], "rejected");
    assert_eq!(
        mine[1]["reason"],
        "The English name is the one on the certificate."
    );
    // Both sides stay, decided or not: the name and visiting text they
    // replaced (or would have), never "(empty)".
    let old_name = data["values"]["name_en"].as_str().unwrap();
    assert!(!old_name.is_empty());
    assert_eq!(mine[1]["changes"][0]["key"], "name_en");
    assert_eq!(mine[1]["changes"][0]["before"], old_name, "{board}");
    assert_eq!(
        mine[1]["changes"][0]["after"],
        "Soi stone village (proposed)"
    );
    assert_eq!(mine[0]["changes"][0]["key"], "visiting_en");
    assert_eq!(
        mine[0]["changes"][0]["before"],
        data["values"]["visiting_en"].as_str().unwrap_or_default(),
        "{board}"
    );
    assert_eq!(board["attention"], serde_json::json!([]));
    assert_eq!(board["audit"], serde_json::json!([]));

    // Drafts are not open to partners.
    sqlx::query("UPDATE villages SET status = 'draft' WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let hidden = partner
        .call(EditForm::PATH, &format!("kind=village&id={id}"))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let listed = partner.call(StaffListings::PATH, "kind=village").await;
    assert!(!listed.body.contains("xom-soi"), "{}", listed.body);
}

#[tokio::test]
async fn clusters_enterprises_and_products_are_edited_with_their_own_rules() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.7.1").await;
    for kind in ["cluster", "enterprise", "product"] {
        let list = editor
            .call(StaffListings::PATH, &format!("kind={kind}"))
            .await;
        assert_eq!(list.status, StatusCode::OK, "{kind}: {}", list.body);
        let list: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        assert!(
            !list["rows"].as_array().unwrap().is_empty(),
            "{kind}: no rows"
        );
    }
    let form_of = |kind: &str, table: &str| {
        let sql = format!("SELECT id FROM {table} ORDER BY id LIMIT 1");
        let pool = app.pool.clone();
        let kind = kind.to_owned();
        async move {
            let id: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&pool)
                .await
                .unwrap();
            (kind, id)
        }
    };

    // An enterprise: tax code with its check digit, and unique.
    let (kind, id) = form_of("enterprise", "enterprises").await;
    let data = editor.form(&kind, id).await;
    let bad = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("tax_code", "0100109107"),
                    ("email", "x at y"),
                    ("phone", "12"),
                ],
            ),
        )
        .await;
    let errors = &errors_of(&bad);
    assert_eq!(errors["tax_code"], "BadTaxCode", "{errors}");
    assert_eq!(errors["email"], "BadEmail", "{errors}");
    assert_eq!(errors["phone"], "BadPhone", "{errors}");
    let other_code: Option<String> = sqlx::query_scalar(
        "SELECT tax_code FROM enterprises WHERE id <> ? AND tax_code IS NOT NULL LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&app.pool)
    .await
    .unwrap();
    if let Some(code) = other_code {
        let taken = editor
            .call(SaveListing::PATH, &save_form(&data, &[("tax_code", &code)]))
            .await;
        assert!(
            taken.body.contains("\"tax_code\":\"Taken\""),
            "{}",
            taken.body
        );
    }
    let good = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("employees", "1.250"), ("phone", "0218 3852 123")]),
        )
        .await;
    assert!(good.body.contains("\"errors\":{}"), "{}", good.body);
    let employees: i64 = sqlx::query_scalar("SELECT employees FROM enterprises WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(employees, 1250);

    // A cluster: leased land within industrial land; areas with a comma.
    let (kind, id) = form_of("cluster", "clusters").await;
    let data = editor.form(&kind, id).await;
    let bad = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("industrial_land_ha", "40"),
                    ("leased_land_ha", "40,5"),
                    ("reported_occupancy_pct", "101"),
                    ("establishment_date", "2021-02-30"),
                ],
            ),
        )
        .await;
    let errors = &errors_of(&bad);
    assert_eq!(errors["leased_land_ha"], "MoreThanTotal", "{errors}");
    assert_eq!(errors["reported_occupancy_pct"], "OutOfRange", "{errors}");
    assert_eq!(errors["establishment_date"], "BadDate", "{errors}");
    let good = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("industrial_land_ha", "40"),
                    ("leased_land_ha", "32,5"),
                    ("established_area_ha", ""),
                ],
            ),
        )
        .await;
    assert!(good.body.contains("\"errors\":{}"), "{}", good.body);
    let leased: f64 = sqlx::query_scalar("SELECT leased_land_ha FROM clusters WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!((leased - 32.5).abs() < 1e-9);

    // A product: OCOP stars 3–5 and a real certification date; archiving
    // takes it off the public site.
    let (kind, id) = form_of("product", "products").await;
    let data = editor.form(&kind, id).await;
    let slug = data["slug"].as_str().unwrap().to_owned();
    let bad = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[("ocop_stars", "6"), ("ocop_certified_on", "31/12/2024")],
            ),
        )
        .await;
    let errors = &errors_of(&bad);
    assert_eq!(errors["ocop_stars"], "OutOfRange", "{errors}");
    assert_eq!(errors["ocop_certified_on"], "BadDate", "{errors}");
    // A certificate, a founding or a recognition cannot be in the future
    // (a certificate of 2031 read "valid until 2034" on the public page);
    // today in Vietnam is the last day allowed.
    let today = model::date::Date::today();
    let tomorrow = model::date::Date::from_days_since_epoch(today.days_since_epoch() + 1);
    let next_year = (today.year + 1).to_string();
    let future = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("ocop_certified_on", tomorrow.to_string().as_str()),
                    ("geo_indication_year", next_year.as_str()),
                ],
            ),
        )
        .await;
    let errors = &errors_of(&future);
    assert_eq!(errors["ocop_certified_on"], "OutOfRange", "{errors}");
    assert_eq!(errors["geo_indication_year"], "NotYear", "{errors}");
    let form = editor.form(&kind, id).await;
    assert_eq!(
        form["cx"]["today"],
        serde_json::json!(today),
        "the form checks against the same day"
    );
    let (status, _) = app.get(&format!("/san-pham/{slug}")).await;
    assert_eq!(status, StatusCode::OK);

    // Its producer and village are links: suggested in the form, entered
    // as an address or a pasted page link, refused when they name nothing.
    let (producer_id, producer_slug, producer_name): (i64, String, String) = sqlx::query_as(
        "SELECT id, slug, name_vi FROM enterprises WHERE status = 'published' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let links = data["cx"]["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["kind"] == "Enterprise" && l["slug"] == producer_slug.as_str()),
        "{producer_slug} not suggested"
    );
    assert!(links.iter().any(|l| l["kind"] == "Village"));
    let unknown = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[
                    ("producer_id", "khong-co-doanh-nghiep-nay"),
                    ("village_id", "///"),
                ],
            ),
        )
        .await;
    let errors = &errors_of(&unknown);
    assert_eq!(errors["producer_id"], "UnknownLink", "{errors}");
    assert_eq!(errors["village_id"], "UnknownLink", "{errors}");
    let pasted = format!("https://langnghe.example/doanh-nghiep/{producer_slug}?lang=en#top");
    let linked = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("producer_id", &pasted), ("village_id", "")]),
        )
        .await;
    assert!(linked.body.contains("\"errors\":{}"), "{}", linked.body);
    let stored: (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT producer_id, village_id FROM products WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, (Some(producer_id), None));
    let (_, page) = app.get(&format!("/san-pham/{slug}")).await;
    assert!(
        page.contains(&producer_name),
        "the product page names its producer"
    );
    let data = editor.form(&kind, id).await;
    assert_eq!(data["values"]["producer_id"], producer_slug.as_str());

    // The archive button: a stale version is refused, a current one takes
    // the product off the site and back to the form (no JavaScript), and
    // taking it out of the archive makes it a draft.
    let archive_form = |data: &serde_json::Value, archive: bool| {
        format!(
            "kind=product&id={id}&version={}&archive={archive}&lang=vi",
            enc(data["version"].as_str().unwrap())
        )
    };
    let mut old = data.clone();
    old["version"] = "2026-01-01T00:00:00.000Z".into();
    let stale = editor
        .call(ArchiveListing::PATH, &archive_form(&old, true))
        .await;
    assert!(stale.body.contains("ChangedMeanwhile"), "{}", stale.body);
    let data = editor.form(&kind, id).await;
    let archived = editor
        .post_plain(ArchiveListing::PATH, &archive_form(&data, true))
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert_eq!(
        archived.headers[header::LOCATION],
        format!("/quan-tri/product/{id}").as_str()
    );
    let (status, _) = app.get(&format!("/san-pham/{slug}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let data = editor.form(&kind, id).await;
    assert_eq!(data["values"]["status"], "archived");
    assert_eq!(data["saved"], true, "the form says it was saved");
    let back = editor
        .call(ArchiveListing::PATH, &archive_form(&data, false))
        .await;
    assert!(back.body.contains("\"errors\":{}"), "{}", back.body);
    let status: String = sqlx::query_scalar("SELECT status FROM products WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "draft");
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM revisions WHERE target = 'products' AND target_id = ? ORDER BY id DESC LIMIT 2",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(actions, ["unarchive", "archive"]);
}

#[tokio::test]
async fn editors_create_listings_as_drafts_and_partners_cannot() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let commune: String = sqlx::query_scalar("SELECT code FROM communes ORDER BY code LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut partner = signed_in(&app, "partner@test.example", "10.0.8.1").await;
    let refused = partner.call(EditForm::PATH, "kind=village&id=0").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut editor = signed_in(&app, "editor@test.example", "10.0.8.2").await;
    let blank: serde_json::Value =
        serde_json::from_str(&editor.call(EditForm::PATH, "kind=village&id=0").await.body).unwrap();
    assert_eq!(blank["values"]["status"], "draft");
    assert_eq!(blank["values"]["name_vi"], "");
    let missing = editor
        .call(SaveListing::PATH, &save_form(&blank, &[]))
        .await;
    let errors = &errors_of(&missing);
    for key in [
        "name_vi",
        "name_en",
        "place_name",
        "commune_code",
        "source_url",
    ] {
        assert_eq!(errors[key], "Required", "{key}: {errors}");
    }
    let created = editor
        .call(
            SaveListing::PATH,
            &save_form(
                &blank,
                &[
                    ("name_vi", "Làng nghề mây tre đan Thử Nghiệm"),
                    ("name_en", "Test bamboo weaving village"),
                    ("place_name", "Xóm Thử"),
                    ("commune_code", &commune),
                    ("source_url", "https://example.gov.vn/nguon"),
                ],
            ),
        )
        .await;
    let outcome: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    assert_eq!(outcome["errors"], serde_json::json!({}), "{}", created.body);
    // A village's address is made from its place name, as the seed's are.
    assert_eq!(outcome["slug"], "xom-thu");
    let id = outcome["id"].as_i64().unwrap();
    assert!(id > 0);
    // A draft: not public until published.
    let (status, _) = app.get("/lang-nghe/xom-thu").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let data = editor.form("village", id).await;
    let published = editor
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("status", "published")]),
        )
        .await;
    assert!(
        published.body.contains("\"errors\":{}"),
        "{}",
        published.body
    );
    let (status, page) = app.get("/lang-nghe/xom-thu").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Làng nghề mây tre đan Thử Nghiệm"));
    let (_, results) = app.get("/tim-kiem?q=may+tre+dan+thu+nghiem").await;
    assert!(results.contains("/lang-nghe/xom-thu"), "search finds it");
    let history: serde_json::Value = serde_json::from_str(
        &editor
            .call(ListingHistory::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    let actions: Vec<&str> = history["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["edit", "create"]);
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_ends_other_sessions() {
    use app::staff::account::ChangePassword;
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut laptop = signed_in(&app, "editor@test.example", "10.0.9.1").await;
    let mut phone = signed_in(&app, "editor@test.example", "10.0.9.2").await;
    let new = "Gom-Phuong-Lam-2026";

    let wrong = laptop
        .call(
            ChangePassword::PATH,
            &format!("current=nope-nope-1&new={new}&confirm={new}x&lang=vi"),
        )
        .await;
    assert!(
        wrong.body.contains("\"current\":\"WrongCurrent\""),
        "{}",
        wrong.body
    );
    assert!(
        wrong.body.contains("\"confirm\":\"Mismatch\""),
        "{}",
        wrong.body
    );
    let weak = laptop
        .call(
            ChangePassword::PATH,
            &format!(
                "current={}&new=password1&confirm=password1&lang=vi",
                enc(PASSWORD)
            ),
        )
        .await;
    assert!(
        weak.body.contains("\"new\":{\"Problem\":\"Common\"}"),
        "{}",
        weak.body
    );
    assert!(!weak.body.contains("\"changed\":true"));

    let before = laptop.cookie.clone();
    let done = laptop
        .call(
            ChangePassword::PATH,
            &format!("current={}&new={new}&confirm={new}&lang=vi", enc(PASSWORD)),
        )
        .await;
    assert!(done.body.contains("\"changed\":true"), "{}", done.body);
    assert_ne!(
        before, laptop.cookie,
        "this session continues under a new id"
    );
    assert!(
        laptop
            .call(WhoAmI::PATH, "")
            .await
            .body
            .contains("editor@test.example")
    );
    assert_eq!(
        phone.call(WhoAmI::PATH, "").await.body,
        "null",
        "the other session ended"
    );
    let mut old = Browser::new(&app, "10.0.9.3");
    assert!(
        old.sign_in("editor@test.example", PASSWORD)
            .await
            .body
            .contains("WrongCredentials")
    );
    assert_eq!(old.sign_in("editor@test.example", new).await.body, "null");
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'password_changed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audit, 1);
}

impl Browser<'_> {
    async fn upload(
        &mut self,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Answer {
        let (content_type, body) = multipart(fields, file);
        self.send(
            Request::builder()
                .method("POST")
                .uri(app::media::UPLOAD_PATH)
                .header("content-type", content_type)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    // An APP1 segment right after SOI carrying a marker the output must not.
    let payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0GPS-SECRET-21.0285N-105.8542E";
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&plain[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A tiny PNG whose header claims 50 000 × 50 000 pixels.
fn png_claiming_huge_dimensions() -> Vec<u8> {
    let mut bytes = png(1, 1);
    // IHDR data starts at 16: width, height (big-endian), then the CRC of
    // "IHDR" + 13 data bytes at 29.
    bytes[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

#[tokio::test]
async fn photos_are_checked_from_their_bytes_re_encoded_and_served_safely() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let (id, _) = village(&app, "ban-lac").await;
    let id_text = id.to_string();
    let fields = [
        ("kind", "village"),
        ("id", id_text.as_str()),
        ("lang", "vi"),
        ("alt_vi", "Thiếu nữ Thái dệt thổ cẩm bên khung cửi"),
        ("alt_en", "A Thai woman weaving brocade at her loom"),
    ];
    let photo = png(2000, 1000);

    // Only editors, checked before the body is read.
    let mut anonymous = Browser::new(&app, "10.0.10.1");
    let answer = anonymous
        .upload(&fields, Some(("a.png", "image/png", &photo)))
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let mut partner = signed_in(&app, "partner@test.example", "10.0.10.2").await;
    let answer = partner
        .upload(&fields, Some(("a.png", "image/png", &photo)))
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    let mut editor = signed_in(&app, "editor@test.example", "10.0.10.3").await;
    let outcome = |answer: &Answer| {
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        answer.headers["x-upload-outcome"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    // Hostile or broken files: refused, nothing written.
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>";
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "notes.jpg",
            "image/jpeg",
            b"just some text, not a photo".to_vec(),
            "NotAnImage",
        ),
        ("evil.png", "image/png", svg.to_vec(), "NotAnImage"),
        (
            "bomb.png",
            "image/png",
            png_claiming_huge_dimensions(),
            "TooManyPixels",
        ),
        (
            "cut.jpg",
            "image/jpeg",
            {
                let full = jpeg_with_exif(1200, 900);
                full[..full.len() / 2].to_vec()
            },
            "Unreadable",
        ),
        (
            "huge.jpg",
            "image/jpeg",
            vec![0xFF; app::media::MAX_BYTES + 1],
            "TooLarge",
        ),
    ];
    for (name, content_type, bytes, expected) in &cases {
        let answer = editor
            .upload(&fields, Some((name, content_type, bytes)))
            .await;
        assert_eq!(outcome(&answer), *expected, "{name}");
    }
    let no_alt = [fields[0], fields[1], fields[2]];
    let answer = editor
        .upload(&no_alt, Some(("a.png", "image/png", &photo)))
        .await;
    assert_eq!(outcome(&answer), "AltRequired");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM images")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);

    // The form shows the last answer once.
    let form = editor.get(&format!("/quan-tri/village/{id}")).await;
    assert!(
        form.body.contains("Cần mô tả ảnh (tiếng Việt)"),
        "the refusal is shown: {}",
        form.body
    );

    // A real photo, even with a misleading name, and a JPEG with EXIF.
    let answer = editor
        .upload(&fields, Some(("photo.gif", "image/gif", &photo)))
        .await;
    assert_eq!(outcome(&answer), "Added");
    assert_eq!(
        answer.headers[header::LOCATION],
        format!("/quan-tri/village/{id}#photos")
    );
    let exif = jpeg_with_exif(1200, 900);
    let answer = editor
        .upload(&fields, Some(("IMG_0001.JPG", "image/jpeg", &exif)))
        .await;
    assert_eq!(outcome(&answer), "Added");

    let rows: Vec<(String, String, i64, i64)> =
        sqlx::query_as("SELECT stem, widths, width, height FROM images ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(rows[0].1, "480,960,1600");
    assert_eq!((rows[0].2, rows[0].3), (1600, 800));
    assert_eq!(rows[1].1, "480,960,1200", "never larger than the original");
    let stem = &rows[0].0;
    assert_eq!(stem.len(), 32);

    let webp = editor.get(&format!("/media/{stem}-960.webp")).await;
    assert_eq!(webp.status, StatusCode::OK);
    assert_eq!(webp.headers[header::CONTENT_TYPE], "image/webp");
    assert!(
        webp.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(webp.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let dir = app.media_dir();
    let bytes = std::fs::read(dir.join(format!("{stem}-960.webp"))).unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (960, 480));
    let jpg = editor.get(&format!("/media/{stem}-480.jpg")).await;
    assert_eq!(jpg.headers[header::CONTENT_TYPE], "image/jpeg");
    for width in [480, 960, 1200] {
        for ext in ["webp", "jpg"] {
            let bytes = std::fs::read(dir.join(format!("{}-{width}.{ext}", rows[1].0))).unwrap();
            assert!(
                !bytes.windows(10).any(|w| w == b"GPS-SECRET"),
                "metadata stripped from {width}.{ext}"
            );
        }
    }
    // Nothing else is served from the folder, and no path escapes it.
    assert_eq!(
        editor.get("/media/../test.db").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        editor.get("/media/nothing.webp").await.status,
        StatusCode::NOT_FOUND
    );

    // The public profile shows both, in sizes and formats, with their text.
    let (_, page) = app.get("/lang-nghe/ban-lac").await;
    assert!(page.contains(&format!("/media/{stem}-480.webp 480w, /media/{stem}-960.webp 960w, /media/{stem}-1600.webp 1600w")), "{page}");
    assert!(page.contains("type=\"image/webp\""));
    assert!(page.contains("alt=\"Thiếu nữ Thái dệt thổ cẩm bên khung cửi\""));
    assert!(page.contains("width=\"1600\" height=\"800\""));
    let (_, page) = app.get("/en/craft-villages/ban-lac").await;
    assert!(page.contains("alt=\"A Thai woman weaving brocade at her loom\""));

    // The order and the text can be changed: the second photo moves first
    // (the profile shows it first), its text is required in Vietnamese.
    let (first, second): (i64, i64) = sqlx::query_as("SELECT MIN(id), MAX(id) FROM images")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let moved = editor
        .call(
            app::media::api::MoveImage::PATH,
            &format!("image={second}&earlier=true&lang=vi"),
        )
        .await;
    let answer: serde_json::Value = serde_json::from_str(&moved.body).unwrap();
    let order: Vec<i64> = answer["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, [second, first]);
    let (_, page) = app.get("/lang-nghe/ban-lac").await;
    let at = |stem: &str| page.find(&format!("/media/{stem}-480.webp")).unwrap();
    assert!(at(&rows[1].0) < at(stem), "the moved photo comes first");
    // Moving the first one earlier changes nothing.
    let again = editor
        .call(
            app::media::api::MoveImage::PATH,
            &format!("image={second}&earlier=true&lang=vi"),
        )
        .await;
    assert!(
        again
            .body
            .contains(&format!("\"images\":[{{\"id\":{second}"))
    );
    let empty = editor
        .call(
            app::media::api::EditImage::PATH,
            &format!("image={second}&alt_vi=+&alt_en=x&lang=vi"),
        )
        .await;
    let answer: serde_json::Value = serde_json::from_str(&empty.body).unwrap();
    assert_eq!(answer["flash"]["outcome"], "AltRequired");
    assert_eq!(answer["flash"]["image"], second);
    let plain = editor
        .post_plain(
            app::media::api::EditImage::PATH,
            &format!(
                "image={second}&alt_vi={}&alt_en={}&lang=en",
                enc("  Khung cửi   và sợi lanh "),
                enc("Loom and hemp yarn")
            ),
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(
        plain.headers[header::LOCATION],
        format!("/en/admin/village/{id}#photos")
    );
    let (_, page) = app.get("/lang-nghe/ban-lac").await;
    assert!(page.contains("alt=\"Khung cửi và sợi lanh\""), "{page}");
    let (_, page) = app.get("/en/craft-villages/ban-lac").await;
    assert!(page.contains("alt=\"Loom and hemp yarn\""));

    // Deleting takes the photo off the pages and out of the public files,
    // keeps it in the listing's history, and can be undone.
    let answer = editor
        .call(
            app::media::api::DeleteImage::PATH,
            &format!("image={first}&lang=vi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let deleted: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert!(
        deleted["images"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != first)
    );
    assert_eq!(deleted["flash"]["outcome"], "Deleted");
    assert_eq!(deleted["flash"]["image"], first);
    assert!(!dir.join(format!("{stem}-960.webp")).exists());
    for path in [
        format!("/media/{stem}-960.webp"),
        format!("/media/.trash/{stem}-960.webp"),
        format!("/media/%2Etrash/{stem}-960.webp"),
    ] {
        assert_eq!(
            editor.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (_, page) = app.get("/lang-nghe/ban-lac").await;
    assert!(
        !page.contains(stem.as_str()),
        "the public page shows a deleted photo"
    );
    let history: serde_json::Value = serde_json::from_str(
        &editor
            .call(ListingHistory::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    let gone = &history["deleted_photos"][0];
    assert_eq!(gone["id"], first, "{history}");
    assert_eq!(gone["who"], "editor@test.example");
    assert!(!gone["alt"].as_str().unwrap().is_empty());
    let html = editor
        .get(&format!("/quan-tri/village/{id}/lich-su"))
        .await
        .body;
    assert!(
        html.contains("Ảnh đã xoá") && html.contains("Hoàn tác"),
        "{html}"
    );

    // Undo: the photo, its files and its place come back.
    let undone = editor
        .call(
            app::media::api::RestoreImage::PATH,
            &format!("image={first}&lang=vi"),
        )
        .await;
    assert_eq!(undone.status, StatusCode::OK, "{}", undone.body);
    let undone: serde_json::Value = serde_json::from_str(&undone.body).unwrap();
    assert!(
        undone["images"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == first)
    );
    assert_eq!(undone["flash"]["outcome"], "Restored");
    assert!(dir.join(format!("{stem}-960.webp")).exists());
    assert_eq!(
        editor.get(&format!("/media/{stem}-960.webp")).await.status,
        StatusCode::OK
    );
    let (_, page) = app.get("/lang-nghe/ban-lac").await;
    assert!(page.contains(stem.as_str()));
    let again = editor
        .call(
            app::media::api::RestoreImage::PATH,
            &format!("image={first}&lang=vi"),
        )
        .await;
    let again: serde_json::Value = serde_json::from_str(&again.body).unwrap();
    assert_eq!(again["flash"]["outcome"], "NotDeleted");
    // Deleted for good this time (the test below reads the log).
    let answer = editor
        .call(
            app::media::api::DeleteImage::PATH,
            &format!("image={first}&lang=vi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'image%' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        audit,
        [
            "image_added",
            "image_added",
            "image_moved",
            "image_edited",
            "image_deleted",
            "image_restored",
            "image_deleted"
        ]
    );
}

#[tokio::test]
async fn admins_create_and_disable_accounts() {
    use app::staff::accounts::{AccountsPage, CreateAccount, SetAccountDisabled};
    let app = TestApp::new().await;
    let admin_id = add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM communes ORDER BY name LIMIT 3")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mut admin = signed_in(&app, "admin@test.example", "10.0.11.1").await;
    let bad = admin
        .call(
            CreateAccount::PATH,
            "email=not-an-address&display_name=+&role=chief&password=12345678&lang=vi",
        )
        .await;
    let outcome: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    assert_eq!(outcome["errors"]["email"], "BadEmail", "{outcome}");
    assert_eq!(outcome["errors"]["display_name"], "NameRequired");
    assert_eq!(outcome["errors"]["role"], "BadRole");
    let taken = admin
        .call(
            CreateAccount::PATH,
            &format!(
                "email=admin%40test.example&display_name=X&role=editor&password={}&lang=vi",
                enc(PASSWORD)
            ),
        )
        .await;
    assert!(
        taken.body.contains("\"email\":\"Exists\""),
        "{}",
        taken.body
    );
    let weak = admin
        .call(
            CreateAccount::PATH,
            "email=lan%40test.example&display_name=Lan&role=editor&password=password1&lang=vi",
        )
        .await;
    assert!(
        weak.body.contains("\"password\":{\"Password\":\"Common\"}"),
        "{}",
        weak.body
    );
    // The refusal says why: the role's name, the display name.
    for (password, why) in [
        ("Editor-2026-Mai", "{\"Contains\":\"Role\"}"),
        ("Nguyet-Anh-cua-Tre", "{\"Contains\":\"Account\"}"),
    ] {
        let weak = admin
            .call(
                CreateAccount::PATH,
                &format!(
                    "email=lan%40test.example&display_name=Nguy%E1%BB%87t+Anh&role=editor&password={}&lang=vi",
                    enc(password)
                ),
            )
            .await;
        assert!(
            weak.body
                .contains(&format!("\"password\":{{\"Password\":{why}}}")),
            "{password}: {}",
            weak.body
        );
    }

    // Ticked communes arrive with gaps in their indices, as a form sends them.
    let form = format!(
        "email=Lan%40Test.example&display_name=Nguy%E1%BB%85n+Lan&role=editor&password={}&communes[0]={}&communes[2]={}&lang=vi",
        enc(PASSWORD),
        codes[0],
        codes[2]
    );
    let created = admin.call(CreateAccount::PATH, &form).await;
    let outcome: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    let id = outcome["created"].as_i64().expect("created");
    let mut lan = signed_in(&app, "lan@test.example", "10.0.11.2").await;
    let me: serde_json::Value =
        serde_json::from_str(&lan.call(WhoAmI::PATH, "").await.body).unwrap();
    assert_eq!(me["role"], "editor");
    let mut expected = vec![codes[0].clone(), codes[2].clone()];
    expected.sort();
    assert_eq!(me["communes"], serde_json::json!(expected));
    assert_eq!(
        lan.call(AccountsPage::PATH, "").await.status,
        StatusCode::FORBIDDEN
    );

    // Disabling ends the account's sessions at once; admins cannot lock
    // themselves out.
    let answer = admin
        .call(
            SetAccountDisabled::PATH,
            &format!("account={id}&disabled=true&lang=vi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(lan.call(WhoAmI::PATH, "").await.body, "null");
    let mut again = Browser::new(&app, "10.0.11.3");
    assert!(
        again
            .sign_in("lan@test.example", PASSWORD)
            .await
            .body
            .contains("WrongCredentials")
    );
    let own = admin
        .call(
            SetAccountDisabled::PATH,
            &format!("account={admin_id}&disabled=true&lang=vi"),
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let page: serde_json::Value =
        serde_json::from_str(&admin.call(AccountsPage::PATH, "").await.body).unwrap();
    let accounts = page["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 2);
    assert!(
        !page.to_string().contains("argon2"),
        "no hash leaves the server"
    );
    let (status, html) = admin_page(&mut admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("lan@test.example") && html.contains("Đã khoá"),
        "{html}"
    );
}

#[tokio::test]
async fn admins_reset_passwords_and_owners_then_choose_their_own() {
    use app::staff::account::{AccountPage, ChangePassword};
    use app::staff::accounts::{AccountsPage, CreateAccount, ResetPassword};
    let app = TestApp::new().await;
    let admin_id = add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.12.1").await;

    // A new account's first password is the admin's: its owner is sent to
    // the account page at sign-in and told to choose their own.
    let created = admin
        .call(
            CreateAccount::PATH,
            &format!(
                "email=hoa%40test.example&display_name=Hoa&role=editor&password={}&lang=vi",
                enc(PASSWORD)
            ),
        )
        .await;
    let hoa_id = serde_json::from_str::<serde_json::Value>(&created.body).unwrap()["created"]
        .as_i64()
        .expect("created");
    let mut hoa = Browser::new(&app, "10.0.12.2");
    let answer = hoa.sign_in("hoa@test.example", PASSWORD).await;
    assert_eq!(answer.body, "null");
    assert_eq!(answer.headers[header::LOCATION], "/tai-khoan");
    let page: serde_json::Value =
        serde_json::from_str(&hoa.call(AccountPage::PATH, "").await.body).unwrap();
    assert_eq!(page[0]["must_change_password"], true);
    let html = hoa.get("/tai-khoan").await.body;
    assert!(
        html.contains("Mật khẩu của bạn do quản trị viên đặt"),
        "{html}"
    );
    // The change cannot be skipped: every staff page, the dashboard
    // included, sends the account to its page, and no staff data is given.
    for path in ["/quan-tri", "/quan-tri/village", "/en/admin"] {
        let answer = hoa
            .send(
                Request::builder()
                    .uri(path)
                    .header(header::ACCEPT, "text/html")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(
            answer.status.is_redirection(),
            "{path}: {} {}",
            answer.status,
            answer.body
        );
        assert!(
            answer.headers[header::LOCATION]
                .to_str()
                .unwrap()
                .ends_with("/tai-khoan")
                || answer.headers[header::LOCATION] == "/en/account",
            "{path}: {:?}",
            answer.headers
        );
    }
    let board = hoa.call(Dashboard::PATH, "").await;
    assert_eq!(board.status, StatusCode::FORBIDDEN, "{}", board.body);
    let own = "Nui-rung-Da-Bac-trong-suong-7";
    let changed = hoa
        .call(
            ChangePassword::PATH,
            &format!(
                "current={}&new={}&confirm={}&lang=vi",
                enc(PASSWORD),
                enc(own),
                enc(own)
            ),
        )
        .await;
    assert!(
        changed.body.contains("\"changed\":true"),
        "{}",
        changed.body
    );
    let page: serde_json::Value =
        serde_json::from_str(&hoa.call(AccountPage::PATH, "").await.body).unwrap();
    assert_eq!(page[0]["must_change_password"], false);

    // A reset: weak passwords are refused at the field; a good one ends
    // the owner's sessions, works at once and asks for a new choice.
    let weak = admin
        .call(
            ResetPassword::PATH,
            &format!("account={hoa_id}&password=hoa12345&lang=vi"),
        )
        .await;
    assert!(
        weak.body
            .contains("\"reset_password\":{\"Password\":\"Common\"}"),
        "{}",
        weak.body
    );
    assert_ne!(hoa.call(WhoAmI::PATH, "").await.body, "null");
    let temporary = "Tam-thoi-Lac-Son-4821";
    let reset = admin
        .call(
            ResetPassword::PATH,
            &format!("account={hoa_id}&password={}&lang=vi", enc(temporary)),
        )
        .await;
    assert!(
        reset.body.contains(&format!("\"reset\":{hoa_id}")),
        "{}",
        reset.body
    );
    assert_eq!(
        hoa.call(WhoAmI::PATH, "").await.body,
        "null",
        "the owner's session ended"
    );
    let mut hoa = Browser::new(&app, "10.0.12.3");
    assert!(
        hoa.sign_in("hoa@test.example", own)
            .await
            .body
            .contains("WrongCredentials")
    );
    let answer = hoa.sign_in("hoa@test.example", temporary).await;
    assert_eq!(answer.body, "null");
    assert_eq!(answer.headers[header::LOCATION], "/tai-khoan");
    let page: serde_json::Value =
        serde_json::from_str(&admin.call(AccountsPage::PATH, "").await.body).unwrap();
    assert!(
        page["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| { a[0]["id"] == hoa_id && a[0]["must_change_password"] == true })
    );
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'reset_password' AND target_id = ? AND user_id = ?",
    )
    .bind(hoa_id)
    .bind(admin_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);

    // Not one's own (that is the account page), not an unknown account, not
    // by an editor; without JavaScript the answer is back on the page.
    let own_reset = admin
        .call(
            ResetPassword::PATH,
            &format!("account={admin_id}&password={}&lang=vi", enc(temporary)),
        )
        .await;
    assert_eq!(own_reset.status, StatusCode::FORBIDDEN);
    let unknown = admin
        .call(
            ResetPassword::PATH,
            &format!("account=999999&password={}&lang=vi", enc(temporary)),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let by_editor = hoa
        .call(
            ResetPassword::PATH,
            &format!("account={admin_id}&password={}&lang=vi", enc(temporary)),
        )
        .await;
    assert_eq!(by_editor.status, StatusCode::FORBIDDEN);
    let plain = admin
        .post_plain(
            ResetPassword::PATH,
            &format!("account={hoa_id}&password=12345678&lang=en"),
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(plain.headers[header::LOCATION], "/en/users#reset-password");
    let html = admin.get("/en/users").await.body;
    assert!(
        html.contains("reset-new-error"),
        "the error is at the field"
    );
}

async fn admin_page(browser: &mut Browser<'_>) -> (StatusCode, String) {
    let answer = browser.get("/nguoi-dung").await;
    (answer.status, answer.body)
}

/// The details of the audit entries from day `from` to day `to`.
async fn audit_days(admin: &mut Browser<'_>, from: &str, to: &str) -> Vec<String> {
    let form = format!("query[from]={from}&query[to]={to}");
    let answer = admin.call(app::staff::audit::AuditLog::PATH, &form).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let page: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn admins_read_the_whole_audit_log_a_page_at_a_time() {
    use app::staff::audit::AuditLog;
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut wrong = Browser::new(&app, "10.0.13.9");
    wrong.sign_in("editor@test.example", "not-it-at-all").await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.13.2").await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.13.1").await;
    for i in 0..150 {
        sqlx::query("INSERT INTO audit_log (action, target, target_id, detail) VALUES ('edit', 'villages', 1, ?)")
            .bind(format!("bulk {i}"))
            .execute(&app.pool)
            .await
            .unwrap();
    }

    // Sign-ins only: the failure is there, with who and from where.
    let page: serde_json::Value = serde_json::from_str(
        &admin
            .call(AuditLog::PATH, "query[group]=sign-in")
            .await
            .body,
    )
    .unwrap();
    let entries = page["entries"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["sign_in", "sign_in", "sign_in_failed"], "{page}");
    assert_eq!(entries[2]["ip"], "10.0.13.9");
    assert_eq!(entries[2]["detail"], "editor@test.example");
    assert!(page["older"].is_null());

    // Everything: 100 a page, newest first, the next page starts where
    // this one ends.
    let first: serde_json::Value =
        serde_json::from_str(&admin.call(AuditLog::PATH, "").await.body).unwrap();
    let ids = |page: &serde_json::Value| -> Vec<i64> {
        page["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    let one = ids(&first);
    assert_eq!(one.len(), 100);
    assert!(one.windows(2).all(|w| w[0] > w[1]));
    let older = first["older"].as_i64().expect("an older page");
    assert_eq!(older, *one.last().unwrap());
    let second: serde_json::Value = serde_json::from_str(
        &admin
            .call(AuditLog::PATH, &format!("before={older}"))
            .await
            .body,
    )
    .unwrap();
    let two = ids(&second);
    assert_eq!(two.len(), 153 - 100);
    assert!(two[0] < older);
    assert!(second["older"].is_null());

    // The page itself, without JavaScript: worded actions, a filter form,
    // the link to older entries; never cached; admins only.
    let html = admin.get("/nhat-ky?loai=sign-in").await;
    assert_eq!(html.status, StatusCode::OK);
    assert_eq!(html.headers[header::CACHE_CONTROL], "no-store, private");
    assert!(html.body.contains("Đăng nhập sai"), "{}", html.body);
    assert!(html.body.contains("<option value=\"sign-in\" selected"));
    let html = admin.get("/en/audit-log").await.body;
    assert!(html.contains("Edited a listing") && html.contains("bulk 149"));
    assert!(
        html.contains(&format!("/en/audit-log?truoc={older}")),
        "{html}"
    );
    assert_eq!(
        editor.call(AuditLog::PATH, "").await.status,
        StatusCode::FORBIDDEN
    );

    // By person: the editor's entries only (her sign-in, and the failed
    // attempt on her account).
    let editor_id: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'editor@test.example'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let hers: serde_json::Value = serde_json::from_str(
        &admin
            .call(AuditLog::PATH, &format!("query[person]={editor_id}"))
            .await
            .body,
    )
    .unwrap();
    let actions: Vec<(&str, &str)> = hers["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["who"].as_str().unwrap_or_default(),
                e["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("editor@test.example", "sign_in"),
            ("editor@test.example", "sign_in_failed")
        ],
        "{hers}"
    );
    assert!(hers["accounts"].as_array().unwrap().len() >= 2);

    // By days in Vietnam, both ends included: an entry at 23:30 on 5
    // November in Vietnam (16:30 UTC) is on the 5th, one at 00:30 on the
    // 6th (17:30 UTC on the 5th) on the 6th.
    for (at, detail) in [
        ("2026-11-05T16:30:00Z", "late on the 5th"),
        ("2026-11-05T17:30:00Z", "early on the 6th"),
    ] {
        sqlx::query("INSERT INTO audit_log (at, action, detail) VALUES (?, 'edit', ?)")
            .bind(at)
            .bind(detail)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    assert_eq!(
        audit_days(&mut admin, "2026-11-05", "2026-11-05").await,
        ["late on the 5th"]
    );
    assert_eq!(
        audit_days(&mut admin, "2026-11-06", "2026-11-06").await,
        ["early on the 6th"]
    );
    assert_eq!(
        audit_days(&mut admin, "2026-11-05", "2026-11-06").await,
        ["early on the 6th", "late on the 5th"]
    );
    // Not dates: nothing narrowed, no error.
    assert!(
        audit_days(&mut admin, "yesterday", "%3Cscript%3E")
            .await
            .len()
            >= 100
    );
    // The page keeps the filters in its form and in the older link.
    let html = admin
        .get(&format!("/nhat-ky?nguoi={editor_id}&tu=2026-12-01"))
        .await
        .body;
    assert!(html.contains("name=\"tu\" value=\"2026-12-01\""), "{html}");
    assert!(html.contains(&format!("<option value=\"{editor_id}\" selected")));

    // The accounts page says when each account last signed in.
    let accounts: serde_json::Value = serde_json::from_str(
        &admin
            .call(app::staff::accounts::AccountsPage::PATH, "")
            .await
            .body,
    )
    .unwrap();
    let last = accounts["last_sign_ins"].as_array().unwrap();
    assert!(last.iter().any(|l| l[0] == editor_id), "{accounts}");
    let html = admin.get("/nguoi-dung").await.body;
    assert!(html.contains("Đăng nhập gần nhất"), "{html}");
}

/// Tidying deletes files no photo row names, so a photo folder shared by
/// two databases would lose one's photos at the other's start-up: the
/// first database to tidy a folder owns it, the other leaves it alone.
#[test]
fn only_the_database_that_owns_a_photo_folder_tidies_it() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let db = |name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, b"").unwrap();
        format!("sqlite://{}", path.display())
    };
    let (first, second) = (db("first.db"), db("second.db"));
    assert_eq!(server::media::may_tidy(&media, &first), Ok(()));
    assert_eq!(server::media::may_tidy(&media, &first), Ok(()));
    let Err(server::media::NotTidied::OtherOwner(owner)) = server::media::may_tidy(&media, &second)
    else {
        panic!("the second database tidied the first one's folder");
    };
    assert!(owner.ends_with("first.db"), "{owner}");
    for folder in [&media, &dir.path().join("other")] {
        assert_eq!(
            server::media::may_tidy(folder, "sqlite::memory:"),
            Err(server::media::NotTidied::InMemory)
        );
    }
    // A folder that cannot be one (a file stands there): said, not tidied.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, b"").unwrap();
    assert!(matches!(
        server::media::may_tidy(&blocked, &first),
        Err(server::media::NotTidied::Unwritable(_))
    ));
    assert_eq!(
        server::media::may_tidy(&dir.path().join("other"), &second),
        Ok(())
    );
}

#[tokio::test]
async fn start_up_tidies_the_photo_folders_and_keeps_deleted_photos_thirty_days() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let trash = dir.path().join(model::media::TRASH_DIR);
    std::fs::create_dir_all(&trash).unwrap();
    let stem = |c: char| c.to_string().repeat(32);
    for (c, deleted_at) in [
        ('a', None),
        (
            'b',
            Some("strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days')"),
        ),
        (
            'c',
            Some("strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 days')"),
        ),
    ] {
        let sql = format!(
            "INSERT INTO images (target, target_id, stem, widths, width, height, alt_vi, deleted_at)
             VALUES ('villages', 1, ?, '480', 480, 320, 'Ảnh', {})",
            deleted_at.unwrap_or("NULL")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(stem(c))
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let file = |folder: &std::path::Path, c: char| folder.join(format!("{}-480.webp", stem(c)));
    for path in [
        file(dir.path(), 'a'),
        file(&trash, 'b'),
        file(&trash, 'c'),
        file(dir.path(), 'd'),
        file(&trash, 'e'),
        // A shown photo's file left in the trash by a move that stopped.
        file(&trash, 'a'),
    ] {
        std::fs::write(&path, b"x").unwrap();
    }
    let removed = server::media::sweep_orphans(&app.pool, dir.path())
        .await
        .unwrap();
    assert_eq!(removed, 4);
    assert!(file(dir.path(), 'a').exists() && file(&trash, 'b').exists());
    for gone in [
        file(&trash, 'c'),
        file(dir.path(), 'd'),
        file(&trash, 'e'),
        file(&trash, 'a'),
    ] {
        assert!(!gone.exists(), "{gone:?}");
    }
    let stems: Vec<String> = sqlx::query_scalar("SELECT stem FROM images ORDER BY stem")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        stems,
        [stem('a'), stem('b')],
        "the 40-day-old deletion went for good"
    );
}
