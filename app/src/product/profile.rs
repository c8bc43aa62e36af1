//! The product profile.

use super::api::get_product;
use super::{ProductProfile, stars_label};
use crate::listing::sections::{
    FactList, FactSection, Gaps, NearbySection, NotYetRecorded, RelatedSection, SharePanel,
    SourceSection, SuggestLink, TextSection, place_rows,
};
use crate::seo::{JsonLd, PageMeta};
use crate::status::profile_route;
use leptos::prelude::*;
use model::i18n::Lang;
use model::i18n::text_in;
use model::listing::Kind;
use model::product::ocop::CertificateState;

/// `/san-pham/{slug}` and `/en/products/{slug}`.
#[component]
pub fn ProductProfilePage() -> impl IntoView {
    profile_route(get_product, |p, lang| view! { <Profile p lang /> })
}

#[component]
pub(crate) fn Profile(p: ProductProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let name = p.name(lang).to_owned();
    let share_name = name.clone();
    let path = Kind::Product.profile_path(lang, &p.slug);
    let json_ld = p.json_ld(lang, &format!("{}{path}", crate::context::site_url()));
    let description = text_in(lang, &p.description_vi, &p.description_en);
    let stars = p.ocop.stars.map(|s| stars_label(s, lang));
    let sub = [
        Some(p.category.label(lang).to_owned()),
        stars.clone(),
        p.place.summary(lang),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let (state_text, state_class) = match p.ocop.state {
        Some(CertificateState::Valid) => (lang.t().certificate_valid, "met"),
        Some(CertificateState::ExpiringSoon) => (lang.t().certificate_expiring, "warn"),
        Some(CertificateState::Expired) => (lang.t().certificate_expired, "not-met"),
        None => (t.not_recorded, "no-data"),
    };
    let mut gaps = Gaps::default();
    let rows = gaps.known(vec![
        (t.product_category, Some(p.category.label(lang).to_owned())),
        (t.product_ocop, stars),
        (
            t.product_certified_on,
            p.ocop.certified_on.map(|d| d.to_string()),
        ),
        (t.product_expires, p.ocop.expires_on.map(|d| d.to_string())),
        (t.product_decision, p.ocop.decision.clone()),
        (
            t.product_geo_indication,
            p.geo_indication_year.map(|y| y.to_string()),
        ),
    ]);
    let related: Vec<_> = p
        .producer
        .clone()
        .into_iter()
        .chain(p.village.clone())
        .collect();
    let related = gaps.list(t.product_producer, related);
    let about = gaps.note(t.about, description.clone());
    let place = gaps.known(place_rows(&p.place, lang));
    view! {
        <JsonLd value=json_ld />
        <PageMeta title=name.clone() description=description.unwrap_or_else(|| sub.clone()) path=path og_type="product" />
        <p class="breadcrumb"><a href=Kind::Product.list_path(lang)>{format!("← {}", Kind::Product.label(lang))}</a></p>
        <article class="profile" data-testid="product-profile">
            <header>
                <h1>{name}</h1>
                <p class="profile-sub">{sub}</p>
            </header>
            <crate::media::Gallery images=p.images.clone() />
            <TextSection heading=t.about text=about />
            <section class="profile-section" aria-labelledby="ocop-heading" data-testid="ocop">
                <h2 id="ocop-heading">"OCOP"</h2>
                <p>
                    <strong>{t.product_certificate} ": "</strong>
                    <span class=format!("badge {state_class}")>{state_text}</span>
                </p>
                <FactList rows />
            </section>
            <RelatedSection heading=t.product_producer items=related lang test_id="related" />
            <FactSection heading=t.location rows=place />
            <NearbySection items=p.nearby point=p.place.latitude.zip(p.place.longitude) lang />
            <NotYetRecorded gaps lang />
            <SuggestLink kind=model::listing::Kind::Product slug=p.slug.clone() lang />
            <SourceSection url=p.source_url sources=p.sources lang />
            <SharePanel kind=model::listing::Kind::Product slug=p.slug.clone() name=share_name lang />
        </article>
    }
}
