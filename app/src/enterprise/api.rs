//! Public server functions for enterprises.

use super::EnterpriseProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published enterprise by slug; `None` when there is none.
#[server]
pub async fn get_enterprise(
    slug: String,
    lang: Option<String>,
) -> Result<Option<EnterpriseProfile>, AppError> {
    crate::listing::published::load(
        model::listing::Kind::Enterprise,
        slug,
        lang,
        |pool, slug| async move { super::db::by_slug(&pool, &slug).await },
    )
    .await
}
