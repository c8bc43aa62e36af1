//! Products, with their OCOP rating (Decision 148/QĐ-TTg: 3 to 5 stars, a
//! certificate valid for 36 months), producer and village.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod profile;

// The types and rules are `model::product`'s; the queries and pages are here.
pub use model::product::*;

impl crate::listing::Profile for ProductProfile {
    fn listing_id(&self) -> i64 {
        self.id
    }

    fn set_nearby(&mut self, nearby: Vec<model::search::NearbyHit>) {
        self.nearby = nearby;
    }
}
