//! Corrections to what ext-php-rs registers for the methods: a parameter with a non-null default (`bool
//! $mandatory = false`) is declared nullable to ext-php-rs so that null reaches PHP's own conversion (see
//! `args`); here that nullability is taken back out, so Reflection and the stubs show the signature PHP code
//! would have. And the constructor's `$uri`, which holds the password, is marked `#[\SensitiveParameter]`, so
//! stack traces never show it (as PDO's constructor does).

use super::confirmation::Confirmation;
use super::ffi::{zend_add_attribute, ZEND_ATTRIBUTE_PERSISTENT};
use super::publisher::Publisher;
use ext_php_rs::class::RegisteredClass;
use ext_php_rs::ffi::{zend_function, zend_internal_arg_info};
use ext_php_rs::types::ZendStr;
use ext_php_rs::zend::ClassEntry;
use std::ffi::CStr;
use std::sync::Once;

/// PHP's `_ZEND_TYPE_NULLABLE_BIT` (`MAY_BE_NULL`).
const NULLABLE_BIT: u32 = 1 << 1;
/// PHP's `MAY_BE_ARRAY`.
const MAY_BE_ARRAY: u32 = 1 << 7;

static FIXED: Once = Once::new();

/// Corrects the arginfo of every method of the extension's classes, once per process (request startup: the
/// classes are registered by then, and no user code has run yet).
pub fn fix() {
    FIXED.call_once(|| {
        fix_class(Publisher::get_metadata().ce());
        fix_class(Confirmation::get_metadata().ce());
        mark_sensitive(Publisher::get_metadata().ce(), "__construct", 0);
        widen(Publisher::get_metadata().ce(), "__construct", 0, MAY_BE_ARRAY);
    });
}

/// The registered method `class::method` (lower case).
fn method(class: &ClassEntry, method: &str) -> Option<&'static mut zend_function> {
    let zv = class.function_table.get(method)?;
    // SAFETY: a class's function table holds pointers to its zend_function entries, alive for the process.
    unsafe { zv.value.ptr.cast::<zend_function>().as_mut() }
}

/// Adds `types` (a `MAY_BE_*` mask) to the declared type of parameter `offset` of `class::name` (lower case):
/// ext-php-rs declares one type per parameter, `string|array $uri` needs two.
fn widen(class: &ClassEntry, name: &str, offset: usize, types: u32) {
    let Some(function) = method(class, name) else { return };
    // SAFETY: the extension's methods are internal functions; the arginfo holds `num_args` writable entries.
    unsafe {
        let internal = &mut function.internal_function;
        if !internal.arg_info.is_null() && offset < internal.num_args as usize {
            (*internal.arg_info.add(offset)).type_.type_mask |= types;
        }
    }
}

/// Marks parameter `offset` of `class::name` (lower case) as `#[\SensitiveParameter]`.
fn mark_sensitive(class: &ClassEntry, name: &str, offset: u32) {
    let Some(function) = method(class, name) else { return };
    let attribute = ZendStr::new_interned("SensitiveParameter", true).into_raw();
    // SAFETY: a method of a registered (internal) class, so its attributes are persistent, as
    // zend_add_parameter_attribute (an inline function, not exported) would add them.
    unsafe { zend_add_attribute(&mut function.common.attributes, attribute, 0, ZEND_ATTRIBUTE_PERSISTENT, offset + 1, 0) };
}

fn fix_class(ce: &ClassEntry) {
    for zv in ce.function_table.values() {
        // SAFETY: a class's function table holds pointers to its zend_function entries, alive for the process.
        let function = unsafe { zv.value.ptr.cast::<zend_function>().as_mut() };
        let Some(function) = function else { continue };
        // SAFETY: the extension's methods are internal functions.
        let internal = unsafe { &mut function.internal_function };
        if internal.arg_info.is_null() {
            continue;
        }
        for i in 0..internal.num_args as usize {
            // SAFETY: `arg_info` holds `num_args` entries (the engine's own copy, in writable memory).
            let arg = unsafe { &mut *internal.arg_info.add(i) };
            if has_non_null_default(arg) {
                arg.type_.type_mask &= !NULLABLE_BIT;
            }
        }
    }
}

fn has_non_null_default(arg: &zend_internal_arg_info) -> bool {
    if arg.default_value.is_null() {
        return false;
    }
    // SAFETY: a non-null default is a NUL-terminated PHP literal.
    let default = unsafe { CStr::from_ptr(arg.default_value) };
    !default.to_bytes().eq_ignore_ascii_case(b"null")
}
