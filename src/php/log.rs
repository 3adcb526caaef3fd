//! Writing to the PHP error log (the `error_log` ini setting; stderr in the CLI when it is unset).

use super::ffi::php_log_err_with_severity;
use std::ffi::{c_int, CString};

const LOG_WARNING: c_int = 4;

/// Logs one line.
pub fn error_log(message: &str) {
    let Ok(line) = CString::new(message.replace('\0', "\\0")) else { return };
    // SAFETY: the pointer is a valid NUL-terminated string for the duration of the call.
    unsafe { php_log_err_with_severity(line.as_ptr(), LOG_WARNING) };
}
