use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every change to an event or campaign, with who made it. No IP address.
#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    CampaignId,
    EventId,
    /// `edit_token`, `organiser:<id>`, `public`, `cli`.
    Actor,
    Action,
    /// JSON: the fields that changed.
    Detail,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer_null(AuditLog::CampaignId))
                    .col(big_integer_null(AuditLog::EventId))
                    .col(string_len(AuditLog::Actor, 64))
                    .col(string_len(AuditLog::Action, 32))
                    .col(text(AuditLog::Detail))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_event")
                    .table(AuditLog::Table)
                    .col(AuditLog::EventId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}
