//! The open data page (`/du-lieu-mo`, `/en/open-data`): the datasets with
//! their size, last change and downloads, the licence, example requests,
//! and where the OpenAPI document and the DCAT catalogue are. A lazily
//! loaded route: its words and code stay out of the main bundle.

use crate::error::AppError;
use crate::i18n::use_lang;
use crate::seo::PageMeta;
use leptos::prelude::*;
use model::i18n::Lang;
use model::opendata::{Dataset, FORMATS, LICENSE_NAME, LICENSE_URL};
use model::paths;

/// The datasets, as of now.
#[server]
pub async fn open_datasets() -> Result<Vec<Dataset>, AppError> {
    let index = crate::context::search_index()?;
    Ok(model::opendata::datasets(&index.published()))
}

crate::lazy::lazy_page!(
    /// `/du-lieu-mo`, `/en/open-data`.
    OpenDataRoute => open_data_page()
);

/// The page's words.
struct Words {
    title: &'static str,
    intro: &'static str,
    license_before: &'static str,
    license_after: &'static str,
    datasets: &'static str,
    dataset: &'static str,
    listings: &'static str,
    changed: &'static str,
    downloads: &'static str,
    how: &'static str,
    how_list: &'static str,
    how_search: &'static str,
    how_one: &'static str,
    how_nearby: &'static str,
    how_map: &'static str,
    how_excel: &'static str,
    developers: &'static str,
    openapi: &'static str,
    dcat: &'static str,
    conventions: &'static str,
    never: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            title: "Dữ liệu mở",
            intro: "Mọi danh sách trên trang — làng nghề, cụm và khu công nghiệp, doanh nghiệp, sản phẩm OCOP — \
                    đều có thể tải về để dùng lại: cho nghiên cứu, báo chí, ứng dụng du lịch hay cổng dữ liệu mở quốc gia. \
                    Mỗi mục có tên và tóm tắt bằng tiếng Việt và tiếng Anh, xã (theo đơn vị hành chính từ 1/7/2025), \
                    huyện cũ, toạ độ khi có, ngày thay đổi gần nhất và địa chỉ trang của mục.",
            license_before: "Giấy phép: ",
            license_after: " — được dùng lại tự do, kể cả cho mục đích thương mại, khi ghi rõ nguồn.",
            datasets: "Các bộ dữ liệu",
            dataset: "Bộ dữ liệu",
            listings: "Số mục",
            changed: "Cập nhật",
            downloads: "Tải về",
            how: "Cách lấy dữ liệu",
            how_list: "Danh sách làng nghề, 20 mục một trang (tối đa 100):",
            how_search: "Tìm không cần dấu, lọc như trên trang danh sách (ở đây: theo xã):",
            how_one: "Một mục theo địa chỉ của nó, kèm các nguồn:",
            how_nearby: "Các mục gần một mục, gần nhất trước (bán kính tính bằng km):",
            how_map: "Bản đồ (GeoJSON, dùng được với QGIS, Leaflet, uMap):",
            how_excel: "Mở bằng Excel (CSV có BOM, tiếng Việt hiển thị đúng):",
            developers: "Cho người lập trình",
            openapi: "Tài liệu OpenAPI 3.1",
            dcat: "Danh mục DCAT (JSON-LD) cho các cổng dữ liệu",
            conventions: "Không cần khoá. Câu trả lời có ETag (304 khi chưa đổi) và Access-Control-Allow-Origin: *; \
                          tham số sai được trả lời 400 dạng application/problem+json, nêu tên từng tham số.",
            never: "Không có dữ liệu cá nhân nào trong dữ liệu mở: chỉ các mục đã đăng công khai.",
        },
        Lang::En => Words {
            title: "Open data",
            intro: "Every list on this site — craft villages, industrial clusters and parks, enterprises, OCOP products — \
                    can be downloaded and reused: for research, the press, travel apps or the national open data portal. \
                    Each listing has its name and summary in Vietnamese and English, its commune (the units in force \
                    since 1 July 2025), former district, coordinates where known, its last change and the address of its page.",
            license_before: "Licence: ",
            license_after: " — free to reuse, commercially too, with attribution.",
            datasets: "Datasets",
            dataset: "Dataset",
            listings: "Listings",
            changed: "Updated",
            downloads: "Download",
            how: "How to get the data",
            how_list: "The craft villages, 20 a page (up to 100):",
            how_search: "Search without diacritics, filter as on the list pages (here: by commune):",
            how_one: "One listing by its address, with its sources:",
            how_nearby: "The listings near one, nearest first (radius in km):",
            how_map: "A map layer (GeoJSON, for QGIS, Leaflet, uMap):",
            how_excel: "For Excel (CSV with a byte-order mark, so Vietnamese shows right):",
            developers: "For developers",
            openapi: "The OpenAPI 3.1 document",
            dcat: "The DCAT catalogue (JSON-LD) for data portals",
            conventions: "No key needed. Answers carry an ETag (304 when unchanged) and Access-Control-Allow-Origin: *; \
                          bad parameters are answered 400 as application/problem+json, naming each one.",
            never: "The open data holds no personal data: only listings published on the site.",
        },
    }
}

fn open_data_page() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let w = words(lang);
    let t = lang.t();
    let data = crate::data::resource(|| (), |_| open_datasets());
    let example = |text: &'static str, href: String| {
        let shown = href.clone();
        view! {
            <li>
                {text}
                <br />
                <code><a href=href>{shown}</a></code>
            </li>
        }
    };
    let format_label = |extension: &str| match extension {
        "xlsx" => "Excel",
        "csv" => "CSV",
        "geojson" => "GeoJSON",
        _ => "JSON",
    };
    view! {
        <PageMeta title=w.title description=w.intro path=paths::open_data(lang) />
        <article class="open-data">
            <h1>{w.title}</h1>
            <p class="lead">{w.intro}</p>
            <p>{w.license_before}<a href=LICENSE_URL rel="license">{LICENSE_NAME}</a>{w.license_after}</p>
            <section aria-labelledby="datasets">
                <h2 id="datasets">{w.datasets}</h2>
                <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        let sets = data.await.unwrap_or_default();
                        view! {
                            <table class="staff-table stack-table" data-testid="datasets">
                                <thead><tr>
                                    <th scope="col">{w.dataset}</th>
                                    <th scope="col">{w.listings}</th>
                                    <th scope="col">{w.changed}</th>
                                    <th scope="col">{w.downloads}</th>
                                </tr></thead>
                                <tbody>
                                    {sets.into_iter().map(|set| {
                                        let links = FORMATS.iter().enumerate().map(|(i, (extension, _))| view! {
                                            {(i > 0).then_some(" · ")}
                                            <a href=set.href(extension)>{format_label(extension)}</a>
                                        }).collect_view();
                                        view! {
                                            <tr>
                                                <th scope="row">{set.title(lang)}</th>
                                                <td data-label=w.listings>{set.total}</td>
                                                <td data-label=w.changed>{set.changed.map(|d| d.day_first())}</td>
                                                <td data-label=w.downloads>{links}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="how">
                <h2 id="how">{w.how}</h2>
                <ul class="examples">
                    {example(w.how_list, "/api/v1/villages?per_page=50".to_owned())}
                    {example(w.how_search, "/api/v1/listings?q=tho+cam&commune=05251".to_owned())}
                    {example(w.how_one, "/api/v1/villages/ban-lac".to_owned())}
                    {example(w.how_nearby, "/api/v1/villages/ban-lac/nearby?radius_km=10".to_owned())}
                    {example(w.how_map, "/api/v1/listings.geojson".to_owned())}
                    {example(w.how_excel, "/api/v1/products.csv".to_owned())}
                </ul>
                <p>{w.never}</p>
            </section>
            <section aria-labelledby="developers">
                <h2 id="developers">{w.developers}</h2>
                <ul>
                    <li><a href=paths::OPENAPI>{w.openapi}</a></li>
                    <li><a href=paths::DCAT_CATALOG>{w.dcat}</a></li>
                </ul>
                <p>{w.conventions}</p>
            </section>
        </article>
    }
}
