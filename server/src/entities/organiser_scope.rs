use sea_orm::entity::prelude::*;

/// One campaign a moderator moderates; with a country, only that country.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organiser_scopes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organiser_id: i64,
    pub campaign_id: i64,
    pub country_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
