//! Private keys in files and embedded in binaries (PEM, DER, OpenSSH, PuTTY).

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FileRef, FindingKind, Severity};

/// An unencrypted private key.
pub const PRIVATE_KEY: RuleMeta = RuleMeta {
    id: "key.private-key",
    kind: FindingKind::PrivateKey,
    severity: Severity::High,
    cwe: "CWE-321",
    title: "Unencrypted private key in the image",
    remediation: "Generate keys on the device at first boot or provision them per device into secure storage; never ship them in the image.",
    requirements: reqs::PRIVATE_KEY_RULE,
};

/// A passphrase-encrypted private key (lower severity: the passphrase is often nearby).
pub const ENCRYPTED_PRIVATE_KEY: RuleMeta = RuleMeta {
    id: "key.encrypted-private-key",
    kind: FindingKind::PrivateKey,
    severity: Severity::Medium,
    cwe: "CWE-321",
    title: "Encrypted private key in the image",
    remediation: "Provision keys per device into secure storage; an image-wide key is shared by every device even when encrypted.",
    requirements: reqs::PRIVATE_KEY,
};

/// An RSA/DSA key or certificate key that is too small.
pub const WEAK_KEY: RuleMeta = RuleMeta {
    id: "crypto.weak-key",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Medium,
    cwe: "CWE-326",
    title: "Key too small (RSA/DSA below 2048 bits, EC below 224 bits)",
    remediation: "Use RSA of at least 2048 bits, or P-256 / Ed25519.",
    requirements: reqs::WEAK_KEY,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY, WEAK_KEY];

use crate::keys::{private_keys, KeyInfo};
use crate::rule::At;
use crate::{checks::Check, ChecksOutput, Ctx, FileFacts};

/// The private-keys check.
pub struct PrivateKeys;

/// Files bigger than this are not searched for keys.
const MAX_FILE: usize = 64 << 20;
/// Raw payloads bigger than this are not searched for keys.
const MAX_BLOB: usize = 256 << 20;

fn describe(k: &KeyInfo) -> String {
    let bits = k.bits.map(|b| format!(" {b}-bit")).unwrap_or_default();
    format!("{}{bits} private key ({}{})", k.kind, k.format, if k.encrypted { ", passphrase-encrypted" } else { "" })
}

impl Check for PrivateKeys {
    fn id(&self) -> &'static str {
        "private_keys"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn scan_file(&self, f: &FileRef<'_>) -> Option<FileFacts> {
        if f.data.len() > MAX_FILE {
            return None;
        }
        let keys = private_keys(f.data);
        (!keys.is_empty()).then(|| Box::new(keys) as FileFacts)
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let found: Vec<Vec<_>> = ctx
            .scanned::<Vec<(usize, KeyInfo)>>(self)
            .into_iter()
            .map(|(f, keys)| {
                keys.into_iter().map(|(off, k)| (f.layer.id.clone(), f.path.to_string(), off, k)).collect()
            })
            .collect();
        // raw payloads that are not a filesystem (an RTOS image, a decompressed application) carry keys
        // too: each is named by its layer's label and the key's offset
        let in_blobs: Vec<_> = ctx
            .vfs
            .searched_blobs()
            .filter(|l| l.data.len() <= MAX_BLOB)
            .flat_map(|l| {
                let label = ctx.vfs.blob_label(l);
                private_keys(&l.data)
                    .into_iter()
                    .map(move |(off, k)| (l.id.clone(), format!("{label}, offset {off}"), 0, k))
            })
            .collect();
        let mut out = ChecksOutput::default();
        for (layer, path, off, k) in found.into_iter().flatten().chain(in_blobs) {
            let rule = if k.encrypted { &ENCRYPTED_PRIVATE_KEY } else { &PRIVATE_KEY };
            let where_ = if off > 0 { format!(" at offset {off:#x}") } else { String::new() };
            let mut f = rule.finding(
                At::new(&layer, &path),
                k.kind,
                format!("{} stored in the image{where_}.", describe(&k)),
                format!("{}{where_}: {} {}", path, describe(&k), k.fingerprint),
            );
            f.fingerprint = Some(k.fingerprint.clone());
            out.findings.push(f);
            let weak = match (k.kind, k.bits) {
                ("rsa" | "dsa", Some(b)) if b < 2048 => Some(format!("{}-{b}", k.kind)),
                ("ec", Some(b)) if b < 224 => Some(format!("ec-{b}")),
                _ => None,
            };
            if let Some(subject) = weak {
                out.findings.push(WEAK_KEY.finding(
                    At::new(&layer, &path),
                    &subject,
                    format!("{} is too small.", describe(&k)),
                    format!("{path}{where_}: {subject} {}", k.fingerprint),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckOptions;
    use fwassure_model::{Node, Tree, Vfs};

    fn run(files: &[(&str, Vec<u8>)]) -> ChecksOutput {
        let mut t = Tree::new();
        for (p, c) in files {
            t.insert(p, Node::file(c.clone())).unwrap();
        }
        let vfs = Vfs::from_tree("squashfs", t);
        PrivateKeys.run(&Ctx::new(&vfs, &[], &CheckOptions::default()))
    }

    fn td(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn all_formats() {
        let mut elf = b"\x7fELF\x00\x00junk".to_vec();
        elf.extend(td("ec-sec1.pem"));
        elf.extend(b"\x00more");
        let o = run(&[
            ("root/.ssh/id_ed25519", td("id_ed25519")),
            ("root/.ssh/enc", td("enc_ed25519")),
            ("etc/ssl/rsa1.key", td("rsa1024-pkcs1.pem")),
            ("etc/ssl/rsa8.key", td("rsa1024-pkcs8.pem")),
            ("etc/ssl/ec8.key", td("ec-pkcs8.pem")),
            ("etc/ssl/ecenc.key", td("ec-enc-pkcs8.pem")),
            ("etc/ssl/ed.der", td("ed25519.der")),
            ("etc/ssl/rsa_tmp", td("rsa_tmp")),
            ("etc/dropbear/dropbear_rsa_host_key", td("dropbear_rsa_host_key")),
            ("etc/dropbear/dropbear_ed25519_host_key", td("dropbear_ed25519_host_key")),
            ("usr/bin/app", elf),
        ]);
        let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.as_str(), f.rule.as_str(), f.subject.as_str())).collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("/etc/dropbear/dropbear_ed25519_host_key", "key.private-key", "ed25519"),
                ("/etc/dropbear/dropbear_rsa_host_key", "crypto.weak-key", "rsa-1024"),
                ("/etc/dropbear/dropbear_rsa_host_key", "key.private-key", "rsa"),
                ("/etc/ssl/ec8.key", "key.private-key", "ec"),
                ("/etc/ssl/ecenc.key", "key.encrypted-private-key", "unknown"),
                ("/etc/ssl/ed.der", "key.private-key", "ed25519"),
                ("/etc/ssl/rsa1.key", "crypto.weak-key", "rsa-1024"),
                ("/etc/ssl/rsa1.key", "key.private-key", "rsa"),
                ("/etc/ssl/rsa8.key", "crypto.weak-key", "rsa-1024"),
                ("/etc/ssl/rsa8.key", "key.private-key", "rsa"),
                ("/etc/ssl/rsa_tmp", "crypto.weak-key", "rsa-1024"),
                ("/etc/ssl/rsa_tmp", "key.private-key", "rsa"),
                ("/root/.ssh/enc", "key.encrypted-private-key", "ed25519"),
                ("/root/.ssh/id_ed25519", "key.private-key", "ed25519"),
                ("/usr/bin/app", "key.private-key", "ec"),
            ]
        );
        // fingerprints agree with ssh-keygen -l, and PKCS#1 / PKCS#8 of one key match
        let fp = |p: &str| {
            o.findings
                .iter()
                .find(|f| f.path == p && f.kind == FindingKind::PrivateKey)
                .unwrap()
                .fingerprint
                .clone()
                .unwrap()
        };
        let want = |n: &str| String::from_utf8(td(n)).unwrap().split_whitespace().nth(1).unwrap().to_string();
        assert_eq!(fp("/root/.ssh/id_ed25519"), want("id_ed25519.fp"));
        assert_eq!(fp("/etc/ssl/rsa_tmp"), want("rsa_tmp.fp"));
        assert_eq!(fp("/etc/ssl/rsa1.key"), fp("/etc/ssl/rsa8.key"));
        assert_eq!(fp("/etc/dropbear/dropbear_rsa_host_key"), want("rsa_tmp.fp"));
        assert_eq!(fp("/etc/dropbear/dropbear_ed25519_host_key"), want("id_ed25519.fp"));
        assert_eq!(o.findings.iter().find(|f| f.path == "/root/.ssh/enc").unwrap().severity, Severity::Medium);
    }

    #[test]
    fn negatives() {
        let lib = b"\x7fELF..-----BEGIN RSA PRIVATE KEY-----\x00-----END RSA PRIVATE KEY-----\x00\
            -----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\x00-----BEGIN OPENSSH PRIVATE KEY-----\x00"
            .to_vec();
        let doc =
            b"Example:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n".to_vec();
        let o = run(&[
            ("root/.ssh/id_ed25519.pub", td("id_ed25519.pub")),
            ("root/.ssh/authorized_keys", td("id_ed25519.pub")),
            ("etc/ssl/cert.pem", td("selfsigned-rsa1024.pem")),
            ("etc/ssl/cert.der", td("selfsigned-rsa1024.der")),
            ("usr/lib/libcrypto.so.3", lib),
            ("usr/share/doc/x.txt", doc),
            ("etc/dropbear/pub_blob", td("dropbear_rsa_public_blob")),
        ]);
        assert!(o.findings.is_empty(), "{:?}", o.findings);
    }

    #[test]
    fn keys_in_a_raw_payload_are_named_by_payload_and_offset() {
        // an RTOS application image (no filesystem): keys compiled into it, and a decoy template
        let mut blob = vec![0x11u8; 5000];
        blob.extend(td("rsa1024-pkcs1.pem"));
        blob.extend(b"\x00-----BEGIN RSA PRIVATE KEY-----\x00-----END RSA PRIVATE KEY-----\x00");
        let at2 = blob.len();
        blob.extend(td("ec-sec1.pem"));
        let layer = |id: &str, parent: Option<&str>, desc: &str, data: Vec<u8>| fwassure_model::Layer {
            id: id.into(),
            parent: parent.map(str::to_string),
            format: "data".into(),
            offset: 0,
            size: data.len() as u64,
            source_path: Some("program".into()),
            description: desc.into(),
            data: data.into(),
            tree: None,
            problems: vec![],
            attributes: Default::default(),
            unclaimed: vec![],
        };
        let vfs = Vfs {
            layers: vec![
                layer("L0", None, "", vec![0u8; 100]),
                layer("L1", Some("L0"), "ProgramStore LZMA payload @92 (decompressed)", blob.clone()),
                layer("L2", Some("L0"), "", blob),
            ],
            problems: vec![],
        };
        let o = PrivateKeys.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        let mut v: Vec<_> = o
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::PrivateKey)
            .map(|f| (f.layer.as_str(), f.path.clone(), f.subject.as_str()))
            .collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("L1", "ProgramStore LZMA payload @92 (decompressed), offset 5000".to_string(), "rsa"),
                ("L1", format!("ProgramStore LZMA payload @92 (decompressed), offset {at2}"), "ec"),
                ("L2", "program, offset 5000".to_string(), "rsa"),
                ("L2", format!("program, offset {at2}"), "ec"),
            ]
        );
    }
}
