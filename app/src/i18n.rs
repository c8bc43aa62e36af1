//! The language of the page being rendered. The languages and the UI string
//! tables are `model::i18n`; this is the Leptos side: the current language
//! read from the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use model::i18n::Lang;

/// The current language, derived from the URL so that server and browser
/// always agree.
pub fn use_lang() -> Memo<Lang> {
    let location = use_location();
    Memo::new(move |_| Lang::from_path(&location.pathname.get()))
}
