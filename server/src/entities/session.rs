use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// SHA-256 of the cookie's token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub organiser_id: i64,
    pub created_at: DateTimeUtc,
    /// The absolute end; the idle end is `last_seen_at` plus the idle limit.
    pub expires_at: DateTimeUtc,
    /// Sent back as `X-CSRF-Token` on every write made with the cookie.
    pub csrf_token: String,
    pub last_seen_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
