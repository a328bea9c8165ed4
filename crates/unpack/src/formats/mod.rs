//! One module per format, and the registry that lists them.
//!
//! Order matters only for candidates at the same offset: the first format that extracts wins.

use crate::format::Format;

pub mod bzip2;
pub mod cpio;
pub mod cramfs;
pub mod esp;
pub mod ext;
pub mod fit;
pub mod gzip;
pub mod jffs2;
pub mod lz4;
pub mod lzma;
pub mod mcuboot;
pub mod programstore;
pub mod romfs;
pub mod squashfs;
pub mod squashfs_legacy;
pub mod stream;
pub mod tar;
pub mod trx;
pub mod ubi;
pub mod ubifs;
pub mod uimage;
pub mod xz;
pub mod zigbee_ota;
pub mod zip;
pub mod zstd;

/// Every supported format.
pub static REGISTRY: &[&dyn Format] = &[
    &uimage::UImage,
    &fit::Fit,
    &trx::Trx,
    &programstore::ProgramStore,
    &zigbee_ota::ZigbeeOta,
    &zigbee_ota::IkeaNgis,
    &esp::Esp,
    &mcuboot::McuBoot,
    &squashfs::Squashfs,
    &squashfs_legacy::SquashfsLegacy,
    &ext::Ext,
    &jffs2::Jffs2,
    &cramfs::Cramfs,
    &romfs::Romfs,
    &cpio::Cpio,
    &tar::Tar,
    &zip::Zip,
    &ubi::Ubi,
    &ubifs::Ubifs,
    &gzip::Gzip,
    &xz::Xz,
    &lzma::Lzma,
    &zstd::Zstd,
    &lz4::Lz4,
    &bzip2::Bzip2,
];
