//! The building blocks of profile pages: facts, place, related listings,
//! source, text and nearby listings.

use super::{ListingRef, Place, decimal, recorded};
use crate::area::unit_name;
use leptos::prelude::*;
use model::i18n::Lang;

/// A list of facts: label and value.
#[component]
pub fn FactList(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="facts">
            {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
    }
}

/// The location section of a profile.
#[component]
pub fn PlaceSection(place: Place, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let districts = place
        .former_districts
        .iter()
        .map(|d| unit_name(&d.name, lang))
        .collect::<Vec<_>>();
    let coords = match (place.latitude, place.longitude) {
        (Some(lat), Some(lon)) if place.approximate => {
            format!("{lat:.4}, {lon:.4} ({})", t.approximate_coords)
        }
        (Some(lat), Some(lon)) => format!("{lat:.4}, {lon:.4}"),
        _ => t.not_recorded.to_owned(),
    };
    let rows = vec![
        (
            t.commune_now,
            recorded(
                lang,
                place.commune.as_ref().map(|(_, c)| unit_name(c, lang)),
            ),
        ),
        (
            t.former_commune,
            recorded(
                lang,
                place.former_commune.as_deref().map(|c| unit_name(c, lang)),
            ),
        ),
        (
            t.former_district,
            recorded(lang, (!districts.is_empty()).then(|| districts.join(", "))),
        ),
        (t.coordinates, coords),
    ];
    view! {
        <section class="profile-section">
            <h2>{t.location}</h2>
            <FactList rows />
        </section>
    }
}

/// Links to related listings under a heading; says so when there are none.
#[component]
pub fn RelatedSection(
    heading: &'static str,
    items: Vec<ListingRef>,
    lang: Lang,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    view! {
        <section class="profile-section related" data-testid=test_id>
            <h2>{heading}</h2>
            {if items.is_empty() {
                view! { <p class="missing">{lang.t().not_recorded}</p> }.into_any()
            } else {
                view! {
                    <ul class="related-list">
                        {items.into_iter().map(|r| view! {
                            <li><span class="hit-kind">{r.kind.singular(lang)}</span> " " <a href=r.href(lang)>{r.name(lang).to_owned()}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The source of a listing's facts.
#[component]
pub fn SourceSection(url: String, lang: Lang) -> impl IntoView {
    let text = url.clone();
    view! {
        <section class="profile-section">
            <h2>{lang.t().source}</h2>
            <p><a href=url rel="external noopener" class="source-link">{text}</a></p>
        </section>
    }
}

/// A text section whose text may be missing.
#[component]
pub fn TextSection(heading: &'static str, text: Option<String>, lang: Lang) -> impl IntoView {
    view! {
        <section class="profile-section">
            <h2>{heading}</h2>
            {match text {
                Some(text) => view! { <p>{text}</p> }.into_any(),
                None => view! { <p class="missing">{lang.t().not_recorded}</p> }.into_any(),
            }}
        </section>
    }
}

/// Listings near this one, with their distance.
#[component]
pub fn NearbySection(
    items: Vec<model::search::NearbyHit>,
    /// The listing's own point, for the link to the map centred there.
    point: Option<(f64, f64)>,
    lang: Lang,
) -> impl IntoView {
    let map_href = point.map(|p| {
        model::map::MapQuery {
            search: model::search::DirectoryQuery::default(),
            bbox: Some(model::map::Bbox::around(p, model::search::NEARBY_RADIUS_KM)),
            zoom: None,
        }
        .href(model::paths::map(lang))
    });
    let heading = (lang.t().nearby_heading)(model::search::NEARBY_RADIUS_KM);
    view! {
        <section class="profile-section related" data-testid="nearby">
            <h2>{heading}</h2>
            <p class="small">{lang.t().nearby_note}</p>
            {map_href.map(|href| view! {
                <p><a href=href data-testid="nearby-map">{lang.t().nearby_map}</a></p>
            })}
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
    }
}
