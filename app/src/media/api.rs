//! Server functions of photos.

use super::ImageView;
use crate::error::AppError;
use crate::search::Kind;
use leptos::prelude::*;

/// The photos of a published listing, in order.
#[server]
pub async fn listing_images(kind: Kind, id: i64) -> Result<Vec<ImageView>, AppError> {
    let pool = crate::context::pool()?;
    Ok(super::db::of_listing(&pool, kind, id, true).await?)
}

/// Deletes a photo: its row and its files.
#[server(prefix = "/api/staff")]
pub async fn delete_image(image: i64, lang: Option<String>) -> Result<(), AppError> {
    use crate::staff::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Edit).await?;
    let media = cx.media.clone();
    let Some((kind, target_id, commune)) = super::db::owner(&cx.pool, image).await? else {
        return Err(cx.refuse(AppError::NotFound));
    };
    if !user.may_edit_in(commune.as_deref()) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let ip = cx.ip_text();
    if let (Some((stem, widths)), Some(media)) = (
        super::db::delete(&cx.pool, image, user.id, ip.as_deref()).await?,
        media,
    ) {
        for width in widths {
            for ext in ["webp", "jpg"] {
                let path = media.0.join(format!("{stem}-{width}.{ext}"));
                if let Err(error) = tokio::fs::remove_file(&path).await {
                    tracing::warn!(%error, ?path, "a deleted photo's file could not be removed");
                }
            }
        }
    }
    if cx.plain_form {
        let lang = crate::i18n::Lang::from_code(lang.as_deref());
        cx.redirect(&crate::editing::api::edit_path(lang, kind, target_id));
    }
    Ok(())
}
