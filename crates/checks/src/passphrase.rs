//! Opening passphrase-encrypted private keys with candidate passphrases.
//!
//! A device that uses an encrypted key without anyone typing a passphrase must carry the passphrase
//! too, so an encrypted key in an image is only as safe as that passphrase is hard to find. This module
//! tries candidates against the two encryption schemes that are cheap to test:
//!
//! * **OpenSSL's legacy PEM encryption** (RFC 1421 headers, as `openssl rsa -des3` writes them):
//!   `Proc-Type: 4,ENCRYPTED` and `DEK-Info: DES-EDE3-CBC,00F367426F102B21`. The key is
//!   `EVP_BytesToKey(MD5, salt = first 8 bytes of the IV, 1 round)`: `D1 = MD5(pass ‖ salt)`,
//!   `Di = MD5(Di-1 ‖ pass ‖ salt)`, concatenated to the cipher's key length. The body is CBC with PKCS#7
//!   padding. Ciphers: DES-CBC, DES-EDE3-CBC, AES-128/192/256-CBC.
//! * **PKCS#8 `EncryptedPrivateKeyInfo` with PBES2** (RFC 8018; `openssl pkcs8 -topk8 -v2 aes256`): PBKDF2
//!   with HMAC-SHA1/224/256/384/512 derives the key, then AES-CBC or DES-EDE3-CBC.
//!
//! OpenSSH (bcrypt-pbkdf), PuTTY and PBES1 keys are recognised but not tried; [`Sealed::Unsupported`]
//! names the scheme so the report can say so.
//!
//! A candidate is accepted only when the plaintext has valid padding *and* parses as a private key with
//! the parsers of [`crate::keys`], so a wrong passphrase cannot pass. The first block is checked for a DER
//! `SEQUENCE` of the right length before the rest is decrypted, so a wrong candidate costs one key
//! derivation and one block.
//!
//! # Example
//!
//! ```
//! use fwassure_checks::{keys::pem_blocks, passphrase::Sealed};
//! // `openssl genrsa 512 | openssl rsa -des3 -passout pass:admin` (a test key)
//! let pem = include_bytes!("../testdata/des3-admin.pem");
//! let block = &pem_blocks(pem)[0];
//! let sealed = Sealed::from_pem(block).unwrap();
//! assert_eq!(sealed.scheme(), "PEM DES-EDE3-CBC (EVP_BytesToKey MD5)");
//! assert!(sealed.open(b"wrong").is_none());
//! assert_eq!(sealed.open(b"admin").unwrap().kind, "rsa");
//! ```

use crate::der;
use crate::keys::{parse_dsa, parse_pkcs1, parse_pkcs8, parse_sec1, KeyInfo, PemBlock};
use cipher::{Block, BlockCipherDecrypt, KeyInit};
use md5::{Digest, Md5};

/// A block cipher in CBC mode, as the two schemes name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    /// Single DES (56-bit key).
    DesCbc,
    /// Triple DES, three keys.
    DesEde3Cbc,
    /// AES with a 128-bit key.
    Aes128Cbc,
    /// AES with a 192-bit key.
    Aes192Cbc,
    /// AES with a 256-bit key.
    Aes256Cbc,
}

impl Cipher {
    fn key_len(self) -> usize {
        match self {
            Cipher::DesCbc => 8,
            Cipher::DesEde3Cbc | Cipher::Aes192Cbc => 24,
            Cipher::Aes128Cbc => 16,
            Cipher::Aes256Cbc => 32,
        }
    }
    fn block_len(self) -> usize {
        match self {
            Cipher::DesCbc | Cipher::DesEde3Cbc => 8,
            _ => 16,
        }
    }
    /// The OpenSSL name (`DES-EDE3-CBC`, `AES-256-CBC` …).
    pub fn name(self) -> &'static str {
        match self {
            Cipher::DesCbc => "DES-CBC",
            Cipher::DesEde3Cbc => "DES-EDE3-CBC",
            Cipher::Aes128Cbc => "AES-128-CBC",
            Cipher::Aes192Cbc => "AES-192-CBC",
            Cipher::Aes256Cbc => "AES-256-CBC",
        }
    }
    fn from_name(n: &str) -> Option<Cipher> {
        Some(match n.to_ascii_uppercase().as_str() {
            "DES-CBC" => Cipher::DesCbc,
            "DES-EDE3-CBC" => Cipher::DesEde3Cbc,
            "AES-128-CBC" => Cipher::Aes128Cbc,
            "AES-192-CBC" => Cipher::Aes192Cbc,
            "AES-256-CBC" => Cipher::Aes256Cbc,
            _ => return None,
        })
    }
    fn from_oid(o: &str) -> Option<Cipher> {
        Some(match o {
            "1.3.14.3.2.7" => Cipher::DesCbc,
            "1.2.840.113549.3.7" => Cipher::DesEde3Cbc,
            "2.16.840.1.101.3.4.1.2" => Cipher::Aes128Cbc,
            "2.16.840.1.101.3.4.1.22" => Cipher::Aes192Cbc,
            "2.16.840.1.101.3.4.1.42" => Cipher::Aes256Cbc,
            _ => return None,
        })
    }

    /// CBC-decrypt the first `blocks` blocks of `ct` (all when `None`); `None` on a bad key or IV length.
    fn decrypt(self, key: &[u8], iv: &[u8], ct: &[u8], blocks: Option<usize>) -> Option<Vec<u8>> {
        match self {
            Cipher::DesCbc => cbc::<des::Des>(key, iv, ct, blocks),
            Cipher::DesEde3Cbc => cbc::<des::TdesEde3>(key, iv, ct, blocks),
            Cipher::Aes128Cbc => cbc::<aes::Aes128>(key, iv, ct, blocks),
            Cipher::Aes192Cbc => cbc::<aes::Aes192>(key, iv, ct, blocks),
            Cipher::Aes256Cbc => cbc::<aes::Aes256>(key, iv, ct, blocks),
        }
    }
}

/// CBC decryption: `P[i] = D(C[i]) xor C[i-1]`, with `C[-1]` the IV.
fn cbc<C: BlockCipherDecrypt + KeyInit>(key: &[u8], iv: &[u8], ct: &[u8], blocks: Option<usize>) -> Option<Vec<u8>> {
    let c = C::new_from_slice(key).ok()?;
    let n = iv.len();
    if n == 0 || !ct.len().is_multiple_of(n) {
        return None;
    }
    let take = blocks.map_or(ct.len(), |b| ct.len().min(b * n));
    let mut out = Vec::with_capacity(take);
    let mut prev = iv;
    for chunk in ct[..take].chunks(n) {
        let mut b = Block::<C>::try_from(chunk).ok()?;
        c.decrypt_block(&mut b);
        out.extend(b.iter().zip(prev).map(|(x, p)| x ^ p));
        prev = chunk;
    }
    Some(out)
}

/// The PBKDF2 pseudo-random function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prf {
    /// HMAC-SHA1 (the default of RFC 8018).
    Sha1,
    /// HMAC-SHA-224.
    Sha224,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-384.
    Sha384,
    /// HMAC-SHA-512.
    Sha512,
}

impl Prf {
    fn from_oid(o: &str) -> Option<Prf> {
        Some(match o {
            "1.2.840.113549.2.7" => Prf::Sha1,
            "1.2.840.113549.2.8" => Prf::Sha224,
            "1.2.840.113549.2.9" => Prf::Sha256,
            "1.2.840.113549.2.10" => Prf::Sha384,
            "1.2.840.113549.2.11" => Prf::Sha512,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            Prf::Sha1 => "hmac-sha1",
            Prf::Sha224 => "hmac-sha224",
            Prf::Sha256 => "hmac-sha256",
            Prf::Sha384 => "hmac-sha384",
            Prf::Sha512 => "hmac-sha512",
        }
    }
    fn derive(self, pass: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
        use pbkdf2::pbkdf2_hmac;
        match self {
            Prf::Sha1 => pbkdf2_hmac::<sha1_11::Sha1>(pass, salt, rounds, out),
            Prf::Sha224 => pbkdf2_hmac::<sha2_11::Sha224>(pass, salt, rounds, out),
            Prf::Sha256 => pbkdf2_hmac::<sha2_11::Sha256>(pass, salt, rounds, out),
            Prf::Sha384 => pbkdf2_hmac::<sha2_11::Sha384>(pass, salt, rounds, out),
            Prf::Sha512 => pbkdf2_hmac::<sha2_11::Sha512>(pass, salt, rounds, out),
        }
    }
    /// Estimated microseconds of one core per PBKDF2 round (two compression calls of the hash).
    fn round_cost_ns(self) -> u64 {
        match self {
            Prf::Sha1 | Prf::Sha224 | Prf::Sha256 => 600,
            Prf::Sha384 | Prf::Sha512 => 900,
        }
    }
}

/// PBKDF2 iteration counts above this are not tried (one candidate would cost over a second).
pub const MAX_ITERATIONS: u32 = 2_000_000;

/// The encrypted form of a private key, as far as it is needed to try a passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sealed {
    /// OpenSSL legacy PEM encryption.
    LegacyPem {
        /// The cipher of `DEK-Info`.
        cipher: Cipher,
        /// The IV of `DEK-Info` (its first 8 bytes are the salt).
        iv: Vec<u8>,
        /// The PEM label's key type (`rsa`, `ec`, `dsa`): which parser reads the plaintext.
        kind: &'static str,
        /// The ciphertext.
        body: Vec<u8>,
    },
    /// PKCS#8 with PBES2 (PBKDF2 + a CBC cipher).
    Pbes2 {
        /// The PBKDF2 PRF.
        prf: Prf,
        /// PBKDF2 salt.
        salt: Vec<u8>,
        /// PBKDF2 iteration count.
        iterations: u32,
        /// The cipher.
        cipher: Cipher,
        /// The cipher's IV.
        iv: Vec<u8>,
        /// The ciphertext.
        data: Vec<u8>,
    },
    /// A scheme that is recognised but not tried (named).
    Unsupported(String),
}

impl Sealed {
    /// The encryption of a PEM block: legacy headers on an `RSA/EC/DSA PRIVATE KEY`, or an
    /// `ENCRYPTED PRIVATE KEY` (PKCS#8). `None` for a block that is not an encrypted key.
    pub fn from_pem(b: &PemBlock) -> Option<Sealed> {
        if b.label == "ENCRYPTED PRIVATE KEY" {
            return Sealed::from_pkcs8(&b.body);
        }
        let kind = match b.label.as_str() {
            "RSA PRIVATE KEY" => "rsa",
            "EC PRIVATE KEY" => "ec",
            "DSA PRIVATE KEY" => "dsa",
            _ => return None,
        };
        b.headers.iter().find(|(k, v)| k == "Proc-Type" && v.contains("ENCRYPTED"))?;
        let (_, dek) = b.headers.iter().find(|(k, _)| k == "DEK-Info")?;
        let (name, iv_hex) = dek.split_once(',')?;
        let Some(cipher) = Cipher::from_name(name.trim()) else {
            return Some(Sealed::Unsupported(format!("PEM {}", name.trim())));
        };
        let iv = hex::decode(iv_hex.trim()).ok().filter(|iv| iv.len() == cipher.block_len())?;
        let body = b.body.clone();
        (!body.is_empty() && body.len().is_multiple_of(cipher.block_len())).then_some(Sealed::LegacyPem {
            cipher,
            iv,
            kind,
            body,
        })
    }

    /// The encryption of a DER `EncryptedPrivateKeyInfo`. `None` when `d` is not one.
    pub fn from_pkcs8(d: &[u8]) -> Option<Sealed> {
        let top = der::items(der::read_all(d)?.body)?;
        let [alg, data] = &top[..] else { return None };
        if alg.tag != der::SEQUENCE || data.tag != der::OCTET_STRING {
            return None;
        }
        let alg = der::items(alg.body)?;
        let scheme = der::oid(alg.first().filter(|o| o.tag == der::OID)?.body);
        if scheme != "1.2.840.113549.1.5.13" {
            return Some(Sealed::Unsupported(format!("PKCS#8 {}", pkcs8_scheme_name(&scheme))));
        }
        let unsupported = || Some(Sealed::Unsupported("PKCS#8 PBES2 with unknown parameters".into()));
        let Some(params) = alg.get(1).and_then(|p| der::items(p.body)) else { return unsupported() };
        let [kdf, enc] = &params[..] else { return unsupported() };
        let (Some(kdf), Some(enc)) = (der::items(kdf.body), der::items(enc.body)) else { return unsupported() };
        let kdf_oid = kdf.first().filter(|o| o.tag == der::OID).map(|o| der::oid(o.body));
        if kdf_oid.as_deref() != Some("1.2.840.113549.1.5.12") {
            return Some(Sealed::Unsupported(format!(
                "PKCS#8 PBES2 with {}",
                match kdf_oid.as_deref() {
                    Some("1.3.6.1.4.1.11591.4.11") => "scrypt",
                    _ => "an unknown key derivation",
                }
            )));
        }
        let Some(p) = kdf.get(1).and_then(|p| der::items(p.body)) else { return unsupported() };
        let salt = p.first().filter(|s| s.tag == der::OCTET_STRING)?.body.to_vec();
        let iterations = p.get(1).filter(|i| i.tag == der::INTEGER).and_then(|i| small_uint(i.body))?;
        // optional keyLength (INTEGER), then optional prf (SEQUENCE)
        let prf = match p.iter().skip(2).find(|t| t.tag == der::SEQUENCE) {
            None => Prf::Sha1,
            Some(t) => {
                let o = der::items(t.body)?.first().filter(|o| o.tag == der::OID).map(|o| der::oid(o.body))?;
                match Prf::from_oid(&o) {
                    Some(p) => p,
                    None => return Some(Sealed::Unsupported(format!("PKCS#8 PBKDF2 with PRF {o}"))),
                }
            }
        };
        let enc_oid = der::oid(enc.first().filter(|o| o.tag == der::OID)?.body);
        let Some(cipher) = Cipher::from_oid(&enc_oid) else {
            return Some(Sealed::Unsupported(format!("PKCS#8 PBES2 with cipher {enc_oid}")));
        };
        let iv = enc.get(1).filter(|t| t.tag == der::OCTET_STRING && t.body.len() == cipher.block_len())?.body.to_vec();
        if iterations == 0 || iterations > MAX_ITERATIONS {
            return Some(Sealed::Unsupported(format!("PKCS#8 PBKDF2 with {iterations} iterations")));
        }
        let data = data.body.to_vec();
        (!data.is_empty() && data.len().is_multiple_of(cipher.block_len())).then_some(Sealed::Pbes2 {
            prf,
            salt,
            iterations,
            cipher,
            iv,
            data,
        })
    }

    /// The scheme, for the report (`PEM DES-EDE3-CBC (EVP_BytesToKey MD5)`,
    /// `PKCS#8 PBES2 PBKDF2-hmac-sha256 ×2048 AES-256-CBC` …).
    pub fn scheme(&self) -> String {
        match self {
            Sealed::LegacyPem { cipher, .. } => format!("PEM {} (EVP_BytesToKey MD5)", cipher.name()),
            Sealed::Pbes2 { prf, iterations, cipher, .. } => {
                format!("PKCS#8 PBES2 PBKDF2-{} ×{iterations} {}", prf.name(), cipher.name())
            }
            Sealed::Unsupported(s) => s.clone(),
        }
    }

    /// Estimated microseconds of one core to try one candidate (at least 1).
    pub fn cost_us(&self) -> u64 {
        match self {
            Sealed::LegacyPem { .. } => 1,
            Sealed::Pbes2 { prf, iterations, .. } => (u64::from(*iterations) * prf.round_cost_ns() / 1000).max(1),
            Sealed::Unsupported(_) => u64::MAX,
        }
    }

    /// The key, when `pass` opens it.
    pub fn open(&self, pass: &[u8]) -> Option<KeyInfo> {
        let (cipher, key, iv, ct) = match self {
            Sealed::LegacyPem { cipher, iv, body, .. } => {
                (*cipher, bytes_to_key(pass, &iv[..8], cipher.key_len()), iv, body)
            }
            Sealed::Pbes2 { prf, salt, iterations, cipher, iv, data } => {
                let mut key = vec![0; cipher.key_len()];
                prf.derive(pass, salt, *iterations, &mut key);
                (*cipher, key, iv, data)
            }
            Sealed::Unsupported(_) => return None,
        };
        // the first block must start a DER SEQUENCE whose length fits the ciphertext
        let head = cipher.decrypt(&key, iv, ct, Some(1))?;
        if !plausible_der_start(&head, ct.len(), cipher.block_len()) {
            return None;
        }
        let mut plain = cipher.decrypt(&key, iv, ct, None)?;
        let pad = *plain.last()? as usize;
        if pad == 0
            || pad > cipher.block_len()
            || pad > plain.len()
            || !plain[plain.len() - pad..].iter().all(|&b| b as usize == pad)
        {
            return None;
        }
        plain.truncate(plain.len() - pad);
        let mut k = match self {
            Sealed::LegacyPem { kind: "rsa", .. } => parse_pkcs1(&plain),
            Sealed::LegacyPem { kind: "ec", .. } => parse_sec1(&plain, None),
            Sealed::LegacyPem { .. } => parse_dsa(&plain),
            _ => parse_pkcs8(&plain),
        }?;
        k.format = match self {
            Sealed::LegacyPem { .. } => "pem-encrypted",
            _ => "pkcs8-encrypted",
        };
        k.encrypted = true;
        Some(k)
    }
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one round.
fn bytes_to_key(pass: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 16);
    let mut prev: Option<[u8; 16]> = None;
    while out.len() < len {
        let mut h = Md5::new();
        if let Some(p) = prev {
            h.update(p);
        }
        h.update(pass);
        h.update(salt);
        let d: [u8; 16] = h.finalize().into();
        out.extend_from_slice(&d);
        prev = Some(d);
    }
    out.truncate(len);
    out
}

/// A DER `SEQUENCE` header whose length leaves between 1 and `block` bytes of padding in `total`.
fn plausible_der_start(head: &[u8], total: usize, block: usize) -> bool {
    if head.len() < 4 || head[0] != der::SEQUENCE {
        return false;
    }
    let (len, hdr) = match head[1] {
        l if l < 0x80 => (l as usize, 2),
        0x81 => (head[2] as usize, 3),
        0x82 => ((head[2] as usize) << 8 | head[3] as usize, 4),
        _ => return false,
    };
    let content = hdr + len;
    content < total && total - content <= block
}

fn small_uint(b: &[u8]) -> Option<u32> {
    let b = match b {
        [0, rest @ ..] => rest,
        b => b,
    };
    (b.len() <= 4 && !b.is_empty()).then(|| b.iter().fold(0u32, |a, &x| (a << 8) | u32::from(x)))
}

fn pkcs8_scheme_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.5.3" => "PBES1 MD5/DES".into(),
        "1.2.840.113549.1.5.10" => "PBES1 SHA1/DES".into(),
        o if o.starts_with("1.2.840.113549.1.12.1.") => format!("PKCS#12 PBE {o}"),
        o => o.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::pem_blocks;

    fn td(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn sealed(name: &str) -> Sealed {
        let data = td(name);
        Sealed::from_pem(&pem_blocks(&data)[0]).unwrap()
    }

    #[test]
    fn legacy_pem_ciphers_open_with_the_right_passphrase_only() {
        for (file, scheme) in [
            ("des3-admin.pem", "PEM DES-EDE3-CBC (EVP_BytesToKey MD5)"),
            ("aes128-admin.pem", "PEM AES-128-CBC (EVP_BytesToKey MD5)"),
            ("aes256-ec-admin.pem", "PEM AES-256-CBC (EVP_BytesToKey MD5)"),
            ("des-admin.pem", "PEM DES-CBC (EVP_BytesToKey MD5)"),
        ] {
            let s = sealed(file);
            assert_eq!(s.scheme(), scheme, "{file}");
            let k = s.open(b"admin").unwrap_or_else(|| panic!("{file} opens"));
            assert!(k.encrypted && k.bits.is_some(), "{file}: {k:?}");
            for wrong in ["", "Admin", "admin1", "password", "1234"] {
                assert!(s.open(wrong.as_bytes()).is_none(), "{file} must not open with {wrong:?}");
            }
        }
    }

    #[test]
    fn the_opened_key_has_the_plain_keys_fingerprint() {
        let plain = crate::keys::private_keys(&td("des3-admin.plain.pem"));
        let opened = sealed("des3-admin.pem").open(b"admin").unwrap();
        assert_eq!(opened.fingerprint, plain[0].1.fingerprint);
        assert_eq!(opened.bits, plain[0].1.bits);
    }

    #[test]
    fn pkcs8_pbes2_opens() {
        for file in ["pkcs8-aes256-sha256-admin.pem", "pkcs8-des3-sha1-admin.pem"] {
            let s = sealed(file);
            assert!(matches!(s, Sealed::Pbes2 { .. }), "{file}: {s:?}");
            assert!(s.cost_us() > 100, "{file}: PBKDF2 costs more than a legacy try");
            assert_eq!(s.open(b"admin").unwrap().kind, "rsa", "{file}");
            assert!(s.open(b"admin2").is_none());
        }
    }

    #[test]
    fn unknown_schemes_are_named_not_tried() {
        let mut b = pem_blocks(&td("des3-admin.pem"))[0].clone();
        for h in b.headers.iter_mut().filter(|(k, _)| k == "DEK-Info") {
            h.1 = h.1.replace("DES-EDE3-CBC", "BF-CBC");
        }
        let s = Sealed::from_pem(&b).unwrap();
        assert_eq!(s, Sealed::Unsupported("PEM BF-CBC".into()));
        assert!(s.open(b"admin").is_none());
        assert_eq!(s.cost_us(), u64::MAX);
    }

    #[test]
    fn hostile_headers_and_bodies_are_refused() {
        let good = pem_blocks(&td("des3-admin.pem"))[0].clone();
        // an IV of the wrong length, a body that is not whole blocks, an empty body
        let mut b = good.clone();
        for h in b.headers.iter_mut().filter(|(k, _)| k == "DEK-Info") {
            h.1 = "DES-EDE3-CBC,00".into();
        }
        assert!(Sealed::from_pem(&b).is_none());
        let mut b = good.clone();
        b.body.pop();
        assert!(Sealed::from_pem(&b).is_none());
        let mut b = good;
        b.body.clear();
        assert!(Sealed::from_pem(&b).is_none());
        for junk in [&b""[..], b"\x30\x00", b"\x30\x03\x30\x01\x00", &[0x30, 0x82, 0xff, 0xff, 0, 0]] {
            assert!(Sealed::from_pkcs8(junk).is_none());
        }
    }

    #[test]
    fn evp_bytes_to_key_matches_openssl() {
        // `openssl enc -des-ede3-cbc -P -md md5 -pass pass:admin -S 00F367426F102B21`
        assert_eq!(hex::encode(bytes_to_key(b"admin", &hex::decode("00F367426F102B21").unwrap(), 24)), OPENSSL_KEY);
    }

    /// Printed by the command in `evp_bytes_to_key_matches_openssl`.
    const OPENSSL_KEY: &str = "943e468eb74efb5232c847c0aa488c5d99f6c1c6ac73e58c";
}
