//! langnghe: the portal of craft villages and small-scale industry.
//!
//! One module per domain noun (`area`, `craft`, `village`, `cluster`,
//! `enterprise`, `product`), each holding its
//! shared types, its server-only queries (`db`, behind the `ssr` feature),
//! its server functions and its pages.

#![recursion_limit = "256"]

pub mod area;
pub mod cluster;
pub mod context;
pub mod craft;
pub mod date;
pub mod enterprise;
pub mod error;
pub mod geo;
pub mod home;
pub mod i18n;
pub mod layout;
pub mod listing;
pub mod map;
pub mod paths;
pub mod product;
pub mod search;
pub mod seo;
pub mod status;
#[cfg(feature = "ssr")]
pub mod system;
pub mod text;
pub mod village;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document rendered by the server around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#7a2e1d" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes in both languages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // Lets tests and scripts tell that the page has hydrated.
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/langnghe.css" />
        <Router>
            <layout::Layout>
                <Routes fallback=|| view! { <status::NotFound /> }>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/lang-nghe") view=search::page::VillageListPage ssr=SsrMode::Async />
                    <Route path=path!("/lang-nghe/:slug") view=village::profile::VillageProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/cum-cong-nghiep") view=search::page::ClusterListPage ssr=SsrMode::Async />
                    <Route path=path!("/cum-cong-nghiep/:slug") view=cluster::profile::ClusterProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/doanh-nghiep") view=search::page::EnterpriseListPage ssr=SsrMode::Async />
                    <Route path=path!("/doanh-nghiep/:slug") view=enterprise::profile::EnterpriseProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/san-pham") view=search::page::ProductListPage ssr=SsrMode::Async />
                    <Route path=path!("/san-pham/:slug") view=product::profile::ProductProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/tim-kiem") view=search::page::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/ban-do") view=map::page::MapPage ssr=SsrMode::Async />
                    <Route path=path!("/en/map") view=map::page::MapPage ssr=SsrMode::Async />
                    <Route path=path!("/en") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/en/search") view=search::page::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/en/craft-villages") view=search::page::VillageListPage ssr=SsrMode::Async />
                    <Route path=path!("/en/craft-villages/:slug") view=village::profile::VillageProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/en/industrial-clusters") view=search::page::ClusterListPage ssr=SsrMode::Async />
                    <Route path=path!("/en/industrial-clusters/:slug") view=cluster::profile::ClusterProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/en/enterprises") view=search::page::EnterpriseListPage ssr=SsrMode::Async />
                    <Route path=path!("/en/enterprises/:slug") view=enterprise::profile::EnterpriseProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/en/products") view=search::page::ProductListPage ssr=SsrMode::Async />
                    <Route path=path!("/en/products/:slug") view=product::profile::ProductProfilePage ssr=SsrMode::Async />
                </Routes>
            </layout::Layout>
        </Router>
    }
}
