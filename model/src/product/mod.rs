//! Products: the rules of their OCOP rating.

pub mod ocop;
