//! The virtual filesystem: every layer of an image and, for filesystem layers, their trees.
//!
//! A [`Vfs`] is what `unpack` produces and what every later stage reads. Paths inside a tree are absolute
//! from the layer's root (`/etc/shadow`), normalised (no `.`, `..`, empty or trailing components).
//! Symlinks are resolved only inside their own layer's root: an absolute target is taken relative to the
//! layer root, `..` never climbs above it, and loops end after [`MAX_SYMLINK_HOPS`].

use bytes::Bytes;
use std::collections::BTreeMap;

use crate::filedata::FileData;
use crate::problem::Problem;

/// How many symlinks one lookup follows before giving up (as Linux's `MAXSYMLINKS`).
pub const MAX_SYMLINK_HOPS: usize = 40;

/// Kind of a filesystem entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A regular file with its content (in memory or read on demand).
    File(FileData),
    /// A directory.
    Dir,
    /// A symbolic link and its target as stored.
    Symlink(String),
    /// A hard link to another path of the same layer (normalised, absolute).
    HardLink(String),
    /// A character device (recorded, never created).
    CharDevice {
        /// Major number.
        major: u32,
        /// Minor number.
        minor: u32,
    },
    /// A block device (recorded, never created).
    BlockDevice {
        /// Major number.
        major: u32,
        /// Minor number.
        minor: u32,
    },
    /// A named pipe.
    Fifo,
    /// A unix socket.
    Socket,
}

impl NodeKind {
    /// One-letter type as `ls -l` prints it.
    pub fn type_char(&self) -> char {
        match self {
            NodeKind::File(_) => '-',
            NodeKind::Dir => 'd',
            NodeKind::Symlink(_) => 'l',
            NodeKind::HardLink(_) => 'h',
            NodeKind::CharDevice { .. } => 'c',
            NodeKind::BlockDevice { .. } => 'b',
            NodeKind::Fifo => 'p',
            NodeKind::Socket => 's',
        }
    }
}

/// One entry of a filesystem tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What the entry is (and, for files, its data).
    pub kind: NodeKind,
    /// Permission bits, including setuid/setgid/sticky (`0o7777` mask).
    pub mode: u32,
    /// Owner user id.
    pub uid: u32,
    /// Owner group id.
    pub gid: u32,
    /// Modification time, seconds since the epoch.
    pub mtime: i64,
}

impl Node {
    /// A node with the given kind and mode, owned by root, mtime 0.
    pub fn new(kind: NodeKind, mode: u32) -> Self {
        Node { kind, mode: mode & 0o7777, uid: 0, gid: 0, mtime: 0 }
    }
    /// A regular file (mode 0644) holding `data`; handy for tests.
    pub fn file(data: impl Into<Bytes>) -> Self {
        Node::new(NodeKind::File(FileData::Mem(data.into())), 0o644)
    }
    /// A directory (mode 0755).
    pub fn dir() -> Self {
        Node::new(NodeKind::Dir, 0o755)
    }
    /// A symlink (mode 0777).
    pub fn symlink(target: impl Into<String>) -> Self {
        Node::new(NodeKind::Symlink(target.into()), 0o777)
    }
    /// Size: file length, or symlink target length, else 0.
    pub fn size(&self) -> u64 {
        match &self.kind {
            NodeKind::File(b) => b.len(),
            NodeKind::Symlink(t) => t.len() as u64,
            _ => 0,
        }
    }
    /// `ls -l` style mode string, e.g. `-rwsr-xr-x`.
    pub fn mode_string(&self) -> String {
        let m = self.mode;
        let mut s = String::with_capacity(10);
        s.push(self.kind.type_char());
        let bit = |b: u32, c: char| if m & b != 0 { c } else { '-' };
        let special = |x: u32, s_bit: u32, lower: char, upper: char| match (m & x != 0, m & s_bit != 0) {
            (true, true) => lower,
            (false, true) => upper,
            (true, false) => 'x',
            (false, false) => '-',
        };
        s.push(bit(0o400, 'r'));
        s.push(bit(0o200, 'w'));
        s.push(special(0o100, 0o4000, 's', 'S'));
        s.push(bit(0o040, 'r'));
        s.push(bit(0o020, 'w'));
        s.push(special(0o010, 0o2000, 's', 'S'));
        s.push(bit(0o004, 'r'));
        s.push(bit(0o002, 'w'));
        s.push(special(0o001, 0o1000, 't', 'T'));
        s
    }
}

/// Normalise a stored path into an absolute in-layer path.
///
/// Leading `./` and `/` are dropped, `.` and empty components vanish, `..` pops a component but never
/// climbs above the root. Returns the path and whether it tried to escape (a `..` at the root, which a
/// hostile archive uses for traversal).
pub fn normalize_path(raw: &str) -> (String, bool) {
    let mut parts: Vec<&str> = Vec::new();
    let mut escaped = false;
    for c in raw.split(['/', '\\']) {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    escaped = true;
                }
            }
            c => parts.push(c),
        }
    }
    let mut s = String::with_capacity(raw.len() + 1);
    for p in &parts {
        s.push('/');
        s.push_str(p);
    }
    if s.is_empty() {
        s.push('/');
    }
    (s, escaped)
}

/// Parent of a normalised path (`/` for top-level entries and for `/` itself).
pub fn parent_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// A filesystem tree: normalised absolute path → node. Always holds the root directory `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    nodes: BTreeMap<String, Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Self::new()
    }
}

impl Tree {
    /// An empty tree with only `/`.
    pub fn new() -> Self {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node::dir());
        Tree { nodes }
    }

    /// Insert an entry under a raw stored path, creating missing parent directories.
    ///
    /// The path is normalised with [`normalize_path`]; an escaping path is kept inside the root and reported
    /// as `Err(normalised)` so the caller can record a problem. A later entry with the same path replaces an
    /// earlier one (as extracting an archive would); the root stays a directory.
    pub fn insert(&mut self, raw_path: &str, node: Node) -> Result<String, String> {
        let (path, escaped) = normalize_path(raw_path);
        if path == "/" {
            if let NodeKind::Dir = node.kind {
                self.nodes.insert(path.clone(), node);
            }
        } else {
            self.ensure_parents(&path);
            self.nodes.insert(path.clone(), node);
        }
        if escaped {
            Err(path)
        } else {
            Ok(path)
        }
    }

    fn ensure_parents(&mut self, path: &str) {
        let mut p = parent_of(path);
        while p != "/" {
            match self.nodes.get(p) {
                Some(n) if matches!(n.kind, NodeKind::Dir) => break,
                Some(_) => {
                    // a non-directory where a directory is needed: the directory wins, as on a real fs
                    self.nodes.insert(p.to_string(), Node::dir());
                }
                None => {
                    self.nodes.insert(p.to_string(), Node::dir());
                }
            }
            p = parent_of(p);
        }
    }

    /// The node at an exact normalised path (no link following).
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// Number of entries, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when only the root exists.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// All entries in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.nodes.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Direct children of a directory path, in name order.
    pub fn children<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
        let start = prefix.clone();
        self.nodes
            .range(start..)
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .filter(move |(k, _)| {
                let rest = &k[if dir == "/" { 1 } else { dir.len() + 1 }..];
                !rest.is_empty() && !rest.contains('/')
            })
            .map(|(k, v)| (k.as_str(), v))
    }

    /// Resolve a path, following symlinks and hard links (in every component) inside this tree only.
    ///
    /// Returns the final normalised path and its node, or `None` for a missing entry, a loop, or more than
    /// [`MAX_SYMLINK_HOPS`] links.
    pub fn resolve(&self, path: &str) -> Option<(String, &Node)> {
        let (mut pending, _) = normalize_path(path);
        let mut hops = 0;
        'outer: loop {
            // walk component by component so that links in the middle are followed too
            let mut cur = String::from("/");
            let comps: Vec<String> = pending.split('/').filter(|c| !c.is_empty()).map(str::to_string).collect();
            for (i, c) in comps.iter().enumerate() {
                let next = if cur == "/" { format!("/{c}") } else { format!("{cur}/{c}") };
                let node = self.nodes.get(&next)?;
                let target = match &node.kind {
                    NodeKind::Symlink(t) => {
                        if t.starts_with('/') {
                            t.clone()
                        } else {
                            format!("{}/{}", parent_of(&next), t)
                        }
                    }
                    NodeKind::HardLink(t) => t.clone(),
                    _ => {
                        cur = next;
                        continue;
                    }
                };
                hops += 1;
                if hops > MAX_SYMLINK_HOPS {
                    return None;
                }
                let rest = comps[i + 1..].join("/");
                pending = normalize_path(&format!("{target}/{rest}")).0;
                continue 'outer;
            }
            let node = self.nodes.get(&cur)?;
            return Some((cur, node));
        }
    }

    /// Read a regular file's data, following links inside the tree. A file whose data cannot be read in
    /// full gives what could be read (the content pass, [`Vfs::scan_files`], reports the problem).
    pub fn read(&self, path: &str) -> Option<Bytes> {
        match self.resolve(path) {
            Some((_, Node { kind: NodeKind::File(b), .. })) => Some(b.read_lossy()),
            _ => None,
        }
    }

    /// Whether the directory `dir` looks like the root of a Unix filesystem: it holds an `etc` directory and
    /// at least one of `bin`, `sbin`, `lib` and `usr`.
    pub fn looks_like_root(&self, dir: &str) -> bool {
        let sub = |name: &str| {
            let p = if dir == "/" { format!("/{name}") } else { format!("{dir}/{name}") };
            matches!(self.nodes.get(&p), Some(Node { kind: NodeKind::Dir, .. }))
        };
        sub("etc") && ["bin", "sbin", "lib", "usr"].iter().any(|n| sub(n))
    }

    /// The folder holding the root filesystem when an archive packs one below its own root (a vendor's
    /// `squashfs-root/` or `rootfs/` folder): the only directory at the top, or under a single chain of
    /// such folders (at most 3 deep), that [`Tree::looks_like_root`] while `/` does not. Files next to the
    /// chain (a README) are allowed.
    pub fn root_folder(&self) -> Option<String> {
        if self.looks_like_root("/") {
            return None;
        }
        let mut dir = "/".to_string();
        for _ in 0..3 {
            let dirs: Vec<&str> =
                self.children(&dir).filter(|(_, n)| matches!(n.kind, NodeKind::Dir)).map(|(p, _)| p).collect();
            let roots: Vec<&str> = dirs.iter().copied().filter(|d| self.looks_like_root(d)).collect();
            match (roots.as_slice(), dirs.as_slice()) {
                ([r], _) => return Some(r.to_string()),
                ([], [only]) => dir = only.to_string(),
                _ => return None,
            }
        }
        None
    }

    /// The tree with the folder `dir` moved to the root (`dir/etc/passwd` becomes `/etc/passwd`; hard-link
    /// targets inside `dir` move with it). Entries outside `dir` stay where they are unless an entry from
    /// `dir` took their path; the folders that only led to `dir` are left out when nothing else is in them.
    pub fn rerooted(&self, dir: &str) -> Tree {
        let dir = dir.trim_end_matches('/');
        let prefix = format!("{dir}/");
        let moved = |p: &str| p.strip_prefix(dir).filter(|r| r.starts_with('/')).map(str::to_string);
        let mut out = Tree::new();
        if let Some(root) = self.nodes.get(dir) {
            out.nodes.insert("/".into(), root.clone());
        }
        for (path, node) in self.nodes.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)) {
            let mut node = node.clone();
            if let NodeKind::HardLink(t) = &node.kind {
                match moved(t) {
                    Some(r) => node.kind = NodeKind::HardLink(r),
                    None => continue,
                }
            }
            if let Some(p) = moved(path) {
                let _ = out.insert(&p, node);
            }
        }
        let on_chain = |p: &str| p == "/" || p == dir || prefix.starts_with(&format!("{p}/"));
        for (path, node) in &self.nodes {
            if path.starts_with(&prefix) || on_chain(path) || out.nodes.contains_key(path) {
                continue;
            }
            let _ = out.insert(path, node.clone());
        }
        out
    }

    /// Regular files (not links), in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Node, &FileData)> {
        self.nodes.iter().filter_map(|(k, v)| match &v.kind {
            NodeKind::File(b) => Some((k.as_str(), v, b)),
            _ => None,
        })
    }

    /// Total bytes of regular file data.
    pub fn data_bytes(&self) -> u64 {
        self.files().map(|(_, _, b)| b.len()).sum()
    }
}

/// One layer of an image: the image itself, a carved region, a decompressed stream or a filesystem.
#[derive(Debug, Clone)]
pub struct Layer {
    /// Stable id in discovery order: `L0` is the image.
    pub id: String,
    /// Id of the layer this one was found in.
    pub parent: Option<String>,
    /// Format name (`squashfs`, `uimage`, `gzip`, `raw` …).
    pub format: String,
    /// Offset inside the parent's data (0 for the image, and for a layer read from a parent's file).
    pub offset: u64,
    /// Size of this layer's bytes inside the parent.
    pub size: u64,
    /// Path of the parent's file this layer was read from, when it came from a file in a filesystem layer.
    pub source_path: Option<String>,
    /// A short description of what was read (e.g. `squashfs 4.0 le, zstd, 1234 inodes`).
    pub description: String,
    /// The bytes of this layer (the region, or the decompressed stream).
    pub data: Bytes,
    /// The tree, for filesystem and archive layers.
    pub tree: Option<Tree>,
    /// What went wrong while reading this layer.
    pub problems: Vec<Problem>,
    /// Header fields a container states about what it holds (vendor, product, version, target, image type,
    /// `signature` …), sorted by key: the description of an image that is not a filesystem.
    pub attributes: BTreeMap<String, String>,
    /// Regions of this layer's bytes that no format claimed (only for layers carved into regions).
    pub unclaimed: Vec<crate::Unclaimed>,
}

impl Layer {
    /// Whether this layer is a container carved into regions (`raw` image or region, `data` payload), the
    /// layers whose [`Layer::unclaimed`] regions are recorded.
    pub fn is_carved(&self) -> bool {
        self.tree.is_none() && (self.format == "raw" || self.format == "data")
    }
    /// Share of a carved layer's bytes claimed by a format or padding, from 0 to 1 with four decimals;
    /// `None` for a layer that is one format from start to end.
    pub fn coverage(&self) -> Option<f64> {
        if !self.is_carved() || self.size == 0 {
            return None;
        }
        let left: u64 = self.unclaimed.iter().filter(|u| u.class != crate::ByteClass::Padding).map(|u| u.size).sum();
        let share = 1.0 - left.min(self.size) as f64 / self.size as f64;
        Some((share * 10_000.0).round() / 10_000.0)
    }
    /// Number of regular files in this layer's tree (0 when it has none).
    pub fn file_count(&self) -> usize {
        self.tree.as_ref().map(|t| t.files().count()).unwrap_or(0)
    }
}

/// One regular file of one filesystem layer with its data `D`: a handle ([`FileEntry`]) or the bytes read
/// ([`FileRef`]).
#[derive(Debug)]
pub struct FileAt<'a, D> {
    /// The layer holding the file.
    pub layer: &'a Layer,
    /// Absolute path inside the layer.
    pub path: &'a str,
    /// The file's node (mode, owner …).
    pub node: &'a Node,
    /// The file's data.
    pub data: &'a D,
}

impl<D> Clone for FileAt<'_, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D> Copy for FileAt<'_, D> {}

impl<D> FileAt<'_, D> {
    /// The file name (last path component).
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

/// One regular file with its data handle (in memory or read on demand; not read yet).
pub type FileEntry<'a> = FileAt<'a, FileData>;

/// One regular file with its data read, as checks and classifiers see it in the content pass.
pub type FileRef<'a> = FileAt<'a, Bytes>;

impl FileEntry<'_> {
    /// The file's size, without reading it.
    pub fn size(&self) -> u64 {
        self.data.len()
    }
    /// Read the data: all of it, or what could be read and a problem about the rest.
    pub fn load(&self) -> (Bytes, Option<Problem>) {
        match self.data.read() {
            Ok(b) => (b, None),
            Err(e) => {
                let p = Problem::at(&self.layer.id, self.path, e.problem_message());
                (e.partial, Some(p))
            }
        }
    }
}

/// What [`Vfs::scan_files`] gives: one result per regular file, in [`Vfs::files`] order, and the problems
/// of files that could not be read in full.
#[derive(Debug)]
pub struct Scanned<'a, T> {
    /// Each file with its result.
    pub results: Vec<(FileEntry<'a>, T)>,
    /// Read problems, in file order.
    pub problems: Vec<Problem>,
}

/// The unpacked image: all its layers in id order.
#[derive(Debug, Clone, Default)]
pub struct Vfs {
    /// Layers, `L0` first, in discovery order.
    pub layers: Vec<Layer>,
    /// Problems that belong to no single layer (limits hit, time budget …).
    pub problems: Vec<Problem>,
}

impl Vfs {
    /// A VFS holding one filesystem layer `L0` with the given tree (for tests of later stages).
    pub fn from_tree(format: &str, tree: Tree) -> Self {
        let size = tree.data_bytes();
        Vfs {
            layers: vec![Layer {
                id: "L0".into(),
                parent: None,
                format: format.into(),
                offset: 0,
                size,
                source_path: None,
                description: String::new(),
                data: Bytes::new(),
                tree: Some(tree),
                problems: vec![],
                attributes: BTreeMap::new(),
                unclaimed: vec![],
            }],
            problems: vec![],
        }
    }

    /// Look a layer up by id.
    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    /// Layers that hold a filesystem tree.
    pub fn filesystems(&self) -> impl Iterator<Item = &Layer> {
        self.layers.iter().filter(|l| l.tree.is_some())
    }

    /// Every regular file of every filesystem layer, layer by layer in path order (data not read).
    pub fn files(&self) -> impl Iterator<Item = FileEntry<'_>> {
        self.filesystems().flat_map(|layer| {
            layer
                .tree
                .as_ref()
                .into_iter()
                .flat_map(move |t| t.files().map(move |(path, node, data)| FileEntry { layer, path, node, data }))
        })
    }

    /// The content pass: read every regular file once, on all cores, hand it to `scan`, and let its data
    /// go before the next one is read, so that the files of a lazily read filesystem are never all in
    /// memory at once. Results come back in [`Vfs::files`] order, whatever the scheduling.
    pub fn scan_files<T, F>(&self, scan: F) -> Scanned<'_, T>
    where
        T: Send,
        F: Fn(&FileRef<'_>) -> T + Sync,
    {
        use rayon::prelude::*;
        let entries: Vec<FileEntry<'_>> = self.files().collect();
        // biggest files first, so that no big file starts last and leaves the other cores idle; the
        // results go back to file order below
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(entries[i].size()));
        let mut out: Vec<(usize, T, Option<Problem>)> = order
            .par_iter()
            .with_max_len(1)
            .map(|&i| {
                let e = &entries[i];
                let (data, problem) = e.load();
                let r = scan(&FileRef { layer: e.layer, path: e.path, node: e.node, data: &data });
                (i, r, problem)
            })
            .collect();
        out.sort_by_key(|(i, _, _)| *i);
        let mut problems = Vec::new();
        let mut results = Vec::with_capacity(entries.len());
        for (e, (_, r, p)) in entries.into_iter().zip(out) {
            problems.extend(p);
            results.push((e, r));
        }
        Scanned { results, problems }
    }

    /// True when some layer was found inside the layer with this id.
    pub fn has_children(&self, id: &str) -> bool {
        self.layers.iter().any(|c| c.parent.as_deref() == Some(id))
    }

    /// Bytes of a layer that its child layers claim (the sum of their sizes).
    fn claimed_by_children(&self, id: &str) -> u64 {
        self.layers.iter().filter(|c| c.parent.as_deref() == Some(id)).map(|c| c.size).sum()
    }

    /// True when a layer without a tree is still searched as a blob: its children claim less than half of it.
    pub fn is_searched_blob(&self, l: &Layer) -> bool {
        l.tree.is_none() && self.claimed_by_children(&l.id).saturating_mul(2) < l.size.max(1)
    }

    /// How a finding in a raw payload names it: the layer's description (what its container said it is),
    /// else the file or stream it came from, else its format and offset in its parent.
    pub fn blob_label(&self, l: &Layer) -> String {
        if !l.description.is_empty() {
            return l.description.clone();
        }
        match (&l.source_path, &l.parent) {
            (Some(p), _) => p.clone(),
            (None, Some(parent)) => format!("{} @{} in layer {parent}", l.format, l.offset),
            (None, None) => "image".to_string(),
        }
    }

    /// Layers without a tree whose bytes are mostly their own: raw payloads that classifiers still search.
    /// Leaves (kernels, unknown blobs), and blobs whose child layers claim less than half of them (an eCos
    /// program image that carries a small web-UI archive: the program itself is in no child).
    pub fn searched_blobs(&self) -> impl Iterator<Item = &Layer> {
        self.layers.iter().filter(move |l| self.is_searched_blob(l))
    }

    /// Give back the memory of container bytes once unpacking is done.
    ///
    /// Later stages read only file data and searched blobs ([`Vfs::searched_blobs`]: no tree, mostly not
    /// claimed by children, such as a kernel payload); the bytes of an image, a carved region or a decompressed stream that was unpacked
    /// further are not read again. This drops them (each layer keeps its `size`), and copies a leaf blob
    /// that is a small view into a larger container buffer, so that the view does not keep the whole buffer
    /// alive. Buffers that tree files share (tar, cpio: zero-copy file data) stay alive through the files.
    /// `extract` and the ground-truth tests, which write container bytes out, do not call this.
    pub fn release_container_data(&mut self) {
        // a blob that is still searched keeps its bytes, whatever was found inside it
        let has_children: Vec<bool> =
            self.layers.iter().map(|l| self.has_children(&l.id) && !self.is_searched_blob(l)).collect();
        let sizes: BTreeMap<String, u64> = self.layers.iter().map(|l| (l.id.clone(), l.data.len() as u64)).collect();
        for (l, kids) in self.layers.iter_mut().zip(has_children) {
            if l.tree.is_some() || kids {
                l.data = Bytes::new();
            } else if let Some(parent) = l.parent.as_ref().and_then(|p| sizes.get(p)) {
                // a view into a parent buffer at least twice its size: own a copy so the parent can go
                if !l.data.is_empty() && (l.data.len() as u64).saturating_mul(2) <= *parent {
                    l.data = Bytes::copy_from_slice(&l.data);
                }
            }
        }
    }

    /// All problems: global ones and every layer's.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut v = self.problems.clone();
        for l in &self.layers {
            v.extend(l.problems.iter().cloned());
        }
        v
    }

    /// Total bytes of file data in all trees.
    pub fn unpacked_bytes(&self) -> u64 {
        self.filesystems().filter_map(|l| l.tree.as_ref()).map(|t| t.data_bytes()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(id: &str, parent: Option<&str>, data: Bytes, tree: Option<Tree>) -> Layer {
        Layer {
            id: id.into(),
            parent: parent.map(str::to_string),
            format: "raw".into(),
            offset: 0,
            size: data.len() as u64,
            source_path: None,
            description: String::new(),
            data,
            tree,
            problems: vec![],
            attributes: BTreeMap::new(),
            unclaimed: vec![],
        }
    }

    #[test]
    fn releasing_container_data_keeps_what_later_stages_read() {
        let image = Bytes::from(vec![7u8; 10_000]);
        let mut tree = Tree::new();
        tree.insert("/etc/passwd", Node::file(image.slice(100..200))).unwrap();
        let mut vfs = Vfs {
            layers: vec![
                layer("L0", None, image.clone(), None),
                layer("L1", Some("L0"), image.slice(0..4000), Some(tree)),
                layer("L2", Some("L0"), image.slice(4000..5000), None), // a kernel: a small leaf view
                layer("L3", Some("L0"), image.slice(5000..10_000), None), // a big leaf view
                layer("L4", Some("L3"), image.slice(5000..5100), None), // a small archive inside L3
            ],
            problems: vec![],
        };
        drop(image);
        vfs.release_container_data();
        assert!(vfs.layers[0].data.is_empty() && vfs.layers[0].size == 10_000, "the image is released");
        assert!(vfs.layers[1].data.is_empty(), "a filesystem's region is released");
        assert_eq!(vfs.layers[1].tree.as_ref().unwrap().read("/etc/passwd").unwrap().len(), 100, "files stay");
        assert_eq!(&vfs.layers[2].data[..], &[7u8; 1000][..], "leaf blobs stay");
        assert!(vfs.layers[2].data.is_unique(), "a small leaf view owns its bytes");
        assert_eq!(vfs.layers[3].data.len(), 5000, "a blob mostly its own stays, though something was found in it");
        assert_eq!(vfs.searched_blobs().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["L2", "L3", "L4"]);
    }

    #[test]
    fn normalize_keeps_inside_root() {
        assert_eq!(normalize_path("./etc/passwd"), ("/etc/passwd".into(), false));
        assert_eq!(normalize_path("../../etc/shadow"), ("/etc/shadow".into(), true));
        assert_eq!(normalize_path("/a/./b/../c/"), ("/a/c".into(), false));
        assert_eq!(normalize_path(""), ("/".into(), false));
    }

    #[test]
    fn resolve_follows_links_inside_root_only() {
        let mut t = Tree::new();
        t.insert("usr/bin/busybox", Node::file(&b"BB"[..])).unwrap();
        t.insert("bin", Node::symlink("usr/bin")).unwrap();
        t.insert("usr/bin/sh", Node::symlink("busybox")).unwrap();
        t.insert("escape", Node::symlink("../../../../usr/bin/sh")).unwrap();
        t.insert("loop1", Node::symlink("loop2")).unwrap();
        t.insert("loop2", Node::symlink("/loop1")).unwrap();
        assert_eq!(t.read("/bin/sh").as_deref(), Some(&b"BB"[..]));
        assert_eq!(t.read("/escape").as_deref(), Some(&b"BB"[..]));
        assert!(t.resolve("/loop1").is_none());
        assert!(t.read("/missing").is_none());
    }

    #[test]
    fn insert_creates_parents_and_reports_escape() {
        let mut t = Tree::new();
        assert_eq!(t.insert("../x/y", Node::file(&b""[..])), Err("/x/y".into()));
        assert!(matches!(t.get("/x").unwrap().kind, NodeKind::Dir));
        let kids: Vec<_> = t.children("/").map(|(p, _)| p).collect();
        assert_eq!(kids, vec!["/x"]);
    }

    #[test]
    fn mode_string_like_ls() {
        let mut n = Node::file(&b""[..]);
        n.mode = 0o4755;
        assert_eq!(n.mode_string(), "-rwsr-xr-x");
    }
}
