//! The publishing engine's wire layer, without I/O: the codec, the session state machine, and the outbox that
//! is both the write queue and the store of unconfirmed messages.

pub mod event;
pub mod frame;
pub mod outbox;
pub mod probe;
pub mod session;
