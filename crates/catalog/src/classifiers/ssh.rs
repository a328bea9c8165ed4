//! SSH servers, clients and libraries.

use crate::classifier::Classifier;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from dropbear of Debian package dropbear-bin (version 2022); snippet under tests/snippets/dropbear/.
    // Sample: SSH-2.0-dropbear_2022.83
    Classifier {
        id: "dropbear",
        name: "dropbear",
        globs: &[r#"dropbear"#, r#"dbclient"#, r#"dropbearmulti"#, r#"dropbearkey"#, r#"dropbearconvert"#],
        anywhere: true,
        anchors: &["SSH-2.0-dropbear_"],
        pattern: r#"SSH-2\.0-dropbear_(?P<version>20\d\d\.\d+|0\.\d+)"#,
        sample: "SSH-2.0-dropbear_2022.83",
        purl: "pkg:generic/dropbear@{version}",
        cpe: "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:{version}:*:*:*:*:*:*:*",
        debian: &["dropbear-bin"],
        ..Classifier::DEFAULT
    },
    // Written from sshd of Debian package openssh-server (version see snippet); snippet under tests/snippets/openssh/.
    // Sample: OpenSSH_9.2p1 Debian-2+deb12u10
    // OpenSSH portable's 10.0p1 release tarball already says 10.0p2 in version.h (an upstream slip it kept), so
    // Debian trixie's 1:10.0p1-x prints `OpenSSH_10.0p2`: the banner is what the classifier reports (the matrix
    // script's PRINTED rule maps that Debian version to the printed one).
    Classifier {
        id: "openssh",
        name: "openssh",
        globs: &[r#"sshd"#, r#"ssh"#, r#"ssh-keysign"#, r#"sftp-server"#, r#"ssh-agent"#, r#"scp"#, r#"sftp"#],
        anywhere: true,
        anchors: &["OpenSSH_"],
        pattern: r#"OpenSSH_(?P<version>\d+\.\d+p\d+)"#,
        sample: "OpenSSH_9.2p1 Debian-2+deb12u10",
        purl: "pkg:generic/openssh@{version}",
        cpe: "cpe:2.3:a:openbsd:openssh:{version}:*:*:*:*:*:*:*",
        debian: &["openssh-server"],
        ..Classifier::DEFAULT
    },
    // Written from libssh.so.4.9.6 of Debian package libssh-4 (version see snippet); snippet under tests/snippets/libssh/.
    // Sample: SSH-2.0-libssh_0.10.6
    Classifier {
        id: "libssh",
        name: "libssh",
        globs: &[r#"libssh.so*"#],
        anywhere: true,
        anchors: &["SSH-2.0-libssh_"],
        pattern: r#"SSH-2\.0-libssh_(?P<version>\d+\.\d+\.\d+)"#,
        sample: "SSH-2.0-libssh_0.10.6",
        purl: "pkg:generic/libssh@{version}",
        cpe: "cpe:2.3:a:libssh:libssh:{version}:*:*:*:*:*:*:*",
        debian: &["libssh-4"],
        ..Classifier::DEFAULT
    },
    // Written from libssh2.so.1.0.1 of Debian package libssh2-1 (version see snippet); snippet under tests/snippets/libssh2/.
    // Sample: SSH-2.0-libssh2_1.10.0
    Classifier {
        id: "libssh2",
        name: "libssh2",
        globs: &[r#"libssh2.so*"#],
        anywhere: true,
        anchors: &["SSH-2.0-libssh2_"],
        pattern: r#"SSH-2\.0-libssh2_(?P<version>\d+\.\d+\.\d+)"#,
        sample: "SSH-2.0-libssh2_1.10.0",
        purl: "pkg:generic/libssh2@{version}",
        cpe: "cpe:2.3:a:libssh2:libssh2:{version}:*:*:*:*:*:*:*",
        debian: &["libssh2-1"],
        ..Classifier::DEFAULT
    },
];
