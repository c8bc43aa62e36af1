//! The parts a listing's form is shown in, each field in one: names and
//! state, place, figures, texts, contacts, sources. A kind's fields keep
//! their own order inside each part.

/// A part of a listing's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Names, address (slug), state, and what kind of listing it is.
    Identity,
    Place,
    /// Crafts, figures, criteria, certificates and linked listings.
    Facts,
    /// Descriptions, products, target industries.
    Texts,
    /// A village's visiting facts: hours, experiences, getting there.
    Visit,
    Contacts,
    Sources,
}

impl Section {
    /// In the form's order.
    pub const ALL: [Section; 7] = [
        Section::Identity,
        Section::Place,
        Section::Facts,
        Section::Texts,
        Section::Visit,
        Section::Contacts,
        Section::Sources,
    ];

    /// The part of the field `key`; a field not named here is a fact.
    pub fn of(key: &str) -> Section {
        const TEXTS: [&str; 3] = ["description_", "products_", "target_industries_"];
        const VISIT: [&str; 5] = [
            "visiting_",
            "getting_there_",
            "best_season_",
            "accessibility_",
            "visit_",
        ];
        match key {
            "name_vi" | "name_en" | "slug" | "status" | "kind" | "legal_form" | "category"
            | "tax_code" | "sector_vi" | "sector_en" => Section::Identity,
            "place_name"
            | "commune_code"
            | "legacy_commune_code"
            | "district_code"
            | "latitude"
            | "longitude"
            | "address" => Section::Place,
            "phone" | "email" | "website" => Section::Contacts,
            "source_url" | "sources" => Section::Sources,
            "opening_hours" | "experiences" => Section::Visit,
            _ if TEXTS.iter().any(|prefix| key.starts_with(prefix)) => Section::Texts,
            _ if VISIT.iter().any(|prefix| key.starts_with(prefix)) => Section::Visit,
            _ => Section::Facts,
        }
    }

    /// The id of its part of the page (the table of contents links to it).
    pub fn anchor(self) -> &'static str {
        match self {
            Section::Identity => "part-identity",
            Section::Place => "part-place",
            Section::Facts => "part-facts",
            Section::Texts => "part-texts",
            Section::Visit => "part-visit",
            Section::Contacts => "part-contacts",
            Section::Sources => "part-sources",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Section;
    use crate::editing::fields::specs;

    #[test]
    fn every_kinds_fields_fall_into_the_expected_parts() {
        for spec in [
            specs::VILLAGE,
            specs::CLUSTER,
            specs::ENTERPRISE,
            specs::PRODUCT,
        ] {
            for field in spec {
                let section = Section::of(field.key);
                // Names and sources are where every kind has them.
                match field.key {
                    "name_vi" | "status" => assert_eq!(section, Section::Identity),
                    "commune_code" | "latitude" => assert_eq!(section, Section::Place),
                    "description_en" => assert_eq!(section, Section::Texts),
                    "source_url" | "sources" => assert_eq!(section, Section::Sources),
                    _ => {}
                }
            }
        }
        assert_eq!(Section::of("ocop_stars"), Section::Facts);
        assert_eq!(Section::of("visiting_vi"), Section::Visit);
        assert_eq!(Section::of("visit_zalo"), Section::Visit);
        assert_eq!(Section::of("opening_hours"), Section::Visit);
        assert_eq!(Section::of("website"), Section::Contacts);
        // Every part but contacts has a field in every kind; the enterprise
        // has contacts.
        for spec in [
            specs::VILLAGE,
            specs::CLUSTER,
            specs::ENTERPRISE,
            specs::PRODUCT,
        ] {
            for section in [
                Section::Identity,
                Section::Place,
                Section::Facts,
                Section::Texts,
                Section::Sources,
            ] {
                assert!(
                    spec.iter().any(|f| Section::of(f.key) == section),
                    "{section:?}"
                );
            }
        }
        assert!(
            specs::ENTERPRISE
                .iter()
                .any(|f| Section::of(f.key) == Section::Contacts)
        );
    }
}
