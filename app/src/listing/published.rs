//! The one way a public profile is read: the slug checked, the listing
//! read, a former slug answered with a 301, the nearby listings added.

use super::Profile;
use crate::error::AppError;
use model::listing::Kind;
use model::text::Slug;
use sqlx::SqlitePool;

/// A published listing of `kind` by `slug`, read by `read`; `None` when
/// there is none (and a 301 set when `slug` is a former slug of one).
pub async fn load<T, Fut>(
    kind: Kind,
    slug: String,
    read: impl FnOnce(SqlitePool, String) -> Fut,
) -> Result<Option<T>, AppError>
where
    T: Profile,
    Fut: Future<Output = Result<Option<T>, sqlx::Error>>,
{
    if Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    // All from the request's context before any await: the context is
    // not reachable once the task may have moved to another thread.
    let pool = crate::context::pool()?;
    let index = crate::context::search_index()?;
    let old_slugs = super::old_slugs::OldSlugs::take();
    let mut profile = read(pool.clone(), slug.clone()).await?;
    match profile.as_mut() {
        None => old_slugs.redirect(&pool, kind, &slug).await?,
        Some(p) => p.set_nearby(crate::search::nearby_of(&index, kind, p.listing_id())),
    }
    Ok(profile)
}
