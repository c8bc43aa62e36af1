//! Editing listings, the part both sides share: a listing's editable state
//! is a map from field key (its column) to the field's text; each kind's
//! fields and their parsing are in `fields` (the same code checks a form in
//! the browser, a staff save, the seed and imports on the server); diffs of
//! two versions; and (server only) `db`: the one write path of every writer
//! (parse, check, create or update with a revision), revisions, lists and
//! proposals. The server functions and pages are in `app::editing`.

#[cfg(feature = "ssr")]
pub mod db;
pub mod fields;
pub mod list;

pub use list::StaffListRow;

use crate::listing::Kind;
use fields::{FieldError, FieldKind, FieldSpec};
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
    /// Today in Vietnam: dates and years of past events end here.
    pub today: crate::base::date::Date,
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

/// The fields only the department sets: a listing's state and its address.
/// Partners' proposals never change them (their form does not show them,
/// and the server keeps the stored values whatever is sent).
pub const DEPARTMENT_ONLY: [&str; 2] = ["status", "slug"];

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
    sources_name_own_fields(spec, &values, &mut errors);
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// A source line may only name fields the kind has.
fn sources_name_own_fields(spec: &[FieldSpec], values: &Values, errors: &mut FieldErrors) {
    for field in spec.iter().filter(|f| f.kind == FieldKind::Sources) {
        if errors.contains_key(field.key) {
            continue;
        }
        let text = values.get(field.key).map(String::as_str);
        let unknown = crate::listing::sources::read(text)
            .iter()
            .flat_map(|c| c.fields.iter())
            .any(|key| !spec.iter().any(|f| f.key == key));
        if unknown {
            errors.insert(field.key.to_owned(), FieldError::BadSources);
        }
    }
}

/// One field that differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub key: String,
    pub before: String,
    pub after: String,
}

/// A field someone else changed while a form was open: the value saved
/// meanwhile and what the form sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub key: String,
    pub theirs: String,
    pub mine: String,
}

/// What a save from a form loaded before someone else's save can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    /// The form's values, with the fields only the other person changed
    /// taken from theirs: what to save when nothing clashes.
    pub values: Values,
    /// Fields both changed, to different values: the person saving
    /// decides, field by field.
    pub conflicts: Vec<FieldConflict>,
    /// Fields only the other person changed: theirs are kept.
    pub meanwhile: Vec<FieldConflict>,
}

/// Merges a form's values (`mine`) with the listing saved meanwhile
/// (`current`), given what the form started from (`base`). Without a
/// base, every field that differs is put to the person saving.
pub fn merge(spec: &[FieldSpec], base: Option<&Values>, current: &Values, mine: &Values) -> Merge {
    let get = |values: &Values, key: &str| values.get(key).cloned().unwrap_or_default();
    let mut out = Merge {
        values: mine.clone(),
        conflicts: Vec::new(),
        meanwhile: Vec::new(),
    };
    for field in spec {
        let (theirs, typed) = (get(current, field.key), get(mine, field.key));
        if theirs == typed {
            continue;
        }
        let conflict = FieldConflict {
            key: field.key.to_owned(),
            theirs: theirs.clone(),
            mine: typed.clone(),
        };
        match base.map(|base| get(base, field.key)) {
            // Only they changed it: theirs stays.
            Some(before) if before == typed => {
                out.values.insert(field.key.to_owned(), theirs);
                out.meanwhile.push(conflict);
            }
            // Only I changed it: mine goes in.
            Some(before) if before == theirs => {}
            _ => out.conflicts.push(conflict),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::{Values, merge, spec_of};

    #[test]
    fn saves_made_meanwhile_merge_field_by_field() {
        let spec = spec_of(crate::listing::Kind::Village).expect("villages have fields");
        let values = |pairs: &[(&str, &str)]| -> Values {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let base = values(&[
            ("name_en", "A"),
            ("description_en", "old"),
            ("products_en", "p"),
        ]);
        let theirs = values(&[
            ("name_en", "B"),
            ("description_en", "theirs"),
            ("products_en", "p"),
        ]);
        let mine = values(&[
            ("name_en", "A"),
            ("description_en", "mine"),
            ("products_en", "q"),
        ]);
        let m = merge(spec, Some(&base), &theirs, &mine);
        // name_en: only they changed it; products_en: only I did; the
        // description: both.
        assert_eq!(m.values["name_en"], "B");
        assert_eq!(m.values["products_en"], "q");
        assert_eq!(m.values["description_en"], "mine");
        assert_eq!(
            m.meanwhile
                .iter()
                .map(|c| c.key.as_str())
                .collect::<Vec<_>>(),
            ["name_en"]
        );
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(
            (m.conflicts[0].theirs.as_str(), m.conflicts[0].mine.as_str()),
            ("theirs", "mine")
        );
        // Both changed it the same way: no conflict.
        let same = values(&[
            ("name_en", "A"),
            ("description_en", "theirs"),
            ("products_en", "p"),
        ]);
        assert!(
            merge(spec, Some(&base), &theirs, &same)
                .conflicts
                .is_empty()
        );
        // No base: every difference is a question.
        let m = merge(spec, None, &theirs, &mine);
        assert_eq!(m.conflicts.len(), 3);
        assert!(m.meanwhile.is_empty());
    }
}
