//! Suggestions from the public: the form on every profile's link (a lazy
//! route, `page`), what it loads, and the editors' side of the queue. The
//! form posts to the server's own handler (`server/src/suggest.rs`), which
//! answers a refused message by rendering this page again with the
//! [`Draft`] in its context.

pub mod page;

use crate::error::AppError;
use leptos::prelude::*;
use model::listing::Kind;
use serde::{Deserialize, Serialize};

pub use model::suggestion::*;

/// A refused message as it was typed, with a sentence per field (`form`
/// for the form as a whole), put in the render's context by the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub form: SuggestionForm,
    pub errors: Vec<(String, String)>,
}

impl Draft {
    /// The sentence shown at `field`, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(key, _)| key == field)
            .map(|(_, message)| message.clone())
    }
}

/// What the suggestion form shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    pub kind: Kind,
    pub slug: String,
    /// The listing's name in the page's language.
    pub name: String,
    /// The topics: field key and label in the page's language.
    pub topics: Vec<(String, String)>,
    /// What was typed, after a refused post.
    pub draft: Option<Draft>,
}

/// The suggestion form of a published listing; `None` when there is none.
#[server]
pub async fn suggestion_page(
    kind: String,
    slug: String,
    lang: Option<String>,
) -> Result<Option<FormPage>, AppError> {
    // From the request's context before any await.
    let draft = use_context::<Draft>();
    let pool = crate::context::pool()?;
    let lang = model::i18n::Lang::from_code(lang.as_deref());
    let Some(kind) = Kind::parse(&kind) else {
        return Ok(None);
    };
    let Some((_, name_vi, name_en)) =
        model::suggestion::db::published_target(&pool, kind, &slug).await?
    else {
        return Ok(None);
    };
    let mut topics = vec![
        (String::new(), lang.t().suggest_topic_general.to_owned()),
        (OWNER.to_owned(), lang.t().suggest_topic_owner.to_owned()),
    ];
    topics.extend(
        model::suggestion::topics(kind).map(|f| (f.key.to_owned(), f.label(lang).to_owned())),
    );
    Ok(Some(FormPage {
        kind,
        slug,
        name: lang.pick(&name_vi, &name_en).to_owned(),
        topics,
        draft,
    }))
}

/// Marks a waiting message handled (`handled` = true) or dismissed, for an
/// editor whose communes include the listing's; answers its id.
#[server(prefix = "/api/staff")]
pub async fn close_suggestion(
    suggestion: i64,
    handled: bool,
    lang: Option<String>,
) -> Result<i64, AppError> {
    use crate::staff::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Edit).await?;
    let (_, commune) = model::suggestion::db::pending_one(&cx.pool, suggestion)
        .await?
        .ok_or_else(|| cx.refuse(AppError::NotFound))?;
    if !user.may_edit_in(commune.as_deref()) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let ip = cx.ip_text();
    model::suggestion::db::close(&cx.pool, suggestion, handled, user.id, ip.as_deref()).await?;
    if cx.plain_form {
        let lang = model::i18n::Lang::from_code(lang.as_deref());
        cx.redirect(model::paths::staff(lang));
    }
    Ok(suggestion)
}

/// The waiting messages an editor may handle (its communes only).
#[cfg(feature = "ssr")]
pub async fn waiting_for(
    pool: &sqlx::SqlitePool,
    user: &crate::staff::StaffUser,
) -> Result<Vec<SuggestionView>, AppError> {
    if !user.role.edits() {
        return Ok(Vec::new());
    }
    Ok(model::suggestion::db::pending(pool)
        .await?
        .into_iter()
        .filter(|(_, commune)| user.may_edit_in(commune.as_deref()))
        .map(|(view, _)| view)
        .collect())
}
