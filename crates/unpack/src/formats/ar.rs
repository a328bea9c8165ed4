//! Unix `ar` archives: static libraries (`.a`), Debian packages (`.deb`) and old OpenWrt `.ipk` packages.
//!
//! Vendors: toolchain leftovers in root filesystems (`/lib/libiw.a` holding `iwlib.so`), package archives in
//! update bundles and package feeds shipped on the device.
//! Reference: the System V / GNU `ar` format (`ar.h`: an 8-byte `!<arch>\n` signature, then members, each a
//! 60-byte ASCII header — name 16, mtime 12, uid 6, gid 6, octal mode 8, decimal size 10, `` `\n `` — and its
//! data padded to an even offset); GNU long names in the `//` member (`/123` refers to offset 123 there),
//! BSD long names as `#1/<len>` before the data; `/` and `/SYM64/` are symbol tables, left out.
//! Members are views of the archive, not copies. Limitations: thin archives (`!<thin>\n`) hold no data and
//! are not read.
//!
//! ```
//! use fwassure_unpack::{format::Format, formats::ar::Ar};
//! let mut a = b"!<arch>\n".to_vec();
//! a.extend(format!("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", "hello.txt/", 0, 0, 0, 100644, 3).as_bytes());
//! a.extend(b"hi\n\n");
//! assert_eq!(Ar.identify(&a).unwrap().size, None);
//! ```

use bytes::Bytes;
use fwassure_model::{Node, NodeKind, Tree};

use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};

/// The ar format.
pub struct Ar;

const SIGNATURE: &[u8] = b"!<arch>\n";
const HEADER: usize = 60;

/// One member header, its ASCII fields decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header<'a> {
    name: &'a [u8],
    mtime: i64,
    uid: u32,
    gid: u32,
    mode: u32,
    size: u64,
}

fn field(h: &[u8], at: usize, len: usize) -> Option<&str> {
    std::str::from_utf8(h.get(at..at + len)?).ok().map(str::trim_end)
}

impl<'a> Header<'a> {
    fn parse(h: &'a [u8]) -> Option<Header<'a>> {
        if h.get(58..60)? != b"`\n" {
            return None;
        }
        let num = |at, len, radix| -> Option<u64> {
            let f = field(h, at, len)?;
            if f.is_empty() {
                Some(0)
            } else {
                u64::from_str_radix(f, radix).ok()
            }
        };
        Some(Header {
            name: h.get(..16)?,
            mtime: num(16, 12, 10)? as i64,
            uid: num(28, 6, 10)? as u32,
            gid: num(34, 6, 10)? as u32,
            mode: num(40, 8, 8)? as u32,
            size: field(h, 48, 10)?.parse::<u64>().ok()?,
        })
    }
}

impl Format for Ar {
    fn name(&self) -> &'static str {
        "ar"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: SIGNATURE, offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d.get(SIGNATURE.len()..SIGNATURE.len() + HEADER)?)?;
        (h.size <= d.len() as u64).then(Identified::default)
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let mut tree = Tree::new();
        let mut pos = SIGNATURE.len();
        let mut long_names: &[u8] = &[];
        let mut count = 0u64;
        while pos + HEADER <= data.len() {
            let Some(h) = Header::parse(&data[pos..pos + HEADER]) else {
                if !data[pos..].iter().all(|&b| b == 0 || b == b'\n') {
                    ctx.problem(None, format!("ar member header at {pos:#x} is invalid; archive ends there"));
                }
                break;
            };
            let start = pos + HEADER;
            let avail = (data.len() - start) as u64;
            let size = h.size.min(avail) as usize;
            if h.size > avail {
                ctx.problem(None, format!("ar member at {pos:#x} claims {} bytes, {avail} remain: truncated", h.size));
            }
            let body = data.slice(start..start + size);
            pos = start.saturating_add(size).saturating_add(size & 1);
            let raw = h.name;
            let trimmed = std::str::from_utf8(raw).unwrap_or("").trim_end();
            let (name, body) = if trimmed == "/"
                || trimmed == "/SYM64/"
                || trimmed == "__.SYMDEF"
                || trimmed == "__.SYMDEF SORTED"
            {
                continue;
            } else if trimmed == "//" {
                long_names = &data[start..start + size];
                continue;
            } else if let Some(off) = trimmed.strip_prefix('/').and_then(|n| n.parse::<usize>().ok()) {
                let rest = long_names.get(off..).unwrap_or_default();
                let end = rest.iter().position(|&b| b == b'\n' || b == 0).unwrap_or(rest.len());
                let n = String::from_utf8_lossy(&rest[..end]).trim_end_matches('/').to_string();
                if n.is_empty() {
                    ctx.problem(None, format!("ar long name /{off} is not in the name table"));
                }
                (n, body)
            } else if let Some(len) = trimmed.strip_prefix("#1/").and_then(|n| n.parse::<usize>().ok()) {
                let len = len.min(body.len());
                let n = String::from_utf8_lossy(&body[..len]).trim_end_matches('\0').to_string();
                (n, body.slice(len..))
            } else {
                (String::from_utf8_lossy(trimmed.strip_suffix('/').unwrap_or(trimmed).as_bytes()).into_owned(), body)
            };
            let name = if name.is_empty() { format!("member-{count}") } else { name };
            count += 1;
            let node = Node {
                kind: NodeKind::File(body.into()),
                mode: h.mode & 0o7777,
                uid: h.uid,
                gid: h.gid,
                mtime: h.mtime,
            };
            ctx.insert(&mut tree, &name, node)?;
        }
        if count == 0 {
            return Err(FormatError::Invalid("ar: no members".into()));
        }
        Ok(Extracted::tree(tree)
            .with_consumed(pos.min(data.len()) as u64)
            .with_description(format!("ar archive, {count} members")))
    }
}
