//! The format extension point: every supported format implements [`Format`].
//!
//! A format declares its magic bytes (and where in the structure they sit), validates a candidate header
//! in [`Format::identify`], and reads the structure in [`Format::extract`] into either a tree (filesystems,
//! archives) or payload streams (compressed streams, uImage/UBI/TRX containers), which the engine then
//! identifies and unpacks in turn.
//!
//! # Adding a format
//! One file `formats/<fmt>.rs` plus one line in [`crate::formats::REGISTRY`]:
//!
//! ```
//! use fwassure_unpack::format::{Ctx, Extracted, Format, FormatError, Identified, Magic, Output, Stream};
//!
//! /// A toy container: `TOY!`, a u32 big-endian length, then the payload.
//! pub struct Toy;
//! impl Format for Toy {
//!     fn name(&self) -> &'static str { "toy" }
//!     fn magics(&self) -> &'static [Magic] { &[Magic { bytes: b"TOY!", offset: 0 }] }
//!     fn identify(&self, data: &[u8]) -> Option<Identified> {
//!         let len = u32::from_be_bytes(data.get(4..8)?.try_into().ok()?) as u64;
//!         (8 + len <= data.len() as u64).then(|| Identified { size: Some(8 + len), description: String::new() })
//!     }
//!     fn extract(&self, data: &bytes::Bytes, _ctx: &mut Ctx) -> Result<Extracted, FormatError> {
//!         let len = u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize;
//!         Ok(Extracted::streams(vec![Stream { description: String::new(), name: "payload".into(), offset: 8, data: data.slice(8..8 + len) }]))
//!     }
//! }
//! let data = bytes::Bytes::from_static(b"TOY!\0\0\0\x02hi");
//! assert_eq!(Toy.identify(&data).unwrap().size, Some(10));
//! ```

use bytes::Bytes;
use fwassure_model::vfs::{Node, Tree};

use crate::limits::Budget;

/// A magic byte string and its offset from the start of the structure.
#[derive(Debug, Clone, Copy)]
pub struct Magic {
    /// The bytes.
    pub bytes: &'static [u8],
    /// Where they sit relative to the structure's first byte (e.g. 1080 for the ext2 superblock magic).
    pub offset: usize,
}

/// A validated candidate.
#[derive(Debug, Clone, Default)]
pub struct Identified {
    /// Size of the structure in bytes, when the header tells it; `None` when only extraction can tell
    /// (compressed streams).
    pub size: Option<u64>,
    /// Short description from the header.
    pub description: String,
}

/// A payload inside a container (decompressed data, an image of a multi-file uImage, a UBI volume …).
#[derive(Debug, Clone)]
pub struct Stream {
    /// Name (`payload`, `kernel`, volume name …).
    pub name: String,
    /// Offset of the payload inside the container (0 for decompressed data).
    pub offset: u64,
    /// The payload bytes.
    pub data: Bytes,
    /// What the payload is, said by its container (`ProgramStore LZMA payload @92 (decompressed)`), or
    /// empty. It becomes the child layer's description, which names the payload where a finding in its raw
    /// bytes is reported.
    pub description: String,
}

/// What extraction produced.
#[derive(Debug, Clone)]
pub enum Output {
    /// A filesystem or archive tree.
    Tree(Tree),
    /// Payload streams, identified and unpacked in turn.
    Streams(Vec<Stream>),
}

/// The result of [`Format::extract`].
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The tree or streams.
    pub output: Output,
    /// Bytes of the input the structure used, when known only after reading it.
    pub consumed: Option<u64>,
    /// Description (overrides the one from `identify` when not empty).
    pub description: String,
    /// Header fields the structure states (vendor, product, version, target, image type, `signature` …):
    /// they become the layer's attributes. An image that holds no filesystem is described by them.
    pub attributes: Vec<(String, String)>,
}

impl Extracted {
    /// A tree result.
    pub fn tree(tree: Tree) -> Self {
        Extracted { output: Output::Tree(tree), consumed: None, description: String::new(), attributes: Vec::new() }
    }
    /// A streams result.
    pub fn streams(streams: Vec<Stream>) -> Self {
        Extracted {
            output: Output::Streams(streams),
            consumed: None,
            description: String::new(),
            attributes: Vec::new(),
        }
    }
    /// Set the consumed size.
    pub fn with_consumed(mut self, n: u64) -> Self {
        self.consumed = Some(n);
        self
    }
    /// Set the description.
    pub fn with_description(mut self, d: impl Into<String>) -> Self {
        self.description = d.into();
        self
    }
    /// Add a header field (an empty value is left out; a repeated key keeps the last value).
    pub fn with_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let value = value.into();
        if !value.is_empty() {
            self.attributes.push((key.into(), value));
        }
        self
    }
}

/// Why a structure could not be read at all (partial reads return `Ok` with problems in the context).
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The data ends before the structure does.
    #[error("truncated: {0}")]
    Truncated(String),
    /// A field has an impossible value.
    #[error("invalid: {0}")]
    Invalid(String),
    /// A valid but unsupported variant.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A limit was reached.
    #[error("limit: {0}")]
    Limit(String),
    /// A compressed stream is corrupt.
    #[error("decompression failed: {0}")]
    Decompress(String),
}

/// Context of one extraction: the shared budget and this layer's problem list.
pub struct Ctx<'a> {
    budget: &'a Budget,
    problems: Vec<(Option<String>, String)>,
}

impl<'a> Ctx<'a> {
    /// A context charging `budget`.
    pub fn new(budget: &'a Budget) -> Self {
        Ctx { budget, problems: Vec::new() }
    }
    /// The shared budget.
    pub fn budget(&self) -> &Budget {
        self.budget
    }
    /// Record a problem (optionally about one path) and go on.
    pub fn problem(&mut self, path: Option<&str>, message: impl Into<String>) {
        if self.problems.len() < 1000 {
            self.problems.push((path.map(str::to_string), message.into()));
        } else if self.problems.len() == 1000 {
            self.problems.push((None, "more than 1000 problems; further ones dropped".into()));
        }
    }
    /// Whether a directory walk at `depth` is deeper than `max`; if so, records the problem for `dir`
    /// (the caller then leaves that directory unread).
    pub fn too_deep(&mut self, dir: &str, depth: usize, max: usize) -> bool {
        if depth > max {
            self.problem(Some(dir), format!("directories nested deeper than {max}; not read"));
            return true;
        }
        false
    }
    /// Take the recorded problems.
    pub fn take_problems(&mut self) -> Vec<(Option<String>, String)> {
        std::mem::take(&mut self.problems)
    }
    /// Insert an entry into a tree, charging the file budget and recording traversal attempts.
    /// Returns `Err` when a limit stops extraction (the caller should stop and return what it has).
    pub fn insert(&mut self, tree: &mut Tree, raw_path: &str, node: Node) -> Result<(), FormatError> {
        self.budget.charge_files(1).map_err(FormatError::Limit)?;
        if let fwassure_model::NodeKind::File(b) = &node.kind {
            self.budget.charge_bytes(b.len()).map_err(FormatError::Limit)?;
        }
        if let Err(p) = tree.insert(raw_path, node) {
            self.problem(Some(&p), format!("entry name {raw_path:?} escapes the root; kept as {p}"));
        }
        Ok(())
    }
}

/// A firmware format: identify + extract. See the module docs for a worked example.
pub trait Format: Send + Sync {
    /// Short lowercase name used in reports (`squashfs`, `uimage` …).
    fn name(&self) -> &'static str;
    /// Magic bytes that mark a candidate.
    fn magics(&self) -> &'static [Magic];
    /// Validate the header at the start of `data` (which runs to the end of the parent) and give the size.
    fn identify(&self, data: &[u8]) -> Option<Identified>;
    /// Read the structure at the start of `data`. `data` is cut to the identified size when known.
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError>;
}

/// Little helpers for typed header parsing with explicit endianness.
pub mod read {
    /// u16 little-endian at `off`.
    pub fn le16(d: &[u8], off: usize) -> Option<u16> {
        Some(u16::from_le_bytes(d.get(off..off.checked_add(2)?)?.try_into().ok()?))
    }
    /// u32 little-endian at `off`.
    pub fn le32(d: &[u8], off: usize) -> Option<u32> {
        Some(u32::from_le_bytes(d.get(off..off.checked_add(4)?)?.try_into().ok()?))
    }
    /// u64 little-endian at `off`.
    pub fn le64(d: &[u8], off: usize) -> Option<u64> {
        Some(u64::from_le_bytes(d.get(off..off.checked_add(8)?)?.try_into().ok()?))
    }
    /// u16 big-endian at `off`.
    pub fn be16(d: &[u8], off: usize) -> Option<u16> {
        Some(u16::from_be_bytes(d.get(off..off.checked_add(2)?)?.try_into().ok()?))
    }
    /// u32 big-endian at `off`.
    pub fn be32(d: &[u8], off: usize) -> Option<u32> {
        Some(u32::from_be_bytes(d.get(off..off.checked_add(4)?)?.try_into().ok()?))
    }
    /// u64 big-endian at `off`.
    pub fn be64(d: &[u8], off: usize) -> Option<u64> {
        Some(u64::from_be_bytes(d.get(off..off.checked_add(8)?)?.try_into().ok()?))
    }
    /// u16/u32 in either byte order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Endian {
        /// Little-endian.
        Little,
        /// Big-endian.
        Big,
    }
    impl Endian {
        /// u16 at `off`.
        pub fn u16(self, d: &[u8], off: usize) -> Option<u16> {
            match self {
                Endian::Little => le16(d, off),
                Endian::Big => be16(d, off),
            }
        }
        /// u32 at `off`.
        pub fn u32(self, d: &[u8], off: usize) -> Option<u32> {
            match self {
                Endian::Little => le32(d, off),
                Endian::Big => be32(d, off),
            }
        }
        /// u64 at `off`.
        pub fn u64(self, d: &[u8], off: usize) -> Option<u64> {
            match self {
                Endian::Little => le64(d, off),
                Endian::Big => be64(d, off),
            }
        }
    }
    /// A NUL-terminated string from a fixed-size field.
    pub fn cstr(d: &[u8]) -> String {
        let end = d.iter().position(|&b| b == 0).unwrap_or(d.len());
        String::from_utf8_lossy(&d[..end]).into_owned()
    }
}
