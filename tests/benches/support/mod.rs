//! Pieces of the API benchmark (`benches/api.rs`), one concern per module.

pub mod bulk;
pub mod measure;
pub mod process;
pub mod report;
pub mod storm;
pub mod throughput;
pub mod workload;
