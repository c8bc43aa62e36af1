//! The application state and the HTTP router.

use crate::cross_site::{self, SiteOrigin};
use crate::page_cache;
use crate::state::AppState;
use app::context::SiteUrl;
use app::staff::auth::SignInLimiter;
use app::{App, shell};
use axum::extract::Request;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use model::staff::session_store::SqliteSessionStore;
use sqlx::SqlitePool;
use std::any::Any;
use std::sync::Arc;
use std::sync::OnceLock;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

async fn healthz(State(pool): State<SqlitePool>) -> Response {
    match model::system::ping(&pool).await {
        Ok(()) => Json(serde_json::json!({ "status": "ok", "database": "ok" })).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable", "database": "unreachable" })),
            )
                .into_response()
        }
    }
}

/// A panic anywhere becomes a plain 500 page that reveals nothing but the
/// request's id (filled in by `observe::request_id`).
fn panic_page(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::HeaderName::from_static("x-langnghe-panic"), "1"),
        ],
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi máy chủ — Server error</title></head>\
         <body><h1>Lỗi máy chủ</h1><p>Máy chủ gặp sự cố. Vui lòng thử lại sau.</p>\
         <h1 lang=\"en\">Server error</h1><p lang=\"en\">The server failed. Please try again later.</p>\
         <p>Mã yêu cầu / Request id: <code>{request-id}</code></p>\
         <p><a href=\"/\">Trang chủ / Home</a></p></body></html>",
    )
        .into_response()
}

/// Sessions in the database: an HttpOnly, SameSite=Lax cookie, Secure
/// when the site is served over HTTPS, ended after 8 hours without use.
/// A session is loaded only when a handler asks for it, so public pages
/// cost no query.
fn session_layer(state: &AppState) -> SessionManagerLayer<SqliteSessionStore> {
    SessionManagerLayer::new(SqliteSessionStore::new(state.pool.clone()))
        .with_name("langnghe_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.site_url.starts_with("https://"))
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)))
}

/// Whether a path belongs to the staff area or its sign-in (any language),
/// or to the staff and account server functions.
fn private_path(path: &str) -> bool {
    use model::i18n::Lang;
    [Lang::Vi, Lang::En].into_iter().any(|lang| {
        [
            model::paths::staff(lang),
            model::paths::sign_in(lang),
            model::paths::account(lang),
            model::paths::accounts(lang),
            model::paths::audit_log(lang),
            model::paths::referrals(lang),
            model::paths::partner_tours(lang),
            model::paths::imports(lang),
        ]
        .into_iter()
        .any(|p| {
            path == p
                || path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }) || path == model::paths::REFERRALS_CSV
        || path.starts_with("/api/staff/")
        || path.starts_with("/api/auth/")
}

/// Staff pages and answers are never stored by the browser or a proxy.
async fn no_store_for_staff(request: Request, next: Next) -> Response {
    let private = private_path(request.uri().path());
    let mut response = next.run(request).await;
    if private {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, private"),
        );
    }
    response
}

/// Once an hour: deletes expired sessions and sign-in failure counts whose
/// window is over, and forgets addresses the sign-in limiter no longer
/// holds back.
pub async fn forget_expired(
    pool: SqlitePool,
    limiter: Arc<SignInLimiter>,
    suggest_limiter: Arc<crate::suggest::SuggestLimiter>,
    api_limiter: Arc<crate::opendata::ApiLimiter>,
) {
    let store = SqliteSessionStore::new(pool.clone());
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(%error, "deleting expired sessions failed");
        }
        if let Err(error) =
            model::staff::db::delete_old_failures(&pool, app::staff::auth::now()).await
        {
            tracing::warn!(%error, "deleting old sign-in failures failed");
        }
        limiter.forget_idle();
        suggest_limiter.forget_idle();
        api_limiter.forget_idle();
    }
}

/// The full router: health check, server functions, pages, static files.
pub fn router(state: AppState) -> Router {
    // Generated once per process: generating renders the app in a special
    // mode, which must not overlap with requests being rendered.
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    crate::observe::recorder();
    let context = {
        let pool = state.pool.clone();
        let index = state.index.clone();
        let site_url = state.site_url.clone();
        let tiles = state.tiles.clone();
        let limiter = state.sign_in_limiter.clone();
        let media = app::media::MediaDir(state.media_dir.clone());
        let version = app::assets::AssetVersion(state.assets.version().to_owned());
        let imports = state.import_progress.clone();
        move || {
            provide_context(imports.clone());
            provide_context(version.clone());
            provide_context(media.clone());
            provide_context(limiter.clone());
            provide_context(pool.clone());
            provide_context(index.clone());
            provide_context(SiteUrl(site_url.clone()));
            provide_context(tiles.clone());
        }
    };
    let options = state.leptos_options.clone();
    // A refused suggestion shows its form again: the form's page rendered
    // with what was typed in its context.
    let render_suggestion: crate::suggest::RenderForm = {
        let context = context.clone();
        let options = options.clone();
        Arc::new(move |request, draft| {
            let context = context.clone();
            let options = options.clone();
            let render = leptos_axum::render_app_async_with_context(
                move || {
                    context();
                    provide_context(draft.clone());
                },
                move || shell(options.clone()),
            );
            render(request)
        })
    };
    let suggest = {
        let pool = state.pool.clone();
        let limiter = state.suggest_limiter.clone();
        axum::routing::post(move |request: Request| {
            crate::suggest::post(
                pool.clone(),
                limiter.clone(),
                render_suggestion.clone(),
                request,
            )
        })
    };
    // The server's own routes, besides the pages: one list, for the router
    // and for the metrics' route names.
    let own: [(&str, MethodRouter<AppState>); 27] = [
        ("/healthz", get(healthz)),
        (model::paths::QR_ROUTE, get(crate::share::qr)),
        (model::paths::EMBED_ROUTE_VI, get(crate::embed::card_vi)),
        (model::paths::EMBED_ROUTE_EN, get(crate::embed::card_en)),
        (model::paths::OEMBED, get(crate::embed::oembed)),
        (model::paths::OG_ROUTE, get(crate::og::preview)),
        (model::paths::REFERRALS_CSV, get(crate::referral::csv)),
        (model::paths::TOUR_OUT_ROUTE, get(crate::referral::outbound)),
        ("/robots.txt", get(crate::sitemap::robots)),
        (model::sitemap::PATH, get(crate::sitemap::sitemap)),
        (model::sitemap::FILE_ROUTE, get(crate::sitemap::file)),
        ("/metrics", get(crate::observe::metrics_page)),
        (model::paths::MAP_API, get(crate::api::map)),
        (
            crate::opendata::OPENAPI_ROUTE,
            crate::opendata::open(get(crate::opendata::openapi)),
        ),
        (
            model::paths::DCAT_CATALOG,
            crate::opendata::open(get(crate::opendata::catalog)),
        ),
        (
            crate::opendata::ROUTE,
            crate::opendata::open(get(crate::opendata::list)),
        ),
        (
            crate::opendata::ONE_ROUTE,
            crate::opendata::open(get(crate::opendata::one)),
        ),
        (
            crate::opendata::NEARBY_ROUTE,
            crate::opendata::open(get(crate::opendata::nearby)),
        ),
        (
            model::paths::suggest(model::i18n::Lang::Vi),
            suggest.clone(),
        ),
        (model::paths::suggest(model::i18n::Lang::En), suggest),
        (
            app::editing::export::EXPORT_PATH,
            axum::routing::post(crate::export::export),
        ),
        (
            app::staff::imports::UPLOAD_PATH,
            // The handler reads the body itself, stopping after the
            // largest file read (so that the page can say so).
            axum::routing::post(crate::import::upload)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
        (
            "/api/staff/import/{id}",
            axum::routing::post(crate::import::act),
        ),
        (
            "/api/staff/import-template/{file}",
            get(crate::import::template),
        ),
        (
            app::staff::imports::EXPORT_ALL_PATH,
            get(crate::import::export_all),
        ),
        (
            app::media::UPLOAD_PATH,
            // The handler reads the body itself, stopping after the
            // largest photo (so that an oversized one still gets its
            // message at the listing's form).
            axum::routing::post(crate::media::upload)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
        (
            app::media::TOUR_UPLOAD_PATH,
            axum::routing::post(crate::media::upload_tour)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
    ];
    let labels = Arc::new(crate::observe::RouteLabels::new(
        routes
            .iter()
            .map(|route| route.path().to_owned())
            .chain(own.iter().map(|(path, _)| (*path).to_owned()))
            .chain([format!("{}/{{*file}}", app::media::MEDIA_PREFIX)])
            .chain(leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned())),
    ));
    let pages = own
        .into_iter()
        .fold(Router::new(), |router, (path, method)| {
            router.route(path, method)
        })
        .nest_service(app::media::MEDIA_PREFIX, {
            let files = tower_http::services::ServeDir::new(&state.media_dir);
            tower::service_fn(move |request: axum::extract::Request| {
                let files = files.clone();
                async move {
                    // The trash folder of deleted photos is never served.
                    if crate::media::hidden_media_path(request.uri().path()) {
                        return Ok::<_, std::convert::Infallible>(
                            axum::http::StatusCode::NOT_FOUND.into_response(),
                        );
                    }
                    let Ok(mut response) = tower::ServiceExt::oneshot(files, request).await;
                    crate::media::media_headers(&mut response);
                    Ok(response.map(axum::body::Body::new))
                }
            })
        })
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .with_state(state.clone());
    // The middleware wraps the router once. (`Router::layer` wraps every
    // route on its own, and each `from_fn` layer clones everything inside
    // it per request: the whole state, nine times over, even for the icon.)
    let stack = tower::ServiceBuilder::new()
        .layer(axum::middleware::from_fn(crate::observe::request_id))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn_with_state(
            labels,
            crate::observe::track,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.site_url.starts_with("https://"),
            crate::middleware::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.assets.clone(),
            crate::assets::serve,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            SiteOrigin::from_url(&state.site_url),
            cross_site::guard,
        ))
        .layer(axum::middleware::from_fn(
            crate::middleware::drop_empty_parameters,
        ))
        // Outside the page cache: a cached page's visit counts too.
        .layer(axum::middleware::from_fn_with_state(
            crate::referral::Counter {
                pool: state.pool.clone(),
                referrals: state.referrals.clone(),
                proxies: state.trusted_proxies.clone(),
            },
            crate::referral::count,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.page_cache.clone(),
            page_cache::serve_cached,
        ))
        .layer(axum::middleware::from_fn(
            crate::middleware::server_fn_status,
        ))
        .layer(axum::middleware::from_fn(no_store_for_staff))
        .layer(axum::middleware::from_fn_with_state(
            state.trusted_proxies.clone(),
            crate::middleware::client_ip,
        ))
        .layer(session_layer(&state))
        .service(pages);
    Router::new().fallback_service(stack)
}
