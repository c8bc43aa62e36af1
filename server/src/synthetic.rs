//! `langnghe seed --synthetic`: clearly synthetic listings at scale for the
//! benchmark, spread over the real communes. Every record's source is
//! [`SYNTHETIC_SOURCE`] and every name says "mẫu" (sample). It refuses a
//! database that already holds listings, and the real seed refuses a
//! database that holds synthetic ones, so the two never mix.

use crate::seed::{SeedError, seed_reference};
use app::cluster::db::{self as cluster, NewCluster};
use app::enterprise::db::{self as enterprise, NewEnterprise};
use app::listing::db::{SYNTHETIC_SOURCE, count_all, set_point};
use app::product::db::{self as product, NewProduct};
use app::village::db::{self as village, NewVillage};
use model::listing::Kind;
use sqlx::SqlitePool;

/// How many listings of each kind.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub villages: usize,
    pub clusters: usize,
    pub enterprises: usize,
    pub products: usize,
}

impl Scale {
    /// The benchmark's scale.
    pub const FULL: Scale = Scale {
        villages: 5_000,
        clusters: 500,
        enterprises: 100_000,
        products: 20_000,
    };
}

/// A small deterministic generator (SplitMix64), so every run makes the
/// same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// A point within about 6 km of `centre`.
    fn near(&mut self, centre: (f64, f64)) -> (f64, f64) {
        #[allow(clippy::cast_precision_loss)]
        let mut offset = || (self.below(2001) as f64 / 1000.0 - 1.0) * 0.055;
        (centre.0 + offset(), centre.1 + offset())
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FAMILY: [&str; 16] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Quách", "Xa",
];
const GOODS: [(&str, &str, &str); 8] = [
    ("Dệt thổ cẩm", "Brocade weaving", "textile"),
    ("Mây tre đan", "Rattan and bamboo", "handicraft"),
    ("Rượu men lá", "Leaf-yeast rice wine", "beverage"),
    ("Chè búp", "Bud tea", "tea"),
    ("Cam quýt", "Citrus", "fruit"),
    ("Gỗ mỹ nghệ", "Fine woodwork", "handicraft"),
    ("Thuốc nam", "Herbal remedies", "herbal"),
    ("Gà đồi", "Hill chicken", "poultry"),
];
const FORMS: [(&str, &str); 4] = [
    ("company", "Công ty TNHH"),
    ("cooperative", "Hợp tác xã"),
    ("cooperative_group", "Tổ hợp tác"),
    ("household", "Hộ kinh doanh"),
];
const STAGES: [&str; 4] = ["planned", "established", "operating", "expanding"];

/// Fills an empty database with synthetic listings.
pub async fn seed_synthetic(pool: &SqlitePool, scale: Scale) -> Result<(), SeedError> {
    let mut tx = app::system::begin_write(pool).await?;
    if count_all(&mut tx).await? > 0 {
        return Err(SeedError::File {
            file: "--synthetic",
            reason: "the database already holds listings; use a separate database file".into(),
        });
    }
    seed_reference(&mut tx).await?;
    let communes = app::area::db::commune_codes(&mut tx).await?;
    // Each listing gets its own point near its commune's centre, so that
    // the map has points spread out as real ones would be.
    let centres: std::collections::HashMap<String, (f64, f64)> =
        app::area::db::commune_points(&mut *tx)
            .await?
            .into_iter()
            .map(|c| (c.code, (c.latitude, c.longitude)))
            .collect();
    let crafts = app::craft::db::slugs(&mut tx).await?;
    let mut rng = Rng(2025);
    let source = SYNTHETIC_SOURCE.to_owned();
    let mut village_slugs = Vec::with_capacity(scale.villages);
    for n in 1..=scale.villages {
        let (goods_vi, goods_en, _) = *rng.pick(&GOODS);
        let place = format!("Xóm mẫu {n}");
        let v = NewVillage {
            place_name: place.clone(),
            name_vi: format!("Làng nghề {} {place}", goods_vi.to_lowercase()),
            name_en: format!("{place} {} village (sample)", goods_en.to_lowercase()),
            commune: rng.pick(&communes).clone(),
            crafts: vec![rng.pick(&crafts).clone()],
            description_vi: Some(format!(
                "Dữ liệu mẫu để đo hiệu năng. Làng nghề {}.",
                goods_vi.to_lowercase()
            )),
            description_en: Some(format!(
                "Synthetic data for benchmarking. A {} village.",
                goods_en.to_lowercase()
            )),
            source_url: source.clone(),
            ..NewVillage::default()
        };
        let (id, slug) = village::insert(&mut tx, &v).await?;
        if let Some(&c) = centres.get(&v.commune) {
            set_point(&mut tx, Kind::Village, id.0, rng.near(c)).await?;
        }
        village_slugs.push(slug.to_string());
    }
    let mut cluster_slugs = Vec::with_capacity(scale.clusters);
    for n in 1..=scale.clusters {
        let area = 10.0 + f64::from(u32::try_from(rng.below(900)).unwrap_or(0)) / 10.0;
        let land = area * 0.7;
        let c = NewCluster {
            kind: if n % 10 == 0 { "park" } else { "cluster" }.to_owned(),
            name_vi: format!("Cụm công nghiệp mẫu {n}"),
            name_en: format!("Sample industrial cluster {n}"),
            stage: Some((*rng.pick(&STAGES)).to_owned()),
            established_area_ha: Some(area),
            industrial_land_ha: Some(land),
            leased_land_ha: Some(
                land * f64::from(u32::try_from(rng.below(101)).unwrap_or(0)) / 100.0,
            ),
            infrastructure_complete: Some(rng.below(2) == 1),
            commune: Some(rng.pick(&communes).clone()),
            description_vi: Some("Dữ liệu mẫu để đo hiệu năng.".to_owned()),
            description_en: Some("Synthetic data for benchmarking.".to_owned()),
            source_url: source.clone(),
            ..NewCluster::default()
        };
        let (id, slug) = cluster::insert(&mut tx, &c).await?;
        if let Some(&p) = c.commune.as_ref().and_then(|code| centres.get(code)) {
            set_point(&mut tx, Kind::Cluster, id, rng.near(p)).await?;
        }
        cluster_slugs.push(slug.to_string());
    }
    let mut enterprise_slugs = Vec::with_capacity(scale.enterprises);
    for n in 1..=scale.enterprises {
        let (form, prefix) = *rng.pick(&FORMS);
        let (goods_vi, goods_en, _) = *rng.pick(&GOODS);
        let family = rng.pick(&FAMILY);
        let name = format!("{prefix} {} {family} mẫu {n}", goods_vi.to_lowercase());
        let e = NewEnterprise {
            name_en: format!("{family} {} sample {n}", goods_en.to_lowercase()),
            name_vi: name,
            legal_form: form.to_owned(),
            sector_vi: Some(goods_vi.to_owned()),
            sector_en: Some(goods_en.to_owned()),
            employees: Some(i64::try_from(rng.below(300)).unwrap_or(0)),
            commune: Some(rng.pick(&communes).clone()),
            villages: if n % 20 == 0 && !village_slugs.is_empty() {
                vec![rng.pick(&village_slugs).clone()]
            } else {
                Vec::new()
            },
            clusters: if n % 200 == 0 && !cluster_slugs.is_empty() {
                vec![rng.pick(&cluster_slugs).clone()]
            } else {
                Vec::new()
            },
            source_url: source.clone(),
            ..NewEnterprise::default()
        };
        let (id, slug) = enterprise::insert(&mut tx, &e).await?;
        if let Some(&p) = e.commune.as_ref().and_then(|code| centres.get(code)) {
            set_point(&mut tx, Kind::Enterprise, id, rng.near(p)).await?;
        }
        enterprise_slugs.push(slug.to_string());
    }
    for n in 1..=scale.products {
        let (goods_vi, goods_en, category) = *rng.pick(&GOODS);
        let stars = [3, 3, 3, 4, 4, 5][rng.below(6)];
        let p = NewProduct {
            name_vi: format!("{goods_vi} mẫu {n}"),
            name_en: format!("{goods_en} sample {n}"),
            category: category.to_owned(),
            producer: (!enterprise_slugs.is_empty()).then(|| rng.pick(&enterprise_slugs).clone()),
            ocop_stars: Some(stars),
            ocop_certified_on: Some(format!(
                "20{:02}-{:02}-{:02}",
                21 + rng.below(5),
                1 + rng.below(12),
                1 + rng.below(28)
            )),
            commune: Some(rng.pick(&communes).clone()),
            source_url: source.clone(),
            ..NewProduct::default()
        };
        let (id, _) = product::insert(&mut tx, &p).await?;
        if let Some(&c) = p.commune.as_ref().and_then(|code| centres.get(code)) {
            set_point(&mut tx, Kind::Product, id, rng.near(c)).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
