//! The pure-Rust core: runtime, connections, the publishing task, confirm tracking, errors.

pub mod cause;
pub mod config;
pub mod confirmation;
pub mod connection;
pub mod connector;
pub mod engine;
pub mod error;
pub mod feed;
pub mod ledger;
pub mod live;
pub mod message;
pub mod message_id;
pub mod nodes;
pub mod outcome;
pub mod persistent;
pub mod pid;
pub mod ptr_map;
pub mod publisher;
pub mod registry;
pub mod runtime;
pub mod spool;
pub mod sync;
pub mod topology;
pub mod totals;
pub mod window;
pub mod wire;

#[cfg(test)]
mod leak_tests;
