//! `/quan-tri/:kind`: a kind's staff list — the public site's folding
//! search, filters, sortable columns, pages, completeness, who changed
//! each listing last, and for an editor limited to communes which listings
//! are theirs. Every state is in the address (a GET form), so it works
//! without JavaScript and can be bookmarked or sent to a colleague.

use super::api::{BulkState, staff_listings};
use super::list::{Band, Missing, StaffList, StaffListRow, StaffQuery, StaffSort};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::staff::chrome::{StaffError, StaffMeta, StaffNav};
use crate::staff::strings::{StaffStrings, st};
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;
use model::i18n::Lang;
use model::listing::Kind;
use std::sync::Arc;

/// The staff list's data, asked for as soon as its route matches (while
/// the page's code is still being fetched), again whenever its address
/// changes.
#[derive(Clone, Copy)]
pub struct ListLoad {
    kind: Memo<String>,
    data: crate::data::Data<Result<StaffList, AppError>>,
    user: super::pages::UserResource,
    /// Moves on after each change of several listings' state (hydrated):
    /// the list is asked for again.
    changed: RwSignal<usize>,
}

impl ListLoad {
    pub fn start() -> Self {
        let kind = super::pages::route_kind();
        let search = use_location().search;
        let changed = RwSignal::new(0);
        Self {
            kind,
            data: crate::data::resource(
                move || (kind.get(), search.get(), changed.get()),
                |(kind, query, _)| staff_listings(kind, Some(query)),
            ),
            user: super::pages::user_resource(),
            changed,
        }
    }
}

pub fn staff_list_page(load: ListLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let ListLoad {
        kind,
        data,
        user,
        changed,
    } = load;
    let bulk = ServerAction::<BulkState>::new();
    Effect::watch(
        move || bulk.version().get(),
        move |_, _, _| {
            if matches!(bulk.value().get_untracked(), Some(Ok(_))) {
                changed.update(|n| *n += 1);
            }
        },
        false,
    );
    let title = Kind::parse(&kind.get_untracked()).map_or(s.listings, |k| k.label(lang));
    view! {
        <StaffMeta title=title />
        // The list stays while the next page or filter loads.
        <Transition fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                let (data, user) = (data.await, user.await);
                let kind = Kind::parse(&kind.get_untracked()).unwrap_or(Kind::Village);
                match (data, user) {
                    (Ok(list), Ok(Some(user))) => {
                        let edits = user.role.edits();
                        view! {
                            <StaffNav user />
                            <h1>{kind.label(lang)}</h1>
                            {edits.then(|| view! {
                                <p><a class="button-link" href=format!("{}/{}/{}", model::paths::staff(lang), kind.code(), model::paths::new_segment(lang))>{s.new_listing}</a></p>
                            })}
                            <ListBody list kind edits bulk lang s />
                        }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <StaffError error /> }.into_any(),
                    (_, Ok(None)) => view! { <StaffError error=AppError::Unauthorized /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The filters, the count, the table and the pages.
#[component]
fn ListBody(
    list: StaffList,
    kind: Kind,
    edits: bool,
    bulk: ServerAction<BulkState>,
    lang: Lang,
    s: &'static StaffStrings,
) -> impl IntoView {
    let t = lang.t();
    let here = format!("{}/{}", model::paths::staff(lang), kind.code());
    let query = list.query.clone();
    let limited = !list.my_communes.is_empty();
    let pages = list.pages;
    let prev = (query.page > 1).then(|| query.with_page(query.page - 1).href(&here));
    let next = (query.page < pages).then(|| query.with_page(query.page + 1).href(&here));
    let count = (t.search_results)(list.total);
    let page_now = query.page.min(pages);
    view! {
        <Filters list=list.clone() here=here.clone() edits limited lang s />
        <p class="list-count" role="status">
            {count}
            {(pages > 1).then(|| format!(" · {}", (t.page_of)(query.page.min(pages), pages)))}
        </p>
        <BulkAnswer answer=list.bulk.clone() bulk lang s />
        {if list.rows.is_empty() {
            view! { <p>{s.no_rows}</p> }.into_any()
        } else if edits {
            // The table is the selection's form: choose rows, then a state.
            let back = query.href(&here);
            view! {
                <ActionForm action=bulk attr:class="bulk-form" attr:id="bulk">
                    <input type="hidden" name="kind" value=kind.code() />
                    <input type="hidden" name="back" value=back />
                    <input type="hidden" name="lang" value=lang.code() />
                    <fieldset class="bulk-bar">
                        <legend>{s.bulk_legend}</legend>
                        <label class="field">
                            <span>{s.bulk_state}</span>
                            <select name="state">
                                {super::list::STATES.iter().map(|code| view! {
                                    <option value=*code>{super::fields::specs::status_label(code, lang)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="submit" name="op" value="state">{s.bulk_apply}</button>
                        // Or give them to someone to work on.
                        <label class="field">
                            <span>{s.assigned_to}</span>
                            <select name="assign">
                                {list.editors.iter().map(|(id, name)| view! {
                                    <option value=id.to_string()>{name.clone()}</option>
                                }).collect_view()}
                                <option value="none">{s.assigned_nobody}</option>
                            </select>
                        </label>
                        <button type="submit" name="op" value="assign" class="secondary">{s.bulk_assign}</button>
                        // Or download them as a spreadsheet (a plain post to
                        // the export, which answers with the file).
                        <input type="hidden" name="format" value="" />
                        <span class="bulk-export">
                            {[("csv", s.export_csv), ("xlsx", s.export_xlsx)].into_iter().map(|(format, label)| view! {
                                <button type="submit" class="secondary" name="format" value=format
                                    formaction=super::export::EXPORT_PATH formmethod="post" formnovalidate
                                    on:click=move |ev| crate::staff::chrome::post_form_to(
                                        &ev, "bulk", super::export::EXPORT_PATH, None, Some(("format", format)),
                                    )>
                                    {label}
                                </button>
                            }).collect_view()}
                        </span>
                    </fieldset>
                    <Rows rows=list.rows query=query.clone() here=here.clone() kind edits limited lang s />
                </ActionForm>
            }.into_any()
        } else {
            view! { <Rows rows=list.rows query here kind edits limited lang s /> }.into_any()
        }}
        <crate::search::page::PageLinks prev next page=page_now pages lang />
    }
}

/// The search box and the filters, in a GET form: the sort order is kept,
/// the page starts again at 1.
#[component]
fn Filters(
    list: StaffList,
    here: String,
    edits: bool,
    limited: bool,
    lang: Lang,
    s: &'static StaffStrings,
) -> impl IntoView {
    let t = lang.t();
    let q = list.query;
    let sort = if q.sort == StaffSort::Name && !q.descending {
        String::new()
    } else {
        format!("{}{}", if q.descending { "-" } else { "" }, q.sort.param())
    };
    let clear = q.narrows().then(|| {
        StaffQuery {
            sort: q.sort,
            descending: q.descending,
            page: 1,
            ..StaffQuery::default()
        }
        .href(&here)
    });
    let mine = q.mine;
    let active = [
        q.state.is_some(),
        q.commune.is_some(),
        q.mine,
        q.missing.is_some(),
        q.band.is_some(),
        q.by.is_some(),
    ]
    .into_iter()
    .filter(|set| *set)
    .count();
    view! {
        <Form method="GET" action=here attr:class="staff-filters" noscroll=true on_form_data=Arc::new(crate::search::page::drop_empty_fields)>
            <div class="search-box page-search" role="search" aria-label=t.list_search_label>
                <label for="staff-search" class="visually-hidden">{t.search_label}</label>
                <input type="search" id="staff-search" name="q" value=q.q.clone() autocomplete="off" placeholder=s.list_search_placeholder />
                <button type="submit">{t.search_button}</button>
            </div>
            // On phones the filters fold behind "Filters (n)".
            <details class="filters-toggle">
            <summary>{(t.filters_toggle)(active)}</summary>
            <fieldset class="filters staff-filter-fields">
                <legend>{t.filter_legend}</legend>
                // Partners see published listings only.
                {edits.then(|| choice(
                    s.status,
                    "state",
                    t.filter_any,
                    super::list::STATES
                        .iter()
                        .map(|code| ((*code).to_owned(), super::fields::specs::status_label(code, lang).to_owned()))
                        .collect(),
                    q.state.clone(),
                ))}
                {choice(
                    t.filter_commune,
                    "commune",
                    t.filter_any,
                    list.communes
                        .iter()
                        .map(|c| {
                            let own = list.my_communes.contains(&c.code);
                            (c.code.clone(), if own { format!("{} ★", c.name) } else { c.name.clone() })
                        })
                        .collect(),
                    q.commune.clone(),
                )}
                {limited.then(|| view! {
                    <label class="check">
                        <input type="checkbox" name="mine" value="1" checked=mine />
                        <span>{s.only_mine}</span>
                    </label>
                })}
                {edits.then(|| choice(
                    s.needs,
                    "missing",
                    t.filter_any,
                    Missing::ALL
                        .into_iter()
                        .map(|m| (m.param().to_owned(), missing_label(m, s).to_owned()))
                        .collect(),
                    q.missing.map(|m| m.param().to_owned()),
                ))}
                {choice(
                    s.completeness,
                    "band",
                    t.filter_any,
                    Band::ALL
                        .into_iter()
                        .map(|b| (b.param().to_owned(), band_label(b, s).to_owned()))
                        .collect(),
                    q.band.map(|b| b.param().to_owned()),
                )}
                {edits.then(|| choice(
                    s.changed_by,
                    "by",
                    t.filter_any,
                    list.editors.iter().map(|(id, name)| (id.to_string(), name.clone())).collect(),
                    q.by.map(|by| by.to_string()),
                ))}
                {edits.then(|| choice(
                    s.assigned_to,
                    "assigned",
                    t.filter_any,
                    std::iter::once(("me".to_owned(), s.assigned_me.to_owned()))
                        .chain(list.editors.iter().map(|(id, name)| (id.to_string(), name.clone())))
                        .chain(std::iter::once(("none".to_owned(), s.assigned_nobody.to_owned())))
                        .collect(),
                    q.assigned.map(|a| a.param()),
                ))}
                // The order (the column headers sort too; on phones,
                // where the table is a list, only this does).
                <label class="field">
                    <span>{s.sort_by}</span>
                    <select name="sort">
                        {sort_choices(s, lang).into_iter().map(|(value, label)| view! {
                            <option value=value.clone() selected=value == sort>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                <div class="filter-actions">
                    <button type="submit">{t.filter_apply}</button>
                    {clear.map(|href| view! { <a href=href>{t.filter_reset}</a> })}
                </div>
            </fieldset>
            </details>
        </Form>
    }
}

/// The table; each column header sorts by it (again: the other way).
#[component]
fn Rows(
    rows: Vec<StaffListRow>,
    query: StaffQuery,
    here: String,
    kind: Kind,
    edits: bool,
    limited: bool,
    lang: Lang,
    s: &'static StaffStrings,
) -> impl IntoView {
    let t = lang.t();
    let header = |sort: StaffSort, label: &'static str| {
        let current = query.sort == sort;
        let aria = current.then_some(if query.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = match (current, query.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <a href=query.sorted_by(sort).href(&here)>
                    {label}<span aria-hidden="true">{arrow}</span>
                    <span class="visually-hidden">" — "{s.sort_by}</span>
                </a>
            </th>
        }
    };
    view! {
        <table class="staff-table stack-table staff-list">
            <thead><tr>
                {edits.then(|| view! { <th scope="col"><span class="visually-hidden">{s.select_row}</span></th> })}
                {header(StaffSort::Name, s.name)}
                {header(StaffSort::State, s.status)}
                {header(StaffSort::Commune, t.filter_commune)}
                {header(StaffSort::Completeness, s.completeness)}
                {header(StaffSort::Updated, s.updated_column)}
                <th scope="col"><span class="visually-hidden">{s.actions_column}</span></th>
            </tr></thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(i, row)| {
                    let edit = kind.edit_path(lang, row.id);
                    let select = edits.then(|| {
                        let label = format!("{} {}", s.select_row, row.name);
                        view! {
                            <td class="select-cell">{row.may_edit.then(|| view! {
                                <input type="checkbox" name=format!("ids[{i}]") value=row.id.to_string() aria-label=label />
                            })}</td>
                        }
                    });
                    let history = format!("{edit}{}", model::paths::history_tail(lang));
                    let updated = model::date::vietnam_time(&row.updated_at);
                    let by = row.updated_by.clone();
                    view! {
                        <tr class:mine=row.mine>
                            {select}
                            <th scope="row">
                                <a href=edit>{row.name.clone()}</a>
                                {(limited && row.mine).then(|| view! { " "<span class="tag tag-mine">{s.your_commune}</span> })}
                                {(edits && !row.may_edit).then(|| view! { " "<span class="tag">{s.read_only}</span> })}
                                {row.assigned.clone().map(|name| view! { <br /><span class="field-hint">{s.assigned_to}": "{name}</span> })}
                            </th>
                            <td data-label=s.status><span class=format!("status status-{}", row.status)>{super::fields::specs::status_label(&row.status, lang)}</span></td>
                            <td data-label=t.filter_commune>{row.commune.clone().unwrap_or_else(|| s.not_recorded.to_owned())}</td>
                            <td data-label=s.completeness>
                                <span class="completeness">
                                    <meter min="0" max="100" low="40" high="70" optimum="100" value=row.completeness.to_string() aria-hidden="true"></meter>
                                    {format!(" {} %", row.completeness)}
                                </span>
                            </td>
                            <td data-label=s.updated_column>
                                <time datetime=row.updated_at.clone()>{updated}</time>
                                {by.map(|name| view! { <br /><span class="field-hint">{name}</span> })}
                            </td>
                            <td>{(edits && row.may_edit).then(|| view! { <a href=history>{s.history}</a> })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A filter's select: "any" first (no value), then `options` (value,
/// label), the one in the address chosen.
fn choice(
    label: &'static str,
    name: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    chosen: Option<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name>
                <option value="">{any}</option>
                {options.into_iter().map(|(value, text)| {
                    let on = chosen.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=on>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The orders offered, as `sort` values (empty: by name, A to Z).
fn sort_choices(s: &'static StaffStrings, lang: Lang) -> Vec<(String, String)> {
    let t = lang.t();
    let column = |sort: StaffSort| match sort {
        StaffSort::Name => s.name,
        StaffSort::State => s.status,
        StaffSort::Commune => t.filter_commune,
        StaffSort::Completeness => s.completeness,
        StaffSort::Updated => s.updated_column,
    };
    StaffSort::ALL
        .into_iter()
        .flat_map(|sort| {
            let (up, down) = if sort.descending_first() {
                (s.sort_descending, s.sort_ascending)
            } else {
                (s.sort_ascending, s.sort_descending)
            };
            let first = if sort.descending_first() { "-" } else { "" };
            let second = if sort.descending_first() { "" } else { "-" };
            [
                (
                    format!("{first}{}", sort.param()),
                    format!("{} ({up})", column(sort)),
                ),
                (
                    format!("{second}{}", sort.param()),
                    format!("{} ({down})", column(sort)),
                ),
            ]
        })
        .map(|(value, label)| {
            (
                if value == "name" {
                    String::new()
                } else {
                    value
                },
                label,
            )
        })
        .collect()
}

/// What the last change of several listings' state did: the hydrated
/// action's answer, else the plain form's (once).
#[component]
fn BulkAnswer(
    answer: Option<super::list::BulkOutcome>,
    bulk: ServerAction<BulkState>,
    lang: Lang,
    s: &'static StaffStrings,
) -> impl IntoView {
    let answer = StoredValue::new(answer);
    move || {
        let outcome = match bulk.value().get() {
            Some(Ok(outcome)) => Some(outcome),
            Some(Err(_)) => None,
            None => answer.get_value(),
        }?;
        let nothing =
            outcome.changed.is_empty() && outcome.refused.is_empty() && outcome.unchanged == 0;
        let state = super::fields::specs::status_label(&outcome.state, lang);
        Some(view! {
            <div class=if outcome.refused.is_empty() && !nothing { "form-saved" } else { "form-alert" } role="status" data-testid="bulk-answer">
                {nothing.then(|| view! { <p>{s.bulk_none}</p> })}
                {(!outcome.changed.is_empty()).then(|| match outcome.assigned.clone() {
                    Some(name) if name.is_empty() => view! {
                        <p>{s.bulk_unassigned}" "{outcome.changed.join(", ")}</p>
                    }.into_any(),
                    Some(name) => view! {
                        <p>{s.bulk_assigned}" "<strong>{name}</strong>" — "{outcome.changed.join(", ")}</p>
                    }.into_any(),
                    None => view! {
                        <p>{s.bulk_changed}" "<strong>{state}</strong>" — "{outcome.changed.join(", ")}</p>
                    }.into_any(),
                })}
                {(outcome.unchanged > 0).then(|| {
                    let already = if outcome.assigned.is_some() { s.bulk_already_assigned } else { s.bulk_already };
                    view! { <p>{lang.number(outcome.unchanged as i64)}" "{already}</p> }
                })}
                {(!outcome.refused.is_empty()).then(|| view! {
                    <p>{s.bulk_refused}" "{outcome.refused.join(", ")}</p>
                })}
            </div>
        })
    }
}

fn missing_label(missing: Missing, s: &'static StaffStrings) -> &'static str {
    match missing {
        Missing::Location => s.needs_location,
        Missing::Description => s.needs_description,
    }
}

fn band_label(band: Band, s: &'static StaffStrings) -> &'static str {
    match band {
        Band::Low => s.band_low,
        Band::Middle => s.band_middle,
        Band::High => s.band_high,
    }
}
