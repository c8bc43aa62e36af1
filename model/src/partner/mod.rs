//! Tourism partner organisations and what their links bring: each has a
//! referral code that its accounts' links, QR codes and embeds carry, and
//! the visits arriving with it are counted per listing and day.

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::date::Date;
use crate::base::i18n::Lang;
use crate::editing::fields::{FieldError, FieldKind, FieldSpec};
use crate::editing::{AreaBounds, FieldErrors, FormContext, Values};
use serde::{Deserialize, Serialize};

/// What kind of business a partner is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartnerKind {
    Agency,
    Homestay,
    Guide,
    Hotel,
    Other,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 5] = [
        PartnerKind::Agency,
        PartnerKind::Homestay,
        PartnerKind::Guide,
        PartnerKind::Hotel,
        PartnerKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PartnerKind::Agency => "agency",
            PartnerKind::Homestay => "homestay",
            PartnerKind::Guide => "guide",
            PartnerKind::Hotel => "hotel",
            PartnerKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<PartnerKind> {
        PartnerKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            PartnerKind::Agency => ("Công ty lữ hành", "Travel agency"),
            PartnerKind::Homestay => ("Homestay", "Homestay"),
            PartnerKind::Guide => ("Hướng dẫn viên", "Guide"),
            PartnerKind::Hotel => ("Khách sạn", "Hotel"),
            PartnerKind::Other => ("Khác", "Other"),
        };
        lang.pick(vi, en)
    }
}

/// A partner organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub kind: PartnerKind,
    pub referral_code: String,
    /// Its accounts: id and name.
    #[serde(default)]
    pub accounts: Vec<(i64, String)>,
    /// Its public page's address (`/doi-tac/{slug}`).
    #[serde(default)]
    pub slug: String,
    /// Where it works, as it says.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    /// Two-letter codes.
    #[serde(default)]
    pub languages: Vec<String>,
}

impl Partner {
    /// The form's values of its public details.
    pub fn values(&self) -> Values {
        [
            ("name", self.name.clone()),
            ("area", self.area.clone()),
            ("phone", self.phone.clone()),
            ("email", self.email.clone()),
            ("website", self.website.clone()),
            ("languages", self.languages.join(", ")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }
}

/// A field of these forms.
pub const fn spec(
    key: &'static str,
    label: fn(&crate::editing::fields::labels::FieldLabels) -> &'static str,
    kind: FieldKind,
    required: bool,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required,
    }
}

/// A partner organisation's public details, in the order of its form.
pub static ORG_FIELDS: &[FieldSpec] = &[
    spec("name", |l| l.name, FieldKind::Text { max: 200 }, true),
    spec("area", |l| l.area, FieldKind::Text { max: 200 }, false),
    spec("phone", |l| l.phone, FieldKind::Phone, false),
    spec("email", |l| l.email, FieldKind::Email, false),
    spec("website", |l| l.website, FieldKind::Url, false),
    spec(
        "languages",
        |l| l.languages,
        FieldKind::Text { max: 60 },
        false,
    ),
];

/// A partner organisation's public details as its form sent them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgInput {
    pub name: String,
    pub area: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub languages: Vec<String>,
}

/// Only what parsing these fields needs of a form's context.
fn form_context(today: Date) -> FormContext {
    FormContext {
        today,
        communes: Vec::new(),
        bounds: AreaBounds {
            south: 0.0,
            west: 0.0,
            north: 0.0,
            east: 0.0,
        },
        links: Vec::new(),
        legacy_communes: Vec::new(),
        legacy_districts: Vec::new(),
        crafts: Vec::new(),
    }
}

/// Each field of `specs` parsed: the normalised values, or what is wrong
/// with each field that is.
pub fn parse_fields(specs: &[FieldSpec], values: &Values, today: Date) -> (Values, FieldErrors) {
    let cx = form_context(today);
    let mut out = Values::new();
    let mut errors = FieldErrors::new();
    for field in specs {
        let raw = values.get(field.key).map(String::as_str).unwrap_or("");
        match field.parse(raw, &cx) {
            Ok(value) => {
                out.insert(field.key.to_owned(), value);
            }
            Err(error) => {
                errors.insert(field.key.to_owned(), error);
            }
        }
    }
    let languages = out.get("languages").map(String::as_str).unwrap_or("");
    if crate::village::visit::language_codes(languages).is_none() {
        errors.insert("languages".to_owned(), FieldError::BadChoice);
    }
    (out, errors)
}

/// A partner organisation's details checked.
pub fn parse_org(values: &Values, today: Date) -> Result<OrgInput, FieldErrors> {
    let (out, errors) = parse_fields(ORG_FIELDS, values, today);
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = |key: &str| out.get(key).cloned().unwrap_or_default();
    Ok(OrgInput {
        name: text("name"),
        area: text("area"),
        phone: text("phone"),
        email: text("email"),
        website: text("website"),
        languages: crate::village::visit::language_codes(&text("languages")).unwrap_or_default(),
    })
}

/// A referral code as links carry it: 3–32 lower-case letters, digits or
/// `-`; `None` for anything else.
pub fn referral_code(text: &str) -> Option<&str> {
    ((3..=32).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
    .then_some(text)
}

/// A new organisation's code: its name's letters (without diacritics) and
/// a number, so that people can read it ("mai-chau-travel-4821").
#[cfg(feature = "ssr")]
pub fn new_referral_code(name: &str, number: u16) -> String {
    let base: String = crate::base::text::Slug::from_name(name)
        .map(|s| s.as_str().chars().take(24).collect())
        .unwrap_or_default();
    let base = base.trim_end_matches('-');
    if base.is_empty() {
        format!("doi-tac-{number:04}")
    } else {
        format!("{base}-{number:04}")
    }
}

/// Visits on one day (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub visits: i64,
    /// Clicks out to the partner's booking pages.
    #[serde(default)]
    pub clicks: i64,
}

/// Clicks out to one tour's booking page in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourClicks {
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub clicks: i64,
}

/// Visits to one listing in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingCount {
    pub kind: crate::listing::Kind,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub visits: i64,
}

/// What a partner's links brought in a period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Every day of the period, oldest first (days without visits: 0).
    pub days: Vec<DayCount>,
    /// Listings with visits, most visited first.
    pub listings: Vec<ListingCount>,
    /// Tours with clicks out to their booking pages, most clicked first.
    #[serde(default)]
    pub tours: Vec<TourClicks>,
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn an_organisation_needs_a_name_and_well_formed_contacts() {
        let errors = parse_org(
            &form(&[("name", " "), ("email", "a@"), ("website", "ftp://x")]),
            Date::parse("2026-12-07").unwrap(),
        )
        .unwrap_err();
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
        assert_eq!(errors.get("email"), Some(&FieldError::BadEmail));
        assert_eq!(errors.get("website"), Some(&FieldError::BadUrl));
    }

    fn form(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn referral_codes_are_readable_and_safe_in_links() {
        assert_eq!(
            new_referral_code("Mai Châu Travel & Tours", 42),
            "mai-chau-travel-tours-0042"
        );
        assert_eq!(new_referral_code("???", 7), "doi-tac-0007");
        assert!(referral_code(&new_referral_code("Homestay Lác", 1)).is_some());
        for bad in ["ab", "ABC123", "a b c", "x\"><script>", &"a".repeat(33)] {
            assert_eq!(referral_code(bad), None, "{bad}");
        }
    }
}

/// The visits and booking clicks per day as a bar chart in SVG, drawn on
/// the server and read without JavaScript: two bars a day (visits, then
/// clicks, told apart by colour and the page's legend), the largest count
/// on the axis, the first and last dates below; each bar's day and count
/// in its title. Every text is escaped.
pub fn chart_svg(days: &[DayCount], lang: Lang, label: &str) -> String {
    use crate::base::text::escape_html as e;
    const W: usize = 720;
    const H: usize = 220;
    const LEFT: usize = 48;
    const BOTTOM: usize = 28;
    let max = days
        .iter()
        .map(|d| d.visits.max(d.clicks))
        .max()
        .unwrap_or(0)
        .max(1);
    let n = days.len().max(1);
    let step = (W - LEFT - 8) as f64 / n as f64;
    let plot = (H - BOTTOM - 12) as f64;
    let bar = |i: usize, count: i64, offset: f64, width: f64, class: &str, day: &str| {
        let h = count as f64 / max as f64 * plot;
        let x = LEFT as f64 + i as f64 * step + step * offset;
        let y = (H - BOTTOM) as f64 - h;
        format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" class=\"{class}\"><title>{}: {}</title></rect>",
            (step * width).max(1.0),
            e(day),
            lang.number(count)
        )
    };
    let bars: String = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let clicks = if d.clicks > 0 {
                bar(i, d.clicks, 0.5, 0.35, "bar clicks", &d.day)
            } else {
                String::new()
            };
            bar(i, d.visits, 0.1, 0.4, "bar", &d.day) + &clicks
        })
        .collect();
    let first = days.first().map(|d| d.day.as_str()).unwrap_or_default();
    let last = days.last().map(|d| d.day.as_str()).unwrap_or_default();
    format!(
        "<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{label}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\">\
         <line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{W}\" y2=\"{base}\" class=\"axis\"/>\
         <line x1=\"{LEFT}\" y1=\"12\" x2=\"{W}\" y2=\"12\" class=\"grid\"/>\
         <text x=\"{lx}\" y=\"12\" text-anchor=\"end\" dominant-baseline=\"hanging\" class=\"tick\">{max_text}</text>\
         <text x=\"{lx}\" y=\"{base}\" text-anchor=\"end\" class=\"tick\">0</text>\
         {bars}\
         <text x=\"{LEFT}\" y=\"{H}\" dy=\"-6\" class=\"tick\">{first}</text>\
         <text x=\"{W}\" y=\"{H}\" dy=\"-6\" text-anchor=\"end\" class=\"tick\">{last}</text></svg>",
        label = e(label),
        base = H - BOTTOM,
        lx = LEFT - 6,
        max_text = lang.number(max),
        first = e(first),
        last = e(last),
    )
}

#[cfg(test)]
mod chart_tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_chart_has_a_bar_a_day_scaled_to_the_largest() {
        let days: Vec<DayCount> = (1..=3)
            .map(|d| DayCount {
                day: format!("2026-12-0{d}"),
                visits: d * 10,
                clicks: if d == 2 { 5 } else { 0 },
            })
            .collect();
        let svg = chart_svg(&days, Lang::Vi, "Lượt <truy cập>");
        assert_eq!(
            svg.matches("<rect").count(),
            4,
            "three days, one with clicks"
        );
        assert_eq!(svg.matches("class=\"bar clicks\"").count(), 1);
        assert!(svg.contains("height=\"30.0\" class=\"bar clicks\"><title>2026-12-02: 5</title>"));
        assert!(svg.contains("<title>2026-12-03: 30</title>"));
        assert!(svg.contains(">30</text>"), "the axis says the largest day");
        assert!(svg.contains("aria-label=\"Lượt &lt;truy cập&gt;\""));
        assert!(
            svg.contains("height=\"180.0\""),
            "the largest bar fills the plot"
        );
        let empty = chart_svg(&[], Lang::En, "x");
        assert_eq!(empty.matches("<rect").count(), 0);
    }
}
