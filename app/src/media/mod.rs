//! Photos of listings: what pages show (a gallery with `srcset`), the
//! public read and the staff delete. Uploads are a plain multipart form
//! handled by the server crate (`server::media`), which decodes, checks and
//! re-encodes them.

pub mod api;

use crate::i18n::use_lang;
use leptos::prelude::*;
use model::i18n::Lang;
use model::listing::Kind;

// The photo records, their limits and answers, and their queries (`db`,
// server only) are `model::media`'s.
pub use model::media::*;

/// A profile's photos: WebP with a JPEG fallback, each in its sizes. With
/// no photo, the drawing of `drawing`'s trade group when one is given.
#[component]
pub fn Gallery(
    kind: Kind,
    id: i64,
    #[prop(default = None)] drawing: Option<model::craft::TradeGroup>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let images = Resource::new(move || (kind, id), |(k, i)| api::listing_images(k, i));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let images = images.await.unwrap_or_default();
                if images.is_empty() {
                    return drawing
                        .map(|group| view! { <crate::listing::sections::GroupDrawing group lang /> })
                        .into_any();
                }
                Some(view! {
                    <section class="gallery" aria-labelledby="gallery-title">
                        <h2 id="gallery-title">{lang.t().gallery_heading}</h2>
                        <ul class="gallery-list">
                            {images.into_iter().map(|image| view! {
                                <li><Photo image lang sizes="(min-width: 60rem) 30rem, 100vw" /></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
                .into_any()
            })}
        </Suspense>
    }
}

/// One photo in its sizes and formats, with its caption.
#[component]
pub fn Photo(image: ImageView, lang: Lang, sizes: &'static str) -> impl IntoView {
    let alt = image.alt(lang).to_owned();
    view! {
        <figure class="photo">
            <picture>
                <source type="image/webp" srcset=image.srcset("webp") sizes=sizes />
                <img src=image.src() srcset=image.srcset("jpg") sizes=sizes alt=alt.clone()
                    width=image.width.to_string() height=image.height.to_string()
                    loading="lazy" decoding="async" />
            </picture>
            <figcaption>{alt}</figcaption>
        </figure>
    }
}

pub(crate) fn upload_message(
    s: &'static crate::staff::strings::StaffStrings,
    outcome: UploadOutcome,
) -> &'static str {
    match outcome {
        UploadOutcome::Added => s.photo_added,
        UploadOutcome::NoFile => s.photo_no_file,
        UploadOutcome::TooLarge => s.photo_too_large,
        UploadOutcome::NotAnImage => s.photo_not_image,
        UploadOutcome::TooManyPixels => s.photo_too_many_pixels,
        UploadOutcome::Unreadable => s.photo_unreadable,
        UploadOutcome::BadShape => s.photo_bad_shape,
        UploadOutcome::Busy => s.photo_busy,
        UploadOutcome::AltRequired => s.photo_alt_required,
        UploadOutcome::TextSaved => s.photo_text_saved,
        UploadOutcome::Deleted => s.photo_deleted,
        UploadOutcome::Restored => s.photo_restored,
        UploadOutcome::NotDeleted => s.photo_not_deleted,
    }
}

/// The button taking a deleted photo back.
#[component]
pub fn UndoDelete(
    image: i64,
    action: ServerAction<api::RestoreImage>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="image" value=image.to_string() />
            <input type="hidden" name="lang" value=lang.code() />
            <button type="submit" class="secondary">{crate::staff::strings::st(lang).undo}</button>
        </ActionForm>
    }
}

/// A listing's photos on its staff form: each with its text (editable),
/// buttons to move it earlier or later and to delete it, and the upload
/// form (a plain multipart post, with or without JavaScript). Hydrated, the
/// list follows each answer in place.
#[component]
pub fn StaffPhotos(
    kind: Kind,
    id: i64,
    lang: Lang,
    images: Vec<ImageView>,
    flash: Option<PhotoFlash>,
) -> impl IntoView {
    let s = crate::staff::strings::st(lang);
    let delete = ServerAction::<api::DeleteImage>::new();
    let edit = ServerAction::<api::EditImage>::new();
    let moving = ServerAction::<api::MoveImage>::new();
    let restore = ServerAction::<api::RestoreImage>::new();
    let photos = RwSignal::new(images);
    let message = RwSignal::new(flash);
    let follow = move |value: Option<Result<PhotoAnswer, crate::error::AppError>>| {
        if let Some(Ok(answer)) = value {
            photos.set(answer.images);
            message.set(answer.flash);
        }
    };
    Effect::new(move |_| follow(delete.value().get()));
    Effect::new(move |_| follow(edit.value().get()));
    Effect::new(move |_| follow(moving.value().get()));
    Effect::new(move |_| follow(restore.value().get()));
    let note = move |outcome: UploadOutcome| {
        let ok = matches!(
            outcome,
            UploadOutcome::Added | UploadOutcome::TextSaved | UploadOutcome::Restored
        );
        view! {
            <p class=if ok { "form-saved" } else { "form-alert" } role=if ok { "status" } else { "alert" }>
                {upload_message(s, outcome)}
            </p>
        }
    };
    let list = move || {
        let all = photos.get();
        let last = all.len().saturating_sub(1);
        all.into_iter().enumerate().map(|(i, image)| {
            let image_id = image.id;
            let (alt_vi, alt_en) = (image.alt_vi.clone(), image.alt_en.clone());
            let here = move || message.get().filter(|m| m.image == Some(image_id)).map(|m| m.outcome);
            let invalid = move || here().filter(|o| *o == UploadOutcome::AltRequired).map(|_| "true");
            let move_form = move |earlier: bool, label: &'static str, disabled: bool| view! {
                <ActionForm action=moving attr:class="inline-form">
                    <input type="hidden" name="image" value=image_id.to_string() />
                    <input type="hidden" name="earlier" value=earlier.to_string() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <button type="submit" class="secondary" disabled=disabled>{label}</button>
                </ActionForm>
            };
            view! {
                <li id=format!("photo-{image_id}")>
                    <Photo image lang sizes="15rem" />
                    <ActionForm action=edit attr:class="photo-text" attr:aria-label=format!("{} {}", s.photo_number, i + 1)>
                        <input type="hidden" name="image" value=image_id.to_string() />
                        <input type="hidden" name="lang" value=lang.code() />
                        <label for=format!("alt-vi-{image_id}")>{s.photo_text_vi}</label>
                        <input id=format!("alt-vi-{image_id}") type="text" name="alt_vi" value=alt_vi
                            maxlength="300" aria-invalid=invalid
                            aria-describedby=move || here().map(|_| format!("photo-note-{image_id}")) />
                        <div id=format!("photo-note-{image_id}")>{move || here().map(note)}</div>
                        <label for=format!("alt-en-{image_id}")>{s.photo_text_en}</label>
                        <input id=format!("alt-en-{image_id}") type="text" name="alt_en" value=alt_en maxlength="300" />
                        <button type="submit" class="secondary">{s.photo_save_text}</button>
                    </ActionForm>
                    <div class="photo-actions">
                        {move_form(true, s.photo_earlier, i == 0)}
                        {move_form(false, s.photo_later, i == last)}
                        <details class="confirm">
                            <summary>{s.photo_delete}"…"</summary>
                            <p>{s.photo_delete_note}</p>
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="image" value=image_id.to_string() />
                                <input type="hidden" name="lang" value=lang.code() />
                                <button type="submit" class="danger">{s.photo_delete_confirm}</button>
                            </ActionForm>
                        </details>
                    </div>
                </li>
            }
        }).collect_view()
    };
    view! {
        <section class="staff-photos" id="photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{s.photos}</h2>
            // About the upload, or a photo no longer in the list: a deleted
            // one, with its undo.
            {move || message.get().map(|m| match (m.outcome, m.image) {
                (UploadOutcome::Deleted, Some(image)) => view! {
                    <div class="form-saved photo-undo" role="status">
                        {s.photo_deleted}" "
                        <UndoDelete image action=restore lang />
                        " "{s.photo_deleted_note}
                    </div>
                }.into_any(),
                (UploadOutcome::Restored | UploadOutcome::NotDeleted, _) | (_, None) => note(m.outcome).into_any(),
                _ => ().into_any(),
            })}
            <ul class="gallery-list staff-gallery">{list}</ul>
            <form class="stacked-form" method="post" enctype="multipart/form-data" action=UPLOAD_PATH novalidate>
                <input type="hidden" name="kind" value=kind.code() />
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                <label for="photo-file">{s.photo_file}</label>
                <input id="photo-file" type="file" name="file" required
                    accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby="photo-rule" />
                <p id="photo-rule" class="field-hint">{s.photo_rule}</p>
                <label for="photo-alt-vi">{s.photo_alt_vi}</label>
                <input id="photo-alt-vi" type="text" name="alt_vi" required maxlength="300" />
                <label for="photo-alt-en">{s.photo_alt_en}</label>
                <input id="photo-alt-en" type="text" name="alt_en" maxlength="300" />
                <button type="submit">{s.photo_upload}</button>
            </form>
        </section>
    }
}
