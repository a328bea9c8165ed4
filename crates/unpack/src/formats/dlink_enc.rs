//! D-Link encrypted firmware containers: `SHRS` and `encrpted_img` ("encimg"). They are recognised and
//! named, and the layer says they are encrypted; their contents are not decrypted.
//!
//! Vendors: D-Link routers of the DIR-8xx/DIR-1xxx/COVR generations (Realtek and MediaTek SDKs) from about
//! 2018 on.
//! References: public write-ups of D-Link's firmware encryption and the unblob / binwalk v3 documentation
//! of their D-Link handlers; read for the layout only.
//!
//! - `SHRS`: `"SHRS" data_len:u32 data_len_unpadded:u32 iv[16]`, SHA-512 digests of the encrypted and of
//!   the decrypted image, then, from offset 0x6dc, the AES-128-CBC encrypted image (`data_len` bytes).
//!   The key is a fixed one that has been published, but decrypting needs an AES implementation that this
//!   crate does not carry, so the image is reported, not unpacked.
//! - `encrpted_img`: the 12-byte magic, `size:u32` (big-endian), then the encrypted image; the key is
//!   model-specific (kept on the device), so there is nothing to decrypt with.
//!
//! Both give one stream, `encrypted`, the image as stored; the layer has `encrypted` and `signature`
//! attributes and a problem "… encrypted (scheme); contents not unpacked", so the miss is never silent.

use bytes::Bytes;

use crate::format::read::be32;
use crate::format::{Ctx, Extracted, Format, FormatError, Identified, Magic};
use crate::formats::vendor::{hex, part};

/// The D-Link encrypted containers.
pub struct DlinkEncrypted;

/// Offset of the encrypted data in a SHRS image.
pub const SHRS_DATA: usize = 0x6dc;
const ENCIMG: &[u8; 12] = b"encrpted_img";

/// Which container and its sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Header {
    /// SHRS: encrypted length, unpadded length, IV.
    Shrs {
        /// Encrypted length.
        data_len: u32,
        /// Length without padding.
        unpadded: u32,
        /// AES IV.
        iv: [u8; 16],
    },
    /// encrpted_img: the encrypted length.
    Encimg {
        /// Encrypted length.
        size: u32,
    },
}

impl Header {
    /// Parse and sanity-check the header at the start of `d`.
    pub fn parse(d: &[u8]) -> Option<Header> {
        if d.get(..4)? == b"SHRS" {
            let (data_len, unpadded) = (be32(d, 4)?, be32(d, 8)?);
            // CBC pads to whole 16-byte blocks, by at most one block
            let ok = data_len != 0 && data_len.is_multiple_of(16) && unpadded <= data_len && data_len - unpadded <= 16;
            let iv: [u8; 16] = d.get(12..28)?.try_into().ok()?;
            return ok.then_some(Header::Shrs { data_len, unpadded, iv });
        }
        if d.get(..12)? == ENCIMG {
            let size = be32(d, 12)?;
            return (size != 0).then_some(Header::Encimg { size });
        }
        None
    }
    /// Offset of the encrypted data and its length.
    pub fn data(&self) -> (u64, u64) {
        match self {
            Header::Shrs { data_len, .. } => (SHRS_DATA as u64, *data_len as u64),
            Header::Encimg { size } => (16, *size as u64),
        }
    }
}

impl Format for DlinkEncrypted {
    fn name(&self) -> &'static str {
        "dlink-encrypted"
    }
    fn magics(&self) -> &'static [Magic] {
        &[Magic { bytes: b"SHRS", offset: 0 }, Magic { bytes: ENCIMG, offset: 0 }]
    }
    fn identify(&self, d: &[u8]) -> Option<Identified> {
        let h = Header::parse(d)?;
        let (off, len) = h.data();
        let what = match h {
            Header::Shrs { .. } => "D-Link SHRS encrypted firmware",
            Header::Encimg { .. } => "D-Link encrpted_img encrypted firmware",
        };
        Some(Identified { size: Some(off + len), description: format!("{what}, {len} bytes") })
    }
    fn extract(&self, data: &Bytes, ctx: &mut Ctx) -> Result<Extracted, FormatError> {
        let h = Header::parse(data).ok_or_else(|| FormatError::Invalid("no D-Link encrypted header".into()))?;
        let (off, len) = h.data();
        let (scheme, signature, why) = match &h {
            Header::Shrs { .. } => (
                "D-Link SHRS (AES-128-CBC)",
                "sha512 digests of the encrypted and decrypted image; not verified",
                "AES decryption is not implemented",
            ),
            Header::Encimg { .. } => ("D-Link encrpted_img (AES)", "none", "the key is model-specific"),
        };
        ctx.problem(None, format!("firmware encrypted ({scheme}); contents not unpacked: {why}"));
        // the encrypted image as stored, so its bytes are in the report and the extraction
        let streams = part(data, ctx, "encrypted", off, len).into_iter().collect();
        let mut e = Extracted::streams(streams)
            .with_attribute("vendor", "D-Link")
            .with_attribute("encrypted", scheme)
            .with_attribute("signature", signature)
            .with_consumed((off + len).min(data.len() as u64).max(1));
        if let Header::Shrs { iv, unpadded, .. } = &h {
            e = e.with_description(format!("D-Link SHRS encrypted firmware, {unpadded} bytes, IV {}", hex(iv)));
        }
        Ok(e)
    }
}
