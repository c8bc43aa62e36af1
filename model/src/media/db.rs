//! Server-only queries of photos.

use super::{ImageView, Target};
use crate::listing::Kind;
use crate::listing::db::{kind_of_table, table};
use crate::staff::db::{Audit, audit};
use sqlx::SqlitePool;

type Row = (i64, String, String, i64, i64, String, String);
/// A tour's id, then a photo's [`Row`].
type TourPhotoRow = (i64, i64, String, String, i64, i64, String, String);

/// A column `images` holding the photos of the listing aliased `x` in
/// `table` as one JSON array, in order; read with [`images_from`].
pub fn images_column(table: &str) -> String {
    format!(
        "(SELECT json_group_array(json_array(i.id, i.stem, i.widths, i.width, i.height,
                                             i.alt_vi, i.alt_en) ORDER BY i.position, i.id)
            FROM images i WHERE i.target = '{table}' AND i.target_id = x.id
             AND i.deleted_at IS NULL) AS images"
    )
}

/// The photos of a column made by [`images_column`].
pub fn images_from(json: &str) -> Vec<ImageView> {
    crate::listing::db::json_rows::<Row>(json)
        .into_iter()
        .map(view)
        .collect()
}

fn view((id, stem, widths, width, height, alt_vi, alt_en): Row) -> ImageView {
    ImageView {
        id,
        stem,
        widths: widths.split(',').filter_map(|w| w.parse().ok()).collect(),
        width: u32::try_from(width).unwrap_or_default(),
        height: u32::try_from(height).unwrap_or_default(),
        alt_vi,
        alt_en,
    }
}

/// A listing's photos in order; `published_only` hides those of drafts.
pub async fn of_listing(
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
    published_only: bool,
) -> Result<Vec<ImageView>, sqlx::Error> {
    let sql = format!(
        "SELECT i.id, i.stem, i.widths, i.width, i.height, i.alt_vi, i.alt_en
           FROM images i JOIN {t} l ON l.id = i.target_id
          WHERE i.target = ? AND i.target_id = ? AND i.deleted_at IS NULL {published}
          ORDER BY i.position, i.id",
        t = table(kind),
        published = if published_only {
            "AND l.status = 'published'"
        } else {
            ""
        }
    );
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(table(kind))
        .bind(id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// The photos of tours `ids` (numbers: nothing typed reaches the text),
/// each with its tour's id, in each tour's order.
pub async fn of_tours(
    conn: &mut sqlx::SqliteConnection,
    ids: &[i64],
) -> Result<Vec<(i64, ImageView)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows: Vec<TourPhotoRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT target_id, id, stem, widths, width, height, alt_vi, alt_en FROM images
              WHERE target = 'tours' AND target_id IN ({ids}) AND deleted_at IS NULL
              ORDER BY target_id, position, id"
    )))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tour, id, stem, widths, width, height, alt_vi, alt_en)| {
            (
                tour,
                view((id, stem, widths, width, height, alt_vi, alt_en)),
            )
        })
        .collect())
}

/// The tour a photo belongs to and the tour's organisation; `None` for a
/// listing's photo or none.
pub async fn tour_of(pool: &SqlitePool, image: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.id, t.partner_id FROM images i JOIN tours t ON t.id = i.target_id
          WHERE i.id = ? AND i.target = 'tours'",
    )
    .bind(image)
    .fetch_optional(pool)
    .await
}

/// A new photo's row.
pub struct NewImage<'a> {
    pub target: Target,
    pub target_id: i64,
    pub stem: &'a str,
    pub widths: &'a [u32],
    pub width: u32,
    pub height: u32,
    pub alt_vi: &'a str,
    pub alt_en: &'a str,
    pub user_id: i64,
    pub ip: Option<&'a str>,
}

/// Records an uploaded photo (its files are written already) and audits it.
pub async fn insert(pool: &SqlitePool, image: NewImage<'_>) -> Result<i64, sqlx::Error> {
    let widths = image
        .widths
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut tx = crate::system::begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO images (target, target_id, stem, widths, width, height, alt_vi, alt_en,
                             position, user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM images WHERE target = ? AND target_id = ?),
                 ?)
         RETURNING id",
    )
    .bind(image.target.table())
    .bind(image.target_id)
    .bind(image.stem)
    .bind(widths)
    .bind(i64::from(image.width))
    .bind(i64::from(image.height))
    .bind(image.alt_vi)
    .bind(image.alt_en)
    .bind(image.target.table())
    .bind(image.target_id)
    .bind(image.user_id)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        Audit {
            user_id: Some(image.user_id),
            action: "image_added",
            target: Some(image.target.table()),
            target_id: Some(image.target_id),
            detail: image.alt_vi,
            ip: image.ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The listing a photo belongs to, with its commune (for the scope check).
pub async fn owner(
    pool: &SqlitePool,
    image: i64,
) -> Result<Option<(Kind, i64, Option<String>)>, sqlx::Error> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT target, target_id FROM images WHERE id = ?")
            .bind(image)
            .fetch_optional(pool)
            .await?;
    let Some((target, target_id)) = row else {
        return Ok(None);
    };
    let Some(kind) = kind_of_table(&target) else {
        return Ok(None);
    };
    let commune = listing_commune(pool, kind, target_id).await?;
    Ok(commune.map(|commune| (kind, target_id, commune)))
}

/// Whether a listing exists, and its commune: `None` without the listing.
pub async fn listing_commune(
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
) -> Result<Option<Option<String>>, sqlx::Error> {
    let sql = format!("SELECT commune_code FROM {} WHERE id = ?", table(kind));
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Deletes a photo's row; returns its stem and widths (for the files).
pub async fn delete(
    pool: &SqlitePool,
    image: i64,
    user_id: i64,
    ip: Option<&str>,
) -> Result<Option<(String, Vec<u32>)>, sqlx::Error> {
    mark(pool, image, user_id, ip, true).await
}

/// Takes a photo back from the deleted ones (its place in the order is
/// its old one), audited; its stem and widths, `None` when it was not
/// deleted.
pub async fn undelete(
    pool: &SqlitePool,
    image: i64,
    user_id: i64,
    ip: Option<&str>,
) -> Result<Option<(String, Vec<u32>)>, sqlx::Error> {
    mark(pool, image, user_id, ip, false).await
}

async fn mark(
    pool: &SqlitePool,
    image: i64,
    user_id: i64,
    ip: Option<&str>,
    deleted: bool,
) -> Result<Option<(String, Vec<u32>)>, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let sql = if deleted {
        "UPDATE images SET deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), deleted_by = ?1
          WHERE id = ?2 AND deleted_at IS NULL
          RETURNING stem, widths, target, target_id, alt_vi"
    } else {
        "UPDATE images SET deleted_at = NULL, deleted_by = NULL
          WHERE id = ?2 AND deleted_at IS NOT NULL
          RETURNING stem, widths, target, target_id, alt_vi"
    };
    let row: Option<(String, String, String, i64, String)> = sqlx::query_as(sql)
        .bind(user_id)
        .bind(image)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((stem, widths, target, target_id, alt)) = row else {
        return Ok(None);
    };
    audit(
        &mut tx,
        Audit {
            user_id: Some(user_id),
            action: if deleted {
                "image_deleted"
            } else {
                "image_restored"
            },
            target: Some(Target::of_table(&target).map_or("images", Target::table)),
            target_id: Some(target_id),
            detail: &alt,
            ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some((stem, widths_of(&widths))))
}

fn widths_of(text: &str) -> Vec<u32> {
    text.split(',').filter_map(|w| w.parse().ok()).collect()
}

/// A listing's deleted photos, newest deletion first: id, text, when
/// (UTC, as stored) and by whom.
pub async fn deleted_of(
    pool: &SqlitePool,
    kind: Kind,
    id: i64,
) -> Result<Vec<(i64, String, String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, i.alt_vi, i.deleted_at, u.email FROM images i
           LEFT JOIN users u ON u.id = i.deleted_by
          WHERE i.target = ? AND i.target_id = ? AND i.deleted_at IS NOT NULL
          ORDER BY i.deleted_at DESC, i.id DESC",
    )
    .bind(table(kind))
    .bind(id)
    .fetch_all(pool)
    .await
}

/// Deletes for good the photos deleted more than `days` days ago; their
/// stems and widths (for their files).
pub async fn purge_deleted(
    pool: &SqlitePool,
    days: i64,
) -> Result<Vec<(String, Vec<u32>)>, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "DELETE FROM images WHERE deleted_at IS NOT NULL
            AND deleted_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || ? || ' days')
         RETURNING stem, widths",
    )
    .bind(days)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(stem, w)| (stem, widths_of(&w)))
        .collect())
}

/// Changes a photo's text, audited.
pub async fn update_alt(
    pool: &SqlitePool,
    image: i64,
    alt_vi: &str,
    alt_en: &str,
    user_id: i64,
    ip: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let row: Option<(String, i64)> = sqlx::query_as(
        "UPDATE images SET alt_vi = ?, alt_en = ? WHERE id = ? RETURNING target, target_id",
    )
    .bind(alt_vi)
    .bind(alt_en)
    .bind(image)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((target, target_id)) = row {
        audit(
            &mut tx,
            Audit {
                user_id: Some(user_id),
                action: "image_edited",
                target: Some(Target::of_table(&target).map_or("images", Target::table)),
                target_id: Some(target_id),
                detail: alt_vi,
                ip,
            },
        )
        .await?;
    }
    tx.commit().await
}

/// Where a photo goes in its listing's gallery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// One place earlier.
    Earlier,
    /// One place later.
    Later,
    /// Just before another photo of the same listing (dragged onto it).
    Before(i64),
    /// Last.
    Last,
}

impl Place {
    fn detail(self) -> &'static str {
        match self {
            Self::Earlier => "earlier",
            Self::Later => "later",
            Self::Before(_) => "before",
            Self::Last => "last",
        }
    }
}

/// Moves a photo in its listing's gallery; the first is the one shown
/// first on the profile. A photo of another listing as `Before`, or a move
/// past either end, changes nothing.
pub async fn move_image(
    pool: &SqlitePool,
    image: i64,
    place: Place,
    user_id: i64,
    ip: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let owner: Option<(String, i64)> =
        sqlx::query_as("SELECT target, target_id FROM images WHERE id = ?")
            .bind(image)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((target, target_id)) = owner else {
        return Ok(());
    };
    let mut order: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM images WHERE target = ? AND target_id = ? AND deleted_at IS NULL
         ORDER BY position, id",
    )
    .bind(&target)
    .bind(target_id)
    .fetch_all(&mut *tx)
    .await?;
    let Some(at) = order.iter().position(|id| *id == image) else {
        return Ok(());
    };
    let to = match place {
        Place::Earlier => at.checked_sub(1),
        Place::Later => Some(at + 1).filter(|to| *to < order.len()),
        Place::Last => Some(order.len() - 1),
        Place::Before(other) => order
            .iter()
            .position(|id| *id == other)
            // Taken out first, the others after it move up one.
            .map(|before| if before > at { before - 1 } else { before }),
    };
    let Some(to) = to.filter(|to| *to != at) else {
        return Ok(());
    };
    let moved = order.remove(at);
    order.insert(to, moved);
    for (position, id) in (1_i64..).zip(&order) {
        sqlx::query("UPDATE images SET position = ? WHERE id = ?")
            .bind(position)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    audit(
        &mut tx,
        Audit {
            user_id: Some(user_id),
            action: "image_moved",
            target: Some(Target::of_table(&target).map_or("images", Target::table)),
            target_id: Some(target_id),
            detail: place.detail(),
            ip,
        },
    )
    .await?;
    tx.commit().await
}

/// The stems of every stored photo (the start of its files' names), with
/// whether it is deleted (its files are in the trash folder).
pub async fn all_stems(pool: &SqlitePool) -> Result<Vec<(String, bool)>, sqlx::Error> {
    sqlx::query_as("SELECT stem, deleted_at IS NOT NULL FROM images")
        .fetch_all(pool)
        .await
}
