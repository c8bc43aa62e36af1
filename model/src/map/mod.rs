//! The map: every listing on one map, clustered on the server.
//!
//! The browser sends its viewport (a bounding box and a zoom level) with
//! the same parameters as the search page; the index answers with markers
//! (clusters and single listings) and the listings in view grouped by
//! commune. Clusters are cells of a Web-Mercator grid of
//! [`CELL_PX`] screen pixels at the zoom level, so a cell of zoom `z + 1`
//! always lies inside one cell of zoom `z`: zooming in splits clusters and
//! never loses a listing.

use crate::base::i18n::Lang;
use crate::base::{geo, paths};
use crate::listing::Kind;
use crate::search::DirectoryQuery;
use serde::{Deserialize, Serialize};

/// The side of a cluster cell in screen pixels.
pub const CELL_PX: f64 = 64.0;
/// The highest zoom level; clusters at this level are not split further.
pub const MAX_ZOOM: u8 = 18;
/// A view wider or taller than this many pixels at its zoom level is shown
/// at a lower zoom (so that a huge box never asks for millions of cells).
pub const MAX_VIEW_PX: f64 = 4096.0;
/// Web-Mercator cannot show the poles.
pub const MAX_LAT: f64 = 85.051_128_78;
/// At most this many commune groups are listed beside the map.
pub const MAX_GROUPS: usize = 60;
/// At most this many listings are named in each group.
pub const GROUP_LISTINGS: usize = 5;

/// A box on the map in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bbox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bbox {
    /// Reads `west,south,east,north`. Out-of-range values are clamped to
    /// the world; anything else that is not a box is an error.
    pub fn parse(text: &str) -> Result<Bbox, ViewportError> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(ViewportError::BboxShape);
        }
        let mut n = [0f64; 4];
        for (slot, part) in n.iter_mut().zip(&parts) {
            let v: f64 = part.parse().map_err(|_| ViewportError::BboxShape)?;
            if !v.is_finite() {
                return Err(ViewportError::NotFinite);
            }
            *slot = v;
        }
        let b = Bbox {
            west: n[0].clamp(-180.0, 180.0),
            south: n[1].clamp(-MAX_LAT, MAX_LAT),
            east: n[2].clamp(-180.0, 180.0),
            north: n[3].clamp(-MAX_LAT, MAX_LAT),
        };
        if b.west >= b.east || b.south >= b.north {
            return Err(ViewportError::Inverted);
        }
        Ok(b)
    }

    pub fn contains(&self, (lat, lon): (f64, f64)) -> bool {
        lat >= self.south && lat <= self.north && lon >= self.west && lon <= self.east
    }

    /// `west,south,east,north` with five decimals (about a metre).
    pub fn to_param(&self) -> String {
        format!(
            "{:.5},{:.5},{:.5},{:.5}",
            self.west, self.south, self.east, self.north
        )
    }

    /// A box around a point, `km` to each side.
    pub fn around((lat, lon): (f64, f64), km: f64) -> Bbox {
        let dlat = km / geo::EARTH_RADIUS_KM.to_radians();
        let dlon = dlat / lat.to_radians().cos().abs().max(0.01);
        Bbox {
            west: (lon - dlon).max(-180.0),
            south: (lat - dlat).max(-MAX_LAT),
            east: (lon + dlon).min(180.0),
            north: (lat + dlat).min(MAX_LAT),
        }
    }

    /// The smallest box holding this one and a point.
    pub fn including(self, (lat, lon): (f64, f64)) -> Bbox {
        Bbox {
            west: self.west.min(lon),
            south: self.south.min(lat),
            east: self.east.max(lon),
            north: self.north.max(lat),
        }
    }

    /// The box grown by `ratio` of its size on each side.
    pub fn padded(&self, ratio: f64) -> Bbox {
        let (w, h) = (self.east - self.west, self.north - self.south);
        Bbox {
            west: (self.west - w * ratio).max(-180.0),
            south: (self.south - h * ratio).max(-MAX_LAT),
            east: (self.east + w * ratio).min(180.0),
            north: (self.north + h * ratio).min(MAX_LAT),
        }
    }

    /// The width and height in world pixels at zoom 0 (256 px world).
    fn world_size(&self) -> (f64, f64) {
        let (x0, y0) = world_xy((self.north, self.west));
        let (x1, y1) = world_xy((self.south, self.east));
        ((x1 - x0) * 256.0, (y1 - y0) * 256.0)
    }

    /// The highest zoom at which the box fits in `width` × `height` pixels.
    pub fn zoom_to_fit(&self, width: f64, height: f64) -> u8 {
        let (w, h) = self.world_size();
        let scale = (width / w.max(1e-12)).min(height / h.max(1e-12));
        let z = scale.log2().floor().clamp(0.0, f64::from(MAX_ZOOM));
        // Clamped to 0..=18 above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let z = z as u8;
        z
    }
}

/// Why a viewport was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewportError {
    /// `bbox` is not four comma-separated numbers.
    BboxShape,
    /// A number is infinite or not a number.
    NotFinite,
    /// West is not left of east or south not below north.
    Inverted,
    /// `zoom` is not a whole number.
    Zoom,
}

impl ViewportError {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            ViewportError::BboxShape => lang.t().bbox_shape,
            ViewportError::NotFinite => lang.t().bbox_not_finite,
            ViewportError::Inverted => lang.t().bbox_inverted,
            ViewportError::Zoom => lang.t().bbox_zoom,
        }
    }
}

/// What the map shows: a box, a zoom level and the search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapQuery {
    pub search: DirectoryQuery,
    /// `None`: the whole area.
    pub bbox: Option<Bbox>,
    /// `None`: what fits the box in a typical screen.
    pub zoom: Option<u8>,
}

impl MapQuery {
    /// Reads a map URL's query string; a bad `bbox` or `zoom` is an error.
    pub fn parse_strict(query_string: &str) -> Result<MapQuery, ViewportError> {
        let search = DirectoryQuery::parse(query_string);
        let mut bbox = None;
        let mut zoom = None;
        let raw = query_string.trim_start_matches('?');
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            match key.as_ref() {
                "bbox" if bbox.is_none() => bbox = Some(Bbox::parse(&value)?),
                "zoom" if zoom.is_none() => {
                    let z: i64 = value.trim().parse().map_err(|_| ViewportError::Zoom)?;
                    // Clamped to 0..=18.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let z = z.clamp(0, i64::from(MAX_ZOOM)) as u8;
                    zoom = Some(z);
                }
                _ => {}
            }
        }
        Ok(MapQuery { search, bbox, zoom })
    }

    /// Reads a page URL: a bad viewport falls back to the whole area.
    pub fn parse(query_string: &str) -> MapQuery {
        MapQuery::parse_strict(query_string).unwrap_or_else(|_| MapQuery {
            search: DirectoryQuery::parse(query_string),
            bbox: None,
            zoom: None,
        })
    }

    /// The query string (without `?`), the search's parameters first.
    pub fn to_query_string(&self) -> String {
        let mut view = form_urlencoded::Serializer::new(String::new());
        if let Some(b) = self.bbox {
            view.append_pair("bbox", &b.to_param());
        }
        if let Some(z) = self.zoom {
            view.append_pair("zoom", &z.to_string());
        }
        [self.search.with_page(1).to_query_string(), view.finish()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("&")
    }

    pub fn href(&self, base: &str) -> String {
        paths::with_query(base, &self.to_query_string())
    }
}

/// The position of a point on the Web-Mercator world square, from 0 to 1.
pub fn world_xy((lat, lon): (f64, f64)) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon.clamp(-180.0, 180.0) + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The world pixel of a point at zoom [`MAX_ZOOM`] (a 2^26-pixel square).
pub fn world_px(point: (f64, f64)) -> (u32, u32) {
    let (x, y) = world_xy(point);
    let size = f64::from(1u32 << (MAX_ZOOM + 8));
    // Within 0..size after the clamp.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let to = |v: f64| (v * size).floor().clamp(0.0, size - 1.0) as u32;
    (to(x), to(y))
}

/// The cluster cell of a world pixel at a zoom level ([`CELL_PX`] = 2^6).
pub fn cell_of_px((x, y): (u32, u32), zoom: u8) -> (u32, u32) {
    let shift = u32::from(MAX_ZOOM - zoom.min(MAX_ZOOM)) + 6;
    (x >> shift, y >> shift)
}

/// The cluster cell of a point at a zoom level.
pub fn cell_of(point: (f64, f64), zoom: u8) -> (u32, u32) {
    cell_of_px(world_px(point), zoom)
}

/// The circle radius of a cluster of `count` listings, in screen pixels.
pub fn cluster_radius(count: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = count.max(1) as f64;
    (12.0 + 7.0 * n.log10()).min(30.0)
}

/// The side of a marker as drawn, in screen pixels: a single listing's pin
/// (the smallest target WCAG 2.2 allows) or a cluster's circle.
pub fn marker_size(count: usize) -> f64 {
    if count == 1 {
        24.0
    } else {
        2.0 * cluster_radius(count)
    }
}

/// The least space between two drawn markers, in screen pixels.
pub const MARKER_GAP_PX: f64 = 2.0;

/// Merges markers whose drawn boxes would overlap or come closer than
/// [`MARKER_GAP_PX`] at `zoom` into the larger one, until none do: a
/// tap always lands on one target, at least 24 px, with nothing over it.
/// A merged marker keeps every listing (count, kinds, the box around them)
/// and names the cells it took in [`Marker::merged`]; it is drawn at the
/// mean of their positions, weighted by count, which stays inside that box.
pub fn separate(mut markers: Vec<Marker>, zoom: u8) -> Vec<Marker> {
    let scale = 256.0 * f64::from(1u32 << zoom.min(MAX_ZOOM));
    let px = |m: &Marker| {
        let (x, y) = world_xy((m.lat, m.lon));
        (x * scale, y * scale)
    };
    // Neighbours are found through a grid of the largest marker's reach.
    let reach = marker_size(usize::MAX) + MARKER_GAP_PX;
    #[allow(clippy::cast_possible_truncation)]
    let bucket = |(x, y): (f64, f64)| ((x / reach).floor() as i64, (y / reach).floor() as i64);
    for _ in 0..16 {
        // The largest first, so that small ones join big ones.
        markers.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        let mut kept: Vec<Marker> = Vec::with_capacity(markers.len());
        let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
            std::collections::HashMap::new();
        let mut merged_any = false;
        for m in markers {
            let p = px(&m);
            let (bx, by) = bucket(p);
            let near = (bx - 1..=bx + 1)
                .flat_map(|x| (by - 1..=by + 1).map(move |y| (x, y)))
                .filter_map(|c| grid.get(&c))
                .flatten()
                .copied()
                .find(|&i| {
                    let k: &Marker = &kept[i];
                    let q = px(k);
                    let apart = (marker_size(k.count) + marker_size(m.count)) / 2.0 + MARKER_GAP_PX;
                    // Markers are drawn as squares (a circle inside):
                    // their boxes must not meet.
                    (p.0 - q.0).abs().max((p.1 - q.1).abs()) < apart
                });
            match near {
                Some(i) => {
                    absorb(&mut kept[i], m, zoom);
                    merged_any = true;
                }
                None => {
                    grid.entry((bx, by)).or_default().push(kept.len());
                    kept.push(m);
                }
            }
        }
        markers = kept;
        // A merged marker is larger and has moved: look again.
        if !merged_any {
            break;
        }
    }
    markers
}

/// Adds `other`'s listings to `into`.
fn absorb(into: &mut Marker, other: Marker, zoom: u8) {
    #[allow(clippy::cast_precision_loss)]
    let (a, b) = (into.count as f64, other.count as f64);
    into.lat = (into.lat * a + other.lat * b) / (a + b);
    into.lon = (into.lon * a + other.lon * b) / (a + b);
    into.count += other.count;
    for (k, n) in into.kinds.iter_mut().zip(other.kinds) {
        *k += n;
    }
    into.bounds = into
        .bounds
        .including((other.bounds.south, other.bounds.west))
        .including((other.bounds.north, other.bounds.east));
    into.expandable = zoom < MAX_ZOOM
        && (into.bounds.west < into.bounds.east || into.bounds.south < into.bounds.north);
    into.listing = None;
    into.merged.push(other.key);
    into.merged.extend(other.merged);
}

/// One listing on the map or in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapListing {
    pub kind: Kind,
    pub name: String,
    pub href: String,
    pub lat: f64,
    pub lon: f64,
    /// The key of the marker it is in.
    pub marker: String,
}

/// A marker: one listing, or a cluster of `count` listings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// `zoom/x/y` of its cell; stable for a zoom level.
    pub key: String,
    pub count: usize,
    /// Where to draw it: the mean of its listings' points.
    pub lat: f64,
    pub lon: f64,
    /// The box around its listings.
    pub bounds: Bbox,
    /// Listings by kind, in the order of [`Kind::ALL`].
    pub kinds: [usize; 4],
    /// Whether zooming in can split it (its listings are not all at one
    /// point and the zoom is below [`MAX_ZOOM`]).
    pub expandable: bool,
    /// The listing, when `count` is 1.
    pub listing: Option<MapListing>,
    /// The keys of the cells of this zoom whose markers were merged into
    /// this one because they would have been drawn overlapping.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
}

/// The listings in view in one commune.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneGroup {
    /// The commune's code; empty for listings without a commune.
    pub code: String,
    pub name: String,
    /// The former district(s) it lies in.
    pub districts: Vec<String>,
    pub count: usize,
    pub kinds: [usize; 4],
    /// The first few, in name order.
    pub listings: Vec<MapListing>,
}

/// Listings without a point in one former district: their sources name no
/// commune, so the map cannot place them even approximately.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnlocatedDistrict {
    /// The district's code; empty for listings without any district.
    pub code: String,
    /// Its name in the page's language (empty: no district).
    pub name: String,
    pub count: usize,
}

/// The answer for one viewport.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// The box answered for and its zoom (lowered for huge boxes).
    pub bbox: Bbox,
    pub zoom: u8,
    /// Listings matching the search in view.
    pub in_view: usize,
    /// Listings matching the search in all, with or without a point.
    pub total: usize,
    /// Of those, how many have no point on record (not on the map).
    pub unlocated: usize,
    /// Those by former district, most first.
    #[serde(default)]
    pub unlocated_districts: Vec<UnlocatedDistrict>,
    pub markers: Vec<Marker>,
    pub groups: Vec<CommuneGroup>,
    /// Communes with listings in view beyond [`MAX_GROUPS`].
    pub more_groups: usize,
}

/// Where map tiles come from; an empty URL draws no tiles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tiles {
    /// A Leaflet URL template (`…/{z}/{x}/{y}.png`).
    pub url: String,
    /// HTML shown in the map's corner (the tiles' licence).
    pub attribution: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_parsing_refuses_what_is_not_a_box() {
        assert_eq!(Bbox::parse("1,2,3"), Err(ViewportError::BboxShape));
        assert_eq!(Bbox::parse("a,2,3,4"), Err(ViewportError::BboxShape));
        assert_eq!(Bbox::parse("NaN,2,3,4"), Err(ViewportError::NotFinite));
        assert_eq!(Bbox::parse("1,2,inf,4"), Err(ViewportError::NotFinite));
        assert_eq!(Bbox::parse("106,20,105,21"), Err(ViewportError::Inverted));
        assert_eq!(Bbox::parse("105,21,106,20"), Err(ViewportError::Inverted));
        let world = Bbox::parse("-1000,-1000,1000,1000").expect("valid");
        assert_eq!((world.west, world.east), (-180.0, 180.0));
        assert!((world.north - MAX_LAT).abs() < 1e-9);
    }

    #[test]
    fn cells_nest_from_one_zoom_to_the_next() {
        for &p in &[(20.81, 105.33), (20.5, 104.9), (-33.9, 151.2), (0.0, 0.0)] {
            for z in 0..MAX_ZOOM {
                let (x, y) = cell_of(p, z);
                let (x2, y2) = cell_of(p, z + 1);
                assert_eq!((x2 / 2, y2 / 2), (x, y), "{p:?} at {z}");
            }
        }
    }

    #[test]
    fn zoom_to_fit_the_province_is_a_regional_zoom() {
        let area = Bbox::parse("104.8,20.3,105.9,21.1").expect("valid");
        let z = area.zoom_to_fit(800.0, 600.0);
        assert!((8..=10).contains(&z), "{z}");
        let world = Bbox::parse("-180,-85,180,85").expect("valid");
        assert_eq!(world.zoom_to_fit(256.0, 256.0), 0);
    }

    #[test]
    fn map_query_round_trips_and_keeps_the_search() {
        let q =
            MapQuery::parse_strict("q=gom&kind=village&bbox=105,20,106,21&zoom=9").expect("valid");
        assert_eq!(q.search.q, "gom");
        assert_eq!(q.zoom, Some(9));
        assert_eq!(
            MapQuery::parse_strict(&q.to_query_string()).expect("valid"),
            q
        );
        assert_eq!(MapQuery::parse_strict("zoom=x"), Err(ViewportError::Zoom));
        assert_eq!(
            MapQuery::parse_strict("zoom=99").expect("valid").zoom,
            Some(MAX_ZOOM)
        );
        // A page URL with a broken box shows the whole area.
        assert_eq!(MapQuery::parse("bbox=NaN&q=a").bbox, None);
    }
}
