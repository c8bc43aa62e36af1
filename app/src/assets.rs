//! The document head's links to the build's files, written by the server
//! around the app (`shell`). Instead of Leptos's `HydrationScripts`: the
//! addresses carry the build's version (`/pkg/<version>/…`, cached forever
//! by browsers, see `server/src/assets.rs`), the module preload carries the
//! render's nonce as `nonce` (Leptos 0.8 writes it into `crossorigin`,
//! which is invalid HTML and leaves the preload blocked by the CSP), and the
//! WASM preload asks for a CORS fetch as `fetch()` does.

use leptos::prelude::*;

/// The version of `/pkg` the server serves (a hash of its files), provided
/// to every render; without it the plain `/pkg/…` addresses are linked.
#[derive(Clone, Debug)]
pub struct AssetVersion(pub String);

/// The address of the build's files.
fn pkg() -> String {
    match use_context::<AssetVersion>() {
        Some(AssetVersion(v)) if !v.is_empty() => format!("/pkg/{v}"),
        _ => "/pkg".to_owned(),
    }
}

/// The suffix of the public pages' bundle (`langnghe-islands.js`), built
/// from the `islands` crate beside cargo-leptos's `langnghe.js`.
pub const ISLANDS_SUFFIX: &str = "-islands";

/// The script that starts a public page: the islands bundle's `hydrate`
/// (its enhancements), then each `<leptos-island>` by its component's
/// exported function, then `data-hydrated` on the body for tests.
const ISLANDS_START: &str = "m.hydrate();\
    for(const e of document.querySelectorAll(\"leptos-island\")){const f=m[e.dataset.component];if(f)f(e)}\
    document.body.dataset.hydrated=\"true\"";

/// The stylesheet, the preloads of the JavaScript and WASM, and the
/// script that loads them and hydrates the page: the whole application
/// on staff pages (`frontend`), the islands alone on public pages
/// (`islands`).
#[component]
pub fn HeadAssets(options: LeptosOptions, islands: bool) -> impl IntoView {
    let pkg = pkg();
    let name = options.output_name.to_string();
    let bundle = if islands {
        format!("{name}{ISLANDS_SUFFIX}")
    } else {
        name.clone()
    };
    let nonce = leptos::nonce::use_nonce();
    let js = format!("{pkg}/{bundle}.js");
    let wasm = format!("{pkg}/{bundle}.wasm");
    // Both addresses come from the server's configuration and a hex hash;
    // as JSON strings they cannot end the script.
    let script = format!(
        "import({js}).then(m=>m.default({{module_or_path:{wasm}}}).then(()=>{{{start}}}));",
        js = model::text::json_for_script(&serde_json::Value::String(js.clone())),
        wasm = model::text::json_for_script(&serde_json::Value::String(wasm.clone())),
        start = if islands {
            ISLANDS_START
        } else {
            "m.hydrate()"
        },
    );
    view! {
        <link rel="stylesheet" href=format!("{pkg}/{name}.css") />
        <link rel="modulepreload" href=js nonce=nonce.clone() />
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="anonymous" />
        <script type="module" nonce=nonce>{script}</script>
    }
}
