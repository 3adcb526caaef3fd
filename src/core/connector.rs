//! Everything needed to (re)connect a publisher: the checked config, its nodes in the order to try them, the TLS
//! files already read, and which node is in use. The first connection tries every node in turn; a reconnection
//! tries the next node after the one in use.

use super::config::Config;
use super::connection::{properties, tls_config, Node};
use super::error::{Error, Result};
use super::nodes;
use lapin::tcp::OwnedTLSConfig;
use lapin::Connection;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Shared by the publisher, its supervisor and its topology client.
#[derive(Clone)]
pub struct Connector {
    config: Config,
    nodes: Arc<[Node]>,
    tls: OwnedTLSConfig,
    at: Arc<AtomicUsize>,
}

impl Connector {
    /// Checks every URI, expands node lists, orders the nodes and reads the TLS files; no network yet.
    pub fn new(config: Config) -> Result<Self> {
        let mut listed = Vec::new();
        for uri in &config.uris {
            for single in nodes::split(uri)? {
                listed.push(Node::parse(&single)?);
            }
        }
        if listed.is_empty() {
            return Err(Error::invalid("$uri", "names no node"));
        }
        let order = nodes::order(listed.len(), config.node_order, nodes::seed());
        let ordered: Arc<[Node]> = order.into_iter().map(|i| listed[i].clone()).collect();
        let tls = tls_config(&config.tls)?;
        Ok(Connector { config, nodes: ordered, tls, at: Arc::new(AtomicUsize::new(0)) })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The URI as it may be shown (no password): the node list, in the order given to the constructor's
    /// parts, comma-separated.
    pub fn shown_uri(&self) -> String {
        let shown: Vec<String> = self.nodes.iter().map(Node::shown).collect();
        shown.join(", ")
    }

    /// `host:port` of node `i`.
    pub fn address(&self, i: usize) -> String {
        self.nodes.get(i).map(Node::address).unwrap_or_default()
    }

    /// Node `i` of the order.
    pub fn node(&self, i: usize) -> &Node {
        &self.nodes[i % self.nodes.len()]
    }

    /// How many nodes there are.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The TLS files, read.
    pub fn tls(&self) -> &OwnedTLSConfig {
        &self.tls
    }

    /// Records the node in use (or being tried).
    pub fn set_current(&self, i: usize) {
        self.at.store(i, Ordering::Relaxed);
    }

    /// Joins the errors of every node tried into one (never a password).
    pub fn all_failed(mut errors: Vec<String>) -> Error {
        if errors.len() == 1 {
            return Error::Connection(errors.remove(0));
        }
        Error::Connection(format!("cannot connect to any of the {} nodes: {}", errors.len(), errors.join("; ")))
    }

    /// The node in use (or last tried).
    pub fn current(&self) -> usize {
        self.at.load(Ordering::Relaxed)
    }

    /// The connect deadline: the option, else the first node's URI `connection_timeout`, else the default.
    pub fn deadline(&self) -> Duration {
        self.config.connect_deadline(self.nodes.first().and_then(Node::connection_timeout))
    }

    async fn connect_named(&self, i: usize, addresses: Vec<SocketAddr>, deadline: Duration, name: Option<String>) -> Result<Connection> {
        let props = properties(name.as_deref());
        self.nodes[i].connect(addresses, props, &self.tls, deadline).await
    }

    /// Opens a connection beside the publishing one (for topology; named after it, with " (topology)"), leaving
    /// the node in use as it is: the node in use first, then the others, again and again with the reconnection backoff until `until`; the error names
    /// the last failure.
    pub async fn connect_aside(&self, until: Instant) -> Result<Connection> {
        let count = self.nodes.len();
        let mut last = None;
        let mut round = 0u32;
        loop {
            if round > 0 {
                let pause = self.config.backoff(round).min(until.saturating_duration_since(Instant::now()));
                tokio::time::sleep(pause).await;
            }
            for k in 0..count {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(last.unwrap_or_else(|| Error::Connection("no time left to connect".into())));
                }
                let i = (self.current() + k) % count;
                let name = self.config.connection_name.as_ref().map(|n| format!("{n} (topology)"));
                let attempt = match self.nodes[i].resolve_again().await {
                    Ok(addresses) => self.connect_named(i, addresses, left.min(self.deadline()), name).await,
                    Err(e) => Err(e),
                };
                match attempt {
                    Ok(reached) => return Ok(reached),
                    Err(e) => last = Some(e),
                }
            }
            round += 1;
        }
    }
}
