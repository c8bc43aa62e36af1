//! The browser entry of the public pages. They are rendered on the server
//! and work without JavaScript; what runs here is only what a page needs
//! beyond that: the `#[island]` components of `app` (the search box's
//! suggestions, the live map), hydrated one by one by the page's script
//! (`app::assets::HeadAssets`), and the enhancements of `app::enhance`.
//! None of the application's other code reaches this bundle, so a public
//! page loads a fraction of the staff workspace's WASM (`frontend`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::enhance::start();
}
