//! The kinds of listing the directory holds.

use crate::base::i18n::Lang;
use crate::base::paths;
use serde::{Deserialize, Serialize};

/// The kinds of listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Village,
    Cluster,
    Enterprise,
    Product,
}

/// The open data list of every listing (`/api/v1/listings`).
pub const ALL_LISTINGS: &str = "listings";

impl Kind {
    /// The table holding listings of this kind.
    pub fn table(self) -> &'static str {
        match self {
            Kind::Village => "villages",
            Kind::Cluster => "clusters",
            Kind::Enterprise => "enterprises",
            Kind::Product => "products",
        }
    }

    /// The kind whose listings `table` holds.
    pub fn of_table(table: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.table() == table)
    }

    /// Whether `path` is a page with its own search box and filters (the
    /// search page, the map, each kind's list) in either language.
    pub fn is_directory_page(path: &str) -> bool {
        [Lang::Vi, Lang::En].into_iter().any(|lang| {
            path == paths::search(lang)
                || path == paths::map(lang)
                || Kind::ALL.iter().any(|k| path == k.list_path(lang))
        })
    }

    pub const ALL: [Kind; 4] = [
        Kind::Village,
        Kind::Cluster,
        Kind::Enterprise,
        Kind::Product,
    ];

    /// The code used in URLs (`?kind=village`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Village => "village",
            Kind::Cluster => "cluster",
            Kind::Enterprise => "enterprise",
            Kind::Product => "product",
        }
    }

    /// Its open data list: `/api/v1/{dataset}`.
    pub fn dataset(self) -> &'static str {
        match self {
            Kind::Village => "villages",
            Kind::Cluster => "clusters",
            Kind::Enterprise => "enterprises",
            Kind::Product => "products",
        }
    }

    /// The open data list of `kind` (`None`: every listing's) in `format`
    /// (`csv`, `xlsx`, `geojson`, `json`), with `query` (a query string).
    pub fn dataset_href(kind: Option<Kind>, format: &str, query: &str) -> String {
        let name = kind.map_or(ALL_LISTINGS, Kind::dataset);
        crate::base::paths::with_query(&format!("/api/v1/{name}.{format}"), query)
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name as a heading or facet label.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            Kind::Village => t.nav_villages,
            Kind::Cluster => t.nav_clusters,
            Kind::Enterprise => t.nav_enterprises,
            Kind::Product => t.nav_products,
        }
    }

    /// One listing of the kind, as a label on a card or link.
    pub fn singular(self, lang: Lang) -> &'static str {
        match self {
            Kind::Village => lang.t().kind_village,
            Kind::Cluster => lang.t().kind_cluster,
            Kind::Enterprise => lang.t().kind_enterprise,
            Kind::Product => lang.t().kind_product,
        }
    }

    /// The kind's list page.
    pub fn list_path(self, lang: Lang) -> &'static str {
        match self {
            Kind::Village => paths::villages(lang),
            Kind::Cluster => paths::clusters(lang),
            Kind::Enterprise => paths::enterprises(lang),
            Kind::Product => paths::products(lang),
        }
    }

    /// A listing's profile page.
    pub fn profile_path(self, lang: Lang, slug: &str) -> String {
        format!("{}/{slug}", self.list_path(lang))
    }

    /// The QR code of a listing's profile address in a language, as `svg`
    /// (for print) or `png`.
    pub fn qr_path(self, lang: Lang, slug: &str, format: &str) -> String {
        let tail = match lang {
            Lang::Vi => "",
            Lang::En => "?lang=en",
        };
        format!("{}/{}/{slug}.{format}{tail}", paths::QR_PREFIX, self.code())
    }

    /// A listing's link preview (`og:image`) for its page in `lang`.
    pub fn og_path(self, lang: Lang, slug: &str) -> String {
        let tail = match lang {
            Lang::Vi => "",
            Lang::En => "?lang=en",
        };
        format!("{}/{}/{slug}{tail}", paths::OG_PREFIX, self.code())
    }

    /// A listing's embeddable card (`/nhung/lang-nghe/ban-lac`,
    /// `/en/embed/craft-villages/ban-lac`).
    pub fn embed_path(self, lang: Lang, slug: &str) -> String {
        let profile = self.profile_path(lang, slug);
        match lang {
            Lang::Vi => format!("{}{profile}", paths::EMBED_PREFIX_VI),
            Lang::En => format!(
                "{}{}",
                paths::EMBED_PREFIX_EN,
                profile.strip_prefix("/en").unwrap_or(&profile)
            ),
        }
    }

    /// The kind whose list page ends in `segment` in `lang`
    /// (`lang-nghe`, `craft-villages`).
    pub fn from_segment(lang: Lang, segment: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| {
            k.list_path(lang)
                .rsplit('/')
                .next()
                .is_some_and(|s| s == segment)
        })
    }

    /// The kind, language and slug of a profile's path
    /// (`/en/craft-villages/ban-lac`); `None` for any other path.
    pub fn parse_profile_path(path: &str) -> Option<(Kind, Lang, String)> {
        let (lang, rest) = match path.strip_prefix("/en/") {
            Some(rest) => (Lang::En, rest),
            None => (Lang::Vi, path.strip_prefix('/')?),
        };
        let (segment, raw) = rest.split_once('/')?;
        let kind = Kind::from_segment(lang, segment)?;
        // Only an address as the site writes it (no other spelling).
        let slug = crate::base::text::Slug::parse(raw).ok()?;
        (slug.as_str() == raw).then(|| (kind, lang, raw.to_owned()))
    }

    /// The staff pages' address of a listing's form.
    pub fn edit_path(self, lang: Lang, id: i64) -> String {
        format!("{}/{}/{id}", paths::staff(lang), self.code())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn embed_and_profile_paths_go_both_ways() {
        assert_eq!(
            Kind::Village.embed_path(Lang::Vi, "ban-lac"),
            "/nhung/lang-nghe/ban-lac"
        );
        assert_eq!(
            Kind::Product.embed_path(Lang::En, "bun-cao-son"),
            "/en/embed/products/bun-cao-son"
        );
        for kind in Kind::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let path = kind.profile_path(lang, "ban-lac");
                assert_eq!(
                    Kind::parse_profile_path(&path),
                    Some((kind, lang, "ban-lac".to_owned())),
                    "{path}"
                );
            }
        }
        for path in [
            "/",
            "/lang-nghe",
            "/lang-nghe/",
            "/lang-nghe/Ban-Lac",
            "/lang-nghe/ban-lac/lich-su",
            "/en/lang-nghe/ban-lac",
            "//lang-nghe/ban-lac",
            "/quan-tri/village",
        ] {
            assert_eq!(Kind::parse_profile_path(path), None, "{path}");
        }
    }

    #[test]
    fn directory_pages_are_the_search_the_map_and_the_lists() {
        for path in [
            "/tim-kiem",
            "/en/search",
            "/ban-do",
            "/en/map",
            "/lang-nghe",
            "/en/products",
        ] {
            assert!(Kind::is_directory_page(path), "{path}");
        }
        for path in [
            "/",
            "/en",
            "/lang-nghe/ban-lac",
            "//lang-nghe",
            "/quan-tri",
            "/api/v1/map",
        ] {
            assert!(!Kind::is_directory_page(path), "{path}");
        }
    }
}
