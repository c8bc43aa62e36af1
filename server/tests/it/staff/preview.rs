//! A draft or the typing of a form, previewed as the public page will show
//! it: nothing of the typing is written, escaped like the public page,
//! closed to those who may not read the listing's drafts.

use super::*;
use app::editing::preview::{ListingPreview, PreviewTyped};

async fn counts(app: &TestApp) -> (i64, i64) {
    sqlx::query_as("SELECT (SELECT COUNT(*) FROM revisions), (SELECT COUNT(*) FROM audit_log)")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn drafts_and_unsaved_typing_are_previewed_as_the_public_page_without_being_saved() {
    let app = TestApp::new().await;
    let (id, commune) = village(&app, "ban-lac").await;
    let other = other_commune(&app, &commune).await;
    sqlx::query("UPDATE villages SET status = 'draft' WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    add_user(&app, "editor@test.example", Role::Editor, &[&commune]).await;
    add_user(&app, "outsider@test.example", Role::Editor, &[&other]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let name: String = sqlx::query_scalar("SELECT name_vi FROM villages WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();

    // The public site does not show the draft; its preview does, saying so.
    let (status, _) = app.get("/lang-nghe/ban-lac").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mut editor = signed_in(&app, "editor@test.example", "10.0.80.1").await;
    let page = editor
        .get(&format!("/quan-tri/village/{id}/xem-truoc"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&name), "{}", page.body);
    assert!(page.body.contains("chưa ai ngoài cán bộ xem được"));
    assert!(page.body.contains("data-testid=\"village-profile\""));
    assert!(page.body.contains("noindex"));
    let english = editor.get(&format!("/en/admin/village/{id}/preview")).await;
    assert!(
        english
            .body
            .contains("nobody outside the staff can see it yet")
    );

    // The form's typing: kept for the preview, shown escaped, not saved.
    let before = counts(&app).await;
    let form = editor.form("village", id).await;
    let typed = "Bản Lác <script>alert(1)</script> đang sửa";
    let body = save_form(
        &form,
        &[
            ("name_vi", typed),
            ("description_vi", "Dòng một\r\nDòng hai"),
        ],
    );
    let answer = editor.post_plain(PreviewTyped::PATH, &body).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        location,
        format!("/quan-tri/village/{id}/xem-truoc?typed=1")
    );
    let page = editor.get(&location).await.body;
    assert!(
        page.contains("Bản Lác &lt;script&gt;alert(1)&lt;/script&gt; đang sửa"),
        "{page}"
    );
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains("những gì đang gõ trong biểu mẫu, chưa lưu"));
    assert!(page.contains("Dòng một"));
    let stored: String = sqlx::query_scalar("SELECT name_vi FROM villages WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, name, "the typing is not saved");
    assert_eq!(counts(&app).await, before, "no revision, no audit entry");

    // Typing that would be refused: the saved listing, and why.
    let body = save_form(&form, &[("craft_began_year", "3000")]);
    editor.post_plain(PreviewTyped::PATH, &body).await;
    let page = editor.get(&location).await.body;
    assert!(
        page.contains("Chưa xem trước được những gì đang gõ"),
        "{page}"
    );
    assert!(page.contains(&name));

    // Hydrated calls answer the same.
    let answer = editor
        .call(
            ListingPreview::PATH,
            &format!("kind=village&id={id}&typed=false"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let preview: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(preview["status"], "draft");
    assert_eq!(preview["typed"], false);

    // Another commune's editor: its draft stays closed, its typing too.
    let mut outsider = signed_in(&app, "outsider@test.example", "10.0.80.2").await;
    let answer = outsider
        .call(
            ListingPreview::PATH,
            &format!("kind=village&id={id}&typed=false"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = outsider.call(PreviewTyped::PATH, &body).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let mut partner = signed_in(&app, "partner@test.example", "10.0.80.3").await;
    let answer = partner
        .call(
            ListingPreview::PATH,
            &format!("kind=village&id={id}&typed=false"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let mut anonymous = Browser::new(&app, "10.0.80.4");
    let answer = anonymous
        .get(&format!("/quan-tri/village/{id}/xem-truoc"))
        .await;
    assert_ne!(answer.status, StatusCode::OK);
    assert!(!answer.body.contains(&name));
    // Published, another commune's listing previews as its public page.
    sqlx::query("UPDATE villages SET status = 'published' WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let answer = outsider
        .call(
            ListingPreview::PATH,
            &format!("kind=village&id={id}&typed=true"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let preview: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(preview["typed"], false, "nobody else's typing");
}
