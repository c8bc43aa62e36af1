//! Account management (admins): every account, a new account, disabling
//! and enabling. A disabled account's sessions end at once.

use super::{PasswordProblem, Role, StaffUser};
use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use model::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is wrong with one field of the new-account form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountError {
    BadEmail,
    Exists,
    NameRequired,
    BadRole,
    UnknownCommune,
    Password(PasswordProblem),
}

/// The answer to a new account or a password reset: errors per field, or
/// the account created or reset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOutcome {
    pub errors: BTreeMap<String, AccountError>,
    pub created: Option<i64>,
    #[serde(default)]
    pub reset: Option<i64>,
}

/// What the accounts page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountsData {
    pub me: StaffUser,
    /// Every account and whether it is disabled.
    pub accounts: Vec<(StaffUser, bool)>,
    pub communes: Vec<crate::editing::CommuneOption>,
    /// The answer to the last plain-form creation, with what was typed.
    pub flash: Option<(AccountOutcome, BTreeMap<String, String>)>,
    /// The answer to the last plain-form password reset.
    #[serde(default)]
    pub reset_flash: Option<AccountOutcome>,
    /// When each account last signed in (account id, UTC moment).
    #[serde(default)]
    pub last_sign_ins: Vec<(i64, String)>,
}

#[cfg(feature = "ssr")]
const FLASH: &str = "account_flash";
#[cfg(feature = "ssr")]
const RESET_FLASH: &str = "reset_flash";

/// The accounts page's data (admins).
#[server(prefix = "/api/staff")]
pub async fn accounts_page() -> Result<AccountsData, AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Admin).await?;
    let (flash, reset_flash) = match &cx.session {
        Some(session) => (
            session.remove(FLASH).await.ok().flatten(),
            session.remove(RESET_FLASH).await.ok().flatten(),
        ),
        None => (None, None),
    };
    Ok(AccountsData {
        me: user,
        accounts: super::db::all_accounts(&cx.pool).await?,
        communes: crate::editing::db::form_context(&cx.pool).await?.communes,
        flash,
        reset_flash,
        last_sign_ins: super::db::last_sign_ins(&cx.pool).await?,
    })
}

/// Sets a new password for another account (admins; their own is changed
/// on the account page). Every session of that account ends, and its owner
/// is asked to choose their own password at the next sign-in.
#[server(prefix = "/api/staff")]
pub async fn reset_password(
    account: i64,
    password: String,
    lang: Option<String>,
) -> Result<AccountOutcome, AppError> {
    use super::auth::{self, Need, Staff, require};
    let Staff { user, cx } = require(Need::Admin).await?;
    if account == user.id {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let row = super::db::by_id(&cx.pool, account)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let mut outcome = AccountOutcome::default();
    match model::staff::password::problem(&password, &row.user.email, &row.user.display_name) {
        Some(problem) => {
            outcome
                .errors
                .insert("reset_password".into(), AccountError::Password(problem));
        }
        None => {
            let hash = auth::hash_password(password).await?;
            super::db::set_password(&cx.pool, account, &hash, true).await?;
            super::db::clear_failures(&cx.pool, &row.user.email).await?;
            super::session_store::end_sessions_of(&cx.pool, account, None)
                .await
                .map_err(|_| AppError::Internal)?;
            cx.audit(
                Some(user.id),
                "reset_password",
                Some(("users", account)),
                "",
            )
            .await?;
            outcome.reset = Some(account);
        }
    }
    if cx.plain_form {
        if let Some(session) = &cx.session {
            let _ = session.insert(RESET_FLASH, outcome.clone()).await;
        }
        let page = model::paths::accounts(Lang::from_code(lang.as_deref()));
        cx.redirect(&format!("{page}#reset-password"));
    }
    Ok(outcome)
}

/// Creates an account (admins). `communes` limits an editor; the first
/// password is given by the admin and should be changed by its owner.
#[server(prefix = "/api/staff")]
pub async fn create_account(
    email: String,
    display_name: String,
    role: String,
    password: String,
    communes: Option<Vec<String>>,
    lang: Option<String>,
) -> Result<AccountOutcome, AppError> {
    use super::auth::{self, Need, Staff, require};
    let Staff { user, cx } = require(Need::Admin).await?;
    let mut outcome = AccountOutcome::default();
    let communes: Vec<String> = communes
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
    let known = crate::editing::db::form_context(&cx.pool).await?.communes;
    if communes.iter().any(|c| !known.iter().any(|k| &k.code == c)) {
        outcome
            .errors
            .insert("communes".into(), AccountError::UnknownCommune);
    }
    let name = display_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() || name.chars().count() > 120 {
        outcome
            .errors
            .insert("display_name".into(), AccountError::NameRequired);
    }
    let role = Role::parse(&role);
    if role.is_none() {
        outcome.errors.insert("role".into(), AccountError::BadRole);
    }
    let email = super::Email::parse(&email);
    match &email {
        None => {
            outcome
                .errors
                .insert("email".into(), AccountError::BadEmail);
        }
        Some(email) => {
            if super::db::by_email(&cx.pool, email).await?.is_some() {
                outcome.errors.insert("email".into(), AccountError::Exists);
            }
            if let Some(problem) =
                model::staff::password::problem(&password, email.as_str(), &display_name)
            {
                outcome
                    .errors
                    .insert("password".into(), AccountError::Password(problem));
            }
        }
    }
    if let (true, Some(email), Some(role)) = (outcome.errors.is_empty(), &email, role) {
        let hash = auth::hash_password(password).await?;
        let scope: &[String] = if role == Role::Editor { &communes } else { &[] };
        let id = super::db::insert(&cx.pool, email, &name, role, &hash, scope).await?;
        // The first password is the admin's: its owner chooses their own.
        super::db::require_password_change(&cx.pool, id).await?;
        cx.audit(
            Some(user.id),
            "create_account",
            Some(("users", id)),
            role.as_str(),
        )
        .await?;
        outcome.created = Some(id);
    }
    if cx.plain_form {
        if let Some(session) = &cx.session {
            let typed: BTreeMap<String, String> = [
                (
                    "email",
                    email.map(|e| e.as_str().to_owned()).unwrap_or_default(),
                ),
                ("display_name", name),
            ]
            .into_iter()
            .filter(|_| outcome.created.is_none())
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            let _ = session.insert(FLASH, (outcome.clone(), typed)).await;
        }
        cx.redirect(model::paths::accounts(Lang::from_code(lang.as_deref())));
    }
    Ok(outcome)
}

/// Disables (ending its sessions) or enables an account (admins; not
/// their own).
#[server(prefix = "/api/staff")]
pub async fn set_account_disabled(
    account: i64,
    disabled: bool,
    lang: Option<String>,
) -> Result<(), AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Admin).await?;
    if account == user.id {
        return Err(cx.refuse(AppError::Forbidden));
    }
    if !super::db::set_disabled(&cx.pool, account, disabled).await? {
        return Err(cx.refuse(AppError::NotFound));
    }
    if disabled {
        super::session_store::end_sessions_of(&cx.pool, account, None)
            .await
            .map_err(|_| AppError::Internal)?;
    }
    let action = if disabled {
        "disable_account"
    } else {
        "enable_account"
    };
    cx.audit(Some(user.id), action, Some(("users", account)), "")
        .await?;
    if cx.plain_form {
        cx.redirect(model::paths::accounts(Lang::from_code(lang.as_deref())));
    }
    Ok(())
}

fn error_message(s: &'static super::strings::StaffStrings, error: AccountError) -> &'static str {
    match error {
        AccountError::BadEmail => s.field_bad_email,
        AccountError::Exists => s.account_exists,
        AccountError::NameRequired => s.field_required,
        AccountError::BadRole => s.field_bad_choice,
        AccountError::UnknownCommune => s.field_unknown_commune,
        AccountError::Password(problem) => s.password_problem(problem),
    }
}

/// The accounts page's actions and data (reloaded after each action),
/// asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct AccountsLoad {
    create: ServerAction<CreateAccount>,
    toggle: ServerAction<SetAccountDisabled>,
    reset: ServerAction<ResetPassword>,
    data: crate::data::Data<Result<AccountsData, AppError>>,
}

impl AccountsLoad {
    pub fn start() -> Self {
        let create = ServerAction::<CreateAccount>::new();
        let toggle = ServerAction::<SetAccountDisabled>::new();
        let reset = ServerAction::<ResetPassword>::new();
        // The list is reloaded when an action changed it, not after a
        // refused attempt: that would redraw the form under someone
        // correcting it (and lose what they typed meanwhile).
        let changed = RwSignal::new(0_usize);
        let bump = move || changed.update(|n| *n += 1);
        let succeeded = |outcome: Option<Result<AccountOutcome, AppError>>| {
            outcome.is_some_and(|answer| answer.is_ok_and(|o| o.errors.is_empty()))
        };
        Effect::watch(
            move || create.version().get(),
            move |_, _, _| {
                if succeeded(create.value().get_untracked()) {
                    bump();
                }
            },
            false,
        );
        Effect::watch(
            move || reset.version().get(),
            move |_, _, _| {
                if succeeded(reset.value().get_untracked()) {
                    bump();
                }
            },
            false,
        );
        Effect::watch(move || toggle.version().get(), move |_, _, _| bump(), false);
        let data = crate::data::resource(move || changed.get(), |_| accounts_page());
        Self {
            create,
            toggle,
            reset,
            data,
        }
    }
}

/// `/nguoi-dung`, `/en/users`: the accounts (admins).
pub fn accounts_page_view(load: AccountsLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = super::strings::st(lang);
    let AccountsLoad {
        create,
        toggle,
        reset,
        data,
    } = load;
    view! {
        <super::chrome::StaffMeta title=s.accounts_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <AccountsBody data=d lang create toggle reset /> }.into_any(),
                    Err(error) => view! { <super::chrome::StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountsBody(
    data: AccountsData,
    lang: Lang,
    create: ServerAction<CreateAccount>,
    toggle: ServerAction<SetAccountDisabled>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let s = super::strings::st(lang);
    let reset_flash = StoredValue::new(data.reset_flash.clone());
    // The hydrated answer, or the plain form's (kept in the session).
    let reset_outcome = move || {
        reset
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| reset_flash.get_value())
    };
    let reset_error = move || reset_outcome().and_then(|o| o.errors.get("reset_password").copied());
    // What needs the page's code: the commune search, the password maker.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let commune_query = RwSignal::new(String::new());
    let others: Vec<(i64, String)> = data
        .accounts
        .iter()
        .filter(|(a, _)| a.id != data.me.id)
        .map(|(a, _)| (a.id, format!("{} ({})", a.email, a.display_name)))
        .collect();
    let reset_name = {
        let others = others.clone();
        move |id: i64| {
            others
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default()
        }
    };
    let created_name = reset_name.clone();
    let (flash, typed) = data.flash.clone().unzip();
    let typed = StoredValue::new(typed.unwrap_or_default());
    let flash = StoredValue::new(flash);
    let outcome = move || {
        create
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| flash.get_value())
    };
    let error = move |key: &'static str| outcome().and_then(|o| o.errors.get(key).copied());
    let typed_value =
        move |key: &str| typed.with_value(|t| t.get(key).cloned().unwrap_or_default());
    let me = data.me.id;
    let commune_name = {
        let communes = data.communes.clone();
        move |code: &str| {
            communes
                .iter()
                .find(|c| c.code == code)
                .map_or_else(|| code.to_owned(), |c| c.name.clone())
        }
    };
    // A success empties the form; each action's answer replaces the
    // others' (no "created" above a later reset's answer).
    let create_form = super::chrome::reset_after(
        move || create.version().get(),
        move || {
            create
                .value()
                .with_untracked(|v| matches!(v, Some(Ok(o)) if o.created.is_some()))
        },
    );
    Effect::watch(
        move || (toggle.version().get(), reset.version().get()),
        move |_, _, _| create.value().set(None),
        false,
    );
    Effect::watch(
        move || (toggle.version().get(), create.version().get()),
        move |_, _, _| reset.value().set(None),
        false,
    );
    let field_error = move |key: &'static str| {
        move || {
            error(key).map(|e| view! { <p class="field-error" id=format!("acc-{key}-error")>{error_message(s, e)}</p> })
        }
    };
    view! {
        <super::chrome::StaffNav user=data.me.clone() />
        <h1>{s.accounts_title}</h1>
        <table class="staff-table stack-table" data-testid="accounts">
            <thead><tr>
                <th scope="col">{s.email}</th><th scope="col">{s.name}</th><th scope="col">{s.role}</th>
                <th scope="col">{s.scope}</th><th scope="col">{s.status}</th><th scope="col">{s.last_sign_in}</th>
                <th scope="col"><span class="visually-hidden">{s.actions_column}</span></th>
            </tr></thead>
            <tbody>
                {data.accounts.into_iter().map(|(account, disabled)| {
                    let last = data
                        .last_sign_ins
                        .iter()
                        .find(|(id, _)| *id == account.id)
                        .map(|(_, at)| at.clone());
                    let scope = if account.communes.is_empty() {
                        s.scope_all.to_owned()
                    } else {
                        account.communes.iter().map(|c| commune_name(c)).collect::<Vec<_>>().join(", ")
                    };
                    view! {
                        <tr id=format!("account-{}", account.id)>
                            <th scope="row">{account.email.clone()}</th>
                            <td data-label=s.name>{account.display_name.clone()}</td>
                            <td data-label=s.role>{s.role_label(account.role)}</td>
                            <td data-label=s.scope>{if account.role == Role::Editor { scope } else { String::new() }}</td>
                            <td data-label=s.status>
                                {if disabled { s.account_disabled } else { s.account_active }}
                                {account.must_change_password.then(|| view! { <br /><span class="small">{s.must_change_marker}</span> })}
                            </td>
                            <td data-label=s.last_sign_in>{match last {
                                Some(at) => {
                                    let when = model::date::vietnam_time(&at);
                                    view! { <time datetime=at>{when}</time> }.into_any()
                                }
                                None => view! { <span class="field-hint">{s.never_signed_in}</span> }.into_any(),
                            }}</td>
                            <td>{(account.id != me).then(|| view! {
                                <ActionForm action=toggle attr:class="inline-form">
                                    <input type="hidden" name="account" value=account.id.to_string() />
                                    <input type="hidden" name="disabled" value=(!disabled).to_string() />
                                    <input type="hidden" name="lang" value=lang.code() />
                                    <button type="submit" class="link-button">
                                        {if disabled { s.enable_account } else { s.disable_account }}
                                    </button>
                                </ActionForm>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2 id="new-account">{s.new_account}</h2>
        {move || outcome().and_then(|o| o.created).map(|id| view! {
            <p class="form-saved" role="status">{s.account_created.replace("{account}", &created_name(id))}</p>
        })}
        <ActionForm action=create node_ref=create_form attr:class="stacked-form" attr:aria-labelledby="new-account" attr:novalidate=true>
            <input type="hidden" name="lang" value=lang.code() />
            <div class="field">
                <label for="acc-email">{s.email}</label>
                <input id="acc-email" name="email" type="email" required maxlength="254" autocomplete="off"
                    value=typed_value("email") aria-invalid=move || error("email").map(|_| "true") />
                {field_error("email")}
            </div>
            <div class="field">
                <label for="acc-name">{s.name}</label>
                <input id="acc-name" name="display_name" type="text" required maxlength="120"
                    value=typed_value("display_name") aria-invalid=move || error("display_name").map(|_| "true") />
                {field_error("display_name")}
            </div>
            <div class="field">
                <label for="acc-role">{s.role}</label>
                <select id="acc-role" name="role">
                    <option value="editor">{s.role_editor}</option>
                    <option value="partner">{s.role_partner}</option>
                    <option value="admin">{s.role_admin}</option>
                </select>
                {field_error("role")}
            </div>
            <fieldset class="field">
                <legend>{s.scope_legend}</legend>
                // Hydrated: a search narrows the list shown (ticked communes
                // stay ticked while hidden).
                {move || hydrated.get().then(|| view! {
                    <label for="commune-search" class="search-label">{s.commune_search}</label>
                    <input id="commune-search" type="search" autocomplete="off" class="commune-search"
                        on:input=move |ev| commune_query.set(search_fold(&event_target_value(&ev)))
                        on:keydown=|ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default() } />
                })}
                <div class="commune-checks">
                    {data.communes.iter().enumerate().map(|(i, c)| {
                        let name = c.name.clone();
                        let folded = StoredValue::new(String::new());
                        let hidden = move || {
                            let query = commune_query.get();
                            if query.is_empty() {
                                return false;
                            }
                            if folded.with_value(String::is_empty) {
                                folded.set_value(search_fold(&name));
                            }
                            !folded.with_value(|f| f.contains(&query))
                        };
                        view! {
                            <label class="check" class:search-hidden=hidden>
                                <input type="checkbox" name=format!("communes[{i}]") value=c.code.clone() />
                                " "{c.name.clone()}
                            </label>
                        }
                    }).collect_view()}
                </div>
                {field_error("communes")}
            </fieldset>
            <div class="field">
                <label for="acc-password">{s.first_password}</label>
                <input id="acc-password" name="password" type="password" required minlength="8" maxlength="1024"
                    autocomplete="new-password" aria-invalid=move || error("password").map(|_| "true")
                    node_ref=super::chrome::emptied_after(move || create.version().get()) />
                <PasswordGenerator input="acc-password" hydrated lang />
                {field_error("password")}
            </div>
            <button type="submit">{s.create_account}</button>
        </ActionForm>
        <h2 id="reset-password">{s.reset_title}</h2>
        <p>{s.reset_note}</p>
        {move || reset_outcome().and_then(|o| o.reset).map(|id| view! {
            <p class="form-saved" role="status">{s.reset_done}" "{reset_name(id)}</p>
        })}
        <ActionForm action=reset attr:class="stacked-form" attr:aria-labelledby="reset-password" attr:novalidate=true>
            <input type="hidden" name="lang" value=lang.code() />
            <div class="field">
                <label for="reset-account">{s.reset_account}</label>
                <select id="reset-account" name="account">
                    {others.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field" class:field-invalid=move || reset_error().is_some()>
                <label for="reset-new">{s.reset_new_password}</label>
                <input id="reset-new" name="password" type="password" required minlength="8" maxlength="1024"
                    autocomplete="new-password"
                    aria-invalid=move || reset_error().map(|_| "true")
                    aria-describedby=move || reset_error().map(|_| "reset-new-error")
                    node_ref=super::chrome::emptied_after(move || reset.version().get()) />
                <PasswordGenerator input="reset-new" hydrated lang />
                {move || reset_error().map(|e| view! { <p class="field-error" id="reset-new-error">{error_message(s, e)}</p> })}
            </div>
            <button type="submit">{s.reset_button}</button>
        </ActionForm>
    }
}

/// A button (hydrated) that puts a strong random password into the input
/// `input` and shows it, to be copied and handed over; its owner chooses
/// their own at the first sign-in.
#[component]
fn PasswordGenerator(input: &'static str, hydrated: RwSignal<bool>, lang: Lang) -> impl IntoView {
    let s = super::strings::st(lang);
    let made = RwSignal::new(false);
    let make = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(password) = random_password()
            && let Some(field) = document().get_element_by_id(input)
        {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(field) = field.dyn_into::<leptos::web_sys::HtmlInputElement>() {
                field.set_type("text");
                field.set_value(&password);
                made.set(true);
            }
        }
    };
    move || {
        hydrated.get().then(|| {
            view! {
                <button type="button" class="secondary" aria-controls=input on:click=make>{s.generate_password}</button>
                {move || made.get().then(|| view! { <p class="field-hint" role="status">{s.generated_password_note}</p> })}
            }
        })
    }
}

/// 16 letters and digits that cannot be mistaken for each other (no 0/o,
/// 1/l/i), in groups of four: about 79 bits from the browser's
/// cryptographic random numbers.
#[cfg(feature = "hydrate")]
fn random_password() -> Option<String> {
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let crypto = window().crypto().ok()?;
    let mut out = String::new();
    while out.len() < 19 {
        let mut bytes = [0u8; 32];
        crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
        // Bytes past the last whole multiple are dropped (no bias).
        let limit = 256 - 256 % LETTERS.len();
        for byte in bytes.into_iter().filter(|b| usize::from(*b) < limit) {
            if out.len() == 19 {
                break;
            }
            if out.len() % 5 == 4 {
                out.push('-');
            }
            out.push(char::from(LETTERS[usize::from(byte) % LETTERS.len()]));
        }
    }
    Some(out)
}

/// Lower case without marks (`đ` as `d`), for the commune search: in the
/// browser by its own Unicode decomposition; on the server nothing is
/// searched.
fn search_fold(text: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        let decomposed: String = js_sys::JsString::from(text).normalize("NFD").into();
        decomposed
            .chars()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'đ' { 'd' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
    #[cfg(not(feature = "hydrate"))]
    text.to_lowercase()
}
