//! The `$properties` array of `publish()`, checked and copied into core properties.

use super::exceptions::value_error;
use super::field::Field;
use super::table::{entries, table};
use crate::core::message::Properties;
use crate::core::message_id;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::ZendHashTable;

/// The property names `publish()` accepts.
pub const NAMES: [&str; 13] = [
    "content_type",
    "content_encoding",
    "delivery_mode",
    "priority",
    "correlation_id",
    "reply_to",
    "expiration",
    "message_id",
    "timestamp",
    "type",
    "user_id",
    "app_id",
    "headers",
];

const WHAT: &str = "AmqpConfirm\\Publisher::publish(): Argument #4 ($properties)";

/// Converts `$properties`; a message_id is generated when absent so every message is traceable.
pub fn properties(ht: Option<&ZendHashTable>) -> Result<Properties, PhpException> {
    let mut p = Properties { delivery_mode: 2, ..Properties::default() };
    let mut message_id = None;
    let entries = ht.map(|ht| entries(WHAT, ht)).transpose()?.unwrap_or_default();
    for (key, zv) in entries {
        let f = Field::new(WHAT, &key, zv);
        match key.as_str() {
            "content_type" => p.content_type = Some(f.string()?),
            "content_encoding" => p.content_encoding = Some(f.string()?),
            "delivery_mode" => p.delivery_mode = f.int(1, 2)? as u8,
            "priority" => p.priority = Some(f.int(0, 255)? as u8),
            "correlation_id" => p.correlation_id = Some(f.string()?),
            "reply_to" => p.reply_to = Some(f.string()?),
            "expiration" => {
                let ms = if f.is_int() { f.int(0, i64::from(u32::MAX))?.to_string() } else { f.string()? };
                if ms.is_empty() || !ms.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(value_error(format!(
                        "{WHAT}[\"expiration\"] must be a number of milliseconds, \"{ms}\" given"
                    )));
                }
                p.expiration = Some(ms);
            }
            "message_id" => message_id = Some(f.string()?),
            "timestamp" => p.timestamp = Some(f.int(0, i64::MAX)? as u64),
            "type" => p.kind = Some(f.string()?),
            "user_id" => p.user_id = Some(f.string()?),
            "app_id" => p.app_id = Some(f.string()?),
            "headers" => p.headers = Some(table(&f.name(), f.array()?)?),
            other => {
                return Err(value_error(format!(
                    "{WHAT} has an unknown key \"{other}\" (known: {})",
                    NAMES.join(", ")
                )))
            }
        }
    }
    p.message_id = match message_id {
        Some(id) if !id.is_empty() => id,
        _ => message_id::next(),
    };
    Ok(p)
}
