//! Imports in the database: the file's cells are kept with the import, so
//! that the plan can be made again at any time (after staff confirm the
//! columns or decide about a duplicate, and once more, inside the write
//! transaction, when it is applied: what is written is what the database
//! holds then). Applying writes every row through the one write path
//! ([`crate::editing::db::create_in`], [`crate::editing::db::save_in`]) in
//! one transaction; undoing restores each updated listing to its revision
//! before the import and removes the listings it created.

use super::cells::{Areas, LegacyCommune, place_key};
use super::{
    Candidate, CellProblem, Column, Counts, Decision, ID, ImportInfo, Outcome, Plan, PlanRow,
    Problem, Sheet, State, Why,
};
use crate::editing::db::{self as editing, Author, Save, Saved};
use crate::editing::fields::{FieldError, FieldSpec};
use crate::editing::{FieldChange, FormContext, Values};
use crate::listing::Kind;
use crate::listing::db::table;
use crate::text::fold;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What reading a row needs from the database.
pub struct ImportContext {
    pub form: FormContext,
    pub areas: Areas,
}

/// The form's context and the area's names of both eras.
pub async fn context(conn: &mut SqliteConnection) -> Result<ImportContext, sqlx::Error> {
    let form = editing::form_context_in(&mut *conn).await?;
    type LegacyRow = (
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
    );
    let legacy: Vec<LegacyRow> = sqlx::query_as(
        "SELECT c.code, c.name, c.name_alt, d.name, d.code,
                (SELECT s.new_code FROM legacy_commune_successors s WHERE s.old_code = c.code
                  ORDER BY s.is_default DESC, s.new_code LIMIT 1)
           FROM legacy_communes c JOIN legacy_districts d ON d.code = c.district_code",
    )
    .fetch_all(&mut *conn)
    .await?;
    let districts: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM legacy_districts")
            .fetch_all(&mut *conn)
            .await?;
    let communes: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM communes")
        .fetch_all(&mut *conn)
        .await?;
    let areas = Areas {
        communes: communes
            .into_iter()
            .map(|(code, name)| (code, place_key(&name)))
            .collect(),
        legacy: legacy
            .into_iter()
            .map(
                |(code, name, alt, district, district_code, successor)| LegacyCommune {
                    code,
                    names: std::iter::once(name)
                        .chain(alt)
                        .map(|n| place_key(&n))
                        .collect(),
                    district: place_key(&district),
                    district_code,
                    successor,
                },
            )
            .collect(),
        districts: districts
            .into_iter()
            .map(|(code, name)| (code, place_key(&name)))
            .collect(),
        crafts: form
            .crafts
            .iter()
            .map(|c| (c.code.clone(), fold(&c.name)))
            .collect(),
    };
    Ok(ImportContext { form, areas })
}

/// A name compared without marks, case or punctuation.
pub fn name_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A listing already there, as rows are matched against it.
struct Known {
    id: i64,
    name: String,
    key: String,
    slug: String,
}

struct KnownListings {
    all: Vec<Known>,
    by_id: HashMap<i64, usize>,
    by_slug: HashMap<String, usize>,
    by_tax: HashMap<String, usize>,
    by_commune: HashMap<String, Vec<usize>>,
}

async fn known(
    conn: &mut SqliteConnection,
    kind: Kind,
    spec: &[FieldSpec],
) -> Result<KnownListings, sqlx::Error> {
    let tax = if spec.iter().any(|f| f.key == "tax_code") {
        "tax_code"
    } else {
        "NULL"
    };
    /// id, name, slug, commune, tax code.
    type Row = (i64, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, name_vi, slug, commune_code, {tax} FROM {} ORDER BY id",
        table(kind)
    )))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = KnownListings {
        all: Vec::with_capacity(rows.len()),
        by_id: HashMap::new(),
        by_slug: HashMap::new(),
        by_tax: HashMap::new(),
        by_commune: HashMap::new(),
    };
    for (i, (id, name, slug, commune, tax)) in rows.into_iter().enumerate() {
        out.by_id.insert(id, i);
        out.by_slug.insert(slug.clone(), i);
        if let Some(tax) = &tax {
            out.by_tax.insert(tax.clone(), i);
        }
        if let Some(commune) = &commune {
            out.by_commune.entry(commune.clone()).or_default().push(i);
        }
        out.all.push(Known {
            id,
            key: name_key(&name),
            name,
            slug,
        });
    }
    Ok(out)
}

impl KnownListings {
    fn candidate(&self, i: usize, why: Why) -> Candidate {
        let k = &self.all[i];
        Candidate {
            id: k.id,
            name: k.name.clone(),
            slug: k.slug.clone(),
            why,
        }
    }
}

/// What a plan is made of.
pub struct Request<'a> {
    pub kind: Kind,
    pub sheet: &'a Sheet,
    pub columns: &'a [Column],
    pub decisions: &'a BTreeMap<u32, Decision>,
    /// The communes the member of staff may edit in (empty: all).
    pub scope: &'a [String],
}

/// A row applying writes.
pub enum Prepared {
    Create {
        line: u32,
        values: Values,
    },
    Update {
        line: u32,
        id: i64,
        version: String,
        values: Values,
    },
}

/// Reads every row of the file as its form would, matches it against the
/// listings there and says what applying would do with it; the rows to
/// write come with it.
pub async fn plan(
    conn: &mut SqliteConnection,
    r: Request<'_>,
    cx: &ImportContext,
) -> Result<(Plan, Vec<Prepared>), sqlx::Error> {
    let Some(spec) = crate::editing::spec_of(r.kind) else {
        return Err(sqlx::Error::RowNotFound);
    };
    let known = known(&mut *conn, r.kind, spec).await?;
    let column_of: HashMap<&str, usize> = r
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.key.is_empty())
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut rows = Vec::with_capacity(r.sheet.rows.len());
    let mut prepared = Vec::new();
    for (i, cells) in r.sheet.rows.iter().enumerate() {
        let line = u32::try_from(i + 2).unwrap_or(u32::MAX);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let typed = |key: &str| -> String {
            column_of
                .get(key)
                .and_then(|&c| cells.get(c))
                .map(|t| t.trim().to_owned())
                .unwrap_or_default()
        };
        let at = |key: &str, problem: Problem| CellProblem {
            key: key.to_owned(),
            column: column_of.get(key).copied(),
            typed: typed(key),
            problem,
        };
        let mut problems: Vec<CellProblem> = Vec::new();
        // The cells as the form would hold them.
        let mut input = Values::new();
        let mut former_commune = None;
        for field in spec {
            if !column_of.contains_key(field.key) {
                continue;
            }
            let converted = cx.areas.convert(field, &typed(field.key));
            if converted.legacy_commune.is_some() {
                former_commune = converted.legacy_commune;
            }
            input.insert(field.key.to_owned(), converted.text);
        }
        if let Some(old) = former_commune
            && spec.iter().any(|f| f.key == "legacy_commune_code")
            && input
                .get("legacy_commune_code")
                .is_none_or(String::is_empty)
        {
            input.insert("legacy_commune_code".into(), old);
        }
        // Listings already there that the row may be.
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut push = |candidate: Candidate| {
            if !candidates.iter().any(|c| c.id == candidate.id) {
                candidates.push(candidate);
            }
        };
        let id_text = typed(ID);
        if !id_text.is_empty() {
            match id_text
                .parse::<i64>()
                .ok()
                .and_then(|id| known.by_id.get(&id))
            {
                Some(&k) => push(known.candidate(k, Why::Id)),
                None => problems.push(at(ID, Problem::UnknownId)),
            }
        }
        let given = |key: &str| input.get(key).filter(|v| !v.is_empty()).cloned();
        if let Some(&k) = given("slug").and_then(|s| known.by_slug.get(&s)) {
            push(known.candidate(k, Why::Slug));
        }
        let tax = given("tax_code")
            .and_then(|t| crate::tax_code::TaxCode::parse(&t).ok())
            .map(|t| t.to_string());
        if let Some(&k) = tax.as_ref().and_then(|t| known.by_tax.get(t)) {
            push(known.candidate(k, Why::TaxCode));
        }
        let name = typed("name_vi");
        let key = name_key(&name);
        let commune = given("commune_code");
        if let Some(near) = commune.as_ref().and_then(|c| known.by_commune.get(c)) {
            for &k in near {
                let other = &known.all[k].key;
                if *other == key {
                    push(known.candidate(k, Why::SameName));
                }
            }
            for &k in near {
                let other = &known.all[k].key;
                if *other != key && !key.is_empty() && strsim::levenshtein(other, &key) == 1 {
                    push(known.candidate(k, Why::NearName));
                }
            }
        }
        // Which listing it is, if any.
        let decision = r.decisions.get(&line).copied().filter(|d| match d {
            Decision::Update(id) => candidates.iter().any(|c| c.id == *id),
            _ => !candidates.is_empty(),
        });
        let certain: Vec<i64> = candidates
            .iter()
            .filter(|c| matches!(c.why, Why::Id | Why::Slug | Why::TaxCode))
            .map(|c| c.id)
            .collect();
        let named: Vec<i64> = candidates
            .iter()
            .filter(|c| c.why == Why::SameName)
            .map(|c| c.id)
            .collect();
        let (target, decide, skip) = match decision {
            Some(Decision::Create) => (None, false, false),
            Some(Decision::Skip) => (None, false, true),
            Some(Decision::Update(id)) => (Some(id), false, false),
            None => match (certain.as_slice(), named.as_slice()) {
                ([one, rest @ ..], _) if rest.iter().all(|o| o == one) => {
                    (Some(*one), false, false)
                }
                ([], [one]) if candidates.len() == 1 => (Some(*one), false, false),
                ([], []) if candidates.is_empty() => (None, false, false),
                _ => (None, true, false),
            },
        };
        if let Some(id) = target {
            candidates.sort_by_key(|c| c.id != id);
        }
        // The values to check: a listing's own with the file's cells over
        // them, or the file's alone (a new listing is a draft unless the
        // file says otherwise).
        let current = match target {
            Some(id) => editing::current(&mut *conn, r.kind, spec, id, &cx.form).await?,
            None => None,
        };
        let mut values = match &current {
            Some(current) => current.values.clone(),
            None => [("status".to_owned(), "draft".to_owned())].into(),
        };
        for (key, value) in &input {
            if key == "status" && value.is_empty() && current.is_none() {
                continue;
            }
            values.insert(key.clone(), value.clone());
        }
        let parsed = match editing::parse_checked(&mut *conn, spec, &values, &cx.form).await? {
            Ok(parsed) => Some(parsed),
            Err(errors) => {
                for (key, error) in errors {
                    let missing =
                        error == FieldError::Required && !column_of.contains_key(key.as_str());
                    problems.push(at(
                        &key,
                        if missing {
                            Problem::MissingColumn
                        } else {
                            Problem::Field(error)
                        },
                    ));
                }
                None
            }
        };
        // Editors of some communes import only rows in them.
        if !r.scope.is_empty() {
            let in_scope = |c: Option<&str>| c.is_some_and(|c| r.scope.iter().any(|s| s == c));
            let new_commune = parsed
                .as_ref()
                .and_then(|p| p.get("commune_code"))
                .map(String::as_str);
            let old_commune = current.as_ref().map(|c| c.commune.as_deref());
            let refused = (parsed.is_some() && !in_scope(new_commune))
                || old_commune.is_some_and(|c| !in_scope(c));
            if refused {
                problems.push(at("commune_code", Problem::OutOfScope));
            }
        }
        // The same listing twice in the file.
        if !skip {
            let mut keys = Vec::new();
            if let Some(id) = target {
                keys.push((format!("id:{id}"), "name_vi"));
            } else {
                if let Some(tax) = &tax {
                    keys.push((format!("tax:{tax}"), "tax_code"));
                }
                if let Some(commune) = &commune
                    && !key.is_empty()
                {
                    keys.push((format!("name:{key}@{commune}"), "name_vi"));
                }
            }
            for (dup, field) in keys {
                match seen.get(&dup) {
                    Some(&first) => {
                        problems.push(at(field, Problem::DuplicateOf(first)));
                        break;
                    }
                    None => {
                        seen.insert(dup, line);
                    }
                }
            }
        }
        problems.sort_by_key(|p| p.column.unwrap_or(usize::MAX));
        let mut changes = Vec::new();
        let outcome = match (&parsed, problems.is_empty()) {
            _ if skip && problems.iter().all(|p| p.problem != Problem::UnknownId) => {
                problems.clear();
                Outcome::Skip
            }
            (Some(parsed), true) if !decide => match (&current, target) {
                (Some(current), Some(id)) => {
                    for field in spec {
                        let before = current.values.get(field.key).cloned().unwrap_or_default();
                        let after = parsed.get(field.key).cloned().unwrap_or_default();
                        // An empty address keeps the listing's own.
                        if field.key == "slug" && after.is_empty() {
                            continue;
                        }
                        if before != after {
                            changes.push(FieldChange {
                                key: field.key.to_owned(),
                                before,
                                after,
                            });
                        }
                    }
                    if changes.is_empty() {
                        Outcome::Unchanged
                    } else {
                        prepared.push(Prepared::Update {
                            line,
                            id,
                            version: current.version.clone(),
                            values: parsed.clone(),
                        });
                        Outcome::Update
                    }
                }
                _ => {
                    prepared.push(Prepared::Create {
                        line,
                        values: parsed.clone(),
                    });
                    Outcome::Create
                }
            },
            (_, true) => Outcome::Decide,
            (_, false) => Outcome::Error,
        };
        rows.push(PlanRow {
            line,
            name,
            outcome,
            problems,
            candidates,
            target,
            changes,
            decision,
        });
    }
    let counts = Counts::of(&rows);
    Ok((
        Plan {
            kind: r.kind,
            columns: r.columns.to_vec(),
            rows,
            counts,
        },
        prepared,
    ))
}

/// An import as stored.
pub struct Stored {
    pub info: ImportInfo,
    pub sheet: Sheet,
    /// The confirmed columns, if confirmed.
    pub mapping: Option<Vec<String>>,
    pub decisions: BTreeMap<u32, Decision>,
}

/// An import's columns; the last is its number of rows (read only
/// without the cells).
fn select(cells: &str, rows: &str) -> String {
    format!(
        "SELECT i.id, i.kind, i.file_name, u.display_name, i.user_id, i.created_at, i.state,
                {cells}, i.mapping, i.decisions, i.created, i.updated, i.unchanged, i.skipped,
                i.applied_at, i.undone_at, {rows}
           FROM imports i LEFT JOIN users u ON u.id = i.user_id"
    )
}

fn stored(row: &sqlx::sqlite::SqliteRow, with_cells: bool) -> Result<Stored, sqlx::Error> {
    use sqlx::Row;
    let json_err = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
    let kind: String = row.try_get(1)?;
    let state: String = row.try_get(6)?;
    let cells: String = row.try_get(7)?;
    let mapping: Option<String> = row.try_get(8)?;
    let decisions: String = row.try_get(9)?;
    let sheet: Sheet = if with_cells {
        serde_json::from_str(&cells).map_err(json_err)?
    } else {
        Sheet::default()
    };
    let rows: usize = if with_cells {
        sheet.rows.len()
    } else {
        row.try_get::<i64, _>(16)
            .map(|n| usize::try_from(n).unwrap_or(0))?
    };
    let decisions: BTreeMap<String, String> = serde_json::from_str(&decisions).map_err(json_err)?;
    Ok(Stored {
        info: ImportInfo {
            id: row.try_get(0)?,
            kind: Kind::parse(&kind).ok_or(sqlx::Error::RowNotFound)?,
            file_name: row.try_get(2)?,
            by: row.try_get(3)?,
            user_id: row.try_get(4)?,
            created_at: row.try_get(5)?,
            state: State::parse(&state).ok_or(sqlx::Error::RowNotFound)?,
            rows,
            applied: [
                row.try_get(10)?,
                row.try_get(11)?,
                row.try_get(12)?,
                row.try_get(13)?,
            ],
            applied_at: row.try_get(14)?,
            undone_at: row.try_get(15)?,
            confirmed: mapping.is_some(),
        },
        mapping: mapping
            .map(|m| serde_json::from_str(&m).map_err(json_err))
            .transpose()?,
        decisions: decisions
            .into_iter()
            .filter_map(|(line, d)| Some((line.parse().ok()?, Decision::parse(&d)?)))
            .collect(),
        sheet,
    })
}

/// One import with its cells.
pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let sql = format!("{} WHERE i.id = ?", select("i.cells", "0"));
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(|row| stored(&row, true)).transpose()
}

/// The newest imports (without their cells).
pub async fn recent(pool: &SqlitePool, limit: i64) -> Result<Vec<ImportInfo>, sqlx::Error> {
    let sql = format!(
        "{} ORDER BY i.id DESC LIMIT ?",
        select("'{}'", "json_array_length(i.cells, '$.rows')")
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|row| stored(row, false).map(|s| s.info))
        .collect()
}

/// Keeps a new import's cells for its preview; forgets previews nobody
/// applied within a week (the file's cells are the bulk of it).
pub async fn insert(
    pool: &SqlitePool,
    kind: Kind,
    file_name: &str,
    file_hash: &str,
    user_id: i64,
    sheet: &Sheet,
) -> Result<i64, sqlx::Error> {
    let cells = serde_json::to_string(sheet).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut tx = crate::system::begin_write(pool).await?;
    sqlx::query(
        "DELETE FROM imports WHERE state = 'preview'
           AND created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7 days')",
    )
    .execute(&mut *tx)
    .await?;
    let id = sqlx::query_scalar(
        "INSERT INTO imports (kind, file_name, file_hash, user_id, cells) VALUES (?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(kind.code())
    .bind(file_name)
    .bind(file_hash)
    .bind(user_id)
    .bind(cells)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Records the columns staff confirmed.
pub async fn set_mapping(pool: &SqlitePool, id: i64, keys: &[String]) -> Result<bool, sqlx::Error> {
    let json = serde_json::to_string(keys).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let done = sqlx::query("UPDATE imports SET mapping = ? WHERE id = ? AND state = 'preview'")
        .bind(json)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records staff's decisions about possible duplicates (added to the
/// earlier ones).
pub async fn set_decisions(
    pool: &SqlitePool,
    id: i64,
    decisions: &BTreeMap<u32, Decision>,
) -> Result<bool, sqlx::Error> {
    let map: BTreeMap<String, String> = decisions
        .iter()
        .map(|(line, d)| (line.to_string(), d.code()))
        .collect();
    let json = serde_json::to_string(&map).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let done = sqlx::query(
        "UPDATE imports SET decisions = json_patch(decisions, ?) WHERE id = ? AND state = 'preview'",
    )
    .bind(json)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a preview as being applied; false if it is not a preview (applied
/// already, or being applied by another request).
pub async fn start_applying(pool: &SqlitePool, id: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE imports SET state = 'applying' WHERE id = ? AND state = 'preview'")
            .bind(id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts an import whose applying stopped back to its preview.
pub async fn back_to_preview(pool: &SqlitePool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE imports SET state = 'preview' WHERE id = ? AND state = 'applying'")
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// The columns of an import: those staff confirmed, else those its header
/// names (`ignored`: headers not read, see [`super::columns::recognise`]).
pub fn columns(stored: &Stored, ignored: &[&str]) -> Vec<Column> {
    let spec = crate::editing::spec_of(stored.info.kind).unwrap_or_default();
    let recognised = super::columns::recognise(spec, &stored.sheet.header, ignored);
    match &stored.mapping {
        Some(keys) => recognised
            .into_iter()
            .enumerate()
            .map(|(i, c)| Column {
                key: keys.get(i).cloned().unwrap_or_default(),
                sure: true,
                ..c
            })
            .collect(),
        None => recognised,
    }
}

/// The plan of a stored import as the database stands now (its page's
/// preview); nothing is written.
pub async fn preview(
    pool: &SqlitePool,
    stored: &Stored,
    columns: &[Column],
    scope: &[String],
    cx: &ImportContext,
) -> Result<Plan, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let request = Request {
        kind: stored.info.kind,
        sheet: &stored.sheet,
        columns,
        decisions: &stored.decisions,
        scope,
    };
    Ok(plan(&mut conn, request, cx).await?.0)
}

/// The reading context, from the pool.
pub async fn context_of(pool: &SqlitePool) -> Result<ImportContext, sqlx::Error> {
    context(&mut *pool.acquire().await?).await
}

/// Why applying did not write.
#[derive(Debug, PartialEq)]
pub enum Refused {
    /// A row is in error or waits for a decision, or the columns wait to
    /// be confirmed (the plan made again inside the transaction).
    NotReady(Counts),
    /// A row could not be written (its address or tax code was taken
    /// meanwhile).
    Row {
        line: u32,
        key: String,
        error: FieldError,
    },
}

/// What applying did.
#[derive(Debug, PartialEq)]
pub struct Applied {
    pub counts: Counts,
    /// The listings written.
    pub written: Vec<i64>,
}

/// Applies an import in one transaction: the plan is made again inside it
/// (so what is written is what the database holds now), then every row
/// to create or update is written through the one write path, its
/// revision naming the import; `progress` counts the rows written.
pub async fn apply(
    pool: &SqlitePool,
    stored: &Stored,
    columns: &[Column],
    scope: &[String],
    cx: &ImportContext,
    user_id: i64,
    progress: &AtomicUsize,
) -> Result<Result<Applied, Refused>, sqlx::Error> {
    let kind = stored.info.kind;
    let Some(spec) = crate::editing::spec_of(kind) else {
        return Err(sqlx::Error::RowNotFound);
    };
    let mut tx = crate::system::begin_write(pool).await?;
    let request = Request {
        kind,
        sheet: &stored.sheet,
        columns,
        decisions: &stored.decisions,
        scope,
    };
    let (plan, prepared) = plan(&mut tx, request, cx).await?;
    if !plan.counts.ready() || columns.iter().any(|c| !c.sure) {
        return Ok(Err(Refused::NotReady(plan.counts)));
    }
    let author = Author::Import {
        user_id,
        import_id: stored.info.id,
    };
    let mut written = Vec::with_capacity(prepared.len());
    for (n, row) in prepared.iter().enumerate() {
        let (line, saved) = match row {
            Prepared::Create { line, values } => (
                *line,
                editing::create_in(&mut tx, kind, spec, values, author).await?,
            ),
            Prepared::Update {
                line,
                id,
                version,
                values,
            } => (
                *line,
                editing::save_in(
                    &mut tx,
                    Save {
                        kind,
                        spec,
                        id: *id,
                        version,
                        values,
                        author,
                        action: "import",
                        restored_from: None,
                    },
                    &cx.form,
                )
                .await?,
            ),
        };
        let refused = |key: &str, error| {
            Ok(Err(Refused::Row {
                line,
                key: key.to_owned(),
                error,
            }))
        };
        match saved {
            Saved::Created { id, .. } => written.push(id),
            Saved::Done { .. } => {
                if let Prepared::Update { id, .. } = row {
                    written.push(*id);
                }
            }
            Saved::SlugTaken => return refused("slug", FieldError::SlugTaken),
            Saved::Taken(key) => return refused(key, FieldError::Taken),
            Saved::Stale { .. } | Saved::NotFound => {
                return refused("name_vi", FieldError::ChangedMeanwhile);
            }
        }
        progress.store(n + 1, Ordering::Relaxed);
    }
    let c = plan.counts;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    sqlx::query(
        "UPDATE imports SET state = 'applied', created = ?, updated = ?, unchanged = ?,
                skipped = ?, applied_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
          WHERE id = ?",
    )
    .bind(count(c.create))
    .bind(count(c.update))
    .bind(count(c.unchanged))
    .bind(count(c.skip))
    .bind(stored.info.id)
    .execute(&mut *tx)
    .await?;
    let detail = format!(
        "{} ({}: +{} ~{} ={})",
        stored.info.file_name,
        kind.code(),
        c.create,
        c.update,
        c.unchanged
    );
    crate::staff::db::audit(
        &mut tx,
        crate::staff::db::Audit {
            user_id: Some(user_id),
            action: "import",
            target: Some("imports"),
            target_id: Some(stored.info.id),
            detail: &detail,
            ip: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(Applied { counts: c, written }))
}

/// Why an import cannot be undone: listings changed after it (their
/// names), or given photos, proposals or messages since.
#[derive(Debug, PartialEq)]
pub enum UndoRefused {
    NotApplied,
    ChangedSince(Vec<String>),
}

/// Undoes an applied import in one transaction: every listing it updated
/// gets back its values from before (a revision "undo_import" restoring
/// the one before), every listing it created is removed with its
/// revisions. Refused as a whole when any of them changed since.
pub async fn undo(
    pool: &SqlitePool,
    id: i64,
    user_id: i64,
    cx: &FormContext,
) -> Result<Result<Vec<i64>, UndoRefused>, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let head: Option<(String, String, String)> =
        sqlx::query_as("SELECT kind, state, file_name FROM imports WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((kind, state, file_name)) = head else {
        return Ok(Err(UndoRefused::NotApplied));
    };
    let (Some(kind), "applied") = (Kind::parse(&kind), state.as_str()) else {
        return Ok(Err(UndoRefused::NotApplied));
    };
    let Some(spec) = crate::editing::spec_of(kind) else {
        return Err(sqlx::Error::RowNotFound);
    };
    let t = table(kind);
    // Each listing the import wrote, its revision, the newest revision of
    // the listing and the one before the import's.
    let rows: Vec<(i64, i64, i64, Option<i64>, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT r.target_id, r.id,
                (SELECT MAX(n.id) FROM revisions n WHERE n.target = r.target AND n.target_id = r.target_id),
                (SELECT MAX(b.id) FROM revisions b WHERE b.target = r.target AND b.target_id = r.target_id
                    AND b.id < r.id),
                COALESCE(l.name_vi, '')
           FROM revisions r LEFT JOIN {t} l ON l.id = r.target_id
          WHERE r.import_id = ? AND r.target = ?
          ORDER BY r.id DESC"
    )))
    .bind(id)
    .bind(t)
    .fetch_all(&mut *tx)
    .await?;
    let mut changed = Vec::new();
    for (target_id, revision, newest, before, name) in &rows {
        let created = before.is_none();
        let others: i64 = if created {
            sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM images WHERE target = ?1 AND target_id = ?2)
                      + (SELECT COUNT(*) FROM proposals WHERE target = ?1 AND target_id = ?2)
                      + (SELECT COUNT(*) FROM suggestions WHERE target = ?1 AND target_id = ?2)",
            )
            .bind(t)
            .bind(target_id)
            .fetch_one(&mut *tx)
            .await?
        } else {
            0
        };
        if newest != revision || others > 0 {
            changed.push(name.clone());
        }
    }
    if !changed.is_empty() {
        return Ok(Err(UndoRefused::ChangedSince(changed)));
    }
    let mut touched = Vec::new();
    for (target_id, _, _, before, _) in rows {
        match before {
            Some(before) => {
                let fields: String =
                    sqlx::query_scalar("SELECT fields FROM revisions WHERE id = ?")
                        .bind(before)
                        .fetch_one(&mut *tx)
                        .await?;
                let values: Values =
                    serde_json::from_str(&fields).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                let Some(current) = editing::current(&mut tx, kind, spec, target_id, cx).await?
                else {
                    continue;
                };
                let saved = editing::save_in(
                    &mut tx,
                    Save {
                        kind,
                        spec,
                        id: target_id,
                        version: &current.version,
                        values: &values,
                        author: Author::Staff { user_id, ip: None },
                        action: "undo_import",
                        restored_from: Some(before),
                    },
                    cx,
                )
                .await?;
                if !matches!(saved, Saved::Done { .. }) {
                    return Ok(Err(UndoRefused::ChangedSince(vec![current.slug])));
                }
            }
            None => {
                for sql in [
                    "DELETE FROM revisions WHERE target = ? AND target_id = ?",
                    "DELETE FROM slug_redirects WHERE target = ? AND target_id = ?",
                    "DELETE FROM assignments WHERE target = ? AND target_id = ?",
                ] {
                    sqlx::query(sql)
                        .bind(t)
                        .bind(target_id)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {t} WHERE id = ?")))
                    .bind(target_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        touched.push(target_id);
    }
    sqlx::query(
        "UPDATE imports SET state = 'undone', undone_by = ?,
                undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
    )
    .bind(user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    crate::staff::db::audit(
        &mut tx,
        crate::staff::db::Audit {
            user_id: Some(user_id),
            action: "import_undone",
            target: Some("imports"),
            target_id: Some(id),
            detail: &file_name,
            ip: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(touched))
}

/// The import a revision was written by: its file name (for the history).
pub async fn file_of(pool: &SqlitePool, import_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT file_name FROM imports WHERE id = ?")
        .bind(import_id)
        .fetch_optional(pool)
        .await
}

/// Every listing of a kind, by id (the export of everything).
pub async fn all_ids(pool: &SqlitePool, kind: Kind) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM {} ORDER BY id",
        table(kind)
    )))
    .fetch_all(pool)
    .await
}

/// The first published listing of a kind: the template's example row.
pub async fn example_id(pool: &SqlitePool, kind: Kind) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM {} WHERE status = 'published' ORDER BY id LIMIT 1",
        table(kind)
    )))
    .fetch_optional(pool)
    .await
}

/// Every commune before 1 July 2025 as "name (district)", with the name of
/// the 2025 commune it is now part of (the template's list).
pub async fn former_communes(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.name || ' (' || d.name || ')', COALESCE(n.name, '')
           FROM legacy_communes c JOIN legacy_districts d ON d.code = c.district_code
           LEFT JOIN legacy_commune_successors s ON s.old_code = c.code AND s.is_default = 1
           LEFT JOIN communes n ON n.code = s.new_code
          ORDER BY d.name, c.name",
    )
    .fetch_all(pool)
    .await
}
