//! `fwassure extract IMAGE -o DIR`: every layer's tree (or raw data) under DIR, one folder per layer.

use std::path::PathBuf;

use fwassure_unpack::sink::Sink;

use crate::progress::Spinner;
use fwassure_pipeline::{self as pipeline, ScanOptions};

/// Arguments of `extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The firmware image.
    pub image: PathBuf,
    /// Output folder (created; nothing is written outside it).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The payloads of a container or compressed stream `l` (a gzip's decoded bytes, a UBI volume, a TP-Link
/// image's rootfs) that were read as a format of their own, with the file name to write each under. A
/// payload kept as a `data` layer is written in its own folder instead.
fn payloads<'a>(vfs: &'a fwassure_model::Vfs, l: &fwassure_model::Layer) -> Vec<(String, &'a fwassure_model::Layer)> {
    if l.tree.is_some() || l.format == "raw" || l.format == "data" {
        return Vec::new();
    }
    vfs.layers
        .iter()
        .filter(|c| c.parent.as_deref() == Some(l.id.as_str()) && c.format != "data" && !c.data.is_empty())
        .map(|c| {
            let name = match c.source_path.as_deref() {
                Some(p) => format!("{}.{}", p.trim_start_matches('/').replace('/', "_"), c.format),
                None => format!("decompressed.{}", c.format),
            };
            (name, c)
        })
        .collect()
}

/// Run `extract`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let (_, vfs) = {
        let _s = Spinner::start("unpacking");
        pipeline::unpack_keeping_data(&a.image, &ScanOptions::default())?
    };
    let sink = Sink::new(&a.output)?;
    let mut skipped = 0usize;
    for l in &vfs.layers {
        let folder = format!("{}-{}", l.id, l.format);
        match &l.tree {
            Some(t) => {
                let rep = sink.write_tree(&folder, t)?;
                let specials = match rep.specials {
                    0 => String::new(),
                    n => format!(", {n} devices/fifos/sockets as empty files"),
                };
                println!("{folder}: {} files, {} dirs, {} symlinks{specials}", rep.files, rep.dirs, rep.symlinks);
                for s in &rep.skipped {
                    println!("  skipped {s}");
                }
                skipped += rep.skipped.len();
            }
            None => {
                // a payload (a decompressed stream, a container's part) is written even when formats were
                // found inside it: it is the decoded kernel or partition a reviewer loads into a disassembler
                if l.format == "data" || !vfs.has_children(&l.id) {
                    sink.write_blob(&folder, "data.bin", &l.data)?;
                    println!("{folder}: {} bytes of data", l.data.len());
                } else {
                    // a container's payloads or a stream's decoded bytes that are a format of their own (a
                    // .tar.bz2's tar, a UBI volume, a kernel's rootfs): written too, as the tools that split
                    // images leave them, for a reviewer to load or re-flash
                    for (name, child) in payloads(&vfs, l) {
                        sink.write_blob(&folder, &name, &child.data)?;
                        println!("{folder}/{name}: {} bytes", child.data.len());
                    }
                }
            }
        }
    }
    for p in vfs.all_problems() {
        println!(
            "problem: {}{} {}",
            p.layer.as_deref().unwrap_or("-"),
            p.path.as_deref().map(|x| format!(":{x}")).unwrap_or_default(),
            p.message
        );
    }
    println!("extracted {} layers into {} ({} entries skipped)", vfs.layers.len(), sink.root().display(), skipped);
    Ok(0)
}
