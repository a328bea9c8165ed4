//! Test-only helpers shared by the checks' unit tests: an in-memory VFS from text files and a run with
//! default options.

use super::Check;
use crate::{CheckOptions, ChecksOutput, Ctx};
use fwassure_model::{Node, Tree, Vfs};

/// A squashfs VFS of text files; a content starting with `->` makes a symlink to the rest.
pub fn text_vfs(files: &[(&str, &str)]) -> Vfs {
    let mut t = Tree::new();
    for (p, c) in files {
        let node = match c.strip_prefix("->") {
            Some(target) => Node::symlink(target),
            None => Node::file(c.as_bytes().to_vec()),
        };
        t.insert(p, node).unwrap();
    }
    Vfs::from_tree("squashfs", t)
}

/// Run one check over text files with default options; the findings as sorted `(path, subject)` pairs.
pub fn path_subjects(check: &dyn Check, files: &[(&str, &str)]) -> Vec<(String, String)> {
    let vfs = text_vfs(files);
    let o: ChecksOutput = check.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
    let mut v: Vec<_> = o.findings.iter().map(|f| (f.path.clone(), f.subject.clone())).collect();
    v.sort();
    v
}
