//! The spool's settings.

use super::super::error::Error;
use std::path::PathBuf;
use std::time::Duration;

/// Under the `batch` policy, how long an append may stay unsynced at most.
pub const BATCH_SYNC: Duration = Duration::from_millis(50);
/// The default bound on the spool directory's size: 1 GiB.
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;
/// How many times the broker may nack one spooled message before it is dead-lettered (RabbitMQ nacks while a
/// quorum queue elects its leader: a nack is not final until it repeats).
pub const NACK_ATTEMPTS: u32 = 10;
/// The default age after which a spooled message is dead-lettered instead of delivered: 7 days.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

/// Where and how a publisher spools.
#[derive(Debug, Clone, PartialEq)]
pub struct SpoolConfig {
    /// The directory (shared by every publisher that spools there).
    pub dir: PathBuf,
    /// How long the connection must have been down before `publish()` spools (0: at once).
    pub after: Duration,
    /// The most bytes the directory's segments may hold.
    pub max_bytes: u64,
    /// Older spooled messages are dead-lettered, not delivered.
    pub max_age: Duration,
    /// Sync each append before `publish()` returns (`always`), or at most every `BATCH_SYNC` (`batch`).
    pub sync_each: bool,
    /// First and longest pause before a nacked spooled message goes out again (the publisher's reconnect backoff).
    pub backoff: (Duration, Duration),
}

impl SpoolConfig {
    /// Settings for `dir` with the defaults.
    pub fn new(dir: PathBuf) -> SpoolConfig {
        let backoff = (Duration::from_millis(100), Duration::from_secs(5));
        SpoolConfig { dir, after: Duration::ZERO, max_bytes: DEFAULT_MAX_BYTES, max_age: DEFAULT_MAX_AGE, sync_each: true, backoff }
    }

    /// The pause before a message nacked `nacks` times goes out again: the backoff doubled each time, capped.
    pub fn pause(&self, nacks: u32) -> Duration {
        let (initial, max) = self.backoff;
        initial.saturating_mul(1u32 << nacks.saturating_sub(1).min(16)).min(max)
    }

    /// A spool error naming the directory and the system's reason.
    pub fn error(&self, what: &str, e: &std::io::Error) -> Error {
        Error::Spool(format!("{what} in {}: {e}", self.dir.display()))
    }
}
