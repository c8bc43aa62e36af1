//! The browser entry: hydrates the server-rendered page. The staff routes
//! are lazy (split into their own WASM files), so hydration waits for the
//! current route's code: `hydrate_lazy`, not `hydrate_body`.

#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
