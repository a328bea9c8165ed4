//! `fwassure extract IMAGE -o DIR`: every layer's tree (or raw data) under DIR, one folder per layer.

use std::path::PathBuf;

use fwassure_unpack::sink::Sink;

use crate::pipeline::{self, ScanOptions};
use crate::progress::Spinner;

/// Arguments of `extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The firmware image.
    pub image: PathBuf,
    /// Output folder (created; nothing is written outside it).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The one layer decoded from a compressed stream `l` (a gzip, xz, lzma … layer's payload), when it was
/// read as a format of its own rather than kept as a `data` layer.
fn decoded_stream<'a>(vfs: &'a fwassure_model::Vfs, l: &fwassure_model::Layer) -> Option<&'a fwassure_model::Layer> {
    const STREAMS: [&str; 6] = ["gzip", "xz", "lzma", "bzip2", "zstd", "lz4"];
    if !STREAMS.contains(&l.format.as_str()) {
        return None;
    }
    let mut children = vfs.layers.iter().filter(|c| c.parent.as_deref() == Some(l.id.as_str()));
    match (children.next(), children.next()) {
        (Some(c), None) if c.offset == 0 && c.source_path.is_none() && c.format != "data" => Some(c),
        _ => None,
    }
}

/// Run `extract`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let (_, vfs) = {
        let _s = Spinner::start("unpacking");
        pipeline::unpack(&a.image, &ScanOptions::default())?
    };
    let sink = Sink::new(&a.output)?;
    let mut skipped = 0usize;
    for l in &vfs.layers {
        let folder = format!("{}-{}", l.id, l.format);
        match &l.tree {
            Some(t) => {
                let rep = sink.write_tree(&folder, t)?;
                println!("{folder}: {} files, {} dirs, {} symlinks", rep.files, rep.dirs, rep.symlinks);
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
                } else if let Some(child) = decoded_stream(&vfs, l) {
                    // a compressed stream whose content is itself a format (a .tar.bz2, a gzip'd cpio):
                    // the decoded stream is written too, as `tar xjf` would leave the .tar
                    sink.write_blob(&folder, "decompressed.bin", &child.data)?;
                    println!("{folder}: {} bytes decompressed", child.data.len());
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
