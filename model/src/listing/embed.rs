//! Embeddable cards: the `<iframe>` a partner pastes into their own site,
//! given by the share panel and by the oEmbed endpoint alike.

use super::Kind;
use crate::base::i18n::Lang;
use crate::base::text::escape_html;

/// The card's size: wide enough for a photo beside the text.
pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 220;
/// The narrowest card an oEmbed consumer may ask for.
pub const MIN_WIDTH: u32 = 240;

/// The `<iframe>` of a listing's card, every value escaped for its
/// attribute.
pub fn iframe(site: &str, kind: Kind, lang: Lang, slug: &str, title: &str, width: u32) -> String {
    format!(
        "<iframe src=\"{}\" width=\"{width}\" height=\"{HEIGHT}\" title=\"{}\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        escape_html(&format!("{site}{}", kind.embed_path(lang, slug))),
        escape_html(title),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_iframe_escapes_what_it_is_given() {
        let html = iframe(
            "https://x.example",
            Kind::Village,
            Lang::En,
            "ban-lac",
            "\"><script>alert(1)</script>",
            WIDTH,
        );
        assert!(html.starts_with(
            "<iframe src=\"https://x.example/en/embed/craft-villages/ban-lac\" width=\"480\""
        ));
        assert!(!html.contains("<script"));
        assert!(html.contains("title=\"&quot;&gt;&lt;script&gt;"));
    }
}
