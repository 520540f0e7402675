//! Pieces of pages: they import from `ui`, `api`, `search`, `time`, `map`
//! and `i18n`, and from each other, never from `pages` or `app`.

pub mod campaign;
pub mod endorsement_list;
pub mod event_form;
pub mod event_list;
pub mod events_map;
pub mod organise;
pub mod place_picker;
