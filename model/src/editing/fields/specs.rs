//! The editable fields of each kind of listing, in the order the form shows
//! them.

use super::labels::FieldLabels;
use super::{Choices, FieldKind, FieldSpec, Relation};
use crate::base::i18n::Lang;

/// A listing status in words.
pub fn status_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "draft" => lang.t().status_draft,
        "archived" => lang.t().status_archived,
        _ => lang.t().status_published,
    }
}

/// Draft, published or archived: every kind has it.
pub const STATUS: Choices = Choices {
    values: &["published", "draft", "archived"],
    label: status_label,
};

pub(super) const fn field(
    key: &'static str,
    label: fn(&FieldLabels) -> &'static str,
    kind: FieldKind,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required: false,
    }
}

pub(super) const fn required(spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        required: true,
        ..spec
    }
}

/// The editable fields of a craft village.
pub static VILLAGE: &[FieldSpec] = &[
    required(field(
        "name_vi",
        |l| l.name_vi,
        FieldKind::Text { max: 200 },
    )),
    required(field(
        "name_en",
        |l| l.name_en,
        FieldKind::Text { max: 200 },
    )),
    required(field("slug", |l| l.slug, FieldKind::Slug)),
    required(field("status", |l| l.status, FieldKind::Choice(STATUS))),
    required(field(
        "place_name",
        |l| l.place_name,
        FieldKind::Text { max: 120 },
    )),
    required(field(
        "commune_code",
        |l| l.commune_code,
        FieldKind::Commune,
    )),
    LEGACY_COMMUNE,
    field("crafts", |l| l.crafts, FieldKind::Many(&VILLAGE_CRAFTS)),
    field("latitude", |l| l.latitude, FieldKind::Latitude),
    field("longitude", |l| l.longitude, FieldKind::Longitude),
    field(
        "craft_began_year",
        |l| l.craft_began_year,
        FieldKind::Year { min: 1000 },
    ),
    field(
        "total_households",
        |l| l.total_households,
        FieldKind::Int {
            min: 0,
            max: 100_000,
        },
    ),
    field(
        "craft_households",
        |l| l.craft_households,
        FieldKind::Int {
            min: 0,
            max: 100_000,
        },
    ),
    field(
        "workers",
        |l| l.workers,
        FieldKind::Int {
            min: 0,
            max: 1_000_000,
        },
    ),
    field("is_traditional", |l| l.is_traditional, FieldKind::YesNo),
    field(
        "stable_production_years",
        |l| l.stable_production_years,
        FieldKind::Int { min: 0, max: 1000 },
    ),
    field("env_compliant", |l| l.env_compliant, FieldKind::YesNo),
    field(
        "recognition_year",
        |l| l.recognition_year,
        FieldKind::Year { min: 1900 },
    ),
    field(
        "recognition_decision",
        |l| l.recognition_decision,
        FieldKind::Text { max: 200 },
    ),
    field("recognition_date", |l| l.recognition_date, FieldKind::Date),
    field(
        "recognition_lapsed_year",
        |l| l.recognition_lapsed_year,
        FieldKind::Year { min: 1900 },
    ),
    field("featured", |l| l.featured, FieldKind::Check),
    field(
        "description_vi",
        |l| l.description_vi,
        FieldKind::Long { max: 8000 },
    ),
    field(
        "description_en",
        |l| l.description_en,
        FieldKind::Long { max: 8000 },
    ),
    field(
        "products_vi",
        |l| l.products_vi,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "products_en",
        |l| l.products_en,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "visiting_vi",
        |l| l.visiting_vi,
        FieldKind::Long { max: 4000 },
    ),
    field(
        "visiting_en",
        |l| l.visiting_en,
        FieldKind::Long { max: 4000 },
    ),
    field(
        "opening_hours",
        |l| l.opening_hours,
        FieldKind::OpeningHours,
    ),
    field("experiences", |l| l.experiences, FieldKind::Experiences),
    field(
        "getting_there_vi",
        |l| l.getting_there_vi,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "getting_there_en",
        |l| l.getting_there_en,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "best_season_vi",
        |l| l.best_season_vi,
        FieldKind::Text { max: 300 },
    ),
    field(
        "best_season_en",
        |l| l.best_season_en,
        FieldKind::Text { max: 300 },
    ),
    field(
        "accessibility_vi",
        |l| l.accessibility_vi,
        FieldKind::Long { max: 1000 },
    ),
    field(
        "accessibility_en",
        |l| l.accessibility_en,
        FieldKind::Long { max: 1000 },
    ),
    field("visit_phone", |l| l.visit_phone, FieldKind::Phone),
    field("visit_zalo", |l| l.visit_zalo, FieldKind::Phone),
    field("visit_email", |l| l.visit_email, FieldKind::Email),
    required(field("source_url", |l| l.source_url, FieldKind::Url)),
    SOURCES,
];

fn cluster_kind_label(code: &str, lang: Lang) -> &'static str {
    crate::cluster::ClusterKind::parse(code).map_or("", |k| k.label(lang))
}

fn stage_label(code: &str, lang: Lang) -> &'static str {
    crate::cluster::Stage::parse(code).map_or("", |s| s.label(lang))
}

fn legal_form_label(code: &str, lang: Lang) -> &'static str {
    crate::enterprise::LegalForm::parse(code).map_or("", |f| f.label(lang))
}

fn category_label(code: &str, lang: Lang) -> &'static str {
    crate::product::Category::parse(code).map_or("", |c| c.label(lang))
}

pub(super) const AREA_HA: FieldKind = FieldKind::Decimal {
    min: 0.01,
    max: 100_000.0,
};

pub(super) const NAME_VI: FieldSpec = required(field(
    "name_vi",
    |l| l.name_vi,
    FieldKind::Text { max: 200 },
));
pub(super) const NAME_EN: FieldSpec = required(field(
    "name_en",
    |l| l.name_en,
    FieldKind::Text { max: 200 },
));
pub(super) const SLUG: FieldSpec = required(field("slug", |l| l.slug, FieldKind::Slug));
pub(super) const STATUS_FIELD: FieldSpec =
    required(field("status", |l| l.status, FieldKind::Choice(STATUS)));
/// Parks, clusters, enterprises and products may lack a known commune in
/// their source (villages always have one).
pub(super) const COMMUNE_IF_KNOWN: FieldSpec =
    field("commune_code", |l| l.commune_code, FieldKind::Commune);
/// The commune a source names, from before the 2025 merger.
pub(super) const LEGACY_COMMUNE: FieldSpec = field(
    "legacy_commune_code",
    |l| l.legacy_commune_code,
    FieldKind::LegacyCommune,
);
/// The district a source names when it names no commune.
pub(super) const LEGACY_DISTRICT: FieldSpec = field(
    "district_code",
    |l| l.district_code,
    FieldKind::LegacyDistrict,
);
/// A village's crafts, the main one first.
pub static VILLAGE_CRAFTS: Relation = Relation {
    table: "village_crafts",
    owner: "village_id",
    other: "craft_id",
    target: "crafts",
    position: Some("position"),
};
/// The craft villages an enterprise works in.
pub static ENTERPRISE_VILLAGES: Relation = Relation {
    table: "enterprise_villages",
    owner: "enterprise_id",
    other: "village_id",
    target: "villages",
    position: None,
};
/// The parks and clusters an enterprise is a tenant of.
pub static ENTERPRISE_CLUSTERS: Relation = Relation {
    table: "cluster_tenants",
    owner: "enterprise_id",
    other: "cluster_id",
    target: "clusters",
    position: None,
};
pub(super) const LATITUDE: FieldSpec = field("latitude", |l| l.latitude, FieldKind::Latitude);
pub(super) const LONGITUDE: FieldSpec = field("longitude", |l| l.longitude, FieldKind::Longitude);
pub(super) const DESCRIPTION_VI: FieldSpec = field(
    "description_vi",
    |l| l.description_vi,
    FieldKind::Long { max: 8000 },
);
pub(super) const DESCRIPTION_EN: FieldSpec = field(
    "description_en",
    |l| l.description_en,
    FieldKind::Long { max: 8000 },
);
pub(super) const SOURCE: FieldSpec =
    required(field("source_url", |l| l.source_url, FieldKind::Url));
/// The sources of single facts, with their dates and other figures.
pub(super) const SOURCES: FieldSpec = field("sources", |l| l.sources, FieldKind::Sources);

/// A kind's fields: the shared ones first (names, slug, status) and last
/// (place, description, source), its own in between.
macro_rules! listing_spec {
    ($($own:expr),* $(,)?) => {
        &[
            NAME_VI, NAME_EN, SLUG, STATUS_FIELD,
            $($own,)*
            COMMUNE_IF_KNOWN, LEGACY_COMMUNE, LEGACY_DISTRICT,
            LATITUDE, LONGITUDE, DESCRIPTION_VI, DESCRIPTION_EN, SOURCE, SOURCES,
        ]
    };
}

/// The editable fields of an industrial park or cluster.
pub static CLUSTER: &[FieldSpec] = listing_spec![
    required(field(
        "kind",
        |l| l.kind,
        FieldKind::Choice(Choices {
            values: &["cluster", "park"],
            label: cluster_kind_label,
        }),
    )),
    field(
        "stage",
        |l| l.stage,
        FieldKind::Choice(Choices {
            values: &["planned", "established", "operating", "expanding"],
            label: stage_label,
        }),
    ),
    field(
        "plan_action",
        |l| l.plan_action,
        FieldKind::Choice(Choices {
            values: &["keep", "expand", "reduce", "new", "proposed"],
            label: crate::cluster::plan_action_label,
        }),
    ),
    field("planned_area_ha", |l| l.planned_area_ha, AREA_HA),
    field("established_area_ha", |l| l.established_area_ha, AREA_HA,),
    field("industrial_land_ha", |l| l.industrial_land_ha, AREA_HA,),
    field(
        "leased_land_ha",
        |l| l.leased_land_ha,
        FieldKind::Decimal {
            min: 0.0,
            max: 100_000.0,
        },
    ),
    field(
        "reported_occupancy_pct",
        |l| l.reported_occupancy_pct,
        FieldKind::Decimal {
            min: 0.0,
            max: 100.0,
        },
    ),
    field(
        "occupancy_year",
        |l| l.occupancy_year,
        FieldKind::Year { min: 1990 },
    ),
    field(
        "infrastructure_investor",
        |l| l.infrastructure_investor,
        FieldKind::Text { max: 200 },
    ),
    field(
        "establishment_decision",
        |l| l.establishment_decision,
        FieldKind::Text { max: 200 },
    ),
    field(
        "establishment_date",
        |l| l.establishment_date,
        FieldKind::Date,
    ),
    field(
        "infrastructure_complete",
        |l| l.infrastructure_complete,
        FieldKind::YesNo,
    ),
    field(
        "wastewater_status",
        |l| l.wastewater_status,
        FieldKind::Choice(Choices {
            values: &["none", "planned", "building", "operating"],
            label: crate::cluster::wastewater_label,
        }),
    ),
    field(
        "target_industries_vi",
        |l| l.target_industries_vi,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "target_industries_en",
        |l| l.target_industries_en,
        FieldKind::Long { max: 2000 },
    ),
];

/// The editable fields of an enterprise or cooperative.
pub static ENTERPRISE: &[FieldSpec] = listing_spec![
    required(field(
        "legal_form",
        |l| l.legal_form,
        FieldKind::Choice(Choices {
            values: &["company", "cooperative", "cooperative_group", "household"],
            label: legal_form_label,
        }),
    )),
    field("tax_code", |l| l.tax_code, FieldKind::TaxCode),
    field("sector_vi", |l| l.sector_vi, FieldKind::Text { max: 200 },),
    field("sector_en", |l| l.sector_en, FieldKind::Text { max: 200 },),
    field(
        "products_vi",
        |l| l.products_vi,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "products_en",
        |l| l.products_en,
        FieldKind::Long { max: 2000 },
    ),
    field(
        "founded_year",
        |l| l.founded_year,
        FieldKind::Year { min: 1900 },
    ),
    field(
        "employees",
        |l| l.employees,
        FieldKind::Int {
            min: 0,
            max: 1_000_000,
        },
    ),
    field(
        "members",
        |l| l.members,
        FieldKind::Int {
            min: 0,
            max: 1_000_000,
        },
    ),
    field("phone", |l| l.phone, FieldKind::Phone),
    field("email", |l| l.email, FieldKind::Email),
    field("website", |l| l.website, FieldKind::Url),
    field("address", |l| l.address, FieldKind::Text { max: 300 }),
    field(
        "villages",
        |l| l.villages,
        FieldKind::Many(&ENTERPRISE_VILLAGES),
    ),
    field(
        "clusters",
        |l| l.clusters,
        FieldKind::Many(&ENTERPRISE_CLUSTERS),
    ),
];

/// The editable fields of a product (OCOP and others).
pub static PRODUCT: &[FieldSpec] = listing_spec![
    required(field(
        "category",
        |l| l.category,
        FieldKind::Choice(Choices {
            values: &[
                "fruit",
                "tea",
                "poultry",
                "beverage",
                "textile",
                "handicraft",
                "herbal",
                "food",
                "other",
            ],
            label: category_label,
        }),
    )),
    field(
        "producer_id",
        |l| l.producer_id,
        FieldKind::Link(crate::listing::Kind::Enterprise),
    ),
    field(
        "village_id",
        |l| l.village_id,
        FieldKind::Link(crate::listing::Kind::Village),
    ),
    field(
        "ocop_stars",
        |l| l.ocop_stars,
        FieldKind::Int { min: 3, max: 5 },
    ),
    field(
        "ocop_certified_on",
        |l| l.ocop_certified_on,
        FieldKind::Date,
    ),
    field(
        "ocop_decision",
        |l| l.ocop_decision,
        FieldKind::Text { max: 200 },
    ),
    field(
        "geo_indication_year",
        |l| l.geo_indication_year,
        FieldKind::Year { min: 1900 },
    ),
];
