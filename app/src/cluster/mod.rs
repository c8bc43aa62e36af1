//! Industrial parks (khu công nghiệp) and industrial clusters (cụm công
//! nghiệp): area, occupancy, investor, wastewater plant, tenants, and the
//! Decree 32/2024 expansion rule.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod profile;

// The types and rules are `model::cluster`'s; the queries and pages are here.
pub use model::cluster::*;

impl crate::listing::Profile for ClusterProfile {
    fn listing_id(&self) -> i64 {
        self.id
    }

    fn set_nearby(&mut self, nearby: Vec<model::search::NearbyHit>) {
        self.nearby = nearby;
    }
}
