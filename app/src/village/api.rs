//! Public server functions for craft villages.

use super::{VillageList, VillageProfile};
use crate::error::AppError;
use leptos::prelude::*;

/// Published villages matching the filter, with facet counts. The filter's
/// fields are separate arguments so that an empty filter encodes as an empty
/// form (a nested struct with no fields set would not decode).
#[server]
pub async fn list_villages(
    craft: Option<String>,
    commune: Option<String>,
    district: Option<String>,
) -> Result<VillageList, AppError> {
    let filter = super::VillageFilter {
        craft,
        commune,
        district,
    };
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
