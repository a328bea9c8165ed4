//! `fwassure evidence init [-o FILE]`: write a commented vendor evidence template.

use std::path::PathBuf;

/// Arguments of `evidence`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// Evidence-file actions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Write a commented evidence-file template.
    Init {
        /// Write to this file instead of stdout (an existing file is not overwritten).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// Run `evidence`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    match a.action {
        Action::Init { output } => {
            if let Some(p) = &output {
                if p.exists() {
                    anyhow::bail!("{} exists: not overwriting it", p.display());
                }
            }
            super::emit(fwassure_standards::EVIDENCE_TEMPLATE, output.as_deref())?;
            Ok(0)
        }
    }
}
