//! Opening the SQLite database and migrating it.

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// The embedded migrations of `migrations/`.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL {0:?}: expected sqlite://PATH or sqlite::memory:")]
    Unsupported(String),
    #[error("bad database URL {url:?}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("cannot create the folder {path:?}: {reason}")]
    Folder { path: String, reason: String },
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Parses and checks a database URL, creating the folder of a file database.
pub fn options(url: &str) -> Result<SqliteConnectOptions, DbError> {
    if !url.starts_with("sqlite:") {
        return Err(DbError::Unsupported(url.to_owned()));
    }
    let options = SqliteConnectOptions::from_str(url).map_err(|e| DbError::BadUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    let path = options.get_filename();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| DbError::Folder {
            path: parent.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    Ok(options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true))
}

/// Opens the pool once for the whole process.
pub async fn connect(url: &str) -> Result<SqlitePool, DbError> {
    let options = options(url)?;
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    SqlitePoolOptions::new()
        // An in-memory database exists once per connection.
        .max_connections(if in_memory { 1 } else { 8 })
        // A connection to a file cannot hang up while idle, and the pool
        // checks each one as it comes back: a check before each use too
        // would be one more round trip to the connection's thread per use.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map_err(DbError::Open)
}

/// Opens the pool and applies pending migrations.
pub async fn connect_and_migrate(url: &str) -> Result<SqlitePool, DbError> {
    let pool = connect(url).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
