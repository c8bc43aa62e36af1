//! The editable fields of each kind of listing, in the order the form shows
//! them.

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
    vi: &'static str,
    en: &'static str,
    kind: FieldKind,
) -> FieldSpec {
    FieldSpec {
        key,
        vi,
        en,
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
        "Tên (tiếng Việt)",
        "Name (Vietnamese)",
        FieldKind::Text { max: 200 },
    )),
    required(field(
        "name_en",
        "Tên (tiếng Anh)",
        "Name (English)",
        FieldKind::Text { max: 200 },
    )),
    required(field(
        "slug",
        "Đường dẫn",
        "Address (slug)",
        FieldKind::Slug,
    )),
    required(field(
        "status",
        "Trạng thái",
        "Status",
        FieldKind::Choice(STATUS),
    )),
    required(field(
        "place_name",
        "Tên địa danh",
        "Place name",
        FieldKind::Text { max: 120 },
    )),
    required(field(
        "commune_code",
        "Xã/phường",
        "Commune or ward",
        FieldKind::Commune,
    )),
    LEGACY_COMMUNE,
    field(
        "crafts",
        "Nghề (địa chỉ, cách nhau bởi dấu phẩy; nghề chính trước)",
        "Crafts (addresses separated by commas; the main craft first)",
        FieldKind::Many(&VILLAGE_CRAFTS),
    ),
    field("latitude", "Vĩ độ", "Latitude", FieldKind::Latitude),
    field("longitude", "Kinh độ", "Longitude", FieldKind::Longitude),
    field(
        "craft_began_year",
        "Năm hình thành nghề",
        "Year the craft began",
        FieldKind::Year {
            min: 1000,
            max: 2100,
        },
    ),
    field(
        "total_households",
        "Tổng số hộ",
        "Households in total",
        FieldKind::Int {
            min: 0,
            max: 100_000,
        },
    ),
    field(
        "craft_households",
        "Số hộ làm nghề",
        "Households in the craft",
        FieldKind::Int {
            min: 0,
            max: 100_000,
        },
    ),
    field(
        "is_traditional",
        "Làng nghề truyền thống",
        "Traditional craft village",
        FieldKind::YesNo,
    ),
    field(
        "stable_production_years",
        "Số năm sản xuất ổn định",
        "Years of stable production",
        FieldKind::Int { min: 0, max: 1000 },
    ),
    field(
        "env_compliant",
        "Đạt yêu cầu môi trường",
        "Meets environmental requirements",
        FieldKind::YesNo,
    ),
    field(
        "recognition_year",
        "Năm được công nhận",
        "Year recognised",
        FieldKind::Year {
            min: 1900,
            max: 2100,
        },
    ),
    field(
        "recognition_decision",
        "Quyết định công nhận",
        "Recognition decision",
        FieldKind::Text { max: 200 },
    ),
    field(
        "recognition_date",
        "Ngày công nhận",
        "Date recognised",
        FieldKind::Date,
    ),
    field(
        "featured",
        "Giới thiệu trên trang chủ",
        "Featured on the home page",
        FieldKind::Check,
    ),
    field(
        "description_vi",
        "Giới thiệu (tiếng Việt)",
        "Description (Vietnamese)",
        FieldKind::Long { max: 8000 },
    ),
    field(
        "description_en",
        "Giới thiệu (tiếng Anh)",
        "Description (English)",
        FieldKind::Long { max: 8000 },
    ),
    field(
        "products_vi",
        "Sản phẩm (tiếng Việt)",
        "Products (Vietnamese)",
        FieldKind::Long { max: 2000 },
    ),
    field(
        "products_en",
        "Sản phẩm (tiếng Anh)",
        "Products (English)",
        FieldKind::Long { max: 2000 },
    ),
    field(
        "visiting_vi",
        "Tham quan (tiếng Việt)",
        "Visiting (Vietnamese)",
        FieldKind::Long { max: 4000 },
    ),
    field(
        "visiting_en",
        "Tham quan (tiếng Anh)",
        "Visiting (English)",
        FieldKind::Long { max: 4000 },
    ),
    required(field(
        "source_url",
        "Nguồn (địa chỉ web)",
        "Source (web address)",
        FieldKind::Url,
    )),
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
    "Tên (tiếng Việt)",
    "Name (Vietnamese)",
    FieldKind::Text { max: 200 },
));
pub(super) const NAME_EN: FieldSpec = required(field(
    "name_en",
    "Tên (tiếng Anh)",
    "Name (English)",
    FieldKind::Text { max: 200 },
));
pub(super) const SLUG: FieldSpec = required(field(
    "slug",
    "Đường dẫn",
    "Address (slug)",
    FieldKind::Slug,
));
pub(super) const STATUS_FIELD: FieldSpec = required(field(
    "status",
    "Trạng thái",
    "Status",
    FieldKind::Choice(STATUS),
));
/// Parks, clusters, enterprises and products may lack a known commune in
/// their source (villages always have one).
pub(super) const COMMUNE_IF_KNOWN: FieldSpec = field(
    "commune_code",
    "Xã/phường",
    "Commune or ward",
    FieldKind::Commune,
);
/// The commune a source names, from before the 2025 merger.
pub(super) const LEGACY_COMMUNE: FieldSpec = field(
    "legacy_commune_code",
    "Xã cũ (trước 1/7/2025)",
    "Former commune (before 1 July 2025)",
    FieldKind::LegacyCommune,
);
/// The district a source names when it names no commune.
pub(super) const LEGACY_DISTRICT: FieldSpec = field(
    "district_code",
    "Huyện cũ (trước 1/7/2025)",
    "Former district (before 1 July 2025)",
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
pub(super) const LATITUDE: FieldSpec = field("latitude", "Vĩ độ", "Latitude", FieldKind::Latitude);
pub(super) const LONGITUDE: FieldSpec =
    field("longitude", "Kinh độ", "Longitude", FieldKind::Longitude);
pub(super) const DESCRIPTION_VI: FieldSpec = field(
    "description_vi",
    "Giới thiệu (tiếng Việt)",
    "Description (Vietnamese)",
    FieldKind::Long { max: 8000 },
);
pub(super) const DESCRIPTION_EN: FieldSpec = field(
    "description_en",
    "Giới thiệu (tiếng Anh)",
    "Description (English)",
    FieldKind::Long { max: 8000 },
);
pub(super) const SOURCE: FieldSpec = required(field(
    "source_url",
    "Nguồn (địa chỉ web)",
    "Source (web address)",
    FieldKind::Url,
));

/// A kind's fields: the shared ones first (names, slug, status) and last
/// (place, description, source), its own in between.
macro_rules! listing_spec {
    ($($own:expr),* $(,)?) => {
        &[
            NAME_VI, NAME_EN, SLUG, STATUS_FIELD,
            $($own,)*
            COMMUNE_IF_KNOWN, LEGACY_COMMUNE, LEGACY_DISTRICT,
            LATITUDE, LONGITUDE, DESCRIPTION_VI, DESCRIPTION_EN, SOURCE,
        ]
    };
}

/// The editable fields of an industrial park or cluster.
pub static CLUSTER: &[FieldSpec] = listing_spec![
    required(field(
        "kind",
        "Loại",
        "Type",
        FieldKind::Choice(Choices {
            values: &["cluster", "park"],
            label: cluster_kind_label,
        }),
    )),
    field(
        "stage",
        "Giai đoạn",
        "Stage",
        FieldKind::Choice(Choices {
            values: &["planned", "established", "operating", "expanding"],
            label: stage_label,
        }),
    ),
    field(
        "plan_action",
        "Theo quy hoạch 2021–2030",
        "In the 2021–2030 plan",
        FieldKind::Choice(Choices {
            values: &["keep", "expand", "reduce", "new", "proposed"],
            label: crate::cluster::plan_action_label,
        }),
    ),
    field(
        "planned_area_ha",
        "Diện tích quy hoạch (ha)",
        "Planned area (ha)",
        AREA_HA
    ),
    field(
        "established_area_ha",
        "Diện tích thành lập (ha)",
        "Established area (ha)",
        AREA_HA,
    ),
    field(
        "industrial_land_ha",
        "Đất công nghiệp (ha)",
        "Industrial land (ha)",
        AREA_HA,
    ),
    field(
        "leased_land_ha",
        "Đất đã cho thuê (ha)",
        "Land leased (ha)",
        FieldKind::Decimal {
            min: 0.0,
            max: 100_000.0,
        },
    ),
    field(
        "reported_occupancy_pct",
        "Tỷ lệ lấp đầy (%)",
        "Occupancy (%)",
        FieldKind::Decimal {
            min: 0.0,
            max: 100.0,
        },
    ),
    field(
        "occupancy_year",
        "Năm của tỷ lệ lấp đầy",
        "Year of the occupancy",
        FieldKind::Year {
            min: 1990,
            max: 2100,
        },
    ),
    field(
        "infrastructure_investor",
        "Chủ đầu tư hạ tầng",
        "Infrastructure investor",
        FieldKind::Text { max: 200 },
    ),
    field(
        "establishment_decision",
        "Quyết định thành lập",
        "Establishment decision",
        FieldKind::Text { max: 200 },
    ),
    field(
        "establishment_date",
        "Ngày thành lập",
        "Date established",
        FieldKind::Date,
    ),
    field(
        "infrastructure_complete",
        "Hạ tầng hoàn chỉnh",
        "Infrastructure complete",
        FieldKind::YesNo,
    ),
    field(
        "wastewater_status",
        "Xử lý nước thải tập trung",
        "Central wastewater treatment",
        FieldKind::Choice(Choices {
            values: &["none", "planned", "building", "operating"],
            label: crate::cluster::wastewater_label,
        }),
    ),
    field(
        "target_industries_vi",
        "Ngành nghề thu hút (tiếng Việt)",
        "Target industries (Vietnamese)",
        FieldKind::Long { max: 2000 },
    ),
    field(
        "target_industries_en",
        "Ngành nghề thu hút (tiếng Anh)",
        "Target industries (English)",
        FieldKind::Long { max: 2000 },
    ),
];

/// The editable fields of an enterprise or cooperative.
pub static ENTERPRISE: &[FieldSpec] = listing_spec![
    required(field(
        "legal_form",
        "Loại hình",
        "Legal form",
        FieldKind::Choice(Choices {
            values: &["company", "cooperative", "cooperative_group", "household"],
            label: legal_form_label,
        }),
    )),
    field("tax_code", "Mã số thuế", "Tax code", FieldKind::TaxCode),
    field(
        "sector_vi",
        "Ngành nghề (tiếng Việt)",
        "Sector (Vietnamese)",
        FieldKind::Text { max: 200 },
    ),
    field(
        "sector_en",
        "Ngành nghề (tiếng Anh)",
        "Sector (English)",
        FieldKind::Text { max: 200 },
    ),
    field(
        "products_vi",
        "Sản phẩm (tiếng Việt)",
        "Products (Vietnamese)",
        FieldKind::Long { max: 2000 },
    ),
    field(
        "products_en",
        "Sản phẩm (tiếng Anh)",
        "Products (English)",
        FieldKind::Long { max: 2000 },
    ),
    field(
        "founded_year",
        "Năm thành lập",
        "Year founded",
        FieldKind::Year {
            min: 1900,
            max: 2100,
        },
    ),
    field(
        "employees",
        "Số lao động",
        "Employees",
        FieldKind::Int {
            min: 0,
            max: 1_000_000,
        },
    ),
    field(
        "members",
        "Số thành viên",
        "Members",
        FieldKind::Int {
            min: 0,
            max: 1_000_000,
        },
    ),
    field("phone", "Điện thoại", "Telephone", FieldKind::Phone),
    field("email", "Thư điện tử", "E-mail", FieldKind::Email),
    field("website", "Trang web", "Website", FieldKind::Url),
    field(
        "address",
        "Địa chỉ",
        "Address",
        FieldKind::Text { max: 300 }
    ),
    field(
        "villages",
        "Làng nghề (địa chỉ, cách nhau bởi dấu phẩy)",
        "Craft villages (addresses separated by commas)",
        FieldKind::Many(&ENTERPRISE_VILLAGES),
    ),
    field(
        "clusters",
        "Khu, cụm công nghiệp (địa chỉ, cách nhau bởi dấu phẩy)",
        "Parks and clusters (addresses separated by commas)",
        FieldKind::Many(&ENTERPRISE_CLUSTERS),
    ),
];

/// The editable fields of a product (OCOP and others).
pub static PRODUCT: &[FieldSpec] = listing_spec![
    required(field(
        "category",
        "Nhóm sản phẩm",
        "Category",
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
        "Chủ thể sản xuất (doanh nghiệp, HTX)",
        "Producer (enterprise, cooperative)",
        FieldKind::Link(crate::listing::Kind::Enterprise),
    ),
    field(
        "village_id",
        "Làng nghề",
        "Craft village",
        FieldKind::Link(crate::listing::Kind::Village),
    ),
    field(
        "ocop_stars",
        "Hạng sao OCOP",
        "OCOP stars",
        FieldKind::Int { min: 3, max: 5 },
    ),
    field(
        "ocop_certified_on",
        "Ngày công nhận OCOP",
        "OCOP certified on",
        FieldKind::Date,
    ),
    field(
        "ocop_decision",
        "Quyết định công nhận OCOP",
        "OCOP decision",
        FieldKind::Text { max: 200 },
    ),
    field(
        "geo_indication_year",
        "Năm được chỉ dẫn địa lý",
        "Year of geographical indication",
        FieldKind::Year {
            min: 1900,
            max: 2100,
        },
    ),
];
