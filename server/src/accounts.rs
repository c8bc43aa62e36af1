//! `langnghe create-admin`: the first administrator account.

use app::staff::{self, Email, PasswordProblem, Role};
use std::io::{BufRead, IsTerminal};

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("'{0}' is not an e-mail address")]
    BadEmail(String),
    #[error("the password must have at least {} characters", staff::PASSWORD_MIN)]
    TooShort,
    #[error("the password may have at most {} characters", staff::PASSWORD_MAX)]
    TooLong,
    #[error("{}", app::staff::strings::st(model::i18n::Lang::En).password_problem(*.0))]
    Weak(PasswordProblem),
    #[error("the two passwords differ")]
    Mismatch,
    #[error("no password given on stdin")]
    NoPassword,
    #[error("an account with the address {0} exists already")]
    Exists(String),
    #[error("no commune has the code {0}")]
    UnknownCommune(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("password hashing failed")]
    Hash,
}

/// Reads the password: asked twice on a terminal, else the first line of
/// stdin (without its line break).
pub fn read_password() -> Result<String, CreateError> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            return Err(CreateError::Mismatch);
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(CreateError::NoPassword);
    }
    Ok(password)
}

/// Creates an admin account; returns its id.
pub async fn create_admin(
    pool: &sqlx::SqlitePool,
    email: &str,
    name: Option<&str>,
    password: String,
) -> Result<i64, CreateError> {
    create_account(pool, email, name, Role::Admin, &[], password).await
}

/// Creates an account of any role; an editor with communes may edit only
/// listings in them. Returns its id.
pub async fn create_account(
    pool: &sqlx::SqlitePool,
    email: &str,
    name: Option<&str>,
    role: Role,
    communes: &[String],
    password: String,
) -> Result<i64, CreateError> {
    let email = Email::parse(email).ok_or_else(|| CreateError::BadEmail(email.to_owned()))?;
    match model::staff::password::problem(&password, email.as_str(), name.unwrap_or_default()) {
        Some(PasswordProblem::TooShort) => return Err(CreateError::TooShort),
        Some(PasswordProblem::TooLong) => return Err(CreateError::TooLong),
        Some(problem) => return Err(CreateError::Weak(problem)),
        None => {}
    }
    if staff::db::by_email(pool, &email).await?.is_some() {
        return Err(CreateError::Exists(email.as_str().to_owned()));
    }
    let hash = staff::auth::hash_password(password)
        .await
        .map_err(|_| CreateError::Hash)?;
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or_default())
        .to_owned();
    let id = staff::db::insert(pool, &email, &name, role, &hash, communes)
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                CreateError::UnknownCommune(communes.join(", "))
            }
            _ => CreateError::Db(error),
        })?;
    let mut conn = pool.acquire().await?;
    staff::db::audit(
        &mut conn,
        staff::db::Audit {
            // Nobody signed in made it: the command line did.
            user_id: None,
            action: "create_account",
            target: Some("users"),
            target_id: Some(id),
            detail: &format!("{} (langnghe create-user)", role.as_str()),
            ip: None,
        },
    )
    .await?;
    Ok(id)
}
