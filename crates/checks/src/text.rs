//! Text helpers shared by the checks: text detection, active (uncommented) lines, printable strings.

use bytes::Bytes;
use fwassure_model::{FileData, Node, NodeKind, Tree};

/// Largest file the text-oriented checks read (bigger files are skipped).
pub const MAX_TEXT: usize = 4 << 20;

/// True when `data` looks like a text file: no NUL byte and mostly printable in its first 8 KiB.
pub fn is_text(data: &[u8]) -> bool {
    if data.is_empty() || data.len() > MAX_TEXT {
        return false;
    }
    let head = &data[..data.len().min(8192)];
    if head.contains(&0) {
        return false;
    }
    let printable = head
        .iter()
        .filter(|&&b| b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b) || b >= 0x80)
        .count();
    printable * 100 >= head.len() * 95
}

/// A file's content when it looks like text ([`is_text`]). A binary is told from the first bytes a
/// read-on-demand file keeps, or from its size, without reading it whole.
pub fn text_data(data: &FileData) -> Option<Bytes> {
    if data.is_empty() || data.len() > MAX_TEXT as u64 {
        return None;
    }
    if data.head(FileData::HEAD).is_ok_and(|h| h.contains(&0)) {
        return None;
    }
    let d = data.read_lossy();
    is_text(&d).then_some(d)
}

/// The file at `path` of `tree` (links followed inside the tree) as text, when it looks like text.
pub fn read_text(tree: &Tree, path: &str) -> Option<String> {
    match tree.resolve(path) {
        Some((_, Node { kind: NodeKind::File(data), .. })) => {
            text_data(data).map(|d| String::from_utf8_lossy(&d).into_owned())
        }
        _ => None,
    }
}

/// True for an ELF file.
pub fn is_elf(data: &[u8]) -> bool {
    data.starts_with(b"\x7fELF")
}

/// Lines with their 1-based numbers, `#` comments removed (a `#` at the start or after whitespace), trimmed;
/// empty lines are skipped.
pub fn active_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = strip_comment(l).trim();
        (!l.is_empty()).then_some((i + 1, l))
    })
}

/// Remove a shell-style comment: `#` at the start of the line or after whitespace, outside quotes.
pub fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    let (mut sq, mut dq) = (false, false);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' if !dq => sq = !sq,
            b'"' if !sq => dq = !dq,
            b'#' if !sq && !dq && (i == 0 || b[i - 1].is_ascii_whitespace()) => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Bytes `strings` keeps: printable ASCII and tab.
static PRINTABLE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0x20;
    while i < 0x7f {
        t[i] = true;
        i += 1;
    }
    t[b'\t' as usize] = true;
    t
};

/// Printable ASCII runs of at least `min` bytes, with their offsets (like `strings`).
pub fn strings(data: &[u8], min: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        while i < data.len() && !PRINTABLE[data[i] as usize] {
            i += 1;
        }
        let start = i;
        while i < data.len() && PRINTABLE[data[i] as usize] {
            i += 1;
        }
        if i - start >= min.max(1) {
            // printable ASCII is always UTF-8
            if let Ok(t) = std::str::from_utf8(&data[start..i]) {
                out.push((start, t));
            }
        }
    }
    out
}

/// Split a shell command line into words (quotes removed, no expansion); stops at an unquoted `#`.
pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let (mut sq, mut dq) = (false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if !dq => {
                sq = !sq;
                in_word = true;
            }
            '"' if !sq => {
                dq = !dq;
                in_word = true;
            }
            '\\' if !sq => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                    in_word = true;
                }
            }
            c if c.is_whitespace() && !sq && !dq => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '#' if !sq && !dq && !in_word => break,
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// The last path component of a word (`/usr/sbin/telnetd` → `telnetd`).
pub fn basename(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

/// Redact a secret for evidence: a short prefix and the length, never the whole value.
pub fn redact(secret: &str, keep: usize) -> String {
    let n = secret.chars().count();
    let keep = keep.min(n / 3);
    let prefix: String = secret.chars().take(keep).collect();
    format!("{prefix}… ({n} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwassure_model::{FileSource, ReadError};
    use std::sync::Arc;

    /// A source whose files must never be read (only their kept heads may be used).
    #[derive(Debug)]
    struct Unreadable;
    impl FileSource for Unreadable {
        fn read(&self, _key: u64, _len: u64) -> Result<Bytes, ReadError> {
            panic!("a binary must be told from its kept head");
        }
    }

    #[test]
    fn binaries_are_told_from_the_kept_head() {
        // formats keep the first FileData::HEAD bytes of a file read on demand
        let mut head = b"\x7fELF\x02\x01\x01\0".to_vec();
        head.resize(FileData::HEAD, 0);
        let elf = FileData::lazy(Arc::new(Unreadable), 0, 1 << 20, Bytes::from(head));
        assert_eq!(text_data(&elf), None);
        let huge = FileData::lazy(Arc::new(Unreadable), 0, MAX_TEXT as u64 + 1, Bytes::from_static(b"text"));
        assert_eq!(text_data(&huge), None);
        let text = FileData::from(&b"root::0:0::/root:/bin/sh\n"[..]);
        assert_eq!(text_data(&text).as_deref(), Some(&b"root::0:0::/root:/bin/sh\n"[..]));
        let mut t = Tree::new();
        t.insert("/etc/passwd", Node::file(&b"root:x:0:0::/root:/bin/sh\n"[..])).unwrap();
        t.insert("/etc/link", Node::symlink("passwd")).unwrap();
        t.insert("/bin/busybox", Node::new(NodeKind::File(elf), 0o755)).unwrap();
        assert_eq!(read_text(&t, "/etc/link").as_deref(), Some("root:x:0:0::/root:/bin/sh\n"));
        assert_eq!(read_text(&t, "/bin/busybox"), None);
        assert_eq!(read_text(&t, "/missing"), None);
    }

    /// The plain definition `strings` follows, byte by byte.
    fn strings_reference(data: &[u8], min: usize) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut start = None;
        for i in 0..=data.len() {
            let p = data.get(i).is_some_and(|&b| (0x20..0x7f).contains(&b) || b == b'\t');
            match (p, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if i - s >= min {
                        out.push((s, String::from_utf8(data[s..i].to_vec()).unwrap()));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn strings_matches_its_definition() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 7, 8, 9, 100, 4096] {
            let data: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // mostly printable, with runs broken by control and high bytes
                    [b'a', b'Z', b'0', b' ', b'\t', 0, 0x7f, 0xc3, b'=', b'\n'][(x % 10) as usize]
                })
                .collect();
            for min in [1, 4, 8] {
                let ours: Vec<(usize, String)> =
                    strings(&data, min).into_iter().map(|(o, s)| (o, s.to_string())).collect();
                assert_eq!(ours, strings_reference(&data, min), "len {len} min {min}");
            }
        }
        assert_eq!(strings(b"\0\0hello world\x01ab\xffpassword=x", 4), vec![(2, "hello world"), (17, "password=x")]);
    }

    #[test]
    fn comments_and_words() {
        assert_eq!(strip_comment("a # b"), "a ");
        assert_eq!(strip_comment("a 'x # y' # z"), "a 'x # y' ");
        assert_eq!(strip_comment("url=http://x/#frag"), "url=http://x/#frag");
        let l: Vec<_> = active_lines("# c\n\n x \n#y\nz # w").collect();
        assert_eq!(l, vec![(3, "x"), (5, "z")]);
        assert_eq!(shell_words(r#"telnetd -l "/bin/sh" -p 23 # x"#), vec!["telnetd", "-l", "/bin/sh", "-p", "23"]);
    }

    #[test]
    fn strings_and_redaction() {
        let s = strings(b"\x00\x01hello world\x00ab\x00", 4);
        assert_eq!(s, vec![(2, "hello world")]);
        let r = redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789", 6);
        assert!(r.starts_with("ghp_ab…") && !r.contains("xyz"));
        assert!(is_text(b"a=b\n") && !is_text(b"\x7fELF\x00"));
    }
}
