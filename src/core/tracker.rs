//! Confirm tracking for one confirm-mode channel: delivery tags, returns matched to their own message, resets.
//!
//! lapin resolves one future per delivery tag, honouring `multiple`, but it attaches each
//! `basic.return` to whichever confirmation completes next, which can be another message's. The
//! broker always sends a return before the ack that covers its message, so the return reaches us
//! attached to a completion from the same ack frame or an earlier one. The tracker therefore matches
//! a return to the oldest unsettled mandatory message it carries (same exchange, routing key, message id
//! and headers: the message id alone is the user's and need not be unique), and holds the ack of a
//! mandatory message until one more full scan of the channel's completions has been made (see
//! [`Tracker::end_scan`]). Returns come in publish order, so among messages that are the same in all of
//! these, the oldest is the one returned.

use super::cause::Cause;
use super::outcome::Outcome;
use std::collections::HashMap;

/// A `basic.return` as lapin delivered it, attached to some completion.
#[derive(Debug, Clone, PartialEq)]
pub struct Return {
    /// The `message_id` property of the returned message.
    pub message_id: Option<String>,
    /// The exchange the message was published to.
    pub exchange: String,
    /// The routing key it was published with.
    pub routing_key: String,
    /// Its application headers.
    pub headers: Option<lapin::types::FieldTable>,
    /// The AMQP reply code.
    pub code: u16,
    /// The broker's reply text.
    pub text: String,
}

/// A tracked message that a return can be matched against.
pub trait Returnable {
    /// Whether `ret` carries this very message (its exchange, routing key, message id and headers).
    fn is_returned_by(&self, ret: &Return) -> bool;
}

#[derive(Debug, PartialEq)]
enum State {
    Unconfirmed,
    ReturnSeen { code: u16, text: String },
    AckedUnverified { scans: u8 },
}

#[derive(Debug)]
struct Entry<T> {
    mandatory: bool,
    state: State,
    item: T,
}

/// Tracks the unconfirmed messages of one channel; `T` is whatever the caller settles (a handle).
#[derive(Debug)]
pub struct Tracker<T> {
    next_tag: u64,
    entries: HashMap<u64, Entry<T>>,
    held: Vec<u64>,
}

impl<T> Default for Tracker<T> {
    fn default() -> Self {
        Tracker { next_tag: 1, entries: HashMap::new(), held: Vec::new() }
    }
}

impl<T: Returnable> Tracker<T> {
    /// Records a message about to be published and returns its delivery tag.
    pub fn publish(&mut self, mandatory: bool, item: T) -> u64 {
        let tag = self.next_tag;
        self.next_tag += 1;
        self.entries.insert(tag, Entry { mandatory, state: State::Unconfirmed, item });
        tag
    }

    /// True when nothing is waiting for an answer.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True while some mandatory ack waits for the next scan before it can be settled.
    pub fn has_held(&self) -> bool {
        !self.held.is_empty()
    }

    /// Applies lapin's completion of `tag` (ack or nack), with the return it carried, if any.
    pub fn complete(&mut self, tag: u64, ack: bool, ret: Option<Return>, out: &mut Vec<(T, Outcome)>) {
        if let Some(ret) = ret {
            self.apply_return(ret, out);
        }
        let Some(entry) = self.entries.get_mut(&tag) else { return };
        match (&entry.state, ack) {
            (State::ReturnSeen { code, text }, _) => {
                let outcome = Outcome::Returned { code: *code, text: text.clone() };
                self.settle(tag, outcome, out);
            }
            (State::Unconfirmed, true) if entry.mandatory => {
                entry.state = State::AckedUnverified { scans: 0 };
                self.held.push(tag);
            }
            (State::Unconfirmed, true) => self.settle(tag, Outcome::Acked, out),
            (State::Unconfirmed, false) => self.settle(tag, Outcome::Nacked, out),
            (State::AckedUnverified { .. }, _) => {}
        }
    }

    /// Settles the message with this tag as failed (its publish could not be written).
    pub fn fail(&mut self, tag: u64, cause: &Cause, out: &mut Vec<(T, Outcome)>) {
        self.settle(tag, Outcome::Failed(cause.clone()), out);
    }

    /// Called after each full scan of the channel's completions: settles the mandatory acks that
    /// have now waited through one complete scan after the one that saw them.
    pub fn end_scan(&mut self, out: &mut Vec<(T, Outcome)>) {
        let held = std::mem::take(&mut self.held);
        for tag in held {
            let Some(entry) = self.entries.get_mut(&tag) else { continue };
            match &mut entry.state {
                State::AckedUnverified { scans } if *scans >= 1 => self.settle(tag, Outcome::Acked, out),
                State::AckedUnverified { scans } => {
                    *scans += 1;
                    self.held.push(tag);
                }
                _ => {}
            }
        }
    }

    /// The channel is gone: settles what the broker already answered (an ack still waiting for its
    /// scan is an ack; a return seen is a return), returns the unconfirmed messages in tag order for the
    /// caller to republish or fail, and restarts tags at 1.
    pub fn take_unconfirmed(&mut self, out: &mut Vec<(T, Outcome)>) -> Vec<T> {
        let mut entries: Vec<(u64, Entry<T>)> = self.entries.drain().collect();
        entries.sort_unstable_by_key(|(tag, _)| *tag);
        self.held.clear();
        self.next_tag = 1;
        let mut unconfirmed = Vec::new();
        for (_, entry) in entries {
            match entry.state {
                State::Unconfirmed => unconfirmed.push(entry.item),
                State::AckedUnverified { .. } => out.push((entry.item, Outcome::Acked)),
                State::ReturnSeen { code, text } => out.push((entry.item, Outcome::Returned { code, text })),
            }
        }
        unconfirmed
    }

    fn apply_return(&mut self, ret: Return, out: &mut Vec<(T, Outcome)>) {
        let owner = self
            .entries
            .iter()
            .filter(|(_, e)| e.mandatory && !matches!(e.state, State::ReturnSeen { .. }))
            .filter(|(_, e)| e.item.is_returned_by(&ret))
            .map(|(tag, _)| *tag)
            .min();
        let Some(tag) = owner else { return };
        let Some(entry) = self.entries.get_mut(&tag) else { return };
        if let State::AckedUnverified { .. } = entry.state {
            self.settle(tag, Outcome::Returned { code: ret.code, text: ret.text }, out);
        } else {
            entry.state = State::ReturnSeen { code: ret.code, text: ret.text };
        }
    }

    fn settle(&mut self, tag: u64, outcome: Outcome, out: &mut Vec<(T, Outcome)>) {
        if let Some(entry) = self.entries.remove(&tag) {
            out.push((entry.item, outcome));
        }
    }
}

#[cfg(test)]
#[path = "tracker_tests.rs"]
mod tests;
