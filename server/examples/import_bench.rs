//! `make bench`: a 10,000-row XLSX import of enterprises on a fresh seeded
//! database, timed step by step as the server does it: reading the file
//! (calamine), the preview (every row read, checked and matched), applying
//! it (one transaction through the one write path), the preview of the
//! same file again (every row unchanged), and the undo.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::AtomicUsize;
use std::time::Instant;

const ROWS: usize = 10_000;

/// A valid tax code (its tenth digit the check digit) from a counter: the
/// first of sixteen nine-digit prefixes of its own whose check digit is
/// not 10 (such sequences are never issued).
fn tax_code(n: usize) -> String {
    (0..16)
        .find_map(|j| {
            let text = format!("{:09}", 540_000_000 + n * 16 + j);
            let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
            let nine: [u8; 9] = digits.try_into().ok()?;
            model::tax_code::check_digit(&nine).map(|check| format!("{text}{check}"))
        })
        .expect("one of sixteen prefixes has a check digit")
}

fn workbook(communes: &[String]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "Tên (tiếng Việt)",
        "Tên (tiếng Anh)",
        "Loại hình",
        "Mã số thuế",
        "Xã/phường",
        "Năm thành lập",
        "Điện thoại",
        "Nguồn (địa chỉ web)",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet
            .write_string(0, u16::try_from(c).unwrap(), *h)
            .unwrap();
    }
    for n in 0..ROWS {
        let r = u32::try_from(n + 1).unwrap();
        let cells = [
            format!("Hợp tác xã thử nghiệm số {n}"),
            format!("Test cooperative number {n}"),
            "Hợp tác xã".to_owned(),
            tax_code(n),
            communes[n % communes.len()].clone(),
            format!("{}", 1990 + n % 30),
            format!("0218 3{:06}", n),
            "https://sct.phutho.gov.vn/".to_owned(),
        ];
        for (c, text) in cells.iter().enumerate() {
            sheet
                .write_string(r, u16::try_from(c).unwrap(), text)
                .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    let pool = server::db::connect_and_migrate(&url).await.unwrap();
    server::seed::seed(&pool).await.unwrap();
    let user = model::staff::db::insert(
        &pool,
        &model::staff::Email::parse("bench@langnghe.invalid").unwrap(),
        "Bench",
        model::staff::Role::Admin,
        &model::staff::db::PasswordHash("not a hash: this account never signs in".to_owned()),
        &[],
    )
    .await
    .unwrap();
    let communes: Vec<String> = sqlx::query_scalar("SELECT name FROM communes ORDER BY code")
        .fetch_all(&pool)
        .await
        .unwrap();
    let bytes = workbook(&communes);
    let ignored = app::staff::imports::ignored_headers();

    let started = Instant::now();
    let sheet = server::import::read_sheet(&bytes, "bench.xlsx").unwrap();
    let read = started.elapsed();
    assert_eq!(sheet.rows.len(), ROWS);

    // The preview: the import kept, its plan made (as its page does).
    let t = Instant::now();
    let id = model::import::db::insert(
        &pool,
        model::listing::Kind::Enterprise,
        "bench.xlsx",
        "-",
        user,
        &sheet,
    )
    .await
    .unwrap();
    let stored = model::import::db::get(&pool, id).await.unwrap().unwrap();
    let columns = model::import::db::columns(&stored, &ignored);
    assert!(columns.iter().all(|c| c.sure), "{columns:?}");
    let cx = model::import::db::context_of(&pool).await.unwrap();
    let plan = model::import::db::preview(&pool, &stored, &columns, &[], &cx)
        .await
        .unwrap();
    let preview = t.elapsed();
    assert_eq!(
        plan.counts.create,
        ROWS,
        "{:?}",
        plan.rows.iter().find(|r| !r.problems.is_empty())
    );

    // Applying: the plan made again inside the transaction, every row written.
    let t = Instant::now();
    assert!(model::import::db::start_applying(&pool, id).await.unwrap());
    let progress = AtomicUsize::new(0);
    let applied = model::import::db::apply(&pool, &stored, &columns, &[], &cx, user, &progress)
        .await
        .unwrap()
        .unwrap();
    let apply = t.elapsed();
    assert_eq!(applied.written.len(), ROWS);
    let t = Instant::now();
    let index = model::index::db::build_index(&pool).await.unwrap();
    let reindex = t.elapsed();
    drop(index);

    // The same file again: every row unchanged.
    let t = Instant::now();
    let again = model::import::db::preview(&pool, &stored, &columns, &[], &cx)
        .await
        .unwrap();
    let reimport = t.elapsed();
    assert_eq!(again.counts.unchanged, ROWS);

    let t = Instant::now();
    let form = model::editing::db::form_context(&pool).await.unwrap();
    let undone = model::import::db::undo(&pool, id, user, &form)
        .await
        .unwrap()
        .unwrap();
    let undo = t.elapsed();
    assert_eq!(undone.len(), ROWS);

    let ms = |d: std::time::Duration| format!("{:>8.0}", d.as_secs_f64() * 1000.0);
    println!(
        "{ROWS}-row XLSX import of enterprises ({} KB file)",
        bytes.len() / 1024
    );
    println!("  read the file (calamine)          {} ms", ms(read));
    println!("  preview (every row planned)       {} ms", ms(preview));
    println!("  apply (one transaction)           {} ms", ms(apply));
    println!("  search index rebuilt after it     {} ms", ms(reindex));
    println!(
        "  preview + apply                   {} ms",
        ms(read + preview + apply + reindex)
    );
    println!("  the same file again: unchanged    {} ms", ms(reimport));
    println!("  undo                              {} ms", ms(undo));
}
