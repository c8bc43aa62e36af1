//! The portal's vocabulary, without Leptos: what the browser and the server
//! both need to agree on, and (behind `ssr`) what only the server needs.
//!
//! Layers, bottom to top; a folder imports only folders below it (checked by
//! `make cycles`):
//!
//! - `base`: languages and UI string tables, URL builders, `Slug`, `TaxCode`,
//!   dates, text folding and escaping, distances on the Earth.
//! - `listing`: what every kind of listing shares (`Kind`, badges).
//! - `product`: each kind's rules (for now the OCOP certificate's).
//! - `search`: a search request as it appears in the URL, facets, results.
//! - `map`: the map's viewport, its Web-Mercator grid and its markers.
//! - `index` (server only): the in-memory search index answering searches,
//!   list pages, nearby listings and the map.

pub mod base;
#[cfg(feature = "ssr")]
pub mod index;
pub mod listing;
pub mod map;
pub mod product;
pub mod search;

pub use base::{date, geo, i18n, paths, tax_code, text};
