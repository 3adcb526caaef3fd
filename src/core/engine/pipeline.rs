//! The publishing pipeline: a message is encoded once into the outbox on the PHP thread, written corked (at
//! once into an idle channel, otherwise once 64 KiB wait, or at the next wait, or after `FLUSH_DELAY`), and
//! settled from the broker's answers in wire order by whichever thread reads them.

use super::super::cause::Cause;
use super::super::confirmation::Confirmation;
use super::super::connector::Connector;
use super::super::error::{Error, Result};
use super::super::ledger::Ledger;
use super::super::message::Message;
use super::super::spool::Spool;
use super::super::spool::record::Record;
use super::super::outcome::Outcome;
use super::super::sync::lock;
use super::super::window::{Drive, Window};
use super::super::wire::frame::{self, Route};
use super::super::wire::outbox::Outbox;
use super::super::wire::event::Event;
use super::super::wire::session::CHANNEL;
use super::conn::Conn;
use super::pending::Pending;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Bytes that wait in the outbox before a publish writes them itself.
const CORK_BYTES: usize = 64 * 1024;
/// How long a corked message waits at most before the supervisor writes it (when no wait or publish does).
pub const FLUSH_DELAY: Duration = Duration::from_millis(1);
/// The longest a waiting PHP thread blocks on the socket before looking again (what the supervisor settles
/// meanwhile, such as a reconnection's failures, is seen by then).
const PARK_MAX: Duration = Duration::from_millis(100);
/// How long after a reconnection a nack is taken for a quorum queue still electing its leader (RabbitMQ 3.10
/// nacks every publish to that queue on a channel whose first publish landed during the election): the channel is
/// renewed and the nacked messages go out again, within `max_attempts`.
const ELECTION_GRACE: Duration = Duration::from_secs(30);

/// A nacked message waiting to go out again (`retry_nacked`): its bytes, its handle, when.
struct Retry {
    due: Instant,
    bytes: Vec<u8>,
    pending: Pending,
}

/// Everything the pipeline changes, under one lock.
pub(super) struct State {
    /// The connection, while one is up.
    pub conn: Option<Conn>,
    /// Messages not settled yet, and the bytes still to write.
    pub outbox: Outbox<Pending>,
    /// Bumped with each new connection (the supervisor watches the socket of this one).
    pub generation: u64,
    /// Why the connection must be given up, when a thread found it broken (the supervisor drops it).
    pub broken: Option<Cause>,
    /// A corked message waits: the supervisor writes it at this time if nobody else did.
    pub flush_at: Option<Instant>,
    /// `close()` or the publisher's end: no new messages; the supervisor ends once closed.
    pub closing: bool,
    /// The frame size messages are encoded for (the first connection's).
    pub frame_max: u32,
    /// Returns received, by the delivery tag they were matched to, until that message's ack.
    returned: Vec<(u64, u16, String)>,
    retries: Vec<Retry>,
    /// How many of the next messages go out alone (see `lost`).
    isolating: usize,
    pub(super) reconnected_at: Option<Instant>,
    /// A PHP thread waits and reads the socket itself.
    pub php_reading: bool,
    /// When a PHP thread last stopped waiting (the supervisor takes the socket back a little later).
    pub php_left: Option<Instant>,
    /// Counts publishes while no event loop watches the settled feed (the supervisor stands by while it grows).
    pub activity: u64,
    /// The connection was lost: the supervisor reconnects (until its attempts are used up).
    pub reconnecting: bool,
    /// When the broker last answered for a message, the channel became ready, the broker unblocked the connection,
    /// or a message went out with none in flight (see `supervisor::stalled`).
    pub answered_at: Instant,
    renewals: u32,
    /// Exchanges known to exist (the default and `amq.` ones always do).
    known: HashSet<String>,
    read_buf: Vec<u8>,
    events: Vec<Event>,
    settled: Vec<(Arc<Confirmation>, Outcome)>,
}

/// The wire engine of one publisher.
pub struct Pipeline {
    state: Mutex<State>,
    /// Node list, backoff and TLS files, for the supervisor.
    pub connector: Connector,
    window: Arc<Window>,
    ledger: Arc<Ledger>,
    /// Wakes the supervisor: something to flush, a connection to drop, the end.
    pub notify: Notify,
    connected: AtomicBool,
    /// Since when the connection is down (`None` while up).
    down_since: Mutex<Option<Instant>>,
    /// The spool, when the publisher has one: its drainer delivers through this pipeline.
    spool: Option<Arc<Spool>>,
    pid: u32,
}

impl Pipeline {
    /// A pipeline over a first connection, or none yet (a spooling publisher whose broker is unreachable: the
    /// supervisor connects).
    pub fn new(connector: Connector, window: Arc<Window>, ledger: Arc<Ledger>, conn: Option<Conn>, spool: Option<Arc<Spool>>) -> Pipeline {
        let up = conn.is_some();
        let state = State {
            frame_max: conn.as_ref().map_or(frame::MIN_FRAME_MAX, |c| c.session.frame_max()),
            conn,
            outbox: Outbox::default(),
            generation: 1,
            broken: None,
            flush_at: None,
            closing: false,
            returned: Vec::new(),
            retries: Vec::new(),
            isolating: 0,
            reconnected_at: None,
            reconnecting: !up,
            answered_at: Instant::now(),
            php_reading: false,
            php_left: None,
            activity: 0,
            renewals: 0,
            known: HashSet::new(),
            read_buf: vec![0; 64 * 1024],
            events: Vec::new(),
            settled: Vec::new(),
        };
        let pid = super::super::pid::current();
        let down_since = Mutex::new((!up).then(Instant::now));
        Pipeline { state: Mutex::new(state), connector, window, ledger, notify: Notify::new(), connected: AtomicBool::new(up), down_since, spool, pid }
    }

    /// Whether the connection is up.
    pub fn is_connected(&self) -> bool {
        self.connected.load(Ordering::Relaxed)
    }

    /// How long the connection has been down; `None` while it is up.
    pub fn down_for(&self) -> Option<Duration> {
        lock(&self.down_since).map(|since| since.elapsed())
    }

    /// Whether the publisher is closing or closed.
    pub fn is_closing(&self) -> bool {
        self.lock().closing
    }

    /// Whether messages wait for a connection that a spool lets wait on (see `supervisor::reconnect`).
    pub(super) fn keeps_waiting(&self, st: &State) -> bool {
        self.spool.is_some() && (st.outbox.unsettled() > 0 || !st.retries.is_empty())
    }

    /// Whether the spool holds records to deliver (the supervisor keeps reconnecting for them).
    pub(super) fn spool_has_work(&self) -> bool {
        self.spool.as_ref().is_some_and(|s| s.has_work())
    }

    pub(super) fn set_connected(&self, up: bool) {
        if self.connected.swap(up, Ordering::Relaxed) != up || !up {
            let mut since = lock(&self.down_since);
            *since = if up { None } else { since.or_else(|| Some(Instant::now())) };
        }
        if up && let Some(spool) = &self.spool {
            spool.notify.notify_one();
        }
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Encodes a message into the outbox (its place in the window is taken) and writes it, or corks it.
    /// `idle`: nothing else was in flight, so it goes out at once.
    pub fn publish(&self, message: &Message, confirmation: Arc<Confirmation>, idle: bool) -> Result<()> {
        let properties = &message.properties;
        let user_id = properties.user_id.as_deref().map(Box::from);
        let pending = Pending::new(confirmation, message.mandatory, user_id);
        let route = Route { exchange: message.exchange, routing_key: message.routing_key, mandatory: message.mandatory };
        self.enqueue(pending, idle, |buf, frame_max| frame::publish(buf, CHANNEL, route, properties, message.body, frame_max))
    }

    /// As [`Pipeline::publish`], for a spooled record the spool's drainer delivers.
    pub fn publish_record(&self, record: &Record, confirmation: Arc<Confirmation>, idle: bool) -> Result<()> {
        let pending = Pending::new(confirmation, record.mandatory, None);
        let route = Route { exchange: &record.exchange, routing_key: &record.routing_key, mandatory: record.mandatory };
        self.enqueue(pending, idle, |buf, frame_max| frame::publish_encoded(buf, CHANNEL, route, &record.properties, &record.body, frame_max))
    }

    /// Puts a message into the outbox (`encode` writes its frames) and writes it, or corks it.
    fn enqueue(&self, pending: Pending, idle: bool, encode: impl FnOnce(&mut Vec<u8>, u32) -> Result<u64>) -> Result<()> {
        let mut st = self.lock();
        if st.closing {
            return Err(Error::Closed("this Publisher is closed".into()));
        }
        let frame_max = st.frame_max;
        let tag = st.outbox.next_tag();
        let ready = st.conn.as_ref().is_some_and(|c| c.session.is_ready());
        let unknown = !exists(&st.known, pending.confirmation.exchange());
        if st.outbox.in_flight().next().is_none() {
            st.answered_at = Instant::now(); // the broker owes nothing yet: its silence counts from now
        }
        st.outbox.push(pending, |buf, p| {
            p.fingerprint = encode(buf, frame_max)?;
            if ready {
                p.sent_as(tag);
            }
            Ok::<(), Error>(())
        })?;
        if unknown && st.outbox.gate().is_none() {
            self.regate(&mut st);
        }
        if self.pid != super::super::pid::current() {
            return Ok(());
        }
        if !self.ledger.feed().is_enabled() {
            st.activity += 1;
        }
        let blocked = st.conn.as_ref().is_some_and(|c| c.blocked_write);
        if ready && !blocked && (idle || st.outbox.unwritten().len() >= CORK_BYTES) {
            self.write(&mut st);
        } else if !ready {
            self.notify.notify_one(); // the supervisor (re)connects
        } else if !blocked && st.flush_at.is_none() {
            // (a full socket is written by whoever watches it, the supervisor or a waiter, once it drains)
            st.flush_at = Some(Instant::now() + FLUSH_DELAY);
            self.notify.notify_one();
        }
        Ok(())
    }

    /// Writes whatever is corked (before any wait: what is waited for must be on the wire).
    pub fn flush(&self) {
        if self.pid != super::super::pid::current() {
            return;
        }
        let mut st = self.lock();
        self.write(&mut st);
    }

    /// The socket has room again (its watcher saw it writable): writes what waits.
    pub(super) fn writable(&self, st: &mut State) {
        if let Some(c) = st.conn.as_mut() {
            c.blocked_write = false;
        }
        self.write(st);
    }

    /// Writes what is due on the connection, unless the socket is full (then whoever watches it writes once it
    /// has room: see `writable`); a broken socket is handed to the supervisor.
    pub(super) fn write(&self, st: &mut State) {
        let one = st.isolating > 0;
        let State { conn, outbox, broken, flush_at, read_buf, events, .. } = st;
        let Some(c) = conn.as_mut().filter(|c| broken.is_none() && !c.blocked_write) else { return };
        if let Err(cause) = c.write_due(outbox, one) {
            // a broker that closed the connection said why before it went (541, 320...): that reason, read from
            // what the socket still holds, is the cause, not the write's broken pipe (isolation depends on it)
            *broken = Some(cause);
            let _ = c.read_all(read_buf, events, false);
            self.apply(st);
            self.notify.notify_one();
            return;
        }
        if outbox.unwritten().is_empty() || c.blocked_write {
            *flush_at = None;
        }
        if c.blocked_write {
            self.notify.notify_one();
        }
    }

    /// Reads what the broker sent and acts on it: settles, renews, writes what that made due. Returns whether
    /// the socket was read until it would block (`short`: see `Conn::read_all`).
    pub(super) fn read(&self, st: &mut State, short: bool) -> bool {
        let State { conn, read_buf, events, broken, .. } = st;
        let Some(c) = conn.as_mut().filter(|_| broken.is_none()) else { return true };
        let drained = c.read_all(read_buf, events, short).unwrap_or_else(|cause| {
            *broken = Some(cause);
            true
        });
        self.apply(st);
        self.write(st);
        drained
    }

    /// Acts on the session's events in wire order, then settles what they decided.
    pub(super) fn apply(&self, st: &mut State) {
        let events = std::mem::take(&mut st.events);
        for event in &events {
            match event {
                Event::Ready => self.ready(st),
                Event::Acked { tag, multiple } => self.answered(st, *tag, *multiple, true),
                Event::Nacked { tag, multiple } => self.answered(st, *tag, *multiple, false),
                Event::Returned { code, text, exchange, routing_key, fingerprint } => returned(st, *code, text, (exchange, routing_key, *fingerprint)),
                Event::ChannelClosed { code, text, .. } => {
                    self.lost(st, &Cause { code: *code, text: text.clone() });
                    st.outbox.rewind(true);
                    self.regate(st);
                }
                Event::ConnectionClosed { code, text } => {
                    st.broken = Some(Cause { code: *code, text: format!("the broker closed the connection: {text}") })
                }
                Event::Closed => st.broken = Some(Cause::other("closed by client")),
                Event::ExchangeChecked { exchange, missing } => self.checked(st, exchange, missing.as_ref()),
                Event::Blocked(reason) => self.window.set_blocked(Some(reason.clone())),
                Event::Unblocked => {
                    st.answered_at = Instant::now();
                    self.window.set_blocked(None)
                }
            }
        }
        st.events = events;
        st.events.clear();
        if st.broken.is_some() {
            self.notify.notify_one();
        }
        self.settle(st);
    }

    /// The probe's answer: messages to a missing exchange fail with the broker's 404, never written; the next
    /// unknown exchange is checked.
    pub(super) fn checked(&self, st: &mut State, exchange: &str, missing: Option<&(u16, String)>) {
        match missing {
            Some((code, text)) => {
                let cause = Cause { code: *code, text: text.clone() };
                for p in st.outbox.remove_unwritten(|p| p.confirmation.exchange() == exchange) {
                    p.not_sent();
                    st.settled.push((p.confirmation, Outcome::Failed(cause.clone())));
                }
            }
            None => {
                st.known.insert(exchange.to_string());
            }
        }
        self.regate(st);
    }

    /// Holds the outbox at the first message not yet begun whose exchange is not known to exist, and checks
    /// that exchange (when connected and no check is under way).
    pub(super) fn regate(&self, st: &mut State) {
        let first = st.outbox.next_unwritten_tag();
        let State { outbox, known, conn, .. } = st;
        let unknown = outbox
            .queued()
            .skip_while(|(t, _)| *t < first || *t == first && !outbox.at_boundary())
            .find(|(_, p)| !exists(known, p.confirmation.exchange()))
            .map(|(t, p)| (t, p.confirmation.exchange().to_string()));
        outbox.hold_at(unknown.as_ref().map(|(t, _)| *t));
        if let (Some((_, exchange)), Some(c)) = (unknown, conn.as_mut())
            && c.session.is_ready()
            && c.session.checking().is_none()
            && let Err(e) = c.session.check_exchange(&exchange)
        {
            st.broken = Some(Cause::other(e.to_string()));
        }
    }

    /// A new connection is up (its channel in confirm mode): what waits goes out on it.
    pub(super) fn reopened(&self, st: &mut State) {
        st.renewals = 0;
        self.regate(st);
        self.requeue_due(st, false);
        self.ready(st);
        self.write(st);
        self.settle(st);
    }

    /// A channel is open in confirm mode: every unsettled message is (re)published on it, in order.
    fn ready(&self, st: &mut State) {
        st.answered_at = Instant::now();
        for (tag, p) in st.outbox.queued().filter(|(_, p)| !p.counted.get()) {
            p.sent_as(tag);
        }
        self.regate(st);
    }

    /// An ack or nack: settles the messages it covers (a return received before it makes an ack a return).
    fn answered(&self, st: &mut State, tag: u64, multiple: bool, ack: bool) {
        st.answered_at = Instant::now();
        let retry = !ack && (self.connector.config().retry_nacked || self.electing(st));
        let max = self.connector.config().max_attempts;
        let State { outbox, returned, settled, retries, .. } = st;
        let mut renew = false;
        outbox.settle(tag, multiple, |t, p, bytes| {
            let outcome = match returned.iter().position(|r| r.0 == t) {
                Some(i) => {
                    let (_, code, text) = returned.swap_remove(i);
                    Outcome::Returned { code, text }
                }
                None if ack => Outcome::Acked,
                None => Outcome::Nacked,
            };
            if retry && outcome == Outcome::Nacked && p.confirmation.attempts() < max {
                let pause = if self.connector.config().retry_nacked { self.connector.config().backoff(p.confirmation.attempts()) } else { Duration::ZERO };
                renew |= pause.is_zero();
                retries.push(Retry { due: Instant::now() + pause, bytes: bytes.to_vec(), pending: p });
            } else {
                settled.push((p.confirmation, outcome));
            }
        });
        if renew {
            self.renew(st);
        }
        self.isolated(st);
    }

    /// Whether a nack may be a quorum queue's election after a reconnection (see `ELECTION_GRACE`).
    fn electing(&self, st: &State) -> bool {
        st.reconnected_at.is_some_and(|at| at.elapsed() < ELECTION_GRACE) && st.renewals + 1 < self.connector.config().max_attempts
    }

    /// Renews the channel after election nacks: what is unconfirmed goes round again with them, in order.
    fn renew(&self, st: &mut State) {
        st.renewals += 1;
        let Some(c) = st.conn.as_mut() else { return };
        if c.session.renew_channel().is_ok() {
            st.returned.clear();
            // the nacked messages go round again in their places: publish order holds across an election
            let retries = std::mem::take(&mut st.retries).into_iter().map(|r| {
                r.pending.counted.set(false);
                (r.bytes, r.pending)
            });
            st.outbox.rewind_with(true, retries.collect(), |p| p.confirmation.sequence());
        }
        self.requeue_due(st, true);
    }

    /// Puts the retries that are due (all of them with `all`) back into the outbox.
    pub(super) fn requeue_due(&self, st: &mut State, all: bool) {
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut st.retries).into_iter().partition(|r| all || r.due <= now);
        st.retries = later;
        let ready = st.conn.as_ref().is_some_and(|c| c.session.is_ready());
        for r in due {
            r.pending.counted.set(false);
            if ready {
                r.pending.sent_as(st.outbox.next_tag());
            }
            let _ = st.outbox.push(r.pending, |buf, _| {
                buf.extend_from_slice(&r.bytes);
                Ok::<(), ()>(())
            });
        }
    }

    /// When the next retry is due.
    pub(super) fn next_retry(st: &State) -> Option<Instant> {
        st.retries.iter().map(|r| r.due).min()
    }

    /// Counts down the messages sent alone.
    fn isolated(&self, st: &mut State) {
        if st.isolating > 0 && st.outbox.wire_is_clear() {
            st.isolating -= 1;
        }
    }

    /// The channel (or connection) is gone with its unconfirmed messages: the one the broker named fails alone
    /// and the others are forgiven; with no culprit named over something a message carried (406, 541...), none
    /// fails and the next ones go out one at a time; otherwise a message that used up `max_attempts` fails. The
    /// caller rewinds the outbox.
    pub(super) fn lost(&self, st: &mut State, cause: &Cause) {
        let max = self.connector.config().max_attempts;
        st.returned.clear();
        let unwritten = st.outbox.next_unwritten_tag();
        for (_, p) in st.outbox.queued().filter(|(t, _)| *t >= unwritten) {
            p.not_sent();
        }
        let culprit_named = st.outbox.in_flight().any(|(_, p)| p.caused(cause));
        let isolate = !culprit_named && cause.is_message_fault() && st.outbox.in_flight().nth(1).is_some() && max > 1;
        let mut failed = Vec::new();
        for (tag, p) in st.outbox.in_flight() {
            p.counted.set(false);
            let fails = p.caused(cause);
            if fails {
                st.known.remove(p.confirmation.exchange());
            }
            if culprit_named && !fails {
                p.confirmation.forgive();
            }
            if fails || !culprit_named && !isolate && p.confirmation.counted_attempts() >= max {
                failed.push(tag);
            }
        }
        for tag in failed {
            if let Some(p) = st.outbox.remove(tag) {
                st.settled.push((p.confirmation, Outcome::Failed(cause.clone())));
            }
        }
        if isolate || st.isolating > 0 {
            st.isolating = st.isolating.max(1) + st.outbox.unsettled();
        }
    }

    /// Gives up every unsettled message (reconnection attempts used up), failing it with `cause`.
    pub(super) fn fail_all(&self, st: &mut State, cause: &Cause) {
        let State { outbox, settled, retries, .. } = st;
        outbox.drain(|p| settled.push((p.confirmation, Outcome::Failed(cause.clone()))));
        for r in retries.drain(..) {
            settled.push((r.pending.confirmation, Outcome::Failed(cause.clone())));
        }
        self.settle(st);
    }

    /// Hands the decided outcomes to the ledger and the window; those of spooled records being delivered go
    /// to the spool instead of the ledger (no PHP code holds their handles).
    fn settle(&self, st: &mut State) {
        if st.settled.is_empty() {
            return;
        }
        let mut settled = std::mem::take(&mut st.settled);
        if let Some(spool) = &self.spool {
            let (delivered, own): (Vec<_>, Vec<_>) = settled.into_iter().partition(|(c, _)| c.origin().is_some());
            settled = own;
            if !delivered.is_empty() {
                self.window.settle_delivered(|| delivered.iter().filter(|(c, o)| c.settle(o.clone())).map(|(c, o)| (o.status(), c.size())).collect());
                spool.settled(&delivered);
            }
        }
        self.ledger.settle(&self.window, settled);
    }

    /// The window, for the supervisor.
    pub(super) fn window(&self) -> &Window {
        &self.window
    }

    /// Starts the end: `connection.close` goes out after what is corked; the supervisor ends at its answer.
    pub fn close(&self) {
        let mut st = self.lock();
        st.closing = true;
        if self.pid == super::super::pid::current() {
            if let Some(c) = st.conn.as_mut() {
                let _ = c.session.close();
            }
            self.write(&mut st);
        }
        drop(st);
        self.notify.notify_one();
    }
}

/// Whether an exchange is known to exist: the default and `amq.` ones always do.
fn exists(known: &HashSet<String>, exchange: &str) -> bool {
    exchange.is_empty() || exchange.starts_with("amq.") || known.contains(exchange)
}

/// A return, matched to the oldest message in flight with its exchange, routing key and properties that has no
/// return yet (returns come in publish order, each before its message's ack).
fn returned(st: &mut State, code: u16, text: &str, (exchange, routing_key, fingerprint): (&str, &str, u64)) {
    let taken = |t: u64| st.returned.iter().any(|r| r.0 == t);
    let found = st.outbox.in_flight().find(|(t, p)| p.is_returned_as(exchange, routing_key, fingerprint) && !taken(*t)).map(|(t, _)| t);
    if let Some(tag) = found {
        st.returned.push((tag, code, text.to_string()));
    }
}

/// While PHP waits, it reads the socket itself: the broker's answer wakes the thread that waits for it, and
/// no other (the supervisor stands by, see `supervisor`).
impl Drive for Pipeline {
    fn flush(&self) {
        Pipeline::flush(self);
    }

    fn begin(&self) -> bool {
        if self.pid != super::super::pid::current() {
            return false;
        }
        let mut st = self.lock();
        // an event loop watching the settled feed gets outcomes without calling in: the supervisor stays the reader
        st.php_reading = st.conn.is_some() && st.broken.is_none() && !self.ledger.feed().is_enabled();
        st.php_reading
    }

    fn step(&self) {
        let mut st = self.lock();
        self.read(&mut st, true);
    }

    fn parks(&self) -> bool {
        let mut st = self.lock();
        // without a usable connection the waiter sleeps until woken by a settle, and the supervisor (which
        // reconnects) reads whatever connection comes next: the waiter gives the socket back
        st.php_reading &= st.conn.is_some() && st.broken.is_none();
        st.php_reading
    }

    fn park(&self, deadline: Option<Instant>) {
        let Some((fd, writable)) = self.lock().conn.as_ref().map(|c| (c.fd(), c.blocked_write)) else { return };
        let left = deadline.map_or(PARK_MAX, |d| d.saturating_duration_since(Instant::now()).min(PARK_MAX));
        let events = libc::POLLIN | if writable { libc::POLLOUT } else { 0 };
        let mut pollfd = libc::pollfd { fd, events, revents: 0 };
        // SAFETY: one valid pollfd; the descriptor stays open while the connection is in the state, and a
        // descriptor closed meanwhile only makes poll report it (the next step sees the connection gone).
        let ready = unsafe { libc::poll(&mut pollfd, 1, left.as_millis().max(1) as libc::c_int) };
        if ready > 0 && pollfd.revents & libc::POLLOUT != 0 {
            self.writable(&mut self.lock());
        }
    }

    fn end(&self) {
        let mut st = self.lock();
        st.php_reading = false;
        st.php_left = Some(Instant::now());
    }

    fn drives_for_room(&self) -> bool {
        true
    }
}
