//! Partners' own say in their proposals: a note the reviewer reads,
//! withdrawing one that waits, and sending a rejected or withdrawn one
//! again — never someone else's.

use super::*;
use app::editing::review::{ResubmitProposal, WithdrawProposal};

fn proposal_of(answer: &Answer) -> i64 {
    serde_json::from_str::<serde_json::Value>(&answer.body).unwrap()["proposal"]
        .as_i64()
        .unwrap_or_else(|| panic!("no proposal: {}", answer.body))
}

fn outcome_of(answer: &Answer) -> serde_json::Value {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str::<serde_json::Value>(&answer.body).unwrap()["outcome"].clone()
}

/// The dashboard's card of proposal `id`.
async fn card(browser: &mut Browser<'_>, id: i64) -> serde_json::Value {
    let dashboard: serde_json::Value =
        serde_json::from_str(&browser.call(Dashboard::PATH, "").await.body).unwrap();
    dashboard["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

#[tokio::test]
async fn partners_justify_withdraw_and_send_proposals_again() {
    let app = TestApp::new().await;
    let (id, _) = village(&app, "xom-soi").await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    add_user(&app, "other@test.example", Role::Partner, &[]).await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut partner = signed_in(&app, "partner@test.example", "10.0.50.1").await;
    let data: serde_json::Value = serde_json::from_str(
        &partner
            .call(EditForm::PATH, &format!("kind=village&id={id}"))
            .await
            .body,
    )
    .unwrap();
    let note = "Theo biển hiệu <b>tại</b> xóm, tháng 11/2026.";
    let sent = partner
        .call(
            ProposeEdit::PATH,
            &format!(
                "{}&note={}",
                save_form(&data, &[("name_en", "Soi stone village")]),
                enc(&format!("  {note}  "))
            ),
        )
        .await;
    let first = proposal_of(&sent);

    // The editor reads the note with the change; the dashboard escapes it.
    let mut editor = signed_in(&app, "editor@test.example", "10.0.50.2").await;
    assert_eq!(card(&mut editor, first).await["note"], note);
    let page = editor.get("/quan-tri").await;
    assert!(
        page.body.contains("&lt;b&gt;tại&lt;/b&gt;"),
        "the note escaped"
    );

    // Nobody but its partner withdraws or resends it.
    let mut other = signed_in(&app, "other@test.example", "10.0.50.3").await;
    for (path, form) in [
        (WithdrawProposal::PATH, format!("proposal={first}")),
        (ResubmitProposal::PATH, format!("proposal={first}")),
    ] {
        for browser in [&mut other, &mut editor] {
            let refused = browser.call(path, &form).await;
            assert_eq!(
                refused.status,
                StatusCode::FORBIDDEN,
                "{path}: {}",
                refused.body
            );
        }
    }
    let unknown = partner
        .call(WithdrawProposal::PATH, "proposal=999999")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // Waiting: it cannot be sent again, only withdrawn (once).
    let early = partner
        .call(ResubmitProposal::PATH, &format!("proposal={first}"))
        .await;
    assert_eq!(outcome_of(&early), "AlreadyReviewed");
    let withdrawn = partner
        .call(WithdrawProposal::PATH, &format!("proposal={first}"))
        .await;
    assert_eq!(outcome_of(&withdrawn), "Withdrawn");
    let again = partner
        .call(WithdrawProposal::PATH, &format!("proposal={first}"))
        .await;
    assert_eq!(outcome_of(&again), "AlreadyReviewed");
    assert_eq!(card(&mut partner, first).await["state"], "withdrawn");
    assert!(
        card(&mut editor, first).await.is_null(),
        "left the review queue"
    );
    let review = editor
        .call(
            ReviewProposal::PATH,
            &format!("proposal={first}&decision=accept&lang=vi"),
        )
        .await;
    assert_eq!(
        outcome_of(&review),
        "AlreadyReviewed",
        "a withdrawn one is not decided"
    );

    // Sent again with a new note: a new proposal waiting, with the same
    // change and what it replaces.
    let resent = partner
        .call(
            ResubmitProposal::PATH,
            &format!("proposal={first}&note={}", enc("Đã kiểm tra lại.")),
        )
        .await;
    assert_eq!(outcome_of(&resent), "Resubmitted");
    let (second, resubmits): (i64, Option<i64>) =
        sqlx::query_as("SELECT id, resubmits FROM proposals ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(resubmits, Some(first));
    // Once only: sent again a second time, nothing new waits.
    let twice = partner
        .call(ResubmitProposal::PATH, &format!("proposal={first}"))
        .await;
    assert_eq!(outcome_of(&twice), "AlreadyResent");
    let newest: i64 = sqlx::query_scalar("SELECT MAX(id) FROM proposals")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(newest, second);
    let queued = card(&mut editor, second).await;
    assert_eq!(queued["state"], "pending");
    assert_eq!(queued["note"], "Đã kiểm tra lại.");
    assert_eq!(queued["changes"][0]["key"], "name_en");
    assert_eq!(queued["changes"][0]["after"], "Soi stone village");

    // Rejected, then the listing gets that value anyway: sending it again
    // changes nothing and says so; nothing is recorded.
    let rejected = editor
        .call(
            ReviewProposal::PATH,
            &format!("proposal={second}&decision=reject&reason=Ch%C6%B0a+%C4%91%E1%BB%A7&lang=vi"),
        )
        .await;
    assert_eq!(outcome_of(&rejected), "Rejected");
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
            &save_form(&data, &[("name_en", "Soi stone village")]),
        )
        .await;
    assert_eq!(errors_of(&saved), serde_json::json!({}));
    let proposals_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM proposals")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let nothing = partner
        .call(ResubmitProposal::PATH, &format!("proposal={second}"))
        .await;
    assert_eq!(outcome_of(&nothing), "NothingChanged");
    let proposals_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM proposals")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(proposals_before, proposals_after);

    // Without JavaScript: the plain form goes back to the dashboard, which
    // says what happened once.
    let third = proposal_of(
        &partner
            .call(
                ProposeEdit::PATH,
                &save_form(&data, &[("name_en", "Xom Soi")]),
            )
            .await,
    );
    let plain = partner
        .post_plain(WithdrawProposal::PATH, &format!("proposal={third}&lang=vi"))
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER, "{}", plain.body);
    assert_eq!(plain.headers[header::LOCATION], "/quan-tri");
    let page = partner.get("/quan-tri").await;
    assert!(page.body.contains("Đã rút lại đề xuất."), "{}", page.body);
    assert!(
        !partner
            .get("/quan-tri")
            .await
            .body
            .contains("Đã rút lại đề xuất.")
    );
}
