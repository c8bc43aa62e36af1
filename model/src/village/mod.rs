//! Craft villages (làng nghề): their types, shared by browser and server,
//! the Decree 52 criteria (`criteria`) and the queries (`db`, server only).
//! The server functions and pages are in `app::village`.

#[cfg(feature = "ssr")]
pub mod db;

pub mod criteria;
#[cfg(feature = "ssr")]
pub mod hours;
pub mod visit;

use crate::area::{District, Location};
use crate::base::i18n::{Lang, text_in};
use crate::craft::Craft;
use serde::{Deserialize, Serialize};

/// A village's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VillageId(pub i64);

/// What a list shows of a village.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VillageCard {
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub commune_name: String,
    pub former_districts: Vec<District>,
    pub crafts: Vec<Craft>,
    pub recognition_year: Option<i64>,
    pub summary_vi: Option<String>,
    pub summary_en: Option<String>,
}

impl VillageCard {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }
}

/// The facts Decree 52/2018/NĐ-CP asks about; `None` means not recorded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Decree52Facts {
    pub craft_began_year: Option<i64>,
    pub total_households: Option<i64>,
    pub craft_households: Option<i64>,
    pub stable_production_years: Option<i64>,
    pub env_compliant: Option<bool>,
    pub is_traditional: Option<bool>,
    pub recognition_year: Option<i64>,
    pub recognition_decision: Option<String>,
    pub recognition_date: Option<String>,
}

/// A recognised artisan of a village.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Artisan {
    pub name: String,
    pub title: Option<String>,
}

/// Everything the profile page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VillageProfile {
    pub id: VillageId,
    pub slug: String,
    pub place_name: String,
    pub name_vi: String,
    pub name_en: String,
    pub location: Location,
    pub crafts: Vec<Craft>,
    pub facts: Decree52Facts,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub products_vi: Option<String>,
    pub products_en: Option<String>,
    pub visiting_vi: Option<String>,
    pub visiting_en: Option<String>,
    /// Hours, experiences, getting there, contact: read on the server
    /// only. The page gets them drawn (`visit_html`) and the missing ones
    /// as `visit_gaps`: as data of their own, their deserialisers grew
    /// the public bundle by ~12 KB brotli.
    #[serde(skip)]
    pub visit: Box<visit::Visit>,
    /// The Visit section's inside in Vietnamese and English (empty: none).
    #[serde(default)]
    pub visit_html: [String; 2],
    /// Which visiting facts are not recorded ([`visit::Visit::gaps`]).
    #[serde(default)]
    pub visit_gaps: u8,
    /// The published tours that visit the village, drawn on the server in
    /// Vietnamese and English (empty: none).
    #[serde(default)]
    pub tours_html: [String; 2],
    pub artisans: Vec<Artisan>,
    /// Producers that belong to the village or share its former commune.
    pub enterprises: Vec<crate::listing::ListingRef>,
    /// Products of the village.
    pub products: Vec<crate::listing::ListingRef>,
    /// Other listings nearby, nearest first (filled from the search index).
    #[serde(default)]
    pub nearby: Vec<crate::search::NearbyHit>,
    /// Its photos in order, read with the row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<crate::media::ImageView>,
    /// People working in the craft, as a source counts them.
    #[serde(default)]
    pub workers: Option<i64>,
    /// The year of a source saying the village no longer holds its title.
    #[serde(default)]
    pub recognition_lapsed_year: Option<i64>,
    pub source_url: String,
    /// The sources of single facts.
    #[serde(default)]
    pub sources: Vec<crate::listing::sources::Citation>,
    pub updated_at: String,
}

impl VillageProfile {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// schema.org `TouristAttraction` for search engines and link previews.
    pub fn json_ld(&self, lang: Lang, url: &str) -> serde_json::Value {
        let mut value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "TouristAttraction",
            "name": self.name(lang),
            "url": url,
            "inLanguage": lang.code(),
            "address": {
                "@type": "PostalAddress",
                "addressLocality": crate::area::unit_name(&self.location.commune.name, lang),
                "addressRegion": crate::area::unit_name(&self.location.province_name, lang),
                "addressCountry": "VN",
            },
            "isBasedOn": self.source_url,
        });
        if let Some(description) = text_in(lang, &self.description_vi, &self.description_en) {
            value["description"] = description.into();
        }
        if let (Some(lat), Some(lon)) = (self.location.latitude, self.location.longitude) {
            value["geo"] =
                serde_json::json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon });
        }
        if let Some(phone) = &self.visit.phone {
            value["telephone"] = phone.as_str().into();
        }
        if let Some(email) = &self.visit.email {
            value["email"] = email.as_str().into();
        }
        if let Some(hours) = &self.visit.hours {
            value["openingHoursSpecification"] = opening_specs(hours).into();
        }
        value
    }
}

/// The coming week's hours as schema.org specifications, one per day and
/// range, each valid on its own date (so exception days are right); a
/// closed day opens and closes at 00:00, as schema.org says.
fn opening_specs(hours: &visit::Hours) -> Vec<serde_json::Value> {
    let mut specs = Vec::new();
    for day in &hours.days {
        // schema.org names the days in English.
        let name = Lang::En.t().weekdays[usize::from(visit::weekday(day.date))];
        let date = day.date.to_string();
        let ranges: Vec<(&str, &str)> = if day.ranges.is_empty() {
            vec![("00:00", "00:00")]
        } else {
            day.ranges
                .iter()
                .map(|(a, b)| (a.as_str(), if b == "24:00" { "23:59" } else { b.as_str() }))
                .collect()
        };
        for (opens, closes) in ranges {
            specs.push(serde_json::json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": format!("https://schema.org/{name}"),
                "opens": opens,
                "closes": closes,
                "validFrom": date,
                "validThrough": date,
            }));
        }
    }
    specs
}

/// The home page's figures and featured villages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub villages: i64,
    pub crafts: i64,
    pub communes: i64,
    pub districts: i64,
    /// Published parks and clusters, enterprises and products.
    pub clusters: i64,
    pub enterprises: i64,
    pub products: i64,
    pub featured: Vec<VillageCard>,
}
