//! The connection supervisor: one runtime task per publisher. It reads the socket when the broker writes, keeps
//! heartbeats both ways, writes what a publish left corked, and when the connection is lost reconnects with
//! backoff through the node list (failover) and republishes what was unconfirmed, in order.

use super::super::cause::Cause;
use super::super::live::{self, Live};
use super::super::runtime;
use super::conn::Conn;
use super::pipeline::{Pipeline, State};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};
use tokio::io::Interest;
use tokio::io::unix::AsyncFd;

/// How long after a PHP thread stopped waiting or publishing the supervisor takes the socket back: a thread that
/// waits again soon (publish, wait, publish, wait...) keeps reading it, one that publishes a batch reads the
/// answers at its next wait (or when waiting for room), and the supervisor is not woken by every answer meanwhile.
const HAND_BACK: Duration = Duration::from_millis(20);
/// How long a closing publisher waits for the broker's `close-ok`.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// A descriptor tokio watches without owning it (the connection owns it; the watch is dropped first).
struct Fd(RawFd);

impl AsRawFd for Fd {
    fn as_raw_fd(&self) -> RawFd {
        self.0
    }
}

/// What the supervisor does next.
enum Plan {
    /// Watch the socket of this connection until the deadline, for writability too when a write blocked.
    Watch { generation: u64, fd: RawFd, writable: bool, until: Instant },
    /// PHP reads the socket while it waits (or did just now): stand by until the deadline, not watching it.
    StandBy { until: Instant },
    /// Nothing to watch: wait for a publish (or the end).
    Idle,
    /// Open a new connection.
    Reconnect,
    /// The publisher is closed.
    Exit,
}

/// Starts the supervisor of `pipeline` on the runtime; the receiver hears when it has ended.
pub fn start(pipeline: Arc<Pipeline>) -> super::super::error::Result<Receiver<()>> {
    let (done, ended) = sync_channel(1);
    let handle = runtime::handle()?;
    let task = handle.spawn(run(pipeline.clone(), done.clone()));
    // a bug that panics the supervisor must not leave messages pending forever: they fail, and it says why
    handle.spawn(async move {
        if let Err(e) = task.await
            && e.is_panic()
        {
            let mut st = pipeline.lock();
            st.closing = true;
            st.conn = None;
            pipeline.set_connected(false);
            pipeline.fail_all(&mut st, &Cause::other("internal error: the connection supervisor stopped (a bug: please report it)"));
            let _ = done.send(());
        }
    });
    Ok(ended)
}

async fn run(p: Arc<Pipeline>, done: SyncSender<()>) {
    let _live = Live::new(&live::TASKS);
    let mut watched: Option<(u64, AsyncFd<Fd>)> = None;
    let mut closing_since: Option<Instant> = None;
    let mut seen = 0;
    loop {
        let plan = {
            let mut st = p.lock();
            if st.closing {
                closing_since.get_or_insert_with(Instant::now);
            }
            plan(&p, &mut st, &mut watched, closing_since, &mut seen)
        };
        match plan {
            Plan::Exit => break,
            Plan::Reconnect => reconnect(&p).await,
            Plan::Idle => p.notify.notified().await,
            Plan::StandBy { until } => {
                watched = None;
                tokio::select! {
                    _ = p.notify.notified() => {}
                    _ = tokio::time::sleep_until(until.into()) => {}
                }
            }
            Plan::Watch { generation, fd, writable, until } => {
                if watched.as_ref().is_none_or(|(g, _)| *g != generation) {
                    watched = None;
                    // SAFETY: the descriptor belongs to the connection of this generation, which only this task
                    // drops, and always after dropping this watch (`plan` and the end of `run`).
                    match unsafe { AsyncFd::register_with_interest(Fd(fd), Interest::READABLE | Interest::WRITABLE) } {
                        Ok(afd) => watched = Some((generation, afd)),
                        Err(e) => {
                            p.lock().broken = Some(Cause::other(format!("cannot watch the socket: {e}")));
                            continue;
                        }
                    }
                }
                let Some((_, afd)) = watched.as_ref() else { continue };
                watch(&p, afd, writable, until).await;
            }
        }
    }
    drop(watched);
    let mut st = p.lock();
    st.conn = None;
    p.set_connected(false);
    let cause = Cause::other("the publisher was closed before the broker answered for the message");
    p.fail_all(&mut st, &cause);
    drop(st);
    let _ = done.send(());
}

/// Decides the next move under the lock: drops a broken connection (its watch first), keeps heartbeats, writes
/// what is overdue, and says what to wait for.
fn plan(p: &Pipeline, st: &mut State, watched: &mut Option<(u64, AsyncFd<Fd>)>, closing_since: Option<Instant>, seen: &mut u64) -> Plan {
    let now = Instant::now();
    if closing_since.is_some_and(|since| now.duration_since(since) >= CLOSE_GRACE) {
        st.broken.get_or_insert_with(|| Cause::other("closed by client"));
    }
    if let Some(cause) = st.broken.take() {
        *watched = None;
        if let Some(conn) = st.conn.take() {
            // a check the connection broke under lets its messages through: the publish itself will tell
            if let Some(exchange) = conn.session.checking().map(str::to_string) {
                p.checked(st, &exchange, None);
            }
            drop(conn);
            p.set_connected(false);
            if !st.closing {
                p.lost(st, &cause);
                st.outbox.rewind(false);
                st.reconnecting = true;
            }
        }
    }
    if st.conn.is_none() {
        return match (st.closing, st.reconnecting || st.outbox.unsettled() > 0 || p.spool_has_work()) {
            (true, _) => Plan::Exit,
            (false, true) => Plan::Reconnect,
            (false, false) => Plan::Idle,
        };
    }
    let retry = Pipeline::next_retry(st).is_some_and(|due| due <= now);
    if retry {
        p.requeue_due(st, false);
    }
    let mut until = now + Duration::from_secs(3600);
    // nothing read for a heartbeat interval (the supervisor stood by while PHP published): read before judging
    if st.conn.as_ref().is_some_and(|c| c.session.heartbeat() > 0 && now.duration_since(c.last_read).as_secs() >= u64::from(c.session.heartbeat())) {
        p.read(st, false);
    }
    if let Some(beat) = heartbeat(st, now) {
        until = until.min(beat);
    }
    if let Some(at) = stalled(p, st, now) {
        until = until.min(at);
    }
    if retry || st.flush_at.is_some_and(|at| at <= now) || st.conn.as_ref().is_some_and(|c| !c.session.output().is_empty()) {
        p.write(st);
    }
    if st.broken.is_some() {
        return plan(p, st, watched, closing_since, seen);
    }
    for at in [st.flush_at, Pipeline::next_retry(st), closing_since.map(|s| s + CLOSE_GRACE)].into_iter().flatten() {
        until = until.min(at);
    }
    let Some(conn) = st.conn.as_ref() else { return Plan::Idle };
    let publishing = std::mem::replace(seen, st.activity) != st.activity;
    // a full socket is watched for room even while PHP publishes (its publishes no longer try to write)
    let quiet = publishing || st.php_left.is_some_and(|at| now.duration_since(at) < HAND_BACK);
    if st.php_reading || quiet && !conn.blocked_write {
        let back = match st.php_left {
            Some(at) if !st.php_reading && !publishing => at + HAND_BACK,
            _ => now + HAND_BACK,
        };
        return Plan::StandBy { until: until.min(back) };
    }
    st.php_left = None;
    Plan::Watch { generation: st.generation, fd: conn.fd(), writable: conn.blocked_write, until }
}

/// Sends a heartbeat after half the negotiated interval without writing; gives the connection up after two
/// intervals without reading (a half-open connection). Returns when to look again.
fn heartbeat(st: &mut State, now: Instant) -> Option<Instant> {
    let conn = st.conn.as_mut()?;
    let interval = Duration::from_secs(u64::from(conn.session.heartbeat()));
    if interval.is_zero() {
        return None;
    }
    if now.duration_since(conn.last_read) >= interval * 2 {
        st.broken = Some(Cause::other("connection lost: missed heartbeats"));
        return Some(now);
    }
    if now.duration_since(conn.last_write) >= interval / 2 {
        conn.session.send_heartbeat();
        conn.last_write = now;
    }
    Some((conn.last_write + interval / 2).min(conn.last_read + interval * 2))
}

/// Gives the connection up when the broker answered for nothing during `confirm_timeout` while messages are in
/// flight and it does not block the connection (RabbitMQ 4.x can leave what a quorum queue accepted without its
/// majority unconfirmed for good): what is unconfirmed goes out again on the next connection, within
/// `max_attempts`. Returns when to look again.
fn stalled(p: &Pipeline, st: &mut State, now: Instant) -> Option<Instant> {
    let limit = p.connector.config().confirm_timeout;
    if limit.is_zero() || st.outbox.in_flight().next().is_none() || p.window().blocked().is_some() {
        return None;
    }
    let due = st.answered_at + limit;
    if now < due {
        return Some(due);
    }
    let count = st.outbox.in_flight().count();
    let text = format!(
        "the broker answered for none of the {count} message(s) in flight during {:.3} s (confirm_timeout): reconnecting to publish them again",
        limit.as_secs_f64()
    );
    st.broken = Some(Cause::other(text));
    Some(now)
}

/// Waits for the socket, a nudge or the deadline, and does what the socket is ready for.
async fn watch(p: &Pipeline, afd: &AsyncFd<Fd>, writable: bool, until: Instant) {
    let writable_ready = async {
        if writable { afd.writable().await.map(Some) } else { std::future::pending().await }
    };
    tokio::select! {
        ready = afd.readable() => {
            if let Ok(mut guard) = ready {
                let mut st = p.lock();
                if p.read(&mut st, false) {
                    guard.clear_ready();
                }
            }
        }
        ready = writable_ready => {
            if let Ok(Some(mut guard)) = ready {
                let mut st = p.lock();
                p.writable(&mut st);
                if st.conn.as_ref().is_some_and(|c| c.blocked_write) {
                    guard.clear_ready();
                }
            }
        }
        _ = p.notify.notified() => {}
        _ = tokio::time::sleep_until(until.into()) => {}
    }
}

/// Opens a new connection, the node after the one lost first, with backoff between attempts; what is unsettled
/// goes out again on it. When the attempts are used up, what waits fails; with a spool it waits on and the
/// attempts start over (new messages go to the spool meanwhile and are delivered behind these: failing them would
/// lose them, spooling them now would put them behind newer ones).
async fn reconnect(p: &Arc<Pipeline>) {
    let config = p.connector.config().clone();
    let mut last = None;
    for attempt in 0..=config.reconnect_attempts {
        if attempt > 0 {
            tokio::time::sleep(config.backoff(attempt)).await;
        }
        if p.lock().closing {
            return;
        }
        p.window().reconnect_attempted();
        let connector = p.connector.clone();
        match tokio::task::spawn_blocking(move || super::dial::dial_next(&connector)).await {
            Ok(Ok((dialed, node))) => {
                let mut st = p.lock();
                if st.outbox.unsettled() == 0 {
                    st.frame_max = dialed.session.frame_max(); // nothing encoded for an earlier connection waits
                }
                st.conn = Some(Conn::new(dialed));
                st.generation += 1;
                st.reconnected_at = Some(Instant::now());
                st.reconnecting = false;
                p.window().connected_to(p.connector.address(node), true);
                p.set_connected(true);
                p.reopened(&mut st);
                return;
            }
            Ok(Err(e)) => last = Some(e.to_string()),
            Err(e) => last = Some(e.to_string()),
        }
    }
    let mut st = p.lock();
    if p.keeps_waiting(&st) {
        return; // still `reconnecting`: the supervisor calls again
    }
    let text = last.unwrap_or_else(|| "cannot connect".into());
    let cause = Cause::other(format!("{text} (after {} reconnection attempts)", config.reconnect_attempts));
    st.reconnecting = false;
    p.fail_all(&mut st, &cause);
}
