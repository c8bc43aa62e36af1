#![allow(clippy::unwrap_used)]

use super::*;

#[test]
fn columns_are_lettered_as_spreadsheets_do() {
    assert_eq!(column_letters(0), "A");
    assert_eq!(column_letters(25), "Z");
    assert_eq!(column_letters(26), "AA");
    assert_eq!(column_letters(27), "AB");
    assert_eq!(column_letters(701), "ZZ");
    assert_eq!(column_letters(702), "AAA");
}

#[test]
fn decisions_read_back() {
    for d in [Decision::Create, Decision::Skip, Decision::Update(42)] {
        assert_eq!(Decision::parse(&d.code()), Some(d));
    }
    for bad in ["", "update:", "update:0", "update:-3", "update:x", "CREATE"] {
        assert_eq!(Decision::parse(bad), None, "{bad}");
    }
}

#[test]
fn counts_say_when_a_plan_is_ready() {
    let row = |outcome| PlanRow {
        line: 2,
        name: String::new(),
        outcome,
        problems: vec![],
        candidates: vec![],
        target: None,
        changes: vec![],
        decision: None,
    };
    let c = Counts::of(&[row(Outcome::Create), row(Outcome::Unchanged)]);
    assert!(c.ready());
    assert_eq!(c.writes(), 1);
    assert!(!Counts::of(&[row(Outcome::Create), row(Outcome::Error)]).ready());
    assert!(!Counts::of(&[row(Outcome::Decide)]).ready());
    for o in Outcome::ALL {
        assert_eq!(Counts::of(&[row(o)]).get(o), 1);
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::super::cells::{Areas, LegacyCommune, date, place_key, yes_no};
    use super::super::columns::{header_key, recognise};
    use crate::editing::fields::specs::{ENTERPRISE, VILLAGE};

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn headers_are_known_in_both_languages_with_or_without_marks() {
        let cols = recognise(
            ENTERPRISE,
            &header(&[
                "ID",
                "Tên (tiếng Việt)",
                "ma so thue",
                "Tax code",
                "Xã/phường",
                "Ghi chú riêng",
                "",
                "Trang công khai",
            ]),
            &["Trang công khai"],
        );
        let keys: Vec<&str> = cols.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys[0], "id");
        assert_eq!(keys[1], "name_vi", "{cols:?}");
        assert_eq!(keys[2], "tax_code");
        // The second tax code column is not read twice.
        assert_ne!(keys[3], "tax_code");
        assert_eq!(keys[4], "commune_code");
        assert_eq!(keys[5], "");
        assert!(!cols[5].sure, "an unknown column is put to staff");
        assert!(cols[6].sure && cols[6].key.is_empty());
        assert!(cols[7].sure && cols[7].key.is_empty());
        assert!(cols[..3].iter().all(|c| c.sure));
    }

    #[test]
    fn a_header_with_a_typo_is_a_guess() {
        let cols = recognise(VILLAGE, &header(&["Tên tiếng Anhh", "Latitude"]), &[]);
        assert_eq!(cols[0].key, "name_en", "{cols:?}");
        assert!(!cols[0].sure);
        assert_eq!(cols[1].key, "latitude");
        assert!(cols[1].sure);
        assert_eq!(header_key("Mã số thuế (MST)"), "masothuemst");
    }

    #[test]
    fn dates_in_the_ways_offices_write_them() {
        assert_eq!(date("2024-05-31").as_deref(), Some("2024-05-31"));
        assert_eq!(date("31/05/2024").as_deref(), Some("2024-05-31"));
        assert_eq!(date("1/5/2024").as_deref(), Some("2024-05-01"));
        assert_eq!(date("31.5.2024").as_deref(), Some("2024-05-31"));
        assert_eq!(date("31-05-2024").as_deref(), Some("2024-05-31"));
        assert_eq!(date("31/02/2024"), None);
        assert_eq!(date("05/31/2024"), None, "month first is not read");
        assert_eq!(date("31/05/24"), None);
        assert_eq!(date("hôm qua"), None);
    }

    #[test]
    fn yes_and_no_in_words() {
        for yes in ["Có", "co", "x", "Yes", "1", "TRUE"] {
            assert_eq!(yes_no(yes), Some("1"), "{yes}");
        }
        for no in ["Không", "khong", "No", "0"] {
            assert_eq!(yes_no(no), Some("0"), "{no}");
        }
        assert_eq!(yes_no("có lẽ"), None);
    }

    fn areas() -> Areas {
        let legacy = |code: &str, name: &str, district: &str, succ: &str| LegacyCommune {
            code: code.into(),
            names: vec![place_key(name)],
            district: place_key(district),
            district_code: format!("d-{district}"),
            successor: Some(succ.into()),
        };
        Areas {
            communes: vec![
                ("04891".into(), place_key("Xã Mai Châu")),
                ("04900".into(), place_key("Xã Tân Mai")),
            ],
            legacy: vec![
                legacy("05011", "Xã Chiềng Châu", "Huyện Mai Châu", "04891"),
                legacy("05012", "Xã Tân Sơn", "Huyện Mai Châu", "04891"),
                legacy("06012", "Xã Tân Sơn", "Huyện Lạc Sơn", "04900"),
            ],
            districts: vec![("d1".into(), place_key("Huyện Mai Châu"))],
            crafts: vec![
                ("det-tho-cam".into(), crate::text::fold("Dệt thổ cẩm")),
                ("det-lanh".into(), crate::text::fold("Dệt lanh, nhuộm chàm")),
            ],
        }
    }

    fn commune_field() -> &'static crate::editing::fields::FieldSpec {
        VILLAGE.iter().find(|f| f.key == "commune_code").unwrap()
    }

    #[test]
    fn communes_of_both_eras_become_the_2025_commune() {
        let a = areas();
        let f = commune_field();
        let c = |t: &str| a.convert(f, t);
        assert_eq!(c("04891").text, "04891");
        assert_eq!(c("Xã Mai Châu").text, "04891");
        assert_eq!(c("mai chau").text, "04891");
        assert_eq!(c("Xã Mai Châu, tỉnh Phú Thọ").text, "04891");
        let old = c("Xã Chiềng Châu");
        assert_eq!(old.text, "04891");
        assert_eq!(old.legacy_commune.as_deref(), Some("05011"));
        // A name two former districts had: the district decides.
        assert_eq!(
            c("Tân Sơn").text,
            "Tân Sơn",
            "ambiguous: left for the parser"
        );
        assert_eq!(c("Xã Tân Sơn, huyện Lạc Sơn").text, "04900");
        assert_eq!(c("Tân Sơn (Mai Châu)").text, "04891");
        assert_eq!(c("Xã Không Có").text, "Xã Không Có");
    }

    #[test]
    fn crafts_and_choices_by_their_names() {
        let a = areas();
        let crafts = VILLAGE.iter().find(|f| f.key == "crafts").unwrap();
        assert_eq!(a.convert(crafts, "Dệt thổ cẩm").text, "det-tho-cam");
        assert_eq!(
            a.convert(crafts, "det tho cam; moi").text,
            "det-tho-cam, moi"
        );
        // A craft whose name holds a comma, as the export writes it.
        assert_eq!(
            a.convert(crafts, "Dệt lanh, nhuộm chàm, Dệt thổ cẩm").text,
            "det-lanh, det-tho-cam"
        );
        assert_eq!(
            a.convert(crafts, "det-tho-cam,Dệt lanh,nhuộm chàm").text,
            "det-tho-cam, det-lanh"
        );
        let status = VILLAGE.iter().find(|f| f.key == "status").unwrap();
        for (typed, code) in [
            ("Đã đăng", "published"),
            ("Published", "published"),
            ("draft", "draft"),
        ] {
            let label = crate::editing::fields::specs::status_label(code, crate::i18n::Lang::Vi);
            assert_eq!(a.convert(status, label).text, code);
            assert_eq!(a.convert(status, typed).text, code, "{typed}");
        }
    }
}
