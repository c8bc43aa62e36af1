//! The real seed data: administrative units, crafts and craft villages,
//! compiled into the binary. Seeding adds only what is missing, so running
//! it twice changes nothing.

use app::area::db::{self as area, NewCommune, NewLegacyCommune, NewLegacyDistrict, NewSuccession};
use app::cluster::db::{self as cluster, NewCluster};
use app::craft::db::{self as craft, NewCraft};
use app::enterprise::db::{self as enterprise, NewEnterprise};
use app::listing::db::id_by_name;
use app::product::db::{self as product, NewProduct};
use app::village::db::{self as village, NewVillage};
use model::listing::Kind;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sqlx::SqlitePool;

const LEGACY_DISTRICTS: &str = include_str!("../seed/admin-units/legacy-districts.csv");
const LEGACY_COMMUNES: &str = include_str!("../seed/admin-units/legacy-wards.csv");
const COMMUNES: &str = include_str!("../seed/admin-units/wards-2025.csv");
const SUCCESSIONS: &str = include_str!("../seed/admin-units/legacy-to-2025.csv");
const CRAFTS: &str = include_str!("../seed/crafts.toml");
const VILLAGES: &str = include_str!("../seed/villages.toml");
const CLUSTERS: &str = include_str!("../seed/clusters.toml");
const ENTERPRISES: &str = include_str!("../seed/enterprises.toml");
const PRODUCTS: &str = include_str!("../seed/products.toml");

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {file}: {reason}")]
    File { file: &'static str, reason: String },
    #[error("seeding village {place:?}: {source}")]
    Village { place: String, source: sqlx::Error },
    #[error("seeding {name:?}: {source}")]
    Listing { name: String, source: sqlx::Error },
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// How many records seeding added.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub villages_added: usize,
    pub clusters_added: usize,
    pub enterprises_added: usize,
    pub products_added: usize,
}

fn csv_rows<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<Vec<T>, SeedError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| SeedError::File {
            file,
            reason: e.to_string(),
        })
}

#[derive(Deserialize)]
struct CraftFile {
    craft: Vec<NewCraft>,
}

#[derive(Deserialize)]
struct VillageFile {
    village: Vec<NewVillage>,
}

#[derive(Deserialize)]
struct ClusterFile {
    cluster: Vec<NewCluster>,
}

#[derive(Deserialize)]
struct EnterpriseFile {
    enterprise: Vec<NewEnterprise>,
}

#[derive(Deserialize)]
struct ProductFile {
    product: Vec<NewProduct>,
}

fn toml_file<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<T, SeedError> {
    toml::from_str(text).map_err(|e| SeedError::File {
        file,
        reason: e.to_string().replace('\n', " "),
    })
}

/// The villages of the seed file, for tests that compare against it.
pub fn seed_villages() -> Result<Vec<NewVillage>, SeedError> {
    Ok(toml_file::<VillageFile>("villages.toml", VILLAGES)?.village)
}

/// Inserts the reference data (administrative units, crafts) that is
/// missing.
pub async fn seed_reference(conn: &mut sqlx::SqliteConnection) -> Result<(), SeedError> {
    let districts: Vec<NewLegacyDistrict> = csv_rows("legacy-districts.csv", LEGACY_DISTRICTS)?;
    let legacy: Vec<NewLegacyCommune> = csv_rows("legacy-wards.csv", LEGACY_COMMUNES)?;
    let communes: Vec<NewCommune> = csv_rows("wards-2025.csv", COMMUNES)?;
    let successions: Vec<NewSuccession> = csv_rows("legacy-to-2025.csv", SUCCESSIONS)?;
    let crafts = toml_file::<CraftFile>("crafts.toml", CRAFTS)?.craft;
    for row in &districts {
        area::insert_legacy_district(&mut *conn, row).await?;
    }
    for row in &legacy {
        area::insert_legacy_commune(&mut *conn, row).await?;
    }
    for row in &communes {
        area::insert_commune(&mut *conn, row).await?;
    }
    for row in &successions {
        area::insert_succession(&mut *conn, row).await?;
    }
    for row in &crafts {
        craft::insert(&mut *conn, row).await?;
    }
    Ok(())
}

/// Inserts whatever part of the seed data is missing, in one transaction.
pub async fn seed(pool: &SqlitePool) -> Result<SeedReport, SeedError> {
    let villages = seed_villages()?;
    let clusters = toml_file::<ClusterFile>("clusters.toml", CLUSTERS)?.cluster;
    let enterprises = toml_file::<EnterpriseFile>("enterprises.toml", ENTERPRISES)?.enterprise;
    let products = toml_file::<ProductFile>("products.toml", PRODUCTS)?.product;

    let mut tx = app::system::begin_write(pool).await?;
    if app::listing::db::count_synthetic(&mut tx).await? > 0 {
        return Err(SeedError::File {
            file: "seed",
            reason:
                "the database holds synthetic benchmark data; the real seed needs its own database"
                    .into(),
        });
    }
    seed_reference(&mut tx).await?;
    let mut report = SeedReport::default();
    for v in &villages {
        let wrap = |source| SeedError::Village {
            place: v.place_name.clone(),
            source,
        };
        if village::find_by_place(&mut tx, &v.place_name, &v.commune)
            .await
            .map_err(wrap)?
            .is_none()
        {
            village::insert(&mut tx, v).await.map_err(wrap)?;
            report.villages_added += 1;
        }
    }
    let wrap = |name: &str| {
        let name = name.to_owned();
        move |source| SeedError::Listing { name, source }
    };
    for c in &clusters {
        if id_by_name(&mut tx, Kind::Cluster, &c.name_vi)
            .await
            .map_err(wrap(&c.name_vi))?
            .is_none()
        {
            cluster::insert(&mut tx, c)
                .await
                .map_err(wrap(&c.name_vi))?;
            report.clusters_added += 1;
        }
    }
    for e in &enterprises {
        if id_by_name(&mut tx, Kind::Enterprise, &e.name_vi)
            .await
            .map_err(wrap(&e.name_vi))?
            .is_none()
        {
            enterprise::insert(&mut tx, e)
                .await
                .map_err(wrap(&e.name_vi))?;
            report.enterprises_added += 1;
        }
    }
    for p in &products {
        if id_by_name(&mut tx, Kind::Product, &p.name_vi)
            .await
            .map_err(wrap(&p.name_vi))?
            .is_none()
        {
            product::insert(&mut tx, p)
                .await
                .map_err(wrap(&p.name_vi))?;
            report.products_added += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// Whether the database holds no data yet (no communes).
pub async fn is_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    Ok(area::counts(pool).await?.0 == 0)
}
