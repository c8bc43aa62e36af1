//! The sign-in page, the frame of the staff area and its dashboard.

use super::api::{DashboardData, SignIn, SignInError, SignOut, dashboard, sign_in_flash};
use super::strings::{StaffStrings, st};
use crate::editing::api::ReviewProposal;
use crate::editing::{ProposalView, ReviewOutcome};
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::paths;
use crate::status::ErrorPage;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_query_map};

/// What a staff page shows when its data could not be loaded: the sign-in
/// link (and, on the server, a redirect to it) when nobody is signed in,
/// a refusal for a role that may not, the error page otherwise.
#[component]
pub fn StaffError(error: AppError) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    match error {
        AppError::Unauthorized => {
            let location = use_location();
            let here = location.pathname.get_untracked();
            let target = format!(
                "{}?next={}",
                paths::sign_in(lang),
                form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()
            );
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&target);
            view! {
                <section class="status-page" role="alert">
                    <p>{s.need_sign_in}</p>
                    <p><a href=target>{s.sign_in}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::PasswordChangeRequired => {
            let target = paths::account(lang);
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(target);
            view! {
                <section class="status-page" role="alert">
                    <p>{s.must_change_notice}</p>
                    <p><a href=target>{s.account_title}</a></p>
                </section>
            }
            .into_any()
        }
        AppError::Forbidden => {
            crate::context::set_status(403);
            view! {
                <section class="status-page" role="alert">
                    <p>{s.forbidden}</p>
                </section>
            }
            .into_any()
        }
        error => view! { <ErrorPage error /> }.into_any(),
    }
}

/// Head tags of a staff page: its title, and no indexing.
#[component]
pub fn StaffMeta(#[prop(into)] title: String) -> impl IntoView {
    let lang = use_lang().get_untracked();
    view! {
        <Title text=crate::seo::title_text(format!("{title} — {}", st(lang).area_name)) />
        <Meta name="robots" content="noindex, nofollow" />
    }
}

/// The staff area's navigation with the sign-out button.
#[component]
pub fn StaffNav(user: super::StaffUser) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <nav class="staff-nav" aria-label=s.area_name>
            <a href=paths::staff(lang)>{s.dashboard_title}</a>
            {crate::search::Kind::ALL.into_iter().map(|kind| view! {
                <a href=format!("{}/{}", paths::staff(lang), kind.code())>{kind.label(lang)}</a>
            }).collect_view()}
            {(user.role == super::Role::Admin).then(|| view! {
                <a href=paths::accounts(lang)>{s.accounts_title}</a>
                <a href=paths::audit_log(lang)>{s.audit_log}</a>
            })}
            <span class="staff-user">{s.signed_in_as}" "<a href=paths::account(lang)><strong>{user.display_name}</strong></a></span>
            <ActionForm action=sign_out attr:class="inline-form">
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit" class="link-button">{s.sign_out}</button>
            </ActionForm>
        </nav>
    }
}

fn sign_in_message(s: &'static StaffStrings, error: SignInError) -> &'static str {
    match error {
        SignInError::WrongCredentials => s.wrong_credentials,
        SignInError::TooManyAttempts => s.too_many_attempts,
    }
}

/// `/dang-nhap`, `/en/sign-in`: e-mail and password.
#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let query = use_query_map();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let action = ServerAction::<SignIn>::new();
    let flash = Resource::new(|| (), |_| sign_in_flash());
    let refusal = move || {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .flatten()
            .or_else(|| flash.get().and_then(Result::ok).flatten())
    };
    view! {
        <StaffMeta title=s.sign_in_title />
        <section class="sign-in">
            <h1>{s.sign_in_title}</h1>
            <p>{s.sign_in_lead}</p>
            <Suspense>
                {move || refusal().map(|r| view! {
                    <p class="form-alert" role="alert" id="sign-in-error">{sign_in_message(s, r.error)}</p>
                })}
                <ActionForm action attr:class="stacked-form" attr:novalidate="novalidate">
                    <input type="hidden" name="next" value=next.clone() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <label for="email">{s.email}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        maxlength="254"
                        value=move || refusal().map(|r| r.email).unwrap_or_default()
                        aria-describedby=move || refusal().map(|_| "sign-in-error")
                    />
                    <label for="password">{s.password}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        maxlength="1024"
                        aria-describedby=move || refusal().map(|_| "sign-in-error")
                        // Emptied after each refused attempt, as the
                        // page without JavaScript does.
                        prop:value=move || {
                            action.version().track();
                            String::new()
                        }
                    />
                    <button type="submit">{s.sign_in}</button>
                </ActionForm>
            </Suspense>
        </section>
    }
}

fn kind_label(kind: crate::search::Kind, lang: Lang) -> &'static str {
    kind.label(lang)
}

/// The dashboard's data, asked for as soon as its route matches (while
/// the page's code is still being fetched).
#[derive(Clone, Copy)]
pub struct DashboardLoad {
    data: Resource<Result<DashboardData, crate::error::AppError>>,
}

impl DashboardLoad {
    pub fn start() -> Self {
        Self {
            data: Resource::new(|| (), |_| dashboard()),
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
                <a href=crate::paths::account(lang)>{s.must_change_notice}</a>
            </p>
        })}
        <Proposals data=data.proposals.clone() review=data.review.clone() editor=data.user.role.edits() lang s />
        <section aria-labelledby="attention" hidden=!data.user.role.edits()>
            <h2 id="attention">{s.needs_attention}</h2>
            <table class="staff-table">
                <thead>
                    <tr><th scope="col"></th><th scope="col">{s.drafts}</th><th scope="col">{s.missing_location}</th><th scope="col">{s.missing_description}</th></tr>
                </thead>
                <tbody>
                    {data.attention.iter().map(|(kind, drafts, no_point, no_text)| view! {
                        <tr>
                            <th scope="row"><a href=format!("{}/{}", paths::staff(lang), kind.code())>{kind_label(*kind, lang)}</a></th>
                            <td>{lang.number(*drafts)}</td>
                            <td>{lang.number(*no_point)}</td>
                            <td>{lang.number(*no_text)}</td>
                        </tr>
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
                            <li><a href=crate::search::Kind::Product.profile_path(lang, slug)>{name.clone()}</a>" — "{ends.clone()}</li>
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

fn review_message(s: &'static StaffStrings, outcome: &ReviewOutcome) -> &'static str {
    match outcome {
        ReviewOutcome::Accepted => s.accepted_msg,
        ReviewOutcome::Rejected => s.rejected_msg,
        ReviewOutcome::ReasonRequired => s.reason_required,
        ReviewOutcome::AlreadyReviewed => s.already_reviewed,
        ReviewOutcome::NoLongerValid(_) => s.no_longer_valid,
    }
}

fn state_label(s: &'static StaffStrings, state: &str) -> &'static str {
    match state {
        "accepted" => s.state_accepted,
        "rejected" => s.state_rejected,
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
    let review = StoredValue::new(review);
    // The last answer: the hydrated action's, else the plain form's.
    let answer = move || {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| {
                action
                    .value()
                    .with(Option::is_none)
                    .then(|| review.get_value())
                    .flatten()
            })
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
                )
        })
    };
    view! {
        <section aria-labelledby="proposals" data-testid="proposals">
            <h2 id="proposals">{title}</h2>
            // The answer to the last decision (a decided proposal leaves
            // the queue, so the answer stands above it).
            {move || answer().map(|(_, o)| {
                let done = matches!(o, ReviewOutcome::Accepted | ReviewOutcome::Rejected);
                view! {
                    <p class=if done { "form-saved" } else { "form-alert" } role=if done { "status" } else { "alert" }>
                        {review_message(s, &o)}
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
                let edit = crate::editing::api::edit_path(lang, p.kind, p.target_id);
                let may_review = editor && p.may_review && p.state == "pending";
                view! {
                    <article class="proposal" id=format!("p{id}") data-state=p.state.clone()>
                        <h3>
                            <a href=edit>{p.name.clone()}</a>" — "
                            <span class=format!("status status-{}", p.state)>{state_label(s, &p.state)}</span>
                        </h3>
                        <p>{s.proposed_by}" "{p.who.clone()}", "<time datetime=p.at.clone()>{p.at.clone()}</time></p>
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
                        {(!p.reason.is_empty()).then(|| view! {
                            <p class="proposal-reason" data-testid="reason"><strong>{s.rejection_reason}": "</strong>{p.reason.clone()}</p>
                        })}
                        {move || (may_review && !decided(id)).then(|| view! {
                            <div class="review-forms">
                                <ActionForm action attr:class="inline-form">
                                    <input type="hidden" name="proposal" value=id.to_string() />
                                    <input type="hidden" name="decision" value="accept" />
                                    <input type="hidden" name="lang" value=lang.code() />
                                    <button type="submit">{s.accept}</button>
                                </ActionForm>
                                <ActionForm action attr:class="stacked-form">
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
