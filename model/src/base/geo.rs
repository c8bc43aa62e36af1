//! Distances on the Earth's surface and the grid the index uses to find
//! what is near a point.

/// Mean Earth radius in kilometres.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The size of a grid cell in degrees (about 11 km of latitude).
pub const CELL_DEG: f64 = 0.1;

/// Great-circle distance in kilometres between two (latitude, longitude)
/// points in degrees.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Whether a point is a real coordinate.
pub fn is_valid(point: (f64, f64)) -> bool {
    point.0.is_finite() && point.1.is_finite() && point.0.abs() <= 90.0 && point.1.abs() <= 180.0
}

/// The grid cell of a point.
pub fn cell(point: (f64, f64)) -> (i32, i32) {
    // Valid coordinates divided by 0.1 stay far inside i32.
    #[allow(clippy::cast_possible_truncation)]
    let to = |deg: f64| (deg / CELL_DEG).floor() as i32;
    (to(point.0), to(point.1))
}

/// The size of a cell of the finer grid "nearby" searches outwards in
/// (about 1.1 km of latitude).
pub const NEAR_CELL_DEG: f64 = 0.01;

/// The cell of the finer grid of a point.
pub fn near_cell(point: (f64, f64)) -> (i32, i32) {
    // Valid coordinates divided by 0.01 stay far inside i32.
    #[allow(clippy::cast_possible_truncation)]
    let to = |deg: f64| (deg / NEAR_CELL_DEG).floor() as i32;
    (to(point.0), to(point.1))
}

/// The cells exactly `r` cells from `centre` (the square ring; the centre
/// itself for 0).
pub fn ring(centre: (i32, i32), r: i32) -> impl Iterator<Item = (i32, i32)> {
    let (cy, cx) = centre;
    let r = r.max(0);
    (cy - r..=cy + r).flat_map(move |y| {
        // The top and bottom rows whole; the rows between, their two ends.
        let edge = y == cy - r || y == cy + r;
        let step = if edge { 1 } else { 2 * r };
        (cx - r..=cx + r)
            .step_by(usize::try_from(step).unwrap_or(1).max(1))
            .map(move |x| (y, x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_hold_each_cell_once() {
        assert_eq!(ring((5, 5), 0).collect::<Vec<_>>(), [(5, 5)]);
        for r in 1..5 {
            let cells: Vec<_> = ring((0, 0), r).collect();
            assert_eq!(cells.len(), usize::try_from(8 * r).expect("positive"));
            assert!(cells.iter().all(|&(y, x)| y.abs().max(x.abs()) == r));
            let mut unique = cells.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), cells.len());
        }
    }

    #[test]
    fn distances_match_known_values() {
        // One degree of latitude is about 111.2 km.
        assert!((distance_km((20.0, 105.0), (21.0, 105.0)) - 111.19).abs() < 0.1);
        assert!(distance_km((20.8, 105.3), (20.8, 105.3)).abs() < 1e-9);
        // Pà Cò and Mai Hạ commune centres (wards-2025.csv): about 18 km.
        let d = distance_km((20.7119, 104.887), (20.6088, 105.051));
        assert!((d - 20.6).abs() < 0.5, "{d}");
        assert!(!is_valid((f64::NAN, 1.0)) && !is_valid((91.0, 0.0)) && is_valid((20.0, 105.0)));
    }
}
