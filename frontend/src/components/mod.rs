//! Pieces shared by several pages.

pub mod event_form;
pub mod event_list;
pub mod events_map;
pub mod place_picker;
