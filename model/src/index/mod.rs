//! The search index: every published listing in memory, with an inverted
//! index of folded words and the listing's facet values. Built once from
//! the database at start-up and updated listing by listing on change, so a
//! query (matching, ranking, counting every facet) never touches the
//! database and works the same on any database engine.

use crate::base::date::Date;
use crate::base::geo;
use crate::base::text::fold;
use crate::listing::{Badge, Kind};
use crate::search::{DirectoryQuery, FacetKey, NearbyHit, Results, SearchHit};
use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

pub mod db;
mod map;
mod nearby;
mod query;
#[cfg(test)]
mod tests;

// The word rules are the search vocabulary's (the staff list uses them too).
pub use crate::search::words::{TYPO_MIN_CHARS, query_words, words};

/// How much a word found in each field weighs.
pub const NAME_WEIGHT: u8 = 10;
pub const PLACE_WEIGHT: u8 = 3;
pub const BODY_WEIGHT: u8 = 1;

/// A facet value of a listing, with its labels.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetValue {
    pub key: FacetKey,
    pub code: String,
    pub label_vi: String,
    pub label_en: String,
    /// Orders the choices of a facet (then the label).
    pub rank: i64,
}

/// What the index keeps of one listing.
#[derive(Clone, Debug)]
pub struct Document {
    pub id: i64,
    pub hit: SearchHit,
    /// Every facet value but the kind (commune, districts, crafts, …).
    pub values: Vec<FacetValue>,
    /// Searchable texts by weight.
    pub name_text: String,
    pub body_text: String,
    pub place_text: String,
    /// When an OCOP certificate runs out (products).
    pub expires_on: Option<Date>,
    /// Latitude and longitude, when known.
    pub point: Option<(f64, f64)>,
    /// The day the listing last changed (for the sitemap).
    pub changed_on: Option<Date>,
    /// A village's opening hours, for "open now".
    pub hours: Option<crate::village::hours::Rule>,
    /// Browsing lists orders by this first, then by name: industrial parks
    /// (0) come before clusters (1), so the few large parks do not end up
    /// on the list's last page behind "Cụm …" names.
    pub group: u8,
}

/// One listing of the open data: what a result shows, its point
/// (latitude, longitude) and the day it last changed.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    pub hit: SearchHit,
    pub point: Option<(f64, f64)>,
    pub changed_on: Option<Date>,
}

/// A slot and the weight of the word in it, in four bytes (a word list
/// of a common word holds a posting for most of the listings).
#[derive(Clone, Copy)]
struct Posting(u32);

impl Posting {
    fn new(doc: u32, weight: u8) -> Posting {
        let code = match weight {
            NAME_WEIGHT => 2,
            PLACE_WEIGHT => 1,
            _ => 0,
        };
        Posting(doc << 2 | code)
    }

    fn doc(self) -> u32 {
        self.0 >> 2
    }

    fn weight(self) -> u8 {
        [BODY_WEIGHT, PLACE_WEIGHT, NAME_WEIGHT, BODY_WEIGHT][(self.0 & 3) as usize]
    }
}

/// The cold part of a slot: what is read only for the hits shown. Its
/// commune and former districts are its facet values, its badges numbers
/// in the index's table of distinct badges, its texts sized to fit, so
/// that 100,000 listings stay small.
struct Slot {
    kind: Kind,
    /// See [`Document::group`].
    group: u8,
    slug: Box<str>,
    name_vi: Box<str>,
    /// `None`: the same as the Vietnamese name.
    name_en: Option<Box<str>>,
    summary_vi: Option<Box<str>>,
    summary_en: Option<Box<str>>,
    /// The folded Vietnamese name, which browsing lists are ordered by.
    sort_name: Box<str>,
    /// `badge_flat[start..start + len]`.
    badges: (u32, u32),
    expires_on: Option<Date>,
    changed_on: Option<Date>,
}

impl Slot {
    fn name(&self, lang: crate::base::i18n::Lang) -> &str {
        lang.pick(&self.name_vi, self.name_en.as_deref().unwrap_or_default())
    }

    fn href(&self, lang: crate::base::i18n::Lang) -> String {
        self.kind.profile_path(lang, &self.slug)
    }
}

/// The index. What every query touches for many slots (alive, rank, facet
/// values) is kept in flat arrays indexed by slot, apart from the hits, so
/// that scanning tens of thousands of slots stays in the CPU caches.
#[derive(Default)]
struct Inner {
    slots: Vec<Slot>,
    alive_flags: Vec<bool>,
    /// Position in name order (see `rerank`).
    ranks: Vec<u32>,
    /// Each slot's facet values: `value_flat[start..start + len]`.
    value_spans: Vec<(u32, u32)>,
    value_flat: Vec<u32>,
    points: Vec<Option<(f64, f64)>>,
    /// For the map: each slot's world pixel at the deepest zoom (`u32::MAX`
    /// without a point), kind and commune value (`u32::MAX`: none).
    world_px: Vec<(u32, u32)>,
    kind_of: Vec<u8>,
    commune_of: Vec<u32>,
    /// How many distinct words each slot's name has: a query covering more
    /// of a name ranks it first among equal scores ("rượu mai hạ" finds the
    /// wine named so before the wine-maker whose name also says it).
    name_words: Vec<u8>,
    /// The former districts of each commune value, from its listings.
    commune_districts: HashMap<u32, Vec<u32>>,
    /// The box around every alive point, and how many alive slots have none.
    extent: Option<crate::map::Bbox>,
    unlocated: usize,
    /// Alive slots without a point, by former district value (`u32::MAX`:
    /// none), for the map's "not on the map" line.
    unlocated_districts: Vec<(u32, usize)>,
    /// Slots by grid cell of their point (see `model::geo`).
    grid: HashMap<(i32, i32), Vec<u32>>,
    /// Slots by cell of the finer grid "nearby" searches outwards in.
    near_grid: HashMap<(i32, i32), Vec<u32>>,
    by_ref: HashMap<(Kind, i64), u32>,
    postings: BTreeMap<Box<str>, Vec<Posting>>,
    /// Every distinct badge once; slots keep their numbers.
    badges: Vec<Badge>,
    badge_ids: HashMap<Badge, u32>,
    badge_flat: Vec<u32>,
    values: Vec<FacetValue>,
    value_ids: HashMap<(FacetKey, String), u32>,
    /// The slots having each value, and how many of them are alive.
    value_docs: Vec<Vec<u32>>,
    value_alive: Vec<usize>,
    /// Slots in name order.
    by_rank: Vec<u32>,
    /// Facet values in display order: by facet, rank, then folded label.
    value_order: Vec<u32>,
    alive: usize,
    /// The lists were sized to fit after the first build (see `room`).
    fitted: bool,
    /// The slots with opening hours (few: villages that record them).
    hours: Vec<(u32, crate::village::hours::Rule)>,
}

/// Makes room for `extra` more items in a list sized to fit, growing it by
/// a few percent rather than doubling it: saving one listing must not
/// double the memory of an index of 100,000.
fn room<T>(list: &mut Vec<T>, extra: usize) {
    if list.len() + extra > list.capacity() {
        list.reserve_exact(extra.max(list.len() / 32));
    }
}

/// Pushes onto a list, with [`room`] once the lists were sized to fit
/// (while the index is first built they grow as usual).
fn push<T>(list: &mut Vec<T>, item: T, fitted: bool) {
    if fitted {
        room(list, 1);
    }
    list.push(item);
}

impl Inner {
    fn value_id(&mut self, value: FacetValue) -> u32 {
        let key = (value.key, value.code.clone());
        if let Some(&id) = self.value_ids.get(&key) {
            return id;
        }
        let id = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push(value);
        self.value_docs.push(Vec::new());
        self.value_alive.push(0);
        self.value_ids.insert(key, id);
        id
    }

    /// The name order of two slots: group, folded name, kind, slug.
    fn name_order(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let (sa, sb) = (&self.slots[a as usize], &self.slots[b as usize]);
        (sa.group, &sa.sort_name)
            .cmp(&(sb.group, &sb.sort_name))
            .then(sa.kind.cmp(&sb.kind))
            .then(sa.slug.cmp(&sb.slug))
    }

    /// Numbers the slots in name order, so that sorting compares integers.
    fn rerank(&mut self) {
        let mut order: Vec<u32> =
            (0..u32::try_from(self.slots.len()).unwrap_or(u32::MAX)).collect();
        order.sort_by(|&a, &b| self.name_order(a, b));
        self.by_rank = order;
        self.ranked();
    }

    /// Puts the slots added since the last ranking into name order, each
    /// by a binary search, instead of sorting every slot again: saving one
    /// listing of 125,000 spent ~65 ms sorting under the index's write
    /// lock, and every search waited for it. The order is `rerank`'s: its
    /// sort is stable, and a new slot, numbered after every other, goes
    /// after those it ties with.
    fn rank_new(&mut self) {
        let ranked = u32::try_from(self.by_rank.len()).unwrap_or(u32::MAX);
        let slots = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
        for slot in ranked..slots {
            let at = self
                .by_rank
                .partition_point(|&other| self.name_order(other, slot).is_le());
            room(&mut self.by_rank, 1);
            self.by_rank.insert(at, slot);
        }
        self.ranked();
    }

    /// What follows from the name order: each slot's rank, the facet
    /// values' order and the map's summaries.
    fn ranked(&mut self) {
        for (rank, &slot) in self.by_rank.iter().enumerate() {
            self.ranks[slot as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        let folded: Vec<String> = self.values.iter().map(|v| fold(&v.label_vi)).collect();
        let mut values: Vec<u32> =
            (0..u32::try_from(self.values.len()).unwrap_or(u32::MAX)).collect();
        values.sort_by(|&a, &b| {
            let (va, vb) = (&self.values[a as usize], &self.values[b as usize]);
            va.key
                .cmp(&vb.key)
                .then(va.rank.cmp(&vb.rank))
                .then_with(|| folded[a as usize].cmp(&folded[b as usize]))
        });
        self.value_order = values;
        self.map_summaries();
    }

    fn remove(&mut self, kind: Kind, id: i64) {
        if let Some(slot) = self.by_ref.remove(&(kind, id))
            && self.alive_flags.get(slot as usize) == Some(&true)
        {
            self.alive_flags[slot as usize] = false;
            self.alive -= 1;
            self.hours.retain(|(s, _)| *s != slot);
            let (start, len) = self.value_spans[slot as usize];
            for i in start..start + len {
                let v = self.value_flat[i as usize];
                self.value_alive[v as usize] -= 1;
            }
        }
    }

    fn badge_id(&mut self, badge: Badge) -> u32 {
        if let Some(&id) = self.badge_ids.get(&badge) {
            return id;
        }
        let id = u32::try_from(self.badges.len()).unwrap_or(u32::MAX);
        self.badges.push(badge.clone());
        self.badge_ids.insert(badge, id);
        id
    }

    /// Gives back what the lists grew by beyond their length (after the
    /// first build; a change adds to them one listing at a time).
    fn compact(&mut self) {
        for list in self.postings.values_mut() {
            list.shrink_to_fit();
        }
        for list in self.grid.values_mut().chain(self.near_grid.values_mut()) {
            list.shrink_to_fit();
        }
        for list in &mut self.value_docs {
            list.shrink_to_fit();
        }
        self.grid.shrink_to_fit();
        self.near_grid.shrink_to_fit();
        self.by_ref.shrink_to_fit();
        self.slots.shrink_to_fit();
        self.alive_flags.shrink_to_fit();
        self.ranks.shrink_to_fit();
        self.value_spans.shrink_to_fit();
        self.value_flat.shrink_to_fit();
        self.points.shrink_to_fit();
        self.world_px.shrink_to_fit();
        self.kind_of.shrink_to_fit();
        self.commune_of.shrink_to_fit();
        self.name_words.shrink_to_fit();
        self.badge_flat.shrink_to_fit();
        self.fitted = true;
    }

    /// Room for one more slot in every list indexed by slot.
    fn room_for_slot(&mut self) {
        room(&mut self.slots, 1);
        room(&mut self.alive_flags, 1);
        room(&mut self.ranks, 1);
        room(&mut self.value_spans, 1);
        room(&mut self.points, 1);
        room(&mut self.world_px, 1);
        room(&mut self.kind_of, 1);
        room(&mut self.commune_of, 1);
        room(&mut self.name_words, 1);
    }

    fn add(&mut self, doc: Document) {
        self.remove(doc.hit.kind, doc.id);
        let fitted = self.fitted;
        if fitted {
            self.room_for_slot();
        }
        let slot = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
        let mut weights: HashMap<String, u8> = HashMap::new();
        for (text, weight) in [
            (&doc.name_text, NAME_WEIGHT),
            (&doc.place_text, PLACE_WEIGHT),
            (&doc.body_text, BODY_WEIGHT),
        ] {
            for word in words(text) {
                let w = weights.entry(word).or_insert(0);
                *w = (*w).max(weight);
            }
            // The name comes first: the distinct words so far are its own.
            if weight == NAME_WEIGHT {
                self.name_words
                    .push(u8::try_from(weights.len()).unwrap_or(u8::MAX));
            }
        }
        for (word, weight) in weights {
            let posting = Posting::new(slot, weight);
            match self.postings.get_mut(word.as_str()) {
                Some(list) => push(list, posting, fitted),
                None => {
                    self.postings.insert(word.into_boxed_str(), vec![posting]);
                }
            }
        }
        let hit = doc.hit;
        let mut values: Vec<FacetValue> = vec![FacetValue {
            key: FacetKey::Kind,
            code: hit.kind.code().to_owned(),
            label_vi: hit.kind.label(crate::base::i18n::Lang::Vi).to_owned(),
            label_en: hit.kind.label(crate::base::i18n::Lang::En).to_owned(),
            rank: hit.kind as i64,
        }];
        values.extend(doc.values);
        let mut ids: Vec<u32> = values.into_iter().map(|v| self.value_id(v)).collect();
        ids.sort_unstable();
        ids.dedup();
        self.by_ref.insert((hit.kind, doc.id), slot);
        if let Some(rule) = doc.hours {
            self.hours.push((slot, rule));
        }
        for &v in &ids {
            push(&mut self.value_docs[v as usize], slot, fitted);
            self.value_alive[v as usize] += 1;
        }
        let start = u32::try_from(self.value_flat.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(ids.len()).unwrap_or(0);
        if fitted {
            room(&mut self.value_flat, ids.len());
            room(&mut self.badge_flat, hit.badges.len());
        }
        self.value_flat.extend(ids.iter().copied());
        self.value_spans.push((start, len));
        self.alive_flags.push(true);
        self.ranks.push(u32::MAX);
        let point = doc.point.filter(|p| geo::is_valid(*p));
        if let Some(p) = point {
            push(self.grid.entry(geo::cell(p)).or_default(), slot, fitted);
            push(
                self.near_grid.entry(geo::near_cell(p)).or_default(),
                slot,
                fitted,
            );
        }
        self.points.push(point);
        self.world_px
            .push(point.map_or((u32::MAX, u32::MAX), crate::map::world_px));
        self.kind_of.push(hit.kind as u8);
        let commune = ids
            .iter()
            .copied()
            .find(|&v| self.values[v as usize].key == FacetKey::Commune)
            .unwrap_or(u32::MAX);
        self.commune_of.push(commune);
        let badge_start = u32::try_from(self.badge_flat.len()).unwrap_or(u32::MAX);
        for badge in hit.badges {
            let id = self.badge_id(badge);
            self.badge_flat.push(id);
        }
        let badge_len = u32::try_from(self.badge_flat.len()).unwrap_or(u32::MAX) - badge_start;
        self.slots.push(Slot {
            kind: hit.kind,
            group: doc.group,
            sort_name: fold(&hit.name_vi).into_boxed_str(),
            name_en: (hit.name_en != hit.name_vi).then(|| hit.name_en.into_boxed_str()),
            name_vi: hit.name_vi.into_boxed_str(),
            slug: hit.slug.into_boxed_str(),
            summary_vi: hit.summary_vi.map(String::into_boxed_str),
            summary_en: hit.summary_en.map(String::into_boxed_str),
            badges: (badge_start, badge_len),
            expires_on: doc.expires_on,
            changed_on: doc.changed_on,
        });
        self.alive += 1;
    }

    /// The result of a slot: its commune and former districts are its
    /// facet values (labelled with their Vietnamese names, as recorded).
    fn hit(&self, slot: u32, today: Date) -> SearchHit {
        let s = &self.slots[slot as usize];
        let (start, len) = s.badges;
        let mut badges: Vec<Badge> = self.badge_flat[start as usize..(start + len) as usize]
            .iter()
            .map(|&b| self.badges[b as usize].clone())
            .collect();
        if let Some(expires) = s.expires_on {
            badges.push(crate::product::ocop::ocop_badge(expires, today));
        }
        let commune = self.commune_of[slot as usize];
        SearchHit {
            kind: s.kind,
            slug: s.slug.to_string(),
            name_vi: s.name_vi.to_string(),
            name_en: s.name(crate::base::i18n::Lang::En).to_owned(),
            commune: (commune != u32::MAX).then(|| self.values[commune as usize].label_vi.clone()),
            districts: self
                .values_of(slot)
                .iter()
                .map(|&v| &self.values[v as usize])
                .filter(|v| v.key == FacetKey::District)
                .map(|v| v.label_vi.clone())
                .collect(),
            summary_vi: s.summary_vi.as_deref().map(str::to_owned),
            summary_en: s.summary_en.as_deref().map(str::to_owned),
            badges,
        }
    }
}

/// Builds an index one document at a time, so that the documents of every
/// listing need not be held at once.
#[derive(Default)]
pub struct Builder {
    inner: Inner,
}

impl Builder {
    pub fn add(&mut self, doc: Document) {
        self.inner.add(doc);
    }

    pub fn finish(mut self) -> SearchIndex {
        self.inner.rerank();
        self.inner.compact();
        SearchIndex {
            inner: RwLock::new(self.inner),
            generation: AtomicU64::new(0),
            changed_at: AtomicU64::new(now_secs()),
        }
    }
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The shared, updatable index.
#[derive(Default)]
pub struct SearchIndex {
    inner: RwLock<Inner>,
    /// Counts changes, so that caches of pages built from the listings know
    /// when they are out of date.
    generation: AtomicU64,
    /// When the listings last changed (seconds since 1970; at first, when
    /// the index was built): the open data's `Last-Modified`.
    changed_at: AtomicU64,
}

impl SearchIndex {
    /// An index of these documents.
    pub fn new(documents: Vec<Document>) -> SearchIndex {
        let mut builder = Builder::default();
        for doc in documents {
            builder.add(doc);
        }
        builder.finish()
    }

    /// Replaces one listing's documents (after it was created, changed or
    /// unpublished; no documents: it is gone).
    pub fn replace(&self, kind: Kind, id: i64, docs: Vec<Document>) {
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        inner.remove(kind, id);
        for doc in docs {
            inner.add(doc);
        }
        inner.rank_new();
        self.changed();
    }

    fn changed(&self) {
        self.changed_at.store(now_secs(), Ordering::Release);
        self.generation.fetch_add(1, Ordering::Release);
    }

    /// When the listings last changed (or the index was built).
    pub fn changed_at(&self) -> std::time::SystemTime {
        std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(self.changed_at.load(Ordering::Acquire))
    }

    /// Takes every document of `fresh` (after a bulk import or its undo:
    /// one rebuild instead of a rerank per listing).
    pub fn reload(&self, fresh: SearchIndex) {
        let fresh = fresh.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        *self.inner.write().unwrap_or_else(|e| e.into_inner()) = fresh;
        self.changed();
    }

    /// Records a change of what listing pages show that the index does not
    /// hold (their photos), so that cached pages are made again.
    pub fn touch(&self) {
        self.changed();
    }

    /// How many times the listings changed since start-up. Every write to
    /// a listing ends with [`SearchIndex::refresh`], which raises it.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// How many listings are indexed.
    pub fn len(&self) -> usize {
        self.inner.read().map_or(0, |i| i.alive)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A page of results with facet counts, as of today.
    pub fn query(&self, query: &DirectoryQuery) -> Results {
        self.query_on(query, Date::today())
    }

    /// A page of results with facet counts, as of `today` (certificate
    /// expiry depends on it).
    pub fn query_on(&self, query: &DirectoryQuery, today: Date) -> Results {
        self.query_at(query, today, crate::village::hours::vietnam_now())
    }

    /// A page of results as of `today`, with "open now" at `now` (Vietnam's
    /// clock).
    pub fn query_at(
        &self,
        query: &DirectoryQuery,
        today: Date,
        now: chrono::NaiveDateTime,
    ) -> Results {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.query(query, today, now)
    }

    /// What a result shows of a published listing (an embed card's text);
    /// `None` when it is not published.
    pub fn hit(&self, kind: Kind, id: i64) -> Option<SearchHit> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let slot = *inner.by_ref.get(&(kind, id))?;
        inner.alive_flags[slot as usize].then(|| inner.hit(slot, Date::today()))
    }

    /// The listings within `radius_km` of a listing (not itself), nearest
    /// first, at most `limit`.
    pub fn nearby(&self, kind: Kind, id: i64, radius_km: f64, limit: usize) -> Vec<NearbyHit> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.nearby(kind, id, radius_km, limit, Date::today())
    }

    /// The nearest published listings within `radius_km` of one, nearest
    /// first, as the open data gives them, with their distance in km.
    pub fn nearby_rows(
        &self,
        kind: Kind,
        id: i64,
        radius_km: f64,
        limit: usize,
    ) -> Vec<(ExportRow, f64)> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let today = Date::today();
        inner
            .nearby_slots(kind, id, radius_km, limit)
            .into_iter()
            .map(|(km, slot)| {
                (
                    ExportRow {
                        hit: inner.hit(slot, today),
                        point: inner.points[slot as usize],
                        changed_on: inner.slots[slot as usize].changed_on,
                    },
                    km,
                )
            })
            .collect()
    }

    /// The markers and commune groups of a map viewport.
    pub fn map(
        &self,
        query: &crate::map::MapQuery,
        lang: crate::base::i18n::Lang,
    ) -> crate::map::MapView {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.map(query, lang)
    }

    /// The box around every listing with a point.
    pub fn extent(&self) -> crate::map::Bbox {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.extent()
    }

    /// Every published listing (kind, slug, the day it last changed), by
    /// kind then name.
    pub fn published(&self) -> Vec<(Kind, String, Option<Date>)> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<(Kind, String, Option<Date>)> = inner
            .by_rank
            .iter()
            .filter(|&&slot| inner.alive_flags[slot as usize])
            .map(|&slot| {
                let s = &inner.slots[slot as usize];
                (s.kind, s.slug.to_string(), s.changed_on)
            })
            .collect();
        out.sort_by_key(|(kind, _, _)| *kind);
        out
    }

    /// The listings matching `query` (its page aside) in a stable order,
    /// by kind, then as browsing lists order them (by name), and the
    /// `range` of them asked for, each with its point and the day it last
    /// changed: the open data's lists and downloads.
    pub fn export(
        &self,
        query: &DirectoryQuery,
        range: std::ops::Range<usize>,
    ) -> (usize, Vec<ExportRow>) {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let today = Date::today();
        let mut slots = inner.matching_slots(query).unwrap_or_else(|| {
            inner
                .by_rank
                .iter()
                .copied()
                .filter(|&slot| inner.alive_flags[slot as usize])
                .collect()
        });
        let key = |&slot: &u32| {
            (
                inner.slots[slot as usize].kind,
                inner.ranks[slot as usize],
                slot,
            )
        };
        let total = slots.len();
        // Only the rows up to the range's end are put in order: the first
        // page of a common word does not sort tens of thousands.
        let end = range.end.min(total);
        if end > 0 && end < total {
            slots.select_nth_unstable_by_key(end - 1, key);
            slots.truncate(end);
        }
        slots.sort_unstable_by_key(key);
        let rows = slots
            .get(range.start.min(total)..range.end.min(total))
            .unwrap_or_default()
            .iter()
            .map(|&slot| ExportRow {
                hit: inner.hit(slot, today),
                point: inner.points[slot as usize],
                changed_on: inner.slots[slot as usize].changed_on,
            })
            .collect();
        (total, rows)
    }

    /// One published listing as the open data gives it; `None` when it is
    /// not published.
    pub fn row(&self, kind: Kind, id: i64) -> Option<ExportRow> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let slot = *inner.by_ref.get(&(kind, id))?;
        inner.alive_flags[slot as usize].then(|| ExportRow {
            hit: inner.hit(slot, Date::today()),
            point: inner.points[slot as usize],
            changed_on: inner.slots[slot as usize].changed_on,
        })
    }

    /// The best few listings for a text being typed.
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<SearchHit> {
        let query = DirectoryQuery {
            q: text.to_owned(),
            filters: Vec::new(),
            page: 1,
        };
        let mut hits = self.query(&query).hits;
        hits.truncate(limit);
        hits
    }
}
