//! The staff list of each kind and the dashboard's counts.

use crate::editing::fields::{FieldKind, FieldSpec};
use crate::editing::list::{
    Assignee, ListScope, Missing, StaffListRow, StaffQuery, StaffSort, counts_for_completeness,
};
use crate::listing::Kind;
use crate::listing::db::table;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

/// The rows of a kind's staff list that the database can filter: state,
/// commune, "my communes", what is missing, and what `scope` may see. The
/// text, completeness and last-changed-by filters, the order and the page
/// are [`crate::editing::list::page_of`]'s. Each row's completeness and
/// last author are worked out here only when the query filters or sorts by
/// them (at 100,000 listings they cost most of the list's time); otherwise
/// [`fill_page`] adds them to the page's rows alone.
pub async fn staff_list(
    pool: &SqlitePool,
    kind: Kind,
    query: &StaffQuery,
    scope: &ListScope<'_>,
) -> Result<Vec<StaffListRow>, sqlx::Error> {
    let Some(spec) = crate::editing::spec_of(kind) else {
        return Ok(Vec::new());
    };
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT x.id, x.name_vi AS name, x.slug, x.status, c.name AS commune,
                x.commune_code, x.updated_at, ",
    );
    if query.band.is_some() || query.sort == StaffSort::Completeness {
        push_completeness(&mut q, spec);
    } else {
        q.push("0");
    }
    q.push(" AS completeness, ");
    if query.by.is_some() {
        push_author(&mut q, kind);
    } else {
        q.push("NULL");
    }
    q.push(" AS updated_by_id FROM ")
        .push(table(kind))
        .push(" x LEFT JOIN communes c ON c.code = x.commune_code");
    push_filters(&mut q, kind, query, scope);
    q.build_query_as().fetch_all(pool).await
}

/// Adds each row's completeness and last author (a page's rows).
pub async fn fill_page(
    pool: &SqlitePool,
    kind: Kind,
    rows: &mut [StaffListRow],
) -> Result<(), sqlx::Error> {
    let Some(spec) = crate::editing::spec_of(kind) else {
        return Ok(());
    };
    if rows.is_empty() {
        return Ok(());
    }
    let mut q = QueryBuilder::<Sqlite>::new("SELECT x.id, ");
    push_completeness(&mut q, spec);
    q.push(", ");
    push_author(&mut q, kind);
    q.push(", (SELECT a.user_id FROM assignments a WHERE a.target = ")
        .push_bind(table(kind))
        .push(" AND a.target_id = x.id)");
    q.push(" FROM ")
        .push(table(kind))
        .push(" x WHERE x.id IN (");
    let mut ids = q.separated(", ");
    for row in rows.iter() {
        ids.push_bind(row.id);
    }
    q.push(")");
    let found: Vec<(i64, i64, Option<i64>, Option<i64>)> =
        q.build_query_as().fetch_all(pool).await?;
    for row in rows.iter_mut() {
        if let Some((_, completeness, author, assigned)) =
            found.iter().find(|(id, ..)| *id == row.id)
        {
            row.completeness = u8::try_from(*completeness).unwrap_or(100);
            row.updated_by_id = *author;
            row.assigned_to = *assigned;
        }
    }
    Ok(())
}

/// The account of a listing's newest revision.
fn push_author(q: &mut QueryBuilder<Sqlite>, kind: Kind) {
    q.push("(SELECT r.user_id FROM revisions r WHERE r.target = ")
        .push_bind(table(kind))
        .push(" AND r.target_id = x.id ORDER BY r.id DESC LIMIT 1)");
}

/// How many listings of a kind match the database's filters of each of
/// `queries` (as many rows as [`staff_list`] returns for it), in one scan
/// of the table: the dashboard's counts, which link to the lists so
/// filtered.
pub async fn staff_counts(
    pool: &SqlitePool,
    kind: Kind,
    queries: &[StaffQuery],
    scope: &ListScope<'_>,
) -> Result<Vec<i64>, sqlx::Error> {
    if queries.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Sqlite>::new("SELECT ");
    for (i, query) in queries.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.push("COUNT(*) FILTER (WHERE 1 = 1");
        push_conditions(&mut q, kind, query, scope);
        q.push(")");
    }
    q.push(" FROM ").push(table(kind)).push(" x");
    use sqlx::Row;
    let row = q.build().fetch_one(pool).await?;
    (0..queries.len()).map(|i| row.try_get(i)).collect()
}

/// `recorded fields × 100 / counted fields`, as
/// [`crate::editing::list::completeness`] counts them. Column and table
/// names come from the static field specs.
fn push_completeness(q: &mut QueryBuilder<Sqlite>, spec: &[FieldSpec]) {
    let counted: Vec<&FieldSpec> = spec.iter().filter(|f| counts_for_completeness(f)).collect();
    q.push("((0");
    for field in &counted {
        if let FieldKind::Many(r) = field.kind {
            q.push(format!(
                " + EXISTS (SELECT 1 FROM {} j WHERE j.{} = x.id)",
                r.table, r.owner
            ));
        } else {
            q.push(format!(
                " + (COALESCE(CAST(x.{} AS TEXT), '') <> '')",
                field.key
            ));
        }
    }
    q.push(format!(") * 100 / {})", counted.len().max(1)));
}

/// The WHERE clause of the filters the database answers.
fn push_filters(
    q: &mut QueryBuilder<Sqlite>,
    kind: Kind,
    query: &StaffQuery,
    scope: &ListScope<'_>,
) {
    q.push(" WHERE 1 = 1");
    push_conditions(q, kind, query, scope);
}

/// The filters the database answers, each as " AND …".
fn push_conditions(
    q: &mut QueryBuilder<Sqlite>,
    kind: Kind,
    query: &StaffQuery,
    scope: &ListScope<'_>,
) {
    if scope.published_only {
        q.push(" AND x.status = 'published'");
    } else if !scope.communes.is_empty() {
        // Other communes' listings only once published (read-only).
        q.push(" AND (x.status = 'published' OR x.commune_code IN (");
        push_list(q, scope.communes);
        q.push("))");
    }
    if query.mine && !scope.communes.is_empty() {
        q.push(" AND x.commune_code IN (");
        push_list(q, scope.communes);
        q.push(")");
    }
    if let Some(state) = &query.state {
        q.push(" AND x.status = ").push_bind(state.clone());
    }
    if let Some(commune) = &query.commune {
        q.push(" AND x.commune_code = ").push_bind(commune.clone());
    }
    match query.assigned {
        Some(Assignee::Nobody) => {
            q.push(" AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.target = ")
                .push_bind(table(kind))
                .push(" AND a.target_id = x.id)");
        }
        Some(who) => {
            let user = match who {
                Assignee::Account(id) => id,
                _ => scope.user_id,
            };
            q.push(" AND EXISTS (SELECT 1 FROM assignments a WHERE a.target = ")
                .push_bind(table(kind))
                .push(" AND a.target_id = x.id AND a.user_id = ")
                .push_bind(user)
                .push(")");
        }
        None => {}
    }
    match query.missing {
        Some(Missing::Location) => {
            q.push(" AND x.status <> 'archived' AND x.latitude IS NULL");
        }
        Some(Missing::Description) => {
            q.push(" AND x.status <> 'archived' AND COALESCE(x.description_vi, '') = ''");
        }
        None => {}
    }
}

/// The accounts that change listings (administrators and editors, enabled
/// or not: a disabled one may still have changed something last), by name.
pub async fn editors(pool: &SqlitePool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, display_name FROM users WHERE role IN ('admin', 'editor')
         ORDER BY display_name, id",
    )
    .fetch_all(pool)
    .await
}

fn push_list(q: &mut QueryBuilder<Sqlite>, values: &[String]) {
    let mut list = q.separated(", ");
    for value in values {
        list.push_bind(value.clone());
    }
}

/// OCOP certificates (valid 36 months) that end within `days` days.
pub async fn ocop_expiring(
    pool: &SqlitePool,
    days: i64,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name_vi, slug, date(ocop_certified_on, '+36 months') AS ends
         FROM products
         WHERE ocop_certified_on IS NOT NULL AND status = 'published'
           AND date(ocop_certified_on, '+36 months') <= date('now', '+' || ? || ' days')
         ORDER BY ends",
    )
    .bind(days)
    .fetch_all(pool)
    .await
}

/// Gives the listing `id` of `kind` to the account `to` to work on, or to
/// nobody; audited. False when it already was.
pub async fn assign(
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
    to: Option<(i64, &str)>,
    by: i64,
    ip: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let now: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM assignments WHERE target = ? AND target_id = ?")
            .bind(table(kind))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    if now == to.map(|(user, _)| user) {
        return Ok(false);
    }
    match to {
        Some((user, _)) => {
            sqlx::query(
                "INSERT INTO assignments (target, target_id, user_id, assigned_by) VALUES (?, ?, ?, ?)
                 ON CONFLICT (target, target_id) DO UPDATE SET user_id = excluded.user_id,
                   assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at",
            )
            .bind(table(kind))
            .bind(id)
            .bind(user)
            .bind(by)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM assignments WHERE target = ? AND target_id = ?")
                .bind(table(kind))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    crate::staff::db::audit(
        &mut tx,
        crate::staff::db::Audit {
            user_id: Some(by),
            action: "assign",
            target: Some(table(kind)),
            target_id: Some(id),
            detail: to.map_or("", |(_, name)| name),
            ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
