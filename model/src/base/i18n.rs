//! The one i18n mechanism: every UI string lives in a [`Strings`] table, one
//! per language. A missing translation is a compile error, not a blank.

use serde::{Deserialize, Serialize};

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
}

fn vi_results(n: usize) -> String {
    format!("{n} làng nghề")
}

fn en_results(n: usize) -> String {
    if n == 1 {
        "1 craft village".to_owned()
    } else {
        format!("{n} craft villages")
    }
}

fn vi_hits(n: usize) -> String {
    format!("{n} kết quả")
}

fn en_hits(n: usize) -> String {
    if n == 1 {
        "1 result".to_owned()
    } else {
        format!("{n} results")
    }
}

fn vi_page_of(page: u32, pages: u32) -> String {
    format!("Trang {page}/{pages}")
}

fn en_page_of(page: u32, pages: u32) -> String {
    format!("Page {page} of {pages}")
}

fn vi_households(share: f64, threshold: u8) -> String {
    format!("{share:.1}% số hộ làm nghề (ngưỡng {threshold}%)")
}

fn en_households(share: f64, threshold: u8) -> String {
    format!("{share:.1}% of households in the craft (threshold {threshold}%)")
}

fn vi_stable(years: i64) -> String {
    format!("{years} năm sản xuất ổn định (ngưỡng 2 năm)")
}

fn en_stable(years: i64) -> String {
    format!("{years} years of stable production (threshold 2 years)")
}

/// Vietnamese, the default language.
pub static VI: Strings = Strings {
    site_name: "Làng nghề Hòa Bình",
    site_tagline: "Tiểu thủ công nghiệp và làng nghề khu vực Hòa Bình, tỉnh Phú Thọ",
    publisher: "Sở Công Thương",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    nav_label: "Điều hướng chính",
    nav_home: "Trang chủ",
    nav_villages: "Làng nghề",
    switch_to: "English",
    switch_to_label: "Xem trang này bằng tiếng Anh",
    home_title: "Làng nghề và tiểu thủ công nghiệp khu vực Hòa Bình",
    home_description: "Cổng thông tin mở về làng nghề, tiểu thủ công nghiệp, cụm công nghiệp và sản phẩm OCOP khu vực Hòa Bình (nay thuộc tỉnh Phú Thọ).",
    home_intro: "Cổng thông tin mở của ngành Công Thương về phát triển tiểu thủ công nghiệp và làng nghề: dệt thổ cẩm, mây tre đan, rượu truyền thống, đá cảnh… Mỗi thông tin đều ghi rõ nguồn.",
    home_area_note: "Từ ngày 1/7/2025, tỉnh Hòa Bình hợp nhất vào tỉnh Phú Thọ và không còn cấp huyện. Địa điểm được ghi theo xã/phường mới, kèm huyện cũ để dễ tra cứu.",
    stats_label: "Số liệu chính",
    stat_villages: "làng nghề được công nhận",
    stat_crafts: "nghề",
    stat_communes: "xã, phường có làng nghề",
    stat_districts: "huyện cũ có làng nghề",
    featured_villages: "Làng nghề tiêu biểu",
    see_all_villages: "Xem tất cả làng nghề",
    villages_title: "Làng nghề",
    villages_description: "Danh sách làng nghề được công nhận ở khu vực Hòa Bình, lọc theo nghề, xã/phường hoặc huyện cũ.",
    villages_intro: "Các làng nghề được công nhận ở khu vực Hòa Bình. Lọc theo nghề, theo xã/phường hiện nay hoặc theo huyện cũ.",
    filter_legend: "Lọc danh sách",
    filter_craft: "Nghề",
    filter_commune: "Xã/phường",
    filter_district: "Huyện cũ (trước 1/7/2025)",
    filter_any: "Tất cả",
    filter_apply: "Lọc",
    filter_reset: "Bỏ lọc",
    results: vi_results,
    no_results: "Không có làng nghề nào khớp với bộ lọc.",
    loading: "Đang tải…",
    about: "Giới thiệu",
    products: "Sản phẩm",
    visiting: "Thông tin tham quan",
    facts: "Thông tin theo Nghị định 52/2018/NĐ-CP",
    crafts: "Nghề",
    trade_group: "Nhóm ngành nghề",
    location: "Vị trí",
    commune_now: "Xã/phường hiện nay",
    former_district: "Huyện cũ",
    former_commune: "Xã cũ",
    province_now: "Tỉnh",
    coordinates: "Tọa độ",
    approximate_coords: "gần đúng: trung tâm xã",
    recognition: "Công nhận",
    recognition_year: "Năm công nhận",
    recognition_decision: "Số quyết định",
    recognition_date: "Ngày quyết định",
    craft_began: "Năm hình thành nghề",
    households_total: "Tổng số hộ",
    households_craft: "Số hộ làm nghề",
    stable_years: "Số năm sản xuất ổn định",
    environment: "Điều kiện môi trường",
    traditional: "Làng nghề truyền thống",
    artisans: "Nghệ nhân",
    source: "Nguồn",
    source_link: "Xem nguồn",
    not_recorded: "chưa có dữ liệu",
    yes: "Có",
    no: "Không",
    env_ok: "Đạt",
    env_not_ok: "Chưa đạt",
    criteria_title: "Tiêu chí làng nghề (Nghị định 52/2018/NĐ-CP)",
    criteria_intro: "Tính từ dữ liệu đã ghi nhận; đây là thông tin tham khảo, không thay cho quyết định công nhận.",
    criterion_households: "Tỷ lệ hộ làm nghề",
    criterion_households_detail: vi_households,
    criterion_stable: "Sản xuất ổn định liên tục",
    criterion_stable_detail: vi_stable,
    criterion_env: "Đáp ứng điều kiện môi trường",
    status_met: "Đạt",
    status_not_met: "Chưa đạt",
    status_no_data: "Chưa đủ dữ liệu",
    criteria_traditional_note: "Làng nghề truyền thống có ít nhất một nghề truyền thống được công nhận nên không bắt buộc đạt ngưỡng 20% số hộ.",
    criteria_old_threshold_note: "Làng được công nhận trước Nghị định 52/2018 theo ngưỡng cũ 30% số hộ.",
    back_to_list: "← Tất cả làng nghề",
    not_found_title: "Không tìm thấy trang",
    not_found_text: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
    go_home: "Về trang chủ",
    error_title: "Đã có lỗi",
    error_text: "Máy chủ gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau.",
    request_id: "Mã yêu cầu (khi báo lỗi, xin gửi kèm)",
    footer_sources: "Mỗi thông tin đều kèm đường dẫn nguồn. Số liệu chưa có được ghi là “chưa có dữ liệu”, không ước đoán.",
    footer_admin_units: "Danh mục đơn vị hành chính: vietnamadminunits (MIT) của Trần Ngọc Minh Hiếu, từ dữ liệu của Tổng cục Thống kê và sapnhap.bando.com.vn.",
    former_suffix: "(cũ)",
    search_label: "Tìm kiếm",
    search_placeholder: "Tìm làng nghề, nghề, xã, huyện cũ…",
    search_button: "Tìm",
    search_title: "Tìm kiếm",
    search_description: "Tìm làng nghề theo tên, nghề, xã/phường hoặc huyện cũ, gõ có dấu hay không dấu đều được.",
    search_results: vi_hits,
    criteria_overall: "Kết luận",
    nav_clusters: "Cụm & khu công nghiệp",
    nav_enterprises: "Doanh nghiệp",
    nav_products: "Sản phẩm",
    nav_map: "Bản đồ",
    facet_kind: "Loại thông tin",
    facet_legal_form: "Loại hình",
    facet_stars: "Hạng OCOP",
    facet_stage: "Tình trạng",
    facets_label: "Thu hẹp kết quả",
    facets_clear: "Bỏ tất cả bộ lọc",
    pages_label: "Phân trang",
    page_previous: "Trang trước",
    page_next: "Trang sau",
    corrected_note: "Đã tìm gần đúng cho:",
    clusters_description: "Khu công nghiệp và cụm công nghiệp khu vực Hòa Bình: diện tích, tỷ lệ lấp đầy, chủ đầu tư hạ tầng và điều kiện mở rộng.",
    enterprises_description: "Doanh nghiệp, hợp tác xã, tổ hợp tác và hộ kinh doanh sản xuất tiểu thủ công nghiệp.",
    products_description: "Sản phẩm OCOP và sản phẩm làng nghề, với hạng sao và hạn chứng nhận.",
    page_of: vi_page_of,
};

/// English.
pub static EN: Strings = Strings {
    site_name: "Hòa Bình Craft Villages",
    site_tagline: "Small industry, handicrafts and craft villages of the Hòa Bình area, Phú Thọ province",
    publisher: "Department of Industry and Trade",
    skip_to_content: "Skip to main content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_villages: "Craft villages",
    switch_to: "Tiếng Việt",
    switch_to_label: "View this page in Vietnamese",
    home_title: "Craft villages and handicrafts of the Hòa Bình area",
    home_description: "The open portal on craft villages, handicrafts, industrial clusters and OCOP products of the Hòa Bình area (now part of Phú Thọ province).",
    home_intro: "The open portal of the industry and trade sector on small-scale industry, handicrafts and craft villages: brocade weaving, rattan and bamboo, traditional rice wine, ornamental stone… Every fact names its source.",
    home_area_note: "On 1 July 2025 Hòa Bình province became part of Phú Thọ province and the district tier was abolished. Places are given by their current commune or ward, with the former district for reference.",
    stats_label: "Key figures",
    stat_villages: "recognised craft villages",
    stat_crafts: "crafts",
    stat_communes: "communes and wards with craft villages",
    stat_districts: "former districts with craft villages",
    featured_villages: "Featured craft villages",
    see_all_villages: "See all craft villages",
    villages_title: "Craft villages",
    villages_description: "The recognised craft villages of the Hòa Bình area, filterable by craft, commune or former district.",
    villages_intro: "The recognised craft villages of the Hòa Bình area. Filter by craft, by current commune or ward, or by former district.",
    filter_legend: "Filter the list",
    filter_craft: "Craft",
    filter_commune: "Commune or ward",
    filter_district: "Former district (before 1 July 2025)",
    filter_any: "All",
    filter_apply: "Filter",
    filter_reset: "Clear filters",
    results: en_results,
    no_results: "No craft village matches these filters.",
    loading: "Loading…",
    about: "About",
    products: "Products",
    visiting: "Visiting",
    facts: "Facts under Decree 52/2018/NĐ-CP",
    crafts: "Crafts",
    trade_group: "Trade group",
    location: "Location",
    commune_now: "Commune or ward now",
    former_district: "Former district",
    former_commune: "Former commune",
    province_now: "Province",
    coordinates: "Coordinates",
    approximate_coords: "approximate: commune centre",
    recognition: "Recognition",
    recognition_year: "Year recognised",
    recognition_decision: "Decision number",
    recognition_date: "Decision date",
    craft_began: "Year the craft began",
    households_total: "Households",
    households_craft: "Households in the craft",
    stable_years: "Years of stable production",
    environment: "Environmental conditions",
    traditional: "Traditional craft village",
    artisans: "Artisans",
    source: "Source",
    source_link: "View source",
    not_recorded: "not yet recorded",
    yes: "Yes",
    no: "No",
    env_ok: "Met",
    env_not_ok: "Not met",
    criteria_title: "Craft village criteria (Decree 52/2018/NĐ-CP)",
    criteria_intro: "Computed from the recorded data; for information only, it does not replace the recognition decision.",
    criterion_households: "Share of households in the craft",
    criterion_households_detail: en_households,
    criterion_stable: "Stable production, consecutive years",
    criterion_stable_detail: en_stable,
    criterion_env: "Meets environmental conditions",
    status_met: "Met",
    status_not_met: "Not met",
    status_no_data: "Not enough data",
    criteria_traditional_note: "A traditional craft village has at least one recognised traditional craft, so the 20% household threshold does not bind it.",
    criteria_old_threshold_note: "Recognised before Decree 52/2018, under the earlier 30% household threshold.",
    back_to_list: "← All craft villages",
    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist or has moved.",
    go_home: "Go to the home page",
    error_title: "Something went wrong",
    error_text: "The server could not handle the request. Please try again later.",
    request_id: "Request id (please include it when reporting the problem)",
    footer_sources: "Every fact links to its source. Missing figures are shown as “not yet recorded”, never estimated.",
    footer_admin_units: "Administrative units: vietnamadminunits (MIT) by Trần Ngọc Minh Hiếu, from General Statistics Office and sapnhap.bando.com.vn data.",
    former_suffix: "(former)",
    search_label: "Search",
    search_placeholder: "Search villages, crafts, communes, former districts…",
    search_button: "Search",
    search_title: "Search",
    search_description: "Find craft villages by name, craft, commune or former district, with or without Vietnamese diacritics.",
    search_results: en_hits,
    criteria_overall: "Overall",
    nav_clusters: "Industrial clusters & parks",
    nav_enterprises: "Enterprises",
    nav_products: "Products",
    nav_map: "Map",
    facet_kind: "Kind",
    facet_legal_form: "Legal form",
    facet_stars: "OCOP stars",
    facet_stage: "Status",
    facets_label: "Narrow the results",
    facets_clear: "Clear all filters",
    pages_label: "Pages",
    page_previous: "Previous page",
    page_next: "Next page",
    corrected_note: "Also matched close spellings of:",
    clusters_description: "Industrial parks and clusters of the Hòa Bình area: area, occupancy, infrastructure investor and expansion conditions.",
    enterprises_description: "Companies, cooperatives, cooperative groups and household businesses in small-scale industry and handicrafts.",
    products_description: "OCOP and craft-village products, with star ratings and certificate expiry.",
    page_of: en_page_of,
};

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
    fn numbers_use_the_local_separator() {
        assert_eq!(Lang::Vi.number(1_300), "1.300");
        assert_eq!(Lang::En.number(57_270_000), "57,270,000");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::Vi.number(-1_000), "-1.000");
    }
}
