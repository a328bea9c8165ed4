//! Second, independent version strings of products (confirming evidence).

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from libcurl.so.4.8.0 of Debian package libcurl4 (version 7); snippet under tests/snippets/libcurl-client/.
    // Sample: CLIENT libcurl 7.88.1
    Classifier {
        id: "libcurl-client",
        name: "curl",
        globs: &[r#"libcurl*.so*"#],
        anchors: &["CLIENT libcurl "],
        pattern: r#"CLIENT libcurl (?P<version>\d+\.\d+\.\d+)"#,
        sample: "CLIENT libcurl 7.88.1",
        purl: "pkg:generic/curl@{version}",
        cpe: "cpe:2.3:a:haxx:libcurl:{version}:*:*:*:*:*:*:*",
        debian: &["libcurl4"],
        ..Classifier::DEFAULT
    },
    // Written from dbclient of Debian package dropbear-bin (version 2022); snippet under tests/snippets/dropbear-client/.
    // Sample: \x002022.83\x00
    Classifier {
        id: "dropbear-client",
        name: "dropbear",
        globs: &[r#"dbclient"#, r#"dropbear*"#],
        anchors: &["Dropbear v%s"],
        pattern: r#"(?:\x00|SSH-2\.0-dropbear_)(?P<version>20\d\d\.\d\d)\x00"#,
        scope: Scope::File,
        guards: &[r#"Dropbear v%s"#],
        sample: "\x002022.83\x00",
        purl: "pkg:generic/dropbear@{version}",
        cpe: "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["dropbear-bin"],
        ..Classifier::DEFAULT
    },
    // Written from openvpn of Debian package openvpn (version 2.6.14-0); snippet under tests/snippets/openvpn-bare/.
    // Sample: \x002.6.14\x00
    Classifier {
        id: "openvpn-bare",
        name: "openvpn",
        globs: &[r#"openvpn"#],
        anchors: &["OpenVPN "],
        pattern: r#"\x00(?P<version>2\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        guards: &[r#"OpenVPN \d+\.\d+\.\d+ [\w.-]+ \["#],
        sample: "\x002.6.14\x00",
        purl: "pkg:generic/openvpn@{version}",
        cpe: "cpe:2.3:a:openvpn:openvpn:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["openvpn"],
        ..Classifier::DEFAULT
    },
    // Written from miniupnpd of Debian package miniupnpd-nftables (version 2.3.1); snippet under tests/snippets/miniupnpd-version/.
    // Sample: \x00miniupnpd 2.3.1 Dec 21 2022\x00
    Classifier {
        id: "miniupnpd-version",
        name: "miniupnpd",
        globs: &[r#"miniupnpd"#],
        anchors: &["miniupnpd "],
        pattern: r#"\x00miniupnpd (?P<version>\d+\.\d+(?:\.\d+)?) [A-Z][a-z]{2} {1,2}\d{1,2} \d{4}\x00"#,
        sample: "\x00miniupnpd 2.3.1 Dec 21 2022\x00",
        purl: "pkg:generic/miniupnpd@{version}",
        cpe: "cpe:2.3:a:miniupnp_project:miniupnpd:{version}:*:*:*:*:*:*:*",
        debian: &["miniupnpd-nftables"],
        ..Classifier::DEFAULT
    },
    // Written from nginx of Debian package nginx (version 1.22); snippet under tests/snippets/nginx-server/.
    // Sample: Server: nginx/1.22.1
    Classifier {
        id: "nginx-server",
        name: "nginx",
        globs: &[r#"nginx"#],
        anchors: &["Server: nginx/"],
        pattern: r#"Server: nginx/(?P<version>\d+\.\d+\.\d+)\r?\n?\x00?"#,
        sample: "Server: nginx/1.22.1",
        purl: "pkg:generic/nginx@{version}",
        cpe: "cpe:2.3:a:f5:nginx:{version}:*:*:*:*:*:*:*",
        debian: &["nginx"],
        ..Classifier::DEFAULT
    },
    // Written from busybox of Debian package busybox-static (version 1:1.35); snippet under tests/snippets/busybox-syslogd/.
    // Sample: syslogd started: BusyBox v1.35.0
    Classifier {
        id: "busybox-syslogd",
        name: "busybox",
        globs: &[r#"busybox*"#],
        anchors: &["syslogd started: BusyBox v"],
        pattern: r#"syslogd started: BusyBox v(?P<version>\d+\.\d+\.\d+)"#,
        sample: "syslogd started: BusyBox v1.35.0",
        purl: "pkg:generic/busybox@{version}",
        cpe: "cpe:2.3:a:busybox:busybox:{version}:*:*:*:*:*:*:*",
        debian: &["busybox-static"],
        ..Classifier::DEFAULT
    },
    // Written from busybox of Debian package busybox-static (version 1:1.35); snippet under tests/snippets/busybox-httpd/.
    // Sample: SERVER_SOFTWARE=busybox httpd/1.35.0
    Classifier {
        id: "busybox-httpd",
        name: "busybox",
        globs: &[r#"busybox*"#],
        anchors: &["busybox httpd/"],
        pattern: r#"SERVER_SOFTWARE=busybox httpd/(?P<version>\d+\.\d+\.\d+)"#,
        sample: "SERVER_SOFTWARE=busybox httpd/1.35.0",
        purl: "pkg:generic/busybox@{version}",
        cpe: "cpe:2.3:a:busybox:busybox:{version}:*:*:*:*:*:*:*",
        debian: &["busybox-static"],
        ..Classifier::DEFAULT
    },
    // Written from libpcap.so.1.10.5 of Debian package libpcap0.8t64 (version 1.10.5); snippet under tests/snippets/libpcap-so/.
    // Sample: \x00libpcap version 1.10.5 (with TPACKET_V3)
    Classifier {
        id: "libpcap-so",
        name: "libpcap",
        globs: &[r#"libpcap.so*"#],
        anchors: &["libpcap version "],
        pattern: r#"\x00libpcap version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "\x00libpcap version 1.10.5 (with TPACKET_V3)",
        purl: "pkg:generic/libpcap@{version}",
        cpe: "cpe:2.3:a:tcpdump:libpcap:{version}:*:*:*:*:*:*:*",
        debian: &["libpcap0.8t64"],
        ..Classifier::DEFAULT
    },
    // Written from file of Debian package file (version see snippet); snippet under tests/snippets/file/.
    // Sample: Unknown param %s\x005.44\x00
    Classifier {
        id: "file",
        name: "file",
        globs: &[r#"file"#],
        anchors: &["Unknown param %s\x00"],
        pattern: r#"Unknown param %s\x00{1,8}(?:%s-%s\n\x00{1,8})?(?P<version>5\.\d+)\x00"#,
        sample: "Unknown param %s\x005.44\x00",
        purl: "pkg:generic/file@{version}",
        cpe: "cpe:2.3:a:file_project:file:{version}:*:*:*:*:*:*:*",
        debian: &["file"],
        ..Classifier::DEFAULT
    },
    // Written from libmagic.so.1.0.0 of Debian package libmagic1 (version see snippet); snippet under tests/snippets/libmagic/.
    // Sample: bad magic in `%s'\x005.44\x00
    Classifier {
        id: "libmagic",
        name: "file",
        globs: &[r#"libmagic.so*"#],
        anchors: &["bad magic in `%s'\x00"],
        pattern: r#"bad magic in `%s'\x00{1,8}(?P<version>5\.\d+)\x00"#,
        sample: "bad magic in `%s'\x005.44\x00",
        purl: "pkg:generic/file@{version}",
        cpe: "cpe:2.3:a:file_project:file:{version}:*:*:*:*:*:*:*",
        debian: &["libmagic1"],
        ..Classifier::DEFAULT
    },
];
