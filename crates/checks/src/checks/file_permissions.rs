//! Dangerous file modes: world-writable startup scripts, setuid/setgid shells and interpreters.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A startup script anyone can modify.
pub const WORLD_WRITABLE_STARTUP: RuleMeta = RuleMeta {
    id: "config.world-writable-startup",
    kind: FindingKind::InsecureConfig,
    severity: Severity::High,
    cwe: "CWE-732",
    title: "World-writable startup script or unit",
    remediation: "Make startup scripts writable by root only (mode 0755 or stricter).",
    requirements: reqs::WORLD_WRITABLE_STARTUP,
};

/// A shell or interpreter with the setuid/setgid bit.
pub const SETUID_SHELL: RuleMeta = RuleMeta {
    id: "config.setuid-shell",
    kind: FindingKind::InsecureConfig,
    severity: Severity::High,
    cwe: "CWE-250",
    title: "Shell or interpreter is setuid/setgid",
    remediation: "Remove the setuid/setgid bit from shells and interpreters.",
    requirements: reqs::SETUID_SHELL,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[WORLD_WRITABLE_STARTUP, SETUID_SHELL];

use crate::rule::At;
use crate::startup::enabled_scripts;
use crate::text::basename;
use crate::{checks::Check, ChecksOutput, Ctx};
use fwassure_model::NodeKind;

/// The file-permissions check.
pub struct FilePermissions;

fn is_startup_path(p: &str) -> bool {
    p == "/etc/inittab"
        || p == "/etc/rc.local"
        || p.starts_with("/etc/init.d/")
        || p.starts_with("/etc/rc.d/")
        || (p.starts_with("/etc/rc") && p.get(8..11) == Some(".d/"))
        || p.starts_with("/etc/systemd/system/")
        || p.starts_with("/lib/systemd/system/")
        || p.starts_with("/usr/lib/systemd/system/")
}

fn is_shell_or_interpreter(name: &str) -> bool {
    matches!(name, "sh" | "ash" | "bash" | "dash" | "hush" | "zsh" | "ksh" | "mksh" | "csh" | "tcsh" | "lua" | "tclsh")
        || name.starts_with("python")
        || name.starts_with("perl")
}

/// Filesystems whose files cannot be changed on the device.
const READ_ONLY_FORMATS: &[&str] = &["squashfs", "cramfs", "romfs", "erofs", "iso9660"];

/// True when the root filesystem is combined with a writable one at run time (OpenWrt's overlay: a copy-up
/// keeps the read-only file's mode, so a world-writable file becomes writable by anyone).
fn has_overlay(tree: &fwassure_model::Tree) -> bool {
    ["/sbin/mount_root", "/lib/preinit/80_mount_root", "/sbin/overlay.sh"].iter().any(|p| tree.resolve(p).is_some())
        || ["/etc/fstab", "/etc/preinit", "/etc/init.d/rcS"]
            .iter()
            .any(|p| crate::text::read_text(tree, p).is_some_and(|t| t.contains("overlay") || t.contains("mini_fo")))
}

impl Check for FilePermissions {
    fn id(&self) -> &'static str {
        "file_permissions"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        for layer in ctx.vfs.filesystems() {
            let Some(tree) = layer.tree.as_ref() else { continue };
            // a mode on a read-only filesystem only matters where an overlay makes its files writable
            let modes_writable = !READ_ONLY_FORMATS.contains(&layer.format.as_str()) || has_overlay(tree);
            let enabled = enabled_scripts(tree);
            for (p, n) in tree.iter() {
                if !matches!(n.kind, NodeKind::File(_)) {
                    continue;
                }
                if modes_writable && n.mode & 0o002 != 0 && (is_startup_path(p) || enabled.contains(p)) {
                    out.findings.push(WORLD_WRITABLE_STARTUP.finding(
                        At::new(&layer.id, p),
                        "world-writable-startup-script",
                        format!("Startup file {p} is writable by every user."),
                        format!("{} {p}", n.mode_string()),
                    ));
                }
                if n.mode & 0o6000 != 0 && is_shell_or_interpreter(basename(p)) {
                    out.findings.push(SETUID_SHELL.finding(
                        At::new(&layer.id, p),
                        "setuid-shell",
                        format!("{p} is a shell or interpreter with the setuid/setgid bit."),
                        format!("{} uid={} {p}", n.mode_string(), n.uid),
                    ));
                }
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

    #[test]
    fn modes() {
        let mut t = Tree::new();
        let mut ww = Node::file(&b"#!/bin/sh\n"[..]);
        ww.mode = 0o777;
        t.insert("etc/init.d/S10x", ww.clone()).unwrap();
        t.insert("tmp/scratch.sh", ww).unwrap();
        let mut suid = Node::file(&b"ELF"[..]);
        suid.mode = 0o4755;
        t.insert("bin/bash", suid.clone()).unwrap();
        t.insert("usr/bin/passwd", suid).unwrap();
        t.insert("etc/init.d/S20y", Node::symlink("/tmp/scratch.sh")).unwrap();
        let vfs = Vfs::from_tree("ext2", t.clone());
        let o = FilePermissions.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        // on a read-only squashfs the modes cannot be used, unless an overlay makes the files writable
        let ro = |t: Tree| {
            let vfs = Vfs::from_tree("squashfs", t);
            let o = FilePermissions.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
            o.findings.iter().filter(|f| f.subject == "world-writable-startup-script").count()
        };
        assert_eq!(ro(t.clone()), 0);
        let mut overlay = t.clone();
        overlay.insert("sbin/mount_root", Node::file(&b"ELF"[..])).unwrap();
        assert_eq!(ro(overlay), 2);
        let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.as_str(), f.subject.as_str())).collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("/bin/bash", "setuid-shell"),
                ("/etc/init.d/S10x", "world-writable-startup-script"),
                ("/tmp/scratch.sh", "world-writable-startup-script"),
            ]
        );
    }
}
