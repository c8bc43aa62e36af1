//! The staff pages of editing: the list of one kind, a listing's form and
//! its history.

use super::api::{ArchiveListing, RestoreRevision, SaveListing, edit_form, listing_history};
use super::fields::sections::Section;
use super::fields::{FieldKind, FieldSpec};
use super::review::ProposeEdit;
use super::{EditData, FieldErrors, FormContext, History, spec_of};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::staff::chrome::{StaffError, StaffMeta, StaffNav};
use crate::staff::strings::st;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use model::i18n::Lang;
use model::listing::Kind;

fn public_path(lang: Lang, kind: Kind, slug: &str) -> String {
    kind.profile_path(lang, slug)
}

pub(super) fn route_kind() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("kind").unwrap_or_default())
}

pub(super) fn route_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    })
}

pub(super) type UserResource = crate::data::Data<Result<Option<crate::staff::StaffUser>, AppError>>;

pub(super) fn user_resource() -> UserResource {
    crate::data::resource(|| (), |_| crate::staff::api::who_am_i())
}

/// `/quan-tri/:kind/:id`: a listing's form.
/// A listing form's data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct EditLoad {
    archive: ServerAction<ArchiveListing>,
    data: crate::data::Data<Result<EditData, AppError>>,
    user: UserResource,
}

impl EditLoad {
    pub fn start() -> Self {
        let (kind, id) = (route_kind(), route_id());
        // A hydrated archive (or its undoing) reloads the form in place.
        let archive = ServerAction::<ArchiveListing>::new();
        let data = crate::data::resource(
            move || (kind.get(), id.get(), archive.version().get()),
            |(k, i, _)| edit_form(k, i),
        );
        Self {
            archive,
            data,
            user: user_resource(),
        }
    }
}

pub fn edit_page(load: EditLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let EditLoad {
        archive,
        data,
        user,
    } = load;
    view! {
        <StaffMeta title=s.edit />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match (data.await, user.await) {
                    (Ok(data), Ok(Some(user))) => view! {
                        <StaffNav user />
                        <EditForm data lang archive />
                    }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <StaffError error /> }.into_any(),
                    (_, Ok(None)) => view! { <StaffError error=crate::error::AppError::Unauthorized /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(data: EditData, lang: Lang, archive: ServerAction<ArchiveListing>) -> impl IntoView {
    let s = st(lang);
    let Some(spec) = spec_of(data.kind) else {
        return view! { <StaffError error=crate::error::AppError::NotFound /> }.into_any();
    };
    if !data.may_edit && !data.propose {
        return view! { <ReadOnly data spec lang /> }.into_any();
    }
    let save = ServerAction::<SaveListing>::new();
    let errors = RwSignal::new(data.errors.clone());
    let propose = ServerAction::<ProposeEdit>::new();
    // The server's answer replaces the errors shown (hydrated saves).
    Effect::new(move |_| {
        if let Some(Ok(outcome)) = save.value().get() {
            errors.set(outcome.errors);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(outcome)) = propose.value().get() {
            errors.set(outcome.errors);
        }
    });
    let proposed_before = data.proposed;
    let proposed = move || match propose.value().get() {
        Some(Ok(outcome)) => outcome.proposal.is_some(),
        Some(Err(_)) => false,
        None => proposed_before,
    };
    let values = StoredValue::new(data.values.clone());
    let cx = StoredValue::new(data.cx.clone());
    let (conflicts_before, meanwhile_before, changed_by_before) = (
        data.conflicts.clone(),
        data.meanwhile.clone(),
        data.changed_by.clone(),
    );
    let propose_only = data.propose;
    // The form in parts (names, place, figures, texts, contacts,
    // sources), each a titled section the table of contents leads to.
    let shown =
        move |field: &&FieldSpec| !(propose_only && super::DEPARTMENT_ONLY.contains(&field.key));
    let parts: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|part| {
            spec.iter()
                .filter(shown)
                .any(|f| Section::of(f.key) == *part)
        })
        .collect();
    let fields = {
        let parts = parts.clone();
        move || {
            parts
                .iter()
                .map(|part| {
                    let anchor = part.anchor();
                    let inputs = spec
                        .iter()
                        .filter(shown)
                        .filter(|f| Section::of(f.key) == *part)
                        .map(|field| {
                            let value =
                                values.with_value(|v| v.get(field.key).cloned().unwrap_or_default());
                            view! { <FieldInput field=*field value errors cx lang /> }
                        })
                        .collect_view();
                    view! {
                        <section class="form-part" id=anchor aria-labelledby=format!("{anchor}-title")>
                            <h2 id=format!("{anchor}-title")>{s.section_title(*part)}</h2>
                            {inputs}
                        </section>
                    }
                })
                .collect_view()
        }
    };
    let toc = {
        let photos = data.id != 0 && data.may_edit;
        view! {
            <nav class="form-toc" aria-label=s.form_parts>
                <ul>
                    {parts.iter().map(|part| view! {
                        <li><a href=format!("#{}", part.anchor())>{s.section_title(*part)}</a></li>
                    }).collect_view()}
                    {photos.then(|| view! { <li><a href="#photos">{s.photos}</a></li> })}
                </ul>
            </nav>
        }
    };
    let (kind_code, id_text, version) =
        (data.kind.code(), data.id.to_string(), data.version.clone());
    let name = data.values.get("name_vi").cloned().unwrap_or_default();
    let kind = data.kind;
    let slug = data.slug.clone();
    // The public address follows a slug changed by a hydrated save.
    let public = move || {
        let saved_slug = save
            .value()
            .get()
            .and_then(Result::ok)
            .filter(|o| o.errors.is_empty())
            .map(|o| o.slug);
        public_path(lang, kind, saved_slug.as_deref().unwrap_or(&slug))
    };
    let history = format!(
        "{}{}",
        data.kind.edit_path(lang, data.id),
        model::paths::history_tail(lang)
    );
    let saved_before = data.saved;
    let saved = move || match save.value().get() {
        Some(Ok(outcome)) => outcome.errors.is_empty(),
        Some(Err(_)) => false,
        None => saved_before,
    };
    // The bar answers the last save only: live checks as fields change
    // would change its height under the pointer between the press and the
    // release of Save (the click then lands nowhere).
    let refused_before = !data.errors.is_empty();
    let refused = move || match (save.value().get(), propose.value().get()) {
        (Some(Ok(outcome)), _) | (_, Some(Ok(outcome))) => !outcome.errors.is_empty(),
        (Some(Err(_)), _) | (_, Some(Err(_))) => false,
        (None, None) => refused_before,
    };
    // Typing not yet saved: leaving the page asks first, and the typing is
    // kept on this device until it is saved (with JavaScript).
    let leave_question = s.leave_question;
    let draft_key = StoredValue::new(format!("{}:{}", data.kind.code(), data.id));
    #[cfg(not(feature = "hydrate"))]
    let _ = draft_key;
    let typed = move |_: leptos::ev::Event| {
        crate::staff::chrome::unsaved(Some(leave_question));
        #[cfg(feature = "hydrate")]
        draft_key.with_value(|key| draft::save(key));
    };
    on_cleanup(|| crate::staff::chrome::unsaved(None));
    // Typing sent along with a photo upload (no JavaScript) is back in the
    // form, unsaved: leaving still asks.
    let kept = data.kept;
    // A draft of this listing left on this device (a reload, a lost
    // connection, a closed tab) that differs from the form: offered back.
    let offer = RwSignal::new(None::<String>);
    let restored = RwSignal::new(false);
    Effect::new(move |_| {
        if kept {
            crate::staff::chrome::unsaved(Some(leave_question));
        }
        #[cfg(feature = "hydrate")]
        draft_key.with_value(|key| offer.set(draft::offer(key, lang)));
    });
    let restore_draft = move |_| {
        #[cfg(feature = "hydrate")]
        draft_key.with_value(|key| {
            if draft::restore(key) {
                crate::staff::chrome::unsaved(Some(leave_question));
                restored.set(true);
            }
        });
        offer.set(None);
    };
    let discard_draft = move |_| {
        #[cfg(feature = "hydrate")]
        draft_key.with_value(|key| draft::remove(key));
        offer.set(None);
    };
    // After each answer (hydrated): a refused save takes the eye and the
    // keyboard to the list of what to correct (the bar says so where the
    // user is); a successful one ends the question on leaving (below).
    Effect::watch(
        move || (save.version().get(), propose.version().get()),
        move |_, _, _| {
            let answer = save
                .value()
                .get_untracked()
                .or_else(|| propose.value().get_untracked());
            // What others saved meanwhile (and was kept) shows in its field,
            // so that the next save does not put the old text back.
            if let Some(Ok(outcome)) = &answer {
                for change in &outcome.meanwhile {
                    show_value(&change.key, &change.theirs);
                }
            }
            match answer {
                Some(Ok(outcome)) if outcome.errors.is_empty() => {
                    crate::staff::chrome::unsaved(None);
                    #[cfg(feature = "hydrate")]
                    draft_key.with_value(|key| draft::remove(key));
                    restored.set(false);
                }
                Some(Ok(_)) => request_animation_frame(|| {
                    if let Some(summary) = document().get_element_by_id("form-errors") {
                        use leptos::wasm_bindgen::JsCast;
                        if let Ok(summary) = summary.dyn_into::<leptos::web_sys::HtmlElement>() {
                            let _ = summary.focus();
                        }
                    }
                }),
                _ => {}
            }
        },
        false,
    );
    // Enter in a one-line field does not send the whole form; Ctrl+S
    // (⌘S) does.
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        use leptos::wasm_bindgen::JsCast;
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok());
        let in_input = target.as_ref().is_some_and(|t| t.tag_name() == "INPUT");
        if ev.key() == "Enter" && in_input {
            ev.prevent_default();
        } else if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
            ev.prevent_default();
            if let Some(Ok(form)) = target
                .and_then(|t| t.closest("form").ok().flatten())
                .map(|form| form.dyn_into::<leptos::web_sys::HtmlFormElement>())
            {
                let _ = form.request_submit();
            }
        }
    };
    let state_badge = data
        .values
        .get("status")
        .cloned()
        .filter(|_| data.id != 0)
        .map(|status| {
            let label = super::fields::specs::status_label(&status, lang);
            view! { <span class=format!("status status-{status}")>{label}</span> }
        });
    // Partners cannot read a listing's history.
    // A listing not published has no public page: its preview instead.
    let published = data.values.get("status").map(String::as_str) == Some("published");
    let stored_preview = format!(
        "{}{}",
        data.kind.edit_path(lang, data.id),
        model::paths::preview_tail(lang)
    );
    let (listing_id, partner) = (data.id, data.propose);
    let links = move || {
        (listing_id != 0).then(|| {
            let history =
                (!partner).then(|| view! { " · "<a href=history.clone()>{s.history}</a> });
            let page = if published || partner {
                view! { <a href=public>{s.view_public}</a> }.into_any()
            } else {
                view! { <a href=stored_preview.clone()>{s.view_draft}</a> }.into_any()
            };
            view! {
                <span class="form-bar-links">
                    {page}
                    {history}
                </span>
            }
        })
    };
    view! {
        {if data.id == 0 {
            view! { <h1>{s.new_listing}": "{data.kind.label(lang)}</h1> }.into_any()
        } else {
            view! {
                <h1>{if data.propose { s.propose_title } else { s.edit }}": "{name}</h1>
            }.into_any()
        }}
        {data.propose.then(|| view! { <p class="form-note">{s.propose_note}</p> })}
        {toc}
        {kept.then(|| view! { <p class="form-note form-kept" role="status">{s.typing_kept}</p> })}
        {move || offer.get().map(|when| view! {
            <div class="form-note draft-offer" role="status">
                <p>{s.draft_found}" ("{when}")."</p>
                <button type="button" on:click=restore_draft>{s.draft_restore}</button>
                " "
                <button type="button" class="secondary" on:click=discard_draft>{s.draft_discard}</button>
            </div>
        })}
        {move || restored.get().then(|| view! { <p class="form-note" role="status">{s.draft_restored}</p> })}
        {move || (!errors.read().is_empty()).then(|| view! {
            <div class="form-alert" role="alert" id="form-errors" tabindex="-1">
                <p>{s.form_has_errors}</p>
                <ul>
                    // In the form's order.
                    {errors.with(|errors| {
                        let mut listed: Vec<_> = spec.iter()
                            .filter_map(|field| errors.get(field.key).map(|error| (*field, *error)))
                            .collect();
                        // Sorting is stable: the kind's order within a part.
                        listed.sort_by_key(|(field, _)| Section::of(field.key));
                        listed
                    }).into_iter().map(|(field, error)| {
                        let key = field.key;
                        let allowed = cx.with_value(|cx| field.allowed(cx));
                        view! { <li><a href=format!("#f-{key}")>{field.label(lang)}": "{s.field_message(error, allowed, lang)}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        })}
        {if data.propose {
            view! {
                <ActionForm action=propose attr:class="edit-form" attr:id=crate::media::EDIT_FORM_ID attr:novalidate=true>
                    <input type="hidden" name="kind" value=kind_code />
                    <input type="hidden" name="id" value=id_text.clone() />
                    <input type="hidden" name="version" id="form-version" value=version.clone() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <div class="form-fields" on:keydown=keys on:input=typed>
                        {fields()}
                        <div class="field">
                            <label for="f-note">{s.note_label}</label>
                            <textarea id="f-note" name="note" rows="3" maxlength="2000" aria-describedby="f-note-hint"></textarea>
                            <p class="field-hint" id="f-note-hint">{s.note_hint}</p>
                        </div>
                    </div>
                    <div class="form-bar">
                        <button type="submit">{s.propose}</button>
                        <span class="form-bar-note" role="status">
                            {move || proposed().then_some(s.proposed)}
                            {move || refused().then(|| view! { <a href="#form-errors">{s.form_has_errors}</a> })}
                        </span>
                        {links()}
                    </div>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <ActionForm action=save attr:class="edit-form" attr:id=crate::media::EDIT_FORM_ID attr:novalidate=true>
                    <input type="hidden" name="kind" value=kind_code />
                    <input type="hidden" name="id" value=id_text.clone() />
                    <input type="hidden" name="version" id="form-version" value=move || {
                        save.value().get().and_then(Result::ok).map(|o| o.version).unwrap_or(version.clone())
                    } />
                    <input type="hidden" name="lang" value=lang.code() />
                    {move || {
                        let (conflicts, meanwhile, by) = match save.value().get() {
                            Some(Ok(o)) => (o.conflicts, o.meanwhile, o.changed_by),
                            _ => (conflicts_before.clone(), meanwhile_before.clone(), changed_by_before.clone()),
                        };
                        (!conflicts.is_empty() || !meanwhile.is_empty())
                            .then(|| view! { <ConflictPanel conflicts meanwhile by spec cx lang /> })
                    }}
                    <div class="form-fields" on:keydown=keys on:input=typed>{fields()}</div>
                    <div class="form-bar">
                        <button type="submit" disabled=!data.may_edit>{s.save}</button>
                        // What is typed, as the public page will show it, in a
                        // new tab: a plain post of the whole form to the
                        // preview (hydrated, the form is posted the same way,
                        // around its own save).
                        {(data.id != 0).then(|| view! {
                            <button type="submit" class="secondary" formaction=PREVIEW_PATH formmethod="post"
                                formtarget="_blank" formnovalidate title=s.preview_hint on:click=open_preview>
                                {s.preview_button}
                            </button>
                        })}
                        {state_badge}
                        <span class="form-bar-note" role="status">
                            {move || (kept && save.value().get().is_none()).then_some(s.typing_kept)}
                            {move || saved().then_some(s.saved)}
                            {move || matches!(save.value().get(), Some(Err(_))).then_some(s.save_failed)}
                            {move || refused().then(|| view! { <a href="#form-errors">{s.form_has_errors}</a> })}
                        </span>
                        {links()}
                    </div>
                </ActionForm>
            }.into_any()
        }}
        {(data.id != 0 && data.may_edit).then(|| {
            let archived = data.values.get("status").map(String::as_str) == Some("archived");
            let version = data.version.clone();
            let latest = move || {
                save.value().get().and_then(Result::ok).map(|o| o.version).unwrap_or(version.clone())
            };
            view! {
                <ActionForm action=archive attr:class="archive-form">
                    <input type="hidden" name="kind" value=kind_code />
                    <input type="hidden" name="id" value=data.id.to_string() />
                    <input type="hidden" name="version" value=latest />
                    <input type="hidden" name="archive" value=(!archived).to_string() />
                    <input type="hidden" name="lang" value=lang.code() />
                    <p class="field-hint">{if archived { s.unarchive_hint } else { s.archive_hint }}</p>
                    <button type="submit" class="secondary">{if archived { s.unarchive } else { s.archive }}</button>
                    {move || archive.value().get().is_some_and(|r| r.map_or(true, |o| !o.errors.is_empty())).then(|| view! {
                        <p class="form-alert" role="alert">{s.archive_stale}</p>
                    })}
                </ActionForm>
            }
        })}
        {(data.id != 0 && data.may_edit).then(|| view! {
            <crate::media::StaffPhotos kind=data.kind id=data.id lang images=data.images.clone() flash=data.upload />
        })}
    }
    .into_any()
}

/// Typing kept on this device (`localStorage`) until it is saved: each
/// change writes the form's fields and the version they stand on; a later
/// visit to the same listing's form offers them back when they differ
/// from what the form shows. Restored, the form saves against the draft's
/// version, so changes saved meanwhile by others are met as conflicts, not
/// overwritten.
#[cfg(feature = "hydrate")]
mod draft {
    use leptos::prelude::{document, window};
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use model::editing::Values;
    use model::i18n::Lang;

    const PREFIX: &str = "langnghe-draft:";

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Draft {
        version: String,
        /// When it was written, in ms since 1970 (the device's clock).
        at: f64,
        values: Values,
    }

    fn storage() -> Option<leptos::web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn property(el: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(el, &name.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// The form's listing fields as they are now.
    fn current() -> Values {
        let mut values = Values::new();
        let Ok(list) = document().query_selector_all("#edit-form [name^='fields[']") else {
            return values;
        };
        for i in 0..list.length() {
            let Some(el) = list
                .get(i)
                .and_then(|n| n.dyn_into::<leptos::web_sys::Element>().ok())
            else {
                continue;
            };
            let name = el.get_attribute("name").unwrap_or_default();
            let Some(key) = name
                .strip_prefix("fields[")
                .and_then(|k| k.strip_suffix(']'))
            else {
                continue;
            };
            let value = if el.get_attribute("type").as_deref() == Some("checkbox") {
                if property(&el, "checked").is_truthy() {
                    "1"
                } else {
                    ""
                }
                .to_owned()
            } else {
                property(&el, "value").as_string().unwrap_or_default()
            };
            values.insert(key.to_owned(), value);
        }
        values
    }

    fn version_input() -> Option<leptos::web_sys::HtmlInputElement> {
        document()
            .get_element_by_id("form-version")?
            .dyn_into()
            .ok()
    }

    fn load(key: &str) -> Option<Draft> {
        let text = storage()?.get_item(&format!("{PREFIX}{key}")).ok()??;
        serde_json::from_str(&text).ok()
    }

    pub fn save(key: &str) {
        let draft = Draft {
            version: version_input().map(|i| i.value()).unwrap_or_default(),
            at: js_sys::Date::now(),
            values: current(),
        };
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&draft)) {
            // A full storage only loses the draft, never the typing.
            let _ = storage.set_item(&format!("{PREFIX}{key}"), &text);
        }
    }

    pub fn remove(key: &str) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&format!("{PREFIX}{key}"));
        }
    }

    /// When the draft of `key` was written (local time), if there is one
    /// that differs from the form; one that does not is dropped.
    pub fn offer(key: &str, lang: Lang) -> Option<String> {
        let draft = load(key)?;
        let now = current();
        let differs = draft
            .values
            .iter()
            .any(|(k, v)| now.get(k).is_some_and(|shown| shown != v));
        if !differs {
            remove(key);
            return None;
        }
        let at = js_sys::Date::new(&JsValue::from_f64(draft.at));
        let (day, month, year) = (at.get_date(), at.get_month() + 1, at.get_full_year());
        let (hour, minute) = (at.get_hours(), at.get_minutes());
        Some(match lang {
            Lang::Vi => format!("{hour:02}:{minute:02} {day:02}/{month:02}/{year}"),
            Lang::En => format!("{day:02}/{month:02}/{year}, {hour:02}:{minute:02}"),
        })
    }

    /// Puts the draft into the form; false when it is gone.
    pub fn restore(key: &str) -> bool {
        let Some(draft) = load(key) else {
            return false;
        };
        for (k, v) in &draft.values {
            super::show_value(k, v);
        }
        if let Some(input) = version_input()
            && !draft.version.is_empty()
        {
            input.set_value(&draft.version);
        }
        true
    }
}

/// Where the form's Preview button posts it.
const PREVIEW_PATH: &str = <super::preview::PreviewTyped as leptos::server_fn::ServerFn>::PATH;

/// The Preview button, hydrated: the form's own submit event is the save's
/// (the action form would send it as a save), so the form is posted to the
/// preview directly, in a new tab.
fn open_preview(ev: leptos::ev::MouseEvent) {
    crate::staff::chrome::post_form_to(
        &ev,
        crate::media::EDIT_FORM_ID,
        PREVIEW_PATH,
        Some("_blank"),
        None,
    );
}

/// Puts `value` into the field `key`'s input (hydrated).
fn show_value(key: &str, value: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = document().get_element_by_id(&format!("f-{key}")) {
        if el.get_attribute("type").as_deref() == Some("checkbox") {
            let on = wasm_bindgen::JsValue::from_bool(value == "1");
            let _ = js_sys::Reflect::set(&el, &"checked".into(), &on);
        } else {
            let _ = js_sys::Reflect::set(&el, &"value".into(), &value.into());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, value);
}

/// What was saved meanwhile beside what the form sent, for each field both
/// people changed, with a choice of which to keep (radio buttons sent with
/// the next save, with or without JavaScript); and the fields only the
/// other person changed, kept as they saved them.
#[component]
fn ConflictPanel(
    conflicts: Vec<super::FieldConflict>,
    meanwhile: Vec<super::FieldConflict>,
    by: Option<String>,
    spec: &'static [FieldSpec],
    cx: StoredValue<FormContext>,
    lang: Lang,
) -> impl IntoView {
    let s = st(lang);
    let field = move |key: &str| spec.iter().find(|f| f.key == key);
    let label = move |key: &str| field(key).map(|f| f.label(lang)).unwrap_or_default();
    let shown = move |key: &str, value: &str| {
        let text = field(key)
            .map(|f| cx.with_value(|cx| shown_value(f, value, cx, lang)))
            .unwrap_or_else(|| value.to_owned());
        if text.is_empty() {
            s.empty_value.to_owned()
        } else {
            text
        }
    };
    let who = by.unwrap_or_else(|| s.someone.to_owned());
    view! {
        <section class="conflicts" id="conflicts" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{s.conflicts_title}</h2>
            {(!conflicts.is_empty()).then(|| view! {
                <p>{format!("{who} {}", s.conflicts_lead)}</p>
                <table class="staff-table stack-table conflict-table">
                    <thead><tr>
                        <th scope="col">{s.field}</th>
                        <th scope="col">{s.conflict_theirs}</th>
                        <th scope="col">{s.conflict_mine}</th>
                        <th scope="col">{s.conflict_keep}</th>
                    </tr></thead>
                    <tbody>
                        {conflicts.iter().map(|c| {
                            let key = c.key.clone();
                            let name = format!("keep[{key}]");
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("#f-{key}")>{label(&key)}</a></th>
                                    <td data-label=s.conflict_theirs><ins>{shown(&key, &c.theirs)}</ins></td>
                                    <td data-label=s.conflict_mine>{shown(&key, &c.mine)}</td>
                                    <td>
                                        <fieldset class="keep-choice">
                                            <legend class="visually-hidden">{s.conflict_keep}": "{label(&key)}</legend>
                                            <label class="check"><input type="radio" name=name.clone() value="mine" checked=true />{s.keep_mine}</label>
                                            <label class="check"><input type="radio" name=name value="theirs" />{s.keep_theirs}</label>
                                        </fieldset>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!meanwhile.is_empty()).then(|| view! {
                <p>
                    {format!("{who} {}", s.meanwhile_kept)}" "
                    {meanwhile.iter().map(|c| label(&c.key)).collect::<Vec<_>>().join(", ")}
                </p>
                {meanwhile.iter().map(|c| view! {
                    <input type="hidden" name=format!("keep[{}]", c.key) value="theirs" />
                }).collect_view()}
            })}
        </section>
    }
}

/// A listing outside the communes of an editor limited to some: its
/// fields to read, nothing to type into.
#[component]
fn ReadOnly(data: EditData, spec: &'static [FieldSpec], lang: Lang) -> impl IntoView {
    let s = st(lang);
    let name = data.values.get("name_vi").cloned().unwrap_or_default();
    let commune = data.values.get("commune_code").and_then(|code| {
        data.cx
            .communes
            .iter()
            .find(|c| &c.code == code)
            .map(|c| c.name.clone())
    });
    view! {
        <h1>{name}</h1>
        <p class="form-note" role="note">
            <strong>{s.read_only}": "</strong>{s.read_only_note}
            {commune.map(|c| view! { " ("{lang.t().filter_commune}": "{c}")" })}
        </p>
        <p><a href=public_path(lang, data.kind, &data.slug)>{s.view_public}</a></p>
        <dl class="read-only-fields">
            {spec.iter().map(|field| {
                let value = data.values.get(field.key).cloned().unwrap_or_default();
                let shown = shown_value(field, &value, &data.cx, lang);
                view! {
                    <dt>{field.label(lang)}</dt>
                    <dd>{if shown.is_empty() { s.not_recorded.to_owned() } else { shown }}</dd>
                }
            }).collect_view()}
        </dl>
    }
}

/// A stored value in words: a choice's label, a commune's name, yes or no.
pub(super) fn shown_value(field: &FieldSpec, value: &str, cx: &FormContext, lang: Lang) -> String {
    let s = st(lang);
    match field.kind {
        _ if value.is_empty() => String::new(),
        FieldKind::Choice(choices) => (choices.label)(value, lang).to_owned(),
        FieldKind::Commune => name_of(&cx.communes, value),
        FieldKind::LegacyCommune => name_of(&cx.legacy_communes, value),
        FieldKind::LegacyDistrict => name_of(&cx.legacy_districts, value),
        FieldKind::Many(r) if r.target == "crafts" => value
            .split(',')
            .map(|slug| name_of(&cx.crafts, slug.trim()))
            .collect::<Vec<_>>()
            .join(", "),
        FieldKind::YesNo | FieldKind::Check => if value == "1" { s.yes } else { s.no }.to_owned(),
        _ => value.to_owned(),
    }
}

/// The name of the choice coded `code`, else the code.
fn name_of(options: &[super::CommuneOption], code: &str) -> String {
    options
        .iter()
        .find(|o| o.code == code)
        .map_or_else(|| code.to_owned(), |o| o.name.clone())
}

/// One field: label, input, and its error; checked as it changes with the
/// same parser as the server.
#[component]
fn FieldInput(
    field: FieldSpec,
    value: String,
    errors: RwSignal<FieldErrors>,
    cx: StoredValue<FormContext>,
    lang: Lang,
) -> impl IntoView {
    let s = st(lang);
    let key = field.key;
    let id = format!("f-{key}");
    let error_id = format!("e-{key}");
    let name = format!("fields[{key}]");
    let check = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let result = cx.with_value(|cx| field.parse(&text, cx));
        errors.update(|e| match result {
            Ok(_) => {
                e.remove(key);
            }
            Err(error) => {
                e.insert(key.to_owned(), error);
            }
        });
    };
    let invalid = move || errors.read().contains_key(key).then_some("true");
    let described = move || errors.read().contains_key(key).then(|| format!("e-{key}"));
    // A field with a hint below it: the hint, then the error if any.
    let hinted = move || {
        let mut ids = format!("h-{key}");
        if errors.read().contains_key(key) {
            ids.push_str(&format!(" e-{key}"));
        }
        ids
    };
    let input = match field.kind {
        FieldKind::Long { max } => view! {
            <textarea id=id.clone() name=name rows="5" maxlength=max.to_string() aria-invalid=invalid aria-describedby=described on:change=check>
                {value}
            </textarea>
        }.into_any(),
        FieldKind::Sources => {
            view! {
                <textarea id=id.clone() name=name rows="6" maxlength=model::editing::fields::SOURCES_MAX.to_string()
                    spellcheck="false" aria-invalid=invalid aria-describedby=hinted on:change=check>
                    {value}
                </textarea>
                <p class="field-hint" id=format!("h-{key}")>{s.sources_hint}</p>
            }.into_any()
        }
        FieldKind::OpeningHours | FieldKind::Experiences => {
            let (rows, max, hint) = if field.kind == FieldKind::OpeningHours {
                ("2", 1000, s.hours_hint)
            } else {
                ("5", model::editing::fields::EXPERIENCES_MAX, s.experiences_hint)
            };
            view! {
                <textarea id=id.clone() name=name rows=rows maxlength=max.to_string()
                    spellcheck="false" aria-invalid=invalid aria-describedby=hinted on:change=check>
                    {value}
                </textarea>
                <p class="field-hint" id=format!("h-{key}")>{hint}</p>
            }.into_any()
        }
        FieldKind::Commune
        | FieldKind::LegacyCommune
        | FieldKind::LegacyDistrict
        | FieldKind::Choice(_)
        | FieldKind::YesNo => {
            let options: Vec<(String, String)> = match field.kind {
                FieldKind::Commune | FieldKind::LegacyCommune | FieldKind::LegacyDistrict => cx
                    .with_value(|cx| {
                        let list = match field.kind {
                            FieldKind::Commune => &cx.communes,
                            FieldKind::LegacyCommune => &cx.legacy_communes,
                            _ => &cx.legacy_districts,
                        };
                        list.iter()
                            .map(|c| (c.code.clone(), c.name.clone()))
                            .collect()
                    }),
                FieldKind::Choice(choices) => choices
                    .values
                    .iter()
                    .map(|v| ((*v).to_owned(), (choices.label)(v, lang).to_owned()))
                    .collect(),
                _ => vec![
                    ("1".into(), crate::staff::strings::st(lang).yes.to_owned()),
                    ("0".into(), crate::staff::strings::st(lang).no.to_owned()),
                ],
            };
            let known = options.iter().any(|(v, _)| *v == value);
            view! {
                <select id=id.clone() name=name aria-invalid=invalid aria-describedby=described on:change=check>
                    {(!field.required || !known).then(|| view! { <option value="" selected=value.is_empty()>{s.empty_value}</option> })}
                    {options.into_iter().map(|(v, label)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        FieldKind::Check => view! {
            <input id=id.clone() name=name type="checkbox" value="1" checked=value == "1"
                aria-invalid=invalid aria-describedby=described on:change=check />
        }
        .into_any(),
        FieldKind::Link(_) | FieldKind::Many(_) => {
            let list_id = format!("l-{key}");
            let options: Vec<(String, String)> = cx.with_value(|cx| match field.kind {
                FieldKind::Many(r) if r.target == "crafts" => cx
                    .crafts
                    .iter()
                    .map(|c| (c.code.clone(), c.name.clone()))
                    .collect(),
                _ => cx
                    .links
                    .iter()
                    .filter(|o| field.kind == FieldKind::Link(o.kind) || field.links_to(o.kind))
                    .map(|o| (o.slug.clone(), o.name.clone()))
                    .collect(),
            });
            let options = options
                .into_iter()
                .map(|(slug, name)| view! { <option value=slug>{name}</option> })
                .collect_view();
            view! {
                <input id=id.clone() name=name type="text" list=list_id.clone() value=value
                    autocomplete="off" spellcheck="false"
                    aria-invalid=invalid aria-describedby=hinted on:change=check />
                <datalist id=list_id>{options}</datalist>
                <p class="field-hint" id=format!("h-{key}")>{s.link_hint}</p>
            }
            .into_any()
        }
        kind => {
            let (input_type, mode) = match kind {
                FieldKind::Url => ("url", None),
                FieldKind::Email => ("email", None),
                FieldKind::Phone => ("tel", None),
                FieldKind::Date => ("date", None),
                FieldKind::Decimal { .. } => ("text", Some("decimal")),
                FieldKind::Int { .. } | FieldKind::Year { .. } => ("text", Some("numeric")),
                FieldKind::Latitude | FieldKind::Longitude => ("text", Some("decimal")),
                _ => ("text", None),
            };
            let max = match kind {
                FieldKind::Text { max } => Some(max.to_string()),
                _ => None,
            };
            view! {
                <input id=id.clone() name=name type=input_type inputmode=mode maxlength=max value=value
                    aria-invalid=invalid aria-describedby=described on:change=check />
            }.into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || errors.read().contains_key(key)>
            <label for=id>{field.label(lang)}{(field.required && field.kind != FieldKind::Slug).then_some(" *")}</label>
            {input}
            {move || errors.read().get(key).map(|e| {
                let allowed = cx.with_value(|cx| field.allowed(cx));
                view! { <p class="field-error" id=error_id.clone()>{s.field_message(*e, allowed, lang)}</p> }
            })}
        </div>
    }
}

/// `/quan-tri/:kind/:id/lich-su`: every revision with its field changes and
/// a restore button.
/// A listing history's data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct HistoryLoad {
    restore: ServerAction<RestoreRevision>,
    data: crate::data::Data<Result<History, AppError>>,
    user: UserResource,
}

impl HistoryLoad {
    pub fn start() -> Self {
        let (kind, id) = (route_kind(), route_id());
        let restore = ServerAction::<RestoreRevision>::new();
        // A hydrated restore reloads the history in place.
        let data = crate::data::resource(
            move || (kind.get(), id.get(), restore.version().get()),
            |(k, i, _)| listing_history(k, i),
        );
        Self {
            restore,
            data,
            user: user_resource(),
        }
    }
}

pub fn history_page(load: HistoryLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = st(lang);
    let HistoryLoad {
        restore,
        data,
        user,
    } = load;
    view! {
        <StaffMeta title=s.history_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match (data.await, user.await) {
                    (Ok(history), Ok(Some(user))) => view! {
                        <StaffNav user />
                        <HistoryBody history lang restore />
                    }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <StaffError error /> }.into_any(),
                    (_, Ok(None)) => view! { <StaffError error=crate::error::AppError::Unauthorized /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The photos deleted from a listing, each with its undo.
#[component]
fn DeletedPhotos(photos: Vec<super::DeletedPhoto>, may_edit: bool, lang: Lang) -> impl IntoView {
    let s = st(lang);
    let restore = ServerAction::<crate::media::api::RestoreImage>::new();
    // Taken back here (hydrated): the photo leaves this list.
    let back = move |id: i64| {
        matches!(
            restore.value().get(),
            Some(Ok(answer)) if answer.images.iter().any(|i| i.id == id)
        )
    };
    (!photos.is_empty()).then(|| view! {
        <section class="deleted-photos" aria-labelledby="deleted-photos">
            <h2 id="deleted-photos">{s.deleted_photos}</h2>
            <p class="field-hint">{s.deleted_photos_note}</p>
            {move || restore.value().get().and_then(Result::ok).and_then(|a| a.flash).map(|f| view! {
                <p class="form-saved" role="status">{crate::media::upload_message(s, f.outcome)}</p>
            })}
            <ul>
                {photos.into_iter().map(|photo| {
                    let id = photo.id;
                    let when = model::date::vietnam_time(&photo.at);
                    view! {
                        <li hidden=move || back(id)>
                            "«"{photo.alt}"» — "{s.deleted_by}" "{photo.who.unwrap_or_default()}", "
                            <time datetime=photo.at>{when}</time>
                            {may_edit.then(|| view! {
                                " "
                                <crate::media::UndoDelete image=id action=restore lang />
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn HistoryBody(
    history: History,
    lang: Lang,
    restore: ServerAction<RestoreRevision>,
) -> impl IntoView {
    let s = st(lang);
    let spec = spec_of(history.kind).unwrap_or_default();
    let label = move |key: &str| {
        spec.iter()
            .find(|f| f.key == key)
            .map(|f| f.label(lang))
            .unwrap_or_default()
    };
    let action_label = move |action: &str| match action {
        "baseline" => s.action_baseline,
        "seed" | "synthetic" => s.action_seed,
        "restore" => s.action_restore,
        "status" => s.action_status,
        "proposal" => s.action_proposal,
        "archive" => s.archive,
        "unarchive" => s.unarchive,
        "import" => s.action_import,
        "undo_import" => s.action_undo_import,
        _ => s.action_edit,
    };
    let newest = history.revisions.first().map(|r| r.id);
    // The answer to a restore: the hydrated action's, or the plain form's
    // (its redirect says `?restored=1`).
    let query = leptos_router::hooks::use_query_map();
    let restored = move || match restore.value().get() {
        Some(Ok(outcome)) => Some(outcome.errors.is_empty()),
        Some(Err(_)) => Some(false),
        None => query
            .with_untracked(|q| q.get("restored"))
            .map(|v| v == "1"),
    };
    view! {
        <h1>{s.history_title}": "{history.name.clone()}</h1>
        <p class="staff-links">
            <a href=history.kind.edit_path(lang, history.id)>{s.edit}</a>" · "
            <a href=public_path(lang, history.kind, &history.slug)>{s.view_public}</a>
        </p>
        {move || restored().map(|ok| if ok {
            view! { <p class="form-saved" role="status">{s.restored_msg}</p> }.into_any()
        } else {
            view! { <p class="form-alert" role="alert">{s.restore_failed}</p> }.into_any()
        })}
        <DeletedPhotos photos=history.deleted_photos.clone() may_edit=history.may_edit lang />
        {history.revisions.is_empty().then(|| view! { <p>{s.nothing_changed}</p> })}
        <ol class="revisions">
            {history.revisions.into_iter().map(|rev| {
                let may_restore = history.may_edit && Some(rev.id) != newest;
                view! {
                    <li class="revision" id=format!("r{}", rev.id)>
                        <h2>
                            {action_label(&rev.action)}" #"{rev.id}" — "
                            <time datetime=rev.at.clone()>{model::date::vietnam_time(&rev.at)}</time>
                            {rev.who.map(|w| format!(" {} {w}", s.revision_by))}
                            {rev.restored_from.map(|r| format!(" ({} #{r})", s.restored_from))}
                        </h2>
                        {rev.import.map(|(id, file)| view! {
                            <p class="revision-import">
                                {s.import_of}" "
                                <a href=format!("{}/{id}", model::paths::imports(lang))>{format!("«{file}»")}</a>
                            </p>
                        })}
                        {(!rev.changes.is_empty()).then(|| view! {
                            <table class="staff-table diff">
                                <thead><tr><th scope="col">{s.field}</th><th scope="col">{s.before}</th><th scope="col">{s.after}</th></tr></thead>
                                <tbody>
                                    {rev.changes.into_iter().map(|c| view! {
                                        <tr>
                                            <th scope="row">{label(&c.key)}</th>
                                            <td><del>{if c.before.is_empty() { s.empty_value.to_owned() } else { c.before }}</del></td>
                                            <td><ins>{if c.after.is_empty() { s.empty_value.to_owned() } else { c.after }}</ins></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        // Restoring asks first (a disclosure, so that it
                        // works without JavaScript too).
                        {may_restore.then(|| view! {
                            <details class="confirm">
                                <summary>{s.restore}" #"{rev.id}"…"</summary>
                                <p>{s.restore_note}</p>
                                <ActionForm action=restore attr:class="inline-form">
                                    <input type="hidden" name="revision" value=rev.id.to_string() />
                                    <input type="hidden" name="lang" value=lang.code() />
                                    <button type="submit" class="danger">{s.restore_confirm}" #"{rev.id}</button>
                                </ActionForm>
                            </details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
