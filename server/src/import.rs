//! Bulk import routes (editors and administrators; the role is checked
//! before a body is read):
//!
//! - `POST /api/staff/import`: a spreadsheet (multipart `kind`, `lang`,
//!   `file`) is read (calamine for Excel and OpenDocument, the csv crate for
//!   UTF-8 CSV) and kept as a preview; nothing is written to the listings.
//! - `POST /api/staff/import/{id}`: the preview's forms (`do` = `columns`,
//!   `decide`, `apply`, `undo`), answered with a redirect to its page.
//! - `GET /api/staff/import-template/{kind}.xlsx`: a kind's template.
//! - `GET /api/staff/export-all`: every listing the reader may read, one
//!   sheet per kind.
//!
//! Browsers get a redirect back to the page with a note; clients asking
//! for JSON get the status (413 too large, 422 unreadable, 409 not ready).

use crate::state::AppState;
use app::staff::imports::{NOTE_KEY, Note};
use axum::extract::{Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use model::i18n::Lang;
use model::import::{FileProblem, MAX_BYTES, MAX_COLUMNS, MAX_ROWS, Sheet};
use model::listing::Kind;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most bytes of an import page's form read.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// Reads a spreadsheet's first sheet that has cells: Excel (.xlsx, .xls),
/// OpenDocument, or UTF-8 CSV (with or without a byte-order mark; comma,
/// semicolon or tab). A file named like a workbook must be one.
pub fn read_sheet(bytes: &[u8], file_name: &str) -> Result<Sheet, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let workbook_magic =
        bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let lower = file_name.to_lowercase();
    let named_workbook = [".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let rows = if workbook_magic {
        read_workbook(bytes)?
    } else if named_workbook {
        return Err(FileProblem::NotSpreadsheet);
    } else {
        read_csv(bytes)?
    };
    sheet_of(rows)
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileProblem> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| FileProblem::NotSpreadsheet)?;
    for (_, range) in workbook.worksheets() {
        if range.is_empty() {
            continue;
        }
        if range.height() > MAX_ROWS + 1 {
            return Err(FileProblem::TooManyRows);
        }
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().take(MAX_COLUMNS).map(cell_text).collect())
            .collect();
        if rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty())) {
            return Ok(rows);
        }
    }
    Err(FileProblem::Empty)
}

/// A workbook cell as text: whole numbers without ".0", dates as
/// YYYY-MM-DD, yes/no as 1/0, errors as empty.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        Data::Float(x) => x.to_string(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Data::DateTime(dt) => {
            // Excel's day 0 is 1899-12-30 (in the 1900 system).
            let serial = dt.as_f64().floor();
            if dt.is_datetime() && (1.0..2_958_466.0).contains(&serial) {
                let days = serial as i64 - 25_569;
                model::date::Date::from_days_since_epoch(days).to_string()
            } else {
                dt.as_f64().to_string()
            }
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileProblem> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotSpreadsheet)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(FileProblem::NotSpreadsheet);
    }
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| FileProblem::NotSpreadsheet)?;
        if rows.len() > MAX_ROWS + 1 {
            return Err(FileProblem::TooManyRows);
        }
        rows.push(
            record
                .iter()
                .take(MAX_COLUMNS)
                .map(|c| {
                    // The CSV export keeps formula-like cells as text with
                    // an apostrophe: read back as typed.
                    match c.strip_prefix('\'') {
                        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
                        _ => c.to_owned(),
                    }
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// The header (first row with a cell) and the rows under it, without
/// trailing empty columns and rows.
fn sheet_of(mut rows: Vec<Vec<String>>) -> Result<Sheet, FileProblem> {
    while rows
        .last()
        .is_some_and(|r| r.iter().all(|c| c.trim().is_empty()))
    {
        rows.pop();
    }
    let start = rows
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        .ok_or(FileProblem::Empty)?;
    let mut rows = rows.split_off(start);
    let mut header = rows.remove(0);
    while header.last().is_some_and(|c| c.trim().is_empty()) {
        header.pop();
    }
    for row in &mut rows {
        row.truncate(header.len());
    }
    if rows.is_empty() || header.is_empty() {
        return Err(FileProblem::Empty);
    }
    if rows.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows);
    }
    let header = header.into_iter().map(|h| h.trim().to_owned()).collect();
    Ok(Sheet { header, rows })
}

fn wants_json(parts: &axum::http::request::Parts) -> bool {
    parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn status_of(problem: FileProblem) -> StatusCode {
    match problem {
        FileProblem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// Leaves `note` for the next page the session loads.
async fn leave(session: Option<&tower_sessions::Session>, note: Note) {
    if let Some(session) = session {
        let _ = session.insert(NOTE_KEY, note).await;
    }
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    kind: Option<Kind>,
    lang: Lang,
    name: String,
    bytes: Vec<u8>,
    too_large: bool,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, StatusCode> {
    let mut form = Upload::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            form.name = field
                .file_name()
                .map(|n| n.chars().filter(|c| !c.is_control()).take(200).collect())
                .unwrap_or_default();
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) if form.bytes.len() + chunk.len() > MAX_BYTES => {
                        form.too_large = true;
                        return Ok(form);
                    }
                    Ok(Some(chunk)) => form.bytes.extend_from_slice(&chunk),
                    Ok(None) => break,
                    Err(_) => {
                        form.too_large = true;
                        return Ok(form);
                    }
                }
            }
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| StatusCode::BAD_REQUEST)? {
            if bytes.len() + chunk.len() > 1024 {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = String::from_utf8_lossy(&bytes);
        match name.as_str() {
            "kind" => form.kind = Kind::parse(text.trim()),
            "lang" => form.lang = Lang::from_code(Some(text.trim())),
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /api/staff/import`.
pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (user, cx) = match crate::staff_route::editor(&state, &parts).await {
        Ok(editor) => editor,
        Err(refused) => return refused,
    };
    let json = wants_json(&parts);
    let request = Request::from_parts(parts, body);
    let Ok(multipart) =
        <Multipart as axum::extract::FromRequest<()>>::from_request(request, &()).await
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let form = match read_upload(multipart).await {
        Ok(form) => form,
        Err(status) => return status.into_response(),
    };
    let session = cx.session.as_ref();
    let back = model::paths::imports(form.lang);
    let refuse = |problem: Option<FileProblem>| async move {
        if json {
            let status = problem.map_or(StatusCode::BAD_REQUEST, status_of);
            return (
                status,
                axum::Json(serde_json::json!({ "problem": problem })),
            )
                .into_response();
        }
        leave(session, problem.map_or(Note::NoFile, Note::File)).await;
        Redirect::to(back).into_response()
    };
    if form.too_large {
        return refuse(Some(FileProblem::TooLarge)).await;
    }
    let Some(kind) = form.kind else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if form.bytes.is_empty() {
        return refuse(None).await;
    }
    let name = if form.name.trim().is_empty() {
        format!("{}.csv", kind.code())
    } else {
        form.name.clone()
    };
    let (bytes, file) = (form.bytes, name.clone());
    let read = tokio::task::spawn_blocking(move || {
        let sheet = read_sheet(&bytes, &file);
        (sheet, crate::backup::sha256_hex(&bytes))
    })
    .await;
    let Ok((sheet, hash)) = read else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let sheet = match sheet {
        Ok(sheet) => sheet,
        Err(problem) => return refuse(Some(problem)).await,
    };
    let Some(spec) = model::editing::spec_of(kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let columns = model::import::columns::recognise(
        spec,
        &sheet.header,
        &app::staff::imports::ignored_headers(),
    );
    if !columns.iter().any(|c| c.sure && !c.key.is_empty()) {
        return refuse(Some(FileProblem::NoKnownColumn)).await;
    }
    match model::import::db::insert(&state.pool, kind, &name, &hash, user.id, &sheet).await {
        Ok(id) => {
            let page = format!("{back}/{id}");
            if json {
                return (
                    StatusCode::CREATED,
                    [(header::LOCATION, page.clone())],
                    axum::Json(serde_json::json!({ "id": id, "page": page })),
                )
                    .into_response();
            }
            Redirect::to(&page).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "keeping an import failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `POST /api/staff/import/{id}`: an import page's forms.
pub async fn act(State(state): State<AppState>, Path(id): Path<i64>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (user, cx) = match crate::staff_route::editor(&state, &parts).await {
        Ok(editor) => editor,
        Err(refused) => return refused,
    };
    let json = wants_json(&parts);
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let stored = match model::import::db::get(&state.pool, id).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Some(spec) = model::editing::spec_of(stored.info.kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (mut what, mut lang) = (String::new(), Lang::Vi);
    let mut columns: BTreeMap<usize, String> = BTreeMap::new();
    let mut decisions = BTreeMap::new();
    for (key, value) in form_urlencoded::parse(&bytes) {
        match key.as_ref() {
            "do" => what = value.into_owned(),
            "lang" => lang = Lang::from_code(Some(&value)),
            key => {
                let index = |prefix: &str| {
                    key.strip_prefix(prefix)
                        .and_then(|k| k.strip_suffix(']'))
                        .and_then(|k| k.parse::<usize>().ok())
                };
                if let Some(i) = index("col[") {
                    let known = value.is_empty()
                        || value == model::import::ID
                        || spec.iter().any(|f| f.key == value);
                    if !known || i >= stored.sheet.header.len() {
                        return StatusCode::BAD_REQUEST.into_response();
                    }
                    columns.insert(i, value.into_owned());
                } else if let Some(line) = index("d[") {
                    let (Ok(line), Some(decision)) =
                        (u32::try_from(line), model::import::Decision::parse(&value))
                    else {
                        return StatusCode::BAD_REQUEST.into_response();
                    };
                    decisions.insert(line, decision);
                }
            }
        }
    }
    let page = format!("{}/{id}", model::paths::imports(lang));
    let session = cx.session.clone();
    let answer = |note: Note, status: StatusCode| {
        let page = page.clone();
        let session = session.clone();
        async move {
            if json {
                return (status, axum::Json(serde_json::json!({ "note": note }))).into_response();
            }
            leave(session.as_ref(), note).await;
            Redirect::to(&page).into_response()
        }
    };
    let may_act = user.role == app::staff::Role::Admin || stored.info.user_id == Some(user.id);
    // Only its importer or an administrator changes an import.
    if !may_act && ["columns", "decide", "apply", "undo"].contains(&what.as_str()) {
        return answer(Note::NotYours, StatusCode::FORBIDDEN).await;
    }
    match what.as_str() {
        "columns" => {
            let keys: Vec<String> = (0..stored.sheet.header.len())
                .map(|i| columns.get(&i).cloned().unwrap_or_default())
                .collect();
            // A field read from two columns is refused.
            let mut named: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
            named.sort();
            if named.windows(2).any(|w| w[0] == w[1]) {
                return StatusCode::UNPROCESSABLE_ENTITY.into_response();
            }
            match model::import::db::set_mapping(&state.pool, id, &keys).await {
                Ok(true) => answer(Note::Columns, StatusCode::OK).await,
                Ok(false) => StatusCode::CONFLICT.into_response(),
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        "decide" => match model::import::db::set_decisions(&state.pool, id, &decisions).await {
            Ok(true) => answer(Note::Decisions, StatusCode::OK).await,
            Ok(false) => StatusCode::CONFLICT.into_response(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        "apply" => {
            let note = apply(&state, stored, user.id, user.communes.clone()).await;
            let status = match &note {
                Some(Note::Applied) | None => StatusCode::OK,
                Some(Note::Row { .. }) => StatusCode::CONFLICT,
                Some(_) => StatusCode::CONFLICT,
            };
            match note {
                Some(note) => answer(note, status).await,
                // Still being written: its page shows the progress.
                None if json => (
                    StatusCode::ACCEPTED,
                    axum::Json(serde_json::json!({ "note": null })),
                )
                    .into_response(),
                None => Redirect::to(&page).into_response(),
            }
        }
        "undo" => {
            let form_cx = match model::editing::db::form_context(&state.pool).await {
                Ok(cx) => cx,
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            };
            match model::import::db::undo(&state.pool, id, user.id, &form_cx).await {
                Ok(Ok(_)) => {
                    refresh(&state).await;
                    answer(Note::Undone, StatusCode::OK).await
                }
                Ok(Err(model::import::db::UndoRefused::ChangedSince(names))) => {
                    answer(Note::UndoRefused(names), StatusCode::CONFLICT).await
                }
                Ok(Err(model::import::db::UndoRefused::NotApplied)) => {
                    StatusCode::CONFLICT.into_response()
                }
                Err(error) => {
                    tracing::error!(%error, "undoing an import failed");
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            }
        }
        _ => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// After a bulk write: the search index read again (the page cache and
/// the sitemap follow its generation).
async fn refresh(state: &AppState) {
    if let Err(error) = model::index::db::reload(&state.index, &state.pool).await {
        tracing::error!(%error, "reading the index again failed");
    }
}

/// How long an apply request waits for the writing before answering with
/// the progress page.
const WAIT_FOR_APPLY: std::time::Duration = std::time::Duration::from_secs(3);

/// Applies an import off the request: marks it as being written, writes
/// it in a task of its own (so a large one shows its progress), and
/// waits a little: a small import's note comes with the answer (`None`:
/// still being written).
async fn apply(
    state: &AppState,
    stored: model::import::db::Stored,
    user_id: i64,
    scope: Vec<String>,
) -> Option<Note> {
    let id = stored.info.id;
    match model::import::db::start_applying(&state.pool, id).await {
        Ok(true) => {}
        Ok(false) => return Some(Note::NotReady),
        Err(_) => return Some(Note::NotReady),
    }
    let progress = state.import_progress.clone();
    // Known as being written from now on (its page tells a stale
    // "applying" left by a stopped server by its absence here).
    if let Ok(mut map) = progress.0.lock() {
        map.insert(id, (0, stored.sheet.rows.len()));
    }
    let counter = Arc::new(AtomicUsize::new(0));
    let state2 = state.clone();
    let task = tokio::spawn(async move {
        let pool = &state2.pool;
        let columns = model::import::db::columns(&stored, &app::staff::imports::ignored_headers());
        let Ok(cx) = model::import::db::context_of(pool).await else {
            if let Ok(mut map) = progress.0.lock() {
                map.remove(&id);
            }
            let _ = model::import::db::back_to_preview(pool, id).await;
            return Some(Note::NotReady);
        };
        let watcher = {
            let (progress, counter) = (progress.clone(), counter.clone());
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                    let done = counter.load(Ordering::Relaxed);
                    match progress.0.lock() {
                        Ok(mut map) => match map.get_mut(&id) {
                            Some(entry) => entry.0 = done,
                            None => break,
                        },
                        Err(_) => break,
                    }
                }
            })
        };
        let result =
            model::import::db::apply(pool, &stored, &columns, &scope, &cx, user_id, &counter).await;
        if let Ok(mut map) = progress.0.lock() {
            map.remove(&id);
        }
        watcher.abort();
        let note = match result {
            Ok(Ok(_)) => {
                refresh(&state2).await;
                Note::Applied
            }
            Ok(Err(model::import::db::Refused::NotReady(_))) => Note::NotReady,
            Ok(Err(model::import::db::Refused::Row { line, key, error })) => {
                Note::Row { line, key, error }
            }
            Err(error) => {
                tracing::error!(%error, "applying an import failed");
                Note::NotReady
            }
        };
        if note != Note::Applied {
            let _ = model::import::db::back_to_preview(pool, id).await;
        }
        Some(note)
    });
    match tokio::time::timeout(WAIT_FOR_APPLY, task).await {
        Ok(Ok(note)) => Some(note.unwrap_or(Note::NotReady)),
        Ok(Err(_)) => Some(Note::NotReady),
        Err(_) => None,
    }
}

/// `GET /api/staff/import-template/{file}` (`{kind}.xlsx`): the kind's
/// columns with their labels, an example row from a published listing,
/// a notes sheet (each column, required or not, what it allows) and the
/// lists of communes and crafts.
pub async fn template(
    State(state): State<AppState>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let (user, cx) = match crate::staff_route::editor(&state, &parts).await {
        Ok(editor) => editor,
        Err(refused) => return refused,
    };
    let lang = lang_of(&parts);
    let Some(kind) = file.strip_suffix(".xlsx").and_then(Kind::parse) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(spec) = model::editing::spec_of(kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The template's data: a real example row, the form's choices, the
    // former communes; a database error is a 500, not a thinner template.
    let (example, form_cx, legacy) = match (
        model::import::db::example_id(&state.pool, kind).await,
        model::editing::db::form_context(&state.pool).await,
        model::import::db::former_communes(&state.pool).await,
    ) {
        (Ok(example), Ok(form_cx), Ok(legacy)) => (example, form_cx, legacy),
        (example, form_cx, legacy) => {
            let error = [example.err(), form_cx.err(), legacy.err()]
                .into_iter()
                .flatten()
                .next();
            tracing::error!(error = ?error, kind = kind.code(), "reading a template's data failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let example = match example {
        Some(id) => app::editing::export::selection(&cx, &user, kind, &[id], lang, &state.site_url)
            .await
            .ok()
            .and_then(|t| t.rows.into_iter().next()),
        None => None,
    };
    let bytes = match template_bytes(kind, spec, lang, example, &form_cx, &legacy) {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "writing a template failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let word = match lang {
        Lang::Vi => "mau",
        Lang::En => "template",
    };
    xlsx_response(bytes, &format!("langnghe-{word}-{}.xlsx", kind.code()))
}

fn lang_of(parts: &axum::http::request::Parts) -> Lang {
    let query = parts.uri.query().unwrap_or_default();
    let code = form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.into_owned());
    Lang::from_code(code.as_deref())
}

fn xlsx_response(bytes: Vec<u8>, name: &str) -> Response {
    crate::export::attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        name,
    )
}

fn template_bytes(
    kind: Kind,
    spec: &[model::editing::fields::FieldSpec],
    lang: Lang,
    example: Option<Vec<String>>,
    cx: &model::editing::FormContext,
    legacy: &[(String, String)],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let w = app::staff::imports::words(lang);
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let wrap = Format::new().set_text_wrap();
    {
        let data = workbook.add_worksheet();
        data.set_name(w.data_sheet)?;
        for (col, field) in spec.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            data.write_string_with_format(0, col, field.label(lang), &bold)?;
            // Tax codes and telephone numbers are text: their leading
            // zeros stay.
            if matches!(
                field.kind,
                model::editing::fields::FieldKind::TaxCode
                    | model::editing::fields::FieldKind::Phone
            ) {
                data.set_column_format(col, &text)?;
            }
        }
        // The export's row is ID, every field, the public address.
        if let Some(row) = &example {
            for (col, value) in row.iter().skip(1).take(spec.len()).enumerate() {
                data.write_string(1, u16::try_from(col).unwrap_or(u16::MAX), value)?;
            }
        }
        data.set_freeze_panes(1, 0)?;
        data.autofit();
    }
    {
        let notes = workbook.add_worksheet();
        notes.set_name(w.notes_sheet)?;
        notes.write_string(0, 0, w.notes_intro)?;
        for (col, head) in [w.header, w.notes_required, w.notes_allowed, w.notes_example]
            .into_iter()
            .enumerate()
        {
            notes.write_string_with_format(2, u16::try_from(col).unwrap_or(0), head, &bold)?;
        }
        for (i, field) in spec.iter().enumerate() {
            let r = u32::try_from(i + 3).unwrap_or(u32::MAX);
            notes.write_string(r, 0, field.label(lang))?;
            notes.write_string(
                r,
                1,
                if field.required {
                    w.notes_required
                } else {
                    w.notes_optional
                },
            )?;
            notes.write_string_with_format(
                r,
                2,
                app::staff::imports::describe(field, lang),
                &wrap,
            )?;
            let sample = example
                .as_ref()
                .and_then(|row| row.get(i + 1))
                .cloned()
                .unwrap_or_default();
            notes.write_string(r, 3, &sample)?;
        }
        let r = u32::try_from(spec.len() + 3).unwrap_or(u32::MAX);
        notes.write_string(r, 0, "ID")?;
        notes.write_string(r, 1, w.notes_optional)?;
        notes.write_string_with_format(r, 2, w.desc_id, &wrap)?;
        if example.is_none() {
            notes.write_string(r + 2, 0, w.notes_example_none)?;
        }
        notes.set_column_width(0, 32)?;
        notes.set_column_width(1, 14)?;
        notes.set_column_width(2, 80)?;
        notes.set_column_width(3, 30)?;
    }
    {
        let communes = workbook.add_worksheet();
        communes.set_name(w.communes_sheet)?;
        let labels = model::editing::fields::labels::labels(lang);
        communes.write_string_with_format(0, 0, labels.commune_code, &bold)?;
        for (i, c) in cx.communes.iter().enumerate() {
            communes.write_string(u32::try_from(i + 1).unwrap_or(u32::MAX), 0, &c.name)?;
        }
        communes.write_string_with_format(0, 2, labels.legacy_commune_code, &bold)?;
        communes.write_string_with_format(0, 3, labels.commune_code, &bold)?;
        for (i, (old, new)) in legacy.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            communes.write_string(r, 2, old)?;
            communes.write_string(r, 3, new)?;
        }
        communes.autofit();
    }
    if kind == Kind::Village || spec.iter().any(|f| f.key == "crafts") {
        let crafts = workbook.add_worksheet();
        crafts.set_name(w.crafts_sheet)?;
        for (i, c) in cx.crafts.iter().enumerate() {
            crafts.write_string(u32::try_from(i).unwrap_or(u32::MAX), 0, &c.name)?;
        }
        crafts.autofit();
    }
    workbook.save_to_buffer()
}

/// `GET /api/staff/export-all`: every listing the reader may read (an
/// editor's own communes' in every state, the others' published), one
/// sheet per kind, in the staff export's columns (which the import reads
/// back unchanged).
pub async fn export_all(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let (user, cx) = match crate::staff_route::editor(&state, &parts).await {
        Ok(editor) => editor,
        Err(refused) => return refused,
    };
    let lang = lang_of(&parts);
    let mut sheets = Vec::new();
    for kind in Kind::ALL {
        let ids = match model::import::db::all_ids(&state.pool, kind).await {
            Ok(ids) => ids,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        match app::editing::export::selection(&cx, &user, kind, &ids, lang, &state.site_url).await {
            Ok(table) => sheets.push((kind.label(lang).to_owned(), table)),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    let rows: usize = sheets.iter().map(|(_, t)| t.rows.len()).sum();
    let bytes =
        match tokio::task::spawn_blocking(move || crate::export::xlsx_workbook(&sheets)).await {
            Ok(Ok(bytes)) => bytes,
            _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    crate::export::audit_export(&state, &cx, user.id, None, &format!("xlsx, {rows}")).await;
    xlsx_response(
        bytes,
        &format!("langnghe-{}.xlsx", model::date::Date::today()),
    )
}
