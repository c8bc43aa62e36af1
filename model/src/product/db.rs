//! Server-only queries for products.

use super::ocop::{certificate_state, expires_on};
use super::{Category, Ocop, ProductProfile};
use crate::date::Date;
use crate::listing::Kind;
use crate::listing::db::{place, refs};
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
    sources: Option<String>,
    updated_at: String,
}

/// A published product by slug, with its certificate's state as of `today`.
pub async fn by_slug(
    pool: &SqlitePool,
    slug: &str,
    today: Date,
) -> Result<Option<ProductProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let Some(id) = crate::listing::db::published_id(&mut conn, Kind::Product, slug).await? else {
        return Ok(None);
    };
    profile(&mut conn, id, today).await
}

/// The profile of the product `id` whatever its state (a staff preview of
/// a draft reads it too, inside the transaction of an unsaved edit); its
/// producer and village are the published ones, as the public page shows
/// them.
pub async fn profile(
    conn: &mut SqliteConnection,
    id: i64,
    today: Date,
) -> Result<Option<ProductProfile>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, slug, name_vi, name_en, category, ocop_stars, ocop_certified_on,
                ocop_decision, geo_indication_year, description_vi, description_en,
                source_url, sources, updated_at
         FROM products WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let category = Category::parse(&r.category).unwrap_or(Category::Other);
    let certified_on = r.ocop_certified_on.as_deref().and_then(Date::parse);
    let end = certified_on.map(expires_on);
    let producer = refs(
        &mut *conn,
        Kind::Enterprise,
        "SELECT producer_id FROM products WHERE id = ?",
        r.id,
    )
    .await?;
    let village = refs(
        &mut *conn,
        Kind::Village,
        "SELECT village_id FROM products WHERE id = ?",
        r.id,
    )
    .await?;
    Ok(Some(ProductProfile {
        place: place(&mut *conn, "products", r.id).await?,
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
        sources: crate::listing::sources::read(r.sources.as_deref()),
        updated_at: r.updated_at,
    }))
}
