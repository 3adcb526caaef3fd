//! The core publisher: one connection, its publishing task, its topology channel and its window.

use super::channel_task::{self, Command, Outgoing};
use super::config::Config;
use super::confirmation::Confirmation;
use super::connection;
use super::error::{Error, Result};
use super::message::{short_string, Message};
use super::runtime;
use super::topology::{Op, Reply, Topology};
use super::window::{Counts, Window};
use lapin::Connection;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

/// A connected publisher. Methods are called from the PHP thread and never block the runtime.
pub struct Publisher {
    config: Config,
    shown_uri: String,
    pid: u32,
    tx: UnboundedSender<Command>,
    window: Arc<Window>,
    connection: Arc<Connection>,
    topology: Arc<Topology>,
    closed: bool,
}

impl Publisher {
    /// Connects (within the connect timeout) and starts the publishing task.
    pub fn connect(config: Config) -> Result<Publisher> {
        let uri = connection::parse_uri(&config.uri)?;
        let shown_uri = connection::redact(&uri);
        let tls = connection::tls_config(&config.tls)?;
        let deadline = config.connect_deadline(uri.query.connection_timeout) + Duration::from_secs(1);
        let cfg = config.clone();
        let connection = runtime::call("connect", deadline, async move { connection::open(&cfg, uri, tls).await })?;
        let connection = Arc::new(connection);
        let window = Arc::new(Window::new(config.max_in_flight));
        let (tx, rx) = unbounded_channel();
        runtime::handle()?.spawn(channel_task::run(connection.clone(), window.clone(), rx));
        let topology = Arc::new(Topology::new(connection.clone()));
        Ok(Publisher { config, shown_uri, pid: std::process::id(), tx, window, connection, topology, closed: false })
    }

    /// The URI without its password.
    pub fn shown_uri(&self) -> &str {
        &self.shown_uri
    }

    /// The configuration this publisher was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn usable(&self) -> Result<()> {
        if self.pid != std::process::id() {
            return Err(Error::Closed(format!(
                "this Publisher was created in process {} and cannot be used after fork; create a new one",
                self.pid
            )));
        }
        if self.closed {
            return Err(Error::Closed("this Publisher is closed".into()));
        }
        Ok(())
    }

    /// Accepts a message for publishing and returns its handle at once (waiting only for room in the window).
    pub fn publish(&self, message: Message) -> Result<Arc<Confirmation>> {
        self.usable()?;
        let properties = message.properties.to_amqp()?;
        let confirmation = Arc::new(Confirmation::new(
            message.properties.message_id.clone(),
            message.exchange.to_string(),
            message.routing_key.to_string(),
            self.window.clone(),
        ));
        self.window.acquire(self.config.confirm_timeout)?;
        let outgoing = Outgoing {
            exchange: message.exchange,
            routing_key: message.routing_key,
            body: message.body,
            properties,
            mandatory: message.mandatory,
            confirmation: confirmation.clone(),
        };
        if let Err(unsent) = self.tx.send(Command::Publish(Box::new(outgoing))) {
            let Command::Publish(out) = unsent.0 else { return Err(Error::Closed("publisher task ended".into())) };
            let cause = super::cause::Cause::other("the publishing task has stopped");
            super::confirmation::settle_all(&self.window, vec![(out.confirmation, super::outcome::Outcome::Failed(cause))]);
        }
        Ok(confirmation)
    }

    /// Waits until every message this publisher accepted is settled.
    pub fn wait_all(&self, timeout: Duration) -> Result<()> {
        self.window.wait(timeout, |c| c.in_flight == 0).map_err(|pending| {
            Error::Timeout(format!(
                "{pending} confirmation(s) still pending after {:.3} s",
                timeout.as_secs_f64()
            ))
        })
    }

    /// The message counters.
    pub fn stats(&self) -> Counts {
        self.window.counts()
    }

    /// Whether the AMQP connection is up.
    pub fn is_connected(&self) -> bool {
        self.connection.status().connected()
    }

    /// Runs a topology operation, waiting up to the confirm timeout.
    pub fn topology(&self, op: Op) -> Result<Reply> {
        self.usable()?;
        op.validate()?;
        let topology = self.topology.clone();
        runtime::call("the topology operation", self.config.confirm_timeout, async move { topology.run(op).await })
    }

    /// Waits for outstanding confirmations (up to `timeout`), then closes the channel and connection.
    pub fn close(&mut self, timeout: Duration) -> Result<()> {
        if self.closed || self.pid != std::process::id() {
            self.closed = true;
            return Ok(());
        }
        let waited = self.wait_all(timeout);
        self.closed = true;
        let (done, finished) = std::sync::mpsc::sync_channel(1);
        if self.tx.send(Command::Close(done)).is_ok() {
            let _ = finished.recv_timeout(timeout.max(Duration::from_secs(1)));
        }
        waited
    }
}

/// Checks an exchange name or routing key the way the broker will (at most 255 bytes).
pub fn check_name(arg: &str, value: &str) -> Result<lapin::types::ShortString> {
    short_string(arg, value)
}
