//! How much memory the search index of a database takes: builds it the way
//! the server does at start-up and prints the process's resident memory
//! before, at its peak and after. `make bench` runs it on the synthetic
//! database; `cargo run --release -p model --features ssr --example
//! index_memory -- sqlite://FILE?mode=ro` runs it on any.

use std::str::FromStr;

/// `VmRSS` and `VmHWM` (the peak) of this process, in KiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .ok_or("usage: index_memory sqlite://FILE?mode=ro")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(&url)?;
        let pool = sqlx::SqlitePool::connect_with(options).await?;
        let (before, _) = memory();
        let index = model::index::db::build_index(&pool).await?;
        let (after, peak) = memory();
        println!(
            "search index of {} listings: resident memory {} MiB before, {} MiB at the peak, {} MiB after (+{} MiB)",
            index.len(),
            before / 1024,
            peak / 1024,
            after / 1024,
            after.saturating_sub(before) / 1024
        );
        Ok(())
    })
}
