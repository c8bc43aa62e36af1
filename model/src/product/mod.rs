//! Products, with their OCOP rating (Decision 148/QĐ-TTg: 3 to 5 stars, a
//! certificate valid for 36 months), producer and village.

#[cfg(feature = "ssr")]
pub mod db;

pub mod ocop;

use crate::base::date::Date;
use crate::base::i18n::Lang;
use crate::listing::{ListingRef, Place};
use crate::product::ocop::CertificateState;
use serde::{Deserialize, Serialize};

/// What kind of product it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Fruit,
    Tea,
    Poultry,
    Beverage,
    Textile,
    Handicraft,
    Herbal,
    Food,
    Other,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Fruit,
        Category::Tea,
        Category::Poultry,
        Category::Beverage,
        Category::Textile,
        Category::Handicraft,
        Category::Herbal,
        Category::Food,
        Category::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::Fruit => "fruit",
            Category::Tea => "tea",
            Category::Poultry => "poultry",
            Category::Beverage => "beverage",
            Category::Textile => "textile",
            Category::Handicraft => "handicraft",
            Category::Herbal => "herbal",
            Category::Food => "food",
            Category::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Category::Fruit => lang.t().category_fruit,
            Category::Tea => lang.t().category_tea,
            Category::Poultry => lang.t().category_poultry,
            Category::Beverage => lang.t().category_beverage,
            Category::Textile => lang.t().category_textile,
            Category::Handicraft => lang.t().category_handicraft,
            Category::Herbal => lang.t().category_herbal,
            Category::Food => lang.t().category_food,
            Category::Other => lang.t().category_other,
        }
    }
}

/// "3 sao OCOP" / "3-star OCOP".
pub fn stars_label(stars: i64, lang: Lang) -> String {
    (lang.t().ocop_stars)(stars)
}

/// An OCOP rating as the profile shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ocop {
    pub stars: Option<i64>,
    pub certified_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub state: Option<CertificateState>,
    pub decision: Option<String>,
}

/// Everything a product's profile shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductProfile {
    pub id: i64,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub category: Category,
    pub producer: Option<ListingRef>,
    pub village: Option<ListingRef>,
    pub ocop: Ocop,
    pub geo_indication_year: Option<i64>,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub place: Place,
    /// Other listings nearby, nearest first (filled from the search index).
    #[serde(default)]
    pub nearby: Vec<crate::search::NearbyHit>,
    /// Its photos in order, read with the row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<crate::media::ImageView>,
    pub source_url: String,
    /// The sources of single facts.
    #[serde(default)]
    pub sources: Vec<crate::listing::sources::Citation>,
    pub updated_at: String,
}

impl ProductProfile {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// schema.org `Product`.
    pub fn json_ld(&self, lang: Lang, url: &str) -> serde_json::Value {
        let mut value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Product",
            "name": self.name(lang),
            "url": url,
            "category": self.category.label(lang),
            "isBasedOn": self.source_url,
        });
        if let Some(d) =
            crate::base::i18n::text_in(lang, &self.description_vi, &self.description_en)
        {
            value["description"] = d.into();
        }
        if let Some(p) = &self.producer {
            value["manufacturer"] =
                serde_json::json!({ "@type": "Organization", "name": p.name(lang) });
        }
        if let Some(stars) = self.ocop.stars {
            let mut award = stars_label(stars, lang);
            if let Some(d) = self.ocop.certified_on {
                award = format!("{award} ({d})");
            }
            value["award"] = award.into();
        }
        value
    }
}
