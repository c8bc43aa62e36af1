//! What every kind of listing shares: links between listings, a location
//! that may be known only in part (the building blocks of profile pages are
//! `sections`).

#[cfg(feature = "ssr")]
pub mod old_slugs;
#[cfg(feature = "ssr")]
pub mod published;
pub mod sections;

// The types, rules and queries (`db`, server only) are `model::listing`'s;
// the server functions and pages are here.
pub use model::listing::*;

/// A listing's public profile, as the server reads it.
pub trait Profile {
    fn listing_id(&self) -> i64;
    /// Sets the listings shown as nearby.
    fn set_nearby(&mut self, nearby: Vec<model::search::NearbyHit>);
    /// Its sources by fact, to name the facts in words.
    fn sources_mut(&mut self) -> &mut Vec<model::listing::sources::Citation>;
    /// Its photos (a page in one language keeps only their alt texts in it).
    fn images_mut(&mut self) -> &mut Vec<model::media::ImageView>;
    /// Draws on the server what the page shows of data that stays there.
    #[cfg(feature = "ssr")]
    fn draw(&mut self) {}
    /// Keeps of its texts in two languages only what a page in `lang`
    /// shows (`Lang::keep_picked`, `Lang::keep_text`): the page carries its
    /// data for hydration. The sources' words and the nearby listings are
    /// done for every kind by `complete`.
    #[cfg(feature = "ssr")]
    fn only(&mut self, lang: model::i18n::Lang);
}
