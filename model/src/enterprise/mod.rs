//! Enterprises and producers: companies, cooperatives, cooperative groups
//! and household businesses, with their tax code, their membership in craft
//! villages and parks or clusters, and their products.

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::tax_code::TaxCode;

use crate::base::i18n::Lang;
use crate::listing::{ListingRef, Place};
use serde::{Deserialize, Serialize};

/// The legal form of a producer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    Company,
    Cooperative,
    CooperativeGroup,
    Household,
}

impl LegalForm {
    pub const ALL: [LegalForm; 4] = [
        LegalForm::Company,
        LegalForm::Cooperative,
        LegalForm::CooperativeGroup,
        LegalForm::Household,
    ];

    /// The code stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            LegalForm::Company => "company",
            LegalForm::Cooperative => "cooperative",
            LegalForm::CooperativeGroup => "cooperative_group",
            LegalForm::Household => "household",
        }
    }

    pub fn parse(code: &str) -> Option<LegalForm> {
        LegalForm::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            LegalForm::Company => lang.t().legal_company,
            LegalForm::Cooperative => lang.t().legal_cooperative,
            LegalForm::CooperativeGroup => lang.t().legal_cooperative_group,
            LegalForm::Household => lang.t().legal_household,
        }
    }
}

/// Everything an enterprise's profile shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseProfile {
    pub id: i64,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub legal_form: LegalForm,
    pub tax_code: Option<TaxCode>,
    pub sector_vi: Option<String>,
    pub sector_en: Option<String>,
    pub products_vi: Option<String>,
    pub products_en: Option<String>,
    pub founded_year: Option<i64>,
    pub employees: Option<i64>,
    pub members: Option<i64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub place: Place,
    /// Craft villages it belongs to.
    pub villages: Vec<ListingRef>,
    /// Parks or clusters it is a tenant of.
    pub clusters: Vec<ListingRef>,
    /// Its products.
    pub products: Vec<ListingRef>,
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

impl EnterpriseProfile {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// schema.org: household businesses as `LocalBusiness`, the others as
    /// `Organization`.
    pub fn json_ld(&self, lang: Lang, url: &str) -> serde_json::Value {
        let kind = match self.legal_form {
            LegalForm::Household => "LocalBusiness",
            _ => "Organization",
        };
        let mut value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": kind,
            "name": self.name(lang),
            "url": url,
            "address": self.place.address_json(lang),
            "isBasedOn": self.source_url,
        });
        if let Some(code) = &self.tax_code {
            value["taxID"] = code.to_string().into();
        }
        if let Some(d) =
            crate::base::i18n::text_in(lang, &self.description_vi, &self.description_en)
        {
            value["description"] = d.into();
        }
        if let Some(year) = self.founded_year {
            value["foundingDate"] = year.to_string().into();
        }
        if let Some(n) = self.employees {
            value["numberOfEmployees"] =
                serde_json::json!({ "@type": "QuantitativeValue", "value": n });
        }
        if let Some(site) = &self.website {
            value["sameAs"] = site.clone().into();
        }
        if let Some(geo) = self.place.geo_json() {
            value["geo"] = geo;
        }
        value
    }
}
