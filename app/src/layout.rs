//! The frame around every page: skip link, header with navigation and the
//! language switch, footer with attributions.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;
use model::i18n::{Lang, Strings};
use model::paths;

/// Header, main landmark and footer around the routed page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let t = move || lang.get().t();
    let switch_href =
        move || paths::switch_language(&location.pathname.get(), &location.search.get());
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        let here = if href == "/" || href == "/en" {
            path == href
        } else {
            path.starts_with(href)
        };
        here.then_some("page")
    };
    view! {
        <Html {..} lang=move || lang.get().code() />
        <a class="skip-link" href="#main">{move || t().skip_to_content}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=move || paths::home(lang.get())>
                    <span class="brand-name">{move || t().site_name}</span>
                    <span class="brand-tagline">{move || t().publisher}</span>
                </a>
                <nav aria-label=move || t().nav_label>
                    <ul class="nav-list">
                        <li>
                            <a href=move || paths::home(lang.get()) aria-current=move || current(paths::home(lang.get()))>
                                {move || t().nav_home}
                            </a>
                        </li>
                        {[
                            (paths::villages as fn(Lang) -> &'static str, (|t: &Strings| t.nav_villages) as fn(&Strings) -> &'static str),
                            (paths::clusters, |t| t.nav_clusters),
                            (paths::enterprises, |t| t.nav_enterprises),
                            (paths::products, |t| t.nav_products),
                            (paths::map, |t| t.nav_map),
                        ]
                            .into_iter()
                            .map(|(path, label)| view! {
                                <li>
                                    <a href=move || path(lang.get()) aria-current=move || current(path(lang.get()))>
                                        {move || label(t())}
                                    </a>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </nav>
                {move || view! { <crate::search::page::SearchBox lang=lang.get() /> }}
                <a
                    class="lang-switch"
                    href=switch_href
                    hreflang=move || lang.get().other().code()
                    lang=move || lang.get().other().code()
                    aria-label=move || t().switch_to_label
                    data-testid="lang-switch"
                >
                    {move || t().switch_to}
                </a>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{move || t().site_tagline}</p>
                <p>{move || t().footer_sources}</p>
                <p class="small">{move || t().footer_admin_units}</p>
            </div>
        </footer>
    }
}
