//! Banner-only evidence: a product's protocol banner in a file that is not that product.
//!
//! A switch OS or a web UI binary may carry `SSH-2.0-OpenSSH_3.4p1` because it speaks to SSH peers, or
//! because a vendor re-implemented the server and kept the banner, with none of the product's own code. A
//! classifier that may match "anywhere" (statically linked copies) then names the product from that one
//! string. Such a hit, in a file that is not one of the product's own files (its classifier's globs) and
//! without any of the strings the product's own code always carries ([`OWN_CODE`]: its configuration file
//! names and keywords, from the product's source), is reported with [`Confidence::Low`]: the vulnerability
//! stage does not let a low-confidence component alone give a high-severity match.
//!
//! [`Confidence::Low`]: fwassure_model::Confidence::Low

use aho_corasick::AhoCorasick;

use crate::classifier::Classifier;
use crate::glob;

/// Classifier id, and strings of which the product's own code holds at least one in every build.
///
/// OpenSSH: the server reads `sshd_config` (`_PATH_SERVER_CONFIG_FILE`, pathnames.h) and knows the
/// `PermitRootLogin` keyword (servconf.c); the client reads `ssh_config` and knows `StrictHostKeyChecking`
/// (readconf.c); releases up to 4.x also keep `$OpenBSD: ` RCS ids in the binary.
pub const OWN_CODE: &[(&str, &[&str])] =
    &[("openssh", &["sshd_config", "ssh_config", "PermitRootLogin", "StrictHostKeyChecking", "$OpenBSD: "])];

/// True when a hit of classifier `c` in this file (`path` `None`: a raw payload) is a banner only: `c` has
/// an [`OWN_CODE`] entry, the file is not one of the product's own files, and it holds none of the
/// product's own strings.
pub fn is_banner_only(c: &Classifier, path: Option<&str>, data: &[u8]) -> bool {
    let Some((_, own)) = OWN_CODE.iter().find(|(id, _)| *id == c.id) else { return false };
    if path.is_some_and(|p| c.globs.iter().any(|g| glob::matches(g, p))) {
        return false;
    }
    match AhoCorasick::new(own.iter()) {
        Ok(ac) => !ac.is_match(data),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_banner_only;
    use crate::classifiers;

    fn openssh() -> &'static crate::classifier::Classifier {
        classifiers::all().iter().find(|c| c.id == "openssh").expect("openssh classifier")
    }

    #[test]
    fn a_lone_banner_in_a_foreign_file_is_banner_only() {
        // a VxWorks switch image (Radlan SSH port): the banner and SSH protocol messages, no OpenSSH config
        let rtos = b"\0SSH-2.0-OpenSSH_3.4p1.RL\0Protocol major versions differ.\0Bad packet length %d.\0";
        assert!(is_banner_only(openssh(), None, rtos));
        assert!(is_banner_only(openssh(), Some("/usr/bin/webs"), rtos));
    }

    #[test]
    fn own_files_and_own_code_are_not() {
        let banner = b"\0SSH-2.0-OpenSSH_4.0p1\0";
        // the product's own file, whatever it holds
        assert!(!is_banner_only(openssh(), Some("/usr/sbin/sshd"), banner));
        // a statically linked copy or an eCos image that holds the server's configuration strings
        let with_code = b"\0SSH-2.0-OpenSSH_4.0p1\0/etc/ssh/sshd_config\0PermitRootLogin\0";
        assert!(!is_banner_only(openssh(), None, with_code));
        // classifiers without an entry are never banner-only
        let dropbear = classifiers::all().iter().find(|c| c.id == "dropbear").unwrap();
        assert!(!is_banner_only(dropbear, None, b"SSH-2.0-dropbear_2012.55"));
    }
}
