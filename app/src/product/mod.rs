//! Products, with their OCOP rating (Decision 148/QĐ-TTg: 3 to 5 stars, a
//! certificate valid for 36 months), producer and village.

pub mod api;
pub mod profile;

// The types, rules and queries (`db`, server only) are `model::product`'s;
// the server functions and pages are here.
pub use model::product::*;

impl crate::listing::Profile for ProductProfile {
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
        lang.keep_text(&mut self.description_vi, &mut self.description_en);
    }
}
