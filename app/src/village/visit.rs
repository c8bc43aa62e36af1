//! The profile's "Visit" section: whether the village is open now, its
//! hours for the coming week (worked out on the server in Vietnam's time),
//! what visitors can do there, how to get there and whom to call.
//!
//! Its inside is one piece of HTML built here with every value escaped, as
//! the share panel is: as views of their own its tables and lists would
//! grow the public bundle for a section most pages show once.

use leptos::prelude::*;
use model::i18n::Lang;
#[cfg(feature = "ssr")]
use model::i18n::text_in;
#[cfg(feature = "ssr")]
use model::text::escape_html as e;
use model::village::VillageProfile;
#[cfg(feature = "ssr")]
use model::village::visit::{Experience, Hours, OpenStatus, Visit, day_label};

/// The section, drawn on the server ([`visit_html`]); nothing when nothing
/// about visiting is recorded (the profile names the gaps in its "not yet
/// recorded" line).
#[component]
pub fn VisitSection(village: VillageProfile, lang: Lang) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(hours) = &village.visit.hours {
        // "Open now" is right until the next change, not until the
        // listing changes.
        crate::context::set_fresh_for(hours.fresh_secs.min(300));
    }
    let [vi, en] = village.visit_html;
    let html = match lang {
        Lang::Vi => vi,
        Lang::En => en,
    };
    (!html.is_empty()).then(|| {
        view! {
            <section class="profile-section visit" id="visit" data-testid="visit"
                aria-labelledby="visit-heading" inner_html=html></section>
        }
    })
}

#[cfg(feature = "ssr")]
/// Paragraphs of a text as typed (blank lines between them).
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p class=\"text\">{}</p>", e(p)))
        .collect()
}

#[cfg(feature = "ssr")]
/// "" today, " tomorrow", " on Monday 7 Dec".
fn when(hours: &Hours, days: u8, lang: Lang) -> String {
    let t = lang.t();
    match days {
        0 => String::new(),
        1 => t.visit_tomorrow.to_owned(),
        n => hours
            .days
            .first()
            .map(|d| {
                let date = model::date::Date::from_days_since_epoch(
                    d.date.days_since_epoch() + i64::from(n),
                );
                (t.visit_on_day)(&day_label(date, lang))
            })
            .unwrap_or_default(),
    }
}

#[cfg(feature = "ssr")]
/// The line that says whether it is open now.
fn status_html(hours: &Hours, lang: Lang) -> String {
    let t = lang.t();
    let (class, lead, rest) = match &hours.status {
        OpenStatus::Open { until, days } => (
            "open",
            t.visit_open_now.to_owned(),
            Some((t.visit_closes_at)(until, &when(hours, *days, lang))),
        ),
        OpenStatus::Closed {
            opens,
            all_day,
            note,
        } => {
            let mut lead = if *all_day {
                t.visit_closed_today
            } else {
                t.visit_closed_now
            }
            .to_owned();
            if let Some(note) = note {
                lead.push_str(&format!(" ({note})"));
            }
            let rest = match opens {
                Some((time, days)) => (t.visit_opens_at)(time, &when(hours, *days, lang)),
                None => t.visit_no_opening.to_owned(),
            };
            ("closed", lead, Some(rest))
        }
        OpenStatus::Unknown => ("unknown", t.visit_unknown_now.to_owned(), None),
    };
    format!(
        "<p class=\"open-status {class}\" data-testid=\"open-status\"><strong>{}</strong>{}</p>",
        e(&lead),
        rest.map(|r| format!(" · {}", e(&r))).unwrap_or_default()
    )
}

#[cfg(feature = "ssr")]
fn hours_html(hours: &Hours, lang: Lang) -> String {
    let t = lang.t();
    let rows: String = hours
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let times = if day.ranges.is_empty() {
                t.visit_closed.to_owned()
            } else {
                day.ranges
                    .iter()
                    .map(|(from, to)| format!("{from}–{to}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let note = day
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            format!(
                "<tr{}><th scope=\"row\">{}</th><td>{}{}</td></tr>",
                if i == 0 { " class=\"today\"" } else { "" },
                e(&day_label(day.date, lang)),
                e(&times),
                e(&note)
            )
        })
        .collect();
    format!(
        "{}<h3>{}</h3><table class=\"hours\" data-testid=\"hours\"><tbody>{rows}</tbody></table><p class=\"field-hint\">{}</p>",
        status_html(hours, lang),
        e(t.visit_hours_week),
        e(t.visit_time_zone)
    )
}

#[cfg(feature = "ssr")]
/// A booking contact as a link where it is one: a web address, an e-mail
/// or a phone number.
fn contact_link(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && model::text::is_web_address(text)
    {
        format!(
            "<a href=\"{}\" rel=\"external noopener nofollow\">{}</a>",
            e(text),
            e(text)
        )
    } else if model::staff::Email::parse(text).is_some() {
        format!("<a href=\"mailto:{}\">{}</a>", e(text), e(text))
    } else if let Some(number) = phone_number(text) {
        format!("<a href=\"tel:{number}\">{}</a>", e(text))
    } else {
        e(text)
    }
}

#[cfg(feature = "ssr")]
/// The digits of a phone number (with its leading +) for a `tel:` link.
fn phone_number(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +.-()".contains(c));
    (allowed && (8..=15).contains(&digits.len())).then(|| {
        if text.trim_start().starts_with('+') {
            format!("+{digits}")
        } else {
            digits
        }
    })
}

#[cfg(feature = "ssr")]
fn experience_html(x: &Experience, lang: Lang) -> String {
    let t = lang.t();
    let facts: String = [
        (t.visit_duration, x.duration_text(lang).map(|d| e(&d))),
        (t.visit_price, x.price_text(lang).map(|p| e(&p))),
        (t.visit_languages, x.languages_text(lang).map(|l| e(&l))),
        (t.visit_booking, x.booking.as_deref().map(contact_link)),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| format!("<dt>{}</dt><dd>{v}</dd>", e(label))))
    .collect();
    format!(
        "<li><strong>{}</strong>{}</li>",
        e(x.name(lang)),
        if facts.is_empty() {
            String::new()
        } else {
            format!("<dl class=\"facts\">{facts}</dl>")
        }
    )
}

#[cfg(feature = "ssr")]
/// The section's inside; empty when nothing about visiting is recorded.
pub fn visit_html(visit: &Visit, text: Option<&str>, lang: Lang) -> String {
    let t = lang.t();
    let mut body = String::new();
    if let Some(text) = text {
        body.push_str(&paragraphs(text));
    }
    if let Some(hours) = &visit.hours {
        body.push_str(&hours_html(hours, lang));
    }
    if !visit.experiences.is_empty() {
        let items: String = visit
            .experiences
            .iter()
            .map(|x| experience_html(x, lang))
            .collect();
        body.push_str(&format!(
            "<h3>{}</h3><ul class=\"experiences\" data-testid=\"experiences\">{items}</ul>",
            e(t.visit_experiences)
        ));
    }
    let contact: Vec<String> = [
        visit.phone.as_deref().map(|p| {
            format!("{} {}", e(t.visit_phone), contact_link(p))
        }),
        visit.zalo.as_deref().map(|z| {
            let digits: String = z.chars().filter(char::is_ascii_digit).collect();
            format!(
                "Zalo <a href=\"https://zalo.me/{digits}\" rel=\"external noopener nofollow\">{}</a>",
                e(z)
            )
        }),
        visit.email.as_deref().map(|m| {
            format!("{} {}", e(t.visit_email), contact_link(m))
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let facts: String = [
        (
            t.visit_getting_there,
            text_in(lang, &visit.getting_there_vi, &visit.getting_there_en).map(|x| e(&x)),
        ),
        (
            t.visit_best_season,
            text_in(lang, &visit.best_season_vi, &visit.best_season_en).map(|x| e(&x)),
        ),
        (
            t.visit_accessibility,
            text_in(lang, &visit.accessibility_vi, &visit.accessibility_en).map(|x| e(&x)),
        ),
        (
            t.visit_contact,
            (!contact.is_empty()).then(|| contact.join(" · ")),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| format!("<dt>{}</dt><dd>{v}</dd>", e(label))))
    .collect();
    if !facts.is_empty() {
        body.push_str(&format!("<dl class=\"facts visit-facts\">{facts}</dl>"));
    }
    if body.is_empty() {
        return body;
    }
    format!("<h2 id=\"visit-heading\">{}</h2>{body}", e(t.visit_heading))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use model::village::visit::parse_experiences;

    #[test]
    fn every_recorded_text_is_escaped_where_it_lands() {
        let attack = "<script>alert(1)</script>\"'&";
        let visit = Visit {
            getting_there_vi: Some(attack.into()),
            best_season_vi: Some(attack.into()),
            phone: Some("0912 345 678".into()),
            zalo: Some("0912\"><b>".into()),
            experiences: parse_experiences(&format!(
                "{} | | 60 | 0 | 2024 | vi | https://x.example/\"><script>",
                "<img src=x onerror=alert(1)>"
            ))
            .unwrap(),
            ..Visit::default()
        };
        let html = visit_html(&visit, Some(attack), Lang::Vi);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("href=\"tel:0912345678\""), "{html}");
        assert!(html.contains("href=\"https://zalo.me/0912\""), "{html}");
    }

    #[test]
    fn nothing_recorded_shows_nothing() {
        assert_eq!(visit_html(&Visit::default(), None, Lang::En), "");
    }

    #[test]
    fn contacts_become_the_right_links() {
        assert_eq!(
            contact_link("https://example.com/book"),
            "<a href=\"https://example.com/book\" rel=\"external noopener nofollow\">https://example.com/book</a>"
        );
        assert_eq!(
            contact_link("homestay@example.com"),
            "<a href=\"mailto:homestay@example.com\">homestay@example.com</a>"
        );
        assert_eq!(
            contact_link("+84 912 345 678"),
            "<a href=\"tel:+84912345678\">+84 912 345 678</a>"
        );
        assert_eq!(contact_link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(contact_link("at the village house"), "at the village house");
    }
}
