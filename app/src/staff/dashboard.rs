//! The staff home: what needs attention, proposals to review, and for
//! admins the newest audit entries.

use super::chrome::{StaffError, StaffMeta, StaffNav};
use super::strings::{StaffStrings, st};
use super::{AuditEntry, StaffUser};
use crate::editing::review::{ResubmitProposal, ReviewProposal, WithdrawProposal};
use crate::editing::{ProposalView, ReviewAnswer, ReviewOutcome};
use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use model::i18n::Lang;
use model::paths;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::auth::{Need, Staff, require};
#[cfg(feature = "ssr")]
use super::db;

/// What the dashboard shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub user: StaffUser,
    /// Per editable kind: drafts, without a point, without a description.
    pub attention: Vec<(model::listing::Kind, i64, i64, i64, i64)>,
    /// OCOP products whose certificate ends within 90 days: name, slug, end.
    pub ocop_expiring: Vec<(String, String, String)>,
    /// Newest audit entries (admins only): when, who, what, target, detail.
    pub audit: Vec<AuditEntry>,
    /// Pending proposals (editors), or the partner's own.
    pub proposals: Vec<crate::editing::ProposalView>,
    /// The answer to the last plain-form review: proposal and outcome.
    pub review: Option<ReviewAnswer>,
    /// Messages from the public waiting for this editor.
    pub suggestions: Vec<crate::suggestion::SuggestionView>,
}

/// The staff home: what needs attention, and for admins the audit log.
#[server(prefix = "/api/staff")]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    let Staff { user, cx } = require(Need::Staff).await?;
    let mut attention = Vec::new();
    for kind in model::listing::Kind::ALL {
        if !user.role.edits() {
            break;
        }
        if crate::editing::spec_of(kind).is_some() {
            // The counts of the list's own filters, so that each links to
            // the list showing as many.
            use crate::editing::list::{ListScope, Missing, StaffQuery};
            let queries = [
                StaffQuery {
                    state: Some("draft".into()),
                    ..StaffQuery::default()
                },
                StaffQuery {
                    missing: Some(Missing::Location),
                    ..StaffQuery::default()
                },
                StaffQuery {
                    missing: Some(Missing::Description),
                    ..StaffQuery::default()
                },
                StaffQuery {
                    assigned: Some(crate::editing::list::Assignee::Me),
                    ..StaffQuery::default()
                },
            ];
            let counts = crate::editing::db::lists::staff_counts(
                &cx.pool,
                kind,
                &queries,
                &ListScope::of(&user),
            )
            .await?;
            let count = |i: usize| counts.get(i).copied().unwrap_or_default();
            let (drafts, no_point, no_text, mine) = (count(0), count(1), count(2), count(3));
            attention.push((kind, drafts, no_point, no_text, mine));
        }
    }
    let ocop_expiring = crate::editing::db::lists::ocop_expiring(&cx.pool, 90).await?;
    let audit = if user.role == super::Role::Admin {
        db::recent_audit(&cx.pool, 50).await?
    } else {
        Vec::new()
    };
    let proposals = crate::editing::review::dashboard_proposals(&cx, &user).await?;
    let suggestions = crate::suggestion::waiting_for(&cx.pool, &user).await?;
    let review = match &cx.session {
        Some(session) => session
            .remove::<ReviewAnswer>(crate::editing::review::REVIEW_FLASH)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    Ok(DashboardData {
        user,
        attention,
        ocop_expiring,
        audit,
        proposals,
        review,
        suggestions,
    })
}

fn kind_label(kind: model::listing::Kind, lang: Lang) -> &'static str {
    kind.label(lang)
}

/// The dashboard's data, asked for as soon as its route matches (while
/// the page's code is still being fetched).
#[derive(Clone, Copy)]
pub struct DashboardLoad {
    data: crate::data::Data<Result<DashboardData, crate::error::AppError>>,
}

impl DashboardLoad {
    pub fn start() -> Self {
        Self {
            data: crate::data::resource(|| (), |_| dashboard()),
        }
    }
}

/// `/quan-tri`, `/en/admin`: what needs attention, and the audit log for
/// admins.
pub fn dashboard_page(load: DashboardLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let DashboardLoad { data } = load;
    view! {
        <StaffMeta title=s.dashboard_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DashboardBody data=d lang s /> }.into_any(),
                    Err(error) => view! { <StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardBody(data: DashboardData, lang: Lang, s: &'static StaffStrings) -> impl IntoView {
    let audit = data.audit.clone();
    view! {
        <StaffNav user=data.user.clone() />
        <h1>{s.dashboard_title}</h1>
        {data.user.must_change_password.then(|| view! {
            <p class="form-alert" role="alert">
                <a href=model::paths::account(lang)>{s.must_change_notice}</a>
            </p>
        })}
        <Proposals data=data.proposals.clone() review=data.review.clone() editor=data.user.role.edits() lang s />
        {data.user.role.edits().then(|| view! {
            <super::suggestions::SuggestionQueue data=data.suggestions.clone() lang s />
        })}
        <section aria-labelledby="attention" hidden=!data.user.role.edits()>
            <h2 id="attention">{s.needs_attention}</h2>
            // On phones each kind is a block of "label: count" lines.
            <table class="staff-table stack-table attention-table">
                <thead>
                    <tr><th scope="col"><span class="visually-hidden">{s.kind_column}</span></th><th scope="col">{s.drafts}</th><th scope="col">{s.missing_location}</th><th scope="col">{s.missing_description}</th><th scope="col">{s.assigned_to_you}</th></tr>
                </thead>
                <tbody>
                    {data.attention.iter().map(|(kind, drafts, no_point, no_text, mine)| {
                        use crate::editing::list::{Assignee, Missing, StaffQuery};
                        let list = format!("{}/{}", paths::staff(lang), kind.code());
                        // Each count links to the list so filtered (a zero
                        // is plain text: nothing to open).
                        let cell = |count: i64, label: &'static str, query: StaffQuery| {
                            let text = lang.number(count);
                            if count == 0 {
                                view! { <td data-label=label>{text}</td> }.into_any()
                            } else {
                                view! { <td data-label=label><a href=query.href(&list)>{text}</a></td> }.into_any()
                            }
                        };
                        view! {
                            <tr>
                                <th scope="row"><a href=list.clone()>{kind_label(*kind, lang)}</a></th>
                                {cell(*drafts, s.drafts, StaffQuery { state: Some("draft".into()), ..StaffQuery::default() })}
                                {cell(*no_point, s.missing_location, StaffQuery { missing: Some(Missing::Location), ..StaffQuery::default() })}
                                {cell(*no_text, s.missing_description, StaffQuery { missing: Some(Missing::Description), ..StaffQuery::default() })}
                                {cell(*mine, s.assigned_to_you, StaffQuery { assigned: Some(Assignee::Me), ..StaffQuery::default() })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="ocop" hidden=!data.user.role.edits()>
            <h2 id="ocop">{s.ocop_expiring}</h2>
            {if data.ocop_expiring.is_empty() {
                view! { <p>{s.none_needing_attention}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {data.ocop_expiring.iter().map(|(name, slug, ends)| view! {
                            <li><a href=model::listing::Kind::Product.profile_path(lang, slug)>{name.clone()}</a>" — "{ends.clone()}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!audit.is_empty()).then(|| view! {
            <section aria-labelledby="audit">
                <h2 id="audit">{s.audit_log}</h2>
                <super::audit::AuditTable entries=audit lang />
                <p><a href=paths::audit_log(lang)>{s.audit_whole}</a></p>
            </section>
        })}
    }
}

fn review_message(s: &'static StaffStrings, outcome: &ReviewOutcome, editor: bool) -> &'static str {
    match outcome {
        ReviewOutcome::Accepted => s.accepted_msg,
        ReviewOutcome::Rejected => s.rejected_msg,
        ReviewOutcome::ReasonRequired => s.reason_required,
        ReviewOutcome::AlreadyReviewed => s.already_reviewed,
        ReviewOutcome::NoLongerValid(_) if !editor => s.resubmit_invalid,
        ReviewOutcome::NoLongerValid(_) => s.no_longer_valid,
        ReviewOutcome::Withdrawn => s.withdrawn_msg,
        ReviewOutcome::Resubmitted => s.resubmitted_msg,
        ReviewOutcome::AlreadyResent => s.already_resent,
        ReviewOutcome::NothingChanged => s.nothing_to_resubmit,
    }
}

fn state_label(s: &'static StaffStrings, state: &str) -> &'static str {
    match state {
        "accepted" => s.state_accepted,
        "rejected" => s.state_rejected,
        "withdrawn" => s.state_withdrawn,
        _ => s.state_pending,
    }
}

/// The review queue (editors: each pending proposal as a field-by-field
/// diff with accept and reject) or a partner's own proposals with the
/// decisions and reasons.
#[component]
fn Proposals(
    data: Vec<ProposalView>,
    review: Option<crate::editing::ReviewAnswer>,
    editor: bool,
    lang: Lang,
    s: &'static StaffStrings,
) -> impl IntoView {
    let action = ServerAction::<ReviewProposal>::new();
    let withdraw = ServerAction::<WithdrawProposal>::new();
    let resubmit = ServerAction::<ResubmitProposal>::new();
    // The newest answer of the three (hydrated), else the plain form's.
    let latest = RwSignal::new(None::<crate::editing::ReviewAnswer>);
    Effect::watch(
        move || {
            (
                action.version().get(),
                withdraw.version().get(),
                resubmit.version().get(),
            )
        },
        move |now, before, _| {
            let before = before.copied().unwrap_or((0, 0, 0));
            let value = if now.0 != before.0 {
                action.value().get_untracked()
            } else if now.1 != before.1 {
                withdraw.value().get_untracked()
            } else {
                resubmit.value().get_untracked()
            };
            if let Some(Ok(answer)) = value {
                latest.set(Some(answer));
            }
        },
        false,
    );
    let review = StoredValue::new(review);
    let answer = move || {
        latest
            .get()
            .or_else(|| review.get_value())
            .map(|a| (a.proposal, a.outcome))
    };
    let title = if editor {
        s.reviews_title
    } else {
        s.my_proposals
    };
    let decided = move |id: i64| {
        answer().is_some_and(|(p, o)| {
            p == id
                && matches!(
                    o,
                    ReviewOutcome::Accepted
                        | ReviewOutcome::Rejected
                        | ReviewOutcome::AlreadyReviewed
                        | ReviewOutcome::Withdrawn
                        | ReviewOutcome::Resubmitted
                        | ReviewOutcome::AlreadyResent
                )
        })
    };
    view! {
        <section aria-labelledby="proposals" data-testid="proposals">
            <h2 id="proposals">{title}</h2>
            // The answer to the last decision (a decided proposal leaves
            // the queue, so the answer stands above it).
            {move || answer().map(|(_, o)| {
                let done = matches!(
                    o,
                    ReviewOutcome::Accepted | ReviewOutcome::Rejected | ReviewOutcome::Withdrawn | ReviewOutcome::Resubmitted
                );
                view! {
                    <p class=if done { "form-saved" } else { "form-alert" } role=if done { "status" } else { "alert" }>
                        {review_message(s, &o, editor)}
                    </p>
                }
            })}
            {data.is_empty().then(|| view! { <p>{s.no_proposals}</p> })}
            {data.into_iter().map(|p| {
                let id = p.id;
                let field_label = move |key: &str| {
                    crate::editing::spec_of(p.kind)
                        .and_then(|spec| spec.iter().find(|f| f.key == key).map(|f| f.label(lang)))
                        .unwrap_or_default()
                };
                let edit = p.kind.edit_path(lang, p.target_id);
                let may_review = editor && p.may_review && p.state == "pending";
                // Decided here (hydrated), the card shows the decision.
                let loaded = p.state.clone();
                let state = move || match answer() {
                    Some((decided, ReviewOutcome::Accepted)) if decided == id => "accepted".to_owned(),
                    Some((decided, ReviewOutcome::Rejected)) if decided == id => "rejected".to_owned(),
                    Some((decided, ReviewOutcome::Withdrawn)) if decided == id => "withdrawn".to_owned(),
                    _ => loaded.clone(),
                };
                let (badge, data_state) = (state.clone(), state.clone());
                view! {
                    <article class="proposal" id=format!("p{id}") data-state=data_state>
                        <h3>
                            <a href=edit>{p.name.clone()}</a>" — "
                            <span class=move || format!("status status-{}", badge())>{move || state_label(s, &state())}</span>
                        </h3>
                        <p>{s.proposed_by}" "{p.who.clone()}", "<time datetime=p.at.clone()>{model::date::vietnam_time(&p.at)}</time></p>
                        <table class="staff-table diff">
                            <thead><tr><th scope="col">{s.field}</th><th scope="col">{s.before}</th><th scope="col">{s.after}</th></tr></thead>
                            <tbody>
                                {p.changes.iter().map(|c| view! {
                                    <tr>
                                        <th scope="row">{field_label(&c.key)}</th>
                                        <td><del>{if c.before.is_empty() { s.empty_value.to_owned() } else { c.before.clone() }}</del></td>
                                        <td><ins>{if c.after.is_empty() { s.empty_value.to_owned() } else { c.after.clone() }}</ins></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(!p.note.is_empty()).then(|| view! {
                            <p class="proposal-note" data-testid="note"><strong>{s.partner_note}": "</strong>{p.note.clone()}</p>
                        })}
                        {(!p.reason.is_empty()).then(|| view! {
                            <p class="proposal-reason" data-testid="reason"><strong>{s.rejection_reason}": "</strong>{p.reason.clone()}</p>
                        })}
                        // The partner's own: withdraw while it waits, send
                        // again once rejected or withdrawn.
                        {
                            let loaded = p.state.clone();
                            move || (!editor && !decided(id) && loaded == "pending").then(|| view! {
                                <ActionForm action=withdraw attr:class="inline-form">
                                    <input type="hidden" name="proposal" value=id.to_string() />
                                    <input type="hidden" name="lang" value=lang.code() />
                                    <button type="submit" class="secondary">{s.withdraw}</button>
                                </ActionForm>
                            })
                        }
                        {
                            let loaded = p.state.clone();
                            move || {
                                let withdrawn_here = matches!(answer(), Some((p, ReviewOutcome::Withdrawn)) if p == id);
                                let resent = matches!(answer(), Some((p, ReviewOutcome::Resubmitted)) if p == id);
                                (!editor && !resent && (withdrawn_here || matches!(loaded.as_str(), "rejected" | "withdrawn"))).then(|| view! {
                                    <ActionForm action=resubmit attr:class="stacked-form" attr:novalidate=true>
                                        <input type="hidden" name="proposal" value=id.to_string() />
                                        <input type="hidden" name="lang" value=lang.code() />
                                        <label for=format!("note-{id}")>{s.resubmit_note_label}</label>
                                        <textarea id=format!("note-{id}") name="note" rows="2" maxlength="2000"></textarea>
                                        <button type="submit">{s.resubmit}</button>
                                    </ActionForm>
                                })
                            }
                        }
                        {move || (may_review && !decided(id)).then(|| view! {
                            <div class="review-forms">
                                <ActionForm action attr:class="inline-form">
                                    <input type="hidden" name="proposal" value=id.to_string() />
                                    <input type="hidden" name="decision" value="accept" />
                                    <input type="hidden" name="lang" value=lang.code() />
                                    <button type="submit">{s.accept}</button>
                                </ActionForm>
                                <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                                    <input type="hidden" name="proposal" value=id.to_string() />
                                    <input type="hidden" name="decision" value="reject" />
                                    <input type="hidden" name="lang" value=lang.code() />
                                    <label for=format!("reason-{id}")>{s.reason}</label>
                                    <textarea id=format!("reason-{id}") name="reason" rows="2" maxlength="2000" required></textarea>
                                    <button type="submit">{s.reject}</button>
                                </ActionForm>
                            </div>
                        })}
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
