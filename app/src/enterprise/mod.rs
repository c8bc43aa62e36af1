//! Enterprises and producers: companies, cooperatives, cooperative groups
//! and household businesses, with their tax code, their membership in craft
//! villages and parks or clusters, and their products.

pub mod api;
pub mod profile;

// The types, rules and queries (`db`, server only) are `model::enterprise`'s;
// the server functions and pages are here.
pub use model::enterprise::*;

impl crate::listing::Profile for EnterpriseProfile {
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
        lang.keep_text(&mut self.sector_vi, &mut self.sector_en);
        lang.keep_text(&mut self.products_vi, &mut self.products_en);
        lang.keep_text(&mut self.description_vi, &mut self.description_en);
    }
}
