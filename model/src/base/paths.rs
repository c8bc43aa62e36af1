//! The public URL scheme in both languages, in one place so that links,
//! canonical URLs and the language switch agree.

use crate::base::i18n::Lang;

/// The home page.
pub fn home(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/",
        Lang::En => "/en",
    }
}

/// The craft village list.
pub fn villages(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/lang-nghe",
        Lang::En => "/en/craft-villages",
    }
}

/// One craft village profile; slugs are the same in both languages.
pub fn village(lang: Lang, slug: &str) -> String {
    format!("{}/{slug}", villages(lang))
}

/// The industrial park and cluster list.
pub fn clusters(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/cum-cong-nghiep",
        Lang::En => "/en/industrial-clusters",
    }
}

/// The enterprise list.
pub fn enterprises(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/doanh-nghiep",
        Lang::En => "/en/enterprises",
    }
}

/// The product list.
pub fn products(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/san-pham",
        Lang::En => "/en/products",
    }
}

/// The search results page.
pub fn search(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/tim-kiem",
        Lang::En => "/en/search",
    }
}

/// The staff area.
pub fn staff(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/quan-tri",
        Lang::En => "/en/admin",
    }
}

/// The signed-in account's page (password).
pub fn account(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/tai-khoan",
        Lang::En => "/en/account",
    }
}

/// Account management (admins).
pub fn accounts(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/nguoi-dung",
        Lang::En => "/en/users",
    }
}

/// The whole audit log (admins).
pub fn audit_log(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/nhat-ky",
        Lang::En => "/en/audit-log",
    }
}

/// What partners' links brought (partners and admins).
pub fn referrals(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/luot-gioi-thieu",
        Lang::En => "/en/referrals",
    }
}

/// Partners' tours: a partner's own, and those waiting for an editor.
pub fn partner_tours(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/tour-doi-tac",
        Lang::En => "/en/partner-tours",
    }
}

/// Bulk imports from spreadsheets (editors and admins); an import's page
/// is `{imports}/{id}`.
pub fn imports(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/nhap-du-lieu",
        Lang::En => "/en/import",
    }
}

/// Whether `path` is a page of the staff workspace (or its sign-in page):
/// those are hydrated as a whole application; every other page is plain
/// HTML with a few islands of interactivity.
pub fn is_staff_page(path: &str) -> bool {
    let pages: [fn(Lang) -> &'static str; 8] = [
        staff,
        account,
        accounts,
        audit_log,
        referrals,
        partner_tours,
        imports,
        sign_in,
    ];
    pages.iter().any(|page| {
        [Lang::Vi, Lang::En].into_iter().any(|lang| {
            path.strip_prefix(page(lang))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    })
}

/// Where partner organisations' public pages are.
pub fn partners(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/doi-tac",
        Lang::En => "/en/partners",
    }
}

/// A partner organisation's public page.
pub fn partner(lang: Lang, slug: &str) -> String {
    format!("{}/{slug}", partners(lang))
}

/// Where a tour's booking link leads first: it counts the click and
/// sends the visitor on to the partner's booking page.
pub fn tour_out(slug: &str) -> String {
    format!("{TOUR_OUT_PREFIX}/{slug}")
}
pub const TOUR_OUT_PREFIX: &str = "/ra";
pub const TOUR_OUT_ROUTE: &str = "/ra/{slug}";

/// Those figures as CSV.
pub const REFERRALS_CSV: &str = "/luot-gioi-thieu.csv";

/// The staff sign-in page.
pub fn sign_in(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/dang-nhap",
        Lang::En => "/en/sign-in",
    }
}

/// The map of every listing.
pub fn map(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/ban-do",
        Lang::En => "/en/map",
    }
}

/// The open data page: datasets, licence, how to ask.
pub fn open_data(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/du-lieu-mo",
        Lang::En => "/en/open-data",
    }
}

/// The DCAT catalogue of the open data (JSON-LD), for data portals.
pub const DCAT_CATALOG: &str = "/api/v1/catalog.jsonld";

/// The OpenAPI document of the open data.
pub const OPENAPI: &str = "/api/v1/openapi.json";

/// The form for suggesting a correction of a listing (its kind and slug in
/// the query); the form posts to the same address.
pub fn suggest(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/gop-y",
        Lang::En => "/en/suggest",
    }
}

/// The JSON endpoint of the map (markers and commune groups of a viewport).
pub const MAP_API: &str = "/api/v1/map";

/// Where listings' QR codes are (`/qr/village/ban-lac.svg`, see
/// `Kind::qr_path`), and the router's pattern of them.
pub const QR_PREFIX: &str = "/qr";
/// Where embeddable cards are ([`crate::listing::Kind::embed_path`]).
pub const EMBED_PREFIX_VI: &str = "/nhung";
pub const EMBED_PREFIX_EN: &str = "/en/embed";
pub const EMBED_ROUTE_VI: &str = "/nhung/{kind}/{slug}";
pub const EMBED_ROUTE_EN: &str = "/en/embed/{kind}/{slug}";
/// Link previews (`og:image`) of listings
/// ([`crate::listing::Kind::og_path`]).
pub const OG_PREFIX: &str = "/og";
pub const OG_ROUTE: &str = "/og/{kind}/{slug}";
/// The oEmbed endpoint (`?url=…&format=json`).
pub const OEMBED: &str = "/oembed";

/// The oEmbed address describing the page at `page_url`.
pub fn oembed_href(site: &str, page_url: &str) -> String {
    let url: String = form_urlencoded::byte_serialize(page_url.as_bytes()).collect();
    format!("{site}{OEMBED}?url={url}&format=json")
}
pub const QR_ROUTE: &str = "/qr/{kind}/{file}";

/// `path` with a query string (with or without its `?`); the bare path when
/// the query is empty.
pub fn with_query(path: &str, query: &str) -> String {
    let query = query.trim_start_matches('?');
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// The query string without its empty parameters (`q=` or `q=+`, a bare
/// `=`, `&&`), or `None` when it has none: forms submitted without
/// JavaScript send every field, and such addresses are redirected to the
/// short one. The other parameters keep their order and spelling.
pub fn without_empty_parameters(query: &str) -> Option<String> {
    let parts: Vec<&str> = query.split('&').collect();
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| {
            form_urlencoded::parse(part.as_bytes())
                .next()
                .is_some_and(|(key, value)| !key.trim().is_empty() && !value.trim().is_empty())
        })
        .collect();
    (kept.len() != parts.len() && !query.is_empty()).then(|| kept.join("&"))
}

/// The same page in the other language (same item, same query string).
/// Paths that are not part of the scheme lead to the other home page.
pub fn switch_language(path: &str, query: &str) -> String {
    let from = Lang::from_path(path);
    let to = from.other();
    let rest = path.trim_end_matches('/');
    let target = if rest.is_empty() || rest == home(from).trim_end_matches('/') {
        home(to).to_owned()
    } else if rest == search(from) {
        search(to).to_owned()
    } else if rest == map(from) {
        map(to).to_owned()
    } else if rest == suggest(from) {
        suggest(to).to_owned()
    } else if rest == open_data(from) {
        open_data(to).to_owned()
    } else if rest == sign_in(from) {
        sign_in(to).to_owned()
    } else if rest == account(from) {
        account(to).to_owned()
    } else if rest == accounts(from) {
        accounts(to).to_owned()
    } else if rest == referrals(from) {
        referrals(to).to_owned()
    } else if rest == audit_log(from) {
        audit_log(to).to_owned()
    } else if rest == partner_tours(from) {
        partner_tours(to).to_owned()
    } else if let Some(tail) = rest
        .strip_prefix(imports(from))
        .filter(|tail| tail.is_empty() || tail.starts_with('/'))
    {
        format!("{}{tail}", imports(to))
    } else if let Some(tail) = rest
        .strip_prefix(staff(from))
        .filter(|tail| tail.is_empty() || tail.starts_with('/'))
    {
        // A listing's history or preview, or a new listing's form, has its
        // last segment in each language.
        let tail = [
            (history_tail(from), history_tail(to)),
            (preview_tail(from), preview_tail(to)),
        ]
        .into_iter()
        .find_map(|(a, b)| tail.strip_suffix(a).map(|head| format!("{head}{b}")))
        .or_else(|| {
            tail.strip_suffix(new_segment(from))
                .filter(|head| head.ends_with('/'))
                .map(|head| format!("{head}{}", new_segment(to)))
        })
        .unwrap_or_else(|| tail.to_owned());
        format!("{}{tail}", staff(to))
    } else if let Some((list, tail)) = [villages, clusters, enterprises, products, partners]
        .into_iter()
        .find_map(|list| {
            let tail = rest.strip_prefix(list(from))?;
            (tail.is_empty() || tail.starts_with('/')).then_some((list, tail))
        })
    {
        format!("{}{tail}", list(to))
    } else {
        home(to).to_owned()
    };
    with_query(&target, query)
}

/// The tail of a form's address that shows its history.
pub fn history_tail(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/lich-su",
        Lang::En => "/history",
    }
}

/// The tail of a form's address that previews the listing as its public
/// page will show it.
pub fn preview_tail(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "/xem-truoc",
        Lang::En => "/preview",
    }
}

/// The last segment of a new listing's form (`/quan-tri/village/moi`).
pub fn new_segment(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "moi",
        Lang::En => "new",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_pages_are_told_from_public_ones() {
        for path in [
            "/quan-tri",
            "/quan-tri/lang-nghe/3",
            "/en/admin/villages/3/history",
            "/dang-nhap",
            "/en/sign-in",
            "/nhap-du-lieu/7",
            "/en/partner-tours",
            "/luot-gioi-thieu",
        ] {
            assert!(is_staff_page(path), "{path}");
        }
        for path in [
            "/",
            "/en",
            "/lang-nghe/ban-lac",
            "/en/craft-villages",
            "/ban-do",
            "/gop-y",
            "/doi-tac/du-lich-mai-chau",
            "/quan-trid",
            "/en/administration",
            "/tim-kiem",
        ] {
            assert!(!is_staff_page(path), "{path}");
        }
    }

    use super::*;

    #[test]
    fn empty_parameters_are_left_out() {
        assert_eq!(
            without_empty_parameters("q=ruou&="),
            Some("q=ruou".to_owned())
        );
        assert_eq!(
            without_empty_parameters("district=&commune=05251&craft="),
            Some("commune=05251".to_owned())
        );
        assert_eq!(without_empty_parameters("q=+&page="), Some(String::new()));
        assert_eq!(
            without_empty_parameters("q=a&&b=c"),
            Some("q=a&b=c".to_owned())
        );
        assert_eq!(
            without_empty_parameters("q=r%C6%B0%E1%BB%A3u&craft=det"),
            None
        );
        assert_eq!(without_empty_parameters(""), None);
    }

    #[test]
    fn switch_keeps_the_item_and_the_query() {
        assert_eq!(switch_language("/", ""), "/en");
        assert_eq!(switch_language("/en", ""), "/");
        assert_eq!(switch_language("/en/", ""), "/");
        assert_eq!(
            switch_language("/lang-nghe", "craft=da-canh"),
            "/en/craft-villages?craft=da-canh"
        );
        assert_eq!(
            switch_language("/en/craft-villages/ban-lac", ""),
            "/lang-nghe/ban-lac"
        );
        assert_eq!(
            switch_language("/lang-nghe/ban-lac", ""),
            "/en/craft-villages/ban-lac"
        );
        assert_eq!(switch_language("/khong-co", ""), "/en");
        assert_eq!(switch_language("/tim-kiem", "q=da"), "/en/search?q=da");
        assert_eq!(switch_language("/en/search", ""), "/tim-kiem");
        assert_eq!(
            switch_language("/san-pham/ruou-mai-ha", ""),
            "/en/products/ruou-mai-ha"
        );
        assert_eq!(
            switch_language("/en/industrial-clusters", "stage=planned"),
            "/cum-cong-nghiep?stage=planned"
        );
        assert_eq!(switch_language("/doanh-nghiepx", ""), "/en");
        assert_eq!(
            switch_language("/doi-tac/mai-chau-travel", ""),
            "/en/partners/mai-chau-travel"
        );
        assert_eq!(
            switch_language("/en/partner-tours", "tour=3"),
            "/tour-doi-tac?tour=3"
        );
        assert_eq!(switch_language("/luot-gioi-thieu", ""), "/en/referrals");
        assert_eq!(switch_language("/du-lieu-mo", ""), "/en/open-data");
        assert_eq!(switch_language("/en/open-data", ""), "/du-lieu-mo");
        assert_eq!(
            switch_language("/ban-do", "q=gom&bbox=105,20,106,21"),
            "/en/map?q=gom&bbox=105,20,106,21"
        );
        // Staff pages whose last segment is a word.
        assert_eq!(
            switch_language("/quan-tri/village/3/lich-su", ""),
            "/en/admin/village/3/history"
        );
        assert_eq!(
            switch_language("/en/admin/product/4/preview", "typed=1"),
            "/quan-tri/product/4/xem-truoc?typed=1"
        );
        assert_eq!(
            switch_language("/quan-tri/cluster/moi", ""),
            "/en/admin/cluster/new"
        );
        assert_eq!(
            switch_language("/en/admin/village/12", ""),
            "/quan-tri/village/12"
        );
        assert_eq!(
            switch_language("/en/admin/village", ""),
            "/quan-tri/village"
        );
    }
}
