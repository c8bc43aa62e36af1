//! The portal's vocabulary, without Leptos: what the browser and the server
//! both need to agree on, and (behind `ssr`) what only the server needs.
//!
//! Layers, bottom to top; a folder imports only folders below it (checked by
//! `make cycles`):
//!
//! - `base`: languages and UI string tables, URL builders, `Slug`, `TaxCode`,
//!   dates, text folding and escaping, distances on the Earth; `system`
//!   (server only): the database itself (write transactions, checkpoint,
//!   copies, integrity).
//! - `area`, `craft`: administrative units of both eras, the craft taxonomy;
//!   `staff`: roles, accounts as pages see them, e-mail addresses.
//! - `listing`: what every kind of listing shares (`Kind`, badges, links,
//!   places).
//! - `search`: a search request as it appears in the URL, facets, results.
//! - `village`, `cluster`, `enterprise`, `product`: each kind's types and
//!   rules (Decree 52 criteria, Decree 32 expansion, OCOP certificates).
//! - `editing`: field values by key, each kind's field spec, parsing and
//!   checks (the one write path's vocabulary), diffs of two versions.
//! - `import`: bulk import of listings from spreadsheets (columns, cells,
//!   the plan of each row, applying and undoing through the one write
//!   path).
//! - `media`: photo records, upload limits and answers.
//! - `suggestion`: corrections and "this is my business" messages sent from
//!   public profiles without an account, waiting for the editors.
//! - `map`: the map's viewport, its Web-Mercator grid and its markers.
//! - `index` (server only): the in-memory search index answering searches,
//!   list pages, nearby listings and the map; `index::db` reads listings into
//!   its documents.
//!
//! Each folder's `db` module (server only) holds its SQL: another database
//! engine touches those files alone.

pub mod area;
pub mod base;
pub mod cluster;
pub mod craft;
pub mod editing;
pub mod enterprise;
pub mod import;
#[cfg(feature = "ssr")]
pub mod index;
pub mod listing;
pub mod map;
pub mod media;
pub mod opendata;
pub mod partner;
pub mod product;
pub mod search;
#[cfg(feature = "ssr")]
pub mod sitemap;
pub mod staff;
pub mod suggestion;
pub mod tour;
pub mod village;

#[cfg(feature = "ssr")]
pub use base::system;
pub use base::{date, geo, i18n, paths, tax_code, text};

#[cfg(test)]
mod properties;
