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

/// A profile's photos, read with its row (a draft's too, for the staff
/// preview): WebP with a JPEG fallback, each in its sizes. With no photo,
/// the drawing of `drawing`'s trade group when one is given.
#[component]
pub fn Gallery(
    images: Vec<ImageView>,
    #[prop(default = None)] drawing: Option<model::craft::TradeGroup>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    if images.is_empty() {
        return drawing
            .map(|group| view! { <crate::listing::sections::GroupDrawing group lang /> })
            .into_any();
    }
    view! { <GalleryList images lang /> }.into_any()
}

#[component]
fn GalleryList(images: Vec<ImageView>, lang: Lang) -> impl IntoView {
    view! {
        // Figures side by side, not list items: a list item whose whole
        // text is the caption would say each photo's text twice (its
        // description, then the same as the item's text).
        <section class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">{lang.t().gallery_heading}</h2>
            <div class="gallery-list">
                {images.into_iter().map(|image| view! {
                    <Photo image lang sizes="(min-width: 60rem) 30rem, 100vw" />
                }).collect_view()}
            </div>
        </section>
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
        UploadOutcome::TooMany => s.photo_too_many,
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

/// The message of an upload or a change: how many photos an upload added
/// ("3 photos added."), then why a file was refused, if one was.
pub(crate) fn flash_message(
    s: &'static crate::staff::strings::StaffStrings,
    flash: PhotoFlash,
) -> String {
    let count = s.photos_added.replace("{n}", &flash.added.to_string());
    match (flash.outcome, flash.added) {
        (UploadOutcome::Added, 0 | 1) => s.photo_added.to_owned(),
        (UploadOutcome::Added, _) => count,
        (outcome, 0) => upload_message(s, outcome).to_owned(),
        (outcome, _) => format!("{count} {}", upload_message(s, outcome)),
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
/// buttons to move it earlier or later and to delete it, and the upload.
///
/// The upload's fields and button belong to the listing's form (`form`
/// attribute, [`EDIT_FORM_ID`]): without JavaScript the button posts that
/// form, with what was typed in it, to the upload route, which keeps the
/// typing for the form to show again. Hydrated, the button sends the
/// photos alone (several at once, chosen or dropped) and the list follows
/// each answer in place, as it does after every change here; photos can
/// also be dragged into a new order.
#[component]
pub fn StaffPhotos(
    kind: Kind,
    id: i64,
    lang: Lang,
    images: Vec<ImageView>,
    flash: Option<PhotoFlash>,
) -> impl IntoView {
    let s = crate::staff::strings::st(lang);
    // The upload in place needs them (hydrated); the plain one has the
    // listing's form's own.
    #[cfg(not(feature = "hydrate"))]
    let _ = (kind, id);
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
    // Only once the page's code runs: dragging, and the upload in place.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let uploading = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let dragged = RwSignal::new(None::<i64>);
    let over = RwSignal::new(None::<i64>);
    let note = move |flash: PhotoFlash| {
        let ok = matches!(
            flash.outcome,
            UploadOutcome::Added | UploadOutcome::TextSaved | UploadOutcome::Restored
        );
        view! {
            <p class=if ok { "form-saved" } else { "form-alert" } role=if ok { "status" } else { "alert" }>
                {flash_message(s, flash)}
            </p>
        }
    };
    // A photo dropped on another: it takes that one's place (the others
    // move along), before it when it came from below, after it otherwise.
    let drop_on = move |target: i64| {
        let (Some(image), true) = (dragged.get_untracked(), hydrated.get_untracked()) else {
            return;
        };
        dragged.set(None);
        over.set(None);
        let order: Vec<i64> = photos.with_untracked(|p| p.iter().map(|i| i.id).collect());
        let (Some(from), Some(to)) = (
            order.iter().position(|i| *i == image),
            order.iter().position(|i| *i == target),
        ) else {
            return;
        };
        let before = match from.cmp(&to) {
            std::cmp::Ordering::Equal => return,
            std::cmp::Ordering::Greater => target,
            // After the target: before the one after it, or last.
            std::cmp::Ordering::Less => order.get(to + 1).copied().unwrap_or(0),
        };
        moving.dispatch(api::MoveImage {
            image,
            earlier: false,
            before: Some(before),
            lang: None,
        });
    };
    let list = move || {
        let all = photos.get();
        let last = all.len().saturating_sub(1);
        all.into_iter().enumerate().map(|(i, image)| {
            let image_id = image.id;
            let (alt_vi, alt_en) = (image.alt_vi.clone(), image.alt_en.clone());
            let here = move || message.get().filter(|m| m.image == Some(image_id));
            let invalid = move || here().filter(|m| m.outcome == UploadOutcome::AltRequired).map(|_| "true");
            let move_form = move |earlier: bool, label: &'static str, disabled: bool| view! {
                <ActionForm action=moving attr:class="inline-form">
                    <input type="hidden" name="image" value=image_id.to_string() />
                    <input type="hidden" name="earlier" value=earlier.to_string() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <button type="submit" class="secondary" disabled=disabled>{label}</button>
                </ActionForm>
            };
            view! {
                <li id=format!("photo-{image_id}")
                    draggable=move || hydrated.get().then_some("true")
                    class:drag-over=move || over.get() == Some(image_id)
                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                        dragged.set(Some(image_id));
                        #[cfg(feature = "hydrate")]
                        if let Some(transfer) = ev.data_transfer() {
                            transfer.set_effect_allowed("move");
                            let _ = transfer.set_data("text/plain", &image_id.to_string());
                        }
                        #[cfg(not(feature = "hydrate"))]
                        let _ = ev;
                    }
                    on:dragend=move |_| { dragged.set(None); over.set(None); }
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        if dragged.get_untracked().is_some() {
                            ev.prevent_default();
                            over.set(Some(image_id));
                        }
                    }
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        if dragged.get_untracked().is_some() {
                            ev.prevent_default();
                            drop_on(image_id);
                        }
                    }>
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
    // Hydrated: the photos alone, sent in the background; the answer is
    // the list as it now is.
    let upload = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if !uploading.get_untracked() {
            let Some(data) = upload::form_data(kind, id, lang) else {
                return;
            };
            uploading.set(true);
            failed.set(false);
            leptos::task::spawn_local(async move {
                let answer = upload::send(data).await;
                uploading.set(false);
                match answer {
                    Some(answer) => {
                        if answer.flash.is_some_and(|f| f.added > 0) {
                            upload::clear();
                        }
                        photos.set(answer.images);
                        message.set(answer.flash);
                    }
                    None => failed.set(true),
                }
            });
        }
    };
    // Files dropped on the upload: they become the chosen files.
    let dropped = move |ev: leptos::ev::DragEvent| {
        if dragged.get_untracked().is_some() {
            return;
        }
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        upload::take_dropped(&ev);
    };
    let form = EDIT_FORM_ID;
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
                (UploadOutcome::Restored | UploadOutcome::NotDeleted, _) | (_, None) => note(m).into_any(),
                _ => ().into_any(),
            })}
            {move || failed.get().then(|| view! { <p class="form-alert" role="alert">{s.photo_upload_failed}</p> })}
            <ul class="gallery-list staff-gallery">{list}</ul>
            <div class="stacked-form photo-upload" on:dragover=move |ev: leptos::ev::DragEvent| {
                    if dragged.get_untracked().is_none() { ev.prevent_default(); }
                } on:drop=dropped>
                <label for="photo-file">{s.photo_file}</label>
                <input id="photo-file" type="file" name="file" form=form multiple
                    accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby="photo-rule" />
                <p id="photo-rule" class="field-hint">
                    {s.photo_rule}
                    {move || hydrated.get().then(|| view! { " "{s.photo_drop_hint} })}
                </p>
                <label for="photo-alt-vi">{s.photo_alt_vi}</label>
                <input id="photo-alt-vi" type="text" name="alt_vi" form=form maxlength="300"
                    on:keydown=no_enter />
                <label for="photo-alt-en">{s.photo_alt_en}</label>
                <input id="photo-alt-en" type="text" name="alt_en" form=form maxlength="300"
                    on:keydown=no_enter />
                <button type="submit" form=form formaction=UPLOAD_PATH formmethod="post"
                    formenctype="multipart/form-data" formnovalidate
                    disabled=move || uploading.get() on:click=upload>
                    {move || if uploading.get() { s.photo_uploading } else { s.photo_upload }}
                </button>
            </div>
        </section>
    }
}

/// The id of a listing's staff form, to which the upload's fields belong.
pub const EDIT_FORM_ID: &str = "edit-form";

/// Enter in an upload's text does not send the listing's form (hydrated).
fn no_enter(ev: leptos::ev::KeyboardEvent) {
    if ev.key() == "Enter" {
        ev.prevent_default();
    }
}

#[cfg(feature = "hydrate")]
mod upload {
    use super::{PhotoAnswer, UPLOAD_PATH};
    use leptos::prelude::document;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{FormData, HtmlInputElement};
    use model::i18n::Lang;
    use model::listing::Kind;

    fn input(id: &str) -> Option<HtmlInputElement> {
        document().get_element_by_id(id)?.dyn_into().ok()
    }

    /// The upload's fields alone (not the listing's typing).
    pub fn form_data(kind: Kind, id: i64, lang: Lang) -> Option<FormData> {
        let data = FormData::new().ok()?;
        data.append_with_str("kind", kind.code()).ok()?;
        data.append_with_str("id", &id.to_string()).ok()?;
        data.append_with_str("lang", lang.code()).ok()?;
        for (name, field) in [("alt_vi", "photo-alt-vi"), ("alt_en", "photo-alt-en")] {
            let value = input(field).map(|i| i.value()).unwrap_or_default();
            data.append_with_str(name, &value).ok()?;
        }
        if let Some(files) = input("photo-file").and_then(|i| i.files()) {
            for i in 0..files.length() {
                if let Some(file) = files.get(i) {
                    data.append_with_blob_and_filename("file", &file, &file.name())
                        .ok()?;
                }
            }
        }
        Some(data)
    }

    /// Sends the photos; none when the answer is not the photos (the
    /// connection, or the session, ended).
    pub async fn send(data: FormData) -> Option<PhotoAnswer> {
        let response = gloo_net::http::Request::post(UPLOAD_PATH)
            .header("Accept", "application/json")
            .body(data)
            .ok()?
            .send()
            .await
            .ok()?;
        if !response.ok() {
            return None;
        }
        response.json().await.ok()
    }

    /// Empties the upload's fields after photos were added.
    pub fn clear() {
        for id in ["photo-file", "photo-alt-vi", "photo-alt-en"] {
            if let Some(input) = input(id) {
                input.set_value("");
            }
        }
    }

    /// Files dropped on the upload become its chosen files.
    pub fn take_dropped(ev: &leptos::web_sys::DragEvent) {
        let files = ev.data_transfer().and_then(|t| t.files());
        if let (Some(files), Some(input)) = (files, input("photo-file"))
            && files.length() > 0
        {
            input.set_files(Some(&files));
        }
    }
}
