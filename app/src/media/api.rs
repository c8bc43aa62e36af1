//! Server functions of photos. The staff ones answer with the listing's
//! photos as they now are, which the hydrated form shows.

use super::PhotoAnswer;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use model::listing::Kind;

/// The listing of a photo an editor may change: its kind and id, after the
/// role and scope checks.
#[cfg(feature = "ssr")]
async fn editable(
    image: i64,
) -> Result<
    (
        crate::staff::StaffUser,
        crate::staff::auth::RequestContext,
        Kind,
        i64,
    ),
    AppError,
> {
    use crate::staff::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Edit).await?;
    let Some((kind, target_id, commune)) = super::db::owner(&cx.pool, image).await? else {
        return Err(cx.refuse(AppError::NotFound));
    };
    if !user.may_edit_in(commune.as_deref()) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    Ok((user, cx, kind, target_id))
}

/// The answer of a photo change: the listing's photos now, and back to its
/// form for a plain form post (with the message in the session).
#[cfg(feature = "ssr")]
async fn answer(
    cx: &crate::staff::auth::RequestContext,
    kind: Kind,
    target_id: i64,
    flash: Option<super::PhotoFlash>,
    lang: Option<String>,
) -> Result<PhotoAnswer, AppError> {
    // Cached public pages show the photos: they are made again, unless
    // the change was refused (a missing text).
    let refused = flash.is_some_and(|f| f.outcome == super::UploadOutcome::AltRequired);
    if let (Some(index), false) = (&cx.index, refused) {
        index.touch();
    }
    if cx.plain_form {
        if let (Some(session), Some(flash)) = (&cx.session, flash) {
            let _ = session.insert(super::UPLOAD_FLASH, flash).await;
        }
        let lang = model::i18n::Lang::from_code(lang.as_deref());
        cx.redirect(&format!("{}#photos", kind.edit_path(lang, target_id)));
    }
    Ok(PhotoAnswer {
        images: super::db::of_listing(&cx.pool, kind, target_id, false).await?,
        flash,
    })
}

/// Deletes a photo: off the pages at once, its files out of the public
/// folder into the trash folder; it stays in the listing's history, from
/// where (or from the answer's "undo") [`restore_image`] takes it back, for
/// [`super::TRASH_DAYS`] days.
#[server(prefix = "/api/staff")]
pub async fn delete_image(image: i64, lang: Option<String>) -> Result<PhotoAnswer, AppError> {
    let (user, cx, kind, target_id) = editable(image).await?;
    let flash = trash(&cx, user.id, image, true)
        .await?
        .then(|| super::PhotoFlash::new(super::UploadOutcome::Deleted, Some(image)));
    answer(&cx, kind, target_id, flash, lang).await
}

/// Takes a deleted photo back: its files return to the public folder and
/// it shows again where it was.
#[server(prefix = "/api/staff")]
pub async fn restore_image(image: i64, lang: Option<String>) -> Result<PhotoAnswer, AppError> {
    let (user, cx, kind, target_id) = editable(image).await?;
    let outcome = if trash(&cx, user.id, image, false).await? {
        super::UploadOutcome::Restored
    } else {
        super::UploadOutcome::NotDeleted
    };
    // Said above the photos (not at the photo, which would say it twice).
    let flash = Some(super::PhotoFlash::new(outcome, None));
    answer(&cx, kind, target_id, flash, lang).await
}

/// Deletes a photo (`delete`), its files into the trash folder, or takes
/// a deleted one back, audited; whether anything changed. The caller has
/// checked who may.
#[cfg(feature = "ssr")]
pub(crate) async fn trash(
    cx: &crate::staff::auth::RequestContext,
    user_id: i64,
    image: i64,
    delete: bool,
) -> Result<bool, AppError> {
    let ip = cx.ip_text();
    let changed = if delete {
        super::db::delete(&cx.pool, image, user_id, ip.as_deref()).await?
    } else {
        super::db::undelete(&cx.pool, image, user_id, ip.as_deref()).await?
    };
    if let (Some((stem, widths)), Some(media)) = (&changed, cx.media.clone()) {
        let (public, trash) = (media.0.clone(), media.0.join(super::TRASH_DIR));
        let (from, to) = if delete {
            (public, trash)
        } else {
            (trash, public)
        };
        move_files(&from, &to, stem, widths).await;
    }
    if changed.is_some()
        && let Some(index) = &cx.index
    {
        index.touch();
    }
    Ok(changed.is_some())
}

/// Moves a photo's files (every width, WebP and JPEG) from one folder to
/// another; a file that cannot be moved is logged, not an error (the row
/// is what the pages follow).
#[cfg(feature = "ssr")]
async fn move_files(from: &std::path::Path, to: &std::path::Path, stem: &str, widths: &[u32]) {
    if let Err(error) = tokio::fs::create_dir_all(to).await {
        tracing::warn!(%error, ?to, "the photos' trash folder could not be made");
        return;
    }
    for width in widths {
        for ext in ["webp", "jpg"] {
            let name = format!("{stem}-{width}.{ext}");
            if let Err(error) = tokio::fs::rename(from.join(&name), to.join(&name)).await {
                tracing::warn!(%error, %name, "a photo's file could not be moved");
            }
        }
    }
}

/// Changes a photo's text (Vietnamese required, English optional).
#[server(prefix = "/api/staff")]
pub async fn edit_image(
    image: i64,
    alt_vi: String,
    alt_en: String,
    lang: Option<String>,
) -> Result<PhotoAnswer, AppError> {
    let (user, cx, kind, target_id) = editable(image).await?;
    let (alt_vi, alt_en) = (super::clean_alt(&alt_vi), super::clean_alt(&alt_en));
    let outcome = if alt_vi.is_empty() {
        super::UploadOutcome::AltRequired
    } else {
        let ip = cx.ip_text();
        super::db::update_alt(&cx.pool, image, &alt_vi, &alt_en, user.id, ip.as_deref()).await?;
        super::UploadOutcome::TextSaved
    };
    let flash = super::PhotoFlash::new(outcome, Some(image));
    answer(&cx, kind, target_id, Some(flash), lang).await
}

/// Moves a photo one place earlier (`earlier`) or later in its listing's
/// gallery, or (dragged) just before the photo `before`, or last
/// (`before` 0); the first photo is the one shown first on the profile.
#[server(prefix = "/api/staff")]
pub async fn move_image(
    image: i64,
    earlier: bool,
    before: Option<i64>,
    lang: Option<String>,
) -> Result<PhotoAnswer, AppError> {
    use super::db::Place;
    let (user, cx, kind, target_id) = editable(image).await?;
    let place = match before {
        Some(0) => Place::Last,
        Some(other) => Place::Before(other),
        None if earlier => Place::Earlier,
        None => Place::Later,
    };
    let ip = cx.ip_text();
    super::db::move_image(&cx.pool, image, place, user.id, ip.as_deref()).await?;
    answer(&cx, kind, target_id, None, lang).await
}
