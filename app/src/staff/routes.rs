//! The staff area's routes, lazily loaded: their code is split out of the
//! public WASM bundle (`cargo leptos build --split`) and fetched only when
//! a staff page is opened. Each route's view is an async function that
//! the split build loads on demand; the public pages never pay for it.
//! Each route's `data()` (in the main bundle) starts the page's server
//! calls at once, so its data and its code arrive together.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident => $page:path, $load:ty) => {
        $(#[$doc])*
        pub struct $name($load);

        #[lazy_route]
        impl LazyRoute for $name {
            /// In the main bundle: the page's server functions are called
            /// while its code is fetched, not after.
            fn data() -> Self {
                $name(<$load>::start())
            }

            fn view(this: Self) -> AnyView {
                $page(this.0).into_any()
            }
        }
    };
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
    /// `/dang-nhap`, `/en/sign-in` (its only data is a refused plain-form
    /// sign-in's message).
    SignInRoute => super::pages::SignInPage
);
lazy_page!(
    /// `/quan-tri`, `/en/admin`.
    DashboardRoute => super::pages::dashboard_page, super::pages::DashboardLoad
);
lazy_page!(
    /// `/quan-tri/:kind`.
    ListRoute => crate::editing::pages::staff_list_page, crate::editing::pages::ListLoad
);
lazy_page!(
    /// `/quan-tri/:kind/:id`.
    EditRoute => crate::editing::pages::edit_page, crate::editing::pages::EditLoad
);
lazy_page!(
    /// `/quan-tri/:kind/:id/lich-su`.
    HistoryRoute => crate::editing::pages::history_page, crate::editing::pages::HistoryLoad
);
lazy_page!(
    /// `/tai-khoan`, `/en/account`.
    AccountRoute => super::account::account_page_view, super::account::AccountLoad
);
lazy_page!(
    /// `/nhat-ky`, `/en/audit-log`.
    AuditRoute => super::audit::audit_page_view, super::audit::AuditLoad
);
lazy_page!(
    /// `/nguoi-dung`, `/en/users`.
    AccountsRoute => super::accounts::accounts_page_view, super::accounts::AccountsLoad
);
