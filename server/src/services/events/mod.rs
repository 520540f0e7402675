//! Events (a local group's action): register, read, edit (update, cancel,
//! withdraw, new edit link), list, the map's points.
//!
//! Who may see what: the public sees published and cancelled actions, with
//! the public point only; the holder of the edit link sees its own in any
//! state but withdrawn, with its private fields. A stranger asking about an
//! action it may not see (pending, rejected, withdrawn) gets exactly the
//! answer a missing id gets.

mod commit_queue;
mod common;
mod edit;
mod list;
mod map_points;
mod read;
mod register;

pub use commit_queue::{CommitQueue, random_id};
pub use common::{Credential, apply_draft};
pub(crate) use common::{load, rules};
pub(crate) use edit::as_request;
pub use edit::{ExpectedVersion, cancel, new_edit_link, update, withdraw};
pub use list::list;
pub use map_points::map_points;
pub use read::{get, get_public_model};
pub use register::{Registration, register};
