//! The fields' parsing, each kind's rules and the cross-field checks.

use super::super::*;
use super::specs::*;
use super::*;

/// A form context of one commune in the province's box.
pub(crate) fn cx() -> FormContext {
    FormContext {
        today: crate::base::date::Date {
            year: 2026,
            month: 12,
            day: 6,
        },
        communes: vec![CommuneOption {
            code: "04891".into(),
            name: "Xã Mai Châu".into(),
        }],
        bounds: AreaBounds {
            south: 20.17,
            west: 104.68,
            north: 21.24,
            east: 106.0,
        },
        links: Vec::new(),
        legacy_communes: vec![CommuneOption {
            code: "05248".into(),
            name: "Xã Chiềng Châu (Huyện Mai Châu)".into(),
        }],
        legacy_districts: vec![CommuneOption {
            code: "152".into(),
            name: "Huyện Mai Châu".into(),
        }],
        crafts: Vec::new(),
    }
}

#[test]
fn several_addresses_and_former_units() {
    let many = field("crafts", |l| l.crafts, FieldKind::Many(&VILLAGE_CRAFTS));
    // Slugs or pasted links, commas or new lines, repeats dropped, order kept.
    assert_eq!(
        many.parse(
            " det-tho-cam ;https://x.vn/nghe/du-lich-cong-dong?lang=en,\n det-tho-cam,",
            &cx()
        ),
        Ok("det-tho-cam, du-lich-cong-dong".to_owned())
    );
    assert_eq!(many.parse("  ", &cx()), Ok(String::new()));
    assert_eq!(
        many.parse("det tho cam", &cx()),
        Err(FieldError::UnknownLink)
    );
    let legacy = field(
        "legacy_commune_code",
        |l| l.legacy_commune_code,
        FieldKind::LegacyCommune,
    );
    assert_eq!(legacy.parse("05248", &cx()), Ok("05248".to_owned()));
    assert_eq!(
        legacy.parse("04891", &cx()),
        Err(FieldError::UnknownCommune),
        "a 2025 commune is not a former one"
    );
    let district = field(
        "district_code",
        |l| l.district_code,
        FieldKind::LegacyDistrict,
    );
    assert_eq!(district.parse("152", &cx()), Ok("152".to_owned()));
    assert_eq!(
        district.parse("999", &cx()),
        Err(FieldError::UnknownCommune)
    );
}

fn valid() -> Values {
    [
        ("name_vi", "Làng nghề dệt thổ cẩm bản Lác"),
        ("name_en", "Bản Lác brocade weaving village"),
        ("slug", "ban-lac"),
        ("status", "published"),
        ("place_name", "Bản Lác"),
        ("commune_code", "04891"),
        ("source_url", "https://example.gov.vn/a"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

#[test]
fn a_valid_form_is_normalised() {
    let mut input = valid();
    input.insert("total_households".into(), " 1.200 ".into());
    input.insert("latitude".into(), "20,6556".into());
    input.insert("longitude".into(), "105.0767000".into());
    input.insert("name_vi".into(), "  Làng   nghề  Lác ".into());
    let values = parse_values(VILLAGE, &input, &cx()).expect("valid");
    assert_eq!(values["total_households"], "1200");
    assert_eq!(values["latitude"], "20.6556");
    assert_eq!(values["longitude"], "105.0767");
    assert_eq!(values["name_vi"], "Làng nghề Lác");
    assert_eq!(values["craft_began_year"], "");
    assert_eq!(values.len(), VILLAGE.len());
}

#[test]
fn each_bad_field_gets_its_own_error_and_keeps_its_text() {
    let mut input = valid();
    input.insert("name_en".into(), "   ".into());
    input.insert("slug".into(), "Bản Lác".into());
    input.insert("total_households".into(), "mười".into());
    input.insert("craft_began_year".into(), "99".into());
    input.insert("commune_code".into(), "99999".into());
    input.insert("source_url".into(), "javascript:alert(1)".into());
    input.insert("status".into(), "deleted".into());
    input.insert("is_traditional".into(), "maybe".into());
    let errors = parse_values(VILLAGE, &input, &cx()).expect_err("invalid");
    assert_eq!(errors["name_en"], FieldError::Required);
    assert_eq!(errors["slug"], FieldError::BadSlug);
    assert_eq!(errors["total_households"], FieldError::NotNumber);
    assert_eq!(errors["craft_began_year"], FieldError::NotYear);
    assert_eq!(errors["commune_code"], FieldError::UnknownCommune);
    assert_eq!(errors["source_url"], FieldError::BadUrl);
    assert_eq!(errors["status"], FieldError::BadChoice);
    assert_eq!(errors["is_traditional"], FieldError::BadChoice);
    assert_eq!(errors.len(), 8);
}

#[test]
fn coordinates_come_in_pairs_inside_the_area() {
    let mut input = valid();
    input.insert("latitude".into(), "48.85".into());
    input.insert("longitude".into(), "2.35".into());
    assert_eq!(
        parse_values(VILLAGE, &input, &cx()).expect_err("Paris")["latitude"],
        FieldError::OutsideArea
    );
    input.insert("latitude".into(), "20.7".into());
    input.insert("longitude".into(), String::new());
    assert_eq!(
        parse_values(VILLAGE, &input, &cx()).expect_err("half")["longitude"],
        FieldError::PairNeeded
    );
    input.insert("latitude".into(), "NaN".into());
    input.insert("longitude".into(), "105".into());
    assert_eq!(
        parse_values(VILLAGE, &input, &cx()).expect_err("nan")["latitude"],
        FieldError::NotNumber
    );
}

#[test]
fn craft_households_never_exceed_the_total() {
    let mut input = valid();
    input.insert("total_households".into(), "100".into());
    input.insert("craft_households".into(), "120".into());
    assert_eq!(
        parse_values(VILLAGE, &input, &cx()).expect_err("more")["craft_households"],
        FieldError::MoreThanTotal
    );
    input.insert("craft_households".into(), "100".into());
    assert!(parse_values(VILLAGE, &input, &cx()).is_ok());
}

#[test]
fn diffs_list_changed_fields_in_form_order() {
    let before = valid();
    let mut after = valid();
    after.insert("source_url".into(), "https://example.gov.vn/b".into());
    after.insert("name_vi".into(), "Bản Lác".into());
    let changes = diff(VILLAGE, &before, &after);
    let keys: Vec<_> = changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["name_vi", "source_url"]);
    assert_eq!(changes[1].before, "https://example.gov.vn/a");
    assert!(diff(VILLAGE, &before, &before).is_empty());
}

fn parse(kind: FieldKind, raw: &str) -> Result<String, FieldError> {
    field("x", |l| l.name_vi, kind).parse(raw, &cx())
}

#[test]
fn decimals_take_a_comma_or_a_point_and_respect_their_range() {
    assert_eq!(parse(AREA_HA, "75,5"), Ok("75.5".into()));
    assert_eq!(parse(AREA_HA, "120.0000"), Ok("120".into()));
    assert_eq!(parse(AREA_HA, "0"), Err(FieldError::OutOfRange));
    assert_eq!(parse(AREA_HA, "1.200,5"), Err(FieldError::NotNumber));
    assert_eq!(parse(AREA_HA, "NaN"), Err(FieldError::NotNumber));
    assert_eq!(parse(AREA_HA, "inf"), Err(FieldError::NotNumber));
    let pct = FieldKind::Decimal {
        min: 0.0,
        max: 100.0,
    };
    assert_eq!(parse(pct, "100"), Ok("100".into()));
    assert_eq!(parse(pct, "100.1"), Err(FieldError::OutOfRange));
}

#[test]
fn web_addresses_are_completed() {
    assert_eq!(
        parse(FieldKind::Url, "www.xombui.vn"),
        Ok("https://www.xombui.vn".into())
    );
    assert_eq!(
        parse(FieldKind::Url, "xombui.vn/gioi-thieu?a=1"),
        Ok("https://xombui.vn/gioi-thieu?a=1".into())
    );
    assert_eq!(
        parse(FieldKind::Url, "http://xombui.vn"),
        Ok("http://xombui.vn".into())
    );
    for bad in ["xom bui", "javascript:alert(1)", "ftp://x.vn", "1.5", "x."] {
        assert_eq!(parse(FieldKind::Url, bad), Err(FieldError::BadUrl), "{bad}");
    }
}

#[test]
fn past_events_end_today() {
    // cx() is on 2026-12-06 in Vietnam.
    assert_eq!(
        parse(FieldKind::Date, "2026-12-06"),
        Ok("2026-12-06".into())
    );
    assert_eq!(
        parse(FieldKind::Date, "2026-12-07"),
        Err(FieldError::OutOfRange),
        "tomorrow"
    );
    assert_eq!(
        parse(FieldKind::Date, "2031-02-15"),
        Err(FieldError::OutOfRange),
        "a certificate from the future"
    );
    assert_eq!(
        parse(FieldKind::Date, "1899-12-31"),
        Err(FieldError::OutOfRange)
    );
    let year = FieldKind::Year { min: 1900 };
    assert_eq!(parse(year, "2026"), Ok("2026".into()));
    assert_eq!(parse(year, "2027"), Err(FieldError::NotYear));
    assert_eq!(parse(year, "1899"), Err(FieldError::NotYear));
    // Every range names its ends, today's included.
    let spec = |kind| field("x", |l| l.name_vi, kind);
    assert_eq!(
        spec(FieldKind::Date).allowed(&cx()),
        Some(Allowed::Dates(DATE_MIN, cx().today))
    );
    assert_eq!(spec(year).allowed(&cx()), Some(Allowed::Whole(1900, 2026)));
    assert_eq!(spec(FieldKind::Text { max: 5 }).allowed(&cx()), None);
}

#[test]
fn tax_codes_dates_e_mails_and_phones() {
    // A published code, and the same with a wrong check digit.
    assert_eq!(
        parse(FieldKind::TaxCode, " 0100109106 "),
        Ok("0100109106".into())
    );
    assert_eq!(
        parse(FieldKind::TaxCode, "0100109107"),
        Err(FieldError::BadTaxCode)
    );
    assert_eq!(
        parse(FieldKind::TaxCode, "54001012"),
        Err(FieldError::BadTaxCode)
    );
    assert_eq!(
        parse(FieldKind::Date, "2024-02-29"),
        Ok("2024-02-29".into())
    );
    assert_eq!(
        parse(FieldKind::Date, "2023-02-29"),
        Err(FieldError::BadDate)
    );
    assert_eq!(
        parse(FieldKind::Date, "2023-13-01"),
        Err(FieldError::BadDate)
    );
    assert_eq!(
        parse(FieldKind::Date, "29/02/2024"),
        Err(FieldError::BadDate)
    );
    assert_eq!(
        parse(FieldKind::Date, "2024-0é-01"),
        Err(FieldError::BadDate)
    );
    assert_eq!(
        parse(FieldKind::Email, "Info@HTX.vn"),
        Ok("info@htx.vn".into())
    );
    assert_eq!(
        parse(FieldKind::Email, "info at htx"),
        Err(FieldError::BadEmail)
    );
    assert_eq!(
        parse(FieldKind::Phone, "0218  3852 123"),
        Ok("0218 3852 123".into())
    );
    assert_eq!(
        parse(FieldKind::Phone, "+84 218 385 2123"),
        Ok("+84 218 385 2123".into())
    );
    assert_eq!(parse(FieldKind::Phone, "12345"), Err(FieldError::BadPhone));
    assert_eq!(
        parse(FieldKind::Phone, "0218 ext 5"),
        Err(FieldError::BadPhone)
    );
}

#[test]
fn every_kind_has_a_spec_with_the_shared_fields_and_unique_keys() {
    for kind in crate::listing::Kind::ALL {
        let spec = spec_of(kind).expect("every kind is editable");
        for key in ["name_vi", "name_en", "slug", "status", "source_url"] {
            assert!(
                spec.iter().any(|f| f.key == key && f.required),
                "{kind:?} {key}"
            );
        }
        let mut keys: Vec<_> = spec.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "{kind:?} has a key twice");
    }
}

#[test]
fn leased_land_is_never_more_than_industrial_land() {
    let mut values = valid();
    values.insert("industrial_land_ha".into(), "50".into());
    values.insert("leased_land_ha".into(), "50,5".into());
    values.insert("kind".into(), "cluster".into());
    let errors =
        parse_values(CLUSTER, &values, &cx()).expect_err("more leased than industrial land");
    assert_eq!(
        errors.get("leased_land_ha"),
        Some(&FieldError::MoreThanTotal)
    );
    values.insert("leased_land_ha".into(), "49.5".into());
    assert!(parse_values(CLUSTER, &values, &cx()).is_ok());
}

#[test]
fn links_take_an_address_or_a_pasted_page_link() {
    let producer = PRODUCT
        .iter()
        .find(|f| f.key == "producer_id")
        .expect("producer field");
    for typed in [
        "htx-che-shan-tuyet",
        " htx-che-shan-tuyet ",
        "https://langnghe.example/doanh-nghiep/htx-che-shan-tuyet",
        "https://langnghe.example/en/enterprises/htx-che-shan-tuyet/?x=1#top",
        "/doanh-nghiep/htx-che-shan-tuyet",
    ] {
        assert_eq!(
            producer.parse(typed, &cx()).as_deref(),
            Ok("htx-che-shan-tuyet"),
            "{typed}"
        );
    }
    assert_eq!(producer.parse("", &cx()).as_deref(), Ok(""));
    for bad in ["Hợp tác xã chè", "https://x.example/", "a b"] {
        assert_eq!(
            producer.parse(bad, &cx()),
            Err(FieldError::UnknownLink),
            "{bad}"
        );
    }
}
