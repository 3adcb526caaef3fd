//! The outbox: one buffer that is both the queue of bytes to write and the store of messages the broker has not
//! answered for. Each message is encoded into it once; writing advances a cursor; settling pops from the front
//! (O(settled), never O(in flight)); republishing after a new channel is a rewind.

use std::collections::VecDeque;

/// One message in the outbox: where its bytes end and what its owner attached to it (taken when settled).
#[derive(Debug)]
struct Slot<T> {
    end: u64,
    value: Option<T>,
}

/// The outbound buffer and unconfirmed store of one channel, generic over what each message carries.
#[derive(Debug)]
pub struct Outbox<T> {
    bytes: Vec<u8>,
    /// Stream offset of `bytes[0]`.
    origin: u64,
    /// Stream offset of the first message kept (the oldest unsettled one).
    head: u64,
    /// Stream offset up to which bytes were written to the socket.
    written: u64,
    slots: VecDeque<Slot<T>>,
    /// The delivery tag of `slots[0]`.
    first_tag: u64,
    unsettled: usize,
    /// The tag of the first message that may not be written yet (its exchange is being checked).
    gate: Option<u64>,
}

impl<T> Default for Outbox<T> {
    fn default() -> Self {
        Outbox { bytes: Vec::new(), origin: 0, head: 0, written: 0, slots: VecDeque::new(), first_tag: 1, unsettled: 0, gate: None }
    }
}

impl<T> Outbox<T> {
    /// Adds a message: `encode` appends its frames to the buffer, and may note what it learns in the value (it
    /// may fail, leaving nothing behind).
    pub fn push<E>(&mut self, mut value: T, encode: impl FnOnce(&mut Vec<u8>, &mut T) -> Result<(), E>) -> Result<(), E> {
        let start = self.bytes.len();
        if let Err(e) = encode(&mut self.bytes, &mut value) {
            self.bytes.truncate(start);
            return Err(e);
        }
        self.slots.push_back(Slot { end: self.origin + self.bytes.len() as u64, value: Some(value) });
        self.unsettled += 1;
        Ok(())
    }

    /// The bytes not yet written, in order, up to the gate.
    pub fn unwritten(&self) -> &[u8] {
        let end = self.gate.map_or(self.end(), |tag| self.start_of(tag).max(self.written));
        &self.bytes[(self.written - self.origin) as usize..(end - self.origin) as usize]
    }

    /// Holds back the message `tag` and those after it (`None`: nothing is held).
    pub fn hold_at(&mut self, tag: Option<u64>) {
        self.gate = tag;
    }

    /// The tag of the first message held back.
    pub fn gate(&self) -> Option<u64> {
        self.gate
    }

    /// Takes out the unsettled messages not yet begun on the wire for which `remove` holds, in order.
    /// O(unwritten bytes), rare (an exchange found missing).
    pub fn remove_unwritten(&mut self, mut remove: impl FnMut(&T) -> bool) -> Vec<T> {
        let mut first = self.written_count();
        if first < self.slots.len() && self.start_of(self.first_tag + first as u64) < self.written {
            first += 1; // begun: it stays
        }
        let cut = self.start_of(self.first_tag + first as u64);
        let (mut tail, mut kept, mut removed) = (Vec::new(), VecDeque::new(), Vec::new());
        let mut start = cut;
        for slot in self.slots.drain(first..) {
            let range = (start - self.origin) as usize..(slot.end - self.origin) as usize;
            start = slot.end;
            match slot.value {
                Some(value) if remove(&value) => removed.push(value),
                value => {
                    tail.extend_from_slice(&self.bytes[range]);
                    kept.push_back(Slot { end: cut + tail.len() as u64, value });
                }
            }
        }
        self.unsettled -= removed.len();
        self.bytes.truncate((cut - self.origin) as usize);
        self.bytes.extend_from_slice(&tail);
        self.slots.extend(kept);
        removed
    }

    /// Stream offset of the end of the buffer.
    fn end(&self) -> u64 {
        self.origin + self.bytes.len() as u64
    }

    /// Stream offset where message `tag` starts (the end for a tag past the last).
    fn start_of(&self, tag: u64) -> u64 {
        match tag.saturating_sub(self.first_tag) as usize {
            0 => self.head,
            i => self.slots.get(i - 1).map_or(self.end(), |s| s.end),
        }
    }

    /// Records that `n` more bytes were written.
    pub fn wrote(&mut self, n: usize) {
        self.written = (self.written + n as u64).min(self.end());
    }

    /// Whether the write cursor sits between messages (other frames may be written there).
    pub fn at_boundary(&self) -> bool {
        self.written == self.head || self.slots.binary_search_by(|s| s.end.cmp(&self.written)).is_ok()
    }

    /// Messages not settled yet (written or not).
    pub fn unsettled(&self) -> usize {
        self.unsettled
    }

    /// Bytes held: unsettled messages and not yet reclaimed settled ones.
    pub fn held_bytes(&self) -> usize {
        (self.origin + self.bytes.len() as u64 - self.head) as usize
    }

    /// Settles `tag` (and every earlier tag if `multiple`), handing each settled message's tag, value and bytes
    /// to `settled` in tag order. A tag that was never written, or is settled already, settles nothing.
    pub fn settle(&mut self, tag: u64, multiple: bool, mut settled: impl FnMut(u64, T, &[u8])) {
        let Some(last) = tag.checked_sub(self.first_tag).map(|i| i as usize).filter(|&i| i < self.written_count()) else {
            return;
        };
        let first = if multiple { 0 } else { last };
        let mut start = if first == 0 { self.head } else { self.slots[first - 1].end };
        for index in first..=last {
            let end = self.slots[index].end;
            if let Some(value) = self.slots[index].value.take() {
                self.unsettled -= 1;
                let bytes = &self.bytes[(start - self.origin) as usize..(end - self.origin) as usize];
                settled(self.first_tag + index as u64, value, bytes);
            }
            start = end;
        }
        self.pop_settled();
    }

    /// The tag and value of the unsettled, written messages, oldest first (to find the one a broker reply names).
    pub fn in_flight(&self) -> impl Iterator<Item = (u64, &T)> {
        let first = self.first_tag;
        self.slots.iter().take(self.written_count()).enumerate().filter_map(move |(i, s)| Some((first + i as u64, s.value.as_ref()?)))
    }

    /// The tag and value of every unsettled message, written or not, oldest first: the tags they have or will
    /// have on the channel, if nothing else is written before them.
    pub fn queued(&self) -> impl Iterator<Item = (u64, &T)> {
        let first = self.first_tag;
        self.slots.iter().enumerate().filter_map(move |(i, s)| Some((first + i as u64, s.value.as_ref()?)))
    }

    /// The tag of the first message not completely written.
    pub fn next_unwritten_tag(&self) -> u64 {
        self.first_tag + self.written_count() as u64
    }

    /// The tag the next message pushed will have.
    pub fn next_tag(&self) -> u64 {
        self.first_tag + self.slots.len() as u64
    }

    /// The bytes up to the next message boundary: the rest of a message under way, else the next message unless
    /// it is held back (empty when everything is written).
    pub fn unwritten_message(&self) -> &[u8] {
        let i = self.written_count();
        let held = self.at_boundary() && self.gate.is_some_and(|g| g <= self.first_tag + i as u64);
        let end = if self.written < self.head {
            self.head
        } else if held {
            self.written
        } else {
            self.slots.get(i).map_or(self.written, |s| s.end)
        };
        &self.bytes[(self.written - self.origin) as usize..(end - self.origin) as usize]
    }

    /// Whether every message written is settled (nothing is in flight on the wire).
    pub fn wire_is_clear(&self) -> bool {
        self.slots.iter().take(self.written_count()).all(|s| s.value.is_none())
    }

    /// Takes one unsettled, written message out (a culprit that fails alone); its bytes go with the next rewind.
    pub fn remove(&mut self, tag: u64) -> Option<T> {
        let index = tag.checked_sub(self.first_tag).map(|i| i as usize).filter(|&i| i < self.written_count())?;
        let value = self.slots.get_mut(index)?.value.take()?;
        self.unsettled -= 1;
        self.pop_settled();
        Some(value)
    }

    /// A new channel: every unsettled message is written again, its tags counting from 1, in the order they
    /// were first published; settled ones not yet reclaimed are dropped. On the same socket (`same_stream`), the
    /// rest of a message under way is still written first, before anything else: the byte stream must stay
    /// whole frames (the broker discards them: they are on the closed channel). O(held bytes), rare.
    pub fn rewind(&mut self, same_stream: bool) {
        let mut bytes = Vec::with_capacity(self.held_bytes());
        if same_stream && !self.at_boundary() {
            bytes.extend_from_slice(self.unwritten_message());
        }
        let lead = bytes.len() as u64;
        let mut slots = VecDeque::with_capacity(self.unsettled);
        let mut start = self.head;
        for slot in self.slots.drain(..) {
            if slot.value.is_some() {
                let range = (start - self.origin) as usize..(slot.end - self.origin) as usize;
                bytes.extend_from_slice(&self.bytes[range]);
                slots.push_back(Slot { end: bytes.len() as u64, value: slot.value });
            }
            start = slot.end;
        }
        *self = Outbox { bytes, origin: 0, head: lead, written: 0, slots, first_tag: 1, unsettled: self.unsettled, gate: None };
    }

    /// As `rewind`, with `extra` messages (nacked ones going out again) put back among the others in the order
    /// `key` gives (publish order), not after them: a retried message keeps its place.
    pub fn rewind_with(&mut self, same_stream: bool, extra: Vec<(Vec<u8>, T)>, key: impl Fn(&T) -> u64) {
        self.rewind(same_stream);
        if extra.is_empty() {
            return;
        }
        let lead = self.head as usize;
        let mut list: Vec<(Vec<u8>, T)> = Vec::with_capacity(self.slots.len() + extra.len());
        let mut start = lead;
        for slot in self.slots.drain(..) {
            let end = slot.end as usize;
            if let Some(value) = slot.value {
                list.push((self.bytes[start..end].to_vec(), value));
            }
            start = end;
        }
        list.extend(extra);
        list.sort_by_key(|(_, v)| key(v));
        self.bytes.truncate(lead);
        self.unsettled = list.len();
        for (bytes, value) in list {
            self.bytes.extend_from_slice(&bytes);
            self.slots.push_back(Slot { end: self.bytes.len() as u64, value: Some(value) });
        }
    }

    /// Drops every unsettled message, handing their values to `failed` in order (the connection is given up).
    pub fn drain(&mut self, mut failed: impl FnMut(T)) {
        for value in self.slots.drain(..).filter_map(|s| s.value) {
            failed(value);
        }
        *self = Outbox::default();
    }

    fn written_count(&self) -> usize {
        self.slots.partition_point(|s| s.end <= self.written)
    }

    /// Pops settled messages off the front and reclaims their bytes once they are most of the buffer.
    fn pop_settled(&mut self) {
        while self.slots.front().is_some_and(|s| s.value.is_none() && s.end <= self.written) {
            if let Some(slot) = self.slots.pop_front() {
                self.head = slot.end;
                self.first_tag += 1;
            }
        }
        let dead = (self.head.min(self.written) - self.origin) as usize;
        if dead > 0 && (self.slots.is_empty() && self.written == self.head || dead >= self.bytes.len() / 2 && dead >= 64 * 1024) {
            self.bytes.drain(..dead);
            self.origin = self.head;
        }
    }
}

#[cfg(test)]
#[path = "outbox_tests.rs"]
mod tests;
