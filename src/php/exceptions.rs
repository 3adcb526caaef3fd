//! The exception classes, and the one place that maps core errors to PHP exceptions.
//!
//! The classes are registered at module startup the way C extensions register theirs: with no object factory
//! or constructor of ours, so each inherits PHP's own (`new TimeoutException('m', 5, $previous)` works, a
//! userland subclass is instantiated as itself, file and line are those of the PHP call, `serialize()` works).
//! What the extension adds is a protected property with a getter: the `Confirmation` of the message
//! (`getConfirmation()`) and the broker's reply text (`getReplyText()`; the reply code is `getCode()`).

use super::ffi::{spl_ce_RuntimeException, zend_read_property, zend_update_property};
use crate::core::error::Error;
use ext_php_rs::builders::{ClassBuilder, ClassProperty, FunctionBuilder};
use ext_php_rs::class::ClassEntryInfo;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::flags::{DataType, MethodFlags, PropertyFlags};
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ce, ClassEntry, ExecuteData};
use std::ffi::CStr;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The extension's exception classes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
    /// `AmqpConfirm\Exception`, base of the others, a `\RuntimeException`.
    Base,
    /// `AmqpConfirm\ConnectionException`.
    Connection,
    /// `AmqpConfirm\ChannelException`.
    Channel,
    /// `AmqpConfirm\TimeoutException`.
    Timeout,
    /// `AmqpConfirm\NackedException`.
    Nacked,
    /// `AmqpConfirm\ReturnedException`.
    Returned,
    /// `AmqpConfirm\PublishFailedException`.
    PublishFailed,
    /// `AmqpConfirm\SpoolException`: the spool cannot take a message (full, or the disk refused it).
    Spool,
}

const CLASSES: [Class; 8] =
    [Class::Base, Class::Connection, Class::Channel, Class::Timeout, Class::Nacked, Class::Returned, Class::PublishFailed, Class::Spool];

static ENTRIES: [AtomicPtr<ClassEntry>; 8] = [const { AtomicPtr::new(std::ptr::null_mut()) }; 8];

const CONFIRMATION: &CStr = c"confirmation";
const REPLY_TEXT: &CStr = c"replyText";

impl Class {
    /// The PHP class name.
    pub fn name(self) -> &'static str {
        match self {
            Class::Base => "AmqpConfirm\\Exception",
            Class::Connection => "AmqpConfirm\\ConnectionException",
            Class::Channel => "AmqpConfirm\\ChannelException",
            Class::Timeout => "AmqpConfirm\\TimeoutException",
            Class::Nacked => "AmqpConfirm\\NackedException",
            Class::Returned => "AmqpConfirm\\ReturnedException",
            Class::PublishFailed => "AmqpConfirm\\PublishFailedException",
            Class::Spool => "AmqpConfirm\\SpoolException",
        }
    }

    fn has_confirmation(self) -> bool {
        matches!(self, Class::Nacked | Class::Returned | Class::PublishFailed)
    }

    fn has_reply_text(self) -> bool {
        matches!(self, Class::Channel | Class::Returned | Class::PublishFailed)
    }

    /// The registered class entry.
    pub fn entry(self) -> &'static ClassEntry {
        let ptr = ENTRIES[self as usize].load(Ordering::Acquire);
        // SAFETY: set at module startup, before any PHP code runs; class entries live for the process.
        unsafe { ptr.as_ref() }.unwrap_or_else(|| ce::exception())
    }
}

fn runtime_exception() -> &'static ClassEntry {
    // SAFETY: SPL is always started before any other extension, so the pointer is set and lives forever.
    unsafe { &*spl_ce_RuntimeException }
}

fn base() -> &'static ClassEntry {
    Class::Base.entry()
}

fn store<const I: usize>(ce: &'static mut ClassEntry, _: ext_php_rs::args::ArgInfoTables) {
    ENTRIES[I].store(ce, Ordering::Release);
}

const STORE: [fn(&'static mut ClassEntry, ext_php_rs::args::ArgInfoTables); 8] =
    [store::<0>, store::<1>, store::<2>, store::<3>, store::<4>, store::<5>, store::<6>, store::<7>];

fn property(name: &CStr, default: fn() -> ext_php_rs::error::Result<Zval>, ty: DataType) -> ClassProperty {
    ClassProperty {
        name: name.to_string_lossy().into_owned(),
        flags: PropertyFlags::Protected,
        default: Some(Box::new(default)),
        docs: &[],
        ty: Some(ty),
        nullable: true,
        readonly: false,
        default_stub: None,
    }
}

fn null_zval() -> ext_php_rs::error::Result<Zval> {
    Ok(Zval::null())
}

fn empty_string() -> ext_php_rs::error::Result<Zval> {
    "".into_zval(false)
}

/// Registers the classes (module startup, before the `#[php_class]` classes).
pub fn register() -> ext_php_rs::error::Result<()> {
    for class in CLASSES {
        let parent: ClassEntryInfo =
            if class == Class::Base { (runtime_exception, "\\RuntimeException") } else { (base, "AmqpConfirm\\Exception") };
        let mut builder = ClassBuilder::new(class.name()).extends(parent).registration(STORE[class as usize]);
        if class.has_confirmation() {
            let getter = FunctionBuilder::new("getConfirmation", get_confirmation)
                .returns(DataType::Object("AmqpConfirm\\Confirmation".into()), false, true);
            builder = builder.property(property(CONFIRMATION, null_zval, DataType::Mixed)).method(getter, MethodFlags::Public);
        }
        if class.has_reply_text() {
            let getter = FunctionBuilder::new("getReplyText", get_reply_text).returns(DataType::String, false, false);
            builder = builder.property(property(REPLY_TEXT, empty_string, DataType::String)).method(getter, MethodFlags::Public);
        }
        builder.register()?;
    }
    Ok(())
}

/// Copies the protected property `name` of `$this` into the return value.
fn read_this(ex: &mut ExecuteData, retval: &mut Zval, name: &CStr) {
    let (parser, this) = ex.parser_object();
    let Some(this) = this else { return };
    let this: *mut ZendObject = this;
    if parser.parse().is_err() {
        return;
    }
    let mut rv = Zval::new();
    let scope = std::ptr::from_ref(Class::Base.entry()).cast_mut();
    // SAFETY: `this` is the object the method was called on; the name is NUL-terminated; the engine returns
    // a pointer to the property or to `rv`, valid until `rv` is dropped.
    let value = unsafe { zend_read_property(scope, this, name.as_ptr(), name.count_bytes(), true, &mut rv).as_ref() };
    if let Some(value) = value {
        *retval = value.shallow_clone();
    }
}

extern "C" fn get_confirmation(ex: &mut ExecuteData, retval: &mut Zval) {
    read_this(ex, retval, CONFIRMATION);
}

extern "C" fn get_reply_text(ex: &mut ExecuteData, retval: &mut Zval) {
    read_this(ex, retval, REPLY_TEXT);
}

/// Sets property `name` of `object` as code of class `scope` would.
fn update(scope: &ClassEntry, object: &mut ZendObject, name: &CStr, mut value: Zval) {
    let scope = std::ptr::from_ref(scope).cast_mut();
    // SAFETY: a live object, a NUL-terminated name; the engine copies the value (adding a reference).
    unsafe { zend_update_property(scope, object, name.as_ptr(), name.count_bytes(), &mut value) };
}

/// An exception of one of the extension's classes, built as PHP builds one (file, line and trace of the PHP
/// call), with the message and code set, and the handle and reply text where the class has them. NUL bytes
/// in the message are written as `\0`, as ext-php-rs writes every message it throws.
pub fn exception(class: Class, message: String, code: i32, confirmation: Option<Zval>, reply_text: Option<&str>) -> PhpException {
    let message = message.replace('\0', "\\0");
    let mut object = ZendObject::new(class.entry());
    let exception = ce::exception();
    if let Ok(text) = message.as_str().into_zval(false) {
        update(exception, &mut object, c"message", text);
    }
    update(exception, &mut object, c"code", i64::from(code).into_zval(false).unwrap_or_default());
    if let Some(confirmation) = confirmation.filter(|_| class.has_confirmation()) {
        update(base(), &mut object, CONFIRMATION, confirmation);
    }
    if let (Some(text), true) = (reply_text, class.has_reply_text()) {
        if let Ok(text) = text.into_zval(false) {
            update(base(), &mut object, REPLY_TEXT, text);
        }
    }
    let thrown = PhpException::new(message.clone(), code, class.entry());
    match object.into_zval(false) {
        Ok(zv) => thrown.with_object(zv),
        Err(_) => thrown,
    }
}

/// A `\TypeError` naming what was wrong.
pub fn type_error(message: String) -> PhpException {
    PhpException::new(message.replace('\0', "\\0"), 0, ce::type_error())
}

/// A `\ValueError` naming what was wrong.
pub fn value_error(message: String) -> PhpException {
    PhpException::new(message.replace('\0', "\\0"), 0, ce::value_error())
}

/// Maps a core error to the PHP exception a user catches; `method` prefixes argument errors.
pub fn to_php(err: Error, method: &str) -> PhpException {
    to_php_with(err, method, None)
}

/// As `to_php`, attaching the message's `Confirmation` to the exceptions that carry one.
pub fn to_php_with(err: Error, method: &str, confirmation: Option<Zval>) -> PhpException {
    let message = err.to_string();
    match err {
        Error::InvalidArgument { .. } => value_error(format!("{method}: {message}")),
        Error::Connection(_) | Error::Closed(_) => exception(Class::Connection, message, 0, None, None),
        Error::Channel { code, text } => exception(Class::Channel, message, code.into(), None, Some(&text)),
        Error::Timeout(_) => exception(Class::Timeout, message, 0, None, None),
        Error::Spool(_) => exception(Class::Spool, message, 0, None, None),
        Error::Nacked { .. } => exception(Class::Nacked, message, 0, confirmation, None),
        Error::Returned { code, text, .. } => exception(Class::Returned, message, code.into(), confirmation, Some(&text)),
        Error::PublishFailed { code, cause, .. } => {
            exception(Class::PublishFailed, message, code.into(), confirmation, Some(&cause))
        }
    }
}
