//! Bytes of a layer that no format claimed: every byte of an image is either unpacked or said to be left.
//!
//! A container layer (the image, a decompressed stream, a partition) is carved into regions that formats
//! recognise; what lies between them is an [`Unclaimed`] region with a [`ByteClass`] telling what kind of
//! bytes it holds. Padding is expected between partitions; a large high-entropy region that nothing claimed
//! is either encrypted or a format fwassure does not read, and the report says so.

use serde::{Deserialize, Serialize};

/// What kind of bytes an unclaimed region holds, from its byte histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ByteClass {
    /// Only 0x00 and 0xFF bytes: erased flash or alignment padding.
    Padding,
    /// Printable text (ASCII, tabs and line ends) for the most part.
    Text,
    /// Structured binary data (code, tables): entropy below 7.2 bits per byte.
    LowEntropy,
    /// Entropy of 7.2 bits per byte or more: compressed or encrypted data.
    HighEntropy,
}

impl ByteClass {
    /// Lowercase name as the report writes it (`padding`, `text`, `low-entropy`, `high-entropy`).
    pub fn as_str(self) -> &'static str {
        match self {
            ByteClass::Padding => "padding",
            ByteClass::Text => "text",
            ByteClass::LowEntropy => "low-entropy",
            ByteClass::HighEntropy => "high-entropy",
        }
    }
}

/// A region of a layer's bytes that no format claimed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unclaimed {
    /// Offset inside the layer's bytes.
    pub offset: u64,
    /// Length in bytes.
    pub size: u64,
    /// What the bytes look like.
    pub class: ByteClass,
    /// Shannon entropy in bits per byte (0–8), rounded to two decimals.
    pub entropy: f64,
}
