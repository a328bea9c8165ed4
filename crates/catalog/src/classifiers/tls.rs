//! TLS, crypto and security libraries and daemons.

use crate::classifier::{Classifier, Scope};

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from libcrypto.so.3 of Debian package libssl3 (version 3.0.20); snippet under tests/snippets/openssl/.
    // Sample: OpenSSL 3.0.20 7 Apr 2026
    Classifier {
        id: "openssl",
        name: "openssl",
        globs: &[r#"libcrypto.so*"#, r#"libssl.so*"#, r#"openssl"#],
        anywhere: true,
        anchors: &["OpenSSL "],
        pattern: r#"OpenSSL (?P<version>[0-3]\.\d{1,2}\.\d{1,2}[a-z]{0,2})(?:-(?:fips|dev|beta\d|alpha\d))? {1,2}\d{1,2} [A-Z][a-z]{2} \d{4}"#,
        // the version text alone is also compiled into every program built against OpenSSL ("built with
        // OpenSSL 3.4.1"), so a copy of the library itself must show its own source-file names, or (1.0.x and
        // older, whose builds may keep bare file names) the "<module> part of OpenSSL" strings of its modules
        guards: &[
            r#"crypto/(?:evp|x509|bn)/[a-z_0-9]+\.c|(?:SSLv3|TLSv1|DTLSv1|SSLv2|RSA|EVP|DES|Big Number|SHA1?|MD5|RAND|X\.509|ASN\.1) part of OpenSSL \d"#,
        ],
        sample: "OpenSSL 3.0.20 7 Apr 2026",
        purl: "pkg:generic/openssl@{version}",
        cpe: "cpe:2.3:a:openssl:openssl:{version}:*:*:*:*:*:*:*",
        debian: &["libssl3"],
        ..Classifier::DEFAULT
    },
    // Written from libmbedcrypto.so.2.28.3 of Debian package libmbedcrypto7 (version see snippet); snippet under tests/snippets/mbedtls/.
    // Sample: \x00mbed TLS 2.28.3\x00
    // Not matched on x86 builds of i386 (2.28) and amd64/i386 (3.6): GCC builds the short `mbed TLS x.y.z`
    // string of mbedtls_version_get_string_full() with immediate stores in the code, so no such string exists in
    // the file's data; the version number itself is an immediate as well. Nothing honest to match there.
    Classifier {
        id: "mbedtls",
        name: "mbedtls",
        globs: &[r#"libmbed*.so*"#],
        anywhere: true,
        anchors: &["bed TLS "],
        pattern: r#"\x00[Mm]bed TLS (?P<version>\d\.\d{1,2}\.\d{1,2})\x00"#,
        sample: "\x00mbed TLS 2.28.3\x00",
        purl: "pkg:generic/mbedtls@{version}",
        cpe: "cpe:2.3:a:arm:mbed_tls:{version}:*:*:*:*:*:*:*",
        debian: &["libmbedcrypto7"],
        ..Classifier::DEFAULT
    },
    // Written from libwolfssl.so.35.3.0 of Debian package libwolfssl35 (version see snippet); snippet under tests/snippets/wolfssl/.
    // Sample: \x00wolfSSL 5.5.4\x00
    Classifier {
        id: "wolfssl",
        name: "wolfssl",
        globs: &[r#"libwolfssl.so*"#],
        anywhere: true,
        anchors: &["wolfSSL "],
        pattern: r#"\x00wolfSSL (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00wolfSSL 5.5.4\x00",
        purl: "pkg:generic/wolfssl@{version}",
        cpe: "cpe:2.3:a:wolfssl:wolfssl:{version}:*:*:*:*:*:*:*",
        debian: &["libwolfssl35"],
        ..Classifier::DEFAULT
    },
    // Written from libgnutls.so.30.34.3 of Debian package libgnutls30 (version see snippet); snippet under tests/snippets/gnutls/.
    // Sample: Enabled GnuTLS 3.7.9 logging...
    Classifier {
        id: "gnutls",
        name: "gnutls",
        globs: &[r#"libgnutls.so*"#],
        anywhere: true,
        anchors: &["GnuTLS "],
        pattern: r#"Enabled GnuTLS (?P<version>\d+\.\d+\.\d+) logging"#,
        sample: "Enabled GnuTLS 3.7.9 logging...",
        purl: "pkg:generic/gnutls@{version}",
        cpe: "cpe:2.3:a:gnu:gnutls:{version}:*:*:*:*:*:*:*",
        debian: &["libgnutls30"],
        ..Classifier::DEFAULT
    },
    // Written from libssl3.so of Debian package libnss3 (version see snippet); snippet under tests/snippets/nss/.
    // Sample: Version: NSS 3.87.1
    Classifier {
        id: "nss",
        name: "nss",
        globs: &[r#"libssl3.so"#, r#"libnss*.so"#, r#"libsoftokn3.so"#, r#"libfreebl*.so"#],
        anchors: &["Version: NSS "],
        pattern: r#"Version: NSS (?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "Version: NSS 3.87.1",
        purl: "pkg:generic/nss@{version}",
        cpe: "cpe:2.3:a:mozilla:nss:{version}:*:*:*:*:*:*:*",
        debian: &["libnss3"],
        ..Classifier::DEFAULT
    },
    // Written from libgcrypt.so.20.4.1 of Debian package libgcrypt20 (version see snippet); snippet under tests/snippets/libgcrypt/.
    // Sample: This is Libgcrypt 1.10.1 - The GNU Crypto Library
    Classifier {
        id: "libgcrypt",
        name: "libgcrypt",
        globs: &[r#"libgcrypt.so*"#],
        anywhere: true,
        anchors: &["This is Libgcrypt "],
        pattern: r#"This is Libgcrypt (?P<version>\d+\.\d+\.\d+)"#,
        sample: "This is Libgcrypt 1.10.1 - The GNU Crypto Library",
        purl: "pkg:generic/libgcrypt@{version}",
        cpe: "cpe:2.3:a:gnupg:libgcrypt:{version}:*:*:*:*:*:*:*",
        debian: &["libgcrypt20"],
        ..Classifier::DEFAULT
    },
    // Written from libgpgme.so.11.27.0 of Debian package libgpgme11 (version see snippet); snippet under tests/snippets/gpgme/.
    // Sample: This is GPGME 1.18.0 - The GnuPG Made Easy library
    Classifier {
        id: "gpgme",
        name: "gpgme",
        globs: &[r#"libgpgme.so*"#],
        anchors: &["This is GPGME "],
        pattern: r#"This is GPGME (?P<version>\d+\.\d+\.\d+)"#,
        sample: "This is GPGME 1.18.0 - The GnuPG Made Easy library",
        purl: "pkg:generic/gpgme@{version}",
        cpe: "cpe:2.3:a:gnupg:gpgme:{version}:*:*:*:*:*:*:*",
        debian: &["libgpgme11"],
        ..Classifier::DEFAULT
    },
    // Written from libassuan.so.0.8.5 of Debian package libassuan0 (version see snippet); snippet under tests/snippets/libassuan/.
    // Sample: This is Libassuan 2.5.5 - The GnuPG IPC Library
    Classifier {
        id: "libassuan",
        name: "libassuan",
        globs: &[r#"libassuan.so*"#],
        anchors: &["This is Libassuan "],
        pattern: r#"This is Libassuan (?P<version>\d+\.\d+\.\d+)"#,
        sample: "This is Libassuan 2.5.5 - The GnuPG IPC Library",
        purl: "pkg:generic/libassuan@{version}",
        cpe: "cpe:2.3:a:gnupg:libassuan:{version}:*:*:*:*:*:*:*",
        debian: &["libassuan0"],
        ..Classifier::DEFAULT
    },
    // Written from libksba.so.8.14.3 of Debian package libksba8 (version see snippet); snippet under tests/snippets/libksba/.
    // Sample: This is Libksba 1.6.3 - An X.509 and CMS Library
    Classifier {
        id: "libksba",
        name: "libksba",
        globs: &[r#"libksba.so*"#],
        anchors: &["This is Libksba "],
        pattern: r#"This is Libksba (?P<version>\d+\.\d+\.\d+)"#,
        sample: "This is Libksba 1.6.3 - An X.509 and CMS Library",
        purl: "pkg:generic/libksba@{version}",
        cpe: "cpe:2.3:a:gnupg:libksba:{version}:*:*:*:*:*:*:*",
        debian: &["libksba8"],
        ..Classifier::DEFAULT
    },
    // Written from libkrb5.so.3.3 of Debian package libkrb5-3 (version see snippet); snippet under tests/snippets/krb5/.
    // Sample: KRB5_BRAND: krb5-1.20.1-final 1.20.1 20221111
    Classifier {
        id: "krb5",
        name: "krb5",
        globs: &[r#"libkrb5.so*"#],
        anchors: &["KRB5_BRAND: krb5-"],
        pattern: r#"KRB5_BRAND: krb5-(?P<version>\d+\.\d+(?:\.\d+)?)-final"#,
        sample: "KRB5_BRAND: krb5-1.20.1-final 1.20.1 20221111",
        purl: "pkg:generic/krb5@{version}",
        cpe: "cpe:2.3:a:mit:kerberos_5:{version}:*:*:*:*:*:*:*",
        debian: &["libkrb5-3"],
        ..Classifier::DEFAULT
    },
    // Written from gpg of Debian package gpg (version see snippet); snippet under tests/snippets/gnupg/.
    // Sample: GNU Privacy Guard's OpenPGP server 2.2.40 ready
    Classifier {
        id: "gnupg",
        name: "gnupg",
        globs: &[r#"gpg"#, r#"gpg2"#],
        anchors: &["OpenPGP server "],
        pattern: r#"GNU Privacy Guard's OpenPGP server (?P<version>\d+\.\d+\.\d+) ready"#,
        sample: "GNU Privacy Guard's OpenPGP server 2.2.40 ready",
        purl: "pkg:generic/gnupg@{version}",
        cpe: "cpe:2.3:a:gnupg:gnupg:{version}:*:*:*:*:*:*:*",
        debian: &["gpg"],
        ..Classifier::DEFAULT
    },
    // Written from stunnel4 of Debian package stunnel4 (version see snippet); snippet under tests/snippets/stunnel/.
    // Sample: stunnel 5.68 on x86_64-pc-linux-gnu platform
    Classifier {
        id: "stunnel",
        name: "stunnel",
        globs: &[r#"stunnel*"#],
        anchors: &["stunnel "],
        pattern: r#"stunnel (?P<version>\d+\.\d+) on [\w.-]+ platform"#,
        sample: "stunnel 5.68 on x86_64-pc-linux-gnu platform",
        purl: "pkg:generic/stunnel@{version}",
        cpe: "cpe:2.3:a:stunnel:stunnel:{version}:*:*:*:*:*:*:*",
        debian: &["stunnel4"],
        ..Classifier::DEFAULT
    },
    // Written from ocserv-worker of Debian package ocserv (version see snippet); snippet under tests/snippets/ocserv/.
    // Sample: X-CSTP-Server-Name: ocserv 1.1.6
    Classifier {
        id: "ocserv",
        name: "ocserv",
        globs: &[r#"ocserv*"#],
        anchors: &["X-CSTP-Server-Name: ocserv ", "OpenConnect VPN Server "],
        pattern: r#"(?:X-CSTP-Server-Name: ocserv |OpenConnect VPN Server )(?P<version>\d+\.\d+\.\d+)"#,
        sample: "X-CSTP-Server-Name: ocserv 1.1.6",
        purl: "pkg:generic/ocserv@{version}",
        cpe: "cpe:2.3:a:ocserv_project:ocserv:{version}:*:*:*:*:*:*:*",
        debian: &["ocserv"],
        ..Classifier::DEFAULT
    },
    // Written from libsodium.so.23.3.0 of Debian package libsodium23 (version see snippet); snippet under tests/snippets/libsodium/.
    // Sample: _sodium_malloc\x001.0.18\x00
    Classifier {
        id: "libsodium",
        name: "libsodium",
        globs: &[r#"libsodium.so*"#],
        anchors: &["sodium_init"],
        // the version string's neighbours differ with compiler and release (NUL padding on arm64/armhf, utils.c's
        // assertion text on trixie amd64/i386): it is taken as the library's one bare x.y.z string, searched over
        // the whole file, only in libsodium's own file (its one bare version in every matrix build)
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.0\.\d+)\x00"#,
        scope: Scope::File,
        sample: "_sodium_malloc\x001.0.18\x00",
        purl: "pkg:generic/libsodium@{version}",
        cpe: "cpe:2.3:a:libsodium_project:libsodium:{version}:*:*:*:*:*:*:*",
        debian: &["libsodium23"],
        ..Classifier::DEFAULT
    },
];
