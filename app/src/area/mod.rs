//! Administrative units of both eras: the communes and wards since
//! 1 July 2025 (where listings are located) and the former districts and
//! communes people still search by.

#[cfg(feature = "ssr")]
pub mod db;

// The types and rules are `model::area`'s; the queries and pages are here.
pub use model::area::*;
