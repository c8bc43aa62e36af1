//! Village cards for the home page (the list page itself is the search
//! engine's list of one kind, see `search::page`).

use super::VillageCard;
use crate::area::unit_name;
use leptos::prelude::*;
use model::i18n::Lang;
use model::paths;

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
                    let summary = model::i18n::text_in(lang, &v.summary_vi, &v.summary_en);
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
