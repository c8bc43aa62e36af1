//! The staff area's routes, lazily loaded: their code is split out of the
//! public WASM bundle (`cargo leptos build --split`) and fetched only when
//! a staff page is opened. Each route's view is an async function that
//! the split build loads on demand; the public pages never pay for it.
//! Each page's data is started by its split code (`…Load::start`), not by
//! `data()`: that would run in the main bundle and bring the staff data
//! types' deserializers with it (measured: +52 KB brotli on every public
//! page), a higher price than the short wait on first opening.

use crate::lazy::lazy_page;

lazy_page!(
    /// `/dang-nhap`, `/en/sign-in` (its only data is a refused plain-form
    /// sign-in's message).
    SignInRoute => super::pages::SignInPage()
);
lazy_page!(
    /// `/quan-tri`, `/en/admin`.
    DashboardRoute => super::dashboard::dashboard_page(super::dashboard::DashboardLoad::start())
);
lazy_page!(
    /// `/quan-tri/:kind`.
    ListRoute => crate::editing::list_page::staff_list_page(crate::editing::list_page::ListLoad::start())
);
lazy_page!(
    /// `/quan-tri/:kind/:id`.
    EditRoute => crate::editing::pages::edit_page(crate::editing::pages::EditLoad::start())
);
lazy_page!(
    /// `/quan-tri/:kind/:id/lich-su`.
    HistoryRoute => crate::editing::pages::history_page(crate::editing::pages::HistoryLoad::start())
);
lazy_page!(
    /// `/quan-tri/:kind/:id/xem-truoc`.
    PreviewRoute => crate::editing::preview::preview_page(crate::editing::preview::PreviewLoad::start())
);
lazy_page!(
    /// `/tai-khoan`, `/en/account`.
    AccountRoute => super::account::account_page_view(super::account::AccountLoad::start())
);
lazy_page!(
    /// `/nhat-ky`, `/en/audit-log`.
    AuditRoute => super::audit::audit_page_view(super::audit::AuditLoad::start())
);
lazy_page!(
    /// `/nguoi-dung`, `/en/users`.
    AccountsRoute => super::accounts::accounts_page_view(super::accounts::AccountsLoad::start())
);
lazy_page!(
    /// `/luot-gioi-thieu`, `/en/referrals`.
    ReferralsRoute => super::referrals::referrals_page_view(super::referrals::ReferralsLoad::start())
);
lazy_page!(
    /// `/tour-doi-tac`, `/en/partner-tours`.
    ToursRoute => super::tours::tours_page_view(super::tours::ToursLoad::start())
);
lazy_page!(
    /// `/nhap-du-lieu`, `/nhap-du-lieu/:id`, `/en/import`, `/en/import/:id`.
    ImportsRoute => super::imports::imports_page_view(super::imports::ImportsLoad::start())
);
