//! What organisers need to run a day of action: roles, scopes, invitations
//! and CSRF-bound sessions; campaign settings; moderation (the approved
//! version of a published action, trusted groups, spam); endorsements that
//! wait for approval; the outbox of notifications; the server's secrets.
//!
//! Organisers created before roles existed become admins (only the command
//! line could create them); endorsements stored before become approved (they
//! were loaded by organisers).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Statements for both databases, with `{ts}`, `{bool}`, `{pk}` and
/// `{false}`/`{true}` filled in for each.
const UP: &str = "
ALTER TABLE organisers ADD COLUMN role varchar(16) NOT NULL DEFAULT 'admin';
ALTER TABLE organisers ADD COLUMN disabled_at {ts} NULL;
ALTER TABLE organisers ADD COLUMN notify {bool} NOT NULL DEFAULT {true};
CREATE TABLE organiser_scopes (
    id {pk},
    organiser_id bigint NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    country_code varchar(2) NULL
);
CREATE INDEX ix_organiser_scopes_organiser ON organiser_scopes (organiser_id);
ALTER TABLE sessions ADD COLUMN csrf_token varchar(64) NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_seen_at {ts} NULL;
CREATE INDEX ix_sessions_organiser ON sessions (organiser_id);
CREATE TABLE invitations (
    token_hash varchar(64) PRIMARY KEY,
    email varchar(320) NOT NULL,
    role varchar(16) NOT NULL,
    scopes text NOT NULL,
    invited_by bigint NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    created_at {ts} NOT NULL,
    expires_at {ts} NOT NULL,
    used_at {ts} NULL
);
ALTER TABLE campaigns ADD COLUMN call_to_action text NOT NULL DEFAULT '{}';
ALTER TABLE campaigns ADD COLUMN public_contact varchar(320) NULL;
ALTER TABLE campaigns ADD COLUMN archived {bool} NOT NULL DEFAULT {false};
ALTER TABLE campaigns ADD COLUMN max_pending_per_client_hour integer NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN approved text NULL;
ALTER TABLE events ADD COLUMN changed_since_approval {bool} NOT NULL DEFAULT {false};
ALTER TABLE events ADD COLUMN moderation_reason text NULL;
ALTER TABLE events ADD COLUMN spam {bool} NOT NULL DEFAULT {false};
ALTER TABLE events ADD COLUMN contact_hash varchar(64) NOT NULL DEFAULT '';
CREATE INDEX ix_events_campaign_status_created ON events (campaign_id, status, created_at);
CREATE TABLE trusted_groups (
    campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_hash varchar(64) NOT NULL,
    trusted_by bigint NULL,
    created_at {ts} NOT NULL,
    PRIMARY KEY (campaign_id, contact_hash)
);
ALTER TABLE endorsements ADD COLUMN status varchar(16) NOT NULL DEFAULT 'approved';
ALTER TABLE endorsements ADD COLUMN city varchar(200) NULL;
ALTER TABLE endorsements ADD COLUMN place_id bigint NULL;
ALTER TABLE endorsements ADD COLUMN contact_email varchar(320) NULL;
CREATE INDEX ix_endorsements_campaign_status ON endorsements (campaign_id, status);
CREATE TABLE outbox (
    id {pk},
    recipient varchar(320) NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at {ts} NOT NULL,
    sent_at {ts} NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at {ts} NOT NULL,
    last_error text NULL
);
CREATE INDEX ix_outbox_unsent ON outbox (sent_at, next_attempt_at);
CREATE TABLE secrets (
    name varchar(64) PRIMARY KEY,
    value varchar(128) NOT NULL
)
";

const DOWN: &str = "
DROP TABLE secrets;
DROP TABLE outbox;
DROP INDEX ix_endorsements_campaign_status;
ALTER TABLE endorsements DROP COLUMN contact_email;
ALTER TABLE endorsements DROP COLUMN place_id;
ALTER TABLE endorsements DROP COLUMN city;
ALTER TABLE endorsements DROP COLUMN status;
DROP TABLE trusted_groups;
DROP INDEX ix_events_campaign_status_created;
ALTER TABLE events DROP COLUMN contact_hash;
ALTER TABLE events DROP COLUMN spam;
ALTER TABLE events DROP COLUMN moderation_reason;
ALTER TABLE events DROP COLUMN changed_since_approval;
ALTER TABLE events DROP COLUMN approved;
ALTER TABLE campaigns DROP COLUMN max_pending_per_client_hour;
ALTER TABLE campaigns DROP COLUMN archived;
ALTER TABLE campaigns DROP COLUMN public_contact;
ALTER TABLE campaigns DROP COLUMN call_to_action;
DROP TABLE invitations;
DROP INDEX ix_sessions_organiser;
ALTER TABLE sessions DROP COLUMN last_seen_at;
ALTER TABLE sessions DROP COLUMN csrf_token;
DROP INDEX ix_organiser_scopes_organiser;
DROP TABLE organiser_scopes;
ALTER TABLE organisers DROP COLUMN notify;
ALTER TABLE organisers DROP COLUMN disabled_at;
ALTER TABLE organisers DROP COLUMN role
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    let postgres = manager.get_database_backend() == DbBackend::Postgres;
    let (ts, boolean, pk, yes, no) = if postgres {
        (
            "timestamptz",
            "boolean",
            "bigserial PRIMARY KEY",
            "true",
            "false",
        )
    } else {
        (
            "timestamp_with_timezone_text",
            "boolean",
            "integer PRIMARY KEY AUTOINCREMENT",
            "1",
            "0",
        )
    };
    let db = manager.get_connection();
    for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let statement = statement
            .replace("{ts}", ts)
            .replace("{bool}", boolean)
            .replace("{pk}", pk)
            .replace("{true}", yes)
            .replace("{false}", no);
        db.execute_unprepared(&statement).await?;
    }
    Ok(())
}
