//! One module per subcommand.

pub mod assess;
pub mod db;
pub mod diff;
pub mod evidence;
pub mod extract;
pub mod fleet;
pub mod gate;
pub mod ls;
pub mod sbom;
pub mod scan;
pub mod serve;
pub mod worker;

use std::path::Path;

/// Write `text` to `out` (a file) or to stdout.
pub fn emit(text: &str, out: Option<&Path>) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    match out {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display())),
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(text.as_bytes())?;
            so.flush()?;
            Ok(())
        }
    }
}
