//! Public server functions for enterprises.

use super::EnterpriseProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published enterprise by slug; `None` when there is none.
#[server]
pub async fn get_enterprise(slug: String) -> Result<Option<EnterpriseProfile>, AppError> {
    if crate::text::Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    let pool = crate::context::pool()?;
    let mut profile = super::db::by_slug(&pool, &slug).await?;
    if let Some(p) = profile.as_mut() {
        p.nearby = crate::context::search_index()?.nearby(
            crate::search::Kind::Enterprise,
            p.id,
            crate::search::NEARBY_RADIUS_KM,
            crate::search::NEARBY_LIMIT,
        );
    }
    Ok(profile)
}
