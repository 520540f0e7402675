//! The plain strings of each language (messages without arguments), one
//! `&'static str` per message, built from the language's bundle once.

use std::sync::LazyLock;

use shared::EventKind;

use super::fluent;
use super::lang::Lang;

impl Lang {
    /// The plain strings of this language, built from its Fluent file the
    /// first time they are asked for.
    pub fn texts(self) -> &'static Texts {
        Texts::of(self)
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
