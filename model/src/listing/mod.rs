//! The listing vocabulary every kind shares.

#[cfg(feature = "ssr")]
pub mod db;
pub mod embed;

pub mod badge;
pub mod check;
pub mod kind;
pub mod sources;

pub use badge::{Badge, Tone};
pub use kind::Kind;

use crate::area::{District, unit_name};

use crate::base::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A link to another listing, for the "related" parts of a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListingRef {
    pub kind: Kind,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
}

impl ListingRef {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    pub fn href(&self, lang: Lang) -> String {
        self.kind.profile_path(lang, &self.slug)
    }
}

/// Where a listing is, as far as its sources say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The current commune (code, name).
    pub commune: Option<(String, String)>,
    pub province_name: Option<String>,
    pub former_commune: Option<String>,
    pub former_districts: Vec<District>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub approximate: bool,
}

impl Place {
    /// "Xã Mai Hạ · Mai Châu (cũ)", or what part of it is known.
    pub fn summary(&self, lang: Lang) -> Option<String> {
        let districts = self
            .former_districts
            .iter()
            .map(|d| unit_name(&d.name, lang))
            .collect::<Vec<_>>()
            .join(", ");
        let former =
            (!districts.is_empty()).then(|| format!("{districts} {}", lang.t().former_suffix));
        match (&self.commune, former) {
            (Some((_, c)), Some(f)) => Some(format!("{} · {f}", unit_name(c, lang))),
            (Some((_, c)), None) => Some(unit_name(c, lang)),
            (None, f) => f,
        }
    }

    /// A schema.org `PostalAddress`.
    pub fn address_json(&self, lang: Lang) -> serde_json::Value {
        let mut address = serde_json::json!({ "@type": "PostalAddress", "addressCountry": "VN" });
        if let Some((_, c)) = &self.commune {
            address["addressLocality"] = unit_name(c, lang).into();
        } else if let Some(d) = self.former_districts.first() {
            address["addressLocality"] = unit_name(&d.name, lang).into();
        }
        address["addressRegion"] = unit_name(
            self.province_name.as_deref().unwrap_or("Tỉnh Phú Thọ"),
            lang,
        )
        .into();
        address
    }

    /// schema.org `GeoCoordinates`, when known.
    pub fn geo_json(&self) -> Option<serde_json::Value> {
        Some(serde_json::json!({
            "@type": "GeoCoordinates",
            "latitude": self.latitude?,
            "longitude": self.longitude?,
        }))
    }
}

/// A number with this language's decimal comma or point.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}
