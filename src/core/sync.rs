//! Locking that survives a poisoned mutex: a panic on one thread must never make a publisher unusable.

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, taking the data even if another thread panicked while holding it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
