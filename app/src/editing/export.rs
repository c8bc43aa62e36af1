//! The staff list's selection as a table for spreadsheets: one row per
//! listing with every field of its form, as the form shows it (names of
//! communes and crafts, labels of choices), and its public address. The
//! server writes it as CSV or XLSX (`server::export`).

/// Where the list's form posts its selection to be exported.
pub const EXPORT_PATH: &str = "/api/staff/export";

#[cfg(feature = "ssr")]
use crate::error::AppError;
#[cfg(feature = "ssr")]
use model::i18n::Lang;
#[cfg(feature = "ssr")]
use model::listing::Kind;

/// A table: its header and rows of text.
#[cfg(feature = "ssr")]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The listings `ids` of `kind` that `user` may read (those of their
/// communes in every state, the others' published ones), in the order
/// given; `site` is the site's address for the public links.
#[cfg(feature = "ssr")]
pub async fn selection(
    cx: &crate::staff::auth::RequestContext,
    user: &crate::staff::StaffUser,
    kind: Kind,
    ids: &[i64],
    lang: Lang,
    site: &str,
) -> Result<Table, AppError> {
    let s = crate::staff::strings::st(lang);
    let (kind, spec, form_cx) = super::api::open_kind(cx, kind.code()).await?;
    let mut header = vec!["ID".to_owned()];
    header.extend(spec.iter().map(|f| f.label(lang).to_owned()));
    header.push(s.public_address.to_owned());
    let mut rows = Vec::new();
    let mut conn = cx.pool.acquire().await?;
    for &id in ids {
        let Some(current) = super::db::current(&mut conn, kind, spec, id, &form_cx).await? else {
            continue;
        };
        let published = current.values.get("status").map(String::as_str) == Some("published");
        if !published && !user.may_edit_in(current.commune.as_deref()) {
            continue;
        }
        let mut row = vec![id.to_string()];
        row.extend(spec.iter().map(|field| {
            let value = current.values.get(field.key).map_or("", String::as_str);
            super::pages::shown_value(field, value, &form_cx, lang)
        }));
        row.push(if published {
            format!("{site}{}", kind.profile_path(lang, &current.slug))
        } else {
            String::new()
        });
        rows.push(row);
    }
    Ok(Table { header, rows })
}

/// A cell for CSV: text a spreadsheet would take for a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) is kept as text
/// with a leading apostrophe.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn cells_a_spreadsheet_would_run_are_kept_as_text() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(csv_cell("+84 218 3852 119"), "'+84 218 3852 119");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Xóm Bui"), "Xóm Bui");
        assert_eq!(csv_cell(""), "");
    }
}
