//! What is near a listing, from the grid of points.

use super::Inner;
use crate::base::date::Date;
use crate::base::geo;
use crate::listing::Kind;
use crate::search::NearbyHit;

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
        self.nearby_slots(kind, id, radius_km, limit)
            .into_iter()
            .map(|(km, slot)| NearbyHit {
                hit: self.hit(slot, today),
                // To the metre: the page shows tenths of a kilometre, and
                // the page's data carries it as written.
                km: (km * 1000.0).round() / 1000.0,
            })
            .collect()
    }

    /// The nearest published listings' slots within `radius_km`, nearest
    /// first, with their distance.
    pub(super) fn nearby_slots(
        &self,
        kind: Kind,
        id: i64,
        radius_km: f64,
        limit: usize,
    ) -> Vec<(f64, u32)> {
        let Some(&me) = self.by_ref.get(&(kind, id)) else {
            return Vec::new();
        };
        let Some(centre) = self.points[me as usize] else {
            return Vec::new();
        };
        // Candidates are filtered and ordered by a flat-earth distance
        // (cheap, and within a fraction of a per cent of the great-circle
        // distance at this scale); the closest few, with a margin, are then
        // measured exactly and ordered by the exact distance.
        let km_per_deg = geo::EARTH_RADIUS_KM.to_radians();
        let lon_scale = centre.0.to_radians().cos().abs().max(0.01);
        let reach = (radius_km * 1.01 / km_per_deg).powi(2);
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            a.0.total_cmp(&b.0)
                .then_with(|| self.ranks[a.1 as usize].cmp(&self.ranks[b.1 as usize]))
        };
        let keep = limit.saturating_add(16).max(1);
        // Rings of cells outwards from the listing's own: once the closest
        // `keep` are nearer than anything the next ring can hold, farther
        // rings cannot change the answer (at 125,000 listings a 15 km
        // square held most of them).
        let cell_km = geo::NEAR_CELL_DEG * km_per_deg * lon_scale.min(1.0);
        #[allow(clippy::cast_possible_truncation)]
        let last_ring = (radius_km.clamp(0.0, 500.0) / cell_km).ceil() as i32 + 1;
        let home = geo::near_cell(centre);
        let mut found: Vec<(f64, u32)> = Vec::new();
        for r in 0..=last_ring {
            for c in geo::ring(home, r) {
                for &slot in self.near_grid.get(&c).map_or(&[][..], Vec::as_slice) {
                    if slot == me || !self.alive_flags[slot as usize] {
                        continue;
                    }
                    if let Some(p) = self.points[slot as usize] {
                        let dy = p.0 - centre.0;
                        let dx = (p.1 - centre.1) * lon_scale;
                        let d2 = dx * dx + dy * dy;
                        if d2 <= reach {
                            found.push((d2, slot));
                        }
                    }
                }
            }
            if found.len() > keep {
                found.select_nth_unstable_by(keep - 1, order);
                found.truncate(keep);
            }
            // Every point of ring r + 1 or beyond is at least r cells away.
            let beyond_km = f64::from(r) * cell_km;
            let kth_km = (found.len() == keep)
                .then(|| found.iter().map(|f| f.0).fold(0.0, f64::max).sqrt() * km_per_deg);
            if beyond_km > radius_km * 1.01 || kth_km.is_some_and(|k| k * 1.01 < beyond_km) {
                break;
            }
        }
        let mut found: Vec<(f64, u32)> = found
            .into_iter()
            .filter_map(|(_, slot)| {
                let p = self.points[slot as usize]?;
                let km = geo::distance_km(centre, p);
                (km <= radius_km).then_some((km, slot))
            })
            .collect();
        found.sort_by(order);
        found.truncate(limit);
        found
    }
}
