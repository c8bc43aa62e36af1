//! Server-only: password hashing, the signed-in user of a request and the
//! one helper every staff server function calls first, [`require`].

use super::db::{self, PasswordHash};
use super::{Role, StaffUser};
use crate::error::AppError;
use leptos::prelude::*;
use model::index::SearchIndex;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use tower_sessions::Session;

/// The session key under which the signed-in account is kept.
pub const SESSION_KEY: &str = "staff";

/// What a session remembers of its account: the id only; role, scope and
/// whether the account is still enabled are read on every request.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct SessionUser {
    pub user_id: i64,
}

/// The peer address of a request, put into its extensions by the server.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// The sign-in limits of one server: attempts per IP address (a burst of
/// 10, then one every 6 seconds), and how many refused attempts are written
/// to the audit log (a burst of 20, then one every 3 seconds, for the whole
/// server), so that anonymous requests cannot grow the log without bound;
/// attempts over that are counted and logged as one entry with their number.
pub struct SignInLimiter {
    per_ip: governor::DefaultKeyedRateLimiter<IpAddr>,
    log: governor::DefaultDirectRateLimiter,
    unlogged: std::sync::atomic::AtomicU64,
    wrong: std::sync::atomic::AtomicU64,
    limited: std::sync::atomic::AtomicU64,
    locked: std::sync::atomic::AtomicU64,
}

/// Refused sign-ins since the server started, by reason (for metrics).
#[derive(Clone, Copy, Debug, Default)]
pub struct SignInCounts {
    pub wrong: u64,
    pub limited: u64,
    pub locked: u64,
}

impl SignInLimiter {
    /// Whether an attempt from `ip` is within its limit.
    pub fn allows(&self, ip: IpAddr) -> bool {
        self.per_ip.check_key(&ip).is_ok()
    }

    /// Whether a refused attempt may be written to the audit log now; if
    /// not, it is counted. With `Some(n)`, `n` attempts were not logged
    /// since the last entry and the caller writes that too.
    pub fn log_refusal(&self) -> Option<Option<u64>> {
        use std::sync::atomic::Ordering;
        if self.log.check().is_err() {
            self.unlogged.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        let missed = self.unlogged.swap(0, Ordering::Relaxed);
        Some((missed > 0).then_some(missed))
    }

    /// Counts a refused sign-in by its audit action.
    pub fn count(&self, action: &str) {
        use std::sync::atomic::Ordering;
        let counter = match action {
            "sign_in_failed" => &self.wrong,
            "sign_in_limited" => &self.limited,
            "sign_in_locked" => &self.locked,
            _ => return,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Refused sign-ins since the server started.
    pub fn counts(&self) -> SignInCounts {
        use std::sync::atomic::Ordering;
        SignInCounts {
            wrong: self.wrong.load(Ordering::Relaxed),
            limited: self.limited.load(Ordering::Relaxed),
            locked: self.locked.load(Ordering::Relaxed),
        }
    }

    /// Forgets addresses whose limit has recovered (run now and then, so
    /// that the table of addresses does not grow without bound).
    pub fn forget_idle(&self) {
        self.per_ip.retain_recent();
        self.per_ip.shrink_to_fit();
    }
}

/// New sign-in limits.
pub fn sign_in_limiter() -> Arc<SignInLimiter> {
    let ten = NonZeroU32::MIN.saturating_add(9);
    let twenty = NonZeroU32::MIN.saturating_add(19);
    Arc::new(SignInLimiter {
        per_ip: governor::RateLimiter::keyed(governor::Quota::per_minute(ten).allow_burst(ten)),
        log: governor::RateLimiter::direct(governor::Quota::per_minute(twenty).allow_burst(twenty)),
        unlogged: std::sync::atomic::AtomicU64::new(0),
        wrong: std::sync::atomic::AtomicU64::new(0),
        limited: std::sync::atomic::AtomicU64::new(0),
        locked: std::sync::atomic::AtomicU64::new(0),
    })
}

/// Hashes a password (`model::staff::password::hash`); a failure is logged
/// and answered as an internal error.
pub async fn hash_password(password: String) -> Result<PasswordHash, AppError> {
    model::staff::password::hash(password)
        .await
        .map_err(|error| {
            tracing::error!(error = %error.0, "password hashing failed");
            AppError::Internal
        })
}

/// What a staff server function needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Admins only (accounts, the audit log).
    Admin,
    /// Admins and editors (direct edits).
    Edit,
    /// Any signed-in account (partners propose edits).
    Staff,
    /// Partner accounts (their organisation's tours).
    Partner,
    /// Any signed-in account, even one whose password an administrator set
    /// and that has not chosen its own yet: its own account page, the
    /// password change and signing out. Everything else waits for that.
    Own,
}

impl Need {
    pub fn allows(self, role: Role) -> bool {
        match self {
            Need::Admin => role == Role::Admin,
            Need::Edit => role.edits(),
            Need::Partner => role == Role::Partner,
            Need::Staff | Need::Own => true,
        }
    }
}

/// The request's context, taken before the first await (the context is not
/// reachable once the task may have moved to another thread).
#[derive(Clone)]
pub struct RequestContext {
    pub pool: SqlitePool,
    pub session: Option<Session>,
    pub ip: Option<IpAddr>,
    pub index: Option<Arc<SearchIndex>>,
    /// A plain HTML form post (no JavaScript): the answer must be a page.
    pub plain_form: bool,
    pub response: Option<leptos_axum::ResponseOptions>,
    /// Where photos are written.
    pub media: Option<crate::media::MediaDir>,
}

impl RequestContext {
    pub fn take() -> Result<Self, AppError> {
        let parts = use_context::<http::request::Parts>();
        let plain_form = parts.as_ref().is_some_and(|p| {
            p.method == http::Method::POST
                && p.headers
                    .get(http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        });
        Ok(Self {
            pool: crate::context::pool()?,
            session: parts
                .as_ref()
                .and_then(|p| p.extensions.get::<Session>().cloned()),
            ip: parts
                .as_ref()
                .and_then(|p| p.extensions.get::<ClientIp>().map(|ip| ip.0)),
            index: use_context::<Arc<SearchIndex>>(),
            plain_form,
            response: use_context::<leptos_axum::ResponseOptions>(),
            media: use_context::<crate::media::MediaDir>(),
        })
    }

    /// `error`, with its HTTP status set on the answer (a refusal after
    /// [`require`]: out of scope, not found).
    pub fn refuse(&self, error: AppError) -> AppError {
        if let (Some(response), Ok(status)) = (
            &self.response,
            http::StatusCode::from_u16(error.status_code()),
        ) {
            response.set_status(status);
        }
        error
    }

    pub fn ip_text(&self) -> Option<String> {
        self.ip.map(|ip| ip.to_string())
    }

    /// Writes an audit entry of this request (with its IP address) on its
    /// own; writes inside a transaction use [`db::audit`].
    pub async fn audit(
        &self,
        user_id: Option<i64>,
        action: &str,
        target: Option<(&str, i64)>,
        detail: &str,
    ) -> Result<(), AppError> {
        let mut conn = self.pool.acquire().await?;
        let ip = self.ip_text();
        db::audit(
            &mut conn,
            db::Audit {
                user_id,
                action,
                target: target.map(|(table, _)| table),
                target_id: target.map(|(_, id)| id),
                detail,
                ip: ip.as_deref(),
            },
        )
        .await?;
        Ok(())
    }

    /// Sends the browser to `path`: a 303 (the next request is a GET) for a
    /// plain form post, the server-function redirect header for the
    /// hydrated client, which then navigates itself.
    pub fn redirect(&self, path: &str) {
        let (Some(response), Ok(location)) = (&self.response, http::HeaderValue::from_str(path))
        else {
            return;
        };
        response.insert_header(http::header::LOCATION, location);
        if self.plain_form {
            response.set_status(http::StatusCode::SEE_OTHER);
        } else {
            response.insert_header(
                http::HeaderName::from_static(leptos::server_fn::redirect::REDIRECT_HEADER),
                http::HeaderValue::from_static(""),
            );
        }
    }
}

/// A signed-in account with what its request needs.
pub struct Staff {
    pub user: StaffUser,
    pub cx: RequestContext,
}

/// The signed-in account of this request, if any (and still enabled).
pub async fn current(cx: &RequestContext) -> Result<Option<StaffUser>, AppError> {
    let Some(session) = &cx.session else {
        return Ok(None);
    };
    let Some(signed_in) = session
        .get::<SessionUser>(SESSION_KEY)
        .await
        .map_err(|_| AppError::Internal)?
    else {
        return Ok(None);
    };
    Ok(db::by_id(&cx.pool, signed_in.user_id)
        .await?
        .filter(|row| !row.disabled)
        .map(|row| row.user))
}

/// The first line of every staff server function: the signed-in account
/// when its role allows `need`; `Unauthorized` without one, `Forbidden`
/// with a role that does not.
pub async fn require(need: Need) -> Result<Staff, AppError> {
    let cx = RequestContext::take()?;
    let refused = match current(&cx).await? {
        Some(user) if user.must_change_password && need != Need::Own => {
            AppError::PasswordChangeRequired
        }
        Some(user) if need.allows(user.role) => return Ok(Staff { user, cx }),
        Some(_) => AppError::Forbidden,
        None => AppError::Unauthorized,
    };
    Err(cx.refuse(refused))
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}
