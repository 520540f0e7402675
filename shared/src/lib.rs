//! Types and pure rules shared by the server and the web app.
//!
//! Everything here is plain data (the JSON shapes of API v1) or pure logic with
//! no I/O, so it compiles to WASM unchanged.

/// An enum sent as snake_case text in the API and, with the `storage`
/// feature, stored as the same text (a sea-orm active enum).
macro_rules! stored_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(
            feature = "storage",
            derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter),
            sea_orm(
                rs_type = "String",
                db_type = "String(sea_orm::sea_query::StringLen::N(32))",
                rename_all = "snake_case"
            )
        )]
        $vis enum $name { $($body)* }
    };
}

pub mod campaign;
pub mod campaign_home;
pub mod endorsement;
pub mod error;
pub mod event;
pub mod limits;
pub mod locales;
pub mod map_points;
pub mod organise;
pub mod place;
pub mod text;

pub use campaign::*;
pub use endorsement::*;
pub use error::*;
pub use event::*;
pub use map_points::*;
pub use organise::*;
pub use place::*;
