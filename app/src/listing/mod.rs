//! What every kind of listing shares: links between listings, a location
//! that may be known only in part, and the building blocks of profile pages.

#[cfg(feature = "ssr")]
pub mod db;

use crate::area::{District, unit_name};
use crate::i18n::Lang;
use crate::search::Kind;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A link to another listing, for the "related" parts of a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListingRef {
    pub kind: Kind,
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
}

impl ListingRef {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    pub fn href(&self, lang: Lang) -> String {
        self.kind.profile_path(lang, &self.slug)
    }
}

/// Where a listing is, as far as its sources say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The current commune (code, name).
    pub commune: Option<(String, String)>,
    pub province_name: Option<String>,
    pub former_commune: Option<String>,
    pub former_districts: Vec<District>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub approximate: bool,
}

impl Place {
    /// "Xã Mai Hạ · Mai Châu (cũ)", or what part of it is known.
    pub fn summary(&self, lang: Lang) -> Option<String> {
        let districts = self
            .former_districts
            .iter()
            .map(|d| unit_name(&d.name, lang))
            .collect::<Vec<_>>()
            .join(", ");
        let former =
            (!districts.is_empty()).then(|| format!("{districts} {}", lang.t().former_suffix));
        match (&self.commune, former) {
            (Some((_, c)), Some(f)) => Some(format!("{} · {f}", unit_name(c, lang))),
            (Some((_, c)), None) => Some(unit_name(c, lang)),
            (None, f) => f,
        }
    }

    /// A schema.org `PostalAddress`.
    pub fn address_json(&self, lang: Lang) -> serde_json::Value {
        let mut address = serde_json::json!({ "@type": "PostalAddress", "addressCountry": "VN" });
        if let Some((_, c)) = &self.commune {
            address["addressLocality"] = unit_name(c, lang).into();
        } else if let Some(d) = self.former_districts.first() {
            address["addressLocality"] = unit_name(&d.name, lang).into();
        }
        address["addressRegion"] = unit_name(
            self.province_name.as_deref().unwrap_or("Tỉnh Phú Thọ"),
            lang,
        )
        .into();
        address
    }

    /// schema.org `GeoCoordinates`, when known.
    pub fn geo_json(&self) -> Option<serde_json::Value> {
        Some(serde_json::json!({
            "@type": "GeoCoordinates",
            "latitude": self.latitude?,
            "longitude": self.longitude?,
        }))
    }
}

/// A value, or "not yet recorded".
pub fn recorded<T: ToString>(lang: Lang, value: Option<T>) -> String {
    value.map_or_else(|| lang.t().not_recorded.to_owned(), |v| v.to_string())
}

/// A number with this language's decimal comma or point.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

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
    items: Vec<crate::search::NearbyHit>,
    /// The listing's own point, for the link to the map centred there.
    point: Option<(f64, f64)>,
    lang: Lang,
) -> impl IntoView {
    let map_href = point.map(|p| {
        crate::map::MapQuery {
            search: crate::search::DirectoryQuery::default(),
            bbox: Some(crate::map::Bbox::around(p, crate::search::NEARBY_RADIUS_KM)),
            zoom: None,
        }
        .href(crate::paths::map(lang))
    });
    let heading = match lang {
        Lang::Vi => format!("Gần đây (trong {} km)", crate::search::NEARBY_RADIUS_KM),
        Lang::En => format!("Nearby (within {} km)", crate::search::NEARBY_RADIUS_KM),
    };
    view! {
        <section class="profile-section related" data-testid="nearby">
            <h2>{heading}</h2>
            <p class="small">{lang.pick(
                "Khoảng cách giữa các điểm đã ghi nhận; nơi chưa có tọa độ chính xác được tính theo trung tâm xã.",
                "Distances between the recorded points; where the exact place is not known, the commune centre is used.",
            )}</p>
            {map_href.map(|href| view! {
                <p><a href=href data-testid="nearby-map">{lang.pick("Xem khu vực này trên bản đồ", "See this area on the map")}</a></p>
            })}
            {if items.is_empty() {
                view! { <p class="missing">{lang.pick("Không có thông tin nào khác trong bán kính này.", "Nothing else recorded within this distance.")}</p> }.into_any()
            } else {
                view! {
                    <ol class="related-list">
                        {items.into_iter().map(|n| {
                            let km = if n.km < 0.05 {
                                lang.pick("cùng điểm", "same point").to_owned()
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

/// Answers the page of a listing's former slug with a 301 to its current
/// one. Taken from the request's context before the first await; only a
/// page render redirects (a server-function call from the browser gets its
/// `None` as before).
#[cfg(feature = "ssr")]
pub struct OldSlugs {
    response: Option<leptos_axum::ResponseOptions>,
    page: Option<http::Uri>,
}

#[cfg(feature = "ssr")]
impl OldSlugs {
    pub fn take() -> Self {
        let page = use_context::<http::request::Parts>()
            .map(|parts| parts.uri)
            .filter(|uri| !uri.path().starts_with("/api/"));
        Self {
            response: use_context::<leptos_axum::ResponseOptions>(),
            page,
        }
    }

    /// Sets the 301 when `slug` is a former slug of a published listing.
    pub async fn redirect(
        &self,
        pool: &sqlx::SqlitePool,
        kind: Kind,
        slug: &str,
    ) -> Result<(), crate::error::AppError> {
        let (Some(response), Some(page)) = (&self.response, &self.page) else {
            return Ok(());
        };
        let Some(current) = crate::editing::db::moved_to(pool, kind, slug).await? else {
            return Ok(());
        };
        let target = crate::paths::with_query(
            &kind.profile_path(Lang::from_path(page.path()), &current),
            page.query().unwrap_or_default(),
        );
        if let Ok(location) = http::HeaderValue::from_str(&target) {
            response.set_status(http::StatusCode::MOVED_PERMANENTLY);
            response.insert_header(http::header::LOCATION, location);
        }
        Ok(())
    }
}
