//! Value types and helpers every other part of the portal uses.

pub mod date;
pub mod geo;
pub mod i18n;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod system;
pub mod tax_code;
pub mod text;
