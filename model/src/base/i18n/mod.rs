//! The one i18n mechanism: every UI string lives in a table with one
//! instance per language, looked up by the language — the public pages'
//! [`Strings`] here (`lang.t()`), the staff workspace's in
//! `app::staff::strings` (`st(lang)`); texts with figures are functions in
//! the table. A missing translation is a compile error, not a blank.
//! Records' own texts (names, descriptions) come in both languages and
//! [`Lang::pick`] / [`text_in`] choose, falling back to Vietnamese.

use serde::{Deserialize, Serialize};

mod en;
mod vi;

pub use en::EN;
pub use vi::VI;

/// A language of the portal. Vietnamese is the default and has no URL
/// prefix; English lives under `/en`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// BCP 47 code for `<html lang>` and `hreflang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// OpenGraph locale.
    pub fn og_locale(self) -> &'static str {
        match self {
            Lang::Vi => "vi_VN",
            Lang::En => "en_US",
        }
    }

    /// The language of a form's `lang` field: English for "en", else
    /// Vietnamese.
    pub fn from_code(code: Option<&str>) -> Lang {
        if code == Some("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The language a path belongs to.
    pub fn from_path(path: &str) -> Lang {
        if path == "/en" || path.starts_with("/en/") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The other language (the target of the language switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The UI strings of this language.
    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// Chooses between a Vietnamese and an English value of a record.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En if en.is_empty() => vi,
            Lang::En => en,
        }
    }

    /// Empties the value of a pair that [`Lang::pick`] would not show on
    /// a page in this language (data a page carries for its own language
    /// only).
    pub fn keep_picked(self, vi: &mut String, en: &mut String) {
        match self {
            Lang::En if !en.is_empty() => vi.clear(),
            _ => en.clear(),
        }
    }

    /// Drops the text of an optional pair that [`text_in`] would not show
    /// on a page in this language.
    pub fn keep_text(self, vi: &mut Option<String>, en: &mut Option<String>) {
        let shown = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.is_empty());
        match self {
            Lang::Vi if shown(vi) => *en = None,
            Lang::En if shown(en) => *vi = None,
            Lang::Vi => *vi = None,
            Lang::En => *en = None,
        }
    }

    /// Formats an integer with this language's thousands separator.
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }
}

/// Picks the text of a language from an optional pair, falling back to the
/// Vietnamese text when the English one is missing.
pub fn text_in(lang: Lang, vi: &Option<String>, en: &Option<String>) -> Option<String> {
    let vi = vi.as_deref().filter(|s| !s.is_empty());
    let en = en.as_deref().filter(|s| !s.is_empty());
    match lang {
        Lang::Vi => vi.or(en),
        Lang::En => en.or(vi),
    }
    .map(str::to_owned)
}

/// Every user-visible string of the interface.
pub struct Strings {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub publisher: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_villages: &'static str,
    pub switch_to: &'static str,
    pub switch_to_label: &'static str,
    /// The language switch on phones ("EN", "VI").
    pub switch_to_short: &'static str,
    pub home_title: &'static str,
    pub home_description: &'static str,
    pub home_intro: &'static str,
    pub home_area_note: &'static str,
    pub stats_label: &'static str,
    pub stat_villages: &'static str,
    pub stat_crafts: &'static str,
    pub stat_communes: &'static str,
    pub stat_districts: &'static str,
    pub featured_villages: &'static str,
    pub see_all_villages: &'static str,
    pub villages_title: &'static str,
    pub villages_description: &'static str,
    pub villages_intro: &'static str,
    pub filter_legend: &'static str,
    pub filter_craft: &'static str,
    pub filter_commune: &'static str,
    pub filter_district: &'static str,
    pub filter_any: &'static str,
    pub filter_apply: &'static str,
    pub filter_reset: &'static str,
    pub results: fn(usize) -> String,
    pub no_results: &'static str,
    pub loading: &'static str,
    pub about: &'static str,
    pub products: &'static str,
    pub visiting: &'static str,
    pub facts: &'static str,
    pub crafts: &'static str,
    pub trade_group: &'static str,
    pub location: &'static str,
    pub commune_now: &'static str,
    pub former_district: &'static str,
    pub former_commune: &'static str,
    pub province_now: &'static str,
    pub coordinates: &'static str,
    pub approximate_coords: &'static str,
    pub recognition: &'static str,
    pub recognition_year: &'static str,
    pub recognition_decision: &'static str,
    pub recognition_date: &'static str,
    pub craft_began: &'static str,
    pub households_total: &'static str,
    pub households_craft: &'static str,
    pub stable_years: &'static str,
    pub environment: &'static str,
    pub traditional: &'static str,
    pub artisans: &'static str,
    pub source: &'static str,
    pub sources_by_fact: &'static str,
    pub source_no_date: &'static str,
    pub source_for: &'static str,
    pub source_whole_record: &'static str,
    pub workers: &'static str,
    pub title_lapsed: fn(i64) -> String,
    pub source_link: &'static str,
    pub not_recorded: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub env_ok: &'static str,
    pub env_not_ok: &'static str,
    pub criteria_title: &'static str,
    pub criteria_intro: &'static str,
    pub criterion_households: &'static str,
    pub criterion_households_detail: fn(f64, u8) -> String,
    pub criterion_stable: &'static str,
    pub criterion_stable_detail: fn(i64) -> String,
    pub criterion_env: &'static str,
    pub status_met: &'static str,
    pub status_not_met: &'static str,
    pub status_no_data: &'static str,
    pub criteria_traditional_note: &'static str,
    pub criteria_old_threshold_note: &'static str,
    pub back_to_list: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    /// Before the request's id on the error page (for a report to the
    /// department).
    pub request_id: &'static str,
    pub footer_sources: &'static str,
    pub footer_admin_units: &'static str,
    /// The footer's link to the open data page.
    pub footer_open_data: &'static str,
    pub former_suffix: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_title: &'static str,
    pub search_description: &'static str,
    pub search_results: fn(usize) -> String,
    pub criteria_overall: &'static str,
    pub nav_clusters: &'static str,
    pub nav_enterprises: &'static str,
    pub nav_products: &'static str,
    pub nav_map: &'static str,
    pub facet_kind: &'static str,
    pub facet_legal_form: &'static str,
    pub facet_stars: &'static str,
    pub facet_stage: &'static str,
    pub facets_label: &'static str,
    pub facets_clear: &'static str,
    pub pages_label: &'static str,
    pub page_previous: &'static str,
    pub page_next: &'static str,
    pub corrected_note: &'static str,
    pub clusters_description: &'static str,
    pub enterprises_description: &'static str,
    pub products_description: &'static str,
    pub page_of: fn(u32, u32) -> String,
    // Labels of kinds, stages, forms and categories, profile facts, the map.
    pub cluster_kind_park: &'static str,
    pub cluster_kind_cluster: &'static str,
    pub stage_planned: &'static str,
    pub stage_established: &'static str,
    pub stage_operating: &'static str,
    pub stage_expanding: &'static str,
    pub plan_keep: &'static str,
    pub plan_expand: &'static str,
    pub plan_reduce: &'static str,
    pub plan_new: &'static str,
    pub plan_proposed: &'static str,
    pub wastewater_none: &'static str,
    pub wastewater_planned: &'static str,
    pub wastewater_building: &'static str,
    pub wastewater_operating: &'static str,
    pub cluster_type: &'static str,
    pub cluster_stage: &'static str,
    pub cluster_plan: &'static str,
    pub cluster_planned_area: &'static str,
    pub cluster_established_area: &'static str,
    pub cluster_industrial_land: &'static str,
    pub cluster_leased_land: &'static str,
    pub cluster_occupancy: &'static str,
    pub cluster_investor: &'static str,
    pub cluster_decision: &'static str,
    pub cluster_established_on: &'static str,
    pub cluster_wastewater: &'static str,
    pub cluster_target_industries: &'static str,
    pub facts_heading: &'static str,
    pub cluster_tenants: &'static str,
    pub unit_billion_vnd: &'static str,
    pub unit_employees: &'static str,
    pub expansion_heading: &'static str,
    pub expansion_parks_note: &'static str,
    pub expansion_area: &'static str,
    pub expansion_occupancy: &'static str,
    pub expansion_infrastructure: &'static str,
    pub expansion_met: &'static str,
    pub expansion_not_met: &'static str,
    pub expansion_unknown: &'static str,
    pub legal_company: &'static str,
    pub legal_cooperative: &'static str,
    pub legal_cooperative_group: &'static str,
    pub legal_household: &'static str,
    pub enterprise_legal_form: &'static str,
    pub enterprise_tax_code: &'static str,
    pub enterprise_sector: &'static str,
    pub enterprise_founded: &'static str,
    pub enterprise_employees: &'static str,
    pub enterprise_members: &'static str,
    pub enterprise_address: &'static str,
    pub enterprise_phone: &'static str,
    pub enterprise_email: &'static str,
    pub enterprise_website: &'static str,
    pub enterprise_villages: &'static str,
    pub enterprise_clusters: &'static str,
    pub listed_products: &'static str,
    pub nearby_note: &'static str,
    pub nearby_map: &'static str,
    pub nearby_none: &'static str,
    pub nearby_same_point: &'static str,
    pub map_title: &'static str,
    pub map_description: &'static str,
    pub map_as_list: &'static str,
    pub map_whole_area: &'static str,
    pub map_interactive: &'static str,
    pub map_legend: &'static str,
    pub map_in_view: &'static str,
    pub map_zoom_in: &'static str,
    pub map_one_place: &'static str,
    pub map_svg_title: &'static str,
    pub gallery_heading: &'static str,
    pub category_fruit: &'static str,
    pub category_tea: &'static str,
    pub category_poultry: &'static str,
    pub category_beverage: &'static str,
    pub category_textile: &'static str,
    pub category_handicraft: &'static str,
    pub category_herbal: &'static str,
    pub category_food: &'static str,
    pub category_other: &'static str,
    pub certificate_valid: &'static str,
    pub certificate_expiring: &'static str,
    pub certificate_expired: &'static str,
    pub product_category: &'static str,
    pub product_ocop: &'static str,
    pub product_certified_on: &'static str,
    pub product_expires: &'static str,
    pub product_decision: &'static str,
    pub product_geo_indication: &'static str,
    pub product_certificate: &'static str,
    pub product_producer: &'static str,
    pub view_on_map: &'static str,
    /// Before the links downloading the list shown (CSV, XLSX, GeoJSON, JSON).
    pub download_list: &'static str,
    pub village_producers: &'static str,
    pub commune_unknown: &'static str,
    pub kind_village: &'static str,
    pub kind_cluster: &'static str,
    pub kind_enterprise: &'static str,
    pub kind_product: &'static str,
    pub bbox_shape: &'static str,
    pub bbox_not_finite: &'static str,
    pub bbox_inverted: &'static str,
    pub bbox_zoom: &'static str,
    // Texts with figures in them.
    pub nearby_heading: fn(f64) -> String,
    pub map_count: fn(usize, usize, usize) -> String,
    pub map_unlocated: fn(usize) -> String,
    pub map_no_district: &'static str,
    pub map_more_communes: fn(usize) -> String,
    pub map_see_all: fn(usize) -> String,
    pub ocop_stars: fn(i64) -> String,
    pub expansion_room: fn(&str, f64) -> String,
    pub badge_recognised: fn(i64) -> String,
    pub badge_occupied: fn(&str) -> String,
    pub ocop_badge_expired: fn(&str) -> String,
    pub ocop_badge_expiring: fn(&str) -> String,
    pub ocop_badge_valid: fn(&str) -> String,
    pub trade_group_short: &'static str,
    pub status_draft: &'static str,
    pub status_published: &'static str,
    pub status_archived: &'static str,
    /// The noun after a number of listings ("1 listing", "2 listings").
    pub listings_noun: fn(usize) -> &'static str,
    /// The six trade groups of Decree 52/2018, as the decree words them.
    pub trade_groups: [&'static str; 6],
    // The header's menu, the search regions and lists on phones.
    /// The summary of the header's menu on phones.
    pub menu: &'static str,
    /// The name of the header's search region (the whole portal).
    pub site_search_label: &'static str,
    /// The name of a list page's own search region.
    pub list_search_label: &'static str,
    /// The name of the home page's links to the directories.
    pub directory_nav_label: &'static str,
    /// The hidden heading above the result cards.
    pub results_heading: &'static str,
    /// The filters' toggle with the number of filters set.
    pub filters_toggle: fn(usize) -> String,
    /// Search placeholders of each list page.
    pub placeholder_villages: &'static str,
    pub placeholder_clusters: &'static str,
    pub placeholder_enterprises: &'static str,
    pub placeholder_products: &'static str,
    /// The search page's title with what was searched.
    pub search_title_for: fn(&str) -> String,
    /// An empty result, by what was asked.
    pub no_results_for: fn(&str) -> String,
    pub no_results_filtered: &'static str,
    pub no_results_empty_list: &'static str,
    pub no_results_hint: &'static str,
    /// Before the filters that were set, on an empty result.
    pub no_results_filters: &'static str,
    pub search_everywhere: fn(&str) -> String,
    // Profiles with sparse data.
    /// Before the list of facts a profile does not have yet.
    pub not_yet_recorded: &'static str,
    /// The caption of the drawing shown where a listing has no photo, with
    /// the trade group's name.
    pub photo_placeholder: fn(&str) -> String,
    /// The one-line summary of a legal panel further down, and its link.
    pub see_details: &'static str,
    // Suggestions from the public (model::suggestion).
    /// The link from every profile to its suggestion form.
    pub suggest_link: &'static str,
    /// The share panel of a profile.
    pub share_heading: &'static str,
    pub share_address: &'static str,
    pub share_qr_alt: &'static str,
    pub share_qr_download: &'static str,
    pub share_embed: &'static str,
    /// A copy button's label, and what it says once it has copied.
    pub share_copy: &'static str,
    pub share_copied: &'static str,
    pub embed_open: &'static str,
    pub visit_heading: &'static str,
    pub visit_open_now: &'static str,
    pub visit_closed_now: &'static str,
    pub visit_closed_today: &'static str,
    /// "closes at 17:00" + when ("", " tomorrow", " on Monday 7 Dec").
    pub visit_closes_at: fn(&str, &str) -> String,
    pub visit_opens_at: fn(&str, &str) -> String,
    pub visit_tomorrow: &'static str,
    /// " on {day}".
    pub visit_on_day: fn(&str) -> String,
    pub visit_no_opening: &'static str,
    pub visit_unknown_now: &'static str,
    pub visit_hours: &'static str,
    pub visit_hours_week: &'static str,
    pub visit_closed: &'static str,
    pub visit_time_zone: &'static str,
    pub visit_experiences: &'static str,
    pub visit_duration: &'static str,
    pub visit_price: &'static str,
    pub visit_languages: &'static str,
    pub visit_booking: &'static str,
    pub visit_getting_there: &'static str,
    pub visit_best_season: &'static str,
    pub visit_accessibility: &'static str,
    pub visit_contact: &'static str,
    pub visit_phone: &'static str,
    pub visit_email: &'static str,
    pub visit_days: fn(u32) -> String,
    pub visit_hours_minutes: fn(u32, u32) -> String,
    pub visit_minutes: fn(u32) -> String,
    pub visit_free: &'static str,
    pub visit_vnd: fn(&str) -> String,
    pub visit_price_in: fn(&str, i32) -> String,
    /// "2 ngày 1 đêm": days and nights.
    pub tour_days_nights: fn(u32, u32) -> String,
    pub tour_price_per_person: fn(&str) -> String,
    pub tours_heading: &'static str,
    pub tours_note: &'static str,
    pub tour_run_by: &'static str,
    pub tour_route: &'static str,
    pub tour_book: &'static str,
    pub partner_role: &'static str,
    pub partner_area: &'static str,
    pub partner_contact: &'static str,
    pub partner_website: &'static str,
    pub partner_tours: &'static str,
    pub partner_no_tours: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    pub months_short: [&'static str; 12],
    pub facet_visit: &'static str,
    pub facet_has_experiences: &'static str,
    pub facet_open_now: &'static str,
    /// The form page's heading, with the listing's name.
    pub suggest_title: fn(&str) -> String,
    pub suggest_intro: &'static str,
    pub suggest_topic: &'static str,
    pub suggest_topic_general: &'static str,
    pub suggest_topic_owner: &'static str,
    pub suggest_message: &'static str,
    pub suggest_message_hint: &'static str,
    pub suggest_name: &'static str,
    pub suggest_contact: &'static str,
    pub suggest_contact_hint: &'static str,
    /// The label of the honeypot field, which people do not see.
    pub suggest_honeypot: &'static str,
    pub suggest_send: &'static str,
    pub suggest_not_sent: &'static str,
    pub suggest_thanks_title: &'static str,
    pub suggest_thanks: &'static str,
    pub suggest_back: &'static str,
    pub suggest_message_missing: &'static str,
    pub suggest_too_long: fn(usize) -> String,
    pub suggest_unknown_topic: &'static str,
    pub suggest_unknown_listing: &'static str,
    pub suggest_try_later: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_follows_the_path_prefix() {
        assert_eq!(Lang::from_path("/"), Lang::Vi);
        assert_eq!(Lang::from_path("/lang-nghe/ban-lac"), Lang::Vi);
        assert_eq!(Lang::from_path("/en"), Lang::En);
        assert_eq!(Lang::from_path("/en/craft-villages"), Lang::En);
        assert_eq!(Lang::from_path("/english"), Lang::Vi);
    }

    #[test]
    fn a_page_keeps_what_it_shows_of_each_pair() {
        let pairs = [("Bản Lác", "Ban Lac"), ("Bản Lác", ""), ("", "")];
        for lang in [Lang::Vi, Lang::En] {
            for (vi, en) in pairs {
                let (mut v, mut e) = (vi.to_owned(), en.to_owned());
                lang.keep_picked(&mut v, &mut e);
                assert_eq!(lang.pick(&v, &e), lang.pick(vi, en));
                assert!(v.is_empty() || e.is_empty(), "{lang:?} {vi:?} {en:?}");
                let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                for (vi, en) in [(opt(vi), opt(en)), (None, opt(en)), (opt(en), opt(vi))] {
                    let (mut v, mut e) = (vi.clone(), en.clone());
                    lang.keep_text(&mut v, &mut e);
                    assert_eq!(text_in(lang, &v, &e), text_in(lang, &vi, &en));
                    assert!(v.is_none() || e.is_none());
                }
            }
        }
    }

    #[test]
    fn numbers_use_the_local_separator() {
        assert_eq!(Lang::Vi.number(1_300), "1.300");
        assert_eq!(Lang::En.number(57_270_000), "57,270,000");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::Vi.number(-1_000), "-1.000");
    }
}
