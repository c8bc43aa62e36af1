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

/// `/qr/{kind}/{slug}.{svg|png}`.
pub async fn qr(
    State(state): State<AppState>,
    Path((kind, file)): Path<(String, String)>,
    Query(query): Query<QrQuery>,
) -> Response {
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
    let url = format!("{}{}", state.site_url, kind.profile_path(lang, slug));
    let Some((bytes, content_type)) = picture(&url, format) else {
        tracing::error!(%url, "a QR code could not be made");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{slug}-qr.{format}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("inline"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
