//! One module per format, and the registry that lists them.
//!
//! Order matters only for candidates at the same offset: the first format that extracts wins.

use crate::format::Format;

pub mod android_sparse;
pub mod ar;
pub mod arcadyan;
pub mod buffalo;
pub mod bzip2;
pub mod chk;
pub mod cpio;
pub mod cramfs;
pub mod cvimg;
pub mod dji;
pub mod dlink_enc;
pub mod esp;
pub mod ext;
pub mod fit;
pub mod gzip;
pub mod jffs2;
pub mod lz4;
pub mod lzma;
pub mod mcuboot;
pub mod ole;
pub mod programstore;
pub mod rar;
pub mod romfs;
pub mod ros;
pub mod seama;
pub mod sevenzip;
pub mod squashfs;
pub mod squashfs_legacy;
pub mod stream;
pub mod tar;
pub mod tplink;
pub mod trx;
pub mod ubi;
pub mod ubifs;
pub mod ubnt;
pub mod uimage;
pub mod vendor;
pub mod wrgg;
pub mod xz;
pub mod yaffs2;
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
    &android_sparse::AndroidSparse,
    &ros::Ros,
    &tplink::TpLink,
    &seama::Seama,
    &wrgg::Wrgg,
    &arcadyan::Arcadyan,
    &chk::Chk,
    &cvimg::Cvimg,
    &ubnt::Ubnt,
    &dlink_enc::DlinkEncrypted,
    &dji::Dji,
    &buffalo::Buffalo,
    &squashfs::Squashfs,
    &squashfs_legacy::SquashfsLegacy,
    &ext::Ext,
    &jffs2::Jffs2,
    &cramfs::Cramfs,
    &romfs::Romfs,
    &cpio::Cpio,
    &tar::Tar,
    &ar::Ar,
    &ole::Ole,
    &zip::Zip,
    &sevenzip::SevenZip,
    &rar::Rar,
    &ubi::Ubi,
    &ubifs::Ubifs,
    &yaffs2::Yaffs2,
    &gzip::Gzip,
    &xz::Xz,
    &lzma::Lzma,
    &zstd::Zstd,
    &lz4::Lz4,
    &bzip2::Bzip2,
];
