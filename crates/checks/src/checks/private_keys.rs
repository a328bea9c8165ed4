//! Private keys in files and embedded in binaries (PEM, DER, OpenSSH, PuTTY).
//!
//! An unencrypted key is a finding. An encrypted key is a finding only when its passphrase is recovered
//! ([`crate::passphrase`]): a device that uses the key unattended carries the passphrase too, so the
//! candidates are the strings of the files that name the key (the program or configuration that loads it),
//! of the raw payload it sits in, then the published default and common passwords. A key that stays
//! closed is not a weakness the image proves; it is listed, with the scheme and how many candidates were
//! tried, in the report's `private_keys` inventory (every key found is there).

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
pub const RULES: &[RuleMeta] = &[PRIVATE_KEY, WEAK_KEY];

use crate::keys::{pem_blocks, private_keys, KeyInfo};
use crate::passphrase::Sealed;
use crate::rule::At;
use crate::{checks::Check, ChecksOutput, Ctx, FileFacts};
use fwassure_model::Vfs;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

/// The private-keys check.
pub struct PrivateKeys;

/// Files bigger than this are not searched for keys.
const MAX_FILE: usize = 64 << 20;
/// Raw payloads bigger than this are not searched for keys.
const MAX_BLOB: usize = 256 << 20;
/// Files that name an encrypted key and are bigger than this are not read for passphrase candidates.
const MAX_LOADER: u64 = 16 << 20;
/// At most this many files naming a key give passphrase candidates.
const MAX_LOADERS: usize = 16;
/// At most this many strings of those files (or of the payload holding the key) are tried.
const MAX_STRINGS: usize = 200_000;
/// At most this many encrypted keys of an image get passphrase attempts (the rest are listed as not tried).
const MAX_SEALED: usize = 64;
/// Candidate strings longer than this are not passphrases.
const MAX_PASSPHRASE: usize = 64;

fn describe(k: &KeyInfo) -> String {
    let bits = k.bits.map(|b| format!(" {b}-bit")).unwrap_or_default();
    format!("{}{bits} private key ({}{})", k.kind, k.format, if k.encrypted { ", passphrase-encrypted" } else { "" })
}

/// A key found in a file, with its encryption when it has one.
#[derive(Debug, Clone)]
struct Found {
    offset: usize,
    key: KeyInfo,
    sealed: Option<Sealed>,
}

fn keys_in(data: &[u8]) -> Vec<Found> {
    private_keys(data)
        .into_iter()
        .map(|(offset, key)| {
            let sealed = key.encrypted.then(|| sealed_at(data, offset, &key)).flatten();
            Found { offset, key, sealed }
        })
        .collect()
}

/// The encryption of the encrypted key `k` found at `offset` of `data`.
fn sealed_at(data: &[u8], offset: usize, k: &KeyInfo) -> Option<Sealed> {
    match k.format {
        "openssh" => Some(Sealed::Unsupported("OpenSSH bcrypt-pbkdf".into())),
        "putty" => Some(Sealed::Unsupported("PuTTY".into())),
        _ if data[offset..].starts_with(b"-----BEGIN ") => {
            pem_blocks(data.get(offset..)?).first().and_then(Sealed::from_pem)
        }
        _ => Sealed::from_pkcs8(data),
    }
}

/// A passphrase candidate, where it comes from, and whether it is published (a published default or
/// common password is shown in the report; one found in the image's own files is a secret and is only
/// named by where it is).
struct Candidate {
    pass: String,
    source: Arc<str>,
    published: bool,
}

/// The published default and common passwords, in the order they are tried, each with its list (built once).
fn published_passphrases() -> &'static [(&'static str, Arc<str>)] {
    static ALL: LazyLock<Vec<(&'static str, Arc<str>)>> = LazyLock::new(|| {
        let mut lists: HashMap<&str, Arc<str>> = HashMap::new();
        let mut v: Vec<(&'static str, Arc<str>)> = super::credentials::published()
            .iter()
            .map(|p| {
                let src = lists
                    .entry(p.list)
                    .or_insert_with(|| format!("a published default password ({} list)", p.list).into());
                (p.password, src.clone())
            })
            .collect();
        let common: Arc<str> = Arc::from("a common password");
        v.extend(super::credentials::common(0).map(|p| (p, common.clone())));
        v
    });
    &ALL
}

/// Candidates for one key, in the order they are tried: the empty passphrase, the strings of `own` (the
/// files that load the key, or the payload it sits in: the most specific), then the published passwords.
fn candidates(own: &[(String, bytes::Bytes)]) -> Vec<Candidate> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut push = |pass: &str, source: &Arc<str>, published: bool| {
        if pass.len() <= MAX_PASSPHRASE && seen.insert(pass.to_string()) {
            out.push(Candidate { pass: pass.to_string(), source: source.clone(), published });
        }
    };
    push("", &Arc::from("the empty passphrase"), true);
    for (name, data) in own {
        let src: Arc<str> = Arc::from(format!("a string of {name}"));
        for (_, s) in crate::text::strings(data, 4).into_iter().take(MAX_STRINGS) {
            let s = s.trim_end_matches(['\r', '\n']);
            if !s.trim().is_empty() {
                push(s, &src, false);
            }
        }
    }
    for (pass, src) in published_passphrases() {
        push(pass, src, true);
    }
    out
}

/// Files of `layer` (other than the key's own) that name the key's file, in path order, with their bytes:
/// the programs and configuration that load it.
fn loaders(vfs: &Vfs, layer: &str, key_path: &str) -> Vec<(String, bytes::Bytes)> {
    let base = key_path.rsplit('/').next().unwrap_or(key_path);
    if base.len() < 4 {
        return Vec::new();
    }
    let finder = memchr::memmem::Finder::new(base.as_bytes());
    vfs.files()
        .filter(|e| e.layer.id == layer && e.path != key_path && e.data.len() <= MAX_LOADER)
        .filter_map(|e| {
            let d = e.data.read_lossy();
            finder.find(&d).is_some().then(|| (e.path.to_string(), d))
        })
        .take(MAX_LOADERS)
        .collect()
}

/// What trying passphrases on one key gave: the key and the candidate that opened it, how many were tried,
/// how many there were.
struct Attempt<'a> {
    opened: Option<(KeyInfo, &'a Candidate)>,
    tried: usize,
    total: usize,
}

/// Try the candidates on `sealed` within `work_us` estimated microseconds of one core (the first
/// candidate is always tried).
fn attempt<'a>(sealed: &Sealed, cands: &'a [Candidate], work_us: u64) -> Attempt<'a> {
    let total = cands.len();
    if matches!(sealed, Sealed::Unsupported(_)) {
        return Attempt { opened: None, tried: 0, total };
    }
    let n = usize::try_from(work_us / sealed.cost_us()).unwrap_or(usize::MAX).clamp(1, total.max(1)).min(total);
    for (i, c) in cands[..n].iter().enumerate() {
        if let Some(key) = sealed.open(c.pass.as_bytes()) {
            return Attempt { opened: Some((key, c)), tried: i + 1, total };
        }
    }
    Attempt { opened: None, tried: n, total }
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
        let keys = keys_in(f.data);
        (!keys.is_empty()).then(|| Box::new(keys) as FileFacts)
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        // (layer, path, offset in the file, key, the bytes around it when it is in a raw payload)
        let mut found: Vec<(String, String, usize, Found, Option<bytes::Bytes>)> = ctx
            .scanned::<Vec<Found>>(self)
            .into_iter()
            .flat_map(|(f, keys)| {
                keys.into_iter().map(move |k| (f.layer.id.clone(), f.path.to_string(), k.offset, k, None))
            })
            .collect();
        // raw payloads that are not a filesystem (an RTOS image, a decompressed application) carry keys
        // too: each is named by its layer's label and the key's offset
        for l in ctx.vfs.searched_blobs().filter(|l| l.data.len() <= MAX_BLOB) {
            let label = ctx.vfs.blob_label(l);
            for k in keys_in(&l.data) {
                found.push((l.id.clone(), format!("{label}, offset {}", k.offset), 0, k, Some(l.data.clone())));
            }
        }
        let mut out = ChecksOutput::default();
        let mut inventory = Vec::new();
        let mut attempted = 0;
        let mut blob_cands: HashMap<String, Arc<Vec<Candidate>>> = HashMap::new();
        for (layer, path, off, k, blob) in found {
            let where_ = if off > 0 { format!(" at offset {off:#x}") } else { String::new() };
            let mut entry = serde_json::json!({
                "layer": layer, "path": path, "offset": off, "type": k.key.kind, "bits": k.key.bits,
                "format": k.key.format, "encrypted": k.key.encrypted, "fingerprint": k.key.fingerprint,
            });
            let (key, how) = match &k.sealed {
                None if k.key.encrypted => {
                    entry["passphrase"] = "not tried: unknown encryption".into();
                    inventory.push(entry);
                    continue;
                }
                None => (k.key.clone(), String::new()),
                Some(sealed) => {
                    entry["scheme"] = sealed.scheme().into();
                    let why_not = match sealed {
                        Sealed::Unsupported(_) => Some("not tried: scheme not supported"),
                        _ if attempted == MAX_SEALED => Some("not tried: too many encrypted keys"),
                        _ => None,
                    };
                    if let Some(why) = why_not {
                        entry["passphrase"] = why.into();
                        inventory.push(entry);
                        continue;
                    }
                    attempted += 1;
                    // the candidates of a payload are the same for every key in it
                    let cands = match &blob {
                        Some(data) => blob_cands
                            .entry(layer.clone())
                            .or_insert_with(|| Arc::new(candidates(&[(path.clone(), data.clone())])))
                            .clone(),
                        None => Arc::new(candidates(&loaders(ctx.vfs, &layer, &path))),
                    };
                    let a = attempt(sealed, &cands, ctx.opts.crack_work_us);
                    entry["candidates_tried"] = a.tried.into();
                    entry["candidates"] = a.total.into();
                    let Some((opened, c)) = a.opened else {
                        entry["passphrase"] = "not recovered".into();
                        inventory.push(entry);
                        continue;
                    };
                    entry["passphrase"] = "recovered".into();
                    entry["passphrase_source"] = c.source.to_string().into();
                    entry["fingerprint"] = opened.fingerprint.clone().into();
                    entry["bits"] = opened.bits.into();
                    let shown = if c.published { format!(" `{}`", c.pass) } else { String::new() };
                    (opened, format!("; its passphrase{shown} was recovered: it is {}", c.source))
                }
            };
            inventory.push(entry);
            let mut f = PRIVATE_KEY.finding(
                At::new(&layer, &path),
                key.kind,
                format!("{} stored in the image{where_}{how}.", describe(&key)),
                format!("{}{where_}: {} {}", path, describe(&key), key.fingerprint),
            );
            f.fingerprint = Some(key.fingerprint.clone());
            out.findings.push(f);
            let weak = match (key.kind, key.bits) {
                ("rsa" | "dsa", Some(b)) if b < 2048 => Some(format!("{}-{b}", key.kind)),
                ("ec", Some(b)) if b < 224 => Some(format!("ec-{b}")),
                _ => None,
            };
            if let Some(subject) = weak {
                out.findings.push(WEAK_KEY.finding(
                    At::new(&layer, &path),
                    &subject,
                    format!("{} is too small.", describe(&key)),
                    format!("{path}{where_}: {subject} {}", key.fingerprint),
                ));
            }
        }
        if !inventory.is_empty() {
            out.extra.insert("private_keys".into(), serde_json::json!({ "keys": inventory }));
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
                ("/etc/ssl/ecenc.key", "key.private-key", "ec"),
                ("/etc/ssl/ed.der", "key.private-key", "ed25519"),
                ("/etc/ssl/rsa1.key", "crypto.weak-key", "rsa-1024"),
                ("/etc/ssl/rsa1.key", "key.private-key", "rsa"),
                ("/etc/ssl/rsa8.key", "crypto.weak-key", "rsa-1024"),
                ("/etc/ssl/rsa8.key", "key.private-key", "rsa"),
                ("/etc/ssl/rsa_tmp", "crypto.weak-key", "rsa-1024"),
                ("/etc/ssl/rsa_tmp", "key.private-key", "rsa"),
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
        // every key is in the inventory; the PKCS#8 test key's passphrase `test` is a published default, the
        // OpenSSH key's scheme is not tried (so it is no finding)
        let inv = o.extra["private_keys"]["keys"].as_array().unwrap();
        let entry = |p: &str| inv.iter().find(|e| e["path"] == p).unwrap().clone();
        assert_eq!(inv.len(), 11);
        assert_eq!(entry("/etc/ssl/ecenc.key")["passphrase"], "recovered");
        assert_eq!(
            entry("/etc/ssl/ecenc.key")["passphrase_source"],
            "a published default password (defaultcreds list)"
        );
        assert!(o.findings.iter().any(|f| f.path == "/etc/ssl/ecenc.key" && f.message.contains("`test`")));
        assert_eq!(entry("/root/.ssh/enc")["passphrase"], "not tried: scheme not supported");
        assert_eq!(entry("/root/.ssh/enc")["scheme"], "OpenSSH bcrypt-pbkdf");
        assert_eq!(entry("/etc/ssl/rsa1.key")["encrypted"], false);
    }

    #[test]
    fn encrypted_keys_are_findings_when_their_passphrase_is_recovered() {
        let plain_fp = private_keys(&td("des3-admin.plain.pem"))[0].1.fingerprint.clone();
        // a published default passphrase, a passphrase the loading program carries, and one nobody has
        let mut httpd = b"\x7fELF\x01\x01\x01junk\0/etc/ssl/server.key\0Error reading %s\0".to_vec();
        httpd.extend(b"Zq7!httpd-key-pass\0usage: httpd\0");
        let o = run(&[
            ("etc/ssl/default.key", td("des3-admin.pem")),
            ("etc/ssl/server.key", td("aes256-loader.pem")),
            ("usr/sbin/httpd", httpd),
            ("etc/ssl/unused.key", td("aes256-loader.pem")),
            ("etc/ssl/pkcs8.key", td("pkcs8-aes256-sha256-admin.pem")),
        ]);
        let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.as_str(), f.rule.as_str(), f.subject.as_str())).collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("/etc/ssl/default.key", "crypto.weak-key", "rsa-512"),
                ("/etc/ssl/default.key", "key.private-key", "rsa"),
                ("/etc/ssl/pkcs8.key", "crypto.weak-key", "rsa-512"),
                ("/etc/ssl/pkcs8.key", "key.private-key", "rsa"),
                ("/etc/ssl/server.key", "crypto.weak-key", "rsa-512"),
                ("/etc/ssl/server.key", "key.private-key", "rsa"),
            ]
        );
        let f = |p: &str| o.findings.iter().find(|f| f.path == p && f.rule == "key.private-key").unwrap();
        // the published passphrase is shown; the image's own is only located, never printed
        assert!(
            f("/etc/ssl/default.key").message.contains("passphrase `admin` was recovered"),
            "{}",
            f("/etc/ssl/default.key").message
        );
        assert!(
            f("/etc/ssl/server.key").message.contains("it is a string of /usr/sbin/httpd"),
            "{}",
            f("/etc/ssl/server.key").message
        );
        assert!(!serde_json::to_string(&o.findings).unwrap().contains("Zq7!"));
        assert!(!serde_json::to_string(&o.extra).unwrap().contains("Zq7!"));
        // the opened key has the fingerprint of the plain key (fleet matching sees through the encryption)
        for p in ["/etc/ssl/default.key", "/etc/ssl/server.key", "/etc/ssl/pkcs8.key"] {
            assert_eq!(f(p).fingerprint.as_deref(), Some(plain_fp.as_str()), "{p}");
        }
        let inv = o.extra["private_keys"]["keys"].as_array().unwrap();
        let unused = inv.iter().find(|e| e["path"] == "/etc/ssl/unused.key").unwrap();
        assert_eq!(unused["passphrase"], "not recovered", "no file names unused.key: its passphrase stays unknown");
        let server = inv.iter().find(|e| e["path"] == "/etc/ssl/server.key").unwrap();
        assert_eq!(server["passphrase_source"], "a string of /usr/sbin/httpd");
        assert_eq!(server["scheme"], "PEM AES-256-CBC (EVP_BytesToKey MD5)");
    }

    #[test]
    fn only_so_many_encrypted_keys_get_attempts() {
        let one = td("aes256-loader.pem");
        let many: Vec<u8> = one.iter().copied().cycle().take(one.len() * (MAX_SEALED + 2)).collect();
        let o = run(&[("etc/ssl/bundle.pem", many)]);
        let inv = o.extra["private_keys"]["keys"].as_array().unwrap();
        assert_eq!(inv.len(), MAX_SEALED + 2);
        let not_tried = inv.iter().filter(|e| e["passphrase"] == "not tried: too many encrypted keys").count();
        assert_eq!(not_tried, 2);
    }

    #[test]
    fn the_passphrase_work_is_capped_by_the_work_budget() {
        // PBKDF2 with 2048 rounds: a tiny budget tries only the first candidate (the empty passphrase)
        let mut t = Tree::new();
        t.insert("etc/ssl/pkcs8.key", Node::file(td("pkcs8-aes256-sha256-admin.pem"))).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let opts = CheckOptions { crack_work_us: 10, ..CheckOptions::default() };
        let o = PrivateKeys.run(&Ctx::new(&vfs, &[], &opts));
        assert!(o.findings.is_empty());
        let e = &o.extra["private_keys"]["keys"][0];
        assert_eq!((e["candidates_tried"].as_u64(), e["passphrase"].as_str()), (Some(1), Some("not recovered")));
        assert!(e["candidates"].as_u64().unwrap() > 1000);
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
