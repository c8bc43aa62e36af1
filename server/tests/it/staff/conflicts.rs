//! Two people editing one listing: changes to different fields are merged,
//! the same field changed by both is shown side by side and each person
//! keeps theirs or takes the other's, field by field.

use super::*;

fn answer_of(answer: &Answer) -> serde_json::Value {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

async fn stored(app: &TestApp, id: i64) -> (String, String, String) {
    sqlx::query_as("SELECT name_en, COALESCE(description_en, ''), COALESCE(products_en, '') FROM villages WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Both open the village's form, then Minh saves `text` as its English
/// description: Lan's form, loaded before.
async fn minh_saves_first(
    lan: &mut Browser<'_>,
    minh: &mut Browser<'_>,
    id: i64,
    text: &str,
) -> serde_json::Value {
    let lan_form = lan.form("village", id).await;
    let minh_form = minh.form("village", id).await;
    answer_of(
        &minh
            .call(
                SaveListing::PATH,
                &save_form(&minh_form, &[("description_en", text)]),
            )
            .await,
    );
    lan_form
}

#[tokio::test]
async fn edits_made_meanwhile_are_merged_or_decided_field_by_field() {
    let app = TestApp::new().await;
    let (id, _) = village(&app, "xom-soi").await;
    add_user(&app, "lan@test.example", Role::Editor, &[]).await;
    add_user(&app, "minh@test.example", Role::Editor, &[]).await;
    let mut lan = signed_in(&app, "lan@test.example", "10.0.60.1").await;
    let mut minh = signed_in(&app, "minh@test.example", "10.0.60.2").await;

    // Both open the form; Minh saves a new English name first.
    let lan_form = lan.form("village", id).await;
    let minh_form = minh.form("village", id).await;
    let saved = answer_of(
        &minh
            .call(
                SaveListing::PATH,
                &save_form(&minh_form, &[("name_en", "Soi stone village")]),
            )
            .await,
    );
    assert_eq!(saved["errors"], serde_json::json!({}));

    // Lan changed another field: her save goes through, Minh's name stays,
    // and she is told what changed meanwhile.
    let merged = answer_of(
        &lan.call(
            SaveListing::PATH,
            &save_form(&lan_form, &[("products_en", "Bonsai stones and rockeries")]),
        )
        .await,
    );
    assert_eq!(merged["errors"], serde_json::json!({}), "{merged}");
    assert_eq!(merged["meanwhile"][0]["key"], "name_en", "{merged}");
    assert_eq!(merged["meanwhile"][0]["theirs"], "Soi stone village");
    let (name, _, products) = stored(&app, id).await;
    assert_eq!(
        (name.as_str(), products.as_str()),
        ("Soi stone village", "Bonsai stones and rockeries")
    );

    // Both change the same field: the second save is not written; it shows
    // both sides of that field.
    let lan_form = minh_saves_first(&mut lan, &mut minh, id, "Minh's text.").await;
    let clash = answer_of(
        &lan.call(
            SaveListing::PATH,
            &save_form(
                &lan_form,
                &[("description_en", "Lan's text."), ("name_en", "Xom Soi")],
            ),
        )
        .await,
    );
    assert_eq!(
        clash["errors"]["description_en"], "ChangedMeanwhile",
        "{clash}"
    );
    assert!(
        clash["errors"].get("name_en").is_none(),
        "only the field both changed"
    );
    let conflict = &clash["conflicts"][0];
    assert_eq!(conflict["key"], "description_en");
    assert_eq!(conflict["theirs"], "Minh's text.");
    assert_eq!(conflict["mine"], "Lan's text.");
    assert_eq!(stored(&app, id).await.1, "Minh's text.", "nothing written");
    let current = clash["version"].as_str().unwrap().to_owned();
    assert_ne!(current, lan_form["version"].as_str().unwrap());

    // She keeps hers for that field: saved with the version the answer
    // gave, her other change too.
    let mut form = lan_form.clone();
    form["version"] = current.clone().into();
    let kept = answer_of(
        &lan.call(
            SaveListing::PATH,
            &format!(
                "{}&keep[description_en]=mine",
                save_form(
                    &form,
                    &[("description_en", "Lan's text."), ("name_en", "Xom Soi")]
                )
            ),
        )
        .await,
    );
    assert_eq!(kept["errors"], serde_json::json!({}), "{kept}");
    let (name, description, _) = stored(&app, id).await;
    assert_eq!(
        (name.as_str(), description.as_str()),
        ("Xom Soi", "Lan's text.")
    );

    // Or takes the other's: the stored text wins over what she typed.
    let lan_form = minh_saves_first(&mut lan, &mut minh, id, "Minh again.").await;
    let clash = answer_of(
        &lan.call(
            SaveListing::PATH,
            &save_form(&lan_form, &[("description_en", "Lan again.")]),
        )
        .await,
    );
    let mut form = lan_form.clone();
    form["version"] = clash["version"].clone();
    let taken = answer_of(
        &lan.call(
            SaveListing::PATH,
            &format!(
                "{}&keep[description_en]=theirs",
                save_form(&form, &[("description_en", "Lan again.")])
            ),
        )
        .await,
    );
    assert_eq!(taken["errors"], serde_json::json!({}), "{taken}");
    assert_eq!(stored(&app, id).await.1, "Minh again.");

    // Without JavaScript the form comes back with both sides to choose
    // from, each choice a radio button.
    let lan_form = minh_saves_first(&mut lan, &mut minh, id, "Minh third.").await;
    let plain = lan
        .post_plain(
            SaveListing::PATH,
            &save_form(&lan_form, &[("description_en", "Lan third.")]),
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    let page = lan.get(&format!("/quan-tri/village/{id}")).await.body;
    assert!(
        page.contains("Minh third.") && page.contains("Lan third."),
        "{page}"
    );
    assert!(
        page.contains("name=\"keep[description_en]\" value=\"theirs\""),
        "{page}"
    );
    assert!(page.contains("minh@test.example"), "who changed it");
}
