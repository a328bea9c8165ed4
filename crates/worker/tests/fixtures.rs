//! Small firmware images written by the tests themselves (tar archives of a root file system), so that the
//! queue tests always run: accounts with a vendor-wide default password, a private key shared by a vendor's
//! products, and one image whose password audit is slow on purpose (accounts with sha512-crypt hashes of
//! passwords no candidate list holds).
//!
//! Shared by the worker crate's tests and the CLI's process tests (`#[path]`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// md5-crypt of `admin`: every image of the fleet carries it for root.
pub const SHARED_ADMIN_HASH: &str = "$1$fwas$pyv6AYNT50tDV8bcAQrMn1";

/// sha512-crypt hashes of long random passphrases: the audit spends its whole budget on each.
const COSTLY_HASHES: [&str; 2] = [
    "$6$slowslow$8MBRlyDlehbr8XhWnYKogw7K33eTw9mmO2CNtzNnXB6T8bRKSuZzM.6t/aGKsP78w/kHEeedmGhyEfdGMJ8EX.",
    "$6$other123$1giUGe8A5MDbzzvmZF2W30SdfhiWS2Er8CGW.7zVZVQp8az4viPa9soZsMyPwrfUErYUm.l7ZzOocdupl2JFo/",
];

/// A P-256 private key (PKCS#8), planted in every `acme` image.
pub fn shared_key() -> Vec<u8> {
    std::fs::read(format!("{}/../checks/testdata/ec-pkcs8.pem", env!("CARGO_MANIFEST_DIR")))
        .or_else(|_| std::fs::read(format!("{}/../../crates/checks/testdata/ec-pkcs8.pem", env!("CARGO_MANIFEST_DIR"))))
        .expect("crates/checks/testdata/ec-pkcs8.pem")
}

/// A ustar archive of regular files (mode 0644, or 0755 under `bin/`), in the given order.
pub fn tar(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in files {
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        let mode = if name.contains("bin/") { "0000755" } else { "0000644" };
        h[100..107].copy_from_slice(mode.as_bytes());
        h[108..115].copy_from_slice(b"0000000");
        h[116..123].copy_from_slice(b"0000000");
        h[124..135].copy_from_slice(format!("{:011o}", data.len()).as_bytes());
        h[136..147].copy_from_slice(format!("{:011o}", 1_700_000_000u64).as_bytes());
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| b as u32).sum();
        h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// One image's root file system: `/etc/passwd`, `/etc/shadow` (root with the shared default password, a
/// per-image service account), a release file naming the image, and the shared key when `key`.
fn rootfs(name: &str, key: bool, extra_shadow: &[(&str, &str)]) -> Vec<u8> {
    let mut passwd = String::from("root:x:0:0:root:/root:/bin/sh\n");
    let mut shadow = format!("root:{SHARED_ADMIN_HASH}:19000:0:99999:7:::\n");
    for (user, hash) in extra_shadow {
        passwd.push_str(&format!("{user}:x:1000:1000::/home/{user}:/bin/sh\n"));
        shadow.push_str(&format!("{user}:{hash}:19000:0:99999:7:::\n"));
    }
    let mut files = vec![
        ("etc/passwd", passwd.into_bytes()),
        ("etc/shadow", shadow.into_bytes()),
        ("etc/os-release", format!("NAME=\"Fixture Linux\"\nVERSION_ID=\"{name}\"\n").into_bytes()),
        ("etc/inittab", b"::sysinit:/etc/init.d/rcS\nttyS0::respawn:/bin/sh\n".to_vec()),
    ];
    if key {
        files.push(("etc/ssl/private/server.key", shared_key()));
    }
    tar(&files)
}

/// `n` small images under `root` as `VENDOR/PRODUCT/PRODUCT-1.N.tar` (vendors `acme` and `globex`; the
/// `acme` ones share a private key, all share root's default password); returns their fleet names.
pub fn small_fleet(root: &Path, n: usize) -> Vec<String> {
    let mut rels = Vec::new();
    for i in 0..n {
        let (vendor, product) = match i % 3 {
            0 => ("acme", "cam"),
            1 => ("acme", "router"),
            _ => ("globex", "nas"),
        };
        let rel = format!("{vendor}/{product}/{product}-1.{i}.tar");
        let image = rootfs(&rel, vendor == "acme", &[]);
        write(root, &rel, &image);
        rels.push(rel);
    }
    rels
}

/// An image whose password audit takes the whole `--password-work` budget on two accounts: with 1000 ms,
/// a few seconds of scan on any machine.
pub fn slow_image(root: &Path, rel: &str) -> PathBuf {
    let image = rootfs(rel, true, &[("svc", COSTLY_HASHES[0]), ("ops", COSTLY_HASHES[1])]);
    write(root, rel, &image)
}

fn write(root: &Path, rel: &str, data: &[u8]) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, data).unwrap();
    p
}
