//! Maps keyed by an address (a handle's `Arc` pointer): hashed with one multiplication instead of SipHash, since
//! the keys are not chosen by anyone who could collide them on purpose.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes a `usize` address: the multiplication spreads its aligned low bits over the high ones.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map from addresses to `V`.
pub type AddressMap<V> = HashMap<usize, V, BuildHasherDefault<AddressHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_addresses_spread_over_the_buckets() {
        let mut m: AddressMap<u32> = AddressMap::default();
        for i in 0..10_000u32 {
            m.insert(0x7f00_0000_0000 + 64 * i as usize, i);
        }
        assert_eq!(m.len(), 10_000);
        assert_eq!(m.get(&(0x7f00_0000_0000 + 64 * 1234)), Some(&1234));
        let buckets: std::collections::HashSet<u64> = (0..1024u64).map(|i| {
            let mut h = AddressHasher::default();
            h.write_usize(0x7f00_0000_0000 + 64 * i as usize);
            h.finish() >> 54
        }).collect();
        assert!(buckets.len() > 500, "the top bits differ: {}", buckets.len());
    }
}
