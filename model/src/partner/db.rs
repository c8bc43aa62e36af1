//! Server-only queries: partner organisations, their accounts, and the
//! visits their links brought.

use super::{
    DayCount, Figures, ListingCount, OrgInput, Partner, PartnerKind, TourClicks, new_referral_code,
};
use crate::base::date::Date;
use crate::listing::Kind;
use sqlx::{SqliteConnection, SqlitePool};

/// A number for a new referral code, from the standard library's random
/// keys (no more randomness is needed: the code is not a secret).
pub(crate) fn random_number() -> u16 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    u16::try_from(hasher.finish() % 10_000).unwrap_or(0)
}

/// A free address for a new tour or organisation: the name's slug, else
/// with "-2", "-3"… (`table` is `tours` or `partners`).
pub async fn free_slug(
    conn: &mut SqliteConnection,
    table: &str,
    name: &str,
) -> Result<String, sqlx::Error> {
    let base = crate::base::text::Slug::from_name(name)
        .map(|s| s.as_str().chars().take(60).collect::<String>())
        .map(|s| s.trim_end_matches('-').to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "tour".to_owned());
    for n in 1..1000 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let taken: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE slug = ?)"
        )))
        .bind(&slug)
        .fetch_one(&mut *conn)
        .await?;
        if !taken {
            return Ok(slug);
        }
    }
    Ok(format!("{base}-{}", random_number()))
}

/// Creates an organisation with a fresh referral code and address.
pub async fn create(
    pool: &SqlitePool,
    name: &str,
    kind: PartnerKind,
) -> Result<Partner, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let slug = free_slug(&mut conn, "partners", name).await?;
    let mut attempt = 0;
    let (id, code) = loop {
        let code = new_referral_code(name, random_number());
        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO partners (name, kind, referral_code, slug) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(name)
        .bind(kind.code())
        .bind(&code)
        .bind(&slug)
        .fetch_one(&mut *conn)
        .await;
        match inserted {
            Ok(id) => break (id, code),
            // The code is taken: another number.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempt < 8 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    };
    Ok(Partner {
        id,
        name: name.to_owned(),
        kind,
        referral_code: code,
        accounts: Vec::new(),
        slug,
        area: String::new(),
        phone: String::new(),
        email: String::new(),
        website: String::new(),
        languages: Vec::new(),
    })
}

/// Changes an organisation's public details (its partners and admins).
pub async fn update_info(pool: &SqlitePool, id: i64, info: &OrgInput) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE partners SET name = ?, area = ?, phone = ?, email = ?, website = ?, languages = ?
         WHERE id = ?",
    )
    .bind(&info.name)
    .bind(&info.area)
    .bind(&info.phone)
    .bind(&info.email)
    .bind(&info.website)
    .bind(info.languages.join(","))
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// An organisation by its public address.
pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<Partner>, sqlx::Error> {
    one(pool, "WHERE p.slug = ?", slug.to_owned()).await
}

/// The organisation `clause` (after `FROM partners p`) finds with `arg`.
async fn one<T>(pool: &SqlitePool, clause: &str, arg: T) -> Result<Option<Partner>, sqlx::Error>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send + 'static,
{
    let row: Option<PartnerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM partners p {clause}"
    )))
    .bind(arg)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(partner))
}

/// Every organisation's public address with the day its page last
/// changed, as far as the database knows: its newest published tour's
/// change (the sitemap's).
pub async fn slugs(pool: &SqlitePool) -> Result<Vec<(String, Option<Date>)>, sqlx::Error> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT p.slug, (SELECT MAX(t.updated_at) FROM tours t
                         WHERE t.partner_id = p.id AND t.status = 'published')
         FROM partners p WHERE p.slug IS NOT NULL ORDER BY p.slug",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, changed)| {
            let day = changed
                .as_deref()
                .and_then(|c| c.get(..10))
                .and_then(Date::parse);
            (slug, day)
        })
        .collect())
}

const COLUMNS: &str = "p.id, p.name, p.kind, p.referral_code, p.slug, p.area, p.phone, p.email, p.website, p.languages";

#[derive(sqlx::FromRow)]
struct PartnerRow {
    id: i64,
    name: String,
    kind: String,
    referral_code: String,
    slug: Option<String>,
    area: String,
    phone: String,
    email: String,
    website: String,
    languages: String,
}

fn partner(row: PartnerRow) -> Partner {
    Partner {
        id: row.id,
        name: row.name,
        kind: PartnerKind::parse(&row.kind).unwrap_or(PartnerKind::Other),
        referral_code: row.referral_code,
        accounts: Vec::new(),
        slug: row.slug.unwrap_or_default(),
        area: row.area,
        phone: row.phone,
        email: row.email,
        website: row.website,
        languages: crate::village::visit::stored_languages(&row.languages),
    }
}

/// Every organisation with its accounts, by name.
pub async fn all(pool: &SqlitePool) -> Result<Vec<Partner>, sqlx::Error> {
    let rows: Vec<PartnerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM partners p ORDER BY p.name, p.id"
    )))
    .fetch_all(pool)
    .await?;
    let accounts: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT partner_id, id, display_name FROM users
         WHERE partner_id IS NOT NULL ORDER BY display_name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut p = partner(row);
            p.accounts = accounts
                .iter()
                .filter(|(of, _, _)| *of == p.id)
                .map(|(_, id, name)| (*id, name.clone()))
                .collect();
            p
        })
        .collect())
}

/// The organisation of an account, if it has one.
pub async fn of_user(pool: &SqlitePool, user_id: i64) -> Result<Option<Partner>, sqlx::Error> {
    one(
        pool,
        "JOIN users u ON u.partner_id = p.id WHERE u.id = ?",
        user_id,
    )
    .await
}

/// Gives a partner account to an organisation (`None`: to none). Only
/// partner accounts belong to organisations: `false` when `user_id` is not
/// one or the organisation does not exist.
pub async fn attach(
    pool: &SqlitePool,
    user_id: i64,
    partner_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE users SET partner_id = ?1 WHERE id = ?2 AND role = 'partner'
           AND (?1 IS NULL OR EXISTS (SELECT 1 FROM partners WHERE id = ?1))",
    )
    .bind(partner_id)
    .bind(user_id)
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// The organisation whose referral code this is.
pub async fn by_code(pool: &SqlitePool, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM partners WHERE referral_code = ?")
        .bind(code)
        .fetch_optional(pool)
        .await
}

/// Counts one visit of a published listing (by slug) brought by a partner
/// on `day`; `false` when there is no such published listing (nothing is
/// written, so made-up addresses grow nothing).
pub async fn count_visit(
    pool: &SqlitePool,
    day: Date,
    partner_id: i64,
    kind: Kind,
    slug: &str,
) -> Result<bool, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let Some(id) = crate::listing::db::published_id(&mut conn, kind, slug).await? else {
        return Ok(false);
    };
    sqlx::query(
        "INSERT INTO referral_visits (day, partner_id, target, target_id, visits)
         VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (day, partner_id, target, target_id) DO UPDATE SET visits = visits + 1",
    )
    .bind(day.to_string())
    .bind(partner_id)
    .bind(kind.table())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// What one partner's links (`None`: every partner's) brought from `from`
/// to `to`, both days included: the counted rows ([`rows`]) summed by day,
/// by listing and by tour.
pub async fn figures(
    pool: &SqlitePool,
    partner_id: Option<i64>,
    from: Date,
    to: Date,
) -> Result<Figures, sqlx::Error> {
    let rows = rows(pool, partner_id, from, to).await?;
    let mut days = Vec::new();
    let mut at = from;
    while at <= to {
        let day = at.to_string();
        let of_day = || rows.iter().filter(|r| r.day == day);
        days.push(DayCount {
            visits: of_day().map(|r| r.visits).sum(),
            clicks: of_day().map(|r| r.clicks).sum(),
            day,
        });
        at = Date::from_days_since_epoch(at.days_since_epoch() + 1);
    }
    let mut listings: Vec<ListingCount> = Vec::new();
    let mut tours: Vec<TourClicks> = Vec::new();
    for row in rows {
        match row.target {
            Target::Listing(kind) => match listings
                .iter_mut()
                .find(|l| l.kind == kind && l.slug == row.slug)
            {
                Some(listing) => listing.visits += row.visits,
                None => listings.push(ListingCount {
                    kind,
                    slug: row.slug,
                    name_vi: row.name_vi,
                    name_en: row.name_en,
                    visits: row.visits,
                }),
            },
            Target::Tour => match tours.iter_mut().find(|t| t.slug == row.slug) {
                Some(tour) => tour.clicks += row.clicks,
                None => tours.push(TourClicks {
                    slug: row.slug,
                    name_vi: row.name_vi,
                    name_en: row.name_en,
                    clicks: row.clicks,
                }),
            },
        }
    }
    listings.sort_by(|a, b| b.visits.cmp(&a.visits).then(a.name_vi.cmp(&b.name_vi)));
    tours.sort_by(|a, b| b.clicks.cmp(&a.clicks).then(a.name_vi.cmp(&b.name_vi)));
    Ok(Figures {
        days,
        listings,
        tours,
    })
}

/// What a counted row counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Visits of a listing's page.
    Listing(Kind),
    /// Clicks out to a tour's booking page.
    Tour,
}

/// One counted row: a day's visits of a listing, or clicks out to a
/// tour's booking page, through a partner.
#[derive(Debug)]
pub struct VisitRow {
    pub day: String,
    pub partner: String,
    pub target: Target,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub visits: i64,
    pub clicks: i64,
}

/// Every counted row (the CSV download's, and what [`figures`] sums), by
/// day, partner and name.
pub async fn rows(
    pool: &SqlitePool,
    partner_id: Option<i64>,
    from: Date,
    to: Date,
) -> Result<Vec<VisitRow>, sqlx::Error> {
    let targets = Kind::ALL
        .into_iter()
        .map(Target::Listing)
        .chain([Target::Tour]);
    let mut out = Vec::new();
    for target in targets {
        let query = match target {
            Target::Listing(kind) => format!(
                "SELECT r.day, p.name, x.slug, x.name_vi, x.name_en, r.visits
                 FROM referral_visits r JOIN partners p ON p.id = r.partner_id
                 JOIN {table} x ON x.id = r.target_id
                 WHERE r.target = '{table}' AND (?1 IS NULL OR r.partner_id = ?1)
                   AND r.day BETWEEN ?2 AND ?3",
                table = kind.table()
            ),
            Target::Tour => "SELECT c.day, p.name, t.slug, t.name_vi, t.name_en, c.clicks
                 FROM tour_clicks c JOIN tours t ON t.id = c.tour_id
                 JOIN partners p ON p.id = t.partner_id
                 WHERE (?1 IS NULL OR t.partner_id = ?1) AND c.day BETWEEN ?2 AND ?3"
                .to_owned(),
        };
        let rows: Vec<(String, String, String, String, String, i64)> =
            sqlx::query_as(sqlx::AssertSqlSafe(query))
                .bind(partner_id)
                .bind(from.to_string())
                .bind(to.to_string())
                .fetch_all(pool)
                .await?;
        let tour = target == Target::Tour;
        out.extend(
            rows.into_iter()
                .map(|(day, partner, slug, name_vi, name_en, count)| VisitRow {
                    day,
                    partner,
                    target,
                    slug,
                    name_vi,
                    name_en,
                    visits: if tour { 0 } else { count },
                    clicks: if tour { count } else { 0 },
                }),
        );
    }
    out.sort_by(|a, b| (&a.day, &a.partner, &a.name_vi).cmp(&(&b.day, &b.partner, &b.name_vi)));
    Ok(out)
}
