//! The `$options` array of the Publisher constructor, checked and turned into a core config.

use super::exceptions::value_error;
use super::field::Field;
use super::table::entries;
use crate::core::config::Config;
use crate::core::nodes::NodeOrder;
use crate::core::spool::config::SpoolConfig;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};
use std::time::Duration;

/// The option names the constructor accepts.
pub const NAMES: [&str; 21] = [
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
    "spool_dir",
    "spool_after",
    "spool_max_bytes",
    "spool_max_age",
    "spool_sync",
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
    // the spool's directory first: the other spool settings apply to it
    if let Some((key, zv)) = entries.iter().find(|(k, _)| k == "spool_dir") {
        let f = Field::new(WHAT, key, zv);
        let dir = f.string()?;
        if !dir.is_empty() && !std::path::Path::new(&dir).is_absolute() {
            return Err(value_error(format!("{} must be an absolute path (every process must name the same directory), \"{dir}\" given", f.name())));
        }
        config.spool = (!dir.is_empty()).then(|| super::ini::spool_defaults(dir.into()));
    }
    for (key, zv) in entries {
        let f = Field::new(WHAT, &key, zv);
        if key.starts_with("spool_") && key != "spool_dir" {
            spool_setting(&f, &key, config.spool.as_mut())?;
            continue;
        }
        match key.as_str() {
            "spool_dir" => {}
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

/// One of the spool's settings (`spool_after`, `spool_max_bytes`, `spool_max_age`, `spool_sync`).
fn spool_setting(f: &Field, key: &str, spool: Option<&mut SpoolConfig>) -> Result<(), PhpException> {
    let Some(spool) = spool else {
        return Err(value_error(format!("{} needs a spool directory: set \"spool_dir\" (or amqp_confirm.spool_dir)", f.name())));
    };
    match key {
        "spool_after" => spool.after = f.seconds()?,
        "spool_max_bytes" => spool.max_bytes = f.int(1, i64::MAX)? as u64,
        "spool_max_age" => spool.max_age = f.seconds()?,
        "spool_sync" => {
            spool.sync_each = match f.string()?.as_str() {
                "always" => true,
                "batch" => false,
                _ => return Err(value_error(format!("{} must be \"always\" or \"batch\"", f.name()))),
            }
        }
        other => return Err(value_error(format!("{WHAT} has an unknown key \"{other}\" (known: {})", NAMES.join(", ")))),
    }
    Ok(())
}
