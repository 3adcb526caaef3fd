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
}

#[derive(Default)]
struct State {
    counts: Counts,
    waiters: usize,
    blocked: Option<String>,
    reconnects: u64,
}

/// The window: bounds messages in flight and wakes waiters when messages settle.
pub struct Window {
    state: Mutex<State>,
    cond: Condvar,
    max_in_flight: u64,
}

impl Window {
    /// A window admitting at most `max_in_flight` unsettled messages.
    pub fn new(max_in_flight: u64) -> Self {
        Window { state: Mutex::new(State::default()), cond: Condvar::new(), max_in_flight }
    }

    /// Takes a place for one message, waiting up to `timeout` for room.
    pub fn acquire(&self, timeout: Duration) -> Result<()> {
        let max = self.max_in_flight;
        let mut state = self.wait_until(timeout, |c| c.in_flight < max).map_err(|in_flight| {
            Error::Timeout(format!(
                "no room to publish within {:.3} s: {in_flight} messages in flight (max_in_flight {max}){}",
                timeout.as_secs_f64(),
                self.timeout_note()
            ))
        })?;
        state.counts.published += 1;
        state.counts.in_flight += 1;
        super::registry::TOTALS.add(1, 0, 0, 0, 0);
        Ok(())
    }

    /// Runs `settle` (which settles handles and returns their statuses) under the window's lock, so a
    /// waiter sees a whole batch settled or none of it; then counts the batch and wakes waiters.
    pub fn settle_batch(&self, settle: impl FnOnce() -> Vec<Status>) {
        let mut state = self.lock();
        let before = state.counts;
        for status in settle() {
            let c = &mut state.counts;
            c.in_flight = c.in_flight.saturating_sub(1);
            match status {
                Status::Acked => c.acked += 1,
                Status::Nacked => c.nacked += 1,
                Status::Returned => c.returned += 1,
                Status::Failed => c.failed += 1,
                Status::Pending => {}
            }
        }
        let c = state.counts;
        super::registry::TOTALS.add(0, c.acked - before.acked, c.nacked - before.nacked, c.returned - before.returned, c.failed - before.failed);
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

    /// Counts a successful reconnection.
    pub fn reconnected(&self) {
        let mut state = self.lock();
        state.reconnects += 1;
        state.blocked = None;
    }

    /// How many times the connection was re-established.
    pub fn reconnects(&self) -> u64 {
        self.lock().reconnects
    }

    /// What a timeout message should add about the connection: why the broker blocks it, if it does.
    pub fn timeout_note(&self) -> String {
        match self.blocked() {
            Some(reason) => format!(" (the broker is blocking publishers: {reason})"),
            None => String::new(),
        }
    }

    /// Waits up to `timeout` until `done` holds; on timeout returns the number still in flight.
    pub fn wait(&self, timeout: Duration, done: impl Fn(&Counts) -> bool) -> std::result::Result<(), u64> {
        self.wait_until(timeout, done).map(drop)
    }

    fn wait_until(
        &self,
        timeout: Duration,
        done: impl Fn(&Counts) -> bool,
    ) -> std::result::Result<MutexGuard<'_, State>, u64> {
        let deadline = Instant::now().checked_add(timeout);
        let mut state = self.lock();
        while !done(&state.counts) {
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::from_secs(3600),
            };
            if left.is_zero() {
                return Err(state.counts.in_flight);
            }
            state.waiters += 1;
            state = match self.cond.wait_timeout(state, left) {
                Ok((s, _)) => s,
                Err(poisoned) => poisoned.into_inner().0,
            };
            state.waiters -= 1;
        }
        Ok(state)
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
        let w = Arc::new(Window::new(1));
        w.acquire(Duration::ZERO).unwrap();
        let err = w.acquire(Duration::from_millis(10)).unwrap_err();
        assert!(matches!(err, Error::Timeout(m) if m.contains("1 messages in flight")));
        let w2 = w.clone();
        let t = std::thread::spawn(move || w2.settle_batch(|| vec![Status::Acked]));
        w.acquire(Duration::from_secs(5)).unwrap();
        t.join().unwrap();
        assert_eq!(w.counts(), Counts { published: 2, acked: 1, in_flight: 1, ..Default::default() });
    }

    #[test]
    fn wait_reports_how_many_are_still_in_flight() {
        let w = Window::new(10);
        w.acquire(Duration::ZERO).unwrap();
        w.acquire(Duration::ZERO).unwrap();
        w.settle_batch(|| vec![Status::Nacked]);
        assert_eq!(w.wait(Duration::from_millis(5), |c| c.in_flight == 0), Err(1));
        w.settle_batch(|| vec![Status::Failed]);
        assert_eq!(w.wait(Duration::ZERO, |c| c.in_flight == 0), Ok(()));
        assert_eq!(w.counts().nacked + w.counts().failed, 2);
    }
}
