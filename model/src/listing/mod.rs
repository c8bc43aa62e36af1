//! The listing vocabulary every kind shares.

pub mod badge;
pub mod check;
pub mod kind;

pub use badge::{Badge, Tone};
pub use kind::Kind;
