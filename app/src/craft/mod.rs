//! The craft taxonomy and the six trade groups of Decree 52/2018/NĐ-CP.

// The types, rules and queries (`db`, server only) are `model::craft`'s;
// the server functions and pages are here.
pub use model::craft::*;
