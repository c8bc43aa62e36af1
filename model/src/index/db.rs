//! Server-only queries that read listings into search documents.

use super::{Builder, Document, FacetValue, SearchIndex};
use crate::area::unit_name;
use crate::cluster::{ClusterFacts, ClusterKind, Stage};
use crate::date::Date;
use crate::enterprise::LegalForm;
use crate::i18n::Lang;
use crate::listing::Kind;
use crate::listing::decimal;
use crate::listing::{Badge, Tone};
use crate::product::ocop::expires_on;
use crate::product::{Category, stars_label};
use crate::search::query::HAS_EXPERIENCES;
use crate::search::{FacetKey, SearchHit};
use crate::text::summary;
use crate::village::hours::Rule;
use futures_util::TryStreamExt;
use sqlx::SqlitePool;
use std::collections::HashMap;

/// The columns every kind gives; `x*`, `f*` and `i*` are kind-specific
/// (see each kind's query).
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    name_vi: String,
    name_en: String,
    description_vi: Option<String>,
    description_en: Option<String>,
    commune_code: Option<String>,
    commune_name: Option<String>,
    former_commune: Option<String>,
    /// The listing's point, else its commune's centre.
    lat: Option<f64>,
    lon: Option<f64>,
    /// More searchable name text (place name, tax code, …).
    extra_name: Option<String>,
    /// More searchable body text (sector, producer, …).
    extra_body: Option<String>,
    x1: Option<String>,
    x2: Option<String>,
    /// The English of `x2` where it has one (an enterprise's sector).
    x3: Option<String>,
    f1: Option<f64>,
    f2: Option<f64>,
    f3: Option<f64>,
    i1: Option<i64>,
    /// When the listing last changed (`updated_at`).
    changed: String,
}

const VILLAGES: &str = "SELECT x.id, x.slug, x.name_vi, x.name_en, x.description_vi, x.description_en,
    x.commune_code, c.name AS commune_name, lc.name AS former_commune,
    COALESCE(x.latitude, c.latitude) AS lat, COALESCE(x.longitude, c.longitude) AS lon,
    x.place_name AS extra_name, COALESCE(x.products_vi, '') || ' ' || COALESCE(x.products_en, '') AS extra_body,
    x.opening_hours AS x1, x.experiences AS x2, NULL AS x3, NULL AS f1, NULL AS f2, NULL AS f3,
    x.recognition_year AS i1, x.updated_at AS changed
    FROM villages x";

const CLUSTERS: &str =
    "SELECT x.id, x.slug, x.name_vi, x.name_en, x.description_vi, x.description_en,
    x.commune_code, c.name AS commune_name, lc.name AS former_commune,
    COALESCE(x.latitude, c.latitude) AS lat, COALESCE(x.longitude, c.longitude) AS lon,
    NULL AS extra_name,
    COALESCE(x.target_industries_vi, '') || ' ' || COALESCE(x.target_industries_en, '') || ' '
      || COALESCE(x.infrastructure_investor, '') AS extra_body,
    x.kind AS x1, x.stage AS x2, NULL AS x3, x.leased_land_ha AS f1, x.industrial_land_ha AS f2,
    x.reported_occupancy_pct AS f3, NULL AS i1, x.updated_at AS changed
    FROM clusters x";

const ENTERPRISES: &str = "SELECT x.id, x.slug, x.name_vi, x.name_en, x.description_vi, x.description_en,
    x.commune_code, c.name AS commune_name, lc.name AS former_commune,
    COALESCE(x.latitude, c.latitude) AS lat, COALESCE(x.longitude, c.longitude) AS lon,
    x.tax_code AS extra_name,
    COALESCE(x.sector_vi, '') || ' ' || COALESCE(x.sector_en, '') || ' ' || COALESCE(x.products_vi, '')
      || ' ' || COALESCE(x.products_en, '') AS extra_body,
    x.legal_form AS x1, x.sector_vi AS x2, x.sector_en AS x3, NULL AS f1, NULL AS f2, NULL AS f3, NULL AS i1,
    x.updated_at AS changed
    FROM enterprises x";

const PRODUCTS: &str =
    "SELECT x.id, x.slug, x.name_vi, x.name_en, x.description_vi, x.description_en,
    x.commune_code, c.name AS commune_name, lc.name AS former_commune,
    COALESCE(x.latitude, c.latitude) AS lat, COALESCE(x.longitude, c.longitude) AS lon,
    NULL AS extra_name,
    COALESCE(e.name_vi, '') || ' ' || COALESCE(v.name_vi, '') AS extra_body,
    x.category AS x1, x.ocop_certified_on AS x2, NULL AS x3, NULL AS f1, NULL AS f2, NULL AS f3,
    x.ocop_stars AS i1, x.updated_at AS changed
    FROM products x
    LEFT JOIN enterprises e ON e.id = x.producer_id AND e.status = 'published'
    LEFT JOIN villages v ON v.id = x.village_id AND v.status = 'published'";

fn kind_sql(kind: Kind) -> (&'static str, &'static str, &'static str) {
    match kind {
        Kind::Village => (VILLAGES, "village_districts", "village_id"),
        Kind::Cluster => (CLUSTERS, "cluster_districts", "cluster_id"),
        Kind::Enterprise => (ENTERPRISES, "enterprise_districts", "enterprise_id"),
        Kind::Product => (PRODUCTS, "product_districts", "product_id"),
    }
}

fn value(
    key: FacetKey,
    code: impl Into<String>,
    vi: impl Into<String>,
    en: impl Into<String>,
    rank: i64,
) -> FacetValue {
    FacetValue {
        key,
        code: code.into(),
        label_vi: vi.into(),
        label_en: en.into(),
        rank,
    }
}

fn badge(vi: impl Into<String>, en: impl Into<String>, tone: Tone) -> Badge {
    Badge {
        vi: vi.into(),
        en: en.into(),
        tone,
    }
}

/// Search documents of every published listing, or of one listing (empty
/// when it is not published).
pub async fn documents(
    pool: &SqlitePool,
    only: Option<(Kind, i64)>,
) -> Result<Vec<Document>, sqlx::Error> {
    let mut out = Vec::new();
    each_document(pool, only, |doc| out.push(doc)).await?;
    Ok(out)
}

/// Calls `f` with the search document of every published listing, or of
/// one listing. The rows are read as a stream, so that building the index
/// of 100,000 listings never holds all their texts at once.
pub async fn each_document(
    pool: &SqlitePool,
    only: Option<(Kind, i64)>,
    mut f: impl FnMut(Document),
) -> Result<(), sqlx::Error> {
    let district_names: HashMap<String, String> =
        sqlx::query_as("SELECT code, name FROM legacy_districts")
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    for kind in Kind::ALL {
        if only.is_some_and(|(k, _)| k != kind) {
            continue;
        }
        let (select, view, column) = kind_sql(kind);
        let one = if only.is_some() { " AND x.id = ?" } else { "" };
        let sql = format!(
            "{select} LEFT JOIN communes c ON c.code = x.commune_code
             LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code
             WHERE x.status = 'published'{one} ORDER BY x.id"
        );
        let district_sql = format!(
            "SELECT v.{column}, v.district_code FROM {view} v{}",
            if only.is_some() {
                format!(" WHERE v.{column} = ?")
            } else {
                String::new()
            }
        );
        let mut query = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql));
        let mut districts = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(district_sql));
        if let Some((_, id)) = only {
            query = query.bind(id);
            districts = districts.bind(id);
        }
        // (listing, district code), by listing, in the order recorded.
        let mut districts = districts.fetch_all(pool).await?;
        districts.sort_by_key(|(id, _)| *id);
        let crafts = if kind == Kind::Village {
            village_crafts(pool, only.map(|(_, id)| id)).await?
        } else {
            HashMap::new()
        };
        let mut rows = query.fetch(pool);
        while let Some(row) = rows.try_next().await? {
            let from = districts.partition_point(|(id, _)| *id < row.id);
            let to = districts.partition_point(|(id, _)| *id <= row.id);
            let named = districts[from..to]
                .iter()
                .filter_map(|(_, code)| {
                    district_names
                        .get(code)
                        .map(|name| (code.clone(), name.clone()))
                })
                .collect();
            let crafts = crafts.get(&row.id).cloned().unwrap_or_default();
            f(document(kind, row, named, crafts));
        }
    }
    Ok(())
}

/// (village id) → crafts (slug, name vi, name en, trade group).
async fn village_crafts(
    pool: &SqlitePool,
    only: Option<i64>,
) -> Result<HashMap<i64, Vec<(String, String, String, i64)>>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT vc.village_id, c.slug, c.name_vi, c.name_en, c.trade_group
         FROM village_crafts vc JOIN crafts c ON c.id = vc.craft_id
         WHERE ?1 IS NULL OR vc.village_id = ?1
         ORDER BY vc.village_id, vc.position, c.slug",
    )
    .bind(only)
    .fetch_all(pool)
    .await?;
    let mut map: HashMap<i64, Vec<_>> = HashMap::new();
    for (id, slug, vi, en, group) in rows {
        map.entry(id).or_default().push((slug, vi, en, group));
    }
    Ok(map)
}

fn document(
    kind: Kind,
    r: Row,
    districts: Vec<(String, String)>,
    crafts: Vec<(String, String, String, i64)>,
) -> Document {
    let mut values = Vec::new();
    let mut badges = Vec::new();
    let mut body = vec![
        r.description_vi.clone().unwrap_or_default(),
        r.description_en.clone().unwrap_or_default(),
        r.extra_body.clone().unwrap_or_default(),
    ];
    let mut expires = None;
    let mut group = 0;
    let mut hours = None;
    if let (Some(code), Some(name)) = (&r.commune_code, &r.commune_name) {
        values.push(value(
            FacetKey::Commune,
            code,
            name,
            unit_name(name, Lang::En),
            0,
        ));
    }
    for (code, name) in &districts {
        values.push(value(
            FacetKey::District,
            code,
            name,
            unit_name(name, Lang::En),
            0,
        ));
    }
    match kind {
        Kind::Village => {
            for (slug, vi, en, group) in &crafts {
                values.push(value(FacetKey::Craft, slug, vi, en, 0));
                if let Some(g) = crate::craft::TradeGroup::new(*group) {
                    values.push(value(
                        FacetKey::TradeGroup,
                        g.number().to_string(),
                        format!("{} — {}", g.number(), g.name(Lang::Vi)),
                        format!("{} — {}", g.number(), g.name(Lang::En)),
                        i64::from(g.number()),
                    ));
                }
                badges.push(badge(vi, en, Tone::Plain));
                body.push(format!("{vi} {en}"));
            }
            if r.x2.as_deref().is_some_and(|x| !x.trim().is_empty()) {
                values.push(value(
                    FacetKey::Visit,
                    HAS_EXPERIENCES,
                    Lang::Vi.t().facet_has_experiences,
                    Lang::En.t().facet_has_experiences,
                    0,
                ));
            }
            hours = r.x1.as_deref().and_then(Rule::parse);
            if let Some(year) = r.i1 {
                badges.push(badge(
                    (Lang::Vi.t().badge_recognised)(year),
                    (Lang::En.t().badge_recognised)(year),
                    Tone::Plain,
                ));
            }
        }
        Kind::Cluster => {
            let kind = r.x1.as_deref().and_then(ClusterKind::parse);
            group = u8::from(kind != Some(ClusterKind::Park));
            if let Some(k) = kind {
                badges.push(badge(k.label(Lang::Vi), k.label(Lang::En), Tone::Plain));
                body.push(format!("{} {}", k.label(Lang::Vi), k.label(Lang::En)));
            }
            if let Some(stage) = r.x2.as_deref().and_then(Stage::parse) {
                values.push(value(
                    FacetKey::Stage,
                    stage.code(),
                    stage.label(Lang::Vi),
                    stage.label(Lang::En),
                    stage as i64,
                ));
                badges.push(badge(
                    stage.label(Lang::Vi),
                    stage.label(Lang::En),
                    Tone::Plain,
                ));
            }
            let facts = ClusterFacts {
                leased_land_ha: r.f1,
                industrial_land_ha: r.f2,
                reported_occupancy_pct: r.f3,
                ..ClusterFacts::default()
            };
            if let Some(p) = facts.occupancy_pct() {
                badges.push(badge(
                    (Lang::Vi.t().badge_occupied)(&decimal(Lang::Vi, p, 1)),
                    (Lang::En.t().badge_occupied)(&decimal(Lang::En, p, 1)),
                    Tone::Plain,
                ));
            }
        }
        Kind::Enterprise => {
            if let Some(form) = r.x1.as_deref().and_then(LegalForm::parse) {
                values.push(value(
                    FacetKey::LegalForm,
                    form.code(),
                    form.label(Lang::Vi),
                    form.label(Lang::En),
                    form as i64,
                ));
                badges.push(badge(
                    form.label(Lang::Vi),
                    form.label(Lang::En),
                    Tone::Plain,
                ));
                body.push(format!("{} {}", form.label(Lang::Vi), form.label(Lang::En)));
            }
            if let Some(sector) = &r.x2 {
                let en = r.x3.as_deref().unwrap_or_default();
                badges.push(badge(sector, en, Tone::Plain));
            }
        }
        Kind::Product => {
            if let Some(cat) = r.x1.as_deref().and_then(Category::parse) {
                badges.push(badge(cat.label(Lang::Vi), cat.label(Lang::En), Tone::Plain));
                body.push(format!("{} {}", cat.label(Lang::Vi), cat.label(Lang::En)));
            }
            if let Some(stars) = r.i1 {
                values.push(value(
                    FacetKey::Stars,
                    stars.to_string(),
                    stars_label(stars, Lang::Vi),
                    stars_label(stars, Lang::En),
                    -stars,
                ));
                badges.push(badge(
                    stars_label(stars, Lang::Vi),
                    stars_label(stars, Lang::En),
                    Tone::Good,
                ));
            }
            body.push("OCOP".to_owned());
            expires = r.x2.as_deref().and_then(Date::parse).map(expires_on);
        }
    }
    let places = [
        r.commune_name.clone().unwrap_or_default(),
        r.former_commune.clone().unwrap_or_default(),
        districts
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    ]
    .join(" ");
    Document {
        id: r.id,
        name_text: format!(
            "{} {} {}",
            r.name_vi,
            r.name_en,
            r.extra_name.unwrap_or_default()
        ),
        body_text: body.join(" "),
        place_text: places,
        values,
        expires_on: expires,
        hours,
        changed_on: r.changed.get(..10).and_then(Date::parse),
        group,
        point: r.lat.zip(r.lon),
        hit: SearchHit {
            kind,
            summary_vi: summary(&r.description_vi),
            summary_en: summary(&r.description_en),
            slug: r.slug,
            name_vi: r.name_vi,
            name_en: r.name_en,
            commune: r.commune_name,
            districts: districts.into_iter().map(|(_, n)| n).collect(),
            badges,
        },
    }
}

/// Builds the index from every published listing in the database.
pub async fn build_index(pool: &SqlitePool) -> Result<SearchIndex, sqlx::Error> {
    let mut builder = Builder::default();
    each_document(pool, None, |doc| builder.add(doc)).await?;
    Ok(builder.finish())
}

/// Re-reads every listing into the index (after a bulk write).
pub async fn reload(index: &SearchIndex, pool: &SqlitePool) -> Result<(), sqlx::Error> {
    index.reload(build_index(pool).await?);
    Ok(())
}

/// Re-reads one listing into the index (after it was created, changed or
/// unpublished).
pub async fn refresh(
    index: &SearchIndex,
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
) -> Result<(), sqlx::Error> {
    index.replace(kind, id, documents(pool, Some((kind, id))).await?);
    Ok(())
}
