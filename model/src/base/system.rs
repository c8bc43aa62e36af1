//! Server-only queries about the database itself.

use sqlx::SqlitePool;

/// Checks that the database answers.
pub async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
}

/// Begins a transaction that writes: `BEGIN IMMEDIATE` takes the write lock
/// at once, waiting up to the busy timeout for another writer. A deferred
/// transaction that reads first fails at its first write, without waiting,
/// when another writer committed meanwhile (SQLITE_BUSY_SNAPSHOT): two
/// people saving at once got "database is locked".
pub async fn begin_write(
    pool: &SqlitePool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Moves everything in the write-ahead log into the database file and
/// empties the log (at shutdown, so that the file alone is complete).
pub async fn checkpoint(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await
        .map(|_| ())
}

/// Writes a consistent copy of the whole database to `path` (a new file)
/// while it stays in use: SQLite's `VACUUM INTO`.
pub async fn copy_into(pool: &SqlitePool, path: &str) -> Result<(), sqlx::Error> {
    sqlx::query("VACUUM INTO ?")
        .bind(path)
        .execute(pool)
        .await
        .map(|_| ())
}

/// What `PRAGMA integrity_check` says: `["ok"]` for a sound database.
pub async fn integrity_check(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(pool)
        .await
}

/// The newest migration applied to the database (0: none).
pub async fn migration_version(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await
}
