//! Backups: one `.tar.gz` archive with a consistent copy of the database
//! (`VACUUM INTO`, taken while the server runs), every photo file and a
//! manifest with each file's size and SHA-256; restoring checks all of
//! that, the database's integrity and its migration version before it
//! replaces anything, and keeps what it replaced beside it.

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// The archive's table of contents (its last entry, `manifest.json`).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    /// When the copy was taken (UTC, `YYYYMMDDTHHMMSSZ`).
    pub created: String,
    /// The newest migration the database had.
    pub migration: i64,
    pub files: Vec<ManifestFile>,
}

/// One file of the archive.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ManifestFile {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Why a backup or restore failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("{0}")]
    Open(#[from] crate::db::DbError),
    #[error("a server is using {0} (stop it before restoring)")]
    Running(String),
    #[error("the archive is damaged: {0}")]
    Damaged(String),
    #[error("the archive's database fails its integrity check: {0}")]
    Integrity(String),
    #[error(
        "the archive was made by a newer langnghe (migration {archive}, this one knows {known})"
    )]
    Newer { archive: i64, known: i64 },
    #[error("{0} is not a file database")]
    NotAFile(String),
}

const DB_ENTRY: &str = "langnghe.db";
const MANIFEST: &str = "manifest.json";
const MEDIA: &str = "media";

/// `YYYYMMDDTHHMMSSZ` of now (UTC).
pub fn stamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The database file of a pool's URL.
pub fn database_file(url: &str) -> Result<PathBuf, BackupError> {
    let path = crate::db::options(url)?.get_filename().to_path_buf();
    if url.contains(":memory:") || path.as_os_str().is_empty() {
        return Err(BackupError::NotAFile(url.to_owned()));
    }
    Ok(path)
}

/// The lock a serving process holds on its database (`<db>.lock`): while
/// it is held, restore refuses. `None` when another process holds it.
pub fn lock_database(db: &Path) -> Result<Option<File>, BackupError> {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(error)) => Err(error.into()),
    }
}

/// Writes a backup of the database behind `pool` and the photos in
/// `media_dir` into `to_dir`; returns the archive's path
/// (`langnghe-<stamp>.tar.gz`).
pub async fn create(
    pool: &SqlitePool,
    media_dir: &Path,
    to_dir: &Path,
) -> Result<PathBuf, BackupError> {
    std::fs::create_dir_all(to_dir)?;
    let stamp = stamp();
    let copy = to_dir.join(format!(".langnghe-{stamp}.db.part"));
    let _ = std::fs::remove_file(&copy);
    model::system::copy_into(pool, &copy.to_string_lossy()).await?;
    let migration = model::system::migration_version(pool).await?;
    let media_dir = media_dir.to_path_buf();
    let to_dir = to_dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let written = write_archive(&copy, &media_dir, &to_dir, &stamp, migration);
        let _ = std::fs::remove_file(&copy);
        written
    })
    .await
    .map_err(|e| BackupError::Io(std::io::Error::other(e)))?
}

fn write_archive(
    db_copy: &Path,
    media_dir: &Path,
    to_dir: &Path,
    stamp: &str,
    migration: i64,
) -> Result<PathBuf, BackupError> {
    let part = to_dir.join(format!(".langnghe-{stamp}.tar.gz.part"));
    let file = File::create(&part)?;
    let mut tar = tar::Builder::new(GzEncoder::new(file, Compression::fast()));
    let mut files = Vec::new();
    let mut add = |tar: &mut tar::Builder<GzEncoder<File>>, path: &str, bytes: &[u8]| {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_cksum();
        files.push(ManifestFile {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
        tar.append_data(&mut header, path, bytes)
    };
    add(&mut tar, DB_ENTRY, &std::fs::read(db_copy)?)?;
    if media_dir.is_dir() {
        let mut names: Vec<_> = std::fs::read_dir(media_dir)?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            let Some(name) = name.to_str() else { continue };
            add(
                &mut tar,
                &format!("{MEDIA}/{name}"),
                &std::fs::read(media_dir.join(name))?,
            )?;
        }
    }
    let manifest = Manifest {
        format: 1,
        created: stamp.to_owned(),
        migration,
        files,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    let mut header = tar::Header::new_gnu();
    header.set_size(json.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_cksum();
    tar.append_data(&mut header, MANIFEST, json.as_slice())?;
    let file = tar.into_inner()?.finish()?;
    file.sync_all()?;
    let done = to_dir.join(format!("langnghe-{stamp}.tar.gz"));
    std::fs::rename(&part, &done)?;
    Ok(done)
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    /// Where the replaced database and photos were moved.
    pub previous: Vec<PathBuf>,
}

/// A path inside the archive that stays inside the folder it is unpacked
/// into: plain names only.
fn safe_entry(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Restores `archive` over the database file `db` and the photo folder
/// `media_dir`, after checking every file against the manifest, the
/// database's integrity and that this binary knows its migrations. The
/// files it replaces are moved beside them (`….before-restore-<stamp>`).
/// Refuses while a server holds the database.
pub async fn restore(archive: &Path, db: &Path, media_dir: &Path) -> Result<Restored, BackupError> {
    let Some(_lock) = lock_database(db)? else {
        return Err(BackupError::Running(db.display().to_string()));
    };
    let parent = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staging = parent.join(format!(".restore-{}", stamp()));
    std::fs::create_dir_all(&staging)?;
    let checked = unpack_checked(archive, &staging);
    let manifest = match checked {
        Ok(manifest) => manifest,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    if let Err(error) = check_database(&staging.join(DB_ENTRY), manifest.migration).await {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    // Everything checked: the current files step aside, the new ones move in.
    let aside = format!(".before-restore-{}", stamp());
    let mut previous = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut from = db.as_os_str().to_owned();
        from.push(suffix);
        let from = PathBuf::from(from);
        if from.exists() {
            let mut to = from.as_os_str().to_owned();
            to.push(&aside);
            std::fs::rename(&from, &to)?;
            previous.push(PathBuf::from(to));
        }
    }
    std::fs::rename(staging.join(DB_ENTRY), db)?;
    if media_dir.exists() {
        let mut to = media_dir.as_os_str().to_owned();
        to.push(&aside);
        std::fs::rename(media_dir, &to)?;
        previous.push(PathBuf::from(to));
    }
    if let Some(parent) = media_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let staged_media = staging.join(MEDIA);
    if staged_media.is_dir() {
        std::fs::rename(&staged_media, media_dir)?;
    } else {
        std::fs::create_dir_all(media_dir)?;
    }
    std::fs::remove_dir_all(&staging)?;
    Ok(Restored { manifest, previous })
}

/// Unpacks the archive into `staging`, checking each file's size and
/// SHA-256 against the manifest, and that nothing is missing or extra.
fn unpack_checked(archive: &Path, staging: &Path) -> Result<Manifest, BackupError> {
    let damaged = |what: String| BackupError::Damaged(what);
    let mut tar = tar::Archive::new(GzDecoder::new(File::open(archive)?));
    let mut seen = Vec::new();
    let mut manifest = None;
    std::fs::create_dir_all(staging.join(MEDIA))?;
    for entry in tar.entries().map_err(|e| damaged(e.to_string()))? {
        let mut entry = entry.map_err(|e| damaged(e.to_string()))?;
        if !entry.header().entry_type().is_file() {
            return Err(damaged("an entry that is not a file".into()));
        }
        let path = entry
            .path()
            .map_err(|e| damaged(e.to_string()))?
            .into_owned();
        let name = path.to_string_lossy().into_owned();
        let allowed = name == DB_ENTRY
            || name == MANIFEST
            || (path.starts_with(MEDIA) && path.components().count() == 2);
        if !safe_entry(&path) || !allowed {
            return Err(damaged(format!("unexpected entry {name:?}")));
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(e.to_string()))?;
        if name == MANIFEST {
            manifest = Some(
                serde_json::from_slice::<Manifest>(&bytes).map_err(|e| damaged(e.to_string()))?,
            );
            continue;
        }
        let mut file = File::create(staging.join(&path))?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        seen.push(ManifestFile {
            path: name,
            bytes: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
        });
    }
    let manifest = manifest.ok_or_else(|| damaged("no manifest".into()))?;
    if manifest.files != seen {
        let differs = manifest
            .files
            .iter()
            .find(|f| !seen.contains(f))
            .map_or_else(|| "extra files".to_owned(), |f| f.path.clone());
        return Err(damaged(format!("{differs} does not match the manifest")));
    }
    Ok(manifest)
}

/// The unpacked database opens, passes `PRAGMA integrity_check`, and has
/// no migration newer than this binary's.
async fn check_database(path: &Path, migration: i64) -> Result<(), BackupError> {
    let known = crate::db::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let integrity = model::system::integrity_check(&pool).await;
    let version = model::system::migration_version(&pool).await;
    pool.close().await;
    let integrity = integrity?;
    if integrity != ["ok"] {
        return Err(BackupError::Integrity(integrity.join("; ")));
    }
    let version = version?;
    if version != migration {
        return Err(BackupError::Damaged(format!(
            "the manifest says migration {migration}, the database {version}"
        )));
    }
    if version > known {
        return Err(BackupError::Newer {
            archive: version,
            known,
        });
    }
    Ok(())
}

/// Which backups in a folder to keep: the newest of each of the last
/// `daily` days and of each of the last `weekly` ISO weeks that have one.
/// `names` are file names; those not named `langnghe-<stamp>.tar.gz` are
/// not backups and are never chosen for deletion. Returns the names to
/// delete.
pub fn to_prune(names: &[String], daily: usize, weekly: usize) -> Vec<String> {
    let mut backups: Vec<(&String, time::Date)> = names
        .iter()
        .filter_map(|name| {
            let stamp = name.strip_prefix("langnghe-")?.strip_suffix(".tar.gz")?;
            let date = stamp.get(..8)?;
            let year = date.get(..4)?.parse().ok()?;
            let month = time::Month::try_from(date.get(4..6)?.parse::<u8>().ok()?).ok()?;
            let day = date.get(6..8)?.parse().ok()?;
            Some((name, time::Date::from_calendar_date(year, month, day).ok()?))
        })
        .collect();
    // Newest first (the stamp sorts as the time).
    backups.sort_by(|a, b| b.0.cmp(a.0));
    let mut keep = std::collections::HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for (name, date) in &backups {
        if !days.contains(date) && days.len() < daily {
            days.push(*date);
            keep.insert(*name);
        }
        let week = date.to_iso_week_date();
        let week = (week.0, week.1);
        if !weeks.contains(&week) && weeks.len() < weekly {
            weeks.push(week);
            keep.insert(*name);
        }
    }
    backups
        .into_iter()
        .filter(|(name, _)| !keep.contains(name))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Deletes the backups in `dir` that [`to_prune`] gives up.
pub fn prune(dir: &Path, daily: usize, weekly: usize) -> Result<Vec<String>, BackupError> {
    let names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let gone = to_prune(&names, daily, weekly);
    for name in &gone {
        std::fs::remove_file(dir.join(name))?;
    }
    Ok(gone)
}

/// Parses a period such as `30m`, `6h`, `1d` or a number of seconds.
pub fn parse_period(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "s"),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?}: expected e.g. 30m, 6h, 1d"))?;
    let seconds = match unit {
        "s" => number,
        "m" => number * 60,
        "h" => number * 3600,
        "d" => number * 86_400,
        _ => return Err(format!("{text:?}: the unit is s, m, h or d")),
    };
    if seconds < 60 {
        return Err(format!("{text:?}: at least one minute"));
    }
    Ok(std::time::Duration::from_secs(seconds))
}

/// Backs up every `every` into `dir` and prunes old backups; runs for the
/// server's lifetime. Failures are logged and tried again next time.
pub async fn schedule(
    pool: SqlitePool,
    media_dir: PathBuf,
    dir: PathBuf,
    every: std::time::Duration,
    daily: usize,
    weekly: usize,
) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    loop {
        ticks.tick().await;
        match create(&pool, &media_dir, &dir).await {
            Ok(path) => tracing::info!(path = %path.display(), "backup written"),
            Err(error) => {
                tracing::error!(%error, "scheduled backup failed");
                continue;
            }
        }
        match prune(&dir, daily, weekly) {
            Ok(gone) if !gone.is_empty() => tracing::info!(?gone, "old backups deleted"),
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "pruning backups failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_of_each_day_and_week_are_kept() {
        let names: Vec<String> = [
            "langnghe-20261202T030000Z.tar.gz",
            "langnghe-20261202T150000Z.tar.gz",
            "langnghe-20261201T030000Z.tar.gz",
            "langnghe-20261130T030000Z.tar.gz",
            "langnghe-20261124T030000Z.tar.gz",
            "langnghe-20261117T030000Z.tar.gz",
            "langnghe-20261110T030000Z.tar.gz",
            "notes.txt",
            ".langnghe-20261202T160000Z.tar.gz.part",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let mut gone = to_prune(&names, 2, 3);
        gone.sort();
        // Kept: 12-02 15:00 (day, week 49), 12-01 (day), 11-24 (week 48),
        // 11-17 (week 47); 11-30 is in week 49, whose newest is kept.
        assert_eq!(
            gone,
            [
                "langnghe-20261110T030000Z.tar.gz",
                "langnghe-20261130T030000Z.tar.gz",
                "langnghe-20261202T030000Z.tar.gz",
            ]
        );
    }

    #[test]
    fn periods_read_with_their_unit() {
        assert_eq!(
            parse_period("6h"),
            Ok(std::time::Duration::from_secs(21_600))
        );
        assert_eq!(
            parse_period("1d"),
            Ok(std::time::Duration::from_secs(86_400))
        );
        assert_eq!(
            parse_period("3600"),
            Ok(std::time::Duration::from_secs(3600))
        );
        assert!(parse_period("5s").is_err());
        assert!(parse_period("x").is_err());
        assert!(parse_period("2w").is_err());
    }
}
