//! Server-only queries every kind of listing shares: slugs, locations and
//! links. Table and column names come from the callers' constants, never
//! from user input.

use super::Kind;
use super::{ListingRef, Place};
use crate::area::District;
use crate::text::Slug;
use sqlx::query::QueryAs;
use sqlx::sqlite::{Sqlite, SqliteArguments, SqliteRow};
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

/// Which listing a profile reads: the one with this id whatever its state
/// (a staff preview of a draft, inside the transaction of an unsaved edit),
/// or the published one with this slug (the public page). Reading by slug
/// in the profile's own query saves a round trip to the database's thread.
#[derive(Clone, Copy, Debug)]
pub enum Which<'a> {
    Id(i64),
    Published(&'a str),
}

impl<'a> Which<'a> {
    /// The condition choosing the row of the listing aliased `x`; its one
    /// parameter (`?1`) is bound by [`Which::row`].
    pub fn condition(self) -> &'static str {
        match self {
            Which::Id(_) => "x.id = ?1",
            Which::Published(_) => "x.slug = ?1 AND x.status = 'published'",
        }
    }

    /// The row `sql` (built with [`Which::condition`]) reads, if any.
    pub async fn row<O>(
        self,
        conn: &mut SqliteConnection,
        sql: String,
    ) -> Result<Option<O>, sqlx::Error>
    where
        O: for<'r> sqlx::FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let query: QueryAs<'_, Sqlite, O, SqliteArguments> =
            sqlx::query_as(sqlx::AssertSqlSafe(sql));
        let query = match self {
            Which::Id(id) => query.bind(id),
            Which::Published(slug) => query.bind(slug),
        };
        query.fetch_optional(conn).await
    }
}

/// The location columns of a listing row, read with the row itself
/// ([`PLACE_COLUMNS`], [`PLACE_JOINS`]).
#[derive(sqlx::FromRow)]
pub struct PlaceRow {
    pub commune_code: Option<String>,
    pub commune_name: Option<String>,
    pub province_name: Option<String>,
    pub former_commune: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub coords_approximate: bool,
    /// The former districts, `[[code, name], …]` by code.
    pub former_districts: String,
}

/// [`PlaceRow`]'s columns of a listing aliased `x` (of a table with
/// `district_code`), with [`PLACE_JOINS`]. The former districts follow the
/// rule of the `*_districts` views, asked for this row only: a view with
/// UNION would be computed for every row of the table first.
pub const PLACE_COLUMNS: &str = "x.commune_code, c.name AS commune_name, c.province_name,
    lc.name AS former_commune,
    COALESCE(x.latitude, c.latitude) AS latitude,
    COALESCE(x.longitude, c.longitude) AS longitude,
    CASE WHEN x.latitude IS NULL THEN 1 ELSE x.coords_approximate END AS coords_approximate,
    (SELECT json_group_array(json_array(fd.code, fd.name) ORDER BY fd.code) FROM (
       SELECT d.code, d.name FROM legacy_districts d
        WHERE d.code = COALESCE(lc.district_code, x.district_code)
       UNION
       SELECT d.code, d.name FROM commune_former_districts cfd
         JOIN legacy_districts d ON d.code = cfd.district_code
        WHERE cfd.commune_code = x.commune_code
          AND x.legacy_commune_code IS NULL AND x.district_code IS NULL) fd
    ) AS former_districts";

/// The joins [`PLACE_COLUMNS`] needs.
pub const PLACE_JOINS: &str = "LEFT JOIN communes c ON c.code = x.commune_code
    LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code";

impl PlaceRow {
    /// Where the listing is.
    pub fn place(self) -> Place {
        Place {
            commune: self.commune_code.zip(self.commune_name),
            province_name: self.province_name,
            former_commune: self.former_commune,
            former_districts: districts_from(&self.former_districts),
            latitude: self.latitude,
            longitude: self.longitude,
            approximate: self.coords_approximate,
        }
    }
}

/// Districts from a JSON column of `[[code, name], …]`.
pub fn districts_from(json: &str) -> Vec<District> {
    json_rows::<(String, String)>(json)
        .into_iter()
        .map(|(code, name)| District { code, name })
        .collect()
}

/// The rows of a JSON array column made with `json_group_array`; none when
/// it does not read (it is made by the query beside it, never typed).
pub fn json_rows<T: serde::de::DeserializeOwned>(json: &str) -> Vec<T> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A column `name` holding, as one JSON array, the published listings of
/// `kind` whose ids `ids_sql` selects (it may name the profile's row,
/// aliased `x`), ordered by name, at most 200; read with [`refs_from`].
pub fn refs_column(kind: Kind, ids_sql: &str, name: &str) -> String {
    format!(
        "(SELECT json_group_array(json_array(r.slug, r.name_vi, r.name_en) ORDER BY r.name_vi, r.slug)
          FROM (SELECT slug, name_vi, name_en FROM {} WHERE id IN ({ids_sql}) AND +status = 'published'
                ORDER BY name_vi, slug LIMIT 200) r) AS {name}",
        table(kind)
    )
}

/// The listings of a column made by [`refs_column`].
pub fn refs_from(kind: Kind, json: &str) -> Vec<ListingRef> {
    json_rows::<(String, String, String)>(json)
        .into_iter()
        .map(|(slug, name_vi, name_en)| ListingRef {
            kind,
            slug,
            name_vi,
            name_en,
        })
        .collect()
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
