//! Pieces of the organisers' pages: the campaign editor, the wave chart,
//! the status map, the queue's keyboard and the moderators' scopes.

pub mod campaign_form;
pub mod keys;
pub mod scopes;
pub mod status_map;
pub mod wave;
