//! Server-only queries for enterprises.

use super::{EnterpriseProfile, LegalForm};
use crate::listing::db::{id_by_slug, place, refs, unique_slug};
use model::listing::Kind;
use model::tax_code::TaxCode;
use model::text::Slug;
use serde::Deserialize;
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
    updated_at: String,
}

/// A published enterprise by slug, with its villages, parks or clusters and
/// products.
pub async fn by_slug(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<EnterpriseProfile>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, slug, name_vi, name_en, legal_form, tax_code, sector_vi, sector_en,
                products_vi, products_en, founded_year, employees, members, phone, email,
                website, address, description_vi, description_en, source_url, updated_at
         FROM enterprises WHERE slug = ? AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let Some(legal_form) = LegalForm::parse(&r.legal_form) else {
        return Ok(None);
    };
    Ok(Some(EnterpriseProfile {
        place: place(pool, "enterprises", r.id).await?,
        villages: refs(
            pool,
            Kind::Village,
            "SELECT village_id FROM enterprise_villages WHERE enterprise_id = ?",
            r.id,
        )
        .await?,
        clusters: refs(
            pool,
            Kind::Cluster,
            "SELECT cluster_id FROM cluster_tenants WHERE enterprise_id = ?",
            r.id,
        )
        .await?,
        products: refs(
            pool,
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
        updated_at: r.updated_at,
    }))
}

/// An enterprise as a seed file or a staff form gives it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEnterprise {
    pub name_vi: String,
    pub name_en: String,
    pub legal_form: String,
    pub tax_code: Option<String>,
    pub sector_vi: Option<String>,
    pub sector_en: Option<String>,
    pub products_vi: Option<String>,
    pub products_en: Option<String>,
    pub founded_year: Option<i64>,
    pub employees: Option<i64>,
    pub members: Option<i64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub commune: Option<String>,
    pub legacy_commune: Option<String>,
    pub district: Option<String>,
    /// Slugs of the craft villages it belongs to.
    #[serde(default)]
    pub villages: Vec<String>,
    /// Slugs of the parks or clusters it is a tenant of.
    #[serde(default)]
    pub clusters: Vec<String>,
    pub source_url: String,
}

/// Why an enterprise cannot be stored.
fn invalid(what: &str) -> sqlx::Error {
    sqlx::Error::Protocol(format!("invalid enterprise: {what}"))
}

/// Inserts a published enterprise with a fresh unique slug; the tax code is
/// checked with [`TaxCode::parse`] and stored in its normal form.
pub async fn insert(
    conn: &mut SqliteConnection,
    e: &NewEnterprise,
) -> Result<(i64, Slug), sqlx::Error> {
    use sqlx::Connection;
    let form = LegalForm::parse(&e.legal_form).ok_or_else(|| invalid("legal form"))?;
    let tax_code = match &e.tax_code {
        Some(t) => Some(
            TaxCode::parse(t)
                .map_err(|_| invalid("tax code"))?
                .to_string(),
        ),
        None => None,
    };
    let mut conn = conn.begin().await?;
    let slug = unique_slug(&mut conn, Kind::Enterprise, &e.name_vi, "doanh-nghiep").await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO enterprises (slug, name_vi, name_en, legal_form, tax_code, sector_vi,
            sector_en, products_vi, products_en, founded_year, employees, members, phone, email,
            website, address, description_vi, description_en, commune_code, legacy_commune_code,
            district_code, source_url)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(slug.as_str())
    .bind(&e.name_vi)
    .bind(&e.name_en)
    .bind(form.code())
    .bind(tax_code)
    .bind(&e.sector_vi)
    .bind(&e.sector_en)
    .bind(&e.products_vi)
    .bind(&e.products_en)
    .bind(e.founded_year)
    .bind(e.employees)
    .bind(e.members)
    .bind(&e.phone)
    .bind(&e.email)
    .bind(&e.website)
    .bind(&e.address)
    .bind(&e.description_vi)
    .bind(&e.description_en)
    .bind(&e.commune)
    .bind(&e.legacy_commune)
    .bind(&e.district)
    .bind(&e.source_url)
    .fetch_one(&mut *conn)
    .await?;
    for village in &e.villages {
        let vid = id_by_slug(&mut conn, Kind::Village, village)
            .await?
            .ok_or_else(|| invalid("unknown village"))?;
        sqlx::query("INSERT INTO enterprise_villages (enterprise_id, village_id) VALUES (?, ?)")
            .bind(id)
            .bind(vid)
            .execute(&mut *conn)
            .await?;
    }
    for cluster in &e.clusters {
        let cid = id_by_slug(&mut conn, Kind::Cluster, cluster)
            .await?
            .ok_or_else(|| invalid("unknown cluster"))?;
        sqlx::query("INSERT INTO cluster_tenants (cluster_id, enterprise_id) VALUES (?, ?)")
            .bind(cid)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    conn.commit().await?;
    Ok((id, slug))
}
