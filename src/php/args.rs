//! Method parameters that follow PHP's own rules, as a core function's do: in coercive mode the conversions
//! PHP applies (int/float to string, numeric strings to float, scalars to bool, Stringable to string, null to a
//! non-nullable scalar with PHP 8.1's deprecation), in strict mode exact types (int widened to float); on
//! failure PHP's standard `TypeError` (`Class::method(): Argument #N ($name) must be of type T, U given`).
//!
//! Each type carries its argument position `N`, which PHP's messages name. ext-php-rs converts exact types
//! only and throws its own message, so the conversion here calls the engine's own parsers (the ones
//! `zend_parse_parameters` uses) and raises the engine's own error; ext-php-rs then throws nothing over it.
//! A parameter with a non-null default (`bool $mandatory = false`) is declared nullable to ext-php-rs, which
//! would otherwise refuse null itself; `arginfo::fix` takes the nullability back out of its arginfo.

use super::ffi;
use ext_php_rs::convert::{FromZvalMut, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ArrayKey, ZendHashTable, ZendStr, Zval};
use ext_php_rs::zend::ExecutorGlobals;
use std::ffi::CStr;

/// Raises PHP's standard TypeError for argument `n` (unless an exception is already pending, e.g. from a
/// user error handler that turned a deprecation into one).
fn type_error(n: u32, expected: &CStr, zv: &Zval) {
    if ExecutorGlobals::has_exception() {
        return;
    }
    let given = match zv.bool() {
        Some(b) if NAMES_BOOL_VALUES => (if b { c"true" } else { c"false" }).as_ptr(),
        // SAFETY: zend_zval_type_name returns a static or class-owned string; we are inside a PHP call.
        _ => unsafe { ffi::zend_zval_type_name(zv) },
    };
    // SAFETY: the format, `expected` and `given` are NUL-terminated; we are inside a PHP call (arguments are
    // being parsed).
    unsafe { ffi::zend_argument_type_error(n, c"must be of type %s, %s given".as_ptr(), expected.as_ptr(), given) }
}

/// PHP 8.3 and later name a bool argument by its value in type errors ("true given", `zend_zval_value_name`);
/// 8.1 and 8.2 by its type ("bool given"). Decided by the headers the extension is built against.
const NAMES_BOOL_VALUES: bool = ext_php_rs::ffi::ZEND_MODULE_API_NO >= 20230831;

/// A string argument as PHP would read it (converting the argument slot in place); `None` after raising.
fn string(n: u32, expected: &CStr, zv: &mut Zval) -> Option<*const ZendStr> {
    if let Some(s) = zv.zend_str() {
        return Some(s);
    }
    let mut dest: *mut ZendStr = std::ptr::null_mut();
    // SAFETY: `zv` is the argument slot of the current call; the engine converts it in place and points
    // `dest` at the string it now holds.
    if unsafe { ffi::zend_parse_arg_str_slow(zv, &mut dest, n) } && !dest.is_null() {
        return Some(dest);
    }
    type_error(n, expected, zv);
    None
}

/// One of PHP's `zend_parse_arg_*_slow` parsers (they apply the caller's strictness and read the slot only),
/// with PHP's TypeError naming `expected` when it refuses.
fn slow<T: Default>(n: u32, expected: &CStr, zv: &Zval, parse: unsafe extern "C" fn(*const Zval, *mut T, u32) -> bool) -> Option<T> {
    let mut dest = T::default();
    // SAFETY: `zv` is the argument slot of the current call and `dest` a local the parser writes.
    if unsafe { parse(zv, &mut dest, n) } {
        return Some(dest);
    }
    type_error(n, expected, zv);
    None
}

fn boolean(n: u32, zv: &Zval) -> Option<bool> {
    zv.bool().or_else(|| slow(n, c"bool", zv, ffi::zend_parse_arg_bool_slow))
}

/// An array argument (never converted from another type), or PHP's TypeError naming `expected`.
fn array<'a>(n: u32, expected: &CStr, zv: &'a Zval) -> Option<&'a ZendHashTable> {
    let array = zv.array();
    if array.is_none() {
        type_error(n, expected, zv);
    }
    array
}

/// A `string` parameter holding a name (exchange, queue, routing key, URI): UTF-8, else a `\ValueError`.
/// `D`: the parameter has a non-null default.
pub struct Text<const N: u32, const D: bool = false>(pub String);

impl<'a, const N: u32, const D: bool> FromZvalMut<'a> for Text<N, D> {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = D;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        let s = string(N, c"string", zv)?;
        // SAFETY: `string` returned the string the argument slot holds, alive for this call.
        utf8(N, unsafe { &*s }.as_bytes()).map(Text)
    }
}

impl<const N: u32, const D: bool> From<&str> for Text<N, D> {
    fn from(s: &str) -> Self {
        Text(s.to_string())
    }
}

impl<const N: u32, const D: bool> From<String> for Text<N, D> {
    fn from(s: String) -> Self {
        Text(s)
    }
}

impl<const N: u32, const D: bool> StubLiteral for Text<N, D> {
    fn stub_literal(&self) -> String {
        self.0.stub_literal()
    }
}

fn utf8(n: u32, bytes: &[u8]) -> Option<String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(_) => {
            // SAFETY: a NUL-terminated format, inside a PHP call.
            unsafe { ffi::zend_argument_value_error(n, c"must be valid UTF-8".as_ptr()) };
            None
        }
    }
}

/// What a keyed `$uri` array (php-amqp's credentials array) is told.
const KEYED_URI_ARRAY: &std::ffi::CStr = c"must be an AMQP URI or a list of them, not an array with keys (php-amqp's credentials: \
host, port, login, password, vhost): write amqp://login:password@host:port/vhost, with the vhost \"/\" as %2f";

/// The `string|array $uri` parameter: one URI (which may list several hosts) or a list of URIs, UTF-8. Anything
/// but an array follows PHP's rules for `string` (PHP's deprecation for null names the union, which
/// `arginfo::fix` declares in the arginfo).
pub struct Uris<const N: u32>(pub Vec<String>);

impl<'a, const N: u32> FromZvalMut<'a> for Uris<N> {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = true;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        if let Some(list) = zv.array() {
            if list.iter().any(|(key, _)| !matches!(key, ArrayKey::Long(_))) {
                // SAFETY: a NUL-terminated format without conversions, inside a PHP call.
                unsafe { ffi::zend_argument_value_error(N, c"%s".as_ptr(), KEYED_URI_ARRAY.as_ptr()) };
                return None;
            }
            let mut uris = Vec::new();
            for (i, item) in list.values().enumerate() {
                let Some(bytes) = item.dereference().zend_str().map(ZendStr::as_bytes) else {
                    let message = format!("must contain only strings, {} given at position {i}", super::table::type_name(item));
                    if let Ok(message) = std::ffi::CString::new(message) {
                        // SAFETY: a NUL-terminated format without conversions, inside a PHP call.
                        unsafe { ffi::zend_argument_type_error(N, c"%s".as_ptr(), message.as_ptr()) };
                    }
                    return None;
                };
                uris.push(utf8(N, bytes)?);
            }
            return Some(Uris(uris));
        }
        let s = string(N, c"array|string", zv)?;
        // SAFETY: `string` returned the string the argument slot holds, alive for this call.
        utf8(N, unsafe { &*s }.as_bytes()).map(|u| Uris(vec![u]))
    }
}

impl<const N: u32> From<&str> for Uris<N> {
    fn from(s: &str) -> Self {
        Uris(vec![s.to_string()])
    }
}

impl<const N: u32> StubLiteral for Uris<N> {
    fn stub_literal(&self) -> String {
        self.0.first().map(|s| s.stub_literal()).unwrap_or_default()
    }
}

/// A `string` parameter holding bytes (a message body): any bytes, no UTF-8 requirement.
pub struct Bytes<'a, const N: u32>(pub &'a [u8]);

impl<'a, const N: u32> FromZvalMut<'a> for Bytes<'a, N> {
    const TYPE: DataType = DataType::String;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        let s = string(N, c"string", zv)?;
        // SAFETY: as in `Text`; the slot keeps the string alive for `'a`.
        Some(Bytes(unsafe { &*s }.as_bytes()))
    }
}

/// A `bool` parameter; `D`: it has a non-null default.
pub struct Flag<const N: u32, const D: bool = false>(pub bool);

impl<'a, const N: u32, const D: bool> FromZvalMut<'a> for Flag<N, D> {
    const TYPE: DataType = DataType::Bool;
    const NULLABLE: bool = D;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        boolean(N, zv).map(Flag)
    }
}

impl<const N: u32, const D: bool> From<bool> for Flag<N, D> {
    fn from(b: bool) -> Self {
        Flag(b)
    }
}

impl<const N: u32, const D: bool> StubLiteral for Flag<N, D> {
    fn stub_literal(&self) -> String {
        self.0.stub_literal()
    }
}

/// A scalar type PHP's own parser converts arguments to, as `Opt` takes it.
pub trait Scalar: Sized {
    /// The type ext-php-rs declares.
    const TYPE: DataType;
    /// The type PHP's TypeError names.
    const EXPECTED: &'static CStr;
    /// The argument as this type, by PHP's rules, or `None` after PHP's TypeError.
    fn parse(n: u32, zv: &Zval) -> Option<Self>;
}

impl Scalar for f64 {
    const TYPE: DataType = DataType::Double;
    const EXPECTED: &'static CStr = c"?float";

    fn parse(n: u32, zv: &Zval) -> Option<Self> {
        zv.double().or_else(|| slow(n, Self::EXPECTED, zv, ffi::zend_parse_arg_double_slow))
    }
}

impl Scalar for i64 {
    const TYPE: DataType = DataType::Long;
    const EXPECTED: &'static CStr = c"?int";

    fn parse(n: u32, zv: &Zval) -> Option<Self> {
        zv.long().or_else(|| slow(n, Self::EXPECTED, zv, ffi::zend_parse_arg_long_slow))
    }
}

/// A `?T $x = null` parameter of a scalar type.
pub struct Opt<T, const N: u32>(pub Option<T>);

/// A `?float $x = null` parameter (seconds).
pub type OptFloat<const N: u32> = Opt<f64, N>;

/// A `?int $x = null` parameter.
pub type OptInt<const N: u32> = Opt<i64, N>;

impl<'a, T: Scalar, const N: u32> FromZvalMut<'a> for Opt<T, N> {
    const TYPE: DataType = T::TYPE;
    const NULLABLE: bool = true;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        if zv.is_null() {
            return Some(Opt(None));
        }
        T::parse(N, zv).map(|v| Opt(Some(v)))
    }

    fn from_missing() -> Option<Self> {
        Some(Opt(None))
    }
}

/// A `?array $x = null` parameter (arrays are never converted from other types).
pub struct OptArray<'a, const N: u32>(pub Option<&'a ZendHashTable>);

impl<'a, const N: u32> FromZvalMut<'a> for OptArray<'a, N> {
    const TYPE: DataType = DataType::Array;
    const NULLABLE: bool = true;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        if zv.is_null() {
            return Some(OptArray(None));
        }
        array(N, c"?array", zv).map(|a| OptArray(Some(a)))
    }

    fn from_missing() -> Option<Self> {
        Some(OptArray(None))
    }
}

/// An `array` parameter.
pub struct Array<'a, const N: u32>(pub &'a ZendHashTable);

impl<'a, const N: u32> FromZvalMut<'a> for Array<'a, N> {
    const TYPE: DataType = DataType::Array;

    fn from_zval_mut(zv: &'a mut Zval) -> Option<Self> {
        array(N, c"array", zv).map(Array)
    }
}
