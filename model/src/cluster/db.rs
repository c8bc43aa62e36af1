//! Server-only queries for industrial parks and clusters.

use super::{ClusterFacts, ClusterKind, ClusterProfile, Stage, Tenant};
use crate::listing::Kind;
use crate::listing::ListingRef;
use crate::listing::db::{PLACE_COLUMNS, PLACE_JOINS, PlaceRow, Which, json_rows};
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
    images: String,
    #[sqlx(flatten)]
    place: PlaceRow,
    /// `[[slug, name_vi, name_en, capital_billion_vnd, employees], …]`
    tenants: String,
}

/// A tenant as its JSON column holds it.
type TenantRow = (String, String, String, Option<f64>, Option<i64>);

/// A published park or cluster by slug, with its tenants.
pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<ClusterProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    profile(&mut conn, Which::Published(slug)).await
}

/// The profile of the cluster `which` chooses, whatever its state (a staff
/// preview of a draft reads it too, inside the transaction of an unsaved
/// edit); its related listings are the published ones, as the public page
/// shows them.
pub async fn profile(
    conn: &mut SqliteConnection,
    which: Which<'_>,
) -> Result<Option<ClusterProfile>, sqlx::Error> {
    // One query: a round trip to the database's thread costs more than
    // the subqueries.
    let sql = format!(
        "SELECT x.id, x.slug, x.kind, x.name_vi, x.name_en, x.stage, x.plan_action,
                x.planned_area_ha, x.established_area_ha, x.industrial_land_ha, x.leased_land_ha,
                x.reported_occupancy_pct, x.occupancy_year, x.infrastructure_complete,
                x.infrastructure_investor, x.establishment_decision, x.establishment_date,
                x.wastewater_status, x.target_industries_vi, x.target_industries_en,
                x.description_vi, x.description_en, x.source_url, x.sources, x.updated_at,
                {PLACE_COLUMNS},
                (SELECT json_group_array(json_array(t.slug, t.name_vi, t.name_en,
                                                    t.capital_billion_vnd, t.employees)
                                         ORDER BY t.name_vi, t.slug)
                   FROM (SELECT e.slug, e.name_vi, e.name_en, ct.capital_billion_vnd, ct.employees
                           FROM cluster_tenants ct JOIN enterprises e ON e.id = ct.enterprise_id
                          WHERE ct.cluster_id = x.id AND e.status = 'published'
                          ORDER BY e.name_vi, e.slug LIMIT 500) t) AS tenants, {images}
         FROM clusters x {PLACE_JOINS} WHERE {}",
        which.condition(),
        images = crate::media::db::images_column("clusters"),
    );
    let Some(r) = which.row::<Row>(conn, sql).await? else {
        return Ok(None);
    };
    let Some(kind) = ClusterKind::parse(&r.kind) else {
        return Ok(None);
    };
    Ok(Some(ClusterProfile {
        tenants: json_rows::<TenantRow>(&r.tenants)
            .into_iter()
            .map(
                |(slug, name_vi, name_en, capital_billion_vnd, employees)| Tenant {
                    enterprise: ListingRef {
                        kind: Kind::Enterprise,
                        slug,
                        name_vi,
                        name_en,
                    },
                    capital_billion_vnd,
                    employees,
                },
            )
            .collect(),
        place: r.place.place(),
        images: crate::media::db::images_from(&r.images),
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
