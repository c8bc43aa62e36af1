//! Clustering the listings in a viewport, on a Web-Mercator grid.

use super::Inner;
use crate::base::geo;
use crate::base::i18n::Lang;
use crate::base::text::fold;
use crate::map::{
    Bbox, CommuneGroup, GROUP_LISTINGS, MAX_GROUPS, MAX_VIEW_PX, MAX_ZOOM, MapListing, MapQuery,
    MapView, Marker, UnlocatedDistrict, cell_of, cell_of_px, world_xy,
};
use crate::search::FacetKey;
use std::collections::HashMap;

/// The area shown when the index has no points at all (the former Hòa
/// Bình province).
const FALLBACK_AREA: Bbox = Bbox {
    west: 104.8,
    south: 20.3,
    east: 105.9,
    north: 21.1,
};

/// The size of the screen a view without a zoom level is fitted to.
const DEFAULT_SCREEN: (f64, f64) = (1024.0, 768.0);

#[derive(Default)]
struct CellAgg {
    cell: (u32, u32),
    count: usize,
    sum: (f64, f64),
    min: (f64, f64),
    max: (f64, f64),
    kinds: [usize; 4],
    first: u32,
}

#[derive(Default)]
struct GroupAgg {
    commune: u32,
    count: usize,
    kinds: [usize; 4],
    /// The first few slots by name rank.
    first: Vec<u32>,
}

/// The highest zoom not above `zoom` at which `bbox` is at most
/// [`MAX_VIEW_PX`] wide and tall.
fn bounded_zoom(bbox: &Bbox, zoom: u8) -> u8 {
    let (x0, y0) = world_xy((bbox.north, bbox.west));
    let (x1, y1) = world_xy((bbox.south, bbox.east));
    let side = (x1 - x0).max(y1 - y0) * 256.0;
    let mut z = zoom.min(MAX_ZOOM);
    while z > 0 && side * f64::from(1u32 << z) > MAX_VIEW_PX {
        z -= 1;
    }
    z
}

impl Inner {
    /// Recomputes what the map needs about all listings: the box around
    /// them, how many have no point, and the former districts of each
    /// commune. Called after every change (see `rerank`).
    pub(super) fn map_summaries(&mut self) {
        let mut extent: Option<Bbox> = None;
        let mut unlocated = 0;
        let mut unlocated_slots = Vec::new();
        let mut districts: HashMap<u32, Vec<u32>> = HashMap::new();
        for slot in 0..self.slots.len() {
            if !self.alive_flags[slot] {
                continue;
            }
            match self.points[slot] {
                Some(p) => {
                    extent = Some(match extent {
                        Some(b) => b.including(p),
                        None => Bbox {
                            west: p.1,
                            south: p.0,
                            east: p.1,
                            north: p.0,
                        },
                    });
                }
                None => {
                    unlocated += 1;
                    unlocated_slots.push(slot as u32);
                }
            }
            let commune = self.commune_of[slot];
            if commune != u32::MAX {
                let (start, len) = self.value_spans[slot];
                for &v in &self.value_flat[start as usize..(start + len) as usize] {
                    if self.values[v as usize].key == FacetKey::District {
                        let list = districts.entry(commune).or_default();
                        if !list.contains(&v) {
                            list.push(v);
                        }
                    }
                }
            }
        }
        self.extent = extent;
        self.unlocated = unlocated;
        self.commune_districts = districts;
        self.unlocated_districts = self.by_district(unlocated_slots.into_iter());
    }

    /// How many of `slots` lie in each former district (a listing in two
    /// counts in both; `u32::MAX`: in none), most first, none last.
    fn by_district(&self, slots: impl Iterator<Item = u32>) -> Vec<(u32, usize)> {
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for slot in slots {
            let (start, len) = self.value_spans[slot as usize];
            let mut any = false;
            for &v in &self.value_flat[start as usize..(start + len) as usize] {
                if self.values[v as usize].key == FacetKey::District {
                    *counts.entry(v).or_default() += 1;
                    any = true;
                }
            }
            if !any {
                *counts.entry(u32::MAX).or_default() += 1;
            }
        }
        let mut counts: Vec<(u32, usize)> = counts.into_iter().collect();
        // Most first; those in no district last.
        counts.sort_by(|a, b| {
            (a.0 == u32::MAX)
                .cmp(&(b.0 == u32::MAX))
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        counts
    }

    /// The former districts of the listings without a point, for the map.
    fn unlocated_view(&self, counts: &[(u32, usize)], lang: Lang) -> Vec<UnlocatedDistrict> {
        counts
            .iter()
            .map(|&(v, count)| {
                let (code, name) = match self.values.get(v as usize) {
                    Some(value) => (
                        value.code.clone(),
                        lang.pick(&value.label_vi, &value.label_en).to_owned(),
                    ),
                    None => (String::new(), String::new()),
                };
                UnlocatedDistrict { code, name, count }
            })
            .collect()
    }

    /// The box around every alive point, a little padded.
    pub(super) fn extent(&self) -> Bbox {
        match self.extent {
            Some(b) if b.east - b.west > 0.01 && b.north - b.south > 0.01 => b.padded(0.05),
            _ => FALLBACK_AREA,
        }
    }

    /// Calls `visit` with every alive slot among `matches` (all when
    /// `None`) whose point is in the box, each once.
    fn in_box(&self, matches: Option<&[u32]>, bbox: &Bbox, mut visit: impl FnMut(u32, (f64, f64))) {
        let mut check = |slot: u32| {
            if !self.alive_flags[slot as usize] {
                return;
            }
            if let Some(p) = self.points[slot as usize]
                && bbox.contains(p)
            {
                visit(slot, p);
            }
        };
        if let Some(slots) = matches {
            slots.iter().copied().for_each(&mut check);
            return;
        }
        // Everything: only the grid cells that meet the box.
        let (s, w) = geo::cell((bbox.south, bbox.west));
        let (n, e) = geo::cell((bbox.north, bbox.east));
        let cells = (i64::from(n - s) + 1) * (i64::from(e - w) + 1);
        if cells > i64::try_from(self.grid.len()).unwrap_or(i64::MAX) {
            for (&(y, x), slots) in &self.grid {
                if (s..=n).contains(&y) && (w..=e).contains(&x) {
                    slots.iter().copied().for_each(&mut check);
                }
            }
        } else {
            for y in s..=n {
                for x in w..=e {
                    if let Some(slots) = self.grid.get(&(y, x)) {
                        slots.iter().copied().for_each(&mut check);
                    }
                }
            }
        }
    }

    fn map_listing(&self, slot: u32, p: (f64, f64), zoom: u8, lang: Lang) -> MapListing {
        let s = &self.slots[slot as usize];
        let (x, y) = cell_of_px(self.world_px[slot as usize], zoom);
        MapListing {
            kind: s.kind,
            name: s.name(lang).to_owned(),
            href: s.href(lang),
            lat: p.0,
            lon: p.1,
            marker: format!("{zoom}/{x}/{y}"),
        }
    }

    pub(super) fn map(&self, query: &MapQuery, lang: Lang) -> MapView {
        let bbox = query.bbox.unwrap_or_else(|| self.extent());
        let wanted = query
            .zoom
            .unwrap_or_else(|| bbox.zoom_to_fit(DEFAULT_SCREEN.0, DEFAULT_SCREEN.1));
        let zoom = bounded_zoom(&bbox, wanted);
        let matches = self.matching_slots(&query.search);
        let (total, unlocated, unlocated_districts) = match &matches {
            Some(slots) => {
                let without: Vec<u32> = slots
                    .iter()
                    .copied()
                    .filter(|&s| self.points[s as usize].is_none())
                    .collect();
                let districts = self.by_district(without.iter().copied());
                (
                    slots.len(),
                    without.len(),
                    self.unlocated_view(&districts, lang),
                )
            }
            None => (
                self.alive,
                self.unlocated,
                self.unlocated_view(&self.unlocated_districts, lang),
            ),
        };

        // Cells and groups are counted in dense arrays: the box spans at
        // most MAX_VIEW_PX / CELL_PX + 2 cells each way (see bounded_zoom),
        // and commune values are numbered.
        let (cx0, cy0) = cell_of((bbox.north, bbox.west), zoom);
        let (cx1, cy1) = cell_of((bbox.south, bbox.east), zoom);
        let width = (cx1 - cx0 + 1) as usize;
        let height = (cy1 - cy0 + 1) as usize;
        let mut cell_index = vec![u32::MAX; width * height];
        let mut cells: Vec<CellAgg> = Vec::new();
        let mut group_index = vec![u32::MAX; self.values.len() + 1];
        let mut groups: Vec<GroupAgg> = Vec::new();
        let mut in_view = 0usize;
        self.in_box(matches.as_deref(), &bbox, |slot, p| {
            in_view += 1;
            let s = slot as usize;
            let kind = usize::from(self.kind_of[s]);
            let cell = cell_of_px(self.world_px[s], zoom);
            let at = (cell.0.saturating_sub(cx0) as usize).min(width - 1)
                + (cell.1.saturating_sub(cy0) as usize).min(height - 1) * width;
            if cell_index[at] == u32::MAX {
                cell_index[at] = u32::try_from(cells.len()).unwrap_or(u32::MAX);
                cells.push(CellAgg {
                    cell,
                    min: p,
                    max: p,
                    first: slot,
                    ..CellAgg::default()
                });
            }
            let c = &mut cells[cell_index[at] as usize];
            c.count += 1;
            c.sum = (c.sum.0 + p.0, c.sum.1 + p.1);
            c.min = (c.min.0.min(p.0), c.min.1.min(p.1));
            c.max = (c.max.0.max(p.0), c.max.1.max(p.1));
            c.kinds[kind] += 1;

            let commune = self.commune_of[s];
            let gi = (commune as usize).min(self.values.len());
            if group_index[gi] == u32::MAX {
                group_index[gi] = u32::try_from(groups.len()).unwrap_or(u32::MAX);
                groups.push(GroupAgg {
                    commune,
                    ..GroupAgg::default()
                });
            }
            let g = &mut groups[group_index[gi] as usize];
            g.count += 1;
            g.kinds[kind] += 1;
            let rank = self.ranks[s];
            if g.first.len() < GROUP_LISTINGS
                || g.first
                    .last()
                    .is_some_and(|&l| self.ranks[l as usize] > rank)
            {
                let at = g.first.partition_point(|&f| self.ranks[f as usize] < rank);
                g.first.insert(at, slot);
                g.first.truncate(GROUP_LISTINGS);
            }
        });

        let markers: Vec<Marker> = cells
            .into_iter()
            .map(|c| {
                #[allow(clippy::cast_precision_loss)]
                let n = c.count as f64;
                let single = c.count == 1;
                Marker {
                    key: format!("{zoom}/{}/{}", c.cell.0, c.cell.1),
                    count: c.count,
                    lat: c.sum.0 / n,
                    lon: c.sum.1 / n,
                    bounds: Bbox {
                        west: c.min.1,
                        south: c.min.0,
                        east: c.max.1,
                        north: c.max.0,
                    },
                    kinds: c.kinds,
                    expandable: !single && zoom < MAX_ZOOM && (c.min != c.max),
                    listing: single.then(|| self.map_listing(c.first, c.min, zoom, lang)),
                    merged: Vec::new(),
                }
            })
            .collect();
        let mut markers = crate::map::separate(markers, zoom);
        markers.sort_by(|a, b| a.key.cmp(&b.key));
        // The list beside the map points at the marker a listing is in.
        let moved: HashMap<&str, &str> = markers
            .iter()
            .flat_map(|m| m.merged.iter().map(move |k| (k.as_str(), m.key.as_str())))
            .collect();

        let label = |v: u32| {
            let value = &self.values[v as usize];
            lang.pick(&value.label_vi, &value.label_en).to_owned()
        };
        // The largest groups first; only those shown are named.
        groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.commune.cmp(&b.commune)));
        let more_groups = groups.len().saturating_sub(MAX_GROUPS);
        groups.truncate(MAX_GROUPS);
        let mut groups: Vec<(String, CommuneGroup)> = groups
            .into_iter()
            .map(|g| {
                let (code, name) = if g.commune == u32::MAX {
                    (String::new(), lang.t().commune_unknown.to_owned())
                } else {
                    (
                        self.values[g.commune as usize].code.clone(),
                        label(g.commune),
                    )
                };
                let mut districts: Vec<String> = self
                    .commune_districts
                    .get(&g.commune)
                    .map(|d| d.iter().map(|&v| label(v)).collect())
                    .unwrap_or_default();
                districts.sort();
                let listings = g
                    .first
                    .iter()
                    .filter_map(|&s| {
                        self.points[s as usize].map(|p| self.map_listing(s, p, zoom, lang))
                    })
                    .collect();
                (
                    fold(&name),
                    CommuneGroup {
                        code,
                        name,
                        districts,
                        count: g.count,
                        kinds: g.kinds,
                        listings,
                    },
                )
            })
            .collect();
        groups.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
        for (_, g) in &mut groups {
            for l in &mut g.listings {
                if let Some(key) = moved.get(l.marker.as_str()) {
                    l.marker = (*key).to_owned();
                }
            }
        }

        MapView {
            bbox,
            zoom,
            in_view,
            total,
            unlocated,
            unlocated_districts,
            markers,
            groups: groups.into_iter().map(|(_, g)| g).collect(),
            more_groups,
        }
    }
}
