//! Bulk import of listings from spreadsheets: a file's cells are read
//! (`server::import`), their columns recognised by the field labels in
//! either language (`columns`), each cell turned into what the staff form
//! would hold (`cells`: names of communes of both eras, choices' labels,
//! dates as people write them), then every row goes through the same
//! field specs and parsers as the staff forms, matched against the
//! listings already there and planned (create, update, unchanged, error,
//! or a decision for a possible duplicate) before anything is written
//! (`db`: the plan, applying it in one transaction through the one write
//! path, and undoing it).

#[cfg(feature = "ssr")]
pub mod cells;
#[cfg(feature = "ssr")]
pub mod columns;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(test)]
mod tests;

use crate::editing::FieldChange;
use crate::editing::fields::FieldError;
use crate::listing::Kind;
use serde::{Deserialize, Serialize};

/// The largest file read (a spreadsheet of 20,000 full rows is ~8 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most rows of one import.
pub const MAX_ROWS: usize = 20_000;
/// The most columns read.
pub const MAX_COLUMNS: usize = 200;
/// Rows of the preview shown on one page.
pub const PREVIEW_PAGE: usize = 100;
/// The column key of a listing's number (the staff export's first column).
pub const ID: &str = "id";

/// A file's cells as read: the first row is the header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Why a file could not be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// Neither an Excel workbook nor UTF-8 CSV text.
    NotSpreadsheet,
    /// Over [`MAX_BYTES`].
    TooLarge,
    /// No header row, or a header without a single data row.
    Empty,
    /// Over [`MAX_ROWS`] rows.
    TooManyRows,
    /// No column is a field of the kind.
    NoKnownColumn,
}

/// One column of the file and the field it is read into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The header as typed.
    pub header: String,
    /// A field key, [`ID`], or empty (not read).
    pub key: String,
    /// Whether the header named the field exactly (in either language,
    /// with or without marks); a close guess is not sure and is put to
    /// staff before anything is applied.
    pub sure: bool,
}

/// What is wrong with a cell (or a row).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// What the field's form would say.
    Field(FieldError),
    /// The commune is not among those the editor may edit in.
    OutOfScope,
    /// The same listing as an earlier row of the file (its line).
    DuplicateOf(u32),
    /// No listing of the kind has this number.
    UnknownId,
    /// The field is required and the file has no column for it.
    MissingColumn,
}

/// A problem at a cell: its field, its column (when the file has one)
/// and what was typed there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    pub key: String,
    pub column: Option<usize>,
    pub typed: String,
    pub problem: Problem,
}

/// Why a listing already there may be the row's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    /// The row gives its number.
    Id,
    /// The row gives its address.
    Slug,
    /// The same tax code.
    TaxCode,
    /// The same name (without marks) in the same commune.
    SameName,
    /// A name one letter away in the same commune: put to staff.
    NearName,
}

/// A listing already there that a row may be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub why: Why,
}

/// What applying does with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Create,
    Update,
    Unchanged,
    /// Not applied until the file is mended.
    Error,
    /// A possible duplicate: staff choose create, update or skip.
    Decide,
    Skip,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Create,
        Outcome::Update,
        Outcome::Unchanged,
        Outcome::Error,
        Outcome::Decide,
        Outcome::Skip,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Create => "create",
            Outcome::Update => "update",
            Outcome::Unchanged => "unchanged",
            Outcome::Error => "error",
            Outcome::Decide => "decide",
            Outcome::Skip => "skip",
        }
    }
}

/// What staff chose for a possible duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Create,
    Skip,
    /// Update this listing.
    Update(i64),
}

impl Decision {
    /// "create", "skip" or "update:ID".
    pub fn parse(text: &str) -> Option<Decision> {
        match text {
            "create" => Some(Decision::Create),
            "skip" => Some(Decision::Skip),
            _ => text
                .strip_prefix("update:")?
                .parse()
                .ok()
                .filter(|id| *id > 0)
                .map(Decision::Update),
        }
    }

    pub fn code(self) -> String {
        match self {
            Decision::Create => "create".into(),
            Decision::Skip => "skip".into(),
            Decision::Update(id) => format!("update:{id}"),
        }
    }
}

/// One row of the file and what applying does with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanRow {
    /// The row's line in the file (the header is line 1).
    pub line: u32,
    /// Its Vietnamese name, as typed.
    pub name: String,
    pub outcome: Outcome,
    pub problems: Vec<CellProblem>,
    /// Listings already there that it may be (a decided or certain
    /// match first).
    pub candidates: Vec<Candidate>,
    /// The listing updated (or left unchanged).
    pub target: Option<i64>,
    /// What an update changes.
    pub changes: Vec<FieldChange>,
    /// What staff chose, when asked.
    pub decision: Option<Decision>,
}

/// How many rows have each outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    pub error: usize,
    pub decide: usize,
    pub skip: usize,
}

impl Counts {
    pub fn of(rows: &[PlanRow]) -> Counts {
        let mut c = Counts::default();
        for row in rows {
            *c.get_mut(row.outcome) += 1;
        }
        c
    }

    pub fn get(&self, outcome: Outcome) -> usize {
        match outcome {
            Outcome::Create => self.create,
            Outcome::Update => self.update,
            Outcome::Unchanged => self.unchanged,
            Outcome::Error => self.error,
            Outcome::Decide => self.decide,
            Outcome::Skip => self.skip,
        }
    }

    fn get_mut(&mut self, outcome: Outcome) -> &mut usize {
        match outcome {
            Outcome::Create => &mut self.create,
            Outcome::Update => &mut self.update,
            Outcome::Unchanged => &mut self.unchanged,
            Outcome::Error => &mut self.error,
            Outcome::Decide => &mut self.decide,
            Outcome::Skip => &mut self.skip,
        }
    }

    /// Whether applying may start: no row in error or waiting for a
    /// decision.
    pub fn ready(&self) -> bool {
        self.error == 0 && self.decide == 0
    }

    /// Rows that applying writes.
    pub fn writes(&self) -> usize {
        self.create + self.update
    }
}

/// A plan: the file's columns and what applying does with each row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub kind: Kind,
    pub columns: Vec<Column>,
    pub rows: Vec<PlanRow>,
    pub counts: Counts,
}

impl Plan {
    /// Whether a column was guessed (not named exactly): staff confirm
    /// the columns before applying.
    pub fn unsure(&self) -> bool {
        self.columns.iter().any(|c| !c.sure)
    }
}

/// Where an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Preview,
    Applying,
    Applied,
    Undone,
}

impl State {
    pub fn code(self) -> &'static str {
        match self {
            State::Preview => "preview",
            State::Applying => "applying",
            State::Applied => "applied",
            State::Undone => "undone",
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        [
            State::Preview,
            State::Applying,
            State::Applied,
            State::Undone,
        ]
        .into_iter()
        .find(|s| s.code() == text)
    }
}

/// An import as its list and page show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportInfo {
    pub id: i64,
    pub kind: Kind,
    pub file_name: String,
    pub by: Option<String>,
    pub user_id: Option<i64>,
    pub created_at: String,
    pub state: State,
    pub rows: usize,
    /// What applying did (created, updated, unchanged, skipped).
    pub applied: [i64; 4],
    pub applied_at: Option<String>,
    pub undone_at: Option<String>,
    /// Whether staff confirmed the columns.
    pub confirmed: bool,
}

/// The spreadsheet column's letters of a column index (0 → A, 26 → AA).
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}
