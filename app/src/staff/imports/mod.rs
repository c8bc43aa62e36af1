//! `/nhap-du-lieu` (`/en/import`): bulk import from spreadsheets (editors
//! and admins). The index page uploads a file (plain multipart form, read
//! by `server::import`), offers the templates and the export of
//! everything and lists the recent imports; an import's page
//! (`/nhap-du-lieu/{id}`) previews every row (the plan of
//! `model::import::db`), takes the columns and decisions, applies and
//! undoes. Every form is a plain POST answered with a redirect back here:
//! it all works without JavaScript; with it, the progress of an import
//! being written updates itself.

mod words;

pub use words::{ImportWords, words};

use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::editing::fields::FieldError;
use model::i18n::Lang;
use model::import::{
    Candidate, CellProblem, Column, Counts, Decision, FileProblem, ImportInfo, Outcome, PlanRow,
    Problem, State, Why,
};
use model::listing::Kind;
use serde::{Deserialize, Serialize};

/// Where the upload form posts (multipart: `kind`, `lang`, `file`).
pub const UPLOAD_PATH: &str = "/api/staff/import";
/// An import's forms post to `{ACT_PREFIX}{id}` (`do` = columns,
/// decide, apply or undo).
pub const ACT_PREFIX: &str = "/api/staff/import/";
/// A kind's template: `{TEMPLATE_PREFIX}{kind}.xlsx?lang=vi`.
pub const TEMPLATE_PREFIX: &str = "/api/staff/import-template/";
/// Everything the reader may read, a sheet per kind.
pub const EXPORT_ALL_PATH: &str = "/api/staff/export-all";
/// The session key of the note a form post leaves for the page.
pub const NOTE_KEY: &str = "import_note";

/// What the last form post did, shown once on the page it returns to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Note {
    /// The upload was refused.
    File(FileProblem),
    /// No file was chosen.
    NoFile,
    Columns,
    Decisions,
    /// Applying found the plan no longer ready (data changed meanwhile).
    NotReady,
    /// A row could not be written; nothing was.
    Row {
        line: u32,
        key: String,
        error: FieldError,
    },
    Applied,
    Undone,
    UndoRefused(Vec<String>),
    NotYours,
}

/// Imports being written: id → (rows written, rows to write).
#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
pub struct ImportProgress(
    pub std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i64, (usize, usize)>>>,
);

#[cfg(feature = "ssr")]
impl ImportProgress {
    pub fn get(&self, id: i64) -> Option<(usize, usize)> {
        self.0.lock().ok()?.get(&id).copied()
    }
}

/// The index page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportsData {
    pub me: super::StaffUser,
    pub recent: Vec<ImportInfo>,
    pub note: Option<Note>,
}

/// The newest imports and the note a refused upload left.
#[server(prefix = "/api/staff")]
pub async fn imports_page() -> Result<ImportsData, AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Edit).await?;
    let recent = model::import::db::recent(&cx.pool, 30).await?;
    let note = take_note(&cx).await;
    Ok(ImportsData {
        me: user,
        recent,
        note,
    })
}

#[cfg(feature = "ssr")]
async fn take_note(cx: &super::auth::RequestContext) -> Option<Note> {
    let session = cx.session.as_ref()?;
    session.remove::<Note>(NOTE_KEY).await.ok().flatten()
}

/// An import's page: its plan (a page of rows, of one outcome or all).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewData {
    pub me: super::StaffUser,
    pub info: ImportInfo,
    pub counts: Counts,
    pub columns: Vec<Column>,
    pub rows: Vec<PlanRow>,
    pub shown: usize,
    pub page: usize,
    pub pages: usize,
    pub show: Option<Outcome>,
    /// Rows written and to write, while it is being written.
    pub progress: Option<(usize, usize)>,
    pub note: Option<Note>,
    /// Whether this account may apply or undo it.
    pub may_act: bool,
}

/// The plan of import `id`, made now, and page `page` of its rows of
/// outcome `show` (all when none).
#[server(prefix = "/api/staff")]
pub async fn import_preview(
    id: i64,
    page: Option<usize>,
    show: Option<String>,
) -> Result<PreviewData, AppError> {
    use super::auth::{Need, Staff, require};
    use model::import::db;
    let Staff { user, cx } = require(Need::Edit).await?;
    let mut stored = db::get(&cx.pool, id).await?.ok_or(AppError::NotFound)?;
    // Its rows and matches (drafts' names among them) are for its
    // importer, administrators and editors of every commune.
    let mine = stored.info.user_id == Some(user.id);
    if !(mine || user.role == super::Role::Admin || user.communes.is_empty()) {
        return Err(AppError::Forbidden);
    }
    let progress = use_context::<ImportProgress>().and_then(|p| p.get(id));
    // "Being written" with nothing writing it: the server stopped while
    // it was (its transaction was never committed); a preview again.
    if stored.info.state == State::Applying && progress.is_none() {
        db::back_to_preview(&cx.pool, id).await?;
        stored = db::get(&cx.pool, id).await?.ok_or(AppError::NotFound)?;
    }
    let columns = db::columns(&stored, &ignored_headers());
    let show = show
        .as_deref()
        .and_then(|s| Outcome::ALL.into_iter().find(|o| o.code() == s));
    let (counts, mut rows) = if stored.info.state == State::Preview {
        let import_cx = db::context_of(&cx.pool).await?;
        let plan = db::preview(&cx.pool, &stored, &columns, &user.communes, &import_cx).await?;
        (plan.counts, plan.rows)
    } else {
        (Counts::default(), Vec::new())
    };
    if let Some(show) = show {
        rows.retain(|r| r.outcome == show);
    }
    let shown = rows.len();
    let per = model::import::PREVIEW_PAGE;
    let pages = shown.div_ceil(per).max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let rows: Vec<PlanRow> = rows.into_iter().skip((page - 1) * per).take(per).collect();
    let note = take_note(&cx).await;
    let may_act = user.role == super::Role::Admin || mine;
    let mut info = stored.info;
    info.rows = stored.sheet.rows.len();
    Ok(PreviewData {
        me: user,
        info,
        counts,
        columns,
        rows,
        shown,
        page,
        pages,
        show,
        progress,
        note,
        may_act,
    })
}

/// Headers a file may carry that are not read: the export's public
/// address column, in both languages.
pub fn ignored_headers() -> Vec<&'static str> {
    vec![
        super::strings::st(Lang::Vi).public_address,
        super::strings::st(Lang::En).public_address,
    ]
}

/// The index page's data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct ImportsLoad {
    index: crate::data::Data<Option<Result<ImportsData, AppError>>>,
    preview: crate::data::Data<Option<Result<PreviewData, AppError>>>,
    id: Memo<Option<i64>>,
}

impl ImportsLoad {
    pub fn start() -> Self {
        let params = use_params_map();
        let query = use_query_map();
        let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse().ok()));
        // Only the page shown asks for its data (each takes the note a
        // form post left).
        let index = crate::data::resource(
            move || id.get(),
            |id| async move {
                match id {
                    Some(_) => None,
                    None => Some(imports_page().await),
                }
            },
        );
        let preview = crate::data::resource(
            move || {
                let q = query.read();
                (
                    id.get(),
                    q.get("trang").and_then(|p| p.parse().ok()),
                    q.get("hien"),
                )
            },
            |(id, page, show)| async move {
                match id {
                    Some(id) => Some(import_preview(id, page, show).await),
                    None => None,
                }
            },
        );
        Self { index, preview, id }
    }
}

/// `/nhap-du-lieu` and `/nhap-du-lieu/{id}`.
pub fn imports_page_view(load: ImportsLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ImportsLoad { index, preview, id } = load;
    // With JavaScript, an import being written is asked for again every
    // second until it is done.
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                let applying = preview
                    .get_untracked()
                    .flatten()
                    .and_then(Result::ok)
                    .is_some_and(|p| p.info.state == State::Applying);
                if applying {
                    preview.refetch();
                }
            },
            std::time::Duration::from_millis(1000),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    view! {
        <super::chrome::StaffMeta title=super::strings::st(lang).imports_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                if id.get().is_some() {
                    match preview.await {
                        Some(Ok(data)) => preview_view(data, lang).into_any(),
                        Some(Err(error)) => view! { <super::chrome::StaffError error /> }.into_any(),
                        None => ().into_any(),
                    }
                } else {
                    match index.await {
                        Some(Ok(data)) => index_view(data, lang).into_any(),
                        Some(Err(error)) => view! { <super::chrome::StaffError error /> }.into_any(),
                        None => ().into_any(),
                    }
                }
            })}
        </Suspense>
    }
}

fn kinds() -> [Kind; 4] {
    Kind::ALL
}

fn state_label(state: State, lang: Lang) -> &'static str {
    let w = words(lang);
    match state {
        State::Preview => w.state_preview,
        State::Applying => w.state_applying,
        State::Applied => w.state_applied,
        State::Undone => w.state_undone,
    }
}

fn outcome_label(outcome: Outcome, lang: Lang) -> &'static str {
    let w = words(lang);
    match outcome {
        Outcome::Create => w.outcome_create,
        Outcome::Update => w.outcome_update,
        Outcome::Unchanged => w.outcome_unchanged,
        Outcome::Error => w.outcome_error,
        Outcome::Decide => w.outcome_decide,
        Outcome::Skip => w.outcome_skip,
    }
}

fn file_problem(problem: FileProblem, lang: Lang) -> &'static str {
    let w = words(lang);
    match problem {
        FileProblem::NotSpreadsheet => w.file_not_spreadsheet,
        FileProblem::TooLarge => w.file_too_large,
        FileProblem::Empty => w.file_empty,
        FileProblem::TooManyRows => w.file_too_many_rows,
        FileProblem::NoKnownColumn => w.file_no_known_column,
    }
}

/// The upload form: the kind, the file and its message.
fn upload_form(
    lang: Lang,
    kind: Option<Kind>,
    note: Option<&Note>,
    label: &'static str,
) -> impl IntoView + use<> {
    let w = words(lang);
    let error = match note {
        Some(Note::File(problem)) => Some(file_problem(*problem, lang)),
        Some(Note::NoFile) => Some(w.file_missing),
        _ => None,
    };
    let invalid = error.is_some().then_some("true");
    let described = if error.is_some() {
        "import-file-hint import-file-error"
    } else {
        "import-file-hint"
    };
    view! {
        <form class="staff-form import-upload" method="post" action=UPLOAD_PATH enctype="multipart/form-data">
            <input type="hidden" name="lang" value=lang.code() />
            <label class="field">
                <span>{w.kind}</span>
                <select name="kind" required>
                    {kinds().into_iter().map(|k| view! {
                        <option value=k.code() selected=kind == Some(k)>{k.label(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="field">
                <label for="import-file">{w.file}</label>
                <input id="import-file" type="file" name="file" required
                    accept=".xlsx,.xls,.xlsm,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    aria-invalid=invalid aria-describedby=described />
                <p class="field-hint" id="import-file-hint">{w.file_hint}</p>
                {error.map(|e| view! { <p class="field-error" id="import-file-error" role="alert">{e}</p> })}
            </div>
            <button type="submit">{label}</button>
        </form>
    }
}

fn index_view(data: ImportsData, lang: Lang) -> impl IntoView {
    let w = words(lang);
    let here = model::paths::imports(lang);
    view! {
        <super::chrome::StaffNav user=data.me.clone() />
        <h1>{super::strings::st(lang).imports_title}</h1>
        <p class="lead">{w.lead}</p>
        {upload_form(lang, None, data.note.as_ref(), w.upload)}
        <section aria-labelledby="import-templates">
            <h2 id="import-templates">{w.templates}</h2>
            <p>{w.templates_hint}</p>
            <ul class="import-templates">
                {kinds().into_iter().map(|k| view! {
                    <li><a download href=format!("{TEMPLATE_PREFIX}{}.xlsx?lang={}", k.code(), lang.code())>
                        {format!("{}: {}", w.template_of, k.label(lang))}
                    </a></li>
                }).collect_view()}
            </ul>
            <p><a download class="button-link" href=format!("{EXPORT_ALL_PATH}?lang={}", lang.code())>{w.export_all}</a></p>
            <p class="field-hint">{w.export_all_hint}</p>
        </section>
        <section aria-labelledby="import-recent">
            <h2 id="import-recent">{w.recent}</h2>
            {if data.recent.is_empty() {
                view! { <p>{w.none_yet}</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table stack-table" data-testid="imports">
                        <thead><tr>
                            <th scope="col">{w.file}</th><th scope="col">{w.kind}</th><th scope="col">{w.rows}</th>
                            <th scope="col">{w.who}</th><th scope="col">{w.when}</th><th scope="col">{w.state}</th>
                        </tr></thead>
                        <tbody>
                            {data.recent.into_iter().map(|i| view! {
                                <tr>
                                    <td data-label=w.file><a href=format!("{here}/{}", i.id)>{i.file_name}</a></td>
                                    <td data-label=w.kind>{i.kind.label(lang)}</td>
                                    <td data-label=w.rows>{i.rows}</td>
                                    <td data-label=w.who>{i.by.unwrap_or_default()}</td>
                                    <td data-label=w.when><time datetime=i.created_at.clone()>{model::date::vietnam_time(&i.created_at)}</time></td>
                                    <td data-label=w.state>{state_label(i.state, lang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// A field's label by key (the ID column has its own word).
fn field_label(kind: Kind, key: &str, lang: Lang) -> String {
    if key == model::import::ID {
        return "ID".to_owned();
    }
    model::editing::spec_of(kind)
        .and_then(|spec| spec.iter().find(|f| f.key == key))
        .map_or_else(|| key.to_owned(), |f| f.label(lang).to_owned())
}

fn note_view(note: Note, kind: Kind, lang: Lang) -> AnyView {
    let w = words(lang);
    let s = super::strings::st(lang);
    let (text, alert) = match note {
        Note::Columns => (w.note_columns.to_owned(), false),
        Note::Decisions => (w.note_decisions.to_owned(), false),
        Note::Applied => (w.note_applied.to_owned(), false),
        Note::Undone => (w.note_undone.to_owned(), false),
        Note::NotReady => (w.note_not_ready.to_owned(), true),
        Note::NotYours => (w.note_not_yours.to_owned(), true),
        Note::Row { line, key, error } => (
            format!(
                "{} {line} ({}): {}",
                w.note_row,
                field_label(kind, &key, lang),
                s.field_error(error)
            ),
            true,
        ),
        Note::UndoRefused(names) => (
            format!("{} {}", w.note_undo_refused, names.join(", ")),
            true,
        ),
        Note::File(problem) => (file_problem(problem, lang).to_owned(), true),
        Note::NoFile => (w.file_missing.to_owned(), true),
    };
    if alert {
        view! { <p class="form-alert" role="alert">{text}</p> }.into_any()
    } else {
        view! { <p class="form-saved" role="status">{text}</p> }.into_any()
    }
}

/// What is wrong with a cell, in words, with what was typed there.
fn problem_text(kind: Kind, p: &CellProblem, columns: &[Column], lang: Lang) -> String {
    let w = words(lang);
    let s = super::strings::st(lang);
    let label = field_label(kind, &p.key, lang);
    let place = match p.column {
        Some(c) => format!(
            "{} {} «{}»",
            w.column,
            model::import::column_letters(c),
            columns
                .get(c)
                .map_or(label.as_str(), |col| col.header.as_str())
        ),
        None => format!("{label} ({})", w.no_column),
    };
    let typed = if p.column.is_none() {
        String::new()
    } else if p.typed.is_empty() {
        format!(" ({})", w.empty_cell)
    } else {
        let shown: String = p.typed.chars().take(80).collect();
        format!(" ({} “{shown}”)", w.typed)
    };
    let message = match p.problem {
        Problem::Field(error) => s.field_error(error).to_owned(),
        Problem::OutOfScope => w.out_of_scope.to_owned(),
        Problem::DuplicateOf(line) => format!("{} {line}.", w.duplicate_of),
        Problem::UnknownId => w.unknown_id.to_owned(),
        Problem::MissingColumn => w.missing_column.to_owned(),
    };
    format!("{place}{typed}: {message}")
}

fn why_text(why: Why, lang: Lang) -> &'static str {
    let w = words(lang);
    match why {
        Why::Id => w.why_id,
        Why::Slug => w.why_slug,
        Why::TaxCode => w.why_tax,
        Why::SameName => w.why_same_name,
        Why::NearName => w.why_near_name,
    }
}

fn candidate_line(kind: Kind, c: &Candidate, lang: Lang) -> impl IntoView + use<> {
    view! {
        <a href=kind.edit_path(lang, c.id)>{c.name.clone()}</a>
        {format!(" (#{}, {})", c.id, why_text(c.why, lang))}
    }
}

fn row_view(kind: Kind, row: PlanRow, columns: &[Column], lang: Lang) -> impl IntoView + use<> {
    let w = words(lang);
    let line = row.line;
    let details = match row.outcome {
        Outcome::Error => view! {
            <ul class="import-problems">
                {row.problems.iter().map(|p| view! { <li>{problem_text(kind, p, columns, lang)}</li> }).collect_view()}
            </ul>
        }.into_any(),
        Outcome::Decide | Outcome::Skip if !row.candidates.is_empty() => {
            let name = format!("d[{line}]");
            let chosen = row.decision;
            view! {
                <fieldset class="import-decision">
                    <legend>{format!("{} {line}: {}", w.line, w.may_be)}</legend>
                    {row.candidates.iter().map(|c| {
                        let value = Decision::Update(c.id).code();
                        view! {
                            <label class="choice">
                                <input type="radio" name=name.clone() value=value checked=chosen == Some(Decision::Update(c.id)) />
                                {w.decide_update}": "{candidate_line(kind, c, lang)}
                            </label>
                        }
                    }).collect_view()}
                    <label class="choice">
                        <input type="radio" name=name.clone() value="create" checked=chosen == Some(Decision::Create) />
                        {w.decide_create}
                    </label>
                    <label class="choice">
                        <input type="radio" name=name.clone() value="skip" checked=chosen == Some(Decision::Skip) />
                        {w.decide_skip}
                    </label>
                </fieldset>
            }.into_any()
        }
        Outcome::Update => {
            let more = row.changes.len().saturating_sub(6);
            view! {
                <p class="import-match">{w.may_be}": "{row.candidates.first().map(|c| candidate_line(kind, c, lang))}</p>
                <ul class="import-changes" aria-label=w.changes>
                    {row.changes.iter().take(6).map(|c| {
                        let cut = |t: &str| if t.is_empty() { "—".to_owned() } else { t.chars().take(60).collect::<String>() };
                        view! { <li><strong>{field_label(kind, &c.key, lang)}</strong>": "{cut(&c.before)}" → "{cut(&c.after)}</li> }
                    }).collect_view()}
                    {(more > 0).then(|| view! { <li>{format!("{} ({more})", w.more_changes)}</li> })}
                </ul>
            }.into_any()
        }
        Outcome::Unchanged => view! {
            <p class="import-match">{row.candidates.first().map(|c| candidate_line(kind, c, lang))}</p>
        }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <tr id=format!("dong-{line}") data-outcome=row.outcome.code()>
            <th scope="row" data-label=w.line>{line}</th>
            <td data-label=w.name>{row.name}</td>
            <td data-label=w.outcome><span class=format!("import-outcome import-{}", row.outcome.code())>{outcome_label(row.outcome, lang)}</span></td>
            <td data-label=w.details>{details}</td>
        </tr>
    }
}

fn preview_view(data: PreviewData, lang: Lang) -> impl IntoView {
    let w = words(lang);
    let here = format!("{}/{}", model::paths::imports(lang), data.info.id);
    let act = format!("{ACT_PREFIX}{}", data.info.id);
    let kind = data.info.kind;
    let info = data.info.clone();
    let note = data.note.clone().map(|n| note_view(n, kind, lang));
    let head = view! {
        <super::chrome::StaffNav user=data.me.clone() />
        <p><a href=model::paths::imports(lang)>{w.back_to_list}</a></p>
        <h1>{format!("{} «{}»", super::strings::st(lang).import_of, info.file_name)}</h1>
        <p class="import-meta">
            {format!("{} · {} {} · ", kind.label(lang), info.rows, w.rows_unit)}
            {info.by.clone().unwrap_or_default()}" · "
            <time datetime=info.created_at.clone()>{model::date::vietnam_time(&info.created_at)}</time>
            " · "<strong>{state_label(info.state, lang)}</strong>
        </p>
        {note}
    };
    let body = match info.state {
        State::Applying => {
            let (done, total) = data.progress.unwrap_or((0, 0));
            view! {
                <noscript><meta http-equiv="refresh" content="2" /></noscript>
                <section aria-labelledby="import-progress" class="import-progress">
                    <h2 id="import-progress">{w.applying}</h2>
                    <progress max=total.max(1).to_string() value=done.to_string() aria-labelledby="import-progress">{format!("{done}/{total}")}</progress>
                    <p role="status">{format!("{done} / {total}")}</p>
                    <p class="field-hint">{w.applying_hint}</p>
                </section>
            }.into_any()
        }
        State::Applied => {
            let [c, u, same, skip] = info.applied;
            view! {
                <p role="status" data-testid="import-applied">
                    {format!("{} {}: ", w.applied_at, info.applied_at.as_deref().map(model::date::vietnam_time).unwrap_or_default())}
                    {format!("{} {c} · {} {u} · {} {same} · {} {skip}", w.outcome_create, w.outcome_update, w.outcome_unchanged, w.outcome_skip)}
                </p>
                {data.may_act.then(|| view! {
                    <details class="confirm">
                        <summary>{w.undo}</summary>
                        <p>{w.undo_hint}</p>
                        <form method="post" action=act.clone()>
                            <input type="hidden" name="lang" value=lang.code() />
                            <input type="hidden" name="do" value="undo" />
                            <button type="submit" class="danger">{w.undo_confirm}</button>
                        </form>
                    </details>
                })}
            }.into_any()
        }
        State::Undone => view! {
            <p role="status" data-testid="import-undone">
                {format!("{} {}", w.undone_at, info.undone_at.as_deref().map(model::date::vietnam_time).unwrap_or_default())}
            </p>
        }.into_any(),
        State::Preview => preview_body(data, lang, &here, &act).into_any(),
    };
    view! { {head} {body} }
}

fn preview_body(data: PreviewData, lang: Lang, here: &str, act: &str) -> impl IntoView + use<> {
    let w = words(lang);
    let kind = data.info.kind;
    let counts = data.counts;
    let unsure = data.columns.iter().any(|c| !c.sure);
    let spec = model::editing::spec_of(kind).unwrap_or(&[]);
    let columns = data.columns.clone();
    let filter_link = |outcome: Option<Outcome>| {
        let href = match outcome {
            Some(o) => format!("{here}?hien={}", o.code()),
            None => here.to_owned(),
        };
        let (label, n) = match outcome {
            Some(o) => (outcome_label(o, lang), counts.get(o)),
            None => (w.show_all, data.info.rows),
        };
        let current = (data.show == outcome).then_some("page");
        view! {
            <li><a href=href aria-current=current class=format!("import-count import-{}", outcome.map_or("all", |o| o.code()))>
                {label}" "<strong>{n}</strong>
            </a></li>
        }
    };
    let pages = (data.pages > 1).then(|| {
        let link = |p: usize| match data.show {
            Some(o) => format!("{here}?hien={}&trang={p}", o.code()),
            None => format!("{here}?trang={p}"),
        };
        view! {
            <nav class="pager" aria-label=w.page_of>
                {(data.page > 1).then(|| view! { <a rel="prev" href=link(data.page - 1)>{w.prev}</a> })}
                <span>{format!("{} {}/{}", w.page_of, data.page, data.pages)}</span>
                {(data.page < data.pages).then(|| view! { <a rel="next" href=link(data.page + 1)>{w.next}</a> })}
            </nav>
        }
    });
    let has_decisions = data
        .rows
        .iter()
        .any(|r| matches!(r.outcome, Outcome::Decide | Outcome::Skip) && !r.candidates.is_empty());
    let ready = counts.ready() && !unsure;
    view! {
        <section aria-labelledby="import-summary">
            <h2 id="import-summary">{w.summary}</h2>
            <ul class="import-counts" data-testid="import-counts">
                {filter_link(None)}
                {Outcome::ALL.into_iter().map(|o| filter_link(Some(o))).collect_view()}
            </ul>
        </section>
        <details class="import-columns" open=unsure>
            <summary><h2>{w.columns}</h2></summary>
            <p class="field-hint">{w.columns_hint}</p>
            {unsure.then(|| view! { <p class="form-alert" role="alert">{w.columns_unsure}</p> })}
            <form method="post" action=act.to_owned()>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="do" value="columns" />
                <table class="staff-table stack-table">
                    <thead><tr><th scope="col">{w.column}</th><th scope="col">{w.header}</th><th scope="col">{w.read_as}</th></tr></thead>
                    <tbody>
                        {columns.iter().enumerate().map(|(i, c)| {
                            let id = format!("col-{i}");
                            let letter = model::import::column_letters(i);
                            view! {
                                <tr class:import-unsure=!c.sure>
                                    <th scope="row" data-label=w.column>{letter}</th>
                                    <td data-label=w.header>{c.header.clone()}{(!c.sure).then(|| view! { " "<em>{format!("({})", w.guessed)}</em> })}</td>
                                    <td data-label=w.read_as>
                                        <label class="visually-hidden" for=id.clone()>{format!("{} {}", w.column, model::import::column_letters(i))}</label>
                                        <select id=id name=format!("col[{i}]")>
                                            <option value="" selected=c.key.is_empty()>{w.not_read}</option>
                                            <option value=model::import::ID selected=c.key == model::import::ID>"ID"</option>
                                            {spec.iter().map(|f| view! {
                                                <option value=f.key selected=c.key == f.key>{f.label(lang)}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit">{w.confirm_columns}</button>
            </form>
        </details>
        <form method="post" action=act.to_owned() class="import-rows">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="do" value="decide" />
            <table class="staff-table stack-table import-table" data-testid="import-rows">
                <thead><tr>
                    <th scope="col">{w.line}</th><th scope="col">{w.name}</th>
                    <th scope="col">{w.outcome}</th><th scope="col">{w.details}</th>
                </tr></thead>
                <tbody>
                    {data.rows.into_iter().map(|row| row_view(kind, row, &columns, lang)).collect_view()}
                </tbody>
            </table>
            {has_decisions.then(|| view! { <button type="submit">{w.save_decisions}</button> })}
        </form>
        {pages}
        <section aria-labelledby="import-apply" class="import-apply">
            <h2 id="import-apply">{w.apply}</h2>
            {if unsure {
                view! { <p class="form-alert">{w.confirm_first}</p> }.into_any()
            } else if !counts.ready() {
                view! { <p class="form-alert">{w.not_ready}</p> }.into_any()
            } else if counts.writes() == 0 {
                view! { <p>{w.nothing_to_write}</p> }.into_any()
            } else {
                view! { <p class="field-hint">{w.apply_hint}</p> }.into_any()
            }}
            {(ready && counts.writes() > 0 && data.may_act).then(|| view! {
                <form method="post" action=act.to_owned()>
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="do" value="apply" />
                    <button type="submit" data-testid="import-apply">
                        {format!("{}: {} {} · {} {}", w.apply, w.outcome_create.to_lowercase(), counts.create, w.outcome_update.to_lowercase(), counts.update)}
                    </button>
                </form>
            })}
        </section>
        <section aria-labelledby="import-again">
            <h2 id="import-again">{w.upload_fixed}</h2>
            {upload_form(lang, Some(kind), None, w.upload)}
        </section>
    }
}

/// What a column holds and allows, in words (the template's notes sheet).
#[cfg(feature = "ssr")]
pub fn describe(field: &model::editing::fields::FieldSpec, lang: Lang) -> String {
    use model::editing::fields::FieldKind as K;
    let w = words(lang);
    let fill = |text: &str, pairs: &[(&str, String)]| {
        pairs.iter().fold(text.to_owned(), |t, (k, v)| {
            t.replace(&format!("{{{k}}}"), v)
        })
    };
    let number = |x: f64| model::listing::decimal(lang, x, 2);
    match field.kind {
        K::Text { max } => fill(w.desc_text, &[("max", max.to_string())]),
        K::Long { max } => fill(w.desc_long, &[("max", max.to_string())]),
        K::Slug => w.desc_slug.to_owned(),
        K::Int { min, max } => fill(
            w.desc_whole,
            &[("min", min.to_string()), ("max", max.to_string())],
        ),
        K::Decimal { min, max } => fill(
            w.desc_decimal,
            &[("min", number(min)), ("max", number(max))],
        ),
        K::Year { min } => fill(w.desc_year, &[("min", min.to_string())]),
        K::Latitude | K::Longitude => w.desc_coordinate.to_owned(),
        K::Commune => w.desc_commune.to_owned(),
        K::LegacyCommune => w.desc_legacy_commune.to_owned(),
        K::LegacyDistrict => w.desc_legacy_district.to_owned(),
        K::Choice(choices) => format!(
            "{} {}",
            w.desc_choice,
            choices
                .values
                .iter()
                .map(|v| (choices.label)(v, lang))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        K::TaxCode => w.desc_tax_code.to_owned(),
        K::Date => w.desc_date.to_owned(),
        K::Email => w.desc_email.to_owned(),
        K::Phone => w.desc_phone.to_owned(),
        K::YesNo | K::Check => w.desc_yes_no.to_owned(),
        K::Url => w.desc_url.to_owned(),
        K::Link(_) => w.desc_link.to_owned(),
        K::Many(r) if r.target == "crafts" => w.desc_crafts.to_owned(),
        K::Many(_) => w.desc_many.to_owned(),
        K::Sources => w.desc_sources.to_owned(),
        K::OpeningHours => w.desc_hours.to_owned(),
        K::Experiences => w.desc_experiences.to_owned(),
    }
}
