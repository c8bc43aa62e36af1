//! The editors' queue of messages from the public (`crate::suggestion`) on
//! the dashboard: what each concerns, the message, who sent it (seen only
//! here), a link to the listing's form, and "handled" / "dismiss".

use super::strings::StaffStrings;
use crate::suggestion::{CloseSuggestion, SuggestionView, topic_label};
use leptos::prelude::*;
use model::i18n::Lang;

/// The waiting messages an editor may handle.
#[component]
pub fn SuggestionQueue(
    data: Vec<SuggestionView>,
    lang: Lang,
    s: &'static StaffStrings,
) -> impl IntoView {
    let action = ServerAction::<CloseSuggestion>::new();
    // Closed with JavaScript: each closed message leaves the list at once.
    let closed = RwSignal::new(Vec::<i64>::new());
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            closed.update(|c| c.push(id));
        }
    });
    // "Handled" and "dismiss": the same form with another value.
    let close_form = move |id: i64, handled: bool, label: &'static str| {
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="suggestion" value=id.to_string() />
                <input type="hidden" name="handled" value=handled.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <section aria-labelledby="suggestions" data-testid="suggestions">
            <h2 id="suggestions">{s.suggestions_title}</h2>
            {move || (!closed.read().is_empty())
                .then(|| view! { <p class="form-saved" role="status">{s.suggestion_closed}</p> })}
            {data.is_empty().then(|| view! { <p>{s.no_suggestions}</p> })}
            {data.into_iter().map(|m| {
                let id = m.id;
                let who = if m.name.is_empty() { s.suggestion_anonymous.to_owned() } else { m.name.clone() };
                let who = if m.contact.is_empty() { who } else { format!("{who} · {}", m.contact) };
                view! {
                    <article class="proposal suggestion" id=format!("s{id}") hidden=move || closed.read().contains(&id) data-testid="suggestion">
                        <h3>
                            <a href=m.kind.profile_path(lang, &m.slug)>{m.listing_name.clone()}</a>
                            " — " {m.kind.singular(lang)}
                        </h3>
                        <p><strong>{s.suggestion_topic}": "</strong>{topic_label(m.kind, &m.field, lang)}</p>
                        <blockquote class="suggestion-message">{m.message.clone()}</blockquote>
                        <p class="small">{s.suggestion_sender}": "{who}", "<time datetime=m.at.clone()>{model::date::vietnam_time(&m.at)}</time></p>
                        <div class="review-forms">
                            <a href=m.kind.edit_path(lang, m.listing_id)>{s.suggestion_edit}</a>
                            {close_form(id, true, s.suggestion_handled)}
                            {close_form(id, false, s.suggestion_dismiss)}
                        </div>
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
