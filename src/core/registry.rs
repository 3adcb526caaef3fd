//! The publishers alive in this process, for `phpinfo()`.

use super::engine::pipeline::Pipeline;
use super::sync::lock;
use super::window::Window;
use std::sync::{Arc, Mutex, Weak};

/// What `phpinfo()` shows of one publisher (never the password).
pub struct Entry {
    /// The URI without its password.
    pub shown_uri: String,
    /// The connection name, if one was given.
    pub connection_name: Option<String>,
    pid: u32,
    window: Arc<Window>,
    pipeline: Arc<Pipeline>,
}

impl Entry {
    /// Whether the connection is up.
    pub fn connected(&self) -> bool {
        self.pipeline.is_connected()
    }

    /// The broker's reason while it blocks the connection.
    pub fn blocked(&self) -> Option<String> {
        self.window.blocked()
    }

    /// `host:port` of the node in use (or last used).
    pub fn node(&self) -> String {
        self.window.links().node
    }

    /// The spool directory, when the publisher has one.
    pub fn spool_dir(&self) -> Option<std::path::PathBuf> {
        self.pipeline.connector.config().spool.as_ref().map(|s| s.dir.clone())
    }
}

/// The spool directories of `publishers`, each once.
pub fn spool_dirs(publishers: &[Arc<Entry>]) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = publishers.iter().filter_map(|p| p.spool_dir()).collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

static LIVE: Mutex<Vec<Weak<Entry>>> = Mutex::new(Vec::new());

/// Registers a publisher; it disappears from the list when the returned entry is dropped.
pub fn register(shown_uri: String, connection_name: Option<String>, window: Arc<Window>, pipeline: Arc<Pipeline>) -> Arc<Entry> {
    let entry = Arc::new(Entry { shown_uri, connection_name, pid: super::pid::current(), window, pipeline });
    let mut live = lock(&LIVE);
    live.retain(|w| w.strong_count() > 0);
    live.push(Arc::downgrade(&entry));
    entry
}

/// The publishers alive now in this process (not those a forked child inherited from its parent).
pub fn live() -> Vec<Arc<Entry>> {
    let pid = super::pid::current();
    let live = lock(&LIVE);
    live.iter().filter_map(Weak::upgrade).filter(|e| e.pid == pid).collect()
}
