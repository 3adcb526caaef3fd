//! Refuses to be loaded after PHP's startup (`dl()`, or `php_admin_value[extension]` in a php-fpm pool, which
//! loads an extension in each worker after the master started): PHP breaks internal enums registered then
//! (php-src#9196: their case table is request memory, freed under the next request), which crashed workers in
//! `Confirmation::status()`. Loaded from php.ini (or `-d extension=`) the extension starts with PHP itself.

use super::ffi::{php_get_module_initialized, zend_error};

/// `E_CORE_WARNING`.
const E_CORE_WARNING: i32 = 32;

/// Whether PHP has finished its startup, i.e. this load comes too late; says why (once) when it does.
pub fn too_late() -> bool {
    // SAFETY: reads a flag of PHP's main module; called on the thread that loads the extension.
    if unsafe { php_get_module_initialized() } == 0 {
        return false;
    }
    let message = c"amqp_confirm cannot be loaded after PHP has started (dl(), or php_admin_value[extension] in a \
        php-fpm pool): PHP does not support the enums of an extension loaded then (php-src#9196). Load it from \
        php.ini or conf.d (extension=amqp_confirm); per-pool settings (php_admin_value[amqp_confirm.*]) work as usual";
    // SAFETY: a constant format string without conversions.
    unsafe { zend_error(E_CORE_WARNING, c"%s".as_ptr(), message.as_ptr()) };
    true
}
