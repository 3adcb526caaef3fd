//! Declaring, binding, purging and deleting exchanges and queues, on a connection of their own (opened on first
//! use): a topology mistake the broker answers with a connection error (an unknown exchange type is 503) closes
//! only that connection, never the one messages are in flight on.

use super::cause::Cause;
use super::error::{Error, Result};
use super::message::{field_table, short_string, HeaderValue};
use lapin::options::{
    ExchangeDeclareOptions, ExchangeDeleteOptions, QueueBindOptions, QueueDeclareOptions, QueueDeleteOptions,
    QueuePurgeOptions,
};
use super::connector::Connector;
use lapin::{Channel, Connection, ExchangeKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Mutex;

/// One topology operation, with its arguments already checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// exchange.declare
    DeclareExchange { name: String, kind: String, flags: Flags, arguments: Vec<(String, HeaderValue)> },
    /// queue.declare
    DeclareQueue { name: String, flags: Flags, arguments: Vec<(String, HeaderValue)> },
    /// queue.bind
    BindQueue { queue: String, exchange: String, routing_key: String, arguments: Vec<(String, HeaderValue)> },
    /// queue.delete
    DeleteQueue { name: String, flags: Flags },
    /// exchange.delete
    DeleteExchange { name: String, flags: Flags },
    /// queue.purge
    PurgeQueue { name: String },
}

/// Declaration flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// Survives a broker restart (default true: this library is for messages that must not be lost).
    pub durable: bool,
    /// Deleted when its last consumer or binding goes.
    pub auto_delete: bool,
    /// Queue only: used by one connection and deleted when it closes.
    pub exclusive: bool,
    /// Exchange only: cannot be published to directly.
    pub internal: bool,
    /// Only check that it exists.
    pub passive: bool,
    /// Delete only when unused.
    pub if_unused: bool,
    /// Queue delete only: delete only when empty.
    pub if_empty: bool,
}

impl Default for Flags {
    fn default() -> Self {
        Flags { durable: true, auto_delete: false, exclusive: false, internal: false, passive: false, if_unused: false, if_empty: false }
    }
}

/// What an operation answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Nothing to report.
    Done,
    /// queue.declare-ok: the queue's name (server-named when "" was given) and counts.
    Queue { name: String, messages: u32, consumers: u32 },
    /// A message count (queue.delete-ok, queue.purge-ok).
    Count(u32),
}

/// The topology connection and channel of a publisher, reopened after the broker closes either.
pub struct Topology {
    connector: Connector,
    open: Mutex<Option<(Arc<Connection>, Channel)>>,
    /// A connection was opened once: closing has something to do (most publishers never make a topology call).
    used: AtomicBool,
}

impl Op {
    /// Checks every name and table before anything is sent.
    pub fn validate(&self) -> Result<()> {
        match self {
            Op::DeclareExchange { name, kind, arguments, .. } => {
                short_string("$name", name)?;
                short_string("$type", kind)?;
                field_table(arguments)?;
            }
            Op::DeclareQueue { name, arguments, .. } => {
                short_string("$name", name)?;
                field_table(arguments)?;
            }
            Op::BindQueue { queue, exchange, routing_key, arguments } => {
                short_string("$queue", queue)?;
                short_string("$exchange", exchange)?;
                short_string("$routingKey", routing_key)?;
                field_table(arguments)?;
            }
            Op::DeleteQueue { name, .. } | Op::DeleteExchange { name, .. } | Op::PurgeQueue { name } => {
                short_string("$name", name)?;
            }
        }
        Ok(())
    }
}

fn exchange_kind(kind: &str) -> ExchangeKind {
    match kind {
        "direct" => ExchangeKind::Direct,
        "fanout" => ExchangeKind::Fanout,
        "headers" => ExchangeKind::Headers,
        "topic" => ExchangeKind::Topic,
        other => ExchangeKind::Custom(other.to_string()),
    }
}

async fn perform(channel: &Channel, op: Op) -> lapin::Result<Reply> {
    let ss = |s: &str| lapin::types::ShortString::try_new(s.to_string()).unwrap_or_default();
    match op {
        Op::DeclareExchange { name, kind, flags, arguments } => {
            let options = ExchangeDeclareOptions {
                passive: flags.passive,
                durable: flags.durable,
                auto_delete: flags.auto_delete,
                internal: flags.internal,
                nowait: false,
            };
            let table = field_table(&arguments).unwrap_or_default();
            channel.exchange_declare(ss(&name), exchange_kind(&kind), options, table).await?;
            Ok(Reply::Done)
        }
        Op::DeclareQueue { name, flags, arguments } => {
            let options = QueueDeclareOptions {
                passive: flags.passive,
                durable: flags.durable,
                exclusive: flags.exclusive,
                auto_delete: flags.auto_delete,
                nowait: false,
            };
            let table = field_table(&arguments).unwrap_or_default();
            let q = channel.queue_declare(ss(&name), options, table).await?;
            Ok(Reply::Queue { name: q.name().to_string(), messages: q.message_count(), consumers: q.consumer_count() })
        }
        Op::BindQueue { queue, exchange, routing_key, arguments } => {
            let table = field_table(&arguments).unwrap_or_default();
            channel.queue_bind(ss(&queue), ss(&exchange), ss(&routing_key), QueueBindOptions::default(), table).await?;
            Ok(Reply::Done)
        }
        Op::DeleteQueue { name, flags } => {
            let options = QueueDeleteOptions { if_unused: flags.if_unused, if_empty: flags.if_empty, nowait: false };
            Ok(Reply::Count(channel.queue_delete(ss(&name), options).await?))
        }
        Op::DeleteExchange { name, flags } => {
            let options = ExchangeDeleteOptions { if_unused: flags.if_unused, nowait: false };
            channel.exchange_delete(ss(&name), options).await?;
            Ok(Reply::Done)
        }
        Op::PurgeQueue { name } => Ok(Reply::Count(channel.queue_purge(ss(&name), QueuePurgeOptions::default()).await?)),
    }
}

impl Topology {
    /// Topology for a publisher; its connection opens on first use.
    pub fn new(connector: Connector) -> Self {
        Topology { connector, open: Mutex::new(None), used: AtomicBool::new(false) }
    }

    /// Runs `op`, connecting first if needed (retrying until `until` while the broker is unreachable); a broker
    /// error closes only this channel or connection, and the next operation opens a fresh one.
    pub async fn run(&self, op: Op, until: Instant) -> Result<Reply> {
        let mut open = self.open.lock().await;
        let usable = open.as_ref().filter(|(c, ch)| c.status().connected() && ch.status().connected()).map(|(_, ch)| ch.clone());
        let channel = match usable {
            Some(channel) => channel,
            None => {
                let connection = match open.take().map(|(c, _)| c).filter(|c| c.status().connected()) {
                    Some(c) => c,
                    None => Arc::new(self.connector.connect_aside(until).await?),
                };
                self.used.store(true, Ordering::Relaxed);
                let channel = connection.create_channel().await.map_err(|e| Error::Connection(Cause::from(&e).text))?;
                *open = Some((connection, channel.clone()));
                channel
            }
        };
        perform(&channel, op).await.map_err(|e| {
            let cause = Cause::from(&e);
            if cause.code == 0 {
                *open = None;
                Error::Connection(cause.text)
            } else {
                Error::Channel { code: cause.code, text: cause.text }
            }
        })
    }

    /// Whether a topology connection was ever opened (else closing has nothing to do).
    pub fn was_used(&self) -> bool {
        self.used.load(Ordering::Relaxed)
    }

    /// Closes the topology connection, if one is open.
    pub async fn close(&self) {
        if let Some((connection, _)) = self.open.lock().await.take() {
            let _ = connection.close(200, "closed by the publisher".into()).await;
        }
    }
}
