//! The home page: what the portal is, key figures, featured villages.

use crate::error::AppError;
use crate::i18n::use_lang;
use crate::seo::PageMeta;
use crate::status::ErrorPage;
use crate::village::Overview;
use crate::village::list::VillageCards;
use leptos::prelude::*;
use model::paths;

/// Counts and featured villages.
#[server]
pub async fn get_overview() -> Result<Overview, AppError> {
    let pool = crate::context::pool()?;
    Ok(crate::village::db::overview(&pool).await?)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let overview = crate::data::resource(|| (), |_| get_overview());
    view! {
        <PageMeta title="" description=t.home_description path=paths::home(lang) />
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <p class="note">{t.home_area_note}</p>
        </section>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! {
                        <section aria-labelledby="stats-heading" class="stats">
                            <h2 id="stats-heading" class="visually-hidden">{t.stats_label}</h2>
                            <dl class="stat-list">
                                <div class="stat"><dt>{t.stat_villages}</dt><dd data-testid="stat-villages">{lang.number(o.villages)}</dd></div>
                                <div class="stat"><dt>{t.stat_crafts}</dt><dd>{lang.number(o.crafts)}</dd></div>
                                <div class="stat"><dt>{t.stat_communes}</dt><dd>{lang.number(o.communes)}</dd></div>
                                <div class="stat"><dt>{t.stat_districts}</dt><dd>{lang.number(o.districts)}</dd></div>
                            </dl>
                        </section>
                        <nav aria-label=t.directory_nav_label class="directory-links">
                            <ul>
                                {[
                                    (model::listing::Kind::Cluster, o.clusters),
                                    (model::listing::Kind::Enterprise, o.enterprises),
                                    (model::listing::Kind::Product, o.products),
                                ]
                                    .into_iter()
                                    .map(|(kind, n)| view! {
                                        <li>
                                            <a href=kind.list_path(lang)>
                                                <strong data-testid=format!("stat-{}", kind.code())>{lang.number(n)}</strong>
                                                " " {kind.label(lang)}
                                            </a>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        </nav>
                        <section aria-labelledby="featured-heading">
                            <h2 id="featured-heading">{t.featured_villages}</h2>
                            <VillageCards items=o.featured lang=lang />
                            <p><a class="button" href=paths::villages(lang)>{t.see_all_villages}</a></p>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
