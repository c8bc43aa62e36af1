//! A search or list request as it appears in the URL, so that every state of
//! the results can be shared, bookmarked and used without JavaScript.

use crate::base::i18n::Lang;
use crate::listing::Kind;
use serde::{Deserialize, Serialize};

/// At most this many facet choices are read from a URL.
pub const MAX_FILTERS: usize = 24;
/// The highest page number accepted.
pub const MAX_PAGE: u32 = 10_000;
/// The longest query text looked at; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;

/// A facet: one way to narrow the results, with its URL parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FacetKey {
    Kind,
    Commune,
    District,
    Craft,
    TradeGroup,
    LegalForm,
    Stars,
    Stage,
    /// Visiting a village: has experiences, open now ([`OPEN_NOW`]).
    Visit,
}

/// The value of [`FacetKey::Visit`] that keeps the villages open at the
/// moment of the request (worked out from their hours, not stored).
pub const OPEN_NOW: &str = "open";
/// The value of [`FacetKey::Visit`] for villages with experiences.
pub const HAS_EXPERIENCES: &str = "experiences";

impl FacetKey {
    pub const ALL: [FacetKey; 9] = [
        FacetKey::Kind,
        FacetKey::District,
        FacetKey::Commune,
        FacetKey::Craft,
        FacetKey::TradeGroup,
        FacetKey::LegalForm,
        FacetKey::Stars,
        FacetKey::Stage,
        FacetKey::Visit,
    ];

    /// The query-string parameter.
    pub fn param(self) -> &'static str {
        match self {
            FacetKey::Kind => "kind",
            FacetKey::Commune => "commune",
            FacetKey::District => "district",
            FacetKey::Craft => "craft",
            FacetKey::TradeGroup => "group",
            FacetKey::LegalForm => "form",
            FacetKey::Stars => "stars",
            FacetKey::Stage => "stage",
            FacetKey::Visit => "visit",
        }
    }

    pub fn from_param(param: &str) -> Option<FacetKey> {
        FacetKey::ALL.into_iter().find(|k| k.param() == param)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            FacetKey::Kind => t.facet_kind,
            FacetKey::Commune => t.filter_commune,
            FacetKey::District => t.filter_district,
            FacetKey::Craft => t.filter_craft,
            FacetKey::TradeGroup => t.trade_group,
            FacetKey::LegalForm => t.facet_legal_form,
            FacetKey::Stars => t.facet_stars,
            FacetKey::Stage => t.facet_stage,
            FacetKey::Visit => t.facet_visit,
        }
    }

    /// Whether the facet says anything about listings of this kind.
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            FacetKey::Kind => false,
            FacetKey::Commune | FacetKey::District => true,
            FacetKey::Craft | FacetKey::TradeGroup => kind == Kind::Village,
            FacetKey::LegalForm => kind == Kind::Enterprise,
            FacetKey::Stars => kind == Kind::Product,
            FacetKey::Stage => kind == Kind::Cluster,
            FacetKey::Visit => kind == Kind::Village,
        }
    }
}

/// The text, the chosen facet values and the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub q: String,
    /// Chosen values, in a canonical order (by facet, then value).
    pub filters: Vec<(FacetKey, String)>,
    /// From 1.
    pub page: u32,
}

impl DirectoryQuery {
    /// Reads a query string (with or without the leading `?`). Unknown
    /// parameters, empty or over-long values and repeats are dropped.
    pub fn parse(query_string: &str) -> DirectoryQuery {
        let mut out = DirectoryQuery {
            page: 1,
            ..DirectoryQuery::default()
        };
        let raw = query_string.trim_start_matches('?');
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "q" => {
                    out.q = value.chars().take(MAX_QUERY_CHARS).collect();
                }
                "page" => {
                    out.page = value.parse::<u32>().unwrap_or(1).clamp(1, MAX_PAGE);
                }
                param => {
                    if let Some(facet) = FacetKey::from_param(param)
                        && !value.is_empty()
                        && value.len() <= 100
                        && out.filters.len() < MAX_FILTERS
                        && !out.has(facet, value)
                    {
                        out.filters.push((facet, value.to_owned()));
                    }
                }
            }
        }
        out.filters.sort();
        out
    }

    /// The query string, without `?`; empty parts are left out and the
    /// first page has no `page` parameter.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.trim().is_empty() {
            out.append_pair("q", self.q.trim());
        }
        for (key, value) in &self.filters {
            out.append_pair(key.param(), value);
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// `path` with this query.
    pub fn href(&self, path: &str) -> String {
        crate::base::paths::with_query(path, &self.to_query_string())
    }

    pub fn has(&self, key: FacetKey, value: &str) -> bool {
        self.filters.iter().any(|(k, v)| *k == key && v == value)
    }

    /// The chosen values of one facet.
    pub fn selected(&self, key: FacetKey) -> impl Iterator<Item = &str> {
        self.filters
            .iter()
            .filter(move |(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The same query with one facet value chosen or un-chosen, back on the
    /// first page.
    pub fn toggled(&self, key: FacetKey, value: &str) -> DirectoryQuery {
        let mut next = self.clone();
        if next.has(key, value) {
            next.filters.retain(|(k, v)| !(*k == key && v == value));
        } else {
            next.filters.push((key, value.to_owned()));
            next.filters.sort();
        }
        next.page = 1;
        next
    }

    /// The same query on another page.
    pub fn with_page(&self, page: u32) -> DirectoryQuery {
        DirectoryQuery {
            page: page.clamp(1, MAX_PAGE),
            ..self.clone()
        }
    }

    /// The same text with no facet chosen.
    pub fn without_filters(&self) -> DirectoryQuery {
        DirectoryQuery {
            q: self.q.clone(),
            filters: Vec::new(),
            page: 1,
        }
    }

    /// The query with the kind fixed (the list page of one kind).
    pub fn for_kind(mut self, kind: Kind) -> DirectoryQuery {
        self.filters.retain(|(k, _)| *k != FacetKey::Kind);
        self.filters.push((FacetKey::Kind, kind.code().to_owned()));
        self.filters.sort();
        self
    }

    /// The same query without the kind (what a kind's list page puts in
    /// its own links, since its path says the kind).
    pub fn without_kind(&self) -> DirectoryQuery {
        let mut next = self.clone();
        next.filters.retain(|(k, _)| *k != FacetKey::Kind);
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_a_canonical_order() {
        let q =
            DirectoryQuery::parse("?stars=4&q=r%C6%B0%E1%BB%A3u+mai&kind=product&stars=3&page=2");
        assert_eq!(q.q, "rượu mai");
        assert_eq!(q.page, 2);
        assert_eq!(
            q.to_query_string(),
            "q=r%C6%B0%E1%BB%A3u+mai&kind=product&stars=3&stars=4&page=2"
        );
        assert_eq!(DirectoryQuery::parse(&q.to_query_string()), q);
    }

    #[test]
    fn hostile_urls_are_tamed() {
        let long = "x".repeat(300);
        let q = DirectoryQuery::parse(&format!(
            "page=-5&kind=&commune={long}&nope=1&craft=a&craft=a&page=99999999999&q={long}"
        ));
        assert_eq!(q.page, 1);
        assert_eq!(q.filters, vec![(FacetKey::Craft, "a".to_owned())]);
        assert_eq!(q.q.len(), MAX_QUERY_CHARS);
        let many: String = (0..100).map(|i| format!("commune={i}&")).collect();
        assert_eq!(DirectoryQuery::parse(&many).filters.len(), MAX_FILTERS);
        assert_eq!(DirectoryQuery::parse("page=999999").page, MAX_PAGE);
    }

    #[test]
    fn toggling_adds_removes_and_resets_the_page() {
        let q = DirectoryQuery::parse("q=da&page=3");
        let on = q.toggled(FacetKey::District, "156");
        assert_eq!(on.to_query_string(), "q=da&district=156");
        assert_eq!(
            on.toggled(FacetKey::District, "156").to_query_string(),
            "q=da"
        );
        assert_eq!(q.with_page(0).page, 1);
        assert_eq!(
            DirectoryQuery::default()
                .for_kind(Kind::Product)
                .href("/tim-kiem"),
            "/tim-kiem?kind=product"
        );
    }
}
