//! The schema, one migration per step. The server applies pending migrations
//! at start (`server migrate` does only that); every migration has a `down`.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_campaigns;
mod m20261122_000002_create_events;
mod m20261122_000003_create_organisers_and_sessions;
mod m20261122_000004_create_endorsements;
mod m20261122_000005_create_audit_log;
mod m20261129_000006_public_point_vectors;
mod m20261201_000007_typed_days_and_times;
mod m20261202_000008_organisers_run_the_day;
mod m20261203_000009_constant_time_counts;
mod m20261204_000010_spatial_index;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_campaigns::Migration),
            Box::new(m20261122_000002_create_events::Migration),
            Box::new(m20261122_000003_create_organisers_and_sessions::Migration),
            Box::new(m20261122_000004_create_endorsements::Migration),
            Box::new(m20261122_000005_create_audit_log::Migration),
            Box::new(m20261129_000006_public_point_vectors::Migration),
            Box::new(m20261201_000007_typed_days_and_times::Migration),
            Box::new(m20261202_000008_organisers_run_the_day::Migration),
            Box::new(m20261203_000009_constant_time_counts::Migration),
            Box::new(m20261204_000010_spatial_index::Migration),
        ]
    }
}
