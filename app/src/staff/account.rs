//! The signed-in account's own page: changing the password, which ends
//! every other session of the account.

use super::PasswordProblem;
use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use model::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is wrong with one field of the password form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordError {
    /// The current password is not right.
    WrongCurrent,
    /// Too many wrong current passwords: wait.
    TooManyAttempts,
    Problem(PasswordProblem),
    /// The two new passwords differ.
    Mismatch,
}

/// The answer to a password change: errors per field (`current`, `new`,
/// `confirm`), or none when the password was changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordOutcome {
    pub errors: BTreeMap<String, PasswordError>,
    pub changed: bool,
}

#[cfg(feature = "ssr")]
const FLASH: &str = "password_flash";

/// Changes the signed-in account's password: the current one must be
/// right (wrong ones count towards the account's sign-in lock), the new one
/// follows the password rule. Every session of the account ends, and this
/// one continues under a new id.
#[server(prefix = "/api/staff")]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
    lang: Option<String>,
) -> Result<PasswordOutcome, AppError> {
    use super::auth::{self, Need, SESSION_KEY, SessionUser, Staff, require};
    use super::db;
    let Staff { user, cx } = require(Need::Own).await?;
    let lang = Lang::from_code(lang.as_deref());
    let mut outcome = PasswordOutcome::default();
    let key = user.email.to_lowercase();
    let now = auth::now();
    if db::locked(&cx.pool, &key, now).await? {
        outcome
            .errors
            .insert("current".into(), PasswordError::TooManyAttempts);
    } else {
        let row = db::by_id(&cx.pool, user.id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let current = if current.chars().count() > super::PASSWORD_MAX {
            String::new()
        } else {
            current
        };
        if !model::staff::password::verify(current, Some(row.password_hash)).await {
            db::record_failure(&cx.pool, &key, now).await?;
            outcome
                .errors
                .insert("current".into(), PasswordError::WrongCurrent);
        }
    }
    if let Some(problem) = model::staff::password::problem(&new, &user.email, &user.display_name) {
        outcome
            .errors
            .insert("new".into(), PasswordError::Problem(problem));
    }
    if new != confirm {
        outcome
            .errors
            .insert("confirm".into(), PasswordError::Mismatch);
    }
    if outcome.errors.is_empty() {
        let hash = auth::hash_password(new).await?;
        db::set_password(&cx.pool, user.id, &hash, false).await?;
        db::clear_failures(&cx.pool, &key).await?;
        super::session_store::end_sessions_of(&cx.pool, user.id, None)
            .await
            .map_err(|_| AppError::Internal)?;
        if let Some(session) = &cx.session {
            session.cycle_id().await.map_err(|_| AppError::Internal)?;
            session
                .insert(SESSION_KEY, SessionUser { user_id: user.id })
                .await
                .map_err(|_| AppError::Internal)?;
        }
        cx.audit(
            Some(user.id),
            "password_changed",
            Some(("users", user.id)),
            "",
        )
        .await?;
        outcome.changed = true;
    }
    if cx.plain_form {
        if let Some(session) = &cx.session {
            let _ = session.insert(FLASH, outcome.clone()).await;
        }
        cx.redirect(model::paths::account(lang));
    }
    Ok(outcome)
}

/// The signed-in account and the answer of the last plain-form change.
#[server(prefix = "/api/staff")]
pub async fn account_page() -> Result<(super::StaffUser, Option<PasswordOutcome>), AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Own).await?;
    let flash = match &cx.session {
        Some(session) => session
            .remove::<PasswordOutcome>(FLASH)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    Ok((user, flash))
}

fn message(s: &'static super::strings::StaffStrings, error: PasswordError) -> &'static str {
    match error {
        PasswordError::WrongCurrent => s.wrong_current_password,
        PasswordError::TooManyAttempts => s.too_many_attempts,
        PasswordError::Problem(problem) => s.password_problem(problem),
        PasswordError::Mismatch => s.password_mismatch,
    }
}

/// The account page's data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct AccountLoad {
    data: crate::data::Data<Result<(super::StaffUser, Option<PasswordOutcome>), AppError>>,
}

impl AccountLoad {
    pub fn start() -> Self {
        Self {
            data: crate::data::resource(|| (), |_| account_page()),
        }
    }
}

/// `/tai-khoan`, `/en/account`.
pub fn account_page_view(load: AccountLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = super::strings::st(lang);
    let AccountLoad { data } = load;
    view! {
        <super::chrome::StaffMeta title=s.account_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((user, flash)) => view! { <PasswordForm user flash lang /> }.into_any(),
                    Err(error) => view! { <super::chrome::StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PasswordForm(
    user: super::StaffUser,
    flash: Option<PasswordOutcome>,
    lang: Lang,
) -> impl IntoView {
    let s = super::strings::st(lang);
    let action = ServerAction::<ChangePassword>::new();
    let flash = StoredValue::new(flash);
    let outcome = move || {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| flash.get_value())
    };
    let error = move |key: &'static str| outcome().and_then(|o| o.errors.get(key).copied());
    let must_change = user.must_change_password;
    let field = move |key: &'static str, label: &'static str, autocomplete: &'static str| {
        let id = format!("pw-{key}");
        let error_id = format!("pw-{key}-error");
        view! {
            <div class="field" class:field-invalid=move || error(key).is_some()>
                <label for=id.clone()>{label}</label>
                <input id=id type="password" name=key autocomplete=autocomplete required
                    minlength=super::PASSWORD_MIN.to_string() maxlength="1024"
                    aria-invalid=move || error(key).map(|_| "true")
                    aria-describedby=move || error(key).map(|_| error_id.clone())
                    node_ref=super::chrome::emptied_after(move || action.version().get()) />
                {move || error(key).map(|e| view! { <p class="field-error" id=format!("pw-{key}-error")>{message(s, e)}</p> })}
            </div>
        }
    };
    view! {
        <super::chrome::StaffNav user=user.clone() />
        <h1>{s.account_title}</h1>
        <p>{user.display_name.clone()}" · "{user.email}</p>
        {move || (must_change && !outcome().is_some_and(|o| o.changed)).then(|| view! {
            <p class="form-alert" role="alert">{s.must_change_notice}</p>
        })}
        <h2>{s.change_password}</h2>
        <p>{s.password_rule}</p>
        {move || outcome().filter(|o| o.changed).map(|_| view! {
            <p class="form-saved" role="status">{s.password_changed}</p>
        })}
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="lang" value=lang.code() />
            {field("current", s.current_password, "current-password")}
            {field("new", s.new_password, "new-password")}
            {field("confirm", s.confirm_password, "new-password")}
            <button type="submit">{s.change_password}</button>
        </ActionForm>
    }
}
