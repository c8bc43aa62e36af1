//! Editing listings: the fields each kind of listing lets staff edit, their
//! parsing (the same code checks a form in the browser and on the server),
//! revisions with field-level diffs, and the pages of `/quan-tri`.
//!
//! A listing's editable state is a map from field key (its column) to the
//! field's text; revisions store that map, so diffs, restores and (later)
//! partner proposals work the same way for every kind.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod fields;
pub mod pages;
pub mod review;

use fields::{FieldError, FieldSpec};
use model::listing::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Field key → text. Empty text is "not recorded" (NULL).
pub type Values = BTreeMap<String, String>;

/// Field key → what is wrong with it.
pub type FieldErrors = BTreeMap<String, FieldError>;

/// The bounding box in which coordinates of listings must fall: the
/// commune centres of the area, widened by [`AreaBounds::MARGIN_DEG`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaBounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl AreaBounds {
    /// About 20 km: a commune's land reaches that far from its centre.
    pub const MARGIN_DEG: f64 = 0.2;

    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }
}

/// One choice of a commune field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneOption {
    pub code: String,
    pub name: String,
}

/// What a form needs besides the field list: the choices and bounds that
/// come from the database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormContext {
    pub communes: Vec<CommuneOption>,
    pub bounds: AreaBounds,
    /// Suggestions for link fields (only the form page loads them).
    #[serde(default)]
    pub links: Vec<LinkOption>,
    /// The communes before 1 July 2025, named with their district.
    #[serde(default)]
    pub legacy_communes: Vec<CommuneOption>,
    #[serde(default)]
    pub legacy_districts: Vec<CommuneOption>,
    /// The crafts (slug and name), for a village's crafts.
    #[serde(default)]
    pub crafts: Vec<CommuneOption>,
}

/// A suggestion of a link field: a listing's address and name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkOption {
    pub kind: Kind,
    pub slug: String,
    pub name: String,
}

/// The editable fields of a kind of listing; `None` for kinds not yet
/// editable.
pub fn spec_of(kind: Kind) -> Option<&'static [FieldSpec]> {
    match kind {
        Kind::Village => Some(fields::specs::VILLAGE),
        Kind::Cluster => Some(fields::specs::CLUSTER),
        Kind::Enterprise => Some(fields::specs::ENTERPRISE),
        Kind::Product => Some(fields::specs::PRODUCT),
    }
}

/// Parses every field of `input` by `spec`, then the rules that join two
/// fields. The result holds the normalised text of every field of the spec
/// (absent fields count as empty).
pub fn parse_values(
    spec: &[FieldSpec],
    input: &Values,
    cx: &FormContext,
) -> Result<Values, FieldErrors> {
    let mut values = Values::new();
    let mut errors = FieldErrors::new();
    for field in spec {
        let raw = input.get(field.key).map(String::as_str).unwrap_or_default();
        match field.parse(raw, cx) {
            Ok(text) => {
                values.insert(field.key.to_owned(), text);
            }
            Err(error) => {
                errors.insert(field.key.to_owned(), error);
                values.insert(field.key.to_owned(), raw.trim().to_owned());
            }
        }
    }
    fields::cross_checks(&values, &mut errors, cx);
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// One field that differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub key: String,
    pub before: String,
    pub after: String,
}

/// The fields of `spec` whose text differs, in the order of the spec; keys
/// missing on one side count as empty.
pub fn diff(spec: &[FieldSpec], before: &Values, after: &Values) -> Vec<FieldChange> {
    spec.iter()
        .filter_map(|field| {
            let b = before.get(field.key).cloned().unwrap_or_default();
            let a = after.get(field.key).cloned().unwrap_or_default();
            (a != b).then(|| FieldChange {
                key: field.key.to_owned(),
                before: b,
                after: a,
            })
        })
        .collect()
}

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
    /// pending, accepted or rejected.
    pub state: String,
    pub reason: String,
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
}

/// A row of the staff list of one kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffListRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub status: String,
    /// The commune's name.
    pub commune: Option<String>,
    /// The commune's code, for the scope check on the server only.
    #[serde(skip)]
    pub commune_code: Option<String>,
    pub updated_at: String,
}
