//! What partners' links bring: a profile opened with `?ref=CODE` (from a
//! partner's link, QR code or embed card) counts one visit for that
//! partner, listing and day (Vietnam's date).
//!
//! Nothing about the visitor is stored: no cookie is set, no address or
//! browser is written. To count a visitor once a day, the server keeps in
//! memory a hash of (address, browser, partner, listing) keyed with a
//! random salt that it throws away with the day's hashes at midnight.
//! Known bots and link-preview fetchers are not counted, nor codes that
//! belong to no partner or addresses of no published listing.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use model::date::Date;
use model::listing::Kind;
use model::partner::db::Target;
use sqlx::SqlitePool;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// At most this many visitors are remembered a day; past it, visits are
/// not counted (the memory stays bounded under a flood).
const MAX_SEEN: usize = 500_000;

/// The day's salted hashes of visits already counted.
struct Seen {
    day: Date,
    salt: std::collections::hash_map::RandomState,
    keys: HashSet<u64>,
}

/// Counting state, shared by the requests.
pub struct Referrals {
    bots: isbot::Bots,
    seen: Mutex<Seen>,
}

impl Default for Referrals {
    fn default() -> Self {
        Referrals {
            bots: isbot::Bots::default(),
            seen: Mutex::new(Seen {
                day: Date::today(),
                salt: std::collections::hash_map::RandomState::new(),
                keys: HashSet::new(),
            }),
        }
    }
}

impl Referrals {
    /// Whether a browser with this user agent is a known bot. Every
    /// browser people use says `Mozilla/…` (or old Opera's `Opera/…`);
    /// link-preview fetchers and scripts that do not (a bare "Zalo",
    /// "curl/8"), or send none, are not people either.
    pub fn is_bot(&self, user_agent: &str) -> bool {
        let agent = user_agent.trim();
        !(agent.starts_with("Mozilla/") || agent.starts_with("Opera/")) || self.bots.is_bot(agent)
    }

    /// Whether this is the visitor's first visit of the listing through
    /// this partner today (and remembers it). A new day starts with a new
    /// salt and no hashes.
    fn first_today(&self, today: Date, parts: &[&str]) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.day != today {
            *seen = Seen {
                day: today,
                salt: std::collections::hash_map::RandomState::new(),
                keys: HashSet::new(),
            };
        }
        let key = seen.salt.hash_one(parts);
        if seen.keys.contains(&key) || seen.keys.len() >= MAX_SEEN {
            return false;
        }
        seen.keys.insert(key)
    }
}

/// What the counting layer needs (cloned per request: kept small).
#[derive(Clone)]
pub struct Counter {
    pub pool: SqlitePool,
    pub referrals: Arc<Referrals>,
    pub proxies: crate::middleware::TrustedProxies,
}

/// The referral code of a profile request, with the profile it opens.
fn referred(request: &Request) -> Option<(String, Kind, String)> {
    if request.method() != axum::http::Method::GET {
        return None;
    }
    // Most requests carry no query: nothing more to look at.
    let query = request.uri().query().filter(|q| q.contains("ref="))?;
    let (kind, _, slug) = Kind::parse_profile_path(request.uri().path())?;
    let code = form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "ref")
        .map(|(_, v)| v.into_owned())?;
    model::partner::referral_code(&code)?;
    Some((code, kind, slug))
}

/// The layer: counts after the page was answered with 200 (a 404 or a
/// redirect of a former address counts nothing).
pub async fn count(State(counter): State<Counter>, request: Request, next: Next) -> Response {
    let Some((code, kind, slug)) = referred(&request) else {
        return next.run(request).await;
    };
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    let (ip, user_agent) = visitor(request.headers(), peer, &counter.proxies);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || counter.referrals.is_bot(&user_agent) {
        return response;
    }
    let partner = match model::partner::db::by_code(&counter.pool, &code).await {
        Ok(Some(id)) => id,
        Ok(None) => return response,
        Err(error) => {
            tracing::error!(%error, "a referral code could not be looked up");
            return response;
        }
    };
    let today = Date::today();
    let partner_text = partner.to_string();
    if counter.referrals.first_today(
        today,
        &[&ip, &user_agent, &partner_text, kind.code(), &slug],
    ) && let Err(error) =
        model::partner::db::count_visit(&counter.pool, today, partner, kind, &slug).await
    {
        tracing::error!(%error, "a referred visit could not be counted");
    }
    response
}

/// The visitor's address (behind trusted proxies, the one they name) and
/// browser, to tell repeats apart within a day.
fn visitor(
    request_headers: &axum::http::HeaderMap,
    peer: Option<SocketAddr>,
    proxies: &crate::middleware::TrustedProxies,
) -> (String, String) {
    let user_agent = request_headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let ip = peer
        .map(|addr| proxies.client(addr.ip(), request_headers).to_string())
        .unwrap_or_default();
    (ip, user_agent)
}

/// `/ra/{slug}`: a click on a published tour's booking link. It is counted
/// for the tour's partner and the day (once a day per visitor, never for
/// bots) and answered with a 303 to the partner's booking page, the only
/// address this route ever sends anyone to; an unknown tour is a 404.
pub async fn outbound(
    State(state): State<crate::state::AppState>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    request: Request,
) -> Response {
    use axum::response::IntoResponse;
    if model::text::Slug::parse(&slug).is_err() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (id, url) = match model::tour::db::booking(&state.pool, &slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "a tour's booking page could not be read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // The field accepts addresses as people type them ("…/tour/dệt-thổ-cẩm");
    // a header carries them percent-encoded.
    let encoded =
        percent_encoding::utf8_percent_encode(&url, percent_encoding::CONTROLS).to_string();
    let Ok(location) = axum::http::HeaderValue::from_str(&encoded) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    let (ip, user_agent) = visitor(request.headers(), peer, &state.trusted_proxies);
    let today = Date::today();
    let tour = id.to_string();
    if !state.referrals.is_bot(&user_agent)
        && state
            .referrals
            .first_today(today, &[&ip, &user_agent, "tour", &tour])
        && let Err(error) = model::tour::db::count_click(&state.pool, today, id).await
    {
        tracing::error!(%error, "a click out to a tour could not be counted");
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location);
    headers.insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// `?doi-tac=…&ngay=…&lang=…` of the CSV download.
#[derive(serde::Deserialize)]
pub struct CsvQuery {
    #[serde(rename = "doi-tac")]
    partner: Option<i64>,
    #[serde(rename = "ngay")]
    days: Option<u32>,
    lang: Option<String>,
}

/// `/luot-gioi-thieu.csv`: the counted visits, a row per day and listing,
/// for a partner (its own organisation's) or an admin (any, or all).
pub async fn csv(State(state): State<crate::state::AppState>, request: Request) -> Response {
    use axum::response::IntoResponse;
    let (parts, _) = request.into_parts();
    // The account first; the parameters only then.
    let (user, cx) = match crate::staff_route::signed_in(&state, &parts).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let Ok(axum::extract::Query(query)) =
        axum::extract::Query::<CsvQuery>::try_from_uri(&parts.uri)
    else {
        return (
            StatusCode::BAD_REQUEST,
            "doi-tac and ngay are whole numbers",
        )
            .into_response();
    };
    let chosen = match app::staff::referrals::whose(&cx.pool, &user, query.partner).await {
        Ok(chosen) => chosen,
        Err(error) => {
            let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::FORBIDDEN);
            return status.into_response();
        }
    };
    if user.role == model::staff::Role::Partner && chosen.is_none() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let lang = model::i18n::Lang::from_code(query.lang.as_deref());
    let days = app::staff::referrals::period(query.days);
    let to = Date::today();
    let from = Date::from_days_since_epoch(to.days_since_epoch() - i64::from(days) + 1);
    let rows = match model::partner::db::rows(&state.pool, chosen.as_ref().map(|p| p.id), from, to)
        .await
    {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "the referral figures could not be read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let s = app::staff::strings::st(lang);
    let table = app::editing::export::Table {
        header: vec![
            "day".into(),
            s.referrals_org.into(),
            "kind".into(),
            s.referrals_listing.into(),
            "url".into(),
            s.referrals_visits.into(),
            s.referrals_clicks.into(),
        ],
        rows: rows
            .into_iter()
            .map(|row| {
                let (kind, path) = match row.target {
                    Target::Listing(kind) => (kind.code(), kind.profile_path(lang, &row.slug)),
                    Target::Tour => ("tour", model::paths::tour_out(&row.slug)),
                };
                vec![
                    row.day,
                    row.partner,
                    kind.to_owned(),
                    lang.pick(&row.name_vi, &row.name_en).to_owned(),
                    format!("{}{path}", state.site_url),
                    row.visits.to_string(),
                    row.clicks.to_string(),
                ]
            })
            .collect(),
    };
    let name = format!("luot-gioi-thieu-{}.csv", to);
    let mut response = crate::export::csv_bytes(&table).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) =
        axum::http::HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn repeats_are_dropped_within_a_day_and_forgotten_the_next() {
        let referrals = Referrals::default();
        let day = Date::parse("2026-12-07").unwrap();
        let visit = ["10.0.0.1", "Mozilla/5.0 Firefox", "1", "village", "ban-lac"];
        assert!(referrals.first_today(day, &visit));
        assert!(!referrals.first_today(day, &visit), "a repeat");
        let other = [
            "10.0.0.1",
            "Mozilla/5.0 Firefox",
            "1",
            "village",
            "ban-nhot",
        ];
        assert!(referrals.first_today(day, &other), "another listing");
        let next = Date::parse("2026-12-08").unwrap();
        assert!(referrals.first_today(next, &visit), "a new day");
    }

    #[test]
    fn bots_and_preview_fetchers_are_known() {
        let referrals = Referrals::default();
        for bot in [
            "",
            "Googlebot/2.1 (+http://www.google.com/bot.html)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
            "curl/8.5.0",
            "Zalo",
        ] {
            assert!(referrals.is_bot(bot), "{bot}");
        }
        assert!(!referrals.is_bot(
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
        ));
    }
}
