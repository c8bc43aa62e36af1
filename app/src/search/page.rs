//! `/tim-kiem` and `/en/search`: the results of the header's search box.

use super::{search, suggest};
use crate::area::unit_name;
use crate::i18n::{Lang, use_lang};
use crate::paths;
use crate::seo::PageMeta;
use crate::status::ErrorPage;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The search box; a plain GET form that the router enhances.
#[component]
pub fn SearchBox(
    lang: Lang,
    #[prop(optional, into)] value: String,
    #[prop(default = "header-search")] id: &'static str,
) -> impl IntoView {
    let t = lang.t();
    // Suggestions are fetched by the browser only, outside the page's data
    // loading (the server renders an empty list); the native datalist gives
    // keyboard and screen-reader support.
    let options = RwSignal::new(Vec::<super::SearchHit>::new());
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
        <Form method="GET" action=paths::search(lang)>
            <div class="search-box" role="search">
                <label for=id class="visually-hidden">{t.search_label}</label>
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
                            .map(|h| view! { <option value=lang.pick(&h.name_vi, &h.name_en).to_owned()></option> })
                            .collect_view()
                    }}
                </datalist>
                <button type="submit">{t.search_button}</button>
            </div>
        </Form>
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let hits = Resource::new(move || q.get(), search);
    view! {
        <PageMeta title=t.search_title description=t.search_description path=paths::search(lang) />
        <h1>{t.search_title}</h1>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let text = q.get_untracked();
                match hits.await {
                    Ok(hits) => view! {
                        <SearchBox lang value=text.clone() id="page-search" />
                        <p class="result-count" role="status" data-testid="search-count">{(t.search_results)(hits.len())}</p>
                        <ul class="hits" data-testid="search-results">
                            {hits.into_iter().map(|h| view! {
                                <li>
                                    <span class="hit-kind">{h.kind.label(lang)}</span>
                                    " "
                                    <a href=paths::village(lang, &h.slug)>{lang.pick(&h.name_vi, &h.name_en).to_owned()}</a>
                                    <span class="hit-place">{unit_name(&h.place, lang)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
