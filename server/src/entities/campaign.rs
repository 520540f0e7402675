use sea_orm::entity::prelude::*;

use super::values::Texts;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// First local date of the day(s) of action.
    pub starts_on: Date,
    /// Last local date, inclusive.
    pub ends_on: Date,
    pub review: bool,
    pub published: bool,
    pub revision: i64,
    pub created_at: DateTimeUtc,
    pub call_to_action: Texts,
    pub public_contact: Option<String>,
    pub archived: bool,
    /// 0: no limit.
    pub max_pending_per_client_hour: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
