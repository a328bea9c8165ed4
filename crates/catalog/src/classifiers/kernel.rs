//! Kernel images, modules and boot loaders.

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from the upstream string format; see tests/snippets/linux/ for the real bytes.
    // Sample: Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12
    // Debian names the kernel by its ABI (6.1.0-56) and prints the upstream point release only at the end
    // of the banner: "… #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)". The optional prefix takes
    // that version when it is there (hence the wider window).
    // The release keeps its sublevel and the 2.6 stable series' fourth number (`2.6.21.5`, `2.6.24.111`) and
    // a PREEMPT_RT `-rtN`; a vendor's local suffix (`2.6.31--LSDK-9.2.0.312`) is left out (see
    // `kernel_version`). The banner is `Linux version <release> (<user>@<host>) (<compiler>) …` in every
    // kernel since 2.0 (init/version.c): the `@` of the first parentheses (or Debian's date) tells it from a
    // help text that says "Linux version 2.6 (or later)".
    Classifier {
        id: "linux",
        name: "linux",
        globs: &[r#"vmlinux*"#, r#"vmlinuz*"#, r#"zImage"#, r#"uImage"#, r#"Image"#, r#"bzImage"#, r#"*.bin"#],
        anywhere: true,
        anchors: &["Linux version "],
        pattern: r#"Linux version (?:\d[^ \x00]* \(debian-kernel@lists\.debian\.org\) [^\x00]{0,250}? Debian )?(?P<version>\d\.\d{1,2}(?:\.\d{1,3}){0,2}(?:-rt\d*)?)(?:[-+.~_][-+\w.~]*)? \((?:[^()\x00]{1,120}@[^()\x00]{1,120}|\d{4}-\d\d-\d\d)\)"#,
        window: 400,
        sample: "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12",
        purl: "pkg:generic/linux@{version}",
        cpe: "cpe:2.3:o:linux:linux_kernel:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream string format; see tests/snippets/linux-vermagic/ for the real bytes.
    // Sample: vermagic=6.1.0-18-amd64 SMP preempt mod_unload modversions
    // The release as in the banner (`vermagic=2.6.21.5 mod_unload MIPS32_R2 32BIT `, Huawei HG532e modules).
    Classifier {
        id: "linux-vermagic",
        name: "linux",
        globs: &[r#"*.ko"#],
        anchors: &["vermagic="],
        pattern: r#"vermagic=(?P<version>\d\.\d{1,2}(?:\.\d{1,3}){0,2}(?:-rt\d*)?)(?:[-+.~_][-+\w.~]*)? "#,
        sample: "vermagic=6.1.0-18-amd64 SMP preempt mod_unload modversions ",
        purl: "pkg:generic/linux@{version}",
        cpe: "cpe:2.3:o:linux:linux_kernel:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream string format; see tests/snippets/u-boot/ for the real bytes.
    // Sample: \x00U-Boot 2023.01+dfsg-2+deb12u3 (Jan 01 2024 - 00:00:00 +0000)
    // U-Boot's version_string is `U-Boot <version> (<__DATE__> - <__TIME__>)` in every release (1.1.x up to
    // today; `U-Boot SPL …` in the SPL): the version is kept as printed with the build's local version
    // (`2010.06-svn3112`, `2018.05-00007-g8b9203a`, `1.1.4`), without a `+…` packaging suffix. The build date
    // in `__DATE__` form guards the match.
    Classifier {
        id: "u-boot",
        name: "u-boot",
        globs: &[r#"u-boot*"#, r#"*.bin"#, r#"*.img"#, r#"*.itb"#],
        anywhere: true,
        anchors: &["U-Boot "],
        pattern: r#"U-Boot (?:SPL )?(?P<version>\d{1,4}\.\d{1,2}(?:\.\d{1,3})?(?:-[\w.]+)*)(?:\+[-+\w.~]*)? \([A-Z][a-z]{2} [ \d]?\d \d{4} - \d\d:\d\d"#,
        sample: "\x00U-Boot 2023.01+dfsg-2+deb12u3 (Jan 01 2024 - 00:00:00 +0000)",
        purl: "pkg:generic/u-boot@{version}",
        cpe: "cpe:2.3:a:denx:u-boot:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from mkimage of Debian package u-boot-tools (version see snippet); snippet under tests/snippets/u-boot-mkimage/.
    // Sample: \x002023.01\x00
    Classifier {
        id: "u-boot-mkimage",
        name: "u-boot-tools",
        globs: &[r#"mkimage"#, r#"dumpimage"#],
        anchors: &["mkimage version "],
        pattern: r#"\x00(?P<version>20\d\d\.\d\d(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        guards: &[r#"Image Name:"#],
        sample: "\x002023.01\x00",
        purl: "pkg:generic/u-boot-tools@{version}",
        cpe: "cpe:2.3:a:denx:u-boot:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["u-boot-tools"],
        ..Classifier::DEFAULT
    },
];
