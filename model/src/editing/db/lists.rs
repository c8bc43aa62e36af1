//! The staff list of each kind and the dashboard's counts.

use super::super::StaffListRow;
use crate::listing::Kind;
use crate::listing::db::table;
use sqlx::SqlitePool;

/// Every listing of a kind for the staff list (all statuses), by name.
pub async fn staff_list(pool: &SqlitePool, kind: Kind) -> Result<Vec<StaffListRow>, sqlx::Error> {
    let sql = format!(
        "SELECT x.id, x.name_vi AS name, x.slug, x.status, c.name AS commune,
                x.commune_code, x.updated_at
         FROM {} x LEFT JOIN communes c ON c.code = x.commune_code ORDER BY x.name_vi",
        table(kind)
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await
}

/// Counts for the dashboard: drafts, listings without a point, without a
/// description, of one kind.
pub async fn attention_counts(
    pool: &SqlitePool,
    kind: Kind,
) -> Result<(i64, i64, i64), sqlx::Error> {
    let sql = format!(
        "SELECT COUNT(*) FILTER (WHERE status = 'draft'),
                COUNT(*) FILTER (WHERE status <> 'archived' AND latitude IS NULL),
                COUNT(*) FILTER (WHERE status <> 'archived' AND COALESCE(description_vi, '') = '')
         FROM {}",
        table(kind)
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_one(pool)
        .await
}

/// OCOP certificates (valid 36 months) that end within `days` days.
pub async fn ocop_expiring(
    pool: &SqlitePool,
    days: i64,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name_vi, slug, date(ocop_certified_on, '+36 months') AS ends
         FROM products
         WHERE ocop_certified_on IS NOT NULL AND status = 'published'
           AND date(ocop_certified_on, '+36 months') <= date('now', '+' || ? || ' days')
         ORDER BY ends",
    )
    .bind(days)
    .fetch_all(pool)
    .await
}
