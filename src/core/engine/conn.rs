//! One live publishing connection: its non-blocking socket and its session, and the two I/O moves on them:
//! write what is due (control frames between messages, messages corked into as few writes as possible) and read
//! what the broker sent.

use super::super::cause::Cause;
use super::super::wire::outbox::Outbox;
use super::super::wire::event::Event;
use super::super::wire::session::Session;
use super::super::live::{self, Live};
use super::dial::Dialed;
use lapin::tcp::TcpStream;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::time::Instant;

/// A connection the engine publishes on.
pub struct Conn {
    stream: TcpStream,
    /// Its session.
    pub session: Session,
    /// The last write blocked: the rest waits for the socket to be writable.
    pub blocked_write: bool,
    /// How many writes found the socket full.
    pub full_writes: u64,
    /// When a frame was last written (heartbeats are due after half the negotiated interval of silence).
    pub last_write: Instant,
    /// When bytes last came in (the broker is gone after two intervals of silence).
    pub last_read: Instant,
    _live: Live,
}

impl Conn {
    /// The connection `dial` opened.
    pub fn new(dialed: Dialed) -> Self {
        let now = Instant::now();
        let live = Live::new(&live::CONNECTIONS);
        Conn { stream: dialed.stream, session: dialed.session, blocked_write: false, full_writes: 0, last_write: now, last_read: now, _live: live }
    }

    /// The socket's descriptor (for readiness).
    pub fn fd(&self) -> RawFd {
        self.stream.as_raw_fd()
    }

    /// Writes what is due: the rest of a message under way, the session's frames, then (when the channel is ready)
    /// messages, only one while `one` and something is in flight. Stops when the socket would block.
    pub fn write_due<T>(&mut self, outbox: &mut Outbox<T>, one: bool) -> Result<(), Cause> {
        loop {
            let control = !self.session.output().is_empty();
            let (chunk, to_session) = if !outbox.at_boundary() {
                (outbox.unwritten_message(), false) // a message under way is finished first, whatever else waits
            } else if control {
                (self.session.output(), true)
            } else if !self.session.is_ready() || one && !outbox.wire_is_clear() {
                break;
            } else if one {
                (outbox.unwritten_message(), false)
            } else {
                (outbox.unwritten(), false)
            };
            if chunk.is_empty() {
                break;
            }
            match self.stream.write(chunk) {
                Ok(0) => return Err(Cause::other("connection lost: the socket accepts no more bytes")),
                Ok(n) if to_session => self.session.wrote(n),
                Ok(n) => outbox.wrote(n),
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    self.blocked_write = true;
                    self.full_writes += 1;
                    return self.flush();
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(Cause::io(&e)),
            }
            self.last_write = Instant::now();
        }
        self.blocked_write = false;
        self.flush()
    }

    /// Pushes out what the TLS layer still holds (nothing to do on a plain socket).
    fn flush(&mut self) -> Result<(), Cause> {
        match self.stream.flush() {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                self.blocked_write = true;
                Ok(())
            }
            Err(e) => Err(Cause::io(&e)),
        }
    }

    /// Reads what the broker sent, feeding the session; appends what it said to `events`. Reads until the socket
    /// would block (returns true), or with `short`, on a plain socket, until a read returns less than the buffer
    /// holds (the socket was emptied then: one read instead of two for a waiter that polls before reading again).
    pub fn read_all(&mut self, buf: &mut [u8], events: &mut Vec<Event>, short: bool) -> Result<bool, Cause> {
        let short = short && matches!(self.stream, TcpStream::Plain(_));
        loop {
            match self.stream.read(buf) {
                Ok(0) => return Err(Cause::other("connection lost: the broker closed the socket")),
                Ok(n) => {
                    self.last_read = Instant::now();
                    self.session.receive(&buf[..n], events).map_err(|e| Cause::other(e.to_string()))?;
                    if short && n < buf.len() {
                        return Ok(false);
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(true),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(Cause::io(&e)),
            }
        }
    }
}
