//! Decree 32/2024/NĐ-CP (in force 1 May 2024): an industrial cluster may be
//! expanded only if its area after expansion stays within 75 ha, its
//! occupancy has reached 60%, and its shared infrastructure is finished.

use super::{ClusterFacts, ClusterKind};
use crate::base::i18n::Lang;
use crate::listing::check::Status;
use serde::{Deserialize, Serialize};

/// The largest area of a cluster after expansion.
pub const MAX_AREA_HA: f64 = 75.0;
/// The occupancy a cluster must have reached.
pub const MIN_OCCUPANCY_PCT: f64 = 60.0;

/// The three conditions and the verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expansion {
    /// Whether the rule applies (clusters only; parks follow other rules).
    pub applies: bool,
    pub area: Status,
    /// Hectares that may still be added.
    pub room_ha: Option<f64>,
    pub occupancy: Status,
    pub occupancy_pct: Option<f64>,
    pub infrastructure: Status,
    pub overall: Status,
}

impl Expansion {
    /// The verdict's text and its badge class (`met`, `not-met`, `no-data`).
    pub fn overall_label(&self, lang: Lang) -> (&'static str, &'static str) {
        let t = lang.t();
        match self.overall {
            Status::Met => (t.expansion_met, "met"),
            Status::NotMet => (t.expansion_not_met, "not-met"),
            Status::NotEnoughData => (t.expansion_unknown, "no-data"),
        }
    }
}

/// Checks the expansion conditions against the recorded facts; a missing
/// fact gives "not enough data", never a guess.
pub fn assess(kind: ClusterKind, facts: &ClusterFacts) -> Expansion {
    let area_ha = facts.area_ha();
    let area = match area_ha {
        Some(a) if a < MAX_AREA_HA => Status::Met,
        Some(_) => Status::NotMet,
        None => Status::NotEnoughData,
    };
    let occupancy_pct = facts.occupancy_pct();
    let occupancy = match occupancy_pct {
        Some(p) if p >= MIN_OCCUPANCY_PCT => Status::Met,
        Some(_) => Status::NotMet,
        None => Status::NotEnoughData,
    };
    let infrastructure = match facts.infrastructure_complete {
        Some(true) => Status::Met,
        Some(false) => Status::NotMet,
        None => Status::NotEnoughData,
    };
    let all = [area, occupancy, infrastructure];
    let overall = if all.contains(&Status::NotMet) {
        Status::NotMet
    } else if all.contains(&Status::NotEnoughData) {
        Status::NotEnoughData
    } else {
        Status::Met
    };
    Expansion {
        applies: kind == ClusterKind::Cluster,
        area,
        room_ha: area_ha.map(|a| (MAX_AREA_HA - a).max(0.0)),
        occupancy,
        occupancy_pct,
        infrastructure,
        overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(area: f64, leased: f64, land: f64, infra: Option<bool>) -> ClusterFacts {
        ClusterFacts {
            established_area_ha: Some(area),
            industrial_land_ha: Some(land),
            leased_land_ha: Some(leased),
            infrastructure_complete: infra,
            ..ClusterFacts::default()
        }
    }

    #[test]
    fn all_three_conditions_at_their_edges() {
        let ok = assess(ClusterKind::Cluster, &facts(74.9, 30.0, 50.0, Some(true)));
        assert_eq!(ok.overall, Status::Met);
        assert!(ok.applies);
        assert!((ok.room_ha.unwrap_or_default() - 0.1).abs() < 1e-9);
        // 75 ha leaves no room; 59.9% is not enough; unfinished works block.
        assert_eq!(
            assess(ClusterKind::Cluster, &facts(75.0, 30.0, 50.0, Some(true))).area,
            Status::NotMet
        );
        assert_eq!(
            assess(ClusterKind::Cluster, &facts(50.0, 29.95, 50.0, Some(true))).occupancy,
            Status::NotMet
        );
        let blocked = assess(ClusterKind::Cluster, &facts(50.0, 40.0, 50.0, Some(false)));
        assert_eq!(
            (blocked.infrastructure, blocked.overall),
            (Status::NotMet, Status::NotMet)
        );
    }

    #[test]
    fn missing_facts_are_not_guessed() {
        let xom_rut = ClusterFacts {
            planned_area_ha: Some(74.5),
            ..ClusterFacts::default()
        };
        let a = assess(ClusterKind::Cluster, &xom_rut);
        assert_eq!(a.area, Status::Met);
        assert_eq!(a.occupancy, Status::NotEnoughData);
        assert_eq!(a.overall, Status::NotEnoughData);
        // A known failure wins over missing data.
        let reported = ClusterFacts {
            reported_occupancy_pct: Some(34.71),
            ..ClusterFacts::default()
        };
        assert_eq!(assess(ClusterKind::Park, &reported).overall, Status::NotMet);
        assert!(!assess(ClusterKind::Park, &reported).applies);
    }
}
