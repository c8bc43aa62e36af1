//! Server-only queries for enterprises.

use super::{EnterpriseProfile, LegalForm};
use crate::listing::Kind;
use crate::listing::db::{place, refs};
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
}

/// A published enterprise by slug, with its villages, parks or clusters and
/// products.
pub async fn by_slug(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<EnterpriseProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let Some(id) = crate::listing::db::published_id(&mut conn, Kind::Enterprise, slug).await?
    else {
        return Ok(None);
    };
    profile(&mut conn, id).await
}

/// The profile of the enterprise `id` whatever its state (a staff
/// preview of a draft reads it too, inside the transaction of an unsaved
/// edit); its related listings are the published ones, as the public page
/// shows them.
pub async fn profile(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<EnterpriseProfile>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, slug, name_vi, name_en, legal_form, tax_code, sector_vi, sector_en,
                products_vi, products_en, founded_year, employees, members, phone, email,
                website, address, description_vi, description_en, source_url, sources, updated_at
         FROM enterprises WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let Some(legal_form) = LegalForm::parse(&r.legal_form) else {
        return Ok(None);
    };
    Ok(Some(EnterpriseProfile {
        place: place(&mut *conn, "enterprises", r.id).await?,
        villages: refs(
            &mut *conn,
            Kind::Village,
            "SELECT village_id FROM enterprise_villages WHERE enterprise_id = ?",
            r.id,
        )
        .await?,
        clusters: refs(
            &mut *conn,
            Kind::Cluster,
            "SELECT cluster_id FROM cluster_tenants WHERE enterprise_id = ?",
            r.id,
        )
        .await?,
        products: refs(
            &mut *conn,
            Kind::Product,
            "SELECT id FROM products WHERE producer_id = ?",
            r.id,
        )
        .await?,
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
