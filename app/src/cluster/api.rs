//! Public server functions for industrial parks and clusters.

use super::ClusterProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published park or cluster by slug; `None` when there is none.
#[server]
pub async fn get_cluster(slug: String) -> Result<Option<ClusterProfile>, AppError> {
    if model::text::Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    // All from the request's context before any await: the context is
    // not reachable once the task may have moved to another thread.
    let pool = crate::context::pool()?;
    let index = crate::context::search_index()?;
    let old_slugs = crate::listing::old_slugs::OldSlugs::take();
    let mut profile = super::db::by_slug(&pool, &slug).await?;
    if profile.is_none() {
        old_slugs
            .redirect(&pool, model::listing::Kind::Cluster, &slug)
            .await?;
    }
    if let Some(p) = profile.as_mut() {
        p.nearby = crate::search::nearby_of(&index, model::listing::Kind::Cluster, p.id);
    }
    Ok(profile)
}
