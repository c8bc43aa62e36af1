//! Industrial parks (khu công nghiệp) and industrial clusters (cụm công
//! nghiệp): area, occupancy, investor, wastewater plant, tenants, and the
//! Decree 32/2024 expansion rule.

#[cfg(feature = "ssr")]
pub mod db;

pub mod expansion;

use crate::base::i18n::Lang;
use crate::listing::{ListingRef, Place};
use serde::{Deserialize, Serialize};

/// Park or cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterKind {
    Park,
    Cluster,
}

impl ClusterKind {
    pub fn parse(code: &str) -> Option<ClusterKind> {
        match code {
            "park" => Some(ClusterKind::Park),
            "cluster" => Some(ClusterKind::Cluster),
            _ => None,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ClusterKind::Park => lang.t().cluster_kind_park,
            ClusterKind::Cluster => lang.t().cluster_kind_cluster,
        }
    }
}

/// Where a park or cluster stands in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Planned,
    Established,
    Operating,
    Expanding,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Planned,
        Stage::Established,
        Stage::Operating,
        Stage::Expanding,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Planned => "planned",
            Stage::Established => "established",
            Stage::Operating => "operating",
            Stage::Expanding => "expanding",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Stage::Planned => lang.t().stage_planned,
            Stage::Established => lang.t().stage_established,
            Stage::Operating => lang.t().stage_operating,
            Stage::Expanding => lang.t().stage_expanding,
        }
    }
}

/// What the provincial plan 2021–2030 does with it.
pub fn plan_action_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "keep" => lang.t().plan_keep,
        "expand" => lang.t().plan_expand,
        "reduce" => lang.t().plan_reduce,
        "new" => lang.t().plan_new,
        "proposed" => lang.t().plan_proposed,
        _ => lang.t().not_recorded,
    }
}

/// The wastewater plant's state.
pub fn wastewater_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "none" => lang.t().wastewater_none,
        "planned" => lang.t().wastewater_planned,
        "building" => lang.t().wastewater_building,
        "operating" => lang.t().wastewater_operating,
        _ => lang.t().not_recorded,
    }
}

/// The recorded facts of a park or cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterFacts {
    pub planned_area_ha: Option<f64>,
    pub established_area_ha: Option<f64>,
    pub industrial_land_ha: Option<f64>,
    pub leased_land_ha: Option<f64>,
    pub reported_occupancy_pct: Option<f64>,
    pub occupancy_year: Option<i64>,
    pub infrastructure_complete: Option<bool>,
}

impl ClusterFacts {
    /// Occupancy in percent: leased over industrial land when both are
    /// recorded, else the occupancy a source reports.
    pub fn occupancy_pct(&self) -> Option<f64> {
        match (self.leased_land_ha, self.industrial_land_ha) {
            (Some(leased), Some(land)) if land > 0.0 => Some(leased / land * 100.0),
            _ => self.reported_occupancy_pct,
        }
    }

    /// The area the rules look at: established, else planned.
    pub fn area_ha(&self) -> Option<f64> {
        self.established_area_ha.or(self.planned_area_ha)
    }
}

/// A tenant project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub enterprise: ListingRef,
    pub capital_billion_vnd: Option<f64>,
    pub employees: Option<i64>,
}

/// Everything a park's or cluster's profile shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterProfile {
    pub id: i64,
    pub slug: String,
    pub kind: ClusterKind,
    pub name_vi: String,
    pub name_en: String,
    pub stage: Option<Stage>,
    pub plan_action: Option<String>,
    pub facts: ClusterFacts,
    pub infrastructure_investor: Option<String>,
    pub establishment_decision: Option<String>,
    pub establishment_date: Option<String>,
    pub wastewater_status: Option<String>,
    pub target_industries_vi: Option<String>,
    pub target_industries_en: Option<String>,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub place: Place,
    pub tenants: Vec<Tenant>,
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

impl ClusterProfile {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// schema.org `Place`.
    pub fn json_ld(&self, lang: Lang, url: &str) -> serde_json::Value {
        let mut value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Place",
            "name": self.name(lang),
            "url": url,
            "address": self.place.address_json(lang),
            "isBasedOn": self.source_url,
            "additionalType": self.kind.label(lang),
        });
        if let Some(d) =
            crate::base::i18n::text_in(lang, &self.description_vi, &self.description_en)
        {
            value["description"] = d.into();
        }
        if let Some(geo) = self.place.geo_json() {
            value["geo"] = geo;
        }
        if let Some(area) = self.facts.area_ha() {
            value["additionalProperty"] = serde_json::json!([{
                "@type": "PropertyValue", "name": "area", "value": area, "unitCode": "HAR"
            }]);
        }
        value
    }
}
