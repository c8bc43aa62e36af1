//! Server functions of accounts: sign-in, sign-out, who is signed in, the
//! dashboard and the audit log.

use super::StaffUser;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::auth::{self, Need, RequestContext, SESSION_KEY, SessionUser, Staff, require};
#[cfg(feature = "ssr")]
use super::db;

/// Why a sign-in was refused. Deliberately the same answer whether or not
/// an account has the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInError {
    WrongCredentials,
    TooManyAttempts,
}

/// A refused sign-in, with the address typed (never the password).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRefusal {
    pub error: SignInError,
    pub email: String,
}

/// The cookie that carries a refused plain-form sign-in back to the form
/// (a cookie of its own rather than a session: a refused sign-in must not
/// create a session row).
#[cfg(feature = "ssr")]
const SIGN_IN_FLASH: &str = "langnghe_sign_in";

#[cfg(feature = "ssr")]
impl SignInRefusal {
    fn to_cookie_value(&self) -> String {
        let code = match self.error {
            SignInError::WrongCredentials => 'w',
            SignInError::TooManyAttempts => 't',
        };
        let email: String = form_urlencoded::byte_serialize(self.email.as_bytes()).collect();
        format!("{code}{email}")
    }

    fn from_cookie_value(value: &str) -> Option<SignInRefusal> {
        let error = match value.get(..1)? {
            "w" => SignInError::WrongCredentials,
            "t" => SignInError::TooManyAttempts,
            _ => return None,
        };
        let email = form_urlencoded::parse(format!("e={}", &value[1..]).as_bytes())
            .next()
            .map(|(_, v)| v.chars().take(254).collect())
            .unwrap_or_default();
        Some(SignInRefusal { error, email })
    }
}

/// Sets (or with `None` clears) the sign-in flash cookie on the answer.
#[cfg(feature = "ssr")]
fn set_flash_cookie(cx: &RequestContext, value: Option<&str>) {
    let secure = if crate::context::site_url().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    let cookie = match value {
        Some(value) => {
            format!("{SIGN_IN_FLASH}={value}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax{secure}")
        }
        None => format!("{SIGN_IN_FLASH}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"),
    };
    if let (Some(response), Ok(cookie)) = (&cx.response, http::HeaderValue::from_str(&cookie)) {
        response.append_header(http::header::SET_COOKIE, cookie);
    }
}

/// Where to go after signing in: a path of the staff area (the dashboard
/// and listings, the account page, account management, in either
/// language), else the staff home.
pub fn safe_next(next: &str, lang: model::i18n::Lang) -> String {
    use model::i18n::Lang;
    use model::paths;
    let home = paths::staff(lang);
    let under = |root: &str| {
        next.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
    };
    let staff_roots = [Lang::Vi, Lang::En].into_iter().flat_map(|l| {
        [
            paths::staff(l),
            paths::account(l),
            paths::accounts(l),
            paths::audit_log(l),
            paths::referrals(l),
            paths::partner_tours(l),
            paths::imports(l),
        ]
    });
    let fine = staff_roots.into_iter().any(under)
        && !next.contains("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if fine {
        next.to_owned()
    } else {
        home.to_owned()
    }
}

/// Signs in with e-mail address and password. Limited per IP address (a
/// burst of 10, then one every 6 seconds) and per address (5 failures in
/// 15 minutes lock it for the rest of the window); every attempt is in the
/// audit log. On success the session id is renewed.
#[server(prefix = "/api/auth", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
    lang: Option<String>,
) -> Result<Option<SignInRefusal>, AppError> {
    let cx = RequestContext::take()?;
    let limiter = use_context::<std::sync::Arc<auth::SignInLimiter>>();
    // The page's language, or the language of where it leads.
    let lang = match next.as_deref() {
        Some(next) if !next.is_empty() => model::i18n::Lang::from_path(next),
        _ => model::i18n::Lang::from_code(lang.as_deref()),
    };
    let typed = email.trim().chars().take(254).collect::<String>();
    let refusal = match attempt(&cx, limiter, &typed, password).await? {
        // A password an administrator set: first choose one's own.
        Ok(true) => {
            cx.redirect(model::paths::account(lang));
            None
        }
        Ok(false) => {
            cx.redirect(&safe_next(next.as_deref().unwrap_or_default(), lang));
            None
        }
        Err(refusal) => Some(refusal),
    };
    match &refusal {
        None => {}
        Some(refusal) if cx.plain_form => {
            set_flash_cookie(&cx, Some(&refusal.to_cookie_value()));
            let page = model::paths::sign_in(lang);
            let back = match next.as_deref() {
                Some(next) if !next.is_empty() => format!(
                    "{page}?next={}",
                    form_urlencoded::byte_serialize(safe_next(next, lang).as_bytes())
                        .collect::<String>()
                ),
                _ => page.to_owned(),
            };
            cx.redirect(&back);
        }
        Some(_) => {}
    }
    Ok(refusal)
}

/// One sign-in attempt: whether the account must choose a new password,
/// or why it was refused.
#[cfg(feature = "ssr")]
async fn attempt(
    cx: &RequestContext,
    limiter: Option<std::sync::Arc<auth::SignInLimiter>>,
    typed: &str,
    password: String,
) -> Result<Result<bool, SignInRefusal>, AppError> {
    let refuse = |error| {
        Ok(Err(SignInRefusal {
            error,
            email: typed.to_owned(),
        }))
    };
    // Refused attempts are logged within the server's log budget.
    let log = async |user_id: Option<i64>, action: &'static str| -> Result<(), AppError> {
        if let Some(limiter) = &limiter {
            limiter.count(action);
        }
        let Some(missed) = limiter.as_ref().map_or(Some(None), |l| l.log_refusal()) else {
            return Ok(());
        };
        if let Some(missed) = missed {
            cx.audit(None, "sign_in_unlogged", None, &missed.to_string())
                .await?;
        }
        cx.audit(user_id, action, None, typed).await
    };
    let ip_key = cx
        .ip
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    if limiter.as_ref().is_some_and(|l| !l.allows(ip_key)) {
        log(None, "sign_in_limited").await?;
        return refuse(SignInError::TooManyAttempts);
    }
    let key = typed.to_lowercase();
    let now = auth::now();
    let account = match super::Email::parse(typed) {
        Some(email) => db::by_email(&cx.pool, &email).await?,
        None => None,
    };
    // A locked address still lets its owner in from an address they signed
    // in from before (in the last 30 days): locking someone out takes more
    // than knowing their e-mail address.
    if db::locked(&cx.pool, &key, now).await? {
        // Asked whether or not an account has the address (no account: an
        // id none has), so that the time taken tells nothing.
        let user_id = account.as_ref().map_or(-1, |row| row.user.id);
        let known_place = match cx.ip_text() {
            Some(ip) => db::signed_in_from(&cx.pool, user_id, &ip, 30).await?,
            None => false,
        };
        if !known_place {
            log(None, "sign_in_locked").await?;
            return refuse(SignInError::TooManyAttempts);
        }
    }
    let (user_id, hash, disabled, must_change) = match account {
        Some(row) => (
            Some(row.user.id),
            Some(row.password_hash),
            row.disabled,
            row.user.must_change_password,
        ),
        None => (None, None, false, false),
    };
    let password = if password.chars().count() > super::PASSWORD_MAX {
        String::new()
    } else {
        password
    };
    let matches = model::staff::password::verify(password, hash).await;
    let Some(user_id) = user_id.filter(|_| matches && !disabled) else {
        db::record_failure(&cx.pool, &key, now).await?;
        log(user_id, "sign_in_failed").await?;
        return refuse(SignInError::WrongCredentials);
    };
    db::clear_failures(&cx.pool, &key).await?;
    let session = cx.session.as_ref().ok_or(AppError::Internal)?;
    session.cycle_id().await.map_err(|_| AppError::Internal)?;
    session
        .insert(SESSION_KEY, SessionUser { user_id })
        .await
        .map_err(|_| AppError::Internal)?;
    log(Some(user_id), "sign_in").await?;
    Ok(Ok(must_change))
}

/// The refusal of the last plain-form sign-in of this browser, once.
#[server(prefix = "/api/auth")]
pub async fn sign_in_flash() -> Result<Option<SignInRefusal>, AppError> {
    let cx = RequestContext::take()?;
    let value = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| {
                pair.trim()
                    .strip_prefix(SIGN_IN_FLASH)
                    .and_then(|rest| rest.strip_prefix('='))
                    .map(str::to_owned)
            })
    });
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    set_flash_cookie(&cx, None);
    Ok(SignInRefusal::from_cookie_value(&value))
}

/// Ends the session.
#[server(prefix = "/api/staff")]
pub async fn sign_out(lang: Option<String>) -> Result<(), AppError> {
    let Staff { user, cx } = require(Need::Own).await?;
    if let Some(session) = &cx.session {
        session.flush().await.map_err(|_| AppError::Internal)?;
    }
    cx.audit(Some(user.id), "sign_out", None, "").await?;
    let lang = model::i18n::Lang::from_code(lang.as_deref());
    cx.redirect(model::paths::sign_in(lang));
    Ok(())
}

/// The signed-in account, if any.
#[server(prefix = "/api/auth")]
pub async fn who_am_i() -> Result<Option<StaffUser>, AppError> {
    let cx = RequestContext::take()?;
    auth::current(&cx).await
}
