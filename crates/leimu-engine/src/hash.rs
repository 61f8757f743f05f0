//! The hash maps' hasher: FxHash (rustc's), not std's SipHash.
//!
//! Loading builds maps of every document and leaf id; in the browser, with
//! the wasm not yet optimised by the engine, SipHash was a measurable part
//! of that. The keys are the catalogue's own ids, so the flooding that
//! SipHash defends against cannot happen: a lookup with a key from outside
//! (a share link's id) never inserts it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// rustc-hash's FxHasher: per word, rotate, xor, multiply.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_different_keys_differ() {
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash("营业执照"), hash("营业执照"));
        assert_ne!(hash("营业执照"), hash("营业执照副本"));
        assert_ne!(hash("ab"), hash("ba"));
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..1000 {
            map.insert(format!("doc-{i}"), i);
        }
        assert_eq!(map.get("doc-417"), Some(&417));
        assert_eq!(map.get("doc-1000"), None);
    }
}
