//! The sitemap (sitemaps.org 0.9 with `xhtml:link` hreflang alternates):
//! every public page in both languages, each address listing both
//! languages and `x-default` (Vietnamese), with the date it last changed.
//! When the addresses do not fit one file they are split into files of at
//! most [`MAX_URLS`] addresses and [`MAX_BYTES`], listed by a sitemap
//! index. The protocol allows 50,000 addresses and 50 MB a file; the files
//! are kept smaller so that each is quick to make and to fetch.

use crate::base::date::Date;
use crate::base::i18n::Lang;
use crate::base::paths;
use crate::listing::Kind;

/// Addresses per file (the protocol allows 50,000).
pub const MAX_URLS: usize = 5_000;
/// Bytes per file (the protocol allows 50 MB).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
const _: () = assert!(MAX_URLS <= 50_000 && MAX_BYTES <= 50 * 1024 * 1024);
/// The sitemap, or the sitemap index when one file is not enough.
pub const PATH: &str = "/sitemap.xml";

/// Where the files of a split sitemap are (`/sitemap/1.xml`, …).
pub const FILES: &str = "/sitemap";
/// The router's pattern of those files.
pub const FILE_ROUTE: &str = "/sitemap/{file}";

/// The address of the `n`th file (from 1) when the sitemap is split.
pub fn file_path(n: usize) -> String {
    format!("{FILES}/{n}.xml")
}

/// Which file the last segment of its address names (`3.xml` → 3).
pub fn file_number(segment: &str) -> Option<usize> {
    let n = segment.strip_suffix(".xml")?;
    if n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().filter(|&n| n > 0)
}

/// One page in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub vi: String,
    pub en: String,
    pub changed: Option<Date>,
}

/// A published listing: its kind, slug and the day it last changed.
pub type Listing = (Kind, String, Option<Date>);

/// Every public page: the home page, the map, the lists of each kind and
/// every published listing's profile. A list changed when its newest
/// listing did; the home page and the map when any listing did.
pub fn pages(listings: &[Listing]) -> Vec<Page> {
    let newest = |kind: Option<Kind>| {
        listings
            .iter()
            .filter(|(k, _, _)| kind.is_none_or(|kind| *k == kind))
            .filter_map(|(_, _, changed)| *changed)
            .max()
    };
    let both = |path: fn(Lang) -> &'static str, changed| Page {
        vi: path(Lang::Vi).to_owned(),
        en: path(Lang::En).to_owned(),
        changed,
    };
    let mut out = vec![
        both(paths::home, newest(None)),
        both(paths::map, newest(None)),
        both(paths::open_data, newest(None)),
    ];
    for kind in Kind::ALL {
        out.push(Page {
            vi: kind.list_path(Lang::Vi).to_owned(),
            en: kind.list_path(Lang::En).to_owned(),
            changed: newest(Some(kind)),
        });
    }
    out.extend(listings.iter().map(|(kind, slug, changed)| Page {
        vi: kind.profile_path(Lang::Vi, slug),
        en: kind.profile_path(Lang::En, slug),
        changed: *changed,
    }));
    out
}

/// Partner organisations' public pages (their addresses and last
/// change), in both languages.
pub fn partner_pages(partners: &[(String, Option<Date>)]) -> Vec<Page> {
    partners
        .iter()
        .map(|(slug, changed)| Page {
            vi: paths::partner(Lang::Vi, slug),
            en: paths::partner(Lang::En, slug),
            changed: *changed,
        })
        .collect()
}

/// Text escaped for XML element content and quoted attributes (the same
/// five characters as HTML).
fn escape(text: &str, out: &mut String) {
    out.push_str(&crate::base::text::escape_html(text));
}

/// The two `<url>` entries of a page (one per language).
fn entries(base: &str, page: &Page, out: &mut String) {
    for own in [&page.vi, &page.en] {
        out.push_str("<url><loc>");
        escape(base, out);
        escape(own, out);
        out.push_str("</loc>");
        if let Some(day) = page.changed {
            out.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        for (lang, path) in [("vi", &page.vi), ("en", &page.en), ("x-default", &page.vi)] {
            out.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            out.push_str(lang);
            out.push_str("\" href=\"");
            escape(base, out);
            escape(path, out);
            out.push_str("\"/>");
        }
        out.push_str("</url>\n");
    }
}

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The pages of each file: consecutive runs that keep both limits.
pub fn split(base: &str, pages: &[Page]) -> Vec<std::ops::Range<usize>> {
    let room = MAX_BYTES - URLSET_OPEN.len() - URLSET_CLOSE.len();
    let mut files = Vec::new();
    let (mut start, mut urls, mut bytes) = (0, 0, 0);
    let mut scratch = String::new();
    for (i, page) in pages.iter().enumerate() {
        scratch.clear();
        entries(base, page, &mut scratch);
        if i > start && (urls + 2 > MAX_URLS || bytes + scratch.len() > room) {
            files.push(start..i);
            (start, urls, bytes) = (i, 0, 0);
        }
        urls += 2;
        bytes += scratch.len();
    }
    files.push(start..pages.len());
    files
}

/// A `<urlset>` of these pages.
pub fn urlset(base: &str, pages: &[Page]) -> String {
    let mut out = String::from(URLSET_OPEN);
    for page in pages {
        entries(base, page, &mut out);
    }
    out.push_str(URLSET_CLOSE);
    out
}

/// The sitemap index of `files` files, each with the newest change among
/// its pages.
pub fn index(base: &str, files: &[Option<Date>]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, changed) in files.iter().enumerate() {
        out.push_str("<sitemap><loc>");
        escape(base, &mut out);
        escape(&file_path(i + 1), &mut out);
        out.push_str("</loc>");
        if let Some(day) = changed {
            out.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        out.push_str("</sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// `robots.txt`: everything may be crawled but the staff area and the
/// server's own endpoints; the sitemap's absolute address.
pub fn robots(base: &str) -> String {
    let mut out = String::from("User-agent: *\n");
    for lang in [Lang::Vi, Lang::En] {
        for path in [
            paths::staff(lang),
            paths::sign_in(lang),
            paths::suggest(lang),
        ] {
            out.push_str(&format!("Disallow: {path}\n"));
        }
    }
    out.push_str("Disallow: /api/\nAllow: /\n\n");
    out.push_str(&format!("Sitemap: {base}{PATH}\n"));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const BASE: &str = "https://langnghe.example";

    fn listings(n: usize) -> Vec<Listing> {
        (0..n)
            .map(|i| {
                (
                    Kind::ALL[i % 4],
                    format!("noi-{i}"),
                    Date::parse(&format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                )
            })
            .collect()
    }

    /// Every `<loc>` and `href` of a file, in order.
    fn addresses(xml: &str, open: &str, close: char) -> Vec<String> {
        xml.split(open)
            .skip(1)
            .map(|rest| rest[..rest.find(close).unwrap()].to_owned())
            .collect()
    }

    #[test]
    fn every_address_is_absolute_and_names_both_languages_and_the_default() {
        let pages = pages(&listings(9));
        assert_eq!(
            pages.len(),
            7 + 9,
            "home, map, open data, four lists, nine profiles"
        );
        let xml = urlset(BASE, &pages);
        let locs = addresses(&xml, "<loc>", '<');
        assert_eq!(locs.len(), 2 * pages.len());
        assert!(locs.iter().all(|l| l.starts_with(BASE)), "{locs:?}");
        // Each entry lists vi, en and x-default; its own address is one of
        // them, and its pair lists the same three (hreflang pairs).
        let entries: Vec<&str> = xml.split("<url>").skip(1).collect();
        for pair in entries.chunks(2) {
            let links = |e: &str| addresses(e, "href=\"", '"');
            assert_eq!(links(pair[0]), links(pair[1]));
            let [vi, en, default] = &links(pair[0])[..] else {
                panic!("{}", pair[0])
            };
            assert_eq!(vi, default);
            assert!(en.starts_with(&format!("{BASE}/en")), "{en}");
            for (entry, own) in [(pair[0], vi), (pair[1], en)] {
                assert!(entry.contains(&format!("<loc>{own}</loc>")), "{entry}");
                assert!(entry.contains("hreflang=\"vi\"") && entry.contains("hreflang=\"en\""));
            }
        }
        assert!(xml.contains(&format!(
            "<loc>{BASE}/lang-nghe/noi-0</loc><lastmod>2026-01-01</lastmod>"
        )));
        // A list changed when its newest listing did.
        assert!(xml.contains(&format!(
            "<loc>{BASE}/lang-nghe</loc><lastmod>2026-09-09</lastmod>"
        )));
    }

    #[test]
    fn large_sites_are_split_within_the_limits_and_nothing_is_lost() {
        let pages = pages(&listings(7_000));
        let files = split(BASE, &pages);
        assert_eq!(files.len(), 3, "{files:?}");
        let mut next = 0;
        for range in &files {
            assert_eq!(range.start, next);
            next = range.end;
            let xml = urlset(BASE, &pages[range.clone()]);
            let urls = addresses(&xml, "<loc>", '<').len();
            assert!(urls <= MAX_URLS, "{urls}");
            assert!(xml.len() <= MAX_BYTES);
        }
        assert_eq!(next, pages.len());
        let newest: Vec<Option<Date>> = files.iter().map(|_| Date::parse("2026-12-01")).collect();
        let index = index(BASE, &newest);
        assert_eq!(
            addresses(&index, "<loc>", '<'),
            [1, 2, 3].map(|n| format!("{BASE}/sitemap/{n}.xml"))
        );
        // Long addresses: the byte limit splits before the count does.
        let long: Vec<Page> = (0..3_000)
            .map(|i| Page {
                vi: format!("/lang-nghe/{}{i}", "x".repeat(300)),
                en: format!("/en/craft-villages/{}{i}", "x".repeat(300)),
                changed: None,
            })
            .collect();
        for range in split(BASE, &long) {
            assert!(urlset(BASE, &long[range]).len() <= MAX_BYTES);
        }
        assert!(split(BASE, &long).len() > 1);
    }

    #[test]
    fn text_is_escaped_for_xml() {
        let page = Page {
            vi: "/lang-nghe/a&b<c>\"'".to_owned(),
            en: "/en/x".to_owned(),
            changed: None,
        };
        let xml = urlset("https://x.example/?a=1&b=2", &[page]);
        assert!(
            xml.contains(
                "<loc>https://x.example/?a=1&amp;b=2/lang-nghe/a&amp;b&lt;c&gt;&quot;&#39;</loc>"
            ),
            "{xml}"
        );
        assert!(!xml.contains("a&b"));
    }

    #[test]
    fn file_numbers_are_plain_positive_numbers() {
        assert_eq!(file_number("3.xml"), Some(3));
        assert_eq!(file_number("12.xml"), Some(12));
        for bad in [
            "0.xml",
            "03.xml",
            "x.xml",
            "3.xml.gz",
            "3",
            "-1.xml",
            ".xml",
            "99999999999999999999999.xml",
        ] {
            assert_eq!(file_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn robots_names_the_sitemap_and_keeps_crawlers_out_of_the_staff_area() {
        let text = robots(BASE);
        assert!(text.contains("Sitemap: https://langnghe.example/sitemap.xml\n"));
        assert!(text.contains("Disallow: /quan-tri\n") && text.contains("Disallow: /api/\n"));
        assert!(text.starts_with("User-agent: *\n"));
    }
}
