//! One module per page; the organisers' pages are under `organise`.

pub mod campaign;
pub mod edit;
pub mod embed;
pub mod endorse;
pub mod event;
pub mod organise;
pub mod register;
