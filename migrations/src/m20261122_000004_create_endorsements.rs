use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_campaigns::Campaigns;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Endorsements {
    Table,
    Id,
    CampaignId,
    Name,
    /// The name in a second script (e.g. Persian beside English).
    NameAlt,
    Url,
    CountryCode,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Endorsements::Table)
                    .col(big_pk_auto(Endorsements::Id))
                    .col(big_integer(Endorsements::CampaignId))
                    .col(string(Endorsements::Name))
                    .col(string_null(Endorsements::NameAlt))
                    .col(string_null(Endorsements::Url))
                    .col(string_len_null(Endorsements::CountryCode, 2))
                    .col(timestamp_with_time_zone(Endorsements::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_endorsements_campaign")
                            .from(Endorsements::Table, Endorsements::CampaignId)
                            .to(Campaigns::Table, Campaigns::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_endorsements_campaign")
                    .table(Endorsements::Table)
                    .col(Endorsements::CampaignId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Endorsements::Table).to_owned())
            .await
    }
}
