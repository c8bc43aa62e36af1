//! The strings of the staff workspace, one table per language (vi.rs,
//! en.rs), the same mechanism as the public pages' (`model::i18n`): a
//! missing translation is a compile error.

use model::editing::fields::{Allowed, FieldError};
use model::i18n::Lang;

mod en;
mod vi;

use en::EN;
use vi::VI;

pub struct StaffStrings {
    pub area_name: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub wrong_credentials: &'static str,
    pub too_many_attempts: &'static str,
    pub need_sign_in: &'static str,
    pub forbidden: &'static str,
    pub dashboard_title: &'static str,
    pub needs_attention: &'static str,
    pub missing_location: &'static str,
    pub missing_description: &'static str,
    pub drafts: &'static str,
    pub ocop_expiring: &'static str,
    pub recent_changes: &'static str,
    pub audit_log: &'static str,
    pub audit_about: &'static str,
    pub audit_show: &'static str,
    pub audit_all: &'static str,
    pub audit_filter: &'static str,
    pub audit_empty: &'static str,
    pub audit_older: &'static str,
    pub audit_whole: &'static str,
    pub listings: &'static str,
    pub edit: &'static str,
    pub history: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub form_has_errors: &'static str,
    pub field_required: &'static str,
    pub field_too_long: &'static str,
    pub field_not_number: &'static str,
    pub field_out_of_range: &'static str,
    pub field_not_year: &'static str,
    /// "Out of range" with the range: `{from}` and `{to}` are replaced.
    pub field_range: &'static str,
    /// "Not a year" with the range: `{from}` and `{to}` are replaced.
    pub field_year_range: &'static str,
    pub field_bad_slug: &'static str,
    pub field_bad_url: &'static str,
    pub field_bad_choice: &'static str,
    pub field_outside_area: &'static str,
    pub field_pair_needed: &'static str,
    pub field_more_than_total: &'static str,
    pub field_unknown_commune: &'static str,
    pub field_unknown_link: &'static str,
    pub field_bad_sources: &'static str,
    pub link_hint: &'static str,
    pub sources_hint: &'static str,
    pub field_bad_hours: &'static str,
    pub hours_hint: &'static str,
    pub field_bad_experiences: &'static str,
    pub experiences_hint: &'static str,
    pub field_slug_taken: &'static str,
    pub field_changed_meanwhile: &'static str,
    pub status: &'static str,
    pub view_public: &'static str,
    pub history_title: &'static str,
    pub revision_by: &'static str,
    pub field: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub restore: &'static str,
    pub restored_from: &'static str,
    pub action_baseline: &'static str,
    /// A listing created by a data load (the seed file with its sources).
    pub action_seed: &'static str,
    pub action_edit: &'static str,
    pub action_restore: &'static str,
    pub nothing_changed: &'static str,
    pub empty_value: &'static str,
    pub out_of_scope: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub name: &'static str,
    pub back_to_list: &'static str,
    pub none_needing_attention: &'static str,
    pub field_bad_tax_code: &'static str,
    pub field_taken: &'static str,
    pub new_listing: &'static str,
    pub archive: &'static str,
    pub unarchive: &'static str,
    pub archive_hint: &'static str,
    pub unarchive_hint: &'static str,
    pub accounts_title: &'static str,
    pub role: &'static str,
    pub role_admin: &'static str,
    pub role_editor: &'static str,
    pub role_partner: &'static str,
    pub scope: &'static str,
    pub scope_all: &'static str,
    pub scope_legend: &'static str,
    pub account_disabled: &'static str,
    pub account_active: &'static str,
    pub disable_account: &'static str,
    pub enable_account: &'static str,
    pub new_account: &'static str,
    pub create_account: &'static str,
    pub account_created: &'static str,
    pub reset_title: &'static str,
    pub reset_note: &'static str,
    pub reset_account: &'static str,
    pub reset_new_password: &'static str,
    pub reset_button: &'static str,
    pub reset_done: &'static str,
    pub must_change_marker: &'static str,
    pub must_change_notice: &'static str,
    pub account_exists: &'static str,
    pub first_password: &'static str,
    pub photos: &'static str,
    pub photo_added: &'static str,
    pub photo_no_file: &'static str,
    pub photo_too_large: &'static str,
    pub photo_not_image: &'static str,
    pub photo_too_many_pixels: &'static str,
    pub photo_unreadable: &'static str,
    pub photo_bad_shape: &'static str,
    pub photo_busy: &'static str,
    pub photo_alt_required: &'static str,
    pub photo_text_saved: &'static str,
    pub photo_text_vi: &'static str,
    pub photo_text_en: &'static str,
    pub photo_number: &'static str,
    pub photo_save_text: &'static str,
    pub photo_earlier: &'static str,
    pub photo_later: &'static str,
    pub actions_column: &'static str,
    pub kind_column: &'static str,
    pub propose_title: &'static str,
    pub leave_question: &'static str,
    pub photo_delete: &'static str,
    pub restore_note: &'static str,
    pub restore_confirm: &'static str,
    pub restored_msg: &'static str,
    pub restore_failed: &'static str,
    pub photo_delete_note: &'static str,
    pub photo_delete_confirm: &'static str,
    pub photo_file: &'static str,
    pub photo_rule: &'static str,
    pub photo_alt_vi: &'static str,
    pub photo_alt_en: &'static str,
    pub photo_upload: &'static str,
    pub account_title: &'static str,
    pub change_password: &'static str,
    pub password_rule: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub confirm_password: &'static str,
    pub password_changed: &'static str,
    pub wrong_current_password: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_common: &'static str,
    pub password_contains_account: &'static str,
    pub password_contains_site: &'static str,
    pub password_contains_role: &'static str,
    pub password_pattern: &'static str,
    pub password_words: &'static str,
    pub password_mismatch: &'static str,
    pub field_bad_date: &'static str,
    pub field_bad_email: &'static str,
    pub field_bad_phone: &'static str,
    pub field_nothing_changed: &'static str,
    pub propose: &'static str,
    pub propose_note: &'static str,
    pub proposed: &'static str,
    pub reviews_title: &'static str,
    pub my_proposals: &'static str,
    pub accept: &'static str,
    pub reject: &'static str,
    pub reason: &'static str,
    pub reason_required: &'static str,
    pub already_reviewed: &'static str,
    pub no_longer_valid: &'static str,
    pub accepted_msg: &'static str,
    pub rejected_msg: &'static str,
    pub state_pending: &'static str,
    pub state_accepted: &'static str,
    pub state_rejected: &'static str,
    pub no_proposals: &'static str,
    pub proposed_by: &'static str,
    pub action_proposal: &'static str,
    pub rejection_reason: &'static str,
    // Status and yes/no choices, the audit log's filters.
    pub yes: &'static str,
    pub no: &'static str,
    pub audit_account: &'static str,
    pub audit_proposal: &'static str,
    pub audit_suggestion: &'static str,
    pub audit_moved_earlier: &'static str,
    pub audit_moved_later: &'static str,
    pub audit_filter_sign_in: &'static str,
    pub audit_filter_listings: &'static str,
    pub audit_filter_photos: &'static str,
    pub audit_filter_accounts: &'static str,
    /// An audit log action in words.
    pub audit_action: fn(&str) -> Option<&'static str>,
    // Messages from the public (the suggestion form of profiles).
    pub suggestions_title: &'static str,
    pub no_suggestions: &'static str,
    pub suggestion_topic: &'static str,
    pub suggestion_sender: &'static str,
    pub suggestion_anonymous: &'static str,
    pub suggestion_edit: &'static str,
    pub suggestion_handled: &'static str,
    pub suggestion_dismiss: &'static str,
    pub suggestion_closed: &'static str,
    // The staff list's filters, columns and marks; the read-only form.
    pub only_mine: &'static str,
    pub needs: &'static str,
    pub needs_location: &'static str,
    pub needs_description: &'static str,
    pub completeness: &'static str,
    pub band_low: &'static str,
    pub band_middle: &'static str,
    pub band_high: &'static str,
    pub changed_by: &'static str,
    pub updated_column: &'static str,
    pub your_commune: &'static str,
    pub read_only: &'static str,
    pub no_rows: &'static str,
    pub sort_by: &'static str,
    pub completeness_of: &'static str,
    pub read_only_note: &'static str,
    pub not_recorded: &'static str,
    pub list_search_placeholder: &'static str,
    pub archive_stale: &'static str,
    pub conflicts_title: &'static str,
    pub conflicts_lead: &'static str,
    pub conflict_theirs: &'static str,
    pub conflict_mine: &'static str,
    pub conflict_keep: &'static str,
    pub keep_mine: &'static str,
    pub keep_theirs: &'static str,
    pub meanwhile_kept: &'static str,
    pub someone: &'static str,
    pub bulk_legend: &'static str,
    pub bulk_state: &'static str,
    pub bulk_apply: &'static str,
    pub select_row: &'static str,
    pub bulk_changed: &'static str,
    pub bulk_refused: &'static str,
    pub bulk_already: &'static str,
    pub bulk_none: &'static str,
    pub action_status: &'static str,
    pub photo_deleted: &'static str,
    pub photo_deleted_note: &'static str,
    pub photo_restored: &'static str,
    pub photo_not_deleted: &'static str,
    pub undo: &'static str,
    pub deleted_photos: &'static str,
    pub deleted_photos_note: &'static str,
    pub deleted_by: &'static str,
    pub audit_from: &'static str,
    pub audit_to: &'static str,
    pub last_sign_in: &'static str,
    pub never_signed_in: &'static str,
    pub sort_ascending: &'static str,
    pub sort_descending: &'static str,
    // Partners' notes, withdrawing and sending proposals again.
    pub note_label: &'static str,
    pub note_hint: &'static str,
    pub partner_note: &'static str,
    pub withdraw: &'static str,
    pub withdrawn_msg: &'static str,
    pub state_withdrawn: &'static str,
    pub resubmit: &'static str,
    pub resubmit_note_label: &'static str,
    pub resubmitted_msg: &'static str,
    pub nothing_to_resubmit: &'static str,
    pub resubmit_invalid: &'static str,
    // Photos several at once, typing kept, local drafts.
    pub photos_added: &'static str,
    pub already_resent: &'static str,

    pub bulk_already_assigned: &'static str,

    pub public_address: &'static str,
    pub export_csv: &'static str,
    pub export_xlsx: &'static str,
    pub audit_export: &'static str,

    pub assigned_to: &'static str,
    pub assigned_me: &'static str,
    pub assigned_nobody: &'static str,
    pub assigned_to_you: &'static str,
    pub bulk_assign: &'static str,
    pub bulk_assigned: &'static str,
    pub bulk_unassigned: &'static str,
    pub audit_assigned_nobody: &'static str,

    pub form_parts: &'static str,
    pub section_identity: &'static str,
    pub section_place: &'static str,
    pub section_facts: &'static str,
    pub section_texts: &'static str,
    pub tours_title: &'static str,
    /// The import pages' name (the menu's link), an import's name (with
    /// its file), and the history's words for an import's revisions.
    pub imports_title: &'static str,
    pub import_of: &'static str,
    pub action_import: &'static str,
    pub action_undo_import: &'static str,
    pub tours_org_heading: &'static str,
    pub tours_org_hint: &'static str,
    pub tours_org_save: &'static str,
    pub tours_yours: &'static str,
    pub tours_none: &'static str,
    pub tours_new: &'static str,
    pub tours_edit: &'static str,
    pub tours_new_link: &'static str,
    pub tours_stops_legend: &'static str,
    pub tours_stop: &'static str,
    pub tours_no_stop: &'static str,
    pub tours_first_review: &'static str,
    pub tours_save: &'static str,
    pub tours_send: &'static str,
    pub tours_status: &'static str,
    pub tours_pending: &'static str,
    pub tours_published: &'static str,
    pub tours_rejected: &'static str,
    pub tours_reason: &'static str,
    pub tours_villages: &'static str,
    pub tours_partner: &'static str,
    pub tours_waiting: &'static str,
    pub tours_waiting_none: &'static str,
    pub tours_all: &'static str,
    pub tours_approve: &'static str,
    pub tours_reject: &'static str,
    pub tours_reject_reason: &'static str,
    pub tours_unpublish: &'static str,
    pub tours_booking: &'static str,
    pub tours_saved_pending: &'static str,
    pub tours_saved_live: &'static str,
    pub tours_reviewed: &'static str,
    pub tours_org_saved: &'static str,
    pub tours_no_org: &'static str,
    pub tours_not_saved: &'static str,
    pub tours_view: &'static str,
    pub tours_unknown_village: &'static str,
    pub tours_photos_hint: &'static str,
    pub tours_photo_rule: &'static str,
    pub tours_photos_later: &'static str,
    pub referrals_title: &'static str,
    /// "{n} visits in {days} days".
    pub referrals_chart_label: fn(i64, u32) -> String,
    pub referrals_org: &'static str,
    pub referrals_code: &'static str,
    pub referrals_how: fn(&str) -> String,
    pub referrals_no_org: &'static str,
    pub referrals_filter: &'static str,
    pub referrals_all_orgs: &'static str,
    pub referrals_period: &'static str,
    pub referrals_days: fn(u32) -> String,
    pub referrals_show: &'static str,
    pub referrals_csv: &'static str,
    pub referrals_by_listing: &'static str,
    pub referrals_none: &'static str,
    pub referrals_listing: &'static str,
    pub referrals_visits: &'static str,
    pub referrals_clicks: &'static str,
    pub referrals_by_tour: &'static str,
    pub referrals_legend_visits: &'static str,
    pub referrals_legend_clicks: &'static str,
    pub referrals_orgs: &'static str,
    pub referrals_kind: &'static str,
    pub referrals_accounts: &'static str,
    pub referrals_new_org: &'static str,
    pub referrals_org_name: &'static str,
    pub referrals_create: &'static str,
    pub referrals_attach: &'static str,
    pub referrals_account: &'static str,
    pub referrals_no_org_choice: &'static str,
    pub referrals_attach_button: &'static str,
    pub section_visit: &'static str,
    pub section_contacts: &'static str,
    pub section_sources: &'static str,

    pub view_draft: &'static str,

    pub preview: &'static str,
    pub preview_button: &'static str,
    pub preview_typed: &'static str,
    pub preview_stored: &'static str,
    pub preview_not_public: &'static str,
    pub preview_refused: &'static str,
    pub preview_back: &'static str,
    pub preview_hint: &'static str,

    pub commune_search: &'static str,
    pub generate_password: &'static str,
    pub generated_password_note: &'static str,

    pub photo_too_many: &'static str,
    pub photo_upload_failed: &'static str,
    pub photo_uploading: &'static str,
    pub photo_drop_hint: &'static str,
    pub audit_moved_dragged: &'static str,
    pub typing_kept: &'static str,
    pub draft_found: &'static str,
    pub draft_restore: &'static str,
    pub draft_discard: &'static str,
    pub draft_restored: &'static str,
}

impl StaffStrings {
    /// The title of a part of a listing's form.
    pub fn section_title(
        &'static self,
        section: model::editing::fields::sections::Section,
    ) -> &'static str {
        use model::editing::fields::sections::Section;
        match section {
            Section::Identity => self.section_identity,
            Section::Place => self.section_place,
            Section::Facts => self.section_facts,
            Section::Texts => self.section_texts,
            Section::Visit => self.section_visit,
            Section::Contacts => self.section_contacts,
            Section::Sources => self.section_sources,
        }
    }

    /// The message shown at a field.
    pub fn field_error(&'static self, error: FieldError) -> &'static str {
        let s = self;
        match error {
            FieldError::Required => s.field_required,
            FieldError::TooLong => s.field_too_long,
            FieldError::NotNumber => s.field_not_number,
            FieldError::OutOfRange => s.field_out_of_range,
            FieldError::NotYear => s.field_not_year,
            FieldError::BadSlug => s.field_bad_slug,
            FieldError::BadUrl => s.field_bad_url,
            FieldError::BadChoice => s.field_bad_choice,
            FieldError::OutsideArea => s.field_outside_area,
            FieldError::PairNeeded => s.field_pair_needed,
            FieldError::NothingChanged => s.field_nothing_changed,
            FieldError::BadTaxCode => s.field_bad_tax_code,
            FieldError::Taken => s.field_taken,
            FieldError::BadDate => s.field_bad_date,
            FieldError::BadEmail => s.field_bad_email,
            FieldError::BadPhone => s.field_bad_phone,
            FieldError::MoreThanTotal => s.field_more_than_total,
            FieldError::UnknownCommune => s.field_unknown_commune,
            FieldError::SlugTaken => s.field_slug_taken,
            FieldError::ChangedMeanwhile => s.field_changed_meanwhile,
            FieldError::UnknownLink => s.field_unknown_link,
            FieldError::BadSources => s.field_bad_sources,
            FieldError::BadHours => s.field_bad_hours,
            FieldError::BadExperiences => s.field_bad_experiences,
        }
    }
}

impl StaffStrings {
    /// A role's name.
    pub fn role_label(&'static self, role: model::staff::Role) -> &'static str {
        match role {
            model::staff::Role::Admin => self.role_admin,
            model::staff::Role::Editor => self.role_editor,
            model::staff::Role::Partner => self.role_partner,
        }
    }

    /// Why a new password was refused.
    pub fn password_problem(&'static self, problem: model::staff::PasswordProblem) -> &'static str {
        use model::staff::{KnownWord, PasswordProblem as P};
        match problem {
            P::TooShort => self.password_too_short,
            P::TooLong => self.password_too_long,
            P::Common => self.password_common,
            P::Contains(KnownWord::Account) => self.password_contains_account,
            P::Contains(KnownWord::Site) => self.password_contains_site,
            P::Contains(KnownWord::Role) => self.password_contains_role,
            P::Pattern => self.password_pattern,
            P::Words => self.password_words,
        }
    }

    /// The message shown at a field, naming the allowed range when the
    /// value is outside it.
    pub fn field_message(
        &'static self,
        error: FieldError,
        allowed: Option<Allowed>,
        lang: Lang,
    ) -> std::borrow::Cow<'static, str> {
        let template = match error {
            FieldError::OutOfRange => self.field_range,
            FieldError::NotYear => self.field_year_range,
            _ => return self.field_error(error).into(),
        };
        let Some(allowed) = allowed else {
            return self.field_error(error).into();
        };
        let (from, to) = match allowed {
            Allowed::Whole(a, b) => (whole(a, lang), whole(b, lang)),
            Allowed::Decimal(a, b) => (decimal(a, lang), decimal(b, lang)),
            Allowed::Dates(a, b) => (a.day_first(), b.day_first()),
        };
        template
            .replace("{from}", &from)
            .replace("{to}", &to)
            .into()
    }
}

/// A whole number as the language groups it ("1.000.000", "1,000,000");
/// four digits and fewer stay as they are (years).
fn whole(n: i64, lang: Lang) -> String {
    if n.unsigned_abs() < 10_000 {
        n.to_string()
    } else {
        lang.number(n)
    }
}

/// A decimal without trailing zeros, with the language's decimal mark.
fn decimal(x: f64, lang: Lang) -> String {
    model::listing::decimal(lang, x, 6)
        .trim_end_matches('0')
        .trim_end_matches([',', '.'])
        .to_owned()
}

/// The staff strings of a language.
pub fn st(lang: Lang) -> &'static StaffStrings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::date::Date;

    #[test]
    fn ranges_are_named_in_each_language() {
        let today = Date {
            year: 2026,
            month: 12,
            day: 6,
        };
        let dates = Some(Allowed::Dates(model::editing::fields::DATE_MIN, today));
        assert_eq!(
            st(Lang::En).field_message(FieldError::OutOfRange, dates, Lang::En),
            "Must be from 01/01/1900 to 06/12/2026."
        );
        assert_eq!(
            st(Lang::Vi).field_message(
                FieldError::NotYear,
                Some(Allowed::Whole(1900, 2026)),
                Lang::Vi
            ),
            "Phải là năm có 4 chữ số, từ 1900 đến 2026."
        );
        assert_eq!(
            st(Lang::Vi).field_message(
                FieldError::OutOfRange,
                Some(Allowed::Whole(0, 1_000_000)),
                Lang::Vi
            ),
            "Phải từ 0 đến 1.000.000."
        );
        assert_eq!(
            st(Lang::En).field_message(
                FieldError::OutOfRange,
                Some(Allowed::Decimal(0.01, 100.0)),
                Lang::En
            ),
            "Must be from 0.01 to 100."
        );
        assert_eq!(
            st(Lang::Vi).field_message(
                FieldError::OutOfRange,
                Some(Allowed::Decimal(0.01, 100.0)),
                Lang::Vi
            ),
            "Phải từ 0,01 đến 100."
        );
        // Other errors keep their message.
        assert_eq!(
            st(Lang::En).field_message(FieldError::Required, None, Lang::En),
            "Required."
        );
    }
}
