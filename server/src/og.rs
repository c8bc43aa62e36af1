//! Link previews (`og:image`, 1200 × 630) for Zalo, Facebook and
//! messengers: the listing's first photo cut to that shape, or else a card
//! drawn on the server — the listing's name with its diacritics, its kind
//! and its commune — as SVG rendered by `resvg` with the bundled Be Vietnam
//! Pro font (SIL OFL, `server/fonts/`). Made once per listing and language
//! until the listings change, and kept in memory.

use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use model::i18n::Lang;
use model::listing::Kind;
use model::search::SearchHit;
use model::text::escape_html as e;
use resvg::{tiny_skia, usvg};
use skrifa::MetadataProvider;
use std::sync::{Arc, LazyLock};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
const REGULAR: &[u8] = include_bytes!("../fonts/BeVietnamPro-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/BeVietnamPro-Bold.ttf");
/// The width the name may take.
const TEXT_WIDTH: f32 = 1040.0;
const LEFT: f32 = 80.0;

/// The fonts, loaded once.
static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    Arc::new(db)
});

/// How wide `text` is in the bold font at `size` pixels.
fn text_width(text: &str, size: f32) -> f32 {
    let Ok(font) = skrifa::FontRef::new(BOLD) else {
        return 0.0;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(
        skrifa::instance::Size::new(size),
        skrifa::instance::LocationRef::default(),
    );
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Whether the font has a glyph for every letter of `text`.
pub fn covers(text: &str) -> bool {
    skrifa::FontRef::new(BOLD).is_ok_and(|font| {
        let charmap = font.charmap();
        text.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| charmap.map(c).is_some_and(|g| g.to_u32() != 0))
    })
}

/// `text` in lines of at most `width` pixels at `size`, at most `max`
/// lines (the last one cut with "…").
fn wrap(text: &str, size: f32, width: f32, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), size) > width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The card's SVG.
fn card_svg(hit: &SearchHit, lang: Lang) -> String {
    let t = lang.t();
    let name = hit.name(lang);
    // The largest size at which the name fits in three lines.
    let (size, lines) = [72.0, 62.0, 54.0]
        .into_iter()
        .map(|size| (size, wrap(name, size, TEXT_WIDTH, 3)))
        .find(|(size, lines)| {
            lines.len() < 3 || !lines.last().is_some_and(|l| l.ends_with('…')) || *size <= 54.0
        })
        .unwrap_or((54.0, wrap(name, 54.0, TEXT_WIDTH, 3)));
    let line_height = size * 1.2;
    // The first line's baseline: below the kind, by the letters' height.
    let top = 190.0 + size * 0.9;
    let name_lines: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            format!(
                "<tspan x=\"{LEFT}\" y=\"{:.0}\">{}</tspan>",
                top + i as f32 * line_height,
                e(line)
            )
        })
        .collect();
    let place = hit
        .commune
        .as_deref()
        .map(|c| model::area::unit_name(c, lang))
        .unwrap_or_default();
    let place_y = top + (lines.len() as f32 - 1.0) * line_height + 78.0;
    // A band of brocade diamonds along the top, as on the drawings of
    // listings without photos.
    let diamonds: String = (0..31)
        .map(|i| {
            let x = i * 40;
            format!("M{x} 40 l20 -22 l20 22 l-20 22 z ")
        })
        .collect();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="#fffdf9"/>
<rect width="{WIDTH}" height="80" fill="#7a2e1d"/>
<path d="{diamonds}" fill="none" stroke="#e9c9a8" stroke-width="3"/>
<text x="{LEFT}" y="150" font-family="Be Vietnam Pro" font-weight="700" font-size="30" fill="#7a2e1d" letter-spacing="2">{kind}</text>
<text font-family="Be Vietnam Pro" font-weight="700" font-size="{size}" fill="#1d1b19">{name_lines}</text>
<text x="{LEFT}" y="{place_y:.0}" font-family="Be Vietnam Pro" font-weight="400" font-size="36" fill="#55504a">{place}</text>
<rect y="{footer_y}" width="{WIDTH}" height="2" fill="#e4ddd3"/>
<text x="{LEFT}" y="{footer_text}" font-family="Be Vietnam Pro" font-weight="700" font-size="30" fill="#7a2e1d">{site}</text>
</svg>"##,
        kind = e(&hit.kind.singular(lang).to_uppercase()),
        place = e(&place),
        footer_y = HEIGHT - 100,
        footer_text = HEIGHT - 42,
        site = e(t.site_name),
    )
}

/// The drawn card as PNG.
pub fn card_png(hit: &SearchHit, lang: Lang) -> Option<Vec<u8>> {
    let options = usvg::Options {
        fontdb: FONTS.clone(),
        font_family: "Be Vietnam Pro".to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&card_svg(hit, lang), &options).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

/// A photo cut to 1200 × 630 from its middle, as JPEG.
fn photo_jpeg(path: &std::path::Path) -> Option<Vec<u8>> {
    let image = image::open(path).ok()?;
    let cut = image.resize_to_fill(WIDTH, HEIGHT, image::imageops::FilterType::Triangle);
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&cut.to_rgb8())
        .ok()?;
    Some(out.into_inner())
}

/// `?lang=en`: the English page's preview.
#[derive(serde::Deserialize)]
pub struct OgQuery {
    lang: Option<String>,
}

/// Made previews, by listing, language, the photo they were cut from
/// (`None`: drawn) and the listings' generation, so that a new name or a
/// new first photo makes a new one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OgKey {
    generation: u64,
    kind: Kind,
    slug: String,
    lang: Lang,
    photo: Option<String>,
}

pub type OgCache = moka::sync::Cache<OgKey, (&'static str, Arc<[u8]>)>;

/// A cache of at most 32 MB of previews.
pub fn new_cache() -> OgCache {
    moka::sync::Cache::builder()
        .max_capacity(32 * 1024 * 1024)
        .weigher(|_: &OgKey, v: &(&'static str, Arc<[u8]>)| {
            u32::try_from(v.1.len()).unwrap_or(u32::MAX)
        })
        .build()
}

/// The preview of a published listing (`None`: there is none).
async fn preview_of(
    state: &AppState,
    kind: Kind,
    slug: &str,
    lang: Lang,
) -> Result<Option<(&'static str, Arc<[u8]>)>, sqlx::Error> {
    let Some((hit, photo)) = crate::embed::listing(state, kind, slug).await? else {
        return Ok(None);
    };
    // The largest size made of the first photo.
    let file = photo.as_ref().and_then(|p| {
        let w = p.widths.iter().max().copied()?;
        Some(format!("{}-{w}.jpg", p.stem))
    });
    let key = OgKey {
        generation: state.index.generation(),
        kind,
        slug: slug.to_owned(),
        lang,
        photo: file.clone(),
    };
    if let Some(made) = state.og_cache.get(&key) {
        return Ok(Some(made));
    }
    let path = file.map(|f| state.media_dir.join(f));
    let made = tokio::task::spawn_blocking(move || {
        if let Some(jpeg) = path.as_deref().and_then(photo_jpeg) {
            return Some(("image/jpeg", jpeg));
        }
        card_png(&hit, lang).map(|png| ("image/png", png))
    })
    .await
    .ok()
    .flatten()
    .map(|(content_type, bytes)| (content_type, Arc::<[u8]>::from(bytes)));
    if let Some(made) = &made {
        state.og_cache.insert(key, made.clone());
    }
    Ok(made)
}

/// `/og/{kind}/{slug}`: the preview of a published listing.
pub async fn preview(
    State(state): State<AppState>,
    Path((kind, slug)): Path<(String, String)>,
    Query(query): Query<OgQuery>,
) -> Response {
    let lang = if query.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    };
    let Some(kind) = Kind::parse(&kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if model::text::Slug::parse(&slug)
        .ok()
        .map(|s| s.as_str().to_owned())
        != Some(slug.clone())
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (content_type, bytes) = match preview_of(&state, kind, &slug, lang).await {
        Ok(Some(made)) => made,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "a link preview could not be made");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        axum::body::Bytes::from_owner(bytes),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn hit(name: &str) -> SearchHit {
        SearchHit {
            kind: Kind::Village,
            slug: "x".into(),
            name_vi: name.into(),
            name_en: String::new(),
            commune: Some("Xã Mai Châu".into()),
            districts: Vec::new(),
            summary_vi: None,
            summary_en: None,
            badges: Vec::new(),
        }
    }

    #[test]
    fn the_font_has_every_vietnamese_letter() {
        let all = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        assert!(covers(all));
        assert!(covers(&all.to_uppercase()));
        assert!(!covers("漢"), "a letter the font lacks is found out");
    }

    #[test]
    fn long_names_wrap_within_the_card_and_are_cut_after_three_lines() {
        let long = "Làng nghề dệt thổ cẩm và du lịch cộng đồng của đồng bào Thái trắng ở bản Lác xã Chiềng Châu huyện Mai Châu tỉnh Hòa Bình cũ nay thuộc tỉnh Phú Thọ";
        let lines = wrap(long, 72.0, TEXT_WIDTH, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        for line in &lines {
            assert!(text_width(line, 72.0) <= TEXT_WIDTH, "{line}");
        }
        assert_eq!(wrap("Bản Lác", 72.0, TEXT_WIDTH, 3), ["Bản Lác"]);
    }

    #[test]
    fn the_card_is_drawn_with_its_text_and_escapes_it() {
        let png = card_png(&hit("Làng nghề <b>dệt</b> & \"thổ cẩm\" Bản Lác"), Lang::Vi).unwrap();
        let image = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (WIDTH, HEIGHT));
        // Dark text pixels where the name stands, none below the footer line.
        let dark = |y0: u32, y1: u32| {
            (y0..y1)
                .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
                .filter(|&(x, y)| image.get_pixel(x, y).0.iter().all(|&c| c < 80))
                .count()
        };
        assert!(dark(180, 300) > 2000, "the name is drawn");
        assert_eq!(dark(HEIGHT - 20, HEIGHT), 0);
    }
}
