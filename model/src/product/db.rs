//! Server-only queries for products.

use super::ocop::{certificate_state, expires_on};
use super::{Category, Ocop, ProductProfile};
use crate::date::Date;
use crate::listing::Kind;
use crate::listing::db::{PLACE_COLUMNS, PLACE_JOINS, PlaceRow, Which, refs_column, refs_from};
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
    images: String,
    #[sqlx(flatten)]
    place: PlaceRow,
    producer: String,
    village: String,
}

/// A published product by slug, with its certificate's state as of `today`.
pub async fn by_slug(
    pool: &SqlitePool,
    slug: &str,
    today: Date,
) -> Result<Option<ProductProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    profile(&mut conn, Which::Published(slug), today).await
}

/// The profile of the product `which` chooses, whatever its state (a staff preview of
/// a draft reads it too, inside the transaction of an unsaved edit); its
/// producer and village are the published ones, as the public page shows
/// them.
pub async fn profile(
    conn: &mut SqliteConnection,
    which: Which<'_>,
    today: Date,
) -> Result<Option<ProductProfile>, sqlx::Error> {
    // One query: a round trip to the database's thread costs more than
    // the subqueries.
    let sql = format!(
        "SELECT x.id, x.slug, x.name_vi, x.name_en, x.category, x.ocop_stars,
                x.ocop_certified_on, x.ocop_decision, x.geo_indication_year, x.description_vi,
                x.description_en, x.source_url, x.sources, x.updated_at, {PLACE_COLUMNS}, {}, {}, {images}
         FROM products x {PLACE_JOINS} WHERE {}",
        refs_column(Kind::Enterprise, "SELECT x.producer_id", "producer"),
        refs_column(Kind::Village, "SELECT x.village_id", "village"),
        which.condition(),
        images = crate::media::db::images_column("products"),
    );
    let Some(r) = which.row::<Row>(conn, sql).await? else {
        return Ok(None);
    };
    let category = Category::parse(&r.category).unwrap_or(Category::Other);
    let certified_on = r.ocop_certified_on.as_deref().and_then(Date::parse);
    let end = certified_on.map(expires_on);
    Ok(Some(ProductProfile {
        producer: refs_from(Kind::Enterprise, &r.producer).into_iter().next(),
        village: refs_from(Kind::Village, &r.village).into_iter().next(),
        place: r.place.place(),
        ocop: Ocop {
            stars: r.ocop_stars,
            certified_on,
            expires_on: end,
            state: end.map(|e| certificate_state(e, today)),
            decision: r.ocop_decision,
        },
        images: crate::media::db::images_from(&r.images),
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
