//! Messages from the public: the form on every profile, its answers to
//! good, bad, robotic and too frequent posts, the cap on waiting messages,
//! and the editors' queue with its scope.

use super::{Browser, add_user, enc, other_commune, signed_in, village};
use crate::common::{TestApp, count};
use app::staff::Role;
use app::suggestion::CloseSuggestion;
use axum::http::{StatusCode, header};
use leptos::server_fn::ServerFn;

fn message(slug: &str, field: &str, text: &str) -> String {
    format!(
        "kind=village&slug={slug}&lang=vi&field={field}&message={}&name={}&contact={}&website=",
        enc(text),
        enc("Bà Hà Thị Lan"),
        enc("0912 345 678"),
    )
}

async fn stored(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as("SELECT field, message, name, contact FROM suggestions ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn every_profile_links_to_a_form_that_names_the_listing_in_both_languages() {
    let app = TestApp::new().await;
    let mut visitor = Browser::new(&app, "10.9.0.1");
    for (profile, form) in [
        ("/lang-nghe/ban-lac", "/gop-y?kind=village&amp;slug=ban-lac"),
        (
            "/en/craft-villages/ban-lac",
            "/en/suggest?kind=village&amp;slug=ban-lac",
        ),
    ] {
        let page = visitor.get(profile).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(form), "{profile}: no link to {form}");
    }
    let cluster: String = sqlx::query_scalar("SELECT slug FROM clusters LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = visitor.get(&format!("/cum-cong-nghiep/{cluster}")).await;
    assert!(
        page.body
            .contains(&format!("/gop-y?kind=cluster&amp;slug={cluster}"))
    );

    let form = visitor.get("/gop-y?kind=village&slug=ban-lac").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Góp ý về “"), "{}", form.body);
    assert!(form.body.contains("Bản Lác"));
    assert!(form.body.contains("method=\"post\""));
    assert!(form.body.contains("name=\"website\""), "the honeypot");
    assert!(
        form.body.contains("<option value=\"owner\""),
        "this is my business"
    );
    assert!(form.body.contains("value=\"total_households\""));
    assert!(
        !form.body.contains("value=\"slug\""),
        "internal fields are no topics"
    );
    assert!(form.body.contains("noindex"));
    let en = visitor.get("/en/suggest?kind=village&slug=ban-lac").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("Suggest a correction"), "{}", en.body);
    assert!(en.body.contains("This is my business"));

    for missing in [
        "/gop-y?kind=village&slug=khong-co",
        "/gop-y?kind=user&slug=ban-lac",
        "/gop-y",
    ] {
        assert_eq!(
            visitor.get(missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test]
async fn a_message_lands_in_the_queue_and_the_sender_sees_a_thank_you() {
    let app = TestApp::new().await;
    let mut visitor = Browser::new(&app, "10.9.1.1");
    let answer = visitor
        .post_plain(
            "/gop-y",
            &message(
                "ban-lac",
                "total_households",
                "  Bản Lác có 120 hộ (2024).  ",
            ),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let thanks = answer.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(thanks, "/gop-y?kind=village&slug=ban-lac&sent=1");
    assert!(
        answer.headers.get(header::SET_COOKIE).is_none(),
        "no session for anonymous senders"
    );
    assert_eq!(
        stored(&app).await,
        vec![(
            "total_households".to_owned(),
            "Bản Lác có 120 hộ (2024).".to_owned(),
            "Bà Hà Thị Lan".to_owned(),
            "0912 345 678".to_owned(),
        )]
    );
    let page = visitor.get(&thanks).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cảm ơn bạn"), "{}", page.body);
    assert!(!page.body.contains("<textarea"));
    // Nothing of it is public.
    let profile = visitor.get("/lang-nghe/ban-lac").await;
    assert!(!profile.body.contains("0912 345 678"));
    assert!(!profile.body.contains("Hà Thị Lan"));

    // English: the thank-you in English.
    let answer = visitor
        .post_plain(
            "/en/suggest",
            &message("ban-lac", "owner", "I run the weaving cooperative."),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/en/suggest?kind=village&slug=ban-lac&sent=1"
    );
}

#[tokio::test]
async fn a_refused_message_comes_back_with_what_was_typed_and_the_reason_at_its_field() {
    let app = TestApp::new().await;
    let mut visitor = Browser::new(&app, "10.9.2.1");
    let typed = "</textarea><script>alert(1)</script>";
    let form = format!(
        "kind=village&slug=ban-lac&lang=vi&field=status&message=+++&name={}&contact=&website=",
        enc(typed)
    );
    let answer = visitor.post_plain("/gop-y", &form).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Hãy viết nội dung góp ý."),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("Hãy chọn một mục trong danh sách."));
    assert!(answer.body.contains("id=\"s-message-error\""));
    assert!(
        answer
            .body
            .contains("aria-describedby=\"s-message-hint s-message-error\"")
    );
    // What was typed is back, escaped.
    assert!(
        answer.body.contains("&lt;/textarea&gt;&lt;script&gt;"),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains("<script>alert(1)"));
    assert!(stored(&app).await.is_empty());

    // Too long: counted in characters, at the field.
    let long = message("ban-lac", "", &"ệ".repeat(2001));
    let answer = visitor.post_plain("/gop-y", &long).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("Tối đa 2.000 ký tự."),
        "{}",
        answer.body
    );
    // A body far past any valid form: 413, with the message.
    let huge = message("ban-lac", "", &"x".repeat(70_000));
    let answer = visitor.post_plain("/gop-y", &huge).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // No such listing, or not a kind: 404 / 400, never 500.
    let answer = visitor
        .post_plain("/gop-y", &message("khong-co", "", "x"))
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let answer = visitor
        .post_plain("/gop-y", "kind=user&slug=x&message=x")
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let answer = visitor.post_plain("/gop-y", "\u{0}garbage=%ZZ").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(stored(&app).await.is_empty());
}

#[tokio::test]
async fn robots_and_floods_do_not_grow_the_database() {
    let app = TestApp::new().await;
    // The honeypot: thanked, not stored.
    let mut robot = Browser::new(&app, "10.9.3.1");
    let form = message("ban-lac", "", "Cheap watches")
        .replace("website=", "website=http%3A%2F%2Fspam.example");
    let answer = robot.post_plain("/gop-y", &form).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert!(stored(&app).await.is_empty());

    // One address: a burst of 5, then 429 with the text kept.
    let mut flood = Browser::new(&app, "10.9.3.2");
    for n in 0..5 {
        let answer = flood
            .post_plain("/gop-y", &message("ban-lac", "", &format!("Góp ý {n}")))
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "message {n}");
    }
    let answer = flood
        .post_plain("/gop-y", &message("ban-lac", "", "Góp ý thứ sáu"))
        .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(answer.body.contains("thử lại sau"), "{}", answer.body);
    assert!(
        answer.body.contains("Góp ý thứ sáu"),
        "what was typed is kept"
    );
    assert_eq!(stored(&app).await.len(), 5);

    // Everyone: at most PENDING_MAX waiting.
    let village: i64 = sqlx::query_scalar("SELECT id FROM villages WHERE slug = 'ban-lac'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for _ in 5..model::suggestion::PENDING_MAX {
        sqlx::query(
            "INSERT INTO suggestions (target, target_id, message) VALUES ('villages', ?, 'x')",
        )
        .bind(village)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let mut other = Browser::new(&app, "10.9.3.3");
    let answer = other
        .post_plain("/gop-y", &message("ban-lac", "", "Còn chỗ không?"))
        .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM suggestions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(waiting, model::suggestion::PENDING_MAX);
}

#[tokio::test]
async fn editors_see_the_messages_of_their_communes_and_close_them() {
    let app = TestApp::new().await;
    let (_, commune) = village(&app, "ban-lac").await;
    let other = other_commune(&app, &commune).await;
    add_user(&app, "editor@test.example", Role::Editor, &[&commune]).await;
    add_user(&app, "outsider@test.example", Role::Editor, &[&other]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let mut visitor = Browser::new(&app, "10.9.4.1");
    let answer = visitor
        .post_plain(
            "/gop-y",
            &message("ban-lac", "craft_began_year", "Nghề dệt có từ thế kỷ 19."),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let id: i64 = sqlx::query_scalar("SELECT id FROM suggestions")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let mut editor = signed_in(&app, "editor@test.example", "10.9.4.2").await;
    let dashboard = editor.get("/quan-tri").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(
        dashboard.body.contains("Góp ý từ người dân"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains("Nghề dệt có từ thế kỷ 19."));
    assert!(
        dashboard.body.contains("0912 345 678"),
        "the editors see the contact"
    );
    assert_eq!(count(&dashboard.body, "data-testid=\"suggestion\""), 1);

    let mut outsider = signed_in(&app, "outsider@test.example", "10.9.4.3").await;
    let page = outsider.get("/quan-tri").await;
    assert!(
        !page.body.contains("Nghề dệt có từ thế kỷ 19."),
        "out of scope"
    );
    let close = format!("suggestion={id}&handled=true&lang=vi");
    let answer = outsider.call(CloseSuggestion::PATH, &close).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let mut partner = signed_in(&app, "partner@test.example", "10.9.4.4").await;
    let answer = partner.call(CloseSuggestion::PATH, &close).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = visitor.call(CloseSuggestion::PATH, &close).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

    // Without JavaScript: back to the dashboard, where it is gone.
    let answer = editor.post_plain(CloseSuggestion::PATH, &close).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let (state, by): (String, Option<i64>) =
        sqlx::query_as("SELECT state, closed_by FROM suggestions WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(state, "handled");
    assert!(by.is_some());
    let dashboard = editor.get("/quan-tri").await;
    assert!(!dashboard.body.contains("Nghề dệt có từ thế kỷ 19."));
    // Closing again: 404.
    let answer = editor.call(CloseSuggestion::PATH, &close).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'suggestion_handled' AND target_id = ?",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);
}
