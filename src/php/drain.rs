//! Draining at request end, at process end and when a publisher is destroyed: wait up to
//! `amqp_confirm.drain_timeout` (not at all while the broker is unreachable), then log every message still
//! unconfirmed and every failed, nacked or returned message that no code looked at, so nothing is dropped
//! silently.

use super::ini;
use super::log::error_log;
use super::confirmation::reason;
use crate::core::outcome::Outcome;
use crate::core::ledger::Which;
use crate::core::publisher::Publisher;
use std::time::Duration;

/// Waits for `publisher`'s outstanding confirmations (when `wait`), then logs what is still unconfirmed and
/// every unobserved failure.
pub fn drain_and_log(publisher: &Publisher, when: &str, wait: bool) {
    if wait {
        let timeout = ini::seconds(ini::DRAIN_TIMEOUT, Duration::from_secs(5));
        let connected = publisher.is_connected();
        let unconfirmed = publisher.drain(timeout);
        let waited = if connected {
            format!("after {:.3} s (amqp_confirm.drain_timeout)", timeout.as_secs_f64())
        } else {
            "without waiting: the broker is unreachable (reconnecting)".to_string()
        };
        for c in unconfirmed {
            error_log(&format!("amqp_confirm: {} still unconfirmed {when} {waited}; its outcome is unknown", c.describe()));
        }
    }
    log_unobserved(publisher, Which::All, when);
}

/// Logs what the spool reported (dead letters, torn records), then the failed, nacked and returned messages that no code looked at (`Which::Orphans`: only those whose
/// handles are all gone, as `publish()` does on its way).
pub fn log_unobserved(publisher: &Publisher, which: Which, when: &str) {
    for note in publisher.spool().map(|s| s.take_notes()).unwrap_or_default() {
        error_log(&format!("amqp_confirm: {note}"));
    }
    for c in publisher.take_unobserved(which) {
        let Some(outcome) = c.outcome() else { continue };
        let what = match &outcome {
            Outcome::Nacked => "nacked by the broker".to_string(),
            Outcome::Returned { .. } => format!("returned by the broker ({})", reason(&outcome).unwrap_or_default()),
            _ => format!("failed ({})", reason(&outcome).unwrap_or_default()),
        };
        error_log(&format!("amqp_confirm: {} was {what}, and no code looked at its outcome ({when})", c.describe()));
    }
}
