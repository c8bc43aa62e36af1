//! The sign-in page.

use super::api::{SignIn, SignInError, sign_in_flash};
use super::chrome::StaffMeta;
use super::strings::{StaffStrings, st};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn sign_in_message(s: &'static StaffStrings, error: SignInError) -> &'static str {
    match error {
        SignInError::WrongCredentials => s.wrong_credentials,
        SignInError::TooManyAttempts => s.too_many_attempts,
    }
}

/// `/dang-nhap`, `/en/sign-in`: e-mail and password.
#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let query = use_query_map();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let action = ServerAction::<SignIn>::new();
    let flash = crate::data::resource(|| (), |_| sign_in_flash());
    let refusal = move || {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .flatten()
            .or_else(|| flash.get().and_then(Result::ok).flatten())
    };
    view! {
        <StaffMeta title=s.sign_in_title />
        <section class="sign-in">
            <h1>{s.sign_in_title}</h1>
            <p>{s.sign_in_lead}</p>
            <Suspense>
                {move || refusal().map(|r| view! {
                    <p class="form-alert" role="alert" id="sign-in-error">{sign_in_message(s, r.error)}</p>
                })}
                <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="next" value=next.clone() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <label for="email">{s.email}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        maxlength="254"
                        value=move || refusal().map(|r| r.email).unwrap_or_default()
                        aria-describedby=move || refusal().map(|_| "sign-in-error")
                    />
                    <label for="password">{s.password}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        maxlength="1024"
                        aria-describedby=move || refusal().map(|_| "sign-in-error")
                        node_ref=super::chrome::emptied_after(move || action.version().get())
                    />
                    <button type="submit">{s.sign_in}</button>
                </ActionForm>
            </Suspense>
        </section>
    }
}
