//! `/ban-do` and `/en/map`: the map with the search's facets and, beside
//! it, the listings in view grouped by commune.

use super::svg::{SvgMap, kinds_text, listings_noun};
use super::{MapPageData, map_page};
use crate::i18n::use_lang;
use crate::search::page::FilterForm;
use crate::seo::PageMeta;
use crate::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::hooks::use_location;
use model::i18n::Lang;
use model::map::{CommuneGroup, MapQuery, MapView};
use model::paths;
use model::search::FacetKey;

/// The map page.
#[component]
pub fn MapPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let location = use_location();
    let search = Memo::new(move |_| location.search.get());
    let data = crate::data::resource(
        move || search.get(),
        move |qs| map_page(qs, lang == Lang::En),
    );
    crate::search::page::provide_form_memory();
    let title = lang.t().map_title;
    let description = lang.t().map_description;
    view! {
        <PageMeta title description path=paths::map(lang) />
        <Stylesheet id="leaflet-css" href="/vendor/leaflet/leaflet.css" />
        <h1>{title}</h1>
        <Transition fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                let query = MapQuery::parse(&search.get_untracked());
                match data.await {
                    Ok(data) => view! { <MapBody data query lang /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn count_text(view: &MapView, lang: Lang) -> String {
    let groups = view.groups.len() + view.more_groups;
    (lang.t().map_count)(view.in_view, view.total, groups)
}

#[component]
fn MapBody(data: MapPageData, query: MapQuery, lang: Lang) -> impl IntoView {
    let base = paths::map(lang);
    let MapPageData {
        view,
        facets,
        communes,
        tiles,
    } = data;
    let filtered = !query.search.filters.is_empty();
    let clear_href = filtered.then(|| {
        MapQuery {
            search: query.search.without_filters(),
            bbox: None,
            zoom: None,
        }
        .href(base)
    });
    let text = query.search.q.clone();
    let active = query.search.filters.len();
    view! {
        <FilterForm
            action=base
            text
            groups=facets
            clear_href
            active
            placeholder=lang.t().search_placeholder
            lang
        />
        {if crate::context::islands_page() {
            view! {
                <MapLiveIsland view=view.clone() communes=communes.clone() tiles query=query.clone() lang>
                    <SvgMap view communes query base lang />
                </MapLiveIsland>
            }
            .into_any()
        } else {
            view! {
                <MapLive view=view.clone() communes=communes.clone() tiles query=query.clone() lang>
                    <SvgMap view communes query base lang />
                </MapLive>
            }
            .into_any()
        }}
    }
}

/// [`MapLive`] as an island, on the public map page (see the `islands`
/// crate and `crate::context::islands_page`).
#[island]
fn MapLiveIsland(
    view: MapView,
    communes: Vec<crate::area::CommunePoint>,
    tiles: model::map::Tiles,
    query: MapQuery,
    lang: Lang,
    children: Children,
) -> impl IntoView {
    view! { <MapLive view communes tiles query lang>{children()}</MapLive> }
}

/// The map, the count and the list of what is in view. Its children are the
/// drawn map of the first view, shown until Leaflet starts and whenever it
/// cannot.
#[component]
fn MapLive(
    view: MapView,
    communes: Vec<crate::area::CommunePoint>,
    tiles: model::map::Tiles,
    query: MapQuery,
    lang: Lang,
    children: Children,
) -> impl IntoView {
    let base = paths::map(lang);
    let state = RwSignal::new(view);
    let highlight = RwSignal::new(None::<String>);
    let list_href = query.search.with_page(1).href(paths::search(lang));
    let whole_href = query.bbox.is_some().then(|| {
        MapQuery {
            search: query.search.clone(),
            bbox: None,
            zoom: None,
        }
        .href(base)
    });
    let live = NodeRef::<leptos::html::Section>::new();
    #[cfg(feature = "hydrate")]
    {
        let mount = super::leaflet::Mount {
            tiles,
            communes,
            search: query.search.clone(),
            zoom: query.zoom,
            lang,
            state,
            highlight,
        };
        let mount = StoredValue::new_local(Some(mount));
        Effect::new(move |_| {
            if let Some(el) = live.get()
                && let Some(m) = mount.try_update_value(Option::take).flatten()
            {
                super::leaflet::mount(el, m);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (tiles, communes);
    let search = query.search.clone();
    let for_unlocated = query.search;
    view! {
        <div class="result-bar">
            <p class="result-count" role="status" aria-live="polite" data-testid="map-count">
                {move || state.with(|v| count_text(v, lang))}
            </p>
            <a class="map-link" href=list_href data-testid="open-list">{lang.t().map_as_list}</a>
            {whole_href.map(|href| view! { <a class="map-link" href=href>{lang.t().map_whole_area}</a> })}
        </div>
        {move || {
            let (n, districts) = state.with(|v| (v.unlocated, v.unlocated_districts.clone()));
            (n > 0).then(|| view! {
                <div class="map-unlocated" data-testid="map-unlocated">
                    <p class="small">{(lang.t().map_unlocated)(n)}</p>
                    <ul class="chip-list">{unlocated_links(&for_unlocated, districts, lang)}</ul>
                </div>
            })
        }}
        <div class="map-layout">
            <div class="map-pane">
                <section
                    class="map-live"
                    node_ref=live
                    aria-label=lang.t().map_interactive
                    data-testid="live-map"
                ></section>
                <div class="map-static">{children()}</div>
                <p class="small map-legend">{lang.t().map_legend}</p>
            </div>
            <section class="map-list" aria-labelledby="map-list-title">
                <h2 id="map-list-title">{lang.t().map_in_view}</h2>
                {move || {
                    let v = state.get();
                    let more = v.more_groups;
                    view! {
                        <ol class="map-groups" data-testid="map-groups">
                            {v.groups
                                .into_iter()
                                .map(|g| view! { <Group g search=search.clone() highlight lang /> })
                                .collect_view()}
                        </ol>
                        {(more > 0).then(|| view! {
                            <p class="small">{(lang.t().map_more_communes)(more)}</p>
                        })}
                    }
                }}
            </section>
        </div>
    }
}

/// One commune's listings in view.
#[component]
fn Group(
    g: CommuneGroup,
    search: model::search::DirectoryQuery,
    highlight: RwSignal<Option<String>>,
    lang: Lang,
) -> impl IntoView {
    let districts = if g.districts.is_empty() {
        String::new()
    } else {
        format!(
            " · {} {}",
            g.districts
                .iter()
                .map(|d| crate::area::unit_name(d, lang))
                .collect::<Vec<_>>()
                .join(", "),
            lang.t().former_suffix
        )
    };
    let shown = g.listings.len();
    let all_href = (g.count > shown && !g.code.is_empty()).then(|| {
        let mut q = search.with_page(1);
        if !q.has(FacetKey::Commune, &g.code) {
            q = q.toggled(FacetKey::Commune, &g.code);
        }
        q.href(paths::search(lang))
    });
    let count = g.count;
    view! {
        <li class="map-group" data-commune=g.code>
            <h3>{g.name.clone()}<span class="small">{districts}</span></h3>
            <p class="small">
                <span class="group-count">{count}</span>
                {format!(" {}: {}", listings_noun(count, lang), kinds_text(g.kinds, lang))}
            </p>
            <ul class="group-listings">
                {g.listings
                    .into_iter()
                    .map(|l| {
                        let key = l.marker.clone();
                        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
                        view! {
                            <li class:highlighted=move || highlight.with(|h| h.as_deref() == Some(k1.as_str()))>
                                <a
                                    href=l.href
                                    data-marker=k2
                                    on:focus=move |_| highlight.set(Some(k3.clone()))
                                    on:mouseenter=move |_| highlight.set(Some(key.clone()))
                                >
                                    {l.name}
                                </a>
                                " "
                                <span class="hit-kind">{l.kind.singular(lang)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {all_href.map(|href| view! {
                <a class="small" href=href>
                    {(lang.t().map_see_all)(count)}
                </a>
            })}
        </li>
    }
}

/// Links to the list of the listings not on the map, one per former
/// district, keeping the search.
fn unlocated_links(
    search: &model::search::DirectoryQuery,
    districts: Vec<model::map::UnlocatedDistrict>,
    lang: Lang,
) -> Vec<AnyView> {
    districts
        .into_iter()
        .map(|d| {
            let count = lang.number(i64::try_from(d.count).unwrap_or(i64::MAX));
            // No filter finds "no district": named, not linked.
            if d.code.is_empty() {
                let text = format!("{} ({count})", lang.t().map_no_district);
                return view! { <li>{text}</li> }.into_any();
            }
            let q = if search.has(FacetKey::District, &d.code) {
                search.with_page(1)
            } else {
                search.toggled(FacetKey::District, &d.code).with_page(1)
            };
            // The name is already in the page's language.
            view! { <li><a href=q.href(paths::search(lang))>{d.name} " (" {count} ")"</a></li> }
                .into_any()
        })
        .collect()
}
