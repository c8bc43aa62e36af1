//! The `langnghe` command line: errors are one line with a non-zero exit,
//! and seeding twice adds nothing.

#![allow(clippy::unwrap_used)]

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
    assert!(stderr.contains("most common passwords"), "{stderr}");
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

    // Refused while a server holds the database; nothing changes.
    let lock = server::backup::lock_database(&db).unwrap().unwrap();
    let (ok, _, stderr) = run(&[
        "restore",
        "--database",
        &url,
        "--media-dir",
        &media_arg,
        "--from",
        &archive,
    ]);
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
    let (ok, _, stderr) = run(&[
        "restore",
        "--database",
        &url,
        "--media-dir",
        &media_arg,
        "--from",
        &damaged.to_string_lossy(),
    ]);
    assert!(!ok, "a damaged archive was restored");
    assert!(stderr.starts_with("langnghe: error:"), "{stderr}");
    assert!(!villages(&url).await.contains(&"ban-lac".to_owned()));

    // The real one: everything as it was at the backup.
    let (ok, _, stderr) = run(&[
        "restore",
        "--database",
        &url,
        "--media-dir",
        &media_arg,
        "--from",
        &archive,
    ]);
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
    assert_eq!(app::system::integrity_check(&pool).await.unwrap(), ["ok"]);
}
