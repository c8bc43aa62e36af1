//! What partners and visitors share a listing with: the QR code of its
//! profile's stable address, as SVG (for print) or PNG, made with the
//! `qrcode` crate. Only published listings have one.

use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::i18n::Lang;
use model::listing::Kind;
use qrcode::{EcLevel, QrCode};

/// `?lang=en`: the English page's address.
#[derive(serde::Deserialize)]
pub struct QrQuery {
    lang: Option<String>,
}

/// The QR code's picture in a format (`None`: not one we make).
fn picture(url: &str, format: &str) -> Option<(Vec<u8>, &'static str)> {
    // Level M: still read with a seventh of it smudged or covered.
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    match format {
        "svg" => Some((
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(256, 256)
                .build()
                .into_bytes(),
            "image/svg+xml",
        )),
        "png" => {
            let image = code
                .render::<image::Luma<u8>>()
                .min_dimensions(512, 512)
                .build();
            let mut png = std::io::Cursor::new(Vec::new());
            image.write_to(&mut png, image::ImageFormat::Png).ok()?;
            Some((png.into_inner(), "image/png"))
        }
        _ => None,
    }
}

/// The referral code of the signed-in partner's organisation, if the
/// request comes from one.
async fn referral_code_of(state: &AppState, parts: &axum::http::request::Parts) -> Option<String> {
    parts.extensions.get::<tower_sessions::Session>()?;
    let (user, _) = crate::staff_route::signed_in(state, parts).await.ok()?;
    if user.role != model::staff::Role::Partner {
        return None;
    }
    match model::partner::db::of_user(&state.pool, user.id).await {
        Ok(partner) => partner.map(|p| p.referral_code),
        Err(error) => {
            tracing::error!(%error, "a partner's referral code could not be read");
            None
        }
    }
}

/// `/qr/{kind}/{slug}.{svg|png}`.
pub async fn qr(
    State(state): State<AppState>,
    Path((kind, file)): Path<(String, String)>,
    Query(query): Query<QrQuery>,
    request: axum::extract::Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let lang = if query.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    };
    let (Some(kind), Some((slug, format))) = (Kind::parse(&kind), file.rsplit_once('.')) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !matches!(format, "svg" | "png") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let found = match state.pool.acquire().await {
        Ok(mut conn) => model::listing::db::published_id(&mut conn, kind, slug).await,
        Err(error) => Err(error),
    };
    match found {
        Ok(Some(_)) => {}
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "reading a listing for its QR code failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    // A signed-in partner's QR code carries its organisation's referral
    // code; such a picture is theirs alone (never kept by a shared cache).
    let code = referral_code_of(&state, &parts).await;
    let mut url = format!("{}{}", state.site_url, kind.profile_path(lang, slug));
    if let Some(code) = &code {
        url.push_str(&format!("?ref={code}"));
    }
    let cache = if code.is_some() {
        "private, no-store"
    } else {
        "public, max-age=86400"
    };
    let Some((bytes, content_type)) = picture(&url, format) else {
        tracing::error!(%url, "a QR code could not be made");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{slug}-qr.{format}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("inline"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (header::VARY, HeaderValue::from_static("Cookie")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
