//! Types and pure rules shared by the server and the web app.
//!
//! Everything here is plain data (the JSON shapes of API v1) or pure logic with
//! no I/O, so it compiles to WASM unchanged.

pub mod campaign;
pub mod endorsement;
pub mod error;
pub mod event;
pub mod limits;
pub mod organise;
pub mod place;
pub mod text;

pub use campaign::*;
pub use endorsement::*;
pub use error::*;
pub use event::*;
pub use organise::*;
pub use place::*;
