//! The craft village profile, with the Decree 52 criteria panel.

use super::VillageProfile;
use super::api::get_village;
use super::criteria::{HOUSEHOLD_THRESHOLD_PCT, assess};
use crate::area::unit_name;
use crate::listing::sections::{
    FactList, FactSection, Gaps, NearbySection, NotYetRecorded, RelatedSection, SharePanel,
    SourceSection, SuggestLink, TextSection, coordinates_text,
};
use crate::seo::PageMeta;
use crate::status::profile_route;
use leptos::prelude::*;
use model::i18n::Lang;
use model::i18n::text_in;
use model::paths;

/// `/lang-nghe/{slug}` and `/en/craft-villages/{slug}`.
#[component]
pub fn VillageProfilePage() -> impl IntoView {
    profile_route(
        get_village,
        |village, lang| view! { <Profile village lang /> },
    )
}

fn yes_no(value: Option<bool>, yes: &'static str, no: &'static str) -> Option<String> {
    value.map(|v| if v { yes } else { no }.to_owned())
}

#[component]
pub(crate) fn Profile(village: VillageProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let mut gaps = Gaps::default();
    let name = village.name(lang).to_owned();
    let share_name = name.clone();
    let description = text_in(lang, &village.description_vi, &village.description_en);
    let meta_description = description.clone().unwrap_or_else(|| name.clone());
    let crafts = village
        .crafts
        .iter()
        .map(|c| c.name(lang).to_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let mut groups: Vec<_> = village.crafts.iter().map(|c| c.trade_group).collect();
    groups.sort();
    groups.dedup();
    let main_group = village.crafts.first().map(|c| c.trade_group);
    let groups = groups
        .into_iter()
        .map(|g| {
            format!(
                "{} {} — {}",
                lang.t().trade_group_short,
                g.number(),
                g.name(lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let loc = village.location.clone();
    let districts = loc
        .former_districts
        .iter()
        .map(|d| unit_name(&d.name, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let f = village.facts.clone();
    let artisans = (!village.artisans.is_empty()).then(|| {
        village
            .artisans
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let json_ld = village.json_ld(
        lang,
        &format!(
            "{}{}",
            crate::context::site_url(),
            paths::village(lang, &village.slug)
        ),
    );
    let about = gaps.note(t.about, description);
    let products = gaps.note(
        t.products,
        text_in(lang, &village.products_vi, &village.products_en),
    );
    {
        use model::village::visit::{GAP_CONTACT, GAP_EXPERIENCES, GAP_GETTING_THERE, GAP_HOURS};
        for (bit, label) in [
            (GAP_HOURS, t.visit_hours),
            (GAP_EXPERIENCES, t.visit_experiences),
            (GAP_GETTING_THERE, t.visit_getting_there),
            (GAP_CONTACT, t.visit_contact),
        ] {
            gaps.note(label, (village.visit_gaps & bit == 0).then_some(()));
        }
    }
    let facts = gaps.known(vec![
        (t.crafts, Some(crafts.clone())),
        (t.trade_group, Some(groups)),
        (t.craft_began, f.craft_began_year.map(|y| y.to_string())),
        (
            t.households_total,
            f.total_households.map(|n| lang.number(n)),
        ),
        (
            t.households_craft,
            f.craft_households.map(|n| lang.number(n)),
        ),
        (t.workers, village.workers.map(|n| lang.number(n))),
        (
            t.stable_years,
            f.stable_production_years.map(|y| y.to_string()),
        ),
        (
            t.environment,
            yes_no(f.env_compliant, t.env_ok, t.env_not_ok),
        ),
        (t.traditional, yes_no(f.is_traditional, t.yes, t.no)),
        (
            t.recognition_year,
            f.recognition_year.map(|y| y.to_string()),
        ),
        (t.recognition_decision, f.recognition_decision.clone()),
        (t.recognition_date, f.recognition_date),
        (t.artisans, artisans),
    ]);
    let place = gaps.known(vec![
        (t.commune_now, Some(unit_name(&loc.commune.name, lang))),
        (t.province_now, Some(unit_name(&loc.province_name, lang))),
        (
            t.former_commune,
            loc.former_commune.as_deref().map(|c| unit_name(c, lang)),
        ),
        (
            t.former_district,
            (!districts.is_empty()).then_some(districts),
        ),
        (
            t.coordinates,
            coordinates_text(loc.latitude, loc.longitude, loc.approximate, lang),
        ),
    ]);
    let enterprises = gaps.list(t.village_producers, village.enterprises.clone());
    let listed = gaps.list(t.listed_products, village.products.clone());
    let overall = assess(&village.facts).overall.label(lang);
    view! {
        <crate::seo::JsonLd value=json_ld />
        <PageMeta title=name.clone() description=meta_description path=paths::village(lang, &village.slug) />
        <p class="breadcrumb"><a href=paths::villages(lang)>{t.back_to_list}</a></p>
        <article class="profile" data-testid="village-profile">
            <header>
                <h1>{name}</h1>
                <p class="profile-sub">{crafts} " · " {unit_name(&loc.commune.name, lang)}</p>
                {village.recognition_lapsed_year.map(|year| view! {
                    <p class="profile-lapsed" data-testid="title-lapsed">{(t.title_lapsed)(year)}</p>
                })}
                <p class="profile-summary">
                    {t.criteria_title} ": "
                    <span class=format!("badge {}", overall.1)>{overall.0}</span>
                    " " <a href="#criteria-heading">{t.see_details}</a>
                </p>
            </header>
            <crate::media::Gallery images=village.images.clone() drawing=main_group />
            <TextSection heading=t.about text=about />
            <TextSection heading=t.products text=products />
            <super::visit::VisitSection village=village.clone() lang />
            <crate::partner::TourSection html=village.tours_html.clone() lang />
            <FactSection heading=t.facts rows=facts />
            <section class="profile-section">
                <h2>{t.location}</h2>
                <FactList rows=place ids=vec![(t.commune_now, "commune-now"), (t.former_district, "former-district")] />
            </section>
            <RelatedSection heading=t.village_producers items=enterprises lang test_id="related-enterprises" />
            <RelatedSection heading=t.listed_products items=listed lang test_id="related-products" />
            <NearbySection items=village.nearby.clone() point=village.location.latitude.zip(village.location.longitude) lang />
            <NotYetRecorded gaps lang />
            <SuggestLink kind=model::listing::Kind::Village slug=village.slug.clone() lang />
            <CriteriaPanel village=village.clone() lang />
            <SourceSection url=village.source_url.clone() sources=village.sources lang />
            <SharePanel kind=model::listing::Kind::Village slug=village.slug name=share_name lang />
        </article>
    }
}

/// The Decree 52 criteria computed from the village's facts.
#[component]
fn CriteriaPanel(village: VillageProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let a = assess(&village.facts);
    let (overall_text, overall_class) = a.overall.label(lang);
    let households_detail = a.household_share.map_or_else(
        || t.not_recorded.to_owned(),
        |s| (t.criterion_households_detail)(s, HOUSEHOLD_THRESHOLD_PCT),
    );
    let stable_detail = village
        .facts
        .stable_production_years
        .map_or_else(|| t.not_recorded.to_owned(), t.criterion_stable_detail);
    let env_detail = yes_no(village.facts.env_compliant, t.env_ok, t.env_not_ok)
        .unwrap_or_else(|| t.not_recorded.to_owned());
    let rows = [
        (t.criterion_households, households_detail, a.households),
        (t.criterion_stable, stable_detail, a.stable_production),
        (t.criterion_env, env_detail, a.environment),
    ];
    view! {
        <section class="profile-section criteria" aria-labelledby="criteria-heading" data-testid="criteria">
            <h2 id="criteria-heading">{t.criteria_title}</h2>
            <p class="small">{t.criteria_intro}</p>
            <table>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(label, detail, status)| {
                            let (text, class) = status.label(lang);
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{detail}</td>
                                    <td><span class=format!("badge {class}")>{text}</span></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="criteria-overall" data-testid="criteria-overall">
                <strong>{t.criteria_overall} ": "</strong>
                <span class=format!("badge {overall_class}")>{overall_text}</span>
            </p>
            {a.traditional_exemption.then(|| view! { <p class="small">{t.criteria_traditional_note}</p> })}
            {a.recognised_under_old_rule.then(|| view! { <p class="small">{t.criteria_old_threshold_note}</p> })}
        </section>
    }
}
