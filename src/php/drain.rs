//! Draining at request end, at process end and when a publisher is destroyed: wait up to
//! `amqp_confirm.drain_timeout`, then log every message still unconfirmed, so nothing is dropped silently.

use super::ini;
use super::log::error_log;
use crate::core::publisher::Publisher;
use std::time::Duration;

/// Waits for `publisher`'s outstanding confirmations and logs the messages still unconfirmed after that.
pub fn drain_and_log(publisher: &Publisher, when: &str) {
    let timeout = ini::seconds(ini::DRAIN_TIMEOUT, Duration::from_secs(5));
    for c in publisher.drain(timeout) {
        error_log(&format!(
            "amqp_confirm: message {} (exchange '{}', routing key '{}') still unconfirmed {when} after {:.3} s \
             (amqp_confirm.drain_timeout); its outcome is unknown",
            c.message_id(),
            c.exchange(),
            c.routing_key(),
            timeout.as_secs_f64()
        ));
    }
}
