//! The `$properties` array of `publish()`, checked and copied into core properties.

use super::exceptions::{type_error, value_error};
use super::table::{entries, table, type_name};
use crate::core::message::Properties;
use crate::core::message_id;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};

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

fn string(key: &str, zv: &Zval) -> Result<String, PhpException> {
    zv.dereference()
        .string()
        .filter(|_| zv.dereference().is_string())
        .ok_or_else(|| type_error(format!("{WHAT}[\"{key}\"] must be of type string, {} given", type_name(zv))))
}

fn int(key: &str, zv: &Zval, min: i64, max: i64) -> Result<i64, PhpException> {
    let n = zv
        .dereference()
        .long()
        .ok_or_else(|| type_error(format!("{WHAT}[\"{key}\"] must be of type int, {} given", type_name(zv))))?;
    if n < min || n > max {
        return Err(value_error(format!("{WHAT}[\"{key}\"] must be between {min} and {max}, {n} given")));
    }
    Ok(n)
}

/// Converts `$properties`; a message_id is generated when absent so every message is traceable.
pub fn properties(ht: Option<&ZendHashTable>) -> Result<Properties, PhpException> {
    let mut p = Properties { delivery_mode: 2, ..Properties::default() };
    let mut message_id = None;
    let entries = ht.map(|ht| entries(WHAT, ht)).transpose()?.unwrap_or_default();
    for (key, zv) in entries {
        match key.as_str() {
            "content_type" => p.content_type = Some(string(&key, zv)?),
            "content_encoding" => p.content_encoding = Some(string(&key, zv)?),
            "delivery_mode" => p.delivery_mode = int(&key, zv, 1, 2)? as u8,
            "priority" => p.priority = Some(int(&key, zv, 0, 255)? as u8),
            "correlation_id" => p.correlation_id = Some(string(&key, zv)?),
            "reply_to" => p.reply_to = Some(string(&key, zv)?),
            "expiration" => {
                let ms = match zv.dereference().long() {
                    Some(_) => int(&key, zv, 0, i64::from(u32::MAX))?.to_string(),
                    None => string(&key, zv)?,
                };
                if ms.is_empty() || !ms.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(value_error(format!(
                        "{WHAT}[\"expiration\"] must be a number of milliseconds, \"{ms}\" given"
                    )));
                }
                p.expiration = Some(ms);
            }
            "message_id" => message_id = Some(string(&key, zv)?),
            "timestamp" => p.timestamp = Some(int(&key, zv, 0, i64::MAX)? as u64),
            "type" => p.kind = Some(string(&key, zv)?),
            "user_id" => p.user_id = Some(string(&key, zv)?),
            "app_id" => p.app_id = Some(string(&key, zv)?),
            "headers" => {
                let headers = zv.dereference().array().ok_or_else(|| {
                    type_error(format!("{WHAT}[\"headers\"] must be of type array, {} given", type_name(zv)))
                })?;
                p.headers = Some(table(&format!("{WHAT}[\"headers\"]"), headers)?);
            }
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
