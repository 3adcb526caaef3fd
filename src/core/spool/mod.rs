//! The spool: a directory of durable records for the messages `publish()` could not hand to a broker (none
//! answered), delivered later through the normal confirmed path by any publisher that uses the same directory.

pub mod config;
pub mod drainer;
mod held;
pub mod inventory;
pub mod record;
pub mod segment;
mod delivery;

use super::confirmation::Confirmation;
use super::error::{Error, Result};
use super::outcome::Outcome;
use super::sync::lock;
use config::SpoolConfig;
use delivery::Delivery;
use record::Record;
use segment::{EXT, Segment};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The header every message delivered from the spool carries: when it was spooled (AMQP timestamp).
pub const HEADER: &str = "x-amqp-confirm-spooled";
/// The file the dead letters of a spool go to.
pub const DEAD_LETTERS: &str = "dead-letters.spool";

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// Numbers the segments a process makes.
static SERIAL: AtomicU64 = AtomicU64::new(0);

/// What one publisher's spool did, for `stats()`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SpoolCounts {
    /// Messages `publish()` wrote to the spool.
    pub spooled: u64,
    /// Spooled messages (this publisher's or adopted) that the broker acked.
    pub delivered: u64,
    /// Spooled messages that went to the dead letters (nacked, returned, expired).
    pub dead_lettered: u64,
    /// Torn or damaged records found at the end of a segment.
    pub torn: u64,
}

struct State {
    /// This writer's segment, while it has one.
    writer: Option<Segment>,
    /// The segment being delivered.
    delivery: Option<Delivery>,
    /// The segment taken over from a writer that is gone, while it is delivered.
    adopted: Option<Segment>,
    /// Older segments of this writer's key may exist (made by an earlier publisher of this thread).
    older_own: bool,
    /// The directory's size at the last scan, and what this writer appended since.
    scanned_bytes: u64,
    written_since_scan: u64,
    last_sync: Instant,
    counts: SpoolCounts,
    /// Lines for the PHP log (dead letters, torn records), taken on the PHP thread.
    notes: Vec<String>,
}

/// One publisher's side of a spool directory.
pub struct Spool {
    config: SpoolConfig,
    key: String,
    state: Mutex<State>,
    /// Settlements of delivered records, handed over by the pipeline (a leaf lock: the pipeline holds its own).
    settled: Mutex<Vec<(u64, u64, Outcome)>>,
    /// The directory held records when last looked at (read under the pipeline's lock: no lock of its own).
    work: AtomicBool,
    /// The publisher is closed: the segments are let go, and the drainer stops.
    closed: AtomicBool,
    /// Wakes the drainer.
    pub notify: tokio::sync::Notify,
}

impl Spool {
    /// A spool over `config.dir` (created if missing) for the calling thread's writer key.
    pub fn open(config: SpoolConfig) -> Result<Spool> {
        if !config.dir.is_absolute() {
            // every process of a pool must name the same directory, whatever its working directory
            return Err(Error::invalid("spool_dir", format!("must be an absolute path (amqp_confirm.spool_dir or the option), \"{}\" given", config.dir.display())));
        }
        if config.dir.exists() && !config.dir.is_dir() {
            return Err(Error::Spool(format!("spool_dir {} is not a directory", config.dir.display())));
        }
        std::fs::create_dir_all(&config.dir).map_err(|e| config.error("cannot create the spool directory", &e))?;
        // SAFETY: gettid has no preconditions.
        let key = format!("p{}t{}", super::pid::current(), unsafe { libc::gettid() });
        let state = State {
            writer: None,
            delivery: None,
            adopted: None,
            older_own: true,
            scanned_bytes: 0,
            written_since_scan: 0,
            last_sync: Instant::now(),
            counts: SpoolCounts::default(),
            notes: Vec::new(),
        };
        let spool = Spool { config, key, state: Mutex::new(state), settled: Mutex::default(), work: AtomicBool::new(true), closed: AtomicBool::new(false), notify: tokio::sync::Notify::new() };
        spool.rescan(&mut lock(&spool.state));
        Ok(spool)
    }

    /// The settings.
    pub fn config(&self) -> &SpoolConfig {
        &self.config
    }

    /// Whether the directory held records when last looked at (the supervisor keeps reconnecting for them).
    pub fn has_work(&self) -> bool {
        self.work.load(Ordering::Relaxed)
    }

    /// Whether a message published now must go to the spool: the connection has been down `spool_after` (or
    /// `down_for` is `None`... never), or this writer's earlier spooled messages are not all handed to the
    /// broker yet (a message never overtakes those spooled before it).
    pub fn must_spool(&self, down_for: Option<Duration>) -> bool {
        if down_for.is_some_and(|d| d >= self.config.after) {
            return true;
        }
        let st = lock(&self.state);
        st.older_own || st.writer.as_ref().is_some_and(|w| st.delivery.as_ref().is_none_or(|d| !d.is_own() || d.next() < w.len()))
    }

    /// Appends a message to this writer's segment (durable once this returns, under the default policy).
    pub fn append(&self, record: &Record) -> Result<()> {
        let bytes = record.encode();
        let mut st = lock(&self.state);
        let used = st.scanned_bytes + st.written_since_scan;
        if used + bytes.len() as u64 > self.config.max_bytes {
            return Err(Error::Spool(format!(
                "the spool is full: {used} bytes in {} and this message needs {} more (spool_max_bytes {}); the message was not published",
                self.config.dir.display(),
                bytes.len(),
                self.config.max_bytes
            )));
        }
        if st.writer.is_none() {
            let name = format!("{}-{:013}-{:06}{EXT}", self.key, now_ms(), SERIAL.fetch_add(1, Ordering::Relaxed));
            let segment = Segment::create(&self.config.dir, &name).map_err(|e| self.config.error("cannot create a spool segment", &e))?;
            st.writer = Some(segment);
        }
        let sync = self.config.sync_each || st.last_sync.elapsed() >= config::BATCH_SYNC;
        let Some(writer) = st.writer.as_mut() else { return Err(Error::Spool("no spool segment".into())) };
        writer.append(&bytes, sync).map_err(|e| self.config.error("cannot write to the spool (nothing of this message was kept)", &e))?;
        if sync {
            st.last_sync = Instant::now();
        }
        st.written_since_scan += bytes.len() as u64;
        st.counts.spooled += 1;
        self.work.store(true, Ordering::Relaxed);
        drop(st);
        self.notify.notify_one();
        Ok(())
    }

    /// Syncs what the batch policy left unsynced (the drainer does it after `BATCH_SYNC`).
    fn sync_batch(&self, st: &mut State) {
        if st.last_sync.elapsed() >= config::BATCH_SYNC
            && let Some(w) = st.writer.as_ref()
        {
            let _ = w.sync();
            st.last_sync = Instant::now();
        }
    }

    /// The pipeline settled delivered records (called under its lock: only queued here, for the drainer).
    pub fn settled(&self, batch: &[(Arc<Confirmation>, Outcome)]) {
        let mut settled = lock(&self.settled);
        for (c, outcome) in batch {
            if let Some((delivery, offset)) = c.origin() {
                settled.push((delivery, offset, outcome.clone()));
            }
        }
        drop(settled);
        self.notify.notify_one();
    }

    /// The counters.
    pub fn counts(&self) -> SpoolCounts {
        lock(&self.state).counts
    }

    /// Takes the lines to log (dead letters, torn records).
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut lock(&self.state).notes)
    }

    /// Lets the segments go at once (their locks with them) when the publisher closes, so that another
    /// publisher can deliver what is left without waiting for this one's tasks to end.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        let mut st = lock(&self.state);
        if let Some(w) = st.writer.as_ref() {
            let _ = w.sync();
        }
        st.delivery = None;
        st.writer = None;
        st.adopted = None;
        drop(st);
        self.notify.notify_one();
    }

    /// Whether the publisher closed.
    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }

    /// Looks at the directory (its size, whether it holds records, whether older segments of this key exist) and
    /// returns its segments, oldest first within each writer; None when it cannot be read.
    fn rescan(&self, st: &mut State) -> Option<Vec<inventory::Entry>> {
        let list = inventory::segments(&self.config.dir).ok()?;
        let own = st.writer.as_ref().map(|w| w.path().to_path_buf());
        st.scanned_bytes = list.iter().map(|s| s.bytes).sum();
        st.written_since_scan = 0;
        st.older_own = list.iter().any(|s| s.key == self.key && Some(&s.path) != own.as_ref());
        self.work.store(!list.is_empty(), Ordering::Relaxed);
        Some(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(name: &str, max_bytes: u64) -> SpoolConfig {
        let dir = std::env::temp_dir().join(format!("amqp-confirm-spool-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        SpoolConfig { max_bytes, ..SpoolConfig::new(dir) }
    }

    fn record(id: &str) -> Record {
        Record { spooled_at_ms: now_ms(), message_id: id.into(), exchange: String::new(), routing_key: "q".into(), mandatory: true, properties: vec![0, 0], body: vec![7; 100], reason: None }
    }

    #[test]
    fn a_writer_spools_while_down_and_keeps_spooling_until_its_records_are_handed_over() {
        let spool = Spool::open(config("order", 1 << 20)).unwrap();
        assert!(!spool.must_spool(None), "connected, nothing spooled: publish directly");
        assert!(spool.must_spool(Some(Duration::ZERO)), "down (spool_after 0): spool");
        spool.append(&record("a")).unwrap();
        assert!(spool.must_spool(None), "connected again, but a spooled message waits: spool behind it");
        assert_eq!(spool.counts().spooled, 1);
        assert!(spool.has_work());
        let listed = inventory::messages(&spool.config().dir, 10).unwrap();
        assert_eq!(listed.iter().map(|l| l.record.message_id.as_str()).collect::<Vec<_>>(), ["a"]);
        let _ = std::fs::remove_dir_all(&spool.config().dir);
    }

    #[test]
    fn a_full_spool_refuses_the_message_and_keeps_what_it_holds() {
        let spool = Spool::open(config("full", 300)).unwrap();
        spool.append(&record("a")).unwrap();
        spool.append(&record("b")).unwrap();
        let err = spool.append(&record("c")).unwrap_err();
        assert!(matches!(&err, Error::Spool(m) if m.contains("the spool is full") && m.contains("spool_max_bytes 300")), "{err}");
        let ids: Vec<String> = inventory::messages(&spool.config().dir, 10).unwrap().into_iter().map(|l| l.record.message_id).collect();
        assert_eq!(ids, ["a", "b"]);
        spool.close();
        let summary = inventory::summarize(&spool.config().dir).unwrap();
        assert_eq!((summary.segments, summary.records, summary.held), (1, 2, 0), "closed: the segment is free for another publisher");
        let _ = std::fs::remove_dir_all(&spool.config().dir);
    }
}
