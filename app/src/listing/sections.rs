//! The building blocks of profile pages: facts, place, related listings,
//! source, text and nearby listings.
//!
//! Real data is sparse, so a profile leads with what is known: a block
//! whose facts are all missing is left out, and the missing facts are
//! named once, in one quiet line near the end ([`Gaps`], [`NotYetRecorded`]).

use super::{ListingRef, Place, decimal};
use crate::area::unit_name;
use leptos::prelude::*;
use model::craft::TradeGroup;
use model::i18n::Lang;

/// The labels of the facts a profile does not have yet, collected while its
/// blocks are built.
#[derive(Default)]
pub struct Gaps(Vec<&'static str>);

impl Gaps {
    /// The rows whose value is known; the labels of the others are noted.
    pub fn known(
        &mut self,
        rows: Vec<(&'static str, Option<String>)>,
    ) -> Vec<(&'static str, String)> {
        rows.into_iter()
            .filter_map(|(label, value)| match value {
                Some(v) if !v.trim().is_empty() => Some((label, v)),
                _ => {
                    self.0.push(label);
                    None
                }
            })
            .collect()
    }

    /// `value`, noting `label` when it is missing.
    pub fn note<T>(&mut self, label: &'static str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.0.push(label);
        }
        value
    }

    /// `items`, noting `label` when there are none.
    pub fn list<T>(&mut self, label: &'static str, items: Vec<T>) -> Vec<T> {
        if items.is_empty() {
            self.0.push(label);
        }
        items
    }

    pub fn into_labels(self) -> Vec<&'static str> {
        self.0
    }
}

/// A list of facts: label and value; `ids` gives some values a test id
/// (by label).
#[component]
pub fn FactList(
    rows: Vec<(&'static str, String)>,
    #[prop(optional)] ids: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <dl class="facts">
            {rows
                .into_iter()
                .map(|(label, value)| {
                    let id = ids.iter().find(|(l, _)| *l == label).map(|(_, id)| *id);
                    view! { <dt>{label}</dt><dd data-testid=id>{value}</dd> }
                })
                .collect_view()}
        </dl>
    }
}

/// A heading and its facts; nothing when no fact is known.
#[component]
pub fn FactSection(heading: &'static str, rows: Vec<(&'static str, String)>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <section class="profile-section">
                <h2>{heading}</h2>
                <FactList rows />
            </section>
        }
    })
}

/// The facts of a place: the commune now, the former commune and district,
/// the coordinates (marked when they are the commune's centre).
pub fn place_rows(place: &Place, lang: Lang) -> Vec<(&'static str, Option<String>)> {
    let t = lang.t();
    let districts = place
        .former_districts
        .iter()
        .map(|d| unit_name(&d.name, lang))
        .collect::<Vec<_>>();
    vec![
        (
            t.commune_now,
            place.commune.as_ref().map(|(_, c)| unit_name(c, lang)),
        ),
        (
            t.former_commune,
            place.former_commune.as_deref().map(|c| unit_name(c, lang)),
        ),
        (
            t.former_district,
            (!districts.is_empty()).then(|| districts.join(", ")),
        ),
        (
            t.coordinates,
            coordinates_text(place.latitude, place.longitude, place.approximate, lang),
        ),
    ]
}

/// "20.6531, 105.0357", with "(approximate)" for a commune's centre.
pub fn coordinates_text(
    latitude: Option<f64>,
    longitude: Option<f64>,
    approximate: bool,
    lang: Lang,
) -> Option<String> {
    let (lat, lon) = latitude.zip(longitude)?;
    Some(if approximate {
        format!("{lat:.4}, {lon:.4} ({})", lang.t().approximate_coords)
    } else {
        format!("{lat:.4}, {lon:.4}")
    })
}

/// The facts a profile does not have yet, in one line.
#[component]
pub fn NotYetRecorded(gaps: Gaps, lang: Lang) -> impl IntoView {
    let labels = gaps.into_labels();
    (!labels.is_empty()).then(|| {
        view! {
            <p class="gaps" data-testid="not-recorded">
                <strong>{lang.t().not_yet_recorded}</strong> " " {labels.join(" · ")}
            </p>
        }
    })
}

/// The link to the listing's suggestion form ("suggest a correction /
/// this is my business"), below the line of what is not yet recorded.
#[component]
pub fn SuggestLink(kind: model::listing::Kind, slug: String, lang: Lang) -> impl IntoView {
    view! {
        <p class="suggest-link">
            <a href=model::suggestion::form_path(lang, kind, &slug, false) rel="nofollow" data-testid="suggest-link">
                {lang.t().suggest_link}
            </a>
        </p>
    }
}

/// The share panel's inside: the profile's permanent address, whole and
/// selected at one tap (to copy, with or without JavaScript; it wraps on a
/// phone) and its QR code, shown and linked as SVG (for print) or PNG.
/// Every value is escaped here.
fn share_html(
    kind: model::listing::Kind,
    slug: &str,
    name: &str,
    lang: Lang,
    site: &str,
) -> String {
    use model::text::escape_html as e;
    let t = lang.t();
    let address = format!("{site}{}", kind.profile_path(lang, slug));
    let svg = kind.qr_path(lang, slug, "svg");
    let png = kind.qr_path(lang, slug, "png");
    format!(
        "<h2>{}</h2><p>{}</p><p class=\"share-address\"><code>{}</code></p>{copy}\
         <div class=\"share-qr\"><img src=\"{}\" width=\"160\" height=\"160\" alt=\"{}\" loading=\"lazy\">\
         <p>{} <a href=\"{}\" data-testid=\"qr-svg\">SVG</a> <a href=\"{}\" data-testid=\"qr-png\">PNG</a></p></div>\
         <p>{}</p><p class=\"share-address\" data-testid=\"embed-code\"><code>{}</code></p>{copy}",
        e(t.share_heading),
        e(t.share_address),
        e(&address),
        e(&svg),
        e(t.share_qr_alt),
        e(t.share_qr_download),
        e(&svg),
        e(&png),
        e(t.share_embed),
        e(&model::listing::embed::iframe(
            site,
            kind,
            lang,
            slug,
            name,
            model::listing::embed::WIDTH
        )),
        // Shown once the page has hydrated (the stylesheet hides it before):
        // copies the address above it.
        copy = format!(
            "<button type=\"button\" class=\"copy-button\" data-copy data-done=\"{}\">{}</button>",
            e(t.share_copied),
            e(t.share_copy)
        ),
    )
}

/// What a tourism partner or visitor shares the profile with (see
/// [`share_html`]). Its inside is one piece of HTML: as a view of its own
/// elements it grew the public bundle by about 30 KB brotli.
#[component]
pub fn SharePanel(
    kind: model::listing::Kind,
    slug: String,
    /// The listing's name in the page's language (the embed's title).
    name: String,
    lang: Lang,
) -> impl IntoView {
    let html = share_html(kind, &slug, &name, lang, &crate::context::site_url());
    view! { <section class="profile-section share" data-testid="share" inner_html=html></section> }
}

/// Links to related listings under a heading; nothing when there are none
/// (the profile names the gap with [`Gaps::list`]).
#[component]
pub fn RelatedSection(
    heading: &'static str,
    items: Vec<ListingRef>,
    lang: Lang,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="profile-section related" data-testid=test_id>
                <h2>{heading}</h2>
                <ul class="related-list">
                    {items.into_iter().map(|r| view! {
                        <li><span class="hit-kind">{r.kind.singular(lang)}</span> " " <a href=r.href(lang)>{r.name(lang).to_owned()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// What stands where a listing has no photo: a drawing of its trade group,
/// captioned as a drawing (never a photo that pretends to be the place).
#[component]
pub fn GroupDrawing(group: TradeGroup, lang: Lang) -> impl IntoView {
    let caption = (lang.t().photo_placeholder)(group.name(lang));
    view! {
        <figure class="group-drawing" data-testid="group-drawing">
            <svg
                viewBox="0 0 320 120"
                aria-hidden="true"
                focusable="false"
                class=format!("drawing group-{}", group.number())
                inner_html=format!(r#"<rect width="320" height="120" class="drawing-bg"/>{}"#, drawing(group.number()))
            ></svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

/// The motif of each trade group, as SVG shapes (fixed markup, no data;
/// stroke and fill come from the stylesheet). One string each rather than
/// six views keeps the browser bundle small.
fn drawing(group: u8) -> &'static str {
    match group {
        // Processing farm, forest and fishery products: jars of rice wine.
        1 => {
            r#"<path class="motif" d="M60 95 q-18 -30 0 -50 h30 q18 20 0 50 z M70 45 v-10 h10 v10"/><path class="motif" d="M140 95 q-22 -34 0 -58 h36 q22 24 0 58 z M152 37 v-12 h12 v12"/><path class="motif" d="M230 95 q-16 -26 0 -44 h26 q16 18 0 44 z M238 51 v-9 h10 v9"/>"#
        }
        // Wood, rattan and bamboo, textiles: a brocade band of diamonds.
        2 => {
            r#"<path class="motif" d="M0 60 l20 -30 l20 30 l-20 30 z M40 60 l20 -30 l20 30 l-20 30 z M80 60 l20 -30 l20 30 l-20 30 z M120 60 l20 -30 l20 30 l-20 30 z M160 60 l20 -30 l20 30 l-20 30 z M200 60 l20 -30 l20 30 l-20 30 z M240 60 l20 -30 l20 30 l-20 30 z M280 60 l20 -30 l20 30 l-20 30 z"/><path class="motif-line" d="M0 22 h320 M0 98 h320"/>"#
        }
        // Processing materials: stacked blocks.
        3 => {
            r#"<path class="motif" d="M70 95 h60 v-25 h-60 z M130 95 h60 v-25 h-60 z M100 70 h60 v-25 h-60 z M190 95 h60 v-25 h-60 z"/>"#
        }
        // Fine-art handicrafts: an ornamental stone on its stand.
        4 => {
            r#"<path class="motif" d="M130 90 q-20 -20 0 -45 q10 -25 35 -10 q30 5 20 30 q5 20 -20 25 z"/><path class="motif-line" d="M110 95 h100"/>"#
        }
        // Ornamental plants: leaves.
        5 => {
            r#"<path class="motif" d="M160 100 q-50 -30 -30 -80 q40 30 30 80 z M160 100 q50 -30 30 -80 q-40 30 -30 80 z"/><path class="motif-line" d="M160 100 v10"/>"#
        }
        // Services for rural life: a house on stilts.
        _ => {
            r#"<path class="motif" d="M110 60 l50 -35 l50 35 z M120 60 h80 v25 h-80 z"/><path class="motif-line" d="M125 85 v20 M160 85 v20 M195 85 v20"/>"#
        }
    }
}

/// The source of a listing's facts.
#[component]
pub fn SourceSection(
    url: String,
    /// The sources of single facts, with their dates and notes.
    sources: Vec<model::listing::sources::Citation>,
    lang: Lang,
) -> impl IntoView {
    let t = lang.t();
    let text = url.clone();
    let items = sources
        .into_iter()
        .map(|c| {
            let host = c.host().to_owned();
            let note = c.note_in(lang).map(str::to_owned);
            let date = c.date_text().unwrap_or_else(|| t.source_no_date.to_owned());
            let about = lang.pick(&c.about_vi, &c.about_en);
            let about = if about.is_empty() {
                t.source_whole_record.to_owned()
            } else {
                about.to_owned()
            };
            view! {
                <li>
                    <a href=c.url rel="external noopener" class="source-link">{host}</a>
                    " (" {date} ") — " {t.source_for} " " <span class="source-fields">{about}</span>
                    {note.map(|note| view! { <br /><span class="source-note">{note}</span> })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let by_fact = (!items.is_empty()).then(|| {
        view! {
            <h3>{t.sources_by_fact}</h3>
            <ul class="sources" data-testid="sources">{items}</ul>
        }
    });
    view! {
        <section class="profile-section" id="sources">
            <h2>{t.source}</h2>
            <p><a href=url rel="external noopener" class="source-link">{text}</a></p>
            {by_fact}
        </section>
    }
}

/// A text under its heading; nothing when the text is missing (the
/// profile names the gap with [`Gaps::note`]).
#[component]
pub fn TextSection(heading: &'static str, text: Option<String>) -> impl IntoView {
    text.map(|text| {
        view! {
            <section class="profile-section">
                <h2>{heading}</h2>
                <p>{text}</p>
            </section>
        }
    })
}

/// Listings near this one, with their distance.
#[component]
pub fn NearbySection(
    items: Vec<model::search::NearbyHit>,
    /// The listing's own point, for the link to the map centred there.
    point: Option<(f64, f64)>,
    lang: Lang,
) -> impl IntoView {
    // Without a point of its own nothing can be near it (the gaps line
    // names the missing coordinates).
    let p = point?;
    let map_href = model::map::MapQuery {
        search: model::search::DirectoryQuery::default(),
        bbox: Some(model::map::Bbox::around(p, model::search::NEARBY_RADIUS_KM)),
        zoom: None,
    }
    .href(model::paths::map(lang));
    let heading = (lang.t().nearby_heading)(model::search::NEARBY_RADIUS_KM);
    Some(view! {
        <section class="profile-section related" data-testid="nearby">
            <h2>{heading}</h2>
            <p class="small">{lang.t().nearby_note}</p>
            <p><a href=map_href data-testid="nearby-map">{lang.t().nearby_map}</a></p>
            {if items.is_empty() {
                view! { <p class="missing">{lang.t().nearby_none}</p> }.into_any()
            } else {
                view! {
                    <ol class="related-list">
                        {items.into_iter().map(|n| {
                            let km = if n.km < 0.05 {
                                lang.t().nearby_same_point.to_owned()
                            } else {
                                format!("{} km", decimal(lang, n.km, 1))
                            };
                            view! {
                                <li>
                                    <span class="hit-kind">{n.hit.kind.singular(lang)}</span> " "
                                    <a href=n.hit.href(lang)>{n.hit.name(lang).to_owned()}</a>
                                    " " <span class="small">"("{km}")"</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_panel_escapes_what_it_shows() {
        let html = share_html(
            model::listing::Kind::Village,
            "a\"><script>x</script>",
            "<img src=x onerror=alert(1)>",
            Lang::En,
            "https://x.example/?a=1&b=2",
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(
            !html.contains("<iframe"),
            "the embed code is shown, not run: {html}"
        );
        assert!(
            html.contains("&lt;iframe src=&quot;https://x.example/?a=1&amp;amp;b=2/en/embed/"),
            "{html}"
        );
        assert!(html.contains("<code>https://x.example/?a=1&amp;b=2/en/craft-villages/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;</code>"), "{html}");
        assert!(
            html.contains(
                "href=\"/qr/village/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;.png?lang=en\""
            ),
            "{html}"
        );
    }
}
