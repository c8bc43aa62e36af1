//! The editable fields of a listing and how each is parsed; each kind's
//! list of fields is in `specs`.

use super::{FieldErrors, FormContext, Values};
use crate::base::i18n::Lang;
use serde::{Deserialize, Serialize};

pub mod labels;
pub mod sections;
pub mod specs;
#[cfg(test)]
pub(crate) mod tests;

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
    /// A line of sources is not "fields | address | date | note", or names
    /// a field the kind does not have.
    BadSources,
    /// Not an OpenStreetMap `opening_hours` rule.
    BadHours,
    /// A line of experiences is not "name | name in English | minutes |
    /// price | year of the price | languages | booking".
    BadExperiences,
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
    /// The listing's URL slug ([`crate::base::text::Slug`]); empty = made from
    /// the Vietnamese name.
    Slug,
    /// A whole number in a range.
    Int {
        min: i64,
        max: i64,
    },
    /// The year of something that has happened: from `min` to this year.
    Year {
        min: i64,
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
    /// A Vietnamese tax code ([`crate::base::tax_code::TaxCode`]).
    TaxCode,
    /// The date of something that has happened (a certificate, a
    /// recognition, a founding), YYYY-MM-DD: from [`DATE_MIN`] to today in
    /// Vietnam.
    Date,
    /// An e-mail address.
    Email,
    /// A telephone number: digits, spaces, '+', '.', '-', '(' and ')'.
    Phone,
    /// Yes, no or not recorded; stored as 1 / 0 / NULL.
    YesNo,
    /// A checkbox: on or off, never unknown; stored as 1 / 0.
    Check,
    /// A web address (http or https).
    Url,
    /// Another listing of this kind, entered as its address (slug) or a
    /// link to its page and stored as its id (the column is `…_id`).
    Link(crate::listing::Kind),
    /// Several crafts or listings, entered as their addresses separated by
    /// commas (the first is the main one) and stored in a join table.
    Many(&'static Relation),
    /// A commune of the area before 1 July 2025 (the one sources name).
    LegacyCommune,
    /// A district of the area before 1 July 2025.
    LegacyDistrict,
    /// Where the facts come from, one source per line
    /// ([`crate::listing::sources`]).
    Sources,
    /// Opening hours as an OpenStreetMap `opening_hours` rule
    /// ([`crate::village::visit`]).
    OpeningHours,
    /// What visitors can do, one experience per line
    /// ([`crate::village::visit`]).
    Experiences,
}

/// A join table behind a [`FieldKind::Many`] field: `owner` is the
/// listing's id, `other` the id of a row of `target` (found by slug).
#[derive(Debug, PartialEq, Eq)]
pub struct Relation {
    pub table: &'static str,
    pub owner: &'static str,
    pub other: &'static str,
    /// The table the addresses name: `crafts` or a listing table.
    pub target: &'static str,
    /// The column keeping the order, if the order means something.
    pub position: Option<&'static str>,
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
            FieldKind::Int { .. }
            | FieldKind::Year { .. }
            | FieldKind::YesNo
            | FieldKind::Check => Storage::Integer,
            FieldKind::Link(kind) => Storage::Link(kind),
            FieldKind::Many(relation) => Storage::Many(relation),
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
    Link(crate::listing::Kind),
    /// Rows of a join table; the form holds the slugs, comma-separated.
    Many(&'static Relation),
}

/// One editable field: its key is its column.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub key: &'static str,
    /// Its label, from the field label tables (`labels`).
    pub label: fn(&labels::FieldLabels) -> &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

/// Two specs are the same field when key, kind and requirement agree (the
/// key names the label).
impl PartialEq for FieldSpec {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.kind == other.kind && self.required == other.required
    }
}

impl FieldSpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        (self.label)(labels::labels(lang))
    }

    /// Whether this field names listings of `kind` (one or several).
    pub fn links_to(&self, kind: crate::listing::Kind) -> bool {
        match self.kind {
            FieldKind::Link(linked) => linked == kind,
            FieldKind::Many(r) => r.target == kind.table(),
            _ => false,
        }
    }

    /// The normalised text of `raw`, or what is wrong with it.
    pub fn parse(&self, raw: &str, cx: &FormContext) -> Result<String, FieldError> {
        let text = raw.trim();
        // A checkbox left off sends nothing: off.
        if text.is_empty() && self.kind != FieldKind::Check {
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
            FieldKind::Slug => crate::base::text::Slug::parse(text)
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
            FieldKind::Year { min } => text
                .parse::<i64>()
                .ok()
                .filter(|y| text.len() == 4 && (min..=i64::from(cx.today.year)).contains(y))
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
                Ok(coordinate_text(x))
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
            FieldKind::TaxCode => crate::base::tax_code::TaxCode::parse(text)
                .map(|code| code.to_string())
                .map_err(|_| FieldError::BadTaxCode),
            FieldKind::Date => {
                let date = crate::base::date::Date::parse(text).ok_or(FieldError::BadDate)?;
                if date < DATE_MIN || date > cx.today {
                    return Err(FieldError::OutOfRange);
                }
                Ok(date.to_string())
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
            FieldKind::Check => match text {
                "" | "0" | "false" => Ok("0".to_owned()),
                "1" | "on" | "true" => Ok("1".to_owned()),
                _ => Err(FieldError::BadChoice),
            },
            FieldKind::YesNo => match text {
                "1" | "0" => Ok(text.to_owned()),
                _ => Err(FieldError::BadChoice),
            },
            FieldKind::Link(_) => link_slug(text).ok_or(FieldError::UnknownLink),
            FieldKind::Many(_) => {
                let mut slugs: Vec<String> = Vec::new();
                for part in text.split([',', ';', '\n']).map(str::trim) {
                    if part.is_empty() {
                        continue;
                    }
                    let slug = link_slug(part).ok_or(FieldError::UnknownLink)?;
                    if !slugs.contains(&slug) {
                        slugs.push(slug);
                    }
                }
                Ok(slugs.join(", "))
            }
            FieldKind::LegacyCommune => cx
                .legacy_communes
                .iter()
                .any(|c| c.code == text)
                .then(|| text.to_owned())
                .ok_or(FieldError::UnknownCommune),
            FieldKind::LegacyDistrict => cx
                .legacy_districts
                .iter()
                .any(|c| c.code == text)
                .then(|| text.to_owned())
                .ok_or(FieldError::UnknownCommune),
            FieldKind::Url => {
                // "www.xombui.vn" as people write it is completed with https://.
                let address = if !text.contains("://") && looks_like_host(text) {
                    format!("https://{text}")
                } else {
                    text.to_owned()
                };
                crate::base::text::is_web_address(&address)
                    .then_some(address)
                    .ok_or(FieldError::BadUrl)
            }
            FieldKind::Sources => {
                if text.chars().count() > SOURCES_MAX {
                    return Err(FieldError::TooLong);
                }
                crate::listing::sources::parse(text)
                    .map(|lines| crate::listing::sources::to_text(&lines))
                    .map_err(|_| FieldError::BadSources)
            }
            FieldKind::OpeningHours => opening_hours(text),
            FieldKind::Experiences => {
                if text.chars().count() > EXPERIENCES_MAX {
                    return Err(FieldError::TooLong);
                }
                crate::village::visit::parse_experiences(text)
                    .map(|list| crate::village::visit::experiences_text(&list))
                    .map_err(|_| FieldError::BadExperiences)
            }
        }
    }
}

/// The earliest date a date field takes.
pub const DATE_MIN: crate::base::date::Date = crate::base::date::Date {
    year: 1900,
    month: 1,
    day: 1,
};

/// The values a field allows, where they have bounds: the first and the
/// last, as a message names them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Allowed {
    Whole(i64, i64),
    Decimal(f64, f64),
    Dates(crate::base::date::Date, crate::base::date::Date),
}

impl FieldSpec {
    /// What this field allows, when it is a range (`None` for the others).
    pub fn allowed(&self, cx: &FormContext) -> Option<Allowed> {
        match self.kind {
            FieldKind::Int { min, max } => Some(Allowed::Whole(min, max)),
            FieldKind::Year { min } => Some(Allowed::Whole(min, i64::from(cx.today.year))),
            FieldKind::Decimal { min, max } => Some(Allowed::Decimal(min, max)),
            FieldKind::Latitude => Some(Allowed::Decimal(-90.0, 90.0)),
            FieldKind::Longitude => Some(Allowed::Decimal(-180.0, 180.0)),
            FieldKind::Date => Some(Allowed::Dates(DATE_MIN, cx.today)),
            _ => None,
        }
    }
}

/// An opening-hours rule, checked by the rule reader on the server; the
/// browser only tidies it (the reader is not in the browser bundle).
fn opening_hours(text: &str) -> Result<String, FieldError> {
    #[cfg(feature = "ssr")]
    {
        crate::village::hours::normalise(text).ok_or(FieldError::BadHours)
    }
    #[cfg(not(feature = "ssr"))]
    {
        (text.chars().count() <= 1000)
            .then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .ok_or(FieldError::TooLong)
    }
}

/// The most text an `experiences` field holds.
pub const EXPERIENCES_MAX: usize = 6000;

/// The most text a `sources` field holds.
pub const SOURCES_MAX: usize = 20_000;

/// A coordinate as a field holds it: six decimals (about 10 cm, more than
/// any source gives), without trailing zeros.
pub fn coordinate_text(x: f64) -> String {
    format!("{x:.6}")
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}

/// Whether `text` starts with a host name with a dot ("xombui.vn/gioi-thieu"),
/// so that it can be completed into a web address.
fn looks_like_host(text: &str) -> bool {
    let host = text.split(['/', '?', '#']).next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic))
}

/// The slug in what was typed for a link: the slug itself, or the last
/// part of a pasted page address ("https://…/doanh-nghiep/htx-x?lang=en#a"
/// gives "htx-x").
fn link_slug(text: &str) -> Option<String> {
    let path = text.split(['?', '#']).next().unwrap_or_default();
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    crate::base::text::Slug::parse(last)
        .ok()
        .map(|slug| slug.as_str().to_owned())
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
