//! Partners' tours: a partner organisation's trip that visits craft
//! villages in order and links out to the partner's own booking page. A
//! tour's first publication waits for an editor's approval; later edits by
//! its partner go live (and are audited). What a tour's form sends and a
//! partner organisation's public details are checked here with the same
//! field specs and parsing as every listing's fields.

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::date::Date;
use crate::base::i18n::Lang;
use crate::editing::fields::{FieldError, FieldKind, FieldSpec, Relation};
use crate::editing::{FieldErrors, Values};
use crate::partner::{parse_fields, spec};
use serde::{Deserialize, Serialize};

/// Where a tour is on its way to the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TourStatus {
    /// Waits for an editor's approval.
    Pending,
    Published,
    /// Sent back by an editor, with a reason.
    Rejected,
}

impl TourStatus {
    pub fn code(self) -> &'static str {
        match self {
            TourStatus::Pending => "pending",
            TourStatus::Published => "published",
            TourStatus::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> TourStatus {
        match code {
            "published" => TourStatus::Published,
            "rejected" => TourStatus::Rejected,
            _ => TourStatus::Pending,
        }
    }
}

/// A village a tour visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
}

/// A tour as pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tour {
    pub id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    pub partner_slug: String,
    pub slug: String,
    pub details: TourDetails,
    pub status: TourStatus,
    /// The editor's reason when it was sent back.
    pub reason: String,
    /// Whether an editor has approved it once (its partner's edits then go
    /// live).
    pub approved: bool,
    /// The villages it visits, in order (published ones on public pages).
    pub stops: Vec<Stop>,
    /// Its photos, in order (the first is its card's).
    pub photos: Vec<crate::media::ImageView>,
    pub updated_at: String,
}

/// What a tour is, as its partner says it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourDetails {
    pub name_vi: String,
    pub name_en: String,
    pub days: u32,
    pub hours: u32,
    pub price_low: Option<i64>,
    pub price_high: Option<i64>,
    pub booking_url: String,
    pub languages: Vec<String>,
}

impl Tour {
    pub fn name(&self, lang: Lang) -> &str {
        self.details.name(lang)
    }

    /// The form's values for this tour.
    pub fn values(&self) -> Values {
        let mut values = self.details.values();
        values.insert(
            "stops".to_owned(),
            self.stops
                .iter()
                .map(|s| s.slug.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        values
    }
}

impl TourDetails {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name_vi,
        }
    }

    /// "2 ngày 1 đêm", "1 day", "4 hours".
    pub fn duration_text(&self, lang: Lang) -> String {
        let t = lang.t();
        match self.days {
            0 => (t.visit_hours_minutes)(self.hours, 0),
            1 => (t.visit_days)(1),
            d => (t.tour_days_nights)(d, d - 1),
        }
    }

    /// "500.000–800.000 đồng", "VND 1,200,000"; `None` when not said.
    pub fn price_text(&self, lang: Lang) -> Option<String> {
        let t = lang.t();
        let money = match (self.price_low?, self.price_high) {
            (0, None | Some(0)) => return Some(t.visit_free.to_owned()),
            (low, Some(high)) if high != low => {
                format!("{}–{}", lang.number(low), lang.number(high))
            }
            (low, _) => lang.number(low),
        };
        Some((t.tour_price_per_person)(&(t.visit_vnd)(&money)))
    }

    /// Its length, price and languages, those that are said, in words.
    pub fn facts(&self, lang: Lang) -> Vec<String> {
        [
            Some(self.duration_text(lang)),
            self.price_text(lang),
            self.languages_text(lang),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The languages in words.
    pub fn languages_text(&self, lang: Lang) -> Option<String> {
        (!self.languages.is_empty()).then(|| {
            self.languages
                .iter()
                .map(|code| crate::village::visit::language_name(code, lang))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// The form's values of these details.
    pub fn values(&self) -> Values {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        [
            ("name_vi", self.name_vi.clone()),
            ("name_en", self.name_en.clone()),
            ("days", self.days.to_string()),
            ("hours", self.hours.to_string()),
            ("price_low", number(self.price_low)),
            ("price_high", number(self.price_high)),
            ("booking_url", self.booking_url.clone()),
            ("languages", self.languages.join(", ")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }
}

/// The villages of a tour, in order.
pub static TOUR_STOPS: Relation = Relation {
    table: "tour_stops",
    owner: "tour_id",
    other: "village_id",
    target: "villages",
    position: Some("position"),
};

/// At most this many villages in one tour.
pub const MAX_STOPS: usize = 12;

/// The highest price a form may give (đồng per person).
pub const PRICE_MAX: i64 = 1_000_000_000;

/// A tour's fields, in the order of its form.
pub static TOUR_FIELDS: &[FieldSpec] = &[
    spec("name_vi", |l| l.name_vi, FieldKind::Text { max: 200 }, true),
    spec(
        "name_en",
        |l| l.name_en,
        FieldKind::Text { max: 200 },
        false,
    ),
    spec("stops", |l| l.stops, FieldKind::Many(&TOUR_STOPS), true),
    spec(
        "days",
        |l| l.days,
        FieldKind::Int { min: 0, max: 30 },
        false,
    ),
    spec(
        "hours",
        |l| l.hours,
        FieldKind::Int { min: 0, max: 23 },
        false,
    ),
    spec(
        "price_low",
        |l| l.price_low,
        FieldKind::Int {
            min: 0,
            max: PRICE_MAX,
        },
        false,
    ),
    spec(
        "price_high",
        |l| l.price_high,
        FieldKind::Int {
            min: 0,
            max: PRICE_MAX,
        },
        false,
    ),
    spec(
        "languages",
        |l| l.languages,
        FieldKind::Text { max: 60 },
        false,
    ),
    spec("booking_url", |l| l.booking_url, FieldKind::Url, true),
];

/// A tour as its form sent it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourInput {
    pub details: TourDetails,
    /// The villages' addresses (slugs), in order.
    pub stops: Vec<String>,
}

fn number(values: &Values, key: &str) -> Option<i64> {
    values.get(key).and_then(|v| v.parse().ok())
}

/// A tour's form checked: every field as its spec says, and together: a
/// length (days or hours), a top price not under the lowest, at most
/// [`MAX_STOPS`] villages. Whether the villages exist is the write's
/// check ([`db::save`]).
pub fn parse_tour(values: &Values, today: Date) -> Result<TourInput, FieldErrors> {
    let (out, mut errors) = parse_fields(TOUR_FIELDS, values, today);
    let days = number(&out, "days").unwrap_or(0);
    let hours = number(&out, "hours").unwrap_or(0);
    if days == 0 && hours == 0 && !errors.contains_key("days") && !errors.contains_key("hours") {
        errors.insert("days".to_owned(), FieldError::Required);
    }
    let (low, high) = (number(&out, "price_low"), number(&out, "price_high"));
    if let (Some(low), Some(high)) = (low, high)
        && high < low
    {
        errors.insert("price_high".to_owned(), FieldError::OutOfRange);
    }
    if high.is_some() && low.is_none() && !errors.contains_key("price_low") {
        errors.insert("price_low".to_owned(), FieldError::PairNeeded);
    }
    let stops: Vec<String> = out
        .get("stops")
        .map(|s| {
            s.split(", ")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if stops.len() > MAX_STOPS {
        errors.insert("stops".to_owned(), FieldError::OutOfRange);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = |key: &str| out.get(key).cloned().unwrap_or_default();
    Ok(TourInput {
        details: TourDetails {
            name_vi: text("name_vi"),
            name_en: text("name_en"),
            days: u32::try_from(days).unwrap_or(0),
            hours: u32::try_from(hours).unwrap_or(0),
            price_low: low,
            price_high: high,
            booking_url: text("booking_url"),
            languages: crate::village::visit::language_codes(&text("languages"))
                .unwrap_or_default(),
        },
        stops,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn today() -> Date {
        Date::parse("2026-12-07").unwrap()
    }

    #[test]
    fn a_tour_form_is_read_in_order_and_checked_together() {
        let tour = parse_tour(
            &form(&[
                ("name_vi", "  Dệt  thổ cẩm Mai Châu "),
                ("stops", "ban-lac\nhttp://x/lang-nghe/ban-nhot/\nban-lac"),
                ("days", "2"),
                ("price_low", "500000"),
                ("price_high", "800000"),
                ("languages", "vi, EN fr"),
                ("booking_url", "https://example.vn/tour?id=1"),
            ]),
            today(),
        )
        .unwrap();
        assert_eq!(tour.details.name_vi, "Dệt thổ cẩm Mai Châu");
        assert_eq!(tour.stops, ["ban-lac", "ban-nhot"]);
        assert_eq!(tour.details.languages, ["vi", "en", "fr"]);
        assert_eq!((tour.details.days, tour.details.hours), (2, 0));

        let errors = parse_tour(
            &form(&[
                ("name_vi", ""),
                ("stops", ""),
                ("price_low", "900000"),
                ("price_high", "100000"),
                ("languages", "tiếng Việt"),
                ("booking_url", "javascript:alert(1)"),
            ]),
            today(),
        )
        .unwrap_err();
        assert_eq!(errors.get("name_vi"), Some(&FieldError::Required));
        assert_eq!(errors.get("stops"), Some(&FieldError::Required));
        assert_eq!(errors.get("days"), Some(&FieldError::Required), "no length");
        assert_eq!(errors.get("price_high"), Some(&FieldError::OutOfRange));
        assert_eq!(errors.get("languages"), Some(&FieldError::BadChoice));
        assert_eq!(errors.get("booking_url"), Some(&FieldError::BadUrl));

        let many = (0..=MAX_STOPS)
            .map(|i| format!("lang-{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let errors = parse_tour(
            &form(&[
                ("name_vi", "x"),
                ("stops", &many),
                ("hours", "24"),
                ("price_high", "5"),
                ("booking_url", "https://a.vn"),
            ]),
            today(),
        )
        .unwrap_err();
        assert_eq!(errors.get("stops"), Some(&FieldError::OutOfRange));
        assert_eq!(errors.get("hours"), Some(&FieldError::OutOfRange));
        assert_eq!(errors.get("price_low"), Some(&FieldError::PairNeeded));
        assert!(
            !errors.contains_key("days"),
            "the hours' own error is enough"
        );
    }

    #[test]
    fn lengths_and_prices_read_as_people_say_them() {
        let mut tour = TourDetails {
            name_vi: "Dệt".into(),
            days: 2,
            price_low: Some(500_000),
            price_high: Some(800_000),
            languages: vec!["vi".into(), "en".into()],
            ..TourDetails::default()
        };
        assert_eq!(tour.duration_text(Lang::Vi), "2 ngày 1 đêm");
        assert_eq!(tour.duration_text(Lang::En), "2 days, 1 night");
        assert_eq!(
            tour.price_text(Lang::Vi).unwrap(),
            "500.000–800.000 đồng một người"
        );
        assert_eq!(
            tour.name(Lang::En),
            "Dệt",
            "no English name: the Vietnamese"
        );
        assert_eq!(
            tour.languages_text(Lang::En).unwrap(),
            "Vietnamese, English"
        );
        tour.days = 0;
        tour.hours = 4;
        tour.price_high = None;
        assert_eq!(tour.duration_text(Lang::En), "4 hours");
        assert_eq!(tour.price_text(Lang::En).unwrap(), "VND 500,000 per person");
        tour.price_low = None;
        assert_eq!(tour.price_text(Lang::En), None);

        // The form's values of a stored tour read back to the same tour.
        tour.booking_url = "https://a.vn/tour".into();
        let stored = Tour {
            id: 1,
            partner_id: 1,
            partner_name: String::new(),
            partner_slug: String::new(),
            slug: "det".into(),
            details: tour.clone(),
            status: TourStatus::Published,
            reason: String::new(),
            approved: true,
            stops: ["ban-lac", "ban-nhot"]
                .map(|slug| Stop {
                    slug: slug.into(),
                    name_vi: String::new(),
                    name_en: String::new(),
                })
                .to_vec(),
            photos: Vec::new(),
            updated_at: String::new(),
        };
        let back = parse_tour(&stored.values(), Date::parse("2026-12-07").unwrap()).unwrap();
        assert_eq!(back.details, tour);
        assert_eq!(back.stops, ["ban-lac", "ban-nhot"]);
    }
}
