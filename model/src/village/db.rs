//! Server-only queries for craft villages. Every village SQL statement lives
//! here, so another database engine only needs another version of this file.

use super::visit::Visit;
use super::{Artisan, Decree52Facts, Overview, VillageCard, VillageId, VillageProfile};
use crate::area::{Commune, District, Location};
use crate::craft::{Craft, TradeGroup};
use crate::listing::Kind;
use crate::listing::db::{Which, districts_from, json_rows, refs_column, refs_from};
use crate::text::summary;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    name_vi: String,
    name_en: String,
    commune_name: String,
    recognition_year: Option<i64>,
    description_vi: Option<String>,
    description_en: Option<String>,
}

#[derive(sqlx::FromRow)]
struct CraftRow {
    village_id: i64,
    slug: String,
    name_vi: String,
    name_en: String,
    trade_group: i64,
}

#[derive(sqlx::FromRow)]
struct DistrictRow {
    village_id: i64,
    code: String,
    name: String,
}

fn craft_from(row: CraftRow) -> Option<(i64, Craft)> {
    Some((
        row.village_id,
        Craft {
            slug: row.slug,
            name_vi: row.name_vi,
            name_en: row.name_en,
            trade_group: TradeGroup::new(row.trade_group)?,
        },
    ))
}

/// Crafts of the given villages, in each village's own order.
async fn crafts_of(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Craft>>, sqlx::Error> {
    let rows: Vec<CraftRow> = sqlx::query_as(
        "SELECT vc.village_id, c.slug, c.name_vi, c.name_en, c.trade_group
         FROM village_crafts vc JOIN crafts c ON c.id = vc.craft_id
         WHERE vc.village_id IN (SELECT value FROM json_each(?))
         ORDER BY vc.village_id, vc.position, c.slug",
    )
    .bind(serde_json::to_string(ids).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let mut map: HashMap<i64, Vec<Craft>> = HashMap::new();
    for (id, craft) in rows.into_iter().filter_map(craft_from) {
        map.entry(id).or_default().push(craft);
    }
    Ok(map)
}

/// Former districts of the given villages.
async fn districts_of(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<District>>, sqlx::Error> {
    let rows: Vec<DistrictRow> = sqlx::query_as(
        // The rule of the `village_districts` view, asked for these
        // villages only (the view would be computed for every village).
        "SELECT v.id AS village_id, d.code, d.name FROM villages v
           JOIN legacy_communes lc ON lc.code = v.legacy_commune_code
           JOIN legacy_districts d ON d.code = lc.district_code
         WHERE v.id IN (SELECT value FROM json_each(?1))
         UNION
         SELECT v.id, d.code, d.name FROM villages v
           JOIN commune_former_districts cfd ON cfd.commune_code = v.commune_code
           JOIN legacy_districts d ON d.code = cfd.district_code
         WHERE v.id IN (SELECT value FROM json_each(?1)) AND v.legacy_commune_code IS NULL
         ORDER BY 1, 2",
    )
    .bind(serde_json::to_string(ids).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    let mut map: HashMap<i64, Vec<District>> = HashMap::new();
    for row in rows {
        map.entry(row.village_id).or_default().push(District {
            code: row.code,
            name: row.name,
        });
    }
    Ok(map)
}

/// Turns card rows into cards, loading crafts and districts in two queries.
async fn cards(pool: &SqlitePool, rows: Vec<CardRow>) -> Result<Vec<VillageCard>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut conn = pool.acquire().await?;
    let mut crafts = crafts_of(&mut conn, &ids).await?;
    let mut districts = districts_of(&mut conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| VillageCard {
            crafts: crafts.remove(&r.id).unwrap_or_default(),
            former_districts: districts.remove(&r.id).unwrap_or_default(),
            summary_vi: summary(&r.description_vi),
            summary_en: summary(&r.description_en),
            slug: r.slug,
            name_vi: r.name_vi,
            name_en: r.name_en,
            commune_name: r.commune_name,
            recognition_year: r.recognition_year,
        })
        .collect())
}

const CARD_COLUMNS: &str = "SELECT v.id, v.slug, v.name_vi, v.name_en, c.name AS commune_name,
    v.recognition_year, v.description_vi, v.description_en
    FROM villages v JOIN communes c ON c.code = v.commune_code WHERE 1 = 1";

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    slug: String,
    place_name: String,
    name_vi: String,
    name_en: String,
    commune_code: String,
    commune_name: String,
    province_name: String,
    former_commune: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    coords_approximate: bool,
    craft_began_year: Option<i64>,
    total_households: Option<i64>,
    craft_households: Option<i64>,
    stable_production_years: Option<i64>,
    env_compliant: Option<bool>,
    is_traditional: Option<bool>,
    recognition_year: Option<i64>,
    recognition_decision: Option<String>,
    recognition_date: Option<String>,
    description_vi: Option<String>,
    description_en: Option<String>,
    products_vi: Option<String>,
    products_en: Option<String>,
    visiting_vi: Option<String>,
    visiting_en: Option<String>,
    opening_hours: Option<String>,
    experiences: Option<String>,
    getting_there_vi: Option<String>,
    getting_there_en: Option<String>,
    best_season_vi: Option<String>,
    best_season_en: Option<String>,
    accessibility_vi: Option<String>,
    accessibility_en: Option<String>,
    visit_phone: Option<String>,
    visit_zalo: Option<String>,
    visit_email: Option<String>,
    source_url: String,
    sources: Option<String>,
    workers: Option<i64>,
    recognition_lapsed_year: Option<i64>,
    updated_at: String,
    images: String,
    /// `[[slug, name_vi, name_en, trade_group], …]` in the village's order.
    crafts: String,
    /// `[[code, name], …]`
    former_districts: String,
    /// `[[name, title], …]`
    artisans: String,
    enterprises: String,
    products: String,
    /// Whether a published tour stops here (the tours are read only then).
    has_tours: bool,
}

/// A published village by slug; `None` if there is none.
pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<VillageProfile>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    profile(&mut conn, Which::Published(slug)).await
}

/// The profile of the village `which` chooses (see [`profile_and_visits`]).
pub async fn profile(
    conn: &mut SqliteConnection,
    which: Which<'_>,
) -> Result<Option<VillageProfile>, sqlx::Error> {
    Ok(profile_and_visits(conn, which).await?.map(|(v, _)| v))
}

/// The profile of the village `which` chooses, whatever its state (a staff
/// preview of a draft reads it too, inside the transaction of an unsaved
/// edit); its related listings are the published ones, as the public page
/// shows them. With it, whether a published tour stops there: the public
/// page reads the tours only then, a round trip fewer for most villages.
pub async fn profile_and_visits(
    conn: &mut SqliteConnection,
    which: Which<'_>,
) -> Result<Option<(VillageProfile, bool)>, sqlx::Error> {
    // One query: a round trip to the database's thread costs more than
    // the subqueries. The former districts follow the rule of the
    // `village_districts` view, asked for this village only.
    let sql = format!(
        "SELECT x.id, x.slug, x.place_name, x.name_vi, x.name_en, x.commune_code,
                c.name AS commune_name, c.province_name, lc.name AS former_commune,
                x.latitude, x.longitude, x.coords_approximate, x.craft_began_year,
                x.total_households, x.craft_households, x.stable_production_years,
                x.env_compliant, x.is_traditional, x.recognition_year, x.recognition_decision,
                x.recognition_date, x.description_vi, x.description_en, x.products_vi,
                x.products_en, x.visiting_vi, x.visiting_en, x.source_url, x.sources, x.workers,
                x.recognition_lapsed_year, x.updated_at, x.opening_hours, x.experiences,
                x.getting_there_vi, x.getting_there_en, x.best_season_vi, x.best_season_en,
                x.accessibility_vi, x.accessibility_en, x.visit_phone, x.visit_zalo, x.visit_email,
                (SELECT json_group_array(json_array(cr.slug, cr.name_vi, cr.name_en, cr.trade_group)
                                         ORDER BY vc.position, cr.slug)
                   FROM village_crafts vc JOIN crafts cr ON cr.id = vc.craft_id
                  WHERE vc.village_id = x.id) AS crafts,
                (SELECT json_group_array(json_array(fd.code, fd.name) ORDER BY fd.code) FROM (
                   SELECT d.code, d.name FROM legacy_districts d WHERE d.code = lc.district_code
                   UNION
                   SELECT d.code, d.name FROM commune_former_districts cfd
                     JOIN legacy_districts d ON d.code = cfd.district_code
                    WHERE cfd.commune_code = x.commune_code AND x.legacy_commune_code IS NULL) fd
                ) AS former_districts,
                (SELECT json_group_array(json_array(a.name, a.title) ORDER BY a.name)
                   FROM village_artisans a WHERE a.village_id = x.id) AS artisans,
                EXISTS (SELECT 1 FROM tour_stops s JOIN tours t ON t.id = s.tour_id
                         WHERE s.village_id = x.id AND t.status = 'published') AS has_tours,
                {}, {}, {images}
         FROM villages x
         JOIN communes c ON c.code = x.commune_code
         LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code
         WHERE {}",
        refs_column(
            Kind::Enterprise,
            "SELECT enterprise_id FROM enterprise_villages WHERE village_id = x.id
             UNION SELECT e.id FROM enterprises e
             WHERE x.legacy_commune_code IS NOT NULL AND e.legacy_commune_code = x.legacy_commune_code",
            "enterprises"
        ),
        refs_column(Kind::Product, "SELECT id FROM products WHERE village_id = x.id", "products"),
        which.condition(),
        images = crate::media::db::images_column("villages"),
    );
    let Some(r) = which.row::<ProfileRow>(conn, sql).await? else {
        return Ok(None);
    };
    let crafts = json_rows::<(String, String, String, i64)>(&r.crafts)
        .into_iter()
        .filter_map(|(slug, name_vi, name_en, group)| {
            Some(Craft {
                slug,
                name_vi,
                name_en,
                trade_group: TradeGroup::new(group)?,
            })
        })
        .collect();
    let artisans = json_rows::<(String, Option<String>)>(&r.artisans)
        .into_iter()
        .map(|(name, title)| Artisan { name, title })
        .collect();
    let has_tours = r.has_tours;
    let profile = VillageProfile {
        images: crate::media::db::images_from(&r.images),
        nearby: Vec::new(),
        enterprises: refs_from(Kind::Enterprise, &r.enterprises),
        products: refs_from(Kind::Product, &r.products),
        id: VillageId(r.id),
        location: Location {
            commune: Commune {
                code: r.commune_code,
                name: r.commune_name,
            },
            province_name: r.province_name,
            former_commune: r.former_commune,
            former_districts: districts_from(&r.former_districts),
            latitude: r.latitude,
            longitude: r.longitude,
            approximate: r.coords_approximate,
        },
        crafts,
        facts: Decree52Facts {
            craft_began_year: r.craft_began_year,
            total_households: r.total_households,
            craft_households: r.craft_households,
            stable_production_years: r.stable_production_years,
            env_compliant: r.env_compliant,
            is_traditional: r.is_traditional,
            recognition_year: r.recognition_year,
            recognition_decision: r.recognition_decision,
            recognition_date: r.recognition_date,
        },
        artisans,
        slug: r.slug,
        place_name: r.place_name,
        name_vi: r.name_vi,
        name_en: r.name_en,
        description_vi: r.description_vi,
        description_en: r.description_en,
        products_vi: r.products_vi,
        products_en: r.products_en,
        visiting_vi: r.visiting_vi,
        visiting_en: r.visiting_en,
        visit_html: Default::default(),
        visit_gaps: 0,
        tours_html: Default::default(),
        visit: Box::new(Visit {
            hours: super::hours::hours_at(r.opening_hours.as_deref(), super::hours::vietnam_now()),
            // A rule or line the editor saved is checked on the way in; one
            // that no longer reads shows nothing rather than failing.
            experiences: super::visit::parse_experiences(r.experiences.as_deref().unwrap_or(""))
                .unwrap_or_default(),
            getting_there_vi: r.getting_there_vi,
            getting_there_en: r.getting_there_en,
            best_season_vi: r.best_season_vi,
            best_season_en: r.best_season_en,
            accessibility_vi: r.accessibility_vi,
            accessibility_en: r.accessibility_en,
            phone: r.visit_phone,
            zalo: r.visit_zalo,
            email: r.visit_email,
        }),
        sources: crate::listing::sources::read(r.sources.as_deref()),
        workers: r.workers,
        recognition_lapsed_year: r.recognition_lapsed_year,
        source_url: r.source_url,
        updated_at: r.updated_at,
    };
    Ok(Some((profile, has_tours)))
}

/// Counts and featured villages for the home page.
pub async fn overview(pool: &SqlitePool) -> Result<Overview, sqlx::Error> {
    let (clusters, enterprises, products): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM clusters WHERE status = 'published'),
                (SELECT COUNT(*) FROM enterprises WHERE status = 'published'),
                (SELECT COUNT(*) FROM products WHERE status = 'published')",
    )
    .fetch_one(pool)
    .await?;
    let (villages, crafts, communes, districts): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT
           (SELECT COUNT(*) FROM villages WHERE status = 'published'),
           (SELECT COUNT(DISTINCT vc.craft_id) FROM village_crafts vc
              JOIN villages v ON v.id = vc.village_id WHERE v.status = 'published'),
           (SELECT COUNT(DISTINCT commune_code) FROM villages WHERE status = 'published'),
           (SELECT COUNT(DISTINCT vd.district_code) FROM village_districts vd
              JOIN villages v ON v.id = vd.village_id WHERE v.status = 'published')",
    )
    .fetch_one(pool)
    .await?;
    let rows: Vec<CardRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CARD_COLUMNS} AND v.status = 'published' AND v.featured = 1 ORDER BY v.slug LIMIT 6"
    )))
    .fetch_all(pool)
    .await?;
    let featured = cards(pool, rows).await?;
    Ok(Overview {
        villages,
        crafts,
        communes,
        districts,
        clusters,
        enterprises,
        products,
        featured,
    })
}

/// The id of the village with this place name in this commune, if any.
pub async fn find_by_place(
    conn: &mut SqliteConnection,
    place_name: &str,
    commune: &str,
) -> Result<Option<VillageId>, sqlx::Error> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM villages WHERE place_name = ? AND commune_code = ?")
            .bind(place_name)
            .bind(commune)
            .fetch_optional(conn)
            .await?;
    Ok(id.map(VillageId))
}
