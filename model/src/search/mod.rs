//! The search's vocabulary: the request as it appears in the URL, facets,
//! results and badges. The index that answers sits above, in `index`.

pub mod query;
#[cfg(feature = "ssr")]
pub mod words;

pub use query::{DirectoryQuery, FacetKey, MAX_QUERY_CHARS};

use crate::base::i18n::Lang;
use crate::listing::{Badge, Kind};
use serde::{Deserialize, Serialize};

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: Kind,
    pub slug: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_vi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// The current commune, when known.
    pub commune: Option<String>,
    /// The former district(s), when known.
    pub districts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_en: Option<String>,
    pub badges: Vec<Badge>,
}

impl SearchHit {
    /// Keeps only the texts a page in `lang` shows (see [`Results::only`]).
    pub fn only(&mut self, lang: Lang) {
        lang.keep_picked(&mut self.name_vi, &mut self.name_en);
        lang.keep_text(&mut self.summary_vi, &mut self.summary_en);
        for badge in &mut self.badges {
            lang.keep_picked(&mut badge.vi, &mut badge.en);
        }
    }

    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    pub fn href(&self, lang: Lang) -> String {
        self.kind.profile_path(lang, &self.slug)
    }
}

/// A listing near another one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyHit {
    pub hit: SearchHit,
    /// Distance in kilometres (between the points on record; commune
    /// centres where the exact place is not known).
    pub km: f64,
}

/// How far "nearby" reaches.
pub const NEARBY_RADIUS_KM: f64 = 15.0;
/// How many nearby listings a profile shows.
pub const NEARBY_LIMIT: usize = 12;

/// One choice of a facet, with how many results choosing it would give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetOption {
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_vi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_en: String,
    pub count: usize,
    /// (Left out of the data when not chosen: most options are not.)
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub selected: bool,
}

/// A facet with its choices. Counts take the other facets' choices into
/// account, not the facet's own (choices of one facet add up, "or").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub key: FacetKey,
    pub options: Vec<FacetOption>,
}

/// A page of results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// How many listings match in all.
    pub total: usize,
    /// The page shown, from 1.
    pub page: u32,
    pub pages: u32,
    pub hits: Vec<SearchHit>,
    pub facets: Vec<FacetGroup>,
    /// Query words that matched only through a typo correction.
    pub corrected: Vec<String>,
}

impl Results {
    /// Keeps of every name, summary, badge and facet label only what a
    /// page in `lang` shows: the list pages write their results into the
    /// page for hydration, and the other language was a third of it.
    pub fn only(mut self, lang: Lang) -> Self {
        for hit in &mut self.hits {
            hit.only(lang);
        }
        for option in self.facets.iter_mut().flat_map(|f| f.options.iter_mut()) {
            lang.keep_picked(&mut option.label_vi, &mut option.label_en);
        }
        self
    }
}

/// At most this many words of a query are used.
pub const MAX_TERMS: usize = 12;
/// Results on a page.
pub const PER_PAGE: u32 = 20;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::FacetOption;
    use crate::listing::{Badge, Tone};

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
