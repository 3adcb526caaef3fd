//! The PHP engine functions and globals this extension uses that `ext_php_rs::ffi` does not declare. All are
//! exported by PHP itself (`ZEND_FASTCALL` is a no-op on x86-64 and aarch64 Linux); keep every such
//! declaration here.

use ext_php_rs::ffi::{zend_class_entry, zend_object, HashTable};
use ext_php_rs::types::{ZendStr, Zval};
use ext_php_rs::zend::ModuleEntry;
use std::ffi::{c_char, c_int};

/// `ZEND_ATTRIBUTE_PERSISTENT`: the attribute of an internal function lives for the process.
pub const ZEND_ATTRIBUTE_PERSISTENT: u32 = 1;

unsafe extern "C" {
    /// SPL's `\RuntimeException`.
    pub static spl_ce_RuntimeException: *mut zend_class_entry;
    /// Prints a module's ini settings in `phpinfo()`.
    pub fn display_ini_entries(module: *mut ModuleEntry);
    /// An ini setting read as a float.
    pub fn zend_ini_double(name: *const c_char, name_length: usize, orig: c_int) -> f64;
    /// An ini setting read as a string (NULL when not registered).
    pub fn zend_ini_string(name: *const c_char, name_length: usize, orig: c_int) -> *mut c_char;
    /// An ini setting read as an integer.
    pub fn zend_ini_long(name: *const c_char, name_length: usize, orig: c_int) -> i64;
    /// Writes to the error log (`error_log` ini), as `error_log()` does.
    pub fn php_log_err_with_severity(message: *const c_char, syslog_type: c_int);
    /// Coercive-mode string parsing of an argument (fails in strict mode); converts the slot in place.
    pub fn zend_parse_arg_str_slow(arg: *mut Zval, dest: *mut *mut ZendStr, arg_num: u32) -> bool;
    /// Coercive-mode bool parsing of an argument (fails in strict mode).
    pub fn zend_parse_arg_bool_slow(arg: *const Zval, dest: *mut bool, arg_num: u32) -> bool;
    /// Coercive-mode int parsing of an argument (fails in strict mode).
    pub fn zend_parse_arg_long_slow(arg: *const Zval, dest: *mut i64, arg_num: u32) -> bool;
    /// Float parsing of an argument: int widened in both modes, the rest coercive only.
    pub fn zend_parse_arg_double_slow(arg: *const Zval, dest: *mut f64, arg_num: u32) -> bool;
    /// Throws PHP's `TypeError` for argument `arg_num` of the running function, with its standard prefix.
    pub fn zend_argument_type_error(arg_num: u32, format: *const c_char, ...);
    /// Throws PHP's `ValueError` for argument `arg_num` of the running function, with its standard prefix.
    pub fn zend_argument_value_error(arg_num: u32, format: *const c_char, ...);
    /// The type name PHP's messages use for a value (`int`, `array`, a class name...).
    pub fn zend_zval_type_name(arg: *const Zval) -> *const c_char;
    /// Sets a property as code running in `scope` would (visibility checked against `scope`).
    pub fn zend_update_property(scope: *mut zend_class_entry, object: *mut zend_object, name: *const c_char, name_length: usize, value: *mut Zval);
    /// Adds an attribute to a table (`offset`: 0 for the function itself, N + 1 for its parameter N).
    pub fn zend_add_attribute(attributes: *mut *mut HashTable, name: *mut ZendStr, argc: u32, flags: u32, offset: u32, lineno: u32) -> *mut std::ffi::c_void;
    /// Wraps a descriptor in a read-only PHP stream resource (`src/php/stream.c`); the stream owns it.
    pub fn amqp_confirm_stream_from_fd(fd: c_int, out: *mut Zval) -> c_int;
    /// Whether PHP's startup has finished (an extension loaded now comes from `dl()` or a php-fpm pool).
    pub fn php_get_module_initialized() -> c_int;
    /// Raises a PHP error of type `kind` (`E_CORE_WARNING`...) with a printf-style message.
    pub fn zend_error(kind: c_int, format: *const c_char, ...);
    /// Reads a property as code running in `scope` would.
    pub fn zend_read_property(scope: *mut zend_class_entry, object: *mut zend_object, name: *const c_char, name_length: usize, silent: bool, rv: *mut Zval) -> *mut Zval;
}
