//! The settled-handle feed for event loops: an eventfd that is readable exactly while handles settled since the
//! last collection are waiting, and those handles in the order they settled. Off until a caller asks for it
//! (`enable`): a publisher that never does pays one atomic load per settled batch.

use super::confirmation::Confirmation;
use super::error::{Error, Result};
use super::sync::lock;
use std::collections::VecDeque;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct State {
    fd: Option<OwnedFd>,
    queue: VecDeque<Arc<Confirmation>>,
}

/// One publisher's feed.
#[derive(Default)]
pub struct Feed {
    enabled: AtomicBool,
    state: Mutex<State>,
}

fn signal(fd: &OwnedFd) {
    let one: u64 = 1;
    // SAFETY: writes 8 bytes from a local to an eventfd this feed owns; a full counter only means "readable".
    let _ = unsafe { libc::write(fd.as_raw_fd(), (&raw const one).cast(), 8) };
}

fn clear(fd: &OwnedFd) {
    let mut value: u64 = 0;
    // SAFETY: reads 8 bytes into a local from a non-blocking eventfd this feed owns (EAGAIN when already clear).
    let _ = unsafe { libc::read(fd.as_raw_fd(), (&raw mut value).cast(), 8) };
}

impl Feed {
    /// Turns the feed on (once) and returns its eventfd, which stays owned by the feed.
    pub fn enable(&self) -> Result<RawFd> {
        let mut state = lock(&self.state);
        if let Some(fd) = &state.fd {
            return Ok(fd.as_raw_fd());
        }
        // SAFETY: creates a new descriptor, owned below.
        let raw = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if raw < 0 {
            return Err(Error::Connection(format!("cannot create the settled stream: {}", std::io::Error::last_os_error())));
        }
        // SAFETY: `raw` is a fresh descriptor nobody else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        let raw = fd.as_raw_fd();
        state.fd = Some(fd);
        self.enabled.store(true, Ordering::Release);
        Ok(raw)
    }

    /// Whether `enable` was called.
    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::Acquire)
    }

    /// Appends handles that just settled (in settlement order) and makes the eventfd readable.
    pub fn push(&self, settled: impl IntoIterator<Item = Arc<Confirmation>>) {
        if !self.is_enabled() {
            return;
        }
        let mut state = lock(&self.state);
        let was_empty = state.queue.is_empty();
        state.queue.extend(settled);
        if was_empty && !state.queue.is_empty() {
            if let Some(fd) = &state.fd {
                signal(fd);
            }
        }
    }

    /// Takes up to `max` handles (all when `None`) in the order they settled; the eventfd stays readable only
    /// while handles remain, so a level-triggered loop neither spins nor misses one.
    pub fn collect(&self, max: Option<usize>) -> Vec<Arc<Confirmation>> {
        let mut state = lock(&self.state);
        let n = max.unwrap_or(usize::MAX).min(state.queue.len());
        let taken: Vec<_> = state.queue.drain(..n).collect();
        if state.queue.is_empty() {
            if let Some(fd) = &state.fd {
                clear(fd);
            }
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::window::{Limits, Window};

    fn readable(fd: RawFd) -> bool {
        let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: polls one descriptor without waiting.
        unsafe { libc::poll(&mut p, 1, 0) == 1 }
    }

    fn handle(id: &str, window: &Arc<Window>) -> Arc<Confirmation> {
        Arc::new(Confirmation::new(id.into(), Arc::from(""), Arc::from("rk"), 1, window.clone()))
    }

    #[test]
    fn readable_exactly_while_settled_handles_wait_and_collected_in_settlement_order() {
        let window = Arc::new(Window::new(Limits { messages: 10, bytes: 100 }));
        let feed = Feed::default();
        feed.push(vec![handle("ignored", &window)]);
        let fd = feed.enable().unwrap();
        assert_eq!(feed.enable().unwrap(), fd, "one notifier per feed");
        assert!(!readable(fd));
        assert!(feed.collect(None).is_empty(), "nothing was kept before the feed was enabled");
        feed.push(vec![handle("a", &window), handle("b", &window)]);
        feed.push(vec![handle("c", &window)]);
        assert!(readable(fd));
        let first: Vec<String> = feed.collect(Some(2)).iter().map(|c| c.message_id().to_string()).collect();
        assert_eq!(first, vec!["a", "b"]);
        assert!(readable(fd), "still readable while one remains");
        assert_eq!(feed.collect(None)[0].message_id(), "c");
        assert!(!readable(fd));
        assert!(feed.collect(None).is_empty());
    }
}
