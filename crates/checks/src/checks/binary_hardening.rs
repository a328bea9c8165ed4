//! ELF exploit mitigations: NX, PIE, RELRO, stack canary, FORTIFY; RPATH and stripping as extra facts.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// An ELF lacks one or more exploit mitigations.
pub const MISSING_MITIGATIONS: RuleMeta = RuleMeta {
    id: "elf.missing-mitigations",
    kind: FindingKind::BinaryHardening,
    severity: Severity::Low,
    cwe: "CWE-693",
    title: "ELF binary lacks exploit mitigations (severity low when NX or canaries are missing, info otherwise)",
    remediation: "Build with -fstack-protector-strong, -D_FORTIFY_SOURCE=2, -fPIE -pie, -Wl,-z,relro,-z,now and a non-executable stack.",
    requirements: reqs::BINARY_HARDENING,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[MISSING_MITIGATIONS];
