//! Public server functions for craft villages.

use super::VillageProfile;
use crate::error::AppError;
use leptos::prelude::*;

/// A published village by slug; `None` when there is none.
#[server]
pub async fn get_village(
    slug: String,
    lang: Option<String>,
) -> Result<Option<VillageProfile>, AppError> {
    crate::listing::published::load(
        model::listing::Kind::Village,
        slug,
        lang,
        |pool, slug| async move {
            let Some(mut village) = super::db::by_slug(&pool, &slug).await? else {
                return Ok(None);
            };
            let tours =
                model::tour::db::list(&pool, model::tour::db::Which::Visiting(village.id.0))
                    .await?;
            village.tours_html = [model::i18n::Lang::Vi, model::i18n::Lang::En]
                .map(|lang| crate::partner::tours_html(&tours, lang, Some(&village.slug)));
            Ok(Some(village))
        },
    )
    .await
}
