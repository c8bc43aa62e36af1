//! Calendar dates as ISO text (`YYYY-MM-DD`), the form the database keeps.
//! Only the little arithmetic the portal needs: certificate expiry and
//! "within so many days".

use serde::{Deserialize, Serialize};
use std::fmt;

/// A date of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else or an impossible day.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year: i32 = text.get(0..4)?.parse().ok()?;
        let month: u8 = text.get(5..7)?.parse().ok()?;
        let day: u8 = text.get(8..10)?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The same day `months` later; the 29th–31st become the month's last
    /// day when the target month is shorter.
    pub fn add_months(self, months: u32) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = i32::try_from(total.div_euclid(12)).unwrap_or(i32::MAX);
        let month = u8::try_from(total.rem_euclid(12) + 1).unwrap_or(12);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// The date as the site prints it: "06/12/2026".
    pub fn day_first(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Today in Vietnam (UTC+7), by the server's clock.
    #[cfg(feature = "ssr")]
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        Date::from_days_since_epoch((secs + VIETNAM_OFFSET_MINUTES * 60).div_euclid(86_400))
    }
}

/// Vietnam's time (Asia/Ho_Chi_Minh) is UTC+7 all year.
const VIETNAM_OFFSET_MINUTES: i64 = 7 * 60;

/// A moment the database keeps (`YYYY-MM-DDTHH:MM:SSZ`, UTC) as people in
/// Vietnam read it: their time (Asia/Ho_Chi_Minh, UTC+7 all year), day
/// first, "06/12/2026 16:50". Anything else is returned as it is.
pub fn vietnam_time(utc: &str) -> String {
    let parsed = (|| {
        let (day, time) = utc.strip_suffix('Z')?.split_once('T')?;
        let date = Date::parse(day)?;
        let mut parts = time.split(':');
        let hour: i64 = parts.next()?.parse().ok()?;
        let minute: i64 = parts.next()?.parse().ok()?;
        if hour > 23 || minute > 59 {
            return None;
        }
        let minutes = date.days_since_epoch() * 1440 + hour * 60 + minute + VIETNAM_OFFSET_MINUTES;
        let local = Date::from_days_since_epoch(minutes.div_euclid(1440));
        let of_day = minutes.rem_euclid(1440);
        Some(format!(
            "{} {:02}:{:02}",
            local.day_first(),
            of_day / 60,
            of_day % 60
        ))
    })();
    parsed.unwrap_or_else(|| utc.to_owned())
}

/// When the day `date` starts in Vietnam, as the database keeps moments
/// (`YYYY-MM-DDTHH:MM:SSZ`, UTC): 17:00 UTC the day before.
pub fn vietnam_day_start_utc(date: Date) -> String {
    let minutes = date.days_since_epoch() * 1440 - VIETNAM_OFFSET_MINUTES;
    let day = Date::from_days_since_epoch(minutes.div_euclid(1440));
    let of_day = minutes.rem_euclid(1440);
    format!("{day}T{:02}:{:02}:00Z", of_day / 60, of_day % 60)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad date {text}"))
    }

    #[test]
    fn moments_are_read_in_vietnam_time() {
        assert_eq!(vietnam_time("2026-12-06T09:50:54Z"), "06/12/2026 16:50");
        // Past midnight in Vietnam: the next day, the next year.
        assert_eq!(vietnam_time("2026-12-31T17:05:00Z"), "01/01/2027 00:05");
        assert_eq!(vietnam_time("2024-02-28T20:00:00Z"), "29/02/2024 03:00");
        assert_eq!(vietnam_time("not a time"), "not a time");
    }

    #[test]
    fn a_vietnam_day_starts_at_17_utc_the_day_before() {
        assert_eq!(
            vietnam_day_start_utc(d("2026-12-06")),
            "2026-12-05T17:00:00Z"
        );
        assert_eq!(
            vietnam_day_start_utc(d("2027-01-01")),
            "2026-12-31T17:00:00Z"
        );
        assert_eq!(
            vietnam_day_start_utc(d("2024-03-01")),
            "2024-02-29T17:00:00Z"
        );
        // Round trip: the first minute of the day reads as 00:00 in Vietnam.
        assert_eq!(
            vietnam_time(&vietnam_day_start_utc(d("2026-12-06"))),
            "06/12/2026 00:00"
        );
    }

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-1",
            "abcd-ef-gh",
            "",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn thirty_six_months_later() {
        assert_eq!(d("2021-11-16").add_months(36), d("2024-11-16"));
        assert_eq!(d("2024-02-29").add_months(36), d("2027-02-28"));
        assert_eq!(d("2023-12-31").add_months(2), d("2024-02-29"));
    }

    #[test]
    fn day_counts_round_trip() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        for days in [-800_000, -1, 0, 59, 10_956, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(d("2026-11-28").days_until(d("2027-02-26")), 90);
    }
}
