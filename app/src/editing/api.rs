//! Staff server functions of editing. Each one's first line is
//! [`crate::staff::auth::require`]; all live under `/api/staff`, where the
//! authorisation matrix test finds them.

use super::{EditData, History, SaveOutcome, StaffListRow, Values};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{FieldErrors, RevisionView, db, diff, fields::FieldError, parse_values, spec_of},
    crate::search::Kind,
    crate::staff::auth::{Need, Staff, require},
};

/// What a refused plain-form save leaves for the form page to show.
#[cfg(feature = "ssr")]
#[derive(serde::Serialize, serde::Deserialize)]
struct Flash {
    kind: Kind,
    id: i64,
    values: Values,
    errors: FieldErrors,
}

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "edit_flash";

#[cfg(feature = "ssr")]
fn kind_spec(kind: &str) -> Result<(Kind, &'static [super::fields::FieldSpec]), AppError> {
    let kind = Kind::parse(kind).ok_or(AppError::NotFound)?;
    Ok((kind, spec_of(kind).ok_or(AppError::NotFound)?))
}

/// The staff pages' address of a listing's form.
pub fn edit_path(lang: crate::i18n::Lang, kind: crate::search::Kind, id: i64) -> String {
    format!("{}/{}/{id}", crate::paths::staff(lang), kind.code())
}

/// A listing's form: its stored values, or what the user typed in a
/// refused plain-form save with its errors.
#[server(prefix = "/api/staff")]
pub async fn edit_form(kind: String, id: i64) -> Result<EditData, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec) = kind_spec(&kind).map_err(|e| cx.refuse(e))?;
    let form_cx = db::form_context(&cx.pool).await?;
    let mut conn = cx.pool.acquire().await?;
    let current = db::current(&mut conn, kind, spec, id, &form_cx)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let mut data = EditData {
        kind,
        id,
        version: current.version,
        slug: current.slug,
        may_edit: user.may_edit_in(current.commune.as_deref()),
        values: current.values,
        errors: FieldErrors::new(),
        saved: false,
        cx: form_cx,
    };
    if let Some(session) = &cx.session {
        match session.remove::<Flash>(FLASH_KEY).await {
            Ok(Some(flash)) if flash.kind == kind && flash.id == id => {
                data.values = flash.values;
                data.errors = flash.errors;
            }
            Ok(Some(_)) | Ok(None) => {}
            Err(_) => return Err(AppError::Internal),
        }
        data.saved = session
            .remove::<bool>("edit_saved")
            .await
            .ok()
            .flatten()
            .unwrap_or(false);
    }
    Ok(data)
}

/// Saves a listing's fields. Invalid input is an answer with errors per
/// field (nothing is saved); a plain form post is sent back to the form,
/// which shows them with what was typed.
#[server(prefix = "/api/staff")]
pub async fn save_listing(
    kind: String,
    id: i64,
    version: String,
    fields: Values,
    lang: Option<String>,
) -> Result<SaveOutcome, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec) = kind_spec(&kind).map_err(|e| cx.refuse(e))?;
    let form_cx = db::form_context(&cx.pool).await?;
    let mut conn = cx.pool.acquire().await?;
    let stored = db::current(&mut conn, kind, spec, id, &form_cx)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    drop(conn);
    let lang = if lang.as_deref() == Some("en") {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::Vi
    };
    let back = edit_path(lang, kind, id);
    // Without a commune the save fails validation (it is required).
    let new_commune = fields
        .get("commune_code")
        .map(String::as_str)
        .or(stored.commune.as_deref());
    if !user.may_edit_in(stored.commune.as_deref()) || !user.may_edit_in(new_commune) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let outcome = save_values(
        &user, &cx, kind, spec, id, &version, &fields, "edit", None, &form_cx,
    )
    .await?;
    if outcome.errors.is_empty() {
        if let Some(session) = &cx.session {
            let _ = session.insert("edit_saved", true).await;
        }
        cx.redirect(&back);
    } else if cx.plain_form {
        if let Some(session) = &cx.session {
            let flash = Flash {
                kind,
                id,
                values: outcome_values(&fields, spec),
                errors: outcome.errors.clone(),
            };
            session
                .insert(FLASH_KEY, flash)
                .await
                .map_err(|_| AppError::Internal)?;
        }
        cx.redirect(&back);
    }
    Ok(outcome)
}

/// What the form shows after a refused save: exactly what was typed.
#[cfg(feature = "ssr")]
fn outcome_values(typed: &Values, spec: &[super::fields::FieldSpec]) -> Values {
    spec.iter()
        .map(|f| {
            (
                f.key.to_owned(),
                typed.get(f.key).cloned().unwrap_or_default(),
            )
        })
        .collect()
}

/// Parses and saves; errors are data.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
async fn save_values(
    user: &crate::staff::StaffUser,
    cx: &crate::staff::auth::RequestContext,
    kind: Kind,
    spec: &'static [super::fields::FieldSpec],
    id: i64,
    version: &str,
    fields: &Values,
    action: &str,
    restored_from: Option<i64>,
    form_cx: &super::FormContext,
) -> Result<SaveOutcome, AppError> {
    let refused = |key: &str, error: FieldError| SaveOutcome {
        errors: [(key.to_owned(), error)].into_iter().collect(),
        slug: String::new(),
        version: version.to_owned(),
    };
    let values = match parse_values(spec, fields, form_cx) {
        Ok(values) => values,
        Err(errors) => {
            return Ok(SaveOutcome {
                errors,
                slug: String::new(),
                version: version.to_owned(),
            });
        }
    };
    let ip = cx.ip_text();
    let saved = db::save(
        &cx.pool,
        db::Save {
            kind,
            spec,
            id,
            version,
            values: &values,
            user_id: user.id,
            ip: ip.as_deref(),
            action,
            restored_from,
        },
        form_cx,
    )
    .await?;
    match saved {
        db::Saved::Done { slug, version, .. } => {
            if let Some(index) = &cx.index {
                index.refresh(&cx.pool, kind, id).await?;
            }
            Ok(SaveOutcome {
                errors: FieldErrors::new(),
                slug,
                version,
            })
        }
        db::Saved::Stale => Ok(refused("name_vi", FieldError::ChangedMeanwhile)),
        db::Saved::SlugTaken => Ok(refused("slug", FieldError::SlugTaken)),
        db::Saved::NotFound => Err(AppError::NotFound),
    }
}

/// A listing's revisions, newest first, each with what it changed.
#[server(prefix = "/api/staff")]
pub async fn listing_history(kind: String, id: i64) -> Result<History, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec) = kind_spec(&kind).map_err(|e| cx.refuse(e))?;
    let form_cx = db::form_context(&cx.pool).await?;
    let mut conn = cx.pool.acquire().await?;
    let current = db::current(&mut conn, kind, spec, id, &form_cx)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    drop(conn);
    let rows = db::revisions(&cx.pool, kind, id).await?;
    let mut revisions = Vec::with_capacity(rows.len());
    let empty = Values::new();
    for (i, row) in rows.iter().enumerate() {
        let before = if i == 0 { &empty } else { &rows[i - 1].values };
        revisions.push(RevisionView {
            id: row.id,
            at: row.at.clone(),
            who: row.who.clone(),
            action: row.action.clone(),
            restored_from: row.restored_from,
            changes: if i == 0 {
                Vec::new()
            } else {
                diff(spec, before, &row.values)
            },
        });
    }
    revisions.reverse();
    Ok(History {
        kind,
        id,
        name: current.values.get("name_vi").cloned().unwrap_or_default(),
        slug: current.slug,
        revisions,
        may_edit: user.may_edit_in(current.commune.as_deref()),
    })
}

/// Puts a listing back to the fields of one of its revisions; the restore
/// is itself a new revision.
#[server(prefix = "/api/staff")]
pub async fn restore_revision(
    revision: i64,
    lang: Option<String>,
) -> Result<SaveOutcome, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let row = db::revision(&cx.pool, revision)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let spec = spec_of(row.kind).ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let form_cx = db::form_context(&cx.pool).await?;
    let mut conn = cx.pool.acquire().await?;
    let current = db::current(&mut conn, row.kind, spec, row.target_id, &form_cx)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    drop(conn);
    let restored_commune = row.values.get("commune_code").map(String::as_str);
    if !user.may_edit_in(current.commune.as_deref()) || !user.may_edit_in(restored_commune) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let outcome = save_values(
        &user,
        &cx,
        row.kind,
        spec,
        row.target_id,
        &current.version,
        &row.values,
        "restore",
        Some(row.id),
        &form_cx,
    )
    .await?;
    let lang = if lang.as_deref() == Some("en") {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::Vi
    };
    cx.redirect(&format!(
        "{}{}",
        edit_path(lang, row.kind, row.target_id),
        super::pages::history_tail(lang)
    ));
    Ok(outcome)
}

/// Every listing of a kind, for the staff list.
#[server(prefix = "/api/staff")]
pub async fn staff_listings(kind: String) -> Result<Vec<StaffListRow>, AppError> {
    let Staff { cx, .. } = require(Need::Edit).await?;
    let (kind, _) = kind_spec(&kind).map_err(|e| cx.refuse(e))?;
    Ok(db::staff_list(&cx.pool, kind).await?)
}
