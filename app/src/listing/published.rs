//! The one way a public profile is read: the slug checked, the listing
//! read, a former slug answered with a 301, the nearby listings added.

use super::Profile;
use crate::error::AppError;
use model::listing::Kind;
use model::text::Slug;
use sqlx::SqlitePool;

/// A published listing of `kind` by `slug`, read by `read`; `None` when
/// there is none (and a 301 set when `slug` is a former slug of one).
pub async fn load<T, Fut>(
    kind: Kind,
    slug: String,
    lang: Option<String>,
    read: impl FnOnce(SqlitePool, String) -> Fut,
) -> Result<Option<T>, AppError>
where
    T: Profile,
    Fut: Future<Output = Result<Option<T>, sqlx::Error>>,
{
    if Slug::parse(&slug).is_err() {
        return Ok(None);
    }
    // All from the request's context before any await: the context is
    // not reachable once the task may have moved to another thread.
    let pool = crate::context::pool()?;
    let index = crate::context::search_index()?;
    let old_slugs = super::old_slugs::OldSlugs::take();
    let mut profile = read(pool.clone(), slug.clone()).await?;
    match profile.as_mut() {
        None => old_slugs.redirect(&pool, kind, &slug).await?,
        Some(p) => complete(
            p,
            kind,
            &index,
            lang.map(|code| model::i18n::Lang::from_code(Some(&code))),
        ),
    }
    Ok(profile)
}

/// What a profile shows beside its own row: the nearby listings (their
/// names, summaries and badges in `lang` only when one is given, as on the
/// search's list pages), and the facts each source supports in words (the
/// public page and the staff preview alike).
pub fn complete<T: Profile>(
    profile: &mut T,
    kind: Kind,
    index: &model::index::SearchIndex,
    lang: Option<model::i18n::Lang>,
) {
    use model::i18n::Lang;
    let mut nearby = crate::search::nearby_of(index, kind, profile.listing_id());
    if let Some(lang) = lang {
        for near in &mut nearby {
            near.hit.only(lang);
        }
    }
    profile.set_nearby(nearby);
    profile.draw();
    for citation in profile.sources_mut() {
        if lang != Some(Lang::En) {
            citation.about_vi = facts_named(kind, &citation.fields, Lang::Vi);
        }
        if lang != Some(Lang::Vi) {
            citation.about_en = facts_named(kind, &citation.fields, Lang::En);
        }
        if let Some(lang) = lang {
            citation.keep_note_in(lang);
        }
    }
    if let Some(lang) = lang {
        for image in profile.images_mut() {
            lang.keep_picked(&mut image.alt_vi, &mut image.alt_en);
        }
        profile.only(lang);
    }
}

/// The facts a source supports, in words: a text kept in both languages is
/// one fact, named by the profile's heading for it or by the field of the
/// page's language; empty for the record as a whole.
fn facts_named(kind: Kind, keys: &[String], lang: model::i18n::Lang) -> String {
    let t = lang.t();
    let spec = model::editing::spec_of(kind).unwrap_or_default();
    let mut names: Vec<String> = Vec::new();
    for key in keys {
        let base = key.strip_suffix("_vi").or_else(|| key.strip_suffix("_en"));
        let name = match base {
            Some("description") => t.about.to_owned(),
            Some("visiting") => t.visiting.to_owned(),
            Some("products") => t.products.to_owned(),
            _ => {
                let key = base.map_or_else(|| key.clone(), |b| format!("{b}_{}", lang.code()));
                spec.iter()
                    .find(|f| f.key == key)
                    .map_or(key.clone(), |f| f.label(lang).to_owned())
            }
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}
