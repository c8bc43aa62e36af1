//! Fields that live in join tables (a village's crafts, an enterprise's
//! villages and clusters) go through the same form, checks and revisions
//! as the others.

use super::{add_user, errors_of, save_form, signed_in, village};
use crate::common::TestApp;
use app::editing::api::SaveListing;
use app::staff::Role;
use leptos::server_fn::ServerFn;

/// The crafts of a village in their order.
async fn crafts(app: &TestApp, id: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT c.slug FROM village_crafts vc JOIN crafts c ON c.id = vc.craft_id
          WHERE vc.village_id = ? ORDER BY vc.position",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn crafts_and_memberships_are_edited_in_the_form() {
    let app = TestApp::new().await;
    let (id, _) = village(&app, "ban-lac").await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.7.0.1").await;

    // The form shows what the seed stored, the main craft first.
    let data = admin.form("village", id).await;
    assert_eq!(data["values"]["crafts"], "det-tho-cam, du-lich-cong-dong");
    assert_eq!(data["values"]["legacy_commune_code"], "05248");

    // An unknown craft is refused at its field and nothing changes.
    let answer = admin
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("crafts", "du-lich-cong-dong, khong-co")]),
        )
        .await;
    assert_eq!(
        errors_of(&answer)["crafts"],
        "UnknownLink",
        "{}",
        answer.body
    );
    assert_eq!(crafts(&app, id).await, ["det-tho-cam", "du-lich-cong-dong"]);

    // A new order (and a pasted link) is stored in that order.
    let answer = admin
        .call(
            SaveListing::PATH,
            &save_form(
                &data,
                &[("crafts", "https://x.vn/nghe/du-lich-cong-dong, det-tho-cam")],
            ),
        )
        .await;
    assert_eq!(errors_of(&answer), serde_json::json!({}), "{}", answer.body);
    assert_eq!(crafts(&app, id).await, ["du-lich-cong-dong", "det-tho-cam"]);

    // An enterprise joins a cluster; a tenant's own figures survive a save
    // that keeps the membership, and go when it is removed.
    let (enterprise, cluster): (i64, String) = sqlx::query_as(
        "SELECT (SELECT id FROM enterprises ORDER BY id LIMIT 1),
                (SELECT slug FROM clusters ORDER BY id LIMIT 1)",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let data = admin.form("enterprise", enterprise).await;
    let answer = admin
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("clusters", &cluster), ("villages", "ban-lac")]),
        )
        .await;
    assert_eq!(errors_of(&answer), serde_json::json!({}), "{}", answer.body);
    sqlx::query("UPDATE cluster_tenants SET capital_billion_vnd = 12.5 WHERE enterprise_id = ?")
        .bind(enterprise)
        .execute(&app.pool)
        .await
        .unwrap();
    let data = admin.form("enterprise", enterprise).await;
    assert_eq!(data["values"]["clusters"], cluster.as_str());
    assert_eq!(data["values"]["villages"], "ban-lac");
    let answer = admin
        .call(
            SaveListing::PATH,
            &save_form(&data, &[("name_en", "Renamed")]),
        )
        .await;
    assert_eq!(errors_of(&answer), serde_json::json!({}), "{}", answer.body);
    let capital: Option<f64> = sqlx::query_scalar(
        "SELECT capital_billion_vnd FROM cluster_tenants WHERE enterprise_id = ?",
    )
    .bind(enterprise)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(capital, Some(12.5));
    let data = admin.form("enterprise", enterprise).await;
    let answer = admin
        .call(SaveListing::PATH, &save_form(&data, &[("clusters", "")]))
        .await;
    assert_eq!(errors_of(&answer), serde_json::json!({}), "{}", answer.body);
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cluster_tenants WHERE enterprise_id = ?")
            .bind(enterprise)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(left, 0);
}
