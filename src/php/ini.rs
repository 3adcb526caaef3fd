//! The `amqp_confirm.*` ini settings: defaults that constructor options override.

use crate::core::config::Config;
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};
use super::ffi::{zend_ini_double, zend_ini_long, zend_ini_string};
use crate::core::spool::config::{self as spool, SpoolConfig};
use std::ffi::CStr;
use std::time::Duration;

/// `amqp_confirm.connect_timeout`: default seconds the constructor may take to connect.
pub const CONNECT_TIMEOUT: &CStr = c"amqp_confirm.connect_timeout";
/// `amqp_confirm.confirm_timeout`: default deadline of waits, in seconds.
pub const CONFIRM_TIMEOUT: &CStr = c"amqp_confirm.confirm_timeout";
/// `amqp_confirm.max_in_flight`: default bound on unsettled messages per publisher.
pub const MAX_IN_FLIGHT: &CStr = c"amqp_confirm.max_in_flight";
/// `amqp_confirm.max_in_flight_bytes`: default bound on body bytes in flight per publisher.
pub const MAX_IN_FLIGHT_BYTES: &CStr = c"amqp_confirm.max_in_flight_bytes";
/// `amqp_confirm.max_message_size`: the largest body `publish()` accepts by default, in bytes.
pub const MAX_MESSAGE_SIZE: &CStr = c"amqp_confirm.max_message_size";
/// `amqp_confirm.drain_timeout`: seconds to wait at request end (and when a publisher is destroyed) for
/// outstanding confirmations before logging the ones still unconfirmed.
pub const DRAIN_TIMEOUT: &CStr = c"amqp_confirm.drain_timeout";

/// `amqp_confirm.spool_dir`: the spool directory of publishers that set none (empty: no spool).
pub const SPOOL_DIR: &CStr = c"amqp_confirm.spool_dir";
/// `amqp_confirm.spool_after`: seconds the connection must be down before `publish()` spools.
pub const SPOOL_AFTER: &CStr = c"amqp_confirm.spool_after";
/// `amqp_confirm.spool_max_bytes`: the most bytes a spool directory holds.
pub const SPOOL_MAX_BYTES: &CStr = c"amqp_confirm.spool_max_bytes";
/// `amqp_confirm.spool_max_age`: seconds after which a spooled message is dead-lettered, not delivered.
pub const SPOOL_MAX_AGE: &CStr = c"amqp_confirm.spool_max_age";
/// `amqp_confirm.spool_sync`: `always` (each spooled message synced before `publish()` returns) or `batch`.
pub const SPOOL_SYNC: &CStr = c"amqp_confirm.spool_sync";

static ENTRIES: IniEntryDefs<12> = IniEntryDefs::new([
    IniEntryDef::new(CONNECT_TIMEOUT, c"10", IniEntryPermission::All),
    IniEntryDef::new(CONFIRM_TIMEOUT, c"30", IniEntryPermission::All),
    IniEntryDef::new(MAX_IN_FLIGHT, c"10000", IniEntryPermission::All),
    IniEntryDef::new(MAX_IN_FLIGHT_BYTES, c"33554432", IniEntryPermission::All),
    IniEntryDef::new(MAX_MESSAGE_SIZE, c"16777216", IniEntryPermission::All),
    IniEntryDef::new(DRAIN_TIMEOUT, c"5", IniEntryPermission::All),
    IniEntryDef::new(SPOOL_DIR, c"", IniEntryPermission::All),
    IniEntryDef::new(SPOOL_AFTER, c"0", IniEntryPermission::All),
    IniEntryDef::new(SPOOL_MAX_BYTES, c"1073741824", IniEntryPermission::All),
    IniEntryDef::new(SPOOL_MAX_AGE, c"604800", IniEntryPermission::All),
    IniEntryDef::new(SPOOL_SYNC, c"always", IniEntryPermission::All),
    IniEntryDef::end(),
]);

/// Registers the settings (module startup).
pub fn register(module_number: i32) {
    IniEntryDef::register(ENTRIES.as_slice(), module_number);
}

/// A setting in seconds; a negative, non-finite or absurd value falls back to `fallback`.
pub fn seconds(name: &CStr, fallback: Duration) -> Duration {
    // SAFETY: the name is a NUL-terminated static string and the engine is running (called from PHP code).
    let value = unsafe { zend_ini_double(name.as_ptr(), name.count_bytes(), 0) };
    if value.is_finite() && value >= 0.0 {
        Duration::try_from_secs_f64(value).unwrap_or(fallback)
    } else {
        fallback
    }
}

/// A whole-number setting within `range`; anything else falls back to `fallback`.
pub fn count(name: &CStr, range: std::ops::RangeInclusive<u64>, fallback: u64) -> u64 {
    // SAFETY: as in `seconds`.
    let value = unsafe { zend_ini_long(name.as_ptr(), name.count_bytes(), 0) };
    u64::try_from(value).ok().filter(|v| range.contains(v)).unwrap_or(fallback)
}

/// A string setting ("" when unset).
pub fn text(name: &CStr) -> String {
    // SAFETY: as in `seconds`; the engine owns the returned string, copied at once.
    let value = unsafe { zend_ini_string(name.as_ptr(), name.count_bytes(), 0) };
    if value.is_null() {
        return String::new();
    }
    // SAFETY: a NUL-terminated string the engine keeps for the setting.
    unsafe { std::ffi::CStr::from_ptr(value) }.to_string_lossy().into_owned()
}

/// The spool settings of the ini, for `dir`.
pub fn spool_defaults(dir: std::path::PathBuf) -> SpoolConfig {
    SpoolConfig {
        after: seconds(SPOOL_AFTER, std::time::Duration::ZERO),
        max_bytes: count(SPOOL_MAX_BYTES, 1..=u64::MAX >> 1, spool::DEFAULT_MAX_BYTES),
        max_age: seconds(SPOOL_MAX_AGE, spool::DEFAULT_MAX_AGE),
        sync_each: text(SPOOL_SYNC) != "batch",
        ..SpoolConfig::new(dir)
    }
}

/// The defaults a constructor starts from: the built-in ones, overridden by the ini settings.
pub fn defaults(uris: Vec<String>) -> Config {
    let builtin = Config::default();
    let max_bytes = super::options::MAX_BYTES as u64;
    Config {
        uris,
        default_connect_timeout: seconds(CONNECT_TIMEOUT, builtin.default_connect_timeout),
        confirm_timeout: seconds(CONFIRM_TIMEOUT, builtin.confirm_timeout),
        max_in_flight: count(MAX_IN_FLIGHT, 1..=1_000_000, builtin.max_in_flight),
        max_in_flight_bytes: count(MAX_IN_FLIGHT_BYTES, 1..=max_bytes, builtin.max_in_flight_bytes),
        max_message_size: count(MAX_MESSAGE_SIZE, 1..=max_bytes, builtin.max_message_size),
        spool: Some(text(SPOOL_DIR)).filter(|d| !d.is_empty()).map(|d| spool_defaults(d.into())),
        ..builtin
    }
}
