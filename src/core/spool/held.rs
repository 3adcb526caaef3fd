//! The descriptors of the segments this process holds locked: a forked child closes its copies at once (in a
//! `pthread_atfork` handler), so that a child never keeps its parent's segments locked after the parent is gone.
//! Closing a copy leaves the parent's lock alone (`flock` locks belong to the open file, not to a descriptor).

use std::os::fd::RawFd;
use std::sync::Once;
use std::sync::atomic::{AtomicI32, Ordering};

/// At most this many held segments are tracked (two per spooling publisher).
const SLOTS: usize = 256;

static HELD: [AtomicI32; SLOTS] = [const { AtomicI32::new(-1) }; SLOTS];
static HOOK: Once = Once::new();

/// Records a descriptor whose lock this process holds.
pub fn hold(fd: RawFd) {
    HOOK.call_once(|| {
        // SAFETY: registers a handler that only runs in a forked child.
        unsafe { libc::pthread_atfork(None, None, Some(in_child)) };
    });
    for slot in &HELD {
        if slot.compare_exchange(-1, fd, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            return;
        }
    }
}

/// Forgets a descriptor (its segment is closed, or removed).
pub fn release(fd: RawFd) {
    for slot in &HELD {
        if slot.compare_exchange(fd, -1, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            return;
        }
    }
}

/// In a forked child: closes the copies of the held descriptors (no lock is taken: async-signal-safe).
extern "C" fn in_child() {
    for slot in &HELD {
        let fd = slot.swap(-1, Ordering::AcqRel);
        if fd >= 0 {
            // SAFETY: a descriptor inherited from the parent; nothing in the child uses it (the parent's
            // publishers are never used or dropped by a child: see `Publisher::ensure_process`).
            unsafe { libc::close(fd) };
        }
    }
}
