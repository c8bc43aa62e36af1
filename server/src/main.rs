//! The `langnghe` command: `serve`, `migrate`, `seed`.

use axum::serve::ListenerExt;
use clap::Parser;
use clap::error::ErrorKind;
use server::config::{Cli, Command, ServeArgs};
use server::{AppState, db, router, seed, synthetic};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of the system allocator: rendering a page makes many
/// small allocations on several threads, where glibc's malloc spent a
/// quarter of the CPU of a profile page under load (perf, 64 connections).
/// Built without transparent huge pages (`no_thp`, see Cargo.toml): they
/// held 118 MB of the server's memory mostly unused.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Prints an error on one line, prefixed with the program name.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    let text = message.to_string();
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    eprintln!("langnghe: error: {one_line}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            eprintln!("langnghe: error: {first} (see langnghe --help)");
            return ExitCode::from(2);
        }
    };
    let filter = EnvFilter::try_from_env("LANGNGHE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    if std::env::var("LANGNGHE_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(e),
    };
    let result = runtime.block_on(run(cli.command));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn run(command: Command) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Migrate(args) => {
            db::connect_and_migrate(&args.database_url).await?;
            tracing::info!("migrations applied");
        }
        Command::Seed(args) if args.synthetic => {
            let pool = db::connect_and_migrate(&args.db.database_url).await?;
            let started = std::time::Instant::now();
            synthetic::seed_synthetic(&pool, synthetic::Scale::FULL).await?;
            tracing::info!(
                seconds = started.elapsed().as_secs(),
                "synthetic benchmark data in place"
            );
        }
        Command::Seed(args) => {
            let pool = db::connect_and_migrate(&args.db.database_url).await?;
            let report = seed::seed(&pool).await?;
            tracing::info!(?report, "seed data in place");
        }
        Command::CreateAdmin(args) => {
            let password = server::accounts::read_password()?;
            let pool = db::connect_and_migrate(&args.db.database_url).await?;
            let id =
                server::accounts::create_admin(&pool, &args.email, args.name.as_deref(), password)
                    .await?;
            tracing::info!(id, "administrator account created");
        }
        Command::CreateUser(args) => {
            let password = server::accounts::read_password()?;
            let pool = db::connect_and_migrate(&args.admin.db.database_url).await?;
            let role = app::staff::Role::parse(&args.role).ok_or("unknown role")?;
            let id = server::accounts::create_account(
                &pool,
                &args.admin.email,
                args.admin.name.as_deref(),
                role,
                &args.communes,
                password,
            )
            .await?;
            tracing::info!(id, role = %args.role, "account created");
        }
        Command::Backup(args) => {
            let pool = db::connect(&args.db.database_url).await?;
            let path = server::backup::create(&pool, &args.media_dir, &args.to).await?;
            pool.close().await;
            println!("{}", path.display());
        }
        Command::Restore(args) => {
            let file = server::backup::database_file(&args.db.database_url)?;
            let restored = server::backup::restore(&args.from, &file, &args.media_dir).await?;
            // An archive of an older version gets this version's migrations.
            db::connect_and_migrate(&args.db.database_url)
                .await?
                .close()
                .await;
            tracing::info!(
                created = restored.manifest.created,
                files = restored.manifest.files.len(),
                kept = ?restored.previous,
                "restored"
            );
        }
        Command::Serve(args) => serve(args).await?,
    }
    Ok(())
}

async fn serve(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    // Held while serving: a restore refuses this database meanwhile.
    let _lock = match server::backup::database_file(&args.db.database_url) {
        Ok(file) => Some(
            server::backup::lock_database(&file)?
                .ok_or_else(|| format!("another langnghe process is using {}", file.display()))?,
        ),
        Err(_) => None,
    };
    let pool = db::connect_and_migrate(&args.db.database_url).await?;
    if seed::is_empty(&pool).await? {
        let report = seed::seed(&pool).await?;
        tracing::info!(?report, "seeded an empty database");
    }
    match server::media::may_tidy(&args.media_dir, &args.db.database_url) {
        Err(why) => tracing::warn!(
            folder = %args.media_dir.display(),
            "photo files without a photo are not deleted: {why}"
        ),
        Ok(()) => match server::media::sweep_orphans(&pool, &args.media_dir).await {
            Ok(0) => {}
            Ok(removed) => tracing::warn!(removed, "photo files without a photo deleted"),
            Err(error) => tracing::error!(%error, "sweeping photo files failed"),
        },
    }
    let started = std::time::Instant::now();
    let index = std::sync::Arc::new(model::index::db::build_index(&pool).await?);
    tracing::info!(
        listings = index.len(),
        ms = started.elapsed().as_millis(),
        "search index built"
    );
    let state = AppState::with_page_cache(
        pool.clone(),
        index,
        &args.site_root,
        args.base_url(),
        args.page_cache_mb,
    )
    .with_tiles(model::map::Tiles {
        url: args.tile_url(),
        attribution: args.tile_attribution.clone(),
    })
    .with_media_dir(args.media_dir.clone())
    .with_trusted_proxies(&args.trusted_proxies)
    .with_metrics_token(args.metrics_token.clone())
    .with_api_rate(args.api_rate);
    let limiter = state.sign_in_limiter.clone();
    let suggest_limiter = state.suggest_limiter.clone();
    let api_limiter = state.api_limiter.clone();
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    tracing::info!("listening on http://{}", args.addr);
    // No Nagle delay: a response's last small segment would otherwise wait
    // for the client's delayed ACK (~40 ms).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(server::router::forget_expired(
        pool.clone(),
        limiter,
        suggest_limiter,
        api_limiter,
    ));
    if let Some(dir) = &args.backup_dir {
        tokio::spawn(server::backup::schedule(
            pool.clone(),
            args.media_dir.clone(),
            dir.clone(),
            args.backup_every,
            args.backup_keep_daily,
            args.backup_keep_weekly,
        ));
    }
    // On SIGTERM or SIGINT: stop accepting, let requests in flight finish
    // (for at most the grace time), write the WAL into the database, exit 0.
    let stop = std::sync::Arc::new(tokio::sync::Notify::new());
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown({
        let stop = stop.clone();
        async move { stop.notified().await }
    });
    let mut running = tokio::spawn(async move { server.await });
    tokio::select! {
        ended = &mut running => ended??,
        () = shutdown_signal() => {
            stop.notify_one();
            let grace = std::time::Duration::from_secs(args.shutdown_grace);
            match tokio::time::timeout(grace, &mut running).await {
                Ok(ended) => ended??,
                Err(_) => {
                    tracing::warn!(seconds = args.shutdown_grace, "requests still running after the grace time: stopped");
                    running.abort();
                }
            }
        }
    }
    if let Err(error) = model::system::checkpoint(&pool).await {
        tracing::error!(%error, "checkpoint at shutdown failed");
    }
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
