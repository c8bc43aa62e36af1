//! The map's clusters on a deterministic index of a few thousand listings:
//! nothing lost or counted twice at any zoom, and the map follows the search.

#![allow(clippy::unwrap_used)]

use super::{Document, FacetValue, SearchIndex};
use crate::base::i18n::Lang;
use crate::listing::Kind;
use crate::map::{Bbox, MapQuery, MapView};
use crate::search::{DirectoryQuery, FacetKey, SearchHit};
use std::collections::{HashMap, HashSet};

/// A small deterministic random source.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss)]
        let v = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        v
    }
}

/// `n` listings around the province: a third of them stacked on ten
/// "commune centres" (as listings without an exact place are), the rest
/// spread out, every fifth one without a point.
fn documents(n: usize) -> (Vec<Document>, Vec<Option<(f64, f64)>>) {
    let mut rng = Lcg(42);
    let centres: Vec<(f64, f64)> = (0..10)
        .map(|_| (20.4 + rng.next() * 0.6, 104.9 + rng.next() * 0.9))
        .collect();
    let mut docs = Vec::new();
    let mut points = Vec::new();
    for i in 0..n {
        let kind = Kind::ALL[i % 4];
        let commune = i % 10;
        let point = match i % 5 {
            0 => None,
            1 => Some(centres[commune]),
            _ => Some((20.3 + rng.next() * 0.8, 104.8 + rng.next() * 1.1)),
        };
        points.push(point);
        docs.push(Document {
            id: i64::try_from(i).unwrap(),
            hit: SearchHit {
                kind,
                slug: format!("mau-{i}"),
                name_vi: format!("Mẫu {i}"),
                name_en: format!("Sample {i}"),
                commune: Some(format!("Xã {commune}")),
                districts: Vec::new(),
                summary_vi: None,
                summary_en: None,
                badges: Vec::new(),
            },
            values: vec![FacetValue {
                key: FacetKey::Commune,
                code: format!("{commune:05}"),
                label_vi: format!("Xã {commune}"),
                label_en: format!("{commune} Commune"),
                rank: 0,
            }],
            name_text: format!("Mẫu {i}"),
            body_text: String::new(),
            place_text: String::new(),
            expires_on: None,
            hours: None,
            changed_on: None,
            point,
            group: 0,
        });
    }
    (docs, points)
}

fn view(index: &SearchIndex, bbox: Option<Bbox>, zoom: Option<u8>, search: &str) -> MapView {
    index.map(
        &MapQuery {
            search: DirectoryQuery::parse(search),
            bbox,
            zoom,
        },
        Lang::Vi,
    )
}

fn in_box(points: &[Option<(f64, f64)>], b: &Bbox, keep: impl Fn(usize) -> bool) -> usize {
    points
        .iter()
        .enumerate()
        .filter(|(i, p)| keep(*i) && p.is_some_and(|p| b.contains(p)))
        .count()
}

#[test]
fn clusters_add_up_never_repeat_and_nest_across_zoom_levels() {
    let (docs, points) = documents(20_000);
    let index = SearchIndex::new(docs);
    let boxes = [
        Bbox::parse("104.7,20.2,106.0,21.2").unwrap(),
        Bbox::parse("105.0,20.5,105.3,20.8").unwrap(),
        Bbox::parse("105.1,20.6,105.12,20.62").unwrap(),
    ];
    for b in &boxes {
        for zoom in [6u8, 8, 9, 10, 11, 12, 14, 16, 17] {
            let v = view(&index, Some(*b), Some(zoom), "");
            let expected = in_box(&points, b, |_| true);
            // The counts of the markers add up to the listings in view.
            assert_eq!(v.in_view, expected, "{b:?} z{zoom}");
            assert_eq!(v.markers.iter().map(|m| m.count).sum::<usize>(), expected);
            assert_eq!(v.groups.iter().map(|g| g.count).sum::<usize>(), expected);
            // No marker twice; single listings appear once each; every
            // marker's listings lie within its bounds.
            let keys: HashSet<&str> = v.markers.iter().map(|m| m.key.as_str()).collect();
            assert_eq!(keys.len(), v.markers.len());
            let singles: Vec<&str> = v
                .markers
                .iter()
                .filter_map(|m| m.listing.as_ref().map(|l| l.href.as_str()))
                .collect();
            assert_eq!(singles.iter().collect::<HashSet<_>>().len(), singles.len());
            for m in &v.markers {
                assert!(m.bounds.contains((m.lat, m.lon)), "{m:?}");
                assert_eq!(m.kinds.iter().sum::<usize>(), m.count);
                assert_eq!(m.listing.is_some(), m.count == 1);
            }
            // No two markers' boxes (as drawn) overlap: a tap lands on one.
            let scale = 256.0 * f64::from(1u32 << v.zoom);
            let px = |m: &crate::map::Marker| {
                let (x, y) = crate::map::world_xy((m.lat, m.lon));
                (x * scale, y * scale)
            };
            for (i, a) in v.markers.iter().enumerate() {
                for b in &v.markers[i + 1..] {
                    let (p, q) = (px(a), px(b));
                    let apart =
                        (crate::map::marker_size(a.count) + crate::map::marker_size(b.count)) / 2.0
                            + crate::map::MARKER_GAP_PX;
                    assert!(
                        (p.0 - q.0).abs().max((p.1 - q.1).abs()) >= apart - 1e-6,
                        "{b:?} z{zoom}: {} and {} overlap",
                        a.key,
                        b.key
                    );
                }
            }
            // Zooming in never loses a listing: every cell one level deeper
            // lies in one cell of this level, so markers joined through
            // their cells (a marker holds its own cell and those merged
            // into it) hold the same listings at both levels.
            let deeper = view(&index, Some(*b), Some(v.zoom + 1), "");
            // (A huge box is answered at a lower zoom; compare real steps.)
            if deeper.zoom == v.zoom + 1 {
                let zoom = v.zoom;
                let cells = |m: &crate::map::Marker| {
                    std::iter::once(m.key.clone())
                        .chain(m.merged.iter().cloned())
                        .collect::<Vec<_>>()
                };
                // Union-find over this level's markers (0..n) and the
                // deeper ones (n..).
                let n = v.markers.len();
                let mut up: Vec<usize> = (0..n + deeper.markers.len()).collect();
                fn root(up: &mut [usize], mut i: usize) -> usize {
                    while up[i] != i {
                        up[i] = up[up[i]];
                        i = up[i];
                    }
                    i
                }
                let owner: HashMap<String, usize> = v
                    .markers
                    .iter()
                    .enumerate()
                    .flat_map(|(i, m)| cells(m).into_iter().map(move |c| (c, i)))
                    .collect();
                for (j, m) in deeper.markers.iter().enumerate() {
                    for cell in cells(m) {
                        let parts: Vec<u32> = cell.split('/').map(|p| p.parse().unwrap()).collect();
                        let parent = format!("{zoom}/{}/{}", parts[1] / 2, parts[2] / 2);
                        let i = *owner.get(&parent).expect("the parent cell is in a marker");
                        let (a, b) = (root(&mut up, i), root(&mut up, n + j));
                        up[a] = b;
                    }
                }
                let mut here: HashMap<usize, usize> = HashMap::new();
                let mut there: HashMap<usize, usize> = HashMap::new();
                for (i, m) in v.markers.iter().enumerate() {
                    *here.entry(root(&mut up, i)).or_default() += m.count;
                }
                for (j, m) in deeper.markers.iter().enumerate() {
                    *there.entry(root(&mut up, n + j)).or_default() += m.count;
                }
                assert_eq!(here, there, "{b:?} z{zoom} → z{}", zoom + 1);
            }
        }
    }
    // Listings stacked on one point stay one cluster that cannot be split.
    let centre = points[1].unwrap();
    let deep = view(
        &index,
        Some(Bbox::around(centre, 0.2)),
        Some(crate::map::MAX_ZOOM),
        "",
    );
    assert_eq!(deep.zoom, crate::map::MAX_ZOOM);
    let stacked: Vec<_> = deep.markers.iter().filter(|m| m.count > 1).collect();
    assert!(!stacked.is_empty());
    assert!(stacked.iter().all(|m| !m.expandable));
    // At the overview the listings are clustered, not sent one by one.
    let overview = view(&index, None, None, "");
    assert_eq!(overview.in_view, in_box(&points, &overview.bbox, |_| true));
    assert!(overview.markers.len() < 200, "{}", overview.markers.len());
}

#[test]
fn the_map_follows_the_search() {
    let (docs, points) = documents(4_000);
    let index = SearchIndex::new(docs);
    let b = Bbox::parse("104.7,20.2,106.0,21.2").unwrap();
    let villages = view(&index, Some(b), Some(9), "kind=village");
    assert_eq!(villages.in_view, in_box(&points, &b, |i| i % 4 == 0));
    assert_eq!(villages.total, 1_000);
    assert!(
        villages
            .markers
            .iter()
            .all(|m| m.kinds[1..].iter().all(|&n| n == 0))
    );
    let one_commune = view(&index, Some(b), Some(9), "commune=00003&kind=product");
    assert_eq!(
        one_commune.in_view,
        in_box(&points, &b, |i| i % 10 == 3 && i % 4 == 3)
    );
    assert_eq!(one_commune.groups.len(), 1);
    assert_eq!(one_commune.groups[0].code, "00003");
    let words = view(&index, Some(b), Some(9), "q=mau+17");
    assert!(
        words.in_view >= 1 && words.in_view < 200,
        "{}",
        words.in_view
    );
    // A listing leaves the map as soon as it is gone from the index.
    let nothing = view(&index, Some(b), Some(9), "q=khongcogi");
    assert_eq!((nothing.in_view, nothing.total), (0, 0));
    assert!(nothing.markers.is_empty() && nothing.groups.is_empty());
}

/// "Nearby" searches outwards ring by ring and stops early: it finds the
/// same listings, in the same order, as measuring every listing does.
#[test]
fn nearby_finds_what_measuring_everything_finds() {
    let (docs, points) = documents(20_000);
    let index = SearchIndex::new(docs);
    for me in (0..20_000).step_by(997) {
        let Some(centre) = points[me] else { continue };
        for (radius, limit) in [(15.0, 12), (2.0, 5), (60.0, 3)] {
            let got: Vec<String> = index
                .nearby(Kind::ALL[me % 4], i64::try_from(me).unwrap(), radius, limit)
                .into_iter()
                .map(|h| h.hit.slug)
                .collect();
            let mut all: Vec<(f64, usize)> = points
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != me)
                .filter_map(|(i, p)| Some((crate::base::geo::distance_km(centre, (*p)?), i)))
                .filter(|&(km, _)| km <= radius)
                .collect();
            all.sort_by(|a, b| a.0.total_cmp(&b.0));
            // Equal distances (listings stacked on a centre) may come in
            // any order among themselves: compare the distances.
            let want: Vec<f64> = all.iter().take(limit).map(|a| a.0).collect();
            let got_km: Vec<f64> = got
                .iter()
                .map(|slug| {
                    let i: usize = slug.trim_start_matches("mau-").parse().unwrap();
                    crate::base::geo::distance_km(centre, points[i].unwrap())
                })
                .collect();
            assert_eq!(got_km.len(), want.len(), "{me} {radius}");
            for (g, w) in got_km.iter().zip(&want) {
                assert!((g - w).abs() < 1e-9, "{me} {radius}: {got_km:?} {want:?}");
            }
        }
    }
}

/// A listing with two former districts, badges, the same name in both
/// languages and a summary: the index keeps them in its compact form
/// (facet values, a table of badges) and gives back the same result.
#[test]
fn a_result_is_the_listing_as_given() {
    use crate::listing::{Badge, Tone};
    let (mut docs, _) = documents(50);
    let district = |code: &str, name: &str| FacetValue {
        key: FacetKey::District,
        code: code.to_owned(),
        label_vi: name.to_owned(),
        label_en: name.to_owned(),
        rank: 0,
    };
    let badge = |vi: &str, en: &str| Badge {
        vi: vi.to_owned(),
        en: en.to_owned(),
        tone: Tone::Plain,
    };
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.values.push(district("148", "Huyện Mai Châu"));
        doc.hit.districts.push("Huyện Mai Châu".to_owned());
        doc.hit.badges.push(badge("Dệt thổ cẩm", "Brocade weaving"));
        if i == 7 {
            doc.values.push(district("150", "Huyện Tân Lạc"));
            doc.hit.districts.push("Huyện Tân Lạc".to_owned());
            doc.hit
                .badges
                .push(badge("Công nhận 2008", "Recognised 2008"));
            doc.hit.name_en = doc.hit.name_vi.clone();
            doc.hit.summary_vi = Some("Làng dệt của người Thái".to_owned());
            doc.hit.summary_en = Some("A Thái weaving village".to_owned());
            doc.name_text = "Bản Lác".to_owned();
        }
    }
    let expected = docs[7].hit.clone();
    let index = SearchIndex::new(docs);
    let results = index.query(&DirectoryQuery::parse("q=ban+lac"));
    assert_eq!(results.hits, vec![expected]);
    // The other listings share the one badge and district.
    let other = index.query(&DirectoryQuery::parse("q=mau+3"));
    assert_eq!(other.hits[0].badges.len(), 1);
    assert_eq!(other.hits[0].districts, vec!["Huyện Mai Châu".to_owned()]);
    assert_eq!(index.inner.read().unwrap().badges.len(), 2);
}

/// Saving one listing of a large index grows its lists by a few percent,
/// not to twice their size.
#[test]
fn saving_one_listing_does_not_double_the_lists() {
    let (docs, _) = documents(20_000);
    let again = docs[5].clone();
    let index = SearchIndex::new(docs);
    let sizes = |index: &SearchIndex| {
        let inner = index.inner.read().unwrap();
        let longest = inner.postings.values().map(Vec::len).max().unwrap();
        let posting_room = inner
            .postings
            .values()
            .find(|p| p.len() == longest)
            .unwrap()
            .capacity();
        (
            inner.slots.capacity(),
            inner.ranks.capacity(),
            posting_room,
            longest,
        )
    };
    let (slots, ranks, postings, longest) = sizes(&index);
    assert_eq!((slots, ranks, postings), (20_000, 20_000, longest));
    index.replace(Kind::ALL[5 % 4], 5, vec![again]);
    let (slots, ranks, postings, _) = sizes(&index);
    for (after, before) in [(slots, 20_000), (ranks, 20_000), (postings, longest)] {
        assert!(
            after > before && after <= before + before / 32 + 1,
            "{before} -> {after}"
        );
    }
}

/// A save puts the listing in its place by name without sorting every
/// listing again, and the order is the one a full sort gives: renamed
/// listings move, new ones land among names they tie with, unpublished
/// ones leave the lists.
#[test]
fn a_saved_listing_takes_the_place_a_full_sort_gives_it() {
    let (docs, _) = documents(400);
    let index = SearchIndex::new(docs.clone());
    let order = |index: &SearchIndex| {
        let inner = index.inner.read().unwrap();
        (
            inner.by_rank.clone(),
            inner.ranks.clone(),
            inner.value_order.clone(),
        )
    };
    let mut rng = Lcg(7);
    for step in 0..60 {
        let i = (rng.next() * 400.0) as usize;
        let mut doc = docs[i].clone();
        // Renamed (to an existing name: a tie, or to one before them all),
        // moved to another group, kept as it was, or unpublished.
        match step % 5 {
            0 => doc.hit.name_vi = docs[(i * 7) % 400].hit.name_vi.clone(),
            1 => doc.hit.name_vi = format!("Ấp {step}"),
            2 => doc.group = 1,
            3 => {}
            _ => {
                index.replace(doc.hit.kind, doc.id, Vec::new());
                continue;
            }
        }
        index.replace(doc.hit.kind, doc.id, vec![doc]);
    }
    let incremental = order(&index);
    index.inner.write().unwrap().rerank();
    assert_eq!(incremental, order(&index));
    // And the lists show it: the first page is in name order.
    let results = index.query(&DirectoryQuery::parse(""));
    let names: Vec<String> = results
        .hits
        .iter()
        .map(|h| crate::base::text::fold(&h.name_vi))
        .collect();
    assert!(names.iter().any(|n| n.starts_with("ap ")), "{names:?}");
}

#[test]
fn open_now_is_worked_out_at_the_moment_asked_and_counts_with_the_other_facets() {
    use crate::search::query::{HAS_EXPERIENCES, OPEN_NOW};
    use crate::village::hours::Rule;
    let (mut docs, _) = documents(40);
    // Slot 0: open on weekdays by day, with experiences; slot 1: open at
    // night past midnight; slot 2: closed for Tết; the rest record nothing.
    let rules = [
        Some("Mo-Fr 08:00-17:00"),
        Some("Mo-Su 18:00-02:00"),
        Some(r#"Mo-Su 08:00-17:00; 2027 Feb 05-2027 Feb 10 off "Tết""#),
    ];
    for (doc, rule) in docs.iter_mut().zip(rules) {
        doc.hit.kind = Kind::Village;
        doc.hours = rule.and_then(Rule::parse);
    }
    docs[0].values.push(FacetValue {
        key: FacetKey::Visit,
        code: HAS_EXPERIENCES.into(),
        label_vi: "Có trải nghiệm".into(),
        label_en: "Has experiences".into(),
        rank: 0,
    });
    let index = SearchIndex::new(docs);
    let at = |text: &str| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    let slugs = |query: &str, now: &str| {
        let today = crate::base::date::Date::parse(&now[..10]).unwrap();
        let results = index.query_at(&DirectoryQuery::parse(query), today, at(now));
        let mut slugs: Vec<String> = results.hits.into_iter().map(|h| h.slug).collect();
        slugs.sort();
        (slugs, results.total, results.facets)
    };
    let open_option = |facets: &[crate::search::FacetGroup]| {
        facets
            .iter()
            .find(|g| g.key == FacetKey::Visit)
            .and_then(|g| g.options.iter().find(|o| o.value == OPEN_NOW))
            .map(|o| o.count)
    };
    // Monday 10:00: the weekday one and the Tết one (not Tết now) are open.
    let (open, total, _) = slugs("visit=open", "2027-01-04 10:00");
    assert_eq!(
        (open, total),
        (vec!["mau-0".to_owned(), "mau-2".to_owned()], 2)
    );
    // Saturday 01:00: only the night one, open since Friday evening.
    assert_eq!(slugs("visit=open", "2027-01-09 01:00").0, ["mau-1"]);
    // During Tết at 10:00 (a Monday): the weekday one only.
    assert_eq!(slugs("visit=open", "2027-02-08 10:00").0, ["mau-0"]);
    // Without the filter, the option counts what it would give.
    let (_, total, facets) = slugs("", "2027-02-08 10:00");
    assert_eq!(total, 40);
    assert_eq!(open_option(&facets), Some(1));
    // With another facet and with words: the count follows them.
    let (_, _, facets) = slugs("visit=experiences", "2027-01-04 10:00");
    assert_eq!(open_option(&facets), Some(1));
    let (hits, _, _) = slugs("q=mau+2&visit=open", "2027-01-04 10:00");
    assert_eq!(hits, ["mau-2"]);
    assert!(slugs("q=mau+1&visit=open", "2027-01-04 10:00").0.is_empty());
    // At 03:00 nothing is open: the option stays only while chosen.
    let (hits, _, facets) = slugs("visit=open", "2027-01-04 03:00");
    assert!(hits.is_empty());
    assert_eq!(open_option(&facets), Some(0));
    assert_eq!(open_option(&slugs("", "2027-01-04 03:00").2), None);
}

#[test]
fn export_pages_are_slices_of_the_whole_ordered_list() {
    let (docs, _) = documents(3000);
    let index = SearchIndex::new(docs);
    for query in ["", "q=mau", "commune=00003"] {
        let query = DirectoryQuery::parse(query);
        let (total, all) = index.export(&query, 0..usize::MAX);
        assert_eq!(total, all.len());
        let slugs = |rows: &[super::ExportRow]| -> Vec<String> {
            rows.iter()
                .map(|r| format!("{:?}/{}", r.hit.kind, r.hit.slug))
                .collect()
        };
        let whole = slugs(&all);
        for (start, len) in [
            (0, 20),
            (20, 20),
            (1000, 7),
            (total - 5, 20),
            (total + 3, 10),
        ] {
            let (n, page) = index.export(&query, start..start + len);
            assert_eq!(n, total);
            let expected: Vec<String> = whole.iter().skip(start).take(len).cloned().collect();
            assert_eq!(slugs(&page), expected, "{start}..+{len}");
        }
    }
}
