//! A fixed in-memory report with a few layers, components, evidence, findings, vulnerabilities and
//! assessments: the input of the schema, golden and structure tests.
#![allow(dead_code)]

use std::collections::BTreeMap;

use fwassure_model::vuln::ComponentRef;
use fwassure_model::*;

pub const SHA_IMAGE: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
pub const SHA_BUSYBOX: &str = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
pub const SHA_LIBCRYPTO: &str = "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9";
pub const SHA_UHTTPD: &str = "baa5a0964d3320fbc0c6a922140453c8513ea24ab8fd0577034804a967248096";

fn layer(id: &str, parent: Option<&str>, format: &str, offset: u64, size: u64, files: u64) -> LayerSummary {
    LayerSummary {
        id: id.into(),
        parent: parent.map(Into::into),
        format: format.into(),
        offset,
        size,
        path: None,
        description: String::new(),
        files,
        problems: vec![],
        attributes: Default::default(),
        unclaimed: vec![],
        coverage: None,
    }
}

fn ev(layer: &str, path: &str, offset: Option<u64>, text: &str, method: &str, sha: Option<&str>) -> Evidence {
    Evidence {
        layer: layer.into(),
        path: path.into(),
        offset,
        text: text.into(),
        method: method.into(),
        sha256: sha.map(Into::into),
        // a stand-in of the right shape (40 hex digits)
        sha1: sha.map(|s| s.chars().take(40).collect()),
        sha512: sha.map(|s| s.repeat(2)),
        file_kind: sha.map(|_| if path.starts_with("/var/lib") { FileKind::Data } else { FileKind::Executable }),
    }
}

fn comp(
    name: &str,
    version: &str,
    source: ComponentSource,
    confidence: Confidence,
    evidence: Vec<Evidence>,
) -> Component {
    Component {
        name: name.into(),
        version: version.into(),
        purl: Some(format!("pkg:generic/{name}@{version}")),
        cpe: Some(format!("cpe:2.3:a:{name}:{name}:{version}:*:*:*:*:*:*:*")),
        source,
        confidence,
        package_version: None,
        license: None,
        supplier: None,
        evidence,
    }
}

fn vuln(id: &str, name: &str, version: &str, severity: Severity, status: VulnStatus) -> Vulnerability {
    Vulnerability {
        id: id.into(),
        aliases: vec![],
        component: ComponentRef { name: name.into(), version: version.into() },
        severity,
        score: None,
        vector: None,
        fixed_in: vec![],
        status,
        justification: None,
        reviewed: status != VulnStatus::Affected,
        matched: VulnMatch { method: "cpe".into(), on: format!("{name}:{name}"), range: "<9".into(), notes: vec![] },
        kev: false,
        cwe: vec![],
        references: vec![],
        published: None,
    }
}

/// The fixture report.
pub fn report() -> Report {
    let mut layers = vec![
        layer("L0", None, "uimage", 0, 4_194_304, 0),
        layer("L1", Some("L0"), "lzma", 64, 1_500_000, 0),
        layer("L2", Some("L0"), "squashfs", 1_500_064, 2_600_000, 214),
        layer("L3", Some("L2"), "cpio", 0, 40_960, 7),
    ];
    layers[0].description = "uImage multi, MIPS Linux Kernel Image".into();
    layers[3].path = Some("/lib/firmware/initrd.cpio".into());
    layers[3].problems = vec!["truncated entry at 40448".into()];

    let mut busybox = comp(
        "busybox",
        "1.36.1",
        ComponentSource::Binary,
        Confidence::High,
        vec![
            ev(
                "L2",
                "/bin/busybox",
                Some(0x5a3c0),
                "BusyBox v1.36.1 (2023-05-19 10:02:11 UTC)",
                "classifier:busybox",
                Some(SHA_BUSYBOX),
            ),
            ev("L3", "/bin/busybox", Some(0x1200), "BusyBox v1.36.1", "classifier:busybox", None),
        ],
    );
    busybox.license = Some("GPL-2.0-only".into());
    let openssl = comp(
        "openssl",
        "1.1.1w",
        ComponentSource::Binary,
        Confidence::High,
        vec![
            ev(
                "L2",
                "/usr/lib/libcrypto.so.1.1",
                Some(0x1d2f0),
                "OpenSSL 1.1.1w  11 Sep 2023",
                "classifier:openssl",
                Some(SHA_LIBCRYPTO),
            ),
            ev(
                "L2",
                "/usr/sbin/uhttpd",
                Some(0x8800),
                "OpenSSL 1.1.1w  11 Sep 2023",
                "classifier:openssl",
                Some(SHA_UHTTPD),
            ),
        ],
    );
    let mut linux = comp(
        "linux",
        "5.10.176",
        ComponentSource::Binary,
        Confidence::High,
        vec![ev(
            "L1",
            "",
            Some(0x3a0),
            "Linux version 5.10.176 (builder@buildhost) (mips-openwrt-linux-musl-gcc)",
            "kernel-banner",
            None,
        )],
    );
    linux.purl = None;
    let mut zlib = comp(
        "zlib",
        "1.2.13",
        ComponentSource::PackageDb,
        Confidence::High,
        vec![ev("L2", "/usr/lib/opkg/status", None, "Package: zlib", "opkg", None)],
    );
    zlib.purl = Some("pkg:openwrt/zlib@1.2.13-1".into());
    zlib.package_version = Some("1.2.13-1".into());
    zlib.license = Some("Zlib".into());
    zlib.supplier = Some("OpenWrt Project <openwrt-devel@lists.openwrt.org>".into());
    let mut dropbear = comp(
        "dropbear",
        "2022.83",
        ComponentSource::PackageDb,
        Confidence::High,
        vec![ev("L2", "/usr/lib/opkg/status", None, "Package: dropbear", "opkg", None)],
    );
    dropbear.license = Some("MIT AND BSD-like".into());
    let mut jquery = comp(
        "jquery",
        "1.8.3",
        ComponentSource::File,
        Confidence::Medium,
        vec![ev("L2", "/www/js/jquery <old>&.min.js", Some(0), "jQuery v1.8.3 jquery.com", "file:jquery", None)],
    );
    jquery.cpe = None;
    let components = vec![busybox, dropbear, jquery, linux, openssl, zlib];

    let findings = vec![
        Finding {
            rule: "cred.empty-password".into(),
            kind: FindingKind::EmptyPassword,
            severity: Severity::Critical,
            layer: "L2".into(),
            path: "/etc/shadow".into(),
            subject: "root".into(),
            message: "Account root can log in with no password.".into(),
            evidence: "root::19000:0:99999:7:::".into(),
            remediation: "Set a password or lock the account.".into(),
            cwe: "CWE-258".into(),
            requirements: vec!["etsi-en-303-645:5.1-1".into()],
            line: Some(1),
            fingerprint: None,
            chain: vec![],
        },
        Finding {
            rule: "key.private".into(),
            kind: FindingKind::PrivateKey,
            severity: Severity::High,
            layer: "L2".into(),
            path: "/etc/ssl/private/server key.pem".into(),
            subject: "RSA 1024".into(),
            message: "A private key is embedded in the image.".into(),
            evidence: "-----BEGIN RSA PRIVATE KEY----- (redacted)".into(),
            remediation: "Generate keys per device at first boot.".into(),
            cwe: "CWE-321".into(),
            requirements: vec!["etsi-en-303-645:5.4-1".into()],
            line: None,
            fingerprint: Some("sha256:0f0e0d".into()),
            chain: vec![],
        },
        Finding {
            rule: "svc.telnet".into(),
            kind: FindingKind::CleartextService,
            severity: Severity::Medium,
            layer: "L3".into(),
            path: "/etc/inittab".into(),
            subject: "telnet".into(),
            message: "telnetd starts at boot.".into(),
            evidence: "::respawn:/usr/sbin/telnetd -F".into(),
            remediation: "Remove telnetd; use SSH.".into(),
            cwe: "CWE-319".into(),
            requirements: vec![],
            line: Some(3),
            fingerprint: None,
            chain: vec![],
        },
    ];

    let mut v1 = vuln("CVE-2023-5678", "openssl", "1.1.1w", Severity::Medium, VulnStatus::Affected);
    v1.score = Some(5.3);
    v1.vector = Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L".into());
    v1.fixed_in = vec!["1.1.1x".into()];
    v1.cwe = vec!["CWE-754".into()];
    v1.references = vec!["https://www.openssl.org/news/secadv/20231106.txt".into()];
    v1.published = Some("2023-11-06".into());
    v1.aliases = vec!["GHSA-xxxx-yyyy-zzzz".into()];
    let mut v2 = vuln("CVE-2022-48174", "busybox", "1.36.1", Severity::Critical, VulnStatus::NotAffected);
    v2.justification = Some("the ash applet is not built".into());
    v2.kev = true;
    let v3 = vuln("CVE-2023-1234", "linux", "5.10.176", Severity::High, VulnStatus::UnderInvestigation);
    let vulnerabilities = vec![v2, v3, v1];

    let assessments = vec![
        Assessment {
            standard: "etsi-en-303-645".into(),
            requirement: "5.1-1".into(),
            title: "No universal default passwords".into(),
            verdict: Verdict::Fail,
            reasons: vec!["root has an empty password".into()],
            findings: vec!["cred.empty-password".into()],
            evidence: vec![],
            path: vec![],
        },
        Assessment {
            standard: "etsi-en-303-645".into(),
            requirement: "5.2-1".into(),
            title: "Vulnerability disclosure policy".into(),
            verdict: Verdict::NeedsEvidence,
            reasons: vec!["the vendor must publish a policy".into()],
            findings: vec![],
            evidence: vec![],
            path: vec![],
        },
    ];

    Report {
        schema: REPORT_SCHEMA.into(),
        tool: ToolInfo { name: "fwassure".into(), version: "0.1.0".into() },
        image: ImageInfo { path: "/data/images/router fw.bin".into(), size: 4_194_304, sha256: SHA_IMAGE.into() },
        layers,
        components,
        findings,
        vulnerabilities,
        assessments,
        problems: vec![Problem::at("L3", "/bin/broken", "truncated entry")],
        extra: BTreeMap::new(),
        stats: Stats { layers: 4, files: 221, unpacked_bytes: 9_000_000, elapsed_ms: 0 },
    }
}

/// A report with nothing found: no layers, no components.
pub fn empty_report() -> Report {
    Report {
        schema: REPORT_SCHEMA.into(),
        tool: ToolInfo { name: "fwassure".into(), version: "0.1.0".into() },
        image: ImageInfo { path: "blob".into(), size: 3, sha256: SHA_BUSYBOX.into() },
        layers: vec![],
        components: vec![],
        findings: vec![],
        vulnerabilities: vec![],
        assessments: vec![],
        problems: vec![],
        extra: BTreeMap::new(),
        stats: Stats { layers: 0, files: 0, unpacked_bytes: 0, elapsed_ms: 0 },
    }
}
