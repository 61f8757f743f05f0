//! The hash maps' hasher: FxHash (rustc's, from the `rustc-hash` crate), not
//! std's SipHash.
//!
//! Loading builds maps of every document and leaf id; in the browser, with
//! the wasm not yet optimised by the engine, SipHash was a measurable part
//! of that. The keys are the catalogue's own ids, so the flooding that
//! SipHash defends against cannot happen: a lookup with a key from outside
//! (a share link's id) never inserts it.
//!
//! This was a hand copy of rustc-hash 1's hasher until the crate replaced it:
//! the npm package's wasm (`cargo xtask js`, after wasm-opt) went from
//! 463,066 to 464,033 bytes (brotli 126,863 → 127,094, +0.2%): rustc-hash 2
//! hashes strings a little differently, for a few hundred bytes of code.

/// A `HashMap` with rustc-hash's `FxHasher`.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_find_their_values() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..1000 {
            map.insert(format!("doc-{i}"), i);
        }
        assert_eq!(map.get("doc-417"), Some(&417));
        assert_eq!(map.get("doc-1000"), None);
    }
}
