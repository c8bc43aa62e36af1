//! The staff core: roles and what each may do, the signed-in account as
//! pages see it, e-mail addresses and the password length rule (the browser
//! checks it too; the common-password check is the server's). Server only:
//! the account and audit queries (`db`), Argon2id hashing (`password`) and
//! the session store.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session_store;

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including accounts.
    Admin,
    /// Edits listings, possibly only in some communes.
    Editor,
    /// A tourism partner: may only propose edits.
    Partner,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Partner];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Partner => "partner",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Whether this role edits listings directly (not through review).
    pub fn edits(self) -> bool {
        matches!(self, Role::Admin | Role::Editor)
    }
}

/// A signed-in account as the pages see it: never a password or its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Communes an editor is limited to; empty = everywhere.
    pub communes: Vec<String>,
    /// The password was set by an administrator: the owner should choose
    /// their own.
    #[serde(default)]
    pub must_change_password: bool,
}

impl StaffUser {
    /// Whether this account may edit a listing in `commune` (`None`: a
    /// listing known by its former district only).
    pub fn may_edit_in(&self, commune: Option<&str>) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Editor => {
                self.communes.is_empty()
                    || commune.is_some_and(|c| self.communes.iter().any(|own| own == c))
            }
            Role::Partner => false,
        }
    }
}

/// An e-mail address as accounts use it: trimmed, lower-case, one `@` with
/// text on both sides and a dot in the domain, at most 254 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Email> {
        let email = input.trim().to_lowercase();
        let (local, domain) = email.split_once('@')?;
        let fine = !local.is_empty()
            && email.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c == '<' || c == '>')
            && !domain.contains('@');
        fine.then_some(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a new password is refused, precisely enough to say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// It contains a word an attacker tries first.
    Contains(KnownWord),
    /// One of the most common passwords, or close to one.
    Common,
    /// A keyboard row, a repeat, a sequence or a date.
    Pattern,
    /// A word or a name with little around it.
    Words,
}

/// Words an attacker who knows the site tries first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KnownWord {
    /// The account's e-mail name or its display name.
    Account,
    /// The site's, the department's or the province's name.
    Site,
    /// A role's name (editor, admin, partner, biên tập…).
    Role,
}

/// The length rule of passwords, in characters (not bytes).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// The length rule, which the browser checks too.
pub fn password_length_problem(password: &str) -> Option<PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN {
        Some(PasswordProblem::TooShort)
    } else if chars > PASSWORD_MAX {
        Some(PasswordProblem::TooLong)
    } else {
        None
    }
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
}
