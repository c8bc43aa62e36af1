//! The craft village list with its filters, and the card list shared with
//! the home page.

use super::api::list_villages;
use super::{FacetOption, VillageCard, VillageFilter, VillageList};
use crate::area::unit_name;
use crate::i18n::{Lang, use_lang};
use crate::paths;
use crate::seo::PageMeta;
use crate::status::ErrorPage;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/lang-nghe` and `/en/craft-villages`.
#[component]
pub fn VillageListPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        VillageFilter::from_query(|key| q.get(key))
    });
    let data = Resource::new(
        move || filter.get(),
        |f| list_villages(f.craft, f.commune, f.district),
    );
    provide_context(LastChanged(StoredValue::new(None)));
    view! {
        <PageMeta title=t.villages_title description=t.villages_description path=paths::villages(lang) />
        <h1>{t.villages_title}</h1>
        <p class="lead">{t.villages_intro}</p>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <FilteredList list filter=filter.get_untracked() lang /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn FilteredList(list: VillageList, filter: VillageFilter, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let count = list.items.len();
    let empty = list.items.is_empty();
    view! {
        <Form method="GET" action=paths::villages(lang) noscroll=true>
            <fieldset class="filters">
                <legend>{t.filter_legend}</legend>
                <FacetSelect name="craft" label=t.filter_craft options=list.crafts selected=filter.craft.clone() lang />
                <FacetSelect name="commune" label=t.filter_commune options=list.communes selected=filter.commune.clone() lang />
                <FacetSelect name="district" label=t.filter_district options=list.districts selected=filter.district.clone() lang />
                <div class="filter-actions">
                    <button type="submit">{t.filter_apply}</button>
                    {(!filter.is_empty()).then(|| view! {
                        <a href=paths::villages(lang) class="reset">{t.filter_reset}</a>
                    })}
                </div>
            </fieldset>
        </Form>
        <p class="result-count" role="status" data-testid="result-count">{(t.results)(count)}</p>
        {if empty {
            view! { <p>{t.no_results}</p> }.into_any()
        } else {
            view! { <VillageCards items=list.items lang /> }.into_any()
        }}
    }
}

/// The filter the user changed last, so that its `<select>` gets the focus
/// back after the list re-renders (keyboard users keep their place).
#[derive(Clone, Copy)]
struct LastChanged(StoredValue<Option<&'static str>>);

/// A labelled `<select>` of one facet; the choice submits the form at once
/// when JavaScript runs, and with the button otherwise.
#[component]
fn FacetSelect(
    name: &'static str,
    label: &'static str,
    options: Vec<FacetOption>,
    selected: Option<String>,
    lang: Lang,
) -> impl IntoView {
    let id = format!("filter-{name}");
    let any = lang.t().filter_any;
    let last_changed = use_context::<LastChanged>();
    let node = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let (Some(el), Some(LastChanged(last))) = (node.get(), last_changed)
            && last.get_value() == Some(name)
        {
            let _ = el.focus();
        }
    });
    let submit_on_change = move |ev: leptos::ev::Event| {
        if let Some(LastChanged(last)) = last_changed {
            last.set_value(Some(name));
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
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name node_ref=node on:change=submit_on_change>
                <option value="" selected=selected.is_none()>{any}</option>
                {options
                    .into_iter()
                    .map(|o| {
                        let is_selected = selected.as_deref() == Some(o.value.as_str());
                        let text = format!("{} ({})", lang.pick(&o.label_vi, &o.label_en), o.count);
                        view! { <option value=o.value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Village cards, linking to the profiles.
#[component]
pub fn VillageCards(items: Vec<VillageCard>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <ul class="cards" data-testid="village-list">
            {items
                .into_iter()
                .map(|v| {
                    let href = paths::village(lang, &v.slug);
                    let crafts = v.crafts.iter().map(|c| c.name(lang).to_owned()).collect::<Vec<_>>().join(", ");
                    let districts = v.former_districts.iter().map(|d| unit_name(&d.name, lang)).collect::<Vec<_>>().join(", ");
                    let summary = super::text_in(lang, &v.summary_vi, &v.summary_en);
                    let place = format!(
                        "{} · {districts} {}",
                        unit_name(&v.commune_name, lang),
                        t.former_suffix
                    );
                    view! {
                        <li class="card">
                            <h3><a href=href>{v.name(lang).to_owned()}</a></h3>
                            <p class="card-crafts">{crafts}</p>
                            <p class="card-place">{place}</p>
                            {summary.map(|s| view! { <p class="card-summary">{s}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
