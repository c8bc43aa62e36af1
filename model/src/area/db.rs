//! Server-only queries for administrative units.

use serde::Deserialize;
use sqlx::{SqliteConnection, SqlitePool};

/// A row of `legacy-districts.csv`.
#[derive(Debug, Deserialize)]
pub struct NewLegacyDistrict {
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub ward_count: i64,
}

/// A row of `legacy-wards.csv`.
#[derive(Debug, Deserialize)]
pub struct NewLegacyCommune {
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub district_code: String,
    pub name_alt: Option<String>,
}

/// A row of `wards-2025.csv`.
#[derive(Debug, Deserialize)]
pub struct NewCommune {
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub province_code: String,
    pub province_name: String,
    pub latitude: f64,
    pub longitude: f64,
    /// `;`-separated, in the same order as the names.
    pub former_district_codes: String,
    pub area_km2: Option<f64>,
    pub location_note: Option<String>,
}

/// A row of `legacy-to-2025.csv`.
#[derive(Debug, Deserialize)]
pub struct NewSuccession {
    pub old_code: String,
    pub new_code: String,
    pub is_divided: bool,
    pub is_default_new_ward: bool,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.trim().is_empty())
}

/// Inserts a former district unless its code is already there.
pub async fn insert_legacy_district(
    conn: &mut SqliteConnection,
    row: &NewLegacyDistrict,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO legacy_districts (code, name, kind, ward_count) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO NOTHING",
    )
    .bind(&row.code)
    .bind(&row.name)
    .bind(&row.kind)
    .bind(row.ward_count)
    .execute(conn)
    .await?;
    Ok(())
}

/// Inserts a former commune unless its code is already there.
pub async fn insert_legacy_commune(
    conn: &mut SqliteConnection,
    row: &NewLegacyCommune,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO legacy_communes (code, name, name_alt, kind, district_code)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
    )
    .bind(&row.code)
    .bind(&row.name)
    .bind(non_empty(&row.name_alt))
    .bind(&row.kind)
    .bind(&row.district_code)
    .execute(conn)
    .await?;
    Ok(())
}

/// Inserts a current commune and the districts its predecessors were in.
pub async fn insert_commune(
    conn: &mut SqliteConnection,
    row: &NewCommune,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO communes (code, name, kind, province_code, province_name, latitude,
                               longitude, area_km2, location_note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
    )
    .bind(&row.code)
    .bind(&row.name)
    .bind(&row.kind)
    .bind(&row.province_code)
    .bind(&row.province_name)
    .bind(row.latitude)
    .bind(row.longitude)
    .bind(row.area_km2)
    .bind(non_empty(&row.location_note))
    .execute(&mut *conn)
    .await?;
    for (position, district) in row
        .former_district_codes
        .split(';')
        .map(str::trim)
        .enumerate()
    {
        if district.is_empty() {
            continue;
        }
        sqlx::query(
            "INSERT INTO commune_former_districts (commune_code, district_code, position)
             VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(&row.code)
        .bind(district)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records that a former commune became (part of) a current one.
pub async fn insert_succession(
    conn: &mut SqliteConnection,
    row: &NewSuccession,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO legacy_commune_successors (old_code, new_code, is_divided, is_default)
         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(&row.old_code)
    .bind(&row.new_code)
    .bind(row.is_divided)
    .bind(row.is_default_new_ward)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the former commune `old_code` became (part of) `new_code`.
pub async fn is_successor(
    pool: &SqlitePool,
    old_code: &str,
    new_code: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM legacy_commune_successors WHERE old_code = ? AND new_code = ?",
    )
    .bind(old_code)
    .bind(new_code)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Row counts of the four unit tables, in the order
/// (communes, legacy districts, legacy communes, successions).
pub async fn counts(pool: &SqlitePool) -> Result<(i64, i64, i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM communes), (SELECT COUNT(*) FROM legacy_districts),
                (SELECT COUNT(*) FROM legacy_communes),
                (SELECT COUNT(*) FROM legacy_commune_successors)",
    )
    .fetch_one(pool)
    .await
}

/// The codes of every current commune, in code order.
pub async fn commune_codes(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM communes ORDER BY code")
        .fetch_all(conn)
        .await
}

/// Every current commune's centre with its first former district.
pub async fn commune_points<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
) -> Result<Vec<super::CommunePoint>, sqlx::Error> {
    let rows: Vec<(String, String, f64, f64, Option<String>)> = sqlx::query_as(
        "SELECT c.code, c.name, c.latitude, c.longitude,
                (SELECT d.name FROM commune_former_districts cfd
                   JOIN legacy_districts d ON d.code = cfd.district_code
                  WHERE cfd.commune_code = c.code ORDER BY cfd.position LIMIT 1)
         FROM communes c ORDER BY c.code",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(code, name, latitude, longitude, district)| super::CommunePoint {
                code,
                name,
                latitude,
                longitude,
                district,
            },
        )
        .collect())
}
