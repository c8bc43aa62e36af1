//! The enterprise profile.

use super::EnterpriseProfile;
use super::api::get_enterprise;
use crate::listing::recorded;
use crate::listing::sections::{
    FactList, NearbySection, PlaceSection, RelatedSection, SourceSection, TextSection,
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
fn Profile(e: EnterpriseProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let name = e.name(lang).to_owned();
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
    let rows = vec![
        (
            lang.t().enterprise_legal_form,
            e.legal_form.label(lang).to_owned(),
        ),
        (
            lang.t().enterprise_tax_code,
            recorded(lang, e.tax_code.as_ref()),
        ),
        (lang.t().enterprise_sector, recorded(lang, sector)),
        (lang.t().enterprise_founded, recorded(lang, e.founded_year)),
        (
            lang.t().enterprise_employees,
            recorded(lang, e.employees.map(|n| lang.number(n))),
        ),
        (
            lang.t().enterprise_members,
            recorded(lang, e.members.map(|n| lang.number(n))),
        ),
        (
            lang.t().enterprise_address,
            recorded(lang, e.address.clone()),
        ),
        (lang.t().enterprise_phone, recorded(lang, e.phone.clone())),
        (lang.t().enterprise_email, recorded(lang, e.email.clone())),
    ];
    view! {
        <JsonLd value=json_ld />
        <PageMeta title=name.clone() description=description.clone().unwrap_or_else(|| sub.clone()) path=path og_type="profile" />
        <p class="breadcrumb"><a href=Kind::Enterprise.list_path(lang)>{format!("← {}", Kind::Enterprise.label(lang))}</a></p>
        <article class="profile" data-testid="enterprise-profile">
            <header>
                <h1>{name}</h1>
                <p class="profile-sub">{sub}</p>
            </header>
            <TextSection heading=t.about text=description lang />
            <TextSection heading=t.products text=text_in(lang, &e.products_vi, &e.products_en) lang />
            <section class="profile-section">
                <h2>{lang.t().facts_heading}</h2>
                <FactList rows />
                {website.map(|w| { let text = w.clone(); view! { <p><a href=w rel="external noopener">{lang.t().enterprise_website} ": " {text}</a></p> } })}
            </section>
            <RelatedSection heading=lang.t().enterprise_villages items=e.villages lang test_id="related-villages" />
            <RelatedSection heading=lang.t().enterprise_clusters items=e.clusters lang test_id="related-clusters" />
            <RelatedSection heading=lang.t().listed_products items=e.products lang test_id="related-products" />
            <NearbySection items=e.nearby point=e.place.latitude.zip(e.place.longitude) lang />
            <PlaceSection place=e.place lang />
            <crate::media::Gallery kind=model::listing::Kind::Enterprise id=e.id />
            <SourceSection url=e.source_url lang />
        </article>
    }
}
