//! Several people writing at once: every save is acknowledged or put to
//! its author as "changed meanwhile", every upload answered, never a 500.

use super::*;

/// One editor saving a village `times` times, each time from the form as
/// it is then: how many saves were acknowledged and how many refused as
/// changed meanwhile. Anything else fails the test.
async fn keep_saving(router: axum::Router, cookie: String, id: i64, times: u32) -> (u32, u32) {
    let (mut saved, mut stale) = (0, 0);
    for n in 0..times {
        let (status, _, body) = send_as(
            router.clone(),
            cookie.clone(),
            call_request(EditForm::PATH, format!("kind=village&id={id}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "form: {body}");
        let data: serde_json::Value = serde_json::from_str(&body).unwrap();
        let households = (100 + n).to_string();
        let form = save_form(&data, &[("total_households", households.as_str())]);
        let (status, _, body) = send_as(
            router.clone(),
            cookie.clone(),
            call_request(SaveListing::PATH, form),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "save: {body}");
        let errors = serde_json::from_str::<serde_json::Value>(&body).unwrap()["errors"].clone();
        if errors == serde_json::json!({}) {
            saved += 1;
        } else {
            // Another editor saved the same field meanwhile: put to this one.
            assert_eq!(
                errors,
                serde_json::json!({ "total_households": "ChangedMeanwhile" }),
                "{body}"
            );
            stale += 1;
        }
    }
    (saved, stale)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn editors_saving_and_uploading_at_once_never_get_a_500() {
    let app = TestApp::new().await;
    let (shared, _) = village(&app, "ban-lac").await;
    let (own, _) = village(&app, "xom-soi").await;
    let mut cookies = Vec::new();
    for i in 0..4 {
        let email = format!("editor{i}@test.example");
        add_user(&app, &email, Role::Editor, &[]).await;
        let browser = signed_in(&app, &email, &format!("10.0.40.{}", i + 10)).await;
        cookies.push(browser.cookie.clone().unwrap());
    }
    let revisions_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let mut savers = tokio::task::JoinSet::new();
    // Two editors on the same village, one on another.
    for (cookie, id) in [
        (&cookies[0], shared),
        (&cookies[1], shared),
        (&cookies[2], own),
    ] {
        savers.spawn(keep_saving(app.router.clone(), cookie.clone(), id, 10));
    }
    // A fourth uploads photos meanwhile.
    let mut uploads = tokio::task::JoinSet::new();
    for n in 0..3 {
        let (router, cookie) = (app.router.clone(), cookies[3].clone());
        let id = if n % 2 == 0 { shared } else { own }.to_string();
        uploads.spawn(async move {
            let photo = png(400 + n * 10, 300);
            let (content_type, body) = multipart(
                &[
                    ("kind", "village"),
                    ("id", &id),
                    ("lang", "vi"),
                    ("alt_vi", "Ảnh"),
                ],
                Some(("a.png", "image/png", &photo)),
            );
            let request = Request::builder()
                .method("POST")
                .uri(app::media::UPLOAD_PATH)
                .header("content-type", content_type)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap();
            send_as(router, cookie, request).await
        });
    }
    let mut acknowledged = 0;
    for (saved, stale) in savers.join_all().await {
        assert_eq!(saved + stale, 10);
        acknowledged += saved;
    }
    for (status, headers, body) in uploads.join_all().await {
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(headers["x-upload-outcome"], "Added");
    }
    // Every acknowledged save is a revision (the villages' first revisions,
    // "seed", were there before).
    let revisions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        revisions - revisions_before,
        i64::from(acknowledged),
        "{acknowledged} saves acknowledged"
    );
    assert!(
        acknowledged >= 12,
        "only {acknowledged} of 30 saves went through"
    );
}
