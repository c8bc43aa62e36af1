//! The state every request may need, built once at start-up; the router,
//! the upload handler and the metrics read it.

use crate::page_cache::PageCache;
use app::staff::auth::SignInLimiter;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use model::index::SearchIndex;
use model::map::Tiles;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Everything a request may need, built once at start-up.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: SqlitePool,
    pub index: Arc<SearchIndex>,
    pub leptos_options: LeptosOptions,
    pub site_url: String,
    pub page_cache: PageCache,
    pub tiles: Tiles,
    pub sign_in_limiter: Arc<SignInLimiter>,
    /// The site's static files, in memory.
    pub assets: Arc<crate::assets::Assets>,
    /// Messages from the public per client address.
    pub suggest_limiter: Arc<crate::suggest::SuggestLimiter>,
    /// Open data requests per client address.
    pub api_limiter: Arc<crate::opendata::ApiLimiter>,
    /// Where uploaded photos are written and served from.
    pub media_dir: std::path::PathBuf,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: crate::middleware::TrustedProxies,
    /// The bearer token that reads `/metrics` from elsewhere than loopback.
    pub metrics_token: Option<String>,
    /// The sitemap of the current listings.
    pub sitemap: Arc<crate::sitemap::Cache>,
    /// Link previews made (`og:image`).
    pub og_cache: crate::og::OgCache,
    /// Visits brought by partners' links seen today.
    pub referrals: Arc<crate::referral::Referrals>,
    /// Imports being written.
    pub import_progress: app::staff::imports::ImportProgress,
}

impl AppState {
    /// State for a site whose built assets are in `site_root`.
    pub fn new(
        pool: SqlitePool,
        index: Arc<SearchIndex>,
        site_root: &str,
        site_url: String,
    ) -> AppState {
        AppState::with_page_cache(pool, index, site_root, site_url, 64)
    }

    /// The same with a page cache of `megabytes` (0: none).
    pub fn with_page_cache(
        pool: SqlitePool,
        index: Arc<SearchIndex>,
        site_root: &str,
        site_url: String,
        megabytes: u64,
    ) -> AppState {
        let leptos_options = LeptosOptions::builder()
            .output_name("langnghe")
            .site_root(site_root)
            .site_pkg_dir("pkg")
            .build();
        AppState {
            assets: Arc::new(crate::assets::Assets::load(std::path::Path::new(site_root))),
            page_cache: PageCache::new(megabytes, index.clone()),
            pool,
            index,
            leptos_options,
            site_url,
            tiles: Tiles {
                url: crate::config::DEFAULT_TILE_URL.to_owned(),
                attribution: crate::config::DEFAULT_TILE_ATTRIBUTION.to_owned(),
            },
            sign_in_limiter: app::staff::auth::sign_in_limiter(),
            suggest_limiter: crate::suggest::SuggestLimiter::new(),
            api_limiter: crate::opendata::ApiLimiter::new(),
            media_dir: std::path::PathBuf::from(crate::config::DEFAULT_MEDIA_DIR),
            trusted_proxies: crate::middleware::TrustedProxies::default(),
            metrics_token: None,
            sitemap: Arc::default(),
            og_cache: crate::og::new_cache(),
            referrals: Arc::default(),
            import_progress: Default::default(),
        }
    }

    /// The same with a token for `/metrics` (empty: loopback only).
    /// Open data requests a second per client address (0: no limit).
    pub fn with_api_rate(mut self, per_second: u32) -> AppState {
        self.api_limiter = crate::opendata::ApiLimiter::with_rate(per_second);
        self
    }

    pub fn with_metrics_token(mut self, token: Option<String>) -> AppState {
        self.metrics_token = token.filter(|t| !t.trim().is_empty());
        self
    }

    /// The same with reverse proxies whose `X-Forwarded-For` is believed.
    pub fn with_trusted_proxies(mut self, proxies: &[std::net::IpAddr]) -> AppState {
        self.trusted_proxies = crate::middleware::TrustedProxies(proxies.into());
        self
    }

    /// The same with another media folder.
    pub fn with_media_dir(mut self, dir: std::path::PathBuf) -> AppState {
        self.media_dir = dir;
        self
    }

    /// The same with other map tiles.
    pub fn with_tiles(mut self, tiles: Tiles) -> AppState {
        self.tiles = tiles;
        self
    }
}
