//! One spooled message as bytes: a framed record (magic, length, CRC-32 of the payload) so that a record torn
//! by a crash at the end of a segment, or damaged bytes, are told apart from the records before them.

/// What starts every record.
const MAGIC: &[u8; 4] = b"AQS1";
/// Magic, payload length, CRC-32.
pub const HEAD: usize = 12;
/// The payload's layout version.
const VERSION: u8 = 1;
const MANDATORY: u8 = 1;
const HAS_REASON: u8 = 2;

/// A message as the spool keeps it: where it goes, its encoded properties (a content header's property flags
/// and list, as on the wire) and its body; a dead letter also keeps why it is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// When it was spooled, in milliseconds since the epoch.
    pub spooled_at_ms: u64,
    /// Its `message_id`.
    pub message_id: String,
    /// The exchange.
    pub exchange: String,
    /// The routing key.
    pub routing_key: String,
    /// Whether the broker returns it when unroutable.
    pub mandatory: bool,
    /// Its properties, encoded as a content header carries them.
    pub properties: Vec<u8>,
    /// The body.
    pub body: Vec<u8>,
    /// Why it was dead-lettered (only in the dead-letter file).
    pub reason: Option<String>,
}

/// What the bytes at an offset hold.
#[derive(Debug, PartialEq)]
pub enum Read {
    /// A whole, intact record, and the bytes it takes.
    Record(Record, usize),
    /// Nothing: the end of the segment.
    End,
    /// Bytes that are not a whole intact record: torn by a crash while being written, or damaged.
    Torn(String),
}

impl Record {
    /// The record's bytes, framed.
    pub fn encode(&self) -> Vec<u8> {
        let mut p = Vec::with_capacity(64 + self.properties.len() + self.body.len());
        p.push(VERSION);
        p.push(if self.mandatory { MANDATORY } else { 0 } | if self.reason.is_some() { HAS_REASON } else { 0 });
        p.extend_from_slice(&self.spooled_at_ms.to_be_bytes());
        for text in [&self.message_id, &self.exchange, &self.routing_key] {
            let text = &text.as_bytes()[..text.len().min(255)];
            p.push(text.len() as u8);
            p.extend_from_slice(text);
        }
        if let Some(reason) = &self.reason {
            let reason = &reason.as_bytes()[..reason.len().min(65535)];
            p.extend_from_slice(&(reason.len() as u16).to_be_bytes());
            p.extend_from_slice(reason);
        }
        p.extend_from_slice(&(self.properties.len() as u32).to_be_bytes());
        p.extend_from_slice(&self.properties);
        p.extend_from_slice(&self.body);
        let mut out = Vec::with_capacity(HEAD + p.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(p.len() as u32).to_be_bytes());
        out.extend_from_slice(&crc32(&p).to_be_bytes());
        out.extend_from_slice(&p);
        out
    }

    /// Reads the record at the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Read {
        if bytes.is_empty() {
            return Read::End;
        }
        if bytes.len() < HEAD {
            return Read::Torn(format!("{} byte(s) of a record head", bytes.len()));
        }
        if &bytes[..4] != MAGIC {
            return Read::Torn("no record starts here".into());
        }
        let len = u32::from_be_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let crc = u32::from_be_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        let Some(payload) = bytes.get(HEAD..HEAD + len) else {
            return Read::Torn(format!("{} of the record's {len} bytes", bytes.len() - HEAD));
        };
        if crc32(payload) != crc {
            return Read::Torn("the record's checksum does not match".into());
        }
        match parse(payload) {
            Some(record) => Read::Record(record, HEAD + len),
            None => Read::Torn("the record's fields do not fit its length".into()),
        }
    }

    /// The record of a message published now (its properties already carry the spool's header).
    pub fn spooled(message_id: &str, exchange: &str, routing_key: &str, mandatory: bool, properties: Vec<u8>, body: &[u8]) -> Record {
        Record {
            spooled_at_ms: super::now_ms(),
            message_id: message_id.to_string(),
            exchange: exchange.to_string(),
            routing_key: routing_key.to_string(),
            mandatory,
            properties,
            body: body.to_vec(),
            reason: None,
        }
    }
}

/// The payload's fields; `None` when they do not fit.
fn parse(p: &[u8]) -> Option<Record> {
    let mut c = Cursor { p, at: 0 };
    if c.take(1)?[0] != VERSION {
        return None;
    }
    let flags = c.take(1)?[0];
    let spooled_at_ms = u64::from_be_bytes(c.take(8)?.try_into().ok()?);
    let [message_id, exchange, routing_key] = [c.short()?, c.short()?, c.short()?];
    let reason = if flags & HAS_REASON != 0 {
        let len = u16::from_be_bytes(c.take(2)?.try_into().ok()?) as usize;
        Some(String::from_utf8_lossy(c.take(len)?).into_owned())
    } else {
        None
    };
    let plen = u32::from_be_bytes(c.take(4)?.try_into().ok()?) as usize;
    let properties = c.take(plen)?.to_vec();
    let body = c.p[c.at..].to_vec();
    Some(Record { spooled_at_ms, message_id, exchange, routing_key, mandatory: flags & MANDATORY != 0, properties, body, reason })
}

/// Reads a payload field by field.
struct Cursor<'a> {
    p: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let part = self.p.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(part)
    }

    /// A text of at most 255 bytes, after its length octet.
    fn short(&mut self) -> Option<String> {
        let len = self.take(1)?[0] as usize;
        Some(String::from_utf8_lossy(self.take(len)?).into_owned())
    }
}

/// CRC-32 (IEEE 802.3, as zlib computes it).
pub fn crc32(bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    !bytes.iter().fold(!0u32, |c, b| table[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(reason: Option<&str>) -> Record {
        Record {
            spooled_at_ms: 1_700_000_000_123,
            message_id: "id-1".into(),
            exchange: "ex".into(),
            routing_key: "rk".into(),
            mandatory: true,
            properties: vec![0x10, 0, 2],
            body: b"hello".to_vec(),
            reason: reason.map(str::to_string),
        }
    }

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn a_record_reads_back_as_written() {
        for reason in [None, Some("nacked by the broker")] {
            let bytes = sample(reason).encode();
            assert_eq!(Record::decode(&bytes), Read::Record(sample(reason), bytes.len()));
        }
        assert_eq!(Record::decode(&[]), Read::End);
    }

    #[test]
    fn every_cut_of_a_record_is_torn_and_a_flipped_byte_is_caught() {
        let bytes = sample(None).encode();
        for cut in 1..bytes.len() {
            assert!(matches!(Record::decode(&bytes[..cut]), Read::Torn(_)), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x40;
            assert!(!matches!(Record::decode(&bad), Read::Record(ref r, _) if *r == sample(None)), "flip at {at}");
        }
    }
}
