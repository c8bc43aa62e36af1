//! The langnghe server: configuration, database, seed data and the HTTP
//! router around the Leptos application.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod backup;
pub mod config;
pub mod cross_site;
pub mod db;
pub mod embed;
pub mod export;
pub mod import;
pub mod media;
pub mod middleware;
pub mod observe;
pub mod og;
pub mod opendata;
pub mod page_cache;
pub mod referral;
pub mod router;
pub mod seed;
pub mod share;
pub mod sitemap;
pub mod staff_route;
pub mod state;
pub mod suggest;
pub mod synthetic;

pub use router::router;
pub use state::AppState;
