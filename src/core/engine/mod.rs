//! The wire engine: the publisher's own AMQP connection, without lapin's I/O thread. `dial` opens it, `conn`
//! moves its bytes, `pipeline` publishes and settles, `supervisor` keeps it alive and reconnects.

pub mod conn;
pub mod dial;
pub mod pending;
pub mod pipeline;
pub mod supervisor;

#[cfg(test)]
mod fake_broker_tests;
