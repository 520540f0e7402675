//! `GET /api/v1/campaigns/{slug}/live`: server-sent events. Everyone gets
//! `stats` (the public counters) at once and after each public change; an
//! organiser of the campaign also gets `moderation` after any change,
//! held-back submissions included, to reload the queue and the dashboard.
//! A stream ends when the server starts shutting down: the browser
//! reconnects, through the load balancer, to a replica that stays.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::Stream;
use shared::{ErrorBody, Stats};
use tokio::sync::broadcast::error::RecvError;

use super::extract::MaybeOrganiser;
use crate::error::ApiError;
use crate::services::live::Change;
use crate::services::{Services, stats};
use crate::shutdown::Draining;
use crate::storage;

/// Changes arriving this close together are sent as one.
const SETTLE: Duration = Duration::from_millis(200);

/// When the counters could not be read, the next try comes this much later.
const RETRY: Duration = Duration::from_secs(1);

struct Reader {
    services: Services,
    campaign_id: i64,
    organiser: bool,
    changes: tokio::sync::broadcast::Receiver<Change>,
    draining: Draining,
    /// Messages ready to send, oldest first.
    ready: Vec<SseEvent>,
    started: bool,
    /// The last read of the counters failed: read them again.
    behind: bool,
}

impl Reader {
    async fn stats_event(&self) -> Option<SseEvent> {
        let campaign =
            storage::campaigns::find_published_by_id(&self.services.db, self.campaign_id)
                .await
                .ok()?;
        // From the primary, as the campaign: the news of a change may
        // arrive before a replica has it.
        let stats = stats::for_campaign(&self.services, &self.services.db, &campaign)
            .await
            .ok()?;
        SseEvent::default()
            .event("stats")
            .json_data(Stats::clone(&stats))
            .ok()
    }

    /// Waits for the next change that concerns this reader; `None` when the
    /// server is shutting down (draining, or the hub gone).
    async fn next_change(&mut self) -> Option<(bool, bool)> {
        loop {
            let received = tokio::select! {
                received = self.changes.recv() => received,
                () = self.draining.begun() => return None,
            };
            let (mut public, mut any) = match received {
                Ok(c) if c.concerns(self.campaign_id) => (c.public, true),
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => (true, true),
                Err(RecvError::Closed) => return None,
            };
            // Let a burst settle, then take all of it at once.
            tokio::time::sleep(SETTLE).await;
            loop {
                match self.changes.try_recv() {
                    Ok(c) if c.concerns(self.campaign_id) => public |= c.public,
                    Ok(_) => {}
                    Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) => public = true,
                    Err(_) => break,
                }
            }
            any &= public || self.organiser;
            if any {
                return Some((public, self.organiser));
            }
        }
    }
}

#[utoipa::path(get, operation_id = "live_updates", path = "/api/v1/campaigns/{slug}/live", tag = "campaigns",
    params(("slug" = String, Path)),
    responses((status = 200, content_type = "text/event-stream",
        description = "`event: stats` with the public Stats as data; for organisers also `event: moderation`"),
        (status = 404, body = ErrorBody)))]
pub async fn live(
    State(services): State<Services>,
    State(draining): State<Draining>,
    Path(slug): Path<String>,
    MaybeOrganiser(viewer): MaybeOrganiser,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let campaign = storage::campaigns::find_published(&services.db, &slug)
        .await
        .map_err(crate::services::ServiceError::from)?;
    let organiser = viewer.is_some_and(|v| v.moderates_campaign(campaign.id));
    let reader = Reader {
        changes: services.live.subscribe(),
        draining,
        services,
        campaign_id: campaign.id,
        organiser,
        ready: Vec::new(),
        started: false,
        behind: false,
    };
    let stream = futures_util::stream::unfold(reader, |mut reader| async move {
        loop {
            if !reader.ready.is_empty() {
                let event = reader.ready.remove(0);
                return Some((Ok(event), reader));
            }
            // The first round sends the counters at once; a round after a
            // failed read (the database busy or away) tries again shortly,
            // so that no reader stays behind until the next change.
            let (public, organiser) = if !reader.started {
                reader.started = true;
                (true, false)
            } else if reader.behind {
                tokio::time::sleep(RETRY).await;
                (true, false)
            } else {
                reader.next_change().await?
            };
            if public {
                let stats = reader.stats_event().await;
                reader.behind = stats.is_none();
                reader.ready.extend(stats);
            }
            if organiser {
                reader
                    .ready
                    .push(SseEvent::default().event("moderation").data("{}"));
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
