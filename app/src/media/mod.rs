//! Photos of listings: what pages show (a gallery with `srcset`), the
//! public read and the staff delete. Uploads are a plain multipart form
//! handled by the server crate (`server::media`), which decodes, checks and
//! re-encodes them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;

use crate::i18n::{Lang, use_lang};
use crate::search::Kind;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the files are served from.
pub const MEDIA_PREFIX: &str = "/media";
/// Where the upload form posts.
pub const UPLOAD_PATH: &str = "/api/staff/images";
/// The widths written (never more than the original's).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The largest upload accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels accepted (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;

/// The answer to an upload, shown once on the listing's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadOutcome {
    Added,
    NoFile,
    TooLarge,
    NotAnImage,
    TooManyPixels,
    Unreadable,
    AltRequired,
}

/// The session key of the last upload's answer.
pub const UPLOAD_FLASH: &str = "upload_flash";

/// The folder the photos are written to (server context).
#[derive(Clone, Debug)]
pub struct MediaDir(pub std::path::PathBuf);

/// One photo as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageView {
    pub id: i64,
    pub stem: String,
    pub widths: Vec<u32>,
    pub width: u32,
    pub height: u32,
    pub alt_vi: String,
    pub alt_en: String,
}

impl ImageView {
    fn file(&self, width: u32, ext: &str) -> String {
        format!("{MEDIA_PREFIX}/{}-{width}.{ext}", self.stem)
    }

    /// `srcset` of one format.
    pub fn srcset(&self, ext: &str) -> String {
        self.widths
            .iter()
            .map(|w| format!("{} {w}w", self.file(*w, ext)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The fallback `src`: the middle size.
    pub fn src(&self) -> String {
        let w = self
            .widths
            .get(self.widths.len() / 2)
            .copied()
            .unwrap_or(self.width);
        self.file(w, "jpg")
    }

    pub fn alt(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.alt_en.is_empty() => &self.alt_en,
            _ => &self.alt_vi,
        }
    }
}

/// A profile's photos: WebP with a JPEG fallback, each in its sizes.
#[component]
pub fn Gallery(kind: Kind, id: i64) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let images = Resource::new(move || (kind, id), |(k, i)| api::listing_images(k, i));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let images = images.await.unwrap_or_default();
                (!images.is_empty()).then(|| view! {
                    <section class="gallery" aria-labelledby="gallery-title">
                        <h2 id="gallery-title">{lang.pick("Hình ảnh", "Photos")}</h2>
                        <ul class="gallery-list">
                            {images.into_iter().map(|image| view! {
                                <li><Photo image lang sizes="(min-width: 60rem) 30rem, 100vw" /></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
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

fn upload_message(
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
        UploadOutcome::AltRequired => s.photo_alt_required,
    }
}

/// A listing's photos on its staff form: each with a delete button, and
/// the upload form (a plain multipart post, with or without JavaScript).
#[component]
pub fn StaffPhotos(
    kind: Kind,
    id: i64,
    lang: Lang,
    images: Vec<ImageView>,
    flash: Option<UploadOutcome>,
) -> impl IntoView {
    let s = crate::staff::strings::st(lang);
    let delete = ServerAction::<api::DeleteImage>::new();
    // Deleted while hydrated: hidden without a reload.
    let deleted = RwSignal::new(Vec::<i64>::new());
    let pending = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if let Some(input) = delete.input().get() {
            pending.set(Some(input.image));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get()
            && let Some(image) = pending.get_untracked()
        {
            deleted.update(|d| d.push(image));
        }
    });
    view! {
        <section class="staff-photos" id="photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{s.photos}</h2>
            {flash.map(|outcome| {
                let ok = outcome == UploadOutcome::Added;
                view! {
                    <p class=if ok { "form-saved" } else { "form-alert" } role=if ok { "status" } else { "alert" }>
                        {upload_message(s, outcome)}
                    </p>
                }
            })}
            <ul class="gallery-list">
                {images.into_iter().map(|image| {
                    let image_id = image.id;
                    view! {
                        <li hidden=move || deleted.read().contains(&image_id)>
                            <Photo image lang sizes="15rem" />
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="image" value=image_id.to_string() />
                                <input type="hidden" name="lang" value=lang.code() />
                                <button type="submit">{s.photo_delete}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="stacked-form" method="post" enctype="multipart/form-data" action=UPLOAD_PATH>
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
