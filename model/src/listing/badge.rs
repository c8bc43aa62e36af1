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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{Badge, Tone};
    use crate::search::FacetOption;

    /// A page's data leaves out what most badges and options are (plain,
    /// not chosen), and reads back the same.
    #[test]
    fn the_usual_case_is_left_out_of_the_data_and_read_back() {
        for tone in [Tone::Plain, Tone::Good, Tone::Warn, Tone::Bad] {
            let badge = Badge {
                vi: "Dệt thổ cẩm".to_owned(),
                en: String::new(),
                tone,
            };
            let json = serde_json::to_string(&badge).unwrap();
            assert_eq!(json.contains("tone"), tone != Tone::Plain, "{json}");
            assert_eq!(serde_json::from_str::<Badge>(&json).unwrap(), badge);
        }
        for selected in [false, true] {
            let option = FacetOption {
                value: "04795".to_owned(),
                label_vi: "Phường Hòa Bình".to_owned(),
                label_en: String::new(),
                count: 3,
                selected,
            };
            let json = serde_json::to_string(&option).unwrap();
            assert_eq!(json.contains("selected"), selected, "{json}");
            assert_eq!(serde_json::from_str::<FacetOption>(&json).unwrap(), option);
        }
    }
}
