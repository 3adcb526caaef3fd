//! The codec: AMQP 0-9-1 frames to and from bytes. amq-protocol generates and parses the rare methods; what every
//! message costs (the publish frames, the ack) is written and read by hand, without allocating.

use crate::core::error::{Error, Result};
use crate::core::message::{Properties, field_table};
use amq_protocol::frame::{AMQPFrame, GenError, SerializeFn, WriteContext, gen_frame, parse_frame};
use amq_protocol::protocol::{AMQPClass, BasicProperties, basic::gen_properties, channel, connection};
use amq_protocol::types::ShortString;
use amq_protocol::types::generation::gen_field_table;
use std::cell::Cell;

/// What a client sends first: AMQP 0-9-1's protocol header.
pub const PROTOCOL_HEADER: &[u8; 8] = b"AMQP\x00\x00\x09\x01";
/// The smallest frame_max a broker may ask for (AMQP's frame-min-size): messages encoded before any connection
/// use it, and any broker takes them.
pub const MIN_FRAME_MAX: u32 = 4096;
/// Bytes a frame adds around its payload: type, channel, size, and the end octet.
pub const FRAME_OVERHEAD: usize = 8;
const METHOD: u8 = 1;
const HEADER: u8 = 2;
const BODY: u8 = 3;
const HEARTBEAT: u8 = 8;
const FRAME_END: u8 = 0xCE;
/// The payload of `basic.ack`: class 60, method 80, a tag, a flag octet.
const ACK_PAYLOAD: usize = 13;

/// One frame read from the broker: the ack every message gets, read by hand, or any other frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    /// `basic.ack` on a channel.
    Ack {
        /// The channel.
        channel: u16,
        /// The delivery tag.
        tag: u64,
        /// Whether every tag up to this one is acked.
        multiple: bool,
    },
    /// Any other frame, parsed by amq-protocol.
    Frame(AMQPFrame),
}

/// Appends a method frame.
pub fn method(out: &mut Vec<u8>, channel: u16, class: AMQPClass) -> Result<()> {
    generate(out, &AMQPFrame::Method(channel, class))
}

/// Appends a heartbeat frame.
pub fn heartbeat(out: &mut Vec<u8>) {
    out.extend_from_slice(&[HEARTBEAT, 0, 0, 0, 0, 0, 0, FRAME_END]);
}

/// Where a message goes: the publish method's fields.
#[derive(Debug, Clone, Copy)]
pub struct Route<'a> {
    /// The exchange ("" is the default exchange).
    pub exchange: &'a str,
    /// The routing key.
    pub routing_key: &'a str,
    /// Whether the broker returns the message when no queue takes it.
    pub mandatory: bool,
}

/// Appends the frames of one message: `basic.publish`, its content header, and its body in frames of at most
/// `frame_max` bytes; returns the fingerprint of its encoded properties (see [`fingerprint`]). Names longer than
/// 255 bytes are refused before anything is written.
pub fn publish(out: &mut Vec<u8>, channel: u16, route: Route, properties: &Properties, body: &[u8], frame_max: u32) -> Result<u64> {
    frames(out, channel, route, body, frame_max, |out| encode_properties(out, properties))
}

/// As [`publish`], with the properties already encoded (a spooled message: see [`properties`]).
pub fn publish_encoded(out: &mut Vec<u8>, channel: u16, route: Route, properties: &[u8], body: &[u8], frame_max: u32) -> Result<u64> {
    frames(out, channel, route, body, frame_max, |out| {
        out.extend_from_slice(properties);
        Ok(())
    })
}

/// A message's properties as a content header carries them (property flags, then the properties set).
pub fn properties(properties: &Properties) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64);
    encode_properties(&mut out, properties)?;
    Ok(out)
}

/// Appends the frames of one message, its properties written by `props`.
fn frames(out: &mut Vec<u8>, channel: u16, route: Route, body: &[u8], frame_max: u32, props: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> Result<u64> {
    let (exchange, routing_key) = (short("$exchange", route.exchange)?, short("$routingKey", route.routing_key)?);
    let start = out.len();
    let size = 2 + 2 + 2 + 1 + exchange.len() + 1 + routing_key.len() + 1;
    open(out, METHOD, channel, size);
    out.extend_from_slice(&[0, 60, 0, 40, 0, 0]);
    push_short(out, exchange);
    push_short(out, routing_key);
    out.push(u8::from(route.mandatory));
    out.push(FRAME_END);
    let header = out.len();
    open(out, HEADER, channel, 0);
    out.extend_from_slice(&[0, 60, 0, 0]);
    out.extend_from_slice(&(body.len() as u64).to_be_bytes());
    let at = out.len();
    if let Err(e) = props(out) {
        out.truncate(start);
        return Err(e);
    }
    let print = hash(&out[at..]);
    let header_size = (out.len() - header - 7) as u32;
    out[header + 3..header + 7].copy_from_slice(&header_size.to_be_bytes());
    out.push(FRAME_END);
    let chunk = (frame_max as usize).saturating_sub(FRAME_OVERHEAD).max(1);
    for part in body.chunks(chunk) {
        open(out, BODY, channel, part.len());
        out.extend_from_slice(part);
        out.push(FRAME_END);
    }
    Ok(print)
}

/// Appends a content header's property flags and the properties set, in the protocol's order, as amq-protocol
/// encodes them (so a return's properties, parsed and encoded again, give the same fingerprint); headers go
/// through its table encoder. Every length limit is checked.
fn encode_properties(out: &mut Vec<u8>, p: &Properties) -> Result<()> {
    let flags_at = out.len();
    out.extend_from_slice(&[0, 0]);
    let mut flags = 0u16;
    flags |= text(out, 15, "content_type", p.content_type.as_deref())?;
    flags |= text(out, 14, "content_encoding", p.content_encoding.as_deref())?;
    if let Some(headers) = &p.headers {
        let table = field_table(headers)?;
        generated(out, gen_field_table(&table)).map_err(|e| Error::invalid("$properties[\"headers\"]", format!("cannot be encoded: {e}")))?;
        flags |= 1 << 13;
    }
    out.push(p.delivery_mode);
    flags |= 1 << 12;
    if let Some(priority) = p.priority {
        out.push(priority);
        flags |= 1 << 11;
    }
    flags |= text(out, 10, "correlation_id", p.correlation_id.as_deref())?;
    flags |= text(out, 9, "reply_to", p.reply_to.as_deref())?;
    flags |= text(out, 8, "expiration", p.expiration.as_deref())?;
    flags |= text(out, 7, "message_id", Some(&p.message_id))?;
    if let Some(timestamp) = p.timestamp {
        out.extend_from_slice(&timestamp.to_be_bytes());
        flags |= 1 << 6;
    }
    flags |= text(out, 5, "type", p.kind.as_deref())?;
    flags |= text(out, 4, "user_id", p.user_id.as_deref())?;
    flags |= text(out, 3, "app_id", p.app_id.as_deref())?;
    out[flags_at..flags_at + 2].copy_from_slice(&flags.to_be_bytes());
    Ok(())
}

/// Appends a text property when it is set; returns its flag (or 0).
fn text(out: &mut Vec<u8>, bit: u16, name: &str, value: Option<&str>) -> Result<u16> {
    let Some(v) = value else { return Ok(0) };
    push_short(out, short_property(name, v)?);
    Ok(1 << bit)
}

fn short_property<'a>(name: &str, value: &'a str) -> Result<&'a [u8]> {
    if value.len() > 255 {
        return short(&format!("$properties[\"{name}\"]"), value);
    }
    Ok(value.as_bytes())
}

/// A fingerprint of a message's properties as encoded: a `basic.return` carries them back unchanged, so it
/// tells messages with the same exchange, routing key and id apart by their other properties (headers).
pub fn fingerprint(properties: &BasicProperties) -> u64 {
    let mut bytes = Vec::new();
    match generated(&mut bytes, gen_properties(properties)) {
        Ok(()) => hash(&bytes),
        Err(_) => 0,
    }
}

/// A fast 64-bit hash of a few dozen bytes (not for untrusted keys: it only compares a message with itself).
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
}

/// Reads one frame from the front of `input`: the frame and the bytes it took, or `None` until it is whole.
/// A frame larger than `frame_max` or without its end octet is an error, as is a server that is not AMQP 0-9-1.
pub fn decode(input: &[u8], frame_max: u32) -> Result<Option<(Inbound, usize)>> {
    if input.first() == Some(&b'A') || input.first().is_some_and(|t| !matches!(*t, METHOD | HEADER | BODY | HEARTBEAT)) {
        return Err(Error::Connection(not_amqp(input)));
    }
    if input.len() < 7 {
        return Ok(None);
    }
    let size = u32::from_be_bytes([input[3], input[4], input[5], input[6]]) as usize;
    if frame_max != 0 && size + FRAME_OVERHEAD > frame_max as usize {
        return Err(Error::Connection(format!("the broker sent a frame of {size} bytes, more than the frame_max of {frame_max}")));
    }
    let total = size + FRAME_OVERHEAD;
    if input.len() < total {
        return Ok(None);
    }
    if input[total - 1] != FRAME_END {
        return Err(Error::Connection("the broker sent a frame without its end octet (501 FRAME_ERROR)".into()));
    }
    if let Some(ack) = fast_ack(&input[..total]) {
        return Ok(Some((ack, total)));
    }
    match parse_frame(&input[..total]) {
        Ok((_, frame)) => Ok(Some((Inbound::Frame(frame), total))),
        Err(e) => match lossy_close(&input[..total]) {
            Some(close) => Ok(Some((Inbound::Frame(close), total))),
            None => Err(Error::Connection(format!("the broker sent a frame this client cannot parse: {e}"))),
        },
    }
}

/// A `channel.close` or `connection.close` whose reply text is not valid UTF-8: RabbitMQ cuts texts at 255
/// bytes, which can split a character of a name it quotes. Read with the text up to that character.
fn lossy_close(frame: &[u8]) -> Option<AMQPFrame> {
    let channel = u16::from_be_bytes([frame[1], frame[2]]);
    let payload = &frame[7..frame.len() - 1];
    let u16_at = |i: usize| payload.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let (class, method, code) = (u16_at(0)?, u16_at(2)?, u16_at(4)?);
    let len = usize::from(*payload.get(6)?);
    let raw = payload.get(7..7 + len)?;
    let valid = std::str::from_utf8(raw).map_or_else(|e| &raw[..e.valid_up_to()], |_| raw);
    let text = ShortString::try_new(String::from_utf8_lossy(valid).into_owned()).ok()?;
    let (class_id, method_id) = (u16_at(7 + len)?, u16_at(9 + len)?);
    match (class, method) {
        (20, 40) => {
            let close = channel::Close { reply_code: code, reply_text: text, class_id, method_id };
            Some(AMQPFrame::Method(channel, AMQPClass::Channel(channel::AMQPMethod::Close(close))))
        }
        (10, 50) => {
            let close = connection::Close { reply_code: code, reply_text: text, class_id, method_id };
            Some(AMQPFrame::Method(channel, AMQPClass::Connection(connection::AMQPMethod::Close(close))))
        }
        _ => None,
    }
}

/// `basic.ack`, read without the parser: it is most of what a publisher reads.
fn fast_ack(frame: &[u8]) -> Option<Inbound> {
    if frame[0] != METHOD || frame.len() != ACK_PAYLOAD + FRAME_OVERHEAD || frame[7..11] != [0, 60, 0, 80] {
        return None;
    }
    let mut tag = [0u8; 8];
    tag.copy_from_slice(&frame[11..19]);
    Some(Inbound::Ack { channel: u16::from_be_bytes([frame[1], frame[2]]), tag: u64::from_be_bytes(tag), multiple: frame[19] & 1 == 1 })
}

/// What a server that answers with something other than AMQP 0-9-1 frames is told.
fn not_amqp(input: &[u8]) -> String {
    if input.starts_with(b"AMQP") {
        format!("the broker does not speak AMQP 0-9-1 (it answered with the protocol header {:?})", &input[..input.len().min(8)])
    } else {
        "the server did not answer in AMQP 0-9-1: is this RabbitMQ's AMQP port (5672, or 5671 for amqps://), not its management or another service's?".into()
    }
}

fn generate(out: &mut Vec<u8>, frame: &AMQPFrame) -> Result<()> {
    let start = out.len();
    generated(out, gen_frame(frame)).map_err(|e| {
        out.truncate(start);
        Error::Connection(format!("cannot encode {frame}: {e}"))
    })
}

/// Appends what an amq-protocol generator writes. It runs on a reused scratch buffer: a generator takes its
/// buffer by value and drops it when it fails, which must never cost the caller's buffer.
fn generated(out: &mut Vec<u8>, generator: impl SerializeFn<Vec<u8>>) -> std::result::Result<(), GenError> {
    thread_local!(static SCRATCH: Cell<Vec<u8>> = const { Cell::new(Vec::new()) });
    let mut scratch = SCRATCH.take();
    scratch.clear();
    let (scratch, _) = generator(WriteContext::from(scratch))?.into_inner();
    out.extend_from_slice(&scratch);
    SCRATCH.set(scratch);
    Ok(())
}

fn open(out: &mut Vec<u8>, kind: u8, channel: u16, size: usize) {
    out.push(kind);
    out.extend_from_slice(&channel.to_be_bytes());
    out.extend_from_slice(&(size as u32).to_be_bytes());
}

fn short<'a>(name: &str, value: &'a str) -> Result<&'a [u8]> {
    if value.len() > 255 {
        return Err(Error::invalid(name, format!("must be at most 255 bytes, {} given", value.len())));
    }
    Ok(value.as_bytes())
}

fn push_short(out: &mut Vec<u8>, value: &[u8]) {
    out.push(value.len() as u8);
    out.extend_from_slice(value);
}

#[cfg(test)]
#[path = "frame_tests.rs"]
mod tests;
