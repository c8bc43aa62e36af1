//! The real seed data: administrative units, crafts and craft villages,
//! compiled into the binary. Seeding adds only what is missing, so running
//! it twice changes nothing.

use app::area::db::{self as area, NewCommune, NewLegacyCommune, NewLegacyDistrict, NewSuccession};
use app::craft::db::{self as craft, NewCraft};
use app::village::db::{self as village, NewVillage};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sqlx::SqlitePool;

const LEGACY_DISTRICTS: &str = include_str!("../seed/admin-units/legacy-districts.csv");
const LEGACY_COMMUNES: &str = include_str!("../seed/admin-units/legacy-wards.csv");
const COMMUNES: &str = include_str!("../seed/admin-units/wards-2025.csv");
const SUCCESSIONS: &str = include_str!("../seed/admin-units/legacy-to-2025.csv");
const CRAFTS: &str = include_str!("../seed/crafts.toml");
const VILLAGES: &str = include_str!("../seed/villages.toml");

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {file}: {reason}")]
    File { file: &'static str, reason: String },
    #[error("seeding village {place:?}: {source}")]
    Village { place: String, source: sqlx::Error },
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// How many records seeding added.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub villages_added: usize,
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

/// Inserts whatever part of the seed data is missing, in one transaction.
pub async fn seed(pool: &SqlitePool) -> Result<SeedReport, SeedError> {
    let districts: Vec<NewLegacyDistrict> = csv_rows("legacy-districts.csv", LEGACY_DISTRICTS)?;
    let legacy: Vec<NewLegacyCommune> = csv_rows("legacy-wards.csv", LEGACY_COMMUNES)?;
    let communes: Vec<NewCommune> = csv_rows("wards-2025.csv", COMMUNES)?;
    let successions: Vec<NewSuccession> = csv_rows("legacy-to-2025.csv", SUCCESSIONS)?;
    let crafts = toml_file::<CraftFile>("crafts.toml", CRAFTS)?.craft;
    let villages = seed_villages()?;

    let mut tx = pool.begin().await?;
    for row in &districts {
        area::insert_legacy_district(&mut tx, row).await?;
    }
    for row in &legacy {
        area::insert_legacy_commune(&mut tx, row).await?;
    }
    for row in &communes {
        area::insert_commune(&mut tx, row).await?;
    }
    for row in &successions {
        area::insert_succession(&mut tx, row).await?;
    }
    for row in &crafts {
        craft::insert(&mut tx, row).await?;
    }
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
    tx.commit().await?;
    Ok(report)
}

/// Whether the database holds no data yet (no communes).
pub async fn is_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    Ok(area::counts(pool).await?.0 == 0)
}
