//! Generated message ids: unique per process run without a UUID dependency.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new id: process id, the time the process first asked for one (ns) and a counter, in hex.
pub fn next() -> String {
    static START: once_cell::sync::Lazy<u128> = once_cell::sync::Lazy::new(|| {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    });
    thread_local! {
        /// The id's fixed part and the process it was made in (a forked child makes its own).
        static PREFIX: RefCell<(u32, String)> = const { RefCell::new((0, String::new())) };
    }
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let pid = super::pid::current();
    PREFIX.with(|prefix| {
        let mut prefix = prefix.borrow_mut();
        if prefix.0 != pid || prefix.1.is_empty() {
            let mut fixed = String::new();
            push_hex(&mut fixed, u64::from(pid));
            fixed.push('-');
            push_hex(&mut fixed, (*START & 0xffff_ffff_ffff) as u64);
            fixed.push('-');
            *prefix = (pid, fixed);
        }
        let mut id = String::with_capacity(prefix.1.len() + 16);
        id.push_str(&prefix.1);
        push_hex(&mut id, n);
        id
    })
}

/// Appends `n` in lowercase hex without leading zeros (what `{:x}` writes), without the formatting machinery:
/// this runs on every publish.
fn push_hex(out: &mut String, n: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 16];
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = DIGITS[(rest & 0xf) as usize];
        rest >>= 4;
        if rest == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
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

    #[test]
    fn hex_is_what_format_writes() {
        for n in [0u64, 1, 9, 10, 15, 16, 255, 4096, 0xdead_beef, u64::MAX] {
            let mut s = String::new();
            super::push_hex(&mut s, n);
            assert_eq!(s, format!("{n:x}"));
        }
    }
}
