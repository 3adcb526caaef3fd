//! The delivery of one segment: its records handed to the pipeline in order, each settled, and the prefix of
//! settled records (delivered or dead-lettered) that is kept on disk.

use super::super::outcome::Outcome;
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers deliveries process-wide (a handle names the delivery its record belongs to).
static IDS: AtomicU64 = AtomicU64::new(1);

/// What a settled record became.
#[derive(Debug, PartialEq)]
pub enum Fate {
    /// Delivered.
    Delivered,
    /// To be dead-lettered, with this reason.
    Dead(String),
    /// To be handed again (the connection went before the broker answered).
    Again,
    /// Not of this delivery (or settled already).
    Unknown,
}

/// One segment's delivery.
pub struct Delivery {
    /// Its number.
    pub id: u64,
    /// Whether the segment is this writer's own (it may still grow), or one taken over from a writer that is
    /// gone (the spool holds it, locked).
    own: bool,
    next: u64,
    outstanding: BTreeMap<u64, u64>,
    finished: BTreeMap<u64, u64>,
    /// Every record before this offset is settled for good.
    pub prefix: u64,
    /// Records to dead-letter: offset, end, reason.
    pub dead: Vec<(u64, u64, String)>,
    rewind: bool,
    /// Where a torn end starts, and what is wrong with it.
    pub torn: Option<(u64, String)>,
    /// How many times the broker nacked each record (by offset).
    nacks: HashMap<u64, u32>,
    /// After a nack, nothing is handed over before this time.
    pub paused_until: Option<Instant>,
}

impl Delivery {
    /// A delivery of this writer's segment (`own`) or an adopted one from the offset `done` (what an earlier
    /// delivery finished).
    pub fn new(own: bool, done: u64) -> Delivery {
        let id = IDS.fetch_add(1, Ordering::Relaxed);
        Delivery { id, own, next: done, outstanding: BTreeMap::new(), finished: BTreeMap::new(), prefix: done, dead: Vec::new(), rewind: false, torn: None, nacks: HashMap::new(), paused_until: None }
    }

    /// Whether it is this writer's own segment.
    pub fn is_own(&self) -> bool {
        self.own
    }

    /// The offset of the next record to hand over.
    pub fn next(&self) -> u64 {
        self.next
    }

    /// Whether the record at `offset` is settled for good already (when handing again after a rewind).
    pub fn is_finished(&self, offset: u64) -> bool {
        offset < self.prefix || self.finished.contains_key(&offset) || self.dead.iter().any(|d| d.0 == offset)
    }

    /// The record at `offset`, ending at `end`, went to the pipeline (or is skipped: `handed` false).
    pub fn passed(&mut self, offset: u64, end: u64, handed: bool) {
        if handed {
            self.outstanding.insert(offset, end);
        }
        self.next = end;
    }

    /// Whether handing must start again from the prefix: a record failed and nothing is outstanding now.
    pub fn take_rewind(&mut self) -> bool {
        if self.rewind && self.outstanding.is_empty() {
            self.rewind = false;
            self.next = self.prefix;
            return true;
        }
        false
    }

    /// Records the outcome of the record at `offset`. A nack sends it again after `pause(nacks)`, until it was
    /// nacked `attempts` times (then it is dead).
    pub fn settle(&mut self, offset: u64, outcome: &Outcome, attempts: u32, pause: impl Fn(u32) -> std::time::Duration) -> Fate {
        let Some(end) = self.outstanding.remove(&offset) else { return Fate::Unknown };
        let reason = match outcome {
            Outcome::Acked => {
                self.finished.insert(offset, end);
                return Fate::Delivered;
            }
            Outcome::Nacked => {
                let nacks = self.nacks.entry(offset).or_insert(0);
                *nacks += 1;
                if *nacks < attempts {
                    let until = Instant::now() + pause(*nacks);
                    self.paused_until = Some(self.paused_until.map_or(until, |p| p.max(until)));
                    self.rewind = true;
                    return Fate::Again;
                }
                format!("nacked by the broker ({nacks} times)")
            }
            Outcome::Returned { code, text } => format!("returned by the broker: {code} {text}"),
            Outcome::Failed(cause) if cause.code != 0 => format!("refused by the broker: {} {}", cause.code, cause.text),
            Outcome::Failed(_) | Outcome::Spooled => {
                self.rewind = true;
                return Fate::Again;
            }
        };
        self.dead.push((offset, end, reason.clone()));
        Fate::Dead(reason)
    }

    /// A record was dead-lettered (written to the dead letters): it is settled for good.
    pub fn buried(&mut self, offset: u64, end: u64) {
        self.dead.retain(|d| d.0 != offset);
        self.finished.insert(offset, end);
    }

    /// Moves the prefix over the records settled for good; whether it moved.
    pub fn advance(&mut self) -> bool {
        let before = self.prefix;
        while let Some(end) = self.finished.remove(&self.prefix) {
            self.prefix = end;
        }
        self.prefix != before
    }

    /// Whether every record up to `len` (or up to a torn end) is settled for good.
    pub fn complete(&self, len: u64) -> bool {
        let end = self.torn.as_ref().map_or(len, |t| t.0);
        self.outstanding.is_empty() && self.dead.is_empty() && !self.rewind && self.prefix >= end && self.next >= end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cause::Cause;
    use std::time::Duration;

    fn no_pause(_: u32) -> Duration {
        Duration::ZERO
    }

    #[test]
    fn records_behind_the_prefix_are_never_handed_again_after_a_rewind() {
        let mut d = Delivery::new(true, 0);
        for (o, e) in [(0, 10), (10, 20)] {
            d.passed(o, e, true);
        }
        assert_eq!(d.settle(10, &Outcome::Nacked, 5, no_pause), Fate::Again, "the nack comes before the ack of the first");
        assert_eq!(d.settle(0, &Outcome::Acked, 5, no_pause), Fate::Delivered);
        assert!(d.take_rewind());
        assert!(d.advance(), "the prefix moves after the rewind was decided");
        assert!(d.is_finished(0), "delivered, behind the prefix: skipped");
        assert!(!d.is_finished(10));
    }

    #[test]
    fn a_nack_sends_the_record_again_after_a_pause_until_it_repeats_too_often() {
        let mut d = Delivery::new(true, 0);
        d.passed(0, 10, true);
        assert_eq!(d.settle(0, &Outcome::Nacked, 3, |n| Duration::from_secs(u64::from(n))), Fate::Again);
        assert!(d.paused_until.is_some_and(|t| t > Instant::now()), "no hand-over before the pause");
        assert!(d.take_rewind());
        d.passed(0, 10, true);
        assert_eq!(d.settle(0, &Outcome::Nacked, 3, no_pause), Fate::Again);
        d.take_rewind();
        d.passed(0, 10, true);
        assert_eq!(d.settle(0, &Outcome::Nacked, 3, no_pause), Fate::Dead("nacked by the broker (3 times)".into()));
    }

    #[test]
    fn the_prefix_moves_only_over_records_settled_for_good_and_a_lost_connection_hands_them_again() {
        let mut d = Delivery::new(true, 0);
        for (o, e) in [(0, 10), (10, 20), (20, 30)] {
            d.passed(o, e, true);
        }
        assert_eq!(d.settle(10, &Outcome::Acked, 1, no_pause), Fate::Delivered);
        assert!(!d.advance(), "the first record is not settled yet");
        assert_eq!(d.settle(0, &Outcome::Failed(Cause::other("connection lost")), 1, no_pause), Fate::Again);
        assert!(!d.take_rewind(), "not while a record is outstanding");
        assert_eq!(d.settle(20, &Outcome::Nacked, 1, no_pause), Fate::Dead("nacked by the broker (1 times)".into()));
        assert!(d.take_rewind());
        assert_eq!(d.next(), 0);
        assert!(d.is_finished(10) && d.is_finished(20) && !d.is_finished(0));
        d.passed(0, 10, true);
        d.passed(10, 20, false);
        d.passed(20, 30, false);
        assert_eq!(d.settle(0, &Outcome::Acked, 1, no_pause), Fate::Delivered);
        d.buried(20, 30);
        assert!(d.advance());
        assert_eq!(d.prefix, 30);
        assert!(d.complete(30));
        assert_eq!(d.settle(0, &Outcome::Acked, 1, no_pause), Fate::Unknown, "settled once only");
    }
}
