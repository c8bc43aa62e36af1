//! A listing's revisions as stored.

use super::super::Values;
use crate::listing::Kind;
use crate::listing::db::table;
use sqlx::SqlitePool;

/// A stored revision.
pub struct RevisionRow {
    pub id: i64,
    pub kind: Kind,
    pub target_id: i64,
    pub at: String,
    pub who: Option<String>,
    pub action: String,
    pub restored_from: Option<i64>,
    pub values: Values,
    /// The import that wrote it: its id and file name.
    pub import: Option<(i64, String)>,
}

#[derive(sqlx::FromRow)]
struct RawRevision {
    id: i64,
    target: String,
    target_id: i64,
    at: String,
    who: Option<String>,
    action: String,
    restored_from: Option<i64>,
    fields: String,
    import_id: Option<i64>,
    import_file: Option<String>,
}

impl RawRevision {
    fn finish(self) -> Option<RevisionRow> {
        let kind = crate::listing::db::kind_of_table(&self.target)?;
        Some(RevisionRow {
            id: self.id,
            kind,
            target_id: self.target_id,
            at: self.at,
            who: self.who,
            action: self.action,
            restored_from: self.restored_from,
            values: serde_json::from_str(&self.fields).ok()?,
            import: self.import_id.zip(self.import_file),
        })
    }
}

const REVISION_COLUMNS: &str = "SELECT r.id, r.target, r.target_id, r.at, u.display_name AS who,
        r.action, r.restored_from, r.fields, r.import_id, i.file_name AS import_file
     FROM revisions r LEFT JOIN users u ON u.id = r.user_id
     LEFT JOIN imports i ON i.id = r.import_id";

/// A listing's revisions, oldest first.
pub async fn revisions(
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
) -> Result<Vec<RevisionRow>, sqlx::Error> {
    let rows: Vec<RawRevision> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{REVISION_COLUMNS} WHERE r.target = ? AND r.target_id = ? ORDER BY r.id"
    )))
    .bind(table(kind))
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().filter_map(RawRevision::finish).collect())
}

/// One revision by id.
pub async fn revision(pool: &SqlitePool, id: i64) -> Result<Option<RevisionRow>, sqlx::Error> {
    let row: Option<RawRevision> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{REVISION_COLUMNS} WHERE r.id = ?"
    )))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(RawRevision::finish))
}

/// Whether every revision of the listing is by the loader `action` (no
/// staff edit, restore or accepted proposal since): then the loader may
/// bring it up to date without overwriting anyone's work.
pub async fn only_loaded_by(
    conn: &mut sqlx::SqliteConnection,
    kind: Kind,
    id: i64,
    action: &str,
) -> Result<bool, sqlx::Error> {
    let others: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM revisions
          WHERE target = ? AND target_id = ? AND (action <> ? OR user_id IS NOT NULL)",
    )
    .bind(table(kind))
    .bind(id)
    .bind(action)
    .fetch_one(conn)
    .await?;
    Ok(others == 0)
}
