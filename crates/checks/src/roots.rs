//! Root filesystems wherever they sit in a layer: besides the layer's own `/`, a folder that holds a
//! system of its own (a chroot under `/opt`, a second `rootfs/` next to the first in an archive) with its
//! own entry point. The unpack stage already moves a lone `squashfs-root/` folder of an archive to `/`;
//! this finds the others, so that what they start is walked too.

use fwassure_model::{Node, NodeKind, Tree};

/// Deepest folder (in path components) looked at for a nested root.
pub const MAX_ROOT_DEPTH: usize = 4;
/// Most nested roots taken per layer.
pub const MAX_ROOTS: usize = 8;

/// Files or folders of which one marks a root with a system that boots or is started on its own.
const ENTRY_MARKS: &[&str] =
    &["etc/inittab", "etc/init.d", "etc/rc.d", "etc/systemd/system", "sbin/init", "etc/rc.local", "etc/crontabs"];

/// Trees that are not a root even when they hold `etc` and `bin` (`/usr/local`, pseudo filesystems).
const NOT_ROOTS: &[&str] = &["/usr", "/proc", "/sys", "/dev", "/run", "/tmp", "/var/run"];

/// The nested roots of a tree: folders below `/`, at most [`MAX_ROOT_DEPTH`] deep, that look like a root
/// ([`Tree::looks_like_root`]) and hold an entry point, outermost first, in path order.
pub fn nested_roots(tree: &Tree) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (p, n) in tree.iter() {
        if out.len() >= MAX_ROOTS {
            break;
        }
        if p == "/" || !matches!(n.kind, NodeKind::Dir) || p.matches('/').count() > MAX_ROOT_DEPTH {
            continue;
        }
        if NOT_ROOTS.iter().any(|x| p == *x || p.starts_with(&format!("{x}/"))) {
            continue;
        }
        if tree.looks_like_root(p) && ENTRY_MARKS.iter().any(|m| tree.get(&format!("{p}/{m}")).is_some()) {
            out.push(p.to_string());
        }
    }
    out
}

/// The folder `dir` of a tree as a tree of its own (`dir/etc/inittab` becomes `/etc/inittab`): only what
/// is inside it; absolute links resolve inside it, as they do once the system runs there.
pub fn subtree(tree: &Tree, dir: &str) -> Tree {
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    let mut out = Tree::new();
    for (p, n) in tree.iter() {
        let Some(rest) = p.strip_prefix(&prefix) else { continue };
        let node = match &n.kind {
            NodeKind::HardLink(t) => match t.strip_prefix(&prefix) {
                Some(r) => Node { kind: NodeKind::HardLink(format!("/{r}")), ..n.clone() },
                None => continue,
            },
            _ => n.clone(),
        };
        let _ = out.insert(rest, node);
    }
    out
}

/// A path of a nested root's tree as a path of the layer (`/etc/inittab` in `/opt/vm` → `/opt/vm/etc/inittab`).
pub fn outer_path(root: &str, path: &str) -> String {
    if root == "/" || !path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}{path}", root.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_chroots_not_usr_local() {
        let mut t = Tree::new();
        for p in
            ["etc/passwd", "bin/sh", "usr/local/etc/x", "usr/local/bin/y", "opt/vm/etc/inittab", "opt/vm/bin/busybox"]
        {
            t.insert(p, Node::file(&b"x"[..])).unwrap();
        }
        // a folder that looks like a root but starts nothing of its own
        for p in ["opt/sdk/etc/x.conf", "opt/sdk/lib/libx.so"] {
            t.insert(p, Node::file(&b"x"[..])).unwrap();
        }
        t.insert("opt/vm/bin/sh", Node::symlink("/bin/busybox")).unwrap();
        assert_eq!(nested_roots(&t), vec!["/opt/vm".to_string()]);
        let s = subtree(&t, "/opt/vm");
        assert!(s.get("/etc/inittab").is_some() && s.get("/etc/passwd").is_none());
        assert_eq!(s.resolve("/bin/sh").map(|(p, _)| p), Some("/bin/busybox".to_string()));
        assert_eq!(outer_path("/opt/vm", "/etc/inittab"), "/opt/vm/etc/inittab");
        assert_eq!(outer_path("/", "/etc/inittab"), "/etc/inittab");
    }
}
