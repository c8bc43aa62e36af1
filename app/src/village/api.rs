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
            // The row and the tours on one connection: each hand-over of a
            // connection is a round trip to its thread.
            let mut conn = pool.acquire().await?;
            let which = model::listing::db::Which::Published(&slug);
            let Some((mut village, has_tours)) =
                super::db::profile_and_visits(&mut conn, which).await?
            else {
                return Ok(None);
            };
            let tours = if has_tours {
                let visiting = model::tour::db::Which::Visiting(village.id.0);
                model::tour::db::list_in(&mut conn, visiting).await?
            } else {
                Vec::new()
            };
            village.tours_html = [model::i18n::Lang::Vi, model::i18n::Lang::En]
                .map(|lang| crate::partner::tours_html(&tours, lang, Some(&village.slug)));
            Ok(Some(village))
        },
    )
    .await
}
