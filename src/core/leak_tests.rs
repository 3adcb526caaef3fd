//! Leak tests by counting: a test-only global allocator counts, per thread, the blocks allocated and not yet
//! freed; the outbox (the unconfirmed store) and settlement must hold exactly as many blocks after many
//! rounds of messages as after the first (capacity grows once, then is reused).

use super::confirmation::Confirmation;
use super::ledger::{Ledger, Which};
use super::outcome::Outcome;
use super::wire::outbox::Outbox;
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

#[test]
fn the_outbox_holds_no_more_blocks_after_many_rounds_than_after_the_first() {
    let mut outbox: Outbox<Arc<u64>> = Outbox::default();
    let marks = blocks_after_rounds(6, || {
        for i in 0..5000u64 {
            let pushed = outbox.push(Arc::new(i), |buf: &mut Vec<u8>, _: &mut _| -> Result<(), ()> {
                buf.extend_from_slice(&i.to_be_bytes());
                Ok(())
            });
            assert!(pushed.is_ok());
        }
        let len = outbox.unwritten().len();
        outbox.wrote(len);
        let mut settled = 0;
        for tag in (outbox.next_tag() - 5000..outbox.next_tag()).step_by(7) {
            outbox.settle(tag, tag % 2 == 0, |_, _, _| settled += 1);
        }
        outbox.settle(outbox.next_tag() - 1, true, |_, _, _| settled += 1);
        assert_eq!(settled, 5000);
        assert_eq!(outbox.unsettled(), 0);
    });
    assert!(marks[1..].iter().all(|m| *m == marks[1]), "blocks after each round: {marks:?}");
}

#[test]
fn settling_many_handles_holds_no_more_blocks_than_after_the_first_round() {
    let window = Arc::new(Window::new(Limits { messages: 10_000, bytes: 1 << 30 }));
    let ledger = Ledger::default();
    let marks = blocks_after_rounds(6, || {
        let batch: Vec<(Arc<Confirmation>, Outcome)> = (0..5000)
            .map(|i| {
                window.acquire(100, Duration::ZERO).expect("room in the window");
                let c = Confirmation::new(format!("m{i}"), Arc::from("x"), Arc::from("rk"), 100, window.clone());
                (Arc::new(c), if i % 2 == 0 { Outcome::Acked } else { Outcome::Nacked })
            })
            .collect();
        for (c, _) in &batch {
            ledger.accepted(c);
        }
        ledger.settle(&window, batch);
        assert_eq!(ledger.take_unobserved(Which::All).len(), 2500, "the nacks, handed over to be logged");
    });
    assert!(marks[1..].iter().all(|m| *m == marks[1]), "blocks after each round: {marks:?}");
    assert_eq!(window.counts().in_flight, 0);
    assert_eq!(window.counts().in_flight_bytes, 0);
}
