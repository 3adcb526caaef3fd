//! The final outcome of one published message.

use super::cause::Cause;

/// How the broker (or the connection) settled a message. Each message gets exactly one.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The broker took responsibility for the message (basic.ack).
    Acked,
    /// The broker refused the message (basic.nack).
    Nacked,
    /// The message was mandatory and could not be routed (basic.return, then basic.ack).
    Returned {
        /// The AMQP reply code (312 NO_ROUTE).
        code: u16,
        /// The broker's reply text.
        text: String,
    },
    /// The channel or connection was lost before the broker answered.
    Failed(Cause),
    /// No broker answered: the message was written to the spool, to be delivered later (see `core::spool`).
    Spooled,
}

/// The kind of an outcome, or pending; the PHP `Status` enum mirrors it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No outcome yet.
    Pending,
    /// See [`Outcome::Acked`].
    Acked,
    /// See [`Outcome::Nacked`].
    Nacked,
    /// See [`Outcome::Returned`].
    Returned,
    /// See [`Outcome::Failed`].
    Failed,
    /// See [`Outcome::Spooled`].
    Spooled,
}

impl Outcome {
    /// The status this outcome reports.
    pub fn status(&self) -> Status {
        match self {
            Outcome::Acked => Status::Acked,
            Outcome::Nacked => Status::Nacked,
            Outcome::Returned { .. } => Status::Returned,
            Outcome::Failed(_) => Status::Failed,
            Outcome::Spooled => Status::Spooled,
        }
    }
}
