//! Server-only queries every kind of listing shares: slugs, locations and
//! links. Table and column names come from the callers' constants, never
//! from user input.

use super::Kind;
use super::{ListingRef, Place};
use crate::area::District;
use crate::text::Slug;
use sqlx::{SqliteConnection, SqlitePool};

/// The table of a kind of listing.
pub fn table(kind: Kind) -> &'static str {
    kind.table()
}

/// The kind whose table is `name`.
pub fn kind_of_table(name: &str) -> Option<Kind> {
    Kind::of_table(name)
}

/// A slug for `name` that no listing of this kind has yet: `ban-lac`, else
/// `ban-lac-2`, …; `fallback` when the name gives no usable slug.
pub async fn unique_slug(
    conn: &mut SqliteConnection,
    kind: Kind,
    name: &str,
    fallback: &str,
) -> Result<Slug, sqlx::Error> {
    let base = Slug::from_name(name)
        .or_else(|| Slug::parse(fallback).ok())
        .ok_or_else(|| sqlx::Error::Protocol("no slug".into()))?;
    let sql = format!("SELECT 1 FROM {} WHERE slug = ?", table(kind));
    let mut candidate = base.clone();
    for n in 2.. {
        let taken: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(candidate.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_none() {
            break;
        }
        let suffix = format!("-{n}");
        let keep = base.as_str().len().min(Slug::MAX_LEN - suffix.len());
        let stem = base.as_str()[..keep].trim_end_matches('-');
        candidate = Slug::parse(&format!("{stem}{suffix}"))
            .map_err(|_| sqlx::Error::Protocol("bad slug".into()))?;
    }
    Ok(candidate)
}

/// The location columns of a listing row.
#[derive(sqlx::FromRow)]
pub struct PlaceRow {
    pub commune_code: Option<String>,
    pub commune_name: Option<String>,
    pub province_name: Option<String>,
    pub former_commune: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub coords_approximate: bool,
}

/// The SQL selecting [`PlaceRow`]'s columns from a listing aliased `x`,
/// with the joins it needs.
pub fn place_select(table: &str) -> String {
    format!(
        "SELECT x.commune_code, c.name AS commune_name, c.province_name, lc.name AS former_commune,
                COALESCE(x.latitude, c.latitude) AS latitude,
                COALESCE(x.longitude, c.longitude) AS longitude,
                CASE WHEN x.latitude IS NULL THEN 1 ELSE x.coords_approximate END AS coords_approximate
         FROM {table} x
         LEFT JOIN communes c ON c.code = x.commune_code
         LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code
         WHERE x.id = ?"
    )
}

/// Where a listing of `table` is, with its former districts.
pub async fn place(
    conn: &mut SqliteConnection,
    table: &str,
    id: i64,
) -> Result<Place, sqlx::Error> {
    let row: Option<PlaceRow> = sqlx::query_as(sqlx::AssertSqlSafe(place_select(table)))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    // The same rule as the `*_districts` views, asked for one row: a view
    // with UNION would be computed for every row of the table first.
    let districts: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.code, d.name FROM {table} x
           JOIN legacy_districts d ON d.code = COALESCE(
             (SELECT lc.district_code FROM legacy_communes lc WHERE lc.code = x.legacy_commune_code),
             x.district_code)
         WHERE x.id = ?1
         UNION
         SELECT d.code, d.name FROM {table} x
           JOIN commune_former_districts cfd ON cfd.commune_code = x.commune_code
           JOIN legacy_districts d ON d.code = cfd.district_code
         WHERE x.id = ?1 AND x.legacy_commune_code IS NULL AND x.district_code IS NULL
         ORDER BY 1"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok(Place::default());
    };
    Ok(Place {
        commune: r.commune_code.zip(r.commune_name),
        province_name: r.province_name,
        former_commune: r.former_commune,
        former_districts: districts
            .into_iter()
            .map(|(code, name)| District { code, name })
            .collect(),
        latitude: r.latitude,
        longitude: r.longitude,
        approximate: r.coords_approximate,
    })
}

/// Published listings of a kind chosen by a query returning their ids,
/// ordered by name.
pub async fn refs(
    conn: &mut SqliteConnection,
    kind: Kind,
    ids_sql: &str,
    id: i64,
) -> Result<Vec<ListingRef>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT slug, name_vi, name_en FROM {} WHERE id IN ({ids_sql}) AND +status = 'published'
         ORDER BY name_vi, slug LIMIT 200",
        table(kind)
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name_vi, name_en)| ListingRef {
            kind,
            slug,
            name_vi,
            name_en,
        })
        .collect())
}

/// The id of the published listing of this kind with this slug, if any.
pub async fn published_id(
    conn: &mut SqliteConnection,
    kind: Kind,
    slug: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM {} WHERE slug = ? AND status = 'published'",
        table(kind)
    )))
    .bind(slug)
    .fetch_optional(conn)
    .await
}

/// The sources of a published listing as stored (see
/// [`super::sources::read`]); `None` without the published listing.
pub async fn published_sources(
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
) -> Result<Option<Option<String>>, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT sources FROM {} WHERE id = ? AND status = 'published'",
        table(kind)
    )))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// The id of the listing of this kind with this Vietnamese name, if any.
pub async fn id_by_name(
    conn: &mut SqliteConnection,
    kind: Kind,
    name_vi: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM {} WHERE name_vi = ?",
        table(kind)
    )))
    .bind(name_vi)
    .fetch_optional(conn)
    .await
}

/// How many listings of every kind the database holds (any status).
pub async fn count_all(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM villages) + (SELECT COUNT(*) FROM clusters)
              + (SELECT COUNT(*) FROM enterprises) + (SELECT COUNT(*) FROM products)",
    )
    .fetch_one(conn)
    .await
}

/// The source URL every synthetic (benchmark) record carries.
pub const SYNTHETIC_SOURCE: &str = "https://synthetic.invalid/langnghe-bench";

/// How many synthetic records the database holds.
pub async fn count_synthetic(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM villages WHERE source_url = ?1)
              + (SELECT COUNT(*) FROM enterprises WHERE source_url = ?1)",
    )
    .bind(SYNTHETIC_SOURCE)
    .fetch_one(conn)
    .await
}

/// The current slug of the listing that had `old_slug`, if it is published.
pub async fn moved_to(
    pool: &SqlitePool,
    kind: Kind,
    old_slug: &str,
) -> Result<Option<String>, sqlx::Error> {
    let sql = format!(
        "SELECT x.slug FROM slug_redirects r JOIN {t} x ON x.id = r.target_id
         WHERE r.target = ? AND r.old_slug = ? AND x.status = 'published'",
        t = table(kind)
    );
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(table(kind))
        .bind(old_slug)
        .fetch_optional(pool)
        .await
}
