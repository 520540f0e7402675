use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_campaigns::Campaigns;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Events {
    Table,
    Id,
    CampaignId,
    Title,
    Kind,
    Description,
    OrganiserName,
    ContactEmail,
    PublicContact,
    City,
    /// Normalised city + country: what counts as one city when no place id.
    CityKey,
    CountryCode,
    PlaceId,
    Address,
    Latitude,
    Longitude,
    /// What the public sees: the exact point, or the city centre.
    PublicLatitude,
    PublicLongitude,
    LocationVisibility,
    Timezone,
    /// The source of truth: wall-clock `YYYY-MM-DDTHH:MM` in `timezone`.
    LocalStart,
    LocalEnd,
    LocalDate,
    /// Derived instants (Unix seconds) for sorting and range queries.
    StartsAtUtc,
    EndsAtUtc,
    Links,
    Language,
    /// Lower-cased, accent-free text that `q` searches.
    SearchText,
    Status,
    Version,
    EditTokenHash,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(big_pk_auto(Events::Id))
                    .col(big_integer(Events::CampaignId))
                    .col(string(Events::Title))
                    .col(string_len(Events::Kind, 32))
                    .col(text_null(Events::Description))
                    .col(string(Events::OrganiserName))
                    .col(string(Events::ContactEmail))
                    .col(string_null(Events::PublicContact))
                    .col(string(Events::City))
                    .col(string(Events::CityKey))
                    .col(string_len(Events::CountryCode, 2))
                    .col(big_integer_null(Events::PlaceId))
                    .col(string_null(Events::Address))
                    .col(double(Events::Latitude))
                    .col(double(Events::Longitude))
                    .col(double(Events::PublicLatitude))
                    .col(double(Events::PublicLongitude))
                    .col(string_len(Events::LocationVisibility, 8))
                    .col(string_len(Events::Timezone, 64))
                    .col(string_len(Events::LocalStart, 16))
                    .col(string_len_null(Events::LocalEnd, 16))
                    .col(string_len(Events::LocalDate, 10))
                    .col(big_integer(Events::StartsAtUtc))
                    .col(big_integer_null(Events::EndsAtUtc))
                    .col(text(Events::Links))
                    .col(string_len_null(Events::Language, 35))
                    .col(text(Events::SearchText))
                    .col(string_len(Events::Status, 16))
                    .col(integer(Events::Version))
                    .col(string_len(Events::EditTokenHash, 64))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .col(timestamp_with_time_zone(Events::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_events_campaign")
                            .from(Events::Table, Events::CampaignId)
                            .to(Campaigns::Table, Campaigns::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Listing by start time, the default order.
        manager
            .create_index(
                Index::create()
                    .name("ix_events_campaign_status_start")
                    .table(Events::Table)
                    .col(Events::CampaignId)
                    .col(Events::Status)
                    .col(Events::StartsAtUtc)
                    .to_owned(),
            )
            .await?;
        // Bounding-box prefilter of `near` and `bbox`: a latitude band, the
        // longitude and start read from the index itself (no table reads).
        manager
            .create_index(
                Index::create()
                    .name("ix_events_campaign_status_position")
                    .table(Events::Table)
                    .col(Events::CampaignId)
                    .col(Events::Status)
                    .col(Events::PublicLatitude)
                    .col(Events::PublicLongitude)
                    .col(Events::StartsAtUtc)
                    .to_owned(),
            )
            .await?;
        // Counting cities per country (stats) from the index alone.
        manager
            .create_index(
                Index::create()
                    .name("ix_events_campaign_status_country_city")
                    .table(Events::Table)
                    .col(Events::CampaignId)
                    .col(Events::Status)
                    .col(Events::CountryCode)
                    .col(Events::CityKey)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_events_campaign_status_country")
                    .table(Events::Table)
                    .col(Events::CampaignId)
                    .col(Events::Status)
                    .col(Events::CountryCode)
                    .col(Events::StartsAtUtc)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Events::Table).to_owned())
            .await
    }
}
