//! The frame around every page: skip link, header with navigation and the
//! language switch, footer with attributions.
//!
//! On phones the navigation folds into a `<details>` menu (it opens without
//! JavaScript); from 48rem on the same links stand in a row. The header's
//! search box is left out on the pages that have their own (the search page
//! and the list pages), so each page has one search box.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;
use model::i18n::{Lang, Strings};
use model::listing::Kind;
use model::paths;

/// Header, main landmark and footer around the routed page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = crate::i18n::provide_lang();
    let location = use_location();
    let t = move || lang.get().t();
    let switch_href =
        move || paths::switch_language(&location.pathname.get(), &location.search.get());
    let menu = NodeRef::<leptos::html::Details>::new();
    // A client-side navigation closes the phone menu, as a page load does.
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(details) = menu.get_untracked() {
            details.set_open(false);
        }
    });
    let header_search = move || {
        let lang = lang.get();
        (!Kind::is_directory_page(&location.pathname.get()))
            .then(|| view! { <crate::search::page::SearchBox lang /> })
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
                <nav class="nav-wide" aria-label=move || t().nav_label>
                    <NavLinks />
                </nav>
                {header_search}
                <a
                    class="lang-switch"
                    href=switch_href
                    hreflang=move || lang.get().other().code()
                    data-testid="lang-switch"
                >
                    <span lang=move || lang.get().other().code()>
                        <span class="lang-long">{move || t().switch_to}</span>
                        <span class="lang-short">{move || t().switch_to_short}</span>
                    </span>
                    <span class="visually-hidden">" — " {move || t().switch_to_label}</span>
                </a>
                <details class="site-menu" node_ref=menu>
                    <summary>{move || t().menu}</summary>
                    // Its own name: the wide navigation (hidden on phones,
                    // as this one is on wider screens) has the other.
                    <nav aria-label=move || t().menu>
                        <NavLinks />
                    </nav>
                </details>
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
                <p><a href=move || paths::open_data(lang.get())>{move || t().footer_open_data}</a></p>
            </div>
        </footer>
    }
}

/// The main navigation's links, the current page marked.
#[component]
fn NavLinks() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let t = move || lang.get().t();
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
        <ul class="nav-list">
            {[
                (paths::home as fn(Lang) -> &'static str, (|t: &Strings| t.nav_home) as fn(&Strings) -> &'static str),
                (paths::villages, |t| t.nav_villages),
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
    }
}
