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

/// The search box; a plain GET form that the router enhances.
#[component]
pub fn SearchBox(
    lang: Lang,
    #[prop(optional, into)] value: String,
    #[prop(default = "header-search")] id: &'static str,
) -> impl IntoView {
    let t = lang.t();
    view! {
        <Form method="GET" action=paths::search(lang)>
            <div class="search-box" role="search">
                <label for=id class="visually-hidden">{t.search_label}</label>
                <SearchInput lang value id />
                <button type="submit">{t.search_button}</button>
            </div>
        </Form>
    }
}

/// The text input with suggestions. Suggestions are fetched by the browser
/// only, outside the page's data loading (the server renders an empty
/// list); the native datalist gives keyboard and screen-reader support.
#[component]
fn SearchInput(lang: Lang, value: String, id: &'static str) -> impl IntoView {
    let t = lang.t();
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
            placeholder=t.search_placeholder
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
    let data = Resource::new(
        move || {
            let q = query.get();
            match kind {
                Some(k) => q.for_kind(k),
                None => q,
            }
            .to_query_string()
        },
        search,
    );
    let base = kind.map_or(paths::search(lang), |k| k.list_path(lang));
    let (title, description) = match kind {
        None => (t.search_title, t.search_description),
        Some(Kind::Village) => (t.villages_title, t.villages_description),
        Some(Kind::Cluster) => (t.nav_clusters, t.clusters_description),
        Some(Kind::Enterprise) => (t.nav_enterprises, t.enterprises_description),
        Some(Kind::Product) => (t.nav_products, t.products_description),
    };
    provide_context(LastChanged(StoredValue::new(None)));
    view! {
        <PageMeta title=title description=description path=base />
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
    let filtered = current
        .filters
        .iter()
        .any(|(k, _)| *k != FacetKey::Kind || kind.is_none());
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
    view! {
        <FilterForm action=base text groups clear_href=filtered.then_some(clear_href) lang />
        <div class="result-bar">
            <p class="result-count" role="status" data-testid="result-count">{count_text}</p>
            <a class="map-link" href=map_href data-testid="open-map">{lang.t().view_on_map}</a>
        </div>
        {(!corrected.is_empty()).then(|| view! { <p class="small">{t.corrected_note} " " {corrected}</p> })}
        {if empty {
            view! { <p>{t.no_results}</p> }.into_any()
        } else {
            view! { <HitCards hits=results.hits show_kind=kind.is_none() lang /> }.into_any()
        }}
        <Pager current results_page=results.page pages=results.pages kind base lang />
    }
}

/// The search box and a select per facet, in a GET form to `action`;
/// `children` go inside the form (hidden fields).
#[component]
pub fn FilterForm(
    action: &'static str,
    text: String,
    groups: Vec<FacetGroup>,
    clear_href: Option<String>,
    lang: Lang,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = lang.t();
    if use_context::<LastChanged>().is_none() {
        provide_context(LastChanged(StoredValue::new(None)));
    }
    view! {
        <Form method="GET" action=action noscroll=true>
            <div class="search-box page-search" role="search">
                <label for="page-search" class="visually-hidden">{t.search_label}</label>
                <SearchInput lang value=text id="page-search" />
                <button type="submit">{t.search_button}</button>
            </div>
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
            {children.map(|c| c())}
        </Form>
    }
}

/// The filter the user changed last, so that its `<select>` gets the focus
/// back after the results re-render (keyboard users keep their place).
#[derive(Clone, Copy)]
struct LastChanged(StoredValue<Option<FacetKey>>);

/// A labelled `<select>` of one facet, each choice with its count; the
/// choice submits the form at once when JavaScript runs, and with the
/// button otherwise.
#[component]
fn FacetSelect(group: FacetGroup, lang: Lang) -> impl IntoView {
    let key = group.key;
    let name = key.param();
    let id = format!("filter-{name}");
    let any = lang.t().filter_any;
    let last_changed = use_context::<LastChanged>();
    let node = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let (Some(el), Some(LastChanged(last))) = (node.get(), last_changed)
            && last.get_value() == Some(key)
        {
            let _ = el.focus();
        }
    });
    let submit_on_change = move |ev: leptos::ev::Event| {
        if let Some(LastChanged(last)) = last_changed {
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
    let t = lang.t();
    let link_base = if kind.is_some() {
        current.without_kind()
    } else {
        current
    };
    (pages > 1).then(|| {
        let prev = (results_page > 1).then(|| link_base.with_page(results_page - 1).href(base));
        let next = (results_page < pages).then(|| link_base.with_page(results_page + 1).href(base));
        view! {
            <nav class="pager" aria-label=t.pages_label>
                {prev.map(|href| view! { <a href=href rel="prev">{"← "}{t.page_previous}</a> })}
                <span data-testid="page-of">{(t.page_of)(results_page, pages)}</span>
                {next.map(|href| view! { <a href=href rel="next">{t.page_next}{" →"}</a> })}
            </nav>
        }
    })
}
