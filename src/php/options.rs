//! The `$options` array of the Publisher constructor, checked and turned into a core config.

use super::exceptions::{type_error, value_error};
use super::table::{entries, type_name};
use super::timeout::timeout;
use crate::core::config::Config;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};
use std::time::Duration;

/// The option names the constructor accepts.
pub const NAMES: [&str; 13] = [
    "connection_name",
    "connect_timeout",
    "confirm_timeout",
    "max_in_flight",
    "cafile",
    "certfile",
    "keyfile",
    "verify_peer",
    "reconnect_attempts",
    "reconnect_backoff",
    "max_attempts",
    "retry_nacked",
    "persistent",
];

const WHAT: &str = "AmqpConfirm\\Publisher::__construct(): Argument #2 ($options)";

fn string(key: &str, zv: &Zval) -> Result<String, PhpException> {
    let zv = zv.dereference();
    zv.string()
        .filter(|_| zv.is_string())
        .ok_or_else(|| type_error(format!("{WHAT}[\"{key}\"] must be of type string, {} given", type_name(zv))))
}

fn int(key: &str, zv: &Zval, min: i64, max: i64) -> Result<u32, PhpException> {
    let n = zv
        .dereference()
        .long()
        .ok_or_else(|| type_error(format!("{WHAT}[\"{key}\"] must be of type int, {} given", type_name(zv))))?;
    if n < min || n > max {
        return Err(value_error(format!("{WHAT}[\"{key}\"] must be between {min} and {max}, {n} given")));
    }
    Ok(n as u32)
}

fn flag(key: &str, zv: &Zval) -> Result<bool, PhpException> {
    zv.dereference()
        .bool()
        .ok_or_else(|| type_error(format!("{WHAT}[\"{key}\"] must be of type bool, {} given", type_name(zv))))
}

fn backoff(zv: &Zval) -> Result<(Duration, Duration), PhpException> {
    let wrong = || {
        value_error(format!("{WHAT}[\"reconnect_backoff\"] must be [initial, max] in seconds with initial <= max"))
    };
    let ht = zv.dereference().array().ok_or_else(|| {
        type_error(format!("{WHAT}[\"reconnect_backoff\"] must be of type array, {} given", type_name(zv)))
    })?;
    let values: Vec<&Zval> = ht.values().collect();
    let [initial, max] = values.as_slice() else { return Err(wrong()) };
    let (initial, max) = (seconds("reconnect_backoff", initial)?, seconds("reconnect_backoff", max)?);
    if initial > max || initial.is_zero() {
        return Err(wrong());
    }
    Ok((initial, max))
}

fn seconds(key: &str, zv: &Zval) -> Result<Duration, PhpException> {
    let zv = zv.dereference();
    let value = zv.double().or_else(|| zv.long().map(|i| i as f64)).ok_or_else(|| {
        type_error(format!("{WHAT}[\"{key}\"] must be of type float, {} given", type_name(zv)))
    })?;
    timeout("AmqpConfirm\\Publisher::__construct()", &format!("Argument #2 ($options)[\"{key}\"]"), Some(value), Duration::ZERO)
}

/// Builds the config from the URI, the ini defaults and the options (and says whether `persistent` was
/// asked); unknown option names are a `\ValueError`.
pub fn config(uri: String, options: Option<&ZendHashTable>) -> Result<(Config, bool), PhpException> {
    let mut config = super::ini::defaults(uri);
    let mut persistent = false;
    let entries = options.map(|ht| entries(WHAT, ht)).transpose()?.unwrap_or_default();
    for (key, zv) in entries {
        match key.as_str() {
            "connection_name" => config.connection_name = Some(string(&key, zv)?),
            "connect_timeout" => config.connect_timeout = Some(seconds(&key, zv)?),
            "confirm_timeout" => config.confirm_timeout = seconds(&key, zv)?,
            "max_in_flight" => config.max_in_flight = int(&key, zv, 1, 1_000_000)?.into(),
            "reconnect_attempts" => config.reconnect_attempts = int(&key, zv, 0, 1000)?,
            "reconnect_backoff" => config.reconnect_backoff = backoff(zv)?,
            "max_attempts" => config.max_attempts = int(&key, zv, 1, 100)?,
            "retry_nacked" => config.retry_nacked = flag(&key, zv)?,
            "persistent" => persistent = flag(&key, zv)?,
            "cafile" => config.tls.cafile = Some(string(&key, zv)?),
            "certfile" => config.tls.certfile = Some(string(&key, zv)?),
            "keyfile" => config.tls.keyfile = Some(string(&key, zv)?),
            "verify_peer" => {
                if !flag(&key, zv)? {
                    return Err(value_error(format!(
                        "{WHAT}[\"verify_peer\"] = false is not supported: pass the broker's CA as \"cafile\" instead"
                    )));
                }
            }
            other => {
                return Err(value_error(format!("{WHAT} has an unknown key \"{other}\" (known: {})", NAMES.join(", "))))
            }
        }
    }
    Ok((config, persistent))
}
