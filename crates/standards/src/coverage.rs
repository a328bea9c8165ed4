//! What the checks inspected, counted from the image, so that a `pass` says over what it holds.

use fwassure_model::{FindingKind, Vfs};

/// Counts of the things each kind of check looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Regular files in all filesystem layers.
    pub files: usize,
    /// Accounts in shadow/passwd files.
    pub accounts: usize,
    /// Account database files found (`L1:/etc/shadow`).
    pub account_files: Vec<String>,
    /// Service and network configuration files (init scripts, inetd, web server configs …).
    pub service_configs: usize,
    /// ELF files.
    pub elf_files: usize,
    /// Components identified.
    pub components: usize,
}

const SERVICE_PREFIXES: &[&str] = &[
    "/etc/init.d/",
    "/etc/rc.d/",
    "/etc/xinetd.d/",
    "/etc/systemd/system/",
    "/lib/systemd/system/",
    "/usr/lib/systemd/system/",
    "/etc/nginx/",
    "/etc/lighttpd/",
    "/etc/httpd/",
    "/etc/apache2/",
    "/etc/config/",
    "/etc/ssh/",
    "/etc/dropbear/",
];
const SERVICE_FILES: &[&str] = &["/etc/inetd.conf", "/etc/inittab", "/etc/rc.local", "/etc/securetty", "/etc/boa.conf"];

impl Coverage {
    /// Count over the image.
    pub fn of(vfs: &Vfs, components: usize) -> Coverage {
        let mut c = Coverage { components, ..Default::default() };
        for f in vfs.files() {
            c.files += 1;
            // a lazily read file keeps its first bytes: no read here
            if f.data.head(4).is_ok_and(|h| h.starts_with(b"\x7fELF")) {
                c.elf_files += 1;
            }
            if SERVICE_FILES.contains(&f.path) || SERVICE_PREFIXES.iter().any(|p| f.path.starts_with(p)) {
                c.service_configs += 1;
            }
        }
        for layer in vfs.filesystems() {
            let Some(tree) = layer.tree.as_ref() else { continue };
            // shadow holds the hashes; fall back to passwd when there is no shadow file
            for db in ["/etc/shadow", "/etc/passwd"] {
                if let Some(data) = tree.read(db) {
                    let n = String::from_utf8_lossy(&data)
                        .lines()
                        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && l.contains(':'))
                        .count();
                    c.accounts += n;
                    c.account_files.push(format!("{}:{db}", layer.id));
                    break;
                }
            }
        }
        c
    }

    /// What a check of this kind inspected, in words; `None` when the image holds nothing it could inspect.
    pub fn describe(&self, kind: FindingKind) -> Option<String> {
        use FindingKind::*;
        match kind {
            DefaultCredential | EmptyPassword => (self.accounts > 0)
                .then(|| format!("{} account(s) in {}", self.accounts, self.account_files.join(", "))),
            PrivateKey | HardcodedSecret | WeakCrypto => {
                (self.files > 0).then(|| format!("{} file(s) scanned", self.files))
            }
            CleartextService | DebugInterface | InsecureConfig => (self.files > 0).then(|| {
                format!("{} service/network configuration file(s) of {} file(s)", self.service_configs, self.files)
            }),
            BinaryHardening => (self.elf_files > 0).then(|| format!("{} ELF file(s)", self.elf_files)),
            VulnerableComponent => (self.components > 0)
                .then(|| format!("{} component(s) matched against vulnerability data", self.components)),
        }
    }
}
