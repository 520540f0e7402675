//! sea-orm entities, one per table of `migrations/`. Plain data: the rules
//! live in `services/` and `domain/`.

pub mod audit_log;
pub mod campaign;
pub mod endorsement;
pub mod event;
pub mod invitation;
pub mod organiser;
pub mod organiser_scope;
pub mod outbox;
pub mod secret;
pub mod session;
pub mod tally;
pub mod trusted_group;
pub mod values;
