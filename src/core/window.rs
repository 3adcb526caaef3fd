//! One publisher's in-flight window and counters, shared by the PHP thread and the publishing task.

use super::error::{Error, Result};
use super::outcome::Status;
use super::sync::lock;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Message counters of one publisher, as `Publisher::stats()` reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Messages accepted by `publish()`.
    pub published: u64,
    /// Settled as acked.
    pub acked: u64,
    /// Settled as nacked.
    pub nacked: u64,
    /// Settled as returned.
    pub returned: u64,
    /// Settled as failed.
    pub failed: u64,
    /// Accepted and not yet settled.
    pub in_flight: u64,
    /// Body bytes of the messages in flight.
    pub in_flight_bytes: u64,
    /// Of those in flight, the spooled messages being delivered (no wait of the publisher's waits for them).
    pub delivering: u64,
}

/// How a publisher's connection has fared, as `stats()` reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Connections re-established after a loss.
    pub reconnects: u64,
    /// Reconnection attempts, successful or not.
    pub attempts: u64,
    /// Reconnections that reached another node than the one lost.
    pub failovers: u64,
    /// `host:port` of the node in use (or last used).
    pub node: String,
}

#[derive(Default)]
struct State {
    counts: Counts,
    waiters: usize,
    /// Counts wake-ups meant for a thread that drives the channel while it waits (see `Drive`).
    pokes: u64,
    blocked: Option<String>,
    /// The connection is lost and the publisher is reconnecting.
    reconnecting: bool,
    links: Links,
}

/// Counts one more message in flight; returns whether the window was empty.
fn take(state: &mut State, size: u64) -> bool {
    let was_empty = state.counts.in_flight == 0;
    state.counts.published += 1;
    state.counts.in_flight += 1;
    state.counts.in_flight_bytes += size;
    super::totals::TOTALS.add(1, 0, 0, 0, 0);
    was_empty
}

/// How much a window admits: messages and body bytes in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most messages unsettled at once.
    pub messages: u64,
    /// Most body bytes unsettled at once (one larger message is still admitted when nothing is in flight).
    pub bytes: u64,
}

impl Limits {
    /// Whether a message of `size` bytes fits beside what is in flight.
    fn admits(&self, c: &Counts, size: u64) -> bool {
        c.in_flight < self.messages && (c.in_flight_bytes == 0 || c.in_flight_bytes.saturating_add(size) <= self.bytes)
    }
}

/// Lets a thread that waits on the window drive the publisher's channel itself meanwhile, so that the broker's
/// answers wake the waiting thread directly instead of the runtime's, which would then wake it.
pub trait Drive: Send + Sync {
    /// Starts driving from the calling thread; false when it may not (another process, a channel being opened).
    fn begin(&self) -> bool;
    /// Runs one step of the channel on the calling thread.
    fn step(&self);
    /// Stops driving and hands what is still in flight back to the runtime.
    fn end(&self);
    /// Writes what waits to be written, before any wait (for an outcome or for room) starts.
    fn flush(&self) {}
    /// Whether the driver can block on the channel itself now (see `park`) rather than be woken by pokes.
    fn parks(&self) -> bool {
        false
    }
    /// Blocks until the channel may have something to step, or `deadline` passes.
    fn park(&self, _deadline: Option<Instant>) {}
    /// Whether waits for room drive too (not only waits for an outcome).
    fn drives_for_room(&self) -> bool {
        false
    }
}

/// The window: bounds messages and bytes in flight and wakes waiters when messages settle (threads blocked in
/// a wait, and event loops watching the settled feed).
pub struct Window {
    state: Mutex<State>,
    cond: Condvar,
    limits: Limits,
    driver: std::sync::OnceLock<std::sync::Weak<dyn Drive>>,
}

impl Window {
    /// A window admitting what `limits` allows.
    pub fn new(limits: Limits) -> Self {
        Window { state: Mutex::new(State::default()), cond: Condvar::new(), limits, driver: std::sync::OnceLock::new() }
    }

    /// Lets waiters drive the channel through `driver` (set once, by the publisher that owns this window).
    pub fn set_driver(&self, driver: std::sync::Weak<dyn Drive>) {
        let _ = self.driver.set(driver);
    }

    /// Wakes a thread that drives while it waits: the channel has something for it.
    pub fn poke(&self) {
        let mut state = self.lock();
        state.pokes += 1;
        if state.waiters > 0 {
            self.cond.notify_all();
        }
    }


    /// Takes a place for one message of `size` body bytes, waiting up to `timeout` for room; returns whether
    /// the window was empty (every message before this one settled).
    pub fn acquire(&self, size: u64, timeout: Duration) -> Result<bool> {
        let limits = self.limits;
        let mut state = self.wait_until(timeout, false, |c| limits.admits(c, size)).map_err(|c| {
            Error::Timeout(format!(
                "no room to publish within {:.3} s: {} messages, {} bytes in flight (max_in_flight {}, max_in_flight_bytes {}){}",
                timeout.as_secs_f64(),
                c.in_flight,
                c.in_flight_bytes,
                limits.messages,
                limits.bytes,
                self.timeout_note()
            ))
        })?;
        Ok(take(&mut state, size))
    }

    /// Takes a place for one message of `size` body bytes if there is room now, never waiting (the spool's
    /// drainer, on the runtime); returns whether the window was empty, or `None` when it is full.
    pub fn try_acquire(&self, size: u64) -> Option<bool> {
        let mut state = self.lock();
        let taken = self.limits.admits(&state.counts, size).then(|| take(&mut state, size));
        state.counts.delivering += u64::from(taken.is_some());
        taken
    }

    /// Runs `settle` (which settles handles and returns their statuses and sizes) under the window's lock, so
    /// a waiter sees a whole batch settled or none of it; then counts the batch and wakes waiters.
    pub fn settle_batch(&self, settle: impl FnOnce() -> Vec<(Status, u64)>) {
        self.settle_counted(settle, false);
    }

    /// As `settle_batch`, for spooled messages being delivered (taken by `try_acquire`).
    pub fn settle_delivered(&self, settle: impl FnOnce() -> Vec<(Status, u64)>) {
        self.settle_counted(settle, true);
    }

    fn settle_counted(&self, settle: impl FnOnce() -> Vec<(Status, u64)>, delivered: bool) {
        let mut state = self.lock();
        let before = state.counts;
        for (status, size) in settle() {
            if delivered {
                state.counts.delivering = state.counts.delivering.saturating_sub(1);
            }
            let c = &mut state.counts;
            c.in_flight = c.in_flight.saturating_sub(1);
            c.in_flight_bytes = c.in_flight_bytes.saturating_sub(size);
            match status {
                Status::Acked => c.acked += 1,
                Status::Nacked => c.nacked += 1,
                Status::Returned => c.returned += 1,
                Status::Failed => c.failed += 1,
                Status::Pending | Status::Spooled => {}
            }
        }
        let c = state.counts;
        super::totals::TOTALS.add(0, c.acked - before.acked, c.nacked - before.nacked, c.returned - before.returned, c.failed - before.failed);
        if state.waiters > 0 {
            self.cond.notify_all();
        }
    }

    /// The counters now.
    pub fn counts(&self) -> Counts {
        self.lock().counts
    }

    /// Records that the broker blocks (with its reason) or unblocked this publisher's connection.
    pub fn set_blocked(&self, reason: Option<String>) {
        self.lock().blocked = reason;
    }

    /// The broker's reason while it blocks the connection.
    pub fn blocked(&self) -> Option<String> {
        self.lock().blocked.clone()
    }

    /// Counts a reconnection attempt (the connection is lost until `connected_to`).
    pub fn reconnect_attempted(&self) {
        let mut state = self.lock();
        state.links.attempts += 1;
        state.reconnecting = true;
    }

    /// Records the node connected to; `again`: after a loss (a reconnection, a failover if the node changed).
    pub fn connected_to(&self, node: String, again: bool) {
        let mut state = self.lock();
        if again {
            state.links.reconnects += 1;
            if state.links.node != node {
                state.links.failovers += 1;
            }
        }
        state.links.node = node;
        state.blocked = None;
        state.reconnecting = false;
    }

    /// Records that the first connection could not be made (a spooling publisher goes on without it).
    pub fn connection_failed(&self, reason: String) {
        let mut state = self.lock();
        state.reconnecting = true;
        state.links.node = reason;
    }

    /// Reconnections, attempts, failovers and the node in use.
    pub fn links(&self) -> Links {
        self.lock().links.clone()
    }

    /// What a timeout message should add about the connection: why the broker blocks it, or that it is lost and
    /// being re-established (not a slow broker).
    pub fn timeout_note(&self) -> String {
        let state = self.lock();
        match (&state.blocked, state.reconnecting) {
            (Some(reason), _) => format!(" (the broker is blocking publishers: {reason})"),
            (None, true) => format!(
                " (the connection to the broker is lost: reconnecting, {} attempt(s) so far; last node {})",
                state.links.attempts, state.links.node
            ),
            (None, false) => String::new(),
        }
    }

    /// Waits up to `timeout` until `done` holds; on timeout returns the number still in flight.
    pub fn wait(&self, timeout: Duration, done: impl Fn(&Counts) -> bool) -> std::result::Result<(), u64> {
        self.wait_until(timeout, true, done).map(drop).map_err(|c| c.in_flight - c.delivering.min(c.in_flight))
    }

    /// Waits up to `timeout` until `done` holds, driving the channel meanwhile when `drive` (waits for an outcome;
    /// a wait for room does not: the runtime's task keeps settling in parallel while this thread publishes).
    fn wait_until(
        &self,
        timeout: Duration,
        drive: bool,
        done: impl Fn(&Counts) -> bool,
    ) -> std::result::Result<MutexGuard<'_, State>, Counts> {
        // the window's lock is a leaf: never held while the driver runs (the driver's own lock is held while it
        // settles into this window, so holding both the other way round deadlocks)
        let deadline = Instant::now().checked_add(timeout);
        let driver = self.driver.get().and_then(|d| d.upgrade());
        let finished = || done(&self.lock().counts);
        if let Some(driver) = driver.as_ref().filter(|_| !finished()) {
            driver.flush();
        }
        if let Some(driver) = driver.filter(|d| !finished() && (drive || d.drives_for_room()) && d.begin()) {
            let driven = self.drive_until(driver.as_ref(), deadline, &done);
            driver.end();
            driven?;
        }
        let mut state = self.lock();
        while !done(&state.counts) {
            state = self.sleep(state, deadline)?;
        }
        Ok(state)
    }

    /// Sleeps until a settle or a poke wakes this waiter, or `deadline` passes (then the counts, as an error).
    fn sleep<'a>(&'a self, mut state: MutexGuard<'a, State>, deadline: Option<Instant>) -> std::result::Result<MutexGuard<'a, State>, Counts> {
        let left = match deadline {
            Some(d) => d.saturating_duration_since(Instant::now()),
            None => Duration::from_secs(3600),
        };
        if left.is_zero() {
            return Err(state.counts);
        }
        state.waiters += 1;
        state = match self.cond.wait_timeout(state, left) {
            Ok((s, _)) => s,
            Err(poisoned) => poisoned.into_inner().0,
        };
        state.waiters -= 1;
        Ok(state)
    }

    /// Steps the channel on this thread until `done` holds; between steps it blocks on the channel itself when
    /// the driver can (`park`), or sleeps until poked or settled.
    fn drive_until(&self, driver: &dyn Drive, deadline: Option<Instant>, done: &impl Fn(&Counts) -> bool) -> std::result::Result<(), Counts> {
        // a driver that parks waits for the socket before its first read (the answer to what was just written is
        // not there yet), unless there is no time to wait: a zero timeout still reads what has come
        let mut first = driver.parks() && deadline.is_none_or(|d| d > Instant::now());
        loop {
            let seen = self.lock().pokes;
            if !std::mem::take(&mut first) {
                driver.step();
            }
            let parks = driver.parks(); // before the window's lock is taken (see `wait_until`)
            let mut state = self.lock();
            loop {
                if done(&state.counts) {
                    return Ok(());
                }
                if state.pokes != seen {
                    break;
                }
                if parks {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        return Err(state.counts);
                    }
                    drop(state);
                    driver.park(deadline);
                    break;
                }
                state = self.sleep(state, deadline)?;
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn acquire_times_out_when_full_and_succeeds_after_a_settlement() {
        let w = Arc::new(Window::new(Limits { messages: 1, bytes: 1000 }));
        w.acquire(3, Duration::ZERO).unwrap();
        let err = w.acquire(3, Duration::from_millis(10)).unwrap_err();
        assert!(matches!(err, Error::Timeout(m) if m.contains("1 messages, 3 bytes in flight")));
        let w2 = w.clone();
        let t = std::thread::spawn(move || w2.settle_batch(|| vec![(Status::Acked, 3)]));
        w.acquire(5, Duration::from_secs(5)).unwrap();
        t.join().unwrap();
        assert_eq!(w.counts(), Counts { published: 2, acked: 1, in_flight: 1, in_flight_bytes: 5, ..Default::default() });
    }

    #[test]
    fn the_byte_budget_bounds_bodies_in_flight_but_admits_one_large_message_alone() {
        let w = Window::new(Limits { messages: 100, bytes: 10 });
        w.acquire(6, Duration::ZERO).unwrap();
        w.acquire(4, Duration::ZERO).unwrap();
        let err = w.acquire(1, Duration::ZERO).unwrap_err();
        assert!(matches!(err, Error::Timeout(m) if m.contains("10 bytes in flight") && m.contains("max_in_flight_bytes 10")));
        w.settle_batch(|| vec![(Status::Acked, 6), (Status::Acked, 4)]);
        w.acquire(50, Duration::ZERO).unwrap();
        assert!(w.acquire(1, Duration::ZERO).is_err());
        assert_eq!(w.counts().in_flight_bytes, 50);
    }

    #[test]
    fn wait_reports_how_many_are_still_in_flight() {
        let w = Window::new(Limits { messages: 10, bytes: 100 });
        w.acquire(1, Duration::ZERO).unwrap();
        w.acquire(1, Duration::ZERO).unwrap();
        w.settle_batch(|| vec![(Status::Nacked, 1)]);
        assert_eq!(w.wait(Duration::from_millis(5), |c| c.in_flight == 0), Err(1));
        w.settle_batch(|| vec![(Status::Failed, 1)]);
        assert_eq!(w.wait(Duration::ZERO, |c| c.in_flight == 0), Ok(()));
        assert_eq!(w.counts().nacked + w.counts().failed, 2);
    }

    /// A channel stand-in: its first two steps leave the answer to come (another thread pokes, as lapin's I/O thread
    /// wakes the waiter), its third finds the broker's ack; or, without `answers`, the broker never answers.
    struct FakeDrive {
        window: std::sync::Weak<Window>,
        allow: bool,
        answers: bool,
        steps: std::sync::atomic::AtomicU32,
        begun: std::sync::atomic::AtomicU32,
        ended: std::sync::atomic::AtomicU32,
        /// Calls made while the window's lock was held (a deadlock with a driver that settles under its own lock).
        under_lock: std::sync::atomic::AtomicU32,
    }

    impl FakeDrive {
        fn check_lock(&self) {
            if self.window.upgrade().is_some_and(|w| w.state.try_lock().is_err()) {
                self.under_lock.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    }

    impl Drive for FakeDrive {
        fn begin(&self) -> bool {
            self.check_lock();
            self.begun.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.allow
        }
        fn flush(&self) {
            self.check_lock();
        }
        fn parks(&self) -> bool {
            self.check_lock();
            false
        }
        fn step(&self) {
            self.check_lock();
            let Some(w) = self.window.upgrade().filter(|_| self.answers) else { return };
            if self.steps.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 2 {
                w.settle_batch(|| vec![(Status::Acked, 1)]);
            } else {
                std::thread::spawn(move || w.poke());
            }
        }
        fn end(&self) {
            self.check_lock();
            self.ended.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    fn driven(limits: Limits, allow: bool, answers: bool) -> (Arc<Window>, Arc<FakeDrive>) {
        let w = Arc::new(Window::new(limits));
        let d = Arc::new(FakeDrive {
            window: Arc::downgrade(&w),
            allow,
            answers,
            steps: Default::default(),
            begun: Default::default(),
            ended: Default::default(),
            under_lock: Default::default(),
        });
        let weak: std::sync::Weak<dyn Drive> = Arc::downgrade(&d) as std::sync::Weak<dyn Drive>;
        w.set_driver(weak);
        (w, d)
    }

    #[test]
    fn a_waiter_drives_one_step_per_poke_until_its_message_settles() {
        let (w, d) = driven(Limits { messages: 10, bytes: 1000 }, true, true);
        assert!(w.acquire(1, Duration::ZERO).unwrap(), "the first message finds the window empty");
        assert!(!w.acquire(1, Duration::ZERO).unwrap());
        w.wait(Duration::from_secs(30), |c| c.acked == 1).unwrap();
        let load = |a: &std::sync::atomic::AtomicU32| a.load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!((load(&d.begun), load(&d.steps), load(&d.ended)), (1, 3, 1));
        assert_eq!(load(&d.under_lock), 0, "the driver never runs under the window's lock");
    }

    #[test]
    fn a_waiter_that_may_not_drive_waits_for_the_runtime_and_a_timeout_still_ends_driving() {
        let (w, d) = driven(Limits { messages: 10, bytes: 1000 }, false, true);
        w.acquire(1, Duration::ZERO).unwrap();
        let w2 = w.clone();
        let t = std::thread::spawn(move || w2.settle_batch(|| vec![(Status::Acked, 1)]));
        w.wait(Duration::from_secs(30), |c| c.acked == 1).unwrap();
        t.join().unwrap();
        assert_eq!(d.steps.load(std::sync::atomic::Ordering::SeqCst), 0);
        let (w, d) = driven(Limits { messages: 10, bytes: 1000 }, true, false);
        w.acquire(1, Duration::ZERO).unwrap();
        assert_eq!(w.wait(Duration::from_millis(20), |c| c.in_flight == 0), Err(1));
        assert_eq!(d.ended.load(std::sync::atomic::Ordering::SeqCst), 1, "driving ends on a timeout too");
    }
}
