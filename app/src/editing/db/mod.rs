//! Server-only queries of editing: a listing's editable values, saving them
//! with a revision, old slugs; the history, the staff lists and the
//! proposals in the submodules. Column names come from the field specs
//! (static), never from input.

use super::fields::{FieldError, FieldKind, FieldSpec, Storage};
use super::{AreaBounds, CommuneOption, FieldErrors, FormContext, LinkOption, Values};
use crate::listing::db::{table, unique_slug};
use crate::staff::db::{Audit, audit};
use model::listing::Kind;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

pub mod history;
pub mod lists;
pub mod proposals;

/// The communes of the area and the box their coordinates span.
pub async fn form_context(pool: &SqlitePool) -> Result<FormContext, sqlx::Error> {
    let communes: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM communes ORDER BY name")
            .fetch_all(pool)
            .await?;
    let (south, west, north, east): (f64, f64, f64, f64) = sqlx::query_as(
        "SELECT MIN(latitude), MIN(longitude), MAX(latitude), MAX(longitude) FROM communes",
    )
    .fetch_one(pool)
    .await?;
    let m = AreaBounds::MARGIN_DEG;
    Ok(FormContext {
        communes: communes
            .into_iter()
            .map(|(code, name)| CommuneOption { code, name })
            .collect(),
        bounds: AreaBounds {
            south: south - m,
            west: west - m,
            north: north + m,
            east: east + m,
        },
        links: Vec::new(),
    })
}

/// Suggestions for a link to listings of `kind`: the first `limit` that
/// are published (or, for editors, drafts too), by name.
pub async fn link_options(
    pool: &SqlitePool,
    kind: Kind,
    with_drafts: bool,
    limit: i64,
) -> Result<Vec<LinkOption>, sqlx::Error> {
    let statuses = if with_drafts {
        "('published', 'draft')"
    } else {
        "('published')"
    };
    let rows: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT slug, name_vi FROM {} WHERE status IN {statuses} ORDER BY name_vi LIMIT ?",
        table(kind)
    )))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name)| LinkOption { kind, slug, name })
        .collect())
}

/// Checks the link fields of parsed values: each names a listing of its
/// kind by its current slug or an old one (rewritten to the current one).
/// Returns the fields that name none.
pub async fn resolve_links(
    pool: &SqlitePool,
    spec: &[FieldSpec],
    values: &mut Values,
) -> Result<FieldErrors, sqlx::Error> {
    let mut errors = FieldErrors::new();
    for field in spec {
        let FieldKind::Link(kind) = field.kind else {
            continue;
        };
        let Some(slug) = values.get(field.key).filter(|s| !s.is_empty()) else {
            continue;
        };
        let t = table(kind);
        let found: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT slug FROM {t} WHERE slug = ?1
             UNION ALL
             SELECT l.slug FROM slug_redirects r JOIN {t} l ON l.id = r.target_id
              WHERE r.target = ?2 AND r.old_slug = ?1
             LIMIT 1"
        )))
        .bind(slug)
        .bind(t)
        .fetch_optional(pool)
        .await?;
        match found {
            Some(current) => {
                values.insert(field.key.to_owned(), current);
            }
            None => {
                errors.insert(field.key.to_owned(), FieldError::UnknownLink);
            }
        }
    }
    Ok(errors)
}

/// A listing's editable state as stored.
pub struct Current {
    pub values: Values,
    pub version: String,
    pub slug: String,
    pub commune: Option<String>,
}

/// The editable values of a listing, normalised as the form would.
pub async fn current(
    conn: &mut SqliteConnection,
    kind: Kind,
    spec: &[FieldSpec],
    id: i64,
    cx: &FormContext,
) -> Result<Option<Current>, sqlx::Error> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT updated_at, slug, commune_code");
    for field in spec {
        if let FieldKind::Link(linked) = field.kind {
            // The form and the revisions hold the linked listing's slug.
            q.push(", (SELECT slug FROM ")
                .push(table(linked))
                .push(" l WHERE l.id = ")
                .push(table(kind))
                .push(".")
                .push(field.key)
                .push(")");
        } else {
            q.push(", CAST(").push(field.key).push(" AS TEXT)");
        }
    }
    q.push(" FROM ")
        .push(table(kind))
        .push(" WHERE id = ")
        .push_bind(id);
    let Some(row) = q.build().fetch_optional(&mut *conn).await? else {
        return Ok(None);
    };
    use sqlx::Row;
    let mut values = Values::new();
    for (i, field) in spec.iter().enumerate() {
        let raw: Option<String> = row.try_get(i + 3)?;
        let raw = raw.unwrap_or_default();
        let text = field.parse(&raw, cx).unwrap_or(raw);
        values.insert(field.key.to_owned(), text);
    }
    Ok(Some(Current {
        values,
        version: row.try_get(0)?,
        slug: row.try_get(1)?,
        commune: row.try_get(2)?,
    }))
}

/// What became of a save.
pub enum Saved {
    Done {
        slug: String,
        version: String,
        revision: i64,
    },
    /// A new listing.
    Created {
        id: i64,
        slug: String,
        version: String,
    },
    /// The listing changed since the form was loaded.
    Stale,
    /// Another listing of the kind has this slug.
    SlugTaken,
    /// Another listing has this value of a unique field (a tax code).
    Taken(&'static str),
    NotFound,
}

/// A save: new values (already parsed) and who makes it.
pub struct Save<'a> {
    pub kind: Kind,
    pub spec: &'a [FieldSpec],
    pub id: i64,
    pub version: &'a str,
    pub values: &'a Values,
    pub user_id: i64,
    pub ip: Option<&'a str>,
    /// 'edit' or 'restore'.
    pub action: &'a str,
    pub restored_from: Option<i64>,
}

fn push_value(q: &mut QueryBuilder<Sqlite>, storage: Storage, text: &str) {
    if text.is_empty() {
        q.push("NULL");
        return;
    }
    match storage {
        Storage::Integer => q.push_bind(text.parse::<i64>().ok()),
        Storage::Real => q.push_bind(text.parse::<f64>().ok()),
        Storage::Text => q.push_bind(text.to_owned()),
        Storage::Link(kind) => q
            .push("(SELECT id FROM ")
            .push(table(kind))
            .push(" WHERE slug = ")
            .push_bind(text.to_owned())
            .push(")"),
    };
}

async fn insert_revision(
    conn: &mut SqliteConnection,
    kind: Kind,
    id: i64,
    user_id: Option<i64>,
    action: &str,
    restored_from: Option<i64>,
    values: &Values,
) -> Result<i64, sqlx::Error> {
    let fields = serde_json::to_string(values).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query_scalar(
        "INSERT INTO revisions (target, target_id, user_id, action, restored_from, fields)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(table(kind))
    .bind(id)
    .bind(user_id)
    .bind(action)
    .bind(restored_from)
    .bind(fields)
    .fetch_one(conn)
    .await
}

/// Saves new values of a listing in one transaction: the first save also
/// records the state before it (the baseline revision), then the update,
/// the revision, the old slug's redirect and the audit entry.
pub async fn save(pool: &SqlitePool, s: Save<'_>, cx: &FormContext) -> Result<Saved, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let Some(before) = current(&mut tx, s.kind, s.spec, s.id, cx).await? else {
        return Ok(Saved::NotFound);
    };
    if before.version != s.version {
        return Ok(Saved::Stale);
    }
    let mut values = s.values.clone();
    let name = values.get("name_vi").cloned().unwrap_or_default();
    let slug = match values.get("slug").map(String::as_str) {
        Some("") | None if before.slug.is_empty() => {
            unique_slug(&mut tx, s.kind, &name, table(s.kind))
                .await?
                .as_str()
                .to_owned()
        }
        Some("") | None => before.slug.clone(),
        Some(slug) => slug.to_owned(),
    };
    if slug != before.slug {
        let sql = format!("SELECT 1 FROM {} WHERE slug = ? AND id <> ?", table(s.kind));
        let taken: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(&slug)
            .bind(s.id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Ok(Saved::SlugTaken);
        }
    }
    values.insert("slug".into(), slug.clone());

    let has_history: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM revisions WHERE target = ? AND target_id = ? LIMIT 1")
            .bind(table(s.kind))
            .bind(s.id)
            .fetch_optional(&mut *tx)
            .await?;
    if has_history.is_none() {
        insert_revision(
            &mut tx,
            s.kind,
            s.id,
            None,
            "baseline",
            None,
            &before.values,
        )
        .await?;
    }

    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(table(s.kind)).push(" SET ");
    for field in s.spec {
        q.push(field.key).push(" = ");
        let text = values
            .get(field.key)
            .map(String::as_str)
            .unwrap_or_default();
        push_value(&mut q, field.kind.storage(), text);
        q.push(", ");
    }
    q.push("updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ")
        .push_bind(s.id)
        .push(" RETURNING updated_at");
    let version: String = match q.build_query_scalar().fetch_one(&mut *tx).await {
        Ok(version) => version,
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
            return Ok(taken(s.spec, db.message()));
        }
        Err(error) => return Err(error),
    };

    let revision = insert_revision(
        &mut tx,
        s.kind,
        s.id,
        Some(s.user_id),
        s.action,
        s.restored_from,
        &values,
    )
    .await?;
    if slug != before.slug {
        sqlx::query("DELETE FROM slug_redirects WHERE target = ? AND old_slug = ?")
            .bind(table(s.kind))
            .bind(&slug)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO slug_redirects (target, old_slug, target_id) VALUES (?, ?, ?)
             ON CONFLICT (target, old_slug) DO UPDATE SET target_id = excluded.target_id",
        )
        .bind(table(s.kind))
        .bind(&before.slug)
        .bind(s.id)
        .execute(&mut *tx)
        .await?;
    }
    audit(
        &mut tx,
        Audit {
            user_id: Some(s.user_id),
            action: s.action,
            target: Some(table(s.kind)),
            target_id: Some(s.id),
            detail: &name,
            ip: s.ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done {
        slug,
        version,
        revision,
    })
}

/// The unique field a failed write broke, from SQLite's message
/// ("UNIQUE constraint failed: table.column").
fn taken(spec: &[FieldSpec], message: &str) -> Saved {
    spec.iter()
        .find(|f| f.key != "slug" && message.ends_with(&format!(".{}", f.key)))
        .map_or(Saved::SlugTaken, |f| Saved::Taken(f.key))
}

/// Creates a listing in one transaction with its first revision
/// ('create') and the audit entry. An empty slug is made from the name.
pub async fn create(
    pool: &SqlitePool,
    kind: Kind,
    spec: &[FieldSpec],
    values: &Values,
    user_id: i64,
    ip: Option<&str>,
) -> Result<Saved, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let mut values = values.clone();
    let name = values.get("name_vi").cloned().unwrap_or_default();
    let slug = match values.get("slug").map(String::as_str) {
        Some("") | None => unique_slug(&mut tx, kind, &name, table(kind))
            .await?
            .as_str()
            .to_owned(),
        Some(slug) => slug.to_owned(),
    };
    values.insert("slug".into(), slug.clone());
    let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO ");
    q.push(table(kind)).push(" (");
    for (i, field) in spec.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.push(field.key);
    }
    q.push(") VALUES (");
    for (i, field) in spec.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        let text = values
            .get(field.key)
            .map(String::as_str)
            .unwrap_or_default();
        push_value(&mut q, field.kind.storage(), text);
    }
    q.push(") RETURNING id, updated_at");
    let (id, version): (i64, String) = match q.build_query_as().fetch_one(&mut *tx).await {
        Ok(row) => row,
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
            return Ok(taken(spec, db.message()));
        }
        Err(error) => return Err(error),
    };
    insert_revision(&mut tx, kind, id, Some(user_id), "create", None, &values).await?;
    audit(
        &mut tx,
        Audit {
            user_id: Some(user_id),
            action: "create",
            target: Some(table(kind)),
            target_id: Some(id),
            detail: &name,
            ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Created { id, slug, version })
}
