//! The labels of the editable fields, one table per language (vi.rs, en.rs),
//! the same mechanism as the other string tables: a field without a label in
//! one language is a compile error. A field spec names its label with a
//! function of this table (`|l| l.name_vi`).

use crate::base::i18n::Lang;

mod en;
mod vi;

/// One label per field key (a key means the same in every kind).
pub struct FieldLabels {
    pub name_vi: &'static str,
    pub name_en: &'static str,
    pub slug: &'static str,
    pub status: &'static str,
    pub place_name: &'static str,
    pub commune_code: &'static str,
    pub crafts: &'static str,
    pub latitude: &'static str,
    pub longitude: &'static str,
    pub craft_began_year: &'static str,
    pub total_households: &'static str,
    pub craft_households: &'static str,
    pub is_traditional: &'static str,
    pub stable_production_years: &'static str,
    pub env_compliant: &'static str,
    pub recognition_year: &'static str,
    pub recognition_decision: &'static str,
    pub recognition_date: &'static str,
    pub featured: &'static str,
    pub description_vi: &'static str,
    pub description_en: &'static str,
    pub products_vi: &'static str,
    pub products_en: &'static str,
    pub visiting_vi: &'static str,
    pub visiting_en: &'static str,
    pub source_url: &'static str,
    pub sources: &'static str,
    pub workers: &'static str,
    pub recognition_lapsed_year: &'static str,
    pub legacy_commune_code: &'static str,
    pub district_code: &'static str,
    pub kind: &'static str,
    pub stage: &'static str,
    pub plan_action: &'static str,
    pub planned_area_ha: &'static str,
    pub established_area_ha: &'static str,
    pub industrial_land_ha: &'static str,
    pub leased_land_ha: &'static str,
    pub reported_occupancy_pct: &'static str,
    pub occupancy_year: &'static str,
    pub infrastructure_investor: &'static str,
    pub establishment_decision: &'static str,
    pub establishment_date: &'static str,
    pub infrastructure_complete: &'static str,
    pub wastewater_status: &'static str,
    pub target_industries_vi: &'static str,
    pub target_industries_en: &'static str,
    pub legal_form: &'static str,
    pub tax_code: &'static str,
    pub sector_vi: &'static str,
    pub sector_en: &'static str,
    pub founded_year: &'static str,
    pub employees: &'static str,
    pub members: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub address: &'static str,
    pub villages: &'static str,
    pub clusters: &'static str,
    pub category: &'static str,
    pub producer_id: &'static str,
    pub village_id: &'static str,
    pub ocop_stars: &'static str,
    pub ocop_certified_on: &'static str,
    pub ocop_decision: &'static str,
    pub geo_indication_year: &'static str,
}

/// The labels in `lang`.
pub fn labels(lang: Lang) -> &'static FieldLabels {
    match lang {
        Lang::Vi => &vi::VI,
        Lang::En => &en::EN,
    }
}
