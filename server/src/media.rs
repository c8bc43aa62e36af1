//! Photo uploads: a plain multipart form (it works without JavaScript),
//! checked from the bytes, re-encoded without metadata into a few widths
//! as WebP and JPEG, written under names the server chooses.

use crate::state::AppState;
use app::media::{
    MAX_ASPECT, MAX_BYTES, MAX_FILES, MAX_PIXELS, MAX_UPLOAD_BYTES, UPLOAD_FLASH, UploadOutcome,
    WIDTHS,
};
use app::staff::auth::RequestContext;
use axum::extract::{Multipart, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use model::listing::Kind;
use model::media::Target;
use std::collections::HashSet;
use std::io::Cursor;

/// The most read of one text field of the upload form.
const MAX_TEXT_BYTES: usize = 4096;

/// Photos decoded at once, on the whole server.
static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
/// How long an upload waits for its turn before it is told to come again.
const DECODE_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// One re-encoded size.
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub jpeg: Vec<u8>,
}

/// Decodes `bytes` (JPEG, PNG, WebP or GIF, decided from the bytes),
/// refuses more than [`MAX_PIXELS`] before decoding, applies the EXIF
/// orientation and writes each width of [`WIDTHS`] not larger than the
/// original (at least one) as WebP and JPEG. Metadata is not carried over:
/// only pixels are re-encoded.
pub fn process(bytes: &[u8]) -> Result<Vec<Encoded>, UploadOutcome> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| UploadOutcome::NotAnImage)?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif) => {}
        _ => return Err(UploadOutcome::NotAnImage),
    }
    // JPEG decoders fill a cut file with grey instead of failing.
    if reader.format() == Some(ImageFormat::Jpeg) && !jpeg_complete(bytes) {
        return Err(UploadOutcome::Unreadable);
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| UploadOutcome::Unreadable)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(UploadOutcome::Unreadable);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(UploadOutcome::TooManyPixels);
    }
    if u64::from(w.max(h)) > u64::from(w.min(h)) * u64::from(MAX_ASPECT) {
        return Err(UploadOutcome::BadShape);
    }
    // The decoded pixels (at most 4 bytes each) and the decoder's own
    // buffers; nothing larger is allocated on a file's word.
    let mut limits = Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    decoder
        .set_limits(limits)
        .map_err(|_| UploadOutcome::TooManyPixels)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| UploadOutcome::Unreadable)?;
    image.apply_orientation(orientation);
    let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
    let original = rgb.width();
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < original).collect();
    if widths.len() < WIDTHS.len() {
        // The original's own width, when it is smaller than the largest.
        widths.push(original.min(WIDTHS[WIDTHS.len() - 1]));
    }
    widths.dedup();
    let mut out = Vec::with_capacity(widths.len());
    for width in widths {
        let sized = if width == original {
            rgb.clone()
        } else {
            let height = (u64::from(rgb.height()) * u64::from(width) / u64::from(original)).max(1);
            rgb.resize_exact(
                width,
                u32::try_from(height).unwrap_or(1),
                image::imageops::FilterType::CatmullRom,
            )
        };
        let buffer = sized.to_rgb8();
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 82)
            .encode_image(&buffer)
            .map_err(|_| UploadOutcome::Unreadable)?;
        let webp = webp::Encoder::from_rgb(buffer.as_raw(), buffer.width(), buffer.height())
            .encode(78.0)
            .to_vec();
        out.push(Encoded {
            width: buffer.width(),
            height: buffer.height(),
            webp,
            jpeg,
        });
    }
    Ok(out)
}

/// Whether a JPEG's last scan is followed by its end marker. Inside the
/// compressed data every 0xFF byte is stuffed (0xFF 0x00), so the markers
/// 0xFFDA (start of scan) and 0xFFD9 (end of image) appear only as markers;
/// data some cameras append after the end marker does not matter.
fn jpeg_complete(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    last_scan.is_some_and(|at| bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// 32 random lower-case hex digits.
fn new_stem() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The most read of a listing field sent along with an upload (the
/// form's typing, kept for the form: see [`upload`]).
const MAX_TYPED_BYTES: usize = 64 * 1024;
/// The most listing fields read along with an upload.
const MAX_TYPED_FIELDS: usize = 200;

#[derive(Default)]
struct Form {
    kind: Option<Kind>,
    id: Option<i64>,
    /// A partner's tour (the tour photo upload).
    tour: Option<i64>,
    lang: model::i18n::Lang,
    alt_vi: String,
    alt_en: String,
    /// The files, in the order chosen; at most [`MAX_FILES`].
    files: Vec<Vec<u8>>,
    /// Reading stopped at a file: over [`MAX_BYTES`] (`TooLarge`), or
    /// over [`MAX_FILES`] or [`MAX_UPLOAD_BYTES`] (`TooMany`).
    stopped: Option<UploadOutcome>,
    /// The listing's fields as typed in its form, when the upload was sent
    /// from it (the upload button belongs to the listing's form), and the
    /// version they stand on.
    typed: model::editing::Values,
    version: Option<String>,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, StatusCode> {
    let mut form = Form::default();
    let mut held = 0;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let mut bytes = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) if bytes.len() + chunk.len() > MAX_BYTES => {
                        form.stopped = Some(UploadOutcome::TooLarge);
                    }
                    Ok(Some(chunk)) if held + bytes.len() + chunk.len() > MAX_UPLOAD_BYTES => {
                        form.stopped = Some(UploadOutcome::TooMany);
                    }
                    Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                    Ok(None) => break,
                    // The body ended early (or went over its limit).
                    Err(_) => form.stopped = Some(UploadOutcome::TooLarge),
                }
                // The form's hidden fields came first, so the answer can
                // still go back to the listing's form with the message (and
                // the files before this one are kept).
                if form.stopped.is_some() {
                    return Ok(form);
                }
            }
            // An empty file input sends one empty part.
            if !bytes.is_empty() {
                if form.files.len() == MAX_FILES {
                    form.stopped = Some(UploadOutcome::TooMany);
                    return Ok(form);
                }
                held += bytes.len();
                form.files.push(bytes);
            }
            continue;
        }
        let typed_key = name
            .strip_prefix("fields[")
            .and_then(|rest| rest.strip_suffix(']'))
            .map(str::to_owned);
        let limit = if typed_key.is_some() {
            MAX_TYPED_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        // Text fields are short: at most a few KB are read of each.
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| StatusCode::BAD_REQUEST)? {
            if bytes.len() + chunk.len() > limit {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            bytes.extend_from_slice(&chunk);
        }
        if let Some(key) = typed_key {
            if form.typed.len() >= MAX_TYPED_FIELDS {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            // Exactly as typed (the form's own checks come with its save).
            form.typed
                .insert(key, String::from_utf8_lossy(&bytes).into_owned());
            continue;
        }
        let text = app::media::clean_alt(&String::from_utf8_lossy(&bytes));
        match name.as_str() {
            "kind" => form.kind = Kind::parse(&text),
            "id" => form.id = text.parse().ok(),
            "tour" => form.tour = text.parse().ok(),
            "lang" => form.lang = model::i18n::Lang::from_code(Some(&text)),
            "alt_vi" => form.alt_vi = text,
            "alt_en" => form.alt_en = text,
            "version" => form.version = Some(text),
            _ => {}
        }
    }
    Ok(form)
}

/// The upload's form, read from the body after the role was checked.
async fn read_upload(
    parts: axum::http::request::Parts,
    body: axum::body::Body,
) -> Result<Form, Response> {
    let request = Request::from_parts(parts, body);
    let multipart =
        match <Multipart as axum::extract::FromRequest<()>>::from_request(request, &()).await {
            Ok(multipart) => multipart,
            Err(_) => return Err(StatusCode::BAD_REQUEST.into_response()),
        };
    read_form(multipart)
        .await
        .map_err(IntoResponse::into_response)
}

/// The answer to an upload that does not say what its photos are of.
fn no_target(form: &Form) -> Response {
    if form.stopped.is_some() {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Ảnh quá lớn (tối đa 10 MB). — The photo is too large (at most 10 MB).",
        )
            .into_response();
    }
    (
        StatusCode::BAD_REQUEST,
        "Thiếu mục của ảnh. — The listing of the photo is missing.",
    )
        .into_response()
}

fn wants_json(parts: &axum::http::request::Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// `POST /api/staff/images`: an editor's upload for one listing.
pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // The role first, before reading the body.
    let (user, cx) = match crate::staff_route::editor(&state, &parts).await {
        Ok(editor) => editor,
        Err(refused) => return refused,
    };
    let session = cx.session.clone();
    let wants_json = wants_json(&parts);
    let mut form = match read_upload(parts, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let (Some(kind), Some(id)) = (form.kind, form.id) else {
        return no_target(&form);
    };
    let commune = match model::media::db::listing_commune(&state.pool, kind, id).await {
        Ok(Some(commune)) => commune,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if !user.may_edit_in(commune.as_deref()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let (lang, typed, version) = (
        form.lang,
        std::mem::take(&mut form.typed),
        form.version.take(),
    );
    let flash = match store(&state, &cx, &user, (Target::Listing(kind), id), form).await {
        Ok(flash) => flash,
        Err(status) => return status.into_response(),
    };
    // Sent by the hydrated form (a fetch): the listing's photos now, in
    // place; the form and its typing stay as they are.
    if wants_json {
        return match model::media::db::of_listing(&state.pool, kind, id, false).await {
            Ok(images) => axum::Json(app::media::PhotoAnswer {
                images,
                flash: Some(flash),
            })
            .into_response(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    if let Some(session) = &session {
        let _ = session.insert(UPLOAD_FLASH, flash).await;
        // A plain post of the listing's form (its upload button): what
        // was typed there and not saved comes back in the form, unsaved.
        if !typed.is_empty()
            && let Some(version) = version
        {
            let _ = app::editing::api::keep_typed(session, kind, id, version, typed).await;
        }
    }
    redirect_with(&format!("{}#photos", kind.edit_path(lang, id)), flash)
}

/// Back to the form the upload came from, with its outcome in a header
/// too (for scripts and tests).
fn redirect_with(back: &str, flash: app::media::PhotoFlash) -> Response {
    let mut response = Redirect::to(back).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!("{:?}", flash.outcome)) {
        response.headers_mut().insert("x-upload-outcome", value);
    }
    response
}

/// `POST /api/staff/tour-images`: a partner's photos of one of its own
/// tours (a plain form; back to the tour's form with the message).
pub async fn upload_tour(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // The role first, before reading the body: partners only.
    let (user, cx) = match crate::staff_route::signed_in(&state, &parts).await {
        Ok(signed_in) => signed_in,
        Err(refused) => return refused,
    };
    if user.role != model::staff::Role::Partner {
        return StatusCode::FORBIDDEN.into_response();
    }
    let form = match read_upload(parts, body).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let Some(tour) = form.tour else {
        return no_target(&form);
    };
    // The tour is the partner's organisation's, or nothing is read.
    if let Err(error) = app::staff::tours::own_tour(&cx, &user, tour).await {
        return StatusCode::from_u16(error.status_code())
            .unwrap_or(StatusCode::FORBIDDEN)
            .into_response();
    }
    let lang = form.lang;
    let flash = match store(&state, &cx, &user, (Target::Tour, tour), form).await {
        Ok(flash) => flash,
        Err(status) => return status.into_response(),
    };
    if let Some(session) = &cx.session {
        let _ = session.insert(UPLOAD_FLASH, flash).await;
    }
    let back = format!("{}?tour={tour}#photos", model::paths::partner_tours(lang));
    redirect_with(&back, flash)
}

/// Stores each file of the upload in turn, with the same texts; the
/// answer counts those added and, when one is refused, says why (the files
/// after it are not tried: the message names one reason).
async fn store(
    state: &AppState,
    cx: &RequestContext,
    user: &app::staff::StaffUser,
    target: (Target, i64),
    form: Form,
) -> Result<app::media::PhotoFlash, StatusCode> {
    let mut flash = app::media::PhotoFlash::new(UploadOutcome::Added, None);
    if form.files.is_empty() {
        flash.outcome = form.stopped.unwrap_or(UploadOutcome::NoFile);
        return Ok(flash);
    }
    if form.alt_vi.is_empty() {
        flash.outcome = UploadOutcome::AltRequired;
        return Ok(flash);
    }
    for bytes in form.files {
        let texts = (form.alt_vi.as_str(), form.alt_en.as_str());
        match store_one(state, cx, user, target, texts, bytes).await? {
            UploadOutcome::Added => flash.added += 1,
            refused => {
                flash.outcome = refused;
                return Ok(flash);
            }
        }
    }
    if let Some(stopped) = form.stopped {
        flash.outcome = stopped;
    }
    Ok(flash)
}

/// Decodes, re-encodes and records one photo of a listing or a tour.
async fn store_one(
    state: &AppState,
    cx: &RequestContext,
    user: &app::staff::StaffUser,
    (target, id): (Target, i64),
    (alt_vi, alt_en): (&str, &str),
    bytes: Vec<u8>,
) -> Result<UploadOutcome, StatusCode> {
    // Decoding takes up to a few hundred MB and a core for a second or
    // more: only a few at once, the others wait (and after a while are
    // told to send again).
    let Ok(Ok(_permit)) = tokio::time::timeout(DECODE_WAIT, DECODES.acquire()).await else {
        return Ok(UploadOutcome::Busy);
    };
    let encoded = match tokio::task::spawn_blocking(move || process(&bytes)).await {
        Ok(Ok(encoded)) => encoded,
        Ok(Err(outcome)) => return Ok(outcome),
        Err(error) => {
            tracing::error!(%error, "processing a photo failed");
            return Ok(UploadOutcome::Unreadable);
        }
    };
    let stem = new_stem().map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    tokio::fs::create_dir_all(&state.media_dir)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    for size in &encoded {
        for (ext, data) in [("webp", &size.webp), ("jpg", &size.jpeg)] {
            let path = state.media_dir.join(format!("{stem}-{}.{ext}", size.width));
            tokio::fs::write(&path, data).await.map_err(|error| {
                tracing::error!(%error, ?path, "writing a photo failed");
                StatusCode::INTERNAL_SERVER_ERROR
            })?;
        }
    }
    let Some(largest) = encoded.last() else {
        return Ok(UploadOutcome::Unreadable);
    };
    let widths: Vec<u32> = encoded.iter().map(|e| e.width).collect();
    let ip = cx.ip_text();
    model::media::db::insert(
        &state.pool,
        model::media::db::NewImage {
            target,
            target_id: id,
            stem: &stem,
            widths: &widths,
            width: largest.width,
            height: largest.height,
            alt_vi,
            alt_en,
            user_id: user.id,
            ip: ip.as_deref(),
        },
    )
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    // Cached public pages show the photos: they are made again.
    state.index.touch();
    Ok(UploadOutcome::Added)
}

/// Tidies the photo folders at start-up, before any upload: deletes for
/// good the photos deleted over [`model::media::TRASH_DAYS`] days ago
/// (rows and files), and files that no photo row names — written by an
/// upload whose row was never written (the server stopped between the
/// two), or left by a delete that stopped after its row. Returns how many
/// files went.
pub async fn sweep_orphans(
    pool: &sqlx::SqlitePool,
    media_dir: &std::path::Path,
) -> Result<usize, Box<dyn std::error::Error>> {
    let purged = model::media::db::purge_deleted(pool, model::media::TRASH_DAYS).await?;
    if !purged.is_empty() {
        tracing::info!(photos = purged.len(), "deleted photos gone for good");
    }
    let (mut shown, mut trashed) = (HashSet::new(), HashSet::new());
    for (stem, deleted) in model::media::db::all_stems(pool).await? {
        if deleted {
            trashed.insert(stem);
        } else {
            shown.insert(stem);
        }
    }
    let trash = media_dir.join(model::media::TRASH_DIR);
    Ok(sweep_folder(media_dir, &shown).await? + sweep_folder(&trash, &trashed).await?)
}

/// The file in a photo folder that names the database whose photos it
/// holds (hidden, so never served).
pub const OWNER_FILE: &str = ".database";

/// Why a database leaves a photo folder alone at start-up.
#[derive(Debug, PartialEq)]
pub enum NotTidied {
    /// Another database (its file's path) owns the folder.
    OtherOwner(String),
    /// A database in memory knows no photo of any folder.
    InMemory,
    /// The owner file could not be written.
    Unwritable(String),
}

impl std::fmt::Display for NotTidied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotTidied::OtherOwner(owner) => write!(
                f,
                "the folder belongs to the database {owner}; give each database its own --media-dir"
            ),
            NotTidied::InMemory => write!(f, "the database is in memory"),
            NotTidied::Unwritable(error) => {
                write!(f, "its {OWNER_FILE} could not be written: {error}")
            }
        }
    }
}

/// Whether this database may tidy the photo folder: its files are deleted
/// when no photo row of the database names them, so a folder shared with
/// another database (two deployments, or a test run, left on the default
/// `data/media`) would lose the other's photos. The first database to tidy
/// a folder writes its file's full path into [`OWNER_FILE`]; any other one
/// leaves the folder alone.
pub fn may_tidy(media_dir: &std::path::Path, database_url: &str) -> Result<(), NotTidied> {
    let Ok(file) = crate::backup::database_file(database_url) else {
        return Err(NotTidied::InMemory);
    };
    let ours = std::fs::canonicalize(&file)
        .unwrap_or(file)
        .display()
        .to_string();
    let marker = media_dir.join(OWNER_FILE);
    match std::fs::read_to_string(&marker) {
        Ok(owner) if owner.trim() == ours => Ok(()),
        Ok(owner) => Err(NotTidied::OtherOwner(owner.trim().to_owned())),
        Err(_) => std::fs::create_dir_all(media_dir)
            .and_then(|()| std::fs::write(&marker, format!("{ours}\n")))
            .map_err(|e| NotTidied::Unwritable(e.to_string())),
    }
}

/// Deletes the photo files of `dir` (not its folders) whose stem is not in
/// `keep`.
async fn sweep_folder(
    dir: &std::path::Path,
    keep: &HashSet<String>,
) -> Result<usize, Box<dyn std::error::Error>> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error.into()),
    };
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let stem = name.split(['-', '.']).next().unwrap_or_default();
        // Only files of our naming (32 hex digits, a width, an extension).
        if stem.len() != 32 || !stem.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        if !keep.contains(stem) && entry.file_type().await?.is_file() {
            tokio::fs::remove_file(entry.path()).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Whether a path under the media route names something never served: a
/// hidden name (the trash folder of deleted photos) or an encoded one
/// (photos' names are plain).
pub fn hidden_media_path(path: &str) -> bool {
    path.contains("/.") || path.starts_with('.') || path.contains('%') || path.contains('\\')
}

/// The headers of served photos: cached for a year (names never change),
/// never sniffed, never run.
pub fn media_headers<B>(response: &mut axum::http::Response<B>) {
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
}
