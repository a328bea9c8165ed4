//! Opening the image file: memory-mapped when it is a big regular file, read into memory otherwise.
//!
//! # Why a mapping
//! Reading a 300 MB ext4 image into a `Vec` holds it twice: once in the kernel's page cache and once on
//! our heap, and the heap copy cannot be given back under memory pressure. A read-only private mapping
//! serves the same bytes straight from the page cache: the files of an uncompressed filesystem (ext, tar,
//! cpio, romfs, stored zip) become views into the mapping, so such an image costs no heap at all, and the
//! kernel may drop and re-read its pages when memory is short (a 311 MB ext4 image scanned under a 250 MB
//! cgroup limit is OOM-killed when read, and finishes when mapped).
//!
//! # Soundness (the one `unsafe` block of fwassure)
//! `memmap2::Mmap::map` is `unsafe` because the mapped bytes may change, or vanish, while we hold a
//! `&[u8]` over them, if another process writes to or truncates the file. What we rely on:
//! - the mapping is read-only and private (`MAP_PRIVATE`, `PROT_READ`): nothing in this process writes it;
//! - the file is only mapped when it is a regular file (not a pipe, device or procfs file whose size
//!   means nothing) of at least [`MMAP_MIN`] bytes;
//! - every parser treats the bytes as hostile input and bounds-checks each read: bytes that change
//!   between two reads give at worst a wrong (but bounds-checked) parse, never undefined behaviour in our
//!   code, since no parser relies on two reads of the same byte agreeing for memory safety.
//!
//! What it cannot rule out: if another process *truncates* the file during a scan, a read of a page past
//! the new end raises `SIGBUS` and the process dies. ripgrep makes the same trade for the same speed and
//! memory. `FWASSURE_NO_MMAP=1` (any value but `0` or empty) makes the scan read the file instead, for
//! images on a file system that another process may be rewriting.
#![allow(unsafe_code)]

use std::fs::File;
use std::path::Path;

use bytes::Bytes;

/// Files smaller than this are read: a mapping costs a system call and page faults that a read of a small
/// file does not save.
pub const MMAP_MIN: u64 = 1 << 20;

/// The environment variable that turns mapping off (see the module docs).
pub const NO_MMAP_ENV: &str = "FWASSURE_NO_MMAP";

/// The bytes of the image at `path`: a read-only mapping of a regular file of [`MMAP_MIN`] bytes or more
/// (unless [`NO_MMAP_ENV`] is set), else the file read into memory. A mapping that fails falls back to a
/// read.
pub fn read(path: &Path) -> std::io::Result<Bytes> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= MMAP_MIN && !mmap_disabled() {
        if let Some(map) = map(&file) {
            return Ok(Bytes::from_owner(map));
        }
    }
    read_all(file, meta.is_file().then_some(meta.len()))
}

fn mmap_disabled() -> bool {
    std::env::var_os(NO_MMAP_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// A read-only private mapping of the whole of `file`, or `None` when the system refuses it.
fn map(file: &File) -> Option<memmap2::Mmap> {
    // SAFETY: see the module docs. The mapping is read-only and private, of a regular file; all readers
    // of the bytes bounds-check every access; a concurrent truncation is the documented SIGBUS caveat.
    let map = unsafe { memmap2::MmapOptions::new().map(file) }.ok()?;
    // the image is read front to back by the magic scan, then in parts by the formats
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::WillNeed);
    Some(map)
}

fn read_all(mut file: File, size: Option<u64>) -> std::io::Result<Bytes> {
    use std::io::Read;
    let mut data = Vec::with_capacity(size.unwrap_or(0).min(1 << 30) as usize);
    file.read_to_end(&mut data)?;
    Ok(Bytes::from(data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_of(len: usize) -> (tempfile::NamedTempFile, Vec<u8>) {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&data).unwrap();
        f.flush().unwrap();
        (f, data)
    }

    #[test]
    fn big_files_are_mapped_and_read_the_same() {
        let (f, data) = file_of(MMAP_MIN as usize + 4097);
        let got = read(f.path()).unwrap();
        assert_eq!(got.len(), data.len());
        assert!(got == data, "mapped bytes differ from the file");
        // views of the mapping outlive the handle they were cut from
        let view = got.slice(4096..8192);
        drop(got);
        assert_eq!(&view[..], &data[4096..8192]);
    }

    #[test]
    fn small_and_empty_files_are_read() {
        for len in [0, 1, 1000] {
            let (f, data) = file_of(len);
            assert_eq!(read(f.path()).unwrap(), data);
        }
    }

    #[test]
    fn a_missing_file_or_a_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.bin");
        assert_eq!(read(&missing).unwrap_err().kind(), std::io::ErrorKind::NotFound);
        assert!(read(dir.path()).is_err());
        let e = crate::scan(&missing, &crate::ScanOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("cannot read "), "{e}");
    }
}
