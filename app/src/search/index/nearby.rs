//! What is near a listing, from the grid of points.

use super::Inner;
use crate::date::Date;
use crate::geo;
use crate::search::{Kind, NearbyHit};

impl Inner {
    /// Alive listings within `radius_km` of a listing, nearest first.
    pub(super) fn nearby(
        &self,
        kind: Kind,
        id: i64,
        radius_km: f64,
        limit: usize,
        today: Date,
    ) -> Vec<NearbyHit> {
        let Some(&me) = self.by_ref.get(&(kind, id)) else {
            return Vec::new();
        };
        let Some(centre) = self.points[me as usize] else {
            return Vec::new();
        };
        let mut found: Vec<(f64, u32)> = Vec::new();
        for c in geo::cells_around(centre, radius_km) {
            for &slot in self.grid.get(&c).map_or(&[][..], Vec::as_slice) {
                if slot == me || !self.alive_flags[slot as usize] {
                    continue;
                }
                if let Some(p) = self.points[slot as usize] {
                    let km = geo::distance_km(centre, p);
                    if km <= radius_km {
                        found.push((km, slot));
                    }
                }
            }
        }
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            a.0.total_cmp(&b.0)
                .then_with(|| self.ranks[a.1 as usize].cmp(&self.ranks[b.1 as usize]))
        };
        if found.len() > limit && limit > 0 {
            found.select_nth_unstable_by(limit - 1, order);
            found.truncate(limit);
        }
        found.sort_by(order);
        found
            .into_iter()
            .take(limit)
            .map(|(km, slot)| NearbyHit {
                hit: self.hit(slot, today),
                km,
            })
            .collect()
    }
}
