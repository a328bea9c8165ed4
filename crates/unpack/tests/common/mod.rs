//! Shared helpers of the fixture and hostile-image tests: build a source tree on disk, run the real
//! Debian tools that make images of it, compare what fwassure-unpack reads with the source tree, and feed
//! hostile variants (truncated, bit-flipped) to the engine.
#![allow(dead_code)]

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use bytes::Bytes;
use fwassure_model::{Layer, Node, NodeKind, Tree, Vfs};
use fwassure_unpack::{unpack_with, Limits};

/// Fail with a message naming the Debian package when a fixture-building tool is missing.
pub fn need(tool: &str, package: &str) -> PathBuf {
    for dir in ["/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin"] {
        let p = Path::new(dir).join(tool);
        if p.is_file() {
            return p;
        }
    }
    if let Ok(path) = std::env::var("PATH") {
        for dir in path.split(':') {
            let p = Path::new(dir).join(tool);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("fixture tool `{tool}` is missing: install the Debian package `{package}` (apt-get install {package})");
}

/// Run a command (through `sh -c`) in `dir`, failing the test with its stderr when it fails.
pub fn sh(dir: &Path, script: &str) {
    let out = Command::new("sh").arg("-c").arg(script).current_dir(dir).output().expect("run sh");
    assert!(
        out.status.success(),
        "fixture command failed: {script}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Deterministic pseudo-random bytes (xorshift64*), for incompressible file contents.
pub fn noise(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    let mut v = Vec::with_capacity(n + 8);
    while v.len() < n {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        v.extend_from_slice(&x.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    v.truncate(n);
    v
}

/// What the source tree could hold given the privileges of the test (devices and owners need root).
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    /// Device nodes were created.
    pub devices: bool,
    /// Files were chowned to non-root owners.
    pub owners: bool,
}

/// Name of a member whose path is longer than ustar's 100-byte name field (GNU/pax long names).
pub const LONG_DIR: &str =
    "usr/share/a-rather-long-directory-name-for-testing/and-another-long-directory-name-below-it";

/// Build the standard source tree under `root`: text and binary files in several sizes, a setuid binary,
/// an empty file, symlinks (relative, absolute, dangling), a hard link, a fifo, a long path, devices and
/// non-root owners when running as root.
pub fn source_tree(root: &Path) -> Caps {
    let w = |p: &str, data: &[u8], mode: u32| {
        let path = root.join(p);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, data).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    };
    w("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n", 0o644);
    w("etc/shadow", b"root:*:19000:0:99999:7:::\n", 0o600);
    w("etc/hosts", b"127.0.0.1 localhost\n", 0o644);
    w("bin/busybox", &noise(1, 300_000), 0o755);
    w("usr/bin/su", &noise(2, 5000), 0o4755);
    w("usr/lib/libtext.so", "the quick brown fox jumps over the lazy dog\n".repeat(30_000).as_bytes(), 0o644);
    w("usr/share/empty", b"", 0o644);
    w("usr/share/exact4k", &noise(3, 4096), 0o640);
    w("tmp/.keep", b"", 0o644);
    w("home/user/notes.txt", b"owned by user\n", 0o600);
    w(&format!("{LONG_DIR}/with-a-long-file-name-at-the-end.txt"), b"long path\n", 0o644);
    fs::set_permissions(root.join("tmp"), fs::Permissions::from_mode(0o1777)).unwrap();
    let ln = |target: &str, at: &str| std::os::unix::fs::symlink(target, root.join(at)).unwrap();
    ln("busybox", "bin/sh");
    ln("/bin/busybox", "usr/bin/ls");
    ln("../../etc/passwd", "usr/lib/passwd-link");
    ln("does-not-exist", "usr/lib/dangling");
    fs::hard_link(root.join("etc/hosts"), root.join("etc/hosts.hard")).unwrap();
    fs::create_dir_all(root.join("var/run")).unwrap();
    sh(root, "mkfifo var/run/fifo");
    let mut caps = Caps { devices: false, owners: false };
    fs::create_dir_all(root.join("dev")).unwrap();
    let dev = Command::new("sh")
        .arg("-c")
        .arg("mknod dev/null c 1 3 && mknod dev/sda1 b 8 1 && chmod 666 dev/null && chmod 660 dev/sda1")
        .current_dir(root)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if dev {
        caps.devices = true;
    } else {
        eprintln!("note: not root, so the fixture has no device nodes");
    }
    if Command::new("chown")
        .args(["-h", "1000:1001"])
        .arg(root.join("home/user/notes.txt"))
        .arg(root.join("home/user"))
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
    {
        caps.owners = true;
    } else {
        eprintln!("note: not root, so the fixture has no non-root owners");
    }
    caps
}

/// What a format keeps, for the comparison.
#[derive(Debug, Clone, Copy)]
pub struct Keeps {
    /// Permission bits.
    pub mode: bool,
    /// uid/gid.
    pub owner: bool,
    /// Device major/minor.
    pub devnums: bool,
    /// Fifos.
    pub fifo: bool,
    /// Directory entries (some archives list only files).
    pub dirs: bool,
}

impl Keeps {
    /// Everything.
    pub const ALL: Keeps = Keeps { mode: true, owner: true, devnums: true, fifo: true, dirs: true };
}

fn tree_path(rel: &Path) -> String {
    format!("/{}", rel.to_string_lossy())
}

/// Compare a tree read by fwassure with the source tree on disk, entry by entry. Panics with the first
/// mismatches. Returns the number of entries compared.
pub fn assert_matches(src: &Path, tree: &Tree, keeps: Keeps, caps: Caps, what: &str) -> usize {
    assert_matches_except(src, tree, keeps, caps, what, &[])
}

/// [`assert_matches`], allowing the listed extra top-level paths the tool adds (e.g. `/lost+found`).
pub fn assert_matches_except(
    src: &Path,
    tree: &Tree,
    keeps: Keeps,
    caps: Caps,
    what: &str,
    extra_ok: &[&str],
) -> usize {
    let mut errors: Vec<String> = Vec::new();
    let mut n = 0;
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(src).unwrap();
            let tp = tree_path(rel);
            let m = fs::symlink_metadata(&p).unwrap();
            let ft = m.file_type();
            n += 1;
            let Some(node) = tree.get(&tp) else {
                errors.push(format!("{tp}: missing"));
                if ft.is_dir() {
                    stack.push(p);
                }
                continue;
            };
            use std::os::unix::fs::FileTypeExt;
            let kind_ok = match &node.kind {
                NodeKind::Dir => ft.is_dir(),
                NodeKind::File(_) | NodeKind::HardLink(_) => ft.is_file(),
                NodeKind::Symlink(t) => {
                    let want = fs::read_link(&p).unwrap().to_string_lossy().into_owned();
                    if *t != want {
                        errors.push(format!("{tp}: symlink target {t:?}, expected {want:?}"));
                    }
                    ft.is_symlink()
                }
                NodeKind::CharDevice { major, minor } => {
                    if keeps.devnums && (*major, *minor) != (dev_major(m.rdev()), dev_minor(m.rdev())) {
                        errors.push(format!("{tp}: char device {major}:{minor}, expected {}", m.rdev()));
                    }
                    ft.is_char_device()
                }
                NodeKind::BlockDevice { major, minor } => {
                    if keeps.devnums && (*major, *minor) != (dev_major(m.rdev()), dev_minor(m.rdev())) {
                        errors.push(format!("{tp}: block device {major}:{minor}, expected {}", m.rdev()));
                    }
                    ft.is_block_device()
                }
                NodeKind::Fifo => ft.is_fifo(),
                NodeKind::Socket => ft.is_socket(),
            };
            if !kind_ok {
                errors.push(format!("{tp}: kind {:?} does not match the source", node.kind.type_char()));
            }
            if ft.is_file() {
                match tree.read(&tp) {
                    Some(b) => {
                        let want = fs::read(&p).unwrap();
                        if b.len() != want.len() {
                            errors.push(format!("{tp}: size {} expected {}", b.len(), want.len()));
                        } else if b[..] != want[..] {
                            errors.push(format!("{tp}: content differs"));
                        }
                    }
                    None => errors.push(format!("{tp}: data not readable through the tree")),
                }
            }
            if keeps.mode && !ft.is_symlink() && node.mode != m.mode() & 0o7777 {
                errors.push(format!("{tp}: mode {:o} expected {:o}", node.mode, m.mode() & 0o7777));
            }
            if keeps.owner && caps.owners && (node.uid, node.gid) != (m.uid(), m.gid()) {
                errors.push(format!("{tp}: owner {}:{} expected {}:{}", node.uid, node.gid, m.uid(), m.gid()));
            }
            if ft.is_dir() {
                stack.push(p);
            }
        }
    }
    // and nothing extra beyond the source (archives may add nothing but the root)
    for (path, node) in tree.iter() {
        if path != "/"
            && !extra_ok.iter().any(|e| path == *e || path.starts_with(&format!("{e}/")))
            && fs::symlink_metadata(src.join(&path[1..])).is_err()
        {
            errors.push(format!("{path}: extra entry {:?} not in the source", node.kind.type_char()));
        }
    }
    assert!(errors.is_empty(), "{what}: tree differs from the source:\n  {}", errors.join("\n  "));
    n
}

fn dev_major(d: u64) -> u32 {
    (((d >> 32) & 0xffff_f000) | ((d >> 8) & 0xfff)) as u32
}
fn dev_minor(d: u64) -> u32 {
    (((d >> 12) & 0xffff_ff00) | (d & 0xff)) as u32
}

/// Unpack a file with default limits.
pub fn unpack_file(p: &Path) -> Vfs {
    unpack_with(Bytes::from(fs::read(p).unwrap()), &Limits::default())
}

/// The formats of the layer chain from the image down to the first tree layer of `format`.
pub fn chain(vfs: &Vfs, l: &Layer) -> Vec<String> {
    let mut v = vec![l.format.clone()];
    let mut cur = l;
    while let Some(p) = cur.parent.as_deref().and_then(|id| vfs.layer(id)) {
        v.push(p.format.clone());
        cur = p;
    }
    v.reverse();
    v
}

/// The single layer with a tree of `format`, failing with the layer list when there is none.
pub fn fs_layer<'a>(vfs: &'a Vfs, format: &str) -> &'a Layer {
    let found: Vec<&Layer> = vfs.layers.iter().filter(|l| l.format == format && l.tree.is_some()).collect();
    assert!(
        !found.is_empty(),
        "no {format} layer with a tree; layers: {:?}; problems: {:?}",
        vfs.layers.iter().map(|l| (&l.id, &l.format, &l.description)).collect::<Vec<_>>(),
        vfs.all_problems()
    );
    found[0]
}

/// A node helper for tests that want to build trees by hand.
pub fn file(data: &[u8]) -> Node {
    Node::file(Bytes::copy_from_slice(data))
}

/// A source tree on disk (`src`, from [`source_tree`]) and a scratch directory for images (`work`).
pub struct Fixture {
    _dir: tempfile::TempDir,
    /// The source tree the images are made of.
    pub src: PathBuf,
    /// Where the tools write images.
    pub work: PathBuf,
    /// What the source tree could hold on this machine.
    pub caps: Caps,
}

/// A fresh [`Fixture`] in a temporary directory.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let work = dir.path().join("work");
    fs::create_dir_all(&src).unwrap();
    fs::create_dir_all(&work).unwrap();
    let caps = source_tree(&src);
    Fixture { _dir: dir, src, work, caps }
}

/// Unpack `image`, find the tree layer of `format`, check the layer chain, compare the tree with the source
/// (more than 20 entries; `extra_ok` as in [`assert_matches_except`]) and require no problems.
pub fn check_image(
    fx: &Fixture,
    image: &Path,
    format: &str,
    chain_want: &[&str],
    keeps: Keeps,
    extra_ok: &[&str],
) -> Vfs {
    let vfs = unpack_file(image);
    let l = fs_layer(&vfs, format);
    assert_eq!(chain(&vfs, l), chain_want, "layer chain of {}", image.display());
    let n = assert_matches_except(
        &fx.src,
        l.tree.as_ref().unwrap(),
        keeps,
        fx.caps,
        &image.display().to_string(),
        extra_ok,
    );
    assert!(n > 20, "compared only {n} entries");
    let problems: Vec<_> = read_problems(&vfs);
    assert!(problems.is_empty(), "{}: unexpected problems {problems:?}", image.display());
    vfs
}

/// [`need`], for callers that run the tool by name (see [`run`]).
pub fn require_tool(bin: &str, apt_package: &str) {
    need(bin, apt_package);
}

/// Run a command, panicking with its stderr when it fails.
pub fn run(cmd: &mut Command) {
    let mut c = cmd;
    if let Some(p) = std::env::var_os("PATH") {
        let mut paths: Vec<_> = std::env::split_paths(&p).collect();
        paths.push("/usr/sbin".into());
        paths.push("/sbin".into());
        c = c.env("PATH", std::env::join_paths(paths).unwrap());
    }
    let out = c.output().unwrap_or_else(|e| panic!("cannot run {c:?}: {e}"));
    assert!(out.status.success(), "{c:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Deterministic pseudo-random bytes (xorshift64).
pub struct XorShift(pub u64);
impl XorShift {
    /// Next value.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Populate `dir` with a small but varied tree: text and incompressible files, a multi-block file,
/// an empty file, nested directories, a relative and an absolute symlink, a hard link (when `hardlink`).
pub fn sample_tree(dir: &Path, hardlink: bool) {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    fs::create_dir_all(dir.join("etc/init.d")).unwrap();
    fs::create_dir_all(dir.join("usr/lib/deep/er")).unwrap();
    fs::create_dir_all(dir.join("empty-dir")).unwrap();
    fs::write(dir.join("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n").unwrap();
    fs::write(dir.join("etc/init.d/rcS"), "#!/bin/sh\nmount -a\n".repeat(50)).unwrap();
    let mut big = Vec::new();
    for i in 0..20_000u32 {
        big.extend_from_slice(format!("line {i} of a compressible file\n").as_bytes());
    }
    fs::write(dir.join("usr/lib/big.txt"), &big).unwrap();
    fs::write(dir.join("usr/lib/random.bin"), rng.bytes(70_000)).unwrap();
    fs::write(dir.join("usr/lib/deep/er/small"), b"x").unwrap();
    fs::write(dir.join("empty"), b"").unwrap();
    std::os::unix::fs::symlink("../usr/lib/big.txt", dir.join("etc/big-link")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("abs-link")).unwrap();
    if hardlink {
        fs::hard_link(dir.join("etc/passwd"), dir.join("usr/passwd-hard")).unwrap();
    }
}

/// Check that every file, directory and symlink under `dir` is in `tree` with the same content.
pub fn assert_tree_matches(dir: &Path, tree: &Tree) {
    fn walk(root: &Path, cur: &Path, tree: &Tree, n: &mut usize) {
        let mut entries: Vec<_> = fs::read_dir(cur).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = format!("/{}", p.strip_prefix(root).unwrap().to_string_lossy());
            let meta = fs::symlink_metadata(&p).unwrap();
            let node = tree.get(&rel).unwrap_or_else(|| panic!("{rel} missing from the extracted tree"));
            *n += 1;
            if meta.file_type().is_symlink() {
                let t = fs::read_link(&p).unwrap();
                assert_eq!(node.kind, NodeKind::Symlink(t.to_string_lossy().into_owned()), "{rel}");
            } else if meta.is_dir() {
                assert_eq!(node.kind, NodeKind::Dir, "{rel}");
                walk(root, &p, tree, n);
            } else if meta.is_file() {
                let want = fs::read(&p).unwrap();
                let got = tree.read(&rel).unwrap_or_else(|| panic!("{rel} is not readable: {:?}", node.kind));
                assert_eq!(got.len(), want.len(), "{rel} size");
                assert!(got[..] == want[..], "{rel} content differs");
            }
        }
    }
    let mut n = 0;
    walk(dir, dir, tree, &mut n);
    assert!(n >= 10, "only {n} entries compared");
}

/// Limits for hostile runs: small enough to stay fast.
pub fn hostile_limits() -> Limits {
    Limits { max_depth: 3, time_budget: Duration::from_secs(20), max_total_bytes: 256 << 20, ..Limits::default() }
}

/// The tree of the first layer of `format` with a tree (see [`fs_layer`]).
pub fn tree_of<'a>(vfs: &'a Vfs, format: &str) -> &'a Tree {
    fs_layer(vfs, format).tree.as_ref().unwrap()
}

/// All problems of a VFS (layers and global).
pub fn problem_count(vfs: &Vfs) -> usize {
    read_problems(vfs).len()
}

/// The problems of a VFS that say something could not be read, without the account of what the image is
/// not: "no root filesystem found" (most fixtures are not a root filesystem) and "unknown high-entropy
/// region" (fixtures carry random bytes as stand-ins for kernels).
pub fn read_problems(vfs: &Vfs) -> Vec<fwassure_model::Problem> {
    vfs.all_problems()
        .into_iter()
        .filter(|p| {
            use fwassure_model::problem::{NO_ROOT_FILESYSTEM, UNKNOWN_HIGH_ENTROPY};
            !p.message.starts_with(NO_ROOT_FILESYSTEM) && !p.message.starts_with(UNKNOWN_HIGH_ENTROPY)
        })
        .collect()
}

/// What layers of `format` yielded: their regular files plus their child layers (streams).
pub fn files_in(vfs: &Vfs, format: &str) -> usize {
    vfs.layers
        .iter()
        .filter(|l| l.format == format)
        .map(|l| l.file_count() + vfs.layers.iter().filter(|c| c.parent.as_deref() == Some(l.id.as_str())).count())
        .sum()
}

/// Text that compresses, but not to nothing: `n` numbered lines (~60 bytes each).
pub fn numbered_lines(n: usize) -> Vec<u8> {
    (0..n).flat_map(|i| format!("line {i:08} of a file that is read block by block\n").into_bytes()).collect()
}

/// Read every file as the content pass does (those read on demand are decoded now, from the damaged
/// image): no read gives more than the recorded size. Returns the number of read problems.
pub fn read_every_file(vfs: &Vfs) -> usize {
    let scanned = vfs.scan_files(|f| f.data.len());
    for (e, n) in &scanned.results {
        assert!(*n as u64 <= e.size(), "{}: {n} bytes read, {} recorded", e.path, e.size());
    }
    scanned.problems.len()
}

/// Truncate at every 1/16th and flip bits in 200 seeded variants; the engine must not panic, and a
/// truncated image must either record a problem or yield fewer files of `format` than the whole one.
/// Every file of every variant is read (see [`read_every_file`]).
pub fn hostile(image: &[u8], format: &str) {
    let full = unpack_with(Bytes::copy_from_slice(image), &hostile_limits());
    let full_files = files_in(&full, format);
    assert!(full.layers.iter().any(|l| l.format == format), "the intact image is not read as {format}");
    for k in 1..16 {
        let cut = image.len() * k / 16;
        let vfs = unpack_with(Bytes::copy_from_slice(&image[..cut]), &hostile_limits());
        read_every_file(&vfs);
        let files = files_in(&vfs, format);
        if image[cut..].iter().all(|&b| b == 0 || b == 0xff) {
            continue; // only padding was cut
        }
        assert!(
            problem_count(&vfs) > 0 || files < full_files,
            "truncation at {k}/16 ({cut} bytes) went unnoticed: {files} files, no problem"
        );
    }
    let mut rng = XorShift(0x1234_5678_9abc_def1);
    let mut noticed = 0;
    for _ in 0..200 {
        let mut v = image.to_vec();
        let flips = 1 + (rng.next() % 8) as usize;
        for _ in 0..flips {
            let pos = (rng.next() % v.len() as u64) as usize;
            v[pos] ^= 1 << (rng.next() % 8);
        }
        let vfs = unpack_with(Bytes::from(v), &hostile_limits());
        let read_problems = read_every_file(&vfs);
        if problem_count(&vfs) + read_problems > 0 || files_in(&vfs, format) != full_files {
            noticed += 1;
        }
    }
    // flips in padding or file data of formats without data checksums can pass silently, but not all of them
    assert!(noticed > 0, "none of 200 bit-flipped variants was noticed");
}

/// `data` gzip-compressed at the default level (flate2).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A tar (GNU headers) holding one file `path` with `data`, mode 0644.
pub fn tar_with(path: &str, data: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, path, data).unwrap();
    b.into_inner().unwrap()
}
