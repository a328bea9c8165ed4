//! Rule metadata: what each check can report, and which requirements of the standards it bears on.

use fwassure_model::{Finding, FindingKind, Severity};
use serde::Serialize;

/// Static description of one rule (a stable kind of finding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Stable rule id, e.g. `cred.default-password`.
    pub id: &'static str,
    /// Finding kind the rule reports.
    pub kind: FindingKind,
    /// Default severity (a check may lower it for a mitigated case, as documented in the rule's title).
    pub severity: Severity,
    /// CWE id, e.g. `CWE-798`.
    pub cwe: &'static str,
    /// One-line title.
    pub title: &'static str,
    /// What to do about a finding of this rule.
    pub remediation: &'static str,
    /// Requirement ids in the standards as `<standard>:<catalog id>`, spelled as the catalogs spell them
    /// (`etsi-en-303-645:5.1-1`, `iotsf-af:2.4.8.3`, `uk-psti:1`, `eu-cra:I(2)(d)`,
    /// `nistir-8259a:logical-access-to-interfaces`, `ca-sb-327:1798.91.04(b)`).
    pub requirements: &'static [&'static str],
}

/// Where a finding is and what it is about; the rest comes from the rule.
#[derive(Debug, Clone, Default)]
pub struct At {
    /// Layer id.
    pub layer: String,
    /// Absolute path in the layer.
    pub path: String,
    /// 1-based line for text evidence.
    pub line: Option<u32>,
}

impl At {
    /// A location without a line.
    pub fn new(layer: &str, path: &str) -> Self {
        At { layer: layer.to_string(), path: path.to_string(), line: None }
    }
    /// The same location with a 1-based line.
    pub fn line(mut self, line: usize) -> Self {
        self.line = u32::try_from(line).ok();
        self
    }
}

impl RuleMeta {
    /// Build a finding of this rule with its default severity.
    pub fn finding(&self, at: At, subject: &str, message: String, evidence: String) -> Finding {
        Finding {
            rule: self.id.to_string(),
            kind: self.kind,
            severity: self.severity,
            layer: at.layer,
            path: at.path,
            subject: subject.to_string(),
            message,
            evidence,
            remediation: self.remediation.to_string(),
            cwe: self.cwe.to_string(),
            requirements: self.requirements.iter().map(|r| r.to_string()).collect(),
            line: at.line,
            fingerprint: None,
            chain: vec![],
        }
    }
}

/// Requirement sets shared by several rules, as `<standard>:<requirement id>` with the ids spelled exactly as in
/// the catalogs of the standards stage (`crates/standards/catalogs/*.toml`), which are the single source of truth.
/// A rule names exactly the requirements whose catalog entry lists the rule (by rule id or by finding kind); the
/// standards crate's test `rule_requirements_match_catalogs` enforces it and prints the expected list on a
/// mismatch. Only informative rules, which no catalog decides on, name requirements they are merely context for.
pub mod reqs {
    /// Requirements of the rule `key.private-key` alone (the EN 18031 trees set it apart from its shared set).
    pub const PRIVATE_KEY_RULE: &[&str] = &[
        "etsi-en-303-645:5.4-1",
        "etsi-en-303-645:5.4-3",
        "etsi-en-303-645:5.4-4",
        "iotsf-af:2.4.6.5",
        "iotsf-af:2.4.9.3",
        "iotsf-af:2.4.9.7",
        "iotsf-af:2.4.9.9",
        "eu-cra:I(2)(e)",
        "eu-cra:I(2)(f)",
        "nistir-8259a:data-protection",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:CCK-3",
        "en-18031-1:SSM-3",
        "en-18031-2:CCK-3",
        "en-18031-2:SSM-3",
        "en-18031-3:CCK-3",
        "en-18031-3:SSM-3",
    ];
    /// Requirements of the rule `secret.daemon-shared-key` alone (the EN 18031 trees set it apart from its shared set).
    pub const DAEMON_SHARED_KEY_RULE: &[&str] = &[
        "etsi-en-303-645:5.4-1",
        "etsi-en-303-645:5.4-3",
        "etsi-en-303-645:5.4-4",
        "iotsf-af:2.4.6.5",
        "iotsf-af:2.4.9.7",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(e)",
        "nistir-8259a:data-protection",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:CCK-3",
        "en-18031-1:SSM-3",
        "en-18031-2:CCK-3",
        "en-18031-2:SSM-3",
        "en-18031-3:CCK-3",
        "en-18031-3:SSM-3",
    ];
    /// Requirements of the rule `cred.default-password` alone (the EN 18031 trees set it apart from its shared set).
    pub const DEFAULT_PASSWORD_RULE: &[&str] = &[
        "etsi-en-303-645:5.1-1",
        "etsi-en-303-645:5.1-2",
        "iotsf-af:2.4.6.3",
        "iotsf-af:2.4.7.1",
        "iotsf-af:2.4.7.7",
        "iotsf-af:2.4.8.3",
        "iotsf-af:2.4.10.4",
        "uk-psti:1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "ca-sb-327:1798.91.04(b)",
        "en-18031-1:AUM-5-1",
        "en-18031-1:AUM-5-2",
        "en-18031-2:AUM-5-1",
        "en-18031-2:AUM-5-2",
        "en-18031-3:AUM-5-1",
        "en-18031-3:AUM-5-2",
    ];
    /// Requirements of the rule `debug.console-root-shell` alone (the EN 18031 trees set it apart from its shared set).
    pub const CONSOLE_ROOT_SHELL_RULE: &[&str] = &[
        "etsi-en-303-645:5.5-4",
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-1",
        "etsi-en-303-645:5.6-4",
        "etsi-en-303-645:5.6-5",
        "iotsf-af:2.4.4.5",
        "iotsf-af:2.4.4.9",
        "iotsf-af:2.4.5.5",
        "iotsf-af:2.4.6.3",
        "iotsf-af:2.4.6.7",
        "iotsf-af:2.4.6.8",
        "iotsf-af:2.4.7.6",
        "iotsf-af:2.4.7.18",
        "iotsf-af:2.4.14.1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(j)",
        "nistir-8259a:device-configuration",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:ACM-1",
        "en-18031-1:GEC-5",
        "en-18031-2:ACM-1",
        "en-18031-2:GEC-5",
        "en-18031-3:ACM-1",
        "en-18031-3:GEC-5",
    ];
    /// Default or common password on an account.
    pub const DEFAULT_CREDENTIAL: &[&str] = &[
        "etsi-en-303-645:5.1-1",
        "etsi-en-303-645:5.1-2",
        "iotsf-af:2.4.6.3",
        "iotsf-af:2.4.7.1",
        "iotsf-af:2.4.7.7",
        "iotsf-af:2.4.8.3",
        "iotsf-af:2.4.10.4",
        "uk-psti:1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "ca-sb-327:1798.91.04(b)",
        "en-18031-1:AUM-5-1",
        "en-18031-2:AUM-5-1",
        "en-18031-3:AUM-5-1",
    ];
    /// Account without a password.
    pub const EMPTY_PASSWORD: &[&str] = &[
        "etsi-en-303-645:5.1-1",
        "etsi-en-303-645:5.5-4",
        "etsi-en-303-645:5.5-5",
        "iotsf-af:2.4.6.3",
        "iotsf-af:2.4.7.1",
        "iotsf-af:2.4.7.7",
        "iotsf-af:2.4.8.4",
        "uk-psti:1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "ca-sb-327:1798.91.04(b)",
        "en-18031-1:ACM-1",
        "en-18031-1:AUM-1",
        "en-18031-1:AUM-5-1",
        "en-18031-1:AUM-5-2",
        "en-18031-2:ACM-1",
        "en-18031-2:AUM-1",
        "en-18031-2:AUM-5-1",
        "en-18031-2:AUM-5-2",
        "en-18031-3:ACM-1",
        "en-18031-3:AUM-1",
        "en-18031-3:AUM-5-1",
        "en-18031-3:AUM-5-2",
    ];
    /// Private key stored in the image.
    pub const PRIVATE_KEY: &[&str] = &[
        "etsi-en-303-645:5.4-1",
        "etsi-en-303-645:5.4-3",
        "etsi-en-303-645:5.4-4",
        "iotsf-af:2.4.6.5",
        "iotsf-af:2.4.9.3",
        "iotsf-af:2.4.9.7",
        "iotsf-af:2.4.9.9",
        "eu-cra:I(2)(e)",
        "eu-cra:I(2)(f)",
        "nistir-8259a:data-protection",
        "ca-sb-327:1798.91.04(a)",
    ];
    /// Hard-coded secret embedded in the image (configuration password, daemon shared key).
    pub const HARDCODED_SECRET: &[&str] = &[
        "etsi-en-303-645:5.4-1",
        "etsi-en-303-645:5.4-3",
        "etsi-en-303-645:5.4-4",
        "iotsf-af:2.4.6.5",
        "iotsf-af:2.4.9.7",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(e)",
        "nistir-8259a:data-protection",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:SSM-3",
        "en-18031-2:SSM-3",
        "en-18031-3:SSM-3",
    ];
    /// A login credential published in a note of the download bundle: the secrets and default-login
    /// requirements the catalogs decide on for hard-coded secrets, without EN 18031's secure-storage one
    /// (the note is not stored on the device).
    pub const BUNDLE_NOTE: &[&str] = &[
        "etsi-en-303-645:5.4-1",
        "etsi-en-303-645:5.4-3",
        "etsi-en-303-645:5.4-4",
        "iotsf-af:2.4.6.5",
        "iotsf-af:2.4.9.7",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(e)",
        "nistir-8259a:data-protection",
        "ca-sb-327:1798.91.04(a)",
    ];
    /// Provider API credential (cloud or service API key) embedded in the image: as [`HARDCODED_SECRET`], plus
    /// the IoTSF requirement on cloud API keys.
    pub const API_CREDENTIAL: &[&str] = &[
        "etsi-en-303-645:5.4-1",
        "etsi-en-303-645:5.4-3",
        "etsi-en-303-645:5.4-4",
        "iotsf-af:2.4.6.5",
        "iotsf-af:2.4.9.7",
        "iotsf-af:2.4.13.27",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(e)",
        "nistir-8259a:data-protection",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:SSM-3",
        "en-18031-2:SSM-3",
        "en-18031-3:SSM-3",
    ];
    /// Cleartext management or data service enabled.
    pub const CLEARTEXT_SERVICE: &[&str] = &[
        "etsi-en-303-645:5.1-3",
        "etsi-en-303-645:5.5-1",
        "etsi-en-303-645:5.5-4",
        "etsi-en-303-645:5.5-6",
        "etsi-en-303-645:5.5-7",
        "etsi-en-303-645:5.6-1",
        "etsi-en-303-645:5.6-2",
        "etsi-en-303-645:5.6-5",
        "etsi-en-303-645:5.8-1",
        "etsi-en-303-645:5.8-2",
        "iotsf-af:2.4.5.5",
        "iotsf-af:2.4.6.6",
        "iotsf-af:2.4.6.8",
        "iotsf-af:2.4.7.1",
        "iotsf-af:2.4.7.4",
        "iotsf-af:2.4.7.6",
        "iotsf-af:2.4.10.1",
        "iotsf-af:2.4.10.3",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(e)",
        "eu-cra:I(2)(j)",
        "nistir-8259a:data-protection",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:SCM-2",
        "en-18031-1:SCM-3",
        "en-18031-2:SCM-2",
        "en-18031-2:SCM-3",
        "en-18031-3:SCM-2",
        "en-18031-3:SCM-3",
    ];
    /// Open debug interface reached over the network (telnet shell without login).
    pub const DEBUG_INTERFACE: &[&str] = &[
        "etsi-en-303-645:5.5-4",
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-1",
        "etsi-en-303-645:5.6-4",
        "etsi-en-303-645:5.6-5",
        "iotsf-af:2.4.4.5",
        "iotsf-af:2.4.5.5",
        "iotsf-af:2.4.6.3",
        "iotsf-af:2.4.6.7",
        "iotsf-af:2.4.6.8",
        "iotsf-af:2.4.7.6",
        "iotsf-af:2.4.7.18",
        "iotsf-af:2.4.14.1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(j)",
        "nistir-8259a:device-configuration",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:ACM-1",
        "en-18031-1:AUM-1",
        "en-18031-1:GEC-2",
        "en-18031-1:SCM-2",
        "en-18031-1:SCM-3",
        "en-18031-2:ACM-1",
        "en-18031-2:AUM-1",
        "en-18031-2:GEC-2",
        "en-18031-2:SCM-2",
        "en-18031-2:SCM-3",
        "en-18031-3:ACM-1",
        "en-18031-3:AUM-1",
        "en-18031-3:GEC-2",
        "en-18031-3:SCM-2",
        "en-18031-3:SCM-3",
    ];
    /// Open debug interface on a port that is physical on most boards (console root shell, adb): as
    /// [`DEBUG_INTERFACE`], plus the IoTSF requirement on unneeded physical ports.
    pub const DEBUG_PORT: &[&str] = &[
        "etsi-en-303-645:5.5-4",
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-1",
        "etsi-en-303-645:5.6-4",
        "etsi-en-303-645:5.6-5",
        "iotsf-af:2.4.4.5",
        "iotsf-af:2.4.4.9",
        "iotsf-af:2.4.5.5",
        "iotsf-af:2.4.6.3",
        "iotsf-af:2.4.6.7",
        "iotsf-af:2.4.6.8",
        "iotsf-af:2.4.7.6",
        "iotsf-af:2.4.7.18",
        "iotsf-af:2.4.14.1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "eu-cra:I(2)(j)",
        "nistir-8259a:device-configuration",
        "nistir-8259a:logical-access-to-interfaces",
        "ca-sb-327:1798.91.04(a)",
        "en-18031-1:ACM-1",
        "en-18031-1:AUM-1",
        "en-18031-1:GEC-2",
        "en-18031-1:GEC-5",
        "en-18031-2:ACM-1",
        "en-18031-2:AUM-1",
        "en-18031-2:GEC-2",
        "en-18031-2:GEC-5",
        "en-18031-3:ACM-1",
        "en-18031-3:AUM-1",
        "en-18031-3:GEC-2",
        "en-18031-3:GEC-5",
    ];
    /// Missing exploit mitigations in binaries.
    pub const BINARY_HARDENING: &[&str] = &["etsi-en-303-645:5.6-7", "eu-cra:I(2)(k)"];
    /// World-writable file in the startup chain.
    pub const WORLD_WRITABLE_STARTUP: &[&str] = &[
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-2",
        "etsi-en-303-645:5.6-7",
        "iotsf-af:2.4.6.4",
        "iotsf-af:2.4.15.1",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(f)",
        "nistir-8259a:device-configuration",
    ];
    /// Setuid or setgid shell or interpreter.
    pub const SETUID_SHELL: &[&str] = &[
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-2",
        "etsi-en-303-645:5.6-7",
        "iotsf-af:2.4.6.4",
        "iotsf-af:2.4.6.7",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "nistir-8259a:device-configuration",
    ];
    /// SSH server configured to accept empty passwords.
    pub const SSH_EMPTY_PASSWORDS: &[&str] = &[
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-2",
        "etsi-en-303-645:5.6-7",
        "iotsf-af:2.4.8.4",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "nistir-8259a:device-configuration",
        "nistir-8259a:logical-access-to-interfaces",
        "en-18031-1:AUM-1",
        "en-18031-2:AUM-1",
        "en-18031-3:AUM-1",
    ];
    /// SSH server allowing root login with a password.
    pub const SSH_ROOT_PASSWORD_LOGIN: &[&str] = &[
        "etsi-en-303-645:5.5-5",
        "etsi-en-303-645:5.6-2",
        "etsi-en-303-645:5.6-7",
        "iotsf-af:2.4.6.7",
        "eu-cra:I(2)(b)",
        "eu-cra:I(2)(d)",
        "nistir-8259a:device-configuration",
        "nistir-8259a:logical-access-to-interfaces",
    ];
    /// Weak scheme for stored password hashes.
    pub const WEAK_PASSWORD_HASH: &[&str] = &[
        "etsi-en-303-645:5.1-3",
        "iotsf-af:2.4.8.8",
        "iotsf-af:2.4.9.5",
        "eu-cra:I(2)(e)",
        "nistir-8259a:data-protection",
        "en-18031-1:CRY-1",
        "en-18031-2:CRY-1",
        "en-18031-3:CRY-1",
    ];
    /// Weak (short or deprecated) cryptographic key.
    pub const WEAK_KEY: &[&str] = &[
        "etsi-en-303-645:5.5-1",
        "etsi-en-303-645:5.8-1",
        "iotsf-af:2.4.9.5",
        "eu-cra:I(2)(e)",
        "eu-cra:I(2)(f)",
        "nistir-8259a:data-protection",
        "en-18031-1:CCK-1",
        "en-18031-1:CRY-1",
        "en-18031-2:CCK-1",
        "en-18031-2:CRY-1",
        "en-18031-3:CCK-1",
        "en-18031-3:CRY-1",
    ];
    /// Certificate problems (expired, self-signed device certificates). Informative: no catalog decides a
    /// requirement on these findings (an expired or self-signed device certificate is common and not by itself
    /// a failure); the ids name the requirements the finding is context for.
    pub const CERTIFICATE: &[&str] =
        &["etsi-en-303-645:5.5-1", "iotsf-af:2.4.10.1", "eu-cra:I(2)(e)", "nistir-8259a:data-protection"];
}
