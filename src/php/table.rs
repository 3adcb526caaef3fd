//! PHP arrays to AMQP tables (headers, x-arguments): strings, ints, floats, bools, null, nested arrays, and
//! timestamps (`\DateTimeInterface`, php-amqp's `AMQPTimestamp`), decimals (php-amqp's `AMQPDecimal`) and byte
//! arrays (`AmqpConfirm\ByteArray`).

use super::byte_array::ByteArray;
use super::exceptions::{type_error, value_error};
use crate::core::message::HeaderValue;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, ZendObject, Zval};
use ext_php_rs::zend::ClassEntry;

/// How deep nested arrays may go before they are refused (also stops reference cycles).
pub const MAX_DEPTH: usize = 32;

/// The entries of a PHP array, keys as strings. ext-php-rs's own iterator panics on a key that is not valid
/// UTF-8; here such a key is a `\ValueError` naming `what`.
pub fn entries<'a>(what: &str, ht: &'a ZendHashTable) -> Result<Vec<(String, &'a Zval)>, PhpException> {
    let mut out = Vec::with_capacity(ht.len());
    let mut iter = ht.iter();
    while let Some((key, value)) = iter.next_zval() {
        let key = match key.long() {
            Some(i) => i.to_string(),
            None => key
                .zend_str()
                .and_then(|k| std::str::from_utf8(k.as_bytes()).ok())
                .map(str::to_string)
                .ok_or_else(|| value_error(format!("{what} has a key that is not valid UTF-8")))?,
        };
        out.push((key, value));
    }
    Ok(out)
}

/// Converts a string-keyed PHP array; `what` names it in errors (e.g. `AmqpConfirm\Publisher::publish(): $properties["headers"]`).
pub fn table(what: &str, ht: &ZendHashTable) -> Result<Vec<(String, HeaderValue)>, PhpException> {
    map(what, ht, 0)
}

fn map(what: &str, ht: &ZendHashTable, depth: usize) -> Result<Vec<(String, HeaderValue)>, PhpException> {
    let mut out = Vec::with_capacity(ht.len());
    for (key, value) in entries(what, ht)? {
        if key.len() > 255 {
            return Err(value_error(format!("{what} key must be at most 255 bytes, {} given", key.len())));
        }
        let path = format!("{what}[\"{key}\"]");
        let value = convert(&path, value, depth)?;
        out.push((key, value));
    }
    Ok(out)
}

fn convert(what: &str, zv: &Zval, depth: usize) -> Result<HeaderValue, PhpException> {
    let zv = zv.dereference();
    if zv.is_null() {
        return Ok(HeaderValue::Null);
    }
    if let Some(b) = zv.bool() {
        return Ok(HeaderValue::Bool(b));
    }
    if let Some(i) = zv.long() {
        return Ok(HeaderValue::Int(i));
    }
    if let Some(f) = zv.double() {
        if !f.is_finite() {
            let given = if f.is_nan() { "NAN" } else if f > 0.0 { "INF" } else { "-INF" };
            return Err(value_error(format!(
                "{what} must be a finite float (RabbitMQ closes the connection over INF, -INF and NAN), {given} given"
            )));
        }
        return Ok(HeaderValue::Float(f));
    }
    if let Some(bytes) = zv.binary_slice::<u8>() {
        return Ok(HeaderValue::Bytes(bytes.to_vec()));
    }
    if let Some(ht) = zv.array() {
        if depth + 1 >= MAX_DEPTH {
            return Err(value_error(format!("{what} is nested deeper than {MAX_DEPTH} levels")));
        }
        if ht.has_sequential_keys() {
            let items: Result<Vec<_>, _> =
                ht.values().enumerate().map(|(i, v)| convert(&format!("{what}[{i}]"), v, depth + 1)).collect();
            return Ok(HeaderValue::List(items?));
        }
        return Ok(HeaderValue::Map(map(what, ht, depth + 1)?));
    }
    if let Some(bytes) = zv.extract::<&ByteArray>() {
        return Ok(HeaderValue::ByteArray(bytes.bytes().to_vec()));
    }
    if let Some(obj) = zv.object()
        && let Some(value) = object_value(what, obj)?
    {
        return Ok(value);
    }
    Err(type_error(format!(
        "{what} must be of type string|int|float|bool|null|array|DateTimeInterface|AmqpConfirm\\ByteArray, {} given",
        type_name(zv)
    )))
}

/// A timestamp or decimal object as its AMQP value; `None` for any other object.
fn object_value(what: &str, obj: &ZendObject) -> Result<Option<HeaderValue>, PhpException> {
    let class = obj.get_class_name().unwrap_or_default();
    let is_date = ClassEntry::try_find("DateTimeInterface").is_some_and(|ce| obj.instance_of(ce));
    if is_date || class.eq_ignore_ascii_case("AMQPTimestamp") {
        let seconds = call(what, obj, "getTimestamp")?;
        let seconds = seconds.long().map(|i| i as f64).or_else(|| seconds.double()).or_else(|| seconds.str()?.parse().ok());
        return match seconds {
            Some(s) if (0.0..1.8e19).contains(&s) => Ok(Some(HeaderValue::Timestamp(s as u64))),
            _ => Err(value_error(format!("{what} must be a timestamp at or after 1970-01-01 (an AMQP timestamp is unsigned)"))),
        };
    }
    if class.eq_ignore_ascii_case("AMQPDecimal") {
        let (exponent, significand) = (call(what, obj, "getExponent")?.long(), call(what, obj, "getSignificand")?.long());
        return match (exponent.and_then(|e| u8::try_from(e).ok()), significand.and_then(|v| u32::try_from(v).ok())) {
            (Some(scale), Some(value)) => Ok(Some(HeaderValue::Decimal { scale, value })),
            _ => Err(value_error(format!("{what} is an AMQPDecimal out of the AMQP decimal's range"))),
        };
    }
    Ok(None)
}

fn call(what: &str, obj: &ZendObject, method: &str) -> Result<Zval, PhpException> {
    obj.try_call_method(method, vec![]).map_err(|_| value_error(format!("{what}: {method}() failed")))
}

/// PHP's name for the type of a value, as `get_debug_type()` gives it for non-objects.
pub fn type_name(zv: &Zval) -> String {
    let zv = zv.dereference();
    if let Some(obj) = zv.object() {
        return obj.get_class_name().unwrap_or_else(|_| "object".into());
    }
    if zv.is_resource() {
        return "resource".into();
    }
    match () {
        _ if zv.is_null() => "null",
        _ if zv.is_bool() => "bool",
        _ if zv.is_long() => "int",
        _ if zv.is_double() => "float",
        _ if zv.is_string() => "string",
        _ if zv.is_array() => "array",
        _ => "mixed",
    }
    .into()
}
