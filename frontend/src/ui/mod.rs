//! Small pieces used by pages and components alike. Nothing here imports
//! from `app`, `pages` or `components`.

pub mod browser;
pub mod clock;
pub mod debounce;
pub mod edit_link;
pub mod field;
pub mod first_paint;
pub mod live;
pub mod load_error;
pub mod session;
pub mod settings;
pub mod title;
