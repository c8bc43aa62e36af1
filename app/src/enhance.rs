//! What a public page does with JavaScript beyond its islands, as listeners
//! on the document (the page itself is plain server-rendered HTML):
//!
//! - **Copy buttons** (`data-copy`, drawn beside a text): copy the text of
//!   the element before the button and say so on the button.
//! - **Filters submit on change**: choosing in a `<select>` of a filter
//!   fieldset (`fieldset.filters`) sends its form at once; the button does
//!   that without JavaScript. The new page gives the focus back to that
//!   `<select>` (and opens its folded filters), so a keyboard user keeps
//!   their place.
//! - **No empty parameters**: a GET form leaves its empty fields out of the
//!   address (`?q=ruou`, not `?q=ruou&craft=&=`; without JavaScript the
//!   server redirects such addresses).
//!
//! The staff workspace is hydrated as a whole (`frontend`) and has its own
//! handlers for forms and filters; it uses the copy buttons alone.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, HtmlFormElement, HtmlSelectElement};

/// Where the id of the filter changed last waits for the next page.
const FOCUS_KEY: &str = "langnghe-focus";

/// Starts every enhancement of a public page.
pub fn start() {
    copy_buttons();
    listen("change", on_change);
    listen("submit", on_submit);
    restore_focus();
}

/// Copy buttons, on the public pages and the staff workspace.
pub fn copy_buttons() {
    listen("click", |event| {
        let Some(button) = target(&event).and_then(|t| t.closest("[data-copy]").ok().flatten())
        else {
            return;
        };
        let text = button
            .previous_element_sibling()
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        let Some(window) = web_sys::window() else {
            return;
        };
        // navigator.clipboard.writeText(text), where the browser has it.
        let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
            .ok()
            .filter(|c| !c.is_undefined());
        let write = clipboard.as_ref().and_then(|c| {
            js_sys::Reflect::get(c, &"writeText".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()
        });
        if let (Some(clipboard), Some(write)) = (clipboard, write)
            && write.call1(&clipboard, &text.into()).is_ok()
            && let Some(done) = button.get_attribute("data-done")
        {
            button.set_text_content(Some(&done));
        }
    });
}

/// Adds a listener to the document for as long as the page lives.
fn listen(kind: &str, handler: impl Fn(Event) + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    let _ = document.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A filter's `<select>` changed: remember it and send its form.
fn on_change(event: Event) {
    let Some(select) = target(&event)
        .filter(|t| t.closest("fieldset.filters").ok().flatten().is_some())
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
    else {
        return;
    };
    let Some(form) = select.form() else {
        return;
    };
    if let Some(storage) = session() {
        let _ = storage.set_item(FOCUS_KEY, &select.id());
    }
    // Fires `submit`, so the empty fields are left out as for the button.
    let _ = form.request_submit();
}

/// A GET form is sent: with any empty field, go to the address without
/// them instead.
fn on_submit(event: Event) {
    let Some(form) = target(&event).and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else {
        return;
    };
    if !form.method().eq_ignore_ascii_case("get") {
        return;
    }
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let mut kept = form_urlencoded::Serializer::new(String::new());
    let mut dropped = false;
    for entry in js_sys::try_iter(&data).ok().flatten().into_iter().flatten() {
        let Ok(entry) = entry else { continue };
        let pair = js_sys::Array::from(&entry);
        let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            // A file field: leave the form to the browser.
            return;
        };
        if value.trim().is_empty() || name.is_empty() {
            dropped = true;
        } else {
            kept.append_pair(&name, &value);
        }
    }
    if !dropped {
        return;
    }
    event.prevent_default();
    let action = form.action();
    let base = action.split(['?', '#']).next().unwrap_or_default();
    let query = kept.finish();
    let address = if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    };
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&address);
    }
}

/// After a filter sent its form: focus that filter on the new page.
fn restore_focus() {
    let Some(storage) = session() else {
        return;
    };
    let Ok(Some(id)) = storage.get_item(FOCUS_KEY) else {
        return;
    };
    let _ = storage.remove_item(FOCUS_KEY);
    let Some(select) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if let Some(details) = select
        .closest("details")
        .ok()
        .flatten()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    {
        details.set_open(true);
    }
    let _ = select.focus();
}
