// Rebuild when a migration or seed file changes (sqlx::migrate! and
// include_str! alone do not notice new files).
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=seed");
}
