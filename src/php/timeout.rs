//! Timeout arguments: seconds as a float, `null` for the publisher's default.

use super::exceptions::value_error;
use ext_php_rs::exception::PhpException;
use std::time::Duration;

/// Converts a number of seconds; negative, NaN, infinite or absurdly large values are a `\ValueError`
/// naming `name` (e.g. `AmqpConfirm\Confirmation::wait(): Argument #1 ($timeout)`).
pub fn seconds(name: &str, seconds: f64) -> Result<Duration, PhpException> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(value_error(format!("{name} must be a finite number of seconds >= 0, {seconds} given")));
    }
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| d.as_secs() <= 365 * 24 * 3600)
        .ok_or_else(|| value_error(format!("{name} must be at most one year, {seconds} given")))
}

/// Converts `?float $timeout` of `method`; `null` gives `default`.
pub fn timeout(method: &str, arg: &str, value: Option<f64>, default: Duration) -> Result<Duration, PhpException> {
    value.map_or(Ok(default), |v| seconds(&format!("{method}: {arg}"), v))
}
