//! Partners' tours (`/tour-doi-tac`, `/en/partner-tours`). A partner sees
//! its organisation's public details and tours, and a form for a new tour
//! or the one chosen (`?tour=ID`, its own only); editors and admins see the
//! tours waiting for approval (approve, or send back with a reason) and
//! every tour (take one down with a reason). Every function's first line
//! is [`super::auth::require`]; a partner's tour is its organisation's
//! alone. Forms work without JavaScript: a plain post comes back to this
//! page with what was typed and each field's error.

use super::StaffUser;
use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::editing::{FieldErrors, Values};
use model::i18n::Lang;
use model::partner::Partner;
use model::tour::{Tour, TourStatus};
use serde::{Deserialize, Serialize};

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToursData {
    pub me: StaffUser,
    /// The partner's organisation.
    pub partner: Option<Partner>,
    /// A partner's own tours; every tour for editors and admins.
    pub tours: Vec<Tour>,
    /// The tour in the form (`None`: a new one).
    pub editing: Option<i64>,
    pub values: Values,
    pub errors: FieldErrors,
    pub org_values: Values,
    pub org_errors: FieldErrors,
    /// Published villages: address and name.
    pub villages: Vec<(String, String)>,
    /// What was just done: "pending", "live", "org" or "reviewed".
    pub done: Option<String>,
    /// What became of the last change of the edited tour's photos.
    pub photo_flash: Option<model::media::PhotoFlash>,
}

/// The page's data.
#[server(prefix = "/api/staff")]
pub async fn tours_page(tour: Option<i64>) -> Result<ToursData, AppError> {
    use super::auth::{Need, Staff, require};
    use model::staff::Role;
    use model::tour::db::{Which, list};
    let Staff { user, cx } = require(Need::Staff).await?;
    let partner = match user.role {
        Role::Partner => model::partner::db::of_user(&cx.pool, user.id).await?,
        _ => None,
    };
    let tours = match (user.role, &partner) {
        (Role::Partner, Some(p)) => list(&cx.pool, Which::OfPartner(p.id)).await?,
        (Role::Partner, None) => Vec::new(),
        _ => list(&cx.pool, Which::All).await?,
    };
    let editing = match tour {
        // A partner's list holds its own tours only; editors have no form.
        Some(id) if user.role == Role::Partner && tours.iter().any(|t| t.id == id) => Some(id),
        Some(id) => {
            // Another organisation's tour, or none: not for this account.
            let exists = !list(&cx.pool, Which::One(id)).await?.is_empty();
            return Err(cx.refuse(if exists {
                AppError::Forbidden
            } else {
                AppError::NotFound
            }));
        }
        None => None,
    };
    let mut values = editing
        .and_then(|id| tours.iter().find(|t| t.id == id))
        .map(Tour::values)
        .unwrap_or_default();
    let mut errors = FieldErrors::new();
    let mut org_values = partner.as_ref().map(Partner::values).unwrap_or_default();
    let mut org_errors = FieldErrors::new();
    let (flash, done) = super::flash::take(&cx).await;
    let photo_flash = match (&cx.session, editing) {
        (Some(session), Some(_)) => session
            .remove::<model::media::PhotoFlash>(model::media::UPLOAD_FLASH)
            .await
            .ok()
            .flatten(),
        _ => None,
    };
    if let Some(flash) = flash {
        match flash.form.as_str() {
            "org" => (org_values, org_errors) = (flash.values, flash.errors),
            "review" => (values, errors) = (flash.values, flash.errors),
            "tour" if flash.id == editing => (values, errors) = (flash.values, flash.errors),
            _ => {}
        }
    }
    let villages =
        model::editing::db::link_options(&cx.pool, model::listing::Kind::Village, false, 1000)
            .await?
            .into_iter()
            .map(|o| (o.slug, o.name))
            .collect();
    Ok(ToursData {
        me: user,
        partner,
        tours,
        editing,
        values,
        errors,
        org_values,
        org_errors,
        villages,
        done,
        photo_flash,
    })
}

/// The signed-in partner account and its organisation; 403 for other
/// roles and for a partner account without one.
#[cfg(feature = "ssr")]
async fn own_organisation() -> Result<(StaffUser, super::auth::RequestContext, Partner), AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Partner).await?;
    match model::partner::db::of_user(&cx.pool, user.id).await? {
        Some(partner) => Ok((user, cx, partner)),
        None => Err(cx.refuse(AppError::Forbidden)),
    }
}

/// The signed-in partner's own tour `tour`: 404 without it, 403 when it is
/// another organisation's (or for any other role). The photo upload route
/// and the photo server functions check with this.
#[cfg(feature = "ssr")]
pub async fn own_tour(
    cx: &super::auth::RequestContext,
    user: &StaffUser,
    tour: i64,
) -> Result<(), AppError> {
    if user.role != model::staff::Role::Partner {
        return Err(cx.refuse(AppError::Forbidden));
    }
    let partner = model::partner::db::of_user(&cx.pool, user.id).await?;
    match (model::tour::db::owner(&cx.pool, tour).await?, partner) {
        (None, _) => Err(cx.refuse(AppError::NotFound)),
        (Some(owner), Some(p)) if owner == p.id => Ok(()),
        _ => Err(cx.refuse(AppError::Forbidden)),
    }
}

/// The answer to a form: what became of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TourOutcome {
    pub id: Option<i64>,
    pub errors: FieldErrors,
    pub status: Option<TourStatus>,
}

/// The villages of a form: its `stop_1`, `stop_2`… choices in order, as
/// one list of addresses.
pub fn stops_of(fields: &Values) -> String {
    let mut stops: Vec<(u32, &str)> = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("stop_")?.parse().ok()?, v.trim())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    stops.sort_by_key(|(n, _)| *n);
    stops
        .into_iter()
        .map(|(_, v)| v)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Saves a tour of the partner's organisation (`id`: `None` for a new
/// one). A new or sent-back tour waits for approval; an approved one's
/// change goes live. Another organisation's tour: 403.
#[server(prefix = "/api/staff")]
pub async fn save_tour(
    id: Option<i64>,
    fields: Values,
    lang: Option<String>,
) -> Result<TourOutcome, AppError> {
    use model::editing::fields::FieldError;
    use model::tour::db::Saved;
    let (user, cx, partner) = own_organisation().await?;
    let lang = Lang::from_code(lang.as_deref());
    let mut fields = fields;
    if !fields.contains_key("stops") {
        fields.insert("stops".to_owned(), stops_of(&fields));
    }
    let back = |id: Option<i64>| match id {
        Some(id) => format!("{}?tour={id}", model::paths::partner_tours(lang)),
        None => model::paths::partner_tours(lang).to_owned(),
    };
    let refused = |errors: FieldErrors| TourOutcome {
        id,
        errors,
        status: None,
    };
    let outcome = match model::tour::parse_tour(&fields, model::date::Date::today()) {
        Err(errors) => refused(errors),
        Ok(input) => match model::tour::db::save(&cx.pool, partner.id, id, &input).await? {
            Saved::NotFound => return Err(cx.refuse(AppError::NotFound)),
            Saved::NotYours => return Err(cx.refuse(AppError::Forbidden)),
            Saved::UnknownVillage(_) => refused(FieldErrors::from([(
                "stops".to_owned(),
                FieldError::UnknownLink,
            )])),
            Saved::Done {
                id: saved,
                slug,
                status,
            } => {
                cx.audit(
                    Some(user.id),
                    if id.is_none() {
                        "tour_create"
                    } else {
                        "tour_update"
                    },
                    Some(("tours", saved)),
                    &format!("{slug}: {}", input.details.name_vi),
                )
                .await?;
                if status == TourStatus::Published
                    && let Some(index) = &cx.index
                {
                    index.touch();
                }
                TourOutcome {
                    id: Some(saved),
                    errors: FieldErrors::new(),
                    status: Some(status),
                }
            }
        },
    };
    if cx.plain_form {
        let done = match outcome.status {
            Some(TourStatus::Published) => "live",
            _ => "pending",
        };
        super::flash::answer_plain(
            &cx,
            &outcome.errors,
            "tour",
            id,
            fields,
            done,
            // A new tour: back to an empty form (as with JavaScript);
            // an edited one: back to its own.
            &back(id),
        )
        .await?;
    }
    Ok(outcome)
}

/// An editor's decision on a tour: `approve` one waiting, or send one back
/// (waiting or published) with a reason, which the partner sees.
#[server(prefix = "/api/staff")]
pub async fn review_tour(
    id: i64,
    approve: bool,
    reason: Option<String>,
    lang: Option<String>,
) -> Result<TourOutcome, AppError> {
    use super::auth::{Need, Staff, require};
    use model::editing::fields::FieldError;
    let Staff { user, cx } = require(Need::Edit).await?;
    let lang = Lang::from_code(lang.as_deref());
    let reason = reason.unwrap_or_default().trim().to_owned();
    let refused = |error: FieldError| TourOutcome {
        id: Some(id),
        errors: FieldErrors::from([(format!("reason_{id}"), error)]),
        status: None,
    };
    let outcome = if !approve && reason.is_empty() {
        refused(FieldError::Required)
    } else if reason.chars().count() > 1000 {
        refused(FieldError::TooLong)
    } else {
        if model::tour::db::review(&cx.pool, id, approve, &reason)
            .await?
            .is_none()
        {
            return Err(cx.refuse(AppError::NotFound));
        }
        cx.audit(
            Some(user.id),
            if approve {
                "tour_approve"
            } else {
                "tour_reject"
            },
            Some(("tours", id)),
            &reason,
        )
        .await?;
        // Approved or taken down: village and partner pages change.
        if let Some(index) = &cx.index {
            index.touch();
        }
        TourOutcome {
            id: Some(id),
            errors: FieldErrors::new(),
            status: Some(if approve {
                TourStatus::Published
            } else {
                TourStatus::Rejected
            }),
        }
    };
    if cx.plain_form {
        let typed = Values::from([(format!("reason_{id}"), reason)]);
        let back = format!("{}#t{id}", model::paths::partner_tours(lang));
        super::flash::answer_plain(
            &cx,
            &outcome.errors,
            "review",
            Some(id),
            typed,
            "reviewed",
            &back,
        )
        .await?;
    }
    Ok(outcome)
}

/// Deletes a photo of the partner's own tour (its files into the trash
/// folder, as a listing's), or takes a deleted one back (`restore`); the
/// message waits for the tour's form, which comes back.
#[server(prefix = "/api/staff")]
pub async fn tour_photo(
    image: i64,
    restore: bool,
    lang: Option<String>,
) -> Result<TourOutcome, AppError> {
    use super::auth::{Need, Staff, require};
    use model::media::{PhotoFlash, UPLOAD_FLASH, UploadOutcome};
    let Staff { user, cx } = require(Need::Partner).await?;
    let Some((tour, _)) = model::media::db::tour_of(&cx.pool, image).await? else {
        return Err(cx.refuse(AppError::NotFound));
    };
    own_tour(&cx, &user, tour).await?;
    let changed = crate::media::api::trash(&cx, user.id, image, !restore).await?;
    let outcome = match (restore, changed) {
        (false, _) => UploadOutcome::Deleted,
        (true, true) => UploadOutcome::Restored,
        (true, false) => UploadOutcome::NotDeleted,
    };
    if let Some(session) = &cx.session {
        let _ = session
            .insert(UPLOAD_FLASH, PhotoFlash::new(outcome, Some(image)))
            .await;
    }
    if cx.plain_form {
        let lang = Lang::from_code(lang.as_deref());
        cx.redirect(&format!(
            "{}?tour={tour}#photos",
            model::paths::partner_tours(lang)
        ));
    }
    Ok(TourOutcome {
        id: Some(tour),
        errors: FieldErrors::new(),
        status: None,
    })
}

/// Changes the public details of the partner's own organisation (the
/// change goes live and is audited).
#[server(prefix = "/api/staff")]
pub async fn save_partner_info(
    fields: Values,
    lang: Option<String>,
) -> Result<TourOutcome, AppError> {
    let (user, cx, partner) = own_organisation().await?;
    let lang = Lang::from_code(lang.as_deref());
    let outcome = match model::partner::parse_org(&fields, model::date::Date::today()) {
        Err(errors) => TourOutcome {
            id: None,
            errors,
            status: None,
        },
        Ok(info) => {
            model::partner::db::update_info(&cx.pool, partner.id, &info).await?;
            cx.audit(
                Some(user.id),
                "partner_update",
                Some(("partners", partner.id)),
                &info.name,
            )
            .await?;
            if let Some(index) = &cx.index {
                index.touch();
            }
            TourOutcome {
                id: None,
                errors: FieldErrors::new(),
                status: None,
            }
        }
    };
    if cx.plain_form {
        let back = model::paths::partner_tours(lang);
        super::flash::answer_plain(&cx, &outcome.errors, "org", None, fields, "org", back).await?;
    }
    Ok(outcome)
}

/// The page's actions and data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct ToursLoad {
    save: ServerAction<SaveTour>,
    review: ServerAction<ReviewTour>,
    org: ServerAction<SavePartnerInfo>,
    photo: ServerAction<TourPhoto>,
    /// The errors of the last refused post (with JavaScript).
    refused: RwSignal<FieldErrors>,
    data: crate::data::Data<Result<ToursData, AppError>>,
}

impl ToursLoad {
    pub fn start() -> Self {
        let save = ServerAction::<SaveTour>::new();
        let review = ServerAction::<ReviewTour>::new();
        let org = ServerAction::<SavePartnerInfo>::new();
        let photo = ServerAction::<TourPhoto>::new();
        let refused = RwSignal::new(FieldErrors::new());
        // Only a post that was taken reloads the page's data: a refused
        // one keeps what was typed, with its errors.
        let taken = RwSignal::new(0u32);
        let watch = move |outcome: Option<Result<TourOutcome, AppError>>| {
            if let Some(Ok(outcome)) = outcome {
                if outcome.errors.is_empty() {
                    refused.set(FieldErrors::new());
                    taken.update(|n| *n += 1);
                } else {
                    refused.set(outcome.errors);
                }
            }
        };
        Effect::new(move |_| watch(save.value().get()));
        Effect::new(move |_| watch(review.value().get()));
        Effect::new(move |_| watch(org.value().get()));
        Effect::new(move |_| watch(photo.value().get()));
        let query = use_query_map();
        let data = crate::data::resource(
            move || {
                (
                    query.read().get("tour").and_then(|v| v.parse::<i64>().ok()),
                    taken.get(),
                )
            },
            |(tour, _)| tours_page(tour),
        );
        Self {
            save,
            review,
            org,
            photo,
            refused,
            data,
        }
    }
}

/// `/tour-doi-tac`, `/en/partner-tours`.
pub fn tours_page_view(load: ToursLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = super::strings::st(lang);
    let data = load.data;
    view! {
        <super::chrome::StaffMeta title=s.tours_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <ToursBody data=d lang load /> }.into_any(),
                    Err(error) => view! { <super::chrome::StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn status_label(s: &'static super::strings::StaffStrings, status: TourStatus) -> &'static str {
    match status {
        TourStatus::Pending => s.tours_pending,
        TourStatus::Published => s.tours_published,
        TourStatus::Rejected => s.tours_rejected,
    }
}

fn stops_text(tour: &Tour, lang: Lang) -> String {
    tour.stops
        .iter()
        .map(|s| lang.pick(&s.name_vi, &s.name_en).to_owned())
        .collect::<Vec<_>>()
        .join(" → ")
}

#[component]
fn ToursBody(data: ToursData, lang: Lang, load: ToursLoad) -> impl IntoView {
    let s = super::strings::st(lang);
    let partner_account = data.me.role == model::staff::Role::Partner;
    let done = data.done.as_deref().map(|d| match d {
        "live" => s.tours_saved_live,
        "org" => s.tours_org_saved,
        "reviewed" => s.tours_reviewed,
        _ => s.tours_saved_pending,
    });
    // With JavaScript, the errors of the last refused post; without, those
    // the page was sent back with.
    let refused = load.refused;
    if !data.errors.is_empty() || !data.org_errors.is_empty() {
        let mut all = data.errors.clone();
        all.extend(data.org_errors.clone());
        refused.set(all);
    }
    let body = if partner_account {
        match &data.partner {
            None => view! { <p class="notice">{s.tours_no_org}</p> }.into_any(),
            Some(p) => {
                let photos = data
                    .editing
                    .and_then(|id| data.tours.iter().find(|t| t.id == id))
                    .map(|t| view! {
                        <TourPhotos tour=t.id photos=t.photos.clone() flash=data.photo_flash lang action=load.photo />
                    });
                view! {
                    <OrgForm partner=p.clone() values=data.org_values.clone() lang action=load.org refused />
                    <OwnTours tours=data.tours.clone() lang />
                    <TourForm data=data.clone() lang action=load.save refused />
                    {photos}
                }
                .into_any()
            }
        }
    } else {
        view! { <Review data=data.clone() lang action=load.review refused /> }.into_any()
    };
    view! {
        <super::chrome::StaffNav user=data.me.clone() />
        <h1>{s.tours_title}</h1>
        {done.map(|d| view! { <p class="form-saved" role="status">{d}</p> })}
        {move || (!refused.read().is_empty()).then(|| view! {
            <p class="form-alert" role="alert">{s.tours_not_saved}</p>
        })}
        {body}
    }
}

/// One field of a tour's or an organisation's form, with its error.
fn field_view(
    field: &'static model::editing::fields::FieldSpec,
    value: String,
    refused: RwSignal<FieldErrors>,
    lang: Lang,
) -> impl IntoView {
    use model::editing::fields::FieldKind;
    let s = super::strings::st(lang);
    let key = field.key;
    let id = format!("f-{key}");
    let error_id = format!("e-{key}");
    let name = format!("fields[{key}]");
    let input_type = match field.kind {
        FieldKind::Url => "url",
        FieldKind::Email => "email",
        FieldKind::Phone => "tel",
        _ => "text",
    };
    let mode = matches!(field.kind, FieldKind::Int { .. }).then_some("numeric");
    let max = match field.kind {
        FieldKind::Text { max } => Some(max.to_string()),
        _ => None,
    };
    let invalid = move || refused.read().contains_key(key).then_some("true");
    let described = {
        let error_id = error_id.clone();
        move || refused.read().contains_key(key).then(|| error_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || refused.read().contains_key(key)>
            <label for=id.clone()>{field.label(lang)}{field.required.then_some(" *")}</label>
            <input id=id name=name type=input_type inputmode=mode maxlength=max value=value
                required=field.required aria-invalid=invalid aria-describedby=described />
            {move || refused.read().get(key).map(|e| view! {
                <p class="field-error" id=error_id.clone()>{s.field_error(*e)}</p>
            })}
        </div>
    }
}

/// The organisation's public details (its partners).
#[component]
fn OrgForm(
    partner: Partner,
    values: Values,
    lang: Lang,
    action: ServerAction<SavePartnerInfo>,
    refused: RwSignal<FieldErrors>,
) -> impl IntoView {
    let s = super::strings::st(lang);
    let public = model::paths::partner(lang, &partner.slug);
    let shown = public.clone();
    view! {
        <section aria-labelledby="org-heading">
            <h2 id="org-heading">{s.tours_org_heading}</h2>
            <p class="field-hint">{s.tours_org_hint}" "<a href=public>{shown}</a></p>
            <ActionForm action attr:class="stack-form" attr:novalidate=true>
                <input type="hidden" name="lang" value=lang.code() />
                {model::partner::ORG_FIELDS.iter().map(|f| {
                    field_view(f, values.get(f.key).cloned().unwrap_or_default(), refused, lang)
                }).collect_view()}
                <button type="submit">{s.tours_org_save}</button>
            </ActionForm>
        </section>
    }
}

/// The partner's tours, each with its state.
#[component]
fn OwnTours(tours: Vec<Tour>, lang: Lang) -> impl IntoView {
    let s = super::strings::st(lang);
    let here = model::paths::partner_tours(lang);
    view! {
        <section aria-labelledby="own-tours">
            <h2 id="own-tours">{s.tours_yours}</h2>
            {if tours.is_empty() {
                view! { <p class="field-hint">{s.tours_none}</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table stack-table" data-testid="own-tours">
                        <thead><tr>
                            <th scope="col">{s.tours_edit}</th><th scope="col">{s.tours_villages}</th>
                            <th scope="col">{s.tours_status}</th>
                        </tr></thead>
                        <tbody>
                            {tours.into_iter().map(|t| {
                                let reason = (t.status == TourStatus::Rejected && !t.reason.is_empty())
                                    .then(|| format!(" — {}: {}", s.tours_reason, t.reason));
                                let public = (t.status == TourStatus::Published).then(|| view! {
                                    " · " <a href=model::paths::partner(lang, &t.partner_slug)>{s.tours_view}</a>
                                });
                                view! {
                                    <tr>
                                        <td><a href=format!("{here}?tour={}", t.id)>{t.name(lang).to_owned()}</a></td>
                                        <td data-label=s.tours_villages>{stops_text(&t, lang)}</td>
                                        <td data-label=s.tours_status data-testid="tour-status">{status_label(s, t.status)}{reason}{public}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// A new tour's form, or the chosen one's.
#[component]
fn TourForm(
    data: ToursData,
    lang: Lang,
    action: ServerAction<SaveTour>,
    refused: RwSignal<FieldErrors>,
) -> impl IntoView {
    let s = super::strings::st(lang);
    let editing = data.editing;
    let value = {
        let values = data.values.clone();
        move |key: &str| values.get(key).cloned().unwrap_or_default()
    };
    let chosen: Vec<String> = {
        let typed = stops_of(&data.values);
        let stops = if typed.is_empty() {
            value("stops")
        } else {
            typed
        };
        stops
            .lines()
            .map(str::to_owned)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let rows = (chosen.len() + 2).clamp(4, model::tour::MAX_STOPS);
    let villages = data.villages;
    let stop_select = move |n: usize| {
        let current = chosen.get(n).cloned().unwrap_or_default();
        let id = format!("f-stop-{}", n + 1);
        view! {
            <div class="field stop">
                <label for=id.clone()>{s.tours_stop}" "{n + 1}</label>
                <select id=id name=format!("fields[stop_{}]", n + 1)
                    aria-invalid=move || refused.read().contains_key("stops").then_some("true")
                    aria-describedby=move || refused.read().contains_key("stops").then_some("e-stops")>
                    <option value="">{s.tours_no_stop}</option>
                    {villages.iter().map(|(slug, name)| view! {
                        <option value=slug.clone() selected=*slug == current>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let fields = move |keys: &[&str]| {
        model::tour::TOUR_FIELDS
            .iter()
            .filter(|f| keys.contains(&f.key))
            .map(|f| field_view(f, value(f.key), refused, lang))
            .collect_view()
    };
    let heading = if editing.is_some() {
        s.tours_edit
    } else {
        s.tours_new
    };
    view! {
        <section aria-labelledby="tour-form-heading">
            <h2 id="tour-form-heading">{heading}</h2>
            {editing.is_some().then(|| view! {
                <p><a href=model::paths::partner_tours(lang)>{s.tours_new_link}</a></p>
            })}
            <p class="field-hint">{s.tours_first_review}</p>
            {editing.is_none().then(|| view! { <p class="field-hint">{s.tours_photos_later}</p> })}
            <ActionForm action attr:class="stack-form" attr:id="tour-form" attr:novalidate=true>
                <input type="hidden" name="lang" value=lang.code() />
                {editing.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
                {fields(&["name_vi", "name_en"])}
                <fieldset class="stops" aria-describedby="stops-hint">
                    <legend>{s.tours_stops_legend}" *"</legend>
                    {(0..rows).map(stop_select).collect_view()}
                    {move || refused.read().get("stops").map(|e| view! {
                        <p class="field-error" id="e-stops">{
                            if *e == model::editing::fields::FieldError::UnknownLink { s.tours_unknown_village } else { s.field_error(*e) }
                        }</p>
                    })}
                </fieldset>
                {fields(&["days", "hours", "price_low", "price_high", "languages", "booking_url"])}
                <button type="submit">{if editing.is_some() { s.tours_save } else { s.tours_send }}</button>
            </ActionForm>
        </section>
    }
}

/// The photos of the partner's tour being edited: each with a delete
/// (which can be undone), and an upload. Plain forms: the upload posts to
/// the server's upload route and comes back here with its message.
#[component]
fn TourPhotos(
    tour: i64,
    photos: Vec<model::media::ImageView>,
    flash: Option<model::media::PhotoFlash>,
    lang: Lang,
    action: ServerAction<TourPhoto>,
) -> impl IntoView {
    use model::media::UploadOutcome;
    let s = super::strings::st(lang);
    let photo_form = move |image: i64, restore: bool, label: &'static str, class: &'static str| {
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="image" value=image.to_string() />
                <input type="hidden" name="restore" value=restore.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    let message = flash.map(|f| match (f.outcome, f.image) {
        (UploadOutcome::Deleted, Some(image)) => view! {
            <div class="form-saved photo-undo" role="status">
                {s.photo_deleted}" "{photo_form(image, true, s.undo, "secondary")}
            </div>
        }
        .into_any(),
        (outcome, _) => {
            let ok = matches!(outcome, UploadOutcome::Added | UploadOutcome::Restored);
            view! {
                <p class=if ok { "form-saved" } else { "form-alert" } role=if ok { "status" } else { "alert" }>
                    {crate::media::flash_message(s, f)}
                </p>
            }
            .into_any()
        }
    });
    view! {
        <section class="staff-photos" id="photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{s.photos}</h2>
            <p class="field-hint">{s.tours_photos_hint}</p>
            {message}
            <ul class="gallery-list staff-gallery" data-testid="tour-photos">
                {photos.into_iter().map(|image| {
                    let id = image.id;
                    view! {
                        <li id=format!("photo-{id}")>
                            <crate::media::Photo image lang sizes="15rem" />
                            <details class="confirm">
                                <summary>{s.photo_delete}"…"</summary>
                                <p>{s.photo_delete_note}</p>
                                {photo_form(id, false, s.photo_delete_confirm, "danger")}
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="stacked-form photo-upload" method="post" action=model::media::TOUR_UPLOAD_PATH
                enctype="multipart/form-data">
                <input type="hidden" name="tour" value=tour.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                <label for="photo-file">{s.photo_file}</label>
                <input id="photo-file" type="file" name="file" multiple
                    accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby="photo-rule" />
                <p id="photo-rule" class="field-hint">{s.tours_photo_rule}</p>
                <label for="photo-alt-vi">{s.photo_alt_vi}</label>
                <input id="photo-alt-vi" type="text" name="alt_vi" maxlength="300" />
                <label for="photo-alt-en">{s.photo_alt_en}</label>
                <input id="photo-alt-en" type="text" name="alt_en" maxlength="300" />
                <button type="submit">{s.photo_upload}</button>
            </form>
        </section>
    }
}

/// Tours waiting for approval, and every tour (editors and admins).
#[component]
fn Review(
    data: ToursData,
    lang: Lang,
    action: ServerAction<ReviewTour>,
    refused: RwSignal<FieldErrors>,
) -> impl IntoView {
    let s = super::strings::st(lang);
    let (waiting, others): (Vec<Tour>, Vec<Tour>) = data
        .tours
        .iter()
        .cloned()
        .partition(|t| t.status == TourStatus::Pending);
    let typed = data.values;
    let decision = move |t: &Tour, approve: bool| {
        let id = t.id;
        let key = format!("reason_{id}");
        let field_id = format!("r-{id}-{approve}");
        let error_id = format!("e-{key}");
        let label = if approve {
            s.tours_approve
        } else if t.status == TourStatus::Published {
            s.tours_unpublish
        } else {
            s.tours_reject
        };
        let reason = (!approve).then(|| {
            let key = key.clone();
            let key2 = key.clone();
            view! {
                <div class="field">
                    <label for=field_id.clone()>{s.tours_reject_reason}</label>
                    <textarea id=field_id.clone() name="reason" rows="2" maxlength="1000"
                        aria-invalid=move || refused.read().contains_key(&key).then_some("true")
                        aria-describedby=move || refused.read().contains_key(&key2).then(|| format!("e-reason_{id}"))
                    >{typed.get(&format!("reason_{id}")).cloned().unwrap_or_default()}</textarea>
                    {move || refused.read().get(&format!("reason_{id}")).map(|e| view! {
                        <p class="field-error" id=error_id.clone()>{s.field_error(*e)}</p>
                    })}
                </div>
            }
        });
        view! {
            <ActionForm action attr:class="stack-form review-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="approve" value=approve.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                {reason}
                <button type="submit">{label}</button>
            </ActionForm>
        }
    };
    let card = move |t: Tour| {
        let facts = t.details.facts(lang).join(" · ");
        let approve = (t.status == TourStatus::Pending).then(|| decision(&t, true));
        // Sending back a waiting tour is one of two choices, shown; taking
        // a published one down is rarer and folds away.
        let reject = match t.status {
            TourStatus::Pending => Some(decision(&t, false).into_any()),
            TourStatus::Published => Some(
                view! {
                    <details class="take-down">
                        <summary>{s.tours_unpublish}"…"</summary>
                        {decision(&t, false)}
                    </details>
                }
                .into_any(),
            ),
            TourStatus::Rejected => None,
        };
        let reason = (!t.reason.is_empty())
            .then(|| view! { <p><strong>{s.tours_reason}": "</strong>{t.reason.clone()}</p> });
        view! {
            <article class="proposal tour-review" id=format!("t{}", t.id) data-testid="tour-review">
                <h3>{t.name(lang).to_owned()}" — "{status_label(s, t.status)}</h3>
                <p><strong>{s.tours_partner}": "</strong><a href=model::paths::partner(lang, &t.partner_slug)>{t.partner_name.clone()}</a></p>
                <p><strong>{s.tours_villages}": "</strong>{stops_text(&t, lang)}</p>
                <p>{facts}</p>
                {(!t.photos.is_empty()).then(|| view! {
                    <div class="gallery-list staff-gallery">
                        {t.photos.iter().cloned().map(|image| view! {
                            <crate::media::Photo image lang sizes="15rem" />
                        }).collect_view()}
                    </div>
                })}
                <p><strong>{s.tours_booking}": "</strong><a href=t.details.booking_url.clone() rel="external noopener nofollow">{t.details.booking_url.clone()}</a></p>
                {reason}
                <div class="review-forms">{approve}{reject}</div>
            </article>
        }
    };
    view! {
        <section aria-labelledby="waiting" data-testid="tours-waiting">
            <h2 id="waiting">{s.tours_waiting}</h2>
            {waiting.is_empty().then(|| view! { <p>{s.tours_waiting_none}</p> })}
            {waiting.into_iter().map(card.clone()).collect_view()}
        </section>
        <section aria-labelledby="all-tours">
            <h2 id="all-tours">{s.tours_all}</h2>
            {others.is_empty().then(|| view! { <p>{s.tours_none}</p> })}
            {others.into_iter().map(card).collect_view()}
        </section>
    }
}
