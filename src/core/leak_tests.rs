//! Leak tests by counting: a test-only global allocator counts, per thread, the blocks allocated and not yet
//! freed; the bookkeeping of confirm tracking and settlement must hold exactly as many blocks after many
//! rounds of messages as after the first (capacity grows once, then is reused).

use super::confirmation::{settle_all, Confirmation};
use super::outcome::Outcome;
use super::tracker::{Return, Tracker};
use super::window::{Limits, Window};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Arc;
use std::time::Duration;

struct Counting;

thread_local! {
    static LIVE_BLOCKS: Cell<i64> = const { Cell::new(0) };
}

fn add(n: i64) {
    // try_with: the counter may be gone while the thread is being torn down
    let _ = LIVE_BLOCKS.try_with(|c| c.set(c.get() + n));
}

// SAFETY: every call is forwarded to the system allocator unchanged; only a thread-local counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(1);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-1);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_blocks() -> i64 {
    LIVE_BLOCKS.with(Cell::get)
}

/// Blocks held after each of `rounds` runs of `round` (the first run warms capacity up).
fn blocks_after_rounds(rounds: usize, mut round: impl FnMut()) -> Vec<i64> {
    (0..rounds)
        .map(|_| {
            round();
            live_blocks()
        })
        .collect()
}

impl super::tracker::Returnable for Arc<u64> {
    fn is_returned_by(&self, ret: &Return) -> bool {
        ret.message_id.as_deref().and_then(|id| id.strip_prefix('m')).and_then(|n| n.parse::<u64>().ok()) == Some(**self)
    }
}

#[test]
fn tracking_many_messages_holds_no_more_blocks_than_after_the_first_round() {
    let mut tracker: Tracker<Arc<u64>> = Tracker::default();
    let mut out = Vec::new();
    let marks = blocks_after_rounds(6, || {
        let tags: Vec<u64> = (0..5000u64).map(|i| tracker.publish(i % 3 == 0, Arc::new(i))).collect();
        for (i, tag) in tags.iter().enumerate() {
            let ret = (i % 9 == 0).then(|| Return {
                message_id: Some(format!("m{i}")),
                exchange: String::new(),
                routing_key: String::new(),
                headers: None,
                code: 312,
                text: "NO_ROUTE".into(),
            });
            tracker.complete(*tag, i % 7 != 0, ret, &mut out);
        }
        tracker.end_scan(&mut out);
        tracker.end_scan(&mut out);
        assert_eq!(out.len(), 5000);
        assert!(tracker.is_empty());
        out.clear();
    });
    assert!(marks[1..].iter().all(|m| *m == marks[1]), "blocks after each round: {marks:?}");
}

#[test]
fn settling_many_handles_holds_no_more_blocks_than_after_the_first_round() {
    let window = Arc::new(Window::new(Limits { messages: 10_000, bytes: 1 << 30 }));
    let marks = blocks_after_rounds(6, || {
        let batch: Vec<(Arc<Confirmation>, Outcome)> = (0..5000)
            .map(|i| {
                window.acquire(100, Duration::ZERO).expect("room in the window");
                let c = Confirmation::new(format!("m{i}"), Arc::from("x"), Arc::from("rk"), 100, window.clone());
                (Arc::new(c), if i % 2 == 0 { Outcome::Acked } else { Outcome::Nacked })
            })
            .collect();
        settle_all(&window, batch);
    });
    assert!(marks[1..].iter().all(|m| *m == marks[1]), "blocks after each round: {marks:?}");
    assert_eq!(window.counts().in_flight, 0);
    assert_eq!(window.counts().in_flight_bytes, 0);
}
