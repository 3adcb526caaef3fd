//! One publisher's book of messages: those not yet settled (so a drain can name them without asking the
//! pipeline, which may be busy reconnecting) and the settled failures that no code has looked at yet (so
//! they are logged, never dropped silently).

use super::confirmation::Confirmation;
use super::feed::Feed;
use super::outcome::Outcome;
use super::sync::lock;
use super::window::Window;
use super::ptr_map::AddressMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};

#[derive(Default)]
struct Book {
    unsettled: AddressMap<Weak<Confirmation>>,
    unobserved: Vec<Arc<Confirmation>>,
}

/// Which unobserved failures [`Ledger::take_unobserved`] hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Every one (the publisher ends).
    All,
    /// Only those whose every handle is gone: no code can look at them any more.
    Orphans,
}

/// Shared by the publisher (PHP thread) and its pipeline (which settles).
#[derive(Default)]
pub struct Ledger {
    book: Mutex<Book>,
    has_unobserved: AtomicBool,
    feed: Feed,
}

fn key(c: &Arc<Confirmation>) -> usize {
    Arc::as_ptr(c) as usize
}

impl Ledger {
    /// Records a message accepted for publishing.
    pub fn accepted(&self, c: &Arc<Confirmation>) {
        lock(&self.book).unsettled.insert(key(c), Arc::downgrade(c));
    }

    /// Settles a batch (see [`settle_all`]) and books it: off the unsettled list, and every outcome but an
    /// ack onto the unobserved list until some code looks at it or it is logged.
    pub fn settle(&self, window: &Window, settled: Vec<(Arc<Confirmation>, Outcome)>) {
        if settled.is_empty() {
            return;
        }
        {
            let mut book = lock(&self.book);
            for (c, outcome) in &settled {
                book.unsettled.remove(&key(c));
                if *outcome != Outcome::Acked && c.outcome().is_none() {
                    book.unobserved.push(c.clone());
                    self.has_unobserved.store(true, Ordering::Relaxed);
                }
            }
        }
        settle_all(window, &self.feed, settled);
    }

    /// The settled-handle feed for event loops.
    pub fn feed(&self) -> &Feed {
        &self.feed
    }

    /// The messages not settled yet, in publish order.
    pub fn unsettled(&self) -> Vec<Arc<Confirmation>> {
        let mut list: Vec<Arc<Confirmation>> = lock(&self.book).unsettled.values().filter_map(Weak::upgrade).collect();
        list.sort_by_key(|c| c.sequence());
        list
    }

    /// Takes the failed, nacked and returned messages that no code has looked at (see [`Which`]), in publish
    /// order; those looked at meanwhile are dropped from the list.
    pub fn take_unobserved(&self, which: Which) -> Vec<Arc<Confirmation>> {
        if !self.has_unobserved.load(Ordering::Relaxed) {
            return Vec::new();
        }
        let mut book = lock(&self.book);
        let (mut taken, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut book.unobserved)
            .into_iter()
            .filter(|c| !c.is_observed())
            .partition(|c| which == Which::All || Arc::strong_count(c) == 1);
        self.has_unobserved.store(!kept.is_empty(), Ordering::Relaxed);
        book.unobserved = kept;
        taken.sort_by_key(|c| c.sequence());
        taken.dedup_by_key(|c| key(c));
        taken
    }
}

/// Settles a batch of confirmations at once, as their window's waiters see it, counts them, and hands them to
/// the settled feed when an event loop watches it (in the same step: whatever a waiter sees settled can be
/// collected).
fn settle_all(window: &Window, feed: &Feed, settled: Vec<(Arc<Confirmation>, Outcome)>) {
    let watched = feed.is_enabled();
    window.settle_batch(|| {
        let mut newly = Vec::new();
        let statuses = settled
            .into_iter()
            .filter_map(|(c, outcome)| {
                let status = outcome.status();
                let size = c.size();
                if !c.settle(outcome) {
                    return None;
                }
                if watched {
                    newly.push(c);
                }
                Some((status, size))
            })
            .collect();
        feed.push(newly);
        statuses
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cause::Cause;
    use crate::core::window::Limits;
    use std::time::Duration;

    fn accept(window: &Arc<Window>, ledger: &Ledger, id: &str) -> Arc<Confirmation> {
        window.acquire(1, Duration::ZERO).expect("room");
        let c = Arc::new(Confirmation::new(id.into(), Arc::from("x"), Arc::from("rk"), 1, window.clone()));
        ledger.accepted(&c);
        c
    }

    #[test]
    fn unsettled_messages_are_listed_in_publish_order_until_settled() {
        let window = Arc::new(Window::new(Limits { messages: 10, bytes: 100 }));
        let ledger = Ledger::default();
        let a = accept(&window, &ledger, "a");
        let b = accept(&window, &ledger, "b");
        let ids = |l: Vec<Arc<Confirmation>>| l.iter().map(|c| c.message_id().to_string()).collect::<Vec<_>>();
        assert_eq!(ids(ledger.unsettled()), ["a", "b"]);
        ledger.settle(&window, vec![(a, Outcome::Acked)]);
        assert_eq!(ids(ledger.unsettled()), ["b"]);
        drop(b);
        assert!(ledger.unsettled().is_empty(), "a handle nobody holds is not listed");
    }

    #[test]
    fn failures_nobody_looked_at_are_handed_over_once_and_acks_never() {
        let window = Arc::new(Window::new(Limits { messages: 10, bytes: 100 }));
        let ledger = Ledger::default();
        let acked = accept(&window, &ledger, "acked");
        let seen = accept(&window, &ledger, "seen");
        let kept = accept(&window, &ledger, "kept");
        let orphan = accept(&window, &ledger, "orphan");
        let returned = Outcome::Returned { code: 312, text: "NO_ROUTE".into() };
        ledger.settle(&window, vec![(acked, Outcome::Acked), (seen.clone(), Outcome::Nacked)]);
        ledger.settle(&window, vec![(kept.clone(), returned), (orphan, Outcome::Failed(Cause::other("lost")))]);
        seen.observe();
        let orphans = ledger.take_unobserved(Which::Orphans);
        assert_eq!(orphans.iter().map(|c| c.message_id()).collect::<Vec<_>>(), ["orphan"]);
        let all = ledger.take_unobserved(Which::All);
        assert_eq!(all.iter().map(|c| c.message_id()).collect::<Vec<_>>(), ["kept"]);
        assert!(ledger.take_unobserved(Which::All).is_empty());
    }
}
