//! The plain strings of each language (messages without arguments), one
//! `&'static str` per message, built from the language's bundle once.

use std::sync::LazyLock;

use shared::{EventKind, EventStatus};

use super::fluent;
use super::lang::Lang;

impl Lang {
    /// The plain strings of this language, built from its Fluent file the
    /// first time they are asked for.
    pub fn texts(self) -> &'static Texts {
        Texts::of(self)
    }

    /// An action's status, as organisers see it.
    pub fn status(self, status: EventStatus) -> &'static str {
        let t = self.texts();
        match status {
            EventStatus::Pending => t.st_pending,
            EventStatus::Published => t.st_published,
            EventStatus::Rejected => t.st_rejected,
            EventStatus::Cancelled => t.st_cancelled,
            EventStatus::Withdrawn => t.st_withdrawn,
        }
    }

    pub fn kind(self, kind: EventKind) -> &'static str {
        let t = self.texts();
        match kind {
            EventKind::Rally => t.kind_rally,
            EventKind::March => t.kind_march,
            EventKind::Vigil => t.kind_vigil,
            EventKind::Picket => t.kind_picket,
            EventKind::Meeting => t.kind_meeting,
            EventKind::LetterWriting => t.kind_letter_writing,
            EventKind::Online => t.kind_online,
            EventKind::Other => t.kind_other,
        }
    }
}

/// The Fluent id of a [`Texts`] field: `nav_find` → `nav-find`, `where_` → `where`.
pub(super) fn text_id(field: &str) -> String {
    field.trim_end_matches('_').replace('_', "-")
}

/// Declares [`Texts`] (one `&'static str` per plain message) and builds it
/// from a language's bundle.
macro_rules! texts {
    ($($field:ident),* $(,)?) => {
        /// The plain strings of one language (messages without arguments).
        pub struct Texts {
            $(pub $field: &'static str,)*
        }

        impl Texts {
            /// Field names, in order (the tests check each has a message).
            #[cfg(test)]
            pub(super) const FIELDS: &[&str] = &[$(stringify!($field)),*];

            fn build(lang: Lang) -> Texts {
                Texts {
                    $($field: fluent::text(lang, &text_id(stringify!($field))),)*
                }
            }
        }
    };
}

texts! {
    brand, skip, nav_find, nav_register, language, loading, load_failed, not_found,
    event_not_found, no_campaign, footer,
    counters_label, cta_find, cta_register, near_me, near_city, near_heading, near_none,
    near_denied, show_everything, filter_kind, all_kinds, filter_country, all_countries,
    filter_text, view, view_all, view_now, list_heading, now_heading, next_heading, no_events,
    happening_now, ended, cancelled, your_time, map_label, map_zoom_in, map_zoom_out,
    map_close_popup,
    kind_rally, kind_march, kind_vigil, kind_picket, kind_meeting, kind_letter_writing,
    kind_online, kind_other,
    when, where_, on_map, organiser, contact, links, add_calendar, open_osm, share, copied,
    back, city_only_note,
    register_title, register_intro, f_title, f_kind, f_description, f_organiser,
    f_contact_email, h_contact_email, f_public_contact, h_public_contact, f_city, h_city,
    f_address, f_pin, h_pin, f_date, f_start, f_end, f_links, h_links, f_language,
    f_visibility, visibility_exact, visibility_city, submit_register, sending, fix_errors,
    registered_title, pending_note, edit_link_label, keep_warning, copy, view_action,
    edit_title, save, saved, cancel_action, confirm_cancel, cancelled_done, stale,
    load_current, no_token, token_hidden, link_invalid, cancelled_can_hide, manage_heading,
    new_link_heading, new_link_explain, new_link_button, new_link_done, cancel_heading,
    cancel_explain, withdraw_heading, withdraw_explain, withdraw_action, confirm_withdraw,
    withdrawn_done, withdrawn_note,
    embed_title, embed_hint,
    nav_organise, o_login_title, o_login, o_email, o_password, o_login_wrong, o_login_too_many,
    o_nav_label, o_campaign_nav, o_campaigns, o_new_campaign, o_team, o_audit, o_outbox,
    o_logged_in_as, o_logout, o_admins_only, o_forbidden, o_no_campaigns, o_dashboard, o_queue,
    o_endorsements, o_settings, o_public_page, c_slug, h_slug, c_title, c_summary, c_cta,
    c_starts_on, c_ends_on, c_moderation, c_publish_at_once, c_review_first, c_public_contact,
    h_campaign_contact, c_max_pending, h_max_pending, c_archived, h_archived, c_create,
    c_created, d_counts, d_published, d_pending, d_changed, d_rejected, d_cancelled,
    d_withdrawn, d_cities, d_countries, d_organisations, d_queue, d_pending_endorsements,
    d_map, d_map_label, d_legend, d_by_country, d_exports, d_export_csv, d_export_geojson,
    d_export_atom, d_export_ics, wave_title, wave_empty, wave_table, wave_hour, st_pending,
    st_published, st_rejected, st_cancelled, st_withdrawn, q_keys, q_filters, q_status,
    q_status_queue, q_status_spam, q_country, q_bulk, q_select, q_select_all, q_select_none,
    q_reason, q_refused, q_empty, q_new, q_changed, q_private_contact, q_submitted, q_changes,
    q_field, q_approved_value, q_now_value, q_duplicates, q_trust, q_approve, q_reject, q_spam,
    q_accept, q_revert, q_unpublish, q_see_page, e_pending, e_none_pending, e_import,
    e_import_hint, e_import_file, e_import_text, e_import_button, n_title, n_intro, n_name,
    n_name_alt, h_name_alt, h_endorser_city, n_website, h_endorser_email, n_submit, n_thanks,
    n_review_note, n_see_list, n_list_title, n_sign, no_endorsements, no_country, t_role,
    t_admin, t_moderator, t_scopes, h_scopes, t_state, t_active, t_disabled, t_enable,
    t_disable, t_actions, t_invite, t_invite_button, t_invite_link, t_invite_once, i_title,
    i_intro, i_password_hint, i_submit, i_invalid, a_when, a_who, a_action, a_campaign,
    a_event, a_detail, a_empty, a_older, x_intro, x_empty, x_to, x_subject, x_body, x_created,
    x_state, x_sent,
}

impl Texts {
    fn of(lang: Lang) -> &'static Texts {
        static EN: LazyLock<Texts> = LazyLock::new(|| Texts::build(Lang::En));
        static FA: LazyLock<Texts> = LazyLock::new(|| Texts::build(Lang::Fa));
        static ES: LazyLock<Texts> = LazyLock::new(|| Texts::build(Lang::Es));
        match lang {
            Lang::En => &EN,
            Lang::Fa => &FA,
            Lang::Es => &ES,
        }
    }
}
