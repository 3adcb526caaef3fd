//! The exception classes, and the one place that maps core errors to PHP exceptions.

use crate::core::error::Error;
use ext_php_rs::class::RegisteredClass;
use ext_php_rs::exception::PhpException;
use ext_php_rs::ffi::zend_class_entry;
use ext_php_rs::prelude::*;
use ext_php_rs::zend::{ce, ClassEntry};

unsafe extern "C" {
    static spl_ce_RuntimeException: *mut zend_class_entry;
}

fn runtime_exception() -> &'static ClassEntry {
    // SAFETY: SPL is always started before any other extension, so the pointer is set and lives forever.
    unsafe { &*spl_ce_RuntimeException }
}

/// Base class of every exception this extension throws for a runtime condition.
#[php_class]
#[php(name = "AmqpConfirm\\Exception")]
#[php(extends(ce = runtime_exception, stub = "\\RuntimeException"))]
#[derive(Default)]
pub struct Exception;

/// The connection could not be made, or was lost; also a closed or forked-away publisher.
#[php_class]
#[php(name = "AmqpConfirm\\ConnectionException")]
#[php(extends(Exception))]
#[derive(Default)]
pub struct ConnectionException;

/// The broker closed a channel in answer to an operation; the code is the AMQP reply code.
#[php_class]
#[php(name = "AmqpConfirm\\ChannelException")]
#[php(extends(Exception))]
#[derive(Default)]
pub struct ChannelException;

/// No outcome came in time; the operation may still complete.
#[php_class]
#[php(name = "AmqpConfirm\\TimeoutException")]
#[php(extends(Exception))]
#[derive(Default)]
pub struct TimeoutException;

/// The broker nacked the message.
#[php_class]
#[php(name = "AmqpConfirm\\NackedException")]
#[php(extends(Exception))]
#[derive(Default)]
pub struct NackedException;

/// The message was mandatory and unroutable; the code is the AMQP reply code (312).
#[php_class]
#[php(name = "AmqpConfirm\\ReturnedException")]
#[php(extends(Exception))]
#[derive(Default)]
pub struct ReturnedException;

/// The channel or connection was lost before the broker answered for the message.
#[php_class]
#[php(name = "AmqpConfirm\\PublishFailedException")]
#[php(extends(Exception))]
#[derive(Default)]
pub struct PublishFailedException;

/// Every exception is made here: ext-php-rs cannot throw a message holding a NUL byte (it would throw a
/// generic `Error` instead), and user input quoted in a message may hold one, so NULs are written as `\0`.
fn exception(message: String, code: i32, ce: &'static ClassEntry) -> PhpException {
    PhpException::new(message.replace('\0', "\\0"), code, ce)
}

/// A `\TypeError` naming what was wrong.
pub fn type_error(message: String) -> PhpException {
    exception(message, 0, ce::type_error())
}

/// A `\ValueError` naming what was wrong.
pub fn value_error(message: String) -> PhpException {
    exception(message, 0, ce::value_error())
}

/// Maps a core error to the PHP exception a user catches; `method` prefixes argument errors.
pub fn to_php(err: Error, method: &str) -> PhpException {
    let message = err.to_string();
    match err {
        Error::InvalidArgument { .. } => value_error(format!("{method}: {message}")),
        Error::Connection(_) | Error::Closed(_) => exception(message, 0, ConnectionException::get_metadata().ce()),
        Error::Channel { code, .. } => exception(message, code.into(), ChannelException::get_metadata().ce()),
        Error::Timeout(_) => exception(message, 0, TimeoutException::get_metadata().ce()),
        Error::Nacked { .. } => exception(message, 0, NackedException::get_metadata().ce()),
        Error::Returned { code, .. } => exception(message, code.into(), ReturnedException::get_metadata().ce()),
        Error::PublishFailed { code, .. } => exception(message, code.into(), PublishFailedException::get_metadata().ce()),
    }
}
