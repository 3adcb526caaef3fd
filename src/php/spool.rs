//! The PHP `AmqpConfirm\Spool` class: static functions that look into a spool directory (what is spooled, its
//! age and size, the dead letters) and move what no process holds; `bin/amqp-confirm-spool` is built on them.

use super::args::{OptInt, Text};
use super::exceptions::{to_php, value_error};
use crate::core::error::Error;
use crate::core::spool::inventory::{self, Listed};
use crate::core::spool::now_ms;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use std::path::Path;

/// Looks into spool directories.
#[php_class]
#[php(name = "AmqpConfirm\\Spool")]
pub struct Spool;

/// An I/O error on `dir`, as the extension's `SpoolException`.
fn failed(method: &str, dir: &str, e: std::io::Error) -> PhpException {
    to_php(Error::Spool(format!("cannot read the spool directory {dir}: {e}")), method)
}

/// Seconds since `ms` (milliseconds since the epoch).
fn age(ms: u64) -> f64 {
    now_ms().saturating_sub(ms) as f64 / 1000.0
}

/// The `$max` argument: at least 1.
fn max(method: &str, value: Option<i64>) -> PhpResult<usize> {
    match value {
        None => Ok(100),
        Some(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Some(n) => Err(value_error(format!("{method}: Argument #2 ($max) must be at least 1, {n} given"))),
    }
}

fn rows(list: Vec<Listed>) -> PhpResult<Vec<ZBox<ZendHashTable>>> {
    list.into_iter()
        .map(|l| {
            let r = l.record;
            let mut ht = ZendHashTable::new();
            ht.insert("message_id", r.message_id)?;
            ht.insert("exchange", r.exchange)?;
            ht.insert("routing_key", r.routing_key)?;
            ht.insert("size", r.body.len() as i64)?;
            ht.insert("spooled_at", r.spooled_at_ms as f64 / 1000.0)?;
            ht.insert("age", age(r.spooled_at_ms))?;
            if let Some(reason) = r.reason {
                ht.insert("reason", reason)?;
            }
            ht.insert("file", l.file.display().to_string())?;
            ht.insert("offset", l.offset as i64)?;
            Ok(ht)
        })
        .collect()
}

#[php_impl]
impl Spool {
    /// What `$dir` holds: segments, messages not delivered yet, bytes, the oldest message's age in seconds
    /// (null when none), segments held by a live process, dead letters, torn segments set aside.
    pub fn inspect(dir: Text<1>) -> PhpResult<ZBox<ZendHashTable>> {
        const METHOD: &str = "AmqpConfirm\\Spool::inspect()";
        let s = inventory::summarize(Path::new(&dir.0)).map_err(|e| failed(METHOD, &dir.0, e))?;
        let mut ht = ZendHashTable::new();
        ht.insert("dir", dir.0.as_str())?;
        ht.insert("segments", s.segments as i64)?;
        ht.insert("messages", s.records as i64)?;
        ht.insert("bytes", s.bytes as i64)?;
        match s.oldest_ms {
            Some(ms) => ht.insert("oldest_age", age(ms))?,
            None => ht.insert("oldest_age", ())?,
        }
        ht.insert("held", s.held as i64)?;
        ht.insert("dead_letters", s.dead_letters as i64)?;
        ht.insert("torn", s.torn as i64)?;
        Ok(ht)
    }

    /// Up to `$max` messages not delivered yet, in the order they will be delivered per writer.
    pub fn messages(dir: Text<1>, max: OptInt<2>) -> PhpResult<Vec<ZBox<ZendHashTable>>> {
        const METHOD: &str = "AmqpConfirm\\Spool::messages()";
        let max = self::max(METHOD, max.0)?;
        rows(inventory::messages(Path::new(&dir.0), max).map_err(|e| failed(METHOD, &dir.0, e))?)
    }

    /// Up to `$max` dead letters (nacked, returned, refused or expired spooled messages), with their reasons.
    pub fn dead_letters(dir: Text<1>, max: OptInt<2>) -> PhpResult<Vec<ZBox<ZendHashTable>>> {
        const METHOD: &str = "AmqpConfirm\\Spool::deadLetters()";
        let max = self::max(METHOD, max.0)?;
        rows(inventory::dead_letters(Path::new(&dir.0), max).map_err(|e| failed(METHOD, &dir.0, e))?)
    }

    /// Moves every segment no live process holds from `$dir` to `$to` (another spool directory, where any
    /// publisher spooling there delivers it); returns how many segments moved.
    pub fn r#move(dir: Text<1>, to: Text<2>) -> PhpResult<i64> {
        const METHOD: &str = "AmqpConfirm\\Spool::move()";
        let moved = inventory::move_free(Path::new(&dir.0), Path::new(&to.0)).map_err(|e| failed(METHOD, &dir.0, e))?;
        Ok(moved as i64)
    }
}
