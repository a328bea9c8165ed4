//! Hard-coded cloud and service credentials recognised by their provider formats, in text and binaries.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A provider API credential (AWS, GCP, Azure, GitHub, GitLab, Slack, Stripe, Twilio, Google API key).
pub const API_CREDENTIAL: RuleMeta = RuleMeta {
    id: "secret.api-credential",
    kind: FindingKind::HardcodedSecret,
    severity: Severity::High,
    cwe: "CWE-798",
    title: "Hard-coded credential for a cloud or service API",
    remediation: "Revoke the credential; provision per-device credentials at runtime (e.g. from secure storage or a device certificate exchange).",
    requirements: reqs::HARDCODED_SECRET,
};

/// A literal password in a service configuration (MQTT, generic `password=` settings).
pub const CONFIG_PASSWORD: RuleMeta = RuleMeta {
    id: "secret.config-password",
    kind: FindingKind::HardcodedSecret,
    severity: Severity::Medium,
    cwe: "CWE-260",
    title: "Literal password in a configuration file",
    remediation: "Do not ship a fixed password; generate it per device or set it during onboarding.",
    requirements: reqs::HARDCODED_SECRET,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[API_CREDENTIAL, CONFIG_PASSWORD];
