//! The short facts shown on a listing's card and profile.

use serde::{Deserialize, Serialize};

/// How a badge should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tone {
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
    pub tone: Tone,
}
