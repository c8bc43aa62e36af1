//! What anyone may send from a public profile without an account: a
//! correction of one of the listing's facts, or "this is my business". The
//! message waits in the editors' review queue with the field it concerns;
//! nothing of it (name, contact) is ever shown publicly. The rules here run
//! on both sides; `db` (server only) stores and lists them.

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::i18n::Lang;
use crate::base::paths;
use crate::editing::fields::FieldSpec;
use crate::editing::spec_of;
use crate::listing::Kind;
use serde::{Deserialize, Serialize};

/// The longest message, in characters.
pub const MESSAGE_MAX: usize = 2000;
/// The longest name, in characters.
pub const NAME_MAX: usize = 100;
/// The longest contact (telephone or e-mail), in characters.
pub const CONTACT_MAX: usize = 200;
/// At most this many messages wait at once; past it the form asks people
/// to come back later, so anonymous senders cannot grow the database
/// without bound.
pub const PENDING_MAX: i64 = 500;
/// The topic "this is my business" (the sender runs the listing).
pub const OWNER: &str = "owner";
/// The name of the honeypot field: hidden from people, filled by robots.
pub const HONEYPOT: &str = "website";

/// Fields the public is not asked about: addresses, workflow, duplicates of
/// a Vietnamese text in English.
fn internal(key: &str) -> bool {
    matches!(key, "slug" | "status" | "featured") || key.ends_with("_en")
}

/// The fields of `kind` a message may concern, in the form's order.
pub fn topics(kind: Kind) -> impl Iterator<Item = &'static FieldSpec> {
    spec_of(kind)
        .unwrap_or_default()
        .iter()
        .filter(|f| !internal(f.key))
}

/// The suggestion form of a listing; `sent` shows its thank-you.
pub fn form_path(lang: Lang, kind: Kind, slug: &str, sent: bool) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("kind", kind.code())
        .append_pair("slug", slug);
    if sent {
        query.append_pair("sent", "1");
    }
    paths::with_query(paths::suggest(lang), &query.finish())
}

/// What a topic key is called: a field's label, "this is my business", or
/// "general" for none.
pub fn topic_label(kind: Kind, key: &str, lang: Lang) -> &'static str {
    let t = lang.t();
    match key {
        "" => t.suggest_topic_general,
        OWNER => t.suggest_topic_owner,
        _ => topics(kind)
            .find(|f| f.key == key)
            .map_or(t.suggest_topic_general, |f| f.label(lang)),
    }
}

/// The form as sent: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SuggestionForm {
    pub kind: String,
    pub slug: String,
    pub field: String,
    pub message: String,
    pub name: String,
    pub contact: String,
    /// The honeypot ([`HONEYPOT`]).
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub lang: String,
}

/// A message that passed the rules, trimmed.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub kind: Kind,
    pub slug: String,
    /// A field key of the kind, [`OWNER`], or empty for none in particular.
    pub field: String,
    pub message: String,
    pub name: String,
    pub contact: String,
}

/// What is wrong with one field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuggestionError {
    MessageMissing,
    TooLong(usize),
    UnknownTopic,
    /// The listing is not (or no longer) published.
    UnknownListing,
    /// Too many messages from this address, or waiting in all.
    TryLater,
}

impl SuggestionError {
    /// The sentence shown at the field, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            SuggestionError::MessageMissing => t.suggest_message_missing.to_owned(),
            SuggestionError::TooLong(max) => (t.suggest_too_long)(max),
            SuggestionError::UnknownTopic => t.suggest_unknown_topic.to_owned(),
            SuggestionError::UnknownListing => t.suggest_unknown_listing.to_owned(),
            SuggestionError::TryLater => t.suggest_try_later.to_owned(),
        }
    }
}

/// Field name → what is wrong with it (`form` for the form as a whole).
pub type SuggestionErrors = Vec<(String, SuggestionError)>;

/// Whether a robot filled the honeypot: answered like a success, kept nowhere.
pub fn is_robot(form: &SuggestionForm) -> bool {
    !form.website.trim().is_empty()
}

/// Checks the form against the rules; every problem is named at its field.
pub fn parse(form: &SuggestionForm) -> Result<Suggestion, SuggestionErrors> {
    let mut errors = SuggestionErrors::new();
    let kind = Kind::parse(form.kind.trim());
    if kind.is_none() || form.slug.trim().is_empty() {
        errors.push(("form".to_owned(), SuggestionError::UnknownListing));
    }
    let field = form.field.trim();
    if let Some(kind) = kind
        && !(field.is_empty() || field == OWNER || topics(kind).any(|f| f.key == field))
    {
        errors.push(("field".to_owned(), SuggestionError::UnknownTopic));
    }
    let message = form.message.trim();
    if message.is_empty() {
        errors.push(("message".to_owned(), SuggestionError::MessageMissing));
    }
    for (key, text, max) in [
        ("message", message, MESSAGE_MAX),
        ("name", form.name.trim(), NAME_MAX),
        ("contact", form.contact.trim(), CONTACT_MAX),
    ] {
        if text.chars().count() > max {
            errors.push((key.to_owned(), SuggestionError::TooLong(max)));
        }
    }
    match kind {
        Some(kind) if errors.is_empty() => Ok(Suggestion {
            kind,
            slug: form.slug.trim().to_owned(),
            field: field.to_owned(),
            message: message.to_owned(),
            name: form.name.trim().to_owned(),
            contact: form.contact.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

/// A message in the editors' review queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub id: i64,
    pub kind: Kind,
    pub listing_id: i64,
    pub listing_name: String,
    pub slug: String,
    /// The field key, [`OWNER`] or empty.
    pub field: String,
    pub message: String,
    pub name: String,
    pub contact: String,
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(message: &str) -> SuggestionForm {
        SuggestionForm {
            kind: "village".into(),
            slug: "ban-lac".into(),
            field: "total_households".into(),
            message: message.into(),
            ..SuggestionForm::default()
        }
    }

    #[test]
    fn a_message_about_a_known_field_passes_trimmed() {
        let s = parse(&form("  Bản Lác có 120 hộ  ")).expect("valid");
        assert_eq!(s.kind, Kind::Village);
        assert_eq!(s.field, "total_households");
        assert_eq!(s.message, "Bản Lác có 120 hộ");
    }

    #[test]
    fn each_problem_is_named_at_its_field() {
        let mut f = form("   ");
        f.field = "password_hash".into();
        f.name = "x".repeat(NAME_MAX + 1);
        let errors = parse(&f).expect_err("invalid");
        assert!(errors.contains(&("message".into(), SuggestionError::MessageMissing)));
        assert!(errors.contains(&("field".into(), SuggestionError::UnknownTopic)));
        assert!(errors.contains(&("name".into(), SuggestionError::TooLong(NAME_MAX))));
        // Internal fields are not topics either.
        f.field = "status".into();
        assert!(
            parse(&f)
                .expect_err("invalid")
                .contains(&("field".into(), SuggestionError::UnknownTopic))
        );
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        assert!(parse(&form(&"ệ".repeat(MESSAGE_MAX))).is_ok());
        assert!(parse(&form(&"ệ".repeat(MESSAGE_MAX + 1))).is_err());
    }

    #[test]
    fn owner_and_general_are_topics_of_every_kind_and_a_bad_kind_is_refused() {
        for kind in Kind::ALL {
            let mut f = form("x");
            f.kind = kind.code().into();
            f.field = OWNER.into();
            assert!(parse(&f).is_ok());
            f.field = String::new();
            assert!(parse(&f).is_ok());
            assert!(topics(kind).all(|t| !internal(t.key)));
            assert!(topics(kind).count() > 5);
        }
        let mut f = form("x");
        f.kind = "user".into();
        assert!(parse(&f).is_err());
    }

    #[test]
    fn the_honeypot_tells_robots() {
        let mut f = form("x");
        assert!(!is_robot(&f));
        f.website = "http://spam.example".into();
        assert!(is_robot(&f));
    }
}
