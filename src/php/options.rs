//! The `$options` array of the Publisher constructor, checked and turned into a core config.

use super::exceptions::{type_error, value_error};
use super::table::type_name;
use super::timeout::timeout;
use crate::core::config::Config;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};
use std::time::Duration;

/// The option names the constructor accepts.
pub const NAMES: [&str; 8] = [
    "connection_name",
    "connect_timeout",
    "confirm_timeout",
    "max_in_flight",
    "cafile",
    "certfile",
    "keyfile",
    "verify_peer",
];

const WHAT: &str = "AmqpConfirm\\Publisher::__construct(): Argument #2 ($options)";

fn string(key: &str, zv: &Zval) -> Result<String, PhpException> {
    let zv = zv.dereference();
    zv.string()
        .filter(|_| zv.is_string())
        .ok_or_else(|| type_error(format!("{WHAT}[\"{key}\"] must be of type string, {} given", type_name(zv))))
}

fn seconds(key: &str, zv: &Zval) -> Result<Duration, PhpException> {
    let zv = zv.dereference();
    let value = zv.double().or_else(|| zv.long().map(|i| i as f64)).ok_or_else(|| {
        type_error(format!("{WHAT}[\"{key}\"] must be of type float, {} given", type_name(zv)))
    })?;
    timeout("AmqpConfirm\\Publisher::__construct()", &format!("Argument #2 ($options)[\"{key}\"]"), Some(value), Duration::ZERO)
}

/// Builds the config from the URI and options; unknown option names are a `\ValueError`.
pub fn config(uri: String, options: Option<&ZendHashTable>) -> Result<Config, PhpException> {
    let mut config = Config { uri, ..Config::default() };
    for (key, zv) in options.into_iter().flat_map(|ht| ht.iter()) {
        let key = key.to_string();
        match key.as_str() {
            "connection_name" => config.connection_name = Some(string(&key, zv)?),
            "connect_timeout" => config.connect_timeout = Some(seconds(&key, zv)?),
            "confirm_timeout" => config.confirm_timeout = seconds(&key, zv)?,
            "max_in_flight" => {
                let n = zv.dereference().long().ok_or_else(|| {
                    type_error(format!("{WHAT}[\"max_in_flight\"] must be of type int, {} given", type_name(zv)))
                })?;
                if !(1..=1_000_000).contains(&n) {
                    return Err(value_error(format!("{WHAT}[\"max_in_flight\"] must be between 1 and 1000000, {n} given")));
                }
                config.max_in_flight = n as u64;
            }
            "cafile" => config.tls.cafile = Some(string(&key, zv)?),
            "certfile" => config.tls.certfile = Some(string(&key, zv)?),
            "keyfile" => config.tls.keyfile = Some(string(&key, zv)?),
            "verify_peer" => {
                let verify = zv.dereference().bool().ok_or_else(|| {
                    type_error(format!("{WHAT}[\"verify_peer\"] must be of type bool, {} given", type_name(zv)))
                })?;
                if !verify {
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
    Ok(config)
}
