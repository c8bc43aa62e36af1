//! The pages for "not found" and "server error".

use crate::context::set_status;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::seo::PageMeta;
use leptos::prelude::*;
use model::paths;

/// A 404 page; sets the status when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let lang = use_lang().get_untracked();
    let t = lang.t();
    view! {
        <PageMeta title=t.not_found_title description=t.not_found_text path=paths::home(lang) />
        <section class="status-page">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href=paths::home(lang)>{t.go_home}</a></p>
        </section>
    }
}

/// What a page shows when its data failed to load: the 404 page for
/// `NotFound`, otherwise a 500 page that tells nothing about the cause.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFound /> }.into_any();
    }
    set_status(500);
    let lang = use_lang().get_untracked();
    let t = lang.t();
    // The id the server gave this request (its log lines carry it too),
    // handed to the browser so that the hydrated page shows the same.
    let request_id = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        return use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        #[cfg(not(feature = "ssr"))]
        None::<String>
    })
    .into_inner();
    view! {
        <section class="status-page" role="alert">
            <h1>{t.error_title}</h1>
            <p>{t.error_text}</p>
            {request_id.map(|id| view! { <p>{t.request_id}": "<code>{id}</code></p> })}
            <p><a href=paths::home(lang)>{t.go_home}</a></p>
        </section>
    }
    .into_any()
}

/// The page of one listing by the `slug` route parameter: loads it with
/// `load` (a server function, asked for the page's language), shows it
/// with `render`, the 404 page when there is none and the error page when
/// loading failed.
pub fn profile_route<T, Fut, V>(
    load: fn(String, Option<String>) -> Fut,
    render: fn(T, model::i18n::Lang) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: Future<Output = Result<Option<T>, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang().get_untracked();
    let params = leptos_router::hooks::use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = crate::data::resource(
        move || slug.get(),
        move |slug| load(slug, Some(lang.code().to_owned())),
    );
    view! {
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(item)) => render(item, lang).into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
