//! Embeddable cards and oEmbed. A partner's site frames
//! `/nhung/{kind}/{slug}` (`/en/embed/{kind}/{slug}`): a small page without
//! scripts or WASM that names the listing, shows its first photo and links
//! out to the full page. Only these pages may be framed, by any site; every
//! other page keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
//! `/oembed?url=…&format=json` describes the card of a profile's address
//! for sites that embed links by themselves; profiles name it in a
//! discovery `<link>`.

use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::i18n::Lang;
use model::listing::Kind;
use model::listing::embed::{HEIGHT, MIN_WIDTH, WIDTH, iframe};
use model::media::ImageView;
use model::search::SearchHit;
use model::text::escape_html as e;

/// The card's policy: no scripts at all, its own inline style, pictures
/// from this site, framed by anyone ([`crate::middleware::security_headers`]
/// leaves out `X-Frame-Options` for it).
const CARD_POLICY: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; \
     frame-ancestors *; base-uri 'none'; form-action 'none'";

const CARD_STYLE: &str = "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#1d1b19;background:#fffdf9}\
.card{display:flex;gap:12px;height:218px;box-sizing:border-box;padding:12px;border:1px solid #e4ddd3;border-radius:6px;overflow:hidden}\
.photo{flex:0 0 140px}.photo img{width:140px;height:192px;object-fit:cover;border-radius:4px;display:block}\
.body{min-width:0;display:flex;flex-direction:column}\
.kind{margin:0;color:#55504a;font-size:13px}\
h1{font-size:18px;line-height:1.25;margin:2px 0 6px}a{color:#7a2e1d}\
.summary{margin:0;flex:1;overflow:hidden;display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical}\
.more{margin:6px 0 0;font-size:14px}.more a{display:inline-block;min-height:24px;font-weight:600}.site{color:#55504a}\
@media (max-width:360px){.photo{display:none}}";

/// `?ref=`: a partner's referral code, carried on to the full page.
#[derive(serde::Deserialize)]
pub struct CardQuery {
    #[serde(rename = "ref")]
    referral: Option<String>,
}

/// A referral code as it may stand in a link (the one rule of
/// [`model::partner::referral_code`]).
fn referral(code: Option<&str>) -> Option<&str> {
    code.and_then(model::partner::referral_code)
}

/// The published listing of `kind` and `slug`: what a result shows of it
/// and its first photo (the embed card's and the link preview's content).
pub async fn listing(
    state: &AppState,
    kind: Kind,
    slug: &str,
) -> Result<Option<(SearchHit, Option<ImageView>)>, sqlx::Error> {
    if model::text::Slug::parse(slug)
        .ok()
        .map(|s| s.as_str().to_owned())
        != Some(slug.to_owned())
    {
        return Ok(None);
    }
    let mut conn = state.pool.acquire().await?;
    let Some(id) = model::listing::db::published_id(&mut conn, kind, slug).await? else {
        return Ok(None);
    };
    drop(conn);
    let Some(hit) = state.index.hit(kind, id) else {
        return Ok(None);
    };
    let photo = model::media::db::of_listing(&state.pool, kind, id, true)
        .await?
        .into_iter()
        .next();
    Ok(Some((hit, photo)))
}

fn card_html(
    site: &str,
    lang: Lang,
    hit: &SearchHit,
    photo: Option<&ImageView>,
    code: Option<&str>,
) -> String {
    let t = lang.t();
    let mut full = format!("{site}{}", hit.kind.profile_path(lang, &hit.slug));
    let canonical = full.clone();
    if let Some(code) = code {
        full.push_str(&format!("?ref={code}"));
    }
    let place = hit
        .commune
        .as_deref()
        .map(|c| format!(" · {}", model::area::unit_name(c, lang)))
        .unwrap_or_default();
    let summary = lang
        .pick(
            hit.summary_vi.as_deref().unwrap_or_default(),
            hit.summary_en.as_deref().unwrap_or_default(),
        )
        .to_owned();
    let picture = photo
        .map(|p| {
            format!(
                "<a class=\"photo\" href=\"{}\" target=\"_blank\" rel=\"noopener\" tabindex=\"-1\"><img src=\"{}\" alt=\"{}\" width=\"140\" height=\"192\"></a>",
                e(&full),
                e(&p.src()),
                e(p.alt(lang))
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"{lang_code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{name} — {site_name}</title><meta name=\"robots\" content=\"noindex\">\
         <link rel=\"canonical\" href=\"{canonical}\"><style>{CARD_STYLE}</style></head>\
         <body><article class=\"card\" data-testid=\"embed-card\">{picture}<div class=\"body\">\
         <p class=\"kind\">{kind}{place}</p>\
         <h1><a href=\"{full}\" target=\"_blank\" rel=\"noopener\">{name}</a></h1>\
         <p class=\"summary\">{summary}</p>\
         <p class=\"more\"><a href=\"{full}\" target=\"_blank\" rel=\"noopener\" data-testid=\"embed-open\">{open} →</a> \
         <span class=\"site\">{site_name}</span></p></div></article></body></html>",
        lang_code = lang.code(),
        name = e(hit.name(lang)),
        site_name = e(t.site_name),
        canonical = e(&canonical),
        kind = e(hit.kind.singular(lang)),
        place = e(&place),
        full = e(&full),
        summary = e(&summary),
        open = e(t.embed_open),
    )
}

async fn card(
    state: AppState,
    lang: Lang,
    segment: &str,
    slug: &str,
    code: Option<&str>,
) -> Response {
    let Some(kind) = Kind::from_segment(lang, segment) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (hit, photo) = match listing(&state, kind, slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "an embed card could not be read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let html = card_html(&state.site_url, lang, &hit, photo.as_ref(), referral(code));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CARD_POLICY),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        html,
    )
        .into_response()
}

/// `/nhung/{kind}/{slug}`.
pub async fn card_vi(
    State(state): State<AppState>,
    Path((kind, slug)): Path<(String, String)>,
    Query(query): Query<CardQuery>,
) -> Response {
    card(state, Lang::Vi, &kind, &slug, query.referral.as_deref()).await
}

/// `/en/embed/{kind}/{slug}`.
pub async fn card_en(
    State(state): State<AppState>,
    Path((kind, slug)): Path<(String, String)>,
    Query(query): Query<CardQuery>,
) -> Response {
    card(state, Lang::En, &kind, &slug, query.referral.as_deref()).await
}

/// `/oembed?url=…&format=json&maxwidth=…`.
#[derive(serde::Deserialize)]
pub struct OembedQuery {
    url: Option<String>,
    format: Option<String>,
    maxwidth: Option<u32>,
}

/// The card of a profile's address on this site, as oEmbed's "rich" type.
/// Another site's address or an unknown listing: 404; a format other than
/// JSON: 501, as the oEmbed specification asks.
pub async fn oembed(State(state): State<AppState>, Query(query): Query<OembedQuery>) -> Response {
    if query.format.as_deref().is_some_and(|f| f != "json") {
        return StatusCode::NOT_IMPLEMENTED.into_response();
    }
    let Some(url) = query
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    else {
        return (StatusCode::BAD_REQUEST, "url is required").into_response();
    };
    let Some(path) = url
        .strip_prefix(state.site_url.as_str())
        .filter(|rest| rest.starts_with('/'))
        .map(|rest| rest.split(['?', '#']).next().unwrap_or_default())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some((kind, lang, slug)) = Kind::parse_profile_path(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (hit, photo) = match listing(&state, kind, &slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "an oEmbed answer could not be read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let width = query.maxwidth.unwrap_or(WIDTH).clamp(MIN_WIDTH, WIDTH);
    let name = hit.name(lang).to_owned();
    let mut body = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": name,
        "provider_name": lang.t().site_name,
        "provider_url": format!("{}{}", state.site_url, model::paths::home(lang)),
        "html": iframe(&state.site_url, kind, lang, &slug, &name, width),
        "width": width,
        "height": HEIGHT,
        "cache_age": 3600,
    });
    if let Some(photo) = photo {
        body["thumbnail_url"] = format!("{}{}", state.site_url, photo.src()).into();
        // `src` is the middle one of the sizes made.
        let w = photo
            .widths
            .get(photo.widths.len() / 2)
            .copied()
            .unwrap_or(photo.width);
        let h = u64::from(photo.height) * u64::from(w) / u64::from(photo.width.max(1));
        body["thumbnail_width"] = w.into();
        body["thumbnail_height"] = h.into();
    }
    (
        [(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        )],
        axum::Json(body),
    )
        .into_response()
}
