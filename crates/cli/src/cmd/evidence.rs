//! `fwassure evidence init [-o FILE] [--standard ID]…`: write a commented vendor evidence template.

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
        /// Add a commented skeleton of the answers and statements this standard asks the vendor for
        /// (repeatable; `--standard all` for every standard).
        #[arg(long = "standard")]
        standards: Vec<String>,
    },
}

/// Run `evidence`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    match a.action {
        Action::Init { output, standards } => {
            if let Some(p) = &output {
                if p.exists() {
                    anyhow::bail!("{} exists: not overwriting it", p.display());
                }
            }
            let ids: Vec<&str> = if standards.iter().any(|s| s == "all") {
                fwassure_standards::standard_ids()
            } else {
                standards.iter().map(String::as_str).collect()
            };
            super::emit(&fwassure_standards::evidence_template_for(&ids), output.as_deref())?;
            Ok(0)
        }
    }
}
