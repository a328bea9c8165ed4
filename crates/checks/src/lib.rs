//! Stage 3: weakness checks over the virtual filesystem.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod checks;
pub mod crypt;
pub mod der;
pub mod keys;
pub mod passphrase;
pub mod roots;
pub mod rule;
pub mod shell;
pub mod startup;
pub mod text;

pub use rule::RuleMeta;

use fwassure_model::{Component, FileEntry, FileRef, Finding, Problem, Vfs};
use std::any::Any;
use std::collections::BTreeMap;

/// Metadata of every rule the checks can report, sorted by rule id (serialisable, for the standards stage
/// and for documentation).
pub fn rules() -> Vec<RuleMeta> {
    let mut v = checks::all_rules();
    v.sort_by_key(|r| r.id);
    v
}

/// Options for the checks.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Time budget for password cracking, in milliseconds.
    pub crack_budget_ms: u64,
    /// "Now" for certificate expiry, seconds since the epoch; `None` reads the clock (tests set it).
    pub now: Option<i64>,
    /// How many entries of the bundled common-password list to try per account (0 = all).
    pub common_passwords: usize,
    /// Work cap per account, in estimated microseconds of one core (see `crypt::verify_cost_us`): a
    /// costly hash gets fewer candidates, a cheap one all of them. Unlike the time budget it gives the same
    /// candidates on every machine, so results stay reproducible. The account's own vendor defaults and
    /// username-derived guesses are always tried.
    pub crack_work_us: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { crack_budget_ms: 2000, now: None, common_passwords: 0, crack_work_us: 400_000 }
    }
}

/// What the checks produce.
#[derive(Debug, Clone, Default)]
pub struct ChecksOutput {
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Extra report sections (certificate inventory, hardening summary, credential audit …).
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Problems met while checking.
    pub problems: Vec<Problem>,
}

/// One check's result on one file of the content pass (the check's own type, see [`checks::Check::scan_file`]).
pub type FileFacts = Box<dyn Any + Send + Sync>;

/// The checks' share of the content pass for one file: what each check that reads file contents found in it.
#[derive(Default)]
pub struct FileScan(Vec<(&'static str, FileFacts)>);

impl std::fmt::Debug for FileScan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter().map(|(id, _)| id)).finish()
    }
}

impl FileScan {
    /// What the check `id` found in this file, if it kept anything.
    pub fn get<T: 'static>(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(c, _)| *c == id).and_then(|(_, f)| f.downcast_ref::<T>())
    }
}

/// The checks' share of the content pass ([`Vfs::scan_files`]): every registered check's scan of one file.
pub fn scan_file(f: &FileRef<'_>) -> FileScan {
    FileScan(checks::REGISTRY.iter().filter_map(|c| c.scan_file(f).map(|x| (c.id(), x))).collect())
}

/// The content pass's results for the checks: each file with its [`FileScan`], in [`Vfs::files`] order.
#[derive(Debug, Default)]
pub struct Content<'a> {
    /// Each regular file and what the checks found in it.
    pub files: Vec<(FileEntry<'a>, FileScan)>,
}

/// Run every registered check over the VFS, reading every file once for the checks that scan contents.
/// A caller that runs its own content pass (the scan pipeline, which shares it with the catalog) uses
/// [`scan_file`] and [`run_checks_with`] instead.
pub fn run_checks(vfs: &Vfs, components: &[Component], opts: &CheckOptions) -> ChecksOutput {
    let scanned = vfs.scan_files(scan_file);
    let content = Content { files: scanned.results };
    let mut out = run_checks_with(vfs, components, opts, &content);
    out.problems.extend(scanned.problems);
    out.problems.sort();
    out.problems.dedup();
    out
}

/// Run every registered check over the VFS, with the content pass already done.
pub fn run_checks_with(
    vfs: &Vfs,
    components: &[Component],
    opts: &CheckOptions,
    content: &Content<'_>,
) -> ChecksOutput {
    use rayon::prelude::*;
    let ctx = Ctx { vfs, components, opts, content: Some(content) };
    let outs: Vec<ChecksOutput> = checks::REGISTRY.par_iter().map(|c| c.run(&ctx)).collect();
    let mut all = ChecksOutput::default();
    for o in outs {
        all.merge(o);
    }
    all.findings.sort_by(|a, b| {
        (b.severity, &a.kind, &a.layer, &a.path, &a.subject, &a.rule, a.line)
            .cmp(&(a.severity, &b.kind, &b.layer, &b.path, &b.subject, &b.rule, b.line))
    });
    all.findings.dedup();
    all.problems.sort();
    all.problems.dedup();
    all
}

/// What every check sees.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The unpacked image.
    pub vfs: &'a Vfs,
    /// Components found by the catalog stage.
    pub components: &'a [Component],
    /// Options.
    pub opts: &'a CheckOptions,
    /// The content pass, when the caller ran one; otherwise a check that scans contents reads the files
    /// itself.
    pub content: Option<&'a Content<'a>>,
}

impl<'a> Ctx<'a> {
    /// A context without a content pass (each content check reads the files it needs).
    pub fn new(vfs: &'a Vfs, components: &'a [Component], opts: &'a CheckOptions) -> Self {
        Ctx { vfs, components, opts, content: None }
    }

    /// What `check` found in each file, in file order (files where it kept nothing are left out): from
    /// the content pass when there is one, else read now.
    pub fn scanned<T: Clone + 'static>(&self, check: &dyn checks::Check) -> Vec<(FileEntry<'a>, T)> {
        match self.content {
            Some(c) => c.files.iter().filter_map(|(e, s)| s.get::<T>(check.id()).map(|t| (*e, t.clone()))).collect(),
            None => self
                .vfs
                .scan_files(|f| check.scan_file(f))
                .results
                .into_iter()
                .filter_map(|(e, r)| Some((e, *(r? as Box<dyn Any>).downcast::<T>().ok()?)))
                .collect(),
        }
    }
}

impl ChecksOutput {
    /// Append another output (extra sections with the same key are replaced).
    pub fn merge(&mut self, other: ChecksOutput) {
        self.findings.extend(other.findings);
        self.extra.extend(other.extra);
        self.problems.extend(other.problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_unique_and_mapped() {
        let r = rules();
        let mut ids: Vec<_> = r.iter().map(|r| r.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), r.len(), "duplicate rule id");
        for rule in &r {
            assert!(rule.cwe.starts_with("CWE-"), "{}", rule.id);
            assert!(!rule.requirements.is_empty(), "{}", rule.id);
            for q in rule.requirements {
                let (std, id) = q.split_once(':').expect("std:id");
                assert!(
                    [
                        "etsi-en-303-645",
                        "iotsf-af",
                        "uk-psti",
                        "eu-cra",
                        "nistir-8259a",
                        "ca-sb-327",
                        "en-18031-1",
                        "en-18031-2",
                        "en-18031-3"
                    ]
                    .contains(&std),
                    "{q}"
                );
                assert!(!id.is_empty());
            }
        }
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"cred.default-password\""));
        assert!(json.contains("\"default-credential\""));
    }
}
