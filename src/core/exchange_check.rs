//! Exchanges are checked to exist before the first message to each is written: a passive declare on a side
//! channel of the publishing connection, once per exchange. A publish to a missing exchange makes the broker close
//! the confirm channel, and every message in flight on it loses its confirm (republished, it is a duplicate); once
//! checked, such a message fails alone with the broker's 404 and nothing else is touched. The default exchange and
//! the `amq.` ones always exist.

use super::cause::Cause;
use lapin::options::ExchangeDeclareOptions;
use lapin::types::FieldTable;
use lapin::{Channel, Connection, ExchangeKind};
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// The probe channel back (when still open) and the answer: `Err` only when the broker says the exchange is missing.
type Check = Pin<Box<dyn Future<Output = (Option<Channel>, Result<(), Cause>)> + Send>>;

/// The exchanges known to exist on this publisher's broker, and the check under way.
#[derive(Default)]
pub(super) struct ExchangeCheck {
    known: HashSet<String>,
    probe: Option<Channel>,
    running: Option<(String, Check)>,
}

/// The reply code of a missing exchange.
const NOT_FOUND: u16 = 404;

fn always_there(exchange: &str) -> bool {
    exchange.is_empty() || exchange.starts_with("amq.")
}

impl ExchangeCheck {
    /// Whether messages to `exchange` may be written now; starts its check when it is not known (one at a time).
    pub(super) fn ready(&mut self, exchange: &str, connection: Option<&Arc<Connection>>) -> bool {
        if always_there(exchange) || self.known.contains(exchange) {
            return true;
        }
        if self.running.is_none()
            && let Some(connection) = connection
        {
            let check = passive_declare(self.probe.take(), connection.clone(), exchange.to_string());
            self.running = Some((exchange.to_string(), check));
        }
        false
    }

    /// Polls the check under way: `None` while none finished; when one did, the exchange the broker says is
    /// missing with its reason, or `Some(None)` when it exists.
    pub(super) fn poll(&mut self, cx: &mut Context<'_>) -> Option<Option<(String, Cause)>> {
        let (exchange, check) = self.running.as_mut()?;
        let Poll::Ready((probe, answer)) = check.as_mut().poll(cx) else { return None };
        let exchange = std::mem::take(exchange);
        self.running = None;
        self.probe = probe;
        Some(match answer {
            Ok(()) => {
                self.known.insert(exchange);
                None
            }
            Err(cause) => Some((exchange, cause)),
        })
    }

    /// The broker said this exchange is gone (it closed the confirm channel over it): check it again next time.
    pub(super) fn forget(&mut self, exchange: &str) {
        self.known.remove(exchange);
    }

    /// The connection changed: the probe and the check under way belonged to the old one.
    pub(super) fn reset(&mut self) {
        self.probe = None;
        self.running = None;
    }
}

/// Declares `exchange` passively on the probe channel (opened first when needed). Only the broker's 404 is a
/// missing exchange; any other failure lets messages through, for the broker to judge on the real publish.
fn passive_declare(probe: Option<Channel>, connection: Arc<Connection>, exchange: String) -> Check {
    Box::pin(async move {
        let channel = match probe.filter(|c| c.status().connected()) {
            Some(c) => c,
            None => match connection.create_channel().await {
                Ok(c) => c,
                Err(_) => return (None, Ok(())),
            },
        };
        let options = ExchangeDeclareOptions { passive: true, ..ExchangeDeclareOptions::default() };
        match channel.exchange_declare(exchange.as_str().into(), ExchangeKind::Direct, options, FieldTable::default()).await {
            Ok(()) => (Some(channel), Ok(())),
            Err(e) => {
                let cause = Cause::from(&e);
                (None, if cause.code == NOT_FOUND { Err(cause) } else { Ok(()) })
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_and_amq_exchanges_need_no_check_and_nothing_starts_without_a_connection() {
        let mut check = ExchangeCheck::default();
        assert!(check.ready("", None));
        assert!(check.ready("amq.topic", None));
        assert!(!check.ready("orders", None));
        assert!(check.running.is_none(), "no connection: no check started");
        check.known.insert("orders".into());
        assert!(check.ready("orders", None));
        check.forget("orders");
        assert!(!check.ready("orders", None));
    }
}
