//! Server-only queries of tours: the one write of a tour (every writer's),
//! editors' decisions, the lists pages show, and clicks out to booking
//! pages.

use super::{Stop, Tour, TourDetails, TourInput, TourStatus};
use crate::base::date::Date;
use sqlx::{SqliteConnection, SqlitePool};

/// What became of a save.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Written: the tour's id, slug and status (`Published` only for a
    /// tour an editor approved before: its partner's edit went live).
    Done {
        id: i64,
        slug: String,
        status: TourStatus,
    },
    /// No published village has this address.
    UnknownVillage(String),
    NotFound,
    /// The tour is another organisation's.
    NotYours,
}

/// Writes a tour of `partner_id` (`id`: `None` for a new one), the one
/// write path of tours. A new tour, or one sent back, waits for approval;
/// a tour approved before stays published with the change.
pub async fn save(
    pool: &SqlitePool,
    partner_id: i64,
    id: Option<i64>,
    input: &TourInput,
) -> Result<Saved, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut villages = Vec::with_capacity(input.stops.len());
    for slug in &input.stops {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM villages WHERE slug = ? AND status = 'published'")
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?;
        match found {
            Some(village) => villages.push(village),
            None => return Ok(Saved::UnknownVillage(slug.clone())),
        }
    }
    let status = match id {
        Some(id) => {
            let row: Option<(i64, String, Option<String>)> =
                sqlx::query_as("SELECT partner_id, status, approved_at FROM tours WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match row {
                None => return Ok(Saved::NotFound),
                Some((owner, _, _)) if owner != partner_id => return Ok(Saved::NotYours),
                Some((_, status, _)) if status == "published" => TourStatus::Published,
                Some(_) => TourStatus::Pending,
            }
        }
        None => TourStatus::Pending,
    };
    let details = &input.details;
    // A new tour is a row first (its address made from its name), then
    // written as every tour is.
    let id = match id {
        Some(id) => id,
        None => {
            let slug = crate::partner::db::free_slug(&mut tx, "tours", &details.name_vi).await?;
            sqlx::query_scalar(
                "INSERT INTO tours (partner_id, slug, name_vi, booking_url, status)
                 VALUES (?, ?, ?, ?, 'pending') RETURNING id",
            )
            .bind(partner_id)
            .bind(&slug)
            .bind(&details.name_vi)
            .bind(&details.booking_url)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    let slug: String = sqlx::query_scalar(
        "UPDATE tours SET name_vi = ?1, name_en = ?2, days = ?3, hours = ?4, price_low = ?5,
                price_high = ?6, booking_url = ?7, languages = ?8, status = ?9,
                reason = CASE WHEN ?9 = 'pending' THEN '' ELSE reason END,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?10 RETURNING slug",
    )
    .bind(&details.name_vi)
    .bind(&details.name_en)
    .bind(details.days)
    .bind(details.hours)
    .bind(details.price_low)
    .bind(details.price_high)
    .bind(&details.booking_url)
    .bind(details.languages.join(","))
    .bind(status.code())
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM tour_stops WHERE tour_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, village) in villages.iter().enumerate() {
        sqlx::query("INSERT INTO tour_stops (tour_id, position, village_id) VALUES (?, ?, ?)")
            .bind(id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(village)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Saved::Done { id, slug, status })
}

/// An editor's decision on a tour: approve one waiting (it is published),
/// or send one back, waiting or published, with a reason. `None` when
/// there is no such tour in a state the decision applies to; else its
/// partner's id.
pub async fn review(
    pool: &SqlitePool,
    id: i64,
    approve: bool,
    reason: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let query = if approve {
        sqlx::query_scalar(
            "UPDATE tours SET status = 'published', reason = '',
                    approved_at = COALESCE(approved_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
             WHERE id = ? AND status = 'pending' RETURNING partner_id",
        )
        .bind(id)
    } else {
        sqlx::query_scalar(
            "UPDATE tours SET status = 'rejected', reason = ?
             WHERE id = ? AND status IN ('pending', 'published') RETURNING partner_id",
        )
        .bind(reason)
        .bind(id)
    };
    query.fetch_optional(pool).await
}

/// Which tours a list holds.
#[derive(Clone, Copy, Debug)]
pub enum Which {
    /// One organisation's, every state (its partners' page).
    OfPartner(i64),
    /// One organisation's published ones (its public page).
    PublishedOf(i64),
    /// The published ones visiting a village.
    Visiting(i64),
    /// Those waiting for approval (editors).
    Pending,
    /// Every tour (editors).
    All,
    One(i64),
}

#[derive(sqlx::FromRow)]
struct TourRow {
    id: i64,
    partner_id: i64,
    partner_name: String,
    partner_slug: String,
    slug: String,
    name_vi: String,
    name_en: String,
    days: i64,
    hours: i64,
    price_low: Option<i64>,
    price_high: Option<i64>,
    booking_url: String,
    languages: String,
    status: String,
    reason: String,
    approved: bool,
    updated_at: String,
}

/// The tours `which` names, with the villages they visit (only published
/// villages on public lists), newest change first (waiting ones: oldest
/// first, as a queue).
pub async fn list(pool: &SqlitePool, which: Which) -> Result<Vec<Tour>, sqlx::Error> {
    list_in(&mut *pool.acquire().await?, which).await
}

/// [`list`] on a connection already held (a village's profile reads its
/// tours on the connection that read its row).
pub async fn list_in(conn: &mut SqliteConnection, which: Which) -> Result<Vec<Tour>, sqlx::Error> {
    let (filter, order, arg) = match which {
        Which::OfPartner(id) => ("t.partner_id = ?1", "t.updated_at DESC", Some(id)),
        Which::PublishedOf(id) => (
            "t.partner_id = ?1 AND t.status = 'published'",
            "t.name_vi",
            Some(id),
        ),
        Which::Visiting(id) => (
            "t.status = 'published' AND t.id IN (SELECT tour_id FROM tour_stops WHERE village_id = ?1)",
            "t.name_vi",
            Some(id),
        ),
        Which::Pending => ("t.status = 'pending'", "t.updated_at", None),
        Which::All => ("1", "t.status, t.updated_at DESC", None),
        Which::One(id) => ("t.id = ?1", "t.id", Some(id)),
    };
    let public = matches!(which, Which::PublishedOf(_) | Which::Visiting(_));
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT t.id, t.partner_id, p.name AS partner_name, p.slug AS partner_slug, t.slug,
                t.name_vi, t.name_en, t.days, t.hours, t.price_low, t.price_high, t.booking_url,
                t.languages, t.status, t.reason, t.approved_at IS NOT NULL AS approved,
                t.updated_at
         FROM tours t JOIN partners p ON p.id = t.partner_id
         WHERE {filter} ORDER BY {order}, t.id"
    )));
    if let Some(arg) = arg {
        query = query.bind(arg);
    }
    let rows: Vec<TourRow> = query.fetch_all(&mut *conn).await?;
    let mut stops: Vec<(i64, String, String, String)> = Vec::new();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut photos = crate::media::db::of_tours(&mut *conn, &ids).await?;
    if !rows.is_empty() {
        let ids = rows
            .iter()
            .map(|r| r.id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let published = if public {
            "AND v.status = 'published'"
        } else {
            ""
        };
        // The ids are numbers read above: nothing typed reaches this text.
        stops = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT s.tour_id, v.slug, v.name_vi, v.name_en FROM tour_stops s
             JOIN villages v ON v.id = s.village_id
             WHERE s.tour_id IN ({ids}) {published} ORDER BY s.tour_id, s.position"
        )))
        .fetch_all(&mut *conn)
        .await?;
    }
    Ok(rows
        .into_iter()
        .map(|r| Tour {
            stops: stops
                .iter()
                .filter(|(tour, ..)| *tour == r.id)
                .map(|(_, slug, name_vi, name_en)| Stop {
                    slug: slug.clone(),
                    name_vi: name_vi.clone(),
                    name_en: name_en.clone(),
                })
                .collect(),
            photos: photos
                .extract_if(.., |(tour, _)| *tour == r.id)
                .map(|(_, photo)| photo)
                .collect(),
            id: r.id,
            partner_id: r.partner_id,
            partner_name: r.partner_name,
            partner_slug: r.partner_slug,
            slug: r.slug,
            details: TourDetails {
                name_vi: r.name_vi,
                name_en: r.name_en,
                days: u32::try_from(r.days).unwrap_or(0),
                hours: u32::try_from(r.hours).unwrap_or(0),
                price_low: r.price_low,
                price_high: r.price_high,
                booking_url: r.booking_url,
                languages: crate::village::visit::stored_languages(&r.languages),
            },
            status: TourStatus::parse(&r.status),
            reason: r.reason,
            approved: r.approved,
            updated_at: r.updated_at,
        })
        .collect())
}

/// A published tour's id and booking page, by its address.
pub async fn booking(pool: &SqlitePool, slug: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, booking_url FROM tours WHERE slug = ? AND status = 'published'")
        .bind(slug)
        .fetch_optional(pool)
        .await
}

/// Counts one click out to a tour's booking page on `day`.
pub async fn count_click(pool: &SqlitePool, day: Date, tour_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tour_clicks (day, tour_id, clicks) VALUES (?, ?, 1)
         ON CONFLICT (day, tour_id) DO UPDATE SET clicks = clicks + 1",
    )
    .bind(day.to_string())
    .bind(tour_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// The organisation a tour belongs to; `None` without the tour.
pub async fn owner(pool: &SqlitePool, tour: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT partner_id FROM tours WHERE id = ?")
        .bind(tour)
        .fetch_optional(pool)
        .await
}
