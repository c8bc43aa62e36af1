//! The staff list's selection downloaded as CSV and XLSX: what the form
//! shows, cells that would run as formulas kept as text, only what the
//! reader may read, refused to those who may not.

use super::*;

impl Browser<'_> {
    pub(super) async fn export(&mut self, form: &str) -> Answer {
        self.send(
            Request::builder()
                .method("POST")
                .uri(app::editing::export::EXPORT_PATH)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(form.to_owned()))
                .unwrap(),
        )
        .await
    }
}

/// The body of an answer as bytes (the test client reads text; the
/// download is read again from the database-independent parts).
fn xlsx_strings(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/sharedStrings.xml").unwrap(),
        &mut text,
    )
    .unwrap();
    text
}

fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_selection_downloads_as_csv_and_xlsx_with_formulas_kept_as_text() {
    let app = TestApp::new().await;
    let (bui, lac, commune, _) = villages_apart(&app).await;
    // Lác: another commune's draft, with a name a spreadsheet would run.
    sqlx::query(
        "UPDATE villages SET status = 'draft', name_vi = '=HYPERLINK(\"http://evil.example\",\"Bấm\")' WHERE id = ?",
    )
    .bind(lac)
    .execute(&app.pool)
    .await
    .unwrap();
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    add_user(&app, "lan@test.example", Role::Editor, &[&commune]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let name: String = sqlx::query_scalar("SELECT name_vi FROM villages WHERE id = ?")
        .bind(bui)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let form =
        |format: &str| format!("kind=village&ids[0]={bui}&ids[1]={lac}&format={format}&lang=vi");

    let mut admin = signed_in(&app, "admin@test.example", "10.0.42.1").await;
    let csv = admin.export(&form("csv")).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = csv.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"langnghe-village-"),
        "{disposition}"
    );
    assert!(
        csv.body.starts_with('\u{feff}'),
        "a byte-order mark for Excel"
    );
    let rows = records(&csv.body);
    assert_eq!(rows.len(), 3, "a header and two rows: {}", csv.body);
    assert_eq!(rows[0][0], "ID", "the reader drops the mark");
    assert_eq!(rows[0].last().unwrap(), "Trang công khai");
    let column = |label: &str| rows[0].iter().position(|h| h == label).unwrap();
    assert_eq!(rows[1][column("Tên (tiếng Việt)")], name);
    assert_eq!(
        rows[1].last().unwrap(),
        "http://test.example/lang-nghe/xom-bui"
    );
    // Labels, not codes: the state and the commune as the form shows them.
    assert_eq!(rows[1][column("Trạng thái")], "Đã đăng");
    assert!(
        rows[1][column("Xã/phường")].starts_with("Xã "),
        "{:?}",
        rows[1]
    );
    // A formula is kept as text; a draft has no public page.
    assert_eq!(
        rows[2][column("Tên (tiếng Việt)")],
        "'=HYPERLINK(\"http://evil.example\",\"Bấm\")"
    );
    assert_eq!(rows[2].last().unwrap(), "");

    // The same as Excel: strings, never formulas.
    let answer = admin
        .send(
            Request::builder()
                .method("POST")
                .uri(app::editing::export::EXPORT_PATH)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(form("xlsx")))
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = {
        let request = Request::builder()
            .method("POST")
            .uri(app::editing::export::EXPORT_PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, admin.cookie.clone().unwrap())
            .extension(ConnectInfo::<SocketAddr>(
                "10.0.42.1:40000".parse().unwrap(),
            ))
            .body(Body::from(form("xlsx")))
            .unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes()
    };
    assert_eq!(&bytes[..2], b"PK");
    let strings = xlsx_strings(&bytes);
    assert!(strings.contains(&name), "{strings}");
    assert!(strings.contains("=HYPERLINK"), "as a string");

    // A commune's editor gets her commune's listings and others' published
    // ones only: the other commune's draft is left out.
    let mut lan = signed_in(&app, "lan@test.example", "10.0.42.2").await;
    let csv = lan.export(&form("csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(records(&csv.body).len(), 2, "{}", csv.body);
    assert!(!csv.body.contains("HYPERLINK"));

    // Nothing chosen: back to the list, which says to choose.
    let answer = admin
        .export("kind=village&format=csv&lang=vi&back=%2Fquan-tri%2Fvillage%3Fstate%3Ddraft")
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/quan-tri/village?state=draft"
    );
    let answer = admin
        .export("kind=village&format=csv&lang=vi&back=https%3A%2F%2Fevil.example%2F")
        .await;
    assert_eq!(answer.headers[header::LOCATION], "/quan-tri/village");
    // Bad requests, and those who may not.
    for bad in [
        "kind=village&ids[0]=1&format=pdf".to_owned(),
        "kind=nothing&ids[0]=1&format=csv".to_owned(),
        "kind=village&ids[0]=x&format=csv".to_owned(),
        format!(
            "kind=village&format=csv{}",
            (0..51)
                .map(|i| format!("&ids[{i}]={i}"))
                .collect::<String>()
        ),
    ] {
        assert_eq!(
            admin.export(&bad).await.status,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
    let mut partner = signed_in(&app, "partner@test.example", "10.0.42.3").await;
    assert_eq!(
        partner.export(&form("csv")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut anonymous = Browser::new(&app, "10.0.42.4");
    assert_eq!(
        anonymous.export(&form("csv")).await.status,
        StatusCode::UNAUTHORIZED
    );
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'export' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(audit, ["csv, 2", "xlsx, 2", "xlsx, 2", "csv, 1"]);
}
