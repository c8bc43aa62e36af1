//! The editable fields of each kind of listing and how each is parsed.

use super::{FieldErrors, FormContext, Values};
use crate::staff::strings::StaffStrings;
use model::i18n::Lang;
use serde::{Deserialize, Serialize};

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooLong,
    NotNumber,
    OutOfRange,
    NotYear,
    BadSlug,
    BadUrl,
    BadChoice,
    OutsideArea,
    PairNeeded,
    MoreThanTotal,
    UnknownCommune,
    SlugTaken,
    ChangedMeanwhile,
    BadTaxCode,
    /// Another listing has this value (a tax code).
    Taken,
    BadDate,
    BadEmail,
    BadPhone,
    /// A proposal that changes nothing.
    NothingChanged,
    /// No listing of the linked kind has this address.
    UnknownLink,
}

impl FieldError {
    /// The message shown at the field.
    pub fn message(self, s: &'static StaffStrings) -> &'static str {
        match self {
            FieldError::Required => s.field_required,
            FieldError::TooLong => s.field_too_long,
            FieldError::NotNumber => s.field_not_number,
            FieldError::OutOfRange => s.field_out_of_range,
            FieldError::NotYear => s.field_not_year,
            FieldError::BadSlug => s.field_bad_slug,
            FieldError::BadUrl => s.field_bad_url,
            FieldError::BadChoice => s.field_bad_choice,
            FieldError::OutsideArea => s.field_outside_area,
            FieldError::PairNeeded => s.field_pair_needed,
            FieldError::NothingChanged => s.field_nothing_changed,
            FieldError::BadTaxCode => s.field_bad_tax_code,
            FieldError::Taken => s.field_taken,
            FieldError::BadDate => s.field_bad_date,
            FieldError::BadEmail => s.field_bad_email,
            FieldError::BadPhone => s.field_bad_phone,
            FieldError::MoreThanTotal => s.field_more_than_total,
            FieldError::UnknownCommune => s.field_unknown_commune,
            FieldError::SlugTaken => s.field_slug_taken,
            FieldError::ChangedMeanwhile => s.field_changed_meanwhile,
            FieldError::UnknownLink => s.field_unknown_link,
        }
    }
}

/// How a field is entered, checked and stored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// One line of text of at most `max` characters.
    Text {
        max: usize,
    },
    /// Paragraphs.
    Long {
        max: usize,
    },
    /// The listing's URL slug ([`model::text::Slug`]); empty = made from
    /// the Vietnamese name.
    Slug,
    /// A whole number in a range.
    Int {
        min: i64,
        max: i64,
    },
    /// A calendar year in a range.
    Year {
        min: i64,
        max: i64,
    },
    Latitude,
    Longitude,
    /// A current commune of the area.
    Commune,
    /// One of fixed values, shown with their labels.
    Choice(Choices),
    /// A decimal number in a range (areas in hectares, percentages).
    Decimal {
        min: f64,
        max: f64,
    },
    /// A Vietnamese tax code ([`model::tax_code::TaxCode`]).
    TaxCode,
    /// A calendar date, YYYY-MM-DD.
    Date,
    /// An e-mail address.
    Email,
    /// A telephone number: digits, spaces, '+', '.', '-', '(' and ')'.
    Phone,
    /// Yes, no or not recorded; stored as 1 / 0 / NULL.
    YesNo,
    /// A web address (http or https).
    Url,
    /// Another listing of this kind, entered as its address (slug) or a
    /// link to its page and stored as its id (the column is `…_id`).
    Link(model::listing::Kind),
}

/// The values of a choice field and how each is shown (the same labels
/// the public pages use).
#[derive(Clone, Copy, Debug)]
pub struct Choices {
    pub values: &'static [&'static str],
    pub label: fn(&str, Lang) -> &'static str,
}

impl PartialEq for Choices {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
    }
}

impl FieldKind {
    /// Whether the column holds an integer, a real or text.
    pub fn storage(self) -> Storage {
        match self {
            FieldKind::Int { .. } | FieldKind::Year { .. } | FieldKind::YesNo => Storage::Integer,
            FieldKind::Link(kind) => Storage::Link(kind),
            FieldKind::Latitude | FieldKind::Longitude | FieldKind::Decimal { .. } => Storage::Real,
            _ => Storage::Text,
        }
    }
}

/// The column type behind a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    Integer,
    Real,
    Text,
    /// The id of a listing of this kind; the form holds its slug.
    Link(model::listing::Kind),
}

/// One editable field: its key is its column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

impl FieldSpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }

    /// The normalised text of `raw`, or what is wrong with it.
    pub fn parse(&self, raw: &str, cx: &FormContext) -> Result<String, FieldError> {
        let text = raw.trim();
        if text.is_empty() {
            // An empty slug is made from the name on the server.
            return if self.required && self.kind != FieldKind::Slug {
                Err(FieldError::Required)
            } else {
                Ok(String::new())
            };
        }
        match self.kind {
            FieldKind::Text { max } | FieldKind::Long { max } => {
                if text.chars().count() > max {
                    Err(FieldError::TooLong)
                } else if matches!(self.kind, FieldKind::Text { .. }) {
                    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
                } else {
                    Ok(text.replace("\r\n", "\n"))
                }
            }
            FieldKind::Slug => model::text::Slug::parse(text)
                .map(|s| s.as_str().to_owned())
                .map_err(|_| FieldError::BadSlug),
            FieldKind::Int { min, max } => {
                let n = parse_int(text).ok_or(FieldError::NotNumber)?;
                if (min..=max).contains(&n) {
                    Ok(n.to_string())
                } else {
                    Err(FieldError::OutOfRange)
                }
            }
            FieldKind::Year { min, max } => text
                .parse::<i64>()
                .ok()
                .filter(|y| text.len() == 4 && (min..=max).contains(y))
                .map(|y| y.to_string())
                .ok_or(FieldError::NotYear),
            FieldKind::Latitude | FieldKind::Longitude => {
                let x: f64 = text
                    .replace(',', ".")
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or(FieldError::NotNumber)?;
                let limit = if self.kind == FieldKind::Latitude {
                    90.0
                } else {
                    180.0
                };
                if x.abs() > limit {
                    return Err(FieldError::OutOfRange);
                }
                // Six decimals: about 10 cm, more than any source gives.
                Ok(format!("{:.6}", x)
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_owned())
            }
            FieldKind::Commune => cx
                .communes
                .iter()
                .any(|c| c.code == text)
                .then(|| text.to_owned())
                .ok_or(FieldError::UnknownCommune),
            FieldKind::Choice(choices) => choices
                .values
                .contains(&text)
                .then(|| text.to_owned())
                .ok_or(FieldError::BadChoice),
            FieldKind::Decimal { min, max } => {
                let x = parse_decimal(text).ok_or(FieldError::NotNumber)?;
                if x < min || x > max {
                    return Err(FieldError::OutOfRange);
                }
                Ok(format!("{x:.4}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_owned())
            }
            FieldKind::TaxCode => model::tax_code::TaxCode::parse(text)
                .map(|code| code.to_string())
                .map_err(|_| FieldError::BadTaxCode),
            FieldKind::Date => {
                let valid = text.len() == 10
                    && text.as_bytes()[4] == b'-'
                    && text.as_bytes()[7] == b'-'
                    && match (
                        text[..4].parse::<u32>(),
                        text[5..7].parse::<u32>(),
                        text[8..].parse::<u32>(),
                    ) {
                        (Ok(y), Ok(m), Ok(d)) => {
                            (1900..=2100).contains(&y)
                                && (1..=12).contains(&m)
                                && d >= 1
                                && d <= days_in_month(y, m)
                        }
                        _ => false,
                    };
                valid.then(|| text.to_owned()).ok_or(FieldError::BadDate)
            }
            FieldKind::Email => crate::staff::Email::parse(text)
                .map(|e| e.as_str().to_owned())
                .ok_or(FieldError::BadEmail),
            FieldKind::Phone => {
                let digits = text.chars().filter(char::is_ascii_digit).count();
                let allowed = text
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +.-()".contains(c));
                (allowed && (8..=15).contains(&digits) && text.len() <= 30)
                    .then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
                    .ok_or(FieldError::BadPhone)
            }
            FieldKind::YesNo => match text {
                "1" | "0" => Ok(text.to_owned()),
                _ => Err(FieldError::BadChoice),
            },
            FieldKind::Link(_) => link_slug(text).ok_or(FieldError::UnknownLink),
            FieldKind::Url => {
                let lower = text.to_ascii_lowercase();
                let rest = lower
                    .strip_prefix("https://")
                    .or_else(|| lower.strip_prefix("http://"));
                if rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
                    && text.len() <= 2000
                {
                    Ok(text.to_owned())
                } else {
                    Err(FieldError::BadUrl)
                }
            }
        }
    }
}

/// The slug in what was typed for a link: the slug itself, or the last
/// part of a pasted page address ("https://…/doanh-nghiep/htx-x?lang=en#a"
/// gives "htx-x").
fn link_slug(text: &str) -> Option<String> {
    let path = text.split(['?', '#']).next().unwrap_or_default();
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    model::text::Slug::parse(last)
        .ok()
        .map(|slug| slug.as_str().to_owned())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// A decimal number as people type it: "12.5", "12,5" (Vietnamese decimal
/// comma); thousands separators are not accepted (ambiguous).
fn parse_decimal(text: &str) -> Option<f64> {
    let normal = text.replace(',', ".");
    if normal.matches('.').count() > 1 {
        return None;
    }
    normal.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Digits with optional thousands separators ('.', ',' or spaces as people
/// type them: "1.200", "1 200").
fn parse_int(text: &str) -> Option<i64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    let body = digits.strip_prefix('-').unwrap_or(&digits);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Rules that join fields: coordinates come in pairs inside the area; a
/// part is never more than its whole.
pub fn cross_checks(values: &Values, errors: &mut FieldErrors, cx: &FormContext) {
    let get = |key: &str| values.get(key).map(String::as_str).unwrap_or_default();
    let (lat, lon) = (get("latitude"), get("longitude"));
    if !errors.contains_key("latitude") && !errors.contains_key("longitude") {
        match (lat.parse::<f64>(), lon.parse::<f64>()) {
            (Ok(lat), Ok(lon)) if !cx.bounds.contains(lat, lon) => {
                errors.insert("latitude".into(), FieldError::OutsideArea);
            }
            (Ok(_), Err(_)) => {
                errors.insert("longitude".into(), FieldError::PairNeeded);
            }
            (Err(_), Ok(_)) => {
                errors.insert("latitude".into(), FieldError::PairNeeded);
            }
            _ => {}
        }
    }
    for (part, whole) in [
        ("craft_households", "total_households"),
        ("leased_land_ha", "industrial_land_ha"),
        ("industrial_land_ha", "established_area_ha"),
    ] {
        if let (Ok(p), Ok(w)) = (get(part).parse::<f64>(), get(whole).parse::<f64>())
            && p > w
            && !errors.contains_key(part)
        {
            errors.insert(part.into(), FieldError::MoreThanTotal);
        }
    }
}

fn status_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "draft" => lang.pick("Bản nháp", "Draft"),
        "archived" => lang.pick("Lưu trữ", "Archived"),
        _ => lang.pick("Đã đăng", "Published"),
    }
}

/// Draft, published or archived: every kind has it.
pub const STATUS: Choices = Choices {
    values: &["published", "draft", "archived"],
    label: status_label,
};

const fn field(
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

const fn required(spec: FieldSpec) -> FieldSpec {
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

const AREA_HA: FieldKind = FieldKind::Decimal {
    min: 0.01,
    max: 100_000.0,
};

const NAME_VI: FieldSpec = required(field(
    "name_vi",
    "Tên (tiếng Việt)",
    "Name (Vietnamese)",
    FieldKind::Text { max: 200 },
));
const NAME_EN: FieldSpec = required(field(
    "name_en",
    "Tên (tiếng Anh)",
    "Name (English)",
    FieldKind::Text { max: 200 },
));
const SLUG: FieldSpec = required(field(
    "slug",
    "Đường dẫn",
    "Address (slug)",
    FieldKind::Slug,
));
const STATUS_FIELD: FieldSpec = required(field(
    "status",
    "Trạng thái",
    "Status",
    FieldKind::Choice(STATUS),
));
/// Parks, clusters, enterprises and products may lack a known commune in
/// their source (villages always have one).
const COMMUNE_IF_KNOWN: FieldSpec = field(
    "commune_code",
    "Xã/phường",
    "Commune or ward",
    FieldKind::Commune,
);
const LATITUDE: FieldSpec = field("latitude", "Vĩ độ", "Latitude", FieldKind::Latitude);
const LONGITUDE: FieldSpec = field("longitude", "Kinh độ", "Longitude", FieldKind::Longitude);
const DESCRIPTION_VI: FieldSpec = field(
    "description_vi",
    "Giới thiệu (tiếng Việt)",
    "Description (Vietnamese)",
    FieldKind::Long { max: 8000 },
);
const DESCRIPTION_EN: FieldSpec = field(
    "description_en",
    "Giới thiệu (tiếng Anh)",
    "Description (English)",
    FieldKind::Long { max: 8000 },
);
const SOURCE: FieldSpec = required(field(
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
            COMMUNE_IF_KNOWN, LATITUDE, LONGITUDE, DESCRIPTION_VI, DESCRIPTION_EN, SOURCE,
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
        FieldKind::Link(model::listing::Kind::Enterprise),
    ),
    field(
        "village_id",
        "Làng nghề",
        "Craft village",
        FieldKind::Link(model::listing::Kind::Village),
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

#[cfg(test)]
pub(crate) mod tests {
    use super::super::*;
    use super::*;

    /// A form context of one commune in the province's box.
    pub(crate) fn cx() -> FormContext {
        FormContext {
            communes: vec![CommuneOption {
                code: "04891".into(),
                name: "Xã Mai Châu".into(),
            }],
            bounds: AreaBounds {
                south: 20.17,
                west: 104.68,
                north: 21.24,
                east: 106.0,
            },
            links: Vec::new(),
        }
    }

    fn valid() -> Values {
        [
            ("name_vi", "Làng nghề dệt thổ cẩm bản Lác"),
            ("name_en", "Bản Lác brocade weaving village"),
            ("slug", "ban-lac"),
            ("status", "published"),
            ("place_name", "Bản Lác"),
            ("commune_code", "04891"),
            ("source_url", "https://example.gov.vn/a"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn a_valid_form_is_normalised() {
        let mut input = valid();
        input.insert("total_households".into(), " 1.200 ".into());
        input.insert("latitude".into(), "20,6556".into());
        input.insert("longitude".into(), "105.0767000".into());
        input.insert("name_vi".into(), "  Làng   nghề  Lác ".into());
        let values = parse_values(VILLAGE, &input, &cx()).expect("valid");
        assert_eq!(values["total_households"], "1200");
        assert_eq!(values["latitude"], "20.6556");
        assert_eq!(values["longitude"], "105.0767");
        assert_eq!(values["name_vi"], "Làng nghề Lác");
        assert_eq!(values["craft_began_year"], "");
        assert_eq!(values.len(), VILLAGE.len());
    }

    #[test]
    fn each_bad_field_gets_its_own_error_and_keeps_its_text() {
        let mut input = valid();
        input.insert("name_en".into(), "   ".into());
        input.insert("slug".into(), "Bản Lác".into());
        input.insert("total_households".into(), "mười".into());
        input.insert("craft_began_year".into(), "99".into());
        input.insert("commune_code".into(), "99999".into());
        input.insert("source_url".into(), "javascript:alert(1)".into());
        input.insert("status".into(), "deleted".into());
        input.insert("is_traditional".into(), "maybe".into());
        let errors = parse_values(VILLAGE, &input, &cx()).expect_err("invalid");
        assert_eq!(errors["name_en"], FieldError::Required);
        assert_eq!(errors["slug"], FieldError::BadSlug);
        assert_eq!(errors["total_households"], FieldError::NotNumber);
        assert_eq!(errors["craft_began_year"], FieldError::NotYear);
        assert_eq!(errors["commune_code"], FieldError::UnknownCommune);
        assert_eq!(errors["source_url"], FieldError::BadUrl);
        assert_eq!(errors["status"], FieldError::BadChoice);
        assert_eq!(errors["is_traditional"], FieldError::BadChoice);
        assert_eq!(errors.len(), 8);
    }

    #[test]
    fn coordinates_come_in_pairs_inside_the_area() {
        let mut input = valid();
        input.insert("latitude".into(), "48.85".into());
        input.insert("longitude".into(), "2.35".into());
        assert_eq!(
            parse_values(VILLAGE, &input, &cx()).expect_err("Paris")["latitude"],
            FieldError::OutsideArea
        );
        input.insert("latitude".into(), "20.7".into());
        input.insert("longitude".into(), String::new());
        assert_eq!(
            parse_values(VILLAGE, &input, &cx()).expect_err("half")["longitude"],
            FieldError::PairNeeded
        );
        input.insert("latitude".into(), "NaN".into());
        input.insert("longitude".into(), "105".into());
        assert_eq!(
            parse_values(VILLAGE, &input, &cx()).expect_err("nan")["latitude"],
            FieldError::NotNumber
        );
    }

    #[test]
    fn craft_households_never_exceed_the_total() {
        let mut input = valid();
        input.insert("total_households".into(), "100".into());
        input.insert("craft_households".into(), "120".into());
        assert_eq!(
            parse_values(VILLAGE, &input, &cx()).expect_err("more")["craft_households"],
            FieldError::MoreThanTotal
        );
        input.insert("craft_households".into(), "100".into());
        assert!(parse_values(VILLAGE, &input, &cx()).is_ok());
    }

    #[test]
    fn diffs_list_changed_fields_in_form_order() {
        let before = valid();
        let mut after = valid();
        after.insert("source_url".into(), "https://example.gov.vn/b".into());
        after.insert("name_vi".into(), "Bản Lác".into());
        let changes = diff(VILLAGE, &before, &after);
        let keys: Vec<_> = changes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["name_vi", "source_url"]);
        assert_eq!(changes[1].before, "https://example.gov.vn/a");
        assert!(diff(VILLAGE, &before, &before).is_empty());
    }

    fn parse(kind: FieldKind, raw: &str) -> Result<String, FieldError> {
        field("x", "x", "x", kind).parse(raw, &cx())
    }

    #[test]
    fn decimals_take_a_comma_or_a_point_and_respect_their_range() {
        assert_eq!(parse(AREA_HA, "75,5"), Ok("75.5".into()));
        assert_eq!(parse(AREA_HA, "120.0000"), Ok("120".into()));
        assert_eq!(parse(AREA_HA, "0"), Err(FieldError::OutOfRange));
        assert_eq!(parse(AREA_HA, "1.200,5"), Err(FieldError::NotNumber));
        assert_eq!(parse(AREA_HA, "NaN"), Err(FieldError::NotNumber));
        assert_eq!(parse(AREA_HA, "inf"), Err(FieldError::NotNumber));
        let pct = FieldKind::Decimal {
            min: 0.0,
            max: 100.0,
        };
        assert_eq!(parse(pct, "100"), Ok("100".into()));
        assert_eq!(parse(pct, "100.1"), Err(FieldError::OutOfRange));
    }

    #[test]
    fn tax_codes_dates_e_mails_and_phones() {
        // A published code, and the same with a wrong check digit.
        assert_eq!(
            parse(FieldKind::TaxCode, " 0100109106 "),
            Ok("0100109106".into())
        );
        assert_eq!(
            parse(FieldKind::TaxCode, "0100109107"),
            Err(FieldError::BadTaxCode)
        );
        assert_eq!(
            parse(FieldKind::TaxCode, "54001012"),
            Err(FieldError::BadTaxCode)
        );
        assert_eq!(
            parse(FieldKind::Date, "2024-02-29"),
            Ok("2024-02-29".into())
        );
        assert_eq!(
            parse(FieldKind::Date, "2023-02-29"),
            Err(FieldError::BadDate)
        );
        assert_eq!(
            parse(FieldKind::Date, "2023-13-01"),
            Err(FieldError::BadDate)
        );
        assert_eq!(
            parse(FieldKind::Date, "29/02/2024"),
            Err(FieldError::BadDate)
        );
        assert_eq!(
            parse(FieldKind::Date, "2024-0é-01"),
            Err(FieldError::BadDate)
        );
        assert_eq!(
            parse(FieldKind::Email, "Info@HTX.vn"),
            Ok("info@htx.vn".into())
        );
        assert_eq!(
            parse(FieldKind::Email, "info at htx"),
            Err(FieldError::BadEmail)
        );
        assert_eq!(
            parse(FieldKind::Phone, "0218  3852 123"),
            Ok("0218 3852 123".into())
        );
        assert_eq!(
            parse(FieldKind::Phone, "+84 218 385 2123"),
            Ok("+84 218 385 2123".into())
        );
        assert_eq!(parse(FieldKind::Phone, "12345"), Err(FieldError::BadPhone));
        assert_eq!(
            parse(FieldKind::Phone, "0218 ext 5"),
            Err(FieldError::BadPhone)
        );
    }

    #[test]
    fn every_kind_has_a_spec_with_the_shared_fields_and_unique_keys() {
        for kind in model::listing::Kind::ALL {
            let spec = spec_of(kind).expect("every kind is editable");
            for key in ["name_vi", "name_en", "slug", "status", "source_url"] {
                assert!(
                    spec.iter().any(|f| f.key == key && f.required),
                    "{kind:?} {key}"
                );
            }
            let mut keys: Vec<_> = spec.iter().map(|f| f.key).collect();
            keys.sort_unstable();
            let before = keys.len();
            keys.dedup();
            assert_eq!(before, keys.len(), "{kind:?} has a key twice");
        }
    }

    #[test]
    fn leased_land_is_never_more_than_industrial_land() {
        let mut values = valid();
        values.insert("industrial_land_ha".into(), "50".into());
        values.insert("leased_land_ha".into(), "50,5".into());
        values.insert("kind".into(), "cluster".into());
        let errors =
            parse_values(CLUSTER, &values, &cx()).expect_err("more leased than industrial land");
        assert_eq!(
            errors.get("leased_land_ha"),
            Some(&FieldError::MoreThanTotal)
        );
        values.insert("leased_land_ha".into(), "49.5".into());
        assert!(parse_values(CLUSTER, &values, &cx()).is_ok());
    }

    #[test]
    fn links_take_an_address_or_a_pasted_page_link() {
        let producer = PRODUCT
            .iter()
            .find(|f| f.key == "producer_id")
            .expect("producer field");
        for typed in [
            "htx-che-shan-tuyet",
            " htx-che-shan-tuyet ",
            "https://langnghe.example/doanh-nghiep/htx-che-shan-tuyet",
            "https://langnghe.example/en/enterprises/htx-che-shan-tuyet/?x=1#top",
            "/doanh-nghiep/htx-che-shan-tuyet",
        ] {
            assert_eq!(
                producer.parse(typed, &cx()).as_deref(),
                Ok("htx-che-shan-tuyet"),
                "{typed}"
            );
        }
        assert_eq!(producer.parse("", &cx()).as_deref(), Ok(""));
        for bad in ["Hợp tác xã chè", "https://x.example/", "a b"] {
            assert_eq!(
                producer.parse(bad, &cx()),
                Err(FieldError::UnknownLink),
                "{bad}"
            );
        }
    }
}
