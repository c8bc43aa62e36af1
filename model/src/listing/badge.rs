//! The short facts shown on a listing's card and profile.

use serde::{Deserialize, Serialize};

/// How a badge should look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tone {
    #[default]
    Plain,
    Good,
    Warn,
    Bad,
}

/// A short fact shown on a result card (a craft, "3 stars", "Expired", …).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Badge {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// (Left out of the data when plain, as most are.)
    #[serde(default, skip_serializing_if = "Tone::is_plain")]
    pub tone: Tone,
}

impl Tone {
    fn is_plain(&self) -> bool {
        *self == Tone::Plain
    }
}
