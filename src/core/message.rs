//! A message to publish, held as plain Rust data (never PHP values), and its AMQP encoding.

use super::error::{Error, Result};
use lapin::types::{AMQPValue, ByteArray, DecimalValue, FieldArray, FieldTable, LongString, ShortString};
#[cfg(test)]
use lapin::BasicProperties;

/// A header value: what PHP arrays can hold and AMQP tables can carry.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderValue {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit signed integer.
    Int(i64),
    /// A double.
    Float(f64),
    /// A byte string (AMQP long string `S`).
    Bytes(Vec<u8>),
    /// Raw bytes (AMQP byte array `x`, what Go clients read as `[]byte`).
    ByteArray(Vec<u8>),
    /// A list (AMQP field array).
    List(Vec<HeaderValue>),
    /// A map with string keys (AMQP field table).
    Map(Vec<(String, HeaderValue)>),
    /// Seconds since the Unix epoch (AMQP timestamp).
    Timestamp(u64),
    /// `value` x 10^-`scale` (AMQP decimal).
    Decimal {
        /// Digits after the decimal point.
        scale: u8,
        /// The unscaled value.
        value: u32,
    },
}

/// The basic properties a publisher may set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Properties {
    /// MIME content type.
    pub content_type: Option<String>,
    /// MIME content encoding.
    pub content_encoding: Option<String>,
    /// 1 transient, 2 persistent.
    pub delivery_mode: u8,
    /// 0 to 255.
    pub priority: Option<u8>,
    /// Correlation id.
    pub correlation_id: Option<String>,
    /// Reply-to queue.
    pub reply_to: Option<String>,
    /// Per-message TTL in milliseconds, as AMQP carries it: a decimal string.
    pub expiration: Option<String>,
    /// Message id (always set by the time the message is published).
    pub message_id: String,
    /// Seconds since the epoch.
    pub timestamp: Option<u64>,
    /// Message type.
    pub kind: Option<String>,
    /// Must match the connection's user.
    pub user_id: Option<String>,
    /// Application id.
    pub app_id: Option<String>,
    /// Application headers.
    pub headers: Option<Vec<(String, HeaderValue)>>,
}

/// Everything needed to publish one message, borrowed from the caller's arguments (the wire engine encodes
/// straight from them).
#[derive(Debug, Clone, PartialEq)]
pub struct Message<'a> {
    /// Exchange name ("" is the default exchange), at most 255 bytes (see [`short`]).
    pub exchange: &'a str,
    /// Routing key, at most 255 bytes.
    pub routing_key: &'a str,
    /// The body, bytes.
    pub body: &'a [u8],
    /// Basic properties.
    pub properties: Properties,
    /// Ask the broker to return the message when it cannot be routed.
    pub mandatory: bool,
}

/// Checks that a value fits an AMQP short string (at most 255 bytes); `name` is the PHP argument name.
pub fn short<'a>(name: &str, value: &'a str) -> Result<&'a str> {
    if value.len() > 255 {
        return Err(Error::invalid(name, format!("must be at most 255 bytes, {} given", value.len())));
    }
    Ok(value)
}

/// Checks an AMQP short string (at most 255 bytes) and converts it; `name` is the PHP argument name.
pub fn short_string(name: &str, value: &str) -> Result<ShortString> {
    ShortString::try_new(short(name, value)?.to_string())
        .map_err(|_| Error::invalid(name, format!("must be at most 255 bytes, {} given", value.len())))
}

impl Properties {
    /// Checks every length limit (the message id, each text property, each header key, nested too), before the
    /// message takes its place: the wire engine encodes it later, without allocating (`wire::frame`).
    pub fn check(&self) -> Result<()> {
        short("$properties[\"message_id\"]", &self.message_id)?;
        let texts = [
            ("content_type", &self.content_type),
            ("content_encoding", &self.content_encoding),
            ("correlation_id", &self.correlation_id),
            ("reply_to", &self.reply_to),
            ("expiration", &self.expiration),
            ("type", &self.kind),
            ("user_id", &self.user_id),
            ("app_id", &self.app_id),
        ];
        for (name, value) in texts {
            if let Some(v) = value.as_deref().filter(|v| v.len() > 255) {
                short(&format!("$properties[\"{name}\"]"), v)?;
            }
        }
        self.headers.as_deref().map_or(Ok(()), check_table)
    }

    /// The properties as amq-protocol holds them (the reference the wire encoding is tested against).
    #[cfg(test)]
    pub fn to_amqp(&self) -> Result<BasicProperties> {
        let mut p = BasicProperties::default()
            .with_delivery_mode(self.delivery_mode)
            .with_message_id(short_string("$properties[\"message_id\"]", &self.message_id)?);
        let short = |name: &str, v: &Option<String>| {
            v.as_deref().map(|s| short_string(&format!("$properties[\"{name}\"]"), s)).transpose()
        };
        if let Some(v) = short("content_type", &self.content_type)? {
            p = p.with_content_type(v);
        }
        if let Some(v) = short("content_encoding", &self.content_encoding)? {
            p = p.with_content_encoding(v);
        }
        if let Some(v) = self.priority {
            p = p.with_priority(v);
        }
        if let Some(v) = short("correlation_id", &self.correlation_id)? {
            p = p.with_correlation_id(v);
        }
        if let Some(v) = short("reply_to", &self.reply_to)? {
            p = p.with_reply_to(v);
        }
        if let Some(v) = short("expiration", &self.expiration)? {
            p = p.with_expiration(v);
        }
        if let Some(v) = self.timestamp {
            p = p.with_timestamp(v);
        }
        if let Some(v) = short("type", &self.kind)? {
            p = p.with_type(v);
        }
        if let Some(v) = short("user_id", &self.user_id)? {
            p = p.with_user_id(v);
        }
        if let Some(v) = short("app_id", &self.app_id)? {
            p = p.with_app_id(v);
        }
        if let Some(headers) = &self.headers {
            p = p.with_headers(field_table(headers)?);
        }
        Ok(p)
    }
}

/// Checks the keys of a table and of the tables and lists in it.
fn check_table(entries: &[(String, HeaderValue)]) -> Result<()> {
    entries.iter().try_for_each(|(key, value)| short("a table key", key).and_then(|_| check_value(value)))
}

fn check_value(value: &HeaderValue) -> Result<()> {
    match value {
        HeaderValue::List(items) => items.iter().try_for_each(check_value),
        HeaderValue::Map(entries) => check_table(entries),
        _ => Ok(()),
    }
}

/// Encodes string-keyed entries as an AMQP field table (headers, queue arguments).
pub fn field_table(entries: &[(String, HeaderValue)]) -> Result<FieldTable> {
    let mut t = FieldTable::default();
    for (key, value) in entries {
        t.insert(short_string("a table key", key)?, amqp_value(value)?);
    }
    Ok(t)
}

fn amqp_value(value: &HeaderValue) -> Result<AMQPValue> {
    Ok(match value {
        HeaderValue::Null => AMQPValue::Void,
        HeaderValue::Bool(b) => AMQPValue::Boolean(*b),
        HeaderValue::Int(i) => AMQPValue::LongLongInt(*i),
        HeaderValue::Float(f) => AMQPValue::Double(*f),
        HeaderValue::Bytes(b) => AMQPValue::LongString(LongString::from(b.clone())),
        HeaderValue::ByteArray(b) => AMQPValue::ByteArray(ByteArray::from(b.clone())),
        HeaderValue::List(items) => {
            let mut a = FieldArray::default();
            for item in items {
                a.push(amqp_value(item)?);
            }
            AMQPValue::FieldArray(a)
        }
        HeaderValue::Map(entries) => AMQPValue::FieldTable(field_table(entries)?),
        HeaderValue::Timestamp(t) => AMQPValue::Timestamp(*t),
        HeaderValue::Decimal { scale, value } => AMQPValue::DecimalValue(DecimalValue { scale: *scale, value: *value }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_short_strings_are_an_error_not_a_panic() {
        let long = "x".repeat(256);
        assert!(short_string("$exchange", &"x".repeat(255)).is_ok());
        let err = short_string("$exchange", &long).unwrap_err();
        assert_eq!(err.to_string(), "$exchange must be at most 255 bytes, 256 given");
        let props = Properties { message_id: "m".into(), app_id: Some(long.clone()), ..Default::default() };
        assert_eq!(props.check().unwrap_err().to_string(), "$properties[\"app_id\"] must be at most 255 bytes, 256 given");
        assert!(props.to_amqp().is_err());
        let nested = HeaderValue::List(vec![HeaderValue::Map(vec![(long.clone(), HeaderValue::Null)])]);
        let props = Properties { message_id: "m".into(), headers: Some(vec![("k".into(), nested)]), ..Default::default() };
        assert_eq!(props.check().unwrap_err().to_string(), "a table key must be at most 255 bytes, 256 given");
        assert!(props.to_amqp().is_err());
    }

    #[test]
    fn nested_headers_encode_to_the_matching_amqp_types() {
        let props = Properties {
            message_id: "m".into(),
            delivery_mode: 2,
            headers: Some(vec![
                ("i".into(), HeaderValue::Int(-5)),
                ("l".into(), HeaderValue::List(vec![HeaderValue::Bool(true), HeaderValue::Null])),
                ("m".into(), HeaderValue::Map(vec![("f".into(), HeaderValue::Float(1.5))])),
                ("b".into(), HeaderValue::Bytes(vec![0, 255])),
                ("x".into(), HeaderValue::ByteArray(vec![0, 255])),
                ("t".into(), HeaderValue::Timestamp(1_700_000_000)),
                ("d".into(), HeaderValue::Decimal { scale: 2, value: 1234 }),
            ]),
            ..Default::default()
        };
        let amqp = props.to_amqp().unwrap();
        let headers = amqp.headers().as_ref().unwrap();
        let inner = headers.inner();
        assert_eq!(inner.get(&ShortString::from("i")), Some(&AMQPValue::LongLongInt(-5)));
        assert!(matches!(inner.get(&ShortString::from("l")), Some(AMQPValue::FieldArray(a)) if a.as_slice().len() == 2));
        assert!(matches!(inner.get(&ShortString::from("m")), Some(AMQPValue::FieldTable(_))));
        assert_eq!(inner.get(&ShortString::from("t")), Some(&AMQPValue::Timestamp(1_700_000_000)));
        assert_eq!(inner.get(&ShortString::from("x")), Some(&AMQPValue::ByteArray(ByteArray::from(vec![0u8, 255]))));
        assert_eq!(inner.get(&ShortString::from("b")), Some(&AMQPValue::LongString(LongString::from(vec![0u8, 255]))));
        assert_eq!(
            inner.get(&ShortString::from("d")),
            Some(&AMQPValue::DecimalValue(DecimalValue { scale: 2, value: 1234 }))
        );
        assert_eq!(amqp.delivery_mode(), &Some(2));
    }
}
