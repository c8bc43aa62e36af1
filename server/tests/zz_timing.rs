#![allow(clippy::unwrap_used)]
use app::search::DirectoryQuery;
use app::search::index::SearchIndex;

#[tokio::test]
#[ignore]
async fn timing() {
    let pool = server::db::connect_and_migrate("sqlite:///work/main/target/bench/synthetic.db")
        .await
        .unwrap();
    let t = std::time::Instant::now();
    let index = SearchIndex::build(&pool).await.unwrap();
    println!("build {:?} docs {}", t.elapsed(), index.len());
    for qs in [
        "kind=village",
        "q=hop+tac",
        "q=4321&kind=enterprise",
        "kind=enterprise&form=cooperative&district=156&page=50",
        "",
        "q=lang",
    ] {
        let q = DirectoryQuery::parse(qs);
        let _ = index.query(&q);
        let t = std::time::Instant::now();
        let n = 20;
        let mut total = 0;
        for _ in 0..n {
            total += index.query(&q).total;
        }
        println!(
            "{qs:60} {:?} per query, total {}",
            t.elapsed() / n,
            total / n as usize
        );
    }
}
