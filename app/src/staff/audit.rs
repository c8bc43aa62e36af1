//! The whole audit log (admins): every write, sign-in and failed sign-in,
//! newest first, a page at a time, filtered by what happened. Plain GET
//! links and forms: it works the same without JavaScript.

use super::AuditEntry;
use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Entries per page.
pub const PAGE: i64 = 100;

/// The groups of entries the log can be filtered by, with their actions.
pub const GROUPS: [(&str, &[&str]); 4] = [
    (
        "sign-in",
        &[
            "sign_in",
            "sign_in_failed",
            "sign_in_limited",
            "sign_in_locked",
            "sign_in_unlogged",
            "sign_out",
        ],
    ),
    (
        "listings",
        &[
            "create",
            "edit",
            "restore",
            "archive",
            "unarchive",
            "status",
            "assign",
            "export",
            "propose",
            "propose_again",
            "proposal",
            "proposal_accepted",
            "proposal_rejected",
            "proposal_withdrawn",
            "import",
            "import_undone",
            "undo_import",
        ],
    ),
    (
        "photos",
        &[
            "image_added",
            "image_edited",
            "image_moved",
            "image_deleted",
            "image_restored",
        ],
    ),
    (
        "accounts",
        &[
            "create_account",
            "disable_account",
            "enable_account",
            "reset_password",
            "password_changed",
        ],
    ),
];

/// The actions of a group (`None`: an unknown group, or all).
pub fn group_actions(group: &str) -> Option<&'static [&'static str]> {
    GROUPS.iter().find(|(g, _)| *g == group).map(|(_, a)| *a)
}

/// What an entry's action means, in words (the code itself when the
/// tables do not know it).
pub fn action_label(action: &str, lang: Lang) -> &str {
    (super::strings::st(lang).audit_action)(action).unwrap_or(action)
}

/// One page of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLogPage {
    pub me: super::StaffUser,
    pub entries: Vec<AuditEntry>,
    /// The id to ask for the next (older) page with, when there is one.
    pub older: Option<i64>,
    /// Every account (id, e-mail address), for the "who" filter.
    pub accounts: Vec<(i64, String)>,
}

/// What the log is narrowed to, as in the page's address: a group of
/// actions (`loai`), an account (`nguoi`), days in Vietnam from and to
/// (`tu`, `den`, YYYY-MM-DD, both included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuditQuery {
    pub group: Option<String>,
    pub person: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl AuditQuery {
    /// The query-string pairs of the filters set (not the page).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(group) = &self.group {
            out.push(("loai", group.clone()));
        }
        if let Some(person) = self.person {
            out.push(("nguoi", person.to_string()));
        }
        if let Some(from) = &self.from {
            out.push(("tu", from.clone()));
        }
        if let Some(to) = &self.to {
            out.push(("den", to.clone()));
        }
        out
    }
}

/// A page of the audit log (admins): entries older than `before` (an
/// entry id) that `query` keeps. Unknown groups and dates that are not
/// dates narrow nothing.
#[server(prefix = "/api/staff")]
pub async fn audit_log(
    query: Option<AuditQuery>,
    before: Option<i64>,
) -> Result<AuditLogPage, AppError> {
    use super::auth::{Need, Staff, require};
    use model::date::{Date, vietnam_day_start_utc};
    let Staff { user, cx } = require(Need::Admin).await?;
    let query = query.unwrap_or_default();
    let actions = query
        .group
        .as_deref()
        .and_then(group_actions)
        .unwrap_or(&[]);
    let day = |text: &Option<String>| text.as_deref().and_then(Date::parse);
    let from = day(&query.from).map(vietnam_day_start_utc);
    // Up to the end of the last day: the start of the next.
    let until = day(&query.to)
        .map(|d| vietnam_day_start_utc(Date::from_days_since_epoch(d.days_since_epoch() + 1)));
    let filter = super::db::AuditFilter {
        actions,
        user_id: query.person,
        from: from.as_deref(),
        until: until.as_deref(),
    };
    let mut entries = super::db::audit_page(&cx.pool, filter, before, PAGE + 1).await?;
    let older = if entries.len() > PAGE as usize {
        entries.truncate(PAGE as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    let accounts = super::db::all_accounts(&cx.pool)
        .await?
        .into_iter()
        .map(|(account, _)| (account.id, account.email))
        .collect();
    Ok(AuditLogPage {
        me: user,
        entries,
        older,
        accounts,
    })
}

/// The log's data, asked for as soon as its route matches; follows the
/// address's query (`loai`, `truoc`).
#[derive(Clone, Copy)]
pub struct AuditLoad {
    data: crate::data::Data<Result<AuditLogPage, AppError>>,
    query: Memo<AuditQuery>,
}

impl AuditLoad {
    pub fn start() -> Self {
        let map = use_query_map();
        let query = Memo::new(move |_| {
            let map = map.read();
            let text = |key: &str| map.get(key).filter(|v| !v.trim().is_empty());
            AuditQuery {
                group: text("loai"),
                person: text("nguoi").and_then(|p| p.parse().ok()),
                from: text("tu"),
                to: text("den"),
            }
        });
        let before = Memo::new(move |_| map.read().get("truoc").and_then(|b| b.parse().ok()));
        let data = crate::data::resource(
            move || (query.get(), before.get()),
            |(query, before)| audit_log(Some(query), before),
        );
        Self { data, query }
    }
}

/// The table of entries (the dashboard shows the newest the same way).
#[component]
pub fn AuditTable(entries: Vec<AuditEntry>, lang: Lang) -> impl IntoView {
    let s = super::strings::st(lang);
    view! {
        <table class="staff-table stack-table" data-testid="audit-log">
            <thead><tr>
                <th scope="col">{s.when}</th><th scope="col">{s.who}</th><th scope="col">{s.what}</th>
                <th scope="col">{s.audit_about}</th><th scope="col">"IP"</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| {
                    let about = target_link(e.target.as_deref(), e.target_id, lang);
                    view! {
                        <tr>
                            <td><time datetime=e.at.clone()>{model::date::vietnam_time(&e.at)}</time></td>
                            <td data-label=s.who>{e.who.unwrap_or_default()}</td>
                            <td data-label=s.what data-action=e.action.clone()>{action_label(&e.action, lang).to_owned()}</td>
                            <td data-label=s.audit_about>{about}" "{detail_words(&e.action, e.target.as_deref(), e.detail, lang)}</td>
                            <td data-label="IP">{e.ip.unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The kind of listing whose table is `target` ("villages": the table is
/// the kind's code with an s).
fn listing_kind(target: &str) -> Option<model::listing::Kind> {
    model::listing::Kind::ALL
        .into_iter()
        .find(|kind| target.strip_suffix('s') == Some(kind.code()))
}

/// An entry's detail in words: a proposal's field names, a role's name,
/// a photo's move; other details (names, alternative texts) as they are.
fn detail_words(action: &str, target: Option<&str>, detail: String, lang: Lang) -> String {
    let s = crate::staff::strings::st(lang);
    match action {
        "propose" | "propose_again" => {
            let spec = target
                .and_then(listing_kind)
                .and_then(crate::editing::spec_of);
            detail
                .split(", ")
                .map(|key| {
                    spec.and_then(|spec| spec.iter().find(|f| f.key == key))
                        .map_or(key, |f| f.label(lang))
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        "create_account" => {
            model::staff::Role::parse(&detail).map_or(detail, |role| s.role_label(role).to_owned())
        }
        "image_moved" if detail == "earlier" => s.audit_moved_earlier.to_owned(),
        "image_moved" if detail == "later" => s.audit_moved_later.to_owned(),
        "image_moved" if detail == "before" || detail == "last" => s.audit_moved_dragged.to_owned(),
        "assign" if detail.is_empty() => s.audit_assigned_nobody.to_owned(),
        _ => detail,
    }
}

/// What an entry is about, linked to the exact record: a listing's form,
/// an account's row, a proposal or a message on the dashboard.
fn target_link(target: Option<&str>, id: Option<i64>, lang: Lang) -> Option<AnyView> {
    let (target, id) = (target?, id?);
    let s = crate::staff::strings::st(lang);
    let (href, label) = match (listing_kind(target), target) {
        (Some(kind), _) => (kind.edit_path(lang, id), kind.singular(lang).to_owned()),
        (None, "users") => (
            format!("{}#account-{id}", model::paths::accounts(lang)),
            s.audit_account.to_owned(),
        ),
        (None, "proposals") => (
            format!("{}#p{id}", model::paths::staff(lang)),
            s.audit_proposal.to_owned(),
        ),
        (None, "imports") => (
            format!("{}/{id}", model::paths::imports(lang)),
            s.import_of.to_owned(),
        ),
        (None, "suggestions") => (
            format!("{}#s{id}", model::paths::staff(lang)),
            s.audit_suggestion.to_owned(),
        ),
        (None, _) => return Some(view! { {format!("{target} #{id}")} }.into_any()),
    };
    Some(view! { <a href=href>{format!("{label} #{id}")}</a> }.into_any())
}

/// `/nhat-ky`, `/en/audit-log`.
pub fn audit_page_view(load: AuditLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = super::strings::st(lang);
    let AuditLoad { data, query } = load;
    let here = model::paths::audit_log(lang);
    view! {
        <super::chrome::StaffMeta title=s.audit_log />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let q = query.get_untracked();
                        let current = q.group.clone().unwrap_or_default();
                        let older = page.older.map(|id| {
                            let mut out = form_urlencoded::Serializer::new(String::new());
                            out.append_pair("truoc", &id.to_string());
                            for (key, value) in q.pairs() {
                                out.append_pair(key, &value);
                            }
                            format!("{here}?{}", out.finish())
                        });
                        let t = lang.t();
                        view! {
                            <super::chrome::StaffNav user=page.me.clone() />
                            <h1>{s.audit_log}</h1>
                            <form method="get" action=here class="audit-filters" role="search" aria-label=s.audit_filter>
                                <label class="field">
                                    <span>{s.audit_show}</span>
                                    <select name="loai">
                                        <option value="" selected=current.is_empty()>{s.audit_all}</option>
                                        {GROUPS.iter().map(|(g, _)| view! {
                                            <option value=*g selected=current == *g>{group_label(g, lang)}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label class="field">
                                    <span>{s.who}</span>
                                    <select name="nguoi">
                                        <option value="">{t.filter_any}</option>
                                        {page.accounts.iter().map(|(id, email)| view! {
                                            <option value=id.to_string() selected=q.person == Some(*id)>{email.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label class="field">
                                    <span>{s.audit_from}</span>
                                    <input type="date" name="tu" value=q.from.clone().unwrap_or_default() />
                                </label>
                                <label class="field">
                                    <span>{s.audit_to}</span>
                                    <input type="date" name="den" value=q.to.clone().unwrap_or_default() />
                                </label>
                                <div class="filter-actions">
                                    <button type="submit">{s.audit_filter}</button>
                                    {(!q.pairs().is_empty()).then(|| view! { <a href=here>{t.filter_reset}</a> })}
                                </div>
                            </form>
                            {if page.entries.is_empty() {
                                view! { <p>{s.audit_empty}</p> }.into_any()
                            } else {
                                view! { <AuditTable entries=page.entries lang /> }.into_any()
                            }}
                            {older.map(|href| view! {
                                <p><a class="button-link" href=href>{s.audit_older}</a></p>
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <super::chrome::StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn group_label(group: &str, lang: Lang) -> &'static str {
    match group {
        "sign-in" => crate::staff::strings::st(lang).audit_filter_sign_in,
        "listings" => crate::staff::strings::st(lang).audit_filter_listings,
        "photos" => crate::staff::strings::st(lang).audit_filter_photos,
        _ => crate::staff::strings::st(lang).audit_filter_accounts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_is_labelled_and_every_action_worded() {
        for (group, actions) in GROUPS {
            assert_eq!(group_actions(group), Some(actions));
            for action in actions {
                assert_ne!(action_label(action, Lang::Vi), *action, "{action}");
                assert_ne!(action_label(action, Lang::En), *action, "{action}");
            }
        }
        assert_eq!(group_actions("nope"), None);
        #[cfg(feature = "ssr")]
        for kind in model::listing::Kind::ALL {
            assert_eq!(listing_kind(crate::listing::db::table(kind)), Some(kind));
        }
        assert_eq!(listing_kind("users"), None);
        assert_eq!(action_label("something_new", Lang::Vi), "something_new");
    }

    #[test]
    fn details_are_words_not_keys() {
        for lang in [Lang::Vi, Lang::En] {
            let fields = detail_words(
                "propose",
                Some("villages"),
                "name_en, visiting_en".into(),
                lang,
            );
            assert!(!fields.contains('_'), "{fields}");
            assert_eq!(fields.split(", ").count(), 2, "{fields}");
            let role = detail_words("create_account", Some("users"), "editor".into(), lang);
            assert_eq!(role, crate::staff::strings::st(lang).role_editor);
            assert_ne!(
                detail_words("image_moved", Some("villages"), "later".into(), lang),
                "later"
            );
        }
        // Free text stays as it is.
        assert_eq!(
            detail_words("update", Some("villages"), "Bản Lác".into(), Lang::Vi),
            "Bản Lác"
        );
    }
}
