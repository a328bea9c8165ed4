//! The one place that writes extracted files to disk: a rooted sink that refuses traversal.
//!
//! Every path is normalised inside the root. A symlink is written as the link the device sees, inside its
//! layer folder: an absolute target (`/bin/kill -> /bin/busybox`) and a relative one that climbs past the
//! root (which a device resolves at its root, as `/..` is `/`) both become a relative link to the same
//! place in the layer folder, so no written link ever leads outside it. Files and directories keep their
//! permission bits (`rwx` of owner, group and others; setuid, setgid and sticky are dropped, and the owner
//! can always read and write them, so that the extraction can be read and deleted by whoever made it);
//! devices, fifos and sockets are never created: each is written as an empty regular file of mode 0600 in its
//! place (as unprivileged extractors do; its type and numbers stay in the tree and in `ls`); nothing is ever
//! written through an existing symlink (parents are checked to be real directories).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use fwassure_model::vfs::{normalize_path, parent_of};
use fwassure_model::{NodeKind, Tree};

/// A directory that extracted trees are written under, and nowhere else.
#[derive(Debug)]
pub struct Sink {
    root: PathBuf,
}

/// What writing a tree did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written.
    pub files: u64,
    /// Directories created.
    pub dirs: u64,
    /// Symlinks created.
    pub symlinks: u64,
    /// Devices, fifos and sockets written as empty placeholder files.
    pub specials: u64,
    /// Entries not written, with the reason (`path: reason`).
    pub skipped: Vec<String>,
}

impl Sink {
    /// A sink rooted at `root` (created if missing).
    pub fn new(root: &Path) -> io::Result<Sink> {
        fs::create_dir_all(root)?;
        Ok(Sink { root: root.canonicalize()? })
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Map an in-layer path to a host path under `sub` (a single safe folder name) of the root.
    fn host_path(&self, sub: &str, path: &str) -> Option<PathBuf> {
        if sub.is_empty() || sub.contains(['/', '\\']) || sub == "." || sub == ".." {
            return None;
        }
        let (norm, _) = normalize_path(path);
        let mut p = self.root.join(sub);
        for c in Path::new(&norm).components() {
            match c {
                Component::Normal(n) => p.push(n),
                Component::RootDir => {}
                _ => return None,
            }
        }
        Some(p)
    }

    /// Refuse to write where any existing ancestor below the root is a symlink.
    fn safe_parent(&self, p: &Path) -> bool {
        let mut cur = p.parent();
        while let Some(c) = cur {
            if c == self.root {
                return true;
            }
            if let Ok(m) = fs::symlink_metadata(c) {
                if !m.is_dir() || m.file_type().is_symlink() {
                    return false;
                }
            }
            cur = c.parent();
        }
        false
    }

    /// Write raw bytes as one file `sub/name`.
    pub fn write_blob(&self, sub: &str, name: &str, data: &[u8]) -> io::Result<PathBuf> {
        let p = self.host_path(sub, name).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "unsafe path"))?;
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent)?;
        }
        if !self.safe_parent(&p) {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "parent is a symlink"));
        }
        fs::write(&p, data)?;
        Ok(p)
    }

    /// Write a whole tree under the folder `sub`.
    pub fn write_tree(&self, sub: &str, tree: &Tree) -> io::Result<WriteReport> {
        let mut rep = WriteReport::default();
        let base = self
            .host_path(sub, "/")
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "unsafe layer folder"))?;
        fs::create_dir_all(&base)?;
        // directories first (path order puts parents before children), then the rest; directory modes are
        // set last, deepest first, so that a read-only directory is filled before it is closed
        let mut dirs: Vec<(PathBuf, u32)> = Vec::new();
        for (path, node) in tree.iter() {
            let Some(hp) = self.host_path(sub, path) else {
                rep.skipped.push(format!("{path}: unsafe path"));
                continue;
            };
            let res: io::Result<bool> = (|| {
                if !self.safe_parent(&hp) {
                    return Err(io::Error::new(io::ErrorKind::PermissionDenied, "a parent is not a real directory"));
                }
                if let Ok(m) = fs::symlink_metadata(&hp) {
                    if m.file_type().is_symlink() || !m.is_dir() {
                        fs::remove_file(&hp)?;
                    }
                }
                match &node.kind {
                    NodeKind::Dir => {
                        fs::create_dir_all(&hp)?;
                        dirs.push((hp.clone(), node.mode));
                        rep.dirs += 1;
                    }
                    NodeKind::File(b) => {
                        let data = b.read().unwrap_or_else(|e| {
                            rep.skipped.push(format!("{path}: {e} (written as far as it could be read)"));
                            e.partial
                        });
                        fs::write(&hp, &data)?;
                        set_mode(&hp, node.mode & 0o777 | 0o600)?;
                        rep.files += 1;
                    }
                    NodeKind::Symlink(t) => {
                        // the target as the device resolves it, inside the layer root, written relative to
                        // the link's folder
                        let (norm_path, _) = normalize_path(path);
                        let Some(rel) = relative_target(&norm_path, t) else { return Ok(false) };
                        write_symlink(&rel, &hp)?;
                        rep.symlinks += 1;
                    }
                    NodeKind::HardLink(t) => match tree.resolve(t) {
                        Some((_, n)) if matches!(n.kind, NodeKind::File(_)) => {
                            fs::write(&hp, tree.read(t).unwrap_or_default())?;
                            set_mode(&hp, n.mode & 0o777 | 0o600)?;
                            rep.files += 1;
                        }
                        _ => return Ok(false),
                    },
                    // a device, fifo or socket: an empty placeholder file, never the special file itself
                    _ => {
                        fs::write(&hp, b"")?;
                        set_mode(&hp, 0o600)?;
                        rep.specials += 1;
                    }
                }
                Ok(true)
            })();
            match res {
                Ok(true) => {}
                Ok(false) => rep.skipped.push(format!(
                    "{path}: {} not written",
                    match &node.kind {
                        NodeKind::Symlink(t) => format!("symlink to {t:?} leaves the layer root or is absolute;"),
                        NodeKind::HardLink(t) => format!("hard link to missing {t:?};"),
                        k => format!("special file ({});", k.type_char()),
                    }
                )),
                Err(e) => rep.skipped.push(format!("{path}: {e}")),
            }
        }
        for (hp, mode) in dirs.iter().rev() {
            if let Err(e) = set_mode(hp, mode & 0o777 | 0o700) {
                rep.skipped.push(format!("{}: mode not set: {e}", hp.display()));
            }
        }
        Ok(rep)
    }
}

/// The target of a symlink at the normalised path `link` as the device resolves it inside its root (an
/// absolute target from the root, `..` stopping at the root), written relative to the link's folder
/// (`/bin/kill -> /bin/busybox` gives `busybox`, `/usr/bin/x -> /lib/y` gives `../../lib/y`). `None` for an
/// empty target.
pub fn relative_target(link: &str, target: &str) -> Option<String> {
    if target.is_empty() {
        return None;
    }
    let dir = parent_of(link);
    let joined = if target.starts_with('/') { target.to_string() } else { format!("{dir}/{target}") };
    let (abs, _) = normalize_path(&joined);
    let from: Vec<&str> = dir.split('/').filter(|c| !c.is_empty()).collect();
    let to: Vec<&str> = abs.split('/').filter(|c| !c.is_empty()).collect();
    let common = from.iter().zip(to.iter()).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    Some(if parts.is_empty() { ".".to_string() } else { parts.join("/") })
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_p: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn write_symlink(target: &str, at: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(not(unix))]
fn write_symlink(_target: &str, _at: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "symlinks are not written on this platform"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwassure_model::Node;

    #[test]
    fn refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::new(&dir.path().join("out")).unwrap();
        let mut t = Tree::new();
        t.insert("etc/passwd", Node::file(&b"root:x:0:0"[..])).unwrap();
        let _ = t.insert("../../evil", Node::file(&b"x"[..]));
        t.insert("up", Node::symlink("../../../../etc")).unwrap();
        t.insert("abs", Node::symlink("/etc/passwd")).unwrap();
        t.insert("ok", Node::symlink("etc/passwd")).unwrap();
        t.insert("dev/null", Node::new(NodeKind::CharDevice { major: 1, minor: 3 }, 0o666)).unwrap();
        let rep = sink.write_tree("L1-test", &t).unwrap();
        assert!(dir.path().join("out/L1-test/evil").exists());
        assert!(!dir.path().join("evil").exists());
        // links that climb past the root or are absolute point at the same place inside the layer folder
        assert_eq!(fs::read_link(dir.path().join("out/L1-test/up")).unwrap(), Path::new("etc"));
        assert_eq!(fs::read_link(dir.path().join("out/L1-test/abs")).unwrap(), Path::new("etc/passwd"));
        assert_eq!(fs::read(dir.path().join("out/L1-test/abs")).unwrap(), b"root:x:0:0");
        assert!(fs::symlink_metadata(dir.path().join("out/L1-test/ok")).unwrap().file_type().is_symlink());
        // a device becomes an empty regular file, never a device
        let dev = fs::symlink_metadata(dir.path().join("out/L1-test/dev/null")).unwrap();
        assert!(dev.file_type().is_file() && dev.len() == 0);
        assert_eq!((rep.specials, rep.skipped.len()), (1, 0), "{:?}", rep.skipped);
        assert!(sink.write_blob("..", "x", b"").is_err());
    }

    #[test]
    fn relative_targets_stay_in_the_root() {
        assert_eq!(relative_target("/bin/kill", "/bin/busybox").unwrap(), "busybox");
        assert_eq!(relative_target("/usr/bin/x", "/lib/y").unwrap(), "../../lib/y");
        assert_eq!(relative_target("/usr/bin/x", "../../../../etc/z").unwrap(), "../../etc/z");
        assert_eq!(relative_target("/a", "/").unwrap(), ".");
        assert_eq!(relative_target("/lib/l.so", "l.so.1").unwrap(), "l.so.1");
        assert!(relative_target("/a", "").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn permission_bits_are_kept_without_setuid() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::new(&dir.path().join("out")).unwrap();
        let mut t = Tree::new();
        t.insert("bin/busybox", Node::new(NodeKind::File(fwassure_model::FileData::from(&b"x"[..])), 0o4755)).unwrap();
        t.insert("etc/shadow", Node::new(NodeKind::File(fwassure_model::FileData::from(&b"r"[..])), 0o000)).unwrap();
        t.insert("ro", Node::new(NodeKind::Dir, 0o555)).unwrap();
        t.insert("ro/f", Node::file(&b"f"[..])).unwrap();
        t.insert("bin/sh", Node::new(NodeKind::HardLink("/bin/busybox".into()), 0)).unwrap();
        sink.write_tree("L1", &t).unwrap();
        let mode = |p: &str| fs::metadata(dir.path().join("out/L1").join(p)).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode("bin/busybox"), 0o755);
        assert_eq!(mode("bin/sh"), 0o755);
        assert_eq!(mode("etc/shadow"), 0o600);
        assert_eq!(mode("ro"), 0o755);
        assert_eq!(fs::read(dir.path().join("out/L1/ro/f")).unwrap(), b"f");
    }
}
