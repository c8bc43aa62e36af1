//! The park or cluster profile, with the Decree 32/2024 expansion panel.

use super::api::get_cluster;
use super::expansion::{Expansion, MAX_AREA_HA, MIN_OCCUPANCY_PCT, assess};
use super::{ClusterProfile, plan_action_label, wastewater_label};
use crate::listing::decimal;
use crate::listing::sections::{
    FactSection, Gaps, NearbySection, NotYetRecorded, SharePanel, SourceSection, SuggestLink,
    TextSection, place_rows,
};
use crate::seo::{JsonLd, PageMeta};
use crate::status::profile_route;
use leptos::prelude::*;
use model::i18n::Lang;
use model::i18n::text_in;
use model::listing::Kind;

/// `/cum-cong-nghiep/{slug}` and `/en/industrial-clusters/{slug}`.
#[component]
pub fn ClusterProfilePage() -> impl IntoView {
    profile_route(get_cluster, |c, lang| view! { <Profile c lang /> })
}

fn hectares(lang: Lang, value: Option<f64>) -> Option<String> {
    value.map(|v| format!("{} ha", decimal(lang, v, 2)))
}

#[component]
pub(crate) fn Profile(c: ClusterProfile, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let name = c.name(lang).to_owned();
    let share_name = name.clone();
    let path = Kind::Cluster.profile_path(lang, &c.slug);
    let json_ld = c.json_ld(lang, &format!("{}{path}", crate::context::site_url()));
    let description = text_in(lang, &c.description_vi, &c.description_en);
    let stage = c.stage.map(|s| s.label(lang).to_owned());
    let sub = [
        Some(c.kind.label(lang).to_owned()),
        stage.clone(),
        c.place.summary(lang),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let f = &c.facts;
    let occupancy = f.occupancy_pct().map(|p| {
        let year = f
            .occupancy_year
            .map(|y| format!(" ({y})"))
            .unwrap_or_default();
        format!("{}%{year}", decimal(lang, p, 2))
    });
    let mut gaps = Gaps::default();
    let rows = gaps.known(vec![
        (t.cluster_type, Some(c.kind.label(lang).to_owned())),
        (t.cluster_stage, stage),
        (
            t.cluster_plan,
            c.plan_action
                .as_deref()
                .map(|a| plan_action_label(a, lang).to_owned()),
        ),
        (t.cluster_planned_area, hectares(lang, f.planned_area_ha)),
        (
            t.cluster_established_area,
            hectares(lang, f.established_area_ha),
        ),
        (
            t.cluster_industrial_land,
            hectares(lang, f.industrial_land_ha),
        ),
        (t.cluster_leased_land, hectares(lang, f.leased_land_ha)),
        (t.cluster_occupancy, occupancy),
        (t.cluster_investor, c.infrastructure_investor.clone()),
        (t.cluster_decision, c.establishment_decision.clone()),
        (t.cluster_established_on, c.establishment_date.clone()),
        (
            t.cluster_wastewater,
            c.wastewater_status
                .as_deref()
                .map(|w| wastewater_label(w, lang).to_owned()),
        ),
        (
            t.cluster_target_industries,
            text_in(lang, &c.target_industries_vi, &c.target_industries_en),
        ),
    ]);
    let expansion = assess(c.kind, &c.facts);
    let about = gaps.note(t.about, description.clone());
    let tenants = gaps.list(t.cluster_tenants, c.tenants.clone());
    let place = gaps.known(place_rows(&c.place, lang));
    let summary = expansion.applies.then(|| {
        let text = expansion.overall_label(lang);
        view! {
            <p class="profile-summary">
                {t.expansion_heading} ": "
                <span class=format!("badge {}", text.1)>{text.0}</span>
                " " <a href="#expansion-heading">{t.see_details}</a>
            </p>
        }
    });
    view! {
        <JsonLd value=json_ld />
        <PageMeta title=name.clone() description=description.unwrap_or_else(|| sub.clone()) path=path />
        <p class="breadcrumb"><a href=Kind::Cluster.list_path(lang)>{format!("← {}", Kind::Cluster.label(lang))}</a></p>
        <article class="profile" data-testid="cluster-profile">
            <header>
                <h1>{name}</h1>
                <p class="profile-sub">{sub}</p>
                {summary}
            </header>
            <crate::media::Gallery images=c.images.clone() />
            <TextSection heading=t.about text=about />
            <FactSection heading=t.facts_heading rows />
            {(!tenants.is_empty()).then(|| view! {
                <section class="profile-section related" data-testid="tenants">
                    <h2>{t.cluster_tenants}</h2>
                    <ul class="related-list">
                        {tenants.into_iter().map(|tn| {
                            let extra = [
                                tn.capital_billion_vnd.map(|v| format!("{} {}", decimal(lang, v, 1), t.unit_billion_vnd)),
                                tn.employees.map(|n| format!("{} {}", lang.number(n), t.unit_employees)),
                            ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                            view! { <li><a href=tn.enterprise.href(lang)>{tn.enterprise.name(lang).to_owned()}</a> " " <span class="small">{extra}</span></li> }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <FactSection heading=t.location rows=place />
            <NearbySection items=c.nearby point=c.place.latitude.zip(c.place.longitude) lang />
            <NotYetRecorded gaps lang />
            <SuggestLink kind=model::listing::Kind::Cluster slug=c.slug.clone() lang />
            <ExpansionPanel expansion lang />
            <SourceSection url=c.source_url sources=c.sources lang />
            <SharePanel kind=model::listing::Kind::Cluster slug=c.slug.clone() name=share_name lang />
        </article>
    }
}

/// Whether the cluster may be expanded under Decree 32/2024, and why not.
#[component]
fn ExpansionPanel(expansion: Expansion, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let e = expansion;
    let heading = lang.t().expansion_heading;
    if !e.applies {
        return view! {
            <section class="profile-section criteria" data-testid="expansion">
                <h2 id="expansion-heading">{heading}</h2>
                <p>{lang.t().expansion_parks_note}</p>
            </section>
        }
        .into_any();
    }
    let area_detail = e.room_ha.map_or_else(
        || t.not_recorded.to_owned(),
        |room| (lang.t().expansion_room)(&decimal(lang, room, 2), MAX_AREA_HA),
    );
    let occupancy_detail = e.occupancy_pct.map_or_else(
        || t.not_recorded.to_owned(),
        |p| format!("{}% / {MIN_OCCUPANCY_PCT}%", decimal(lang, p, 2)),
    );
    let rows = [
        (lang.t().expansion_area, area_detail, e.area),
        (lang.t().expansion_occupancy, occupancy_detail, e.occupancy),
        (
            lang.t().expansion_infrastructure,
            String::new(),
            e.infrastructure,
        ),
    ];
    let (overall_text, overall_class) = e.overall_label(lang);
    view! {
        <section class="profile-section criteria" data-testid="expansion">
            <h2 id="expansion-heading">{heading}</h2>
            <table>
                <tbody>
                    {rows.into_iter().map(|(label, detail, status)| {
                        let (text, class) = status.label(lang);
                        view! { <tr><th scope="row">{label}</th><td>{detail}</td><td><span class=format!("badge {class}")>{text}</span></td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="criteria-overall" data-testid="expansion-overall">
                <strong>{t.criteria_overall} ": "</strong>
                <span class=format!("badge {overall_class}")>{overall_text}</span>
            </p>
        </section>
    }
    .into_any()
}
