//! The search box, the search page and the list page of each kind: one
//! component over the search engine, everything in the URL.

use super::{search, suggest};
use crate::area::unit_name;
use crate::i18n::use_lang;
use crate::seo::PageMeta;
use crate::status::ErrorPage;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;
use model::i18n::Lang;
use model::listing::Kind;
use model::listing::Tone;
use model::paths;
use model::search::{DirectoryQuery, FacetGroup, FacetKey, Results, SearchHit};
use std::sync::Arc;

/// The search box; a plain GET form that the router enhances.
#[component]
pub fn SearchBox(
    lang: Lang,
    #[prop(optional, into)] value: String,
    #[prop(default = "header-search")] id: &'static str,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <Form method="GET" action=paths::search(lang) on_form_data=Arc::new(drop_empty_fields)>
            <div class="search-box" role="search" aria-label=t.site_search_label>
                <label for=id class="visually-hidden">{t.search_label}</label>
                <SearchInput lang value id=id.to_owned() placeholder=t.search_placeholder.to_owned() />
                <button type="submit">{t.search_button}</button>
            </div>
        </Form>
    }
}

/// The text input with suggestions: an island on public pages (one of the
/// few parts the browser runs there, see the `islands` crate), a plain
/// component in the staff workspace.
#[component]
fn SearchInput(lang: Lang, value: String, id: String, placeholder: String) -> impl IntoView {
    if crate::context::islands_page() {
        view! { <SearchInputIsland lang value id placeholder /> }.into_any()
    } else {
        view! { <SearchInputView lang value id placeholder /> }.into_any()
    }
}

#[island]
fn SearchInputIsland(lang: Lang, value: String, id: String, placeholder: String) -> impl IntoView {
    view! { <SearchInputView lang value id placeholder /> }
}

/// Suggestions are fetched by the browser only, outside the page's data
/// loading (the server renders an empty list); the native datalist gives
/// keyboard and screen-reader support.
#[component]
fn SearchInputView(lang: Lang, value: String, id: String, placeholder: String) -> impl IntoView {
    let options = RwSignal::new(Vec::<SearchHit>::new());
    let latest = StoredValue::new(String::new());
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        latest.set_value(text.clone());
        if text.trim().chars().count() < 2 {
            options.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(hits) = suggest(text.clone()).await
                && latest.get_value() == text
            {
                options.set(hits);
            }
        });
    };
    let list_id = format!("{id}-suggestions");
    view! {
        <input
            id=id
            type="search"
            name="q"
            value=value
            placeholder=placeholder
            maxlength="200"
            autocomplete="off"
            list=list_id.clone()
            on:input=on_input
        />
        <datalist id=list_id>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|h| view! { <option value=h.name(lang).to_owned()></option> })
                    .collect_view()
            }}
        </datalist>
    }
}

/// Leaves the empty fields out of a GET form's data, so that the address
/// carries only what was chosen (`?q=ruou`, not `?q=ruou&craft=&=`; the
/// server redirects such addresses when JavaScript does not run).
pub(crate) fn drop_empty_fields(form_data: &leptos::web_sys::FormData) {
    #[cfg(feature = "hydrate")]
    {
        let empty: Vec<String> = js_sys::try_iter(form_data)
            .ok()
            .flatten()
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let pair = js_sys::Array::from(&entry);
                let value = pair.get(1).as_string()?;
                value
                    .trim()
                    .is_empty()
                    .then(|| pair.get(0).as_string())
                    .flatten()
            })
            .collect();
        for name in empty {
            form_data.delete(&name);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = form_data;
}

/// The placeholder of a list's search box.
fn placeholder(kind: Option<Kind>, lang: Lang) -> &'static str {
    let t = lang.t();
    match kind {
        None => t.search_placeholder,
        Some(Kind::Village) => t.placeholder_villages,
        Some(Kind::Cluster) => t.placeholder_clusters,
        Some(Kind::Enterprise) => t.placeholder_enterprises,
        Some(Kind::Product) => t.placeholder_products,
    }
}

/// `/tim-kiem` and `/en/search`: every kind.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <DirectoryView kind=None /> }
}

/// `/lang-nghe` and `/en/craft-villages`.
#[component]
pub fn VillageListPage() -> impl IntoView {
    view! { <DirectoryView kind=Some(Kind::Village) /> }
}

/// `/cum-cong-nghiep` and `/en/industrial-clusters`.
#[component]
pub fn ClusterListPage() -> impl IntoView {
    view! { <DirectoryView kind=Some(Kind::Cluster) /> }
}

/// `/doanh-nghiep` and `/en/enterprises`.
#[component]
pub fn EnterpriseListPage() -> impl IntoView {
    view! { <DirectoryView kind=Some(Kind::Enterprise) /> }
}

/// `/san-pham` and `/en/products`.
#[component]
pub fn ProductListPage() -> impl IntoView {
    view! { <DirectoryView kind=Some(Kind::Product) /> }
}

/// Results, facets and pages for the search page (`kind` = `None`) or the
/// list page of one kind.
#[component]
fn DirectoryView(kind: Option<Kind>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let location = use_location();
    let query = Memo::new(move |_| DirectoryQuery::parse(&location.search.get()));
    let data = crate::data::resource(
        move || {
            let q = query.get();
            match kind {
                Some(k) => q.for_kind(k),
                None => q,
            }
            .to_query_string()
        },
        move |q| search(q, Some(lang.code().to_owned())),
    );
    let base = kind.map_or(paths::search(lang), |k| k.list_path(lang));
    let (title, description) = match kind {
        None => (t.search_title, t.search_description),
        Some(Kind::Village) => (t.villages_title, t.villages_description),
        Some(Kind::Cluster) => (t.nav_clusters, t.clusters_description),
        Some(Kind::Enterprise) => (t.nav_enterprises, t.enterprises_description),
        Some(Kind::Product) => (t.nav_products, t.products_description),
    };
    provide_form_memory();
    let meta = move || {
        let q = query.with(|q| q.q.trim().to_owned());
        let title = if kind.is_none() && !q.is_empty() {
            (t.search_title_for)(&q)
        } else {
            title.to_owned()
        };
        view! { <PageMeta title description=description path=base /> }
    };
    view! {
        {meta}
        <h1>{title}</h1>
        {(kind == Some(Kind::Village)).then(|| view! { <p class="lead">{t.villages_intro}</p> })}
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let current = query.get_untracked();
                match data.await {
                    Ok(results) => view! { <ResultsView results current kind base lang /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ResultsView(
    results: Results,
    current: DirectoryQuery,
    kind: Option<Kind>,
    base: &'static str,
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let count_text = match kind {
        Some(Kind::Village) => (t.results)(results.total),
        _ => (t.search_results)(results.total),
    };
    let groups: Vec<FacetGroup> = results
        .facets
        .into_iter()
        .filter(|g| match kind {
            Some(k) => g.key.applies_to(k),
            None => true,
        })
        .collect();
    let active = current
        .filters
        .iter()
        .filter(|(k, _)| *k != FacetKey::Kind || kind.is_none())
        .count();
    let corrected = results.corrected.join(", ");
    let clear_href = current.without_filters().href(base);
    let text = current.q.clone();
    let empty = results.hits.is_empty();
    let map_href = model::map::MapQuery {
        search: match kind {
            Some(k) => current.clone().for_kind(k),
            None => current.clone(),
        },
        bbox: None,
        zoom: None,
    }
    .href(paths::map(lang));
    let chosen = chosen_filters(&groups, lang);
    // The same list as open data: every page of it, with these filters.
    let download_query = current.with_page(1).to_query_string();
    let nothing = empty.then(|| {
        view! {
            <NoResults
                text=text.clone()
                chosen
                clear_href=(active > 0).then(|| clear_href.clone())
                everywhere_href=(kind.is_some() && !text.trim().is_empty()).then(|| DirectoryQuery { q: text.clone(), ..DirectoryQuery::default() }.href(paths::search(lang)))
                lang
            />
        }
    });
    view! {
        <FilterForm
            action=base
            text
            groups
            clear_href=(active > 0).then_some(clear_href)
            active
            placeholder=placeholder(kind, lang)
            lang
        />
        <div class="result-bar">
            <p class="result-count" role="status" data-testid="result-count">{count_text}</p>
            {(!empty).then(|| view! {
                <a class="map-link" href=map_href data-testid="open-map">{t.view_on_map}</a>
            })}
        </div>
        {(!corrected.is_empty()).then(|| view! { <p class="small">{t.corrected_note} " " {corrected}</p> })}
        {nothing}
        {(!empty).then(|| view! {
            <h2 class="visually-hidden">{t.results_heading}</h2>
            <HitCards hits=results.hits show_kind=kind.is_none() lang />
        })}
        <Pager current results_page=results.page pages=results.pages kind base lang />
        {(!empty).then(|| {
            let link = move |format: &'static str, label: &'static str| view! {
                " " <a href=Kind::dataset_href(kind, format, &download_query) download=true>{label}</a>
            };
            view! {
                <p class="downloads small">{t.download_list}{link("csv", "CSV")}" ·"{link("xlsx", "Excel")}" ·"{link("geojson", "GeoJSON")}" ·"{link("json", "JSON")}</p>
            }
        })}
    }
}

/// "Label: value" of each facet value that is set, for the empty result.
fn chosen_filters(groups: &[FacetGroup], lang: Lang) -> Vec<String> {
    groups
        .iter()
        .flat_map(|g| {
            g.options.iter().filter(|o| o.selected).map(move |o| {
                format!(
                    "{}: {}",
                    g.key.label(lang),
                    lang.pick(&o.label_vi, &o.label_en)
                )
            })
        })
        .collect()
}

/// What an empty result says: what was searched, the filters set, and the
/// ways out (fewer filters, every directory).
#[component]
fn NoResults(
    text: String,
    chosen: Vec<String>,
    clear_href: Option<String>,
    everywhere_href: Option<String>,
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let text = text.trim().to_owned();
    let headline = if !text.is_empty() {
        (t.no_results_for)(&text)
    } else if !chosen.is_empty() {
        t.no_results_filtered.to_owned()
    } else {
        t.no_results_empty_list.to_owned()
    };
    let asked = !text.is_empty() || !chosen.is_empty();
    view! {
        <div class="no-results" data-testid="no-results">
            <p class="no-results-headline">{headline}</p>
            {(!chosen.is_empty()).then(|| view! {
                <p>{t.no_results_filters} " " {chosen.join("; ")}</p>
            })}
            {asked.then(|| view! { <p class="small">{t.no_results_hint}</p> })}
            <ul class="no-results-actions">
                {clear_href.map(|href| view! { <li><a href=href>{t.facets_clear}</a></li> })}
                {everywhere_href.map(|href| view! { <li><a href=href>{(t.search_everywhere)(&text)}</a></li> })}
            </ul>
        </div>
    }
}

/// The search box and a select per facet, in a GET form to `action`;
/// `children` go inside the form (hidden fields). On phones the selects
/// fold behind a "Filters (n)" toggle that opens without JavaScript.
#[component]
pub fn FilterForm(
    action: &'static str,
    text: String,
    groups: Vec<FacetGroup>,
    clear_href: Option<String>,
    /// How many filters are set (shown on the toggle).
    active: usize,
    placeholder: &'static str,
    lang: Lang,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = lang.t();
    let open = use_context::<FormMemory>()
        .unwrap_or_else(provide_form_memory)
        .open;
    view! {
        <Form method="GET" action=action noscroll=true on_form_data=Arc::new(drop_empty_fields)>
            <div class="search-box page-search" role="search" aria-label=t.list_search_label>
                <label for="page-search" class="visually-hidden">{t.search_label}</label>
                <SearchInput lang value=text id="page-search".to_owned() placeholder=placeholder.to_owned() />
                <button type="submit">{t.search_button}</button>
            </div>
            <details
                class="filters-toggle"
                prop:open=move || open.get()
                on:toggle=move |ev| open.set(event_target::<leptos::web_sys::HtmlDetailsElement>(&ev).open())
            >
                <summary data-testid="filters-toggle">{(t.filters_toggle)(active)}</summary>
                <fieldset class="filters">
                    <legend>{t.facets_label}</legend>
                    {groups
                        .into_iter()
                        .map(|group| view! { <FacetSelect group lang /> })
                        .collect_view()}
                    <div class="filter-actions">
                        <button type="submit">{t.filter_apply}</button>
                        {clear_href.map(|href| view! {
                            <a href=href class="reset">{t.facets_clear}</a>
                        })}
                    </div>
                </fieldset>
            </details>
            {children.map(|c| c())}
        </Form>
    }
}

/// What the filter form remembers across the re-render of its results:
/// the filter changed last, so that its `<select>` gets the focus back
/// (keyboard users keep their place), and whether the filters are open.
#[derive(Clone, Copy)]
pub struct FormMemory {
    last: StoredValue<Option<FacetKey>>,
    open: RwSignal<bool>,
}

impl Default for FormMemory {
    fn default() -> Self {
        FormMemory {
            last: StoredValue::new(None),
            open: RwSignal::new(false),
        }
    }
}

/// Gives the filter forms below a memory that outlives their re-renders;
/// a page calls it outside its `<Transition>`.
pub fn provide_form_memory() -> FormMemory {
    let memory = FormMemory::default();
    provide_context(memory);
    memory
}

/// A labelled `<select>` of one facet, each choice with its count; the
/// choice submits the form at once when JavaScript runs, and with the
/// button otherwise.
#[component]
fn FacetSelect(group: FacetGroup, lang: Lang) -> impl IntoView {
    let key = group.key;
    let name = key.param();
    let id = format!("filter-{name}");
    let any = lang.t().filter_any;
    let last_changed = use_context::<FormMemory>().map(|m| m.last);
    let node = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let (Some(el), Some(last)) = (node.get(), last_changed)
            && last.get_value() == Some(key)
        {
            let _ = el.focus();
        }
    });
    let submit_on_change = move |ev: leptos::ev::Event| {
        if let Some(last) = last_changed {
            last.set_value(Some(key));
        }
        #[cfg(feature = "hydrate")]
        {
            if let Some(form) = event_target::<web_sys::HtmlSelectElement>(&ev).form() {
                let _ = form.request_submit();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let none_selected = !group.options.iter().any(|o| o.selected);
    view! {
        <div class="field">
            <label for=id.clone()>{key.label(lang)}</label>
            <select id=id name=name node_ref=node on:change=submit_on_change>
                <option value="" selected=none_selected>{any}</option>
                {group
                    .options
                    .into_iter()
                    .map(|o| {
                        let text = format!("{} ({})", lang.pick(&o.label_vi, &o.label_en), o.count);
                        view! { <option value=o.value selected=o.selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Result cards, linking to the profiles.
#[component]
pub fn HitCards(hits: Vec<SearchHit>, show_kind: bool, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <ul class="cards" data-testid="search-results">
            {hits
                .into_iter()
                .map(|h| {
                    let href = h.href(lang);
                    let districts = h.districts.iter().map(|d| unit_name(d, lang)).collect::<Vec<_>>().join(", ");
                    let place = match (&h.commune, districts.is_empty()) {
                        (Some(c), false) => format!("{} · {districts} {}", unit_name(c, lang), t.former_suffix),
                        (Some(c), true) => unit_name(c, lang),
                        (None, false) => format!("{districts} {}", t.former_suffix),
                        (None, true) => String::new(),
                    };
                    let summary = model::i18n::text_in(lang, &h.summary_vi, &h.summary_en);
                    view! {
                        <li class="card">
                            {show_kind.then(|| view! { <p class="hit-kind">{h.kind.singular(lang)}</p> })}
                            <h3><a href=href>{h.name(lang).to_owned()}</a></h3>
                            <p class="card-badges">
                                {h.badges.into_iter().map(|b| {
                                    let class = match b.tone {
                                        Tone::Plain => "tag",
                                        Tone::Good => "tag good",
                                        Tone::Warn => "tag warn",
                                        Tone::Bad => "tag bad",
                                    };
                                    view! { <span class=class>{lang.pick(&b.vi, &b.en).to_owned()}</span> " " }
                                }).collect_view()}
                            </p>
                            {(!place.is_empty()).then(|| view! { <p class="card-place">{place}</p> })}
                            {summary.map(|s| view! { <p class="card-summary">{s}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Previous / next links with the page number, keeping the query.
#[component]
fn Pager(
    current: DirectoryQuery,
    results_page: u32,
    pages: u32,
    kind: Option<Kind>,
    base: &'static str,
    lang: Lang,
) -> impl IntoView {
    let link_base = if kind.is_some() {
        current.without_kind()
    } else {
        current
    };
    let prev = (results_page > 1).then(|| link_base.with_page(results_page - 1).href(base));
    let next = (results_page < pages).then(|| link_base.with_page(results_page + 1).href(base));
    view! { <PageLinks prev next page=results_page pages lang /> }
}

/// Previous / next links around "page n of m" (nothing for one page).
#[component]
pub fn PageLinks(
    prev: Option<String>,
    next: Option<String>,
    page: u32,
    pages: u32,
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t.pages_label>
                {prev.map(|href| view! { <a href=href rel="prev">{"← "}{t.page_previous}</a> })}
                <span data-testid="page-of">{(t.page_of)(page, pages)}</span>
                {next.map(|href| view! { <a href=href rel="next">{t.page_next}{" →"}</a> })}
            </nav>
        }
    })
}
