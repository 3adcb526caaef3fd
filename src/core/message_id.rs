//! Generated message ids: unique per process run without a UUID dependency.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new id: process id, the time the process first asked for one (ns) and a counter, in hex.
pub fn next() -> String {
    static START: once_cell::sync::Lazy<u128> = once_cell::sync::Lazy::new(|| {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:x}-{:x}-{:x}", super::pid::current(), *START & 0xffff_ffff_ffff, n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_distinct() {
        let a = super::next();
        let b = super::next();
        assert_ne!(a, b);
        assert!(a.starts_with(&format!("{:x}-", std::process::id())));
    }
}
