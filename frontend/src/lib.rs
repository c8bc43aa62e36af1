//! The staff workspace's browser entry: hydrates the server-rendered page
//! as a whole application (public pages load the `islands` crate's bundle
//! instead). The staff routes are lazy (split into their own WASM files),
//! so hydration waits for the current route's code: `hydrate_lazy`, not
//! `hydrate_body`.

#![recursion_limit = "256"]

/// Room for `wasm-split` (cargo-leptos `--split`) to lay out the data of
/// the main file and the lazy routes' files. It moves each piece of
/// constant data (strings, tables) into the file whose code uses it, with
/// each file's part aligned; when the aligned parts add up to more than
/// the linked data segment it gives up and leaves *all* data in the main
/// file ("Overlong segment 0 by 280 after relocation, putting it in main
/// module"): at stop 32 that put the staff pages' words in every public
/// page, 549,768 instead of about 510,000 bytes brotli. These bytes lie in
/// that segment but nothing refers to them, so the splitter puts them in
/// no file and the parts have room; `#[used]` keeps the linker from
/// dropping them. Without `--split` they stay, and compress to a few
/// bytes. `scripts/wasm-split-check.mjs` (run by `make build`) fails the build when the data
/// ends up in the main file again.
#[used]
static SPLIT_ROOM: [u8; 8192] = [0xa5; 8192];

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
