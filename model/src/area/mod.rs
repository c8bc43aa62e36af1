//! Administrative units of both eras: the communes and wards since
//! 1 July 2025 (where listings are located) and the former districts and
//! communes people still search by.

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A commune or ward of the current (2025) catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    /// Five-digit statistics code, e.g. `05251`.
    pub code: String,
    /// Official name with its type, e.g. `Xã Mai Hạ`.
    pub name: String,
}

/// A district of the pre-2025 catalogue (abolished on 1 July 2025).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct District {
    /// Three-digit statistics code, e.g. `156`.
    pub code: String,
    /// Official name with its type, e.g. `Huyện Mai Châu`.
    pub name: String,
}

/// Where a listing is: its commune now, and what it was before 2025.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub commune: Commune,
    pub province_name: String,
    /// The pre-2025 commune, when the source names it.
    pub former_commune: Option<String>,
    /// The pre-2025 district(s), derived from the former commune or, if that
    /// is unknown, from the current commune's predecessors.
    pub former_districts: Vec<District>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// True when the point is the commune centre, not the place itself.
    pub approximate: bool,
}

/// An administrative unit's name as shown in a language: Vietnamese keeps
/// the official form, English puts the unit type after the proper name
/// ("Xã Mai Hạ" → "Mai Hạ Commune").
pub fn unit_name(name: &str, lang: Lang) -> String {
    if lang == Lang::Vi {
        return name.to_owned();
    }
    const TYPES: [(&str, &str); 6] = [
        ("Xã ", "Commune"),
        ("Phường ", "Ward"),
        ("Thị trấn ", "Township"),
        ("Huyện ", "District"),
        ("Thành phố ", "City"),
        ("Tỉnh ", "Province"),
    ];
    TYPES
        .iter()
        .find_map(|(prefix, kind)| {
            name.strip_prefix(prefix)
                .map(|rest| format!("{rest} {kind}"))
        })
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_put_the_type_last() {
        assert_eq!(unit_name("Xã Mai Hạ", Lang::En), "Mai Hạ Commune");
        assert_eq!(unit_name("Huyện Mai Châu", Lang::En), "Mai Châu District");
        assert_eq!(unit_name("Thành phố Hòa Bình", Lang::En), "Hòa Bình City");
        assert_eq!(unit_name("Xã Mai Hạ", Lang::Vi), "Xã Mai Hạ");
    }
}

/// A current commune's centre, for the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunePoint {
    pub code: String,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    /// The first former district it was part of.
    pub district: Option<String>,
}
