//! The interactive map in the browser: Leaflet (vendored from its npm
//! package, served from `/vendor/leaflet/`) driven from Rust through
//! `js_sys::Reflect`, so that no `extern` binding (and no unsafe code) is
//! needed. Each pan or zoom asks the server for the markers of the new
//! viewport; the list beside the map follows through the `state` signal.

use super::svg::{cluster_label, cluster_radius};
use crate::area::CommunePoint;
use js_sys::{Array, Function, Object, Reflect};
use leptos::prelude::*;
use model::i18n::Lang;
use model::map::{Bbox, MAX_LAT, MAX_ZOOM, MapQuery, MapView, Tiles};
use model::search::DirectoryQuery;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const SCRIPT_ID: &str = "leaflet-js";
const SCRIPT_SRC: &str = "/vendor/leaflet/leaflet.js";

/// What the map needs from the page.
pub struct Mount {
    pub tiles: Tiles,
    pub communes: Vec<CommunePoint>,
    pub search: DirectoryQuery,
    /// The zoom level asked for in the URL, if any.
    pub zoom: Option<u8>,
    pub lang: Lang,
    pub state: RwSignal<MapView>,
    pub highlight: RwSignal<Option<String>>,
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn call(obj: &JsValue, method: &str, args: &[JsValue]) -> JsValue {
    match get(obj, method).dyn_ref::<Function>() {
        Some(f) => f
            .apply(obj, &args.iter().cloned().collect::<Array>())
            .unwrap_or(JsValue::UNDEFINED),
        None => JsValue::UNDEFINED,
    }
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o.into()
}

fn latlng(lat: f64, lon: f64) -> JsValue {
    Array::of2(&lat.into(), &lon.into()).into()
}

fn bounds(b: &Bbox) -> JsValue {
    Array::of2(&latlng(b.south, b.west), &latlng(b.north, b.east)).into()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Loads Leaflet once, then calls `ready` with the `L` object.
fn with_leaflet(ready: impl FnOnce(JsValue) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let l = get(&window, "L");
    if l.is_object() {
        ready(l);
        return;
    }
    let Some(document) = window.document() else {
        return;
    };
    let script = match document.get_element_by_id(SCRIPT_ID) {
        Some(s) => s,
        None => {
            let Ok(s) = document.create_element("script") else {
                return;
            };
            let _ = s.set_attribute("id", SCRIPT_ID);
            let _ = s.set_attribute("src", SCRIPT_SRC);
            if let Some(head) = document.head() {
                let _ = head.append_child(&s);
            }
            s
        }
    };
    let on_load = Closure::once_into_js(move || {
        let l = get(&window, "L");
        if l.is_object() {
            ready(l);
        }
    });
    let _ = script.add_event_listener_with_callback("load", on_load.unchecked_ref());
}

/// Starts the map in `el` once Leaflet is loaded.
pub fn mount(el: web_sys::HtmlElement, m: Mount) {
    // The effects made once Leaflet has loaded belong to the page.
    let owner = Owner::current();
    with_leaflet(move |l| match owner {
        Some(owner) => owner.with(|| start(&l, &el, m)),
        None => start(&l, &el, m),
    });
}

/// The shared parts of a running map.
struct Live {
    l: JsValue,
    map: JsValue,
    layer: JsValue,
    /// Marker elements by key, for highlighting.
    elements: RefCell<HashMap<String, web_sys::Element>>,
    /// Numbers the requests, so that a slow old answer never replaces a
    /// newer one.
    sequence: Cell<u64>,
    m: Mount,
}

fn start(l: &JsValue, el: &web_sys::HtmlElement, m: Mount) {
    // Shown before Leaflet measures its container.
    if let Some(pane) = el.parent_element() {
        let _ = pane.class_list().add_1("live");
    }
    let map = call(
        l,
        "map",
        &[
            el.clone().into(),
            object(&[
                ("keyboard", true.into()),
                ("maxZoom", f64::from(MAX_ZOOM).into()),
            ]),
        ],
    );
    if map.is_undefined() {
        return;
    }
    if !m.tiles.url.is_empty() {
        let tiles = call(
            l,
            "tileLayer",
            &[
                m.tiles.url.as_str().into(),
                object(&[
                    ("attribution", m.tiles.attribution.as_str().into()),
                    ("maxZoom", f64::from(MAX_ZOOM).into()),
                ]),
            ],
        );
        call(&tiles, "addTo", std::slice::from_ref(&map));
    }
    // Commune centres: the map still shows where things are without tiles.
    let communes = call(l, "layerGroup", &[]);
    for c in &m.communes {
        let dot = call(
            l,
            "circleMarker",
            &[
                latlng(c.latitude, c.longitude),
                object(&[
                    ("radius", 3.into()),
                    ("color", "#5b5b5b".into()),
                    ("weight", 1.into()),
                    ("fillOpacity", 0.5.into()),
                    ("className", "commune-dot".into()),
                ]),
            ],
        );
        call(&dot, "bindTooltip", &[c.name.as_str().into()]);
        call(&communes, "addLayer", &[dot]);
    }
    call(&communes, "addTo", std::slice::from_ref(&map));
    let layer = call(l, "layerGroup", &[]);
    call(&layer, "addTo", std::slice::from_ref(&map));
    let initial = m.state.get_untracked();
    match m.zoom {
        // The URL's zoom level, centred on its box.
        Some(z) => {
            let b = initial.bbox;
            let centre = latlng((b.south + b.north) / 2.0, (b.west + b.east) / 2.0);
            call(&map, "setView", &[centre, f64::from(z).into()]);
        }
        None => {
            call(&map, "fitBounds", &[bounds(&initial.bbox)]);
        }
    }

    let live = Rc::new(Live {
        l: l.clone(),
        map: map.clone(),
        layer,
        elements: RefCell::new(HashMap::new()),
        sequence: Cell::new(0),
        m,
    });
    let on_move = {
        let live = Rc::clone(&live);
        Closure::<dyn FnMut()>::new(move || refresh(&live))
    };
    call(&map, "on", &["moveend".into(), on_move.into_js_value()]);
    refresh(&live);

    let draw_live = Rc::clone(&live);
    Effect::new(move |_| {
        let view = draw_live.m.state.get();
        draw(&draw_live, &view);
    });
    let mark_live = Rc::clone(&live);
    Effect::new(move |_| {
        let chosen = mark_live.m.highlight.get();
        for (key, el) in mark_live.elements.borrow().iter() {
            let _ = el
                .class_list()
                .toggle_with_force("is-highlighted", chosen.as_deref() == Some(key.as_str()));
        }
    });
}

/// Asks the server for the current viewport and keeps the URL in step.
fn refresh(live: &Rc<Live>) {
    let b = call(&live.map, "getBounds", &[]);
    let num = |method: &str| call(&b, method, &[]).as_f64().unwrap_or(f64::NAN);
    let bbox = Bbox {
        west: num("getWest").max(-180.0),
        south: num("getSouth").max(-MAX_LAT),
        east: num("getEast").min(180.0),
        north: num("getNorth").min(MAX_LAT),
    };
    let zoom = call(&live.map, "getZoom", &[]).as_f64().unwrap_or(0.0);
    if !(bbox.west < bbox.east && bbox.south < bbox.north) {
        return;
    }
    // A whole zoom level from 0 to MAX_ZOOM.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let zoom = zoom.round().clamp(0.0, f64::from(MAX_ZOOM)) as u8;
    let query = MapQuery {
        search: live.m.search.clone(),
        bbox: Some(bbox),
        zoom: Some(zoom),
    };
    let page = query.href(model::paths::map(live.m.lang));
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&page));
    }
    let url = format!(
        "{}?{}&lang={}",
        model::paths::MAP_API,
        query.to_query_string(),
        live.m.lang.code()
    );
    let seq = live.sequence.get() + 1;
    live.sequence.set(seq);
    let live = Rc::clone(live);
    leptos::task::spawn_local(async move {
        let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
            return;
        };
        if !response.ok() {
            return;
        }
        let Ok(text) = response.text().await else {
            return;
        };
        if let Ok(view) = serde_json::from_str::<MapView>(&text)
            && live.sequence.get() == seq
        {
            live.m.state.set(view);
        }
    });
}

/// Redraws the markers of a view.
fn draw(live: &Rc<Live>, view: &MapView) {
    call(&live.layer, "clearLayers", &[]);
    let mut elements = HashMap::new();
    let lang = live.m.lang;
    let chosen = live.m.highlight.get_untracked();
    for marker in &view.markers {
        let (html, size, label) = match &marker.listing {
            Some(l) => (
                format!("<span class=\"pin-dot kind-{}\"></span>", l.kind.code()),
                24.0,
                format!("{} — {}", l.name, l.kind.singular(lang)),
            ),
            None => {
                let d = (cluster_radius(marker.count) * 2.0).round();
                (
                    format!(
                        "<span class=\"cluster-dot\" aria-hidden=\"true\">{}</span>",
                        marker.count
                    ),
                    d,
                    cluster_label(marker, lang),
                )
            }
        };
        let icon = call(
            &live.l,
            "divIcon",
            &[object(&[
                ("html", html.into()),
                ("className", "map-marker".into()),
                ("iconSize", Array::of2(&size.into(), &size.into()).into()),
            ])],
        );
        let mk = call(
            &live.l,
            "marker",
            &[
                latlng(marker.lat, marker.lon),
                object(&[
                    ("icon", icon),
                    ("keyboard", true.into()),
                    ("title", label.as_str().into()),
                    ("riseOnHover", true.into()),
                ]),
            ],
        );
        if let Some(l) = &marker.listing {
            call(
                &mk,
                "bindPopup",
                &[format!("<a href=\"{}\">{}</a>", escape(&l.href), escape(&l.name)).into()],
            );
        }
        // What choosing the marker does, by mouse (Leaflet's click) or by
        // keyboard (Enter or Space on the focused marker).
        let choose: Rc<dyn Fn()> = {
            let live = Rc::clone(live);
            let key = marker.key.clone();
            let zoom_to = marker.expandable.then(|| marker.bounds.padded(0.15));
            Rc::new(move || {
                if let Some(b) = zoom_to {
                    call(&live.map, "fitBounds", &[bounds(&b)]);
                } else {
                    live.m.highlight.set(Some(key.clone()));
                    scroll_list_to(&key);
                }
            })
        };
        let on_click = {
            let choose = Rc::clone(&choose);
            Closure::<dyn FnMut()>::new(move || choose())
        };
        call(&mk, "on", &["click".into(), on_click.into_js_value()]);
        let on_key = {
            let mk = mk.clone();
            let single = marker.listing.is_some();
            Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    choose();
                    if single {
                        call(&mk, "openPopup", &[]);
                    }
                }
            })
            .into_js_value()
        };
        call(&live.layer, "addLayer", std::slice::from_ref(&mk));
        if let Some(el) = call(&mk, "getElement", &[]).dyn_ref::<web_sys::Element>() {
            let _ = el.add_event_listener_with_callback("keydown", on_key.unchecked_ref());
            let _ = el.set_attribute("aria-label", &label);
            let _ = el.set_attribute("data-marker", &marker.key);
            let _ = el.set_attribute("data-count", &marker.count.to_string());
            let _ = el.set_attribute("data-expandable", &marker.expandable.to_string());
            if chosen.as_deref() == Some(marker.key.as_str()) {
                let _ = el.class_list().add_1("is-highlighted");
            }
            elements.insert(marker.key.clone(), el.clone());
        }
    }
    *live.elements.borrow_mut() = elements;
}

/// Brings the list entries of a marker into view.
fn scroll_list_to(key: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!(".map-groups a[data-marker=\"{}\"]", escape(key));
    if let Ok(Some(el)) = document.query_selector(&selector) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
