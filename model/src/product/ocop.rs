//! OCOP ratings (Decision 148/QĐ-TTg: 3 to 5 stars, a certificate valid for
//! 36 months) and where a certificate stands on a given day.

use crate::base::date::Date;
use crate::base::i18n::Lang;
use crate::listing::{Badge, Tone};
use serde::{Deserialize, Serialize};

/// An OCOP certificate is valid this many months.
pub const OCOP_VALID_MONTHS: u32 = 36;
/// A certificate this close to its end is "expiring soon".
pub const EXPIRING_SOON_DAYS: i64 = 90;

/// Where an OCOP certificate stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificateState {
    Valid,
    ExpiringSoon,
    Expired,
}

/// The last day of a certificate issued on `certified_on`.
pub fn expires_on(certified_on: Date) -> Date {
    certified_on.add_months(OCOP_VALID_MONTHS)
}

/// The state of a certificate ending on `expires` as of `today`.
pub fn certificate_state(expires: Date, today: Date) -> CertificateState {
    let left = today.days_until(expires);
    if left < 0 {
        CertificateState::Expired
    } else if left <= EXPIRING_SOON_DAYS {
        CertificateState::ExpiringSoon
    } else {
        CertificateState::Valid
    }
}

/// The card badge of a certificate ending on `expires`.
pub fn ocop_badge(expires: Date, today: Date) -> Badge {
    let state = certificate_state(expires, today);
    let date = expires.to_string();
    let text = |lang: Lang| {
        let t = lang.t();
        match state {
            CertificateState::Expired => (t.ocop_badge_expired)(&date),
            CertificateState::ExpiringSoon => (t.ocop_badge_expiring)(&date),
            CertificateState::Valid => (t.ocop_badge_valid)(&date),
        }
    };
    Badge {
        vi: text(Lang::Vi),
        en: text(Lang::En),
        tone: match state {
            CertificateState::Expired => Tone::Bad,
            CertificateState::ExpiringSoon => Tone::Warn,
            CertificateState::Valid => Tone::Good,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn certificates_run_36_months_and_warn_90_days_ahead() {
        let end = expires_on(d("2023-06-15"));
        assert_eq!(end, d("2026-06-15"));
        assert_eq!(
            certificate_state(end, d("2026-03-16")),
            CertificateState::Valid
        );
        assert_eq!(
            certificate_state(end, d("2026-03-17")),
            CertificateState::ExpiringSoon
        );
        assert_eq!(
            certificate_state(end, d("2026-06-15")),
            CertificateState::ExpiringSoon
        );
        assert_eq!(
            certificate_state(end, d("2026-06-16")),
            CertificateState::Expired
        );
        assert_eq!(ocop_badge(end, d("2026-11-28")).tone, Tone::Bad);
    }
}
