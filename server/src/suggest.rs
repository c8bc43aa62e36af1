//! `POST /gop-y`, `POST /en/suggest`: a message from the public about a
//! listing (see `model::suggestion`). Accepted: 303 to the thank-you. A
//! robot (the honeypot filled): the same 303, nothing stored. Refused: the
//! form page again, rendered with what was typed and a sentence at each
//! field concerned, with 422 (invalid), 404 (no such listing), 413 (too
//! large) or 429 (too many from this address, or waiting in all).

use app::staff::auth::ClientIp;
use app::suggestion::{Draft, SuggestionError, SuggestionForm};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::i18n::Lang;
use model::suggestion::db::Stored;
use sqlx::SqlitePool;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// The largest form body read: the longest message, name and contact,
/// percent-encoded, with room to spare.
pub const BODY_MAX: usize = 64 * 1024;

/// Messages per client address: a burst of 5, then one every 10 minutes.
pub struct SuggestLimiter(governor::DefaultKeyedRateLimiter<IpAddr>);

impl SuggestLimiter {
    pub fn new() -> Arc<Self> {
        let five = NonZeroU32::MIN.saturating_add(4);
        let quota = governor::Quota::with_period(std::time::Duration::from_secs(600))
            .unwrap_or_else(|| governor::Quota::per_hour(NonZeroU32::MIN))
            .allow_burst(five);
        Arc::new(SuggestLimiter(governor::RateLimiter::keyed(quota)))
    }

    fn allows(&self, ip: Option<IpAddr>) -> bool {
        // Without a known address (tests, a socket without peer) every
        // such request shares one budget.
        let ip = ip.unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
        self.0.check_key(&ip).is_ok()
    }

    /// Forgets addresses whose budget is full again.
    pub fn forget_idle(&self) {
        self.0.retain_recent();
        self.0.shrink_to_fit();
    }
}

/// How the refused form is shown again: the page's renderer, given the
/// request (made a GET of the form's address) and the draft.
pub type RenderForm = Arc<
    dyn Fn(Request, Draft) -> std::pin::Pin<Box<dyn Future<Output = Response> + Send>>
        + Send
        + Sync,
>;

fn form_of(bytes: &[u8]) -> SuggestionForm {
    let mut form = SuggestionForm::default();
    for (key, value) in form_urlencoded::parse(bytes) {
        let slot = match key.as_ref() {
            "kind" => &mut form.kind,
            "slug" => &mut form.slug,
            "field" => &mut form.field,
            "message" => &mut form.message,
            "name" => &mut form.name,
            "contact" => &mut form.contact,
            "website" => &mut form.website,
            "lang" => &mut form.lang,
            _ => continue,
        };
        *slot = value.into_owned();
    }
    form
}

fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// The handler; `render` shows the form again.
pub async fn post(
    pool: SqlitePool,
    limiter: Arc<SuggestLimiter>,
    render: RenderForm,
    request: Request,
) -> Response {
    let lang = Lang::from_path(request.uri().path());
    let (mut parts, body) = request.into_parts();
    let ip = parts.extensions.get::<ClientIp>().map(|ip| ip.0);
    let (form, too_large) = match axum::body::to_bytes(body, BODY_MAX).await {
        Ok(bytes) => (form_of(&bytes), false),
        Err(_) => (SuggestionForm::default(), true),
    };
    let Some(kind) = model::listing::Kind::parse(form.kind.trim()) else {
        let status = if too_large {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        };
        return (status, lang.t().suggest_unknown_listing).into_response();
    };
    let sent = model::suggestion::form_path(lang, kind, form.slug.trim(), true);
    let refuse = |status: StatusCode, errors: Vec<(String, SuggestionError)>| {
        let draft = Draft {
            errors: errors
                .into_iter()
                .map(|(field, error)| (field, error.message(lang)))
                .collect(),
            form: SuggestionForm {
                website: String::new(),
                ..form.clone()
            },
        };
        let path = model::suggestion::form_path(lang, kind, form.slug.trim(), false);
        parts.method = axum::http::Method::GET;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.uri = path.parse().unwrap_or_default();
        let request = Request::from_parts(parts, Body::empty());
        let render = render.clone();
        async move {
            let mut response = render(request, draft).await;
            if response.status() == StatusCode::OK {
                *response.status_mut() = status;
            }
            response
        }
    };
    if too_large {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            vec![(
                "message".to_owned(),
                SuggestionError::TooLong(model::suggestion::MESSAGE_MAX),
            )],
        )
        .await;
    }
    if model::suggestion::is_robot(&form) {
        tracing::info!("suggestion with the honeypot filled, not stored");
        return see_other(&sent);
    }
    let suggestion = match model::suggestion::parse(&form) {
        Ok(s) => s,
        Err(errors) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, errors).await,
    };
    if !limiter.allows(ip) {
        let errors = vec![("form".to_owned(), SuggestionError::TryLater)];
        return refuse(StatusCode::TOO_MANY_REQUESTS, errors).await;
    }
    match model::suggestion::db::insert(&pool, &suggestion).await {
        Ok(Stored::Stored(id)) => {
            tracing::info!(id, kind = kind.code(), "suggestion stored");
            see_other(&sent)
        }
        Ok(Stored::NoListing) => {
            let errors = vec![("form".to_owned(), SuggestionError::UnknownListing)];
            refuse(StatusCode::NOT_FOUND, errors).await
        }
        Ok(Stored::QueueFull) => {
            let errors = vec![("form".to_owned(), SuggestionError::TryLater)];
            refuse(StatusCode::TOO_MANY_REQUESTS, errors).await
        }
        Err(error) => {
            tracing::error!(%error, "storing a suggestion failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
