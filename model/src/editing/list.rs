//! The staff list of one kind as it appears in the URL: the folding search
//! of the public site, filters (state, commune, "my communes", what needs
//! adding, completeness, who changed it last), a sortable column and a
//! page. Every state can be bookmarked and works without JavaScript; the
//! server parses it with [`StaffQuery::parse`], the page builds its links
//! with [`StaffQuery::href`].

use super::fields::{FieldKind, FieldSpec};
use super::{CommuneOption, Values};
use serde::{Deserialize, Serialize};

/// Rows on one page of the staff list.
pub const STAFF_PER_PAGE: usize = 50;

/// A listing's state.
pub const STATES: [&str; 3] = ["draft", "published", "archived"];

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffSort {
    #[default]
    Name,
    State,
    Commune,
    Completeness,
    Updated,
}

impl StaffSort {
    pub const ALL: [StaffSort; 5] = [
        StaffSort::Name,
        StaffSort::State,
        StaffSort::Commune,
        StaffSort::Completeness,
        StaffSort::Updated,
    ];

    pub fn param(self) -> &'static str {
        match self {
            StaffSort::Name => "name",
            StaffSort::State => "state",
            StaffSort::Commune => "commune",
            StaffSort::Completeness => "complete",
            StaffSort::Updated => "updated",
        }
    }

    /// The order a first click on the column gives: figures and dates
    /// lowest-first would bury what needs work and what just changed.
    pub fn descending_first(self) -> bool {
        matches!(self, StaffSort::Updated)
    }
}

/// What a listing still needs (archived listings need nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Missing {
    /// No coordinates: it is not on the map.
    Location,
    /// No Vietnamese description.
    Description,
}

impl Missing {
    pub const ALL: [Missing; 2] = [Missing::Location, Missing::Description];

    pub fn param(self) -> &'static str {
        match self {
            Missing::Location => "location",
            Missing::Description => "description",
        }
    }
}

/// Whom listings are given to work on (the list's filter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Assignee {
    /// The signed-in account.
    Me,
    Account(i64),
    /// Nobody yet.
    Nobody,
}

impl Assignee {
    pub fn param(self) -> String {
        match self {
            Assignee::Me => "me".into(),
            Assignee::Account(id) => id.to_string(),
            Assignee::Nobody => "none".into(),
        }
    }

    pub fn parse(value: &str) -> Option<Assignee> {
        match value {
            "me" => Some(Assignee::Me),
            "none" => Some(Assignee::Nobody),
            id => id.parse().ok().filter(|id| *id > 0).map(Assignee::Account),
        }
    }
}

/// A range of completeness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Band {
    /// Under 40 %.
    Low,
    /// 40 % to 69 %.
    Middle,
    /// 70 % and more.
    High,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::Low, Band::Middle, Band::High];

    pub fn param(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Middle => "middle",
            Band::High => "high",
        }
    }

    pub fn of(percent: u8) -> Band {
        match percent {
            0..40 => Band::Low,
            40..70 => Band::Middle,
            _ => Band::High,
        }
    }
}

/// A staff list request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StaffQuery {
    pub q: String,
    /// One of [`STATES`].
    pub state: Option<String>,
    /// A commune's code.
    pub commune: Option<String>,
    /// Only the communes the signed-in editor is assigned.
    pub mine: bool,
    pub missing: Option<Missing>,
    pub band: Option<Band>,
    /// The account that changed the listing last.
    pub by: Option<i64>,
    /// Whom it is given to work on.
    #[serde(default)]
    pub assigned: Option<Assignee>,
    pub sort: StaffSort,
    pub descending: bool,
    /// From 1.
    pub page: u32,
}

impl StaffQuery {
    /// Reads a query string (with or without `?`); unknown parameters and
    /// values are dropped, never an error: a hand-edited address still
    /// shows a list.
    pub fn parse(query_string: &str) -> StaffQuery {
        let mut out = StaffQuery {
            page: 1,
            ..StaffQuery::default()
        };
        let raw = query_string.trim_start_matches('?');
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "q" => out.q = value.chars().take(crate::search::MAX_QUERY_CHARS).collect(),
                "state" => out.state = STATES.iter().find(|s| **s == value).map(|s| (*s).into()),
                "commune" => {
                    out.commune = (!value.is_empty()
                        && value.len() <= 20
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                    .then(|| value.to_owned())
                }
                "mine" => out.mine = value == "1",
                "missing" => out.missing = Missing::ALL.into_iter().find(|m| m.param() == value),
                "band" => out.band = Band::ALL.into_iter().find(|b| b.param() == value),
                "by" => out.by = value.parse::<i64>().ok().filter(|id| *id > 0),
                "assigned" => out.assigned = Assignee::parse(value),
                "sort" => {
                    let (name, descending) = match value.strip_prefix('-') {
                        Some(name) => (name, true),
                        None => (value, false),
                    };
                    if let Some(sort) = StaffSort::ALL.into_iter().find(|s| s.param() == name) {
                        out.sort = sort;
                        out.descending = descending;
                    }
                }
                "page" => {
                    out.page = value
                        .parse::<u32>()
                        .unwrap_or(1)
                        .clamp(1, crate::search::query::MAX_PAGE)
                }
                _ => {}
            }
        }
        out
    }

    /// The query string without `?`, in a fixed order; defaults are left
    /// out.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.trim().is_empty() {
            out.append_pair("q", self.q.trim());
        }
        if let Some(state) = &self.state {
            out.append_pair("state", state);
        }
        if let Some(commune) = &self.commune {
            out.append_pair("commune", commune);
        }
        if self.mine {
            out.append_pair("mine", "1");
        }
        if let Some(missing) = self.missing {
            out.append_pair("missing", missing.param());
        }
        if let Some(band) = self.band {
            out.append_pair("band", band.param());
        }
        if let Some(by) = self.by {
            out.append_pair("by", &by.to_string());
        }
        if let Some(assigned) = self.assigned {
            out.append_pair("assigned", &assigned.param());
        }
        if self.sort != StaffSort::Name || self.descending {
            let sign = if self.descending { "-" } else { "" };
            out.append_pair("sort", &format!("{sign}{}", self.sort.param()));
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// `path` with this query.
    pub fn href(&self, path: &str) -> String {
        match self.to_query_string() {
            qs if qs.is_empty() => path.to_owned(),
            qs => format!("{path}?{qs}"),
        }
    }

    /// The same query ordered by `sort`: the other way round when it is
    /// already, back on the first page.
    pub fn sorted_by(&self, sort: StaffSort) -> StaffQuery {
        let descending = if self.sort == sort {
            !self.descending
        } else {
            sort.descending_first()
        };
        StaffQuery {
            sort,
            descending,
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_page(&self, page: u32) -> StaffQuery {
        StaffQuery {
            page: page.clamp(1, crate::search::query::MAX_PAGE),
            ..self.clone()
        }
    }

    /// Whether anything narrows the list (the text or a filter).
    pub fn narrows(&self) -> bool {
        !self.q.trim().is_empty()
            || self.state.is_some()
            || self.commune.is_some()
            || self.mine
            || self.missing.is_some()
            || self.band.is_some()
            || self.by.is_some()
            || self.assigned.is_some()
    }
}

/// What the signed-in account may see of the list.
#[derive(Clone, Copy, Debug, Default)]
pub struct ListScope<'a> {
    /// Partners see published listings only.
    pub published_only: bool,
    /// An editor limited to these communes (empty: everywhere) sees their
    /// listings in every state and other communes' published ones, which
    /// open read-only.
    pub communes: &'a [String],
    /// The signed-in account ("given to me").
    pub user_id: i64,
}

impl<'a> ListScope<'a> {
    /// What `user` may see.
    pub fn of(user: &'a crate::staff::StaffUser) -> ListScope<'a> {
        ListScope {
            published_only: !user.role.edits(),
            communes: if user.role == crate::staff::Role::Editor {
                &user.communes
            } else {
                &[]
            },
            user_id: user.id,
        }
    }

    /// Whether a listing in `commune` may be changed (editors; partners
    /// propose instead).
    pub fn may_edit_in(&self, commune: Option<&str>) -> bool {
        !self.published_only
            && (self.communes.is_empty()
                || commune.is_some_and(|c| self.communes.iter().any(|own| own == c)))
    }
}

/// The page `query` asks for of the rows the database filtered (state,
/// commune, scope, what is missing): the text, completeness and
/// last-changed-by filters, the order and the cut. Returns the page's
/// rows and how many matched.
#[cfg(feature = "ssr")]
pub fn page_of(
    mut rows: Vec<StaffListRow>,
    query: &StaffQuery,
    scope: &ListScope,
) -> (Vec<StaffListRow>, usize) {
    use crate::base::text::fold;
    use crate::search::words::{all_found, query_words, words};
    let text = query_words(&query.q);
    rows.retain(|row| {
        (text.is_empty() || {
            let haystack = format!(
                "{} {} {}",
                row.name,
                row.commune.as_deref().unwrap_or_default(),
                row.slug.replace('-', " ")
            );
            all_found(&text, &words(&haystack).collect::<Vec<_>>())
        }) && query
            .band
            .is_none_or(|band| Band::of(row.completeness) == band)
            && query.by.is_none_or(|by| row.updated_by_id == Some(by))
    });
    let name_key = |row: &StaffListRow| (fold(&row.name), row.name.clone(), row.id);
    match query.sort {
        StaffSort::Name => rows.sort_by_cached_key(name_key),
        StaffSort::State => rows.sort_by_cached_key(|row| {
            (STATES.iter().position(|s| *s == row.status), name_key(row))
        }),
        StaffSort::Commune => rows.sort_by_cached_key(|row| {
            (
                row.commune.is_none(),
                row.commune.as_deref().map(fold),
                name_key(row),
            )
        }),
        StaffSort::Completeness => rows.sort_by_cached_key(|row| (row.completeness, name_key(row))),
        StaffSort::Updated => {
            rows.sort_by_cached_key(|row| (instant_key(&row.updated_at), name_key(row)))
        }
    }
    if query.descending {
        rows.reverse();
    }
    let total = rows.len();
    let start = (query.page.max(1) as usize - 1).saturating_mul(STAFF_PER_PAGE);
    let mut page: Vec<StaffListRow> = rows.into_iter().skip(start).take(STAFF_PER_PAGE).collect();
    for row in &mut page {
        row.mine = !scope.communes.is_empty()
            && row
                .commune_code
                .as_deref()
                .is_some_and(|c| scope.communes.iter().any(|own| own == c));
        row.may_edit = scope.may_edit_in(row.commune_code.as_deref());
    }
    (page, total)
}

/// A stored moment that sorts as time does: with and without milliseconds
/// ("…:48Z" is before "…:48.137Z", not after as text).
#[cfg(feature = "ssr")]
fn instant_key(at: &str) -> String {
    let at = at.trim_end_matches('Z');
    if at.contains('.') {
        at.to_owned()
    } else {
        format!("{at}.000")
    }
}

/// Whether a field counts towards a listing's completeness: every field
/// but its address, its state and the checkboxes (always set).
pub fn counts_for_completeness(field: &FieldSpec) -> bool {
    !matches!(field.kind, FieldKind::Slug | FieldKind::Check) && field.key != "status"
}

/// How much of a listing is recorded: the share of the fields that count
/// ([`counts_for_completeness`]) having a value, in whole percent.
pub fn completeness(spec: &[FieldSpec], values: &Values) -> u8 {
    let counted: Vec<_> = spec.iter().filter(|f| counts_for_completeness(f)).collect();
    let filled = counted
        .iter()
        .filter(|f| values.get(f.key).is_some_and(|v| !v.trim().is_empty()))
        .count();
    percent(filled, counted.len())
}

/// `part` of `whole` in whole percent, rounded down (100 only when all).
pub fn percent(part: usize, whole: usize) -> u8 {
    if whole == 0 {
        return 100;
    }
    u8::try_from(part.min(whole) * 100 / whole).unwrap_or(100)
}

/// A row of the staff list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffListRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub status: String,
    /// The commune's name.
    pub commune: Option<String>,
    /// The commune's code (the scope check, "my communes").
    pub commune_code: Option<String>,
    pub updated_at: String,
    /// Whole percent ([`completeness`]).
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i64"))]
    pub completeness: u8,
    /// The account that changed it last (staff only).
    pub updated_by_id: Option<i64>,
    /// The account it is given to work on, and its name (the page's rows).
    #[cfg_attr(feature = "ssr", sqlx(default))]
    pub assigned_to: Option<i64>,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    #[serde(default)]
    pub assigned: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub updated_by: Option<String>,
    /// In the signed-in editor's communes.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub mine: bool,
    /// The signed-in account may change it (else it opens read-only).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub may_edit: bool,
}

/// One page of the staff list with what its filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffList {
    pub query: StaffQuery,
    pub rows: Vec<StaffListRow>,
    /// Rows matching, on every page.
    pub total: usize,
    pub pages: u32,
    pub communes: Vec<CommuneOption>,
    /// The signed-in editor's communes (empty: all).
    pub my_communes: Vec<String>,
    /// Accounts that may change listings, for "changed last by".
    pub editors: Vec<(i64, String)>,
    /// The answer to the last plain-form change of several listings'
    /// state, once.
    #[serde(default)]
    pub bulk: Option<BulkOutcome>,
}

/// The answer to changing the state of several listings at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    /// The state asked for.
    pub state: String,
    /// The listings changed, by name.
    pub changed: Vec<String>,
    /// How many had that state already.
    pub unchanged: usize,
    /// The listings left as they were: outside the account's communes, or
    /// missing what the state needs (a published listing's required
    /// fields), or outside the communes of the account given them; by
    /// name.
    pub refused: Vec<String>,
    /// Given to work on: to this account (by name), or to nobody (empty).
    #[serde(default)]
    pub assigned: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_round_trip_and_drop_what_they_do_not_know() {
        let q = StaffQuery::parse(
            "?q=+bui+&state=draft&commune=12345&mine=1&missing=location&band=low&by=3&assigned=me&sort=-updated&page=2",
        );
        assert_eq!(q.q, "bui");
        assert_eq!(q.state.as_deref(), Some("draft"));
        assert_eq!(q.commune.as_deref(), Some("12345"));
        assert!(q.mine);
        assert_eq!(q.missing, Some(Missing::Location));
        assert_eq!(q.band, Some(Band::Low));
        assert_eq!(q.by, Some(3));
        assert_eq!(q.assigned, Some(Assignee::Me));
        assert_eq!(
            StaffQuery::parse("assigned=7").assigned,
            Some(Assignee::Account(7))
        );
        assert_eq!(
            StaffQuery::parse("assigned=none").assigned,
            Some(Assignee::Nobody)
        );
        assert_eq!(
            (q.sort, q.descending, q.page),
            (StaffSort::Updated, true, 2)
        );
        assert_eq!(StaffQuery::parse(&q.to_query_string()), q);
        let hostile = StaffQuery::parse(
            "state=deleted&commune=x'%20OR%201=1&missing=all&band=9&by=-1&sort=password&page=99999999&mine=yes&assigned=0",
        );
        assert_eq!(
            hostile,
            StaffQuery {
                page: crate::search::query::MAX_PAGE,
                ..StaffQuery::default()
            }
        );
        assert_eq!(
            StaffQuery::parse("").href("/quan-tri/village"),
            "/quan-tri/village"
        );
    }

    #[test]
    fn sorting_a_column_twice_turns_it_round_and_goes_back_to_page_one() {
        let q = StaffQuery::parse("page=3");
        let by_name = q.sorted_by(StaffSort::Name);
        assert!(by_name.descending && by_name.page == 1);
        assert!(!by_name.sorted_by(StaffSort::Name).descending);
        let updated = q.sorted_by(StaffSort::Updated);
        assert!(updated.descending, "newest first on the first click");
        assert_eq!(updated.to_query_string(), "sort=-updated");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn text_matches_folded_prefixes_and_one_typo() {
        use crate::search::words::{all_found, query_words, words};
        let words: Vec<String> = words("Xóm Bụi — Hợp Phong").collect();
        assert!(all_found(&query_words("xom bui"), &words));
        assert!(all_found(&query_words("Bụi hợp"), &words));
        assert!(all_found(&query_words("phongg"), &words), "one typo");
        assert!(!all_found(&query_words("bui lac"), &words));
        assert!(
            !all_found(&query_words("hpo"), &words),
            "short words take no typo"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn pages_mark_the_editors_own_rows_and_order_times_as_times() {
        let row = |id: i64, commune: &str, at: &str| StaffListRow {
            id,
            name: format!("Làng {id:03}"),
            slug: format!("lang-{id}"),
            status: "published".into(),
            commune: Some(format!("Xã {commune}")),
            commune_code: Some(commune.into()),
            updated_at: at.into(),
            completeness: (id % 101) as u8,
            updated_by_id: None,
            updated_by: None,
            assigned_to: None,
            assigned: None,
            mine: false,
            may_edit: false,
        };
        let rows: Vec<StaffListRow> = (1..=120)
            .map(|id| {
                row(
                    id,
                    if id % 2 == 0 { "1" } else { "2" },
                    "2026-12-06T10:00:00Z",
                )
            })
            .chain([row(121, "2", "2026-12-06T10:00:00.500Z")])
            .collect();
        let own = vec!["1".to_owned()];
        let scope = ListScope {
            published_only: false,
            communes: &own,
            user_id: 1,
        };
        let (page, total) = page_of(rows.clone(), &StaffQuery::parse("page=3"), &scope);
        assert_eq!((page.len(), total), (21, 121));
        assert_eq!(page[0].id, 101);
        assert!(
            page.iter()
                .all(|r| r.mine == (r.commune_code.as_deref() == Some("1")))
        );
        assert!(page.iter().all(|r| r.may_edit == r.mine));
        let (newest, _) = page_of(rows.clone(), &StaffQuery::parse("sort=-updated"), &scope);
        assert_eq!(newest[0].id, 121, "half a second later is later");
        let (low, total) = page_of(rows, &StaffQuery::parse("band=low&q=lang+00"), &scope);
        assert_eq!(total, 9, "Làng 001…009, all under 40 %");
        assert!(low.iter().all(|r| r.completeness < 40));
    }

    #[test]
    fn completeness_counts_what_is_recorded() {
        let spec =
            super::super::spec_of(crate::listing::Kind::Village).expect("villages have fields");
        let mut values = Values::new();
        assert_eq!(completeness(spec, &values), 0);
        for field in spec {
            values.insert(field.key.into(), "x".into());
        }
        assert_eq!(completeness(spec, &values), 100);
        values.insert("slug".into(), String::new());
        values.insert("status".into(), String::new());
        assert_eq!(
            completeness(spec, &values),
            100,
            "address and state do not count"
        );
        values.insert("name_en".into(), " ".into());
        assert!(completeness(spec, &values) < 100);
        assert_eq!(Band::of(39), Band::Low);
        assert_eq!(Band::of(40), Band::Middle);
        assert_eq!(Band::of(70), Band::High);
        assert_eq!(percent(2, 3), 66);
    }
}
