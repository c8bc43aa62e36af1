//! What partners' links bring (`/luot-gioi-thieu`, `/en/referrals`): for a
//! partner account, its organisation's referral code and the visits it
//! brought per day (a chart drawn on the server, readable without
//! JavaScript) and per listing, with a CSV download; for admins, every
//! organisation's figures, and the organisations themselves (create one,
//! give a partner account to one). Editors have no business here.

use super::StaffUser;
use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::editing::{FieldErrors, Values};
use model::i18n::Lang;
use model::partner::{Figures, Partner, PartnerKind};
use serde::{Deserialize, Serialize};

/// The periods offered, in days.
pub const PERIODS: [u32; 3] = [7, 30, 90];

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferralsData {
    pub me: StaffUser,
    /// The partner's own organisation (partners), or the one chosen
    /// (admins; `None`: every organisation).
    pub partner: Option<Partner>,
    /// Every organisation (admins only).
    pub partners: Vec<Partner>,
    /// Partner accounts: id and name (admins only).
    pub accounts: Vec<(i64, String)>,
    pub days: u32,
    pub figures: Figures,
    /// A refused new organisation's typing and errors (no JavaScript).
    #[serde(default)]
    pub typed: Values,
    #[serde(default)]
    pub errors: FieldErrors,
}

/// The period asked for: one of [`PERIODS`], else 30 days.
pub fn period(days: Option<u32>) -> u32 {
    days.filter(|d| PERIODS.contains(d)).unwrap_or(30)
}

/// Whose figures a request may read: a partner its own organisation's
/// only, an admin any or all; `Err` for everyone else or another
/// organisation.
#[cfg(feature = "ssr")]
pub async fn whose(
    pool: &sqlx::SqlitePool,
    user: &StaffUser,
    asked: Option<i64>,
) -> Result<Option<Partner>, AppError> {
    use model::staff::Role;
    match user.role {
        Role::Admin => match asked {
            Some(id) => Ok(Some(
                model::partner::db::all(pool)
                    .await?
                    .into_iter()
                    .find(|p| p.id == id)
                    .ok_or(AppError::NotFound)?,
            )),
            None => Ok(None),
        },
        Role::Partner => {
            let own = model::partner::db::of_user(pool, user.id).await?;
            match (&own, asked) {
                (Some(p), Some(id)) if p.id != id => Err(AppError::Forbidden),
                (None, Some(_)) => Err(AppError::Forbidden),
                _ => Ok(own),
            }
        }
        Role::Editor => Err(AppError::Forbidden),
    }
}

/// The page's data.
#[server(prefix = "/api/staff")]
pub async fn referrals_page(
    partner: Option<i64>,
    days: Option<u32>,
) -> Result<ReferralsData, AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Staff).await?;
    let chosen = match whose(&cx.pool, &user, partner).await {
        Ok(chosen) => chosen,
        Err(error) => return Err(cx.refuse(error)),
    };
    let days = period(days);
    let to = model::date::Date::today();
    let from =
        model::date::Date::from_days_since_epoch(to.days_since_epoch() - i64::from(days) + 1);
    // A partner without an organisation has no figures (not everyone's).
    let figures = match (&chosen, user.role) {
        (None, model::staff::Role::Partner) => Figures::default(),
        _ => model::partner::db::figures(&cx.pool, chosen.as_ref().map(|p| p.id), from, to).await?,
    };
    let admin = user.role == model::staff::Role::Admin;
    let (partners, accounts) = if admin {
        let accounts = super::db::all_accounts(&cx.pool)
            .await?
            .into_iter()
            .filter(|(a, _)| a.role == model::staff::Role::Partner)
            .map(|(a, _)| (a.id, a.display_name))
            .collect();
        (model::partner::db::all(&cx.pool).await?, accounts)
    } else {
        (Vec::new(), Vec::new())
    };
    let (flash, _) = super::flash::take(&cx).await;
    let (typed, errors) = flash
        .filter(|f| f.form == "org-new")
        .map(|f| (f.values, f.errors))
        .unwrap_or_default();
    Ok(ReferralsData {
        me: user,
        partner: chosen,
        partners,
        accounts,
        days,
        figures,
        typed,
        errors,
    })
}

/// Creates a partner organisation (admins); a missing or too long name,
/// or an unknown kind, is answered at its field.
#[server(prefix = "/api/staff")]
pub async fn create_partner_org(
    name: String,
    kind: String,
    lang: Option<String>,
) -> Result<FieldErrors, AppError> {
    use super::auth::{Need, Staff, require};
    use model::editing::fields::FieldError;
    let Staff { user, cx } = require(Need::Admin).await?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut errors = FieldErrors::new();
    if name.is_empty() {
        errors.insert("name".to_owned(), FieldError::Required);
    } else if name.chars().count() > 200 {
        errors.insert("name".to_owned(), FieldError::TooLong);
    }
    let parsed = PartnerKind::parse(&kind);
    if parsed.is_none() {
        errors.insert("kind".to_owned(), FieldError::BadChoice);
    }
    if let (Some(kind), true) = (parsed, errors.is_empty()) {
        let made = model::partner::db::create(&cx.pool, &name, kind).await?;
        cx.audit(
            Some(user.id),
            "partner_create",
            Some(("partners", made.id)),
            &name,
        )
        .await?;
    }
    if cx.plain_form {
        let typed = Values::from([("name".to_owned(), name), ("kind".to_owned(), kind)]);
        let back = format!(
            "{}#orgs",
            model::paths::referrals(Lang::from_code(lang.as_deref()))
        );
        super::flash::answer_plain(&cx, &errors, "org-new", None, typed, "org", &back).await?;
    }
    Ok(errors)
}

/// Gives a partner account to an organisation, or to none (admins).
#[server(prefix = "/api/staff")]
pub async fn attach_partner_account(
    account: i64,
    partner: String,
    lang: Option<String>,
) -> Result<(), AppError> {
    use super::auth::{Need, Staff, require};
    let Staff { user, cx } = require(Need::Admin).await?;
    let partner = match partner.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return Err(cx.refuse(AppError::BadRequest)),
        },
    };
    if !model::partner::db::attach(&cx.pool, account, partner).await? {
        return Err(cx.refuse(AppError::NotFound));
    }
    let detail = partner.map(|p| p.to_string()).unwrap_or_default();
    cx.audit(
        Some(user.id),
        "partner_attach",
        Some(("users", account)),
        &detail,
    )
    .await?;
    if cx.plain_form {
        cx.redirect(model::paths::referrals(Lang::from_code(lang.as_deref())));
    }
    Ok(())
}

/// The page's actions and data, asked for as soon as its route matches.
#[derive(Clone, Copy)]
pub struct ReferralsLoad {
    create: ServerAction<CreatePartnerOrg>,
    attach: ServerAction<AttachPartnerAccount>,
    data: crate::data::Data<Result<ReferralsData, AppError>>,
}

impl ReferralsLoad {
    pub fn start() -> Self {
        let create = ServerAction::<CreatePartnerOrg>::new();
        let attach = ServerAction::<AttachPartnerAccount>::new();
        let query = use_query_map();
        let data = crate::data::resource(
            move || {
                let q = query.read();
                (
                    q.get("doi-tac").and_then(|v| v.parse::<i64>().ok()),
                    q.get("ngay").and_then(|v| v.parse::<u32>().ok()),
                    create.version().get(),
                    attach.version().get(),
                )
            },
            |(partner, days, _, _)| referrals_page(partner, days),
        );
        Self {
            create,
            attach,
            data,
        }
    }
}

/// `/luot-gioi-thieu`, `/en/referrals`.
pub fn referrals_page_view(load: ReferralsLoad) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let s = super::strings::st(lang);
    let ReferralsLoad {
        create,
        attach,
        data,
    } = load;
    view! {
        <super::chrome::StaffMeta title=s.referrals_title />
        <Suspense fallback=move || view! { <p>{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <ReferralsBody data=d lang create attach /> }.into_any(),
                    Err(error) => view! { <super::chrome::StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The CSV download's address for the same choice.
pub fn csv_href(lang: Lang, partner: Option<i64>, days: u32) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let Some(p) = partner {
        out.append_pair("doi-tac", &p.to_string());
    }
    out.append_pair("ngay", &days.to_string());
    out.append_pair("lang", lang.code());
    format!("{}?{}", model::paths::REFERRALS_CSV, out.finish())
}

#[component]
fn ReferralsBody(
    data: ReferralsData,
    lang: Lang,
    create: ServerAction<CreatePartnerOrg>,
    attach: ServerAction<AttachPartnerAccount>,
) -> impl IntoView {
    let s = super::strings::st(lang);
    let here = model::paths::referrals(lang);
    let admin = data.me.role == model::staff::Role::Admin;
    let total: i64 = data.figures.days.iter().map(|d| d.visits).sum();
    let clicks: i64 = data.figures.days.iter().map(|d| d.clicks).sum();
    let tours = data.figures.tours.clone();
    let chart = model::partner::chart_svg(
        &data.figures.days,
        lang,
        &(s.referrals_chart_label)(total, data.days),
    );
    let chosen = data.partner.as_ref().map(|p| p.id);
    let own = (!admin).then(|| match &data.partner {
        Some(p) => view! {
            <p data-testid="referral-code">{s.referrals_org} ": " <strong>{p.name.clone()}</strong>
                " · " {s.referrals_code} ": " <code>{p.referral_code.clone()}</code></p>
            <p class="field-hint">{(s.referrals_how)(&p.referral_code)}</p>
        }
        .into_any(),
        None => view! { <p class="notice">{s.referrals_no_org}</p> }.into_any(),
    });
    let listings = data.figures.listings.clone();
    view! {
        <super::chrome::StaffNav user=data.me.clone() />
        <h1>{s.referrals_title}</h1>
        {own}
        <form method="get" action=here class="audit-filters" aria-label=s.referrals_filter>
            {admin.then(|| view! {
                <label class="field">
                    <span>{s.referrals_org}</span>
                    <select name="doi-tac">
                        <option value="" selected=chosen.is_none()>{s.referrals_all_orgs}</option>
                        {org_options(&data.partners, chosen)}
                    </select>
                </label>
            })}
            <label class="field">
                <span>{s.referrals_period}</span>
                <select name="ngay">
                    {PERIODS.iter().map(|d| view! {
                        <option value=d.to_string() selected=*d == data.days>{(s.referrals_days)(*d)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit">{s.referrals_show}</button>
        </form>
        <h2>{(s.referrals_chart_label)(total, data.days)}</h2>
        <div class="chart-box" data-testid="referral-chart" inner_html=chart></div>
        <p class="chart-legend">
            <span class="legend-item"><span class="key visits"></span>{s.referrals_legend_visits}" ("{lang.number(total)}")"</span>
            <span class="legend-item"><span class="key clicks"></span>{s.referrals_legend_clicks}" ("{lang.number(clicks)}")"</span>
        </p>
        <p><a href=csv_href(lang, chosen, data.days) data-testid="referral-csv" download>{s.referrals_csv}</a></p>
        <h2>{s.referrals_by_listing}</h2>
        {if listings.is_empty() {
            view! { <p class="field-hint">{s.referrals_none}</p> }.into_any()
        } else {
            view! {
                <table class="staff-table" data-testid="referral-listings">
                    <thead><tr><th scope="col">{s.referrals_listing}</th><th scope="col">{s.referrals_visits}</th></tr></thead>
                    <tbody>
                        {listings.into_iter().map(|l| view! {
                            <tr>
                                <td><a href=l.kind.profile_path(lang, &l.slug)>{lang.pick(&l.name_vi, &l.name_en).to_owned()}</a></td>
                                <td>{lang.number(l.visits)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {(!tours.is_empty()).then(|| view! {
            <h2>{s.referrals_by_tour}</h2>
            <table class="staff-table" data-testid="referral-tours">
                <thead><tr><th scope="col">{s.tours_title}</th><th scope="col">{s.referrals_clicks}</th></tr></thead>
                <tbody>
                    {tours.into_iter().map(|t| view! {
                        <tr><td>{lang.pick(&t.name_vi, &t.name_en).to_owned()}</td><td>{lang.number(t.clicks)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {admin.then(|| view! { <Organisations data=data.clone() lang create attach /> })}
    }
}

/// An `<option>` per organisation, `chosen` selected.
fn org_options(partners: &[Partner], chosen: Option<i64>) -> impl IntoView + use<> {
    partners
        .iter()
        .map(|p| view! { <option value=p.id.to_string() selected=chosen == Some(p.id)>{p.name.clone()}</option> })
        .collect_view()
}

/// The organisations, a form creating one and one giving an account to one
/// (admins).
#[component]
fn Organisations(
    data: ReferralsData,
    lang: Lang,
    create: ServerAction<CreatePartnerOrg>,
    attach: ServerAction<AttachPartnerAccount>,
) -> impl IntoView {
    let s = super::strings::st(lang);
    // The refused name's error: from the last post with JavaScript, else
    // from the page's load after a plain post.
    let loaded = data.errors.get("name").copied();
    let name_error = move || {
        create
            .value()
            .get()
            .and_then(Result::ok)
            .map_or(loaded, |errors| errors.get("name").copied())
    };
    let typed_name = data.typed.get("name").cloned().unwrap_or_default();
    view! {
        <h2 id="orgs">{s.referrals_orgs}</h2>
        <table class="staff-table stack-table" data-testid="partner-orgs">
            <thead><tr>
                <th scope="col">{s.referrals_org}</th><th scope="col">{s.referrals_kind}</th>
                <th scope="col">{s.referrals_code}</th><th scope="col">{s.referrals_accounts}</th>
            </tr></thead>
            <tbody>
                {data.partners.iter().map(|p| view! {
                    <tr>
                        <td>{p.name.clone()}</td>
                        <td data-label=s.referrals_kind>{p.kind.label(lang)}</td>
                        <td data-label=s.referrals_code><code>{p.referral_code.clone()}</code></td>
                        <td data-label=s.referrals_accounts>{p.accounts.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <ActionForm action=create attr:class="stack-form" attr:novalidate=true>
            <h3>{s.referrals_new_org}</h3>
            <input type="hidden" name="lang" value=lang.code() />
            <div class="field" class:field-invalid=move || name_error().is_some()>
                <label for="org-name">{s.referrals_org_name}</label>
                <input id="org-name" type="text" name="name" required maxlength="200" autocomplete="organization"
                    value=typed_name aria-invalid=move || name_error().map(|_| "true")
                    aria-describedby=move || name_error().map(|_| "org-name-error") />
                {move || name_error().map(|e| view! { <p class="field-error" id="org-name-error">{s.field_error(e)}</p> })}
            </div>
            <label class="field"><span>{s.referrals_kind}</span>
                <select name="kind">
                    {PartnerKind::ALL.iter().map(|k| view! { <option value=k.code()>{k.label(lang)}</option> }).collect_view()}
                </select></label>
            <button type="submit">{s.referrals_create}</button>
        </ActionForm>
        <ActionForm action=attach attr:class="stack-form">
            <h3>{s.referrals_attach}</h3>
            <input type="hidden" name="lang" value=lang.code() />
            <label class="field"><span>{s.referrals_account}</span>
                <select name="account">
                    {data.accounts.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                </select></label>
            <label class="field"><span>{s.referrals_org}</span>
                <select name="partner">
                    <option value="">{s.referrals_no_org_choice}</option>
                    {org_options(&data.partners, None)}
                </select></label>
            <button type="submit">{s.referrals_attach_button}</button>
        </ActionForm>
    }
}
