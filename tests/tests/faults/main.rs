//! Faults lose nothing: the real `server` program under a load while its
//! database restarts, while it is killed or asked to stop, on a read-only
//! database, and under a burst and an hour's worth of mixed traffic in a
//! minute. Every test is bounded in time and runs on loopback.
//!
//! Slow (a few minutes): not part of `cargo test`; run by `cargo xtask
//! faults` (CI runs it after `cargo xtask test`), or alone with
//! `cargo build -p server && cargo test -p tests --test faults -- --nocapture`.
//! PostgreSQL is required; the restart test makes a cluster of its own
//! (`pg_createcluster <version> faults --port 5439`) when it is missing.

mod cluster;
mod drain;
mod kill;
mod ledger;
mod load;
mod read_only;
mod restart;
mod support;
