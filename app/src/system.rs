//! Server-only queries about the database itself.

use sqlx::SqlitePool;

/// Checks that the database answers.
pub async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
}
