//! The craft village profile, with the Decree 52 criteria panel.

use super::VillageProfile;
use super::api::get_village;
use super::criteria::{HOUSEHOLD_THRESHOLD_PCT, assess};
use crate::area::unit_name;
use crate::listing::recorded;
use crate::listing::sections::{NearbySection, RelatedSection, TextSection};
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

fn yes_no(lang: Lang, value: Option<bool>, yes: &'static str, no: &'static str) -> String {
    match value {
        Some(true) => yes.to_owned(),
        Some(false) => no.to_owned(),
        None => lang.t().not_recorded.to_owned(),
    }
}

#[component]
fn Profile(village: VillageProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let name = village.name(lang).to_owned();
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
        .collect::<Vec<_>>();
    let loc = village.location.clone();
    let districts = loc
        .former_districts
        .iter()
        .map(|d| unit_name(&d.name, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let coords = match (loc.latitude, loc.longitude) {
        (Some(lat), Some(lon)) if loc.approximate => {
            format!("{lat:.4}, {lon:.4} ({})", t.approximate_coords)
        }
        (Some(lat), Some(lon)) => format!("{lat:.4}, {lon:.4}"),
        _ => t.not_recorded.to_owned(),
    };
    let f = village.facts.clone();
    let source_text = village.source_url.clone();
    let artisans = if village.artisans.is_empty() {
        t.not_recorded.to_owned()
    } else {
        village
            .artisans
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let json_ld = village.json_ld(
        lang,
        &format!(
            "{}{}",
            crate::context::site_url(),
            paths::village(lang, &village.slug)
        ),
    );
    view! {
        <crate::seo::JsonLd value=json_ld />
        <PageMeta title=name.clone() description=meta_description path=paths::village(lang, &village.slug) />
        <p class="breadcrumb"><a href=paths::villages(lang)>{t.back_to_list}</a></p>
        <article class="profile" data-testid="village-profile">
            <header>
                <h1>{name}</h1>
                <p class="profile-sub">{crafts.clone()} " · " {unit_name(&loc.commune.name, lang)}</p>
            </header>
            <TextSection heading=t.about text=description lang />
            <TextSection heading=t.products text=text_in(lang, &village.products_vi, &village.products_en) lang />
            <TextSection heading=t.visiting text=text_in(lang, &village.visiting_vi, &village.visiting_en) lang />
            <CriteriaPanel village=village.clone() lang />
            <section class="profile-section">
                <h2>{t.facts}</h2>
                <dl class="facts">
                    <dt>{t.crafts}</dt><dd>{crafts}</dd>
                    <dt>{t.trade_group}</dt><dd>{groups.into_iter().map(|g| view! { <span class="block">{g}</span> }).collect_view()}</dd>
                    <dt>{t.craft_began}</dt><dd>{recorded(lang, f.craft_began_year)}</dd>
                    <dt>{t.households_total}</dt><dd>{recorded(lang, f.total_households.map(|n| lang.number(n)))}</dd>
                    <dt>{t.households_craft}</dt><dd>{recorded(lang, f.craft_households.map(|n| lang.number(n)))}</dd>
                    <dt>{t.stable_years}</dt><dd>{recorded(lang, f.stable_production_years)}</dd>
                    <dt>{t.environment}</dt><dd>{yes_no(lang, f.env_compliant, t.env_ok, t.env_not_ok)}</dd>
                    <dt>{t.traditional}</dt><dd>{yes_no(lang, f.is_traditional, t.yes, t.no)}</dd>
                    <dt>{t.recognition_year}</dt><dd>{recorded(lang, f.recognition_year)}</dd>
                    <dt>{t.recognition_decision}</dt><dd>{recorded(lang, f.recognition_decision.clone())}</dd>
                    <dt>{t.recognition_date}</dt><dd>{recorded(lang, f.recognition_date)}</dd>
                    <dt>{t.artisans}</dt><dd>{artisans}</dd>
                </dl>
            </section>
            <section class="profile-section">
                <h2>{t.location}</h2>
                <dl class="facts">
                    <dt>{t.commune_now}</dt><dd data-testid="commune-now">{unit_name(&loc.commune.name, lang)}</dd>
                    <dt>{t.province_now}</dt><dd>{unit_name(&loc.province_name, lang)}</dd>
                    <dt>{t.former_commune}</dt><dd>{recorded(lang, loc.former_commune.as_deref().map(|c| unit_name(c, lang)))}</dd>
                    <dt>{t.former_district}</dt><dd data-testid="former-district">{districts}</dd>
                    <dt>{t.coordinates}</dt><dd>{coords}</dd>
                </dl>
            </section>
            <RelatedSection heading=lang.t().village_producers items=village.enterprises lang test_id="related-enterprises" />
            <RelatedSection heading=lang.t().listed_products items=village.products lang test_id="related-products" />
            <crate::media::Gallery kind=model::listing::Kind::Village id=village.id.0 />
            <NearbySection items=village.nearby.clone() point=village.location.latitude.zip(village.location.longitude) lang />
            <section class="profile-section">
                <h2>{t.source}</h2>
                <p><a href=village.source_url rel="external noopener" class="source-link">{source_text}</a></p>
            </section>
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
    let env_detail = yes_no(lang, village.facts.env_compliant, t.env_ok, t.env_not_ok);
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
