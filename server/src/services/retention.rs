//! Private data is kept only while it is needed: some days after a
//! campaign's last day (`CONTACT_RETENTION_DAYS`), the contact addresses of
//! its actions are erased and every hidden meeting point is replaced by what
//! the public saw (the city centre), its address dropped. Run daily by the
//! server and on demand by `server purge`; running it twice changes nothing.

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter};
use serde_json::json;
use shared::LocationVisibility;

use super::ServiceResult;
use super::audit::{self, Actor};
use crate::entities::event;
use crate::storage;

/// What one purge erased.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Purged {
    pub campaigns: usize,
    pub actions: u64,
}

/// The last day whose campaigns are kept whole on `today`: one extra day
/// because a local date ends up to 14 hours after the UTC one.
pub fn cutoff(today: NaiveDate, retention_days: u32) -> NaiveDate {
    today - chrono::Days::new(u64::from(retention_days) + 1)
}

pub async fn purge(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    retention_days: u32,
) -> ServiceResult<Purged> {
    let ended = storage::campaigns::ended_before(db, cutoff(today, retention_days)).await?;
    let mut purged = Purged::default();
    for campaign in ended {
        let still_private = Condition::any()
            .add(event::Column::ContactEmail.ne(""))
            .add(Expr::col(event::Column::Latitude).ne(Expr::col(event::Column::PublicLatitude)))
            .add(Expr::col(event::Column::Longitude).ne(Expr::col(event::Column::PublicLongitude)))
            .add(
                Condition::all()
                    .add(event::Column::LocationVisibility.eq(LocationVisibility::City))
                    .add(event::Column::Address.is_not_null()),
            );
        let result = event::Entity::update_many()
            .col_expr(event::Column::ContactEmail, Expr::value(""))
            .col_expr(
                event::Column::Latitude,
                Expr::col(event::Column::PublicLatitude),
            )
            .col_expr(
                event::Column::Longitude,
                Expr::col(event::Column::PublicLongitude),
            )
            .col_expr(
                event::Column::Address,
                Expr::case(
                    event::Column::LocationVisibility.eq(LocationVisibility::City),
                    Expr::value(None::<String>),
                )
                .finally(Expr::col(event::Column::Address))
                .into(),
            )
            .filter(event::Column::CampaignId.eq(campaign.id))
            .filter(still_private)
            .exec(db)
            .await?;
        if result.rows_affected > 0 {
            audit::record(
                db,
                campaign.id,
                None,
                Actor::System,
                "purge_private_data",
                json!({ "actions": result.rows_affected, "retention_days": retention_days }),
            )
            .await?;
            purged.campaigns += 1;
            purged.actions += result.rows_affected;
        }
    }
    Ok(purged)
}

/// Purges once at start and then every day, for as long as the server runs.
pub fn spawn_daily(db: sea_orm::DatabaseConnection, retention_days: u32) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            match purge(&db, chrono::Utc::now().date_naive(), retention_days).await {
                Ok(p) if p.actions > 0 => tracing::info!(
                    campaigns = p.campaigns,
                    actions = p.actions,
                    "private data of past campaigns erased"
                ),
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "purging private data failed; will retry tomorrow")
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_retention_days_and_one_more() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 10).expect("date");
        assert_eq!(cutoff(today, 30).to_string(), "2026-11-09");
        assert_eq!(cutoff(today, 0).to_string(), "2026-12-09");
    }
}
