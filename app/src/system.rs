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
