//! Administrative units of both eras: the communes and wards since
//! 1 July 2025 (where listings are located) and the former districts and
//! communes people still search by.

// The types, rules and queries (`db`, server only) are `model::area`'s;
// the server functions and pages are here.
pub use model::area::*;
