//! The content of a regular file: bytes in memory, or a handle that reads them on demand from the layer
//! they were found in.
//!
//! Formats whose files are compressed block by block (squashfs …) keep the compressed layer and hand out
//! [`FileData::lazy`] handles, so that an image's files are not all held decoded at once: the analysis
//! stages read each file once, in one pass over the tree ([`crate::Vfs::scan_files`]), and let it go.
//! Formats whose files are plain slices of a buffer (tar, cpio, ext …) keep [`FileData::Mem`] views.
//!
//! ```
//! use std::sync::Arc;
//! use bytes::Bytes;
//! use fwassure_model::filedata::{FileData, FileSource, ReadError};
//!
//! /// Files that are the same byte repeated: a stand-in for a compressed filesystem.
//! #[derive(Debug)]
//! struct Repeat;
//! impl FileSource for Repeat {
//!     fn read(&self, key: u64, len: u64) -> Result<Bytes, ReadError> {
//!         Ok(Bytes::from(vec![key as u8; len as usize]))
//!     }
//! }
//! let source: Arc<dyn FileSource> = Arc::new(Repeat);
//! let f = FileData::lazy(source, 7, 3, Bytes::from_static(&[7]));
//! assert_eq!(f.len(), 3);
//! assert_eq!(&f.read().unwrap()[..], &[7, 7, 7]);
//! assert_eq!(FileData::from(&b"abc"[..]).read().unwrap(), Bytes::from_static(b"abc"));
//! ```

use bytes::Bytes;
use std::fmt;
use std::sync::Arc;

/// A file's data could not be read in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What could be read (a prefix of the file, possibly empty).
    pub partial: Bytes,
    /// What went wrong.
    pub message: String,
}

impl ReadError {
    /// The problem recorded for a file that could not be read in full: `file data unreadable: {self}`.
    /// One wording for a file read while its tree is built and one read on demand by the content pass.
    pub fn problem_message(&self) -> String {
        format!("file data unreadable: {self}")
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {} bytes kept", self.message, self.partial.len())
    }
}

impl std::error::Error for ReadError {}

/// Where lazily read files come from: one per filesystem layer, shared by its files.
///
/// Implementations must be bounded: `read` returns at most `len` bytes, the size recorded when the tree
/// was read (and checked against the unpack budget then).
pub trait FileSource: Send + Sync + fmt::Debug {
    /// Read the whole file `key` (the source's own file number), expected to be `len` bytes long.
    fn read(&self, key: u64, len: u64) -> Result<Bytes, ReadError>;
    /// Read at least the first `n` bytes of file `key` (fewer when the file is shorter). The default reads
    /// the whole file.
    fn read_head(&self, key: u64, len: u64, n: usize) -> Result<Bytes, ReadError> {
        let _ = n;
        self.read(key, len)
    }
}

/// The content of a regular file.
#[derive(Clone)]
pub enum FileData {
    /// Bytes in memory (often a zero-copy view of a larger buffer).
    Mem(Bytes),
    /// Read on demand from a [`FileSource`].
    Lazy {
        /// The layer's source.
        source: Arc<dyn FileSource>,
        /// The source's file number.
        key: u64,
        /// The file's size.
        len: u64,
        /// The first bytes of the file, kept in memory so that sniffing a file's type (ELF, a nested image)
        /// does not read it (at most [`FileData::HEAD`] bytes are kept).
        head: Bytes,
    },
}

impl FileData {
    /// How many of a lazily read file's first bytes a format should keep in memory: past the farthest
    /// magic number of a nested format (ext's at 1080) and an ELF header.
    pub const HEAD: usize = 2048;

    /// A handle that reads file `key` of `source` on demand; `head` is the file's first bytes (at most
    /// [`FileData::HEAD`] are kept).
    pub fn lazy(source: Arc<dyn FileSource>, key: u64, len: u64, head: Bytes) -> Self {
        // a copy: the head is often a slice of a whole decoded block, which must not stay alive through it
        let head = Bytes::copy_from_slice(&head[..head.len().min(Self::HEAD).min(len as usize)]);
        FileData::Lazy { source, key, len, head }
    }
    /// The file's size, without reading it.
    pub fn len(&self) -> u64 {
        match self {
            FileData::Mem(b) => b.len() as u64,
            FileData::Lazy { len, .. } => *len,
        }
    }
    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// True when the data is read on demand.
    pub fn is_lazy(&self) -> bool {
        matches!(self, FileData::Lazy { .. })
    }
    /// The bytes, when they are in memory.
    pub fn in_memory(&self) -> Option<&Bytes> {
        match self {
            FileData::Mem(b) => Some(b),
            FileData::Lazy { .. } => None,
        }
    }
    /// The whole content (a cheap clone when in memory, a read of the source otherwise).
    pub fn read(&self) -> Result<Bytes, ReadError> {
        match self {
            FileData::Mem(b) => Ok(b.clone()),
            FileData::Lazy { source, key, len, .. } => {
                source.read(*key, *len).map(|b| b.slice(..b.len().min(*len as usize)))
            }
        }
    }
    /// At least the first `n` bytes (all of them when the file is shorter); cheaper than [`FileData::read`]
    /// for a big lazily read file.
    pub fn head(&self, n: usize) -> Result<Bytes, ReadError> {
        match self {
            FileData::Mem(b) => Ok(b.slice(..b.len().min(n))),
            FileData::Lazy { head, len, .. } if n <= head.len() || head.len() as u64 == *len => {
                Ok(head.slice(..head.len().min(n)))
            }
            FileData::Lazy { source, key, len, .. } => {
                source.read_head(*key, *len, n).map(|b| b.slice(..b.len().min(*len as usize)))
            }
        }
    }
    /// The content, or what could be read of it: a failed read gives its partial data.
    pub fn read_lossy(&self) -> Bytes {
        self.read().unwrap_or_else(|e| e.partial)
    }
}

impl fmt::Debug for FileData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileData::Mem(b) => write!(f, "Mem({} bytes)", b.len()),
            FileData::Lazy { key, len, .. } => write!(f, "Lazy(#{key}, {len} bytes)"),
        }
    }
}

/// Two contents are equal when they read to the same bytes (a failed read compares its partial data).
impl PartialEq for FileData {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.read_lossy() == other.read_lossy()
    }
}

impl Eq for FileData {}

impl From<Bytes> for FileData {
    fn from(b: Bytes) -> Self {
        FileData::Mem(b)
    }
}

impl From<Vec<u8>> for FileData {
    fn from(v: Vec<u8>) -> Self {
        FileData::Mem(Bytes::from(v))
    }
}

impl From<&'static [u8]> for FileData {
    fn from(v: &'static [u8]) -> Self {
        FileData::Mem(Bytes::from_static(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that fails for odd keys after half the file.
    #[derive(Debug)]
    struct HalfBroken;
    impl FileSource for HalfBroken {
        fn read(&self, key: u64, len: u64) -> Result<Bytes, ReadError> {
            let full = Bytes::from(vec![b'x'; len as usize + 5]); // one that says more than asked
            if key % 2 == 1 {
                return Err(ReadError { partial: full.slice(..len as usize / 2), message: "bad block".into() });
            }
            Ok(full)
        }
    }

    #[test]
    fn lazy_reads_are_bounded_by_the_recorded_size_and_keep_partial_data() {
        let s: Arc<dyn FileSource> = Arc::new(HalfBroken);
        let good = FileData::lazy(s.clone(), 2, 10, Bytes::from_static(b"xx"));
        assert_eq!(good.read().unwrap().len(), 10, "never more than the recorded size");
        assert_eq!(good.head(2).unwrap().len(), 2, "the kept head answers");
        assert_eq!(good.head(4).unwrap().len(), 10, "past the kept head, the default head reads the file");
        let bad = FileData::lazy(s, 3, 10, Bytes::new());
        let e = bad.read().unwrap_err();
        assert_eq!((e.partial.len(), e.to_string()), (5, "bad block; 5 bytes kept".to_string()));
        assert_eq!(bad.read_lossy().len(), 5);
        assert!(bad.is_lazy() && bad.in_memory().is_none());
    }

    #[test]
    fn a_kept_head_does_not_keep_the_buffer_it_was_cut_from() {
        let s: Arc<dyn FileSource> = Arc::new(HalfBroken);
        let block = Bytes::from(vec![1u8; 128 << 10]);
        let f = FileData::lazy(s, 0, 1 << 20, block.slice(..));
        assert!(block.is_unique(), "the head is a copy");
        assert_eq!(f.head(FileData::HEAD).unwrap().len(), FileData::HEAD, "at most HEAD bytes are kept");
    }

    #[test]
    fn equality_is_by_content() {
        let s: Arc<dyn FileSource> = Arc::new(HalfBroken);
        assert_eq!(FileData::lazy(s.clone(), 0, 3, Bytes::new()), FileData::from(&b"xxx"[..]));
        assert_ne!(FileData::lazy(s, 0, 3, Bytes::new()), FileData::from(&b"xxy"[..]));
        assert_eq!(FileData::from(&b"abcdef"[..]).head(2).unwrap(), Bytes::from_static(b"ab"));
    }
}
