//! Title, description, canonical URL, language alternates and OpenGraph
//! tags, rendered into `<head>` on the server.

use crate::context::site_url;
use crate::i18n::{Lang, use_lang};
use crate::paths;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

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
        <Title text=full_title.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <Link rel="alternate" hreflang="vi" href=vi_url.clone() />
        <Link rel="alternate" hreflang="en" href=en_url />
        <Link rel="alternate" hreflang="x-default" href=vi_url />
        <Meta property="og:title" content=full_title />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=canonical />
        <Meta property="og:type" content=og_type />
        <Meta property="og:site_name" content=t.site_name />
        <Meta property="og:locale" content=lang.og_locale() />
    }
}

/// A schema.org description of the page's subject, as JSON-LD. `</` is
/// escaped so that no text can close the script element.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    let json = value.to_string().replace("</", "<\\/");
    view! { <script type="application/ld+json" inner_html=json></script> }
}
