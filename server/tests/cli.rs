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
