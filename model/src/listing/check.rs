//! The outcome of checking a listing against a legal criterion (Decree 52's
//! craft-village criteria, Decree 32's cluster expansion conditions).

use crate::base::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The outcome of one criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Met,
    NotMet,
    NotEnoughData,
}

impl Status {
    /// The status's words and its badge's CSS class.
    pub fn label(self, lang: Lang) -> (&'static str, &'static str) {
        let t = lang.t();
        match self {
            Status::Met => (t.status_met, "met"),
            Status::NotMet => (t.status_not_met, "not-met"),
            Status::NotEnoughData => (t.status_no_data, "no-data"),
        }
    }
}
