//! The one place that writes extracted files to disk: a rooted sink that refuses traversal.
//!
//! Every path is normalised inside the root; symlinks are written as links only when their target stays
//! inside the layer folder, else recorded as a problem; devices, fifos and sockets are never created;
//! nothing is ever written through an existing symlink (parents are checked to be real directories).

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
        // directories first (path order puts parents before children), then the rest
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
                        rep.dirs += 1;
                    }
                    NodeKind::File(b) => {
                        let data = b.read().unwrap_or_else(|e| {
                            rep.skipped.push(format!("{path}: {e} (written as far as it could be read)"));
                            e.partial
                        });
                        fs::write(&hp, &data)?;
                        rep.files += 1;
                    }
                    NodeKind::Symlink(t) => {
                        // resolve the target lexically inside the layer; refuse anything that climbs out
                        let joined = if t.starts_with('/') { t.clone() } else { format!("{}/{}", parent_of(path), t) };
                        let (_, escapes) = normalize_path(&joined);
                        if escapes || t.starts_with('/') {
                            return Ok(false);
                        }
                        write_symlink(t, &hp)?;
                        rep.symlinks += 1;
                    }
                    NodeKind::HardLink(t) => match tree.read(t) {
                        Some(b) => {
                            fs::write(&hp, &b)?;
                            rep.files += 1;
                        }
                        None => return Ok(false),
                    },
                    _ => return Ok(false),
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
        Ok(rep)
    }
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
        assert!(fs::symlink_metadata(dir.path().join("out/L1-test/up")).is_err());
        assert!(fs::symlink_metadata(dir.path().join("out/L1-test/abs")).is_err());
        assert!(fs::symlink_metadata(dir.path().join("out/L1-test/ok")).unwrap().file_type().is_symlink());
        assert!(!dir.path().join("out/L1-test/dev/null").exists());
        assert_eq!(rep.skipped.len(), 3);
        assert!(sink.write_blob("..", "x", b"").is_err());
    }
}
