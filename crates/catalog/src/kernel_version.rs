//! The Linux kernel's release string, as every place the kernel states it writes it.
//!
//! The kernel's `UTS_RELEASE` is `VERSION.PATCHLEVEL.SUBLEVEL` plus `EXTRAVERSION` and `LOCALVERSION`
//! (top-level `Makefile`): `2.6.21.5` (the 2.6 stable series put a fourth number in `EXTRAVERSION`),
//! `2.6.24.111`, `4.9.77`, `2.6.15--LSDK-7.1.2.27`, `3.10.14-rt9`. It is printed in the boot banner
//! (`Linux version 2.6.21.5 (user@host) (gcc …)`), in every module's `vermagic=`, in the
//! `/lib/modules/<release>/` folder name and often in a uImage name (`Linux-2.6.36`). The upstream version a
//! vulnerability range speaks of is the numeric part (up to four numbers); a vendor's local suffix
//! (`-LSDK-…`, `-MIPS-01.00`, `-amd64`) is not a version. The PREEMPT_RT patch set's `-rtN` is kept: it
//! names a different code base with its own advisories.
//!
//! ```
//! use fwassure_catalog::kernel_version::kernel_release;
//! assert_eq!(kernel_release("2.6.31--LSDK-9.2.0.312").as_deref(), Some("2.6.31"));
//! assert_eq!(kernel_release("2.6.24.111").as_deref(), Some("2.6.24.111"));
//! assert_eq!(kernel_release("3.10.14-rt9-g1234").as_deref(), Some("3.10.14-rt9"));
//! assert_eq!(kernel_release("version"), None);
//! ```

/// Digits of one number of a release at most (`2.6.24.111`).
const MAX_DIGITS: usize = 3;
/// Numbers of a release at most (`2.6.21.5`).
const MAX_NUMBERS: usize = 4;

/// The upstream kernel release at the start of `s` (`2.6.21.5`, `4.9.77`, `3.10.14-rt9`), or `None` when
/// `s` does not start with `MAJOR.MINOR`. A local suffix after a separator is left out; a number run
/// straight into letters (`2.6.36abc`) is not a release.
pub fn kernel_release(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut numbers = 0;
    let mut end = 0;
    while numbers < MAX_NUMBERS {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start <= MAX_DIGITS {
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > MAX_DIGITS || (numbers == 0 && n > 1) {
            return None;
        }
        numbers += 1;
        end = i;
        if i < b.len() && b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    if numbers < 2 {
        return None;
    }
    // the release must end here: at the end, or at a separator of a local suffix
    let next = b.get(end).copied();
    if next.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut out = s[..end].to_string();
    if let Some(rest) = s[end..].strip_prefix("-rt") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !rest.as_bytes().get(digits).is_some_and(|c| c.is_ascii_alphabetic()) {
            out.push_str("-rt");
            out.push_str(&rest[..digits]);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::kernel_release;

    #[test]
    fn releases_keep_sublevel_and_stable_number() {
        // banners and vermagic strings of real router kernels (D-Link, Huawei, DD-WRT, TP-Link, LEDE)
        for (s, want) in [
            ("2.6.21.5", "2.6.21.5"),
            ("2.6.24.111 (root@dd-wrt)", "2.6.24.111"),
            ("2.6.36", "2.6.36"),
            ("4.9.77", "4.9.77"),
            ("2.6.33.2", "2.6.33.2"),
            ("2.4.25-LSDK-5.0.0-RC5", "2.4.25"),
            ("2.4.18-MIPS-01.00", "2.4.18"),
            ("2.6.15--LSDK-7.1.2.27", "2.6.15"),
            ("6.1.0-18-amd64", "6.1.0"),
            ("3.10.14-rt", "3.10.14-rt"),
            ("3.10.14-rt9", "3.10.14-rt9"),
            ("4.14.0-rtl8196", "4.14.0"),
            ("3.10", "3.10"),
        ] {
            assert_eq!(kernel_release(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn non_releases_are_refused() {
        for s in ["", "2", "v2.6.36", "12.6.3", "2.6.36abc", "2.6.1234", "x.y", "2.", ".6.3"] {
            assert_eq!(kernel_release(s), None, "{s}");
        }
    }
}
