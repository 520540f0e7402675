//! Organiser accounts: logging in and out, sessions that live in the database
//! (any replica serves them), roles and scopes, invitations.

pub mod access;
pub mod organisers;
pub mod password;
pub mod profile;
pub mod sessions;
pub mod throttle;

pub use access::Viewer;
pub use sessions::{SessionToken, login, logout, resume};
