//! The language of the page being rendered. The languages and the UI string
//! tables are `model::i18n`; this is the Leptos side: the current language
//! read from the URL once by the layout and shared with every component.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use model::i18n::Lang;

/// The page's language, provided by the layout.
#[derive(Clone, Copy)]
struct CurrentLang(Memo<Lang>);

/// Reads the language from the URL (inside the router) and provides it to
/// everything below; the layout calls it once.
pub fn provide_lang() -> Memo<Lang> {
    let location = use_location();
    let lang = Memo::new(move |_| Lang::from_path(&location.pathname.get()));
    provide_context(CurrentLang(lang));
    lang
}

/// The current language, derived from the URL so that server and browser
/// always agree. Below the layout it is the layout's; elsewhere (or in a
/// server render whose request was dropped and whose owners are gone, as
/// seen once under load at the end of a benchmark) the request's path
/// decides, then Vietnamese — never a panic.
pub fn use_lang() -> Memo<Lang> {
    if let Some(CurrentLang(lang)) = use_context::<CurrentLang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    let lang = use_context::<http::request::Parts>()
        .map(|parts| Lang::from_path(parts.uri.path()))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let lang = Lang::from_path(&window().location().pathname().unwrap_or_default());
    Memo::new(move |_| lang)
}
