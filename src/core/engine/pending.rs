//! What the outbox keeps beside each message's bytes: its handle, and what deciding its fate needs.

use super::super::cause::Cause;
use super::super::confirmation::Confirmation;
use super::super::live::{self, Live};
use std::cell::Cell;
use std::sync::Arc;

/// One unsettled message of the wire engine.
pub struct Pending {
    /// The handle to settle.
    pub confirmation: Arc<Confirmation>,
    /// Whether the broker returns it when unroutable.
    pub mandatory: bool,
    /// Its `user_id` property, which the broker checks (and names when refusing).
    pub user_id: Option<Box<str>>,
    /// The fingerprint of its encoded properties (matched against a return's).
    pub fingerprint: u64,
    /// Whether this attempt is counted: it has a tag on the channel in use.
    pub counted: Cell<bool>,
    /// Counted among the messages held (`liveObjects()['messages']`: its bytes stay in the outbox until settled).
    _live: Live,
}

impl Pending {
    /// A message accepted for publishing, not sent yet.
    pub fn new(confirmation: Arc<Confirmation>, mandatory: bool, user_id: Option<Box<str>>) -> Self {
        Pending { confirmation, mandatory, user_id, fingerprint: 0, counted: Cell::new(false), _live: Live::new(&live::MESSAGES) }
    }

    /// Counts an attempt: the message goes out on the channel in use as `tag`.
    pub fn sent_as(&self, tag: u64) {
        self.confirmation.published_as(tag);
        self.counted.set(true);
    }

    /// The channel went before the message was written: its attempt does not count.
    pub fn not_sent(&self) {
        if self.counted.replace(false) {
            self.confirmation.unpublished();
        }
    }

    /// Whether the broker's reply text names this message as the reason it closed the channel: its exchange or
    /// user quoted (`NOT_FOUND - no exchange 'x'`), or a body over the size limit it states (406). Such a
    /// message would fail again, so it is not republished.
    pub fn caused(&self, cause: &Cause) -> bool {
        if cause.code == 0 {
            return false;
        }
        let quoted = |name: &str| cause.text.contains(&format!("'{name}'"));
        let exchange = self.confirmation.exchange();
        (!exchange.is_empty() && quoted(exchange))
            || self.user_id.as_deref().is_some_and(quoted)
            || cause.size_limit().is_some_and(|max| self.confirmation.size() > max as u64)
    }

    /// Whether a `basic.return` of a message with this exchange, routing key and properties may be this one.
    pub fn is_returned_as(&self, exchange: &str, routing_key: &str, fingerprint: u64) -> bool {
        self.mandatory && self.fingerprint == fingerprint && self.confirmation.exchange() == exchange && self.confirmation.routing_key() == routing_key
    }
}
