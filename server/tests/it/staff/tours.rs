//! Partners' tours (issue 16): a tour's first publication waits for an
//! editor; once approved its partner's edits go live and are audited; a
//! partner never touches another's tours; published tours show on every
//! village they visit and on the partner's public page; clicks out to the
//! booking page are counted like referred visits (once a day, never bots).

use super::*;
use app::staff::referrals::ReferralsPage;
use app::staff::tours::{ReviewTour, SavePartnerInfo, SaveTour, TourPhoto, ToursPage};

const BROWSER: &str = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

/// An organisation with one partner account signed in: its id and slug.
async fn org<'a>(
    app: &'a TestApp,
    name: &str,
    email: &str,
    ip: &str,
) -> (i64, String, Browser<'a>) {
    let org = model::partner::db::create(&app.pool, name, model::partner::PartnerKind::Agency)
        .await
        .unwrap();
    let account = add_user(app, email, Role::Partner, &[]).await;
    assert!(
        model::partner::db::attach(&app.pool, account, Some(org.id))
            .await
            .unwrap()
    );
    (org.id, org.slug, signed_in(app, email, ip).await)
}

fn tour_form(id: Option<i64>, fields: &[(&str, &str)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    if let Some(id) = id {
        form.append_pair("id", &id.to_string());
    }
    for (key, value) in fields {
        form.append_pair(&format!("fields[{key}]"), value);
    }
    form.append_pair("lang", "vi");
    form.finish()
}

const WEAVING: &[(&str, &str)] = &[
    ("name_vi", "Một ngày dệt thổ cẩm Mai Châu"),
    ("name_en", "A day of Mai Chau brocade weaving"),
    ("stop_1", "ban-lac"),
    ("stop_2", "ban-nhot"),
    ("days", "1"),
    ("price_low", "650000"),
    ("price_high", "900000"),
    ("languages", "vi, en"),
    (
        "booking_url",
        "https://maichau-travel.example/tour/det-tho-cam?x=1&y=2",
    ),
];

fn json(answer: &Answer) -> serde_json::Value {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

async fn page(app: &TestApp, path: &str) -> String {
    let (status, body) = app.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    body
}

async fn audited(app: &TestApp, action: &str, tour: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = 'tours' AND target_id = ?",
    )
    .bind(action)
    .bind(tour)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_tour_waits_for_an_editor_then_shows_on_each_village_and_its_partners_later_edits_go_live()
 {
    let app = TestApp::new().await;
    let (_, slug_a, mut partner_a) =
        org(&app, "Mai Châu Travel", "a@test.example", "10.0.90.1").await;
    let (_, _, mut partner_b) = org(&app, "Homestay Lác", "b@test.example", "10.0.90.2").await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.90.3").await;

    let saved = json(
        &partner_a
            .call(SaveTour::PATH, &tour_form(None, WEAVING))
            .await,
    );
    assert_eq!(saved["errors"], serde_json::json!({}));
    assert_eq!(saved["status"], "Pending");
    let id = saved["id"].as_i64().unwrap();
    assert_eq!(audited(&app, "tour_create", id).await, 1);

    // Waiting: on no public page yet.
    assert!(
        !page(&app, "/lang-nghe/ban-lac")
            .await
            .contains("dệt thổ cẩm Mai Châu")
    );
    let partner_page = page(&app, &format!("/doi-tac/{slug_a}")).await;
    assert!(partner_page.contains("Mai Châu Travel"));
    assert!(partner_page.contains("Chưa có tour nào được đăng."));
    assert_eq!(
        app.get("/ra/mot-ngay-det-tho-cam-mai-chau").await.0,
        StatusCode::NOT_FOUND
    );

    // The editor's queue has it; a partner may not decide.
    let queue = json(&editor.call(ToursPage::PATH, "").await);
    assert_eq!(queue["tours"][0]["status"], "Pending");
    assert_eq!(queue["tours"][0]["stops"][1]["slug"], "ban-nhot");
    let approve = format!("id={id}&approve=true&lang=vi");
    assert_eq!(
        partner_a.call(ReviewTour::PATH, &approve).await.status,
        StatusCode::FORBIDDEN
    );
    json(&editor.call(ReviewTour::PATH, &approve).await);
    assert_eq!(audited(&app, "tour_approve", id).await, 1);

    // On both villages' pages, in both languages, in order, linking to the
    // partner and out through the counting address.
    for (path, here, other) in [
        ("/lang-nghe/ban-lac", "ban-lac", "/lang-nghe/ban-nhot"),
        ("/lang-nghe/ban-nhot", "ban-nhot", "/lang-nghe/ban-lac"),
    ] {
        let body = page(&app, path).await;
        assert!(body.contains("Tour ghé thăm làng"), "{path}");
        assert!(body.contains("Một ngày dệt thổ cẩm Mai Châu"), "{path}");
        assert!(body.contains("650.000–900.000 đồng một người"), "{path}");
        assert!(
            body.contains(&format!("href=\"{other}\"")),
            "{path}: the other village linked"
        );
        assert!(
            body.contains("aria-current=\"page\""),
            "{path}: {here} itself not linked"
        );
        assert!(
            body.contains(&format!("href=\"/doi-tac/{slug_a}\"")),
            "{path}"
        );
        assert!(
            body.contains(
                "href=\"/ra/mot-ngay-det-tho-cam-mai-chau\" rel=\"external noopener sponsored\""
            ),
            "{path}"
        );
        assert!(
            !body.contains("maichau-travel.example"),
            "{path}: the booking page only through /ra/"
        );
    }
    let en = page(&app, "/en/craft-villages/ban-lac").await;
    assert!(en.contains("Tours that visit this village"));
    assert!(en.contains("A day of Mai Chau brocade weaving"));
    assert!(en.contains("VND 650,000–900,000 per person"));
    assert!(en.contains(&format!("href=\"/en/partners/{slug_a}\"")));
    let partner_page = page(&app, &format!("/en/partners/{slug_a}")).await;
    assert!(partner_page.contains("A day of Mai Chau brocade weaving"));
    // Its page in the sitemap changed with its newest published tour.
    let sitemap = page(&app, "/sitemap.xml").await;
    let changed: String =
        sqlx::query_scalar("SELECT substr(updated_at, 1, 10) FROM tours WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(
        sitemap.contains(&format!(
            "/doi-tac/{slug_a}</loc><lastmod>{changed}</lastmod>"
        )),
        "{sitemap}"
    );
    assert!(partner_page.contains("href=\"/en/craft-villages/ban-lac\""));

    // Another organisation's partner can neither open nor change it.
    let theirs = partner_b.call(ToursPage::PATH, &format!("tour={id}")).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let hijack = tour_form(
        Some(id),
        &[
            ("name_vi", "Chiếm tour"),
            ("stop_1", "ban-lac"),
            ("days", "1"),
            ("booking_url", "https://evil.example"),
        ],
    );
    assert_eq!(
        partner_b.call(SaveTour::PATH, &hijack).await.status,
        StatusCode::FORBIDDEN
    );
    let plain = partner_b.post_plain(SaveTour::PATH, &hijack).await;
    assert_eq!(plain.status, StatusCode::FORBIDDEN);
    assert_eq!(
        editor.call(SaveTour::PATH, &hijack).await.status,
        StatusCode::FORBIDDEN
    );
    let name: String = sqlx::query_scalar("SELECT name_vi FROM tours WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Một ngày dệt thổ cẩm Mai Châu");

    // Its own partner's edit of the published tour goes live, audited.
    let mut edited = WEAVING.to_vec();
    edited[0] = ("name_vi", "Hai ngày dệt thổ cẩm Mai Châu");
    edited[4] = ("days", "2");
    let saved = json(
        &partner_a
            .call(SaveTour::PATH, &tour_form(Some(id), &edited))
            .await,
    );
    assert_eq!(saved["status"], "Published");
    assert_eq!(audited(&app, "tour_update", id).await, 1);
    let body = page(&app, "/lang-nghe/ban-nhot").await;
    assert!(
        body.contains("Hai ngày dệt thổ cẩm Mai Châu"),
        "live at once (the page cache too)"
    );
    assert!(body.contains("2 ngày 1 đêm"));

    // Taken down with a reason (which is required), the partner sees why;
    // its next edit waits again.
    let refused = json(
        &editor
            .call(
                ReviewTour::PATH,
                &format!("id={id}&approve=false&reason=+&lang=vi"),
            )
            .await,
    );
    assert_eq!(refused["errors"][format!("reason_{id}")], "Required");
    json(
        &editor
            .call(
                ReviewTour::PATH,
                &format!("id={id}&approve=false&reason=Gi%C3%A1+ch%C6%B0a+r%C3%B5&lang=vi"),
            )
            .await,
    );
    assert!(
        !page(&app, "/lang-nghe/ban-lac")
            .await
            .contains("Hai ngày dệt")
    );
    let own = json(&partner_a.call(ToursPage::PATH, "").await);
    assert_eq!(own["tours"][0]["status"], "Rejected");
    assert_eq!(own["tours"][0]["reason"], "Giá chưa rõ");
    let again = json(
        &partner_a
            .call(SaveTour::PATH, &tour_form(Some(id), &edited))
            .await,
    );
    assert_eq!(again["status"], "Pending");
    // An approval that does not apply (already decided, or no such tour).
    assert_eq!(
        editor
            .call(ReviewTour::PATH, "id=999999&approve=true&lang=vi")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_tour_input_is_refused_at_its_field_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let (_, _, mut partner) = org(&app, "Mai Châu Travel", "a@test.example", "10.0.91.1").await;
    let bad = tour_form(
        None,
        &[
            ("name_vi", ""),
            ("stop_1", "khong-co-lang-nay"),
            ("price_low", "900000"),
            ("price_high", "100"),
            ("languages", "tiếng Việt"),
            ("booking_url", "javascript:alert(1)"),
        ],
    );
    let answer = json(&partner.call(SaveTour::PATH, &bad).await);
    for (field, error) in [
        ("name_vi", "Required"),
        ("days", "Required"),
        ("price_high", "OutOfRange"),
        ("languages", "BadChoice"),
        ("booking_url", "BadUrl"),
    ] {
        assert_eq!(
            answer["errors"][field], error,
            "{field}: {}",
            answer["errors"]
        );
    }
    // Otherwise fine, but no published village has that address.
    let unknown = tour_form(
        None,
        &[
            ("name_vi", "Tour"),
            ("stop_1", "khong-co-lang-nay"),
            ("hours", "4"),
            ("booking_url", "https://a.example"),
        ],
    );
    let answer = json(&partner.call(SaveTour::PATH, &unknown).await);
    assert_eq!(answer["errors"]["stops"], "UnknownLink");

    // Without JavaScript: back to the form, with what was typed and the
    // message at the field.
    let plain = partner.post_plain(SaveTour::PATH, &unknown).await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(plain.headers[header::LOCATION], "/tour-doi-tac");
    let form = partner.get("/tour-doi-tac").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("Không có làng nghề nào đã đăng có địa chỉ này."),
        "{}",
        form.body
    );
    assert!(
        form.body.contains("value=\"https://a.example\""),
        "what was typed is kept"
    );
    assert!(form.body.contains("aria-invalid=\"true\""));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tours")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);

    // The organisation's details: a bad address at its field, a good one
    // live on the public page.
    let plain = partner
        .post_plain(
            SavePartnerInfo::PATH,
            "fields[name]=Mai+Ch%C3%A2u+Travel&fields[email]=a%40&lang=vi",
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    let form = partner.get("/tour-doi-tac").await;
    assert!(form.body.contains("id=\"e-email\""), "{}", form.body);
    let saved = json(
        &partner
            .call(
                SavePartnerInfo::PATH,
                "fields[name]=Mai+Ch%C3%A2u+Travel&fields[area]=Mai+Ch%C3%A2u%2C+Ph%C3%BA+Th%E1%BB%8D&fields[phone]=0912+345+678&fields[website]=https%3A%2F%2Fmaichau-travel.example&fields[languages]=vi%2C+en%2C+fr&lang=vi",
            )
            .await,
    );
    assert_eq!(saved["errors"], serde_json::json!({}));
    let slug: String = sqlx::query_scalar("SELECT slug FROM partners")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let public = page(&app, &format!("/doi-tac/{slug}")).await;
    assert!(public.contains("Mai Châu, Phú Thọ"));
    assert!(public.contains("href=\"tel:0912345678\""));
    assert!(public.contains("tiếng Việt, tiếng Anh, tiếng Pháp"));
    assert!(public.contains("rel=\"external noopener nofollow\""));
    assert_eq!(app.get("/doi-tac/khong-co").await.0, StatusCode::NOT_FOUND);
    // Its page is in the sitemap, in both languages.
    let sitemap = page(&app, "/sitemap.xml").await;
    let file = if sitemap.contains("<sitemapindex") {
        page(&app, "/sitemap-1.xml").await
    } else {
        sitemap
    };
    assert!(file.contains(&format!("/doi-tac/{slug}</loc>")), "{file}");
    assert!(
        file.contains(&format!(
            "hreflang=\"en\" href=\"http://test.example/en/partners/{slug}\""
        )) || file.contains(&format!("/en/partners/{slug}\"")),
        "{file}"
    );
}

#[tokio::test]
async fn clicks_out_to_a_booking_page_count_once_a_day_never_for_bots() {
    let app = TestApp::new().await;
    let (_, _, mut partner) = org(&app, "Mai Châu Travel", "a@test.example", "10.0.92.1").await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.92.2").await;
    let id = json(
        &partner
            .call(SaveTour::PATH, &tour_form(None, WEAVING))
            .await,
    )["id"]
        .as_i64()
        .unwrap();
    json(
        &editor
            .call(ReviewTour::PATH, &format!("id={id}&approve=true&lang=vi"))
            .await,
    );
    let out = "/ra/mot-ngay-det-tho-cam-mai-chau";
    let click = |ip: &'static str, agent: &'static str| {
        let app = &app;
        async move {
            let mut visitor = Browser::new(app, ip);
            visitor
                .send(
                    Request::builder()
                        .uri(out)
                        .header(header::USER_AGENT, agent)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
        }
    };
    let answer = click("10.0.92.10", BROWSER).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers[header::LOCATION],
        "https://maichau-travel.example/tour/det-tho-cam?x=1&y=2"
    );
    assert!(answer.headers.get(header::SET_COOKIE).is_none());
    click("10.0.92.10", BROWSER).await; // a repeat
    click("10.0.92.11", BROWSER).await;
    for bot in [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Zalo",
        "",
    ] {
        let answer = click("10.0.92.12", bot).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "bots are sent on, not counted"
        );
    }
    assert_eq!(
        click("10.0.92.13", BROWSER).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.get("/ra/khong-co").await.0, StatusCode::NOT_FOUND);
    // A booking page whose address has Vietnamese letters (accepted by its
    // field) is reached too: the redirect carries it percent-encoded.
    let mut accented = WEAVING.to_vec();
    accented[0] = ("name_vi", "Tour dệt có dấu");
    accented[8] = (
        "booking_url",
        "https://maichau-travel.example/tour/dệt-thổ-cẩm?ngày=2",
    );
    let other = json(
        &partner
            .call(SaveTour::PATH, &tour_form(None, &accented))
            .await,
    )["id"]
        .as_i64()
        .unwrap();
    json(
        &editor
            .call(
                ReviewTour::PATH,
                &format!("id={other}&approve=true&lang=vi"),
            )
            .await,
    );
    let (status, headers, _) = common::respond(
        app.router.clone(),
        Request::builder()
            .uri("/ra/tour-det-co-dau")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "https://maichau-travel.example/tour/d%E1%BB%87t-th%E1%BB%95-c%E1%BA%A9m?ng%C3%A0y=2"
    );
    assert_eq!(app.get("/ra/%22%3E").await.0, StatusCode::NOT_FOUND);
    let clicks: i64 = sqlx::query_scalar("SELECT SUM(clicks) FROM tour_clicks")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(clicks, 3, "three people, one repeat and bots not counted");

    // The partner's figures: clicks per day and per tour, and in the CSV.
    let figures = json(&partner.call(ReferralsPage::PATH, "days=7").await);
    let total: i64 = figures["figures"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["clicks"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 3);
    assert_eq!(figures["figures"]["tours"][0]["clicks"], 3);
    let csv = partner.get("/luot-gioi-thieu.csv?ngay=7").await;
    assert!(
        csv.body.contains(",tour,") && csv.body.contains("/ra/mot-ngay-det-tho-cam-mai-chau,0,3"),
        "{}",
        csv.body
    );
    let dashboard = partner.get("/luot-gioi-thieu").await;
    assert!(dashboard.body.contains("class=\"bar clicks\""));
}

#[tokio::test]
async fn tour_and_partner_texts_are_escaped_where_they_land() {
    let app = TestApp::new().await;
    let (_, slug, mut partner) = org(&app, "Mai Châu Travel", "a@test.example", "10.0.93.1").await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.93.2").await;
    json(
        &partner
            .call(
                SavePartnerInfo::PATH,
                "fields[name]=%3Cscript%3Ealert(1)%3C%2Fscript%3E&fields[area]=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(2)%3E&lang=vi",
            )
            .await,
    );
    let attack = [
        ("name_vi", "<script>alert(3)</script>"),
        ("name_en", "\"><img src=x onerror=alert(4)>"),
        ("stop_1", "ban-lac"),
        ("hours", "4"),
        (
            "booking_url",
            "https://a.example/?q=\"><script>alert(5)</script>",
        ),
    ];
    let saved = json(
        &partner
            .call(SaveTour::PATH, &tour_form(None, &attack))
            .await,
    );
    let id = saved["id"].as_i64().unwrap_or_else(|| panic!("{saved}"));
    json(
        &editor
            .call(ReviewTour::PATH, &format!("id={id}&approve=true&lang=vi"))
            .await,
    );
    for path in [
        "/lang-nghe/ban-lac",
        "/en/craft-villages/ban-lac",
        &format!("/doi-tac/{slug}"),
        &format!("/en/partners/{slug}"),
    ] {
        let body = page(&app, path).await;
        for raw in ["<script>alert(", "<img src=x onerror"] {
            assert!(!body.contains(raw), "{path}: {raw}");
        }
        assert!(
            body.contains("&lt;script&gt;alert(") || body.contains("&lt;img"),
            "{path}: shown as text"
        );
    }
    // The editors' queue shows the booking address as text too.
    let queue = editor.get("/tour-doi-tac").await;
    assert!(!queue.body.contains("<script>alert(5)"));
}

impl Browser<'_> {
    /// A plain post of the tour photo form.
    async fn upload_tour_photo(&mut self, fields: &[(&str, &str)], file: &[u8]) -> Answer {
        let (content_type, body) =
            crate::common::multipart(fields, Some(("khung-det.png", "image/png", file)));
        self.send(
            Request::builder()
                .method("POST")
                .uri(app::media::TOUR_UPLOAD_PATH)
                .header("content-type", content_type)
                .header("accept", "text/html,application/xhtml+xml")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

async fn tour_photos(app: &TestApp, tour: i64) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT id, stem FROM images WHERE target = 'tours' AND target_id = ? AND deleted_at IS NULL
         ORDER BY position, id",
    )
    .bind(tour)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_partner_adds_photos_to_its_own_tours_only_and_the_first_shows_on_the_public_cards() {
    let app = TestApp::new().await;
    let (_, slug_a, mut partner_a) =
        org(&app, "Mai Châu Travel", "a@test.example", "10.0.91.1").await;
    let (_, _, mut partner_b) = org(&app, "Homestay Lác", "b@test.example", "10.0.91.2").await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.91.3").await;
    let saved = json(
        &partner_a
            .call(SaveTour::PATH, &tour_form(None, WEAVING))
            .await,
    );
    let id = saved["id"].as_i64().unwrap();
    let tour = id.to_string();
    let photo = png(900, 600);
    let alt = "Khung dệt \"<script>alert(1)</script>";
    let fields = [
        ("tour", tour.as_str()),
        ("lang", "vi"),
        ("alt_vi", alt),
        ("alt_en", "A loom"),
    ];

    // Nobody but the tour's own partner: not signed in, another
    // organisation's partner, an editor; an unknown tour.
    let mut anonymous = Browser::new(&app, "10.0.91.9");
    assert_eq!(
        anonymous.upload_tour_photo(&fields, &photo).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        partner_b.upload_tour_photo(&fields, &photo).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        editor.upload_tour_photo(&fields, &photo).await.status,
        StatusCode::FORBIDDEN
    );
    let unknown = [("tour", "999999"), ("lang", "vi"), ("alt_vi", "x")];
    assert_eq!(
        partner_a.upload_tour_photo(&unknown, &photo).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(tour_photos(&app, id).await.is_empty(), "nothing written");

    // A missing description is said at the form; nothing is written.
    let no_text = [("tour", tour.as_str()), ("lang", "vi"), ("alt_vi", " ")];
    let answer = partner_a.upload_tour_photo(&no_text, &photo).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.headers["x-upload-outcome"], "AltRequired");
    assert!(tour_photos(&app, id).await.is_empty());
    let form = json(&partner_a.call(ToursPage::PATH, &format!("tour={id}")).await);
    assert_eq!(form["photo_flash"]["outcome"], "AltRequired");

    // Its own partner: stored in its sizes, back to the tour's form.
    let answer = partner_a.upload_tour_photo(&fields, &photo).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.headers["x-upload-outcome"], "Added");
    assert_eq!(
        answer.headers[header::LOCATION],
        format!("/tour-doi-tac?tour={id}#photos")
    );
    let photos = tour_photos(&app, id).await;
    assert_eq!(photos.len(), 1);
    let (image, stem) = photos[0].clone();
    for file in [format!("{stem}-480.webp"), format!("{stem}-900.jpg")] {
        assert!(app.media_dir().join(&file).is_file(), "{file}");
    }
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'image_added' AND target = 'tours' AND target_id = ?",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);
    let form = json(&partner_a.call(ToursPage::PATH, &format!("tour={id}")).await);
    assert_eq!(form["photo_flash"]["outcome"], "Added");
    assert_eq!(form["tours"][0]["photos"][0]["alt_en"], "A loom");

    // Waiting for approval: on no public page; the editor sees it.
    assert!(!page(&app, "/lang-nghe/ban-lac").await.contains(&stem));
    let queue = json(&editor.call(ToursPage::PATH, "").await);
    assert_eq!(queue["tours"][0]["photos"][0]["id"], image);
    json(
        &editor
            .call(ReviewTour::PATH, &format!("id={id}&approve=true&lang=vi"))
            .await,
    );

    // Approved: the first photo on each card, its text escaped.
    for path in [
        "/lang-nghe/ban-lac".to_owned(),
        "/en/craft-villages/ban-nhot".to_owned(),
        format!("/doi-tac/{slug_a}"),
    ] {
        let body = page(&app, &path).await;
        assert!(
            body.contains(&format!("<picture class=\"tour-photo\"><source type=\"image/webp\" srcset=\"/media/{stem}-480.webp 480w")),
            "{path}"
        );
        assert!(!body.contains("<script>alert(1)"), "{path}");
    }
    assert!(
        page(&app, "/lang-nghe/ban-lac")
            .await
            .contains("alt=\"Khung dệt &quot;&lt;script&gt;alert(1)&lt;/script&gt;\"")
    );
    assert!(
        page(&app, "/en/craft-villages/ban-lac")
            .await
            .contains("alt=\"A loom\"")
    );

    // The listing photo functions do not reach a tour's photo; another
    // partner cannot delete it.
    let args = format!("image={image}&lang=vi");
    assert_eq!(
        editor
            .call(app::media::api::DeleteImage::PATH, &args)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let delete = format!("image={image}&restore=false&lang=vi");
    assert_eq!(
        partner_b.call(TourPhoto::PATH, &delete).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(tour_photos(&app, id).await.len(), 1);

    // Its partner deletes it (plain form): off the pages, its files in the
    // trash folder; taken back, it shows again.
    let answer = partner_a.post_plain(TourPhoto::PATH, &delete).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(tour_photos(&app, id).await.is_empty());
    assert!(!page(&app, "/lang-nghe/ban-lac").await.contains(&stem));
    assert!(
        app.media_dir()
            .join(model::media::TRASH_DIR)
            .join(format!("{stem}-900.jpg"))
            .is_file()
    );
    let form = json(&partner_a.call(ToursPage::PATH, &format!("tour={id}")).await);
    assert_eq!(form["photo_flash"]["outcome"], "Deleted");
    json(
        &partner_a
            .call(
                TourPhoto::PATH,
                &format!("image={image}&restore=true&lang=vi"),
            )
            .await,
    );
    assert!(page(&app, "/lang-nghe/ban-lac").await.contains(&stem));
    assert!(app.media_dir().join(format!("{stem}-900.jpg")).is_file());
}
