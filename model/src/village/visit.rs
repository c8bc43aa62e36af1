//! Visiting a village: how to get there, when it is open, what visitors can
//! do there and whom to call. Editors keep the experiences as lines of
//! text, one experience a line, the way they keep sources:
//!
//! ```text
//! Dệt thổ cẩm | Brocade weaving | 120 | 100000-200000 | 2016 | vi, en | 0912 345 678
//! ```
//!
//! The parts are: name in Vietnamese (required), name in English, duration
//! in minutes, price range in VND (one price, `min-max`, or `0` for free),
//! the year of that price (required with a price: a price from 2016 says
//! "in 2016"), the languages spoken (codes such as `vi, en, fr`) and how to
//! book (a phone number, an e-mail or a web address). Trailing parts may be
//! left out.
//!
//! Opening hours are an OpenStreetMap `opening_hours` rule
//! (`Mo-Su 08:00-17:00; 2027 Feb 05-2027 Feb 11 off "Tết"`), read and
//! evaluated on the server ([`super::hours`]); what the page shows of them
//! is [`Hours`], worked out for the moment the page was made.

use crate::base::date::Date;
use crate::base::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The most experiences a village lists.
pub const MAX_EXPERIENCES: usize = 20;
/// The longest experience name, booking contact.
const NAME_MAX: usize = 120;
const BOOKING_MAX: usize = 200;
/// The longest stay an experience lasts: 14 days, in minutes.
const MINUTES_MAX: u32 = 14 * 24 * 60;
/// The highest price taken (VND).
const PRICE_MAX: u64 = 1_000_000_000;

/// One thing visitors can do in a village.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experience {
    pub name_vi: String,
    /// Empty: the same as the Vietnamese.
    pub name_en: String,
    pub minutes: Option<u32>,
    /// The lowest and highest price in VND (the same for one price).
    pub price: Option<(u64, u64)>,
    /// The year the price was reported.
    pub price_year: Option<i32>,
    /// Language codes (`vi`, `en`, `fr`, …).
    pub languages: Vec<String>,
    /// A phone number, an e-mail or a web address.
    pub booking: Option<String>,
}

/// Why experience lines are refused: the line (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadLine(pub usize);

/// Digits with optional thousands separators, as people type prices
/// ("500.000", "1 000 000").
fn whole(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn parse_price(text: &str) -> Option<(u64, u64)> {
    let (low, high) = match text.split_once(['-', '–']) {
        Some((a, b)) => (whole(a.trim())?, whole(b.trim())?),
        None => {
            let one = whole(text)?;
            (one, one)
        }
    };
    (low <= high && high <= PRICE_MAX).then_some((low, high))
}

fn parse_line(line: &str) -> Option<Experience> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    if parts.len() > 7 {
        return None;
    }
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    let name_vi = part(0);
    let name_en = part(1);
    if name_vi.is_empty()
        || name_vi.chars().count() > NAME_MAX
        || name_en.chars().count() > NAME_MAX
    {
        return None;
    }
    let minutes = match part(2) {
        "" => None,
        text => Some(
            text.parse::<u32>()
                .ok()
                .filter(|m| (1..=MINUTES_MAX).contains(m))?,
        ),
    };
    let price = match part(3) {
        "" => None,
        text => Some(parse_price(text)?),
    };
    let price_year = match part(4) {
        "" => None,
        text => Some(
            text.parse::<i32>()
                .ok()
                .filter(|y| text.len() == 4 && (1990..=2100).contains(y))?,
        ),
    };
    // A price without its year would pass an old price off as today's.
    if price.is_some() != price_year.is_some() {
        return None;
    }
    let languages = language_codes(part(5))?;
    let booking = match part(6) {
        "" => None,
        text if text.chars().count() <= BOOKING_MAX => Some(text.to_owned()),
        _ => return None,
    };
    Some(Experience {
        name_vi: name_vi.split_whitespace().collect::<Vec<_>>().join(" "),
        name_en: name_en.split_whitespace().collect::<Vec<_>>().join(" "),
        minutes,
        price,
        price_year,
        languages,
        booking,
    })
}

/// Reads experience lines (empty lines are skipped).
pub fn parse_experiences(text: &str) -> Result<Vec<Experience>, BadLine> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_line(line).ok_or(BadLine(i + 1))?);
        if out.len() > MAX_EXPERIENCES {
            return Err(BadLine(i + 1));
        }
    }
    Ok(out)
}

/// The lines of `experiences` as the field keeps them (trailing empty parts
/// left out).
pub fn experiences_text(experiences: &[Experience]) -> String {
    experiences
        .iter()
        .map(|e| {
            let price = e.price.map(|(low, high)| {
                if low == high {
                    low.to_string()
                } else {
                    format!("{low}-{high}")
                }
            });
            let mut parts = vec![
                e.name_vi.clone(),
                e.name_en.clone(),
                e.minutes.map(|m| m.to_string()).unwrap_or_default(),
                price.unwrap_or_default(),
                e.price_year.map(|y| y.to_string()).unwrap_or_default(),
                e.languages.join(", "),
                e.booking.clone().unwrap_or_default(),
            ];
            while parts.last().is_some_and(String::is_empty) {
                parts.pop();
            }
            parts.join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Experience {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// "2 giờ", "1 hour 30 min", "3 days".
    pub fn duration_text(&self, lang: Lang) -> Option<String> {
        let m = self.minutes?;
        let t = lang.t();
        Some(if m >= 24 * 60 && m % (24 * 60) == 0 {
            (t.visit_days)(m / (24 * 60))
        } else if m >= 60 {
            (t.visit_hours_minutes)(m / 60, m % 60)
        } else {
            (t.visit_minutes)(m)
        })
    }

    /// "500.000–1.000.000 đồng (năm 2016)", "free".
    pub fn price_text(&self, lang: Lang) -> Option<String> {
        let (low, high) = self.price?;
        let t = lang.t();
        let amount = |n: u64| lang.number(i64::try_from(n).unwrap_or(i64::MAX));
        let money = match (low, high) {
            (0, 0) => t.visit_free.to_owned(),
            (l, h) if l == h => (t.visit_vnd)(&amount(l)),
            (l, h) => (t.visit_vnd)(&format!("{}–{}", amount(l), amount(h))),
        };
        Some(match self.price_year {
            Some(year) => (t.visit_price_in)(&money, year),
            None => money,
        })
    }

    /// The languages in words ("tiếng Việt, tiếng Anh").
    pub fn languages_text(&self, lang: Lang) -> Option<String> {
        (!self.languages.is_empty()).then(|| {
            self.languages
                .iter()
                .map(|code| language_name(code, lang))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

/// Two-letter language codes as typed ("vi, EN fr"), lower-case and each
/// once; `None` when one is not two letters.
pub fn language_codes(text: &str) -> Option<Vec<String>> {
    let mut languages: Vec<String> = Vec::new();
    for code in text.split([',', ';', ' ']).filter(|c| !c.is_empty()) {
        let code = code.to_ascii_lowercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        if !languages.contains(&code) {
            languages.push(code);
        }
    }
    Some(languages)
}

/// Language codes as stored (comma-separated).
pub fn stored_languages(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A language's name, for the codes visitors in Hòa Bình meet; other codes
/// as they are, upper-case.
pub fn language_name(code: &str, lang: Lang) -> String {
    let names: Option<(&str, &str)> = match code {
        "vi" => Some(("tiếng Việt", "Vietnamese")),
        "en" => Some(("tiếng Anh", "English")),
        "fr" => Some(("tiếng Pháp", "French")),
        "zh" => Some(("tiếng Trung", "Chinese")),
        "ko" => Some(("tiếng Hàn", "Korean")),
        "ja" => Some(("tiếng Nhật", "Japanese")),
        "de" => Some(("tiếng Đức", "German")),
        "ru" => Some(("tiếng Nga", "Russian")),
        "th" => Some(("tiếng Thái Lan", "Thai")),
        "es" => Some(("tiếng Tây Ban Nha", "Spanish")),
        _ => None,
    };
    names.map_or_else(
        || code.to_ascii_uppercase(),
        |(vi, en)| lang.pick(vi, en).to_owned(),
    )
}

/// Whether the village is open at the moment the page was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenStatus {
    /// Open, closing at this time (`HH:MM`), `days` days from today.
    Open { until: String, days: u8 },
    /// Closed, opening at this time, `days` days from today (0: later
    /// today); `None`: not within the next two weeks.
    Closed {
        opens: Option<(String, u8)>,
        /// Closed the whole of today.
        all_day: bool,
        /// The rule's word for today's closing ("Tết"), if any.
        note: Option<String>,
    },
    /// The rule says "unknown" now.
    Unknown,
}

/// One day's opening times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub date: Date,
    /// `HH:MM`–`HH:MM`; a range past midnight ends at the next day's time.
    pub ranges: Vec<(String, String)>,
    /// The rule's word for the day ("Tết"), if any.
    pub note: Option<String>,
}

/// Opening hours as of the moment the page was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    /// The rule as recorded (OpenStreetMap `opening_hours`).
    pub rule: String,
    pub status: OpenStatus,
    /// Today and the six days after it.
    pub days: Vec<DayHours>,
    /// Seconds until the status changes (a page showing it may be kept
    /// that long).
    pub fresh_secs: u32,
}

/// Everything the profile's "Visit" section shows; the texts in both
/// languages, `None` when not recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub getting_there_vi: Option<String>,
    pub getting_there_en: Option<String>,
    pub best_season_vi: Option<String>,
    pub best_season_en: Option<String>,
    pub accessibility_vi: Option<String>,
    pub accessibility_en: Option<String>,
    pub phone: Option<String>,
    pub zalo: Option<String>,
    pub email: Option<String>,
    pub experiences: Vec<Experience>,
    pub hours: Option<Hours>,
}

/// Bits of [`Visit::gaps`]: what the "not yet recorded" line names.
pub const GAP_HOURS: u8 = 1;
pub const GAP_EXPERIENCES: u8 = 2;
pub const GAP_GETTING_THERE: u8 = 4;
pub const GAP_CONTACT: u8 = 8;

impl Visit {
    /// The visiting facts not recorded, as `GAP_*` bits.
    pub fn gaps(&self) -> u8 {
        let mut gaps = 0;
        if self.hours.is_none() {
            gaps |= GAP_HOURS;
        }
        if self.experiences.is_empty() {
            gaps |= GAP_EXPERIENCES;
        }
        if self.getting_there_vi.is_none() && self.getting_there_en.is_none() {
            gaps |= GAP_GETTING_THERE;
        }
        if self.phone.is_none() && self.zalo.is_none() && self.email.is_none() {
            gaps |= GAP_CONTACT;
        }
        gaps
    }
}

/// Monday = 0 … Sunday = 6.
pub fn weekday(date: Date) -> u8 {
    // 1970-01-01 was a Thursday (3).
    u8::try_from((date.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0)
}

/// "Thứ Hai 07/12", "Monday 7 Dec".
pub fn day_label(date: Date, lang: Lang) -> String {
    let t = lang.t();
    let name = t.weekdays[usize::from(weekday(date))];
    match lang {
        Lang::Vi => format!("{name} {:02}/{:02}", date.day, date.month),
        Lang::En => format!(
            "{name} {} {}",
            date.day,
            t.months_short[usize::from(date.month.saturating_sub(1)).min(11)]
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn experience_lines_round_trip_and_keep_their_parts() {
        let text = "Dệt thổ cẩm | Brocade weaving | 120 | 100.000 - 200.000 | 2016 | vi, EN | 0912 345 678\nĐi xe đạp quanh bản |  | | 20000 | 2015\n\nXem nấu rượu";
        let list = parse_experiences(text).unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].price, Some((100_000, 200_000)));
        assert_eq!(list[0].languages, ["vi", "en"]);
        assert_eq!(list[1].name(Lang::En), "Đi xe đạp quanh bản");
        assert_eq!(list[1].price_year, Some(2015));
        assert_eq!(list[2].minutes, None);
        let again = parse_experiences(&experiences_text(&list)).unwrap();
        assert_eq!(again, list);
        assert_eq!(
            experiences_text(&list[2..]),
            "Xem nấu rượu",
            "empty trailing parts are left out"
        );
    }

    #[test]
    fn bad_experience_lines_name_their_line() {
        for (text, line) in [
            (" | Weaving", 1),
            ("A\nB | | 0", 2),
            ("A | | 30 | 200000", 1),
            ("A | | 30 | 300-200 | 2020", 1),
            ("A | | | | 2020", 1),
            ("A | | | 5000 | 20", 1),
            ("A | | | | | vie", 1),
            ("A | b | c | d | e | f | g | h", 1),
        ] {
            assert_eq!(parse_experiences(text), Err(BadLine(line)), "{text}");
        }
        let many = vec!["A"; MAX_EXPERIENCES + 1].join("\n");
        assert!(parse_experiences(&many).is_err());
    }

    #[test]
    fn prices_and_durations_read_as_people_say_them() {
        let e = parse_experiences("Homestay | | 1440 | 500000-1000000 | 2016 | vi, fr")
            .unwrap()
            .remove(0);
        assert_eq!(
            e.price_text(Lang::Vi).unwrap(),
            "500.000–1.000.000 đồng (năm 2016)"
        );
        assert_eq!(
            e.price_text(Lang::En).unwrap(),
            "VND 500,000–1,000,000 (in 2016)"
        );
        assert_eq!(e.duration_text(Lang::En).unwrap(), "1 day");
        assert_eq!(
            e.languages_text(Lang::Vi).unwrap(),
            "tiếng Việt, tiếng Pháp"
        );
        let free = parse_experiences("Lễ hội | | 90 | 0 | 2024")
            .unwrap()
            .remove(0);
        assert_eq!(free.price_text(Lang::En).unwrap(), "free (in 2024)");
        assert_eq!(free.duration_text(Lang::Vi).unwrap(), "1 giờ 30 phút");
    }

    #[test]
    fn weekdays_and_day_labels() {
        let d = Date::parse("2026-12-07").unwrap();
        assert_eq!(weekday(d), 0, "7 December 2026 is a Monday");
        assert_eq!(day_label(d, Lang::Vi), "Thứ Hai 07/12");
        assert_eq!(day_label(d, Lang::En), "Monday 7 Dec");
        assert_eq!(weekday(Date::parse("2027-02-07").unwrap()), 6);
    }
}
