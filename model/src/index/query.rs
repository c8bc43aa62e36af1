//! Answering a query: matching the words, filtering and counting the
//! facets in one pass, ordering and cutting a page.

use super::{Inner, Posting, TYPO_MIN_CHARS, query_words};
use crate::base::date::Date;
use crate::search::query::OPEN_NOW;
use crate::search::{DirectoryQuery, FacetGroup, FacetKey, FacetOption, PER_PAGE, Results};
use chrono::NaiveDateTime;
use std::ops::Bound;

impl Inner {
    /// Indexed words one edit (insertion, deletion, substitution or swap of
    /// neighbours) away from `word`.
    fn corrections(&self, word: &str) -> Vec<&str> {
        let len = word.chars().count();
        self.postings
            .keys()
            .filter(|k| k.len().abs_diff(word.len()) <= 2)
            .filter(|k| k.chars().count().abs_diff(len) <= 1)
            .filter(|k| strsim::damerau_levenshtein(word, k) == 1)
            .map(|k| &**k)
            .take(10)
            .collect()
    }

    /// The matching slots with their scores; `None` when a word matches
    /// nothing. Every word must match, as a prefix or through one typo.
    fn matching(&self, words: &[String], corrected: &mut Vec<String>) -> Option<Vec<(u32, f32)>> {
        if words.is_empty() {
            return Some(self.alive_slots());
        }
        let n = self.slots.len();
        let mut matched = vec![0u8; n];
        let mut score = vec![0f32; n];
        let mut first: Vec<u32> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let step = u8::try_from(i).unwrap_or(u8::MAX);
            let mut keys: Vec<(&Vec<Posting>, f32)> = self
                .postings
                .range::<str, _>((Bound::Included(word.as_str()), Bound::Unbounded))
                .take_while(|(k, _)| k.starts_with(word.as_str()))
                .map(|(k, p)| (p, if **k == **word { 1.0 } else { 0.7 }))
                .collect();
            if keys.is_empty() && word.chars().count() >= TYPO_MIN_CHARS {
                for alt in self.corrections(word) {
                    if let Some(p) = self.postings.get(alt) {
                        keys.push((p, 0.5));
                    }
                }
                if !keys.is_empty() {
                    corrected.push(word.clone());
                }
            }
            if keys.is_empty() {
                return None;
            }
            for (postings, factor) in keys {
                for &p in postings {
                    let d = p.doc() as usize;
                    if matched[d] == step {
                        matched[d] = step + 1;
                        score[d] += f32::from(p.weight()) * factor;
                        if step == 0 {
                            first.push(p.doc());
                        }
                    }
                }
            }
        }
        let all = u8::try_from(words.len()).unwrap_or(u8::MAX);
        Some(
            first
                .into_iter()
                .filter(|&d| matched[d as usize] == all && self.alive_flags[d as usize])
                .map(|d| {
                    // Below the smallest step between two weights (0.3):
                    // orders names that match equally by how much of the
                    // name the query is.
                    let words = f32::from(all);
                    let name = f32::from(self.name_words[d as usize].max(1));
                    (d, score[d as usize] + 0.25 * (words / name).min(1.0))
                })
                .collect(),
        )
    }

    fn alive_slots(&self) -> Vec<(u32, f32)> {
        self.alive_flags
            .iter()
            .enumerate()
            .filter(|(_, alive)| **alive)
            .map(|(i, _)| (u32::try_from(i).unwrap_or(u32::MAX), 0.0))
            .collect()
    }

    pub(super) fn values_of(&self, slot: u32) -> &[u32] {
        let (start, len) = self.value_spans[slot as usize];
        &self.value_flat[start as usize..(start + len) as usize]
    }

    /// The alive slots having any of these values, each once.
    fn slots_with_any(&self, ids: &[u32]) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut seen = if ids.len() > 1 {
            vec![false; self.slots.len()]
        } else {
            Vec::new()
        };
        for &v in ids {
            for &d in &self.value_docs[v as usize] {
                if !self.alive_flags[d as usize] {
                    continue;
                }
                if let Some(flag) = seen.get_mut(d as usize) {
                    if *flag {
                        continue;
                    }
                    *flag = true;
                }
                out.push((d, 0.0));
            }
        }
        out
    }

    /// Every listing in name order, one page of it.
    fn browse_all(&self, query: &DirectoryQuery, today: Date, open_count: usize) -> Results {
        let total = self.alive;
        let per_page = PER_PAGE as usize;
        let pages = u32::try_from(total.div_ceil(per_page))
            .unwrap_or(u32::MAX)
            .max(1);
        let page = query.page.clamp(1, pages);
        let hits = self
            .by_rank
            .iter()
            .filter(|&&slot| self.alive_flags[slot as usize])
            .skip((page as usize - 1) * per_page)
            .take(per_page)
            .map(|&slot| self.hit(slot, today))
            .collect();
        Results {
            total,
            page,
            pages,
            hits,
            facets: self.facet_groups(&self.value_alive, query, open_count),
            corrected: Vec::new(),
        }
    }

    /// The alive slots open at `now`, in slot order.
    fn open_slots(&self, now: NaiveDateTime) -> Vec<u32> {
        let mut open: Vec<u32> = self
            .hours
            .iter()
            .filter(|(slot, rule)| self.alive_flags[*slot as usize] && rule.is_open(now))
            .map(|(slot, _)| *slot)
            .collect();
        open.sort_unstable();
        open
    }

    /// The chosen values, grouped by facet; a value the index does not
    /// know matches nothing. "Open now" is not a stored value: it is
    /// applied on its own ([`Inner::open_slots`]).
    fn chosen(&self, query: &DirectoryQuery) -> Vec<(FacetKey, Vec<u32>)> {
        let mut chosen: Vec<(FacetKey, Vec<u32>)> = Vec::new();
        for (key, code) in &query.filters {
            if *key == FacetKey::Visit && code == OPEN_NOW {
                continue;
            }
            let id = self.value_ids.get(&(*key, code.clone())).copied();
            match chosen.iter_mut().find(|(k, _)| k == key) {
                Some((_, ids)) => ids.extend(id),
                None => chosen.push((*key, id.into_iter().collect())),
            }
        }
        chosen
    }

    /// The alive slots matching the words and every chosen facet, in no
    /// order; `None` when the query asks for everything.
    pub(super) fn matching_slots(&self, query: &DirectoryQuery) -> Option<Vec<u32>> {
        let words = query_words(&query.q);
        let chosen = self.chosen(query);
        let open = query
            .has(FacetKey::Visit, OPEN_NOW)
            .then(|| self.open_slots(crate::village::hours::vietnam_now()));
        if words.is_empty() && chosen.is_empty() && open.is_none() {
            return None;
        }
        let candidates = if let Some(open) = open.as_ref().filter(|_| words.is_empty()) {
            open.iter().map(|&slot| (slot, 0.0)).collect()
        } else if words.is_empty() {
            // Every result has one of the values of the most selective facet.
            let smallest = chosen
                .iter()
                .map(|(_, ids)| ids)
                .min_by_key(|ids| {
                    ids.iter()
                        .map(|&v| self.value_alive[v as usize])
                        .sum::<usize>()
                })
                .map(Vec::as_slice)
                .unwrap_or_default();
            self.slots_with_any(smallest)
        } else {
            self.matching(&words, &mut Vec::new()).unwrap_or_default()
        };
        Some(
            candidates
                .into_iter()
                .map(|(slot, _)| slot)
                .filter(|&slot| {
                    let values = self.values_of(slot);
                    open.as_ref()
                        .is_none_or(|open| open.binary_search(&slot).is_ok())
                        && chosen
                            .iter()
                            .all(|(_, ids)| values.iter().any(|v| ids.contains(v)))
                })
                .collect(),
        )
    }

    pub(super) fn query(&self, query: &DirectoryQuery, today: Date, now: NaiveDateTime) -> Results {
        let mut corrected = Vec::new();
        let words = query_words(&query.q);

        let chosen = self.chosen(query);
        let open = self.open_slots(now);
        let is_open = |slot: u32| open.binary_search(&slot).is_ok();
        let open_only = query.has(FacetKey::Visit, OPEN_NOW);
        let mut counts = vec![0usize; self.values.len()];
        let mut results: Vec<(u32, f32)> = Vec::new();
        // Without words, only slots that pass at least one chosen facet can
        // count anywhere, and the choices of a facet that is the only one
        // chosen count over every slot (the alive counts kept per value).
        let (found, global_key) = if !words.is_empty() {
            let mut found = self.matching(&words, &mut corrected).unwrap_or_default();
            if open_only {
                found.retain(|(slot, _)| is_open(*slot));
            }
            (found, None)
        } else if open_only {
            // Every result is open now, and the open are few.
            (open.iter().map(|&slot| (slot, 0.0)).collect(), None)
        } else if chosen.is_empty() {
            // Everything, in name order: no sorting, no counting.
            return self.browse_all(query, today, open.len());
        } else {
            // A slot that counts anywhere fails at most one chosen facet, so
            // it passes one of the two most selective ones.
            let mut sizes: Vec<(usize, &Vec<u32>)> = chosen
                .iter()
                .map(|(_, ids)| (ids.iter().map(|&v| self.value_alive[v as usize]).sum(), ids))
                .collect();
            sizes.sort_by_key(|(n, _)| *n);
            let ids: Vec<u32> = sizes
                .iter()
                .take(2)
                .flat_map(|(_, ids)| ids.iter().copied())
                .collect();
            let global = (chosen.len() == 1).then(|| chosen[0].0);
            (self.slots_with_any(&ids), global)
        };
        for (slot, score) in found {
            let values = self.values_of(slot);
            let mut failed: Option<FacetKey> = None;
            let mut fails = 0;
            for (key, ids) in &chosen {
                if !values.iter().any(|v| ids.contains(v)) {
                    fails += 1;
                    failed = Some(*key);
                    if fails > 1 {
                        break;
                    }
                }
            }
            match fails {
                0 => {
                    results.push((slot, score));
                    for &v in values {
                        counts[v as usize] += 1;
                    }
                }
                1 => {
                    for &v in values {
                        if Some(self.values[v as usize].key) == failed {
                            counts[v as usize] += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(key) = global_key {
            for (v, value) in self.values.iter().enumerate() {
                if value.key == key {
                    counts[v] = self.value_alive[v];
                }
            }
        }

        let open_count = results.iter().filter(|(slot, _)| is_open(*slot)).count();
        let total = results.len();
        let per_page = PER_PAGE as usize;
        let pages = u32::try_from(total.div_ceil(per_page))
            .unwrap_or(u32::MAX)
            .max(1);
        let page = query.page.clamp(1, pages);
        let start = (page as usize - 1) * per_page;
        let end = (start + per_page).min(total);
        let order = |a: &(u32, f32), b: &(u32, f32)| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.ranks[a.0 as usize].cmp(&self.ranks[b.0 as usize]))
        };
        if end < total && end > 0 {
            results.select_nth_unstable_by(end - 1, order);
            results.truncate(end);
        }
        results.sort_unstable_by(order);
        let hits = results
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .map(|&(slot, _)| self.hit(slot, today))
            .collect();

        Results {
            total,
            page,
            pages,
            hits,
            facets: self.facet_groups(&counts, query, open_count),
            corrected,
        }
    }

    fn facet_groups(
        &self,
        counts: &[usize],
        query: &DirectoryQuery,
        open_count: usize,
    ) -> Vec<FacetGroup> {
        let mut groups = Vec::new();
        for key in FacetKey::ALL {
            // Values come in their display order (see `Inner::rerank`).
            let mut options: Vec<FacetOption> = self
                .value_order
                .iter()
                .map(|&v| (&self.values[v as usize], counts[v as usize]))
                .filter(|(v, _)| v.key == key)
                .filter_map(|(v, count)| {
                    let selected = query.has(key, &v.code);
                    (count > 0 || selected).then(|| FacetOption {
                        value: v.code.clone(),
                        label_vi: v.label_vi.clone(),
                        label_en: v.label_en.clone(),
                        count,
                        selected,
                    })
                })
                .collect();
            // Chosen values the index does not know stay visible, so they
            // can be taken off again.
            if key == FacetKey::Visit {
                let selected = query.has(key, OPEN_NOW);
                if open_count > 0 || selected {
                    options.push(FacetOption {
                        value: OPEN_NOW.to_owned(),
                        label_vi: crate::base::i18n::Lang::Vi.t().facet_open_now.to_owned(),
                        label_en: crate::base::i18n::Lang::En.t().facet_open_now.to_owned(),
                        count: open_count,
                        selected,
                    });
                }
            }
            for code in query.selected(key) {
                if key == FacetKey::Visit && code == OPEN_NOW {
                    continue;
                }
                if !self.value_ids.contains_key(&(key, code.to_owned())) {
                    options.push(FacetOption {
                        value: code.to_owned(),
                        label_vi: code.to_owned(),
                        label_en: code.to_owned(),
                        count: 0,
                        selected: true,
                    });
                }
            }
            if !options.is_empty() {
                groups.push(FacetGroup { key, options });
            }
        }
        groups
    }
}
