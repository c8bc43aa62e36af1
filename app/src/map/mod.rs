//! The map page: every listing on one map, clustered on the server (the
//! viewport and marker types are `model::map`).

use leptos::prelude::*;
use model::map::{MapView, Tiles};
use serde::{Deserialize, Serialize};

#[cfg(feature = "hydrate")]
mod leaflet;
pub mod page;
pub mod svg;

/// Everything the map page shows at first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPageData {
    pub view: MapView,
    pub facets: Vec<model::search::FacetGroup>,
    pub communes: Vec<crate::area::CommunePoint>,
    pub tiles: Tiles,
}

/// The map page's data for its query string (search parameters, `bbox`,
/// `zoom`); a broken viewport shows the whole area.
#[server]
pub async fn map_page(query: String, en: bool) -> Result<MapPageData, crate::error::AppError> {
    let index = crate::context::search_index()?;
    let tiles = leptos::prelude::use_context::<Tiles>().unwrap_or_default();
    let lang = if en {
        model::i18n::Lang::En
    } else {
        model::i18n::Lang::Vi
    };
    let pool = crate::context::pool()?;
    let communes = crate::area::db::commune_points(&pool).await?;
    let mut map_query = model::map::MapQuery::parse(&query);
    if map_query.bbox.is_none() {
        // The whole area: every commune and every listing.
        let listings = index.extent();
        map_query.bbox = Some(
            communes
                .iter()
                .map(|c| (c.latitude, c.longitude))
                .fold(listings, model::map::Bbox::including)
                .padded(0.03),
        );
    }
    let view = index.map(&map_query, lang);
    let facets = index.query(&map_query.search).facets;
    Ok(MapPageData {
        view,
        facets,
        communes,
        tiles,
    })
}
