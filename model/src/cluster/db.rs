//! Server-only queries for industrial parks and clusters.

use super::{ClusterFacts, ClusterKind, ClusterProfile, Stage, Tenant};
use crate::listing::Kind;
use crate::listing::ListingRef;
use crate::listing::db::place;
use sqlx::{SqliteConnection, SqlitePool};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    kind: String,
    name_vi: String,
    name_en: String,
    stage: Option<String>,
    plan_action: Option<String>,
    planned_area_ha: Option<f64>,
    established_area_ha: Option<f64>,
    industrial_land_ha: Option<f64>,
    leased_land_ha: Option<f64>,
    reported_occupancy_pct: Option<f64>,
    occupancy_year: Option<i64>,
    infrastructure_complete: Option<bool>,
    infrastructure_investor: Option<String>,
    establishment_decision: Option<String>,
    establishment_date: Option<String>,
    wastewater_status: Option<String>,
    target_industries_vi: Option<String>,
    target_industries_en: Option<String>,
    description_vi: Option<String>,
    description_en: Option<String>,
    source_url: String,
    sources: Option<String>,
    updated_at: String,
}

#[derive(sqlx::FromRow)]
struct TenantRow {
    slug: String,
    name_vi: String,
    name_en: String,
    capital_billion_vnd: Option<f64>,
    employees: Option<i64>,
}

/// A published park or cluster by slug, with its tenants.
pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<ClusterProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let Some(id) = crate::listing::db::published_id(&mut conn, Kind::Cluster, slug).await? else {
        return Ok(None);
    };
    profile(&mut conn, id).await
}

/// The profile of the cluster `id` whatever its state (a staff
/// preview of a draft reads it too, inside the transaction of an unsaved
/// edit); its related listings are the published ones, as the public page
/// shows them.
pub async fn profile(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<ClusterProfile>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, slug, kind, name_vi, name_en, stage, plan_action, planned_area_ha,
                established_area_ha, industrial_land_ha, leased_land_ha, reported_occupancy_pct,
                occupancy_year, infrastructure_complete, infrastructure_investor,
                establishment_decision, establishment_date, wastewater_status,
                target_industries_vi, target_industries_en, description_vi, description_en,
                source_url, sources, updated_at
         FROM clusters WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let Some(kind) = ClusterKind::parse(&r.kind) else {
        return Ok(None);
    };
    let tenants: Vec<TenantRow> = sqlx::query_as(
        "SELECT e.slug, e.name_vi, e.name_en, t.capital_billion_vnd, t.employees
         FROM cluster_tenants t JOIN enterprises e ON e.id = t.enterprise_id
         WHERE t.cluster_id = ? AND e.status = 'published' ORDER BY e.name_vi LIMIT 500",
    )
    .bind(r.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(ClusterProfile {
        place: place(&mut *conn, "clusters", r.id).await?,
        tenants: tenants
            .into_iter()
            .map(|t| Tenant {
                enterprise: ListingRef {
                    kind: Kind::Enterprise,
                    slug: t.slug,
                    name_vi: t.name_vi,
                    name_en: t.name_en,
                },
                capital_billion_vnd: t.capital_billion_vnd,
                employees: t.employees,
            })
            .collect(),
        nearby: Vec::new(),
        id: r.id,
        slug: r.slug,
        kind,
        name_vi: r.name_vi,
        name_en: r.name_en,
        stage: r.stage.as_deref().and_then(Stage::parse),
        plan_action: r.plan_action,
        facts: ClusterFacts {
            planned_area_ha: r.planned_area_ha,
            established_area_ha: r.established_area_ha,
            industrial_land_ha: r.industrial_land_ha,
            leased_land_ha: r.leased_land_ha,
            reported_occupancy_pct: r.reported_occupancy_pct,
            occupancy_year: r.occupancy_year,
            infrastructure_complete: r.infrastructure_complete,
        },
        infrastructure_investor: r.infrastructure_investor,
        establishment_decision: r.establishment_decision,
        establishment_date: r.establishment_date,
        wastewater_status: r.wastewater_status,
        target_industries_vi: r.target_industries_vi,
        target_industries_en: r.target_industries_en,
        description_vi: r.description_vi,
        description_en: r.description_en,
        source_url: r.source_url,
        sources: crate::listing::sources::read(r.sources.as_deref()),
        updated_at: r.updated_at,
    }))
}
