//! Title, description, canonical URL, language alternates and OpenGraph
//! tags, rendered into `<head>` on the server.

use crate::context::site_url;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use model::i18n::Lang;
use model::paths;

/// The head tags of one page. `path` is the page's own path without query.
#[component]
pub fn PageMeta(
    /// The page's own title; the site name is appended.
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
    /// OpenGraph type, `website` unless said otherwise.
    #[prop(default = "website")]
    og_type: &'static str,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let site = site_url();
    let t = lang.t();
    let full_title = if title.is_empty() {
        t.site_name.to_owned()
    } else {
        format!("{title} — {}", t.site_name)
    };
    let canonical = format!("{site}{path}");
    let other = format!("{site}{}", paths::switch_language(&path, ""));
    let (vi_url, en_url) = match lang {
        Lang::Vi => (canonical.clone(), other),
        Lang::En => (other, canonical.clone()),
    };
    // Profiles can be embedded (sites that embed links find the card
    // here) and have a preview picture: the first photo or a drawn card.
    let profile = model::listing::Kind::parse_profile_path(&path);
    let oembed = profile
        .as_ref()
        .map(|_| paths::oembed_href(&site, &canonical));
    let preview = profile.map(|(kind, lang, slug)| {
        (
            format!("{site}{}", kind.og_path(lang, &slug)),
            format!("{title} — {}", kind.singular(lang)),
        )
    });
    view! {
        <Title text=title_text(full_title.clone()) />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <Link rel="alternate" hreflang="vi" href=vi_url.clone() />
        <Link rel="alternate" hreflang="en" href=en_url />
        <Link rel="alternate" hreflang="x-default" href=vi_url />
        {oembed.map(|href| view! {
            <Link rel="alternate" type_="application/json+oembed" href=href title=full_title.clone() />
        })}
        <Meta property="og:title" content=full_title />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=canonical />
        <Meta property="og:type" content=og_type />
        <Meta property="og:site_name" content=t.site_name />
        <Meta property="og:locale" content=lang.og_locale() />
        {preview.map(|(image, alt)| view! {
            <Meta property="og:image" content=image />
            <Meta property="og:image:width" content="1200" />
            <Meta property="og:image:height" content="630" />
            <Meta property="og:image:alt" content=alt />
            <Meta name="twitter:card" content="summary_large_image" />
        })}
    }
}

/// The text to give leptos_meta's `<Title>`. On the server it writes the
/// text into `<title>` as it is, so there it must be escaped; in the
/// browser it sets `document.title`, which takes plain text.
pub fn title_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        model::text::escape_html(&text)
    } else {
        text
    }
}

/// A schema.org description of the page's subject, as JSON-LD, escaped so
/// that no text can close the script element or open a comment in it.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    let json = model::text::json_for_script(&value);
    view! { <script type="application/ld+json" inner_html=json></script> }
}
