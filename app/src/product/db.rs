//! Server-only queries for products.

use super::{Category, Ocop, ProductProfile};
use crate::listing::db::{id_by_slug, place, refs, unique_slug};
use model::date::Date;
use model::listing::Kind;
use model::product::ocop::{certificate_state, expires_on};
use model::text::Slug;
use serde::Deserialize;
use sqlx::{SqliteConnection, SqlitePool};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    name_vi: String,
    name_en: String,
    category: String,
    ocop_stars: Option<i64>,
    ocop_certified_on: Option<String>,
    ocop_decision: Option<String>,
    geo_indication_year: Option<i64>,
    description_vi: Option<String>,
    description_en: Option<String>,
    source_url: String,
    updated_at: String,
}

/// A published product by slug, with its certificate's state as of `today`.
pub async fn by_slug(
    pool: &SqlitePool,
    slug: &str,
    today: Date,
) -> Result<Option<ProductProfile>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, slug, name_vi, name_en, category, ocop_stars, ocop_certified_on,
                ocop_decision, geo_indication_year, description_vi, description_en,
                source_url, updated_at
         FROM products WHERE slug = ? AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let category = Category::parse(&r.category).unwrap_or(Category::Other);
    let certified_on = r.ocop_certified_on.as_deref().and_then(Date::parse);
    let end = certified_on.map(expires_on);
    let producer = refs(
        pool,
        Kind::Enterprise,
        "SELECT producer_id FROM products WHERE id = ?",
        r.id,
    )
    .await?;
    let village = refs(
        pool,
        Kind::Village,
        "SELECT village_id FROM products WHERE id = ?",
        r.id,
    )
    .await?;
    Ok(Some(ProductProfile {
        place: place(pool, "products", r.id).await?,
        producer: producer.into_iter().next(),
        village: village.into_iter().next(),
        ocop: Ocop {
            stars: r.ocop_stars,
            certified_on,
            expires_on: end,
            state: end.map(|e| certificate_state(e, today)),
            decision: r.ocop_decision,
        },
        nearby: Vec::new(),
        id: r.id,
        slug: r.slug,
        name_vi: r.name_vi,
        name_en: r.name_en,
        category,
        geo_indication_year: r.geo_indication_year,
        description_vi: r.description_vi,
        description_en: r.description_en,
        source_url: r.source_url,
        updated_at: r.updated_at,
    }))
}

/// A product as a seed file or a staff form gives it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProduct {
    pub name_vi: String,
    pub name_en: String,
    pub category: String,
    /// The producer's slug.
    pub producer: Option<String>,
    /// The craft village's slug.
    pub village: Option<String>,
    pub ocop_stars: Option<i64>,
    pub ocop_certified_on: Option<String>,
    pub ocop_decision: Option<String>,
    pub geo_indication_year: Option<i64>,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub commune: Option<String>,
    pub legacy_commune: Option<String>,
    pub district: Option<String>,
    pub source_url: String,
}

fn invalid(what: &str) -> sqlx::Error {
    sqlx::Error::Protocol(format!("invalid product: {what}"))
}

/// Inserts a published product with a fresh unique slug.
pub async fn insert(
    conn: &mut SqliteConnection,
    p: &NewProduct,
) -> Result<(i64, Slug), sqlx::Error> {
    use sqlx::Connection;
    let category = Category::parse(&p.category).ok_or_else(|| invalid("category"))?;
    if let Some(date) = &p.ocop_certified_on
        && Date::parse(date).is_none()
    {
        return Err(invalid("certificate date"));
    }
    let mut conn = conn.begin().await?;
    let producer = match &p.producer {
        Some(slug) => Some(
            id_by_slug(&mut conn, Kind::Enterprise, slug)
                .await?
                .ok_or_else(|| invalid("unknown producer"))?,
        ),
        None => None,
    };
    let village = match &p.village {
        Some(slug) => Some(
            id_by_slug(&mut conn, Kind::Village, slug)
                .await?
                .ok_or_else(|| invalid("unknown village"))?,
        ),
        None => None,
    };
    let slug = unique_slug(&mut conn, Kind::Product, &p.name_vi, "san-pham").await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (slug, name_vi, name_en, category, producer_id, village_id,
            ocop_stars, ocop_certified_on, ocop_decision, geo_indication_year, description_vi,
            description_en, commune_code, legacy_commune_code, district_code, source_url)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(slug.as_str())
    .bind(&p.name_vi)
    .bind(&p.name_en)
    .bind(category.code())
    .bind(producer)
    .bind(village)
    .bind(p.ocop_stars)
    .bind(&p.ocop_certified_on)
    .bind(&p.ocop_decision)
    .bind(p.geo_indication_year)
    .bind(&p.description_vi)
    .bind(&p.description_en)
    .bind(&p.commune)
    .bind(&p.legacy_commune)
    .bind(&p.district)
    .bind(&p.source_url)
    .fetch_one(&mut *conn)
    .await?;
    conn.commit().await?;
    Ok((id, slug))
}
