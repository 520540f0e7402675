//! The organisers' pages, under `/organise` (and `/invite`). `shell` checks
//! the session and holds the navigation every other page uses.

pub mod audit;
pub mod dashboard;
pub mod endorsements;
pub mod home;
pub mod invite;
pub mod login;
pub mod queue;
pub mod settings;
pub mod shell;
pub mod team;
