//! The PHP `AmqpConfirm\Publisher` class: a thin binding over the core publisher.
// Parameter names are the PHP ones (named arguments): `$routingKey`, not `$routing_key`.
#![allow(non_snake_case)]

use super::args::{Array, Bytes, Flag, OptArray, OptFloat, OptInt, Text, Uris};
use super::confirmation::Confirmation;
use super::exceptions::{to_php, type_error, value_error};
use super::ffi::amqp_confirm_stream_from_fd;
use crate::core::error::Error;
use super::options;
use super::properties::properties;
use super::table::type_name;
use super::timeout::timeout;
use super::topology_options::flags;
use crate::core::config::DEFAULT_URI;
use crate::core::message::Message;
use super::drain::{drain_and_log, log_unobserved};
use super::handles;
use crate::core::ledger::Which;
use std::sync::atomic::{AtomicBool, Ordering};
use crate::core::persistent::{self, lock, Shared};
use crate::core::message::short;
use crate::core::publisher::Publisher as Core;
use std::sync::{Arc, Mutex, MutexGuard};
use crate::core::topology::{Op, Reply};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendClassObject, ZendHashTable, Zval};
use std::time::{Duration, Instant};

/// Publishes to RabbitMQ with publisher confirms over one connection.
#[php_class]
#[php(name = "AmqpConfirm\\Publisher")]
pub struct Publisher {
    inner: Shared,
    persistent: bool,
    /// `close()` was called on this object (a persistent connection shared with others stays open for them).
    closed: AtomicBool,
}

impl Drop for Publisher {
    /// A publisher that goes away (at request end, or unset) first drains what it has in flight, and logs
    /// what stays unconfirmed; a persistent one is drained at request end instead, and kept.
    fn drop(&mut self) {
        if !self.persistent {
            drain_and_log(&lock(&self.inner), "when its Publisher was destroyed", true);
        }
    }
}

fn array(entries: &[(&str, i64)]) -> PhpResult<ZBox<ZendHashTable>> {
    let mut ht = ZendHashTable::new();
    for (key, value) in entries {
        ht.insert(*key, *value)?;
    }
    Ok(ht)
}

/// The `spool` entry of `stats()`: what this publisher spooled and delivered, and what the directory holds.
fn spool_stats(spool: &crate::core::spool::Spool) -> PhpResult<ZBox<ZendHashTable>> {
    let c = spool.counts();
    let mut ht = array(&[("spooled", count(c.spooled)), ("delivered", count(c.delivered)), ("dead_lettered", count(c.dead_lettered)), ("torn", count(c.torn))])?;
    let dir = &spool.config().dir;
    ht.insert("dir", dir.display().to_string())?;
    let look = crate::core::spool::inventory::glance(dir).unwrap_or_default();
    ht.insert("segments", count(look.segments))?;
    ht.insert("bytes", count(look.bytes))?;
    match look.oldest_ms {
        Some(ms) => ht.insert("oldest_age", crate::core::spool::now_ms().saturating_sub(ms) as f64 / 1000.0)?,
        None => ht.insert("oldest_age", ())?,
    }
    Ok(ht)
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Publisher {
    /// A `?float $timeout` argument of `method`; null gives the publisher's confirm_timeout.
    fn timeout(&self, method: &str, arg: &str, value: Option<f64>) -> PhpResult<Duration> {
        timeout(method, arg, value, lock(&self.inner).config().confirm_timeout)
    }

    /// The core publisher, reconnected by this process first when it was created before a fork.
    fn core(&self, method: &str) -> PhpResult<MutexGuard<'_, Core>> {
        if self.closed.load(Ordering::Relaxed) {
            return Err(to_php(Error::Closed("this Publisher is closed".into()), method));
        }
        let mut core = lock(&self.inner);
        core.ensure_process().map_err(|e| to_php(e, method))?;
        Ok(core)
    }

    fn topology(&self, method: &str, op: Op) -> PhpResult<Reply> {
        self.core(method)?.topology(op).map_err(|e| to_php(e, method))
    }
}

#[php_impl]
impl Publisher {
    /// Connects to the broker; throws ConnectionException when it cannot within connect_timeout.
    #[php(defaults(uri = DEFAULT_URI))]
    pub fn __construct(uri: Uris<1>, options: OptArray<2>) -> PhpResult<Self> {
        let (config, persistent) = options::config(uri.0, options.0)?;
        let err = |e| to_php(e, "AmqpConfirm\\Publisher::__construct()");
        let inner = if persistent {
            persistent::get_or_connect(config).map_err(err)?
        } else {
            Arc::new(Mutex::new(Core::connect(config).map_err(err)?))
        };
        super::code_pages::after_first_connection();
        Ok(Publisher { inner, persistent, closed: AtomicBool::new(false) })
    }

    /// Publishes one message and returns its confirmation handle at once.
    #[php(defaults(mandatory = true))]
    pub fn publish(
        &self,
        exchange: Text<1>,
        routingKey: Text<2>,
        body: Bytes<3>,
        properties: OptArray<4>,
        mandatory: Flag<5, true>,
    ) -> PhpResult<ZBox<ZendClassObject<Confirmation>>> {
        const METHOD: &str = "AmqpConfirm\\Publisher::publish()";
        let err = |e| to_php(e, METHOD);
        let message = Message {
            exchange: short("Argument #1 ($exchange)", &exchange.0).map_err(err)?,
            routing_key: short("Argument #2 ($routingKey)", &routingKey.0).map_err(err)?,
            body: body.0,
            properties: self::properties(properties.0)?,
            mandatory: mandatory.0,
        };
        let mut core = self.core(METHOD)?;
        let handle = core.publish(message).map_err(err)?;
        log_unobserved(&core, Which::Orphans, "found while publishing");
        Ok(handles::create(handle, core.config().confirm_timeout))
    }

    /// Waits until every confirmation this publisher issued is settled; TimeoutException otherwise.
    pub fn wait_all(&self, timeout: OptFloat<1>) -> PhpResult<()> {
        const METHOD: &str = "AmqpConfirm\\Publisher::waitAll()";
        let limit = self.timeout(METHOD, "Argument #1 ($timeout)", timeout.0)?;
        self.core(METHOD)?.wait_all(limit).map_err(|e| to_php(e, METHOD))
    }

    /// Waits until each given confirmation is settled and returns those neither acked nor spooled, keys preserved.
    pub fn collect_failures(&self, confirmations: Array<1>, timeout: OptFloat<2>) -> PhpResult<ZBox<ZendHashTable>> {
        const METHOD: &str = "AmqpConfirm\\Publisher::collectFailures()";
        let limit = self.timeout(METHOD, "Argument #2 ($timeout)", timeout.0)?;
        let confirmations = confirmations.0;
        let deadline = Instant::now() + limit;
        let mut failures = ZendHashTable::new();
        let (mut total, mut pending) = (0usize, Vec::new());
        let mut iter = confirmations.iter();
        while let Some((key, zv)) = iter.next_zval() {
            let confirmation = zv.dereference().extract::<&Confirmation>().ok_or_else(|| {
                type_error(format!(
                    "{METHOD}: Argument #1 ($confirmations) must contain only AmqpConfirm\\Confirmation, {} given",
                    type_name(zv)
                ))
            })?;
            total += 1;
            // once one has timed out, the others are only looked at: the deadline is the same for all
            let left = if pending.is_empty() { deadline.saturating_duration_since(Instant::now()) } else { Duration::ZERO };
            let Ok(outcome) = confirmation.core().wait(left) else {
                pending.push(confirmation.core().message_id().to_string());
                continue;
            };
            confirmation.core().observe();
            // a spooled message is no failure: it is on disk, to be delivered
            if !matches!(outcome, crate::core::outcome::Outcome::Acked | crate::core::outcome::Outcome::Spooled) {
                let copy: Zval = zv.dereference().shallow_clone();
                match (key.long(), key.zend_str()) {
                    (Some(i), _) => failures.insert(ArrayKey::Long(i), copy)?,
                    (None, Some(s)) => failures.insert(ArrayKey::ZendString(s), copy)?,
                    (None, None) => failures.push(copy)?,
                }
            }
        }
        if !pending.is_empty() {
            let first: Vec<&str> = pending.iter().take(3).map(String::as_str).collect();
            let more = if pending.len() > 3 { ", ..." } else { "" };
            let note = lock(&self.inner).stats_note();
            return Err(to_php(Error::Timeout(format!(
                "{} of {total} confirmation(s) still pending after {:.3} s (messages {}{more}); {} already not acked: \
                 call collectFailures() again with the same array once they settle{note}",
                pending.len(),
                limit.as_secs_f64(),
                first.join(", "),
                failures.len()
            )), METHOD));
        }
        Ok(failures)
    }

    /// Declares an exchange (durable unless `durable => false`).
    #[php(defaults(r#type = "\"direct\""))]
    pub fn declare_exchange(&self, name: Text<1>, r#type: Text<2, true>, options: OptArray<3>) -> PhpResult<()> {
        const METHOD: &str = "AmqpConfirm\\Publisher::declareExchange()";
        let what = format!("{METHOD}: Argument #3 ($options)");
        let (flags, arguments) =
            flags(&what, options.0, &["durable", "auto_delete", "internal", "passive", "arguments"])?;
        self.topology(METHOD, Op::DeclareExchange { name: name.0, kind: r#type.0, flags, arguments }).map(drop)
    }

    /// Declares a queue (durable unless `durable => false`); returns its name, message and consumer counts.
    pub fn declare_queue(&self, name: Text<1>, options: OptArray<2>) -> PhpResult<ZBox<ZendHashTable>> {
        const METHOD: &str = "AmqpConfirm\\Publisher::declareQueue()";
        let what = format!("{METHOD}: Argument #2 ($options)");
        let (flags, arguments) =
            flags(&what, options.0, &["durable", "auto_delete", "exclusive", "passive", "arguments"])?;
        match self.topology(METHOD, Op::DeclareQueue { name: name.0, flags, arguments })? {
            Reply::Queue { name, messages, consumers } => {
                let mut ht = array(&[("messages", messages.into()), ("consumers", consumers.into())])?;
                ht.insert("name", name)?;
                Ok(ht)
            }
            _ => Ok(ZendHashTable::new()),
        }
    }

    /// Binds a queue to an exchange.
    #[php(defaults(routingKey = String::new()))]
    pub fn bind_queue(
        &self,
        queue: Text<1>,
        exchange: Text<2>,
        routingKey: Text<3, true>,
        arguments: OptArray<4>,
    ) -> PhpResult<()> {
        const METHOD: &str = "AmqpConfirm\\Publisher::bindQueue()";
        let (queue, exchange, routingKey) = (queue.0, exchange.0, routingKey.0);
        let arguments = match arguments.0 {
            Some(ht) => super::table::table(&format!("{METHOD}: Argument #4 ($arguments)"), ht)?,
            None => Vec::new(),
        };
        self.topology(METHOD, Op::BindQueue { queue, exchange, routing_key: routingKey, arguments }).map(drop)
    }

    /// Deletes a queue (options: if_unused, if_empty); returns how many messages it held.
    pub fn delete_queue(&self, name: Text<1>, options: OptArray<2>) -> PhpResult<i64> {
        const METHOD: &str = "AmqpConfirm\\Publisher::deleteQueue()";
        let what = format!("{METHOD}: Argument #2 ($options)");
        let (flags, _) = flags(&what, options.0, &["if_unused", "if_empty"])?;
        match self.topology(METHOD, Op::DeleteQueue { name: name.0, flags })? {
            Reply::Count(n) => Ok(n.into()),
            _ => Ok(0),
        }
    }

    /// Deletes an exchange (option: if_unused).
    pub fn delete_exchange(&self, name: Text<1>, options: OptArray<2>) -> PhpResult<()> {
        const METHOD: &str = "AmqpConfirm\\Publisher::deleteExchange()";
        let what = format!("{METHOD}: Argument #2 ($options)");
        let (flags, _) = flags(&what, options.0, &["if_unused"])?;
        self.topology(METHOD, Op::DeleteExchange { name: name.0, flags }).map(drop)
    }

    /// Removes every ready message from a queue; returns how many.
    pub fn purge_queue(&self, name: Text<1>) -> PhpResult<i64> {
        const METHOD: &str = "AmqpConfirm\\Publisher::purgeQueue()";
        match self.topology(METHOD, Op::PurgeQueue { name: name.0 })? {
            Reply::Count(n) => Ok(n.into()),
            _ => Ok(0),
        }
    }

    /// Counters (published, acked, nacked, returned, failed, in_flight, reconnects) and the blocked state.
    pub fn stats(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let core = lock(&self.inner);
        let c = core.stats();
        let mut ht = array(&[
            ("published", count(c.published)),
            ("acked", count(c.acked)),
            ("nacked", count(c.nacked)),
            ("returned", count(c.returned)),
            ("failed", count(c.failed)),
            ("in_flight", count(c.in_flight)),
            ("in_flight_bytes", count(c.in_flight_bytes)),
        ])?;
        let links = core.links();
        ht.insert("reconnects", count(links.reconnects))?;
        ht.insert("reconnect_attempts", count(links.attempts))?;
        ht.insert("failovers", count(links.failovers))?;
        ht.insert("node", links.node)?;
        let blocked = core.blocked();
        ht.insert("blocked", blocked.is_some())?;
        match blocked {
            Some(reason) => ht.insert("blocked_reason", reason)?,
            None => ht.insert("blocked_reason", ())?,
        }
        if let Some(spool) = core.spool() {
            ht.insert("spool", spool_stats(spool)?)?;
        }
        Ok(ht)
    }

    /// Whether the connection is up.
    pub fn is_connected(&self) -> bool {
        !self.closed.load(Ordering::Relaxed) && lock(&self.inner).is_connected()
    }

    /// Waits for outstanding confirmations (TimeoutException if some remain), then closes the connection; a
    /// persistent connection that other Publisher objects share stays open for them, and only this object closes.
    pub fn close(&self, timeout: OptFloat<1>) -> PhpResult<()> {
        const METHOD: &str = "AmqpConfirm\\Publisher::close()";
        if self.closed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let limit = self.timeout(METHOD, "Argument #1 ($timeout)", timeout.0)?;
        self.closed.store(true, Ordering::Relaxed);
        let shared = self.persistent && persistent::sharers(&self.inner) > 1;
        let mut core = lock(&self.inner);
        if shared {
            return core.wait_all(limit).map_err(|e| to_php(e, METHOD));
        }
        core.close(limit).map_err(|e| to_php(e, METHOD))
    }

    /// Whether this publisher's connection is kept across requests (`persistent => true`).
    pub fn is_persistent(&self) -> bool {
        self.persistent
    }

    /// The URI without its password, for logs.
    pub fn uri(&self) -> String {
        lock(&self.inner).shown_uri()
    }

    /// What `var_dump()` and `print_r()` show: the URI without its password, the connection name, whether it is
    /// persistent, connected or blocked (and why), and the counters of `stats()`.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut ht = ZendHashTable::new();
        {
            let core = lock(&self.inner);
            ht.insert("uri", core.shown_uri())?;
            match &core.config().connection_name {
                Some(name) => ht.insert("connectionName", name.as_str())?,
                None => ht.insert("connectionName", ())?,
            }
        }
        ht.insert("persistent", self.persistent)?;
        ht.insert("connected", self.is_connected())?;
        ht.insert("node", lock(&self.inner).links().node)?;
        ht.insert("stats", self.stats()?)?;
        Ok(ht)
    }

    /// A read-only stream resource that is readable while handles of this publisher that settled since the last
    /// `collectSettled()` wait to be collected: for `stream_select` and event loops. Each call gives a new stream
    /// on the same notifier; closing it closes nothing the publisher uses.
    pub fn settled_stream(&self) -> PhpResult<Zval> {
        const METHOD: &str = "AmqpConfirm\\Publisher::settledStream()";
        let fd = self.core(METHOD)?.settled_fd().map_err(|e| to_php(e, METHOD))?;
        let failed = || to_php(Error::Connection(format!("cannot make the settled stream: {}", std::io::Error::last_os_error())), METHOD);
        // SAFETY: duplicates a descriptor the publisher owns; the copy is PHP's to close.
        let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
        if copy < 0 {
            return Err(failed());
        }
        let mut stream = Zval::new();
        // SAFETY: `copy` is a descriptor we own and hand over; `stream` receives the resource.
        if unsafe { amqp_confirm_stream_from_fd(copy, &mut stream) } == 0 {
            // SAFETY: PHP did not take the descriptor.
            unsafe { libc::close(copy) };
            return Err(failed());
        }
        Ok(stream)
    }

    /// Never blocks: clears the settled stream's readiness and returns the handles settled since the last call
    /// (at most `$max`), in the order they settled. Handles are kept for collection only once
    /// `settledStream()` has been called.
    pub fn collect_settled(&self, max: OptInt<1>) -> PhpResult<Vec<Zval>> {
        const METHOD: &str = "AmqpConfirm\\Publisher::collectSettled()";
        let max = match max.0 {
            None => None,
            Some(n) if n >= 1 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            Some(n) => return Err(value_error(format!("{METHOD}: Argument #1 ($max) must be at least 1 or null, {n} given"))),
        };
        let core = self.core(METHOD)?;
        let timeout = core.config().confirm_timeout;
        let settled = core.collect_settled(max).into_iter().filter_map(|c| {
            c.observe();
            handles::zval(c, timeout)
        });
        Ok(settled.collect())
    }

    /// How many messages, handles, publishers, channel tasks and connections this process holds now.
    pub fn live_objects() -> PhpResult<ZBox<ZendHashTable>> {
        let counts: Vec<(&str, i64)> = crate::core::live::snapshot();
        array(&counts)
    }
}
