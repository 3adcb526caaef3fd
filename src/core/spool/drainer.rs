//! The drainer: one runtime task per spooling publisher. While the publisher is connected it takes a segment
//! (its own first, else one whose writer is gone), hands its records to the pipeline in order, and settles
//! them: delivered records leave the segment's prefix, nacked, returned or expired ones go to the dead letters.

use super::super::confirmation::Confirmation;
use super::super::engine::pipeline::Pipeline;
use super::super::outcome::Outcome;
use super::super::runtime;
use super::super::sync::lock;
use super::super::window::Window;
use super::delivery::{Delivery, Fate};
use super::inventory;
use super::record::Read;
use super::segment::{self, Segment};
use super::{DEAD_LETTERS, Spool, State, now_ms};
use std::sync::Arc;
use std::time::Duration;

/// Records handed over per step at most.
const BATCH: usize = 512;
/// How often an idle drainer looks at the directory for segments left by writers that are gone.
const IDLE: Duration = Duration::from_millis(250);

/// Starts the drainer of `spool` for the publisher of `pipeline`; it ends when the publisher closes.
pub fn start(spool: Arc<Spool>, pipeline: Arc<Pipeline>, window: Arc<Window>) -> super::super::error::Result<()> {
    let handle = runtime::handle()?;
    handle.spawn(async move {
        loop {
            if pipeline.is_closing() || spool.is_closed() {
                break;
            }
            let (s, p, w) = (spool.clone(), pipeline.clone(), window.clone());
            let busy = tokio::task::spawn_blocking(move || s.step(&p, &w)).await.unwrap_or(false);
            let pause = if busy { Duration::from_millis(2) } else { IDLE };
            tokio::select! {
                _ = spool.notify.notified() => {}
                _ = tokio::time::sleep(pause) => {}
            }
        }
    });
    Ok(())
}

impl Spool {
    /// One round: settles what the broker answered, finishes a delivered segment, takes a segment when none
    /// is being delivered, and hands records over while the window has room. Returns whether more is ready.
    fn step(&self, pipeline: &Pipeline, window: &Arc<Window>) -> bool {
        let mut st = lock(&self.state);
        if self.is_closed() {
            return false;
        }
        self.sync_batch(&mut st);
        self.apply_settled(&mut st);
        self.finish(&mut st);
        if !pipeline.is_connected() {
            return false;
        }
        if st.delivery.is_none() {
            self.pick(&mut st);
        }
        self.hand_over(&mut st, pipeline, window)
    }

    /// Applies the settlements the pipeline queued; dead letters are written (synced) before they count.
    fn apply_settled(&self, st: &mut State) {
        let settled = std::mem::take(&mut *lock(&self.settled));
        let Some(d) = st.delivery.as_mut() else { return };
        for (id, offset, outcome) in settled {
            if id != d.id {
                continue;
            }
            let attempts = super::config::NACK_ATTEMPTS;
            if d.settle(offset, &outcome, attempts, |n| self.config.pause(n)) == Fate::Delivered {
                st.counts.delivered += 1;
            }
        }
        self.bury(st);
        if let Some(d) = st.delivery.as_mut() {
            d.take_rewind();
        }
    }

    /// Writes the records to dead-letter to the dead letters, with their reasons.
    fn bury(&self, st: &mut State) {
        let State { delivery, writer, adopted, counts, notes, .. } = st;
        let Some(d) = delivery.as_mut() else { return };
        let seg = if d.is_own() { writer.as_ref() } else { adopted.as_ref() };
        for (offset, end, reason) in d.dead.clone() {
            let Some(Ok(Read::Record(mut record, _))) = seg.map(|s| s.read(offset)) else { continue };
            let shown = format!("spooled message {} (exchange '{}', routing key '{}')", record.message_id, record.exchange, record.routing_key);
            record.reason = Some(reason.clone());
            let path = self.config.dir.join(DEAD_LETTERS);
            match segment::append_shared(&path, &record.encode()) {
                Ok(()) => {
                    d.buried(offset, end);
                    counts.dead_lettered += 1;
                    notes.push(format!("{shown} was not delivered: {reason}; it was moved to the dead letters ({})", path.display()));
                }
                Err(e) => notes.push(format!("{shown} was not delivered ({reason}) and cannot be written to the dead letters ({}): {e}; it stays in the spool", path.display())),
            }
        }
    }

    /// Keeps the delivered prefix on disk, and removes a segment once every record of it is settled for good
    /// (one with a torn end is set aside as `.torn`, for a person to look at).
    fn finish(&self, st: &mut State) {
        let Some(d) = st.delivery.as_mut() else { return };
        let moved = d.advance();
        let seg = if d.is_own() { st.writer.as_ref() } else { st.adopted.as_ref() };
        let Some(seg) = seg else {
            st.delivery = None;
            return;
        };
        if moved {
            let _ = seg.set_done(d.prefix);
        }
        if !d.complete(seg.len()) {
            return;
        }
        let Some(d) = st.delivery.take() else { return };
        let torn = d.torn.clone();
        let seg = if d.is_own() { st.writer.take() } else { st.adopted.take() };
        if let Some(seg) = seg {
            let shown = seg.path().display().to_string();
            match torn {
                Some((at, why)) => {
                    st.counts.torn += 1;
                    let aside = seg.set_aside("torn").map(|p| p.display().to_string()).unwrap_or(shown.clone());
                    st.notes.push(format!("the spool segment {shown} ends in a torn record at byte {at} ({why}): every record before it was delivered; the segment was kept as {aside}"));
                }
                None => {
                    let _ = seg.remove();
                }
            }
        }
        self.rescan(st);
    }

    /// Takes the next segment to deliver: this writer's key first (oldest first: its order is kept), then the
    /// oldest segment of each writer that is gone. A segment someone else holds is left to them.
    fn pick(&self, st: &mut State) {
        let Some(list) = self.rescan(st) else { return };
        let own = st.writer.as_ref().map(|w| w.path().to_path_buf());
        let mut seen = std::collections::HashSet::new();
        let mut candidates: Vec<&inventory::Entry> = list.iter().filter(|e| seen.insert(e.key.clone())).collect();
        candidates.sort_by_key(|e| e.key != self.key);
        for entry in candidates {
            if Some(&entry.path) == own.as_ref() {
                st.delivery = Some(Delivery::new(true, 0));
                return;
            }
            if let Ok(Some(seg)) = Segment::adopt(&entry.path) {
                st.delivery = Some(Delivery::new(false, seg.done()));
                st.adopted = Some(seg);
                return;
            }
        }
    }

    /// Hands records of the segment being delivered to the pipeline while the window has room; returns
    /// whether it stopped for room (more is ready).
    fn hand_over(&self, st: &mut State, pipeline: &Pipeline, window: &Arc<Window>) -> bool {
        let State { delivery, writer, adopted, .. } = st;
        let Some(d) = delivery.as_mut() else { return false };
        let seg = if d.is_own() { writer.as_ref() } else { adopted.as_ref() };
        let Some(seg) = seg else { return false };
        let max_age = self.config.max_age.as_millis() as u64;
        if d.paused_until.is_some_and(|t| t > std::time::Instant::now()) {
            return false; // nacked: a pause before it goes out again
        }
        d.paused_until = None;
        for _ in 0..BATCH {
            let at = d.next();
            if at >= seg.len() || d.torn.as_ref().is_some_and(|t| at >= t.0) {
                return false;
            }
            let (record, n) = match seg.read(at) {
                Ok(Read::Record(r, n)) => (r, n as u64),
                Ok(Read::End) => return false,
                Ok(Read::Torn(why)) => {
                    d.torn = Some((at, why));
                    return false;
                }
                Err(_) => return false,
            };
            if d.is_finished(at) {
                d.passed(at, at + n, false);
                continue;
            }
            let age = now_ms().saturating_sub(record.spooled_at_ms);
            if age > max_age {
                d.passed(at, at + n, true);
                let reason = format!("expired in the spool: spooled {:.0} s ago, more than spool_max_age ({} s)", age as f64 / 1000.0, self.config.max_age.as_secs());
                d.settle(at, &Outcome::Nacked, 1, |_| Duration::ZERO);
                if let Some(dead) = d.dead.last_mut() {
                    dead.2 = reason;
                }
                continue;
            }
            let Some(idle) = window.try_acquire(record.body.len() as u64) else { return true };
            let confirmation = Arc::new(Confirmation::delivering(&record, window.clone(), (d.id, at)));
            if pipeline.publish_record(&record, confirmation, idle).is_err() {
                return false;
            }
            d.passed(at, at + n, true);
        }
        true
    }
}
