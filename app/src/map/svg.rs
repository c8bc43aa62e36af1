//! The map drawn by the server as SVG: works without JavaScript and
//! without tiles. Clusters link to the same map zoomed into them, single
//! listings to their profiles.

use crate::area::{CommunePoint, unit_name};
use leptos::prelude::*;
use model::i18n::Lang;
use model::listing::Kind;
use model::map::{Bbox, MapQuery, MapView, Marker, world_xy};
use std::collections::BTreeMap;

/// Labels name communes when at most this many are in view.
const COMMUNE_LABELS_MAX: usize = 40;

/// Projects points of a box onto SVG coordinates at a zoom level.
#[derive(Clone, Copy)]
pub struct Projection {
    origin: (f64, f64),
    scale: f64,
    pub width: f64,
    pub height: f64,
}

impl Projection {
    pub fn new(bbox: &Bbox, zoom: u8) -> Projection {
        let scale = 256.0 * f64::from(1u32 << zoom);
        let (x0, y0) = world_xy((bbox.north, bbox.west));
        let (x1, y1) = world_xy((bbox.south, bbox.east));
        Projection {
            origin: (x0, y0),
            scale,
            width: ((x1 - x0) * scale).max(1.0),
            height: ((y1 - y0) * scale).max(1.0),
        }
    }

    /// SVG x and y of a point.
    pub fn at(&self, point: (f64, f64)) -> (f64, f64) {
        let (x, y) = world_xy(point);
        (
            (x - self.origin.0) * self.scale,
            (y - self.origin.1) * self.scale,
        )
    }
}

/// The noun for `n` listings: "địa điểm" in Vietnamese, "listing" or
/// "listings" in English.
pub fn listings_noun(n: usize, lang: Lang) -> &'static str {
    (lang.t().listings_noun)(n)
}

/// What a cluster says to a screen reader: its count and kinds.
pub fn cluster_label(marker: &Marker, lang: Lang) -> String {
    let what = listings_noun(marker.count, lang);
    let action = if marker.expandable {
        lang.t().map_zoom_in
    } else {
        lang.t().map_one_place
    };
    format!(
        "{} {what}: {} — {action}",
        marker.count,
        kinds_text(marker.kinds, lang)
    )
}

/// How many listings of each kind, as text ("3 craft villages, 1
/// enterprise"); singular nouns for one.
pub fn kinds_text(kinds: [usize; 4], lang: Lang) -> String {
    Kind::ALL
        .iter()
        .zip(kinds)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| {
            let noun = if n == 1 {
                k.singular(lang)
            } else {
                k.label(lang)
            };
            format!("{n} {}", noun.to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub use model::map::cluster_radius;

/// The label of a commune on the map (its name without the unit type).
fn short_name(name: &str, lang: Lang) -> String {
    let full = unit_name(name, lang);
    for prefix in ["Xã ", "Phường ", "Thị trấn "] {
        if let Some(rest) = full.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    for suffix in [" Commune", " Ward", " Township"] {
        if let Some(rest) = full.strip_suffix(suffix) {
            return rest.to_owned();
        }
    }
    full
}

/// The radius of the area that takes a tap around a pin, in the drawing's
/// units: the drawing is shown at 72 % of its width or more (36rem for 800
/// units on a phone), so 17 units stay 24 px or more (WCAG 2.2 target
/// size).
const HIT_RADIUS: f64 = 17.0;

/// The server-drawn map of a view.
#[component]
pub fn SvgMap(
    view: MapView,
    communes: Vec<CommunePoint>,
    query: MapQuery,
    base: &'static str,
    lang: Lang,
) -> impl IntoView {
    let proj = Projection::new(&view.bbox, view.zoom);
    let (w, h) = (proj.width, proj.height);
    // Text and marks keep their size on screen whatever the box's size.
    let k = (w / 800.0).max(1.0);
    let visible: Vec<&CommunePoint> = communes
        .iter()
        .filter(|c| view.bbox.contains((c.latitude, c.longitude)))
        .collect();
    let dots = visible
        .iter()
        .map(|c| {
            let (x, y) = proj.at((c.latitude, c.longitude));
            view! { <circle class="commune-dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r=format!("{:.1}", 3.0 * k) /> }
        })
        .collect_view();
    let labels: Vec<((f64, f64), String)> = if visible.len() <= COMMUNE_LABELS_MAX {
        visible
            .iter()
            .map(|c| {
                (
                    proj.at((c.latitude, c.longitude)),
                    short_name(&c.name, lang),
                )
            })
            .collect()
    } else {
        // Too many communes to name: name the former districts at the
        // middle of their communes.
        let mut by_district: BTreeMap<&str, (f64, f64, f64)> = BTreeMap::new();
        for c in &visible {
            if let Some(d) = &c.district {
                let e = by_district.entry(d.as_str()).or_insert((0.0, 0.0, 0.0));
                let (x, y) = proj.at((c.latitude, c.longitude));
                *e = (e.0 + x, e.1 + y, e.2 + 1.0);
            }
        }
        by_district
            .into_iter()
            .map(|(d, (x, y, n))| ((x / n, y / n), short_name(d, lang).replace("Huyện ", "")))
            .collect()
    };
    let label_views = labels
        .into_iter()
        .map(|((x, y), text)| {
            view! {
                <text class="map-label" x=format!("{x:.1}") y=format!("{:.1}", y - 6.0 * k)
                    font-size=format!("{:.1}", 12.0 * k) text-anchor="middle">{text}</text>
            }
        })
        .collect_view();
    let markers = view
        .markers
        .iter()
        .map(|m| {
            let (x, y) = proj.at((m.lat, m.lon));
            let (cx, cy) = (format!("{x:.1}"), format!("{y:.1}"));
            match &m.listing {
                Some(l) => {
                    let class = format!("pin kind-{}", l.kind.code());
                    view! {
                        <a href=l.href.clone() aria-label=format!("{} — {}", l.name, l.kind.singular(lang)) data-marker=m.key.clone()>
                            <circle class="hit" cx=cx.clone() cy=cy.clone() r=format!("{:.1}", HIT_RADIUS * k) />
                            <circle class=class cx=cx cy=cy r=format!("{:.1}", 7.0 * k) />
                            <title>{l.name.clone()}</title>
                        </a>
                    }
                    .into_any()
                }
                None => {
                    let zoomed = if m.expandable {
                        m.bounds.padded(0.15)
                    } else {
                        Bbox::around((m.lat, m.lon), 0.5)
                    };
                    let href = MapQuery {
                        search: query.search.clone(),
                        bbox: Some(zoomed),
                        zoom: None,
                    }
                    .href(base);
                    let r = cluster_radius(m.count) * k;
                    view! {
                        <a href=href aria-label=cluster_label(m, lang) class="cluster-link" data-marker=m.key.clone()>
                            <circle class="hit" cx=cx.clone() cy=cy.clone() r=format!("{:.1}", r.max(HIT_RADIUS * k)) />
                            <circle class="cluster" cx=cx.clone() cy=cy r=format!("{r:.1}") />
                            <text class="cluster-count" x=cx y=format!("{:.1}", y + 4.0 * k)
                                font-size=format!("{:.1}", 12.0 * k) text-anchor="middle" aria-hidden="true">
                                {m.count.to_string()}
                            </text>
                        </a>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    let title = lang.t().map_svg_title;
    view! {
        <svg
            class="map-svg"
            viewBox=format!("0 0 {w:.0} {h:.0}")
            role="group"
            aria-label=title
            data-testid="svg-map"
            preserveAspectRatio="xMidYMid meet"
        >
            <rect class="map-bg" x="0" y="0" width=format!("{w:.0}") height=format!("{h:.0}") />
            <g class="commune-dots">{dots}</g>
            <g class="map-labels">{label_views}</g>
            <g class="map-markers">{markers}</g>
        </svg>
    }
}
