//! Enterprises and producers (companies, cooperatives, cooperative groups,
//! household businesses). So far: the shared tax code type.

pub mod tax_code;

pub use tax_code::{TaxCode, TaxCodeError};
