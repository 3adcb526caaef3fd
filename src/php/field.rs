//! One entry of an options-like array (`$options`, `$properties`), read as the type it must have, with
//! errors that name it as PHP does: `Method(): Argument #N ($name)["key"] must be of type int, string given`.

use super::exceptions::{type_error, value_error};
use super::table::type_name;
use super::timeout::seconds;
use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};
use std::time::Duration;

/// An entry: the array's name in messages, the key, the value.
pub struct Field<'a> {
    what: &'a str,
    key: &'a str,
    zv: &'a Zval,
}

type Result<T> = std::result::Result<T, PhpException>;

impl<'a> Field<'a> {
    /// The entry `key` of the array named `what` (e.g. `AmqpConfirm\Publisher::publish(): Argument #4 ($properties)`).
    pub fn new(what: &'a str, key: &'a str, zv: &'a Zval) -> Self {
        Field { what, key, zv: zv.dereference() }
    }

    /// How messages name this entry.
    pub fn name(&self) -> String {
        format!("{}[\"{}\"]", self.what, self.key)
    }

    fn wrong_type(&self, expected: &str) -> PhpException {
        type_error(format!("{} must be of type {expected}, {} given", self.name(), type_name(self.zv)))
    }

    /// A string (no conversion from other types).
    pub fn string(&self) -> Result<String> {
        self.zv.string().filter(|_| self.zv.is_string()).ok_or_else(|| self.wrong_type("string"))
    }

    /// An int within `min..=max`.
    pub fn int(&self, min: i64, max: i64) -> Result<i64> {
        let n = self.zv.long().ok_or_else(|| self.wrong_type("int"))?;
        if n < min || n > max {
            return Err(value_error(format!("{} must be between {min} and {max}, {n} given", self.name())));
        }
        Ok(n)
    }

    /// Whether the value is an int (for entries that accept an int or a string).
    pub fn is_int(&self) -> bool {
        self.zv.is_long()
    }

    /// A bool.
    pub fn flag(&self) -> Result<bool> {
        self.zv.bool().ok_or_else(|| self.wrong_type("bool"))
    }

    /// An array.
    pub fn array(&self) -> Result<&'a ZendHashTable> {
        self.zv.array().ok_or_else(|| self.wrong_type("array"))
    }

    /// A number of seconds (float or int), finite and not negative.
    pub fn seconds(&self) -> Result<Duration> {
        let value = self.zv.double().or_else(|| self.zv.long().map(|i| i as f64)).ok_or_else(|| self.wrong_type("float"))?;
        seconds(&self.name(), value)
    }
}
