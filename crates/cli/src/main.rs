//! `fwassure`: firmware security evidence, from image to verdict per requirement.
//!
//! One file per subcommand under `cmd/`; this file only lists them.
#![forbid(unsafe_code)]

mod cmd;
mod pack;
mod progress;

use clap::{Parser, Subcommand};

/// Turn an IoT firmware image into security evidence: SBOM, weaknesses, vulnerabilities and verdicts per
/// requirement of the IoTSF Assurance Framework, ETSI EN 303 645, UK PSTI, EU CRA and NISTIR 8259A.
#[derive(Parser)]
#[command(name = "fwassure", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan an image and print the report (json is the stable `fwassure.report/v1` contract).
    Scan(cmd::scan::Args),
    /// Write the SBOM of an image (CycloneDX 1.6 or SPDX 2.3 JSON).
    Sbom(cmd::sbom::Args),
    /// Manage the local vulnerability store: import NVD 2.0 / OSV feeds, show status, update over HTTP(S).
    Db(cmd::db::Args),
    /// Unpack every layer of an image into a folder, safely.
    Extract(cmd::extract::Args),
    /// List files across layers, like `ls -l`.
    Ls(cmd::ls::Args),
    /// Assess an image against security standards: a verdict per requirement (exit 1 on any fail).
    Assess(cmd::assess::Args),
    /// What changed between two firmware versions (images or JSON reports): components, vulnerabilities,
    /// findings, verdicts, files; `--fail-on new-critical|verdict-regression` for CI.
    Diff(cmd::diff::Args),
    /// Vendor evidence file: `evidence init` writes a commented template.
    Evidence(cmd::evidence::Args),
    /// Fleets of images: `fleet scan DIR|LIST` into a results store (SQLite or PostgreSQL), `fleet report`
    /// (shared secrets, prevalence, worst images, verdict matrix), `fleet diff VENDOR/PRODUCT` (releases).
    Fleet(cmd::fleet::Args),
    /// Take images from a queue in the PostgreSQL store and scan them into it (any number of machines).
    Worker(cmd::worker::Args),
    /// The worker queue: `queue submit DIR|LIST…` queues images, `queue status` counts the jobs.
    Queue(cmd::worker::QueueCommand),
    /// A web app and REST API for labs over the results store: upload or import images, watch the scans,
    /// browse reports, compare images, fleet views.
    Serve(cmd::serve::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(a) => cmd::scan::run(a),
        Command::Sbom(a) => cmd::sbom::run(a),
        Command::Db(a) => cmd::db::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ls(a) => cmd::ls::run(a),
        Command::Assess(a) => cmd::assess::run(a),
        Command::Evidence(a) => cmd::evidence::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::Fleet(a) => cmd::fleet::run(a),
        Command::Worker(a) => cmd::worker::run(a),
        Command::Queue(a) => cmd::worker::run_queue(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("fwassure: error: {e:#}");
            std::process::exit(2);
        }
    }
}
