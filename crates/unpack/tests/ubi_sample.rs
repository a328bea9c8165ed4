//! The UBI/UBIFS image of the sample corpus (`/var/tmp/sample-corpus/sample-02.bin`, built by
//! `../shared/corpus/build-sample-corpus.sh`), unpacked and compared file by file (paths, kinds, sizes,
//! contents, symlink targets) with the independent Python UBI/UBIFS reader of the corpus verifier
//! (`verify-sample-corpus.py`, needs `python3-lzo`). Skipped with a note when the image is missing; the
//! comparison is skipped with a note when the reference reader cannot run.
//!
//! Paths can be overridden with `FWASSURE_SAMPLE_UBI` (the image) and `FWASSURE_CORPUS_VERIFIER` (the script).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use bytes::Bytes;
use fwassure_model::{NodeKind, Tree};

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

/// The reference extraction written by the verifier's reader into `out`: files, directories and symlinks,
/// plus `specials.txt` listing the other entries (`path<TAB>type`).
const REFERENCE: &str = r#"
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("verifier", sys.argv[1])
v = importlib.util.module_from_spec(spec)
spec.loader.exec_module(v)
u = v.Ubi(sys.argv[2])
out = sys.argv[3]
root = os.path.join(out, "root")
os.makedirs(root)
with open(os.path.join(out, "specials.txt"), "w") as sp:
    for p in sorted(u.entries):
        t = u.entries[p]
        dst = os.path.join(root, p.lstrip("/"))
        if p == "/":
            continue
        if t == "d":
            os.makedirs(dst, exist_ok=True)
        elif t == "f":
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as f:
                f.write(u.read(p))
        elif t == "l":
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            os.symlink(u.inodes[u.path_inum[p]][3].decode(), dst)
        else:
            sp.write("%s\t%s\n" % (p, t))
"#;

fn python_with_lzo() -> Option<PathBuf> {
    ["/usr/bin/python3", "python3"]
        .iter()
        .map(PathBuf::from)
        .find(|p| Command::new(p).args(["-c", "import lzo"]).output().map(|o| o.status.success()).unwrap_or(false))
}

#[test]
fn sample_02_matches_the_reference_reader() {
    let image = env_path("FWASSURE_SAMPLE_UBI", "/var/tmp/sample-corpus/sample-02.bin");
    if !image.exists() {
        eprintln!("note: {} not found; build the sample corpus to run this test", image.display());
        return;
    }
    let data = fs::read(&image).unwrap();
    let vfs = fwassure_unpack::unpack(Bytes::from(data));
    let problems = vfs.all_problems();
    assert!(problems.is_empty(), "unexpected problems: {problems:?}");
    let ubifs: Vec<_> = vfs.layers.iter().filter(|l| l.format == "ubifs" && l.tree.is_some()).collect();
    assert_eq!(
        ubifs.len(),
        1,
        "one UBIFS layer; layers: {:?}",
        vfs.layers.iter().map(|l| &l.format).collect::<Vec<_>>()
    );
    let l = ubifs[0];
    let parent = l.parent.as_deref().and_then(|p| vfs.layer(p)).expect("parent layer");
    assert_eq!(parent.format, "ubi");
    let tree = l.tree.as_ref().unwrap();
    assert!(tree.len() > 100, "only {} entries", tree.len());

    let verifier = env_path("FWASSURE_CORPUS_VERIFIER", "/work/shared/corpus/verify-sample-corpus.py");
    let Some(python) = python_with_lzo() else {
        eprintln!(
            "note: python3 with the lzo module (apt-get install python3-lzo) not found; reference comparison skipped"
        );
        return;
    };
    if !verifier.exists() {
        eprintln!("note: {} not found; reference comparison skipped", verifier.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ref");
    let o = Command::new(&python).arg("-c").arg(REFERENCE).arg(&verifier).arg(&image).arg(&out).output().unwrap();
    assert!(o.status.success(), "reference reader failed: {}", String::from_utf8_lossy(&o.stderr));
    let specials: BTreeMap<String, String> = fs::read_to_string(out.join("specials.txt"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let n = compare(&out.join("root"), tree, &specials);
    eprintln!("sample-02: {n} entries match the reference reader");
}

/// Compare every entry both ways; returns the number of entries compared.
fn compare(root: &Path, tree: &Tree, specials: &BTreeMap<String, String>) -> usize {
    let mut errors = Vec::new();
    let mut n = 0;
    let mut stack = vec![root.to_path_buf()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let tp = format!("/{}", p.strip_prefix(root).unwrap().to_string_lossy());
            let m = fs::symlink_metadata(&p).unwrap();
            seen.insert(tp.clone());
            n += 1;
            let Some(node) = tree.get(&tp) else {
                errors.push(format!("{tp}: missing"));
                continue;
            };
            if m.file_type().is_symlink() {
                let want = fs::read_link(&p).unwrap().to_string_lossy().into_owned();
                if node.kind != NodeKind::Symlink(want.clone()) {
                    errors.push(format!("{tp}: {:?}, expected symlink to {want:?}", node.kind.type_char()));
                }
            } else if m.is_dir() {
                if node.kind != NodeKind::Dir {
                    errors.push(format!("{tp}: not a directory"));
                }
                stack.push(p);
            } else {
                let want = fs::read(&p).unwrap();
                match tree.read(&tp) {
                    Some(b) if b.len() != want.len() => {
                        errors.push(format!("{tp}: size {} expected {}", b.len(), want.len()))
                    }
                    Some(b) if b[..] != want[..] => errors.push(format!("{tp}: content differs")),
                    Some(_) => {}
                    None => errors.push(format!("{tp}: not a readable file")),
                }
            }
        }
    }
    for (p, t) in specials {
        n += 1;
        seen.insert(p.clone());
        match tree.get(p) {
            Some(node) if node.kind.type_char().to_string() == *t => {}
            other => errors.push(format!("{p}: {:?}, expected type {t}", other.map(|x| x.kind.type_char()))),
        }
    }
    for (p, node) in tree.iter() {
        if p != "/" && !seen.contains(p) {
            errors.push(format!("{p}: extra {:?} entry", node.kind.type_char()));
        }
    }
    assert!(errors.is_empty(), "sample-02 differs from the reference reader:\n  {}", errors.join("\n  "));
    n
}
