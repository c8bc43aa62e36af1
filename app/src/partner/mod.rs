//! Tourism partners in public: an organisation's page (`/doi-tac/{slug}`,
//! `/en/partners/{slug}`) with its details and published tours, and the
//! tour cards village pages show ("Tours that visit this village").
//!
//! The cards are one piece of HTML drawn on the server with every value
//! escaped, as the Visit section is: as views of their own they would grow
//! the public bundle for a block few pages show.

use crate::error::AppError;
use crate::seo::PageMeta;
use crate::status::profile_route;
use leptos::prelude::*;
use model::i18n::Lang;
use model::partner::PartnerKind;
use serde::{Deserialize, Serialize};

/// What an organisation's public page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerPublic {
    pub slug: String,
    pub name: String,
    pub kind: PartnerKind,
    pub area: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// The languages in words, in Vietnamese and English.
    pub languages: [String; 2],
    /// Its published tours' cards, in Vietnamese and English.
    pub tours_html: [String; 2],
}

/// An organisation's public page; `None` when there is none.
#[server]
pub async fn get_partner(slug: String) -> Result<Option<PartnerPublic>, AppError> {
    if model::text::Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    let pool = crate::context::pool()?;
    let Some(p) = model::partner::db::by_slug(&pool, &slug).await? else {
        return Ok(None);
    };
    let tours = model::tour::db::list(&pool, model::tour::db::Which::PublishedOf(p.id)).await?;
    let words = |lang: Lang| {
        p.languages
            .iter()
            .map(|code| model::village::visit::language_name(code, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(Some(PartnerPublic {
        languages: [words(Lang::Vi), words(Lang::En)],
        tours_html: [Lang::Vi, Lang::En].map(|lang| tours_html(&tours, lang, None)),
        slug: p.slug,
        name: p.name,
        kind: p.kind,
        area: p.area,
        phone: p.phone,
        email: p.email,
        website: p.website,
    }))
}

/// The cards of `tours`: name, length, price, languages, the villages in
/// order (`here`, the village whose page this is, not linked), who runs it
/// (not said on its own partner's page) and the booking link, which goes
/// through the counting address. Empty when there are none.
#[cfg(feature = "ssr")]
pub fn tours_html(tours: &[model::tour::Tour], lang: Lang, here: Option<&str>) -> String {
    use model::paths;
    use model::text::escape_html as e;
    let t = lang.t();
    let cards: String = tours
        .iter()
        .map(|tour| {
            let facts: Vec<String> = tour.details.facts(lang).iter().map(|f| e(f)).collect();
            let stops: String = tour
                .stops
                .iter()
                .map(|s| {
                    let name = e(lang.pick(&s.name_vi, &s.name_en));
                    if Some(s.slug.as_str()) == here {
                        format!("<li><strong aria-current=\"page\">{name}</strong></li>")
                    } else {
                        format!(
                            "<li><a href=\"{}\">{name}</a></li>",
                            e(&paths::village(lang, &s.slug))
                        )
                    }
                })
                .collect();
            let by = if here.is_some() {
                format!(
                    "<p class=\"tour-by\">{}: <a href=\"{}\">{}</a></p>",
                    e(t.tour_run_by),
                    e(&paths::partner(lang, &tour.partner_slug)),
                    e(&tour.partner_name)
                )
            } else {
                String::new()
            };
            // Its first photo, in its sizes and formats.
            let photo = tour.photos.first().map_or_else(String::new, |p| {
                let sizes = "(min-width: 40rem) 14rem, 100vw";
                format!(
                    "<picture class=\"tour-photo\"><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\">\
                     <img src=\"{src}\" srcset=\"{jpg}\" sizes=\"{sizes}\" alt=\"{alt}\" width=\"{w}\" height=\"{h}\" \
                     loading=\"lazy\" decoding=\"async\"></picture>",
                    webp = e(&p.srcset("webp")),
                    src = e(&p.src()),
                    jpg = e(&p.srcset("jpg")),
                    alt = e(p.alt(lang)),
                    w = p.width,
                    h = p.height,
                )
            });
            format!(
                "<li class=\"tour-card\" data-testid=\"tour\">{photo}<h3{name_lang}>{name}</h3>\
                 <p class=\"tour-facts\">{facts}</p>\
                 <div class=\"tour-route\"><span class=\"tour-label\">{route}:</span><ol>{stops}</ol></div>\
                 {by}<p><a class=\"tour-book\" href=\"{out}\" rel=\"external noopener sponsored\">{book}</a></p></li>",
                name = e(tour.name(lang)),
                // A tour named only in Vietnamese, on an English page.
                name_lang = if lang == Lang::En && tour.details.name_en.is_empty() {
                    " lang=\"vi\""
                } else {
                    ""
                },
                facts = facts.join(" · "),
                route = e(t.tour_route),
                out = e(&paths::tour_out(&tour.slug)),
                book = e(t.tour_book),
            )
        })
        .collect();
    if cards.is_empty() {
        cards
    } else {
        format!("<ul class=\"tour-list\">{cards}</ul>")
    }
}

/// A village's "Tours that visit this village" section, drawn on the
/// server; nothing when no published tour visits it.
#[component]
pub fn TourSection(html: [String; 2], lang: Lang) -> impl IntoView {
    let [vi, en] = html;
    let cards = match lang {
        Lang::Vi => vi,
        Lang::En => en,
    };
    let t = lang.t();
    (!cards.is_empty()).then(|| {
        view! {
            <section class="profile-section tours" id="tours" data-testid="tours" aria-labelledby="tours-heading">
                <h2 id="tours-heading">{t.tours_heading}</h2>
                <p class="tours-note">{t.tours_note}</p>
                <div inner_html=cards></div>
            </section>
        }
    })
}

crate::lazy::lazy_page!(
    /// `/doi-tac/{slug}` and `/en/partners/{slug}`, lazily loaded: its code
    /// and data types are split out of the main bundle (few visitors open a
    /// partner's page; every page would carry them otherwise).
    PartnerRoute => profile_route(
        // Its page draws both languages' words on the server.
        |slug, _lang| get_partner(slug),
        |partner, lang| view! { <Profile partner lang /> },
    )
);

#[component]
fn Profile(partner: PartnerPublic, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let [vi, en] = partner.tours_html;
    let cards = match lang {
        Lang::Vi => vi,
        Lang::En => en,
    };
    let [lang_vi, lang_en] = partner.languages;
    let languages = match lang {
        Lang::Vi => lang_vi,
        Lang::En => lang_en,
    };
    let kind = partner.kind.label(lang);
    let description = format!("{} — {}", partner.name, t.partner_role);
    let phone = (!partner.phone.is_empty()).then(|| {
        let tel: String = partner
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        view! { <a href=format!("tel:{tel}")>{partner.phone.clone()}</a> }
    });
    let email = (!partner.email.is_empty()).then(|| {
        view! { <a href=format!("mailto:{}", partner.email)>{partner.email.clone()}</a> }
    });
    let contact = (phone.is_some() || email.is_some()).then(|| {
        view! {
            <dt>{t.partner_contact}</dt>
            <dd>{phone}{(!partner.phone.is_empty() && !partner.email.is_empty()).then_some(" · ")}{email}</dd>
        }
    });
    let website = (!partner.website.is_empty()).then(|| {
        view! {
            <dt>{t.partner_website}</dt>
            <dd><a href=partner.website.clone() rel="external noopener nofollow">{partner.website.clone()}</a></dd>
        }
    });
    let area = (!partner.area.is_empty()).then(|| {
        view! { <dt>{t.partner_area}</dt><dd>{partner.area.clone()}</dd> }
    });
    let languages = (!languages.is_empty()).then(|| {
        view! { <dt>{t.visit_languages}</dt><dd>{languages}</dd> }
    });
    view! {
        <PageMeta title=partner.name.clone() description path=model::paths::partner(lang, &partner.slug) />
        <article class="profile partner-profile" data-testid="partner">
            <header class="profile-head">
                <p class="eyebrow">{t.partner_role}" · "{kind}</p>
                <h1>{partner.name.clone()}</h1>
            </header>
            <dl class="facts">{area}{contact}{website}{languages}</dl>
            <section class="profile-section" aria-labelledby="partner-tours">
                <h2 id="partner-tours">{t.partner_tours}</h2>
                {if cards.is_empty() {
                    view! { <p class="empty">{t.partner_no_tours}</p> }.into_any()
                } else {
                    view! { <div inner_html=cards></div> }.into_any()
                }}
            </section>
        </article>
    }
}
