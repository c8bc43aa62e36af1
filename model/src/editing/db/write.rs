//! The one write path into the listing tables. Staff forms, accepted
//! proposals, the seed, the synthetic benchmark data and (next) bulk import
//! all give field values by key; they are parsed and checked by the field
//! specs ([`parse_checked`]), then created ([`create_in`]) or updated
//! ([`save`]) with a revision, the join tables of [`FieldKind::Many`]
//! fields, old slugs' redirects and, for staff, the audit entry.

use super::super::fields::{FieldError, FieldKind, FieldSpec, Relation, Storage, coordinate_text};
use super::super::{FieldErrors, FormContext, Values, parse_values};
use crate::listing::Kind;
use crate::listing::db::{table, unique_slug};
use crate::staff::db::{Audit, audit};
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

/// Who writes.
#[derive(Clone, Copy, Debug)]
pub enum Author<'a> {
    /// A signed-in member of staff; the write is audited.
    Staff { user_id: i64, ip: Option<&'a str> },
    /// A data load ("seed", "synthetic"): its revisions carry this word as
    /// their action and no user.
    Load(&'static str),
    /// A bulk import applied by a member of staff: its revisions name the
    /// import (its file, who and when); the import itself is audited once.
    Import { user_id: i64, import_id: i64 },
}

impl Author<'_> {
    fn user_id(self) -> Option<i64> {
        match self {
            Author::Staff { user_id, .. } | Author::Import { user_id, .. } => Some(user_id),
            Author::Load(_) => None,
        }
    }

    fn import_id(self) -> Option<i64> {
        match self {
            Author::Import { import_id, .. } => Some(import_id),
            _ => None,
        }
    }
}

/// Parses what was typed (or loaded) as the form does and checks what only
/// the database knows (that linked listings and crafts exist, rewriting
/// old addresses to current ones); every error at once.
pub async fn parse_checked(
    conn: &mut SqliteConnection,
    spec: &[FieldSpec],
    fields: &Values,
    form_cx: &FormContext,
) -> Result<Result<Values, FieldErrors>, sqlx::Error> {
    let mut links: Values = spec
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Link(_) | FieldKind::Many(_)))
        .filter_map(|f| {
            let raw = fields.get(f.key)?;
            Some((f.key.to_owned(), f.parse(raw, form_cx).ok()?))
        })
        .collect();
    let link_errors = resolve_links(conn, spec, &mut links).await?;
    Ok(match parse_values(spec, fields, form_cx) {
        Ok(mut values) if link_errors.is_empty() => {
            values.extend(links);
            Ok(values)
        }
        Ok(_) => Err(link_errors),
        Err(mut errors) => {
            for (key, error) in link_errors {
                errors.entry(key).or_insert(error);
            }
            Err(errors)
        }
    })
}

/// The current slug of `slug` in `target` (a listing table or `crafts`),
/// following a listing's old slugs.
async fn current_slug(
    conn: &mut SqliteConnection,
    target: &str,
    slug: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT slug FROM {target} WHERE slug = ?1
         UNION ALL
         SELECT l.slug FROM slug_redirects r JOIN {target} l ON l.id = r.target_id
          WHERE r.target = ?2 AND r.old_slug = ?1
         LIMIT 1"
    )))
    .bind(slug)
    .bind(target)
    .fetch_optional(conn)
    .await
}

/// Checks the link fields of parsed values: each address names a listing
/// (or craft) by its current slug or an old one (rewritten to the current
/// one). Returns the fields that name none.
async fn resolve_links(
    conn: &mut SqliteConnection,
    spec: &[FieldSpec],
    values: &mut Values,
) -> Result<FieldErrors, sqlx::Error> {
    let mut errors = FieldErrors::new();
    for field in spec {
        let target = match field.kind {
            FieldKind::Link(kind) => table(kind),
            FieldKind::Many(relation) => relation.target,
            _ => continue,
        };
        let Some(text) = values.get(field.key).filter(|s| !s.is_empty()) else {
            continue;
        };
        let mut found = Vec::new();
        for slug in text.split(", ") {
            match current_slug(&mut *conn, target, slug).await? {
                Some(current) => found.push(current),
                None => {
                    errors.insert(field.key.to_owned(), FieldError::UnknownLink);
                    break;
                }
            }
        }
        if !errors.contains_key(field.key) {
            found.dedup();
            values.insert(field.key.to_owned(), found.join(", "));
        }
    }
    Ok(errors)
}

/// The fields stored in the listing's own row.
fn columns(spec: &[FieldSpec]) -> impl Iterator<Item = &FieldSpec> {
    spec.iter()
        .filter(|f| !matches!(f.kind, FieldKind::Many(_)))
}

/// Makes the join tables of the [`FieldKind::Many`] fields hold exactly
/// the slugs of `values`, in their order; rows that stay keep their other
/// columns (a tenant's capital and employees).
async fn write_relations(
    conn: &mut SqliteConnection,
    id: i64,
    spec: &[FieldSpec],
    values: &Values,
) -> Result<(), sqlx::Error> {
    for field in spec {
        let FieldKind::Many(r) = field.kind else {
            continue;
        };
        let slugs: Vec<&str> = values
            .get(field.key)
            .map(String::as_str)
            .unwrap_or_default()
            .split(", ")
            .filter(|s| !s.is_empty())
            .collect();
        let Relation {
            table: join,
            owner,
            other,
            target,
            position,
        } = *r;
        let mut q = QueryBuilder::<Sqlite>::new(format!("DELETE FROM {join} WHERE {owner} = "));
        q.push_bind(id).push(format!(
            " AND {other} NOT IN (SELECT id FROM {target} WHERE slug IN ("
        ));
        let mut list = q.separated(", ");
        list.push("''");
        for slug in &slugs {
            list.push_bind(*slug);
        }
        q.push("))");
        q.build().execute(&mut *conn).await?;
        for (i, slug) in slugs.iter().enumerate() {
            let done = match position {
                Some(p) => sqlx::query(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO {join} ({owner}, {other}, {p}) SELECT ?, id, ? FROM {target}
                          WHERE slug = ? ON CONFLICT DO UPDATE SET {p} = excluded.{p}"
                )))
                .bind(id)
                .bind(i64::try_from(i).unwrap_or(i64::MAX)),
                None => sqlx::query(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO {join} ({owner}, {other}) SELECT ?, id FROM {target}
                      WHERE slug = ? ON CONFLICT DO NOTHING"
                )))
                .bind(id),
            }
            .bind(*slug)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() == 0 && position.is_some() {
                return Err(sqlx::Error::RowNotFound);
            }
        }
    }
    Ok(())
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
    /// The listing changed since the form was loaded: its values and
    /// version now, the values the form started from (when recorded) and
    /// who changed it last.
    Stale {
        current: Values,
        version: String,
        base: Option<Values>,
        by: Option<String>,
    },
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
    /// Staff (audited) or a loader refreshing what it wrote.
    pub author: Author<'a>,
    /// 'edit' or 'restore'; a loader's word for a loader.
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
        // Written by `write_relations`; never a column.
        Storage::Many(_) => q.push("NULL"),
        Storage::Link(kind) => q
            .push("(SELECT id FROM ")
            .push(table(kind))
            .push(" WHERE slug = ")
            .push_bind(text.to_owned())
            .push(")"),
    };
}

/// A revision: the listing's values after a change, and its version
/// (`updated_at`) then.
struct Revision<'a> {
    kind: Kind,
    id: i64,
    user_id: Option<i64>,
    action: &'a str,
    restored_from: Option<i64>,
    values: &'a Values,
    version: &'a str,
    import_id: Option<i64>,
}

async fn insert_revision(conn: &mut SqliteConnection, r: Revision<'_>) -> Result<i64, sqlx::Error> {
    let fields = serde_json::to_string(r.values).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query_scalar(
        "INSERT INTO revisions (target, target_id, user_id, action, restored_from, fields, version,
                                import_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(table(r.kind))
    .bind(r.id)
    .bind(r.user_id)
    .bind(r.action)
    .bind(r.restored_from)
    .bind(fields)
    .bind(r.version)
    .bind(r.import_id)
    .fetch_one(conn)
    .await
}

/// What a stale save finds: the listing now, what the form started from
/// (the revision of the form's version, when recorded) and who changed it
/// last.
async fn meanwhile(
    conn: &mut SqliteConnection,
    kind: Kind,
    id: i64,
    version: &str,
) -> Result<(Option<Values>, Option<String>), sqlx::Error> {
    let base: Option<String> = sqlx::query_scalar(
        "SELECT fields FROM revisions WHERE target = ? AND target_id = ? AND version = ?
         ORDER BY id DESC LIMIT 1",
    )
    .bind(table(kind))
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    let by: Option<Option<String>> = sqlx::query_scalar(
        "SELECT u.display_name FROM revisions r LEFT JOIN users u ON u.id = r.user_id
          WHERE r.target = ? AND r.target_id = ? ORDER BY r.id DESC LIMIT 1",
    )
    .bind(table(kind))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok((
        base.and_then(|fields| serde_json::from_str(&fields).ok()),
        by.flatten(),
    ))
}

/// Saves new values of a listing in one transaction ([`save_in`]).
pub async fn save(pool: &SqlitePool, s: Save<'_>, cx: &FormContext) -> Result<Saved, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let saved = save_in(&mut tx, s, cx).await?;
    if matches!(saved, Saved::Done { .. }) {
        tx.commit().await?;
    }
    Ok(saved)
}

/// Saves new values of a listing, all or nothing (a savepoint inside the
/// caller's transaction): the first save also records the state before it
/// (the baseline revision), then the update, the revision, the old slug's
/// redirect and, for staff, the audit entry.
pub async fn save_in(
    conn: &mut SqliteConnection,
    s: Save<'_>,
    cx: &FormContext,
) -> Result<Saved, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let Some(before) = super::current(&mut tx, s.kind, s.spec, s.id, cx).await? else {
        return Ok(Saved::NotFound);
    };
    if before.version != s.version {
        let (base, by) = meanwhile(&mut tx, s.kind, s.id, s.version).await?;
        return Ok(Saved::Stale {
            current: before.values,
            version: before.version,
            base,
            by,
        });
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
            Revision {
                kind: s.kind,
                id: s.id,
                user_id: None,
                action: "baseline",
                restored_from: None,
                values: &before.values,
                version: &before.version,
                import_id: None,
            },
        )
        .await?;
    }

    let mut q = QueryBuilder::<Sqlite>::new("UPDATE ");
    q.push(table(s.kind)).push(" SET ");
    for field in columns(s.spec) {
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

    write_relations(&mut tx, s.id, s.spec, &values).await?;
    let revision = insert_revision(
        &mut tx,
        Revision {
            kind: s.kind,
            id: s.id,
            user_id: s.author.user_id(),
            action: s.action,
            restored_from: s.restored_from,
            values: &values,
            version: &version,
            import_id: s.author.import_id(),
        },
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
    if let Author::Staff { user_id, ip } = s.author {
        audit(
            &mut tx,
            Audit {
                user_id: Some(user_id),
                action: s.action,
                target: Some(table(s.kind)),
                target_id: Some(s.id),
                detail: &name,
                ip,
            },
        )
        .await?;
    }
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

/// Parses and checks `input` by the kind's spec, then creates the listing
/// ([`create_in`]): what every loader calls. Field errors are data.
pub async fn create_checked(
    conn: &mut SqliteConnection,
    kind: Kind,
    spec: &[FieldSpec],
    input: &Values,
    author: Author<'_>,
    form_cx: &FormContext,
) -> Result<Result<Saved, FieldErrors>, sqlx::Error> {
    match parse_checked(&mut *conn, spec, input, form_cx).await? {
        Ok(values) => Ok(Ok(create_in(conn, kind, spec, &values, author).await?)),
        Err(errors) => Ok(Err(errors)),
    }
}

/// Creates a listing in one transaction ([`create_in`]).
pub async fn create(
    pool: &SqlitePool,
    kind: Kind,
    spec: &[FieldSpec],
    values: &Values,
    author: Author<'_>,
) -> Result<Saved, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let saved = create_in(&mut tx, kind, spec, values, author).await?;
    if matches!(saved, Saved::Created { .. }) {
        tx.commit().await?;
    }
    Ok(saved)
}

/// Creates a listing from parsed values, all or nothing (a savepoint
/// inside the caller's transaction): the row, its join tables, its first
/// revision ('create', or the loader's word) and, for staff, the audit
/// entry. An empty slug is made from the place name (villages) or the
/// Vietnamese name; a village without coordinates is put at its
/// commune's centre (shown as approximate).
pub async fn create_in(
    conn: &mut SqliteConnection,
    kind: Kind,
    spec: &[FieldSpec],
    values: &Values,
    author: Author<'_>,
) -> Result<Saved, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let mut values = values.clone();
    let get = |values: &Values, key: &str| values.get(key).cloned().unwrap_or_default();
    let name = get(&values, "name_vi");
    let slug = match values.get("slug").map(String::as_str) {
        Some("") | None => {
            let place = get(&values, "place_name");
            let base = if place.is_empty() { &name } else { &place };
            unique_slug(&mut tx, kind, base, table(kind))
                .await?
                .as_str()
                .to_owned()
        }
        Some(slug) => slug.to_owned(),
    };
    values.insert("slug".into(), slug.clone());
    if kind == Kind::Village && get(&values, "latitude").is_empty() {
        let centre: Option<(f64, f64)> =
            sqlx::query_as("SELECT latitude, longitude FROM communes WHERE code = ?")
                .bind(get(&values, "commune_code"))
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((lat, lon)) = centre {
            values.insert("latitude".into(), coordinate_text(lat));
            values.insert("longitude".into(), coordinate_text(lon));
        }
    }
    let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO ");
    q.push(table(kind)).push(" (");
    let mut list = q.separated(", ");
    for field in columns(spec) {
        list.push(field.key);
    }
    q.push(") VALUES (");
    for (i, field) in columns(spec).enumerate() {
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
    write_relations(&mut tx, id, spec, &values).await?;
    let action = match author {
        Author::Staff { .. } => "create",
        Author::Import { .. } => "import",
        Author::Load(word) => word,
    };
    insert_revision(
        &mut tx,
        Revision {
            kind,
            id,
            user_id: author.user_id(),
            action,
            restored_from: None,
            values: &values,
            version: &version,
            import_id: author.import_id(),
        },
    )
    .await?;
    if let Author::Staff { user_id, ip } = author {
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
    }
    tx.commit().await?;
    Ok(Saved::Created { id, slug, version })
}
