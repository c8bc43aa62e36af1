//! `POST /api/staff/export`: the staff list's selection as a spreadsheet
//! (CSV for any program, XLSX for Excel), posted by the list's own form
//! with or without JavaScript. Editors and administrators; each listing
//! only if its reader may read it (see `app::editing::export`).

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use model::i18n::Lang;
use model::listing::Kind;

/// The most bytes of the posted form read.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The spreadsheet formats.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

pub async fn export(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // The role first, before reading the body.
    let (user, cx) = match crate::staff_route::editor(&state, &parts).await {
        Ok(editor) => editor,
        Err(refused) => return refused,
    };
    let session = cx.session.clone();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let (mut kind, mut format, mut lang, mut back) = (None, None, Lang::Vi, None);
    let mut ids: Vec<i64> = Vec::new();
    for (key, value) in form_urlencoded::parse(&bytes) {
        match key.as_ref() {
            "kind" => kind = Kind::parse(&value),
            "format" => {
                format = match value.as_ref() {
                    "csv" => Some(Format::Csv),
                    "xlsx" => Some(Format::Xlsx),
                    _ => None,
                }
            }
            "lang" => lang = Lang::from_code(Some(&value)),
            "back" => back = Some(value.into_owned()),
            key if key.starts_with("ids[") => {
                let Ok(id) = value.parse() else {
                    return StatusCode::BAD_REQUEST.into_response();
                };
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            _ => {}
        }
    }
    let (Some(kind), Some(format)) = (kind, format) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if ids.len() > model::editing::list::STAFF_PER_PAGE {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let list = format!("{}/{}", model::paths::staff(lang), kind.code());
    if ids.is_empty() {
        // Back to the list it came from, which says to choose rows.
        if let Some(session) = &session {
            let nothing = model::editing::list::BulkOutcome::default();
            let _ = session.insert(app::editing::api::BULK_FLASH, nothing).await;
        }
        let back = back
            .filter(|b| b == &list || b.starts_with(&format!("{list}?")))
            .unwrap_or(list);
        return Redirect::to(&back).into_response();
    }
    let table = match app::editing::export::selection(&cx, &user, kind, &ids, lang, &state.site_url)
        .await
    {
        Ok(table) => table,
        Err(error) => {
            return StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response();
        }
    };
    let (body, content_type, ext) = match format {
        Format::Csv => (csv_bytes(&table), "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => match xlsx_bytes(&table, kind.label(lang)) {
            Ok(bytes) => (
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(error) => {
                tracing::error!(%error, "writing a spreadsheet failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let detail = format!("{ext}, {}", table.rows.len());
    audit_export(&state, &cx, user.id, Some(kind.table()), &detail).await;
    let name = format!(
        "langnghe-{}-{}.{ext}",
        kind.code(),
        model::date::Date::today()
    );
    attachment(body, content_type, &name)
}

/// Records a staff download in the audit log (what, how many rows).
pub(crate) async fn audit_export(
    state: &AppState,
    cx: &app::staff::auth::RequestContext,
    user_id: i64,
    target: Option<&str>,
    detail: &str,
) {
    let ip = cx.ip_text();
    if let Ok(mut conn) = state.pool.acquire().await {
        let _ = model::staff::db::audit(
            &mut conn,
            model::staff::db::Audit {
                user_id: Some(user_id),
                action: "export",
                target,
                target_id: None,
                detail,
                ip: ip.as_deref(),
            },
        )
        .await;
    }
}

/// A staff download: its type, its file name, never stored.
pub(crate) fn attachment(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// UTF-8 with a byte-order mark (Excel then reads Vietnamese right),
/// every cell that could run as a formula kept as text.
pub(crate) fn csv_bytes(table: &app::editing::export::Table) -> Vec<u8> {
    let mut out = Vec::from(CSV_BOM);
    out.extend(csv_rows(std::iter::once(&table.header).chain(&table.rows)));
    out
}

/// UTF-8's byte-order mark, with which Excel reads a CSV file as UTF-8.
pub(crate) const CSV_BOM: [u8; 3] = *b"\xEF\xBB\xBF";

/// Rows as CSV lines, every cell that could run as a formula kept as text.
pub(crate) fn csv_rows<'a>(rows: impl Iterator<Item = &'a Vec<String>>) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            let cells = row.iter().map(|c| app::editing::export::csv_cell(c));
            // Writing to memory does not fail.
            let _ = writer.write_record(cells.map(|c| c.into_owned()));
        }
        let _ = writer.flush();
    }
    out
}

/// One sheet named after the kind: a bold, frozen header row, every cell
/// text (never a formula), columns fitted to their text.
pub(crate) fn xlsx_bytes(
    table: &app::editing::export::Table,
    sheet: &str,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    write_sheet(&mut workbook, sheet, table)?;
    workbook.save_to_buffer()
}

/// A workbook of several tables, a sheet each.
pub(crate) fn xlsx_workbook(
    sheets: &[(String, app::editing::export::Table)],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, table) in sheets {
        write_sheet(&mut workbook, name, table)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(
    workbook: &mut rust_xlsxwriter::Workbook,
    sheet: &str,
    table: &app::editing::export::Table,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format as CellFormat;
    let worksheet = workbook.add_worksheet();
    // Sheet names: at most 31 characters, none of []:*?/\.
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    worksheet.set_name(&name)?;
    let bold = CellFormat::new().set_bold();
    for (col, text) in table.header.iter().enumerate() {
        worksheet.write_string_with_format(
            0,
            u16::try_from(col).unwrap_or(u16::MAX),
            text,
            &bold,
        )?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (col, text) in row.iter().enumerate() {
            worksheet.write_string(r, u16::try_from(col).unwrap_or(u16::MAX), text)?;
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofit();
    Ok(())
}
