//! One search across every kind of listing: diacritic-insensitive in both
//! directions, prefix matching, one typo forgiven, names ranked above
//! descriptions, and facets with counts. The same engine serves the search
//! page and the list page of each kind.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod index;
pub mod page;
pub mod query;

pub use query::DirectoryQuery;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::paths;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The kinds of listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Village,
    Cluster,
    Enterprise,
    Product,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Village,
        Kind::Cluster,
        Kind::Enterprise,
        Kind::Product,
    ];

    /// The code used in URLs (`?kind=village`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Village => "village",
            Kind::Cluster => "cluster",
            Kind::Enterprise => "enterprise",
            Kind::Product => "product",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name as a heading or facet label.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            Kind::Village => t.nav_villages,
            Kind::Cluster => t.nav_clusters,
            Kind::Enterprise => t.nav_enterprises,
            Kind::Product => t.nav_products,
        }
    }

    /// One listing of the kind, as a label on a card or link.
    pub fn singular(self, lang: Lang) -> &'static str {
        match self {
            Kind::Village => lang.pick("Làng nghề", "Craft village"),
            Kind::Cluster => lang.pick("Khu, cụm công nghiệp", "Industrial park or cluster"),
            Kind::Enterprise => lang.pick("Doanh nghiệp, cơ sở", "Enterprise"),
            Kind::Product => lang.pick("Sản phẩm", "Product"),
        }
    }

    /// The kind's list page.
    pub fn list_path(self, lang: Lang) -> &'static str {
        match self {
            Kind::Village => paths::villages(lang),
            Kind::Cluster => paths::clusters(lang),
            Kind::Enterprise => paths::enterprises(lang),
            Kind::Product => paths::products(lang),
        }
    }

    /// A listing's profile page.
    pub fn profile_path(self, lang: Lang, slug: &str) -> String {
        format!("{}/{slug}", self.list_path(lang))
    }
}

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
}

impl FacetKey {
    pub const ALL: [FacetKey; 8] = [
        FacetKey::Kind,
        FacetKey::District,
        FacetKey::Commune,
        FacetKey::Craft,
        FacetKey::TradeGroup,
        FacetKey::LegalForm,
        FacetKey::Stars,
        FacetKey::Stage,
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
        }
    }
}

/// How a badge should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

/// A short fact shown on a result card (a craft, "3 stars", "Expired", …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Badge {
    pub vi: String,
    pub en: String,
    pub tone: Tone,
}

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: Kind,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    /// The current commune, when known.
    pub commune: Option<String>,
    /// The former district(s), when known.
    pub districts: Vec<String>,
    pub summary_vi: Option<String>,
    pub summary_en: Option<String>,
    pub badges: Vec<Badge>,
}

impl SearchHit {
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
    pub label_vi: String,
    pub label_en: String,
    pub count: usize,
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

/// The longest query text looked at; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many words of a query are used.
pub const MAX_TERMS: usize = 12;
/// Results on a page.
pub const PER_PAGE: u32 = 20;

/// Searches every published listing. `query` is the page's query string
/// (`q=…&kind=…&commune=…&page=…`); any input is safe.
#[server]
pub async fn search(query: String) -> Result<Results, AppError> {
    let index = crate::context::search_index()?;
    Ok(index.query(&DirectoryQuery::parse(&query)))
}

/// What a profile shows as nearby: the listings within
/// [`NEARBY_RADIUS_KM`], at most [`NEARBY_LIMIT`], nearest first.
#[cfg(feature = "ssr")]
pub fn nearby_of(index: &index::SearchIndex, kind: Kind, id: i64) -> Vec<NearbyHit> {
    index.nearby(kind, id, NEARBY_RADIUS_KM, NEARBY_LIMIT)
}

/// Up to eight listings whose names or places start like the text, for
/// suggestions while typing.
#[server]
pub async fn suggest(q: String) -> Result<Vec<SearchHit>, AppError> {
    let index = crate::context::search_index()?;
    Ok(index.suggest(&q, 8))
}
