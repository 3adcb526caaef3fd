//! The `$options` array of the Publisher constructor, checked and turned into a core config.

use super::exceptions::value_error;
use super::field::Field;
use super::table::entries;
use crate::core::config::Config;
use crate::core::nodes::NodeOrder;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};
use std::time::Duration;

/// The option names the constructor accepts.
pub const NAMES: [&str; 16] = [
    "connection_name",
    "connect_timeout",
    "confirm_timeout",
    "max_in_flight",
    "max_in_flight_bytes",
    "max_message_size",
    "cafile",
    "certfile",
    "keyfile",
    "verify_peer",
    "reconnect_attempts",
    "reconnect_backoff",
    "max_attempts",
    "retry_nacked",
    "persistent",
    "node_order",
];

/// The largest `max_in_flight_bytes` accepted: 1 TiB.
pub const MAX_BYTES: i64 = 1 << 40;

const WHAT: &str = "AmqpConfirm\\Publisher::__construct(): Argument #2 ($options)";

fn backoff(field: &Field) -> Result<(Duration, Duration), PhpException> {
    let wrong = || value_error(format!("{} must be [initial, max] in seconds with initial <= max", field.name()));
    let values: Vec<&Zval> = field.array()?.values().collect();
    let [initial, max] = values.as_slice() else { return Err(wrong()) };
    let (initial, max) = (Field::new(WHAT, "reconnect_backoff", initial), Field::new(WHAT, "reconnect_backoff", max));
    let (initial, max) = (initial.seconds()?, max.seconds()?);
    if initial > max || initial.is_zero() {
        return Err(wrong());
    }
    Ok((initial, max))
}

/// Builds the config from the URI, the ini defaults and the options (and says whether `persistent` was
/// asked); unknown option names are a `\ValueError`.
pub fn config(uris: Vec<String>, options: Option<&ZendHashTable>) -> Result<(Config, bool), PhpException> {
    let mut config = super::ini::defaults(uris);
    let mut persistent = false;
    let entries = options.map(|ht| entries(WHAT, ht)).transpose()?.unwrap_or_default();
    for (key, zv) in entries {
        let f = Field::new(WHAT, &key, zv);
        match key.as_str() {
            "connection_name" => config.connection_name = Some(f.string()?),
            "connect_timeout" => config.connect_timeout = Some(f.seconds()?),
            "confirm_timeout" => config.confirm_timeout = f.seconds()?,
            "max_in_flight" => config.max_in_flight = f.int(1, 1_000_000)? as u64,
            "max_in_flight_bytes" => config.max_in_flight_bytes = f.int(1, MAX_BYTES)? as u64,
            "max_message_size" => config.max_message_size = f.int(1, MAX_BYTES)? as u64,
            "reconnect_attempts" => config.reconnect_attempts = f.int(0, 1000)? as u32,
            "reconnect_backoff" => config.reconnect_backoff = backoff(&f)?,
            "max_attempts" => config.max_attempts = f.int(1, 100)? as u32,
            "retry_nacked" => config.retry_nacked = f.flag()?,
            "persistent" => persistent = f.flag()?,
            "node_order" => {
                let order = f.string()?;
                config.node_order = NodeOrder::parse(&order)
                    .ok_or_else(|| value_error(format!("{} must be \"shuffle\" or \"ordered\"", f.name())))?;
            }
            "cafile" => config.tls.cafile = Some(f.string()?),
            "certfile" => config.tls.certfile = Some(f.string()?),
            "keyfile" => config.tls.keyfile = Some(f.string()?),
            "verify_peer" => {
                if !f.flag()? {
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
