//! Server-only queries of public messages: stored (within the cap of
//! waiting ones), listed for the editors, closed.

use super::{PENDING_MAX, Suggestion, SuggestionView};
use crate::listing::Kind;
use crate::staff::db::{Audit, audit};
use sqlx::SqlitePool;

/// What became of a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored with this id.
    Stored(i64),
    /// No published listing of the kind has the address.
    NoListing,
    /// [`PENDING_MAX`] messages wait already.
    QueueFull,
}

/// The published listing `slug` of `kind`: its id and names.
pub async fn published_target(
    pool: &SqlitePool,
    kind: Kind,
    slug: &str,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    let sql = format!(
        "SELECT id, name_vi, name_en FROM {} WHERE slug = ? AND status = 'published'",
        kind.table()
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(slug)
        .fetch_optional(pool)
        .await
}

/// Stores a message about a published listing, unless the queue is full.
pub async fn insert(pool: &SqlitePool, s: &Suggestion) -> Result<Stored, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let sql = format!(
        "SELECT id FROM {} WHERE slug = ? AND status = 'published'",
        s.kind.table()
    );
    let Some(target_id): Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(&s.slug)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(Stored::NoListing);
    };
    let waiting: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM suggestions WHERE state = 'pending'")
            .fetch_one(&mut *tx)
            .await?;
    if waiting >= PENDING_MAX {
        return Ok(Stored::QueueFull);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO suggestions (target, target_id, field, message, name, contact)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(s.kind.table())
    .bind(target_id)
    .bind(&s.field)
    .bind(&s.message)
    .bind(&s.name)
    .bind(&s.contact)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Stored::Stored(id))
}

type Row = (
    i64,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
);

const PENDING_SELECT: &str = "SELECT s.id, s.target, s.target_id,
        COALESCE(v.name_vi, c.name_vi, e.name_vi, p.name_vi),
        COALESCE(v.slug, c.slug, e.slug, p.slug),
        COALESCE(v.commune_code, c.commune_code, e.commune_code, p.commune_code),
        s.field, s.message, s.name, s.contact, s.created_at
   FROM suggestions s
   LEFT JOIN villages v ON s.target = 'villages' AND v.id = s.target_id
   LEFT JOIN clusters c ON s.target = 'clusters' AND c.id = s.target_id
   LEFT JOIN enterprises e ON s.target = 'enterprises' AND e.id = s.target_id
   LEFT JOIN products p ON s.target = 'products' AND p.id = s.target_id
  WHERE s.state = 'pending'";

fn view(row: Row) -> Option<(SuggestionView, Option<String>)> {
    let (id, target, listing_id, name, slug, commune, field, message, who, contact, at) = row;
    Some((
        SuggestionView {
            id,
            kind: Kind::of_table(&target)?,
            listing_id,
            listing_name: name?,
            slug: slug?,
            field,
            message,
            name: who,
            contact,
            at,
        },
        commune,
    ))
}

/// Waiting messages, oldest first (the first 200), each with the commune
/// of its listing (for editors limited to communes).
pub async fn pending(
    pool: &SqlitePool,
) -> Result<Vec<(SuggestionView, Option<String>)>, sqlx::Error> {
    let sql = format!("{PENDING_SELECT} ORDER BY s.id LIMIT 200");
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().filter_map(view).collect())
}

/// One waiting message with the commune of its listing.
pub async fn pending_one(
    pool: &SqlitePool,
    id: i64,
) -> Result<Option<(SuggestionView, Option<String>)>, sqlx::Error> {
    let sql = format!("{PENDING_SELECT} AND s.id = ?");
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.and_then(view))
}

/// Closes a waiting message as handled or dismissed; false when it was
/// closed already.
pub async fn close(
    pool: &SqlitePool,
    id: i64,
    handled: bool,
    user_id: i64,
    ip: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let state = if handled { "handled" } else { "dismissed" };
    let done = sqlx::query(
        "UPDATE suggestions SET state = ?, closed_by = ?,
                closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
          WHERE id = ? AND state = 'pending'",
    )
    .bind(state)
    .bind(user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        audit(
            &mut tx,
            Audit {
                user_id: Some(user_id),
                action: if handled {
                    "suggestion_handled"
                } else {
                    "suggestion_dismissed"
                },
                target: Some("suggestions"),
                target_id: Some(id),
                detail: "",
                ip,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}
