//! The publishing session, without I/O: the handshake, channel 1 in confirm mode, and what the broker says on it
//! (acks, nacks, returns, closes, blocked, heartbeats). Bytes go in through `receive`; events come out in wire
//! order; the frames the session must send wait in `output` for whoever writes the socket.

use super::event::Event;
use super::frame::{self, Inbound};
use super::probe::{PROBE_CHANNEL, Probe};
use crate::core::error::{Error, Result};
use amq_protocol::frame::AMQPFrame;
use amq_protocol::protocol::{AMQPClass, basic, channel, confirm, connection};
use amq_protocol::types::{AMQPValue, FieldTable, LongString};
use amq_protocol::uri::{AMQPUri, SASLMechanism};

/// The channel the session publishes on.
pub const CHANNEL: u16 = 1;

/// What the session needs to log in: from the URI, plus the name the connection shows in the management UI.
#[derive(Debug, Clone)]
pub struct Login {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Virtual host.
    pub vhost: String,
    /// PLAIN, AMQPLAIN or EXTERNAL (a TLS client certificate).
    pub mechanism: SASLMechanism,
    /// The largest frame asked for; the broker's smaller limit wins.
    pub frame_max: u32,
    /// The heartbeat asked for in seconds (0: none); the broker's smaller non-zero value wins.
    pub heartbeat: u16,
    /// The name shown for the connection, if any.
    pub connection_name: Option<String>,
}

impl Login {
    /// The login a URI describes (its query's frame_max and heartbeat, defaults applied by the caller).
    pub fn from_uri(uri: &AMQPUri, connection_name: Option<&str>) -> Self {
        Login {
            username: uri.authority.userinfo.username.clone(),
            password: uri.authority.userinfo.password.clone(),
            vhost: uri.vhost.clone(),
            mechanism: uri.query.auth_mechanism.unwrap_or_default(),
            frame_max: uri.query.frame_max.unwrap_or(131_072),
            heartbeat: uri.query.heartbeat.unwrap_or(10),
            connection_name: connection_name.map(str::to_string),
        }
    }
}


/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Tune,
    OpenOk,
    ChannelOpenOk,
    ChannelCloseOk,
    SelectOk,
    Open,
    Closing,
    Over,
}

/// A `basic.return` waiting for its content header and body.
#[derive(Debug)]
struct Returning {
    code: u16,
    text: String,
    exchange: String,
    routing_key: String,
    fingerprint: u64,
    body_left: Option<u64>,
}

/// The sans-I/O session of one publishing connection.
#[derive(Debug)]
pub struct Session {
    login: Login,
    state: State,
    output: Vec<u8>,
    input: Vec<u8>,
    frame_max: u32,
    heartbeat: u16,
    returning: Option<Returning>,
    probe: Probe,
}

impl Session {
    /// A session that starts with the protocol header in its output.
    pub fn new(login: Login) -> Self {
        let frame_max = login.frame_max;
        Session { login, state: State::Start, output: frame::PROTOCOL_HEADER.to_vec(), input: Vec::new(), frame_max, heartbeat: 0, returning: None, probe: Probe::default() }
    }

    /// Takes bytes read from the socket; appends what they mean to `events`. An error means the connection is
    /// unusable (a frame that breaks the protocol).
    pub fn receive(&mut self, bytes: &[u8], events: &mut Vec<Event>) -> Result<()> {
        self.input.extend_from_slice(bytes);
        let mut at = 0;
        let result = loop {
            match frame::decode(&self.input[at..], self.frame_max) {
                Ok(Some((inbound, used))) => {
                    at += used;
                    if let Err(e) = self.on_frame(inbound, events) {
                        break Err(e);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.input.drain(..at);
        result
    }

    /// The frames waiting to be written, oldest first.
    pub fn output(&self) -> &[u8] {
        &self.output
    }

    /// Forgets the first `n` bytes of `output`: they were written.
    pub fn wrote(&mut self, n: usize) {
        self.output.drain(..n.min(self.output.len()));
    }

    /// Whether messages may be written: the channel is open in confirm mode.
    pub fn is_ready(&self) -> bool {
        self.state == State::Open
    }

    /// Whether the session is over (closed by either side).
    #[cfg(test)]
    pub fn is_over(&self) -> bool {
        self.state == State::Over
    }

    /// The negotiated frame_max (before tuning, the one asked for).
    pub fn frame_max(&self) -> u32 {
        self.frame_max
    }

    /// The negotiated heartbeat in seconds, 0 for none (and before tuning).
    pub fn heartbeat(&self) -> u16 {
        self.heartbeat
    }

    /// Queues a heartbeat frame.
    pub fn send_heartbeat(&mut self) {
        frame::heartbeat(&mut self.output);
    }

    /// Queues `connection.close` (200); `Closed` follows when the broker answers.
    pub fn close(&mut self) -> Result<()> {
        if self.state == State::Over || self.state == State::Closing {
            return Ok(());
        }
        self.state = State::Closing;
        let close = connection::Close { reply_code: 200, reply_text: "bye".into(), class_id: 0, method_id: 0 };
        frame::method(&mut self.output, 0, AMQPClass::Connection(connection::AMQPMethod::Close(close)))
    }

    /// Starts checking whether `exchange` exists (see `probe`); `ExchangeChecked` answers.
    pub fn check_exchange(&mut self, exchange: &str) -> Result<()> {
        self.probe.check(exchange, &mut self.output)
    }

    /// The exchange being checked, while a check is under way.
    pub fn checking(&self) -> Option<&str> {
        self.probe.checking()
    }

    /// Replaces channel 1 by a fresh one (closes it, then opens it again): what was unconfirmed on it is never
    /// answered, and `Ready` says when publishing may start again, tags from 1.
    pub fn renew_channel(&mut self) -> Result<()> {
        if self.state != State::Open {
            return Ok(());
        }
        self.state = State::ChannelCloseOk;
        let close = channel::Close { reply_code: 200, reply_text: "renewed".into(), class_id: 0, method_id: 0 };
        frame::method(&mut self.output, CHANNEL, AMQPClass::Channel(channel::AMQPMethod::Close(close)))
    }

    fn on_frame(&mut self, inbound: Inbound, events: &mut Vec<Event>) -> Result<()> {
        let frame = match inbound {
            Inbound::Ack { channel: CHANNEL, tag, multiple } if matches!(self.state, State::Open | State::Closing) => {
                events.push(Event::Acked { tag, multiple });
                return Ok(());
            }
            Inbound::Ack { .. } => return Ok(()),
            Inbound::Frame(frame) => frame,
        };
        match frame {
            AMQPFrame::Method(0, AMQPClass::Connection(method)) => self.on_connection(method, events),
            AMQPFrame::Method(CHANNEL, class) => self.on_channel(class, events),
            AMQPFrame::Method(PROBE_CHANNEL, class) if !matches!(self.state, State::Closing | State::Over) => {
                self.probe.on_frame(class, &mut self.output, events)
            }
            AMQPFrame::Header(CHANNEL, header) => {
                self.on_header(header.body_size, frame::fingerprint(&header.properties), events);
                Ok(())
            }
            AMQPFrame::Body(CHANNEL, body) => {
                self.on_body(body.len() as u64, events);
                Ok(())
            }
            AMQPFrame::Heartbeat => Ok(()),
            other => Err(Error::Connection(format!("the broker sent an unexpected frame: {other}"))),
        }
    }

    fn on_connection(&mut self, method: connection::AMQPMethod, events: &mut Vec<Event>) -> Result<()> {
        use connection::AMQPMethod as M;
        match (self.state, method) {
            (State::Start, M::Start(start)) => self.start_ok(&start),
            (State::Tune, M::Tune(tune)) => self.tune_ok(&tune),
            (State::OpenOk, M::OpenOk(_)) => {
                self.state = State::ChannelOpenOk;
                frame::method(&mut self.output, CHANNEL, AMQPClass::Channel(channel::AMQPMethod::Open(channel::Open {})))
            }
            (_, M::Close(close)) => {
                self.state = State::Over;
                events.push(Event::ConnectionClosed { code: close.reply_code, text: close.reply_text.to_string() });
                frame::method(&mut self.output, 0, AMQPClass::Connection(M::CloseOk(connection::CloseOk {})))
            }
            (State::Closing, M::CloseOk(_)) => {
                self.state = State::Over;
                events.push(Event::Closed);
                Ok(())
            }
            (_, M::Blocked(b)) => {
                events.push(Event::Blocked(b.reason.to_string()));
                Ok(())
            }
            (_, M::Unblocked(_)) => {
                events.push(Event::Unblocked);
                Ok(())
            }
            (_, _) if self.state == State::Closing => Ok(()),
            (state, method) => Err(unexpected(state, &AMQPClass::Connection(method))),
        }
    }

    fn on_channel(&mut self, class: AMQPClass, events: &mut Vec<Event>) -> Result<()> {
        match (self.state, class) {
            (State::ChannelOpenOk, AMQPClass::Channel(channel::AMQPMethod::OpenOk(_))) => {
                self.state = State::SelectOk;
                frame::method(&mut self.output, CHANNEL, AMQPClass::Confirm(confirm::AMQPMethod::Select(confirm::Select { nowait: false })))
            }
            (State::SelectOk, AMQPClass::Confirm(confirm::AMQPMethod::SelectOk(_))) => {
                self.state = State::Open;
                events.push(Event::Ready);
                Ok(())
            }
            (State::Open | State::Closing, AMQPClass::Basic(basic::AMQPMethod::Nack(n))) => {
                events.push(Event::Nacked { tag: n.delivery_tag, multiple: n.multiple });
                Ok(())
            }
            (State::Open | State::Closing, AMQPClass::Basic(basic::AMQPMethod::Ack(a))) => {
                events.push(Event::Acked { tag: a.delivery_tag, multiple: a.multiple });
                Ok(())
            }
            (State::Open, AMQPClass::Basic(basic::AMQPMethod::Return(r))) => {
                let (exchange, routing_key) = (r.exchange.to_string(), r.routing_key.to_string());
                self.returning = Some(Returning { code: r.reply_code, text: r.reply_text.to_string(), exchange, routing_key, fingerprint: 0, body_left: None });
                Ok(())
            }
            (State::Closing | State::Over, _) => Ok(()),
            (State::ChannelCloseOk, AMQPClass::Channel(channel::AMQPMethod::CloseOk(_))) => {
                self.state = State::ChannelOpenOk;
                frame::method(&mut self.output, CHANNEL, AMQPClass::Channel(channel::AMQPMethod::Open(channel::Open {})))
            }
            (State::ChannelOpenOk, AMQPClass::Channel(channel::AMQPMethod::CloseOk(_))) => Ok(()),
            (State::ChannelCloseOk, AMQPClass::Basic(_)) => Ok(()),
            (_, AMQPClass::Channel(channel::AMQPMethod::Close(close))) => {
                self.returning = None;
                events.push(Event::ChannelClosed {
                    code: close.reply_code,
                    text: close.reply_text.to_string(),
                    class_id: close.class_id,
                    method_id: close.method_id,
                });
                self.state = State::ChannelOpenOk;
                frame::method(&mut self.output, CHANNEL, AMQPClass::Channel(channel::AMQPMethod::CloseOk(channel::CloseOk {})))?;
                frame::method(&mut self.output, CHANNEL, AMQPClass::Channel(channel::AMQPMethod::Open(channel::Open {})))
            }
            (state, class) => Err(unexpected(state, &class)),
        }
    }

    fn on_header(&mut self, body_size: u64, fingerprint: u64, events: &mut Vec<Event>) {
        if let Some(r) = self.returning.as_mut().filter(|r| r.body_left.is_none()) {
            r.fingerprint = fingerprint;
            r.body_left = Some(body_size);
            self.on_body(0, events);
        }
    }

    fn on_body(&mut self, size: u64, events: &mut Vec<Event>) {
        let Some(r) = self.returning.as_mut() else { return };
        let Some(left) = r.body_left.as_mut() else { return };
        *left = left.saturating_sub(size);
        if *left == 0
            && let Some(r) = self.returning.take()
        {
            events.push(Event::Returned { code: r.code, text: r.text, exchange: r.exchange, routing_key: r.routing_key, fingerprint: r.fingerprint });
        }
    }

    fn start_ok(&mut self, start: &connection::Start) -> Result<()> {
        let mechanism = self.login.mechanism;
        let offered = start.mechanisms.to_string();
        if !offered.split_whitespace().any(|m| m == mechanism.name()) {
            return Err(Error::Connection(format!("the broker does not offer the {} login mechanism (it offers {offered})", mechanism.name())));
        }
        let credentials = amq_protocol::auth::Credentials::new(self.login.username.clone().into(), self.login.password.clone().into());
        let start_ok = connection::StartOk {
            client_properties: self.client_properties(),
            mechanism: mechanism.name().into(),
            response: credentials.sasl_auth_string(mechanism),
            locale: "en_US".into(),
        };
        self.state = State::Tune;
        frame::method(&mut self.output, 0, AMQPClass::Connection(connection::AMQPMethod::StartOk(start_ok)))
    }

    fn tune_ok(&mut self, tune: &connection::Tune) -> Result<()> {
        self.frame_max = lowest(self.login.frame_max, tune.frame_max);
        self.heartbeat = lowest(u32::from(self.login.heartbeat), u32::from(tune.heartbeat)) as u16;
        if self.login.heartbeat == 0 {
            self.heartbeat = 0;
        }
        let tune_ok = connection::TuneOk { channel_max: tune.channel_max.clamp(1, 2047), frame_max: self.frame_max, heartbeat: self.heartbeat };
        frame::method(&mut self.output, 0, AMQPClass::Connection(connection::AMQPMethod::TuneOk(tune_ok)))?;
        self.state = State::OpenOk;
        let open = connection::Open { virtual_host: self.login.vhost.clone().into() };
        frame::method(&mut self.output, 0, AMQPClass::Connection(connection::AMQPMethod::Open(open)))
    }

    fn client_properties(&self) -> FieldTable {
        let mut capabilities = FieldTable::default();
        for name in ["publisher_confirms", "basic.nack", "connection.blocked", "authentication_failure_close"] {
            capabilities.insert(name.into(), AMQPValue::Boolean(true));
        }
        let mut props = FieldTable::default();
        props.insert("product".into(), AMQPValue::LongString(LongString::from("amqp_confirm")));
        props.insert("version".into(), AMQPValue::LongString(LongString::from(env!("CARGO_PKG_VERSION"))));
        props.insert("platform".into(), AMQPValue::LongString(LongString::from("PHP (Rust engine)")));
        props.insert("capabilities".into(), AMQPValue::FieldTable(capabilities));
        if let Some(name) = &self.login.connection_name {
            props.insert("connection_name".into(), AMQPValue::LongString(LongString::from(name.as_str())));
        }
        props
    }
}

/// The lower of two limits where 0 means none.
fn lowest(ours: u32, theirs: u32) -> u32 {
    match (ours, theirs) {
        (0, t) => t,
        (o, 0) => o,
        (o, t) => o.min(t),
    }
}

fn unexpected(state: State, class: &AMQPClass) -> Error {
    Error::Connection(format!("the broker sent {class:?} while the session was at {state:?}"))
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
