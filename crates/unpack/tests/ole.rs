//! OLE2 compound file fixtures: a compound file written by the `cfb` crate's writer (storages, a large
//! stream in FAT sectors, small ones in the mini stream), found inside a tar as a web UI's `Thumbs.db`, the
//! real `Thumbs.db` of a TP-Link web UI when `../shared/realfw/` is there, and the hostile variants.

use crate::common;

use bytes::Bytes;
use common::*;
use fwassure_unpack::unpack;
use std::io::{Cursor, Write};

fn compound_file() -> Vec<u8> {
    let mut c = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    c.create_stream("/Catalog").unwrap().write_all(b"\x10\x00\x07\x00\x01\x00\x00\x00\x60\x00\x60\x00").unwrap();
    c.create_storage("/pics/").unwrap();
    c.create_stream("/pics/1").unwrap().write_all(&numbered_lines(2000)).unwrap();
    c.create_stream("/pics/2").unwrap().write_all(b"small").unwrap();
    c.flush().unwrap();
    c.into_inner().into_inner()
}

#[test]
fn a_thumbs_db_inside_an_archive_is_unpacked() {
    let tar = tar_with("web/images/Thumbs.db", &compound_file());
    let vfs = unpack(Bytes::from(tar));
    let t = tree_of(&vfs, "ole");
    assert_eq!(t.read("/Catalog").unwrap().len(), 12);
    assert_eq!(t.read("/pics/1").as_deref(), Some(&numbered_lines(2000)[..]));
    assert_eq!(t.read("/pics/2").as_deref(), Some(&b"small"[..]));
    let ole = vfs.layers.iter().find(|l| l.format == "ole").unwrap();
    assert_eq!(ole.source_path.as_deref(), Some("/web/images/Thumbs.db"));
    assert!(read_problems(&vfs).is_empty(), "{:?}", read_problems(&vfs));
}

#[test]
fn hostile_compound_files() {
    hostile(&compound_file(), "ole");
}

/// The `Thumbs.db` a TP-Link WR940N v4 web UI ships (`/web/images/`): its `Catalog` stream, as the peer
/// extracts it too.
#[test]
fn real_thumbs_db_from_a_router_web_ui() {
    let img = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/realfw/images/tplink_wr940nv4_us_160617.bin");
    let Ok(data) = std::fs::read(&img) else {
        eprintln!("{} not here: skipped", img.display());
        return;
    };
    let vfs = unpack(Bytes::from(data));
    let ole: Vec<_> = vfs.layers.iter().filter(|l| l.format == "ole").collect();
    assert_eq!(ole.len(), 1, "one Thumbs.db");
    assert!(ole[0].source_path.as_deref().is_some_and(|p| p.ends_with("/Thumbs.db")));
    let t = ole[0].tree.as_ref().unwrap();
    let catalog = t.read("/Catalog").unwrap();
    assert_eq!(catalog.len(), 16);
}
