//! Public server functions for craft villages.

use super::VillageProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published village by slug; `None` when there is none.
#[server]
pub async fn get_village(slug: String) -> Result<Option<VillageProfile>, AppError> {
    if crate::text::Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    let pool = crate::context::pool()?;
    let mut profile = super::db::by_slug(&pool, &slug).await?;
    if let Some(p) = profile.as_mut() {
        p.nearby = crate::search::nearby_of(crate::search::Kind::Village, p.id.0)?;
    }
    Ok(profile)
}
