//! Process-wide message totals, for `phpinfo()`.

use std::sync::atomic::{AtomicU64, Ordering};

/// Process-wide message totals: published, acked, nacked, returned, failed.
pub struct Totals([AtomicU64; 5]);

/// The totals of this process.
pub static TOTALS: Totals = Totals([const { AtomicU64::new(0) }; 5]);

impl Totals {
    /// Adds to the counters (same order as [`Totals::get`]).
    pub fn add(&self, published: u64, acked: u64, nacked: u64, returned: u64, failed: u64) {
        for (counter, n) in self.0.iter().zip([published, acked, nacked, returned, failed]) {
            if n > 0 {
                counter.fetch_add(n, Ordering::Relaxed);
            }
        }
    }

    /// published, acked, nacked, returned, failed.
    pub fn get(&self) -> [u64; 5] {
        [0, 1, 2, 3, 4].map(|i| self.0[i].load(Ordering::Relaxed))
    }
}
