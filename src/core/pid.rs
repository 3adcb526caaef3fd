//! This process's id, cached: glibc no longer caches `getpid()`, and the publish path asks for it on every
//! call (fork detection, message ids). A `pthread_atfork` child handler clears the cache, so a forked child
//! (pcntl_fork, php-fpm workers) reads its own id on its next call.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

static PID: AtomicU32 = AtomicU32::new(0);
static AT_FORK: Once = Once::new();

extern "C" fn forgotten_in_child() {
    PID.store(0, Ordering::Relaxed);
}

/// The id of the calling process.
pub fn current() -> u32 {
    let cached = PID.load(Ordering::Relaxed);
    if cached != 0 {
        return cached;
    }
    AT_FORK.call_once(|| {
        // SAFETY: registers a handler that only stores to an atomic; valid for the life of the process.
        unsafe { libc::pthread_atfork(None, None, Some(forgotten_in_child)) };
    });
    let pid = std::process::id();
    PID.store(pid, Ordering::Relaxed);
    pid
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cached_id_is_the_process_id_and_a_forked_child_sees_its_own() {
        assert_eq!(super::current(), std::process::id());
        assert_eq!(super::current(), std::process::id());
        // SAFETY: the child only calls async-signal-safe functions (getpid via current(), write, _exit).
        let child = unsafe { libc::fork() };
        if child == 0 {
            let ok = super::current() == std::process::id() && super::current() != 0;
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        let mut status = 0;
        // SAFETY: waits for the child forked above.
        unsafe { libc::waitpid(child, &mut status, 0) };
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "the child saw its parent's id");
    }
}
