//! The core publisher: its publishing pipeline (with the supervisor that keeps its connection), its topology
//! channel and its window.

use super::cause::Cause;
use super::engine::conn::Conn;
use super::engine::dial::dial_first;
use super::engine::pipeline::Pipeline;
use super::engine::supervisor;
use super::config::Config;
use super::confirmation::Confirmation;
use super::ledger::{Ledger, Which};
use super::connector::Connector;
use super::error::{Error, Result};
use super::live::{self, Live};
use super::message::Message;
use super::outcome::Outcome;
use super::registry;
use super::runtime;
use super::spool::{self, Spool, config::SpoolConfig, drainer, record::Record};
use super::topology::{Op, Reply, Topology};
use super::window::{Counts, Drive, Limits, Window};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// A connected publisher. Methods are called from the PHP thread and never block the runtime.
pub struct Publisher {
    connector: Connector,
    pid: u32,
    pipeline: Arc<Pipeline>,
    ended: Receiver<()>,
    window: Arc<Window>,
    ledger: Arc<Ledger>,
    topology: Arc<Topology>,
    spool: Option<Arc<Spool>>,
    used: AtomicBool,
    routes: RouteCache,
    closed: bool,
    _registration: Arc<registry::Entry>,
    _live: Live,
}

/// The last exchange and routing key published to, shared by the handles of the messages that use them (a
/// publisher mostly repeats them: one allocation each per change, not per message).
#[derive(Default)]
struct RouteCache {
    exchange: Option<Arc<str>>,
    routing_key: Option<Arc<str>>,
}

impl RouteCache {
    fn get(&mut self, exchange: &str, routing_key: &str) -> (Arc<str>, Arc<str>) {
        (shared(&mut self.exchange, exchange), shared(&mut self.routing_key, routing_key))
    }
}

/// `value`, as the `Arc` held in `slot` when it is the same, else as a new one kept there.
fn shared(slot: &mut Option<Arc<str>>, value: &str) -> Arc<str> {
    match slot {
        Some(held) if &**held == value => held.clone(),
        _ => slot.insert(Arc::from(value)).clone(),
    }
}

impl Publisher {
    /// Connects on this thread (within the connect timeout) and starts the supervisor of the connection.
    /// With a spool, a broker that cannot be reached is no error: the publisher spools until it connects.
    pub fn connect(config: Config) -> Result<Publisher> {
        let connector = Connector::new(config)?;
        let backoff = connector.config().reconnect_backoff;
        let spool = connector.config().spool.clone().map(|s| Spool::open(SpoolConfig { backoff, ..s })).transpose()?.map(Arc::new);
        let limits = Limits { messages: connector.config().max_in_flight, bytes: connector.config().max_in_flight_bytes };
        let window = Arc::new(Window::new(limits));
        let ledger = Arc::new(Ledger::default());
        let conn = match dial_first(&connector) {
            Ok((dialed, node)) => {
                window.connected_to(connector.address(node), false);
                Some(Conn::new(dialed))
            }
            Err(Error::Connection(e)) if spool.is_some() => {
                window.connection_failed(e);
                None
            }
            Err(e) => return Err(e),
        };
        let pipeline = Arc::new(Pipeline::new(connector.clone(), window.clone(), ledger.clone(), conn, spool.clone()));
        window.set_driver(Arc::downgrade(&pipeline) as std::sync::Weak<dyn Drive>);
        let ended = supervisor::start(pipeline.clone())?;
        if let Some(spool) = &spool {
            drainer::start(spool.clone(), pipeline.clone(), window.clone())?;
        }
        let topology = Arc::new(Topology::new(connector.clone()));
        let config = connector.config();
        let registration = registry::register(connector.shown_uri(), config.connection_name.clone(), window.clone(), pipeline.clone());
        let (pid, live, used) = (super::pid::current(), Live::new(&live::PUBLISHERS), AtomicBool::new(false));
        Ok(Publisher { connector, pid, pipeline, ended, window, ledger, topology, spool, used, routes: RouteCache::default(), closed: false, _registration: registration, _live: live })
    }

    /// After a fork, replaces this publisher (which belongs to the parent) with a new connection made by this
    /// process; the parent's runtime, threads and sockets are never touched.
    pub fn ensure_process(&mut self) -> Result<()> {
        if self.pid == super::pid::current() || self.closed {
            return Ok(());
        }
        let fresh = Publisher::connect(self.connector.config().clone())?;
        std::mem::forget(std::mem::replace(self, fresh));
        Ok(())
    }

    /// The URI without its password.
    pub fn shown_uri(&self) -> String {
        self.connector.shown_uri()
    }

    /// The configuration this publisher was made with.
    pub fn config(&self) -> &Config {
        self.connector.config()
    }

    /// Whether `close()` was called.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    fn usable(&self) -> Result<()> {
        if self.closed {
            return Err(Error::Closed("this Publisher is closed".into()));
        }
        Ok(())
    }

    /// Accepts a message for publishing and returns its handle at once (waiting only for room in the window).
    pub fn publish(&mut self, message: Message) -> Result<Arc<Confirmation>> {
        self.usable()?;
        let size = message.body.len() as u64;
        let max = self.config().max_message_size;
        if size > max {
            return Err(Error::invalid(
                "Argument #3 ($body)",
                format!("is {size} bytes, more than max_message_size ({max} bytes, the broker's default limit: it closes the channel over larger messages)"),
            ));
        }
        message.properties.check()?;
        let (exchange, routing_key) = self.routes.get(message.exchange, message.routing_key);
        if let Some(spool) = self.spool.as_ref().filter(|s| s.must_spool(self.pipeline.down_for())) {
            spool.append(&spooled(&message)?)?;
            self.pipeline.notify.notify_one(); // the supervisor connects, for the spool
            return Ok(Arc::new(Confirmation::spooled(message.properties.message_id, exchange, routing_key, size, self.window.clone())));
        }
        let confirmation = Arc::new(Confirmation::new(message.properties.message_id.clone(), exchange, routing_key, size, self.window.clone()));
        let idle = self.window.acquire(size, self.config().confirm_timeout)?;
        self.ledger.accepted(&confirmation);
        self.used.store(true, Ordering::Relaxed);
        if let Err(e) = self.pipeline.publish(&message, confirmation.clone(), idle) {
            self.ledger.settle(&self.window, vec![(confirmation.clone(), Outcome::Failed(Cause::other(e.to_string())))]);
            confirmation.observe();
            return Err(e);
        }
        Ok(confirmation)
    }

    /// The spool, when this publisher has one.
    pub fn spool(&self) -> Option<&Spool> {
        self.spool.as_deref()
    }

    /// Waits up to `timeout` for outstanding confirmations, and not at all while the connection is down (the
    /// broker is unreachable: waiting would only stall the caller); returns the messages still unsettled.
    pub fn drain(&self, timeout: Duration) -> Vec<Arc<Confirmation>> {
        if self.pid != super::pid::current() {
            return Vec::new();
        }
        let timeout = if self.is_connected() { timeout } else { Duration::ZERO };
        if self.wait_all(timeout).is_ok() {
            return Vec::new();
        }
        self.ledger.unsettled()
    }

    /// Takes the failed, nacked and returned messages that no code looked at (see [`Which`]).
    pub fn take_unobserved(&self, which: Which) -> Vec<Arc<Confirmation>> {
        if self.pid != super::pid::current() {
            return Vec::new();
        }
        self.ledger.take_unobserved(which)
    }

    /// Whether a message was published since the last call (a request end drains only publishers it used).
    pub fn take_used(&self) -> bool {
        self.used.swap(false, Ordering::Relaxed)
    }

    /// Waits until every message this publisher accepted is settled.
    pub fn wait_all(&self, timeout: Duration) -> Result<()> {
        self.window.wait(timeout, |c| c.in_flight == c.delivering).map_err(|pending| {
            Error::Timeout(format!(
                "{pending} confirmation(s) still pending after {:.3} s; the broker has not answered for them{}",
                timeout.as_secs_f64(),
                self.window.timeout_note()
            ))
        })
    }

    /// Turns on the settled feed (once) and returns its eventfd, owned by the publisher.
    pub fn settled_fd(&self) -> Result<std::os::fd::RawFd> {
        self.ledger.feed().enable()
    }

    /// The handles settled since the last collection (up to `max`), in the order they settled.
    pub fn collect_settled(&self, max: Option<usize>) -> Vec<Arc<Confirmation>> {
        self.ledger.feed().collect(max)
    }

    /// What a timeout message adds about the connection (blocked, or reconnecting).
    pub fn stats_note(&self) -> String {
        self.window.timeout_note()
    }

    /// The message counters.
    pub fn stats(&self) -> Counts {
        self.window.counts()
    }

    /// The broker's reason while it blocks this publisher's connection.
    pub fn blocked(&self) -> Option<String> {
        self.window.blocked()
    }

    /// How the connection has fared: reconnections, attempts, failovers, the node in use.
    pub fn links(&self) -> super::window::Links {
        self.window.links()
    }

    /// Whether the AMQP connection is up.
    pub fn is_connected(&self) -> bool {
        !self.closed && self.pipeline.is_connected()
    }

    /// Runs a topology operation, waiting up to the confirm timeout.
    pub fn topology(&self, op: Op) -> Result<Reply> {
        self.usable()?;
        op.validate()?;
        let topology = self.topology.clone();
        let timeout = self.config().confirm_timeout;
        let until = std::time::Instant::now() + timeout;
        // the call's own bound is a little later: a broker that stays unreachable is reported as such, not as a timeout
        let bound = timeout + Duration::from_millis(250);
        runtime::call("the topology operation", bound, async move { topology.run(op, until).await })
    }

    /// Waits for outstanding confirmations (up to `timeout`), then closes the channel and connection.
    pub fn close(&mut self, timeout: Duration) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        let waited = self.wait_all(timeout);
        self.closed = true;
        self.pipeline.close();
        if let Some(spool) = &self.spool {
            spool.close();
        }
        let _ = self.ended.recv_timeout(Duration::from_secs(2));
        if self.topology.was_used() {
            let topology = self.topology.clone();
            let _ = runtime::call("closing the topology connection", Duration::from_secs(1), async move {
                topology.close().await;
                Ok(())
            });
        }
        waited
    }
}

impl Drop for Publisher {
    /// The publishing connection and the topology one close with their publisher.
    fn drop(&mut self) {
        if self.pid != super::pid::current() {
            return;
        }
        self.pipeline.close();
        if let Some(spool) = &self.spool {
            spool.close();
        }
        if !self.topology.was_used() {
            return;
        }
        if let Ok(handle) = runtime::handle() {
            let topology = self.topology.clone();
            handle.spawn(async move { topology.close().await });
        }
    }
}

/// The spool's record of a message: its properties carry the spool's header (when it was spooled), so that a
/// consumer can tell a message delivered from the spool.
fn spooled(message: &Message) -> Result<Record> {
    let mut properties = message.properties.clone();
    let stamp = super::message::HeaderValue::Timestamp(spool::now_ms() / 1000);
    properties.headers.get_or_insert_with(Vec::new).push((spool::HEADER.to_string(), stamp));
    let encoded = super::wire::frame::properties(&properties)?;
    Ok(Record::spooled(&properties.message_id, message.exchange, message.routing_key, message.mandatory, encoded, message.body))
}
