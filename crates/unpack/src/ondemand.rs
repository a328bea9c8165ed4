//! Files read on demand from the bytes of the layer they were found in.
//!
//! A flash filesystem stores each file as compressed blocks or nodes at known places of its layer (UBIFS
//! data nodes, JFFS2 inode nodes, cramfs blocks). Decoding every file while the tree is built would hold
//! the whole unpacked filesystem in memory at once; instead a format describes where each file's data is
//! (its [`Layout`]), adds it to a [`Plan`], and [`Plan::finish`] gives it back as [`FileData`]: the small
//! files decoded at once (in parallel), the bigger ones as [`FileData::Lazy`] handles that keep their first
//! [`FileData::HEAD`] bytes and decode the rest when the content pass (or `extract`) reads them.
//!
//! ```
//! use bytes::Bytes;
//! use fwassure_unpack::ondemand::{Layout, Plan};
//!
//! /// A file stored as a run of the layer's bytes, each byte XOR 0x20.
//! struct Xored { start: usize }
//! impl Layout for Xored {
//!     fn read(&self, layer: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
//!         let end = (self.start + n as usize).min(layer.len());
//!         let out: Vec<u8> = layer.get(self.start..end).unwrap_or(&[]).iter().map(|b| b ^ 0x20).collect();
//!         let err = (out.len() as u64 != n).then(|| "data runs past the layer".to_string());
//!         (out, err)
//!     }
//! }
//! let layer = Bytes::from(vec![b'A'; 100_000]);
//! let mut plan = Plan::new("example", layer);
//! let small = plan.add(Xored { start: 0 }, 10);
//! let big = plan.add(Xored { start: 10 }, 90_000);
//! let files = plan.finish();
//! assert!(!files[small].0.is_lazy() && files[big].0.is_lazy());
//! assert_eq!(&files[big].0.read().unwrap()[..3], b"aaa");
//! assert_eq!(files[big].0.len(), 90_000);
//! ```

use std::sync::Arc;

use bytes::Bytes;
use fwassure_model::{FileData, FileSource, Node, NodeKind, ReadError, Tree};

use crate::format::Ctx;
use rayon::prelude::*;

/// Files up to this size are decoded while the tree is built; bigger ones are read on demand (a format may
/// raise it: [`Plan::eager_up_to`]).
pub const EAGER_MAX: u64 = 16 << 10;

/// Where one file's data sits in its layer, and how to decode it.
pub trait Layout: Send + Sync + 'static {
    /// Decode the file's first `n` bytes (`n` is at most the file's recorded size) from the layer's bytes,
    /// with a message when some part was unreadable. A format whose files are blocks gives `n` bytes with
    /// unreadable blocks as zeros; a stream gives what it could decode. Must not decode much past `n`: a
    /// kept head is read this way.
    fn read(&self, layer: &[u8], n: u64) -> (Vec<u8>, Option<String>);
}

/// The unreadable parts of one file read by a [`Layout`]: how many, and what went wrong with the first.
#[derive(Debug, Default)]
pub struct Damage {
    count: usize,
    first: String,
}

impl Damage {
    /// Record one unreadable part (the message is made for the first one only).
    pub fn add(&mut self, message: impl FnOnce() -> String) {
        if self.count == 0 {
            self.first = message();
        }
        self.count += 1;
    }
    /// The message a [`Layout::read`] gives: `"{count} {parts} unreadable (first: …)"`, or `None`.
    pub fn message(&self, parts: &str) -> Option<String> {
        (self.count > 0).then(|| format!("{} {parts} unreadable (first: {})", self.count, self.first))
    }
}

/// An entry of a tree being read: its path, its node, and for a regular file its index in the [`Plan`]
/// that gives its data (the node's data is a placeholder until then).
pub type Entry = (String, Node, Option<usize>);

/// The files of one layer, collected while its tree is read.
pub struct Plan<L> {
    format: &'static str,
    layer: Bytes,
    files: Vec<(L, u64)>,
    eager_max: u64,
}

impl<L: Layout> Plan<L> {
    /// An empty plan over a layer's bytes; `format` names the source in debug output.
    pub fn new(format: &'static str, layer: Bytes) -> Self {
        Plan { format, layer, files: Vec::new(), eager_max: EAGER_MAX }
    }

    /// Decode files up to `max` bytes at once (never less than [`EAGER_MAX`]): for a format whose smallest
    /// read unit is bigger (a squashfs block), since reading a head decodes a whole unit anyway.
    pub fn eager_up_to(mut self, max: u64) -> Self {
        self.eager_max = max.max(EAGER_MAX);
        self
    }

    /// Add a file of `len` bytes (already cut to the unpack limits); returns its index in
    /// [`Plan::finish`]'s result.
    pub fn add(&mut self, layout: L, len: u64) -> usize {
        self.files.push((layout, len));
        self.files.len() - 1
    }

    /// Finish the plan and insert `entries` in order into `tree`, each planned file with its data (and a
    /// problem when part of it could not be decoded). A limit reached stops the insertion with a problem;
    /// what was inserted is kept.
    pub fn insert_into(self, entries: Vec<Entry>, tree: &mut Tree, ctx: &mut Ctx) {
        let mut contents: Vec<Option<(FileData, Option<String>)>> = self.finish().into_iter().map(Some).collect();
        for (path, mut node, planned) in entries {
            if let Some((data, err)) = planned.and_then(|i| contents.get_mut(i)?.take()) {
                if let Some(message) = err {
                    // only a file decoded now comes with a message (one read on demand reports when it is
                    // read); worded as the content pass words a file it cannot read in full
                    let partial = match &data {
                        FileData::Mem(b) => b.clone(),
                        FileData::Lazy { .. } => Bytes::new(),
                    };
                    ctx.problem(Some(&path), ReadError { partial, message }.problem_message());
                }
                node.kind = NodeKind::File(data);
            }
            if let Err(err) = ctx.insert(tree, &path, node) {
                ctx.problem(None, err.to_string());
                return;
            }
        }
    }

    /// Every added file's data, in the order added, with the message of a part that could not be decoded
    /// for a file read now. A read-on-demand file reports its unreadable parts (its head's too) when it
    /// is read, so that the content pass records them once.
    pub fn finish(self) -> Vec<(FileData, Option<String>)> {
        let Plan { format, layer, files, eager_max } = self;
        // small files decoded now, the heads of big ones too; then the big ones' layouts go to the source
        let read: Vec<(Vec<u8>, Option<String>)> = files
            .par_iter()
            .map(|(l, len)| {
                let n = if *len > eager_max { (FileData::HEAD as u64).min(*len) } else { *len };
                l.read(&layer, n)
            })
            .collect();
        let mut lazy: Vec<(L, u64)> = Vec::new();
        // (key, len) of each read-on-demand file
        let keys: Vec<Option<(u64, u64)>> = files
            .into_iter()
            .map(|(l, len)| {
                (len > eager_max).then(|| {
                    lazy.push((l, len));
                    (lazy.len() as u64 - 1, len)
                })
            })
            .collect();
        let source: Arc<dyn FileSource> = Arc::new(Source { format, layer, files: lazy });
        read.into_iter()
            .zip(keys)
            .map(|((data, err), key)| match key {
                Some((k, len)) => (FileData::lazy(source.clone(), k, len, Bytes::from(data)), None),
                None => (Bytes::from(data).into(), err),
            })
            .collect()
    }
}

/// The read-on-demand files of one layer.
struct Source<L> {
    format: &'static str,
    layer: Bytes,
    files: Vec<(L, u64)>,
}

impl<L> std::fmt::Debug for Source<L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} source ({} files read on demand)", self.format, self.files.len())
    }
}

impl<L: Layout> FileSource for Source<L> {
    fn read(&self, key: u64, len: u64) -> Result<Bytes, ReadError> {
        self.read_head(key, len, len as usize)
    }
    fn read_head(&self, key: u64, len: u64, n: usize) -> Result<Bytes, ReadError> {
        let (l, size) = self.files.get(key as usize).ok_or_else(|| ReadError {
            partial: Bytes::new(),
            message: format!("no file #{key} in this {}", self.format),
        })?;
        let (data, err) = l.read(&self.layer, (n as u64).min(len).min(*size));
        match err {
            None => Ok(Bytes::from(data)),
            Some(message) => Err(ReadError { partial: Bytes::from(data), message }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `len` copies of `byte`, unreadable from `bad` on.
    struct Fill {
        byte: u8,
        bad: Option<u64>,
    }
    impl Layout for Fill {
        fn read(&self, _layer: &[u8], n: u64) -> (Vec<u8>, Option<String>) {
            let good = self.bad.map_or(n, |b| b.min(n));
            let mut out = vec![self.byte; good as usize];
            out.resize(n as usize, 0);
            (out, (good < n).then(|| format!("unreadable from {good}")))
        }
    }

    #[test]
    fn small_files_now_big_ones_on_demand() {
        let mut plan = Plan::new("test", Bytes::new());
        let a = plan.add(Fill { byte: 1, bad: None }, EAGER_MAX);
        let b = plan.add(Fill { byte: 2, bad: None }, EAGER_MAX + 1);
        let c = plan.add(Fill { byte: 3, bad: Some(EAGER_MAX * 2) }, EAGER_MAX * 3);
        let d = plan.add(Fill { byte: 4, bad: Some(5) }, 10);
        let e = plan.add(Fill { byte: 5, bad: Some(100) }, EAGER_MAX * 2);
        let files = plan.finish();
        assert_eq!(files.len(), 5);
        assert!(!files[a].0.is_lazy() && files[a].1.is_none());
        assert_eq!(files[a].0.read().unwrap().len() as u64, EAGER_MAX);
        assert!(files[b].0.is_lazy());
        assert_eq!(files[b].0.head(FileData::HEAD).unwrap().len(), FileData::HEAD);
        assert_eq!(files[b].0.read().unwrap(), Bytes::from(vec![2; EAGER_MAX as usize + 1]));
        // a big file damaged past its head: the head is fine, the read reports the rest
        assert!(files[c].0.is_lazy() && files[c].1.is_none());
        // one damaged in its head: reported when read, not twice
        assert!(files[e].0.is_lazy() && files[e].1.is_none());
        assert_eq!(files[e].0.read().unwrap_err().message, "unreadable from 100");
        let e = files[c].0.read().unwrap_err();
        assert_eq!((e.partial.len() as u64, e.message.as_str()), (EAGER_MAX * 3, "unreadable from 32768"));
        // a small damaged file: the message comes with the tree
        assert_eq!(files[d].1.as_deref(), Some("unreadable from 5"));
        assert_eq!(&files[d].0.read().unwrap()[..], &[4, 4, 4, 4, 4, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn a_damaged_file_decoded_now_is_worded_as_the_content_pass_words_it() {
        let budget = crate::Budget::new(crate::Limits::default());
        let mut ctx = Ctx::new(&budget);
        let mut plan = Plan::new("test", Bytes::new());
        let i = plan.add(Fill { byte: 4, bad: Some(5) }, 10);
        let mut tree = Tree::new();
        plan.insert_into(vec![("/f".into(), Node::file(Vec::new()), Some(i))], &mut tree, &mut ctx);
        let want = "file data unreadable: unreadable from 5; 10 bytes kept";
        assert_eq!(ctx.take_problems(), vec![(Some("/f".to_string()), want.to_string())]);
        assert_eq!(tree.read("/f").map(|b| b.len()), Some(10), "what could be read is kept");
    }

    #[test]
    fn eager_up_to_raises_the_threshold_never_lowers_it() {
        let mut plan = Plan::new("test", Bytes::new()).eager_up_to(EAGER_MAX * 4);
        let a = plan.add(Fill { byte: 1, bad: None }, EAGER_MAX * 4);
        let b = plan.add(Fill { byte: 2, bad: None }, EAGER_MAX * 4 + 1);
        let files = plan.finish();
        assert!(!files[a].0.is_lazy() && files[b].0.is_lazy());
        let mut plan = Plan::new("test", Bytes::new()).eager_up_to(10);
        let c = plan.add(Fill { byte: 3, bad: None }, EAGER_MAX);
        assert!(!plan.finish()[c].0.is_lazy());
    }
}
