//! Publishers kept for the life of the process (`persistent => true`), keyed by URI and options, so that a
//! php-fpm worker reuses its connection, channel and confirm mode across requests.

use super::config::Config;
use super::error::Result;
use super::publisher::Publisher;
use super::sync;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// A publisher shared between the PHP objects that asked for the same persistent connection.
pub type Shared = Arc<Mutex<Publisher>>;

static REGISTRY: Mutex<Option<HashMap<String, Shared>>> = Mutex::new(None);

fn registry() -> MutexGuard<'static, Option<HashMap<String, Shared>>> {
    sync::lock(&REGISTRY)
}

/// Locks a shared publisher (a panic elsewhere never makes it unusable).
pub fn lock(shared: &Shared) -> MutexGuard<'_, Publisher> {
    sync::lock(shared)
}

/// The persistent publisher for this config, connecting it the first time (or after it was closed).
pub fn get_or_connect(config: Config) -> Result<Shared> {
    let key = format!("{config:?}");
    if let Some(shared) = registry().as_ref().and_then(|r| r.get(&key)).cloned() {
        if !lock(&shared).is_closed() {
            return Ok(shared);
        }
    }
    let shared = Arc::new(Mutex::new(Publisher::connect(config)?));
    registry().get_or_insert_with(HashMap::new).insert(key, shared.clone());
    Ok(shared)
}

/// How many PHP objects (and the registry) share this publisher now: the registry counts as one while it keeps it.
pub fn sharers(shared: &Shared) -> usize {
    let kept = registry().as_ref().is_some_and(|r| r.values().any(|s| Arc::ptr_eq(s, shared)));
    Arc::strong_count(shared) - usize::from(kept)
}

/// Every persistent publisher of this process.
pub fn all() -> Vec<Shared> {
    registry().as_ref().map(|r| r.values().cloned().collect()).unwrap_or_default()
}

/// Removes every persistent publisher (process shutdown) and returns them.
pub fn take_all() -> Vec<Shared> {
    registry().take().map(|r| r.into_values().collect()).unwrap_or_default()
}
