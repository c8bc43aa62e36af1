//! Server-only queries of editing: what a form needs and a listing's
//! editable values as stored; the one write path (parse, check, create or
//! update with a revision) in `write`, the history, the staff lists and the
//! proposals in the other submodules. Column names come from the field
//! specs (static), never from input.

use super::fields::{FieldKind, FieldSpec, Relation};
use super::{AreaBounds, CommuneOption, FormContext, LinkOption, Values};
use crate::listing::Kind;
use crate::listing::db::table;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

pub mod history;
pub mod lists;
pub mod proposals;
mod write;

pub use write::{
    Author, Save, Saved, create, create_checked, create_in, parse_checked, save, save_in,
};

/// The communes of the area, by name (the staff list's commune filter).
pub async fn communes(pool: &SqlitePool) -> Result<Vec<CommuneOption>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM communes ORDER BY name")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name)| CommuneOption { code, name })
        .collect())
}

/// The communes of the area and the box their coordinates span.
pub async fn form_context(pool: &SqlitePool) -> Result<FormContext, sqlx::Error> {
    form_context_in(&mut *pool.acquire().await?).await
}

/// [`form_context`] inside a transaction (the seed's, which adds the
/// communes first).
pub async fn form_context_in(conn: &mut SqliteConnection) -> Result<FormContext, sqlx::Error> {
    let communes: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM communes ORDER BY name")
            .fetch_all(&mut *conn)
            .await?;
    let (south, west, north, east): (f64, f64, f64, f64) = sqlx::query_as(
        "SELECT MIN(latitude), MIN(longitude), MAX(latitude), MAX(longitude) FROM communes",
    )
    .fetch_one(&mut *conn)
    .await?;
    let options = |rows: Vec<(String, String)>| {
        rows.into_iter()
            .map(|(code, name)| CommuneOption { code, name })
            .collect::<Vec<_>>()
    };
    let legacy_communes = sqlx::query_as(
        "SELECT c.code, c.name || ' (' || d.name || ')' FROM legacy_communes c
         JOIN legacy_districts d ON d.code = c.district_code ORDER BY d.name, c.name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let legacy_districts = sqlx::query_as("SELECT code, name FROM legacy_districts ORDER BY name")
        .fetch_all(&mut *conn)
        .await?;
    let crafts = sqlx::query_as("SELECT slug, name_vi FROM crafts ORDER BY name_vi")
        .fetch_all(&mut *conn)
        .await?;
    let m = AreaBounds::MARGIN_DEG;
    Ok(FormContext {
        today: crate::base::date::Date::today(),
        communes: options(communes),
        bounds: AreaBounds {
            south: south - m,
            west: west - m,
            north: north + m,
            east: east + m,
        },
        links: Vec::new(),
        legacy_communes: options(legacy_communes),
        legacy_districts: options(legacy_districts),
        crafts: options(crafts),
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
        if let FieldKind::Many(relation) = field.kind {
            push_many(&mut q, kind, relation);
        } else if let FieldKind::Link(linked) = field.kind {
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

/// The slugs a listing's relation holds, comma-separated, in order.
fn push_many(q: &mut QueryBuilder<Sqlite>, kind: Kind, r: &Relation) {
    let order = r.position.map_or("t.slug".to_owned(), |p| format!("j.{p}"));
    q.push(format!(
        ", (SELECT group_concat(slug, ', ') FROM (SELECT t.slug FROM {} j JOIN {} t ON t.id = j.{}
            WHERE j.{} = {}.id ORDER BY {order}))",
        r.table,
        r.target,
        r.other,
        r.owner,
        table(kind)
    ));
}
