//! Value types and helpers every other part of the portal uses.

pub mod date;
pub mod geo;
pub mod i18n;
pub mod paths;
pub mod tax_code;
pub mod text;
