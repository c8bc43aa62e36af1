//! The open data's vocabulary: its datasets (one per kind, and every
//! listing), their licence, and what the open data page and the DCAT
//! catalogue say of each. The answers themselves are the server's
//! (`server::opendata`).

use crate::base::date::Date;
use crate::base::i18n::Lang;
use crate::listing::Kind;
use serde::{Deserialize, Serialize};

/// The licence of the open data.
pub const LICENSE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";
/// Its short name.
pub const LICENSE_NAME: &str = "CC BY 4.0";

/// The formats of a list, by extension, with their media types.
pub const FORMATS: [(&str, &str); 4] = [
    ("json", "application/json"),
    ("geojson", "application/geo+json"),
    ("csv", "text/csv"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
];

/// One dataset: a kind's listings (`kind`), or every listing (`None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub kind: Option<Kind>,
    /// Published listings in it.
    pub total: usize,
    /// The day its newest listing last changed.
    pub changed: Option<Date>,
}

impl Dataset {
    /// Its name in `/api/v1/{name}`.
    pub fn name(&self) -> &'static str {
        self.kind
            .map_or(crate::listing::kind::ALL_LISTINGS, Kind::dataset)
    }

    /// Its title.
    pub fn title(&self, lang: Lang) -> &'static str {
        match (self.kind, lang) {
            (Some(kind), _) => kind.label(lang),
            (None, Lang::Vi) => "Tất cả các mục",
            (None, Lang::En) => "Every listing",
        }
    }

    /// Its list as `format` (an extension of [`FORMATS`]).
    pub fn href(&self, format: &str) -> String {
        Kind::dataset_href(self.kind, format, "")
    }
}

/// The datasets of the published listings (kind, address, last change):
/// every kind's, then every listing's.
pub fn datasets(listings: &[(Kind, String, Option<Date>)]) -> Vec<Dataset> {
    let of = |kind: Option<Kind>| {
        let mine = listings
            .iter()
            .filter(|(k, _, _)| kind.is_none_or(|kind| *k == kind));
        Dataset {
            kind,
            total: mine.clone().count(),
            changed: mine.filter_map(|(_, _, changed)| *changed).max(),
        }
    };
    Kind::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(of)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_every_listing_is_a_dataset_with_its_newest_change() {
        let day = |d: &str| Date::parse(d);
        let listings = vec![
            (Kind::Village, "ban-lac".to_owned(), day("2026-12-01")),
            (Kind::Village, "ban-nhot".to_owned(), day("2026-11-01")),
            (Kind::Product, "ruou".to_owned(), None),
        ];
        let sets = datasets(&listings);
        let names: Vec<&str> = sets.iter().map(Dataset::name).collect();
        assert_eq!(
            names,
            [
                "villages",
                "clusters",
                "enterprises",
                "products",
                "listings"
            ]
        );
        assert_eq!((sets[0].total, sets[0].changed), (2, day("2026-12-01")));
        assert_eq!((sets[1].total, sets[1].changed), (0, None));
        assert_eq!((sets[3].total, sets[3].changed), (1, None));
        assert_eq!(sets[4].total, 3);
        assert_eq!(sets[0].href("csv"), "/api/v1/villages.csv");
    }
}
