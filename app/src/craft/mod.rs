//! The craft taxonomy and the six trade groups of Decree 52/2018/NĐ-CP.

#[cfg(feature = "ssr")]
pub mod db;

// The types and rules are `model::craft`'s; the queries and pages are here.
pub use model::craft::*;
