//! The enterprise profile.

use super::EnterpriseProfile;
use super::api::get_enterprise;
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

/// `/doanh-nghiep/{slug}` and `/en/enterprises/{slug}`.
#[component]
pub fn EnterpriseProfilePage() -> impl IntoView {
    profile_route(get_enterprise, |e, lang| view! { <Profile e lang /> })
}

#[component]
pub(crate) fn Profile(e: EnterpriseProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let name = e.name(lang).to_owned();
    let share_name = name.clone();
    let path = Kind::Enterprise.profile_path(lang, &e.slug);
    let json_ld = e.json_ld(lang, &format!("{}{path}", crate::context::site_url()));
    let description = text_in(lang, &e.description_vi, &e.description_en);
    let sector = text_in(lang, &e.sector_vi, &e.sector_en);
    let sub = [
        Some(e.legal_form.label(lang).to_owned()),
        e.place.summary(lang),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let website = e.website.clone();
    let mut gaps = Gaps::default();
    let rows = gaps.known(vec![
        (
            t.enterprise_legal_form,
            Some(e.legal_form.label(lang).to_owned()),
        ),
        (
            t.enterprise_tax_code,
            e.tax_code.as_ref().map(ToString::to_string),
        ),
        (t.enterprise_sector, sector),
        (t.enterprise_founded, e.founded_year.map(|y| y.to_string())),
        (t.enterprise_employees, e.employees.map(|n| lang.number(n))),
        (t.enterprise_members, e.members.map(|n| lang.number(n))),
        (t.enterprise_address, e.address.clone()),
        (t.enterprise_phone, e.phone.clone()),
        (t.enterprise_email, e.email.clone()),
    ]);
    let about = gaps.note(t.about, description.clone());
    let products = gaps.note(t.products, text_in(lang, &e.products_vi, &e.products_en));
    let place = gaps.known(place_rows(&e.place, lang));
    view! {
        <JsonLd value=json_ld />
        <PageMeta title=name.clone() description=description.unwrap_or_else(|| sub.clone()) path=path og_type="profile" />
        <p class="breadcrumb"><a href=Kind::Enterprise.list_path(lang)>{format!("← {}", Kind::Enterprise.label(lang))}</a></p>
        <article class="profile" data-testid="enterprise-profile">
            <header>
                <h1>{name}</h1>
                <p class="profile-sub">{sub}</p>
            </header>
            <crate::media::Gallery images=e.images.clone() />
            <TextSection heading=t.about text=about />
            <TextSection heading=t.products text=products />
            <section class="profile-section">
                <h2>{t.facts_heading}</h2>
                <FactList rows />
                {website.map(|w| { let text = w.clone(); view! { <p><a href=w rel="external noopener">{t.enterprise_website} ": " {text}</a></p> } })}
            </section>
            <RelatedSection heading=t.enterprise_villages items=e.villages lang test_id="related-villages" />
            <RelatedSection heading=t.enterprise_clusters items=e.clusters lang test_id="related-clusters" />
            <RelatedSection heading=t.listed_products items=e.products lang test_id="related-products" />
            <FactSection heading=t.location rows=place />
            <NearbySection items=e.nearby point=e.place.latitude.zip(e.place.longitude) lang />
            <NotYetRecorded gaps lang />
            <SuggestLink kind=model::listing::Kind::Enterprise slug=e.slug.clone() lang />
            <SourceSection url=e.source_url sources=e.sources lang />
            <SharePanel kind=model::listing::Kind::Enterprise slug=e.slug.clone() name=share_name lang />
        </article>
    }
}
