//! The state of the publisher's confirm-mode channel (and its connection) and the one step that does all its
//! publishing, so delivery tags match wire order: whoever polls it (the runtime's task, or the PHP thread while
//! it waits: see `driver`) runs the same step under the same lock. It reconnects after a lost connection, opens
//! a fresh channel after a channel error, and republishes what lost its outcome with them.

use super::cause::Cause;
use super::config::Config;
use super::confirmation::Confirmation;
use super::ledger::Ledger;
use super::connector::Connector;
use super::exchange_check::ExchangeCheck;
use super::link::Link;
use super::live::{self, Live};
use super::outcome::Outcome;
use super::sync::lock;
use super::tracker::{Return, Returnable, Tracker};
use super::window::Window;
use futures_core::Stream;
use lapin::message::BasicReturnMessage;
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::types::ShortString;
use lapin::{BasicProperties, Channel, Confirmation as LapinConfirmation, Connection, Event, PublisherConfirm};
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// How long after a reconnection a nack is taken for a quorum queue still electing its leader (RabbitMQ 3.10
/// nacks every publish to that queue on a channel whose first publish landed during the election): such a
/// nack is retried on a fresh channel, within `max_attempts`, instead of being the message's outcome. The
/// channel is replaced at most `max_attempts - 1` times per reconnection, so a queue that really refuses
/// messages (an overflow) does not make the publisher churn channels.
const ELECTION_GRACE: Duration = Duration::from_secs(30);

/// How long a broken channel waits for the broker's close reason (carried by its rejected confirms) when a write
/// failed first; lapin rejects them as it handles the close, so this bound is only a safety net.
const REASON_GRACE: Duration = Duration::from_secs(2);

/// A message ready for the wire: validated and encoded on the PHP thread, kept until settled so that
/// it can be republished.
pub struct Outgoing {
    /// Exchange name.
    pub exchange: ShortString,
    /// Routing key.
    pub routing_key: ShortString,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Encoded properties (message_id always set).
    pub properties: BasicProperties,
    /// Return when unroutable.
    pub mandatory: bool,
    /// The handle to settle.
    pub confirmation: Arc<Confirmation>,
    /// Counts this message while it is held.
    pub live: Live,
}

/// What the publisher asks of its channel task.
pub enum Command {
    /// Publish one message.
    Publish(Arc<Outgoing>),
    /// Finish what is in flight, close the channel and the connection, then tell the sender.
    Close(std::sync::mpsc::SyncSender<()>),
}

type Write = Pin<Box<dyn Future<Output = lapin::Result<PublisherConfirm>> + Send>>;

/// What the step asks of the runtime's task.
pub(super) enum Step {
    /// Open a channel, reconnecting first if the connection is gone.
    NeedChannel,
    /// Closing is done: close the channel and the connection.
    Closed,
}

/// What the runtime's task closes at the end, and who waits for it.
pub(super) struct ShutDown {
    /// The channel, if open.
    pub channel: Option<Arc<Channel>>,
    /// The connection, if any.
    pub connection: Option<Arc<Connection>>,
    /// The `close()` waiting for the end.
    pub done: Option<std::sync::mpsc::SyncSender<()>>,
}

/// The channel's state; `driver::Driver` holds it under its lock.
pub(super) struct ChannelTask {
    connector: Connector,
    link: Arc<Link>,
    window: Arc<Window>,
    ledger: Arc<Ledger>,
    rx: UnboundedReceiver<Command>,
    retry_tx: UnboundedSender<Arc<Outgoing>>,
    retry_rx: UnboundedReceiver<Arc<Outgoing>>,
    connection: Option<Arc<Connection>>,
    channel: Option<Arc<Channel>>,
    tracker: Tracker<Arc<Outgoing>>,
    writing: VecDeque<(u64, Write)>,
    confirming: VecDeque<(u64, PublisherConfirm)>,
    queue: VecDeque<Arc<Outgoing>>,
    closing: Option<Option<std::sync::mpsc::SyncSender<()>>>,
    settled: Vec<(Arc<Outgoing>, Outcome)>,
    reconnected_at: Option<Instant>,
    renewals: u32,
    /// The connection was lost and a new one is wanted (until the runtime's task has opened a channel).
    reconnect_pending: bool,
    /// The runtime's task is opening a channel (awaiting the network without the lock): nobody else steps.
    pub(super) reopening: bool,
    /// The channel broke with no broker reason yet (a write failed first): since when, while its confirms are
    /// awaited for the broker's close reason, which names the message that caused it.
    awaiting_reason: Option<(Cause, Instant)>,
    /// Exchanges known to exist, and the check of the next one.
    exchanges: ExchangeCheck,
    /// How many of the next messages to start go out alone, each once nothing else is in flight: set when the
    /// broker closed over one message of several without naming it, so that the next closure names it.
    isolating: usize,
    _live: Live,
}

impl ChannelTask {
    /// The state of a new publisher's channel task, on its first connection (the channel opens for the first message).
    pub(super) fn new(
        connector: Connector,
        connection: Arc<Connection>,
        link: Arc<Link>,
        window: Arc<Window>,
        ledger: Arc<Ledger>,
        rx: UnboundedReceiver<Command>,
    ) -> ChannelTask {
        let (retry_tx, retry_rx) = unbounded_channel();
        watch_events(&connection, window.clone());
        ChannelTask {
            connector,
            link,
            window,
            ledger,
            rx,
            retry_tx,
            retry_rx,
            connection: Some(connection),
            channel: None,
            tracker: Tracker::default(),
            writing: VecDeque::new(),
            confirming: VecDeque::new(),
            queue: VecDeque::new(),
            closing: None,
            settled: Vec::new(),
            reconnected_at: None,
            renewals: 0,
            reconnect_pending: false,
            reopening: false,
            awaiting_reason: None,
            exchanges: ExchangeCheck::default(),
            isolating: 0,
            _live: Live::new(&live::TASKS),
        }
    }
}

/// Follows the connection's blocked/unblocked events into the window, until the connection ends.
fn watch_events(connection: &Connection, window: Arc<Window>) {
    let mut events = Box::pin(connection.events_listener());
    let counted = Live::new(&live::CONNECTIONS);
    tokio::spawn(async move {
        let _counted = counted;
        while let Some(event) = poll_fn(|cx| events.as_mut().poll_next(cx)).await {
            match event {
                Event::ConnectionBlocked(reason) => window.set_blocked(Some(reason)),
                Event::ConnectionUnblocked => window.set_blocked(None),
                _ => {}
            }
        }
    });
}

/// Records why the channel broke, keeping a cause that carries the broker's reply code over one that does not.
fn prefer_broker_reason(broken: &mut Option<Cause>, cause: Cause) {
    if broken.as_ref().is_none_or(|b| b.code == 0) {
        *broken = Some(cause);
    }
}

fn to_return(message: BasicReturnMessage) -> Return {
    Return {
        message_id: message.properties.message_id().as_ref().map(|id| id.to_string()),
        exchange: message.delivery.exchange.to_string(),
        routing_key: message.delivery.routing_key.to_string(),
        headers: message.properties.headers().clone(),
        code: message.reply_code,
        text: message.reply_text.to_string(),
    }
}

impl Returnable for Arc<Outgoing> {
    fn is_returned_by(&self, ret: &Return) -> bool {
        self.exchange.as_str() == ret.exchange
            && self.routing_key.as_str() == ret.routing_key
            && ret.message_id.as_deref() == Some(self.confirmation.message_id())
            && *self.properties.headers() == ret.headers
    }
}

/// Whether the broker's reply text names this message's exchange or user as the reason the channel closed
/// (e.g. `NOT_FOUND - no exchange 'x'`), or refused a body of its size (406 `message size N is larger than
/// configured max size M`): such a message would fail again, so it is not republished.
fn caused(cause: &Cause, message: &Outgoing) -> bool {
    if cause.code == 0 {
        return false;
    }
    let quoted = |name: &str| cause.text.contains(&format!("'{name}'"));
    (!message.exchange.as_str().is_empty() && quoted(message.exchange.as_str()))
        || message.properties.user_id().as_ref().is_some_and(|u| quoted(u.as_str()))
        || cause.size_limit().is_some_and(|max| message.body.len() > max)
}

impl ChannelTask {
    fn config(&self) -> &Config {
        self.connector.config()
    }

    /// Opens a confirm-mode channel, reconnecting first (with backoff) when the connection is gone. Called by the
    /// runtime's task with `reopening` set; the lock is taken only between awaits.
    pub(super) async fn open_channel(task: &Mutex<ChannelTask>) {
        let (connector, link, window) = {
            let t = lock(task);
            (t.connector.clone(), t.link.clone(), t.window.clone())
        };
        let config = connector.config();
        let mut last: Option<Cause> = None;
        let attempts = config.reconnect_attempts;
        for attempt in 0..=attempts {
            if attempt > 0 {
                tokio::time::sleep(config.backoff(attempt)).await;
            }
            let current = lock(task).connection.clone().filter(|c| c.status().connected());
            let connection = match current {
                Some(c) => c,
                None => {
                    link.set(None);
                    window.reconnect_attempted();
                    match connector.connect_next().await {
                        Ok(reached) => {
                            let c = Arc::new(reached.connection);
                            watch_events(&c, window.clone());
                            window.connected_to(connector.address(reached.node), true);
                            link.set(Some(c.clone()));
                            let mut t = lock(task);
                            t.exchanges.reset();
                            t.reconnected_at = Some(Instant::now());
                            t.renewals = 0;
                            t.connection = Some(c.clone());
                            c
                        }
                        Err(e) => {
                            last = Some(Cause::other(e.to_string()));
                            continue;
                        }
                    }
                }
            };
            let opened = async {
                let channel = connection.create_channel().await?;
                channel.confirm_select(ConfirmSelectOptions::default()).await?;
                Ok::<_, lapin::Error>(channel)
            };
            match opened.await {
                Ok(channel) => {
                    let mut t = lock(task);
                    t.channel = Some(Arc::new(channel));
                    t.reconnect_pending = false;
                    return;
                }
                Err(e) => last = Some(Cause::from(&e)),
            }
        }
        let cause = last.unwrap_or_else(|| Cause::other("cannot open a channel"));
        let cause = Cause { code: cause.code, text: format!("{} (after {attempts} reconnection attempts)", cause.text) };
        let mut t = lock(task);
        t.reconnect_pending = false;
        let failed: Vec<_> = t.queue.drain(..).map(|m| (m, Outcome::Failed(cause.clone()))).collect();
        t.settle(failed);
    }

    /// One step: takes commands, starts what is queued, collects writes and confirms, settles.
    pub(super) fn poll_step(&mut self, cx: &mut Context<'_>) -> Poll<Step> {
        let mut broken: Option<Cause> = self.awaiting_reason.as_ref().map(|(c, _)| c.clone());
        self.check_exchanges(cx);
        loop {
            self.receive(cx, &mut broken);
            if !self.check_exchanges(cx) {
                break;
            }
        }
        self.poll_writes(cx, &mut broken);
        self.poll_confirms(cx, &mut broken);
        self.tracker.end_scan(&mut self.settled);
        if broken.is_none() {
            self.retry_election_nacks();
        }
        if broken.as_ref().is_some_and(|c| self.await_reason(c, cx)) {
            let settled = std::mem::take(&mut self.settled);
            self.settle(settled);
            return Poll::Pending;
        }
        self.awaiting_reason = None;
        if let Some(cause) = broken {
            self.lost_channel(&cause);
            if self.closing.is_none() && self.connection.as_ref().is_some_and(|c| !c.status().connected()) {
                self.reconnect_pending = true;
            }
        } else if self.tracker.has_held() {
            cx.waker().wake_by_ref();
        }
        let settled = std::mem::take(&mut self.settled);
        self.settle(settled);
        if self.isolating > 0 && self.tracker.is_empty() && !self.queue.is_empty() && self.channel.is_some() {
            cx.waker().wake_by_ref(); // the suspect in flight was answered: the next one may go
        }
        if (self.reconnect_pending || !self.queue.is_empty()) && self.channel.is_none() {
            return Poll::Ready(Step::NeedChannel);
        }
        if self.closing.is_some() && self.tracker.is_empty() && self.queue.is_empty() {
            return Poll::Ready(Step::Closed);
        }
        Poll::Pending
    }

    /// Whether to hold a broken channel for the broker's close reason: the cause has no reply code (a write
    /// failed first), the connection is up (so the broker closed the channel, and will say why through the
    /// confirms it rejects), some confirms are still unresolved, and not for longer than `REASON_GRACE`.
    fn await_reason(&mut self, cause: &Cause, cx: &mut Context<'_>) -> bool {
        let connected = self.connection.as_ref().is_some_and(|c| c.status().connected());
        if cause.code != 0 || !connected || self.confirming.is_empty() {
            return false;
        }
        let since = match &self.awaiting_reason {
            Some((_, since)) => *since,
            None => {
                let waker = cx.waker().clone();
                tokio::spawn(async move {
                    tokio::time::sleep(REASON_GRACE).await;
                    waker.wake();
                });
                Instant::now()
            }
        };
        self.awaiting_reason = Some((cause.clone(), since));
        since.elapsed() < REASON_GRACE
    }

    /// The channel is gone: keep the answers already received, republish the rest (unless the broker
    /// named the message as the cause, or it has used its attempts), and drop the channel. When the broker named
    /// a culprit, the others' republish is not counted against their attempts: they did nothing wrong. When it
    /// closed over something one message carried without saying which (a value it cannot hold: 541), none of the
    /// several in flight fails yet (unless `max_attempts` is 1: no republishing); they go out again one at a time,
    /// so that each later closure has one suspect, charged as usual.
    fn lost_channel(&mut self, cause: &Cause) {
        let unconfirmed = self.tracker.take_unconfirmed(&mut self.settled);
        let max = self.config().max_attempts;
        let culprit_named = unconfirmed.iter().any(|m| caused(cause, m));
        let isolate = !culprit_named && cause.is_message_fault() && unconfirmed.len() > 1 && max > 1;
        let mut again = Vec::new();
        for message in unconfirmed {
            if caused(cause, &message) {
                self.exchanges.forget(message.exchange.as_str());
            }
            let used_up = !culprit_named && !isolate && message.confirmation.counted_attempts() >= max;
            if caused(cause, &message) || used_up {
                self.settled.push((message, Outcome::Failed(cause.clone())));
            } else {
                if culprit_named {
                    message.confirmation.forgive();
                }
                again.push(message);
            }
        }
        if isolate || self.isolating > 0 {
            // the suspects, and the first message after them (it waits for the last suspect's answer)
            self.isolating = self.isolating.max(1) + again.len();
        }
        self.requeue(again);
    }

    /// Whether a message may start now: not while isolating with something in flight.
    fn may_start(&self) -> bool {
        self.isolating == 0 || self.tracker.is_empty()
    }

    /// Puts messages back at the front of the queue, in delivery-tag order, and forgets the channel they went
    /// out on (returned, for the caller to close if it is still open).
    fn requeue(&mut self, mut again: Vec<Arc<Outgoing>>) -> Option<Arc<Channel>> {
        again.sort_by_key(|m| m.confirmation.delivery_tag());
        for message in again.into_iter().rev() {
            self.queue.push_front(message);
        }
        self.writing.clear();
        self.confirming.clear();
        self.channel.take()
    }

    /// Right after a reconnection, nacks are taken for a quorum queue electing its leader: the channel that got
    /// them is replaced, and the nacked messages go round again with every unconfirmed one, in their order.
    fn retry_election_nacks(&mut self) {
        let max = self.config().max_attempts;
        let recent = self.reconnected_at.is_some_and(|at| at.elapsed() < ELECTION_GRACE);
        if !recent || self.renewals + 1 >= max {
            return;
        }
        let retry = |m: &Arc<Outgoing>, o: &Outcome| *o == Outcome::Nacked && m.confirmation.attempts() < max;
        if !self.settled.iter().any(|(m, o)| retry(m, o)) {
            return;
        }
        self.renewals += 1;
        let (nacked, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut self.settled).into_iter().partition(|(m, o)| retry(m, o));
        self.settled = keep;
        let mut again: Vec<Arc<Outgoing>> = nacked.into_iter().map(|(m, _)| m).collect();
        again.extend(self.tracker.take_unconfirmed(&mut self.settled));
        if let Some(old) = self.requeue(again) {
            tokio::spawn(async move { old.close(200, "nacked after a failover: replaced".into()).await });
        }
    }

    /// Settles handles, except nacked messages that `retry_nacked` sends round again after a backoff.
    fn settle(&mut self, settled: Vec<(Arc<Outgoing>, Outcome)>) {
        let retry = self.config().retry_nacked;
        let max = self.config().max_attempts;
        let mut done = Vec::with_capacity(settled.len());
        for (message, outcome) in settled {
            let attempts = message.confirmation.attempts();
            if retry && outcome == Outcome::Nacked && attempts < max {
                let pause = self.config().backoff(attempts);
                let tx = self.retry_tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(pause).await;
                    let _ = tx.send(message);
                });
            } else {
                done.push((message.confirmation.clone(), outcome));
            }
        }
        self.ledger.settle(&self.window, done);
    }

    fn receive(&mut self, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        if self.channel.as_ref().is_some_and(|c| !c.status().connected()) && self.tracker.is_empty() {
            self.channel = None;
        }
        while let Poll::Ready(Some(message)) = self.retry_rx.poll_recv(cx) {
            self.queue.push_back(message);
        }
        while let Some(queued) = self.queue.pop_front() {
            if self.channel.is_none() || broken.is_some() || !self.may_start() || !self.exchange_ready(&queued) {
                self.queue.push_front(queued);
                break;
            }
            self.isolating = self.isolating.saturating_sub(1);
            self.start(queued, cx, broken);
        }
        for _ in 0..4096 {
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(Command::Publish(out))) => {
                    if self.channel.is_none() || broken.is_some() || !self.queue.is_empty() || self.isolating > 0 || !self.exchange_ready(&out) {
                        self.queue.push_back(out);
                    } else {
                        self.start(out, cx, broken);
                    }
                }
                Poll::Ready(Some(Command::Close(done))) => self.closing = Some(Some(done)),
                Poll::Ready(None) => {
                    if self.closing.is_none() {
                        self.closing = Some(None);
                    }
                    return;
                }
                Poll::Pending => return,
            }
        }
        cx.waker().wake_by_ref();
    }

    /// Whether the message's exchange is known to exist (else its check starts, and the message waits for it).
    fn exchange_ready(&mut self, out: &Outgoing) -> bool {
        self.exchanges.ready(out.exchange.as_str(), self.connection.as_ref())
    }

    /// Polls the exchange check under way; when it finds the exchange missing, the messages waiting for it fail
    /// with the broker's 404 (never written: nothing else is touched). Returns whether a check finished.
    fn check_exchanges(&mut self, cx: &mut Context<'_>) -> bool {
        let Some(result) = self.exchanges.poll(cx) else { return false };
        if let Some((exchange, cause)) = result {
            let (missing, keep): (VecDeque<_>, VecDeque<_>) =
                std::mem::take(&mut self.queue).into_iter().partition(|m| m.exchange.as_str() == exchange);
            self.queue = keep;
            self.settled.extend(missing.into_iter().map(|m| (m, Outcome::Failed(cause.clone()))));
        }
        true
    }

    fn start(&mut self, out: Arc<Outgoing>, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        let Some(channel) = self.channel.clone() else { return };
        let tag = self.tracker.publish(out.mandatory, out.clone());
        out.confirmation.published_as(tag);
        let options = BasicPublishOptions { mandatory: out.mandatory, immediate: false };
        let mut write: Write = Box::pin(async move {
            let properties = out.properties.clone();
            channel.basic_publish(out.exchange.clone(), out.routing_key.clone(), options, &out.body, properties).await
        });
        match write.as_mut().poll(cx) {
            Poll::Ready(Ok(confirm)) if self.writing.is_empty() => self.confirming.push_back((tag, confirm)),
            Poll::Ready(Ok(confirm)) => self.writing.push_back((tag, Box::pin(std::future::ready(Ok(confirm))))),
            Poll::Ready(Err(e)) => prefer_broker_reason(broken, Cause::from(&e)),
            Poll::Pending => self.writing.push_back((tag, write)),
        }
    }

    /// Frames are written in publish order, so writes complete in tag order: poll from the oldest and stop
    /// at the first one still pending (each wake costs what completed, not what is in flight).
    fn poll_writes(&mut self, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        while let Some((tag, write)) = self.writing.front_mut() {
            match write.as_mut().poll(cx) {
                Poll::Ready(Ok(confirm)) => self.confirming.push_back((*tag, confirm)),
                Poll::Ready(Err(e)) => prefer_broker_reason(broken, Cause::from(&e)),
                Poll::Pending => return,
            }
            self.writing.pop_front();
        }
    }

    /// Confirms mostly complete in tag order: poll from the oldest and stop at the first pending one, except
    /// while a mandatory ack is held, when every confirm is polled (a full scan is what proves that no
    /// completion carrying that message's return was left unseen: see `Tracker::end_scan`).
    fn poll_confirms(&mut self, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        let full = self.tracker.has_held() || broken.is_some();
        let mut i = 0;
        while i < self.confirming.len() {
            let (tag, confirm) = &mut self.confirming[i];
            let tag = *tag;
            let result = match Pin::new(confirm).poll(cx) {
                Poll::Ready(result) => result,
                Poll::Pending if full => {
                    i += 1;
                    continue;
                }
                Poll::Pending => return,
            };
            self.confirming.remove(i);
            match result {
                Ok(LapinConfirmation::Ack(ret)) => self.tracker.complete(tag, true, ret.map(to_return), &mut self.settled),
                Ok(LapinConfirmation::Nack(ret)) => self.tracker.complete(tag, false, ret.map(to_return), &mut self.settled),
                Ok(LapinConfirmation::NotRequested) => {
                    self.tracker.fail(tag, &Cause::other("channel was not in confirm mode"), &mut self.settled)
                }
                Err(e) => prefer_broker_reason(broken, Cause::from(&e)),
            }
        }
    }

    /// What closing needs, taken out of the state.
    pub(super) fn take_for_shut_down(&mut self) -> ShutDown {
        self.link.set(None);
        ShutDown { channel: self.channel.take(), connection: self.connection.take(), done: self.closing.take().flatten() }
    }

    /// Anything not yet settled: queued, being written or awaiting its confirm.
    pub(super) fn is_idle(&self) -> bool {
        self.tracker.is_empty() && self.queue.is_empty()
    }

    /// Whether a message can be started on this thread at once: a channel, nothing queued before it.
    pub(super) fn can_start(&self) -> bool {
        self.channel.is_some() && self.queue.is_empty() && self.isolating == 0 && !self.reopening && self.closing.is_none()
    }

    /// Queues a message to be started by the next step.
    pub(super) fn enqueue(&mut self, out: Arc<Outgoing>) {
        self.queue.push_back(out);
    }

}
