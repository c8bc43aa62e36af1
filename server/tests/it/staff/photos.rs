//! Several photos at once; the typing of a listing's form kept across a
//! plain upload (its upload button posts the whole form); the hydrated
//! upload's answer in place; photos dragged into a new order.

use super::*;
use crate::common::multipart_files;

impl Browser<'_> {
    /// An upload of several files; `json` as the hydrated form sends it.
    async fn upload_files(
        &mut self,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
        json: bool,
    ) -> Answer {
        let (content_type, body) = multipart_files(fields, files);
        let accept = if json {
            "application/json"
        } else {
            "text/html,application/xhtml+xml"
        };
        self.send(
            Request::builder()
                .method("POST")
                .uri(app::media::UPLOAD_PATH)
                .header("content-type", content_type)
                .header("accept", accept)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

async fn photo_ids(app: &TestApp, id: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT id FROM images WHERE target = 'villages' AND target_id = ? AND deleted_at IS NULL
         ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn several_photos_at_once_keep_the_forms_typing_without_javascript() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let (id, _) = village(&app, "ban-lac").await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.70.1").await;
    let form = editor.form("village", id).await;
    let stored_name = form["values"]["name_en"].as_str().unwrap().to_owned();
    let id_text = id.to_string();
    let version = form["version"].as_str().unwrap().to_owned();
    let typed_name = "Lac village <b>typed</b>, not saved";
    let typed_note = "Dệt thổ cẩm, chưa lưu";
    // The form's whole post: its own fields, what was typed, and the
    // upload's texts and files.
    let fields = [
        ("kind", "village"),
        ("id", id_text.as_str()),
        ("version", version.as_str()),
        ("lang", "vi"),
        ("fields[name_en]", typed_name),
        ("fields[description_vi]", typed_note),
        ("fields[not_a_field]", "ignored"),
        ("alt_vi", "Khung cửi ở bản Lác"),
        ("alt_en", "A loom in Lac"),
    ];
    let (a, b, c) = (png(600, 400), png(640, 480), png(300, 300));
    let files: [(&str, &str, &[u8]); 3] = [
        ("a.png", "image/png", &a),
        ("b.png", "image/png", &b),
        ("c.png", "image/png", &c),
    ];
    let answer = editor.upload_files(&fields, &files, false).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.headers["x-upload-outcome"], "Added");
    assert_eq!(photo_ids(&app, id).await.len(), 3, "each file is a photo");

    // Back on the form: the three photos, and the typing — shown, not saved.
    let page = editor.get(&format!("/quan-tri/village/{id}")).await.body;
    assert!(page.contains("Đã thêm 3 ảnh."), "{page}");
    assert!(
        page.contains("chưa được lưu"),
        "the typing is said to be unsaved"
    );
    assert!(
        page.contains("Lac village &lt;b&gt;typed&lt;/b&gt;, not saved"),
        "the typed name, escaped: {page}"
    );
    assert!(page.contains(typed_note));
    assert!(!page.contains("not_a_field") && !page.contains(">ignored<"));
    let name: String = sqlx::query_scalar("SELECT name_en FROM villages WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, stored_name, "nothing typed was saved by the upload");
    // Once: the next visit shows the stored listing.
    let again = editor.form("village", id).await;
    assert_eq!(again["values"]["name_en"], stored_name.as_str());
    assert_eq!(again["kept"], false);
    // The typing then saves as usual, against the version it stood on.
    let saved = editor
        .call(
            SaveListing::PATH,
            &save_form(&form, &[("name_en", "Lac village")]),
        )
        .await;
    assert_eq!(errors_of(&saved), serde_json::json!({}), "{}", saved.body);

    // The form sent as it was shown (nothing typed; a text area's lines
    // come with CR LF): nothing is said to be kept.
    let shown = editor.form("village", id).await;
    let version = shown["version"].as_str().unwrap().to_owned();
    let mut untouched: Vec<(String, String)> = shown["values"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v.as_str() != Some("0"))
        .map(|(k, v)| {
            (
                format!("fields[{k}]"),
                v.as_str().unwrap().replace('\n', "\r\n"),
            )
        })
        .collect();
    untouched.extend([
        ("kind".into(), "village".into()),
        ("id".into(), id_text.clone()),
        ("version".into(), version),
        ("alt_vi".into(), "Ảnh".into()),
    ]);
    let untouched: Vec<(&str, &str)> = untouched
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = editor.upload_files(&untouched, &files[..1], false).await;
    assert_eq!(answer.headers["x-upload-outcome"], "Added");
    let page = editor.get(&format!("/quan-tri/village/{id}")).await.body;
    assert!(!page.contains("chưa được lưu"), "{page}");

    // An upload without the form's typing (another client): no typing kept.
    let plain = [fields[0], fields[1], fields[3], fields[7]];
    let answer = editor.upload_files(&plain, &files[..1], false).await;
    assert_eq!(answer.headers["x-upload-outcome"], "Added");
    assert_eq!(editor.form("village", id).await["kept"], false);

    // More than ten files: the first ten are added, the rest are named.
    let tiny = png(8, 8);
    let many: Vec<(&str, &str, &[u8])> = (0..=app::media::MAX_FILES)
        .map(|_| ("t.png", "image/png", tiny.as_slice()))
        .collect();
    let answer = editor.upload_files(&plain, &many, false).await;
    assert_eq!(answer.headers["x-upload-outcome"], "TooMany");
    assert_eq!(photo_ids(&app, id).await.len(), 5 + app::media::MAX_FILES);
    let page = editor.get(&format!("/quan-tri/village/{id}")).await.body;
    assert!(
        page.contains("Đã thêm 10 ảnh. Mỗi lần gửi tối đa 10 ảnh"),
        "{page}"
    );
}

#[tokio::test]
async fn the_hydrated_upload_answers_with_the_photos_and_photos_are_dragged_into_order() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let (id, _) = village(&app, "ban-lac").await;
    let (other, _) = village(&app, "xom-bui").await;
    let mut editor = signed_in(&app, "editor@test.example", "10.0.70.2").await;
    let (id_text, other_text) = (id.to_string(), other.to_string());
    let photo = png(400, 300);
    fn upload(target: &str) -> Vec<(&str, &str)> {
        vec![
            ("kind", "village"),
            ("id", target),
            ("lang", "en"),
            ("alt_vi", "Ảnh"),
        ]
    }
    let fields = upload(&id_text);
    let files: Vec<(&str, &str, &[u8])> = (0..4)
        .map(|_| ("p.png", "image/png", photo.as_slice()))
        .collect();
    let answer = editor.upload_files(&fields, &files, true).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["images"].as_array().unwrap().len(), 4, "{json}");
    assert_eq!(json["flash"]["outcome"], "Added");
    assert_eq!(json["flash"]["added"], 4);
    // Refusals answer the same way (and add nothing).
    let no_text = [fields[0], fields[1], fields[2]];
    let answer = editor.upload_files(&no_text, &files[..1], true).await;
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["flash"]["outcome"], "AltRequired");
    assert_eq!(json["images"].as_array().unwrap().len(), 4);
    let answer = editor
        .upload_files(&upload(&other_text), &files[..1], true)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let elsewhere = photo_ids(&app, other).await[0];

    let order = photo_ids(&app, id).await;
    let [p1, p2, p3, p4] = order[..] else {
        panic!("{order:?}")
    };
    let drag =
        |image: i64, before: i64| format!("image={image}&earlier=false&before={before}&lang=en");
    // The last dragged onto the first's place, then the (new) first to
    // the end, then before the third.
    assert_eq!(
        editor
            .call(app::media::api::MoveImage::PATH, &drag(p4, p1))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(photo_ids(&app, id).await, [p4, p1, p2, p3]);
    editor
        .call(app::media::api::MoveImage::PATH, &drag(p4, 0))
        .await;
    assert_eq!(photo_ids(&app, id).await, [p1, p2, p3, p4]);
    editor
        .call(app::media::api::MoveImage::PATH, &drag(p1, p3))
        .await;
    assert_eq!(photo_ids(&app, id).await, [p2, p1, p3, p4]);
    // A photo of another listing as the place: nothing moves, neither list.
    editor
        .call(app::media::api::MoveImage::PATH, &drag(p2, elsewhere))
        .await;
    assert_eq!(photo_ids(&app, id).await, [p2, p1, p3, p4]);
    assert_eq!(photo_ids(&app, other).await, [elsewhere]);
    // The buttons still move one place.
    editor
        .call(
            app::media::api::MoveImage::PATH,
            &format!("image={p3}&earlier=true&lang=en"),
        )
        .await;
    assert_eq!(photo_ids(&app, id).await, [p2, p3, p1, p4]);
    let moves: Vec<String> =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'image_moved' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(moves, ["before", "last", "before", "earlier"]);
}

/// A listing's link preview is its first photo, cut to 1200 × 630, once it
/// has one (before: the drawn card).
#[tokio::test]
async fn the_link_preview_is_the_first_photo_once_there_is_one() {
    let app = TestApp::new().await;
    add_user(&app, "editor@test.example", Role::Editor, &[]).await;
    let (id, _) = village(&app, "ban-lac").await;
    let mut visitor = Browser::new(&app, "10.0.71.9");
    let before = visitor.get("/og/village/ban-lac").await;
    assert_eq!(before.headers["content-type"], "image/png");
    let mut editor = signed_in(&app, "editor@test.example", "10.0.71.1").await;
    let id_text = id.to_string();
    let fields = [
        ("kind", "village"),
        ("id", id_text.as_str()),
        ("lang", "vi"),
        ("alt_vi", "Khung cửi ở bản Lác"),
        ("alt_en", "A loom in Lac"),
    ];
    let photo = png(1600, 1200);
    let answer = editor
        .upload_files(&fields, &[("a.png", "image/png", &photo)], false)
        .await;
    assert_eq!(
        answer.headers["x-upload-outcome"], "Added",
        "{}",
        answer.body
    );
    let response = app
        .router
        .clone()
        .oneshot(
            Request::builder()
                .uri("/og/village/ban-lac")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let image = image::load_from_memory(&bytes).unwrap();
    assert_eq!((image.width(), image.height()), (1200, 630));
}
