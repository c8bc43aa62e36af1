//! The staff workspace: accounts, roles, sign-in and the pages under
//! `/quan-tri` (`/en/admin`).
//!
//! Shared types live here (compiled for both sides); `auth` and `db` are
//! server-only; `api` holds the server functions, `pages` the pages.

pub mod account;
pub mod accounts;
pub mod api;
pub mod audit;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod chrome;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod session_store;
pub mod strings;

use serde::{Deserialize, Serialize};

// Roles, accounts as pages see them, e-mail addresses and the password
// length rule are `model::staff`'s.
pub use model::staff::*;

/// The whole rule for a new password: its length, and not one of the
/// common passwords zxcvbn's lists hold (nor a trivial variation of one,
/// nor the account's own e-mail address).
#[cfg(feature = "ssr")]
pub fn password_problem(password: &str, email: &str) -> Option<PasswordProblem> {
    if let Some(problem) = password_length_problem(password) {
        return Some(problem);
    }
    let local = email.split('@').next().unwrap_or_default();
    // The account's own name with a few characters around it.
    if local.chars().count() >= 4 && password.to_lowercase().contains(&local.to_lowercase()) {
        return Some(PasswordProblem::Common);
    }
    let guessable = zxcvbn::zxcvbn(password, &[email, local, "langnghe", "hoabinh"]).score()
        < zxcvbn::Score::Two;
    guessable.then_some(PasswordProblem::Common)
}

/// One audit log entry as the dashboard shows it (read straight from the
/// query).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub who: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub target_id: Option<i64>,
    pub detail: String,
    pub ip: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Lan.Nguyen@SoCongThuong.gov.vn ").map(|e| e.as_str().to_owned()),
            Some("lan.nguyen@socongthuong.gov.vn".into())
        );
        for bad in [
            "",
            "lan",
            "@x.vn",
            "lan@",
            "lan@vn",
            "lan@@x.vn",
            "a b@x.vn",
            "lan@x.vn.",
        ] {
            assert_eq!(Email::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn password_length_counts_characters() {
        assert_eq!(
            password_length_problem("ngắn"),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(password_length_problem("đủ tám ký"), None);
        assert_eq!(
            password_length_problem(&"x".repeat(129)),
            Some(PasswordProblem::TooLong)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn common_passwords_are_refused() {
        for common in [
            "password",
            "12345678",
            "qwertyuiop",
            "iloveyou1",
            "Password1",
        ] {
            assert_eq!(
                password_problem(common, "a@b.vn"),
                Some(PasswordProblem::Common),
                "{common}"
            );
        }
        assert_eq!(
            password_problem("lan.nguyen.2026", "lan.nguyen@x.vn"),
            Some(PasswordProblem::Common)
        );
        assert_eq!(
            password_problem("mây trắng bay qua Mai Châu", "a@b.vn"),
            None
        );
        assert_eq!(password_problem("tre-đan-Xóm-Sòi-71", "a@b.vn"), None);
    }

    #[test]
    fn editors_limited_to_communes_edit_there_only() {
        let mut user = StaffUser {
            id: 1,
            email: "e@x.vn".into(),
            display_name: "E".into(),
            role: Role::Editor,
            communes: vec![],
            must_change_password: false,
        };
        assert!(user.may_edit_in(None));
        user.communes = vec!["04891".into()];
        assert!(user.may_edit_in(Some("04891")));
        assert!(!user.may_edit_in(Some("04900")));
        assert!(!user.may_edit_in(None));
        user.role = Role::Partner;
        assert!(!user.may_edit_in(Some("04891")));
        user.role = Role::Admin;
        assert!(user.may_edit_in(None));
    }

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
        ] {
            assert_eq!(safe_next(bad, Lang::Vi), "/quan-tri", "{bad:?}");
            assert_eq!(safe_next(bad, Lang::En), "/en/admin", "{bad:?}");
        }
    }
}
