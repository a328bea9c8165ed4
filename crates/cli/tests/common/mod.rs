//! Helpers shared by the end-to-end tests: the binary, and a cpio image built in memory.
#![allow(dead_code)]

use std::process::Command;

/// The `fwassure` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fwassure"))
}

/// A cpio (newc) archive holding the given files (mode 0644 regular files, folders implied by paths).
pub fn cpio(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut entry = |name: &str, mode: u32, data: &[u8], ino: u32| {
        let name_z = format!("{name}\0");
        let fields = [ino, mode, 0, 0, 1, 0, data.len() as u32, 0, 0, 0, 0, name_z.len() as u32, 0];
        out.extend_from_slice(b"070701");
        for f in fields {
            out.extend_from_slice(format!("{f:08X}").as_bytes());
        }
        out.extend_from_slice(name_z.as_bytes());
        while out.len() % 4 != 0 {
            out.push(0);
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    };
    entry("etc", 0o040755, b"", 1);
    for (i, (name, data)) in files.iter().enumerate() {
        entry(name, 0o100644, data, i as u32 + 2);
    }
    entry("TRAILER!!!", 0, b"", 0);
    out
}
