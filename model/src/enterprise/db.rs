//! Server-only queries for enterprises.

use super::{EnterpriseProfile, LegalForm};
use crate::listing::Kind;
use crate::listing::db::{PLACE_COLUMNS, PLACE_JOINS, PlaceRow, Which, refs_column, refs_from};
use crate::tax_code::TaxCode;
use sqlx::{SqliteConnection, SqlitePool};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    name_vi: String,
    name_en: String,
    legal_form: String,
    tax_code: Option<String>,
    sector_vi: Option<String>,
    sector_en: Option<String>,
    products_vi: Option<String>,
    products_en: Option<String>,
    founded_year: Option<i64>,
    employees: Option<i64>,
    members: Option<i64>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    address: Option<String>,
    description_vi: Option<String>,
    description_en: Option<String>,
    source_url: String,
    sources: Option<String>,
    updated_at: String,
    images: String,
    #[sqlx(flatten)]
    place: PlaceRow,
    villages: String,
    clusters: String,
    products: String,
}

/// A published enterprise by slug, with its villages, parks or clusters and
/// products.
pub async fn by_slug(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<EnterpriseProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    profile(&mut conn, Which::Published(slug)).await
}

/// The profile of the enterprise `which` chooses, whatever its state (a staff
/// preview of a draft reads it too, inside the transaction of an unsaved
/// edit); its related listings are the published ones, as the public page
/// shows them.
pub async fn profile(
    conn: &mut SqliteConnection,
    which: Which<'_>,
) -> Result<Option<EnterpriseProfile>, sqlx::Error> {
    // One query: a round trip to the database's thread costs more than
    // the subqueries.
    let sql = format!(
        "SELECT x.id, x.slug, x.name_vi, x.name_en, x.legal_form, x.tax_code, x.sector_vi,
                x.sector_en, x.products_vi, x.products_en, x.founded_year, x.employees, x.members,
                x.phone, x.email, x.website, x.address, x.description_vi, x.description_en,
                x.source_url, x.sources, x.updated_at, {PLACE_COLUMNS}, {}, {}, {}, {images}
         FROM enterprises x {PLACE_JOINS} WHERE {}",
        refs_column(
            Kind::Village,
            "SELECT village_id FROM enterprise_villages WHERE enterprise_id = x.id",
            "villages"
        ),
        refs_column(
            Kind::Cluster,
            "SELECT cluster_id FROM cluster_tenants WHERE enterprise_id = x.id",
            "clusters"
        ),
        refs_column(
            Kind::Product,
            "SELECT id FROM products WHERE producer_id = x.id",
            "products"
        ),
        which.condition(),
        images = crate::media::db::images_column("enterprises"),
    );
    let Some(r) = which.row::<Row>(conn, sql).await? else {
        return Ok(None);
    };
    let Some(legal_form) = LegalForm::parse(&r.legal_form) else {
        return Ok(None);
    };
    Ok(Some(EnterpriseProfile {
        villages: refs_from(Kind::Village, &r.villages),
        clusters: refs_from(Kind::Cluster, &r.clusters),
        products: refs_from(Kind::Product, &r.products),
        place: r.place.place(),
        images: crate::media::db::images_from(&r.images),
        nearby: Vec::new(),
        id: r.id,
        slug: r.slug,
        name_vi: r.name_vi,
        name_en: r.name_en,
        legal_form,
        tax_code: r.tax_code.and_then(|t| TaxCode::parse(&t).ok()),
        sector_vi: r.sector_vi,
        sector_en: r.sector_en,
        products_vi: r.products_vi,
        products_en: r.products_en,
        founded_year: r.founded_year,
        employees: r.employees,
        members: r.members,
        phone: r.phone,
        email: r.email,
        website: r.website,
        address: r.address,
        description_vi: r.description_vi,
        description_en: r.description_en,
        source_url: r.source_url,
        sources: crate::listing::sources::read(r.sources.as_deref()),
        updated_at: r.updated_at,
    }))
}
