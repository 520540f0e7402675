//! One module per page.

pub mod campaign;
pub mod edit;
pub mod embed;
pub mod event;
pub mod register;
