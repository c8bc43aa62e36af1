//! The command line and the typed configuration, read once at start-up.
//!
//! Every setting is a flag and an environment variable (see `.env.example`):
//! - `LANGNGHE_ADDR` / `--addr`: address to listen on (default `127.0.0.1:3000`).
//! - `LANGNGHE_DATABASE_URL` / `--database`: SQLite URL (default
//!   `sqlite://data/langnghe.db`, created if absent).
//! - `LANGNGHE_SITE_URL` / `--site-url`: public base URL for canonical and
//!   OpenGraph links (default `http://` + the listen address).
//! - `LANGNGHE_SITE_ROOT` / `--site-root`: folder with the built assets
//!   (default `target/site`).
//! - `LANGNGHE_PAGE_CACHE_MB` / `--page-cache-mb`: memory for rendered public
//!   pages (default 64; 0 turns the cache off).
//! - `LANGNGHE_MEDIA_DIR` / `--media-dir`: uploaded photos (default
//!   `data/media`).
//! - `LANGNGHE_TILE_URL` / `--tile-url`: the map's tile URL template
//!   (default OpenStreetMap's standard tiles; `none`: no tiles, the map shows
//!   markers and commune points on a plain background).
//! - `LANGNGHE_TILE_ATTRIBUTION` / `--tile-attribution`: the tiles' licence
//!   line (HTML).
//! - `LANGNGHE_TRUSTED_PROXIES` / `--trusted-proxies`: reverse proxies
//!   (comma-separated IP addresses) whose `X-Forwarded-For` names the client;
//!   default none (the peer address is the client).
//! - `LANGNGHE_SHUTDOWN_GRACE` / `--shutdown-grace`: seconds requests in
//!   flight get to finish after SIGTERM or SIGINT (default 20).
//! - `LANGNGHE_BACKUP_DIR` / `--backup-dir`: folder for scheduled backups
//!   (default none: no scheduled backups).
//! - `LANGNGHE_BACKUP_EVERY` / `--backup-every`: how often (default `1d`).
//! - `LANGNGHE_BACKUP_KEEP_DAILY` / `LANGNGHE_BACKUP_KEEP_WEEKLY`: how many
//!   days and ISO weeks keep their newest backup (default 7 and 4).
//! - `LANGNGHE_METRICS_TOKEN` / `--metrics-token`: bearer token that reads
//!   `/metrics` from elsewhere (default none: only straight from loopback).
//! - `LANGNGHE_API_RATE` / `--api-rate`: open data requests per second
//!   and client address (default 50, after a burst of 300; 0: no limit).
//! - `LANGNGHE_LOG`: log filter in `tracing` syntax (default `info`).
//! - `LANGNGHE_LOG_FORMAT`: `json` for one JSON object per log line
//!   (default: text).

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;

/// langnghe: the craft village and small-industry portal.
#[derive(Debug, Parser)]
#[command(name = "langnghe", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site; migrates the database and seeds it when empty.
    Serve(ServeArgs),
    /// Apply pending database migrations.
    Migrate(DbArgs),
    /// Insert the real seed data; running it again adds nothing.
    Seed(SeedArgs),
    /// Create an administrator account. The password is read from the
    /// terminal (asked twice) or, when stdin is not a terminal, from its
    /// first line; never from an argument.
    CreateAdmin(CreateAdminArgs),
    /// Create an account of any role (admin, editor or partner); the
    /// password is read as for create-admin.
    CreateUser(CreateUserArgs),
    /// Write a backup archive (a consistent copy of the database, every
    /// photo and a manifest with checksums); the server may keep running.
    Backup(BackupArgs),
    /// Restore a backup archive over the database and the photos, after
    /// checking it; refused while a server uses the database. What it
    /// replaces is kept beside it (`….before-restore-<time>`).
    Restore(RestoreArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Folder for the archive (created when needed).
    #[arg(long)]
    pub to: std::path::PathBuf,
    /// Folder of the photos.
    #[arg(long, env = "LANGNGHE_MEDIA_DIR", default_value = DEFAULT_MEDIA_DIR)]
    pub media_dir: std::path::PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The archive (`langnghe-<time>.tar.gz`).
    #[arg(long)]
    pub from: std::path::PathBuf,
    /// Folder of the photos.
    #[arg(long, env = "LANGNGHE_MEDIA_DIR", default_value = DEFAULT_MEDIA_DIR)]
    pub media_dir: std::path::PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct CreateUserArgs {
    #[command(flatten)]
    pub admin: CreateAdminArgs,
    /// admin, editor or partner.
    #[arg(long, value_parser = ["admin", "editor", "partner"])]
    pub role: String,
    /// A commune code an editor is limited to (repeatable; none: all).
    #[arg(long = "commune")]
    pub communes: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CreateAdminArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The account's e-mail address (its sign-in name).
    #[arg(long)]
    pub email: String,
    /// The name shown in the staff area and the history; defaults to the
    /// part of the address before '@'.
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// SQLite database URL.
    #[arg(
        long = "database",
        env = "LANGNGHE_DATABASE_URL",
        default_value = "sqlite://data/langnghe.db"
    )]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Instead of the real data, fill an empty database with clearly
    /// synthetic listings for benchmarks (5,000 villages, 500 clusters,
    /// 100,000 enterprises, 20,000 products).
    #[arg(long)]
    pub synthetic: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "LANGNGHE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Public base URL of the site.
    #[arg(long, env = "LANGNGHE_SITE_URL")]
    pub site_url: Option<String>,
    /// Folder with the built site (wasm, js, css, public files).
    #[arg(long, env = "LANGNGHE_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Memory for rendered public pages, in MiB (0: no page cache).
    #[arg(long, env = "LANGNGHE_PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: u64,
    /// Folder for uploaded photos (created when needed).
    #[arg(long, env = "LANGNGHE_MEDIA_DIR", default_value = DEFAULT_MEDIA_DIR)]
    pub media_dir: std::path::PathBuf,
    /// Map tiles as a Leaflet URL template; `none` for none.
    #[arg(long, env = "LANGNGHE_TILE_URL", default_value = DEFAULT_TILE_URL)]
    pub tile_url: String,
    /// The tiles' licence line, shown in the map's corner (HTML).
    #[arg(long, env = "LANGNGHE_TILE_ATTRIBUTION", default_value = DEFAULT_TILE_ATTRIBUTION)]
    pub tile_attribution: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed (comma-separated
    /// IP addresses); from any other peer the header is ignored.
    #[arg(long, env = "LANGNGHE_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seconds that requests in flight get to finish after SIGTERM/SIGINT.
    #[arg(long, env = "LANGNGHE_SHUTDOWN_GRACE", default_value_t = 20)]
    pub shutdown_grace: u64,
    /// Bearer token that reads /metrics from elsewhere than loopback.
    #[arg(long, env = "LANGNGHE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Open data requests a client address may make each second, after a
    /// burst of six seconds' worth (0: no limit, e.g. behind a proxy that
    /// limits them itself, or for load tests).
    #[arg(long, env = "LANGNGHE_API_RATE", default_value_t = 50)]
    pub api_rate: u32,
    /// Folder for scheduled backups (none: no scheduled backups).
    #[arg(long, env = "LANGNGHE_BACKUP_DIR")]
    pub backup_dir: Option<std::path::PathBuf>,
    /// How often to back up: 30m, 6h, 1d, … (with --backup-dir).
    #[arg(long, env = "LANGNGHE_BACKUP_EVERY", default_value = "1d",
          value_parser = crate::backup::parse_period)]
    pub backup_every: std::time::Duration,
    /// Days whose newest backup is kept.
    #[arg(long, env = "LANGNGHE_BACKUP_KEEP_DAILY", default_value_t = 7)]
    pub backup_keep_daily: usize,
    /// ISO weeks whose newest backup is kept.
    #[arg(long, env = "LANGNGHE_BACKUP_KEEP_WEEKLY", default_value_t = 4)]
    pub backup_keep_weekly: usize,
}

/// Where photos go unless configured.
pub const DEFAULT_MEDIA_DIR: &str = "data/media";

/// OpenStreetMap's standard tiles (their usage policy asks for the
/// attribution below and a moderate load).
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
pub const DEFAULT_TILE_ATTRIBUTION: &str =
    "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

impl ServeArgs {
    /// The tile URL template; `none` or empty turns tiles off.
    pub fn tile_url(&self) -> String {
        let url = self.tile_url.trim();
        if url.eq_ignore_ascii_case("none") {
            String::new()
        } else {
            url.to_owned()
        }
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        self.site_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_owned()
    }
}
