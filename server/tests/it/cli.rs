//! The `langnghe` command line: errors are one line with a non-zero exit,
//! and seeding twice adds nothing.

use std::process::Command;

fn langnghe(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_langnghe"))
        .args(args)
        .env_remove("LANGNGHE_DATABASE_URL")
        .env_remove("LANGNGHE_ADDR")
        .env("LANGNGHE_LOG", "warn")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn unknown_flags_fail_with_one_line() {
    let (ok, stderr) = langnghe(&["serve", "--no-such-flag"]);
    assert!(!ok);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--no-such-flag"));
}

#[test]
fn bad_database_urls_fail_with_one_line() {
    for url in [
        "postgres://somewhere/db",
        "sqlite://?mode=nonsense",
        "sqlite:///proc/no/such/dir/x.db",
    ] {
        let (ok, stderr) = langnghe(&["migrate", "--database", url]);
        assert!(!ok, "{url} should fail");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{url}: {stderr}");
        assert!(stderr.starts_with("langnghe: error:"), "{stderr}");
    }
}

#[test]
fn bad_listen_address_fails_with_one_line() {
    let (ok, stderr) = langnghe(&["serve", "--addr", "not-an-address"]);
    assert!(!ok);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

#[test]
fn migrate_then_seed_twice_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli/langnghe.db", dir.path().display());
    assert!(langnghe(&["migrate", "--database", &url]).0);
    assert!(langnghe(&["seed", "--database", &url]).0);
    let (ok, stderr) = langnghe(&["seed", "--database", &url]);
    assert!(ok, "{stderr}");
    assert!(
        dir.path().join("cli/langnghe.db").exists(),
        "folder and file are created"
    );
}

fn langnghe_with_stdin(args: &[&str], stdin: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_langnghe"))
        .args(args)
        .env_remove("LANGNGHE_DATABASE_URL")
        .env("LANGNGHE_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn create_admin_reads_the_password_from_stdin_and_refuses_weak_ones() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/admin.db", dir.path().display());
    let create = |email: &str, password: &str| {
        langnghe_with_stdin(
            &["create-admin", "--database", &url, "--email", email],
            password,
        )
    };
    // There is no flag for the password.
    let (ok, stderr) = langnghe(&[
        "create-admin",
        "--database",
        &url,
        "--email",
        "a@b.vn",
        "--password",
        "x",
    ]);
    assert!(!ok);
    assert!(stderr.contains("--password"), "{stderr}");

    let (ok, stderr) = create("admin@sct.example.vn", "short\n");
    assert!(!ok);
    assert!(stderr.contains("at least 8 characters"), "{stderr}");
    let (ok, stderr) = create("admin@sct.example.vn", "password123\n");
    assert!(!ok);
    assert!(stderr.contains("too common"), "{stderr}");
    // A refusal says why: here, a role's name in the password.
    let (ok, stderr) = create("admin@sct.example.vn", "Quản-trị-viên-2026\n");
    assert!(!ok);
    assert!(stderr.contains("contains a role's name"), "{stderr}");
    let (ok, stderr) = create("not an address", "Tre-dan-Mai-Chau-2025\n");
    assert!(!ok);
    assert!(stderr.contains("is not an e-mail address"), "{stderr}");
    let (ok, stderr) = create("", "");
    assert!(!ok, "{stderr}");

    let (ok, stderr) = create("Admin@SCT.example.vn", "Tre-dan-Mai-Chau-2025\n");
    assert!(ok, "{stderr}");
    assert!(
        !stderr.contains("Tre-dan"),
        "the password is never logged: {stderr}"
    );
    let (ok, stderr) = create("admin@sct.example.vn", "Another-Good-Pass-77\n");
    assert!(!ok);
    assert!(stderr.contains("exists already"), "{stderr}");

    let rows: Vec<(String, String, String)> =
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
            sqlx::query_as("SELECT email, role, password_hash FROM users")
                .fetch_all(&pool)
                .await
                .unwrap()
        });
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "admin@sct.example.vn");
    assert_eq!(rows[0].1, "admin");
    assert!(
        rows[0].2.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        rows[0].2
    );
}

/// A free port on the loopback address.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Sends `head` and `body` on a new connection; returns the stream.
fn connect(port: u16) -> std::io::Result<std::net::TcpStream> {
    let stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
    Ok(stream)
}

fn read_all(mut stream: std::net::TcpStream) -> String {
    use std::io::Read;
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_and_exits_cleanly() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("langnghe.db");
    let url = format!("sqlite://{}", db.display());
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_langnghe"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--database",
            &url,
        ])
        .arg("--media-dir")
        .arg(dir.path().join("media"))
        .env_remove("LANGNGHE_SITE_URL")
        .env("LANGNGHE_LOG", "warn")
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Ok(mut stream) = connect(port) {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap();
            if read_all(stream).starts_with("HTTP/1.1 200") {
                break;
            }
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "the server did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // A sign-in whose body is still on its way when the signal comes.
    let body = "email=someone%40test.example&password=not-the-password";
    let mut in_flight = connect(port).unwrap();
    write!(
        in_flight,
        "POST {} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        <app::staff::api::SignIn as leptos::server_fn::ServerFn>::PATH,
        body.len(),
        &body[..10]
    )
    .unwrap();
    in_flight.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(std::time::Duration::from_millis(500));
    // New connections are no longer taken …
    assert!(connect(port).is_err(), "still accepting after SIGTERM");
    // … but the request in flight is answered.
    in_flight.write_all(&body.as_bytes()[10..]).unwrap();
    let answer = read_all(in_flight);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("WrongCredentials"), "{answer}");
    // Then the server exits 0, with the write-ahead log emptied into the file.
    let exited = (0..200).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        server.try_wait().unwrap()
    });
    let Some(status) = exited else {
        let _ = server.kill();
        panic!("the server did not exit within 20 s");
    };
    assert!(status.success(), "{status}");
    let wal = dir.path().join("langnghe.db-wal");
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "the WAL was not checkpointed"
    );
}

/// Runs langnghe with `args`; success, stdout and stderr.
fn run(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_langnghe"))
        .args(args)
        .env_remove("LANGNGHE_DATABASE_URL")
        .env_remove("LANGNGHE_MEDIA_DIR")
        .env("LANGNGHE_LOG", "warn")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

async fn villages(url: &str) -> Vec<String> {
    let pool = server::db::connect(url).await.unwrap();
    let names = sqlx::query_scalar("SELECT slug FROM villages ORDER BY slug")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    names
}

#[tokio::test]
async fn a_backup_restores_the_database_and_photos_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("langnghe.db");
    let url = format!("sqlite://{}", db.display());
    let media = dir.path().join("media");
    let media_arg = media.to_string_lossy().into_owned();
    std::fs::create_dir_all(&media).unwrap();
    std::fs::write(media.join("aa-480.webp"), b"photo one").unwrap();
    assert!(run(&["seed", "--database", &url]).0);
    let before = villages(&url).await;
    assert!(before.len() >= 10);

    let backups = dir.path().join("backups");
    let (ok, stdout, stderr) = run(&[
        "backup",
        "--database",
        &url,
        "--media-dir",
        &media_arg,
        "--to",
        &backups.to_string_lossy(),
    ]);
    assert!(ok, "{stderr}");
    let archive = stdout.trim().to_owned();
    assert!(archive.ends_with(".tar.gz"), "{archive}");

    // Changes after the backup: a village gone, a photo changed, one added.
    let pool = server::db::connect(&url).await.unwrap();
    sqlx::query("DELETE FROM villages WHERE slug = 'ban-lac'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    std::fs::write(media.join("aa-480.webp"), b"changed").unwrap();
    std::fs::write(media.join("bb-480.webp"), b"added later").unwrap();
    assert_ne!(villages(&url).await, before);

    let restore = |from: &str| {
        run(&[
            "restore",
            "--database",
            &url,
            "--media-dir",
            &media_arg,
            "--from",
            from,
        ])
    };
    // Refused while a server holds the database; nothing changes.
    let lock = server::backup::lock_database(&db).unwrap().unwrap();
    let (ok, _, stderr) = restore(&archive);
    assert!(!ok);
    assert!(stderr.contains("stop it before restoring"), "{stderr}");
    assert_eq!(
        std::fs::read(media.join("bb-480.webp")).unwrap(),
        b"added later"
    );
    drop(lock);

    // A damaged copy is refused; nothing changes.
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    let damaged = dir.path().join("damaged.tar.gz");
    std::fs::write(&damaged, bytes).unwrap();
    let (ok, _, stderr) = restore(&damaged.to_string_lossy());
    assert!(!ok, "a damaged archive was restored");
    assert!(stderr.starts_with("langnghe: error:"), "{stderr}");
    assert!(!villages(&url).await.contains(&"ban-lac".to_owned()));

    // The real one: everything as it was at the backup.
    let (ok, _, stderr) = restore(&archive);
    assert!(ok, "{stderr}");
    assert_eq!(villages(&url).await, before);
    assert_eq!(
        std::fs::read(media.join("aa-480.webp")).unwrap(),
        b"photo one"
    );
    assert!(!media.join("bb-480.webp").exists());
    // What it replaced is kept beside it.
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| n.contains(".before-restore-"))
        .collect();
    assert!(
        kept.iter().any(|n| n.starts_with("langnghe.db.")),
        "{kept:?}"
    );
    assert!(kept.iter().any(|n| n.starts_with("media.")), "{kept:?}");
    let pool = server::db::connect(&url).await.unwrap();
    assert_eq!(model::system::integrity_check(&pool).await.unwrap(), ["ok"]);
}

/// An HTTP/1.1 answer read whole.
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_default()
    }
}

/// One request on its own connection (`Connection: close`); chunked
/// answers are decoded.
fn http(port: u16, head: &str, body: &[u8]) -> std::io::Result<Reply> {
    use std::io::{Read, Write};
    let mut stream = connect(port)?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let reply = Reply {
        status,
        head,
        body: Vec::new(),
    };
    if reply
        .header("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        let mut out = Vec::new();
        let mut rest = body.as_slice();
        while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16)
                .map_err(std::io::Error::other)?;
            if size == 0 || rest.len() < end + 2 + size {
                break;
            }
            out.extend_from_slice(&rest[end + 2..end + 2 + size]);
            rest = &rest[(end + 4 + size).min(rest.len())..];
        }
        body = out;
    }
    Ok(Reply { body, ..reply })
}

/// A server-function call (form-encoded, JSON answer) with a cookie.
fn call(port: u16, cookie: &str, path: &str, form: &str) -> std::io::Result<Reply> {
    http(
        port,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n\
             Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Cookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            form.len()
        ),
        form.as_bytes(),
    )
}

/// Starts `langnghe serve` and waits until it answers.
fn start_server(bin: &str, url: &str, media: &std::path::Path, port: u16) -> std::process::Child {
    let mut server = Command::new(bin)
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--database",
            url,
        ])
        .arg("--media-dir")
        .arg(media)
        .env_remove("LANGNGHE_SITE_URL")
        .env("LANGNGHE_LOG", "error")
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Ok(reply) = http(
            port,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            b"",
        ) && reply.status == 200
        {
            return server;
        }
        if let Ok(Some(status)) = server.try_wait() {
            panic!("the server exited at start: {status}");
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "the server did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

const EDITOR: &str = "crash@test.example";
const EDITOR_PASSWORD: &str = "Tre-dan-Mai-Chau-2025";

fn sign_in(port: u16) -> std::io::Result<String> {
    let path = <app::staff::api::SignIn as leptos::server_fn::ServerFn>::PATH;
    let reply = call(
        port,
        "",
        path,
        &format!("email={}&password={}", enc(EDITOR), enc(EDITOR_PASSWORD)),
    )?;
    reply
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| std::io::Error::other(format!("no cookie: {}", reply.status)))
}

/// Saves the village again and again with a growing number of households;
/// the last number the server acknowledged is kept in `acked`.
fn keep_saving(
    port: u16,
    cookie: &str,
    id: i64,
    next: &std::sync::atomic::AtomicI64,
    acked: &std::sync::atomic::AtomicI64,
) {
    use app::editing::api::{EditForm, SaveListing};
    use leptos::server_fn::ServerFn;
    use std::sync::atomic::Ordering;
    loop {
        let Ok(form) = call(
            port,
            cookie,
            EditForm::PATH,
            &format!("kind=village&id={id}"),
        ) else {
            return;
        };
        let data = form.json();
        let Some(values) = data["values"].as_object() else {
            return;
        };
        let value = next.fetch_add(1, Ordering::SeqCst);
        let mut body = format!(
            "kind=village&id={id}&version={}&lang=vi",
            enc(data["version"].as_str().unwrap_or_default())
        );
        for (key, stored) in values {
            let text = if key == "total_households" {
                value.to_string()
            } else {
                stored.as_str().unwrap_or_default().to_owned()
            };
            body.push_str(&format!("&fields[{key}]={}", enc(&text)));
        }
        let Ok(reply) = call(port, cookie, SaveListing::PATH, &body) else {
            return;
        };
        assert_ne!(
            reply.status,
            500,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        if reply.status == 200 && reply.json()["errors"] == serde_json::json!({}) {
            acked.fetch_max(value, Ordering::SeqCst);
        }
    }
}

/// Uploads photos again and again; counts the acknowledged ones.
fn keep_uploading(port: u16, cookie: &str, id: i64, acked: &std::sync::atomic::AtomicI64) {
    let id = id.to_string();
    let photo = crate::common::png(320, 200);
    let (content_type, body) = crate::common::multipart(
        &[
            ("kind", "village"),
            ("id", &id),
            ("lang", "vi"),
            ("alt_vi", "Ảnh thử"),
        ],
        Some(("a.png", "image/png", &photo)),
    );
    loop {
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n\
             Cookie: {cookie}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            app::media::UPLOAD_PATH,
            body.len()
        );
        let Ok(reply) = http(port, &head, &body) else {
            return;
        };
        if reply.status == 303 && reply.header("x-upload-outcome") == Some("Added") {
            acked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        } else {
            assert_ne!(reply.status, 500);
        }
    }
}

/// Photo files whose stem no row names, and rows whose files are missing.
async fn photo_files(url: &str, media: &std::path::Path) -> (usize, usize, i64) {
    let pool = server::db::connect(url).await.unwrap();
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT stem, widths FROM images")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    let mut missing = 0;
    for (stem, widths) in &rows {
        for width in widths.split(',') {
            for ext in ["webp", "jpg"] {
                if !media.join(format!("{stem}-{width}.{ext}")).exists() {
                    missing += 1;
                }
            }
        }
    }
    let stems: std::collections::HashSet<&str> = rows.iter().map(|(s, _)| s.as_str()).collect();
    let orphans = std::fs::read_dir(media)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    // Hidden names are the folder's own (its owner, the trash).
                    !name.starts_with('.')
                        && !stems.contains(name.split('-').next().unwrap_or_default())
                })
                .count()
        })
        .unwrap_or(0);
    (orphans, missing, i64::try_from(rows.len()).unwrap())
}

/// Staff saves and photo uploads against the server, killed with SIGKILL
/// at random moments and started again: every acknowledged write is
/// there, the database is sound, no photo row lacks its files, and files
/// left without a row are swept at the next start. Cycles:
/// `LANGNGHE_TORTURE_CYCLES` (default 10); binary: `LANGNGHE_TORTURE_BIN`
/// (default this build's), so that `make torture` runs the release build.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_moments_it_loses_no_acknowledged_write() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let cycles: u32 = std::env::var("LANGNGHE_TORTURE_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let bin = std::env::var("LANGNGHE_TORTURE_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_langnghe").to_owned());
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/langnghe.db", dir.path().display());
    let media = dir.path().join("media");
    let mut create = Command::new(&bin)
        .args([
            "create-user",
            "--role",
            "editor",
            "--email",
            EDITOR,
            "--database",
            &url,
        ])
        .env("LANGNGHE_LOG", "error")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = create.stdin.take().unwrap();
        writeln!(stdin, "{EDITOR_PASSWORD}").unwrap();
    }
    assert!(create.wait().unwrap().success());

    let next = Arc::new(AtomicI64::new(1));
    let saved = Arc::new(AtomicI64::new(0));
    let uploaded = Arc::new(AtomicI64::new(0));
    let (mut orphans_seen, mut kills) = (0, 0);
    let mut seed = u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos(),
    );
    for cycle in 0..cycles {
        let port = free_port();
        let mut server = start_server(&bin, &url, &media, port);
        let pool = server::db::connect(&url).await.unwrap();
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM villages ORDER BY id LIMIT 2")
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        let cookie = sign_in(port).unwrap();
        let mut workers = Vec::new();
        for (n, id) in ids.iter().copied().enumerate() {
            let (cookie, next, saved, uploaded) = (
                cookie.clone(),
                next.clone(),
                saved.clone(),
                uploaded.clone(),
            );
            workers.push(std::thread::spawn(move || {
                if n == 0 {
                    keep_saving(port, &cookie, id, &next, &saved);
                } else {
                    keep_uploading(port, &cookie, id, &uploaded);
                }
            }));
        }
        // A moment between 0.3 and 1.5 s.
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let wait = 300 + (seed >> 33) % 1200;
        std::thread::sleep(std::time::Duration::from_millis(wait));
        let killed = Command::new("kill")
            .args(["-KILL", &server.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        server.wait().unwrap();
        kills += 1;
        for worker in workers {
            worker.join().unwrap();
        }
        // What the server acknowledged is there, and sound.
        let pool = server::db::connect(&url).await.unwrap();
        assert_eq!(model::system::integrity_check(&pool).await.unwrap(), ["ok"]);
        let households: Option<i64> =
            sqlx::query_scalar("SELECT total_households FROM villages WHERE id = ?")
                .bind(ids[0])
                .fetch_one(&pool)
                .await
                .unwrap();
        pool.close().await;
        let acked = saved.load(Ordering::SeqCst);
        if acked > 0 {
            assert!(
                households.unwrap_or(0) >= acked,
                "cycle {cycle}: acknowledged {acked}, stored {households:?}"
            );
        }
        let (orphans, missing, rows) = photo_files(&url, &media).await;
        assert_eq!(missing, 0, "cycle {cycle}: photo rows without their files");
        assert!(
            rows >= uploaded.load(Ordering::SeqCst),
            "cycle {cycle}: {rows} photos stored, {} acknowledged",
            uploaded.load(Ordering::SeqCst)
        );
        orphans_seen += orphans;
    }
    // A last start sweeps what the last kill left; a clean stop.
    let port = free_port();
    let mut server = start_server(&bin, &url, &media, port);
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(server.wait().unwrap().success());
    let (orphans, missing, rows) = photo_files(&url, &media).await;
    assert_eq!((orphans, missing), (0, 0), "after the last start");
    eprintln!(
        "torture: {kills} kills, {} saves and {} uploads acknowledged, {rows} photos stored, \
         {orphans_seen} orphan files left by kills (all swept at the next start)",
        saved.load(Ordering::SeqCst),
        uploaded.load(Ordering::SeqCst)
    );
}

#[tokio::test]
async fn scheduled_backups_are_written_and_old_ones_pruned() {
    let (pool, dir) = crate::common::seeded_pool().await;
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    // Twenty days of nightly archives from before.
    let today = time::OffsetDateTime::now_utc().date();
    for days in 1..=20 {
        let day = today - time::Duration::days(days);
        let name = format!(
            "langnghe-{:04}{:02}{:02}T030000Z.tar.gz",
            day.year(),
            u8::from(day.month()),
            day.day()
        );
        std::fs::write(backups.join(name), b"old").unwrap();
    }
    std::fs::write(backups.join("notes.txt"), b"not a backup").unwrap();
    let task = tokio::spawn(server::backup::schedule(
        pool.clone(),
        dir.path().join("media"),
        backups.clone(),
        std::time::Duration::from_millis(400),
        3,
        2,
    ));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    task.abort();
    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .collect();
    names.sort();
    let stamp = format!(
        "langnghe-{:04}{:02}{:02}T",
        today.year(),
        u8::from(today.month()),
        today.day()
    );
    let new: Vec<&String> = names.iter().filter(|n| n.starts_with(&stamp)).collect();
    assert_eq!(new.len(), 1, "today's newest only: {names:?}");
    // Today, the two days before (3 days), and the newest of the week
    // before this one's (2 weeks), and the file that is not a backup.
    let archives = names.iter().filter(|n| n.ends_with(".tar.gz")).count();
    assert!((3..=5).contains(&archives), "{names:?}");
    assert!(names.contains(&"notes.txt".to_owned()));
    // The new archive is a whole backup.
    let bytes = std::fs::read(backups.join(new[0])).unwrap();
    assert!(bytes.len() > 10_000, "{} bytes", bytes.len());
}
