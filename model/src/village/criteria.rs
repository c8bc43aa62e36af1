//! The craft-village criteria of Decree 52/2018/NĐ-CP, Article 5, computed
//! from recorded facts. Pure, so the page and the tests use the same code.

use super::Decree52Facts;
use crate::listing::check::Status;
use serde::{Deserialize, Serialize};

/// Share of households that must work in the craft, in percent.
pub const HOUSEHOLD_THRESHOLD_PCT: u8 = 20;
/// The threshold used before Decree 52/2018 (villages recognised earlier).
pub const OLD_HOUSEHOLD_THRESHOLD_PCT: u8 = 30;
/// Consecutive years of stable production required.
pub const STABLE_YEARS_MIN: i64 = 2;
/// The year Decree 52/2018 took effect.
pub const DECREE_52_YEAR: i64 = 2018;

/// The three criteria and what they were computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub households: Status,
    /// Percentage of households in the craft, when both counts are known.
    pub household_share: Option<f64>,
    pub stable_production: Status,
    pub environment: Status,
    /// A traditional craft village qualifies even under the household
    /// threshold.
    pub traditional_exemption: bool,
    /// Recognised before Decree 52/2018, under the 30% threshold.
    pub recognised_under_old_rule: bool,
    pub overall: Status,
}

/// Computes the criteria from the facts; a missing fact gives
/// `NotEnoughData` for the criterion it feeds, never a guess.
pub fn assess(facts: &Decree52Facts) -> Assessment {
    let (households, household_share) = match (facts.craft_households, facts.total_households) {
        (Some(craft), Some(total)) if total > 0 && (0..=total).contains(&craft) => {
            // craft / total >= 20 / 100, in integers so 20% exactly is met.
            let met = craft * 100 >= total * i64::from(HOUSEHOLD_THRESHOLD_PCT);
            let share = craft as f64 * 100.0 / total as f64;
            (if met { Status::Met } else { Status::NotMet }, Some(share))
        }
        _ => (Status::NotEnoughData, None),
    };
    let stable_production = match facts.stable_production_years {
        Some(years) if years >= STABLE_YEARS_MIN => Status::Met,
        Some(_) => Status::NotMet,
        None => Status::NotEnoughData,
    };
    let environment = match facts.env_compliant {
        Some(true) => Status::Met,
        Some(false) => Status::NotMet,
        None => Status::NotEnoughData,
    };
    let traditional_exemption = facts.is_traditional == Some(true);
    let effective_households = if traditional_exemption {
        Status::Met
    } else {
        households
    };
    let parts = [effective_households, stable_production, environment];
    let overall = if parts.contains(&Status::NotMet) {
        Status::NotMet
    } else if parts.contains(&Status::NotEnoughData) {
        Status::NotEnoughData
    } else {
        Status::Met
    };
    Assessment {
        households,
        household_share,
        stable_production,
        environment,
        traditional_exemption,
        recognised_under_old_rule: facts.recognition_year.is_some_and(|y| y < DECREE_52_YEAR),
        overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(
        craft: Option<i64>,
        total: Option<i64>,
        years: Option<i64>,
        env: Option<bool>,
    ) -> Decree52Facts {
        Decree52Facts {
            craft_households: craft,
            total_households: total,
            stable_production_years: years,
            env_compliant: env,
            ..Decree52Facts::default()
        }
    }

    #[test]
    fn household_share_at_and_around_twenty_percent() {
        assert_eq!(
            assess(&facts(Some(20), Some(100), None, None)).households,
            Status::Met
        );
        assert_eq!(
            assess(&facts(Some(19), Some(100), None, None)).households,
            Status::NotMet
        );
        assert_eq!(
            assess(&facts(Some(21), Some(100), None, None)).households,
            Status::Met
        );
        // 39 of 196 is 19.9%, 40 of 196 is 20.4%.
        assert_eq!(
            assess(&facts(Some(39), Some(196), None, None)).households,
            Status::NotMet
        );
        assert_eq!(
            assess(&facts(Some(40), Some(196), None, None)).households,
            Status::Met
        );
        let share = assess(&facts(Some(1), Some(3), None, None)).household_share;
        assert!(share.is_some_and(|s| (s - 33.333).abs() < 0.01));
    }

    #[test]
    fn stable_production_needs_two_years() {
        assert_eq!(
            assess(&facts(None, None, Some(1), None)).stable_production,
            Status::NotMet
        );
        assert_eq!(
            assess(&facts(None, None, Some(2), None)).stable_production,
            Status::Met
        );
        assert_eq!(
            assess(&facts(None, None, Some(0), None)).stable_production,
            Status::NotMet
        );
    }

    #[test]
    fn missing_or_inconsistent_data_is_not_enough_data() {
        let a = assess(&Decree52Facts::default());
        assert_eq!(a.households, Status::NotEnoughData);
        assert_eq!(a.stable_production, Status::NotEnoughData);
        assert_eq!(a.environment, Status::NotEnoughData);
        assert_eq!(a.overall, Status::NotEnoughData);
        assert_eq!(
            assess(&facts(Some(5), None, None, None)).households,
            Status::NotEnoughData
        );
        assert_eq!(
            assess(&facts(Some(5), Some(0), None, None)).households,
            Status::NotEnoughData
        );
        assert_eq!(
            assess(&facts(Some(50), Some(10), None, None)).households,
            Status::NotEnoughData
        );
    }

    #[test]
    fn overall_verdict_combines_the_three() {
        assert_eq!(
            assess(&facts(Some(30), Some(100), Some(5), Some(true))).overall,
            Status::Met
        );
        assert_eq!(
            assess(&facts(Some(30), Some(100), Some(5), Some(false))).overall,
            Status::NotMet
        );
        assert_eq!(
            assess(&facts(Some(10), Some(100), Some(5), Some(true))).overall,
            Status::NotMet
        );
        assert_eq!(
            assess(&facts(Some(30), Some(100), None, Some(true))).overall,
            Status::NotEnoughData
        );
        // A not-met criterion decides even when another lacks data.
        assert_eq!(
            assess(&facts(None, None, Some(1), None)).overall,
            Status::NotMet
        );
    }

    #[test]
    fn traditional_villages_are_exempt_from_the_household_share() {
        let mut f = facts(Some(10), Some(100), Some(5), Some(true));
        f.is_traditional = Some(true);
        let a = assess(&f);
        assert_eq!(a.households, Status::NotMet);
        assert!(a.traditional_exemption);
        assert_eq!(a.overall, Status::Met);
    }

    #[test]
    fn recognition_before_2018_used_the_old_rule() {
        let mut f = Decree52Facts {
            recognition_year: Some(2013),
            ..Decree52Facts::default()
        };
        assert!(assess(&f).recognised_under_old_rule);
        f.recognition_year = Some(2018);
        assert!(!assess(&f).recognised_under_old_rule);
    }
}
