//! The staff area's routes, lazily loaded: their code is split out of the
//! public WASM bundle (`cargo leptos build --split`) and fetched only when
//! a staff page is opened. Each route's view is an async function that
//! the split build loads on demand; the public pages never pay for it.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident => $component:path) => {
        $(#[$doc])*
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                $component().into_any()
            }
        }
    };
}

lazy_page!(
    /// `/dang-nhap`, `/en/sign-in`.
    SignInRoute => super::pages::SignInPage
);
lazy_page!(
    /// `/quan-tri`, `/en/admin`.
    DashboardRoute => super::pages::DashboardPage
);
lazy_page!(
    /// `/quan-tri/:kind`.
    ListRoute => crate::editing::pages::StaffListPage
);
lazy_page!(
    /// `/quan-tri/:kind/:id`.
    EditRoute => crate::editing::pages::EditPage
);
lazy_page!(
    /// `/quan-tri/:kind/:id/lich-su`.
    HistoryRoute => crate::editing::pages::HistoryPage
);
lazy_page!(
    /// `/tai-khoan`, `/en/account`.
    AccountRoute => super::account::AccountPage
);
lazy_page!(
    /// `/nguoi-dung`, `/en/users`.
    AccountsRoute => super::accounts::AccountsPage
);
