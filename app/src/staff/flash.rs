//! What a plain form post (no JavaScript) brings back to its page: what
//! was typed with each field's error, or what was done. It waits in the
//! session for the page's next load, which takes it.

use crate::error::AppError;
use model::editing::{FieldErrors, Values};
use serde::{Deserialize, Serialize};

/// A refused form's typing and errors.
#[derive(Serialize, Deserialize)]
pub struct Flash {
    /// Which form of the page.
    pub form: String,
    /// Which item the form was for.
    pub id: Option<i64>,
    pub values: Values,
    pub errors: FieldErrors,
}

const FLASH_KEY: &str = "form_flash";
const DONE_KEY: &str = "form_done";

/// The answer to a plain form post: back to `back` with `done` said, or
/// with what was typed and its errors.
pub async fn answer_plain(
    cx: &super::auth::RequestContext,
    errors: &FieldErrors,
    form: &str,
    id: Option<i64>,
    values: Values,
    done: &str,
    back: &str,
) -> Result<(), AppError> {
    if let Some(session) = &cx.session {
        if errors.is_empty() {
            let _ = session.insert(DONE_KEY, done).await;
        } else {
            let flash = Flash {
                form: form.to_owned(),
                id,
                values,
                errors: errors.clone(),
            };
            session
                .insert(FLASH_KEY, flash)
                .await
                .map_err(|_| AppError::Internal)?;
        }
    }
    cx.redirect(back);
    Ok(())
}

/// What the last plain post left for this page: its refused form, and
/// what was done.
pub async fn take(cx: &super::auth::RequestContext) -> (Option<Flash>, Option<String>) {
    let Some(session) = &cx.session else {
        return (None, None);
    };
    let flash = session.remove::<Flash>(FLASH_KEY).await.ok().flatten();
    let done = session.remove::<String>(DONE_KEY).await.ok().flatten();
    (flash, done)
}
