//! langnghe: the portal of craft villages and small-scale industry.
//!
//! One module per domain noun (`area`, `craft`, `village`, `cluster`,
//! `enterprise`, `product`), each holding its
//! shared types, its server-only queries (`db`, behind the `ssr` feature),
//! its server functions and its pages.

#![recursion_limit = "256"]

pub mod area;
pub mod assets;
pub mod cluster;
pub mod context;
pub mod craft;
pub mod data;
pub mod editing;
#[cfg(feature = "hydrate")]
pub mod enhance;
pub mod enterprise;
pub mod error;
pub mod home;
pub mod i18n;
pub mod layout;
pub mod lazy;
pub mod listing;
pub mod map;
pub mod media;
pub mod opendata;
pub mod partner;
pub mod product;
pub mod search;
pub mod seo;
pub mod staff;
pub mod status;
pub mod suggestion;
pub mod village;

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The Content-Security-Policy of a page: scripts only with this render's
/// nonce (and what they load: the wasm, Leaflet), no inline styles, images
/// from the site and the map's tile server, requests to the site only.
pub fn content_security_policy(nonce: &str, tiles: &model::map::Tiles) -> String {
    let tile_origin = tiles
        .url
        .find("://")
        .map(|at| {
            let rest = &tiles.url[at + 3..];
            let host = rest.split('/').next().unwrap_or_default();
            format!(" {}://{}", &tiles.url[..at], host.replace("{s}", "*"))
        })
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:{tile_origin}; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The HTML document rendered by the server around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = http::HeaderValue::from_str(&content_security_policy(
        &nonce,
        &use_context::<model::map::Tiles>().unwrap_or_default(),
    )) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
    // Staff pages are hydrated as a whole; a public page only in its
    // islands, so the data it was rendered from is not written into it.
    #[cfg(feature = "ssr")]
    let islands = !use_context::<http::request::Parts>()
        .is_some_and(|parts| model::paths::is_staff_page(parts.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let islands = false;
    if islands {
        provide_context(context::IslandsPage);
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#7a2e1d" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <assets::HeadAssets options islands />
                <seo::ProfileHeadTags />
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
    #[cfg(feature = "hydrate")]
    enhance::copy_buttons();
    view! {
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
                    <Route path=path!("/doi-tac/:slug") view={leptos_router::Lazy::<partner::PartnerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/partners/:slug") view={leptos_router::Lazy::<partner::PartnerRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/tour-doi-tac") view={leptos_router::Lazy::<staff::routes::ToursRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/partner-tours") view={leptos_router::Lazy::<staff::routes::ToursRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/nhap-du-lieu") view={leptos_router::Lazy::<staff::routes::ImportsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/nhap-du-lieu/:id") view={leptos_router::Lazy::<staff::routes::ImportsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/import") view={leptos_router::Lazy::<staff::routes::ImportsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/import/:id") view={leptos_router::Lazy::<staff::routes::ImportsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/map") view=map::page::MapPage ssr=SsrMode::Async />
                    <Route path=path!("/dang-nhap") view={leptos_router::Lazy::<staff::routes::SignInRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/sign-in") view={leptos_router::Lazy::<staff::routes::SignInRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/tai-khoan") view={leptos_router::Lazy::<staff::routes::AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/account") view={leptos_router::Lazy::<staff::routes::AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/nhat-ky") view={leptos_router::Lazy::<staff::routes::AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/audit-log") view={leptos_router::Lazy::<staff::routes::AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/nguoi-dung") view={leptos_router::Lazy::<staff::routes::AccountsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/users") view={leptos_router::Lazy::<staff::routes::AccountsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/luot-gioi-thieu") view={leptos_router::Lazy::<staff::routes::ReferralsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/referrals") view={leptos_router::Lazy::<staff::routes::ReferralsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri") view={leptos_router::Lazy::<staff::routes::DashboardRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/admin") view={leptos_router::Lazy::<staff::routes::DashboardRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/:kind") view={leptos_router::Lazy::<staff::routes::ListRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/admin/:kind") view={leptos_router::Lazy::<staff::routes::ListRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/:kind/:id") view={leptos_router::Lazy::<staff::routes::EditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/admin/:kind/:id") view={leptos_router::Lazy::<staff::routes::EditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/:kind/:id/lich-su") view={leptos_router::Lazy::<staff::routes::HistoryRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/admin/:kind/:id/history") view={leptos_router::Lazy::<staff::routes::HistoryRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/:kind/:id/xem-truoc") view={leptos_router::Lazy::<staff::routes::PreviewRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/admin/:kind/:id/preview") view={leptos_router::Lazy::<staff::routes::PreviewRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/du-lieu-mo") view={leptos_router::Lazy::<opendata::OpenDataRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/open-data") view={leptos_router::Lazy::<opendata::OpenDataRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/gop-y") view={leptos_router::Lazy::<suggestion::page::SuggestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/en/suggest") view={leptos_router::Lazy::<suggestion::page::SuggestRoute>::new()} ssr=SsrMode::Async />
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_nonce_the_wasm_and_the_tile_server_only() {
        let osm = model::map::Tiles {
            url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: String::new(),
        };
        let csp = content_security_policy("abc", &osm);
        assert!(csp.contains("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        let sub = model::map::Tiles {
            url: "https://{s}.tile.example.org/{z}/{x}/{y}.png".into(),
            attribution: String::new(),
        };
        assert!(
            content_security_policy("n", &sub)
                .contains("img-src 'self' data: https://*.tile.example.org;")
        );
        let none = model::map::Tiles::default();
        assert!(content_security_policy("n", &none).contains("img-src 'self' data:;"));
    }
}
