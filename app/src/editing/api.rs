//! Staff server functions of editing. Each one's first line is
//! [`crate::staff::auth::require`]; all live under `/api/staff`, where the
//! authorisation matrix test finds them.

use super::list::StaffList;
use super::{EditData, History, SaveOutcome, Values};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{FieldErrors, RevisionView, db, diff, fields::FieldError, spec_of},
    crate::staff::auth::{Need, Staff, require},
    model::listing::Kind,
};

/// What a refused plain-form save leaves for the form page to show.
#[cfg(feature = "ssr")]
#[derive(serde::Serialize, serde::Deserialize)]
struct Flash {
    kind: Kind,
    id: i64,
    values: Values,
    errors: FieldErrors,
    /// The version to save against next (the stored one after changes
    /// made meanwhile), and those changes.
    version: String,
    conflicts: Vec<super::FieldConflict>,
    meanwhile: Vec<super::FieldConflict>,
    changed_by: Option<String>,
    /// Typing sent along with a photo upload (not saved, not checked).
    #[serde(default)]
    kept: bool,
}

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "edit_flash";

/// Keeps what was typed in a listing's form and sent with a photo upload
/// (a plain post of the form's upload button), for the form to show again
/// after the upload, unsaved: the next save checks and saves it as usual.
/// Only the kind's own fields are kept.
#[cfg(feature = "ssr")]
pub async fn keep_typed(
    session: &tower_sessions::Session,
    kind: Kind,
    id: i64,
    version: String,
    typed: Values,
) -> Result<(), AppError> {
    let Some(spec) = super::spec_of(kind) else {
        return Ok(());
    };
    let flash = Flash {
        kind,
        id,
        values: outcome_values(&typed, spec),
        errors: FieldErrors::new(),
        version,
        conflicts: Vec::new(),
        meanwhile: Vec::new(),
        changed_by: None,
        kept: true,
    };
    session
        .insert(FLASH_KEY, flash)
        .await
        .map_err(|_| AppError::Internal)
}

/// At most this many suggestions per link field (the rest are reached by
/// typing their address or pasting their link).
#[cfg(feature = "ssr")]
const LINK_SUGGESTIONS: i64 = 1000;

#[cfg(feature = "ssr")]
pub(super) fn kind_spec(
    kind: &str,
) -> Result<(Kind, &'static [super::fields::FieldSpec]), AppError> {
    let kind = Kind::parse(kind).ok_or(AppError::NotFound)?;
    Ok((kind, spec_of(kind).ok_or(AppError::NotFound)?))
}

/// The kind and fields a request names, and the form's context; an
/// unknown kind is a 404.
#[cfg(feature = "ssr")]
pub(super) async fn open_kind(
    cx: &crate::staff::auth::RequestContext,
    kind: &str,
) -> Result<
    (
        Kind,
        &'static [super::fields::FieldSpec],
        super::FormContext,
    ),
    AppError,
> {
    let (kind, spec) = kind_spec(kind).map_err(|e| cx.refuse(e))?;
    Ok((kind, spec, db::form_context(&cx.pool).await?))
}

/// A stored listing as its form shows it; a missing one is a 404.
#[cfg(feature = "ssr")]
pub(super) async fn stored(
    cx: &crate::staff::auth::RequestContext,
    kind: Kind,
    spec: &[super::fields::FieldSpec],
    id: i64,
    form_cx: &super::FormContext,
) -> Result<db::Current, AppError> {
    let mut conn = cx.pool.acquire().await?;
    db::current(&mut conn, kind, spec, id, form_cx)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))
}

/// A listing's form: its stored values, or what the user typed in a
/// refused plain-form save with its errors.
#[server(prefix = "/api/staff", endpoint = "edit_form")]
pub async fn edit_form(kind: String, id: i64) -> Result<EditData, AppError> {
    let Staff { user, cx } = require(Need::Staff).await?;
    let (kind, spec, form_cx) = open_kind(&cx, &kind).await?;
    let current = if id == 0 {
        // A new listing (editors only): empty, a draft until published.
        if !user.role.edits() {
            return Err(cx.refuse(AppError::Forbidden));
        }
        let mut values: Values = spec
            .iter()
            .map(|f| (f.key.to_owned(), String::new()))
            .collect();
        values.insert("status".into(), "draft".into());
        db::Current {
            values,
            version: String::new(),
            slug: String::new(),
            commune: None,
        }
    } else {
        let current = stored(&cx, kind, spec, id, &form_cx).await?;
        // An editor limited to some communes reads other communes'
        // published listings (read-only, what the public sees); their
        // drafts and archived ones stay closed.
        let published = current.values.get("status").map(String::as_str) == Some("published");
        if user.role.edits() && !user.may_edit_in(current.commune.as_deref()) && !published {
            return Err(cx.refuse(AppError::Forbidden));
        }
        current
    };
    let mut data = EditData {
        kind,
        id,
        version: current.version,
        slug: current.slug,
        may_edit: user.role.edits() && (id == 0 || user.may_edit_in(current.commune.as_deref())),
        propose: !user.role.edits(),
        proposed: false,
        conflicts: Vec::new(),
        meanwhile: Vec::new(),
        changed_by: None,
        kept: false,
        images: Vec::new(),
        upload: None,
        values: current.values,
        errors: FieldErrors::new(),
        saved: false,
        cx: form_cx,
    };
    if data.may_edit || data.propose {
        for field in spec {
            let linked = match field.kind {
                super::fields::FieldKind::Link(kind) => Some(kind),
                super::fields::FieldKind::Many(r) => Kind::of_table(r.target),
                _ => None,
            };
            if let Some(linked) = linked {
                let options =
                    db::link_options(&cx.pool, linked, data.may_edit, LINK_SUGGESTIONS).await?;
                data.cx.links.extend(options);
            }
        }
    }
    if id != 0 && data.may_edit {
        data.images = crate::media::db::of_listing(&cx.pool, kind, id, false).await?;
    }
    // Partners see published listings only.
    if data.propose && data.values.get("status").map(String::as_str) != Some("published") {
        return Err(cx.refuse(AppError::NotFound));
    }
    if let Some(session) = &cx.session {
        match session.remove::<Flash>(FLASH_KEY).await {
            // Typing kept across an upload that changed nothing is not
            // said to be kept.
            Ok(Some(flash)) if flash.kept && typed_as_shown(spec, &flash.values, &data.values) => {}
            Ok(Some(flash)) if flash.kind == kind && flash.id == id => {
                data.values = flash.values;
                data.errors = flash.errors;
                // The version the typed values stand on (the stored one
                // after changes made meanwhile): a later save still meets
                // changes made since.
                data.version = flash.version;
                data.conflicts = flash.conflicts;
                data.meanwhile = flash.meanwhile;
                data.changed_by = flash.changed_by;
                data.kept = flash.kept;
            }
            Ok(Some(_)) | Ok(None) => {}
            Err(_) => return Err(AppError::Internal),
        }
        data.upload = session
            .remove::<crate::media::PhotoFlash>(crate::media::UPLOAD_FLASH)
            .await
            .ok()
            .flatten();
        data.proposed = session
            .remove::<bool>(PROPOSED_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or(false);
        data.saved = session
            .remove::<bool>(SAVED_KEY)
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
#[server(prefix = "/api/staff", endpoint = "save_listing")]
pub async fn save_listing(
    kind: String,
    id: i64,
    version: String,
    fields: Values,
    keep: Option<std::collections::BTreeMap<String, String>>,
    lang: Option<String>,
) -> Result<SaveOutcome, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec, form_cx) = open_kind(&cx, &kind).await?;
    let mut fields = fields;
    let mut taken = Vec::new();
    // Id 0: a new listing.
    let stored_commune = if id == 0 {
        None
    } else {
        let stored = stored(&cx, kind, spec, id, &form_cx).await?;
        if !user.may_edit_in(stored.commune.as_deref()) {
            return Err(cx.refuse(AppError::Forbidden));
        }
        // Fields changed meanwhile where the person saving took the value
        // saved meanwhile (`keep[key]=theirs`): the stored value goes in.
        for (key, choice) in keep.unwrap_or_default() {
            if choice == "theirs"
                && let Some(value) = stored.values.get(&key)
                && let Some(mine) = fields.insert(key.clone(), value.clone())
                && &mine != value
            {
                taken.push(super::FieldConflict {
                    key,
                    theirs: value.clone(),
                    mine,
                });
            }
        }
        stored.commune
    };
    let lang = model::i18n::Lang::from_code(lang.as_deref());
    let new_commune = fields
        .get("commune_code")
        .map(String::as_str)
        .or(stored_commune.as_deref());
    if !user.may_edit_in(new_commune) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let mut outcome = save_values(
        &user, &cx, kind, spec, id, &version, &fields, "edit", None, &form_cx,
    )
    .await?;
    // The fields where the saved value was taken: the form shows it.
    if outcome.errors.is_empty() {
        outcome.meanwhile.extend(taken);
    }
    let back = kind.edit_path(lang, outcome.id);
    if id == 0 && outcome.errors.is_empty() {
        // The new listing's own form, in both modes.
        if let Some(session) = &cx.session {
            let _ = session.insert(SAVED_KEY, true).await;
        }
        cx.redirect(&back);
    } else if cx.plain_form {
        answer_plain_form(&cx, kind, id, spec, &fields, &outcome, SAVED_KEY, &back).await?;
    }
    Ok(outcome)
}

#[cfg(feature = "ssr")]
const SAVED_KEY: &str = "edit_saved";
#[cfg(feature = "ssr")]
pub(super) const PROPOSED_KEY: &str = "edit_proposed";

/// The answer to a plain form post of a listing's form (no JavaScript):
/// back to the form, with `done_key` set on success, or with what was
/// typed and its errors.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
pub(super) async fn answer_plain_form(
    cx: &crate::staff::auth::RequestContext,
    kind: Kind,
    id: i64,
    spec: &[super::fields::FieldSpec],
    fields: &Values,
    outcome: &SaveOutcome,
    done_key: &str,
    back: &str,
) -> Result<(), AppError> {
    if let Some(session) = &cx.session {
        if outcome.errors.is_empty() {
            let _ = session.insert(done_key, true).await;
        } else {
            let mut values = outcome_values(fields, spec);
            // What only others changed meanwhile shows as they saved it.
            for change in &outcome.meanwhile {
                values.insert(change.key.clone(), change.theirs.clone());
            }
            let flash = Flash {
                kind,
                id,
                values,
                errors: outcome.errors.clone(),
                version: outcome.version.clone(),
                conflicts: outcome.conflicts.clone(),
                meanwhile: outcome.meanwhile.clone(),
                changed_by: outcome.changed_by.clone(),
                kept: false,
            };
            session
                .insert(FLASH_KEY, flash)
                .await
                .map_err(|_| AppError::Internal)?;
        }
    }
    cx.redirect(back);
    Ok(())
}

/// Whether typed values are what the form showed (a checkbox left off is
/// sent as nothing, shown as "0"; browsers send a text area's lines with
/// CR LF).
#[cfg(feature = "ssr")]
fn typed_as_shown(spec: &[super::fields::FieldSpec], typed: &Values, shown: &Values) -> bool {
    spec.iter().all(|field| {
        let typed = typed.get(field.key).map_or("", String::as_str);
        let shown = shown.get(field.key).map_or("", String::as_str);
        typed == shown
            || (field.kind == super::fields::FieldKind::Check && typed.is_empty() && shown == "0")
    })
}

/// A form's typing as the form shows it again (after a refused save, a
/// plain upload, for a preview): each of the kind's fields and no other,
/// empty where nothing was sent (a checkbox left off), a text area's lines
/// as stored (browsers send CR LF).
#[cfg(feature = "ssr")]
pub(super) fn outcome_values(typed: &Values, spec: &[super::fields::FieldSpec]) -> Values {
    spec.iter()
        .map(|f| {
            let value = typed.get(f.key).map_or("", String::as_str);
            (f.key.to_owned(), value.replace("\r\n", "\n"))
        })
        .collect()
}

/// [`db::parse_checked`] on a connection of the pool.
#[cfg(feature = "ssr")]
pub(super) async fn parse_checked(
    pool: &sqlx::SqlitePool,
    spec: &[super::fields::FieldSpec],
    fields: &Values,
    form_cx: &super::FormContext,
) -> Result<Result<Values, FieldErrors>, AppError> {
    let mut conn = pool.acquire().await?;
    Ok(db::parse_checked(&mut conn, spec, fields, form_cx).await?)
}

/// Parses and saves; errors are data.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
pub(super) async fn save_values(
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
        id,
        errors: [(key.to_owned(), error)].into_iter().collect(),
        slug: String::new(),
        version: version.to_owned(),
        proposal: None,
        conflicts: Vec::new(),
        meanwhile: Vec::new(),
        changed_by: None,
    };
    let values = match parse_checked(&cx.pool, spec, fields, form_cx).await? {
        Ok(values) => values,
        Err(errors) => {
            return Ok(SaveOutcome {
                id,
                errors,
                slug: String::new(),
                version: version.to_owned(),
                proposal: None,
                conflicts: Vec::new(),
                meanwhile: Vec::new(),
                changed_by: None,
            });
        }
    };
    let ip = cx.ip_text();
    // A save from a form loaded before someone else's is merged: what only
    // they changed stays theirs, and when nothing clashes it is saved at
    // once (the second round); fields both changed are put to the person
    // saving, and nothing is written.
    let (mut values, mut version) = (values, version.to_owned());
    let mut meanwhile = Vec::new();
    let mut changed_by = None;
    let mut rounds = 0;
    let (id, slug, version) = loop {
        let saved = if id == 0 {
            let author = db::Author::Staff {
                user_id: user.id,
                ip: ip.as_deref(),
            };
            db::create(&cx.pool, kind, spec, &values, author).await?
        } else {
            db::save(
                &cx.pool,
                db::Save {
                    kind,
                    spec,
                    id,
                    version: &version,
                    values: &values,
                    author: db::Author::Staff {
                        user_id: user.id,
                        ip: ip.as_deref(),
                    },
                    action,
                    restored_from,
                },
                form_cx,
            )
            .await?
        };
        match saved {
            db::Saved::Done { slug, version, .. } => break (id, slug, version),
            db::Saved::Created { id, slug, version } => break (id, slug, version),
            db::Saved::Stale {
                current,
                version: now,
                base,
                by,
            } => {
                let merged = super::merge(spec, base.as_ref(), &current, &values);
                changed_by = by;
                meanwhile.extend(merged.meanwhile);
                rounds += 1;
                // Someone saving again and again meanwhile: asked, not looped.
                if !merged.conflicts.is_empty() || now == version || rounds > 3 {
                    let mut errors: FieldErrors = merged
                        .conflicts
                        .iter()
                        .map(|c| (c.key.clone(), FieldError::ChangedMeanwhile))
                        .collect();
                    if errors.is_empty() {
                        errors.insert("name_vi".to_owned(), FieldError::ChangedMeanwhile);
                    }
                    return Ok(SaveOutcome {
                        id,
                        errors,
                        slug: String::new(),
                        version: now,
                        proposal: None,
                        conflicts: merged.conflicts,
                        meanwhile,
                        changed_by,
                    });
                }
                (values, version) = (merged.values, now);
            }
            db::Saved::SlugTaken => return Ok(refused("slug", FieldError::SlugTaken)),
            db::Saved::Taken(key) => return Ok(refused(key, FieldError::Taken)),
            db::Saved::NotFound => return Err(AppError::NotFound),
        }
    };
    if let Some(index) = &cx.index {
        model::index::db::refresh(index, &cx.pool, kind, id).await?;
    }
    Ok(SaveOutcome {
        id,
        errors: FieldErrors::new(),
        slug,
        version,
        proposal: None,
        conflicts: Vec::new(),
        meanwhile,
        changed_by,
    })
}

/// A listing's revisions, newest first, each with what it changed.
#[server(prefix = "/api/staff")]
pub async fn listing_history(kind: String, id: i64) -> Result<History, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec, form_cx) = open_kind(&cx, &kind).await?;
    let current = stored(&cx, kind, spec, id, &form_cx).await?;
    if !user.may_edit_in(current.commune.as_deref()) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let rows = db::history::revisions(&cx.pool, kind, id).await?;
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
            import: row.import.clone(),
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
        deleted_photos: crate::media::db::deleted_of(&cx.pool, kind, id)
            .await?
            .into_iter()
            .map(|(id, alt, at, who)| super::DeletedPhoto { id, alt, at, who })
            .collect(),
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
    let row = db::history::revision(&cx.pool, revision)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let spec = spec_of(row.kind).ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let form_cx = db::form_context(&cx.pool).await?;
    let current = stored(&cx, row.kind, spec, row.target_id, &form_cx).await?;
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
    if cx.plain_form {
        let lang = model::i18n::Lang::from_code(lang.as_deref());
        cx.redirect(&format!(
            "{}{}?restored={}",
            row.kind.edit_path(lang, row.target_id),
            model::paths::history_tail(lang),
            if outcome.errors.is_empty() { 1 } else { 0 }
        ));
    }
    Ok(outcome)
}

/// Archives a listing (off the public site, kept with its history) or
/// takes it out of the archive as a draft. A revision like any save; the
/// answer goes back to the form, which shows the new status.
#[server(prefix = "/api/staff")]
pub async fn archive_listing(
    kind: String,
    id: i64,
    version: String,
    archive: bool,
    lang: Option<String>,
) -> Result<SaveOutcome, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec, form_cx) = open_kind(&cx, &kind).await?;
    let stored = stored(&cx, kind, spec, id, &form_cx).await?;
    if !user.may_edit_in(stored.commune.as_deref()) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let mut values = stored.values;
    let status = if archive { "archived" } else { "draft" };
    values.insert("status".into(), status.into());
    let action = if archive { "archive" } else { "unarchive" };
    let outcome = save_values(
        &user, &cx, kind, spec, id, &version, &values, action, None, &form_cx,
    )
    .await?;
    if cx.plain_form {
        let lang = model::i18n::Lang::from_code(lang.as_deref());
        let back = kind.edit_path(lang, id);
        answer_plain_form(&cx, kind, id, spec, &values, &outcome, SAVED_KEY, &back).await?;
    } else if outcome.errors.is_empty()
        && let Some(session) = &cx.session
    {
        // The hydrated form reloads its data and says it was saved.
        let _ = session.insert(SAVED_KEY, true).await;
    }
    Ok(outcome)
}

/// The session key of a plain-form bulk change's answer (the list shows
/// it once).
#[cfg(feature = "ssr")]
pub const BULK_FLASH: &str = "bulk_flash";

/// Changes the state of several listings of a kind at once (the staff
/// list's selection): each through the one write path, as a revision,
/// checked as a save of its form would be; one outside the account's
/// communes or missing what a published listing needs is left as it was
/// and named in the answer. `back` is the list's address to return to
/// without JavaScript.
#[server(prefix = "/api/staff")]
pub async fn bulk_state(
    kind: String,
    ids: Option<Vec<i64>>,
    state: String,
    op: Option<String>,
    assign: Option<String>,
    back: Option<String>,
    lang: Option<String>,
) -> Result<super::list::BulkOutcome, AppError> {
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec, form_cx) = open_kind(&cx, &kind).await?;
    if !super::list::STATES.contains(&state.as_str()) {
        return Err(cx.refuse(AppError::BadRequest));
    }
    let mut ids = ids.unwrap_or_default();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > super::list::STAFF_PER_PAGE {
        return Err(cx.refuse(AppError::BadRequest));
    }
    let mut outcome = super::list::BulkOutcome {
        state: state.clone(),
        ..super::list::BulkOutcome::default()
    };
    // The other button: give the listings to an editor to work on.
    if op.as_deref() == Some("assign") {
        assign_listings(
            &user,
            &cx,
            (kind, spec, &form_cx),
            &ids,
            assign,
            &mut outcome,
        )
        .await?;
        return bulk_answer(&cx, kind, outcome, back, lang).await;
    }
    for id in ids {
        let mut conn = cx.pool.acquire().await?;
        let current = db::current(&mut conn, kind, spec, id, &form_cx).await?;
        drop(conn);
        let Some(current) = current else {
            outcome.refused.push(format!("#{id}"));
            continue;
        };
        let name = current.values.get("name_vi").cloned().unwrap_or_default();
        if !user.may_edit_in(current.commune.as_deref()) {
            outcome.refused.push(name);
            continue;
        }
        let from = current.values.get("status").cloned().unwrap_or_default();
        if from == state {
            outcome.unchanged += 1;
            continue;
        }
        let mut values = current.values.clone();
        values.insert("status".into(), state.clone());
        let action = match (from.as_str(), state.as_str()) {
            (_, "archived") => "archive",
            ("archived", _) => "unarchive",
            _ => "status",
        };
        let saved = save_values(
            &user,
            &cx,
            kind,
            spec,
            id,
            &current.version,
            &values,
            action,
            None,
            &form_cx,
        )
        .await?;
        if saved.errors.is_empty() {
            outcome.changed.push(name);
        } else {
            outcome.refused.push(name);
        }
    }
    bulk_answer(&cx, kind, outcome, back, lang).await
}

/// Gives each listing of `ids` the account `to` chose to work on (an
/// enabled editor or administrator; "none" for nobody): those outside the
/// signed-in editor's communes, or outside the communes of the account
/// given them, are left and named.
#[cfg(feature = "ssr")]
async fn assign_listings(
    user: &crate::staff::StaffUser,
    cx: &crate::staff::auth::RequestContext,
    (kind, spec, form_cx): (Kind, &[super::fields::FieldSpec], &super::FormContext),
    ids: &[i64],
    to: Option<String>,
    outcome: &mut super::list::BulkOutcome,
) -> Result<(), AppError> {
    let to = match to.as_deref() {
        Some("none") => None,
        Some(id) => {
            let id: i64 = id.parse().map_err(|_| cx.refuse(AppError::BadRequest))?;
            let accounts = crate::staff::db::all_accounts(&cx.pool).await?;
            let Some((account, _)) = accounts
                .into_iter()
                .find(|(a, disabled)| a.id == id && !disabled && a.role.edits())
            else {
                return Err(cx.refuse(AppError::BadRequest));
            };
            Some(account)
        }
        None => return Err(cx.refuse(AppError::BadRequest)),
    };
    outcome.assigned = Some(
        to.as_ref()
            .map_or(String::new(), |a| a.display_name.clone()),
    );
    let ip = cx.ip_text();
    for &id in ids {
        let mut conn = cx.pool.acquire().await?;
        let current = db::current(&mut conn, kind, spec, id, form_cx).await?;
        drop(conn);
        let Some(current) = current else {
            outcome.refused.push(format!("#{id}"));
            continue;
        };
        let name = current.values.get("name_vi").cloned().unwrap_or_default();
        let commune = current.commune.as_deref();
        if !user.may_edit_in(commune) || to.as_ref().is_some_and(|a| !a.may_edit_in(commune)) {
            outcome.refused.push(name);
            continue;
        }
        let target = to.as_ref().map(|a| (a.id, a.display_name.as_str()));
        if db::lists::assign(&cx.pool, kind, id, target, user.id, ip.as_deref()).await? {
            outcome.changed.push(name);
        } else {
            outcome.unchanged += 1;
        }
    }
    Ok(())
}

/// The answer to a change of several listings: a plain form goes back to
/// the list it came from (with its filters), and only there.
#[cfg(feature = "ssr")]
async fn bulk_answer(
    cx: &crate::staff::auth::RequestContext,
    kind: Kind,
    outcome: super::list::BulkOutcome,
    back: Option<String>,
    lang: Option<String>,
) -> Result<super::list::BulkOutcome, AppError> {
    if cx.plain_form {
        let lang = model::i18n::Lang::from_code(lang.as_deref());
        let list = format!("{}/{}", model::paths::staff(lang), kind.code());
        // Only back to this list (with its filters): never elsewhere.
        let back = back
            .filter(|b| b == &list || b.starts_with(&format!("{list}?")))
            .unwrap_or(list);
        if let Some(session) = &cx.session {
            let _ = session.insert(BULK_FLASH, outcome.clone()).await;
        }
        cx.redirect(&back);
    }
    Ok(outcome)
}

/// One page of a kind's staff list: `query` is the page's query string
/// ([`super::list::StaffQuery`]). Partners see published listings; an
/// editor limited to communes sees theirs in every state and the others'
/// published ones (read-only).
#[server(prefix = "/api/staff")]
pub async fn staff_listings(kind: String, query: Option<String>) -> Result<StaffList, AppError> {
    use super::list::{ListScope, STAFF_PER_PAGE, StaffQuery, page_of};
    let Staff { user, cx } = require(Need::Staff).await?;
    let (kind, _) = kind_spec(&kind).map_err(|e| cx.refuse(e))?;
    let query = StaffQuery::parse(query.as_deref().unwrap_or_default());
    let scope = ListScope::of(&user);
    let rows = db::lists::staff_list(&cx.pool, kind, &query, &scope).await?;
    let (mut rows, total) = page_of(rows, &query, &scope);
    db::lists::fill_page(&cx.pool, kind, &mut rows).await?;
    let editors = if user.role.edits() {
        db::lists::editors(&cx.pool).await?
    } else {
        Vec::new()
    };
    for row in &mut rows {
        let name_of = |id: Option<i64>| {
            id.and_then(|id| editors.iter().find(|(e, _)| *e == id))
                .map(|(_, name)| name.clone())
        };
        if user.role.edits() {
            row.updated_by = name_of(row.updated_by_id);
            row.assigned = name_of(row.assigned_to);
        } else {
            // Partners see when, not who.
            row.updated_by_id = None;
            row.assigned_to = None;
        }
    }
    let pages = u32::try_from(total.div_ceil(STAFF_PER_PAGE).max(1)).unwrap_or(u32::MAX);
    let bulk = match &cx.session {
        Some(session) => session.remove(BULK_FLASH).await.ok().flatten(),
        None => None,
    };
    Ok(StaffList {
        bulk,
        query,
        rows,
        total,
        pages,
        communes: db::communes(&cx.pool).await?,
        my_communes: scope.communes.to_vec(),
        editors,
    })
}
