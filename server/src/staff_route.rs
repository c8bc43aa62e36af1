//! What the server's own staff routes (photo uploads, spreadsheet
//! downloads) check before reading a request's body: a signed-in editor or
//! administrator who has chosen their own password, as the server
//! functions' `Need::Edit` does.

use crate::state::AppState;
use app::media::MediaDir;
use app::staff::StaffUser;
use app::staff::auth::{ClientIp, RequestContext};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

/// The signed-in account of the request (any role, its own password
/// chosen) and its context, or the answer refusing it (401 / 403).
pub async fn signed_in(
    state: &AppState,
    parts: &Parts,
) -> Result<(StaffUser, RequestContext), Response> {
    let cx = context(state, parts);
    match app::staff::auth::current(&cx).await {
        Ok(Some(user)) if !user.must_change_password => Ok((user, cx)),
        Ok(Some(_)) => Err(StatusCode::FORBIDDEN.into_response()),
        Ok(None) => Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

fn context(state: &AppState, parts: &Parts) -> RequestContext {
    RequestContext {
        pool: state.pool.clone(),
        session: parts.extensions.get::<tower_sessions::Session>().cloned(),
        ip: parts.extensions.get::<ClientIp>().map(|ip| ip.0),
        index: Some(state.index.clone()),
        plain_form: true,
        response: None,
        media: Some(MediaDir(state.media_dir.clone())),
    }
}

/// The editor of the request and its context (a plain form's), or the
/// answer refusing it: 401 without an account, 403 for a partner or an
/// account that must change its password first.
pub async fn editor(
    state: &AppState,
    parts: &Parts,
) -> Result<(StaffUser, RequestContext), Response> {
    let cx = context(state, parts);
    match app::staff::auth::current(&cx).await {
        Ok(Some(user)) if user.role.edits() && !user.must_change_password => Ok((user, cx)),
        Ok(Some(_)) => Err(StatusCode::FORBIDDEN.into_response()),
        Ok(None) => Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}
