//! Registrations committed together (group commit).
//!
//! Every published registration of a campaign updates the same rows (its
//! revision and its tallies), so on PostgreSQL they commit one after
//! another, each holding those locks through its own WAL flush; on SQLite
//! each pays a transaction of its own. Here a registration that is ready to
//! store joins a queue, and the server's two workers take turns storing
//! whatever is waiting in one transaction each: the hot rows are taken once
//! per batch, after the inserts, and one commit makes the whole batch
//! durable before anyone is answered.
//!
//! A batch that fails for a reason of one of its registrations (an id drawn
//! twice, a constraint) is stored again one registration at a time, so each
//! gets its own answer; a batch that meets an outage answers all of them
//! with it. A registration that waited longer than a connection would have
//! is answered with an outage without being tried.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use rand::Rng;
use sea_orm::{
    ConnAcquireErr, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, Set, SqlErr,
};
use serde_json::json;
use shared::EventStatus;
use tokio::sync::{Mutex, mpsc, oneshot};

use crate::db;
use crate::entities::{campaign, event};
use crate::services::audit::{self, Actor};
use crate::services::notifications;
use crate::{outage, storage};

/// The most registrations one transaction stores: enough that a burst
/// commits in few flushes, few enough that a batch holds the campaign's
/// rows briefly.
const BATCH_MAX: usize = 128;

/// Batches stored at once. Two, so that one's inserts overlap the other's
/// commit; they queue for the campaign's revision, and on SQLite for the
/// one write connection.
const WORKERS: usize = 2;

/// Registrations waiting at most; beyond it a request waits for room.
const QUEUE_CAPACITY: usize = 8_192;

/// Tries for a free random id when a registration is stored alone; two
/// draws of one id in 2^53 are rare enough that a third never happens.
const ID_ATTEMPTS: usize = 3;

/// Public ids are random, below 2^53 so that JavaScript reads them exactly:
/// a sequence would let anyone count the actions held back for review.
pub fn random_id() -> i64 {
    rand::rng().random_range(1..(1_i64 << 53))
}

/// A registration that passed every check, to be stored.
pub struct NewAction {
    /// Every column but the id, which is drawn when it is stored.
    pub row: event::ActiveModel,
    /// Its campaign, for the moderators' notice.
    pub campaign: campaign::Model,
}

struct Job {
    action: NewAction,
    queued_at: Instant,
    reply: oneshot::Sender<Result<event::Model, DbErr>>,
}

/// The queue of one server's registrations and the workers that store them,
/// started with the first one.
#[derive(Clone, Default)]
pub struct CommitQueue {
    sender: Arc<OnceLock<mpsc::Sender<Job>>>,
}

impl CommitQueue {
    /// Stores `action` with the registrations waiting beside it, on
    /// `write_db`, and returns the stored row once its batch committed.
    pub async fn store(
        &self,
        write_db: &DatabaseConnection,
        public_url: &Arc<str>,
        action: NewAction,
    ) -> Result<event::Model, DbErr> {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::channel(QUEUE_CAPACITY);
            let worker = Arc::new(Worker {
                db: write_db.clone(),
                public_url: public_url.clone(),
                wait_max: db::write_wait(write_db),
                queue: Mutex::new(receiver),
            });
            for _ in 0..WORKERS {
                tokio::spawn(worker.clone().run());
            }
            sender
        });
        let (reply, answer) = oneshot::channel();
        let job = Job {
            action,
            queued_at: Instant::now(),
            reply,
        };
        let gone = || DbErr::Custom("the registration queue stopped".into());
        sender.send(job).await.map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

/// What the workers share.
struct Worker {
    db: DatabaseConnection,
    public_url: Arc<str>,
    /// How long a registration may wait for its batch to begin: as long as
    /// any write waits for a connection (`db::write_wait`), so an outage
    /// answers 503 in the same time with or without the queue.
    wait_max: Duration,
    queue: Mutex<mpsc::Receiver<Job>>,
}

impl Worker {
    /// Takes what is waiting, up to [`BATCH_MAX`], and stores it; until
    /// every sender is gone. While one worker stores its batch, the next
    /// takes the registrations that arrive meanwhile.
    async fn run(self: Arc<Self>) {
        let mut batch = Vec::with_capacity(BATCH_MAX);
        while self
            .queue
            .lock()
            .await
            .recv_many(&mut batch, BATCH_MAX)
            .await
            > 0
        {
            // A request that gave up (its client left, or its time ran out)
            // is not stored: it was answered without an edit link. One that
            // gives up while its batch is being stored is stored all the
            // same, as a commit is that the client does not see.
            let (fresh, stale): (Vec<Job>, Vec<Job>) = batch
                .drain(..)
                .filter(|job| !job.reply.is_closed())
                .partition(|job| job.queued_at.elapsed() <= self.wait_max);
            for job in stale {
                let _ = job
                    .reply
                    .send(Err(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)));
            }
            if fresh.is_empty() {
                continue;
            }
            // A panic loses this batch's answers (each request gets an
            // error), not the worker.
            let stored = AssertUnwindSafe(self.store_batch(fresh)).catch_unwind();
            if stored.await.is_err() {
                tracing::error!("a batch of registrations panicked; its requests failed");
            }
        }
    }

    async fn store_batch(&self, jobs: Vec<Job>) {
        let (db, public_url) = (&self.db, &*self.public_url);
        let actions: Vec<&NewAction> = jobs.iter().map(|job| &job.action).collect();
        // The batch waits for a connection no longer than its oldest may.
        let oldest = jobs.iter().map(|job| job.queued_at).min();
        let deadline = oldest.unwrap_or_else(Instant::now) + self.wait_max;
        match store_together(db, public_url, &actions, deadline).await {
            Ok(rows) => {
                for (job, row) in jobs.into_iter().zip(rows) {
                    let _ = job.reply.send(Ok(row));
                }
            }
            // Because of one of them, or an id drawn twice: each again alone,
            // with the time any write has.
            Err(e) if outage::of(&e).is_none() && (jobs.len() > 1 || id_taken(&e)) => {
                for job in jobs.into_iter().filter(|job| !job.reply.is_closed()) {
                    let deadline = Instant::now() + self.wait_max;
                    let stored = store_alone(db, public_url, &job.action, deadline).await;
                    let _ = job.reply.send(stored);
                }
            }
            Err(e) => {
                for job in jobs {
                    let _ = job.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

fn id_taken(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// One registration in a transaction of its own, with a new id when the
/// one drawn is taken.
async fn store_alone(
    db: &DatabaseConnection,
    public_url: &str,
    action: &NewAction,
    deadline: Instant,
) -> Result<event::Model, DbErr> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match store_together(db, public_url, &[action], deadline).await {
            Err(e) if attempt < ID_ATTEMPTS && id_taken(&e) => {}
            result => return result.map(|mut rows| rows.remove(0)),
        }
    }
}

/// Stores `actions` in one transaction: every row with its audit entry and
/// its moderators' notices, then the revision and the tallies of the
/// campaigns that gained published actions, then the commit. Waits for a
/// connection until `deadline`.
async fn store_together(
    db: &DatabaseConnection,
    public_url: &str,
    actions: &[&NewAction],
    deadline: Instant,
) -> Result<Vec<event::Model>, DbErr> {
    let txn = tokio::time::timeout_at(deadline.into(), db::begin_write(db))
        .await
        .map_err(|_| DbErr::ConnectionAcquire(ConnAcquireErr::Timeout))??;
    let rows = insert_all(&txn, actions).await?;
    let mut campaigns: Vec<&campaign::Model> = actions.iter().map(|a| &a.campaign).collect();
    campaigns.sort_by_key(|c| c.id);
    campaigns.dedup_by_key(|c| c.id);
    for campaign in &campaigns {
        let of_campaign = || rows.iter().filter(|row| row.campaign_id == campaign.id);
        audit::record_each(
            &txn,
            campaign.id,
            Actor::Public,
            "register",
            of_campaign().map(|row| (row.id, json!({ "status": row.status.as_str() }))),
        )
        .await?;
        for row in of_campaign().filter(|row| row.status == EventStatus::Pending) {
            tell_moderators(&txn, public_url, campaign, row).await?;
        }
    }
    // Held-back submissions change no public answer, so they must not touch
    // what the public can time either (caches keyed by revision). The hot
    // rows come last, each campaign's revision before its tallies and the
    // campaigns in id order, so batches on several servers queue on the
    // revision instead of deadlocking on the tallies.
    for campaign in campaigns {
        let shares: Vec<storage::tallies::Share> = rows
            .iter()
            .filter(|row| row.campaign_id == campaign.id)
            .filter_map(storage::tallies::Share::of)
            .collect();
        if !shares.is_empty() {
            storage::campaigns::bump_revision(&txn, campaign.id).await?;
            storage::tallies::join_all(&txn, campaign.id, &shares).await?;
        }
    }
    txn.commit().await?;
    Ok(rows)
}

/// Inserts the rows of `actions` with new ids, in one statement, and returns
/// them in the same order.
async fn insert_all(
    txn: &DatabaseTransaction,
    actions: &[&NewAction],
) -> Result<Vec<event::Model>, DbErr> {
    let mut ids = Vec::with_capacity(actions.len());
    let rows = actions.iter().map(|action| {
        let mut row = action.row.clone();
        let id = random_id();
        ids.push(id);
        row.id = Set(id);
        row
    });
    let rows: Vec<event::ActiveModel> = rows.collect();
    let mut stored: HashMap<i64, event::Model> = event::Entity::insert_many(rows)
        .exec_with_returning(txn)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    ids.iter()
        .map(|id| stored.remove(id).ok_or(DbErr::RecordNotInserted))
        .collect()
}

/// Tells the campaign's moderators of a new action to review.
async fn tell_moderators(
    txn: &DatabaseTransaction,
    public_url: &str,
    campaign: &campaign::Model,
    row: &event::Model,
) -> Result<(), DbErr> {
    let place = format!("{}, {}", row.city, row.country_code);
    let (subject, body) =
        notifications::new_submission_text(public_url, campaign, &row.title, &place);
    notifications::tell_moderators(txn, campaign, Some(&row.country_code), &subject, &body).await
}

#[cfg(test)]
mod tests {
    use sea_orm::{EntityTrait, PaginatorTrait};

    use super::*;
    use crate::domain::event_input;
    use crate::domain::fixture::{BERLIN, Fixture, berlin_at};
    use crate::services::events::apply_draft;

    /// A scratch database with one published campaign without review, and
    /// a queue onto it; the database goes with it.
    struct Scratch {
        db: DatabaseConnection,
        dir: std::path::PathBuf,
        campaign: campaign::Model,
        queue: CommitQueue,
        url: Arc<str>,
    }

    impl Scratch {
        async fn new(name: &str) -> Scratch {
            let (db, dir) = db::scratch_sqlite_with_campaign(name).await;
            let campaign = campaign::Entity::find_by_id(1)
                .one(&db)
                .await
                .expect("read")
                .expect("campaign");
            Scratch {
                db,
                dir,
                campaign,
                queue: CommitQueue::default(),
                url: "https://day.example".into(),
            }
        }

        async fn store(&self, action: NewAction) -> Result<event::Model, DbErr> {
            self.queue.store(&self.db, &self.url, action).await
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn action(campaign: &campaign::Model, title: &str) -> NewAction {
        action_in(campaign, title, BERLIN, "2026-11-05T14:00")
    }

    /// An action at the centre of the fixture's city `place_id`.
    fn action_in(
        campaign: &campaign::Model,
        title: &str,
        place_id: i64,
        local_start: &str,
    ) -> NewAction {
        let fixture = Fixture::new();
        let mut request = berlin_at(local_start);
        request.title = Some(title.into());
        request.place_id = Some(place_id);
        (request.latitude, request.longitude) = (None, None);
        let draft = event_input::validate(&request, &fixture.rules("2026-11-05", "2026-11-05"))
            .expect("valid");
        let now = chrono::Utc::now();
        let mut row = event::ActiveModel {
            campaign_id: Set(campaign.id),
            status: Set(EventStatus::Published),
            version: Set(1),
            edit_token_hash: Set(format!("hash of {title}")),
            created_at: Set(now),
            contact_hash: Set(String::new()),
            spam: Set(false),
            changed_since_approval: Set(false),
            ..Default::default()
        };
        apply_draft(&mut row, &draft, now);
        NewAction {
            row,
            campaign: campaign.clone(),
        }
    }

    async fn revision(db: &DatabaseConnection) -> i64 {
        campaign::Entity::find_by_id(1)
            .one(db)
            .await
            .expect("read")
            .expect("campaign")
            .revision
    }

    #[tokio::test]
    async fn registrations_waiting_together_commit_in_one_transaction() {
        let scratch = Scratch::new("commit_queue_batch").await;
        let (db, campaign) = (&scratch.db, &scratch.campaign);
        let stored = futures_util::future::join_all(
            (0..40).map(|i| scratch.store(action(campaign, &format!("Vigil {i}")))),
        )
        .await;
        let ids: std::collections::BTreeSet<i64> = stored
            .into_iter()
            .map(|row| row.expect("stored").id)
            .collect();
        assert_eq!(ids.len(), 40);
        assert_eq!(event::Entity::find().count(db).await.expect("count"), 40);
        // All forty were queued before the task first ran (one thread):
        // one transaction, one bump of the revision.
        assert_eq!(revision(db).await, 1);
        let published = storage::tallies::published_actions(db, campaign.id, None)
            .await
            .expect("tallies");
        assert_eq!(published, 40);
    }

    #[tokio::test]
    async fn a_registration_whose_request_gave_up_before_its_batch_is_not_stored() {
        use futures_util::FutureExt;
        let scratch = Scratch::new("commit_queue_gave_up").await;
        let (db, campaign) = (&scratch.db, &scratch.campaign);
        // Queued, then dropped before the workers ran (one thread).
        let gave_up = scratch.store(action(campaign, "Gave up")).now_or_never();
        assert!(gave_up.is_none(), "answered before any worker ran");
        scratch
            .store(action(campaign, "Waited"))
            .await
            .expect("stored");
        let titles: Vec<String> = event::Entity::find()
            .all(db)
            .await
            .expect("read")
            .into_iter()
            .map(|e| e.title)
            .collect();
        assert_eq!(titles, ["Waited"]);
    }

    #[tokio::test]
    async fn one_bad_registration_leaves_the_rest_of_its_batch_stored() {
        let scratch = Scratch::new("commit_queue_fallback").await;
        let (db, campaign) = (&scratch.db, &scratch.campaign);
        let mut elsewhere = campaign.clone();
        elsewhere.id = 99;
        let mut orphan = action(&elsewhere, "No such campaign");
        orphan.row.campaign_id = Set(99);
        let (first, orphan, last) = tokio::join!(
            scratch.store(action(campaign, "Before")),
            scratch.store(orphan),
            scratch.store(action(campaign, "After")),
        );
        assert!(first.is_ok() && last.is_ok(), "{first:?} {last:?}");
        let refused = orphan.expect_err("a campaign that does not exist");
        assert!(outage::of(&refused).is_none(), "{refused:?}");
        assert_eq!(event::Entity::find().count(db).await.expect("count"), 2);
        let published = storage::tallies::published_actions(db, campaign.id, None)
            .await
            .expect("tallies");
        assert_eq!(published, 2);
    }

    #[tokio::test]
    async fn a_batch_counts_its_cities_countries_and_hours_as_a_recount_does() {
        const HAMBURG: i64 = 2911298;
        const TEHRAN: i64 = 112931;
        let scratch = Scratch::new("commit_queue_tallies").await;
        let (db, campaign) = (&scratch.db, &scratch.campaign);
        let actions = [
            (BERLIN, "2026-11-05T14:00"),
            (BERLIN, "2026-11-05T18:00"),
            (HAMBURG, "2026-11-05T14:00"),
            (TEHRAN, "2026-11-05T16:30"),
            (BERLIN, "2026-11-05T14:00"),
        ];
        let stored = futures_util::future::join_all(actions.iter().enumerate().map(
            |(i, (place, start))| {
                scratch.store(action_in(campaign, &format!("Vigil {i}"), *place, start))
            },
        ))
        .await;
        assert!(stored.iter().all(Result::is_ok), "{stored:?}");
        assert_eq!(revision(db).await, 1, "one batch");
        let counted = storage::tallies::read(db, campaign.id)
            .await
            .expect("tallies");
        storage::tallies::rebuild(db, campaign.id)
            .await
            .expect("recount");
        let recounted = storage::tallies::read(db, campaign.id)
            .await
            .expect("tallies");
        assert_eq!(counted, recounted);
        let countries: Vec<(String, i64, i64)> = counted
            .countries
            .iter()
            .map(|c| (c.country_code.clone(), c.events, c.cities))
            .collect();
        assert_eq!(
            countries,
            [("DE".to_string(), 4, 2), ("IR".to_string(), 1, 1)]
        );
    }
}
