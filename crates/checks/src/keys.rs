//! Private keys and certificates in any container: PEM (PKCS#1, PKCS#8, SEC1, OpenSSH, encrypted variants),
//! PuTTY, raw DER. A key is only recognised when its body parses; a PEM header string alone (as compiled
//! into crypto libraries) is not a key.

use crate::der::{self, Tlv};
use base64::Engine;
use sha2::{Digest, Sha256};

/// A recognised private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// `rsa`, `ec`, `dsa`, `ed25519`, `ed448`, `x25519`, `x448`, or `unknown` (encrypted PKCS#8).
    pub kind: &'static str,
    /// Key size in bits when known (RSA/DSA modulus, EC field).
    pub bits: Option<u32>,
    /// Protected by a passphrase.
    pub encrypted: bool,
    /// Container format (`pkcs1`, `pkcs8`, `sec1`, `openssh`, `putty`, `der-…`, `pem-encrypted`).
    pub format: &'static str,
    /// `SHA256:<base64>` of the SSH public key blob (as `ssh-keygen -l` prints) when the public key is
    /// known; otherwise `sha256-private:<hex>` of the private key encoding (still stable for fleet matching).
    pub fingerprint: String,
}

/// A PEM block found in data.
#[derive(Debug, Clone)]
pub struct PemBlock {
    /// Byte offset of `-----BEGIN`.
    pub offset: usize,
    /// Label (`RSA PRIVATE KEY`, `CERTIFICATE` …).
    pub label: String,
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`).
    pub headers: Vec<(String, String)>,
    /// Decoded body.
    pub body: Vec<u8>,
}

const MAX_PEM: usize = 256 << 10;

/// Every PEM block in `data` whose body decodes (text or embedded in a binary; `\n` escapes as in JSON
/// strings are accepted).
pub fn pem_blocks(data: &[u8]) -> Vec<PemBlock> {
    let mut out = Vec::new();
    for off in memchr::memmem::find_iter(data, b"-----BEGIN ") {
        let rest = &data[off + 11..data.len().min(off + 11 + MAX_PEM)];
        let Some(le) = memchr::memmem::find(rest, b"-----") else { continue };
        let Ok(label) = std::str::from_utf8(&rest[..le]) else { continue };
        if label.len() > 40 || !label.bytes().all(|b| b.is_ascii_uppercase() || b == b' ' || b.is_ascii_digit()) {
            continue;
        }
        let after = &rest[le + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(ee) = memchr::memmem::find(after, end_marker.as_bytes()) else { continue };
        let Ok(inner) = std::str::from_utf8(&after[..ee]) else { continue };
        let inner = inner.replace("\\n", "\n").replace("\\r", "");
        let mut headers = Vec::new();
        let mut b64 = String::new();
        for line in inner.lines() {
            let line = line.trim();
            if let Some((k, v)) = line.split_once(':') {
                if !k.contains(' ') && !k.is_empty() {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                    continue;
                }
            }
            b64.push_str(line);
        }
        let Ok(body) = base64::engine::general_purpose::STANDARD.decode(b64.as_bytes()) else { continue };
        if body.len() < 16 {
            continue;
        }
        out.push(PemBlock { offset: off, label: label.to_string(), headers, body });
    }
    out
}

fn ssh_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_be_bytes());
    out.extend_from_slice(s);
}

/// `SHA256:<base64 without padding>` of an SSH public key blob.
pub fn ssh_fingerprint(blob: &[u8]) -> String {
    format!("SHA256:{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(Sha256::digest(blob)))
}

/// The fingerprint of a secret that is not a key (a password, its hash, a token, a certificate):
/// `sha256-<what>:<hex>` of its bytes, so that the same secret in two images has the same fingerprint (fleet
/// analysis: "universal defaults") without the report holding it. A guessable secret (a short password) is
/// guessable from its fingerprint too: a report is as sensitive as the image it describes.
pub fn secret_fingerprint(what: &str, secret: &[u8]) -> String {
    format!("sha256-{what}:{}", hex::encode(Sha256::digest(secret)))
}

fn private_fingerprint(der: &[u8]) -> String {
    format!("sha256-private:{}", hex::encode(Sha256::digest(der)))
}

fn ints<'a>(items: &[Tlv<'a>]) -> bool {
    items.iter().all(|t| t.tag == der::INTEGER && !t.body.is_empty())
}

/// PKCS#1 `RSAPrivateKey`.
pub fn parse_pkcs1(d: &[u8]) -> Option<KeyInfo> {
    let it = der::items(der::read_all(d)?.body)?;
    if it.len() < 9 || !der::is_int(&it[0], 0) && !der::is_int(&it[0], 1) || !ints(&it[..9]) {
        return None;
    }
    let bits = der::int_bits(it[1].body);
    if bits < 256 {
        return None;
    }
    let mut blob = Vec::new();
    ssh_string(&mut blob, b"ssh-rsa");
    ssh_string(&mut blob, it[2].body);
    ssh_string(&mut blob, it[1].body);
    Some(KeyInfo {
        kind: "rsa",
        bits: Some(bits),
        encrypted: false,
        format: "pkcs1",
        fingerprint: ssh_fingerprint(&blob),
    })
}

/// OpenSSL `DSAPrivateKey` (version, p, q, g, y, x).
pub fn parse_dsa(d: &[u8]) -> Option<KeyInfo> {
    let it = der::items(der::read_all(d)?.body)?;
    if it.len() != 6 || !der::is_int(&it[0], 0) || !ints(&it) || der::int_bits(it[1].body) < 256 {
        return None;
    }
    let mut blob = Vec::new();
    ssh_string(&mut blob, b"ssh-dss");
    for t in &it[1..5] {
        ssh_string(&mut blob, t.body);
    }
    Some(KeyInfo {
        kind: "dsa",
        bits: Some(der::int_bits(it[1].body)),
        encrypted: false,
        format: "dsa",
        fingerprint: ssh_fingerprint(&blob),
    })
}

fn curve(oid: &str) -> Option<(&'static str, u32)> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => ("nistp256", 256),
        "1.3.132.0.34" => ("nistp384", 384),
        "1.3.132.0.35" => ("nistp521", 521),
        "1.3.132.0.10" => ("secp256k1", 256),
        "1.2.840.10045.3.1.1" => ("nistp192", 192),
        "1.3.132.0.33" => ("nistp224", 224),
        _ => return None,
    })
}

/// SEC1 `ECPrivateKey`; `param_oid` is the curve from a PKCS#8 wrapper when SEC1 omits it.
pub fn parse_sec1(d: &[u8], param_oid: Option<&str>) -> Option<KeyInfo> {
    let it = der::items(der::read_all(d)?.body)?;
    if it.len() < 2 || !der::is_int(&it[0], 1) || it[1].tag != der::OCTET_STRING || it[1].body.len() < 16 {
        return None;
    }
    let mut oid = param_oid.map(str::to_string);
    let mut public = None;
    for t in &it[2..] {
        match t.tag {
            0xa0 => oid = der::read_all(t.body).filter(|o| o.tag == der::OID).map(|o| der::oid(o.body)).or(oid),
            0xa1 => public = der::read_all(t.body).filter(|b| b.tag == der::BIT_STRING).and_then(|b| b.body.get(1..)),
            _ => {}
        }
    }
    let c = oid.as_deref().and_then(curve);
    let fingerprint = match (c, public) {
        (Some((name, _)), Some(q)) if name.starts_with("nistp") => {
            let mut blob = Vec::new();
            ssh_string(&mut blob, format!("ecdsa-sha2-{name}").as_bytes());
            ssh_string(&mut blob, name.as_bytes());
            ssh_string(&mut blob, q);
            ssh_fingerprint(&blob)
        }
        _ => private_fingerprint(d),
    };
    Some(KeyInfo {
        kind: "ec",
        bits: c.map(|c| c.1).or(Some(it[1].body.len() as u32 * 8)),
        encrypted: false,
        format: "sec1",
        fingerprint,
    })
}

/// PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey`.
pub fn parse_pkcs8(d: &[u8]) -> Option<KeyInfo> {
    let it = der::items(der::read_all(d)?.body)?;
    if it.len() < 3
        || !(der::is_int(&it[0], 0) || der::is_int(&it[0], 1))
        || it[1].tag != der::SEQUENCE
        || it[2].tag != der::OCTET_STRING
    {
        return None;
    }
    let alg = der::items(it[1].body)?;
    let oid = der::oid(alg.first().filter(|o| o.tag == der::OID)?.body);
    let inner = it[2].body;
    let mut k = match oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => parse_pkcs1(inner)?,
        "1.2.840.10045.2.1" => {
            let p = alg.get(1).filter(|p| p.tag == der::OID).map(|p| der::oid(p.body));
            parse_sec1(inner, p.as_deref())?
        }
        "1.2.840.10040.4.1" => {
            let x = der::read_all(inner).filter(|x| x.tag == der::INTEGER)?;
            let params = alg.get(1).and_then(|p| der::items(p.body));
            let bits = params.as_ref().and_then(|p| p.first()).map(|p| der::int_bits(p.body));
            let _ = x;
            KeyInfo { kind: "dsa", bits, encrypted: false, format: "pkcs8", fingerprint: private_fingerprint(d) }
        }
        "1.3.101.112" | "1.3.101.113" | "1.3.101.110" | "1.3.101.111" => {
            let seed = der::read_all(inner).filter(|s| s.tag == der::OCTET_STRING)?;
            let (kind, len, ssh) = match oid.as_str() {
                "1.3.101.112" => ("ed25519", 32, Some("ssh-ed25519")),
                "1.3.101.113" => ("ed448", 57, None),
                "1.3.101.110" => ("x25519", 32, None),
                _ => ("x448", 56, None),
            };
            if seed.body.len() != len {
                return None;
            }
            // OneAsymmetricKey v2 may carry the public key in [1]
            let public = it.iter().skip(3).find(|t| t.tag == 0x81).map(|t| t.body.get(1..).unwrap_or(&[]));
            let fingerprint = match (ssh, public) {
                (Some(name), Some(p)) if p.len() == 32 => {
                    let mut blob = Vec::new();
                    ssh_string(&mut blob, name.as_bytes());
                    ssh_string(&mut blob, p);
                    ssh_fingerprint(&blob)
                }
                _ => private_fingerprint(d),
            };
            KeyInfo { kind, bits: Some(len as u32 * 8), encrypted: false, format: "pkcs8", fingerprint }
        }
        _ => return None,
    };
    k.format = "pkcs8";
    Some(k)
}

/// PKCS#8 `EncryptedPrivateKeyInfo` (the key type is hidden).
pub fn parse_encrypted_pkcs8(d: &[u8]) -> Option<KeyInfo> {
    let it = der::items(der::read_all(d)?.body)?;
    if it.len() != 2 || it[0].tag != der::SEQUENCE || it[1].tag != der::OCTET_STRING || it[1].body.len() < 16 {
        return None;
    }
    let alg = der::items(it[0].body)?;
    alg.first().filter(|o| o.tag == der::OID)?;
    Some(KeyInfo {
        kind: "unknown",
        bits: None,
        encrypted: true,
        format: "pkcs8-encrypted",
        fingerprint: private_fingerprint(d),
    })
}

struct SshReader<'a>(&'a [u8]);

impl<'a> SshReader<'a> {
    fn u32(&mut self) -> Option<u32> {
        let b = self.0.get(..4)?;
        self.0 = &self.0[4..];
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        let s = self.0.get(..n)?;
        self.0 = &self.0[n..];
        Some(s)
    }
}

fn ssh_key_type(blob: &[u8]) -> Option<(&'static str, Option<u32>)> {
    let mut r = SshReader(blob);
    let t = r.string()?;
    Some(match t {
        b"ssh-ed25519" => ("ed25519", Some(256)),
        b"ssh-rsa" => {
            r.string()?;
            ("rsa", Some(der::int_bits(r.string()?)))
        }
        b"ssh-dss" => ("dsa", Some(der::int_bits(r.string()?))),
        b"ecdsa-sha2-nistp256" => ("ec", Some(256)),
        b"ecdsa-sha2-nistp384" => ("ec", Some(384)),
        b"ecdsa-sha2-nistp521" => ("ec", Some(521)),
        b"ssh-ed448" => ("ed448", Some(456)),
        _ if t.starts_with(b"sk-ssh-ed25519") => ("ed25519", Some(256)),
        _ if t.starts_with(b"sk-ecdsa") => ("ec", Some(256)),
        _ => return None,
    })
}

/// OpenSSH `openssh-key-v1` private key.
pub fn parse_openssh(d: &[u8]) -> Option<KeyInfo> {
    let rest = d.strip_prefix(b"openssh-key-v1\0")?;
    let mut r = SshReader(rest);
    let cipher = r.string()?;
    let _kdf = r.string()?;
    let _kdfopts = r.string()?;
    let n = r.u32()?;
    if n == 0 || n > 16 {
        return None;
    }
    let pubkey = r.string()?;
    let private = r.string()?;
    if private.len() < 8 {
        return None;
    }
    let (kind, bits) = ssh_key_type(pubkey)?;
    Some(KeyInfo { kind, bits, encrypted: cipher != b"none", format: "openssh", fingerprint: ssh_fingerprint(pubkey) })
}

/// Dropbear's own private key file (`dropbear_rsa_host_key`, `dropbearkey` output): SSH wire strings, the key
/// type then the key's integers (RSA: e, n, d, p, q; DSS: p, q, g, y, x; ECDSA: curve, Q, d; Ed25519: 64 bytes
/// of seed and public key), with nothing after them but padding.
pub fn parse_dropbear(d: &[u8]) -> Option<KeyInfo> {
    let mut r = SshReader(d);
    let t = r.string()?;
    let mut fields = Vec::new();
    let (kind, n_fields) = match t {
        b"ssh-rsa" => ("rsa", 5),
        b"ssh-dss" => ("dsa", 5),
        b"ecdsa-sha2-nistp256" | b"ecdsa-sha2-nistp384" | b"ecdsa-sha2-nistp521" => ("ec", 3),
        b"ssh-ed25519" => ("ed25519", 1),
        _ => return None,
    };
    for _ in 0..n_fields {
        let f = r.string()?;
        if f.is_empty() {
            return None;
        }
        fields.push(f);
    }
    // a public key blob has fewer integers; a longer file is something else
    if r.0.len() > 16 || r.0.iter().any(|&b| b != 0) {
        return None;
    }
    let mut public = Vec::new();
    ssh_string(&mut public, t);
    let bits = match kind {
        "rsa" => {
            ssh_string(&mut public, fields[0]);
            ssh_string(&mut public, fields[1]);
            der::int_bits(fields[1])
        }
        "dsa" => {
            for f in &fields[..4] {
                ssh_string(&mut public, f);
            }
            der::int_bits(fields[0])
        }
        "ec" => {
            ssh_string(&mut public, fields[0]);
            ssh_string(&mut public, fields[1]);
            match fields[0] {
                b"nistp256" => 256,
                b"nistp384" => 384,
                b"nistp521" => 521,
                _ => return None,
            }
        }
        _ => {
            if fields[0].len() != 64 {
                return None;
            }
            ssh_string(&mut public, &fields[0][32..]);
            256
        }
    };
    if kind != "ec" && kind != "ed25519" && !(256..=16384).contains(&bits) {
        return None;
    }
    Some(KeyInfo {
        kind,
        bits: Some(bits),
        encrypted: false,
        format: "dropbear",
        fingerprint: ssh_fingerprint(&public),
    })
}

/// PuTTY `.ppk` (versions 2 and 3).
pub fn parse_putty(text: &str) -> Option<KeyInfo> {
    if !text.starts_with("PuTTY-User-Key-File-") {
        return None;
    }
    let mut encrypted = true;
    let mut lines = text.lines();
    let mut public = None;
    let mut has_private = false;
    while let Some(l) = lines.next() {
        if let Some(e) = l.strip_prefix("Encryption:") {
            encrypted = e.trim() != "none";
        } else if let Some(n) = l.strip_prefix("Public-Lines:") {
            let n: usize = n.trim().parse().ok().filter(|&n| n < 1000)?;
            let b64: String = lines.by_ref().take(n).map(str::trim).collect();
            public = base64::engine::general_purpose::STANDARD.decode(b64).ok();
        } else if let Some(n) = l.strip_prefix("Private-Lines:") {
            has_private = n.trim().parse::<usize>().ok().is_some_and(|n| n > 0);
        }
    }
    let public = public?;
    if !has_private {
        return None;
    }
    let (kind, bits) = ssh_key_type(&public)?;
    Some(KeyInfo { kind, bits, encrypted, format: "putty", fingerprint: ssh_fingerprint(&public) })
}

/// A private key from a PEM block, when the block is one and its body parses.
pub fn key_from_pem(b: &PemBlock) -> Option<KeyInfo> {
    let encrypted_hdr = b.headers.iter().any(|(k, v)| k == "Proc-Type" && v.contains("ENCRYPTED"));
    let kind = match b.label.as_str() {
        "RSA PRIVATE KEY" => "rsa",
        "EC PRIVATE KEY" => "ec",
        "DSA PRIVATE KEY" => "dsa",
        "PRIVATE KEY" => return parse_pkcs8(&b.body),
        "ENCRYPTED PRIVATE KEY" => return parse_encrypted_pkcs8(&b.body),
        "OPENSSH PRIVATE KEY" => return parse_openssh(&b.body),
        _ => return None,
    };
    if encrypted_hdr {
        // legacy OpenSSL encryption: the body is ciphertext; require a DEK-Info header and a block-sized body
        let dek = b.headers.iter().any(|(k, _)| k == "DEK-Info");
        return (dek && b.body.len() >= 64 && b.body.len().is_multiple_of(8)).then(|| KeyInfo {
            kind,
            bits: None,
            encrypted: true,
            format: "pem-encrypted",
            fingerprint: private_fingerprint(&b.body),
        });
    }
    match kind {
        "rsa" => parse_pkcs1(&b.body),
        "ec" => parse_sec1(&b.body, None),
        _ => parse_dsa(&b.body),
    }
}

/// A private key in a whole-file DER encoding.
pub fn key_from_der(d: &[u8]) -> Option<KeyInfo> {
    let mut k = parse_pkcs8(d)
        .or_else(|| parse_pkcs1(d))
        .or_else(|| parse_sec1(d, None))
        .or_else(|| parse_dsa(d))
        .or_else(|| parse_encrypted_pkcs8(d))?;
    k.format = match k.format {
        "pkcs8" => "der-pkcs8",
        "pkcs1" => "der-pkcs1",
        "sec1" => "der-sec1",
        "dsa" => "der-dsa",
        f => f,
    };
    Some(k)
}

/// Every private key in a file: PEM blocks anywhere in it, a PuTTY file, or a whole-file DER key.
pub fn private_keys(data: &[u8]) -> Vec<(usize, KeyInfo)> {
    let mut v: Vec<(usize, KeyInfo)> =
        pem_blocks(data).iter().filter_map(|b| key_from_pem(b).map(|k| (b.offset, k))).collect();
    if data.starts_with(b"PuTTY-User-Key-File-") {
        if let Some(k) = std::str::from_utf8(&data[..data.len().min(1 << 20)]).ok().and_then(parse_putty) {
            v.push((0, k));
        }
    }
    if v.is_empty() && data.starts_with(&[0, 0, 0]) && data.len() < (64 << 10) {
        if let Some(k) = parse_dropbear(data) {
            v.push((0, k));
        }
    }
    if v.is_empty() && data.first() == Some(&der::SEQUENCE) && data.len() < (64 << 10) {
        if let Some(k) = key_from_der(data) {
            v.push((0, k));
        }
    }
    v
}
