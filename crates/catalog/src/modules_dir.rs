//! The kernel release from `/lib/modules/<release>/` folder names.
//!
//! `make modules_install` puts a kernel's modules under `/lib/modules/$(KERNELRELEASE)`, so the folder names
//! the release even when no module is left in it or the modules are stripped of `vermagic`. A root file
//! system packed in an archive folder (`squashfs-root/lib/modules/…`) counts as well.

use fwassure_model::{Confidence, NodeKind, Tree};

use crate::kernel_version::kernel_release;
use crate::named::Named;

/// Folder names of module trees looked at per tree, at most (bounds hostile trees).
const MAX_DIRS: usize = 64;

/// The kernels named by `…/lib/modules/<release>` folders of a tree, with the folder's path, in path order.
pub fn kernels_of(tree: &Tree) -> Vec<(String, Named)> {
    let mut out = Vec::new();
    for (path, node) in tree.iter() {
        if !matches!(node.kind, NodeKind::Dir) {
            continue;
        }
        let Some((parent, name)) = path.rsplit_once('/') else { continue };
        if !(parent == "/lib/modules" || parent.ends_with("/lib/modules")) {
            continue;
        }
        if let Some(v) = kernel_release(name) {
            let n = Named::new("linux", &v, Confidence::Medium, path.to_string(), "kernel-modules-dir".to_string());
            out.push((path.to_string(), n));
            if out.len() >= MAX_DIRS {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::kernels_of;
    use fwassure_model::{Node, Tree};

    #[test]
    fn module_folders_name_the_kernel() {
        let mut t = Tree::new();
        // folders as in a Broadcom router (2.6.8.1) and an Atheros LSDK root packed in squashfs-root/
        t.insert("lib/modules/2.6.8.1/extra/x.ko", Node::file(&b"\x7fELF"[..])).unwrap();
        t.insert("squashfs-root/lib/modules/2.6.15--LSDK-7.1.2.27/kernel/y.ko", Node::file(&b""[..])).unwrap();
        // decoys: a file named like a release, a folder that is not a release, a module folder elsewhere
        t.insert("lib/modules/2.6.99", Node::file(&b"not a folder"[..])).unwrap();
        t.insert("lib/modules/extra/z.ko", Node::file(&b""[..])).unwrap();
        t.insert("usr/share/doc/modules/3.1.4/readme", Node::file(&b""[..])).unwrap();
        let got: Vec<(String, String)> = kernels_of(&t).into_iter().map(|(p, n)| (p, n.version)).collect();
        assert_eq!(
            got,
            vec![
                ("/lib/modules/2.6.8.1".to_string(), "2.6.8.1".to_string()),
                ("/squashfs-root/lib/modules/2.6.15--LSDK-7.1.2.27".to_string(), "2.6.15".to_string()),
            ]
        );
    }
}
