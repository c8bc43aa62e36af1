//! Industrial parks (khu công nghiệp) and industrial clusters (cụm công
//! nghiệp): area, occupancy, investor, wastewater plant, tenants, and the
//! Decree 32/2024 expansion rule.

pub mod api;
pub mod profile;

// The types, rules and queries (`db`, server only) are `model::cluster`'s;
// the server functions and pages are here.
pub use model::cluster::*;

impl crate::listing::Profile for ClusterProfile {
    fn listing_id(&self) -> i64 {
        self.id
    }

    fn set_nearby(&mut self, nearby: Vec<model::search::NearbyHit>) {
        self.nearby = nearby;
    }

    fn sources_mut(&mut self) -> &mut Vec<model::listing::sources::Citation> {
        &mut self.sources
    }

    fn images_mut(&mut self) -> &mut Vec<model::media::ImageView> {
        &mut self.images
    }

    #[cfg(feature = "ssr")]
    fn only(&mut self, lang: model::i18n::Lang) {
        lang.keep_picked(&mut self.name_vi, &mut self.name_en);
        lang.keep_text(
            &mut self.target_industries_vi,
            &mut self.target_industries_en,
        );
        lang.keep_text(&mut self.description_vi, &mut self.description_en);
    }
}
