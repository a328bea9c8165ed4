//! Cleartext network services enabled by the startup chain or by web/MQTT/SNMP configurations.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A service speaking cleartext on the network is enabled.
pub const CLEARTEXT_SERVICE: RuleMeta = RuleMeta {
    id: "svc.cleartext-service",
    kind: FindingKind::CleartextService,
    severity: Severity::High,
    cwe: "CWE-319",
    title: "Cleartext network service enabled",
    remediation:
        "Disable the service, or replace it with an authenticated encrypted one (SSH, HTTPS, MQTT over TLS, SNMPv3).",
    requirements: reqs::CLEARTEXT_SERVICE,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[CLEARTEXT_SERVICE];
