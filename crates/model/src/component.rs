//! Components: the software found inside an image, with the evidence for each.

use serde::{Deserialize, Serialize};

/// Where a component's identification came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentSource {
    /// A version string found in a binary (ELF, kernel image, library).
    Binary,
    /// A package database (opkg, dpkg, apk …).
    PackageDb,
    /// Distribution metadata (`/etc/os-release`, `/etc/openwrt_release`, build manifests).
    OsRelease,
    /// A file in a web root or script directory (e.g. jquery.min.js).
    File,
}

/// How sure the identification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Weak signal (e.g. a file name only).
    Low,
    /// One strong signal.
    Medium,
    /// A version string guarded by product-specific context, or a package database entry.
    High,
}

/// One piece of evidence for a component.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Layer id.
    pub layer: String,
    /// Absolute path inside the layer (empty for a raw payload layer).
    pub path: String,
    /// Byte offset of the match inside the file, when it came from file content.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub offset: Option<u64>,
    /// The matched text (printable, truncated).
    pub text: String,
    /// Which classifier or database produced it.
    pub method: String,
    /// sha256 of the evidence file, lowercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
    /// sha1 of the evidence file, lowercase hex (SPDX 2.3 requires it on every file it lists).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha1: Option<String>,
    /// sha512 of the evidence file, lowercase hex (BSI TR-03183-2 asks for the deployable file's SHA-512).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha512: Option<String>,
    /// What the evidence file is, from its first bytes.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file_kind: Option<FileKind>,
}

/// What a file is, from its first bytes (the executable and archive properties of BSI TR-03183-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A program: ELF, PE, Mach-O, or a script with a `#!` line.
    Executable,
    /// An archive, a compressed stream or a filesystem image (its contents can be listed).
    Archive,
    /// Anything else (text, configuration, a package database, a raw payload).
    Data,
}

impl FileKind {
    /// The kind of a file that starts with `head` (at least its first 8 bytes when it has them).
    pub fn of(head: &[u8]) -> FileKind {
        const EXECUTABLE: &[&[u8]] = &[
            b"\x7fELF",
            b"MZ",
            b"#!",
            b"\xfe\xed\xfa\xce",
            b"\xfe\xed\xfa\xcf",
            b"\xce\xfa\xed\xfe",
            b"\xcf\xfa\xed\xfe",
        ];
        const ARCHIVE: &[&[u8]] = &[
            b"PK\x03\x04",
            b"\x1f\x8b",
            b"\xfd7zXZ\0",
            b"BZh",
            b"7z\xbc\xaf\x27\x1c",
            b"Rar!\x1a\x07",
            b"hsqs",
            b"sqsh",
            b"070701",
            b"070702",
            b"070707",
            b"\x28\xb5\x2f\xfd",
            b"\x04\x22\x4d\x18",
            b"!<arch>\n",
        ];
        if EXECUTABLE.iter().any(|m| head.starts_with(m)) {
            FileKind::Executable
        } else if ARCHIVE.iter().any(|m| head.starts_with(m)) || head.get(257..262) == Some(b"ustar") {
            FileKind::Archive
        } else {
            FileKind::Data
        }
    }
}

/// A software component identified in the image. One per (name, version), with all its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Canonical lowercase name (`openssl`, `curl`, `linux` …).
    pub name: String,
    /// Upstream version as the product prints it (`1.1.1w`, `2022.83`, `9.2p1`).
    pub version: String,
    /// Package URL.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub purl: Option<String>,
    /// CPE 2.3 formatted string.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cpe: Option<String>,
    /// Where the identification came from (the strongest source).
    pub source: ComponentSource,
    /// How sure it is.
    pub confidence: Confidence,
    /// Distribution package version when known (`1:1.2.13.dfsg-1`, `1.1.1w-1`), used for backport notes.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub package_version: Option<String>,
    /// Licence expression when a package database states it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub license: Option<String>,
    /// Who supplies the component, when the evidence states it: a package database's `Maintainer:`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub supplier: Option<String>,
    /// All evidence, sorted.
    pub evidence: Vec<Evidence>,
}
