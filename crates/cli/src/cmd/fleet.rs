//! `fwassure fleet scan|report|diff`: many images into the results store, and the fleet's answers out of it.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use fwassure_fleet::{render, FleetOptions, FleetReport, FleetReportOptions, Outcome};
use fwassure_pipeline::{self as pipeline, ScanOptions};
use fwassure_store::Store;

/// Arguments of `fleet`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Scan every image under folders or in list files into the store, on all cores. Resumable: an image
    /// already in the store (by sha256) is skipped. A failed image is recorded and the run goes on.
    Scan(ScanArgs),
    /// What the fleet holds: shared keys, certificates, passwords and secrets; vulnerabilities and components
    /// by prevalence; the worst images; the verdict matrix per standard.
    Report(ReportArgs),
    /// A product's releases in order, and what changed from each to the next; without a product, the list
    /// of products.
    Diff(DiffArgs),
    /// Queue one job per image for `fwassure worker`s on any number of machines (PostgreSQL store).
    Submit(crate::cmd::worker::Submit),
}

/// Where the results store is.
#[derive(Debug, clap::Args)]
struct StoreArg {
    /// Results store: a SQLite file (created), `sqlite://PATH`, or `postgres://user:pw@host/db`.
    #[arg(long, value_name = "URL", default_value = "fleet.db", env = "FWASSURE_STORE")]
    store: String,
}

#[derive(Debug, clap::Args)]
struct ScanArgs {
    /// Folders (scanned recursively; the first folder level is read as vendor, the second as product), list
    /// files (one image path per line), images, or `s3://bucket/prefix` (every object under it, named by its
    /// key under the prefix).
    #[arg(required = true, value_name = "DIR|LIST|IMAGE|s3://BUCKET/PREFIX")]
    inputs: Vec<PathBuf>,
    /// Object store of `s3://` inputs.
    #[command(flatten)]
    objects: crate::cmd::worker::ObjectArgs,
    #[command(flatten)]
    store: StoreArg,
    /// Images scanned at once (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    jobs: usize,
    /// Scan images the store already holds again.
    #[arg(long)]
    rescan: bool,
    /// Scan again the images whose earlier scan failed.
    #[arg(long)]
    retry_failed: bool,
    /// Reproducible reports (see `scan --reproducible`).
    #[arg(long)]
    reproducible: bool,
    /// Vulnerability store to use with the bundled starter set.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Password-audit effort per account in milliseconds (see `scan --password-work`).
    #[arg(long, value_name = "MS")]
    password_work: Option<u64>,
}

/// Output format of `fleet report`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    /// A terminal summary.
    Text,
    /// The whole `fwassure.fleet/v1` document.
    Json,
    /// One table as CSV (`--table`).
    Csv,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
    /// CSV table: images, shared-secrets, vulnerabilities, components, verdicts.
    #[arg(long, default_value = "images")]
    table: fwassure_fleet::render::csv::Table,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Images in the worst-images list.
    #[arg(long, default_value_t = 20)]
    worst: u64,
    /// Only this standard in the verdict matrix.
    #[arg(long)]
    standard: Option<String>,
    /// Smallest number of images a secret must be in to be listed as shared.
    #[arg(long, default_value_t = 2)]
    min_shared: u64,
    /// Document time at SOURCE_DATE_EPOCH (or 2025-01-01) instead of now.
    #[arg(long)]
    reproducible: bool,
}

/// Output format of `fleet diff`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DiffFormat {
    /// A summary per release step.
    Text,
    /// The releases and every step's `fwassure.diff/v1` document.
    Json,
}

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// The product as VENDOR/PRODUCT (the first two folder levels of the fleet paths).
    product: Option<String>,
    #[command(flatten)]
    store: StoreArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the runtime")
}

/// Run `fleet`.
pub fn run(a: Args) -> anyhow::Result<i32> {
    match a.command {
        Sub::Scan(s) => scan(&runtime()?, s),
        Sub::Report(r) => runtime()?.block_on(report(r)),
        Sub::Diff(d) => runtime()?.block_on(diff(d)),
        // the worker crate runs its own runtime
        Sub::Submit(s) => crate::cmd::worker::submit(s),
    }
}

fn scan(rt: &tokio::runtime::Runtime, a: ScanArgs) -> anyhow::Result<i32> {
    let targets = rt
        .block_on(fwassure_fleet::collect_sources(&a.inputs, &a.objects.options()))
        .map_err(|e| anyhow::anyhow!(e))
        .context("cannot list the images")?;
    let store =
        rt.block_on(Store::open(&a.store.store)).with_context(|| format!("cannot open the store {}", a.store.store))?;
    let now = if a.reproducible { Some(pipeline::reproducible_now()?) } else { None };
    let opts = FleetOptions {
        scan: ScanOptions {
            reproducible: a.reproducible,
            now,
            db: a.db,
            password_work_ms: a.password_work,
            ..Default::default()
        },
        jobs: a.jobs,
        rescan: a.rescan,
        retry_failed: a.retry_failed,
        objects: a.objects.options(),
    };
    eprintln!("fleet: {} images to consider, store {}", targets.len(), store.url());
    let bar = progress_bar(targets.len() as u64);
    let failures = std::sync::atomic::AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let summary = fwassure_fleet::run(&store, rt.handle(), &targets, &opts, &|o: &Outcome| {
        if let Outcome::Failed { rel, error, .. } = o {
            failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            bar.suspend(|| {
                eprintln!(
                    "fleet: {}: {}",
                    fwassure_model::escape::terminal(rel),
                    fwassure_model::escape::terminal(error)
                )
            });
        }
        bar.inc(1);
        let secs = started.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!(
            "{:.1} images/s, {} failed",
            bar.position() as f64 / secs,
            failures.load(std::sync::atomic::Ordering::Relaxed)
        ));
    });
    bar.finish_and_clear();
    rt.block_on(store.close());
    let mean = if summary.scanned > 0 { summary.scan_ms / summary.scanned as u64 } else { 0 };
    println!(
        "fleet: {} images: {} scanned, {} already in the store, {} failed in {:.1} s ({:.2} images/s; {} ms per image on average)",
        summary.total,
        summary.scanned,
        summary.skipped,
        summary.failed.len(),
        summary.elapsed_ms as f64 / 1000.0,
        summary.images_per_second(),
        mean
    );
    for (rel, err) in &summary.failed {
        println!("  failed: {}: {}", fwassure_model::escape::terminal(rel), fwassure_model::escape::terminal(err));
    }
    Ok(0)
}

fn progress_bar(len: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} images, {elapsed} elapsed, {eta} left; {msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

async fn report(a: ReportArgs) -> anyhow::Result<i32> {
    let store =
        Store::open(&a.store.store).await.with_context(|| format!("cannot open the store {}", a.store.store))?;
    let opts = FleetReportOptions {
        worst: a.worst,
        standard: a.standard,
        min_shared: a.min_shared,
        generated: pipeline::document_time(a.reproducible)?,
    };
    let r = FleetReport::generate(&store, &opts).await?;
    store.close().await;
    let text = match a.format {
        ReportFormat::Text => render::text::render(&r),
        ReportFormat::Json => render::json::render(&r),
        ReportFormat::Csv => render::csv::render(&r, a.table),
        ReportFormat::Html => render::html::render(&r),
    };
    super::emit(&text, a.output.as_deref())?;
    Ok(0)
}

async fn diff(a: DiffArgs) -> anyhow::Result<i32> {
    use std::fmt::Write;
    let store =
        Store::open(&a.store.store).await.with_context(|| format!("cannot open the store {}", a.store.store))?;
    let t = fwassure_model::escape::terminal;
    let Some(product) = a.product else {
        let mut o = String::from("Products (VENDOR/PRODUCT, images):\n");
        for (v, p, n) in fwassure_fleet::products(&store).await? {
            let _ = writeln!(o, "  {}/{}  {n}", t(&v), t(&p));
        }
        super::emit(&o, a.output.as_deref())?;
        return Ok(0);
    };
    let (vendor, name) = product.split_once('/').unwrap_or(("", product.as_str()));
    let h = fwassure_fleet::releases(&store, vendor, name).await?;
    store.close().await;
    if h.releases.is_empty() && h.failed.is_empty() {
        anyhow::bail!("no images of {product} in the store (see `fleet diff` for the products)");
    }
    let text = match a.format {
        DiffFormat::Json => {
            let mut s = serde_json::to_string_pretty(&h)?;
            s.push('\n');
            s
        }
        DiffFormat::Text => {
            let mut o = String::new();
            let _ = writeln!(o, "{}/{}: {} releases", t(&h.vendor), t(&h.product), h.releases.len());
            for r in &h.releases {
                let _ = writeln!(
                    o,
                    "  {}  {} components, {} findings, {} vulnerabilities, {} failed requirements",
                    t(&r.path),
                    r.components,
                    r.findings,
                    r.vulnerabilities,
                    r.failed_requirements
                );
            }
            for s in &h.steps {
                let m = &s.diff.summary;
                let _ = writeln!(o, "\n{} -> {}", t(&s.from), t(&s.to));
                let _ = writeln!(
                    o,
                    "  components: {} added, {} removed, {} changed",
                    m.components_added, m.components_removed, m.components_changed
                );
                for c in &s.diff.components.changed {
                    let _ = writeln!(o, "    {} {} -> {}", t(&c.name), t(&c.old), t(&c.new));
                }
                let _ = writeln!(
                    o,
                    "  vulnerabilities: {} introduced, {} fixed, {} still open",
                    m.vulnerabilities_introduced, m.vulnerabilities_fixed, m.vulnerabilities_still_open
                );
                let _ = writeln!(o, "  findings: {} new, {} resolved", m.findings_new, m.findings_resolved);
                for f in &s.diff.findings.new {
                    let _ = writeln!(o, "    new: {} {} {}", t(&f.rule), t(&f.path), t(&f.subject));
                }
                let _ = writeln!(
                    o,
                    "  verdicts: {} regressions, {} improvements",
                    m.verdict_regressions, m.verdict_improvements
                );
            }
            for f in &h.failed {
                let _ = writeln!(o, "\n{}: not compared, its scan failed", t(f));
            }
            o
        }
    };
    super::emit(&text, a.output.as_deref())?;
    Ok(0)
}
