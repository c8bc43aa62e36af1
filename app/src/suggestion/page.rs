//! `/gop-y?kind=…&slug=…` and `/en/suggest?…`: the suggestion form of a
//! listing, and its thank-you (`&sent=1`). A lazy route: its code is
//! fetched only when the form is opened. The form is a plain POST, the
//! same with or without JavaScript.

use super::{FormPage, HONEYPOT, MESSAGE_MAX, suggestion_page};
use crate::i18n::use_lang;
use crate::seo::PageMeta;
use crate::status::{ErrorPage, NotFound};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;
use model::i18n::Lang;
use model::paths;

crate::lazy::lazy_page!(
    /// The route of the suggestion form.
    SuggestRoute => suggest_page()
);

fn suggest_page() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let query = use_query_map();
    let target = Memo::new(move |_| {
        let q = query.read();
        (
            q.get("kind").unwrap_or_default(),
            q.get("slug").unwrap_or_default(),
        )
    });
    let sent = move || query.read().get("sent").is_some_and(|v| v == "1");
    let data = crate::data::resource(
        move || target.get(),
        move |(kind, slug)| suggestion_page(kind, slug, Some(lang.code().to_owned())),
    );
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => view! { <Body page lang sent=sent() /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Body(page: FormPage, lang: Lang, sent: bool) -> impl IntoView {
    let t = lang.t();
    let title = (t.suggest_title)(&page.name);
    let profile = page.kind.profile_path(lang, &page.slug);
    let head = view! {
        <PageMeta title=title.clone() description=t.suggest_intro path=paths::suggest(lang) />
        <p class="breadcrumb"><a href=profile.clone()>{t.suggest_back}</a></p>
        <h1>{title}</h1>
    };
    if sent {
        return view! {
            {head}
            <section class="form-saved" role="status" data-testid="suggest-thanks">
                <h2>{t.suggest_thanks_title}</h2>
                <p>{t.suggest_thanks}</p>
                <p><a href=profile>{t.suggest_back}</a></p>
            </section>
        }
        .into_any();
    }
    let draft = page.draft.clone().unwrap_or_default();
    let error_at = |field: &str| {
        draft.error(field).map(
            |message| view! { <p class="field-error" id=format!("s-{field}-error")>{message}</p> },
        )
    };
    let described = |field: &str, hint: Option<&str>| {
        let mut ids: Vec<String> = hint.map(str::to_owned).into_iter().collect();
        if draft.error(field).is_some() {
            ids.push(format!("s-{field}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let chosen = draft.form.field.clone();
    view! {
        {head}
        <p>{t.suggest_intro}</p>
        {(!draft.errors.is_empty()).then(|| view! {
            <div class="form-alert" role="alert" data-testid="suggest-refused">
                <p>{t.suggest_not_sent}</p>
                {draft.error("form").map(|m| view! { <p>{m}</p> })}
            </div>
        })}
        <form method="post" action=paths::suggest(lang) class="stacked-form suggest-form" data-testid="suggest-form" novalidate>
            <input type="hidden" name="kind" value=page.kind.code() />
            <input type="hidden" name="slug" value=page.slug.clone() />
            <input type="hidden" name="lang" value=lang.code() />
            <label for="s-field">{t.suggest_topic}</label>
            <select id="s-field" name="field" aria-describedby=described("field", None)>
                {page.topics.iter().map(|(key, label)| view! {
                    <option value=key.clone() selected=*key == chosen>{label.clone()}</option>
                }).collect_view()}
            </select>
            {error_at("field")}
            <label for="s-message">{t.suggest_message}</label>
            <textarea
                id="s-message"
                name="message"
                rows="6"
                required
                maxlength=MESSAGE_MAX.to_string()
                aria-describedby=described("message", Some("s-message-hint"))
                aria-invalid=draft.error("message").map(|_| "true")
            >{draft.form.message.clone()}</textarea>
            <p class="small" id="s-message-hint">{t.suggest_message_hint}</p>
            {error_at("message")}
            <label for="s-name">{t.suggest_name}</label>
            <input id="s-name" name="name" type="text" autocomplete="name" maxlength=super::NAME_MAX.to_string()
                value=draft.form.name.clone() aria-describedby=described("name", None) />
            {error_at("name")}
            <label for="s-contact">{t.suggest_contact}</label>
            <input id="s-contact" name="contact" type="text" autocomplete="email" maxlength=super::CONTACT_MAX.to_string()
                value=draft.form.contact.clone() aria-describedby=described("contact", Some("s-contact-hint")) />
            <p class="small" id="s-contact-hint">{t.suggest_contact_hint}</p>
            {error_at("contact")}
            // People never see this field; robots fill it in.
            <div class="trap" aria-hidden="true">
                <label for="s-website">{t.suggest_honeypot}</label>
                <input id="s-website" name=HONEYPOT type="text" tabindex="-1" autocomplete="off" />
            </div>
            <button type="submit">{t.suggest_send}</button>
        </form>
    }
    .into_any()
}
