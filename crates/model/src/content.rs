//! Which bytes of a file the content searches read.
//!
//! Version strings, embedded keys, certificates and credentials are data: compilers place string literals
//! and constant tables in `.rodata`, `.data`, `.dynstr`, `.comment` and similar sections, never in
//! machine code. Executable sections (`SHF_EXECINSTR`: `.text`, `.init`, `.plt` …) are 40–60 % of a
//! typical binary; skipping them makes every whole-file search of an ELF file about twice as fast.
//!
//! When an ELF file has no usable section header table (`sstrip`ped binaries, truncated or odd files),
//! the whole file is searched, as for any other file.
//!
//! ```
//! use fwassure_model::content::search_ranges;
//! // not an ELF file: one range, the whole file
//! assert_eq!(search_ranges(b"hello world"), vec![0..11]);
//! ```

use std::ops::Range;

/// `sh_type` of a section that occupies no file bytes (`.bss`).
const SHT_NOBITS: u64 = 8;
/// `sh_type` of the unused first entry.
const SHT_NULL: u64 = 0;
/// `sh_flags` bit of a section holding machine code.
const SHF_EXECINSTR: u64 = 0x4;
/// More section headers than this is not a real binary: search the whole file.
const MAX_SECTIONS: usize = 4096;

/// The byte ranges of `data` that a content search reads, sorted and disjoint: for an ELF file with a
/// valid section header table, every section with file bytes that is not executable; otherwise the whole
/// file.
pub fn search_ranges(data: &[u8]) -> Vec<Range<usize>> {
    #[allow(clippy::single_range_in_vec_init)] // one range: the whole file
    elf_data_sections(data).unwrap_or_else(|| vec![0..data.len()])
}

/// An ELF file read in its byte order.
struct Elf<'a> {
    data: &'a [u8],
    big: bool,
}

impl Elf<'_> {
    fn u16(&self, at: usize) -> Option<u64> {
        let b: [u8; 2] = self.data.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(u64::from(if self.big { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) }))
    }
    fn u32(&self, at: usize) -> Option<u64> {
        let b: [u8; 4] = self.data.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(u64::from(if self.big { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) }))
    }
    fn u64(&self, at: usize) -> Option<u64> {
        let b: [u8; 8] = self.data.get(at..at.checked_add(8)?)?.try_into().ok()?;
        Some(if self.big { u64::from_be_bytes(b) } else { u64::from_le_bytes(b) })
    }
}

/// Non-executable sections with file bytes, merged; `None` when the file is not ELF or its section
/// header table is missing or invalid.
fn elf_data_sections(data: &[u8]) -> Option<Vec<Range<usize>>> {
    if !data.starts_with(b"\x7fELF") {
        return None;
    }
    let wide = match data.get(4)? {
        1 => false,
        2 => true,
        _ => return None,
    };
    let big = match data.get(5)? {
        1 => false,
        2 => true,
        _ => return None,
    };
    let elf = Elf { data, big };
    let (shoff, shentsize, shnum) = if wide {
        (elf.u64(0x28)?, elf.u16(0x3a)?, elf.u16(0x3c)?)
    } else {
        (elf.u32(0x20)?, elf.u16(0x2e)?, elf.u16(0x30)?)
    };
    let min_entry = if wide { 64 } else { 40 };
    let (shoff, shentsize, shnum) = (usize::try_from(shoff).ok()?, shentsize as usize, shnum as usize);
    if shoff == 0 || shnum == 0 || shnum > MAX_SECTIONS || shentsize < min_entry {
        return None;
    }
    let table_end = shoff.checked_add(shentsize.checked_mul(shnum)?)?;
    if table_end > data.len() {
        return None;
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut exec = 0usize;
    for i in 0..shnum {
        let h = shoff + i * shentsize;
        let sh_type = elf.u32(h + 4)?;
        let (flags, offset, size) = if wide {
            (elf.u64(h + 8)?, elf.u64(h + 24)?, elf.u64(h + 32)?)
        } else {
            (elf.u32(h + 8)?, elf.u32(h + 16)?, elf.u32(h + 20)?)
        };
        if sh_type == SHT_NULL || sh_type == SHT_NOBITS || size == 0 {
            continue;
        }
        let start = usize::try_from(offset).ok()?;
        if start >= data.len() {
            continue;
        }
        let end = usize::try_from(offset.saturating_add(size)).unwrap_or(usize::MAX).min(data.len());
        if flags & SHF_EXECINSTR != 0 {
            exec += 1;
            continue;
        }
        ranges.push(start..end);
    }
    if exec == 0 {
        // nothing to skip (an object without code, or a table that marks none): the whole file, unsplit
        return None;
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal ELF with the given sections: (type, flags, offset, size); `wide` selects ELF64.
    fn elf(wide: bool, big: bool, sections: &[(u64, u64, u64, u64)], len: usize) -> Vec<u8> {
        let mut d = vec![0u8; len];
        d[..4].copy_from_slice(b"\x7fELF");
        d[4] = if wide { 2 } else { 1 };
        d[5] = if big { 2 } else { 1 };
        let shoff = len - sections.len() * if wide { 64 } else { 40 };
        let put = |d: &mut Vec<u8>, at: usize, v: u64, n: usize| {
            let b = if big { v.to_be_bytes() } else { v.to_le_bytes() };
            if big {
                d[at..at + n].copy_from_slice(&b[8 - n..]);
            } else {
                d[at..at + n].copy_from_slice(&b[..n]);
            }
        };
        if wide {
            put(&mut d, 0x28, shoff as u64, 8);
            put(&mut d, 0x3a, 64, 2);
            put(&mut d, 0x3c, sections.len() as u64, 2);
        } else {
            put(&mut d, 0x20, shoff as u64, 4);
            put(&mut d, 0x2e, 40, 2);
            put(&mut d, 0x30, sections.len() as u64, 2);
        }
        for (i, &(t, f, o, s)) in sections.iter().enumerate() {
            if wide {
                let h = shoff + i * 64;
                put(&mut d, h + 4, t, 4);
                put(&mut d, h + 8, f, 8);
                put(&mut d, h + 24, o, 8);
                put(&mut d, h + 32, s, 8);
            } else {
                let h = shoff + i * 40;
                put(&mut d, h + 4, t, 4);
                put(&mut d, h + 8, f, 4);
                put(&mut d, h + 16, o, 4);
                put(&mut d, h + 20, s, 4);
            }
        }
        d
    }

    const TEXT: (u64, u64, u64, u64) = (1, 0x6, 0x100, 0x300); // PROGBITS, ALLOC|EXECINSTR
    const RODATA: (u64, u64, u64, u64) = (1, 0x2, 0x400, 0x80);
    const DATA: (u64, u64, u64, u64) = (1, 0x3, 0x480, 0x40);
    const BSS: (u64, u64, u64, u64) = (SHT_NOBITS, 0x3, 0x4c0, 0x1000);
    const COMMENT: (u64, u64, u64, u64) = (1, 0x30, 0x500, 0x20);

    #[test]
    fn code_is_skipped_in_every_class_and_byte_order() {
        let secs = [(0, 0, 0, 0), TEXT, RODATA, DATA, BSS, COMMENT];
        for wide in [false, true] {
            for big in [false, true] {
                let d = elf(wide, big, &secs, 0x1000);
                assert_eq!(search_ranges(&d), vec![0x400..0x4c0, 0x500..0x520], "wide {wide} big {big}");
            }
        }
    }

    #[test]
    fn whole_file_without_a_usable_section_table() {
        let d = elf(false, false, &[TEXT, RODATA], 0x1000);
        // no section headers (sstrip)
        let mut stripped = d.clone();
        stripped[0x20..0x24].fill(0);
        assert_eq!(search_ranges(&stripped), vec![0..0x1000]);
        // table past the end of the file
        let mut truncated = d.clone();
        truncated.truncate(0xff0);
        assert_eq!(search_ranges(&truncated), vec![0..0xff0]);
        // an entry size too small for the class
        let mut small = d.clone();
        small[0x2e] = 8;
        assert_eq!(search_ranges(&small), vec![0..0x1000]);
        // no executable section: nothing to skip
        let data_only = elf(false, false, &[RODATA, DATA], 0x1000);
        assert_eq!(search_ranges(&data_only), vec![0..0x1000]);
        // not ELF, or an unknown class
        assert_eq!(search_ranges(b"\x7fELF"), vec![0..4]);
        let mut odd = d;
        odd[4] = 9;
        assert_eq!(search_ranges(&odd), vec![0..0x1000]);
    }

    #[test]
    fn sections_past_the_end_are_clamped_and_overlaps_merged() {
        let secs = [TEXT, (1, 0x2, 0x400, 0x80), (1, 0x2, 0x440, 0x80), (1, 0x2, 0xf00, u64::MAX - 1)];
        let d = elf(true, false, &secs, 0x1000);
        assert_eq!(search_ranges(&d), vec![0x400..0x4c0, 0xf00..0x1000]);
    }
}
