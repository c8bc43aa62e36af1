//! A listing previewed as its public page will show it: a draft (which the
//! public site answers with 404), or what is typed in its form and not yet
//! saved. The typed values go through the one write path inside a
//! transaction that is rolled back after the profile is read from it, so
//! the preview is exactly what a save would publish.

use super::Values;
use crate::error::AppError;
use crate::staff::chrome::{StaffError, StaffMeta};
use crate::staff::strings::st;
use leptos::prelude::*;
use model::i18n::Lang;
use model::listing::Kind;
use serde::{Deserialize, Serialize};

/// The public profile of one listing of any kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PreviewBody {
    Village(crate::village::VillageProfile),
    Cluster(crate::cluster::ClusterProfile),
    Enterprise(crate::enterprise::EnterpriseProfile),
    Product(crate::product::ProductProfile),
}

/// A preview and what it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub kind: Kind,
    pub id: i64,
    /// The stored state (draft, published, archived).
    pub status: String,
    /// It shows the form's unsaved typing.
    pub typed: bool,
    /// The typing could not be shown (a field is invalid, or the listing
    /// changed meanwhile): the stored listing is shown instead.
    pub refused: bool,
    /// The profile, with its photos whatever their state.
    pub body: PreviewBody,
}

/// The session key of the typing to preview (one listing's at a time).
#[cfg(feature = "ssr")]
const TYPED_KEY: &str = "preview_typed";

#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct Typed {
    kind: Kind,
    id: i64,
    values: Values,
}

/// Keeps what is typed in a listing's form for its preview and answers
/// with the preview's address (a plain post from the form's Preview button
/// opens it in a new tab). Editors of the listing only.
#[server(prefix = "/api/staff", endpoint = "preview_typed")]
pub async fn preview_typed(
    kind: String,
    id: i64,
    fields: Values,
    lang: Option<String>,
) -> Result<String, AppError> {
    use crate::staff::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec, form_cx) = super::api::open_kind(&cx, &kind).await?;
    let stored = super::api::stored(&cx, kind, spec, id, &form_cx).await?;
    if !user.may_edit_in(stored.commune.as_deref()) {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let values = super::api::outcome_values(&fields, spec);
    if let Some(session) = &cx.session {
        session
            .insert(TYPED_KEY, Typed { kind, id, values })
            .await
            .map_err(|_| AppError::Internal)?;
    }
    let lang = Lang::from_code(lang.as_deref());
    let path = format!(
        "{}{}?typed=1",
        kind.edit_path(lang, id),
        model::paths::preview_tail(lang)
    );
    cx.redirect(&path);
    Ok(path)
}

/// A listing's preview: the stored listing whatever its state, or (`typed`)
/// the typing kept by [`preview_typed`] applied to it. Editors and admins;
/// an editor limited to some communes previews those communes' listings
/// and other communes' published ones (what the public sees anyway).
#[server(prefix = "/api/staff", endpoint = "listing_preview")]
pub async fn listing_preview(kind: String, id: i64, typed: bool) -> Result<Preview, AppError> {
    use crate::staff::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Edit).await?;
    let (kind, spec, form_cx) = super::api::open_kind(&cx, &kind).await?;
    let stored = super::api::stored(&cx, kind, spec, id, &form_cx).await?;
    let status = stored.values.get("status").cloned().unwrap_or_default();
    let in_scope = user.may_edit_in(stored.commune.as_deref());
    if !in_scope && status != "published" {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let kept = match (&cx.session, typed && in_scope) {
        (Some(session), true) => session
            .get::<Typed>(TYPED_KEY)
            .await
            .ok()
            .flatten()
            .filter(|t| t.kind == kind && t.id == id),
        _ => None,
    };
    // The typing, saved in a transaction that is rolled back once the
    // profile is read from it; none when it would be refused.
    let typed_body = match kept {
        Some(kept) => {
            typed_profile(
                &cx,
                &user,
                (kind, spec, &form_cx),
                id,
                &stored.version,
                &kept.values,
            )
            .await?
        }
        None => None,
    };
    let refused = typed && typed_body.is_none();
    let mut body = match typed_body {
        Some(body) => body,
        None => {
            let mut conn = cx.pool.acquire().await?;
            read(&mut conn, kind, id)
                .await?
                .ok_or_else(|| cx.refuse(AppError::NotFound))?
        }
    };
    if let Some(index) = &cx.index {
        use crate::listing::published::complete;
        match &mut body {
            PreviewBody::Village(p) => complete(p, kind, index, None),
            PreviewBody::Cluster(p) => complete(p, kind, index, None),
            PreviewBody::Enterprise(p) => complete(p, kind, index, None),
            PreviewBody::Product(p) => complete(p, kind, index, None),
        }
    }
    Ok(Preview {
        kind,
        id,
        status,
        typed: typed && !refused,
        refused,
        body,
    })
}

/// The profile the listing would have with `values` saved (through the
/// one write path, in a transaction rolled back after the read); none when
/// the values are refused or the listing changed since `version`.
#[cfg(feature = "ssr")]
async fn typed_profile(
    cx: &crate::staff::auth::RequestContext,
    user: &crate::staff::StaffUser,
    (kind, spec, form_cx): (Kind, &[super::fields::FieldSpec], &super::FormContext),
    id: i64,
    version: &str,
    values: &Values,
) -> Result<Option<PreviewBody>, AppError> {
    let Ok(parsed) = super::api::parse_checked(&cx.pool, spec, values, form_cx).await? else {
        return Ok(None);
    };
    let mut tx = model::system::begin_write(&cx.pool).await?;
    let save = super::db::Save {
        kind,
        spec,
        id,
        version,
        values: &parsed,
        author: super::db::Author::Staff {
            user_id: user.id,
            ip: None,
        },
        action: "edit",
        restored_from: None,
    };
    let body = match super::db::save_in(&mut tx, save, form_cx).await? {
        super::db::Saved::Done { .. } => read(&mut tx, kind, id).await?,
        _ => None,
    };
    // Nothing of the preview stays.
    tx.rollback().await?;
    Ok(body)
}

/// The profile of the listing `id` of `kind` as the public page reads it,
/// whatever its state.
#[cfg(feature = "ssr")]
async fn read(
    conn: &mut sqlx::SqliteConnection,
    kind: Kind,
    id: i64,
) -> Result<Option<PreviewBody>, sqlx::Error> {
    Ok(match kind {
        Kind::Village => crate::village::db::profile(conn, model::listing::db::Which::Id(id))
            .await?
            .map(PreviewBody::Village),
        Kind::Cluster => crate::cluster::db::profile(conn, model::listing::db::Which::Id(id))
            .await?
            .map(PreviewBody::Cluster),
        Kind::Enterprise => crate::enterprise::db::profile(conn, model::listing::db::Which::Id(id))
            .await?
            .map(PreviewBody::Enterprise),
        Kind::Product => crate::product::db::profile(
            conn,
            model::listing::db::Which::Id(id),
            model::date::Date::today(),
        )
        .await?
        .map(PreviewBody::Product),
    })
}

/// The preview page's data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct PreviewLoad {
    data: crate::data::Data<Result<Preview, AppError>>,
    user: super::pages::UserResource,
}

impl PreviewLoad {
    pub fn start() -> Self {
        let (kind, id) = (super::pages::route_kind(), super::pages::route_id());
        let query = leptos_router::hooks::use_query_map();
        let typed = Memo::new(move |_| query.read().get("typed").is_some_and(|t| t == "1"));
        Self {
            data: crate::data::resource(
                move || (kind.get(), id.get(), typed.get()),
                |(k, i, t)| listing_preview(k, i, t),
            ),
            user: super::pages::user_resource(),
        }
    }
}

/// `/quan-tri/:kind/:id/xem-truoc`: the public page of a listing, under a
/// band saying what it shows and leading back to the form.
pub fn preview_page(load: PreviewLoad) -> impl IntoView {
    let lang = crate::i18n::use_lang().get_untracked();
    let s = st(lang);
    let PreviewLoad { data, user } = load;
    view! {
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match (data.await, user.await) {
                    // No staff menu: the page is the public page as it will
                    // look (opened in a tab of its own); its band leads back.
                    (Ok(preview), Ok(Some(_))) => view! {
                        <PreviewView preview lang />
                        <StaffMeta title=s.preview />
                    }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <StaffMeta title=s.preview /><StaffError error /> }.into_any(),
                    (_, Ok(None)) => view! { <StaffError error=AppError::Unauthorized /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PreviewView(preview: Preview, lang: Lang) -> impl IntoView {
    let s = st(lang);
    let form = preview.kind.edit_path(lang, preview.id);
    let state = super::fields::specs::status_label(&preview.status, lang);
    let what = if preview.typed {
        s.preview_typed
    } else {
        s.preview_stored
    };
    let body = match preview.body {
        PreviewBody::Village(village) => {
            view! { <crate::village::profile::Profile village lang /> }.into_any()
        }
        PreviewBody::Cluster(c) => view! { <crate::cluster::profile::Profile c lang /> }.into_any(),
        PreviewBody::Enterprise(e) => {
            view! { <crate::enterprise::profile::Profile e lang /> }.into_any()
        }
        PreviewBody::Product(p) => view! { <crate::product::profile::Profile p lang /> }.into_any(),
    };
    // The band stays at the foot of the screen, as the form's bar does:
    // the page above is the public page as it will look.
    view! {
        {preview.refused.then(|| view! { <p class="form-alert" role="alert">{s.preview_refused}</p> })}
        {body}
        <aside class="preview-band" aria-label=s.preview>
            <p>
                <strong>{s.preview}": "</strong>{what}" "
                <span class=format!("status status-{}", preview.status)>{state}</span>
                {(preview.status != "published").then_some(s.preview_not_public)}
            </p>
            <p><a href=form>{s.preview_back}</a></p>
        </aside>
    }
}
