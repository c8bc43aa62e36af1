//! The open data (public, read-only): `GET /api/v1/{dataset}` for every
//! kind of listing (`villages`, `clusters`, `enterprises`, `products`) and
//! all of them (`listings`), as JSON pages, a GeoJSON FeatureCollection
//! (`.geojson`), CSV (`.csv`, UTF-8 with a byte-order mark so that Excel
//! reads Vietnamese right) or XLSX (`.xlsx`). The parameters are the list
//! pages' own (`q`, the facets, `page`; one parser), checked strictly here:
//! an unknown or malformed one is a 400 `application/problem+json` naming
//! it. Answers are the same for everyone: `Access-Control-Allow-Origin: *`,
//! an `ETag` (304 when it matches), cached a minute.

use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::index::ExportRow;
use model::listing::Kind;
use model::search::query::MAX_PAGE;
use model::search::{DirectoryQuery, FacetKey, MAX_QUERY_CHARS};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// Where the open data lists are.
pub const ROUTE: &str = "/api/v1/{dataset}";
/// Where one listing of a kind's list is.
pub const ONE_ROUTE: &str = "/api/v1/{dataset}/{slug}";
/// The listings near one.
pub const NEARBY_ROUTE: &str = "/api/v1/{dataset}/{slug}/nearby";

use model::opendata::LICENSE_URL as LICENSE;

/// Listings on one page of JSON, unless `per_page` says otherwise.
const PER_PAGE: usize = 20;
/// The most `per_page` may ask for.
const MAX_PER_PAGE: usize = 100;

/// Whole-list downloads written at once, on the whole server.
static DOWNLOADS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
/// How long a download waits for its turn before it is told to come back.
const DOWNLOAD_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Requests to the open data per client address: a burst of 300, then 50
/// a second. Beyond: 429 with `Retry-After`.
pub struct ApiLimiter(Option<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>);

impl ApiLimiter {
    /// 50 a second after a burst of 300.
    pub fn new() -> std::sync::Arc<Self> {
        Self::with_rate(50)
    }

    /// `per_second` after a burst of six seconds' worth; 0: no limit.
    pub fn with_rate(per_second: u32) -> std::sync::Arc<Self> {
        let limiter = std::num::NonZeroU32::new(per_second).map(|rate| {
            let burst = std::num::NonZeroU32::new(per_second.saturating_mul(6)).unwrap_or(rate);
            governor::RateLimiter::keyed(governor::Quota::per_second(rate).allow_burst(burst))
        });
        std::sync::Arc::new(ApiLimiter(limiter))
    }

    /// `None` when the address may ask now; else the seconds to wait.
    fn wait(&self, ip: Option<std::net::IpAddr>) -> Option<u64> {
        use governor::clock::{Clock, DefaultClock};
        let limiter = self.0.as_ref()?;
        // Without a known address every such request shares one budget.
        let ip = ip.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
        limiter.check_key(&ip).err().map(|until| {
            until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                + 1
        })
    }

    /// Forgets addresses whose budget is full again.
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.0 {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// The 429 of an address that asked too often.
fn too_many(seconds: u64) -> Response {
    let mut response = problem(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests from this address; try again shortly",
        Vec::new(),
    );
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The client's address, as the middleware found it.
type Client = Option<axum::Extension<app::staff::auth::ClientIp>>;

fn limited(state: &AppState, client: &Client) -> Option<Response> {
    state
        .api_limiter
        .wait(client.as_ref().map(|c| c.0.0))
        .map(too_many)
}

/// The formats, by the path's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Json,
    GeoJson,
    Csv,
    Xlsx,
}

/// A dataset: one kind, or every listing.
fn dataset(name: &str) -> Option<Option<Kind>> {
    if name == model::listing::kind::ALL_LISTINGS {
        return Some(None);
    }
    Kind::ALL
        .into_iter()
        .find(|k| k.dataset() == name)
        .map(Some)
}

/// One bad parameter and what is wrong with it.
#[derive(Serialize, Debug, PartialEq, ToSchema)]
struct ParamError {
    parameter: String,
    message: String,
}

/// The request's query, read with the list pages' parser after every
/// parameter was checked, and the page size.
fn parse(raw: &str) -> Result<(DirectoryQuery, usize), Vec<ParamError>> {
    let mut errors = Vec::new();
    let mut per_page = PER_PAGE;
    let bad = |errors: &mut Vec<ParamError>, parameter: &str, message: String| {
        errors.push(ParamError {
            parameter: parameter.to_owned(),
            message,
        });
    };
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        match key.as_ref() {
            "q" if value.chars().count() > MAX_QUERY_CHARS => bad(
                &mut errors,
                "q",
                format!("at most {MAX_QUERY_CHARS} characters"),
            ),
            "page"
                if !value
                    .parse::<u32>()
                    .is_ok_and(|p| (1..=MAX_PAGE).contains(&p)) =>
            {
                bad(
                    &mut errors,
                    "page",
                    format!("a whole number from 1 to {MAX_PAGE}"),
                )
            }
            "per_page" => match value.parse::<usize>() {
                Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => per_page = n,
                _ => bad(
                    &mut errors,
                    "per_page",
                    format!("a whole number from 1 to {MAX_PER_PAGE}"),
                ),
            },
            "q" | "page" => {}
            param => match FacetKey::from_param(param) {
                Some(_) if !is_code(&value) => bad(
                    &mut errors,
                    param,
                    "a code of 1 to 100 letters, digits, '-' or '_'".to_owned(),
                ),
                Some(_) => {}
                None => bad(
                    &mut errors,
                    param,
                    "not a parameter of this list".to_owned(),
                ),
            },
        }
    }
    if errors.is_empty() {
        Ok((DirectoryQuery::parse(raw), per_page))
    } else {
        Err(errors)
    }
}

/// A value of a facet parameter: a code as the list pages' filters use
/// (a commune's number, a craft's address, …).
#[derive(ToSchema)]
#[schema(pattern = "^[A-Za-z0-9_-]{1,100}$")]
#[allow(dead_code)]
struct Code(String);

/// Whether `value` reads as a facet's code.
fn is_code(value: &str) -> bool {
    (1..=100).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// An RFC 9457 problem: what went wrong, and each bad parameter.
#[derive(Serialize, ToSchema)]
struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    status: u16,
    errors: Vec<ParamError>,
}

fn problem(status: StatusCode, title: &str, errors: Vec<ParamError>) -> Response {
    let body = Problem {
        kind: "about:blank",
        title: title.to_owned(),
        status: status.as_u16(),
        errors,
    };
    let body = serde_json::to_string(&body).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// A text in both languages.
#[derive(Serialize, ToSchema)]
struct Texts {
    vi: String,
    en: String,
}

/// A place (WGS 84).
#[derive(Serialize, ToSchema)]
struct Point {
    lat: f64,
    lon: f64,
}

/// One listing as the open data gives it.
#[derive(Serialize, ToSchema)]
struct Item {
    /// `village`, `cluster`, `enterprise` or `product`.
    kind: &'static str,
    /// Its address, the same in both languages.
    slug: String,
    name: Texts,
    summary: Option<Texts>,
    /// The commune (since 1 July 2025).
    commune: Option<String>,
    /// The district(s) before 1 July 2025.
    former_districts: Vec<String>,
    point: Option<Point>,
    /// The day it last changed (ISO 8601).
    last_change: Option<String>,
    /// Its pages, in Vietnamese and English.
    url: Texts,
}

fn item(row: ExportRow, site: &str) -> Item {
    let hit = row.hit;
    let summary = match (hit.summary_vi, hit.summary_en) {
        (None, None) => None,
        (vi, en) => Some(Texts {
            vi: vi.unwrap_or_default(),
            en: en.unwrap_or_default(),
        }),
    };
    Item {
        kind: hit.kind.code(),
        url: Texts {
            vi: format!(
                "{site}{}",
                hit.kind.profile_path(model::i18n::Lang::Vi, &hit.slug)
            ),
            en: format!(
                "{site}{}",
                hit.kind.profile_path(model::i18n::Lang::En, &hit.slug)
            ),
        },
        slug: hit.slug,
        name: Texts {
            vi: hit.name_vi,
            en: hit.name_en,
        },
        summary,
        commune: hit.commune,
        former_districts: hit.districts,
        point: row.point.map(|(lat, lon)| Point { lat, lon }),
        last_change: row.changed_on.map(|d| d.to_string()),
    }
}

/// Links to pages of the same list.
#[derive(Serialize, ToSchema)]
struct Links {
    #[serde(rename = "self")]
    this: String,
    next: Option<String>,
    prev: Option<String>,
}

/// A page of a list.
#[derive(Serialize, ToSchema)]
struct ListPage {
    dataset: String,
    license: &'static str,
    /// Listings matching, on every page.
    total: usize,
    page: usize,
    pages: usize,
    per_page: usize,
    items: Vec<Item>,
    links: Links,
}

/// One listing with its sources.
#[derive(Serialize, ToSchema)]
struct OneListing {
    #[serde(flatten)]
    item: Item,
    sources: Vec<Source>,
    license: &'static str,
}

#[derive(Serialize, ToSchema)]
struct Geometry {
    /// `Point`.
    #[serde(rename = "type")]
    kind: &'static str,
    /// Longitude, latitude.
    coordinates: [f64; 2],
}

#[derive(Serialize, ToSchema)]
struct Feature {
    /// `Feature`.
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: Geometry,
    properties: Item,
}

/// A list as GeoJSON (RFC 7946); listings without a point are left out
/// and counted.
#[derive(Serialize, ToSchema)]
struct FeatureCollection {
    /// `FeatureCollection`.
    #[serde(rename = "type")]
    kind: &'static str,
    license: &'static str,
    total: usize,
    without_point: usize,
    features: Vec<Feature>,
}

/// The columns of CSV and XLSX: English names, one per field.
const COLUMNS: [&str; 13] = [
    "kind",
    "slug",
    "name_vi",
    "name_en",
    "summary_vi",
    "summary_en",
    "commune",
    "former_districts",
    "latitude",
    "longitude",
    "last_change",
    "url_vi",
    "url_en",
];

fn table(rows: Vec<ExportRow>, site: &str) -> app::editing::export::Table {
    let rows = rows
        .into_iter()
        .map(|row| {
            let point = row.point;
            let item = item(row, site);
            let (summary_vi, summary_en) = item.summary.map(|s| (s.vi, s.en)).unwrap_or_default();
            vec![
                item.kind.to_owned(),
                item.slug,
                item.name.vi,
                item.name.en,
                summary_vi,
                summary_en,
                item.commune.unwrap_or_default(),
                item.former_districts.join("; "),
                point.map(|p| p.0.to_string()).unwrap_or_default(),
                point.map(|p| p.1.to_string()).unwrap_or_default(),
                item.last_change.unwrap_or_default(),
                item.url.vi,
                item.url.en,
            ]
        })
        .collect();
    app::editing::export::Table {
        header: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows,
    }
}

/// The validator of an answer: it changes with the listings (their
/// generation), the day (certificates run out), the address asked for and
/// the site's address.
fn etag(state: &AppState, path: &str, query: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(state.index.generation().to_le_bytes())
        .chain_update(model::date::Date::today().to_string())
        .chain_update(path)
        .chain_update([0])
        .chain_update(query)
        .chain_update([0])
        .chain_update(&state.site_url)
        .finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn matches(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == tag || t.trim() == "*")
        })
}

/// `GET /api/v1/{dataset}[.json|.geojson|.csv|.xlsx]`.
#[utoipa::path(
    get,
    path = "/api/v1/{dataset}",
    summary = "A list of listings, a page at a time",
    description = "The list pages' parameters; repeated facet parameters add up (\"or\"), \
        different ones narrow (\"and\"). Ordered by kind, then name. The same list, \
        every page of it, is also `/api/v1/{dataset}.geojson`, `.csv` and `.xlsx`.",
    params(
        ("dataset" = String, Path, description = "`villages`, `clusters`, `enterprises`, `products`, or `listings` (all)",
            pattern = "^(villages|clusters|enterprises|products|listings)$"),
        ("q" = Option<String>, Query, description = "Words, with or without Vietnamese diacritics", max_length = 200),
        ("page" = Option<u32>, Query, description = "From 1", minimum = 1, maximum = 10000),
        ("per_page" = Option<u32>, Query, description = "1 to 100; 20 by default", minimum = 1, maximum = 100),
        ("kind" = Option<Vec<Code>>, Query, description = "village, cluster, enterprise, product", explode, style = Form),
        ("commune" = Option<Vec<Code>>, Query, description = "A 2025 commune's code", explode, style = Form),
        ("district" = Option<Vec<Code>>, Query, description = "A former district (before 1 July 2025)", explode, style = Form),
        ("craft" = Option<Vec<Code>>, Query, description = "A craft", explode, style = Form),
        ("group" = Option<Vec<Code>>, Query, description = "A craft group", explode, style = Form),
        ("form" = Option<Vec<Code>>, Query, description = "A legal form (enterprises)", explode, style = Form),
        ("stars" = Option<Vec<Code>>, Query, description = "OCOP stars (products)", explode, style = Form),
        ("stage" = Option<Vec<Code>>, Query, description = "A stage (clusters)", explode, style = Form),
        ("visit" = Option<Vec<Code>>, Query, description = "`experiences` or `open` (villages)", explode, style = Form),
    ),
    responses(
        (status = 200, description = "A page of the list", body = ListPage),
        (status = 304, description = "Not modified since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "Bad parameters, each named", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such dataset", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address: `Retry-After` says when to come back",
            body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Too many whole-list downloads at once (`.geojson`, `.csv`, `.xlsx`): `Retry-After` says when to come back",
            body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    client: Client,
) -> Response {
    if let Some(refused) = limited(&state, &client) {
        return refused;
    }
    let (base, format) = match name.rsplit_once('.') {
        None => (name.as_str(), Format::Json),
        Some((base, "json")) => (base, Format::Json),
        Some((base, "geojson")) => (base, Format::GeoJson),
        Some((base, "csv")) => (base, Format::Csv),
        Some((base, "xlsx")) => (base, Format::Xlsx),
        Some(_) => return problem(StatusCode::NOT_FOUND, "No such dataset", Vec::new()),
    };
    let Some(kind) = dataset(base) else {
        return problem(StatusCode::NOT_FOUND, "No such dataset", Vec::new());
    };
    let raw = query.unwrap_or_default();
    let (mut search, per_page) = match parse(&raw) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return problem(StatusCode::BAD_REQUEST, "Bad request parameters", errors);
        }
    };
    if let Some(kind) = kind {
        search = search.for_kind(kind);
    }
    let tag = etag(&state, &name, &raw);
    if let Some(unchanged) = not_modified(&headers, &state, &tag) {
        return unchanged;
    }
    let site = state.site_url.trim_end_matches('/');
    // A whole list is written a few thousand rows at a time (memory stays
    // flat), but it takes seconds of work for a large one: only a few at
    // once; the others wait a while, then are told to come back.
    let turn = if format == Format::Json {
        None
    } else {
        match tokio::time::timeout(DOWNLOAD_WAIT, DOWNLOADS.acquire()).await {
            Ok(Ok(permit)) => Some(permit),
            _ => {
                let mut busy = problem(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Too many downloads at once; try again shortly",
                    Vec::new(),
                );
                busy.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
                return busy;
            }
        }
    };
    if format == Format::Json {
        let page = search.page.max(1) as usize;
        let start = (page - 1).saturating_mul(per_page);
        let (total, rows) = state
            .index
            .export(&search, start..start.saturating_add(per_page));
        let pages = total.div_ceil(per_page).max(1);
        let link = |page: usize| {
            let mut q = search.clone();
            q.page = u32::try_from(page).unwrap_or(u32::MAX);
            if kind.is_some() {
                q = q.without_kind();
            }
            let mut query = q.to_query_string();
            if per_page != PER_PAGE {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&format!("per_page={per_page}"));
            }
            model::paths::with_query(&format!("{site}/api/v1/{name}"), &query)
        };
        let body = ListPage {
            dataset: base.to_owned(),
            license: LICENSE,
            total,
            page,
            pages,
            per_page,
            items: rows.into_iter().map(|r| item(r, site)).collect(),
            links: Links {
                this: link(page),
                next: (page < pages).then(|| link(page + 1)),
                // Past the last page: back to the last one.
                prev: (page > 1).then(|| link((page - 1).min(pages))),
            },
        };
        return with_last_modified(json_answer(&tag, "application/json", &body), &state);
    }
    let content_type = match format {
        Format::GeoJson => "application/geo+json",
        Format::Csv => "text/csv; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    let download = Download {
        index: state.index.clone(),
        search,
        site: site.to_owned(),
        sheet: base.to_owned(),
        format,
    };
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        // The turn ends when the last byte is handed over (or the client
        // has gone).
        let _turn = turn;
        let send = |bytes: Vec<u8>| sender.blocking_send(Ok(bytes)).is_ok();
        if let Err(error) = download.write(send) {
            tracing::error!(%error, "writing an open data download failed");
            let _ = sender.blocking_send(Err(std::io::Error::other("download failed")));
        }
    });
    // Polled again after its end (the compression layer does), a closed
    // channel keeps answering "no more".
    let mut receiver = receiver;
    let stream = futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx));
    let mut response = (StatusCode::OK, axum::body::Body::from_stream(stream)).into_response();
    set_headers(&mut response, &tag, Some(content_type));
    if format != Format::GeoJson
        && let Ok(value) =
            HeaderValue::from_str(&format!("attachment; filename=\"langnghe-{name}\""))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    with_last_modified(response, &state)
}

/// Rows of a whole-list download written at a time.
const CHUNK_ROWS: usize = 2_000;

/// A whole list to write as GeoJSON, CSV or XLSX.
struct Download {
    index: std::sync::Arc<model::index::SearchIndex>,
    search: DirectoryQuery,
    site: String,
    sheet: String,
    format: Format,
}

impl Download {
    /// Each chunk of [`CHUNK_ROWS`] rows with the total, asked for in
    /// turn from the index (a listing changed meanwhile is written as it
    /// is then); the first comes even when nothing matches.
    fn chunks(&self) -> impl Iterator<Item = (usize, Vec<ExportRow>)> + '_ {
        let mut start = Some(0usize);
        std::iter::from_fn(move || {
            let at = start?;
            let (total, rows) = self.index.export(&self.search, at..at + CHUNK_ROWS);
            start = (at + CHUNK_ROWS < total).then_some(at + CHUNK_ROWS);
            Some((total, rows))
        })
    }

    /// Writes the download, handing each part to `send` (false: the
    /// client has gone, stop).
    fn write(&self, send: impl Fn(Vec<u8>) -> bool) -> Result<(), Box<dyn std::error::Error>> {
        match self.format {
            Format::GeoJson => self.geojson(send),
            Format::Csv => {
                let header = COLUMNS.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
                let mut first = Vec::from(crate::export::CSV_BOM);
                first.extend(crate::export::csv_rows(std::iter::once(&header)));
                if !send(first) {
                    return Ok(());
                }
                for (_, rows) in self.chunks() {
                    let table = table(rows, &self.site);
                    if table.rows.is_empty() {
                        break;
                    }
                    if !send(crate::export::csv_rows(table.rows.iter())) {
                        return Ok(());
                    }
                }
                Ok(())
            }
            Format::Xlsx | Format::Json => self.xlsx(send),
        }
    }

    fn geojson(&self, send: impl Fn(Vec<u8>) -> bool) -> Result<(), Box<dyn std::error::Error>> {
        let mut without_point = 0;
        let mut wrote_any = false;
        let mut started = false;
        for (total, rows) in self.chunks() {
            let mut out = Vec::new();
            if !started {
                started = true;
                out.extend(br#"{"type":"FeatureCollection","license":"#);
                serde_json::to_writer(&mut out, &LICENSE)?;
                out.extend(format!(r#","total":{total},"features":["#).as_bytes());
            }
            if rows.is_empty() {
                send(out);
                break;
            }
            for row in rows {
                let Some((lat, lon)) = row.point else {
                    without_point += 1;
                    continue;
                };
                if wrote_any {
                    out.push(b',');
                }
                wrote_any = true;
                serde_json::to_writer(
                    &mut out,
                    &Feature {
                        kind: "Feature",
                        geometry: Geometry {
                            kind: "Point",
                            coordinates: [lon, lat],
                        },
                        properties: item(row, &self.site),
                    },
                )?;
            }
            if !send(out) {
                return Ok(());
            }
        }
        send(format!(r#"],"without_point":{without_point}}}"#).into_bytes());
        Ok(())
    }

    /// Written row by row to a temporary file (the workbook's constant
    /// memory mode), then handed over in parts.
    fn xlsx(&self, send: impl Fn(Vec<u8>) -> bool) -> Result<(), Box<dyn std::error::Error>> {
        use rust_xlsxwriter::{Format as CellFormat, Workbook};
        let file = tempfile::NamedTempFile::new()?;
        {
            let mut workbook = Workbook::new();
            let bold = CellFormat::new().set_bold();
            let worksheet = workbook.add_worksheet_with_constant_memory()?;
            let name: String = self
                .sheet
                .chars()
                .filter(|c| !"[]:*?/\\".contains(*c))
                .take(31)
                .collect();
            worksheet.set_name(&name)?;
            for (col, text) in COLUMNS.iter().enumerate() {
                worksheet.write_string_with_format(0, u16::try_from(col)?, *text, &bold)?;
            }
            worksheet.set_freeze_panes(1, 0)?;
            let mut r: u32 = 1;
            for (_, rows) in self.chunks() {
                let table = table(rows, &self.site);
                if table.rows.is_empty() {
                    break;
                }
                for row in &table.rows {
                    for (col, text) in row.iter().enumerate() {
                        worksheet.write_string(r, u16::try_from(col)?, text)?;
                    }
                    r += 1;
                }
            }
            workbook.save(file.path())?;
        }
        let mut reader = std::io::BufReader::new(std::fs::File::open(file.path())?);
        loop {
            let mut part = vec![0u8; 256 * 1024];
            let n = std::io::Read::read(&mut reader, &mut part)?;
            if n == 0 {
                return Ok(());
            }
            part.truncate(n);
            if !send(part) {
                return Ok(());
            }
        }
    }
}

/// When the answers last changed: the listings' last change (or the
/// server's start), or the start of today in Vietnam if later (a
/// certificate's validity changes with the day, as the `ETag` does).
fn last_modified(state: &AppState) -> u64 {
    let secs = |t: std::time::SystemTime| {
        t.duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    };
    let now = secs(std::time::SystemTime::now());
    let today = now - (now + 7 * 3600) % 86_400;
    secs(state.index.changed_at()).max(today)
}

/// `Last-Modified`: see [`last_modified`].
fn with_last_modified(mut response: Response, state: &AppState) -> Response {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(last_modified(state));
    if let Ok(value) = HeaderValue::from_str(&http_date(at)) {
        response.headers_mut().insert(header::LAST_MODIFIED, value);
    }
    response
}

/// A time as HTTP writes it: `Sun, 06 Dec 2026 08:49:37 GMT`.
fn http_date(at: std::time::SystemTime) -> String {
    let secs = at
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let date = model::date::Date::from_days_since_epoch(days);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        [usize::try_from(days.rem_euclid(7)).unwrap_or(0)];
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][usize::from(date.month.saturating_sub(1))];
    let rest = secs % 86_400;
    format!(
        "{weekday}, {:02} {month} {} {:02}:{:02}:{:02} GMT",
        date.day,
        date.year,
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The 304 of a request whose validator (`If-None-Match`) or date
/// (`If-Modified-Since`) is still current.
fn not_modified(headers: &HeaderMap, state: &AppState, tag: &str) -> Option<Response> {
    (matches(headers, tag) || not_modified_since(headers, state)).then(|| {
        with_last_modified(
            answer(StatusCode::NOT_MODIFIED, tag, None, Vec::new()),
            state,
        )
    })
}

/// Whether `If-Modified-Since` (without `If-None-Match`, which wins) is
/// at or after the listings' last change.
fn not_modified_since(headers: &HeaderMap, state: &AppState) -> bool {
    if headers.contains_key(header::IF_NONE_MATCH) {
        return false;
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    since.is_some_and(|since| last_modified(state) <= since)
}

/// Seconds since 1970 of an HTTP date (`Sun, 06 Dec 2026 08:49:37 GMT`).
fn parse_http_date(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)?;
    let iso = format!("{year}-{:02}-{day:0>2}", month + 1);
    let date = model::date::Date::parse(&iso)?;
    let mut hms = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    let days = u64::try_from(date.days_since_epoch()).ok()?;
    Some(days * 86_400 + h * 3600 + m * 60 + sec)
}

/// A source as the open data gives it.
#[derive(Serialize, ToSchema)]
struct Source {
    url: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    date: Option<String>,
    note: Texts,
    /// The fields it supports (empty: the record as a whole).
    fields: Vec<String>,
}

/// `GET /api/v1/{dataset}/{slug}`: one published listing of a kind, with
/// its sources; a former address is a 301 to the current one.
#[utoipa::path(
    get,
    path = "/api/v1/{dataset}/{slug}",
    summary = "One listing, with its sources",
    params(
        ("dataset" = String, Path, description = "`villages`, `clusters`, `enterprises` or `products`",
            pattern = "^(villages|clusters|enterprises|products)$"),
        ("slug" = String, Path, description = "Its address, as in its page's"),
    ),
    responses(
        (status = 200, description = "The listing", body = OneListing),
        (status = 301, description = "A former address: `Location` is the current one"),
        (status = 304, description = "Not modified since the `ETag` sent in `If-None-Match`"),
        (status = 404, description = "No such listing or dataset", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address: `Retry-After` says when to come back",
            body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    Path((name, slug)): Path<(String, String)>,
    headers: HeaderMap,
    client: Client,
) -> Response {
    if let Some(refused) = limited(&state, &client) {
        return refused;
    }
    let not_found = || problem(StatusCode::NOT_FOUND, "No such listing", Vec::new());
    let (kind, id) = match find(&state, &name, &slug, "").await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let tag = etag(&state, &format!("{name}/{slug}"), "");
    if let Some(unchanged) = not_modified(&headers, &state, &tag) {
        return unchanged;
    }
    let (Some(row), Ok(Some(stored))) = (
        state.index.row(kind, id),
        model::listing::db::published_sources(&state.pool, kind, id).await,
    ) else {
        return not_found();
    };
    let sources: Vec<Source> = model::listing::sources::read(stored.as_deref())
        .into_iter()
        .map(|c| Source {
            note: Texts {
                en: c
                    .note_en
                    .clone()
                    .or_else(|| c.note.clone())
                    .unwrap_or_default(),
                vi: c.note.unwrap_or_default(),
            },
            url: c.url,
            date: c.date,
            fields: c.fields,
        })
        .collect();
    let site = state.site_url.trim_end_matches('/');
    let body = OneListing {
        item: item(row, site),
        sources,
        license: LICENSE,
    };
    with_last_modified(json_answer(&tag, "application/json", &body), &state)
}

/// The published listing `slug` of dataset `name`, or the answer: 404
/// (problem) for an unknown dataset or listing, 301 to the current
/// address (with `tail` after it) for a former one.
async fn find(
    state: &AppState,
    name: &str,
    slug: &str,
    tail: &str,
) -> Result<(Kind, i64), Response> {
    let not_found = || problem(StatusCode::NOT_FOUND, "No such listing", Vec::new());
    let Some(Some(kind)) = dataset(name) else {
        return Err(problem(
            StatusCode::NOT_FOUND,
            "No such dataset",
            Vec::new(),
        ));
    };
    if model::text::Slug::parse(slug).is_err() {
        return Err(not_found());
    }
    let found = match state.pool.acquire().await {
        Ok(mut conn) => model::listing::db::published_id(&mut conn, kind, slug).await,
        Err(error) => Err(error),
    };
    match found {
        Ok(Some(id)) => Ok((kind, id)),
        Ok(None) => Err(
            match model::listing::db::moved_to(&state.pool, kind, slug).await {
                Ok(Some(current)) => {
                    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
                    if let Ok(value) =
                        HeaderValue::from_str(&format!("/api/v1/{name}/{current}{tail}"))
                    {
                        response.headers_mut().insert(header::LOCATION, value);
                    }
                    response
                }
                Ok(None) => not_found(),
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            },
        ),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// How far nearby reaches at most, and how many it gives at most.
const NEARBY_MAX_KM: f64 = 50.0;
const NEARBY_MAX: usize = 50;

/// A listing nearby, with its distance.
#[derive(Serialize, ToSchema)]
struct NearbyItem {
    #[serde(flatten)]
    item: Item,
    /// Kilometres between the points on record (commune centres where the
    /// exact place is not known).
    distance_km: f64,
}

/// The published listings near one, nearest first.
#[derive(Serialize, ToSchema)]
struct NearbyPage {
    /// The listing they are near (its address).
    near: String,
    radius_km: f64,
    license: &'static str,
    items: Vec<NearbyItem>,
}

/// `radius_km` and `limit`, each checked; anything else is a bad parameter.
fn parse_nearby(raw: &str) -> Result<(f64, usize), Vec<ParamError>> {
    let mut errors = Vec::new();
    let (mut radius, mut limit) = (model::search::NEARBY_RADIUS_KM, model::search::NEARBY_LIMIT);
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        let bad = |message: &str| ParamError {
            parameter: key.to_string(),
            message: message.to_owned(),
        };
        match key.as_ref() {
            "radius_km" => match value.parse::<f64>() {
                Ok(r) if r.is_finite() && r > 0.0 && r <= NEARBY_MAX_KM => radius = r,
                _ => errors.push(bad("a number of kilometres, more than 0 and at most 50")),
            },
            "limit" => match value.parse::<usize>() {
                Ok(n) if (1..=NEARBY_MAX).contains(&n) => limit = n,
                _ => errors.push(bad("a whole number from 1 to 50")),
            },
            _ => errors.push(bad("unknown parameter")),
        }
    }
    if errors.is_empty() {
        Ok((radius, limit))
    } else {
        Err(errors)
    }
}

/// `GET /api/v1/{dataset}/{slug}/nearby`: the published listings of every
/// kind nearest to one, within a radius.
#[utoipa::path(
    get,
    path = "/api/v1/{dataset}/{slug}/nearby",
    summary = "The listings near one, nearest first",
    params(
        ("dataset" = String, Path, description = "`villages`, `clusters`, `enterprises` or `products`",
            pattern = "^(villages|clusters|enterprises|products)$"),
        ("slug" = String, Path, description = "Its address, as in its page's"),
        ("radius_km" = Option<f64>, Query, description = "How far, in km (15 by default)",
            exclusive_minimum = 0, maximum = 50),
        ("limit" = Option<u32>, Query, description = "How many at most (12 by default)", minimum = 1, maximum = 50),
    ),
    responses(
        (status = 200, description = "The listings nearby", body = NearbyPage),
        (status = 301, description = "A former address: `Location` is the current one"),
        (status = 304, description = "Not modified since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "Bad parameters, each named", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such listing or dataset", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address: `Retry-After` says when to come back",
            body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn nearby(
    State(state): State<AppState>,
    Path((name, slug)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    client: Client,
) -> Response {
    if let Some(refused) = limited(&state, &client) {
        return refused;
    }
    let raw = query.unwrap_or_default();
    let (kind, id) = match find(&state, &name, &slug, "/nearby").await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let (radius_km, limit) = match parse_nearby(&raw) {
        Ok(parsed) => parsed,
        Err(errors) => return problem(StatusCode::BAD_REQUEST, "Bad request parameters", errors),
    };
    let tag = etag(&state, &format!("{name}/{slug}/nearby"), &raw);
    if let Some(unchanged) = not_modified(&headers, &state, &tag) {
        return unchanged;
    }
    let site = state.site_url.trim_end_matches('/');
    let items = state
        .index
        .nearby_rows(kind, id, radius_km, limit)
        .into_iter()
        .map(|(row, km)| NearbyItem {
            item: item(row, site),
            distance_km: (km * 100.0).round() / 100.0,
        })
        .collect();
    let body = NearbyPage {
        near: slug,
        radius_km,
        license: LICENSE,
        items,
    };
    with_last_modified(json_answer(&tag, "application/json", &body), &state)
}

fn json_answer(tag: &str, content_type: &str, body: &impl Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => answer(StatusCode::OK, tag, Some(content_type), bytes),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The OpenAPI document of the open data.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Làng nghề — open data",
        description = "The craft villages, industrial parks and clusters, enterprises and OCOP \
            products the portal lists, in Vietnamese and English.",
        license(
            name = "CC BY 4.0",
            url = "https://creativecommons.org/licenses/by/4.0/"
        ),
    ),
    paths(list, one, nearby),
    components(schemas(
        Code,
        ListPage,
        OneListing,
        NearbyPage,
        NearbyItem,
        Item,
        Texts,
        Point,
        Source,
        Links,
        Problem,
        ParamError,
        FeatureCollection,
        Feature,
        Geometry
    ))
)]
struct ApiDoc;

/// The document with this site as its server, and the list's other
/// formats as paths of their own.
fn document(site: &str) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::{ContentBuilder, ResponseBuilder, ServerBuilder};
    let mut doc = ApiDoc::openapi();
    doc.servers = Some(vec![ServerBuilder::new().url(site).build()]);
    let list = doc.paths.paths.get("/api/v1/{dataset}").cloned();
    if let Some(list) = list {
        let geojson = ContentBuilder::new()
            .schema(Some(utoipa::openapi::Ref::from_schema_name(
                "FeatureCollection",
            )))
            .build();
        let file = ContentBuilder::new()
            .schema(Some(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .build(),
            ))
            .build();
        for (extension, content_type, content, what) in [
            (
                "geojson",
                "application/geo+json",
                geojson,
                "Every listing of the list with a point, as GeoJSON",
            ),
            (
                "csv",
                "text/csv; charset=utf-8",
                file.clone(),
                "Every listing of the list, as CSV (UTF-8 with a byte-order mark)",
            ),
            (
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                file,
                "Every listing of the list, as an Excel workbook",
            ),
        ] {
            let mut item = list.clone();
            if let Some(get) = item.get.as_mut() {
                get.summary = Some(what.to_owned());
                get.operation_id = Some(format!("list_{extension}"));
                // Every page at once: no paging parameters.
                if let Some(params) = get.parameters.as_mut() {
                    params.retain(|p| p.name != "page" && p.name != "per_page");
                }
                get.responses.responses.insert(
                    "200".to_owned(),
                    ResponseBuilder::new()
                        .description(what)
                        .content(content_type, content)
                        .build()
                        .into(),
                );
            }
            doc.paths
                .paths
                .insert(format!("/api/v1/{{dataset}}.{extension}"), item);
        }
    }
    doc
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi(State(state): State<AppState>) -> Response {
    let doc = document(state.site_url.trim_end_matches('/'));
    let Ok(text) = doc.to_json() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = etag(&state, OPENAPI_ROUTE, "");
    hourly(answer(
        StatusCode::OK,
        &tag,
        Some("application/json"),
        text.into_bytes(),
    ))
}

/// An answer that changes rarely: cached an hour.
fn hourly(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// Where the OpenAPI document is.
pub const OPENAPI_ROUTE: &str = model::paths::OPENAPI;

/// `GET /api/v1/catalog.jsonld`: the datasets as a DCAT catalogue
/// (JSON-LD) that data portals can harvest: each with its title in both
/// languages, licence, last change, landing page and one distribution per
/// format.
pub async fn catalog(State(state): State<AppState>) -> Response {
    use model::i18n::Lang;
    let site = state.site_url.trim_end_matches('/');
    let both = |vi: &str, en: &str| {
        serde_json::json!([
            { "@value": vi, "@language": "vi" },
            { "@value": en, "@language": "en" },
        ])
    };
    let sets = model::opendata::datasets(&state.index.published());
    let datasets: Vec<serde_json::Value> = sets
        .iter()
        .map(|set| {
            let distributions: Vec<serde_json::Value> = model::opendata::FORMATS
                .iter()
                .map(|(extension, media)| {
                    let url = format!("{site}{}", set.href(extension));
                    serde_json::json!({
                        "@type": "dcat:Distribution",
                        "dcat:accessURL": { "@id": url },
                        "dcat:downloadURL": { "@id": url },
                        "dcat:mediaType": media,
                        "dct:format": extension.to_uppercase(),
                        "dct:license": { "@id": LICENSE },
                    })
                })
                .collect();
            let landing = set.kind.map_or_else(
                || model::paths::search(Lang::Vi).to_owned(),
                |kind| kind.list_path(Lang::Vi).to_owned(),
            );
            serde_json::json!({
                "@type": "dcat:Dataset",
                "@id": format!("{site}/api/v1/{}", set.name()),
                "dct:identifier": set.name(),
                "dct:title": both(set.title(Lang::Vi), set.title(Lang::En)),
                "dct:modified": set.changed.map(|d| serde_json::json!({ "@value": d.to_string(), "@type": "xsd:date" })),
                "dct:license": { "@id": LICENSE },
                "dcat:landingPage": { "@id": format!("{site}{landing}") },
                "dcat:keyword": ["làng nghề", "craft villages", "OCOP", "Hòa Bình", "Phú Thọ"],
                "dcat:distribution": distributions,
            })
        })
        .collect();
    let body = serde_json::json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{site}{}", model::paths::DCAT_CATALOG),
        "@type": "dcat:Catalog",
        "dct:title": both(Lang::Vi.t().site_name, Lang::En.t().site_name),
        "dct:license": { "@id": LICENSE },
        "dct:publisher": { "@type": "foaf:Organization", "foaf:name": Lang::Vi.t().site_name, "foaf:homepage": { "@id": site } },
        "foaf:homepage": { "@id": format!("{site}{}", model::paths::open_data(Lang::Vi)) },
        "dcat:dataset": datasets,
    });
    hourly(answer(
        StatusCode::OK,
        &etag(&state, model::paths::DCAT_CATALOG, ""),
        Some("application/ld+json"),
        body.to_string().into_bytes(),
    ))
}

/// An open data route: every answer of it (pages, problems, redirects,
/// 304s) may be read by any site.
pub fn open(route: axum::routing::MethodRouter<AppState>) -> axum::routing::MethodRouter<AppState> {
    route.layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    ))
}

/// An answer with the open data's headers.
fn answer(status: StatusCode, tag: &str, content_type: Option<&str>, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    set_headers(&mut response, tag, content_type);
    response
}

/// The open data's headers: its type, validator and caching.
fn set_headers(response: &mut Response, tag: &str, content_type: Option<&str>) {
    let headers = response.headers_mut();
    if let Some(value) = content_type.and_then(|c| HeaderValue::from_str(c).ok()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_parameter_is_named() {
        assert!(parse(&format!("page={}", MAX_PAGE + 1)).is_err());
        assert_eq!(MAX_PAGE, 10_000, "the OpenAPI document says so");
        let errors = parse("page=0&per_page=500&colour=red&craft=&q=ok").unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
        assert_eq!(named, ["page", "per_page", "colour", "craft"]);
        let (query, per_page) = parse("q=tho+cam&page=2&per_page=50").unwrap();
        assert_eq!((query.q.as_str(), query.page, per_page), ("tho cam", 2, 50));
        assert!(parse(&format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1))).is_err());
    }

    #[test]
    fn http_dates_are_written_and_read_back() {
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_796_546_977);
        let text = http_date(at);
        assert_eq!(text, "Sun, 06 Dec 2026 08:49:37 GMT");
        assert_eq!(parse_http_date(&text), Some(1_796_546_977));
        assert_eq!(
            http_date(std::time::UNIX_EPOCH),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
        for bad in [
            "",
            "yesterday",
            "Sun, 06 Dec 2026 08:49:37",
            "Sun, 31 Feb 2026 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }
}
