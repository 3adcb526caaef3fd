//! Live-object counters: how many messages, handles, publishers, channel tasks and connections exist now in
//! this process. Tests prove the absence of leaks by reading them before and after a run (they must return to
//! their starting values), never by measuring memory.

use std::sync::atomic::{AtomicI64, Ordering};

/// One kind of object, counted while alive.
pub struct Kind {
    name: &'static str,
    count: AtomicI64,
}

impl Kind {
    const fn new(name: &'static str) -> Self {
        Kind { name, count: AtomicI64::new(0) }
    }

    /// How many are alive now.
    pub fn get(&self) -> i64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// Messages held for publishing or republishing (each keeps its body until settled).
pub static MESSAGES: Kind = Kind::new("messages");
/// Confirmation handles (core side; a PHP `Confirmation` holds one).
pub static CONFIRMATIONS: Kind = Kind::new("confirmations");
/// Core publishers.
pub static PUBLISHERS: Kind = Kind::new("publishers");
/// Channel tasks running on the runtime.
pub static TASKS: Kind = Kind::new("channel_tasks");
/// AMQP connections whose event stream is still open.
pub static CONNECTIONS: Kind = Kind::new("connections");

/// Every kind, in the order `snapshot` reports them.
const ALL: [&Kind; 5] = [&MESSAGES, &CONFIRMATIONS, &PUBLISHERS, &TASKS, &CONNECTIONS];

/// Counts one live object of its kind from creation until drop.
#[derive(Debug)]
pub struct Live(&'static Kind);

impl Live {
    /// Counts a new object of `kind`.
    pub fn new(kind: &'static Kind) -> Self {
        kind.count.fetch_add(1, Ordering::Relaxed);
        Live(kind)
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.0.count.fetch_sub(1, Ordering::Relaxed);
    }
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.name, self.get())
    }
}

/// The name and count of every kind now.
pub fn snapshot() -> Vec<(&'static str, i64)> {
    ALL.iter().map(|k| (k.name, k.get())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guard_counts_while_alive() {
        static K: Kind = Kind::new("k");
        let a = Live::new(&K);
        let b = Live::new(&K);
        assert_eq!(K.get(), 2);
        drop(a);
        drop(b);
        assert_eq!(K.get(), 0);
        assert_eq!(snapshot().len(), 5);
    }
}
