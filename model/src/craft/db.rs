//! Server-only queries for the craft taxonomy.

use serde::Deserialize;
use sqlx::SqliteConnection;

/// A craft as the seed file describes it.
#[derive(Debug, Deserialize)]
pub struct NewCraft {
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub trade_group: i64,
}

/// Inserts a craft unless its slug is already there.
pub async fn insert(conn: &mut SqliteConnection, craft: &NewCraft) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO crafts (slug, name_vi, name_en, trade_group) VALUES (?, ?, ?, ?)
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(&craft.slug)
    .bind(&craft.name_vi)
    .bind(&craft.name_en)
    .bind(craft.trade_group)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every craft's slug.
pub async fn slugs(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT slug FROM crafts ORDER BY slug")
        .fetch_all(conn)
        .await
}
