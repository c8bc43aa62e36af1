//! The staff workspace: accounts, roles, sign-in and the pages under
//! `/quan-tri` (`/en/admin`).
//!
//! The staff core (roles, accounts, passwords, sessions, the audit log's
//! queries) is `model::staff`'s; here are `auth` (the request context and
//! `require`, server-only), the server functions (`api`) and the pages.

pub mod account;
pub mod accounts;
pub mod api;
pub mod audit;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod chrome;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod flash;
pub mod imports;
pub mod pages;
pub mod referrals;
pub mod routes;
pub mod strings;
pub mod suggestions;
pub mod tours;

// Roles, accounts as pages see them, e-mail addresses, the password rules,
// the audit log's entries and the account queries are `model::staff`'s.
pub use model::staff::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_returns_only_to_staff_pages() {
        use api::safe_next;
        use model::i18n::Lang;
        for fine in [
            "/quan-tri",
            "/quan-tri/lang-nghe/12",
            "/en/admin?x=1",
            "/tai-khoan",
            "/en/account",
            "/nguoi-dung",
            "/en/users",
            "/tour-doi-tac",
            "/en/partner-tours?tour=3",
            "/nhap-du-lieu",
            "/en/import/12",
        ] {
            assert_eq!(safe_next(fine, Lang::Vi), fine);
        }
        for bad in [
            "",
            "https://evil.example/quan-tri",
            "//evil.example",
            "/quan-tri//evil.example",
            "/quan-tri\\evil",
            "/tai-khoanx",
            "/nguoi-dung-gia",
            "/lang-nghe",
            "/quan-tri\n",
            "/nhap-du-lieu-x",
        ] {
            assert_eq!(safe_next(bad, Lang::Vi), "/quan-tri", "{bad:?}");
            assert_eq!(safe_next(bad, Lang::En), "/en/admin", "{bad:?}");
        }
    }
}
