//! Embedded Linux libraries found by breadth (issue 16): JSON, HTTP/2, IDN, compression, crypto helpers,
//! media, async I/O. Most libraries keep their version as a bare string (what their `*_version()` function
//! returns): those entries search the whole library file, once a string of the library's own is seen.
use crate::classifier::{Classifier, Scope};
/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from /usr/lib/x86_64-linux-gnu/libcoap-3-notls.so.3.0.0 of Debian package libcoap3 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libcoap/.
    // Sample: \x00libcoap 4.3.1\x00
    Classifier {
        id: "libcoap",
        name: "libcoap",
        globs: &[r#"libcoap*.so*"#],
        anywhere: true,
        anchors: &["libcoap "],
        pattern: r#"\x00libcoap (?P<version>\d+\.\d+\.\d+(?:rc\d+)?)\x00"#,
        sample: "\x00libcoap 4.3.1\x00",
        purl: "pkg:generic/libcoap@{version}",
        cpe: "cpe:2.3:a:libcoap:libcoap:{version}:*:*:*:*:*:*:*",
        debian: &["libcoap3"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libconfuse.so.2.1.0 of Debian package libconfuse2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libconfuse/.
    // Sample: libConfuse 3.3 by Martin Hedenfalk <martin@bzero.se>
    Classifier {
        id: "libconfuse",
        name: "libconfuse",
        globs: &[r#"libconfuse.so*"#],
        anywhere: true,
        anchors: &["libConfuse "],
        pattern: r#"libConfuse (?P<version>\d+\.\d+(?:\.\d+)?) by Martin Hedenfalk"#,
        sample: "libConfuse 3.3 by Martin Hedenfalk <martin@bzero.se>",
        purl: "pkg:generic/libconfuse@{version}",
        cpe: "cpe:2.3:a:libconfuse_project:libconfuse:{version}:*:*:*:*:*:*:*",
        debian: &["libconfuse2"],
        ..Classifier::DEFAULT
    },
    // Written from /lib/x86_64-linux-gnu/libgpg-error.so.0.33.1 of Debian package libgpg-error0 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libgpg-error/.
    // Sample: This is Libgpg-error 1.46 - A runtime library
    Classifier {
        id: "libgpg-error",
        name: "libgpg-error",
        globs: &[r#"libgpg-error.so*"#],
        anywhere: true,
        anchors: &["This is Libgpg-error "],
        pattern: r#"This is Libgpg-error (?P<version>\d+\.\d+(?:\.\d+)?) - A runtime library"#,
        sample: "This is Libgpg-error 1.46 - A runtime library",
        purl: "pkg:generic/libgpg-error@{version}",
        cpe: "cpe:2.3:a:gnupg:libgpg-error:{version}:*:*:*:*:*:*:*",
        debian: &["libgpg-error0"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libjbig.so.0 of Debian package libjbig0 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/jbig-kit/.
    // Sample: JBIG-KIT 2.1 -- (c) 1995-2014 Markus Kuhn
    Classifier {
        id: "jbig-kit",
        name: "jbig-kit",
        globs: &[r#"libjbig*.so*"#],
        anywhere: true,
        anchors: &["JBIG-KIT "],
        pattern: r#"JBIG-KIT (?P<version>\d+\.\d+) (?:\(T\.85 version\) )?-- \(c\)"#,
        sample: "JBIG-KIT 2.1 -- (c) 1995-2014 Markus Kuhn",
        purl: "pkg:generic/jbig-kit@{version}",
        cpe: "cpe:2.3:a:jbig-kit_project:jbig-kit:{version}:*:*:*:*:*:*:*",
        debian: &["libjbig0"],
        ..Classifier::DEFAULT
    },
    // Written from /lib/x86_64-linux-gnu/libkeyutils.so.1.10 of Debian package libkeyutils1 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/keyutils/.
    // Sample: \x00keyutils-1.6.3\x00
    Classifier {
        id: "keyutils",
        name: "keyutils",
        globs: &[r#"libkeyutils.so*"#, r#"keyctl"#],
        anchors: &["keyutils-"],
        pattern: r#"\x00keyutils-(?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "\x00keyutils-1.6.3\x00",
        purl: "pkg:generic/keyutils@{version}",
        cpe: "cpe:2.3:a:keyutils_project:keyutils:{version}:*:*:*:*:*:*:*",
        debian: &["libkeyutils1"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libsamplerate.so.0.2.2 of Debian package libsamplerate0 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libsamplerate/.
    // Sample: libsamplerate-0.2.2 (c) 2002-2008 Erik de Castro Lopo
    Classifier {
        id: "libsamplerate",
        name: "libsamplerate",
        globs: &[r#"libsamplerate.so*"#],
        anywhere: true,
        anchors: &["libsamplerate-"],
        pattern: r#"libsamplerate-(?P<version>\d+\.\d+\.\d+) \(c\) 2002-"#,
        sample: "libsamplerate-0.2.2 (c) 2002-2008 Erik de Castro Lopo",
        purl: "pkg:generic/libsamplerate@{version}",
        cpe: "cpe:2.3:a:libsamplerate_project:libsamplerate:{version}:*:*:*:*:*:*:*",
        debian: &["libsamplerate0"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libsoup-2.4.so.1.11.2 of Debian package libsoup2.4-1 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libsoup/.
    // Sample: \x00libsoup/2.74.3\x00
    Classifier {
        id: "libsoup",
        name: "libsoup",
        globs: &[r#"libsoup*.so*"#],
        anchors: &["libsoup/"],
        pattern: r#"\x00libsoup/(?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00libsoup/2.74.3\x00",
        purl: "pkg:generic/libsoup@{version}",
        cpe: "cpe:2.3:a:gnome:libsoup:{version}:*:*:*:*:*:*:*",
        debian: &["libsoup2.4-1"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libsasl2.so.2.0.25 of Debian package libsasl2-2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/cyrus-sasl/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.1.28\x00
    Classifier {
        id: "cyrus-sasl",
        name: "cyrus-sasl",
        globs: &[r#"libsasl2.so*"#],
        anchors: &["Cyrus SASL"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>2\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.1.28\x00",
        purl: "pkg:generic/cyrus-sasl@{version}",
        cpe: "cpe:2.3:a:cyrusimap:cyrus-sasl:{version}:*:*:*:*:*:*:*",
        debian: &["libsasl2-2"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libcares.so.2.5.1 of Debian package libc-ares2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/c-ares/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.18.1\x00
    Classifier {
        id: "c-ares",
        name: "c-ares",
        globs: &[r#"libcares.so*"#],
        anchors: &["c-ares library initialization not yet performed"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.18.1\x00",
        purl: "pkg:generic/c-ares@{version}",
        cpe: "cpe:2.3:a:c-ares:c-ares:{version}:*:*:*:*:*:*:*",
        debian: &["libc-ares2"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libgmp.so.10.4.1 of Debian package libgmp10 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/gmp/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x006.2.1\x00
    Classifier {
        id: "gmp",
        name: "gmp",
        globs: &[r#"libgmp.so*"#],
        anchors: &["__gmp_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[4-6]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x006.2.1\x00",
        purl: "pkg:generic/gmp@{version}",
        cpe: "cpe:2.3:a:gmplib:gmp:{version}:*:*:*:*:*:*:*",
        debian: &["libgmp10"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libidn.so.12.6.4 of Debian package libidn12 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libidn/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.41\x00
    Classifier {
        id: "libidn",
        name: "libidn",
        globs: &[r#"libidn.so*"#],
        anchors: &["stringprep_check_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d{2}|0\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.41\x00",
        purl: "pkg:generic/libidn@{version}",
        cpe: "cpe:2.3:a:gnu:libidn:{version}:*:*:*:*:*:*:*",
        debian: &["libidn12"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libjansson.so.4.14.0 of Debian package libjansson4 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/jansson/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.14\x00
    Classifier {
        id: "jansson",
        name: "jansson",
        globs: &[r#"libjansson.so*"#],
        anchors: &["jansson_version_str"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>2\.\d{1,2}(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x002.14\x00",
        purl: "pkg:generic/jansson@{version}",
        cpe: "cpe:2.3:a:akheron:jansson:{version}:*:*:*:*:*:*:*",
        debian: &["libjansson4"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libjson-c.so.5.2.0 of Debian package libjson-c5 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/json-c/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x000.16\x00
    Classifier {
        id: "json-c",
        name: "json-c",
        globs: &[r#"libjson-c.so*"#, r#"libjson.so*"#],
        anchors: &["json-c aborts with error", "json_c_version_num"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>0\.\d{1,2}(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x000.16\x00",
        purl: "pkg:generic/json-c@{version}",
        cpe: "cpe:2.3:a:json-c:json-c:{version}:*:*:*:*:*:*:*",
        debian: &["libjson-c5"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/liblz4.so.1.9.4 of Debian package liblz4-1 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/lz4/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.9.4\x00
    Classifier {
        id: "lz4",
        name: "lz4",
        globs: &[r#"liblz4.so*"#],
        anchors: &["LZ4_versionString"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.9.4\x00",
        purl: "pkg:generic/lz4@{version}",
        cpe: "cpe:2.3:a:lz4_project:lz4:{version}:*:*:*:*:*:*:*",
        debian: &["liblz4-1"],
        ..Classifier::DEFAULT
    },
    // Written from /lib/x86_64-linux-gnu/liblzo2.so.2.0.0 of Debian package liblzo2-2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/lzo/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.10\x00
    Classifier {
        id: "lzo",
        name: "lzo",
        globs: &[r#"liblzo2.so*"#, r#"liblzo.so*"#],
        anchors: &["lzo_version_string"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[12]\.\d\d)\x00"#,
        scope: Scope::File,
        sample: "\x002.10\x00",
        purl: "pkg:generic/lzo@{version}",
        cpe: "cpe:2.3:a:oberhumer:lzo:{version}:*:*:*:*:*:*:*",
        debian: &["liblzo2-2"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libmaxminddb.so.0.0.7 of Debian package libmaxminddb0 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libmaxminddb/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.7.1\x00
    Classifier {
        id: "libmaxminddb",
        name: "libmaxminddb",
        globs: &[r#"libmaxminddb.so*"#],
        anchors: &["binary_format_major_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.7.1\x00",
        purl: "pkg:generic/libmaxminddb@{version}",
        cpe: "cpe:2.3:a:maxmind:libmaxminddb:{version}:*:*:*:*:*:*:*",
        debian: &["libmaxminddb0"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libnghttp2.so.14.24.1 of Debian package libnghttp2-14 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/nghttp2/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.52.0\x00
    Classifier {
        id: "nghttp2",
        name: "nghttp2",
        globs: &[r#"libnghttp2.so*"#],
        anchors: &["nghttp2_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+(?:-DEV)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.52.0\x00",
        purl: "pkg:generic/nghttp2@{version}",
        cpe: "cpe:2.3:a:nghttp2:nghttp2:{version}:*:*:*:*:*:*:*",
        debian: &["libnghttp2-14"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libopenjp2.so.2.5.0 of Debian package libopenjp2-7 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/openjpeg/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.5.0\x00
    Classifier {
        id: "openjpeg",
        name: "openjpeg",
        globs: &[r#"libopenjp2.so*"#],
        anchors: &["opj_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>2\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.5.0\x00",
        purl: "pkg:generic/openjpeg@{version}",
        cpe: "cpe:2.3:a:uclouvain:openjpeg:{version}:*:*:*:*:*:*:*",
        debian: &["libopenjp2-7"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libprotobuf-c.so.1.0.0 of Debian package libprotobuf-c1 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/protobuf-c/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.4.1\x00
    Classifier {
        id: "protobuf-c",
        name: "protobuf-c",
        globs: &[r#"libprotobuf-c.so*"#],
        anchors: &["protobuf_c_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.4.1\x00",
        purl: "pkg:generic/protobuf-c@{version}",
        cpe: "cpe:2.3:a:protobuf-c_project:protobuf-c:{version}:*:*:*:*:*:*:*",
        debian: &["libprotobuf-c1"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libqrencode.so.4.1.1 of Debian package libqrencode4 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libqrencode/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x004.1.1\x00
    Classifier {
        id: "libqrencode",
        name: "libqrencode",
        globs: &[r#"libqrencode.so*"#],
        anchors: &["Frame filler run over the frame!"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[34]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x004.1.1\x00",
        purl: "pkg:generic/libqrencode@{version}",
        cpe: "cpe:2.3:a:libqrencode_project:libqrencode:{version}:*:*:*:*:*:*:*",
        debian: &["libqrencode4"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libtasn1.so.6.6.3 of Debian package libtasn1-6 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libtasn1/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x004.19.0\x00
    Classifier {
        id: "libtasn1",
        name: "libtasn1",
        globs: &[r#"libtasn1.so*"#],
        anchors: &["asn1_check_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>4\.\d+(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x004.19.0\x00",
        purl: "pkg:generic/libtasn1@{version}",
        cpe: "cpe:2.3:a:gnu:libtasn1:{version}:*:*:*:*:*:*:*",
        debian: &["libtasn1-6"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libuv.so.1.0.0 of Debian package libuv1 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libuv/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.44.2\x00
    Classifier {
        id: "libuv",
        name: "libuv",
        globs: &[r#"libuv.so*"#],
        anchors: &["uv_version_string"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+(?:-dev|-rc\d*)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.44.2\x00",
        purl: "pkg:generic/libuv@{version}",
        cpe: "cpe:2.3:a:libuv:libuv:{version}:*:*:*:*:*:*:*",
        debian: &["libuv1"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libwebsockets.so.17 of Debian package libwebsockets17 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libwebsockets/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x004.1.6-\x00
    Classifier {
        id: "libwebsockets",
        name: "libwebsockets",
        globs: &[r#"libwebsockets.so*"#],
        anchors: &["lws_get_library_version"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[1-4]\.\d+\.\d+)-[\w.-]{0,40}\x00"#,
        scope: Scope::File,
        sample: "\x004.1.6-\x00",
        purl: "pkg:generic/libwebsockets@{version}",
        cpe: "cpe:2.3:a:libwebsockets:libwebsockets:{version}:*:*:*:*:*:*:*",
        debian: &["libwebsockets17"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libspeex.so.1.5.2 of Debian package libspeex1 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/speex/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.2.1\x00
    Classifier {
        id: "speex",
        name: "speex",
        globs: &[r#"libspeex.so*"#],
        anchors: &["Unknown wb_mode_query request"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+(?:\.\d+|beta\d|rc\d)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.2.1\x00",
        purl: "pkg:generic/speex@{version}",
        cpe: "cpe:2.3:a:xiph:speex:{version}:*:*:*:*:*:*:*",
        debian: &["libspeex1"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libharfbuzz.so.0.60000.0 of Debian package libharfbuzz0b (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/harfbuzz/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x006.0.0\x00
    Classifier {
        id: "harfbuzz",
        name: "harfbuzz",
        globs: &[r#"libharfbuzz.so*"#],
        anchors: &["hb_version_string"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[1-9]\d?\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x006.0.0\x00",
        purl: "pkg:generic/harfbuzz@{version}",
        cpe: "cpe:2.3:a:harfbuzz_project:harfbuzz:{version}:*:*:*:*:*:*:*",
        debian: &["libharfbuzz0b"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libgd.so.3.0.11 of Debian package libgd3 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libgd/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.3.3\x00
    // Not matched on bookworm mipsel: there the bare version string follows a printable byte of the constant
    // before it (`O2.3.3`), and accepting a printable predecessor would let any word ending in digits through.
    Classifier {
        id: "libgd",
        name: "libgd",
        globs: &[r#"libgd.so*"#],
        anchors: &["Could not create WBMP"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>2\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.3.3\x00",
        purl: "pkg:generic/libgd@{version}",
        cpe: "cpe:2.3:a:libgd:libgd:{version}:*:*:*:*:*:*:*",
        debian: &["libgd3"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/lib/x86_64-linux-gnu/libasound.so.2.0.0 of Debian package libasound2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/alsa-lib/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.2.8\x00
    Classifier {
        id: "alsa-lib",
        name: "alsa-lib",
        globs: &[r#"libasound.so*"#],
        anchors: &["ALSA lib %s:%i:(%s) "],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>1\.\d+\.\d+(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.2.8\x00",
        purl: "pkg:generic/alsa-lib@{version}",
        cpe: "cpe:2.3:a:alsa-project:alsa-lib:{version}:*:*:*:*:*:*:*",
        debian: &["libasound2"],
        ..Classifier::DEFAULT
    },
    // Written from libidn2.so.0 of Debian package libidn2-0 (bookworm amd64 2.3.3, bookworm mipsel 2.3.3, trixie
    // arm64 2.3.8); snippets under tests/snippets/libidn2/. idn2_check_version() returns a bare version string; the
    // byte before it is not a word character or a dot (symbol versions such as IDN2_2.1.0 and GLIBC_2.3.4 are
    // not it) but may be the end of the unterminated "xn--" prefix constant (amd64).
    // Sample: xn--2.3.3\x00
    Classifier {
        id: "libidn2",
        name: "libidn2",
        globs: &[r#"libidn2.so*"#],
        anchors: &["idn2_check_version"],
        pattern: r#"(?:^|(?-u:[^\w.]))(?P<version>2\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "xn--2.3.3\x00",
        purl: "pkg:generic/libidn2@{version}",
        cpe: "cpe:2.3:a:gnu:libidn2:{version}:*:*:*:*:*:*:*",
        debian: &["libidn2-0"],
        ..Classifier::DEFAULT
    },
];
