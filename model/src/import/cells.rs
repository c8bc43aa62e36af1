//! A cell as people type it in a spreadsheet, turned into what the staff
//! form would hold, before the field's own parser checks it: communes by
//! name in either era (a commune before 1 July 2025 becomes the 2025
//! commune it is now part of), choices and crafts by their labels, yes and
//! no in words, dates in the ways Vietnamese offices write them, a tax
//! code whose leading zero a number cell lost. Anything not recognised is
//! passed on as typed, so the field's parser names what is wrong with it.

use crate::editing::fields::{FieldKind, FieldSpec};
use crate::i18n::Lang;
use crate::text::fold;

/// A commune before 1 July 2025: its names without marks, its district's,
/// and the 2025 commune it is now (all of it, or its larger part).
#[derive(Clone, Debug)]
pub struct LegacyCommune {
    pub code: String,
    pub names: Vec<String>,
    pub district: String,
    pub district_code: String,
    pub successor: Option<String>,
}

/// The area's names: what a name cell is compared with.
#[derive(Clone, Debug, Default)]
pub struct Areas {
    /// 2025 communes: code and name without marks or "xã"/"phường".
    pub communes: Vec<(String, String)>,
    pub legacy: Vec<LegacyCommune>,
    /// Former districts: code and name without marks or "huyện".
    pub districts: Vec<(String, String)>,
    /// Crafts: slug and name without marks.
    pub crafts: Vec<(String, String)>,
}

/// A place name without marks, case, its kind's word ("xã", "phường",
/// "thị trấn", "huyện", "thành phố") and extra spaces.
pub fn place_key(text: &str) -> String {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let skip = match words.as_slice() {
        ["thi", "tran", ..] | ["thanh", "pho", ..] => 2,
        [
            "xa" | "phuong" | "huyen" | "tt" | "tp" | "p" | "x" | "h",
            rest @ ..,
        ] if !rest.is_empty() => 1,
        _ => 0,
    };
    words[skip..].join(" ")
}

/// What a cell becomes: the form's text, and for a commune cell that
/// named a commune before 2025, that commune (the listing's former
/// commune when the file does not say it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub legacy_commune: Option<String>,
}

impl Areas {
    /// The 2025 commune named `text` (code or name), else a commune before
    /// 2025 ("Chiềng Châu", "Xã Chiềng Châu, huyện Mai Châu", "Chiềng
    /// Châu (Mai Châu)") whose successor it gives with the old code.
    fn commune(&self, text: &str) -> Option<(String, Option<String>)> {
        if let Some((code, _)) = self.communes.iter().find(|(code, _)| code == text) {
            return Some((code.clone(), None));
        }
        let (name, hint) = split_hint(text);
        let key = place_key(name);
        if hint.is_none()
            && let Some((code, _)) = self.communes.iter().find(|(_, n)| *n == key)
        {
            return Some((code.clone(), None));
        }
        let old = self.legacy_named(&key, hint);
        match old.as_slice() {
            [one] => one.successor.clone().map(|s| (s, Some(one.code.clone()))),
            // The same name in several former districts: the file must say
            // which (unless they all became the same commune).
            [first, rest @ ..] if rest.iter().all(|c| c.successor == first.successor) => {
                first.successor.clone().map(|s| (s, None))
            }
            _ => {
                // "Xã X, tỉnh Phú Thọ": a 2025 commune with a province.
                let (code, _) = self.communes.iter().find(|(_, n)| *n == key)?;
                Some((code.clone(), None))
            }
        }
    }

    fn legacy_named(&self, key: &str, district_hint: Option<&str>) -> Vec<&LegacyCommune> {
        let hint = district_hint.map(place_key);
        self.legacy
            .iter()
            .filter(|c| c.names.iter().any(|n| n == key))
            .filter(|c| hint.as_ref().is_none_or(|h| *h == c.district))
            .collect()
    }

    fn legacy_commune(&self, text: &str) -> Option<String> {
        if self.legacy.iter().any(|c| c.code == text) {
            return Some(text.to_owned());
        }
        let (name, hint) = split_hint(text);
        match self.legacy_named(&place_key(name), hint).as_slice() {
            [one] => Some(one.code.clone()),
            _ => None,
        }
    }

    fn district(&self, text: &str) -> Option<String> {
        let key = place_key(text);
        self.districts
            .iter()
            .find(|(code, name)| code == text || *name == key)
            .map(|(code, _)| code.clone())
    }

    fn craft(&self, text: &str) -> Option<String> {
        let key = craft_key(text);
        self.crafts
            .iter()
            .find(|(slug, name)| slug == text.trim() || craft_key(name) == key)
            .map(|(slug, _)| slug.clone())
    }

    /// Crafts separated by commas, where a craft's own name may hold a
    /// comma ("Dệt lanh, nhuộm chàm"): the longest run of parts that names
    /// a craft is taken first; a part naming none is passed on as typed.
    fn crafts(&self, text: &str) -> Vec<String> {
        let parts: Vec<&str> = text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            let found = (i + 1..=parts.len())
                .rev()
                .find_map(|j| self.craft(&parts[i..j].join(", ")).map(|slug| (j, slug)));
            match found {
                Some((j, slug)) => {
                    out.push(slug);
                    i = j;
                }
                None => {
                    out.push(parts[i].to_owned());
                    i += 1;
                }
            }
        }
        out
    }

    /// `raw` for `field`, as its form would hold it.
    pub fn convert(&self, field: &FieldSpec, raw: &str) -> Converted {
        let text = raw.trim();
        let plain = |t: String| Converted {
            text: t,
            legacy_commune: None,
        };
        if text.is_empty() {
            return plain(String::new());
        }
        match field.kind {
            FieldKind::Commune => match self.commune(text) {
                Some((code, legacy)) => Converted {
                    text: code,
                    legacy_commune: legacy,
                },
                None => plain(text.to_owned()),
            },
            FieldKind::LegacyCommune => {
                plain(self.legacy_commune(text).unwrap_or_else(|| text.into()))
            }
            FieldKind::LegacyDistrict => plain(self.district(text).unwrap_or_else(|| text.into())),
            FieldKind::Choice(choices) => {
                let key = fold(text);
                let found = choices.values.iter().find(|code| {
                    **code == text
                        || [Lang::Vi, Lang::En]
                            .iter()
                            .any(|lang| fold((choices.label)(code, *lang)) == key)
                });
                plain(found.map_or_else(|| text.to_owned(), |c| (*c).to_owned()))
            }
            FieldKind::YesNo | FieldKind::Check => plain(yes_no(text).unwrap_or(text).to_owned()),
            FieldKind::Many(relation) if relation.target == "crafts" => {
                plain(self.crafts(text).join(", "))
            }
            FieldKind::Date => plain(date(text).unwrap_or_else(|| text.to_owned())),
            FieldKind::TaxCode => plain(tax_code(text)),
            // A number cell drops a telephone number's leading zero.
            FieldKind::Phone if text.len() == 9 && text.bytes().all(|b| b.is_ascii_digit()) => {
                plain(format!("0{text}"))
            }
            _ => plain(text.to_owned()),
        }
    }
}

/// A craft's name compared without marks, case or spaces around commas.
fn craft_key(text: &str) -> String {
    fold(text)
        .split(',')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(",")
}

/// "X, huyện Y" or "X (Y)": the name and the district named after it.
fn split_hint(text: &str) -> (&str, Option<&str>) {
    if let Some((name, rest)) = text.split_once('(') {
        return (name.trim(), Some(rest.trim_end_matches(')').trim()));
    }
    match text.split_once(',') {
        Some((name, rest)) => {
            let district = rest.split(',').next().unwrap_or_default().trim();
            // A province is no district.
            if fold(district).starts_with("tinh ") {
                (name.trim(), None)
            } else {
                (name.trim(), Some(district))
            }
        }
        None => (text, None),
    }
}

/// Yes and no as people write them: "Có"/"Không", "x", "Yes"/"No", 1/0.
pub fn yes_no(text: &str) -> Option<&'static str> {
    match fold(text.trim()).as_str() {
        "co" | "x" | "yes" | "y" | "1" | "true" | "dung" | "on" => Some("1"),
        "khong" | "k" | "no" | "n" | "0" | "false" | "sai" | "off" => Some("0"),
        _ => None,
    }
}

/// A date written "2024-05-31", "31/05/2024", "31-05-2024", "31.5.2024"
/// (day first, as in Vietnam), as YYYY-MM-DD; `None` when it is none of
/// these (the field's parser then says so).
pub fn date(text: &str) -> Option<String> {
    let text = text.trim();
    if crate::date::Date::parse(text).is_some() {
        return Some(text.to_owned());
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(d) && all_digits(m) && all_digits(y))
        || y.len() != 4
        || d.len() > 2
        || m.len() > 2
    {
        return None;
    }
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    crate::date::Date::parse(&iso).map(|_| iso)
}

/// A tax code of nine digits lost its leading zero in a number cell.
fn tax_code(text: &str) -> String {
    if text.len() == 9 && text.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{text}")
    } else {
        text.to_owned()
    }
}
