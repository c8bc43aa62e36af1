//! Passwords: Argon2id hashes (the crate's default parameters), computed on
//! a blocking thread so that a sign-in never stalls other requests.

use super::db::PasswordHash;
use super::{KnownWord, PasswordProblem};
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use std::sync::OnceLock;

/// Hashing failed (no randomness, or the blocking thread died); the text
/// says why, for the log.
#[derive(Debug)]
pub struct HashFailed(pub String);

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash(password: String) -> Result<PasswordHash, HashFailed> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| PasswordHash(hash.to_string()))
            .map_err(|error| HashFailed(error.to_string()))
    })
    .await
    .map_err(|error| HashFailed(error.to_string()))?
}

/// Checks a password on a blocking thread. Without an account it checks
/// against a fixed hash, so that the answer takes as long either way.
pub async fn verify(password: String, hash: Option<PasswordHash>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let phc = match &hash {
            Some(hash) => hash.0.as_str(),
            None => DUMMY.get_or_init(|| {
                let salt = SaltString::generate(&mut OsRng);
                argon2::Argon2::default()
                    .hash_password(b"no account has this password", &salt)
                    .map(|h| h.to_string())
                    .unwrap_or_default()
            }),
        };
        let Ok(parsed) = argon2::PasswordHash::new(phc) else {
            return false;
        };
        let matches = argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        matches && hash.is_some()
    })
    .await
    .unwrap_or(false)
}

/// Words of the site and its roles, folded (no diacritics, no spaces).
const SITE_WORDS: [&str; 7] = [
    "langnghe",
    "hoabinh",
    "phutho",
    "congthuong",
    "tieuthucongnghiep",
    "khuyencong",
    "ocop",
];
const ROLE_WORDS: [&str; 10] = [
    "editor", "admin", "partner", "bientap", "quantri", "doitac", "canbo", "staff", "manager",
    "quanly",
];

/// Lower case, without diacritics or anything but letters and digits.
fn squeezed(text: &str) -> String {
    crate::base::text::fold(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The whole rule for a new password: its length; no word an attacker
/// tries first (the account's e-mail name or display name, the site's
/// name, a role's name); not one of the common passwords zxcvbn's lists
/// hold, nor a keyboard row, repeat, sequence or date, nor a lone word.
pub fn problem(password: &str, email: &str, name: &str) -> Option<PasswordProblem> {
    if let Some(problem) = super::password_length_problem(password) {
        return Some(problem);
    }
    let folded = squeezed(password);
    let local = email.split('@').next().unwrap_or_default();
    // Words of four letters or more (shorter ones are in many a good
    // password by chance).
    let has = |word: &str| word.len() >= 4 && folded.contains(word);
    let account = [local, name]
        .into_iter()
        .chain(name.split_whitespace())
        .any(|word| has(&squeezed(word)));
    let known = if account {
        Some(KnownWord::Account)
    } else if SITE_WORDS.into_iter().any(has) {
        Some(KnownWord::Site)
    } else if ROLE_WORDS.into_iter().any(has) {
        Some(KnownWord::Role)
    } else {
        None
    };
    if let Some(known) = known {
        return Some(PasswordProblem::Contains(known));
    }
    let entropy = zxcvbn::zxcvbn(password, &[email, local, name]);
    if entropy.score() >= zxcvbn::Score::Two {
        return None;
    }
    use zxcvbn::feedback::Warning as W;
    Some(match entropy.feedback().and_then(|f| f.warning()) {
        Some(
            W::ThisIsATop10Password
            | W::ThisIsATop100Password
            | W::ThisIsACommonPassword
            | W::ThisIsSimilarToACommonlyUsedPassword,
        ) => PasswordProblem::Common,
        Some(
            W::StraightRowsOfKeysAreEasyToGuess
            | W::ShortKeyboardPatternsAreEasyToGuess
            | W::RepeatsLikeAaaAreEasyToGuess
            | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess
            | W::SequencesLikeAbcAreEasyToGuess
            | W::RecentYearsAreEasyToGuess
            | W::DatesAreOftenEasyToGuess,
        ) => PasswordProblem::Pattern,
        _ => PasswordProblem::Words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_passwords_say_why() {
        let refused = |password: &str| problem(password, "lan.nguyen@x.vn", "Nguyễn Thị Lan");
        for common in [
            "password",
            "12345678",
            "iloveyou1",
            "Password1",
            "trustno1!",
        ] {
            assert_eq!(refused(common), Some(PasswordProblem::Common), "{common}");
        }
        for pattern in ["zxcvbnm,./", "zzzzzzzzzzzz", "abcdefghij", "19/05/1990"] {
            assert_eq!(
                refused(pattern),
                Some(PasswordProblem::Pattern),
                "{pattern}"
            );
        }
        // The role's name, in either language, with or without accents.
        for role in ["Editor2026!", "BiênTập@2026", "quan-tri-2026"] {
            assert_eq!(
                refused(role),
                Some(PasswordProblem::Contains(KnownWord::Role)),
                "{role}"
            );
        }
        for site in ["LangNghe#2026", "Hòa Bình 2026!"] {
            assert_eq!(
                refused(site),
                Some(PasswordProblem::Contains(KnownWord::Site)),
                "{site}"
            );
        }
        for own in ["lan.nguyen.2026", "NguyenThiLan99", "nguyễn-7-xyz"] {
            assert_eq!(
                refused(own),
                Some(PasswordProblem::Contains(KnownWord::Account)),
                "{own}"
            );
        }
        for words in ["mountains", "hanoi2026"] {
            assert_eq!(refused(words), Some(PasswordProblem::Words), "{words}");
        }
        assert_eq!(refused("mây trắng bay qua Mai Châu"), None);
        assert_eq!(refused("tre-đan-Xóm-Sòi-71"), None);
    }
}
