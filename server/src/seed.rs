//! The real seed data: administrative units, crafts and craft villages,
//! compiled into the binary. Seeding adds only what is missing, so running
//! it twice changes nothing.

use app::editing::fields::FieldError;
use app::editing::{FieldErrors, Values, spec_of};
use model::area::db::{
    self as area, NewCommune, NewLegacyCommune, NewLegacyDistrict, NewSuccession,
};
use model::craft::db::{self as craft, NewCraft};
use model::editing::db::{self as editing, Author, Saved, history};
use model::listing::Kind;
use model::listing::db::id_by_name;
use model::village::db as village;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sqlx::{SqliteConnection, SqlitePool};

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
    #[error("seeding {name:?}: {source}")]
    Listing { name: String, source: sqlx::Error },
    /// A record the field checks refuse (the same checks as a staff save).
    #[error("seed file {file}, {name:?}: {}", describe(.errors))]
    Invalid {
        file: &'static str,
        name: String,
        errors: FieldErrors,
    },
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
    /// Listings written by an earlier seed and never edited since, brought
    /// up to date with the seed files.
    pub listings_updated: usize,
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

fn toml_file<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<T, SeedError> {
    toml::from_str(text).map_err(|e| SeedError::File {
        file,
        reason: e.to_string().replace('\n', " "),
    })
}

fn describe(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|(key, error)| format!("{key}: {error:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The records of a seed file (`[[village]]` …) as field values by key:
/// text as it is, numbers in figures, true/false as 1/0, lists joined with
/// commas, as a staff form would send them. Published unless they say
/// otherwise.
fn records(file: &'static str, text: &str, table: &str) -> Result<Vec<Values>, SeedError> {
    let bad = |reason: String| SeedError::File { file, reason };
    let mut doc: toml::Table =
        toml::from_str(text).map_err(|e| bad(e.to_string().replace('\n', " ")))?;
    let Some(toml::Value::Array(rows)) = doc.remove(table) else {
        return Err(bad(format!("no [[{table}]] records")));
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let toml::Value::Table(row) = row else {
            return Err(bad(format!("[[{table}]] is not a table")));
        };
        let mut values = Values::from([("status".to_owned(), "published".to_owned())]);
        for (key, value) in row {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::Float(x) => x.to_string(),
                toml::Value::Boolean(b) => if b { "1" } else { "0" }.to_owned(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .ok_or_else(|| bad(format!("{key}: not a list of texts")))
                    })
                    .collect::<Result<Vec<_>, _>>()?
                    .join(", "),
                other => return Err(bad(format!("{key}: unexpected {}", other.type_str()))),
            };
            values.insert(key, text);
        }
        out.push(values);
    }
    Ok(out)
}

/// The villages of the seed file, for tests that compare against it.
pub fn seed_villages() -> Result<Vec<Values>, SeedError> {
    records("villages.toml", VILLAGES, "village")
}

/// Creates a listing from loaded values through the staff save's parse,
/// checks and write ([`editing::create_checked`]); a key the kind's fields
/// do not have is refused, as is anything the checks refuse.
pub async fn create_listing(
    conn: &mut SqliteConnection,
    file: &'static str,
    kind: Kind,
    values: &Values,
    source: &'static str,
    form_cx: &app::editing::FormContext,
) -> Result<(i64, String), SeedError> {
    let spec = spec_of(kind).unwrap_or_default();
    let name = values.get("name_vi").cloned().unwrap_or_default();
    known_keys(file, spec, values)?;
    let wrap = |source| SeedError::Listing {
        name: name.clone(),
        source,
    };
    match editing::create_checked(conn, kind, spec, values, Author::Load(source), form_cx)
        .await
        .map_err(wrap)?
    {
        Ok(Saved::Created { id, slug, .. }) => Ok((id, slug)),
        Ok(saved) => Err(clash(file, name, &saved)),
        Err(errors) => Err(SeedError::Invalid { file, name, errors }),
    }
}

/// A write the database refused because the record clashes with a stored
/// one: at the unique field it names (the slug when it names none).
fn clash(file: &'static str, name: String, saved: &Saved) -> SeedError {
    let key = match saved {
        Saved::Taken(key) => key,
        _ => "slug",
    };
    SeedError::Invalid {
        file,
        name,
        errors: FieldErrors::from([((*key).to_owned(), FieldError::Taken)]),
    }
}

/// Refuses a record with a key no field of the kind has.
fn known_keys(
    file: &'static str,
    spec: &[model::editing::fields::FieldSpec],
    values: &Values,
) -> Result<(), SeedError> {
    let unknown: Vec<&str> = values
        .keys()
        .map(String::as_str)
        .filter(|key| !spec.iter().any(|f| f.key == *key))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let name = values.get("name_vi").cloned().unwrap_or_default();
    Err(SeedError::File {
        file,
        reason: format!("{name:?}: no field {}", unknown.join(", ")),
    })
}

/// Brings a listing an earlier seed wrote up to date with the seed file,
/// through the same parse, checks and write as a staff save (a revision
/// "seed"), unless anyone has changed it since: their work is kept.
/// Whether it changed.
async fn refresh(
    conn: &mut SqliteConnection,
    file: &'static str,
    kind: Kind,
    id: i64,
    values: &Values,
    form_cx: &app::editing::FormContext,
) -> Result<bool, SeedError> {
    if !history::only_loaded_by(&mut *conn, kind, id, "seed").await? {
        return Ok(false);
    }
    let spec = spec_of(kind).unwrap_or_default();
    known_keys(file, spec, values)?;
    let name = values.get("name_vi").cloned().unwrap_or_default();
    let mut parsed = match editing::parse_checked(&mut *conn, spec, values, form_cx).await? {
        Ok(parsed) => parsed,
        Err(errors) => return Err(SeedError::Invalid { file, name, errors }),
    };
    let Some(current) = editing::current(&mut *conn, kind, spec, id, form_cx).await? else {
        return Ok(false);
    };
    // The seed names no slug, and puts a village without coordinates at
    // its commune's centre when it creates it: keep both.
    parsed.insert("slug".into(), current.slug.clone());
    for key in ["latitude", "longitude"] {
        if parsed.get(key).is_some_and(String::is_empty) {
            let stored = current.values.get(key).cloned().unwrap_or_default();
            parsed.insert(key.into(), stored);
        }
    }
    if model::editing::diff(spec, &current.values, &parsed).is_empty() {
        return Ok(false);
    }
    let save = editing::Save {
        kind,
        spec,
        id,
        version: &current.version,
        values: &parsed,
        author: Author::Load("seed"),
        action: "seed",
        restored_from: None,
    };
    match editing::save_in(&mut *conn, save, form_cx).await? {
        Saved::Done { .. } => Ok(true),
        saved => Err(clash(file, name, &saved)),
    }
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

/// Inserts whatever part of the seed data is missing, in one transaction;
/// every listing through the one write path, with a first revision "seed".
pub async fn seed(pool: &SqlitePool) -> Result<SeedReport, SeedError> {
    let files = [
        (Kind::Village, "villages.toml", VILLAGES, "village"),
        (Kind::Cluster, "clusters.toml", CLUSTERS, "cluster"),
        (
            Kind::Enterprise,
            "enterprises.toml",
            ENTERPRISES,
            "enterprise",
        ),
        (Kind::Product, "products.toml", PRODUCTS, "product"),
    ];
    let mut loaded = Vec::with_capacity(files.len());
    for (kind, file, text, table) in files {
        loaded.push((kind, file, records(file, text, table)?));
    }

    let mut tx = model::system::begin_write(pool).await?;
    if model::listing::db::count_synthetic(&mut tx).await? > 0 {
        return Err(SeedError::File {
            file: "seed",
            reason:
                "the database holds synthetic benchmark data; the real seed needs its own database"
                    .into(),
        });
    }
    seed_reference(&mut tx).await?;
    let form_cx = editing::form_context_in(&mut tx).await?;
    let mut report = SeedReport::default();
    for (kind, file, records) in &loaded {
        for values in records {
            let get = |key: &str| values.get(key).map(String::as_str).unwrap_or_default();
            let wrap = |source| SeedError::Listing {
                name: get("name_vi").to_owned(),
                source,
            };
            // A village is the same village by its place and commune, the
            // others by their name.
            let present = if *kind == Kind::Village {
                village::find_by_place(&mut tx, get("place_name"), get("commune_code"))
                    .await
                    .map_err(wrap)?
                    .map(|id| id.0)
            } else {
                id_by_name(&mut tx, *kind, get("name_vi"))
                    .await
                    .map_err(wrap)?
            };
            if let Some(id) = present {
                if refresh(&mut tx, file, *kind, id, values, &form_cx).await? {
                    report.listings_updated += 1;
                }
                continue;
            }
            create_listing(&mut tx, file, *kind, values, "seed", &form_cx).await?;
            *match kind {
                Kind::Village => &mut report.villages_added,
                Kind::Cluster => &mut report.clusters_added,
                Kind::Enterprise => &mut report.enterprises_added,
                Kind::Product => &mut report.products_added,
            } += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// Whether the database holds no data yet (no communes).
pub async fn is_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    Ok(area::counts(pool).await?.0 == 0)
}
