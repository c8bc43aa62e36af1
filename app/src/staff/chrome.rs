//! The frame of every staff page: its head tags, its navigation and what it
//! shows when its data could not be loaded.

use super::api::SignOut;
use super::strings::st;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;
use model::paths;

/// What a staff page shows when its data could not be loaded: the sign-in
/// link (and, on the server, a redirect to it) when nobody is signed in,
/// a refusal for a role that may not, the error page otherwise.
#[component]
pub fn StaffError(error: AppError) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    match error {
        AppError::Unauthorized => {
            let location = use_location();
            let here = location.pathname.get_untracked();
            let target = format!(
                "{}?next={}",
                paths::sign_in(lang),
                form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()
            );
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&target);
            view! {
                <section class="status-page" role="alert">
                    <p>{s.need_sign_in}</p>
                    <p><a href=target>{s.sign_in}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::PasswordChangeRequired => {
            let target = paths::account(lang);
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(target);
            // Reached by a link inside the hydrated app: go there as well.
            #[cfg(feature = "hydrate")]
            {
                let navigate = leptos_router::hooks::use_navigate();
                request_animation_frame(move || {
                    navigate(
                        target,
                        leptos_router::NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                });
            }
            view! {
                <section class="status-page" role="alert">
                    <p>{s.must_change_notice}</p>
                    <p><a href=target>{s.account_title}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::Forbidden => {
            crate::context::set_status(403);
            view! {
                <section class="status-page" role="alert">
                    <p>{s.forbidden}</p>
                </section>
            }
            .into_any()
        }
        error => view! { <ErrorPage error /> }.into_any(),
    }
}

/// Head tags of a staff page: its title, and no indexing.
#[component]
pub fn StaffMeta(#[prop(into)] title: String) -> impl IntoView {
    let lang = use_lang().get_untracked();
    view! {
        <Title text=crate::seo::title_text(format!("{title} — {}", st(lang).area_name)) />
        <Meta name="robots" content="noindex, nofollow" />
    }
}

/// The staff area's navigation with the sign-out button.
#[component]
pub fn StaffNav(user: super::StaffUser) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        // On phones the menu folds to one line ("Quản trị ▾", no
        // JavaScript needed) so that the page's title shows without
        // scrolling; from 48rem it stands open.
        <nav class="staff-nav" aria-label=s.area_name>
            <details class="staff-menu">
            <summary>{s.area_name}<span class="staff-menu-user">" · "{user.display_name.clone()}</span></summary>
            <div class="staff-menu-items">
            <a href=paths::staff(lang)>{s.dashboard_title}</a>
            {model::listing::Kind::ALL.into_iter().map(|kind| view! {
                <a href=format!("{}/{}", paths::staff(lang), kind.code())>{kind.label(lang)}</a>
            }).collect_view()}
            {(user.role == super::Role::Admin).then(|| view! {
                <a href=paths::accounts(lang)>{s.accounts_title}</a>
                <a href=paths::audit_log(lang)>{s.audit_log}</a>
            })}
            <a href=paths::partner_tours(lang)>{s.tours_title}</a>
            {user.role.edits().then(|| view! {
                <a href=paths::imports(lang)>{s.imports_title}</a>
            })}
            {(user.role != super::Role::Editor).then(|| view! {
                <a href=paths::referrals(lang)>{s.referrals_title}</a>
            })}
            <span class="staff-user">{s.signed_in_as}" "<a href=paths::account(lang)><strong>{user.display_name}</strong></a></span>
            <ActionForm action=sign_out attr:class="inline-form">
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit" class="link-button">{s.sign_out}</button>
            </ActionForm>
            </div>
            </details>
        </nav>
    }
}

/// A node on which `act` runs each time `version` (an action's count of
/// answers) moves on — never when the page hydrates, so that nothing typed
/// before the page's code arrived is touched.
fn after_answer<E>(
    version: impl Fn() -> usize + Send + Sync + 'static,
    act: impl Fn(E::Output) + Send + Sync + 'static,
) -> NodeRef<E>
where
    E: leptos::tachys::html::element::ElementType,
    E::Output: leptos::wasm_bindgen::JsCast + Clone + 'static,
{
    let node = NodeRef::<E>::new();
    Effect::watch(
        version,
        move |_, _, _| {
            if let Some(el) = node.get_untracked() {
                act(el);
            }
        },
        false,
    );
    node
}

/// A form's node, reset to its first values after each answer for which
/// `done()` (the action succeeded): a created account's details do not
/// stay in the form to be sent twice.
pub fn reset_after(
    version: impl Fn() -> usize + Send + Sync + 'static,
    done: impl Fn() -> bool + Send + Sync + 'static,
) -> NodeRef<leptos::html::Form> {
    after_answer(version, move |form: leptos::web_sys::HtmlFormElement| {
        if done() {
            form.reset();
        }
    })
}

/// A password field's node, emptied after each answer — as the page
/// without JavaScript does after a refused attempt — but not at hydration
/// (a `prop:value` emptied it then, and a quick sign-in sent an empty
/// password).
pub fn emptied_after(
    version: impl Fn() -> usize + Send + Sync + 'static,
) -> NodeRef<leptos::html::Input> {
    after_answer(version, |input: leptos::web_sys::HtmlInputElement| {
        input.set_value("");
    })
}

/// Posts the form `form_id` to `action` (in `target`, a new tab for
/// `_blank`) with `extra` set in its hidden input of that name, and leaves
/// the form as it was: for a button whose form is an action form, whose own
/// submit event would send it to its server function (hydrated). Without
/// JavaScript the button's own `formaction` does the same.
pub fn post_form_to(
    ev: &leptos::ev::MouseEvent,
    form_id: &str,
    action: &str,
    target: Option<&str>,
    extra: Option<(&str, &str)>,
) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let form = document()
            .get_element_by_id(form_id)
            .and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
        let Some(form) = form else { return };
        ev.prevent_default();
        if let Some((name, value)) = extra
            && let Ok(Some(input)) =
                form.query_selector(&format!("input[type=hidden][name={name}]"))
            && let Ok(input) = input.dyn_into::<leptos::web_sys::HtmlInputElement>()
        {
            input.set_value(value);
        }
        let (old_action, old_target) = (form.action(), form.target());
        form.set_action(action);
        form.set_target(target.unwrap_or(""));
        let _ = form.submit();
        form.set_action(&old_action);
        form.set_target(&old_target);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, form_id, action, target, extra);
}

/// Marks the page as holding typing that is not saved (`Some(question)`)
/// or not (`None`). While it does, leaving the page asks first: a link
/// (also one the router would follow inside the app) asks `question`, and
/// closing or reloading the tab gets the browser's own question. Only with
/// JavaScript; without it nothing is typed outside the form's own page.
pub fn unsaved(question: Option<&'static str>) {
    #[cfg(feature = "hydrate")]
    leave::set(question);
    #[cfg(not(feature = "hydrate"))]
    let _ = question;
}

#[cfg(feature = "hydrate")]
mod leave {
    use leptos::wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use std::cell::Cell;

    thread_local! {
        static QUESTION: Cell<Option<&'static str>> = const { Cell::new(None) };
        static LISTENING: Cell<bool> = const { Cell::new(false) };
    }

    pub fn set(question: Option<&'static str>) {
        QUESTION.with(|q| q.set(question));
        if question.is_some() && !LISTENING.with(|l| l.replace(true)) {
            listen();
        }
    }

    /// The listeners, once per page load: clicks are caught on the way
    /// down (before the router's own listener on the window).
    fn listen() {
        let window = leptos::prelude::window();
        let on_click = Closure::<dyn Fn(leptos::web_sys::MouseEvent)>::new(
            |ev: leptos::web_sys::MouseEvent| {
                let Some(question) = QUESTION.with(Cell::get) else {
                    return;
                };
                let link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                    .and_then(|t| t.closest("a[href]").ok().flatten());
                // A link that leaves this page here: not one to a place on
                // the page (the error list, a field), nor one that opens
                // elsewhere (a new tab, a download).
                let leaves = link.is_some_and(|a| {
                    let href = a.get_attribute("href").unwrap_or_default();
                    !href.starts_with('#')
                        && a.get_attribute("target").is_none_or(|t| t == "_self")
                        && !a.has_attribute("download")
                }) && ev.button() == 0
                    && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
                if leaves
                    && !leptos::prelude::window()
                        .confirm_with_message(question)
                        .unwrap_or(true)
                {
                    ev.prevent_default();
                    ev.stop_immediate_propagation();
                }
            },
        );
        let on_unload =
            Closure::<dyn Fn(leptos::web_sys::Event)>::new(|ev: leptos::web_sys::Event| {
                if QUESTION.with(Cell::get).is_some() {
                    ev.prevent_default();
                    let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &JsValue::TRUE);
                }
            });
        let _ = leptos::prelude::document().add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
        let _ = window
            .add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
        // They live as long as the page.
        on_click.forget();
        on_unload.forget();
    }
}
