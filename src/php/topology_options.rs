//! The `$options` arrays of the topology methods.

use super::exceptions::value_error;
use super::field::Field;
use super::table::{entries, table};
use crate::core::message::HeaderValue;
use crate::core::topology::Flags;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::ZendHashTable;

/// Declaration flags and x-arguments read from an options array; `allowed` lists the flag names.
pub fn flags(
    what: &str,
    options: Option<&ZendHashTable>,
    allowed: &[&str],
) -> Result<(Flags, Vec<(String, HeaderValue)>), PhpException> {
    let mut flags = Flags::default();
    let mut arguments = Vec::new();
    let entries = options.map(|ht| entries(what, ht)).transpose()?.unwrap_or_default();
    for (key, zv) in entries {
        if !allowed.contains(&key.as_str()) {
            return Err(value_error(format!("{what} has an unknown key \"{key}\" (known: {})", allowed.join(", "))));
        }
        let f = Field::new(what, &key, zv);
        if key == "arguments" {
            arguments = table(&f.name(), f.array()?)?;
            continue;
        }
        let value = f.flag()?;
        match key.as_str() {
            "durable" => flags.durable = value,
            "auto_delete" => flags.auto_delete = value,
            "exclusive" => flags.exclusive = value,
            "internal" => flags.internal = value,
            "passive" => flags.passive = value,
            "if_unused" => flags.if_unused = value,
            "if_empty" => flags.if_empty = value,
            _ => {}
        }
    }
    Ok((flags, arguments))
}
