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
    view! {
        <Title text=title_text(full_title.clone()) />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <Link rel="alternate" hreflang="vi" href=vi_url.clone() />
        <Link rel="alternate" hreflang="en" href=en_url />
        <Link rel="alternate" hreflang="x-default" href=vi_url />
        <Meta property="og:title" content=full_title.clone() />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=canonical />
        <Meta property="og:type" content=og_type />
        <Meta property="og:site_name" content=t.site_name />
        <Meta property="og:locale" content=lang.og_locale() />
        // What the preview picture shows (a profile's is named in the
        // shell, see [`ProfileHeadTags`]): the page it leads to.
        <Meta property="og:image:alt" content=full_title />
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

/// The head tags of a profile that only crawlers and link-preview fetchers
/// read: its preview picture (`og:image`, the first photo or a drawn card,
/// 1200 × 630) and its oEmbed discovery link. Written by the shell on the
/// server from the request's path, so the browser bundle never carries
/// them (as views of `PageMeta` they cost ~26 KB of hydration code).
#[component]
pub fn ProfileHeadTags() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let path = use_context::<http::request::Parts>().map(|p| p.uri.path().to_owned());
        let profile = path
            .as_deref()
            .and_then(model::listing::Kind::parse_profile_path);
        profile.map(|(kind, lang, slug)| {
            let site = site_url();
            let page = format!("{site}{}", kind.profile_path(lang, &slug));
            let image = format!("{site}{}", kind.og_path(lang, &slug));
            // Plain elements in the shell's head, not leptos_meta's: the
            // browser's hydration of the page's own head tags claims those
            // in order, and tags it does not render would shift them.
            use leptos::tachys::html::attribute::custom::CustomAttribute;
            let meta = |key: &'static str, name: &'static str, value: String| {
                leptos::html::meta().attr(key, name).attr("content", value)
            };
            (
                meta("property", "og:image", image),
                meta("property", "og:image:width", "1200".to_owned()),
                meta("property", "og:image:height", "630".to_owned()),
                meta("name", "twitter:card", "summary_large_image".to_owned()),
                leptos::html::link()
                    .attr("rel", "alternate")
                    .attr("type", "application/json+oembed")
                    .attr("href", paths::oembed_href(&site, &page)),
            )
        })
    }
}
