//! Name-based UUIDs (RFC 9562 version 5, SHA-1): the same name always gives the same UUID, so documents
//! derived from the same image carry the same serial number.

use sha1::{Digest, Sha1};

/// The RFC 9562 namespace for URLs (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
pub const NAMESPACE_URL: [u8; 16] =
    [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

/// A version-5 UUID of `name` in `namespace`, formatted lowercase with hyphens.
pub fn v5(namespace: &[u8; 16], name: &str) -> String {
    let mut h = Sha1::new();
    h.update(namespace);
    h.update(name.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_vector() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com") == 4fd35a71-71ef-5a55-a9d9-aa75c889a6d0
        assert_eq!(v5(&NAMESPACE_URL, "https://example.com"), "4fd35a71-71ef-5a55-a9d9-aa75c889a6d0");
    }

    #[test]
    fn differs_by_name() {
        assert_ne!(v5(&NAMESPACE_URL, "a"), v5(&NAMESPACE_URL, "b"));
    }
}
