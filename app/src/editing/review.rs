//! Partners' proposals as staff server functions: proposing a change,
//! listing proposals for the dashboard, accepting or rejecting one. Each
//! one's first line is [`crate::staff::auth::require`].

use super::SaveOutcome;
use super::Values;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::api::{PROPOSED_KEY, answer_plain_form, open_kind, parse_checked, save_values, stored},
    super::{FieldErrors, db, diff, fields::FieldError, spec_of},
    crate::staff::auth::{Need, Staff, require},
};

/// Proposes a change of a listing for review (what partners do instead of
/// saving). Only the fields that differ from the stored listing are kept;
/// invalid input is answered with errors per field as for a save.
#[server(prefix = "/api/staff")]
pub async fn propose_edit(
    kind: String,
    id: i64,
    version: String,
    fields: Values,
    note: Option<String>,
    lang: Option<String>,
) -> Result<SaveOutcome, AppError> {
    let Staff { user, cx } = require(Need::Staff).await?;
    let (kind, spec, form_cx) = open_kind(&cx, &kind).await?;
    let stored = stored(&cx, kind, spec, id, &form_cx).await?;
    if !user.role.edits() && stored.values.get("status").map(String::as_str) != Some("published") {
        return Err(cx.refuse(AppError::NotFound));
    }
    let lang = model::i18n::Lang::from_code(lang.as_deref());
    let back = kind.edit_path(lang, id);
    let mut outcome = SaveOutcome {
        id,
        errors: FieldErrors::new(),
        slug: stored.slug.clone(),
        version: version.clone(),
        proposal: None,
        conflicts: Vec::new(),
        meanwhile: Vec::new(),
        changed_by: None,
    };
    let note = note_text(note);
    match send_proposal(
        &cx,
        &user,
        (kind, id),
        spec,
        &stored,
        &fields,
        &note,
        None,
        &form_cx,
    )
    .await?
    {
        Err(errors) => outcome.errors = errors,
        Ok(proposal) => outcome.proposal = Some(proposal),
    }
    if cx.plain_form {
        answer_plain_form(&cx, kind, id, spec, &fields, &outcome, PROPOSED_KEY, &back).await?;
    }
    Ok(outcome)
}

/// A partner's note as kept: trimmed, at most 2,000 characters.
#[cfg(feature = "ssr")]
fn note_text(note: Option<String>) -> String {
    note.unwrap_or_default().trim().chars().take(2000).collect()
}

/// Checks `fields` (the whole form) against the stored listing and records
/// a proposal of what differs: the errors per field, or the proposal's id.
/// What only the department sets stays as stored, whatever was sent.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
async fn send_proposal(
    cx: &crate::staff::auth::RequestContext,
    user: &crate::staff::StaffUser,
    (kind, id): (model::listing::Kind, i64),
    spec: &'static [super::fields::FieldSpec],
    stored: &db::Current,
    fields: &Values,
    note: &str,
    resubmits: Option<i64>,
    form_cx: &super::FormContext,
) -> Result<Result<i64, FieldErrors>, AppError> {
    let mut fields = fields.clone();
    if !user.role.edits() {
        for key in super::DEPARTMENT_ONLY {
            if let Some(value) = stored.values.get(key) {
                fields.insert(key.to_owned(), value.clone());
            }
        }
    }
    let values = match parse_checked(&cx.pool, spec, &fields, form_cx).await? {
        Err(errors) => return Ok(Err(errors)),
        Ok(values) => values,
    };
    let changed: Values = diff(spec, &stored.values, &values)
        .into_iter()
        .map(|c| (c.key, c.after))
        .collect();
    if changed.is_empty() {
        let mut errors = FieldErrors::new();
        errors.insert("name_vi".to_owned(), FieldError::NothingChanged);
        return Ok(Err(errors));
    }
    let before: Values = changed
        .keys()
        .map(|key| {
            let value = stored.values.get(key).cloned().unwrap_or_default();
            (key.clone(), value)
        })
        .collect();
    let ip = cx.ip_text();
    let id = db::proposals::insert_proposal(
        &cx.pool,
        db::proposals::Proposed {
            kind,
            id,
            user_id: user.id,
            fields: &changed,
            before: &before,
            note,
            resubmits,
            ip: ip.as_deref(),
        },
    )
    .await?;
    Ok(Ok(id))
}

/// A proposal as the staff see it: what it would change now.
#[cfg(feature = "ssr")]
async fn proposal_view(
    cx: &crate::staff::auth::RequestContext,
    user: &crate::staff::StaffUser,
    row: db::proposals::ProposalRow,
    form_cx: &super::FormContext,
) -> Result<Option<super::ProposalView>, AppError> {
    let Some(spec) = spec_of(row.kind) else {
        return Ok(None);
    };
    let mut conn = cx.pool.acquire().await?;
    let Some(current) = db::current(&mut conn, row.kind, spec, row.target_id, form_cx).await?
    else {
        return Ok(None);
    };
    let mut after = current.values.clone();
    after.extend(row.fields.clone());
    let changes = if row.state == "pending" {
        diff(spec, &current.values, &after)
    } else {
        // Decided: what was proposed and what it replaced (or would have).
        spec.iter()
            .filter_map(|f| {
                row.fields.get(f.key).map(|v| super::FieldChange {
                    key: f.key.to_owned(),
                    before: row.before.get(f.key).cloned().unwrap_or_default(),
                    after: v.clone(),
                })
            })
            .collect()
    };
    Ok(Some(super::ProposalView {
        id: row.id,
        kind: row.kind,
        target_id: row.target_id,
        name: current.values.get("name_vi").cloned().unwrap_or_default(),
        who: row.who,
        at: row.at,
        state: row.state,
        reason: row.reason,
        note: row.note,
        changes,
        may_review: user.role.edits()
            && user.may_edit_in(current.commune.as_deref())
            && user.may_edit_in(after.get("commune_code").map(String::as_str)),
    }))
}

/// The proposals the dashboard shows: pending ones for editors, the
/// account's own (with decisions and reasons) for partners.
#[cfg(feature = "ssr")]
pub async fn dashboard_proposals(
    cx: &crate::staff::auth::RequestContext,
    user: &crate::staff::StaffUser,
) -> Result<Vec<super::ProposalView>, AppError> {
    let form_cx = db::form_context(&cx.pool).await?;
    let rows = if user.role.edits() {
        db::proposals::pending_proposals(&cx.pool).await?
    } else {
        db::proposals::proposals_of(&cx.pool, user.id).await?
    };
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(view) = proposal_view(cx, user, row, &form_cx).await? {
            views.push(view);
        }
    }
    Ok(views)
}

/// Accepts (`decision` = "accept": the change is saved as a revision) or
/// rejects (a reason is required and shown to the partner) a proposal.
#[server(prefix = "/api/staff")]
pub async fn review_proposal(
    proposal: i64,
    decision: String,
    reason: Option<String>,
    lang: Option<String>,
) -> Result<super::ReviewAnswer, AppError> {
    use super::ReviewOutcome;
    let Staff { user, cx } = require(Need::Edit).await?;
    let row = db::proposals::proposal(&cx.pool, proposal)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    let form_cx = db::form_context(&cx.pool).await?;
    let outcome = if row.state != "pending" {
        ReviewOutcome::AlreadyReviewed
    } else {
        let view = proposal_view(
            &cx,
            &user,
            db::proposals::proposal(&cx.pool, proposal)
                .await?
                .ok_or(AppError::NotFound)?,
            &form_cx,
        )
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
        if !view.may_review {
            return Err(cx.refuse(AppError::Forbidden));
        }
        // What the proposal replaces now: the current value of each field
        // it names (a field already equal to the proposal has that value).
        let before: Values = row
            .fields
            .iter()
            .map(|(key, proposed)| {
                let now = view
                    .changes
                    .iter()
                    .find(|c| &c.key == key)
                    .map_or_else(|| proposed.clone(), |c| c.before.clone());
                (key.clone(), now)
            })
            .collect();
        let reason = reason
            .unwrap_or_default()
            .trim()
            .chars()
            .take(2000)
            .collect::<String>();
        let ip = cx.ip_text();
        match decision.as_str() {
            "accept" => {
                let spec = spec_of(row.kind).ok_or(AppError::NotFound)?;
                let mut conn = cx.pool.acquire().await?;
                let current = db::current(&mut conn, row.kind, spec, row.target_id, &form_cx)
                    .await?
                    .ok_or(AppError::NotFound)?;
                drop(conn);
                let mut values = current.values.clone();
                values.extend(row.fields.clone());
                let saved = save_values(
                    &user,
                    &cx,
                    row.kind,
                    spec,
                    row.target_id,
                    &current.version,
                    &values,
                    "proposal",
                    None,
                    &form_cx,
                )
                .await?;
                if !saved.errors.is_empty() {
                    ReviewOutcome::NoLongerValid(saved.errors)
                } else if db::proposals::decide(
                    &cx.pool,
                    proposal,
                    true,
                    user.id,
                    &reason,
                    &before,
                    ip.as_deref(),
                )
                .await?
                {
                    ReviewOutcome::Accepted
                } else {
                    ReviewOutcome::AlreadyReviewed
                }
            }
            _ if reason.is_empty() => ReviewOutcome::ReasonRequired,
            _ => {
                if db::proposals::decide(
                    &cx.pool,
                    proposal,
                    false,
                    user.id,
                    &reason,
                    &before,
                    ip.as_deref(),
                )
                .await?
                {
                    ReviewOutcome::Rejected
                } else {
                    ReviewOutcome::AlreadyReviewed
                }
            }
        }
    };
    let answer = super::ReviewAnswer { proposal, outcome };
    answer_on_dashboard(&cx, &answer, lang.as_deref()).await;
    Ok(answer)
}

/// The answer to a plain form posted from the dashboard: kept for the
/// next page, and the browser sent back to the dashboard.
#[cfg(feature = "ssr")]
async fn answer_on_dashboard(
    cx: &crate::staff::auth::RequestContext,
    answer: &super::ReviewAnswer,
    lang: Option<&str>,
) {
    if cx.plain_form {
        if let Some(session) = &cx.session {
            let _ = session.insert(REVIEW_FLASH, answer.clone()).await;
        }
        cx.redirect(model::paths::staff(model::i18n::Lang::from_code(lang)));
    }
}

/// The signed-in account and its own proposal `id` (404 when there is
/// none, 403 when it is someone else's).
#[cfg(feature = "ssr")]
async fn own_proposal(id: i64) -> Result<(Staff, db::proposals::ProposalRow), AppError> {
    let staff = require(Need::Staff).await?;
    let row = db::proposals::proposal(&staff.cx.pool, id)
        .await?
        .ok_or_else(|| staff.cx.refuse(AppError::NotFound))?;
    if row.user_id != staff.user.id {
        return Err(staff.cx.refuse(AppError::Forbidden));
    }
    Ok((staff, row))
}

/// A partner withdraws their own proposal while it waits for a decision.
#[server(prefix = "/api/staff")]
pub async fn withdraw_proposal(
    proposal: i64,
    lang: Option<String>,
) -> Result<super::ReviewAnswer, AppError> {
    use super::ReviewOutcome;
    let (Staff { user, cx }, _) = own_proposal(proposal).await?;
    let ip = cx.ip_text();
    let outcome = if db::proposals::withdraw(&cx.pool, proposal, user.id, ip.as_deref()).await? {
        ReviewOutcome::Withdrawn
    } else {
        ReviewOutcome::AlreadyReviewed
    };
    let answer = super::ReviewAnswer { proposal, outcome };
    answer_on_dashboard(&cx, &answer, lang.as_deref()).await;
    Ok(answer)
}

/// A partner sends a rejected or withdrawn proposal of theirs again, with
/// a new note: what it still changes in the listing as it is now becomes a
/// new proposal waiting for review.
#[server(prefix = "/api/staff")]
pub async fn resubmit_proposal(
    proposal: i64,
    note: Option<String>,
    lang: Option<String>,
) -> Result<super::ReviewAnswer, AppError> {
    use super::ReviewOutcome;
    let (Staff { user, cx }, row) = own_proposal(proposal).await?;
    let outcome = if !matches!(row.state.as_str(), "rejected" | "withdrawn") {
        ReviewOutcome::AlreadyReviewed
    } else if db::proposals::resent(&cx.pool, row.id).await? {
        // Once: a second click (or a second tab) does not send it twice.
        ReviewOutcome::AlreadyResent
    } else {
        let spec = spec_of(row.kind).ok_or(AppError::NotFound)?;
        let form_cx = db::form_context(&cx.pool).await?;
        let stored = stored(&cx, row.kind, spec, row.target_id, &form_cx).await?;
        if !user.role.edits()
            && stored.values.get("status").map(String::as_str) != Some("published")
        {
            return Err(cx.refuse(AppError::NotFound));
        }
        let mut fields = stored.values.clone();
        fields.extend(row.fields.clone());
        let note = note_text(note);
        let sent = send_proposal(
            &cx,
            &user,
            (row.kind, row.target_id),
            spec,
            &stored,
            &fields,
            &note,
            Some(row.id),
            &form_cx,
        )
        .await?;
        match sent {
            Ok(_) => ReviewOutcome::Resubmitted,
            Err(errors) if errors.values().all(|e| *e == FieldError::NothingChanged) => {
                ReviewOutcome::NothingChanged
            }
            Err(errors) => ReviewOutcome::NoLongerValid(errors),
        }
    };
    let answer = super::ReviewAnswer { proposal, outcome };
    answer_on_dashboard(&cx, &answer, lang.as_deref()).await;
    Ok(answer)
}

/// The answer to the last plain-form review, once (proposal id, outcome).
#[cfg(feature = "ssr")]
pub const REVIEW_FLASH: &str = "review_flash";
