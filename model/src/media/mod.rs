//! Photo records: the limits of an upload, the answers to it, one photo as
//! a page shows it (`srcset` in two formats), and the queries (`db`,
//! server only). Decoding and re-encoding are the server crate's
//! (`server::media`).

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::i18n::Lang;
use crate::listing::Kind;
use serde::{Deserialize, Serialize};

/// What a photo belongs to: a listing, or a partner's tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Listing(Kind),
    Tour,
}

impl Target {
    /// The table of what the photo belongs to (the `images.target` text).
    pub fn table(self) -> &'static str {
        match self {
            Self::Listing(kind) => kind.table(),
            Self::Tour => "tours",
        }
    }

    /// The target whose table is `name`.
    pub fn of_table(name: &str) -> Option<Self> {
        match name {
            "tours" => Some(Self::Tour),
            _ => Kind::of_table(name).map(Self::Listing),
        }
    }
}

/// Where the files are served from.
pub const MEDIA_PREFIX: &str = "/media";
/// Where the upload form posts.
pub const UPLOAD_PATH: &str = "/api/staff/images";
/// Where a partner's tour photo upload posts.
pub const TOUR_UPLOAD_PATH: &str = "/api/staff/tour-images";
/// The widths written (never more than the original's).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The largest upload accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most files one upload takes (several chosen or dropped at once).
pub const MAX_FILES: usize = 10;
/// The most bytes of files one upload holds (the rest are "too large").
pub const MAX_UPLOAD_BYTES: usize = 40 * 1024 * 1024;
/// The most pixels accepted (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most the long side may be of the short side (the encoders take at
/// most 16,383 px a side; 10 × 1,600 px stays under that).
pub const MAX_ASPECT: u32 = 10;

/// The answer to an upload, shown once on the listing's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadOutcome {
    Added,
    NoFile,
    TooLarge,
    /// More than [`MAX_FILES`] files, or over [`MAX_UPLOAD_BYTES`]
    /// together: those after were not taken.
    TooMany,
    NotAnImage,
    TooManyPixels,
    Unreadable,
    /// Longer than [`MAX_ASPECT`] times its width, or the other way round.
    BadShape,
    /// Too many photos are being processed; sent again later.
    Busy,
    AltRequired,
    /// A photo's text was changed.
    TextSaved,
    /// A photo was deleted (it can be taken back: the flash names it).
    Deleted,
    /// A deleted photo was taken back.
    Restored,
    /// Taken back already (or never deleted).
    NotDeleted,
}

/// A message about the photos for the form: about one photo (`image`), or
/// the upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoFlash {
    pub outcome: UploadOutcome,
    pub image: Option<i64>,
    /// Photos an upload added (several files at once): with another
    /// outcome, those before the file it concerns were added.
    #[serde(default)]
    pub added: u32,
}

impl PhotoFlash {
    /// A message about one photo, or about the photos (`image` none).
    pub fn new(outcome: UploadOutcome, image: Option<i64>) -> Self {
        Self {
            outcome,
            image,
            added: 0,
        }
    }
}

/// The answer to a change of a listing's photos: the photos now, in
/// order, and a message for the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoAnswer {
    pub images: Vec<ImageView>,
    pub flash: Option<PhotoFlash>,
}

/// A photo's text as stored: trimmed, single spaces, at most 300
/// characters.
pub fn clean_alt(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(300)
        .collect()
}

/// The session key of the last upload's answer.
pub const UPLOAD_FLASH: &str = "upload_flash";

/// The folder, inside the photos' folder, that deleted photos' files move
/// to until they go for good; the media route never serves it.
pub const TRASH_DIR: &str = ".trash";

/// Deleted photos go for good after this many days.
pub const TRASH_DAYS: i64 = 30;

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
