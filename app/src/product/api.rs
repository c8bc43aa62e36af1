//! Public server functions for products.

use super::ProductProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published product by slug; `None` when there is none.
#[server]
pub async fn get_product(
    slug: String,
    lang: Option<String>,
) -> Result<Option<ProductProfile>, AppError> {
    crate::listing::published::load(model::listing::Kind::Product, slug,
        lang, |pool, slug| async move {
        super::db::by_slug(&pool, &slug, model::date::Date::today()).await
    })
    .await
}
