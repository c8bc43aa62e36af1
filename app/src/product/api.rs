//! Public server functions for products.

use super::ProductProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published product by slug; `None` when there is none.
#[server]
pub async fn get_product(slug: String) -> Result<Option<ProductProfile>, AppError> {
    if model::text::Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    // All from the request's context before any await: the context is
    // not reachable once the task may have moved to another thread.
    let pool = crate::context::pool()?;
    let index = crate::context::search_index()?;
    let old_slugs = crate::listing::old_slugs::OldSlugs::take();
    let mut profile = super::db::by_slug(&pool, &slug, model::date::Date::today()).await?;
    if profile.is_none() {
        old_slugs
            .redirect(&pool, model::listing::Kind::Product, &slug)
            .await?;
    }
    if let Some(p) = profile.as_mut() {
        p.nearby = crate::search::nearby_of(&index, model::listing::Kind::Product, p.id);
    }
    Ok(profile)
}
