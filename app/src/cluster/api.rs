//! Public server functions for industrial parks and clusters.

use super::ClusterProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published park or cluster by slug; `None` when there is none.
#[server]
pub async fn get_cluster(
    slug: String,
    lang: Option<String>,
) -> Result<Option<ClusterProfile>, AppError> {
    crate::listing::published::load(
        model::listing::Kind::Cluster,
        slug,
        lang,
        |pool, slug| async move { super::db::by_slug(&pool, &slug).await },
    )
    .await
}
