//! The PHP `AmqpConfirm\ByteArray` class: a header or argument value sent as an AMQP byte array (`x`), not as
//! the long string (`S`) a PHP string becomes. RoadRunner's jobs consumer, for one, reads `rr_headers` only as a
//! byte array.

use super::args::Bytes;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::binary::Binary;
use ext_php_rs::types::ZendHashTable;

/// Raw bytes for an AMQP table: `['rr_headers' => new ByteArray(json_encode($headers))]`.
#[php_class]
#[php(name = "AmqpConfirm\\ByteArray")]
pub struct ByteArray {
    bytes: Vec<u8>,
}

impl ByteArray {
    /// The bytes, as they go on the wire.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

#[php_impl]
impl ByteArray {
    /// Holds `$bytes` (any bytes; a byte array is at most 4 GiB on the wire).
    pub fn __construct(bytes: Bytes<1>) -> Self {
        ByteArray { bytes: bytes.0.to_vec() }
    }

    /// The bytes.
    pub fn get_bytes(&self) -> Binary<u8> {
        Binary::from(self.bytes.clone())
    }

    /// The bytes (a ByteArray is usable where a string is expected).
    pub fn __to_string(&self) -> Binary<u8> {
        self.get_bytes()
    }

    /// What `var_dump()` and `print_r()` show: the bytes and their length.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut ht = ZendHashTable::new();
        ht.insert("bytes", self.get_bytes())?;
        ht.insert("length", self.bytes.len() as i64)?;
        Ok(ht)
    }
}
