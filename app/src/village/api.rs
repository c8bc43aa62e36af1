//! Public server functions for craft villages.

use super::{VillageFilter, VillageList, VillageProfile};
use crate::error::AppError;
use leptos::prelude::*;

/// Published villages matching the filter, with facet counts.
#[server]
pub async fn list_villages(filter: VillageFilter) -> Result<VillageList, AppError> {
    let pool = crate::context::pool()?;
    Ok(super::db::list(&pool, &filter).await?)
}

/// A published village by slug; `None` when there is none.
#[server]
pub async fn get_village(slug: String) -> Result<Option<VillageProfile>, AppError> {
    if crate::text::Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    let pool = crate::context::pool()?;
    Ok(super::db::by_slug(&pool, &slug).await?)
}
