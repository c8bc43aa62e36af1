//! The one error type every server function returns.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A failure a server function reports to its caller.
///
/// Expected outcomes are data (`Option<T>` for "not found" lookups); an
/// `AppError` means the request itself could not be served. `Internal` never
/// carries details: they are logged on the server only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// The thing asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness or reference rule of the database was broken; holds the
    /// name of the constraint, never the database's message.
    #[error("conflict")]
    Conflict(String),
    /// The caller is not signed in.
    #[error("unauthorized")]
    Unauthorized,
    /// The caller's role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// The caller signs in with a password an administrator set and must
    /// choose their own before doing anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    /// A request argument was malformed.
    #[error("bad request")]
    BadRequest,
    /// Something failed on the server; the details are in the server log.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function or its answer could
    /// not be read (network failure, bad encoding).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error stands for.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::BadRequest => 400,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::PasswordChangeRequired => 403,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            // On the server these are a request's body or method that do
            // not fit the function: the caller's mistake, not ours. (In the
            // browser they are an answer that could not be read.)
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        match &error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::Database(db)
                if matches!(
                    db.kind(),
                    ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation
                ) =>
            {
                AppError::Conflict(db.constraint().unwrap_or_default().to_owned())
            }
            _ => {
                tracing::error!(%error, "database error");
                AppError::Internal
            }
        }
    }
}

/// The result type of server functions.
pub type AppResult<T> = Result<T, AppError>;
