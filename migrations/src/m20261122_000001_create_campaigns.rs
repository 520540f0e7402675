use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Campaigns {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    StartsOn,
    EndsOn,
    Review,
    Published,
    /// Bumped in every transaction that changes the campaign's events, so that
    /// any replica can tell whether its cached counters are still current.
    Revision,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Campaigns::Table)
                    .col(big_pk_auto(Campaigns::Id))
                    .col(string_len_uniq(Campaigns::Slug, 64))
                    .col(string(Campaigns::Title))
                    .col(text(Campaigns::Summary))
                    .col(string_len(Campaigns::StartsOn, 10))
                    .col(string_len(Campaigns::EndsOn, 10))
                    .col(boolean(Campaigns::Review))
                    .col(boolean(Campaigns::Published))
                    .col(big_integer(Campaigns::Revision).default(0))
                    .col(timestamp_with_time_zone(Campaigns::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Campaigns::Table).to_owned())
            .await
    }
}
