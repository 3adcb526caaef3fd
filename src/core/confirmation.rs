//! The handle for one published message: its delivery tag and, once settled, its outcome.

use super::error::{Error, Result};
use super::outcome::{Outcome, Status};
use super::live::{self, Live};
use super::window::Window;
use super::sync::lock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Numbers handles in the order they were made (publish order), process-wide.
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

#[derive(Default)]
struct State {
    tag: u64,
    attempts: u32,
    /// Attempts that do not count against `max_attempts` (republished because another message closed the channel).
    forgiven: u32,
    outcome: Option<Outcome>,
}

/// Shared between the PHP thread (which polls or waits) and the publishing task (which settles).
pub struct Confirmation {
    message_id: String,
    exchange: Arc<str>,
    routing_key: Arc<str>,
    size: u64,
    sequence: u64,
    observed: AtomicBool,
    /// For a spooled message being delivered: its delivery and its offset in the segment (see `core::spool`).
    origin: Option<(u64, u64)>,
    state: Mutex<State>,
    window: Arc<Window>,
    _live: Live,
}

impl Confirmation {
    /// A pending confirmation for a message of `size` body bytes accepted into `window`.
    pub fn new(message_id: String, exchange: Arc<str>, routing_key: Arc<str>, size: u64, window: Arc<Window>) -> Self {
        let live = Live::new(&live::CONFIRMATIONS);
        let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        let observed = AtomicBool::new(false);
        Confirmation { message_id, exchange, routing_key, size, sequence, observed, origin: None, state: Mutex::default(), window, _live: live }
    }

    /// The handle of a message `publish()` wrote to the spool: settled as such at once.
    pub fn spooled(message_id: String, exchange: Arc<str>, routing_key: Arc<str>, size: u64, window: Arc<Window>) -> Self {
        let c = Confirmation::new(message_id, exchange, routing_key, size, window);
        c.settle(Outcome::Spooled);
        c
    }

    /// The internal handle of a spooled record the spool's drainer delivers (`origin`: its delivery and offset).
    pub fn delivering(record: &crate::core::spool::record::Record, window: Arc<Window>, origin: (u64, u64)) -> Self {
        let (exchange, routing_key) = (Arc::from(record.exchange.as_str()), Arc::from(record.routing_key.as_str()));
        let mut c = Confirmation::new(record.message_id.clone(), exchange, routing_key, record.body.len() as u64, window);
        c.origin = Some(origin);
        c
    }

    /// Where a spooled record being delivered comes from; `None` for a message published now.
    pub fn origin(&self) -> Option<(u64, u64)> {
        self.origin
    }

    /// Where this handle stands in publish order.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// Records that code looked at the outcome, if there is one yet (a settled failure that code saw needs no
    /// log line; a look while pending saw no outcome).
    pub fn observe(&self) {
        if self.lock().outcome.is_some() {
            self.observed.store(true, Ordering::Relaxed);
        }
    }

    /// Whether code looked at the outcome.
    pub fn is_observed(&self) -> bool {
        self.observed.load(Ordering::Relaxed)
    }

    /// The size of the message's body in bytes (what it takes of `max_in_flight_bytes` until settled).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The message's id.
    pub fn message_id(&self) -> &str {
        &self.message_id
    }

    /// The exchange the message was published to.
    pub fn exchange(&self) -> &str {
        &self.exchange
    }

    /// The routing key the message was published with.
    pub fn routing_key(&self) -> &str {
        &self.routing_key
    }

    /// The delivery tag on its channel; 0 until the message has been handed to a channel.
    pub fn delivery_tag(&self) -> u64 {
        self.lock().tag
    }

    /// The outcome, or `None` while pending. Never blocks on the network.
    pub fn outcome(&self) -> Option<Outcome> {
        self.lock().outcome.clone()
    }

    /// The current status.
    pub fn status(&self) -> Status {
        self.lock().outcome.as_ref().map_or(Status::Pending, Outcome::status)
    }

    /// Waits up to `timeout` for the outcome; a timeout leaves the message pending.
    pub fn wait(&self, timeout: Duration) -> Result<Outcome> {
        if self.window.wait(timeout, |_| self.lock().outcome.is_some()).is_err() {
            return Err(Error::Timeout(format!(
                "no confirmation for message {} within {:.3} s; it is still pending{}",
                self.message_id,
                timeout.as_secs_f64(),
                self.window.timeout_note()
            )));
        }
        self.outcome().ok_or_else(|| Error::Timeout("confirmation vanished".into()))
    }

    /// The outcome as a result: `Ok` when acked, the matching error otherwise.
    pub fn result(&self, outcome: Outcome) -> Result<()> {
        let message = self.describe();
        match outcome {
            Outcome::Acked | Outcome::Spooled => Ok(()),
            Outcome::Nacked => Err(Error::Nacked { message }),
            Outcome::Returned { code, text } => Err(Error::Returned { message, code, text }),
            Outcome::Failed(cause) => Err(Error::PublishFailed { message, code: cause.code, cause: cause.text }),
        }
    }

    /// How messages and logs name the message: `message <id> (exchange '<exchange>', routing key '<key>')`.
    pub fn describe(&self) -> String {
        format!("message {} (exchange '{}', routing key '{}')", self.message_id, self.exchange, self.routing_key)
    }

    /// How many times the message was handed to a channel (republishing counts).
    pub fn attempts(&self) -> u32 {
        self.lock().attempts
    }

    /// The attempts that count against `max_attempts`: all but those forgiven.
    pub fn counted_attempts(&self) -> u32 {
        let state = self.lock();
        state.attempts.saturating_sub(state.forgiven)
    }

    /// The last attempt does not count: the channel was closed by the broker over another message.
    pub(crate) fn forgive(&self) {
        self.lock().forgiven += 1;
    }

    /// Records that the message is being published (again) with this delivery tag.
    pub(crate) fn published_as(&self, tag: u64) {
        let mut state = self.lock();
        state.tag = tag;
        state.attempts += 1;
    }

    /// Takes back an attempt recorded for a channel that went before the message was written.
    pub(crate) fn unpublished(&self) {
        let mut state = self.lock();
        state.attempts = state.attempts.saturating_sub(1);
    }

    /// Records the outcome unless one is already there; returns whether this call settled it.
    pub(crate) fn settle(&self, outcome: Outcome) -> bool {
        let mut state = self.lock();
        if state.outcome.is_some() {
            return false;
        }
        state.outcome = Some(outcome);
        true
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

