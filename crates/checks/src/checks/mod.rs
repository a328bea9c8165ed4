//! The registry of checks: one module per check, each listing its rules. Adding a check is one file and
//! one line in [`REGISTRY`].

pub mod binary_hardening;
pub mod bundle_notes;
pub mod certificates;
pub mod cleartext_services;
pub mod cmdline_credentials;
pub mod credentials;
pub mod daemon_keys;
pub mod debug_interfaces;
pub mod factory_defaults;
pub mod file_permissions;
pub mod private_keys;
pub mod secrets;
pub mod ssh_config;
#[cfg(test)]
mod test_util;

use crate::rule::RuleMeta;
use crate::{ChecksOutput, Ctx, FileFacts};
use fwassure_model::FileRef;

/// One check: a family of rules run over the whole VFS.
///
/// A check that reads the contents of every file does so in [`Check::scan_file`], which the content pass
/// calls once per file (while the file's data is in memory), and reads its per-file results back in
/// [`Check::run`] with [`Ctx::scanned`]. A check that reads a few named files reads them in `run`.
pub trait Check: Sync {
    /// Short id of the check (its module name).
    fn id(&self) -> &'static str;
    /// Rules the check can report.
    fn rules(&self) -> &'static [RuleMeta];
    /// What the check keeps of one file in the content pass (`None`: nothing). The default reads nothing.
    fn scan_file(&self, _f: &FileRef<'_>) -> Option<FileFacts> {
        None
    }
    /// Run over the VFS.
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput;
}

/// Every check, in a fixed order.
pub static REGISTRY: &[&dyn Check] = &[
    &credentials::Credentials,
    &private_keys::PrivateKeys,
    &certificates::Certificates,
    &secrets::Secrets,
    &daemon_keys::DaemonKeys,
    &cleartext_services::CleartextServices,
    &debug_interfaces::DebugInterfaces,
    &cmdline_credentials::CmdlineCredentials,
    &ssh_config::SshConfig,
    &file_permissions::FilePermissions,
    &binary_hardening::BinaryHardening,
    &factory_defaults::FactoryDefaults,
    &bundle_notes::BundleNotes,
];

/// Every rule of every check, in registry order.
pub fn all_rules() -> Vec<RuleMeta> {
    REGISTRY.iter().flat_map(|c| c.rules().iter().copied()).collect()
}
