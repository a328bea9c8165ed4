//! FIT fixtures built by `mkimage -f` (u-boot-tools, which needs dtc from device-tree-compiler): embedded
//! data, external data (`-E`, data-offset) and data at a static position (`-E -p`), gzip, lzma and bzip2
//! images; plain DTBs are not claimed; hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_unpack::formats::fit::Fit;
use fwassure_unpack::{unpack, Budget, Ctx, Format, Limits, Output};
use std::io::Write;
use std::process::Command;

fn kernel() -> Vec<u8> {
    b"ARM Linux kernel image payload ".repeat(300)
}
fn ramdisk() -> Vec<u8> {
    let mut rng = XorShift(7);
    let mut v = b"ramdisk ".repeat(100);
    v.extend_from_slice(&rng.bytes(5000));
    v
}
fn rootfs() -> Vec<u8> {
    b"root file system bytes\n".repeat(400)
}

fn build(extra: &[&str]) -> Vec<u8> {
    require_tool("mkimage", "u-boot-tools");
    require_tool("dtc", "device-tree-compiler");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&kernel()).unwrap();
    std::fs::write(d.join("kernel.gz"), gz.finish().unwrap()).unwrap();
    let mut lz = Vec::new();
    {
        let opts = lzma_rust2::LzmaOptions::with_preset(6);
        let mut w = lzma_rust2::LzmaWriter::new_use_header(&mut lz, &opts, Some(ramdisk().len() as u64)).unwrap();
        w.write_all(&ramdisk()).unwrap();
        w.finish().unwrap();
    }
    std::fs::write(d.join("rd.lzma"), lz).unwrap();
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(&rootfs()).unwrap();
    std::fs::write(d.join("rootfs.bz2"), bz.finish().unwrap()).unwrap();
    std::fs::write(d.join("board.bin"), b"opaque board blob").unwrap();
    std::fs::write(
        d.join("image.its"),
        r#"/dts-v1/;
/ {
    description = "fixture";
    #address-cells = <1>;
    images {
        kernel-1 {
            data = /incbin/("kernel.gz");
            type = "kernel"; arch = "arm"; os = "linux"; compression = "gzip";
            load = <0x80008000>; entry = <0x80008000>;
            hash-1 { algo = "crc32"; };
        };
        ramdisk-1 {
            data = /incbin/("rd.lzma");
            type = "ramdisk"; arch = "arm"; os = "linux"; compression = "lzma";
        };
        rootfs-1 {
            data = /incbin/("rootfs.bz2");
            type = "filesystem"; arch = "arm"; os = "linux"; compression = "bzip2";
        };
        fdt-1 {
            data = /incbin/("board.bin");
            type = "flat_dt"; arch = "arm"; compression = "none";
        };
    };
    configurations {
        default = "conf-1";
        conf-1 { kernel = "kernel-1"; ramdisk = "ramdisk-1"; fdt = "fdt-1"; };
    };
};
"#,
    )
    .unwrap();
    run(Command::new("mkimage").current_dir(d).args(extra).args(["-f", "image.its", "out.itb"]));
    std::fs::read(d.join("out.itb")).unwrap()
}

fn check(img: &[u8]) {
    let b = Budget::new(Limits::default());
    let mut ctx = Ctx::new(&b);
    let id = Fit.identify(img).expect("a FIT");
    // mkimage pads the file to 4 bytes after the last external image
    let size = id.size.unwrap() as usize;
    assert!(size <= img.len() && img.len() - size < 4, "extent {size} does not cover external data ({})", img.len());
    let Output::Streams(s) = Fit.extract(&Bytes::copy_from_slice(img), &mut ctx).unwrap().output else { panic!() };
    let problems = ctx.take_problems();
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["kernel-1", "ramdisk-1", "rootfs-1", "fdt-1"]);
    assert_eq!(&s[0].data[..], &kernel()[..]);
    assert_eq!(&s[1].data[..], &ramdisk()[..]);
    assert_eq!(&s[2].data[..], &rootfs()[..]);
    assert_eq!(&s[3].data[..], b"opaque board blob");
    // through the engine, carved after other data
    let mut blob = b"vendor header ".repeat(20);
    blob.extend_from_slice(img);
    let vfs = unpack(Bytes::from(blob));
    let l = vfs.layers.iter().find(|l| l.format == "fit").expect("fit layer");
    assert_eq!(l.offset, 280);
    assert!(vfs.layers.iter().filter(|x| x.parent.as_deref() == Some(l.id.as_str())).count() >= 4);
}

#[test]
fn embedded_data() {
    check(&build(&[]));
}

#[test]
fn external_data_offset() {
    let img = build(&["-E"]);
    check(&img);
}

#[test]
fn external_data_position() {
    let img = build(&["-E", "-p", "0x1000"]);
    check(&img);
}

#[test]
fn plain_dtb_is_not_a_fit() {
    require_tool("dtc", "device-tree-compiler");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("b.dts"),
        "/dts-v1/;\n/ { model = \"board\"; chosen { bootargs = \"console=ttyS0\"; }; };\n",
    )
    .unwrap();
    run(Command::new("dtc").current_dir(tmp.path()).args(["-I", "dts", "-O", "dtb", "-o", "b.dtb", "b.dts"]));
    let dtb = std::fs::read(tmp.path().join("b.dtb")).unwrap();
    assert!(Fit.identify(&dtb).is_none());
    let vfs = unpack(Bytes::from(dtb));
    assert!(vfs.layers.iter().all(|l| l.format != "fit"));
}

#[test]
fn self_referencing_and_traversal_names() {
    // an /images child named "../../x" whose data-position points back at the FIT header itself
    let mut img = build(&["-E"]);
    let name = b"kernel-1";
    let at = img.windows(name.len()).position(|w| w == name).unwrap();
    img[at..at + 8].copy_from_slice(b"../../xy");
    let b = Budget::new(Limits::default());
    let mut ctx = Ctx::new(&b);
    let Output::Streams(s) = Fit.extract(&Bytes::from(img.clone()), &mut ctx).unwrap().output else { panic!() };
    assert_eq!(s[0].name, "../../xy");
    // the engine never writes stream names as paths; the tree of a nested layer stays rooted
    let vfs = unpack(Bytes::from(img));
    assert!(vfs.layers.iter().any(|l| l.format == "fit"));
}

#[test]
fn hostile_images() {
    hostile(&build(&[]), "fit");
    hostile(&build(&["-E"]), "fit");
}
