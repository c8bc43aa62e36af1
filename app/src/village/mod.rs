//! Craft villages (làng nghề): the server functions and the pages; the
//! types, the Decree 52 criteria and the queries (`db`, server only) are
//! `model::village`'s, re-exported here.

pub mod api;
pub mod list;
pub mod profile;
pub mod visit;

pub use model::village::*;

impl crate::listing::Profile for VillageProfile {
    fn listing_id(&self) -> i64 {
        self.id.0
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
    fn draw(&mut self) {
        use model::i18n::{Lang, text_in};
        self.visit_html = [Lang::Vi, Lang::En].map(|lang| {
            let text = text_in(lang, &self.visiting_vi, &self.visiting_en);
            visit::visit_html(&self.visit, text.as_deref(), lang)
        });
        self.visit_gaps = self.visit.gaps();
    }

    #[cfg(feature = "ssr")]
    fn only(&mut self, lang: model::i18n::Lang) {
        use model::i18n::Lang;
        lang.keep_picked(&mut self.name_vi, &mut self.name_en);
        lang.keep_text(&mut self.description_vi, &mut self.description_en);
        lang.keep_text(&mut self.products_vi, &mut self.products_en);
        lang.keep_text(&mut self.visiting_vi, &mut self.visiting_en);
        let other = match lang {
            Lang::Vi => 1,
            Lang::En => 0,
        };
        self.visit_html[other].clear();
        self.tours_html[other].clear();
    }
}
