//! Lazily loaded routes: a route's code is split out of the main WASM
//! bundle (`cargo leptos build --split`) and fetched when the route is
//! opened (on a first load, before its page hydrates). [`lazy_page!`]
//! declares one; the staff area's routes use it.
//!
//! The public pages stay in the main bundle: measured (stop 31), a split
//! point per public page made a profile fetch 161 chunks (wasm-split puts
//! the code two split points share into chunks of its own), 486 KB brotli
//! in all, and its mobile Lighthouse score fell to 70 (TBT 1.5 s); one
//! split point for all of them fetched 166 chunks, 664 KB, on every page
//! but the home page.
//!
//! Each page's data is started by its split code, not by `data()`: that
//! would run in the main bundle and bring the data types' deserializers
//! with it (measured for the staff pages: +52 KB brotli on every public
//! page).

/// `lazy_page!(Name => view expression)`: a unit struct routed with
/// `leptos_router::Lazy::<Name>::new()` whose view is `view expression`,
/// compiled into its own chunk.
///
/// Split only with the `split` feature (the staff workspace's bundle,
/// `frontend`): the public pages' bundle (`islands`) has no routes, and a
/// split function is an export of every WASM file it is linked into, so
/// there it would bring the whole staff workspace along.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident => $view:expr) => {
        $(#[$doc])*
        pub struct $name;

        #[cfg_attr(feature = "split", leptos_router::lazy_route)]
        impl leptos_router::LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            #[cfg(feature = "split")]
            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                $view.into_any()
            }

            #[cfg(not(feature = "split"))]
            async fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                $view.into_any()
            }
        }
    };
}

pub(crate) use lazy_page;
