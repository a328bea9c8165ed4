//! `fwassure ls IMAGE [PATH]`: files with layer, mode, owner, size and link target.

use std::path::PathBuf;

use fwassure_model::NodeKind;

use fwassure_pipeline::{self as pipeline, ScanOptions};

/// Arguments of `ls`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The firmware image.
    pub image: PathBuf,
    /// Only entries at or under this path (in every layer).
    pub path: Option<String>,
}

/// Run `ls`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    let (_, vfs) = pipeline::unpack(&a.image, &ScanOptions::default())?;
    let filter = a.path.map(|p| fwassure_model::vfs::normalize_path(&p).0);
    let mut out = String::new();
    for l in vfs.filesystems() {
        let Some(t) = &l.tree else { continue };
        for (path, n) in t.iter() {
            if let Some(f) = &filter {
                if f != "/" && path != f && !path.starts_with(&format!("{f}/")) {
                    continue;
                }
            }
            let size = match &n.kind {
                NodeKind::CharDevice { major, minor } | NodeKind::BlockDevice { major, minor } => {
                    format!("{major},{minor}")
                }
                _ => n.size().to_string(),
            };
            let link = match &n.kind {
                NodeKind::Symlink(t) => format!(" -> {t}"),
                NodeKind::HardLink(t) => format!(" => {t}"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "{:<4} {} {:>5} {:>5} {:>10} {}{}\n",
                l.id,
                n.mode_string(),
                n.uid,
                n.gid,
                size,
                path,
                link
            ));
        }
    }
    super::emit(&out, None)?;
    Ok(0)
}
