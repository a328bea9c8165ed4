//! The registry of checks: one module per check, each listing its rules.

pub mod binary_hardening;
pub mod certificates;
pub mod cleartext_services;
pub mod credentials;
pub mod debug_interfaces;
pub mod file_permissions;
pub mod private_keys;
pub mod secrets;
pub mod ssh_config;

use crate::rule::RuleMeta;

/// Every rule of every check, in registry order.
pub fn all_rules() -> Vec<RuleMeta> {
    [
        credentials::RULES,
        private_keys::RULES,
        certificates::RULES,
        secrets::RULES,
        cleartext_services::RULES,
        debug_interfaces::RULES,
        ssh_config::RULES,
        file_permissions::RULES,
        binary_hardening::RULES,
    ]
    .concat()
}
