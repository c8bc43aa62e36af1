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
