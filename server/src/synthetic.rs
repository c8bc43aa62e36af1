//! `langnghe seed --synthetic`: clearly synthetic listings at scale for the
//! benchmark, spread over the real communes. Every record's source is
//! [`SYNTHETIC_SOURCE`] and every name says "mẫu" (sample). It refuses a
//! database that already holds listings, and the real seed refuses a
//! database that holds synthetic ones, so the two never mix.

use crate::seed::{SeedError, create_listing, seed_reference};
use app::editing::Values;
use model::listing::Kind;
use model::listing::db::{SYNTHETIC_SOURCE, count_all};
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
    let mut tx = model::system::begin_write(pool).await?;
    if count_all(&mut tx).await? > 0 {
        return Err(SeedError::File {
            file: "--synthetic",
            reason: "the database already holds listings; use a separate database file".into(),
        });
    }
    seed_reference(&mut tx).await?;
    let communes = model::area::db::commune_codes(&mut tx).await?;
    // Each listing gets its own point near its commune's centre, so that
    // the map has points spread out as real ones would be.
    let centres: std::collections::HashMap<String, (f64, f64)> =
        model::area::db::commune_points(&mut *tx)
            .await?
            .into_iter()
            .map(|c| (c.code, (c.latitude, c.longitude)))
            .collect();
    let crafts = model::craft::db::slugs(&mut tx).await?;
    let form_cx = model::editing::db::form_context_in(&mut tx).await?;
    let mut rng = Rng(2025);
    let source = SYNTHETIC_SOURCE;
    // Field values by key, as a form or the seed file gives them.
    let record = |pairs: &[(&str, String)]| -> Values {
        let mut values = Values::from([
            ("status".to_owned(), "published".to_owned()),
            ("source_url".to_owned(), source.to_owned()),
        ]);
        values.extend(pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        values
    };
    // Each listing gets its own point near its commune's centre.
    let place = |rng: &mut Rng, commune: &str| -> [(&'static str, String); 3] {
        let (lat, lon) = centres.get(commune).map_or((0.0, 0.0), |&c| rng.near(c));
        [
            ("commune_code", commune.to_owned()),
            ("latitude", format!("{lat:.6}")),
            ("longitude", format!("{lon:.6}")),
        ]
    };
    let create = async |tx: &mut sqlx::SqliteConnection, kind, values: Values| {
        create_listing(tx, "--synthetic", kind, &values, "synthetic", &form_cx)
            .await
            .map(|(_, slug)| slug)
    };
    let mut village_slugs = Vec::with_capacity(scale.villages);
    for n in 1..=scale.villages {
        let (goods_vi, goods_en, _) = *rng.pick(&GOODS);
        let name = format!("Xóm mẫu {n}");
        let commune = rng.pick(&communes).clone();
        let mut v = record(&[
            ("place_name", name.clone()),
            (
                "name_vi",
                format!("Làng nghề {} {name}", goods_vi.to_lowercase()),
            ),
            (
                "name_en",
                format!("{name} {} village (sample)", goods_en.to_lowercase()),
            ),
            ("crafts", rng.pick(&crafts).clone()),
            (
                "description_vi",
                format!(
                    "Dữ liệu mẫu để đo hiệu năng. Làng nghề {}.",
                    goods_vi.to_lowercase()
                ),
            ),
            (
                "description_en",
                format!(
                    "Synthetic data for benchmarking. A {} village.",
                    goods_en.to_lowercase()
                ),
            ),
        ]);
        v.extend(place(&mut rng, &commune).map(|(k, t)| (k.to_owned(), t)));
        village_slugs.push(create(&mut tx, Kind::Village, v).await?);
    }
    let mut cluster_slugs = Vec::with_capacity(scale.clusters);
    for n in 1..=scale.clusters {
        let area = 10.0 + f64::from(u32::try_from(rng.below(900)).unwrap_or(0)) / 10.0;
        let land = area * 0.7;
        let leased = land * f64::from(u32::try_from(rng.below(101)).unwrap_or(0)) / 100.0;
        let commune = rng.pick(&communes).clone();
        let mut c = record(&[
            (
                "kind",
                if n % 10 == 0 { "park" } else { "cluster" }.to_owned(),
            ),
            ("name_vi", format!("Cụm công nghiệp mẫu {n}")),
            ("name_en", format!("Sample industrial cluster {n}")),
            ("stage", (*rng.pick(&STAGES)).to_owned()),
            ("established_area_ha", format!("{area:.4}")),
            ("industrial_land_ha", format!("{land:.4}")),
            ("leased_land_ha", format!("{leased:.4}")),
            ("infrastructure_complete", rng.below(2).to_string()),
            ("description_vi", "Dữ liệu mẫu để đo hiệu năng.".to_owned()),
            (
                "description_en",
                "Synthetic data for benchmarking.".to_owned(),
            ),
        ]);
        c.extend(place(&mut rng, &commune).map(|(k, t)| (k.to_owned(), t)));
        cluster_slugs.push(create(&mut tx, Kind::Cluster, c).await?);
    }
    let mut enterprise_slugs = Vec::with_capacity(scale.enterprises);
    for n in 1..=scale.enterprises {
        let (form, prefix) = *rng.pick(&FORMS);
        let (goods_vi, goods_en, _) = *rng.pick(&GOODS);
        let family = rng.pick(&FAMILY);
        let commune = rng.pick(&communes).clone();
        let mut e = record(&[
            (
                "name_vi",
                format!("{prefix} {} {family} mẫu {n}", goods_vi.to_lowercase()),
            ),
            (
                "name_en",
                format!("{family} {} sample {n}", goods_en.to_lowercase()),
            ),
            ("legal_form", form.to_owned()),
            ("sector_vi", goods_vi.to_owned()),
            ("sector_en", goods_en.to_owned()),
            ("employees", rng.below(300).to_string()),
        ]);
        if n % 20 == 0 && !village_slugs.is_empty() {
            e.insert("villages".into(), rng.pick(&village_slugs).clone());
        }
        if n % 200 == 0 && !cluster_slugs.is_empty() {
            e.insert("clusters".into(), rng.pick(&cluster_slugs).clone());
        }
        e.extend(place(&mut rng, &commune).map(|(k, t)| (k.to_owned(), t)));
        enterprise_slugs.push(create(&mut tx, Kind::Enterprise, e).await?);
    }
    for n in 1..=scale.products {
        let (goods_vi, goods_en, category) = *rng.pick(&GOODS);
        let stars = [3, 3, 3, 4, 4, 5][rng.below(6)];
        let commune = rng.pick(&communes).clone();
        let mut p = record(&[
            ("name_vi", format!("{goods_vi} mẫu {n}")),
            ("name_en", format!("{goods_en} sample {n}")),
            ("category", category.to_owned()),
            ("ocop_stars", stars.to_string()),
            (
                "ocop_certified_on",
                format!(
                    "20{:02}-{:02}-{:02}",
                    21 + rng.below(5),
                    1 + rng.below(12),
                    1 + rng.below(28)
                ),
            ),
        ]);
        if !enterprise_slugs.is_empty() {
            p.insert("producer_id".into(), rng.pick(&enterprise_slugs).clone());
        }
        p.extend(place(&mut rng, &commune).map(|(k, t)| (k.to_owned(), t)));
        create(&mut tx, Kind::Product, p).await?;
    }
    tx.commit().await?;
    Ok(())
}
