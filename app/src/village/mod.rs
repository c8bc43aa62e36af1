//! Craft villages (làng nghề): the queries (server only), the server
//! functions and the pages; the types and the Decree 52 criteria are
//! `model::village`'s, re-exported here.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod list;
pub mod profile;

pub use model::village::*;

impl crate::listing::Profile for VillageProfile {
    fn listing_id(&self) -> i64 {
        self.id.0
    }

    fn set_nearby(&mut self, nearby: Vec<model::search::NearbyHit>) {
        self.nearby = nearby;
    }
}
