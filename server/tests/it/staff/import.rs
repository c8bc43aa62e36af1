//! Bulk import from spreadsheets: templates, the preview of every row with
//! each error at its cell, duplicates, applying in one transaction with
//! revisions naming the import, undoing, re-importing unchanged, the
//! export of everything read back unchanged, bad files refused with
//! nothing written, and who may do what.

use super::*;
use app::staff::imports::{ImportPreview, Note};
use model::import::{Outcome, Problem};

/// An Excel workbook of one sheet: the first row is the header. Cells
/// starting with "#date:" are written as Excel date cells (a serial number
/// formatted as a date), the rest as text.
fn xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
            match cell.strip_prefix("#date:") {
                Some(serial) => {
                    sheet
                        .write_number_with_format(r, c, serial.parse::<f64>().unwrap(), &date)
                        .unwrap();
                }
                None => {
                    sheet.write_string(r, c, *cell).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

impl Browser<'_> {
    /// Uploads a file as the import form does; `json` asks for the
    /// status instead of the redirect.
    async fn upload_import(&mut self, kind: &str, name: &str, bytes: &[u8], json: bool) -> Answer {
        let (content_type, body) = multipart(
            &[("lang", "vi"), ("kind", kind)],
            Some((name, "application/octet-stream", bytes)),
        );
        self.send(
            Request::builder()
                .method("POST")
                .uri(app::staff::imports::UPLOAD_PATH)
                .header("content-type", content_type)
                .header(
                    "accept",
                    if json {
                        "application/json"
                    } else {
                        "text/html"
                    },
                )
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// Uploads and returns the new import's id (from the redirect).
    async fn imported(&mut self, kind: &str, name: &str, bytes: &[u8]) -> i64 {
        let answer = self.upload_import(kind, name, bytes, false).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let location = answer.headers[header::LOCATION].to_str().unwrap();
        location
            .strip_prefix("/nhap-du-lieu/")
            .unwrap_or_else(|| panic!("{location}"))
            .parse()
            .unwrap()
    }

    async fn preview(&mut self, id: i64) -> app::staff::imports::PreviewData {
        let answer = self.call(ImportPreview::PATH, &format!("id={id}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }

    /// Posts an import page's form as the hydrated page would (JSON):
    /// status and note.
    async fn import_act(&mut self, id: i64, form: &str) -> (StatusCode, Option<Note>) {
        let answer = self
            .call(&format!("{}{id}", app::staff::imports::ACT_PREFIX), form)
            .await;
        let value: serde_json::Value =
            serde_json::from_str(&answer.body).unwrap_or(serde_json::Value::Null);
        let note = serde_json::from_value(value["note"].clone()).ok();
        (answer.status, note)
    }

    /// A GET whose body is bytes (a download).
    async fn download(&self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = Request::builder().uri(path).body(Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectInfo(self.ip));
        if let Some(cookie) = &self.cookie {
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
        }
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        (status, headers, bytes)
    }
}

async fn count_of(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// A commune before 2025 whose name is its own (no other former commune
/// or 2025 commune has it), its district and the 2025 commune it became.
async fn former_commune(app: &TestApp) -> (String, String, String) {
    sqlx::query_as(
        "SELECT c.name, c.code, s.new_code FROM legacy_communes c
           JOIN legacy_commune_successors s ON s.old_code = c.code AND s.is_default = 1
          WHERE (SELECT COUNT(*) FROM legacy_communes o WHERE o.name = c.name) = 1
            AND NOT EXISTS (SELECT 1 FROM communes n
                             WHERE replace(replace(n.name, 'Xã ', ''), 'Phường ', '')
                                 = replace(replace(c.name, 'Xã ', ''), 'Phường ', ''))
          ORDER BY c.code LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

fn village_header() -> Vec<&'static str> {
    vec![
        "Tên (tiếng Việt)",
        "Name (English)",
        "ten dia danh",
        "xa/phuong",
        "Nghề",
        "Year the craft began",
        "Ngày công nhận",
        "Trạng thái",
        "Nguồn",
    ]
}

#[tokio::test]
async fn an_editor_previews_fixes_applies_reimports_and_undoes_an_import() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.1").await;
    let (old_name, old_code, new_code) = former_commune(&app).await;
    let craft: String = sqlx::query_scalar("SELECT name_vi FROM crafts ORDER BY id LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let villages_before = count_of(&app, "SELECT COUNT(*) FROM villages").await;

    // The template: the kind's labels in Vietnamese, a notes sheet.
    let (status, headers, bytes) = admin
        .download(&format!(
            "{}village.xlsx?lang=vi",
            app::staff::imports::TEMPLATE_PREFIX
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("langnghe-mau-village.xlsx")
    );
    let template = server::import::read_sheet(&bytes, "mau.xlsx").unwrap();
    assert_eq!(
        template.header[0], "Tên (tiếng Việt)",
        "{:?}",
        template.header
    );
    assert_eq!(
        template.rows.len(),
        1,
        "one example row from a published village"
    );
    let notes = {
        use calamine::Reader;
        let mut book =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names()[..3], ["Dữ liệu", "Ghi chú", "Xã phường"]);
        book.worksheet_range("Ghi chú").unwrap()
    };
    let notes_text: Vec<String> = notes
        .rows()
        .flat_map(|r| r.iter().map(ToString::to_string))
        .collect();
    assert!(
        notes_text.iter().any(|t| t.contains("bắt buộc")),
        "required columns said"
    );
    assert!(
        notes_text.iter().any(|t| t.starts_with("Một trong:")),
        "allowed values said"
    );
    // The example row imports as unchanged (it is that village).
    let id = admin.imported("village", "mau.xlsx", &bytes).await;
    let plan = admin.preview(id).await;
    assert_eq!(plan.counts.unchanged, 1, "{:?}", plan.rows);

    // Three rows, one with an error; the commune given by its name before
    // 2025; dates in three ways.
    let header = village_header();
    let rows = |year: &'static str| {
        vec![
            header.clone(),
            vec![
                "Làng thử Một",
                "Test village One",
                "Xóm Một",
                old_name.as_str(),
                craft.as_str(),
                "1990",
                "31/05/2024",
                "Đã đăng",
                "https://sct.phutho.gov.vn/",
            ],
            vec![
                "Làng thử Hai",
                "Test village Two",
                "Xóm Hai",
                old_name.as_str(),
                craft.as_str(),
                year,
                "2023-04-01",
                "Đã đăng",
                "https://sct.phutho.gov.vn/",
            ],
            vec![
                "Làng thử Ba",
                "Test village Three",
                "Xóm Ba",
                old_name.as_str(),
                "",
                "",
                "#date:45000",
                "Bản nháp",
                "https://sct.phutho.gov.vn/",
            ],
        ]
    };
    let first = xlsx(&rows("20x5"));
    let id = admin.imported("village", "lang-nghe.xlsx", &first).await;
    let plan = admin.preview(id).await;
    assert_eq!(
        (plan.counts.create, plan.counts.error),
        (2, 1),
        "{:?}",
        plan.rows
    );
    let bad = plan
        .rows
        .iter()
        .find(|r| r.outcome == Outcome::Error)
        .unwrap();
    assert_eq!(bad.line, 3);
    assert_eq!(bad.problems.len(), 1, "{:?}", bad.problems);
    let problem = &bad.problems[0];
    assert_eq!(problem.key, "craft_began_year");
    assert_eq!(problem.column, Some(5), "column F");
    assert_eq!(problem.typed, "20x5");
    assert_eq!(
        problem.problem,
        Problem::Field(model::editing::fields::FieldError::NotYear)
    );
    // Applying is refused while a row is in error: nothing written.
    let (status, note) = admin.import_act(id, "do=apply&lang=vi").await;
    assert_eq!((status, note), (StatusCode::CONFLICT, Some(Note::NotReady)));
    assert_eq!(
        count_of(&app, "SELECT COUNT(*) FROM villages").await,
        villages_before
    );
    // The page shows the error at its cell, with what was typed.
    let page = admin.get(&format!("/nhap-du-lieu/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Cột F «Year the craft began» (đã nhập “20x5”)"),
        "{}",
        page.body
    );

    // The corrected file: three to create; applied in one go.
    let fixed = xlsx(&rows("2005"));
    let id = admin
        .imported("village", "lang-nghe-da-sua.xlsx", &fixed)
        .await;
    let plan = admin.preview(id).await;
    assert_eq!(plan.counts.create, 3, "{:?}", plan.rows);
    let (status, note) = admin.import_act(id, "do=apply&lang=vi").await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Applied)));
    assert_eq!(
        count_of(&app, "SELECT COUNT(*) FROM villages").await,
        villages_before + 3
    );
    let (commune, legacy, date, status_of): (String, String, String, String) = sqlx::query_as(
        "SELECT commune_code, legacy_commune_code, recognition_date, status FROM villages WHERE name_vi = 'Làng thử Một'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (commune.as_str(), legacy.as_str()),
        (new_code.as_str(), old_code.as_str())
    );
    assert_eq!(
        (date.as_str(), status_of.as_str()),
        ("2024-05-31", "published")
    );
    let serial_date: String =
        sqlx::query_scalar("SELECT recognition_date FROM villages WHERE name_vi = 'Làng thử Ba'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(serial_date, "2023-03-15", "Excel's date cell 45000");
    // Every row a revision naming the import and its author.
    let named = count_of(
        &app,
        &format!("SELECT COUNT(*) FROM revisions WHERE import_id = {id} AND action = 'import' AND user_id IS NOT NULL"),
    )
    .await;
    assert_eq!(named, 3);
    // Published rows are on the public pages at once.
    let slug: String =
        sqlx::query_scalar("SELECT slug FROM villages WHERE name_vi = 'Làng thử Một'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (status, body) = app.get(&format!("/lang-nghe/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Làng thử Một"));
    let (_, list) = app.get("/lang-nghe?q=lang+thu+mot").await;
    assert!(list.contains("Làng thử Một"), "in the search index");

    // The same file again changes nothing.
    let again = admin
        .imported("village", "lang-nghe-da-sua.xlsx", &fixed)
        .await;
    let plan = admin.preview(again).await;
    assert_eq!(plan.counts.unchanged, 3, "{:?}", plan.rows);
    assert_eq!(plan.counts.writes(), 0);

    // Undone: the three are gone, with their revisions; the page says so.
    let (status, note) = admin.import_act(id, "do=undo&lang=vi").await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Undone)));
    assert_eq!(
        count_of(&app, "SELECT COUNT(*) FROM villages").await,
        villages_before
    );
    assert_eq!(
        count_of(
            &app,
            &format!("SELECT COUNT(*) FROM revisions WHERE import_id = {id}")
        )
        .await,
        0
    );
    let (status, _) = app.get(&format!("/lang-nghe/{slug}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, note) = admin.import_act(id, "do=undo&lang=vi").await;
    assert_eq!((status, note), (StatusCode::CONFLICT, None), "only once");
    let audits = count_of(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('import', 'import_undone')",
    )
    .await;
    assert_eq!(audits, 2);
}

#[tokio::test]
async fn an_update_is_previewed_field_by_field_and_its_undo_refused_once_edited_since() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.2").await;
    let (id, _) = village(&app, "xom-bui").await;
    let (name, _): (String, Option<i64>) =
        sqlx::query_as("SELECT name_vi, total_households FROM villages WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let file = xlsx(&[vec!["ID", "Tổng số hộ"], vec![&id.to_string(), "1234"]]);
    let import = admin.imported("village", "so-ho.xlsx", &file).await;
    let plan = admin.preview(import).await;
    assert_eq!(plan.counts.update, 1, "{:?}", plan.rows);
    let row = &plan.rows[0];
    assert_eq!(row.target, Some(id));
    assert_eq!(row.name, "", "no name column: the listing keeps its own");
    assert_eq!(row.changes.len(), 1, "{:?}", row.changes);
    assert_eq!(row.changes[0].key, "total_households");
    assert_eq!(row.changes[0].after, "1234");
    let (status, _) = admin.import_act(import, "do=apply&lang=vi").await;
    assert_eq!(status, StatusCode::OK);
    let now: (String, Option<i64>) =
        sqlx::query_as("SELECT name_vi, total_households FROM villages WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(now, (name.clone(), Some(1234)));
    // Changed after the import (a later revision): the undo is refused,
    // naming it, and nothing is undone.
    sqlx::query(
        "INSERT INTO revisions (target, target_id, user_id, action, fields) VALUES ('villages', ?, NULL, 'edit', '{}')",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();
    let (status, note) = admin.import_act(import, "do=undo&lang=vi").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        matches!(&note, Some(Note::UndoRefused(names)) if names.contains(&name)),
        "{note:?}"
    );
    let still: Option<i64> =
        sqlx::query_scalar("SELECT total_households FROM villages WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(still, Some(1234));
}

#[tokio::test]
async fn undo_gives_an_updated_listing_its_values_from_before() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.3").await;
    let (id, _) = village(&app, "xom-bui").await;
    let households: Option<i64> =
        sqlx::query_scalar("SELECT total_households FROM villages WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let file = xlsx(&[
        vec!["id", "total_households"],
        vec![&id.to_string(), "4321"],
    ]);
    let import = admin.imported("village", "so-ho.xlsx", &file).await;
    let (status, note) = admin.import_act(import, "do=apply&lang=vi").await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Applied)));
    let (status, note) = admin.import_act(import, "do=undo&lang=vi").await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Undone)));
    let back: Option<i64> =
        sqlx::query_scalar("SELECT total_households FROM villages WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(back, households);
    let action: String = sqlx::query_scalar(
        "SELECT action FROM revisions WHERE target = 'villages' AND target_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(action, "undo_import");
}

#[tokio::test]
async fn tax_codes_duplicates_and_near_names_are_found_before_anything_is_written() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.4").await;
    let (commune, commune_name): (String, String) =
        sqlx::query_as("SELECT code, name FROM communes ORDER BY code LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    // An enterprise already there, to be found by a name one letter off.
    let mut conn = app.pool.acquire().await.unwrap();
    common::create_listing(
        &mut conn,
        model::listing::Kind::Enterprise,
        &[
            ("name_vi", "Hợp tác xã Dệt Mường"),
            ("name_en", "Muong Weaving Cooperative"),
            ("legal_form", "cooperative"),
            ("commune_code", &commune),
            ("source_url", "https://sct.phutho.gov.vn/"),
        ],
    )
    .await
    .unwrap();
    drop(conn);
    let enterprises_before = count_of(&app, "SELECT COUNT(*) FROM enterprises").await;
    let header = vec![
        "Tên (tiếng Việt)",
        "Tên (tiếng Anh)",
        "Loại hình",
        "Mã số thuế",
        "Xã/phường",
        "Nguồn",
    ];
    let file = xlsx(&[
        header.clone(),
        // A valid tax code (check digit right).
        vec![
            "HTX Một",
            "Coop One",
            "Hợp tác xã",
            "5400123453",
            &commune_name,
            "https://sct.phutho.gov.vn/",
        ],
        // The check digit wrong.
        vec![
            "HTX Hai",
            "Coop Two",
            "Hợp tác xã",
            "5400123459",
            &commune_name,
            "https://sct.phutho.gov.vn/",
        ],
        // The first row's tax code again.
        vec![
            "HTX Ba",
            "Coop Three",
            "Hợp tác xã",
            "5400123453",
            &commune_name,
            "https://sct.phutho.gov.vn/",
        ],
        // One letter off an enterprise already there.
        vec![
            "Hợp tác xã Dệt Mườn",
            "Muong Weaving",
            "Hợp tác xã",
            "",
            &commune_name,
            "https://sct.phutho.gov.vn/",
        ],
    ]);
    let import = admin.imported("enterprise", "htx.xlsx", &file).await;
    let plan = admin.preview(import).await;
    let by_line = |line: u32| plan.rows.iter().find(|r| r.line == line).unwrap();
    assert_eq!(by_line(2).outcome, Outcome::Create, "{:?}", by_line(2));
    let two = by_line(3);
    assert_eq!(two.outcome, Outcome::Error);
    assert_eq!(two.problems[0].key, "tax_code");
    assert_eq!(two.problems[0].typed, "5400123459");
    assert_eq!(
        two.problems[0].problem,
        Problem::Field(model::editing::fields::FieldError::BadTaxCode)
    );
    let three = by_line(4);
    assert_eq!(three.outcome, Outcome::Error);
    assert_eq!(three.problems[0].problem, Problem::DuplicateOf(2));
    let four = by_line(5);
    assert_eq!(four.outcome, Outcome::Decide, "{four:?}");
    assert_eq!(four.candidates[0].why, model::import::Why::NearName);
    assert_eq!(four.candidates[0].name, "Hợp tác xã Dệt Mường");
    let page = admin.get(&format!("/nhap-du-lieu/{import}")).await;
    assert!(page.body.contains("Trùng với dòng 2."), "{}", page.body);
    assert!(
        page.body.contains("name=\"d[5]\""),
        "a choice for the near name"
    );
    // Nothing written by a preview.
    assert_eq!(
        count_of(&app, "SELECT COUNT(*) FROM enterprises").await,
        enterprises_before
    );
    // Deciding: skip the near match; the errors still hold the apply.
    let (status, note) = admin
        .import_act(import, "do=decide&lang=vi&d[5]=skip")
        .await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Decisions)));
    let plan = admin.preview(import).await;
    assert_eq!(plan.counts.skip, 1);
    assert_eq!(plan.counts.error, 2);
    let (status, _) = admin.import_act(import, "do=apply&lang=vi").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        count_of(&app, "SELECT COUNT(*) FROM enterprises").await,
        enterprises_before
    );
    // A decision naming a listing that is not a candidate is not taken.
    let (status, _) = admin
        .import_act(import, "do=decide&lang=vi&d[5]=update:99999")
        .await;
    assert_eq!(status, StatusCode::OK);
    let plan = admin.preview(import).await;
    assert_eq!(
        plan.rows.iter().find(|r| r.line == 5).unwrap().outcome,
        Outcome::Decide
    );
    // A malformed decision is a bad request.
    let (status, _) = admin
        .import_act(import, "do=decide&lang=vi&d[5]=maybe")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_staff_exports_read_back_as_all_unchanged() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.5").await;
    // Everything, a sheet per kind.
    let (status, _, bytes) = admin
        .download(&format!("{}?lang=vi", app::staff::imports::EXPORT_ALL_PATH))
        .await;
    assert_eq!(status, StatusCode::OK);
    let names = {
        use calamine::Reader;
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone()))
            .unwrap()
            .sheet_names()
    };
    assert_eq!(names.len(), 4, "{names:?}");
    // The first sheet (villages) imported back: every row unchanged.
    let import = admin.imported("village", "tat-ca.xlsx", &bytes).await;
    let plan = admin.preview(import).await;
    let villages = count_of(&app, "SELECT COUNT(*) FROM villages").await;
    assert_eq!(
        plan.counts.unchanged,
        usize::try_from(villages).unwrap(),
        "{:?}",
        plan.rows
            .iter()
            .filter(|r| r.outcome != Outcome::Unchanged)
            .collect::<Vec<_>>()
    );
    // Each kind's CSV export of the staff list, read back: unchanged.
    for kind in model::listing::Kind::ALL {
        let ids: Vec<i64> = model::import::db::all_ids(&app.pool, kind).await.unwrap();
        let mut form = format!("kind={}&format=csv&lang=en", kind.code());
        for (i, id) in ids.iter().take(100).enumerate() {
            form.push_str(&format!("&ids[{i}]={id}"));
        }
        let csv = admin.export(&form).await;
        assert_eq!(csv.status, StatusCode::OK);
        let import = admin
            .imported(kind.code(), "export.csv", csv.body.as_bytes())
            .await;
        let plan = admin.preview(import).await;
        assert_eq!(
            plan.counts.unchanged,
            ids.len().min(100),
            "{kind:?}: {:?}",
            plan.rows
                .iter()
                .filter(|r| r.outcome != Outcome::Unchanged)
                .collect::<Vec<_>>()
        );
    }
}

#[tokio::test]
async fn bad_files_get_clear_errors_and_nothing_is_written() {
    let app = TestApp::new().await;
    add_user(&app, "lan@test.example", Role::Editor, &[]).await;
    let mut lan = signed_in(&app, "lan@test.example", "10.0.50.6").await;
    let problem = |answer: &Answer| -> String {
        let value: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        value["problem"].as_str().unwrap_or_default().to_owned()
    };
    // Not Excel, though named so.
    let answer = lan
        .upload_import("village", "lang-nghe.xlsx", b"Ten,Xa\nA,B\n", true)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(&answer), "NotSpreadsheet");
    // A zip that is no workbook.
    let answer = lan
        .upload_import("village", "x.xlsx", b"PK\x03\x04garbage", true)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Binary bytes as CSV.
    let answer = lan
        .upload_import("village", "x.csv", &[0xff, 0xfe, 0, 1, 2], true)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A header and no row; an empty sheet.
    let answer = lan
        .upload_import("village", "x.xlsx", &xlsx(&[village_header()]), true)
        .await;
    assert_eq!(
        (answer.status, problem(&answer).as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "Empty")
    );
    let answer = lan
        .upload_import("village", "x.xlsx", &xlsx(&[]), true)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    // No column the kind has.
    let answer = lan
        .upload_import("village", "x.csv", "Foo,Bar\n1,2\n".as_bytes(), true)
        .await;
    assert_eq!(
        (answer.status, problem(&answer).as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "NoKnownColumn")
    );
    // 50 MB: refused without being read whole.
    let big = vec![b'a'; 50 * 1024 * 1024];
    let answer = lan.upload_import("village", "big.csv", &big, true).await;
    assert_eq!(
        (answer.status, problem(&answer).as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "TooLarge")
    );
    // A browser gets the message at the file field.
    let answer = lan.upload_import("village", "big.csv", &big, false).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let page = lan.get("/nhap-du-lieu").await;
    assert!(
        page.body.contains("Tệp quá lớn (tối đa 20 MB)."),
        "{}",
        page.body
    );
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert_eq!(count_of(&app, "SELECT COUNT(*) FROM imports").await, 0);
}

#[tokio::test]
async fn only_editors_import_within_their_communes_and_only_the_importer_applies() {
    let app = TestApp::new().await;
    let (_, commune, other) = {
        let (bui, lac, commune, other) = villages_apart(&app).await;
        let _ = lac;
        (bui, commune, other)
    };
    add_user(&app, "lan@test.example", Role::Editor, &[&commune]).await;
    add_user(&app, "mai@test.example", Role::Editor, &[]).await;
    add_user(&app, "partner@test.example", Role::Partner, &[]).await;
    let names: Vec<String> =
        sqlx::query_scalar("SELECT name FROM communes WHERE code IN (?, ?) ORDER BY code = ?")
            .bind(&commune)
            .bind(&other)
            .bind(&other)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let file = xlsx(&[
        vec![
            "Tên (tiếng Việt)",
            "Tên (tiếng Anh)",
            "Tên địa danh",
            "Xã/phường",
            "Source",
        ],
        vec![
            "Làng Trong",
            "Inside",
            "Xóm Trong",
            &names[0],
            "https://sct.phutho.gov.vn/",
        ],
        vec![
            "Làng Ngoài",
            "Outside",
            "Xóm Ngoài",
            &names[1],
            "https://sct.phutho.gov.vn/",
        ],
    ]);
    // Anonymous: 401; a partner: 403; nothing kept.
    let mut anonymous = Browser::new(&app, "10.0.50.7");
    let answer = anonymous
        .upload_import("village", "x.xlsx", &file, true)
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = anonymous
        .download(&format!(
            "{}village.xlsx",
            app::staff::imports::TEMPLATE_PREFIX
        ))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = anonymous
        .download(app::staff::imports::EXPORT_ALL_PATH)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let mut partner = signed_in(&app, "partner@test.example", "10.0.50.8").await;
    let answer = partner
        .upload_import("village", "x.xlsx", &file, true)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = partner.call(ImportPreview::PATH, "id=1").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(count_of(&app, "SELECT COUNT(*) FROM imports").await, 0);

    // Lan edits one commune: the other row is an error at its commune.
    let mut lan = signed_in(&app, "lan@test.example", "10.0.50.9").await;
    let import = lan.imported("village", "x.xlsx", &file).await;
    let plan = lan.preview(import).await;
    assert_eq!(
        (plan.counts.create, plan.counts.error),
        (1, 1),
        "{:?}",
        plan.rows
    );
    let outside = plan
        .rows
        .iter()
        .find(|r| r.outcome == Outcome::Error)
        .unwrap();
    assert_eq!(outside.problems[0].key, "commune_code");
    assert_eq!(outside.problems[0].problem, Problem::OutOfScope);
    // Another editor (of every commune) sees it but may not change,
    // apply or undo it.
    let mut mai = signed_in(&app, "mai@test.example", "10.0.50.10").await;
    let (status, note) = mai.import_act(import, "do=apply&lang=vi").await;
    assert_eq!(
        (status, note),
        (StatusCode::FORBIDDEN, Some(Note::NotYours))
    );
    for form in [
        "do=decide&lang=vi&d[2]=skip",
        "do=columns&lang=vi&col[0]=name_vi",
        "do=undo&lang=vi",
    ] {
        let (status, _) = mai.import_act(import, form).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{form}");
    }
    let untouched = count_of(
        &app,
        &format!(
            "SELECT COUNT(*) FROM imports WHERE id = {import} AND decisions = '{{}}' AND mapping IS NULL"
        ),
    )
    .await;
    assert_eq!(untouched, 1, "nothing changed by another editor");
    let answer = mai.call(ImportPreview::PATH, &format!("id={import}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    // An editor of other communes does not see it.
    add_user(&app, "hoa@test.example", Role::Editor, &[&other]).await;
    let mut hoa = signed_in(&app, "hoa@test.example", "10.0.50.12").await;
    let answer = hoa.call(ImportPreview::PATH, &format!("id={import}")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = anonymous
        .call(
            &format!("{}{import}", app::staff::imports::ACT_PREFIX),
            "do=apply",
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    // An unknown import: 404.
    let (status, _) = lan.import_act(9999, "do=apply&lang=vi").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn guessed_columns_wait_for_staff_and_a_long_import_shows_its_progress() {
    let progress = std::sync::Arc::new(std::sync::Mutex::new(None));
    let app = {
        let progress = progress.clone();
        TestApp::with(move |state| {
            *progress.lock().unwrap() = Some(state.import_progress.clone());
            state
        })
        .await
    };
    let progress = progress.lock().unwrap().clone().unwrap();
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.11").await;
    let commune: String = sqlx::query_scalar("SELECT name FROM communes ORDER BY code LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // "Tên tiếng Anhh" is one letter off; "Ghi chú" is no field.
    let file = xlsx(&[
        vec![
            "Tên (tiếng Việt)",
            "Tên tiếng Anhh",
            "Tên địa danh",
            "Xã/phường",
            "Nguồn",
            "Ghi chú",
        ],
        vec![
            "Làng Cột",
            "Column village",
            "Xóm Cột",
            &commune,
            "https://sct.phutho.gov.vn/",
            "gọi lại sau",
        ],
    ]);
    let import = admin.imported("village", "cot.xlsx", &file).await;
    let plan = admin.preview(import).await;
    let keys: Vec<(&str, bool)> = plan
        .columns
        .iter()
        .map(|c| (c.key.as_str(), c.sure))
        .collect();
    assert_eq!(keys[1], ("name_en", false), "{keys:?}");
    assert_eq!(keys[5], ("", false));
    assert_eq!(plan.counts.create, 1);
    let page = admin.get(&format!("/nhap-du-lieu/{import}")).await;
    assert!(
        page.body.contains("Hãy xác nhận các cột trước."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("data-testid=\"import-apply\""));
    // Not applied while a column is a guess.
    let (status, note) = admin.import_act(import, "do=apply&lang=vi").await;
    assert_eq!((status, note), (StatusCode::CONFLICT, Some(Note::NotReady)));
    assert_eq!(
        count_of(
            &app,
            "SELECT COUNT(*) FROM villages WHERE name_vi = 'Làng Cột'"
        )
        .await,
        0
    );
    // A field read from two columns is refused; an unknown field too.
    let two = "do=columns&lang=vi&col[0]=name_vi&col[1]=name_vi&col[2]=place_name&col[3]=commune_code&col[4]=source_url&col[5]=";
    let (status, _) = admin.import_act(import, two).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = admin
        .import_act(import, "do=columns&lang=vi&col[0]=password_hash")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = admin
        .import_act(import, "do=columns&lang=vi&col[99]=name_vi")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Confirmed: the notes column not read; applied.
    let fine = "do=columns&lang=vi&col[0]=name_vi&col[1]=name_en&col[2]=place_name&col[3]=commune_code&col[4]=source_url&col[5]=";
    let (status, note) = admin.import_act(import, fine).await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Columns)));
    let plan = admin.preview(import).await;
    assert!(plan.columns.iter().all(|c| c.sure));
    assert!(plan.info.confirmed);
    let (status, note) = admin.import_act(import, "do=apply&lang=vi").await;
    assert_eq!((status, note), (StatusCode::OK, Some(Note::Applied)));
    let name_en: String =
        sqlx::query_scalar("SELECT name_en FROM villages WHERE name_vi = 'Làng Cột'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(name_en, "Column village");
    // Applied: its forms are closed.
    let (status, _) = admin.import_act(import, fine).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, note) = admin.import_act(import, "do=apply&lang=vi").await;
    assert_eq!((status, note), (StatusCode::CONFLICT, Some(Note::NotReady)));

    // An import being written: its page shows a progress bar that
    // refreshes itself without JavaScript.
    let other = admin.imported("village", "cot-2.xlsx", &file).await;
    sqlx::query("UPDATE imports SET state = 'applying' WHERE id = ?")
        .bind(other)
        .execute(&app.pool)
        .await
        .unwrap();
    progress.0.lock().unwrap().insert(other, (40, 100));
    let page = admin.get(&format!("/nhap-du-lieu/{other}")).await;
    assert!(
        page.body.contains("<progress max=\"100\" value=\"40\""),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<noscript><meta http-equiv=\"refresh\" content=\"2\">")
    );
    let (status, note) = admin.import_act(other, "do=apply&lang=vi").await;
    assert_eq!(
        (status, note),
        (StatusCode::CONFLICT, Some(Note::NotReady)),
        "not twice"
    );
    // "Being written" with nothing writing it (a server stopped meanwhile):
    // a preview again.
    progress.0.lock().unwrap().remove(&other);
    let plan = admin.preview(other).await;
    assert_eq!(plan.info.state, model::import::State::Preview);
    assert_eq!(plan.counts.unchanged, 1, "the first import wrote it");
}
