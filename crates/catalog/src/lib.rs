//! Stage 2: the software catalog. Identifies components from binaries and package databases.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use fwassure_model::{Component, Vfs};

/// Identify every component in the unpacked image. Pure: same VFS, same sorted output.
pub fn catalog(vfs: &Vfs) -> Vec<Component> {
    let _ = vfs;
    Vec::new()
}
