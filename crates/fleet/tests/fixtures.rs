//! Small firmware-like images built in memory: a cpio (newc) root filesystem with accounts and keys.

use std::path::Path;

/// A weak (md5-crypt) hash of `admin`, planted in two images of one vendor.
pub const HASH_SHARED: &str = "$1$fleetA1$2zgEAR.0f4S3iHkuUuBCV.";
/// A strong (sha512-crypt) hash no audit cracks, planted in two images of two vendors: the same password
/// however strong, a universal default only the fleet view can see.
pub const HASH_STRONG: &str =
    "$6$Zq9uniqueSalt$.ngEfJAOduBaBqp2f2iiSh6Dp3LKHdd4YoI07iWGT3E/YDMR9IzwkBb1y43q81UECksy/EF9O5nZZk8JdIiPL.";
/// A weak hash in one image only: not reuse.
pub const HASH_UNIQUE: &str = "$1$fleetB2$378VH5oGOy3DzVHZIZM5B1";

pub fn key(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../checks/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn entry(out: &mut Vec<u8>, name: &str, mode: u32, data: &[u8], ino: u32) {
    let namesize = name.len() + 1;
    let head = format!(
        "070701{ino:08x}{mode:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{:08x}{namesize:08x}{:08x}",
        0,
        0,
        1,
        0,
        data.len(),
        0,
        0,
        0,
        0,
        0
    );
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(name.as_bytes());
    out.push(0);
    out.resize(out.len().div_ceil(4) * 4, 0);
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(4) * 4, 0);
}

/// A cpio root filesystem with `root`'s hash (when given), files at paths, and a version file.
pub fn image(version: &str, root_hash: Option<&str>, files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ino = 1;
    for d in ["etc", "etc/ssl", "etc/ssl/private", "root", "root/.ssh", "bin"] {
        entry(&mut out, d, 0o040755, b"", ino);
        ino += 1;
    }
    entry(&mut out, "etc/passwd", 0o100644, b"root:x:0:0:root:/root:/bin/sh\n", ino);
    ino += 1;
    if let Some(h) = root_hash {
        entry(&mut out, "etc/shadow", 0o100600, format!("root:{h}:19000:0:99999:7:::\n").as_bytes(), ino);
        ino += 1;
    }
    entry(&mut out, "etc/fw-version", 0o100644, version.as_bytes(), ino);
    ino += 1;
    for (p, data) in files {
        entry(&mut out, p, 0o100600, data, ino);
        ino += 1;
    }
    entry(&mut out, "TRAILER!!!", 0, b"", 0);
    out.resize(out.len().div_ceil(512) * 512, 0);
    out
}

/// The planted fleet under `root`; returns the planted reuse groups as (what, fingerprint prefix, sorted
/// image paths).
pub fn build(root: &Path) -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let ec = key("ec-sec1.pem");
    let ed = key("id_ed25519");
    let rsa = key("rsa1024-pkcs1.pem");
    let images: Vec<(&str, Vec<u8>)> = vec![
        ("acme/cam/cam-1.9.bin", image("cam 1.9", Some(HASH_SHARED), &[("etc/ssl/private/server.key", ec.clone())])),
        ("acme/cam/cam-1.10.bin", image("cam 1.10", Some(HASH_SHARED), &[("etc/ssl/private/server.key", ec)])),
        ("acme/door/door-2.bin", image("door 2", Some(HASH_STRONG), &[("root/.ssh/id_ed25519", ed.clone())])),
        ("globex/router/r-1.bin", image("r 1", Some(HASH_STRONG), &[("etc/ssl/private/vpn.key", ed)])),
        ("globex/router/r-2.bin", image("r 2", Some(HASH_UNIQUE), &[("etc/ssl/private/server.key", rsa)])),
        ("globex/router/notes.bin", b"not firmware at all\n".to_vec()),
    ];
    for (p, data) in images {
        let path = root.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    vec![
        ("weak root password hash", "sha256-password-hash:", vec!["acme/cam/cam-1.10.bin", "acme/cam/cam-1.9.bin"]),
        ("cracked root password", "sha256-password:", vec!["acme/cam/cam-1.10.bin", "acme/cam/cam-1.9.bin"]),
        ("EC private key", "SHA256:", vec!["acme/cam/cam-1.10.bin", "acme/cam/cam-1.9.bin"]),
        ("Ed25519 private key", "SHA256:", vec!["acme/door/door-2.bin", "globex/router/r-1.bin"]),
        ("strong root password hash", "sha256-password-hash:", vec!["acme/door/door-2.bin", "globex/router/r-1.bin"]),
    ]
}
