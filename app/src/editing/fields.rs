//! The editable fields of each kind of listing and how each is parsed.

use super::{FieldErrors, FormContext, Values};
use crate::i18n::Lang;
use crate::staff::strings::StaffStrings;
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
    /// A proposal that changes nothing.
    NothingChanged,
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
            FieldError::MoreThanTotal => s.field_more_than_total,
            FieldError::UnknownCommune => s.field_unknown_commune,
            FieldError::SlugTaken => s.field_slug_taken,
            FieldError::ChangedMeanwhile => s.field_changed_meanwhile,
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
    /// The listing's URL slug ([`crate::text::Slug`]); empty = made from
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
    /// One of fixed values: (value, Vietnamese label, English label).
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// Yes, no or not recorded; stored as 1 / 0 / NULL.
    YesNo,
    /// A web address (http or https).
    Url,
}

impl FieldKind {
    /// Whether the column holds an integer, a real or text.
    pub fn storage(self) -> Storage {
        match self {
            FieldKind::Int { .. } | FieldKind::Year { .. } | FieldKind::YesNo => Storage::Integer,
            FieldKind::Latitude | FieldKind::Longitude => Storage::Real,
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
            FieldKind::Slug => crate::text::Slug::parse(text)
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
                .iter()
                .any(|(value, _, _)| *value == text)
                .then(|| text.to_owned())
                .ok_or(FieldError::BadChoice),
            FieldKind::YesNo => match text {
                "1" | "0" => Ok(text.to_owned()),
                _ => Err(FieldError::BadChoice),
            },
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
    if let (Ok(part), Ok(whole)) = (
        get("craft_households").parse::<i64>(),
        get("total_households").parse::<i64>(),
    ) && part > whole
        && !errors.contains_key("craft_households")
    {
        errors.insert("craft_households".into(), FieldError::MoreThanTotal);
    }
}

pub const STATUS: &[(&str, &str, &str)] = &[
    ("published", "Đã đăng", "Published"),
    ("draft", "Bản nháp", "Draft"),
    ("archived", "Lưu trữ", "Archived"),
];

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

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    fn cx() -> FormContext {
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
}
