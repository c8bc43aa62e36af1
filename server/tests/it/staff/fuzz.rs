//! A bounded fuzz of every server function and of the upload form: random
//! bodies under random content types, anonymous and signed in as an
//! admin. Nothing may answer 5xx (the database is sound here), and so
//! nothing panicked: a panic becomes a 500 page.

use super::*;

/// A small deterministic generator (the run is the same every time; the
/// seed is in the failure message).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Text that parsers meet: digits, Vietnamese letters, separators,
    /// markup, control and odd characters, long runs.
    fn text(&mut self) -> String {
        let pieces = [
            "",
            "0",
            "-1",
            "1e309",
            "99999999999999999999",
            "NaN",
            "21,5",
            "105.8",
            "ban-lac",
            "Bản Lác",
            "đ",
            "Đ",
            "village",
            "cluster",
            "enterprise",
            "product",
            "vi",
            "en",
            "true",
            "null",
            "[]",
            "{}",
            "%",
            "%ZZ",
            "&",
            "=",
            "[",
            "]",
            "<script>",
            "\"",
            "'",
            "\\",
            "/",
            "..",
            "\u{0}",
            "\u{202e}",
            "\u{2028}",
            "💥",
            " ",
            "\n",
            "fields[",
            "][x]",
        ];
        let mut out = String::new();
        for _ in 0..self.below(6) {
            out.push_str(self.pick(&pieces));
        }
        if self.below(20) == 0 {
            out.push_str(&"x".repeat(self.below(20_000)));
        }
        out
    }

    fn bytes(&mut self) -> Vec<u8> {
        (0..self.below(300))
            .map(|_| u8::try_from(self.next() & 0xFF).unwrap_or(0))
            .collect()
    }
}

/// A random body of a server function whose argument names are `keys`
/// (plus unknown ones), with a content type to match or not.
fn body(rng: &mut Rng, keys: &[&str]) -> (Option<&'static str>, Vec<u8>) {
    let form = |rng: &mut Rng| {
        let mut pairs = Vec::new();
        for _ in 0..rng.below(8) {
            let key = if rng.below(3) == 0 {
                rng.text()
            } else {
                rng.pick(keys).to_owned()
            };
            let value = rng.text();
            pairs.push(format!("{}={}", enc(&key), enc(&value)));
        }
        pairs.join("&")
    };
    match rng.below(6) {
        0 => (
            Some("application/x-www-form-urlencoded"),
            form(rng).into_bytes(),
        ),
        1 => (Some("application/x-www-form-urlencoded"), rng.bytes()),
        2 => {
            let mut object = serde_json::Map::new();
            for _ in 0..rng.below(5) {
                let key = rng.pick(keys).to_owned();
                let value = match rng.below(4) {
                    0 => serde_json::json!(rng.text()),
                    1 => serde_json::json!(rng.next()),
                    2 => serde_json::json!(null),
                    _ => serde_json::json!([rng.text()]),
                };
                object.insert(key, value);
            }
            (
                Some("application/json"),
                serde_json::to_vec(&object).unwrap(),
            )
        }
        3 => (Some("multipart/form-data; boundary=x"), rng.bytes()),
        4 => (Some("text/plain"), form(rng).into_bytes()),
        _ => (None, rng.bytes()),
    }
}

/// The argument names the server functions use.
const KEYS: &[&str] = &[
    "kind",
    "id",
    "lang",
    "version",
    "fields[name_vi]",
    "fields[slug]",
    "fields[latitude]",
    "fields[commune_code]",
    "fields[total_households]",
    "fields[tax_code]",
    "proposal",
    "decision",
    "reason",
    "revision",
    "image",
    "earlier",
    "alt_vi",
    "alt_en",
    "email",
    "password",
    "next",
    "current",
    "new",
    "confirm",
    "role",
    "communes",
    "account",
    "disabled",
    "group",
    "before",
    "format",
    "op",
    "assign",
    "typed",
    "query",
    "q",
    "bbox",
    "zoom",
];

async fn fuzz_as(browser: &mut Browser<'_>, rng: &mut Rng, rounds: usize, seed: u64) -> usize {
    let mut sent = 0;
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .chain([app::media::UPLOAD_PATH, app::editing::export::EXPORT_PATH])
        .collect();
    for path in paths {
        // Signing out would end the fuzzing session.
        if path == SignOut::PATH {
            continue;
        }
        for _ in 0..rounds {
            let (content_type, body) = body(rng, KEYS);
            let mut request = Request::builder()
                .method("POST")
                .uri(path)
                .header("sec-fetch-site", "same-origin")
                .header(
                    "accept",
                    if rng.below(2) == 0 {
                        "application/json"
                    } else {
                        "text/html"
                    },
                );
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            let answer = browser
                .send(request.body(Body::from(body.clone())).unwrap())
                .await;
            sent += 1;
            assert!(
                answer.status.as_u16() < 500,
                "seed {seed}: {path} answered {} to {content_type:?} {:?}: {}",
                answer.status,
                String::from_utf8_lossy(&body),
                answer.body
            );
        }
    }
    sent
}

#[tokio::test]
async fn random_bodies_to_every_server_function_never_answer_5xx() {
    let app = TestApp::new().await;
    add_user(&app, "admin@test.example", Role::Admin, &[]).await;
    // `LANGNGHE_FUZZ_SEED` and `LANGNGHE_FUZZ_ROUNDS` run it longer or
    // otherwise; `make test` runs the same 40 rounds a function each time.
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("LANGNGHE_FUZZ_SEED").unwrap_or(0x6c61_6e67_6e67_6865);
    let rounds = env("LANGNGHE_FUZZ_ROUNDS").map_or(40, |r| usize::try_from(r).unwrap_or(40));
    let mut rng = Rng(seed);
    let mut anonymous = Browser::new(&app, "10.0.50.1");
    let mut sent = fuzz_as(&mut anonymous, &mut rng, rounds, seed).await;
    let mut admin = signed_in(&app, "admin@test.example", "10.0.50.2").await;
    sent += fuzz_as(&mut admin, &mut rng, rounds, seed).await;
    assert!(sent > 300, "only {sent} requests");
    // The admin's session survived the fuzz (nothing reset it by chance).
    assert!(admin.call(WhoAmI::PATH, "").await.body.contains("admin@"));
}
