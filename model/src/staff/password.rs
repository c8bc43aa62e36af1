//! Passwords: Argon2id hashes (the crate's default parameters), computed on
//! a blocking thread so that a sign-in never stalls other requests.

use super::PasswordProblem;
use super::db::PasswordHash;
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

/// The whole rule for a new password: its length, and not one of the
/// common passwords zxcvbn's lists hold (nor a trivial variation of one,
/// nor the account's own e-mail address).
pub fn problem(password: &str, email: &str) -> Option<PasswordProblem> {
    if let Some(problem) = super::password_length_problem(password) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
                problem(common, "a@b.vn"),
                Some(PasswordProblem::Common),
                "{common}"
            );
        }
        assert_eq!(
            problem("lan.nguyen.2026", "lan.nguyen@x.vn"),
            Some(PasswordProblem::Common)
        );
        assert_eq!(problem("mây trắng bay qua Mai Châu", "a@b.vn"), None);
        assert_eq!(problem("tre-đan-Xóm-Sòi-71", "a@b.vn"), None);
    }
}
