//! Opening hours on the server: an OpenStreetMap `opening_hours` rule read
//! with the `opening-hours` crate and evaluated in Vietnam's time
//! (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving), so that "open
//! now", "opens at 08:00" and "closed today" are right across midnight and
//! on exception days (Tết, seasonal hours).

use super::visit::{DayHours, Hours, OpenStatus};
use crate::base::date::Date;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use opening_hours::OpeningHours;
use opening_hours::RuleKind;

/// The longest rule kept.
pub const RULE_MAX: usize = 1000;
/// How far ahead "opens on …" looks.
const LOOK_AHEAD_DAYS: i64 = 14;
/// How many days the page lists.
const DAYS_SHOWN: i64 = 7;

/// A parsed rule.
#[derive(Clone)]
pub struct Rule(OpeningHours);

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rule")
    }
}

/// The rule in `text` with its spaces tidied, or `None` when it is not an
/// `opening_hours` rule.
pub fn normalise(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (text.chars().count() <= RULE_MAX && text.parse::<OpeningHours>().is_ok()).then_some(text)
}

/// The clock in Vietnam now (UTC+7).
pub fn vietnam_now() -> NaiveDateTime {
    let utc = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).naive_utc();
    utc + TimeDelta::hours(7)
}

fn date_of(day: NaiveDate) -> Date {
    Date::parse(&day.format("%Y-%m-%d").to_string()).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

fn clock(at: NaiveDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// A range's end as read from the day it starts on: midnight is "24:00"
/// of that day; otherwise the time (of the next day for ranges that run
/// past midnight) and the days after `from`.
fn end_of(end: NaiveDateTime, from: NaiveDate) -> (String, u8) {
    let days = (end.date() - from).num_days();
    if end.time() == chrono::NaiveTime::MIN && days > 0 {
        (
            "24:00".to_owned(),
            u8::try_from(days - 1).unwrap_or(u8::MAX),
        )
    } else {
        (clock(end), u8::try_from(days).unwrap_or(u8::MAX))
    }
}

fn note(comment: &str) -> Option<String> {
    let comment = comment.trim();
    (!comment.is_empty()).then(|| comment.to_owned())
}

impl Rule {
    pub fn parse(text: &str) -> Option<Rule> {
        text.trim().parse::<OpeningHours>().ok().map(Rule)
    }

    pub fn is_open(&self, now: NaiveDateTime) -> bool {
        self.0.is_open(now)
    }

    fn status(&self, now: NaiveDateTime) -> OpenStatus {
        let today = now.date();
        let Some(day_start) = today.and_hms_opt(0, 0, 0) else {
            return OpenStatus::Unknown;
        };
        let horizon = day_start + TimeDelta::days(LOOK_AHEAD_DAYS);
        let mut ranges = self.0.iter_range(now, horizon);
        let Some(current) = ranges.next() else {
            return OpenStatus::Unknown;
        };
        match current.kind {
            RuleKind::Open => {
                let (until, days) = end_of(current.range.end, today);
                OpenStatus::Open { until, days }
            }
            RuleKind::Unknown => OpenStatus::Unknown,
            RuleKind::Closed => {
                let opens = std::iter::once(current.clone())
                    .chain(ranges)
                    .find(|r| r.kind == RuleKind::Open)
                    .map(|r| {
                        let days = (r.range.start.date() - today).num_days();
                        (clock(r.range.start), u8::try_from(days).unwrap_or(u8::MAX))
                    });
                let open_today = self
                    .0
                    .iter_range(day_start, day_start + TimeDelta::days(1))
                    .any(|r| r.kind == RuleKind::Open);
                OpenStatus::Closed {
                    opens,
                    all_day: !open_today,
                    note: note(&current.comment),
                }
            }
        }
    }

    fn days(&self, today: NaiveDate) -> Vec<DayHours> {
        let Some(start) = today.and_hms_opt(0, 0, 0) else {
            return Vec::new();
        };
        let mut days: Vec<DayHours> = (0..DAYS_SHOWN)
            .map(|d| DayHours {
                date: date_of(today + TimeDelta::days(d)),
                ranges: Vec::new(),
                note: None,
            })
            .collect();
        let end = start + TimeDelta::days(DAYS_SHOWN);
        for r in self.0.iter_range(start, end + TimeDelta::days(1)) {
            let first = (r.range.start.date() - today).num_days();
            if r.kind == RuleKind::Open
                && let Some(day) = usize::try_from(first).ok().and_then(|i| days.get_mut(i))
            {
                let (to, _) = end_of(r.range.end, r.range.start.date());
                day.ranges.push((clock(r.range.start), to));
            }
            if let Some(word) = note(&r.comment) {
                let mut at = r.range.start.date();
                while at < r.range.end.date() || at == r.range.start.date() {
                    let i = (at - today).num_days();
                    if let Some(day) = usize::try_from(i).ok().and_then(|i| days.get_mut(i))
                        && day.note.is_none()
                    {
                        day.note = Some(word.clone());
                    }
                    at += TimeDelta::days(1);
                    if (at - today).num_days() >= DAYS_SHOWN {
                        break;
                    }
                }
            }
        }
        days
    }

    /// What the page shows at `now` (Vietnam's clock).
    pub fn hours(&self, rule: &str, now: NaiveDateTime) -> Hours {
        let fresh_secs = self
            .0
            .next_change(now)
            .map_or(86_400, |at| (at - now).num_seconds().clamp(1, 86_400));
        Hours {
            rule: rule.to_owned(),
            status: self.status(now),
            days: self.days(now.date()),
            fresh_secs: u32::try_from(fresh_secs).unwrap_or(86_400),
        }
    }
}

/// The hours of `rule` at `now`; `None` when no rule is recorded or it
/// cannot be read.
pub fn hours_at(rule: Option<&str>, now: NaiveDateTime) -> Option<Hours> {
    let rule = rule?.trim();
    Rule::parse(rule).map(|r| r.hours(rule, now))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn status(rule: &str, now: &str) -> OpenStatus {
        hours_at(Some(rule), at(now)).unwrap().status
    }

    #[test]
    fn open_now_and_closing_time() {
        // 2026-12-07 is a Monday.
        assert_eq!(
            status("Mo-Fr 08:00-17:00", "2026-12-07 09:30"),
            OpenStatus::Open {
                until: "17:00".into(),
                days: 0
            }
        );
        assert_eq!(
            status("Mo-Fr 08:00-17:00", "2026-12-07 07:00"),
            OpenStatus::Closed {
                opens: Some(("08:00".into(), 0)),
                all_day: false,
                note: None
            }
        );
        // After closing: tomorrow.
        assert_eq!(
            status("Mo-Fr 08:00-17:00", "2026-12-07 17:00"),
            OpenStatus::Closed {
                opens: Some(("08:00".into(), 1)),
                all_day: false,
                note: None
            }
        );
        // Saturday: closed all day, opens Monday.
        assert_eq!(
            status("Mo-Fr 08:00-17:00", "2026-12-12 10:00"),
            OpenStatus::Closed {
                opens: Some(("08:00".into(), 2)),
                all_day: true,
                note: None
            }
        );
    }

    #[test]
    fn across_midnight() {
        let rule = "Fr-Sa 18:00-02:00";
        // Friday 11 December 2026, 23:30: open until 02:00 tomorrow.
        assert_eq!(
            status(rule, "2026-12-11 23:30"),
            OpenStatus::Open {
                until: "02:00".into(),
                days: 1
            }
        );
        // Saturday 01:00: still open from Friday evening.
        assert_eq!(
            status(rule, "2026-12-12 01:00"),
            OpenStatus::Open {
                until: "02:00".into(),
                days: 0
            }
        );
        // Sunday 01:00: open from Saturday evening; Sunday 03:00 closed all
        // day after that (the night's tail is not "open today").
        assert!(matches!(
            status(rule, "2026-12-13 01:00"),
            OpenStatus::Open { .. }
        ));
        let hours = hours_at(Some(rule), at("2026-12-11 12:00")).unwrap();
        assert_eq!(
            hours.days[0].ranges,
            [("18:00".to_owned(), "02:00".to_owned())],
            "Friday's range is shown whole"
        );
        // Open to midnight reads 24:00 of the same day.
        assert_eq!(
            status("Mo-Su 20:00-24:00", "2026-12-07 21:00"),
            OpenStatus::Open {
                until: "24:00".into(),
                days: 0
            }
        );
    }

    #[test]
    fn exception_days_close_and_say_why() {
        let rule = r#"Mo-Su 08:00-17:00; 2027 Feb 05-2027 Feb 10 off "Tết""#;
        assert_eq!(
            status(rule, "2027-02-06 10:00"),
            OpenStatus::Closed {
                opens: Some(("08:00".into(), 5)),
                all_day: true,
                note: Some("Tết".into())
            }
        );
        assert!(matches!(
            status(rule, "2027-02-04 10:00"),
            OpenStatus::Open { .. }
        ));
        let hours = hours_at(Some(rule), at("2027-02-04 10:00")).unwrap();
        assert_eq!(hours.days[0].ranges.len(), 1);
        assert!(hours.days[1].ranges.is_empty(), "5 February is closed");
        assert_eq!(hours.days[1].note.as_deref(), Some("Tết"));
        assert_eq!(hours.days[6].ranges.len(), 0, "10 February is closed");
        // Seasonal hours.
        let seasonal = "Mo-Su 08:00-17:00; Jun-Aug Mo-Su 07:00-19:00";
        assert_eq!(
            status(seasonal, "2027-07-01 18:00"),
            OpenStatus::Open {
                until: "19:00".into(),
                days: 0
            }
        );
        assert!(matches!(
            status(seasonal, "2027-09-01 18:00"),
            OpenStatus::Closed { .. }
        ));
    }

    #[test]
    fn no_hours_recorded_or_unreadable() {
        assert_eq!(hours_at(None, at("2026-12-07 10:00")), None);
        assert_eq!(hours_at(Some("   "), at("2026-12-07 10:00")), None);
        assert_eq!(normalise("Mo-Fr 25:00-26:99 blah"), None);
        assert_eq!(
            normalise("  Mo-Fr   08:00-17:00 ").as_deref(),
            Some("Mo-Fr 08:00-17:00")
        );
        // Never open within two weeks.
        assert_eq!(
            status("off", "2026-12-07 10:00"),
            OpenStatus::Closed {
                opens: None,
                all_day: true,
                note: None
            }
        );
    }

    #[test]
    fn a_page_is_fresh_until_the_next_change() {
        let hours = hours_at(Some("Mo-Fr 08:00-17:00"), at("2026-12-07 16:59")).unwrap();
        assert_eq!(hours.fresh_secs, 60);
    }
}
