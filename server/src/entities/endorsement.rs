use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "endorsements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i64,
    pub name: String,
    pub name_alt: Option<String>,
    pub url: Option<String>,
    pub country_code: Option<String>,
    pub created_at: DateTimeUtc,
    pub status: shared::EndorsementStatus,
    pub city: Option<String>,
    pub place_id: Option<i64>,
    /// Private: for organisers only.
    pub contact_email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
