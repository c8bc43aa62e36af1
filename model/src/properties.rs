//! Property tests of every parser that takes outside input: whatever the
//! text, they answer (no panic), and what they accept reads back the same.

use crate::editing::fields::tests::cx;
use crate::editing::{Values, parse_values, spec_of};
use crate::listing::Kind;
use crate::search::DirectoryQuery;
use proptest::prelude::*;

/// Text a parser meets from a form or a URL: any characters, and the
/// pieces that usually matter to parsers, mixed.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("0".to_owned()),
                Just("-".to_owned()),
                Just(",".to_owned()),
                Just(".".to_owned()),
                Just("=".to_owned()),
                Just("&".to_owned()),
                Just("%".to_owned()),
                Just("e9".to_owned()),
                Just("đ".to_owned()),
                Just("Bản".to_owned()),
                Just(" ".to_owned()),
                Just("\u{0}".to_owned()),
                Just("999999999999999999999".to_owned()),
                "[0-9]{1,4}".prop_map(|s| s),
                "[a-z]{1,6}".prop_map(|s| s),
            ],
            0..12
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn directory_queries_parse_anything_and_read_back_the_same(text in input()) {
        let query = DirectoryQuery::parse(&text);
        let again = DirectoryQuery::parse(&query.to_query_string());
        prop_assert_eq!(query, again);
    }

    #[test]
    fn map_queries_parse_anything(text in input()) {
        let query = crate::map::MapQuery::parse(&text);
        let _ = crate::map::MapQuery::parse(&query.to_query_string());
        if let Ok(strict) = crate::map::MapQuery::parse_strict(&text) {
            prop_assert_eq!(
                crate::map::MapQuery::parse_strict(&strict.to_query_string()).ok(),
                Some(strict)
            );
        }
        let _ = crate::map::Bbox::parse(&text);
    }

    #[test]
    fn slugs_emails_dates_and_tax_codes_parse_anything(text in input()) {
        if let Ok(slug) = crate::base::text::Slug::parse(&text) {
            prop_assert_eq!(crate::base::text::Slug::parse(slug.as_str()), Ok(slug));
        }
        if let Some(email) = crate::staff::Email::parse(&text) {
            prop_assert_eq!(crate::staff::Email::parse(email.as_str()), Some(email));
        }
        if let Some(date) = crate::base::date::Date::parse(&text) {
            prop_assert_eq!(crate::base::date::Date::parse(&date.to_string()), Some(date));
        }
        let _ = crate::base::tax_code::TaxCode::parse(&text);
        let _ = Kind::parse(&text);
    }

    /// Every field of every kind: a value it accepts is accepted again as
    /// it was stored (what a save writes, the next save reads).
    #[test]
    fn every_form_field_parses_anything_and_keeps_what_it_accepts(
        text in input(),
        kind in prop_oneof![
            Just(Kind::Village), Just(Kind::Cluster), Just(Kind::Enterprise), Just(Kind::Product)
        ],
    ) {
        let cx = cx();
        let spec = spec_of(kind).unwrap_or_default();
        for field in spec {
            if let Ok(stored) = field.parse(&text, &cx) {
                prop_assert_eq!(
                    field.parse(&stored, &cx),
                    Ok(stored.clone()),
                    "{} took {:?}", field.key, text
                );
            }
        }
        let form: Values = spec.iter().map(|f| (f.key.to_owned(), text.clone())).collect();
        let _ = parse_values(spec, &form, &cx);
    }
}
