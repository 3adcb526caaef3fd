//! Timeout arguments: seconds as a float, `null` for the publisher's default.

use super::exceptions::value_error;
use ext_php_rs::exception::PhpException;
use std::time::Duration;

/// Converts `?float $timeout`; negative, NaN, infinite or absurdly large values are a `\ValueError`.
pub fn timeout(method: &str, arg: &str, value: Option<f64>, default: Duration) -> Result<Duration, PhpException> {
    let Some(seconds) = value else { return Ok(default) };
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(value_error(format!("{method}: {arg} must be a finite number of seconds >= 0, {seconds} given")));
    }
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| d.as_secs() <= 365 * 24 * 3600)
        .ok_or_else(|| value_error(format!("{method}: {arg} must be at most one year, {seconds} given")))
}
