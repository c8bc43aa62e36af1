//! Public server functions for craft villages.

use super::VillageProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published village by slug; `None` when there is none.
#[server]
pub async fn get_village(slug: String) -> Result<Option<VillageProfile>, AppError> {
    crate::listing::published::load(
        model::listing::Kind::Village,
        slug,
        |pool, slug| async move { super::db::by_slug(&pool, &slug).await },
    )
    .await
}
