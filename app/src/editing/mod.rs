//! Editing listings: the fields each kind of listing lets staff edit, their
//! parsing (the same code checks a form in the browser and on the server),
//! revisions with field-level diffs, and the pages of `/quan-tri`.
//!
//! A listing's editable state is a map from field key (its column) to the
//! field's text; revisions store that map, so diffs, restores and (later)
//! partner proposals work the same way for every kind.

pub mod api;
pub mod export;
pub mod list_page;
pub mod pages;
pub mod preview;
pub mod review;

use model::listing::Kind;
use serde::{Deserialize, Serialize};

// Values, field specs, parsing, diffs, the staff list's rows and the
// queries (`db`: the one write path, revisions, proposals) are
// `model::editing`'s.
pub use model::editing::*;

/// A listing's form as the edit page loads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditData {
    pub kind: Kind,
    pub id: i64,
    /// The listing's `updated_at` when loaded: a save against an older one
    /// is refused instead of overwriting someone else's change.
    pub version: String,
    pub slug: String,
    pub values: Values,
    /// Errors of the last (refused) plain-form save, with what was typed.
    pub errors: FieldErrors,
    pub saved: bool,
    pub cx: FormContext,
    /// Whether the signed-in account may save this listing.
    pub may_edit: bool,
    /// The listing's photos, and the answer to the last upload (once).
    pub images: Vec<crate::media::ImageView>,
    pub upload: Option<crate::media::PhotoFlash>,
    /// A partner's form: it proposes the change for review instead.
    pub propose: bool,
    /// The last plain-form proposal was sent.
    pub proposed: bool,
    /// A plain-form save that met changes made meanwhile (see
    /// [`SaveOutcome`]).
    #[serde(default)]
    pub conflicts: Vec<FieldConflict>,
    #[serde(default)]
    pub meanwhile: Vec<FieldConflict>,
    #[serde(default)]
    pub changed_by: Option<String>,
    /// The values shown are typing sent along with a photo upload (a plain
    /// post): not saved yet.
    #[serde(default)]
    pub kept: bool,
}

/// The answer to a save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveOutcome {
    /// The listing's id (new after a create).
    pub id: i64,
    pub errors: FieldErrors,
    /// The listing's slug after the save.
    pub slug: String,
    pub version: String,
    /// The proposal made (a partner's save).
    pub proposal: Option<i64>,
    /// Fields someone else changed meanwhile that the form changed too,
    /// differently: nothing was saved; each is put to the person saving.
    #[serde(default)]
    pub conflicts: Vec<FieldConflict>,
    /// Fields only someone else changed meanwhile: theirs are kept.
    #[serde(default)]
    pub meanwhile: Vec<FieldConflict>,
    /// Who changed the listing meanwhile.
    #[serde(default)]
    pub changed_by: Option<String>,
}

/// A proposed edit with what it would change now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub id: i64,
    pub kind: Kind,
    pub target_id: i64,
    pub name: String,
    pub who: String,
    pub at: String,
    /// pending, accepted, rejected or withdrawn.
    pub state: String,
    pub reason: String,
    /// The partner's note justifying it.
    pub note: String,
    /// Current value → proposed value, per field.
    pub changes: Vec<FieldChange>,
    /// Whether the signed-in editor may decide it (commune scope).
    pub may_review: bool,
}

/// A review's answer and the proposal it concerns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewAnswer {
    pub proposal: i64,
    pub outcome: ReviewOutcome,
}

/// The answer to a review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReviewOutcome {
    Accepted,
    Rejected,
    /// A rejection needs a reason.
    ReasonRequired,
    /// Someone decided it already.
    AlreadyReviewed,
    /// The proposed values no longer pass the checks (the listing changed).
    NoLongerValid(FieldErrors),
    /// Its partner withdrew it.
    Withdrawn,
    /// Its partner sent it again (a new proposal).
    Resubmitted,
    /// Sent again already: the newer proposal is the one to follow.
    AlreadyResent,
    /// Sent again, it would change nothing: the listing has its values.
    NothingChanged,
}

/// One revision in a listing's history, with what it changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub id: i64,
    pub at: String,
    pub who: Option<String>,
    pub action: String,
    pub restored_from: Option<i64>,
    pub changes: Vec<FieldChange>,
    /// The import that wrote it: its id and file name.
    #[serde(default)]
    pub import: Option<(i64, String)>,
}

/// A listing's history, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub kind: Kind,
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub revisions: Vec<RevisionView>,
    pub may_edit: bool,
    /// Photos deleted from the listing, newest first, that can still be
    /// taken back.
    #[serde(default)]
    pub deleted_photos: Vec<DeletedPhoto>,
}

/// A deleted photo in a listing's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeletedPhoto {
    pub id: i64,
    pub alt: String,
    /// When (UTC, as stored).
    pub at: String,
    pub who: Option<String>,
}
