//! Ground truth: for every sample-corpus image present (`$SAMPLE_CORPUS`, default /var/tmp/sample-corpus),
//! the root filesystem fwassure unpacks matches, file by file (paths, kinds, sizes, sha256, symlink
//! targets), what the standard Linux tools extract from the same bytes: unsquashfs, debugfs rdump,
//! cpio -idm, tar -x, and ubireader / jefferson when installed. Compressed streams above the filesystem
//! are decompressed by the standard tools too (gzip, xz, zstd, lz4, bzip2), not by fwassure.
//!
//! The corpus is built by ../shared/corpus/build-sample-corpus.sh (CI builds it before the tests); when
//! it is absent the test prints a skip note and passes.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use bytes::Bytes;
use fwassure_model::{Layer, NodeKind, Tree, Vfs};
use sha2::{Digest, Sha256};

fn corpus_dir() -> PathBuf {
    PathBuf::from(std::env::var("SAMPLE_CORPUS").unwrap_or_else(|_| "/var/tmp/sample-corpus".into()))
}

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().map(|o| o.status.success()).unwrap_or(false)
}

fn sh(dir: &Path, script: &str) -> Result<(), String> {
    let out = Command::new("sh").arg("-c").arg(script).current_dir(dir).output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("`{script}` failed: {}", String::from_utf8_lossy(&out.stderr)))
    }
}

/// What an entry is, as compared between the two extractions.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Dir,
    File { size: u64, sha256: String },
    Symlink(String),
    Special,
}

fn sha(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Walk a directory extracted by a standard tool.
fn walk_host(root: &Path) -> BTreeMap<String, Entry> {
    let mut m = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = format!("/{}", p.strip_prefix(root).unwrap().to_string_lossy());
            let md = fs::symlink_metadata(&p).unwrap();
            let ft = md.file_type();
            let entry = if ft.is_symlink() {
                Entry::Symlink(fs::read_link(&p).unwrap().to_string_lossy().into_owned())
            } else if ft.is_dir() {
                stack.push(p.clone());
                Entry::Dir
            } else if ft.is_file() {
                let data = fs::read(&p).unwrap();
                Entry::File { size: data.len() as u64, sha256: sha(&data) }
            } else {
                assert!(ft.is_char_device() || ft.is_block_device() || ft.is_fifo() || ft.is_socket());
                Entry::Special
            };
            m.insert(rel, entry);
        }
    }
    m
}

fn walk_tree(t: &Tree) -> BTreeMap<String, Entry> {
    t.iter()
        .filter(|(p, _)| *p != "/")
        .map(|(p, n)| {
            let e = match &n.kind {
                NodeKind::Dir => Entry::Dir,
                NodeKind::File(_) | NodeKind::HardLink(_) => {
                    let data = t.read(p).unwrap_or_default();
                    Entry::File { size: data.len() as u64, sha256: sha(&data) }
                }
                NodeKind::Symlink(s) => Entry::Symlink(s.clone()),
                _ => Entry::Special,
            };
            (p.to_string(), e)
        })
        .collect()
}

/// The root filesystem: the filesystem layer with the most files.
fn rootfs(vfs: &Vfs) -> Option<&Layer> {
    vfs.filesystems().max_by_key(|l| l.file_count())
}

/// Recreate the bytes the root filesystem was read from with the standard tools: the outermost stream
/// layer's bytes, decompressed by gzip/xz/… (uImage headers and carving are plain offsets).
fn reference_input(vfs: &Vfs, fs_layer: &Layer, work: &Path) -> Result<PathBuf, String> {
    let parent = fs_layer.parent.as_deref().and_then(|id| vfs.layer(id));
    let out = work.join("fs.img");
    let tool = parent.and_then(|p| match p.format.as_str() {
        "gzip" => Some(("gzip -dc", "gzip")),
        "xz" => Some(("xz -dc", "xz")),
        "lzma" => Some(("xz --format=lzma -dc", "xz")),
        "zstd" => Some(("zstd -q -dc", "zstd")),
        "lz4" => Some(("lz4 -q -dc", "lz4")),
        "bzip2" => Some(("bzip2 -dc", "bzip2")),
        _ => None,
    });
    match (parent, tool) {
        (Some(p), Some((cmd, bin))) => {
            if !have(bin) {
                return Err(format!("{bin} not installed"));
            }
            let z = work.join("stream.bin");
            fs::write(&z, &p.data).unwrap();
            // trailing bytes after the stream (padding) make some tools complain: keep their output
            let _ = sh(work, &format!("{cmd} < stream.bin > fs.img"));
            if fs::metadata(&out).map(|m| m.len()).unwrap_or(0) == 0 {
                return Err(format!("{cmd} produced nothing"));
            }
        }
        _ => fs::write(&out, &fs_layer.data).unwrap(),
    }
    Ok(out)
}

/// Extract `img` (a filesystem of `format`) with the standard tool into `dir`.
fn reference_extract(format: &str, img: &Path, dir: &Path) -> Result<(), String> {
    let (i, d) = (img.display(), dir.display());
    let need = |t: &str, pkg: &str| {
        if have(t) {
            Ok(())
        } else {
            Err(format!("{t} is not installed (Debian package {pkg})"))
        }
    };
    match format {
        "squashfs" => {
            need("unsquashfs", "squashfs-tools")?;
            sh(dir.parent().unwrap(), &format!("unsquashfs -no-progress -quiet -d {d} {i} > /dev/null"))
        }
        "ext" => {
            need("debugfs", "e2fsprogs")?;
            fs::create_dir_all(dir).unwrap();
            sh(dir, &format!("debugfs -R 'rdump / {d}' {i} 2>/dev/null"))
        }
        "cpio" => {
            need("cpio", "cpio")?;
            fs::create_dir_all(dir).unwrap();
            sh(dir, &format!("cpio --quiet -idm --no-absolute-filenames < {i}"))
        }
        "tar" => {
            need("tar", "tar")?;
            fs::create_dir_all(dir).unwrap();
            sh(dir, &format!("tar -xpf {i} -C {d}"))
        }
        "ubifs" => {
            need("ubireader_extract_files", "ubi_reader (pip install ubi_reader)")?;
            sh(dir.parent().unwrap(), &format!("ubireader_extract_files -k -o {d} {i} > /dev/null"))
        }
        "jffs2" => {
            need("jefferson", "jefferson (pip install jefferson)")?;
            sh(dir.parent().unwrap(), &format!("jefferson -f -d {d} {i} > /dev/null"))
        }
        f => Err(format!("no reference tool for {f}")),
    }
}

/// ubireader and jefferson write into a sub-folder of the output: find the folder holding the tree.
fn tree_root(dir: &Path) -> PathBuf {
    let mut cur = dir.to_path_buf();
    loop {
        let kids: Vec<_> =
            fs::read_dir(&cur).map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
        if kids.len() == 1
            && kids[0].is_dir()
            && !kids[0].is_symlink()
            && !["etc", "bin", "usr"].iter().any(|n| kids[0].ends_with(n))
        {
            cur = kids[0].clone();
        } else {
            return cur;
        }
    }
}

#[test]
fn corpus_rootfs_trees_match_standard_tools() {
    let dir = corpus_dir();
    let mut images: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(r) => {
            r.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "bin")).collect()
        }
        Err(_) => vec![],
    };
    images.sort();
    if images.is_empty() {
        eprintln!(
            "SKIP corpus_rootfs_trees_match_standard_tools: no sample corpus at {} (set SAMPLE_CORPUS or build it \
             with ../shared/corpus/build-sample-corpus.sh)",
            dir.display()
        );
        return;
    }
    let mut failures = Vec::new();
    let mut compared = 0;
    for img in &images {
        let name = img.file_name().unwrap().to_string_lossy().into_owned();
        let vfs = fwassure_unpack::unpack(Bytes::from(fs::read(img).unwrap()));
        let Some(fs_layer) = rootfs(&vfs) else {
            failures.push(format!(
                "{name}: no filesystem layer; layers {:?}",
                vfs.layers.iter().map(|l| &l.format).collect::<Vec<_>>()
            ));
            continue;
        };
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("ref");
        let res =
            reference_input(&vfs, fs_layer, work.path()).and_then(|i| reference_extract(&fs_layer.format, &i, &out));
        if let Err(e) = res {
            if e.contains("not installed") {
                eprintln!("SKIP {name} ({}): {e}", fs_layer.format);
                continue;
            }
            failures.push(format!("{name}: reference extraction failed: {e}"));
            continue;
        }
        let reference = walk_host(&tree_root(&out));
        let ours = walk_tree(fs_layer.tree.as_ref().unwrap());
        let mut diffs = Vec::new();
        for (p, e) in &reference {
            match ours.get(p) {
                None => diffs.push(format!("{p}: missing in fwassure")),
                Some(o) if o != e => diffs.push(format!("{p}: fwassure {o:?}, reference {e:?}")),
                _ => {}
            }
        }
        for (p, o) in &ours {
            // devices and fifos are created by the tools only with privileges; the rest must be there
            if !reference.contains_key(p) && *o != Entry::Special {
                diffs.push(format!("{p}: only in fwassure ({o:?})"));
            }
        }
        eprintln!(
            "{name}: {} layer {} ({}), {} reference entries, {} differences",
            fs_layer.format,
            fs_layer.id,
            fs_layer.description,
            reference.len(),
            diffs.len()
        );
        assert!(reference.len() > 10, "{name}: the reference tool extracted only {} entries", reference.len());
        compared += 1;
        if !diffs.is_empty() {
            diffs.truncate(20);
            failures.push(format!("{name} ({}):\n    {}", fs_layer.format, diffs.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "rootfs trees differ from the standard tools:\n  {}", failures.join("\n  "));
    eprintln!("compared {compared} of {} images", images.len());
}
