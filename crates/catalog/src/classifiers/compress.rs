//! Compression, data-format and database libraries.

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from libz.so.1.2.13 of Debian package zlib1g (version 1:1.2.13); snippet under tests/snippets/zlib/.
    // Sample: deflate 1.2.13 Copyright 1995-2022 Jean-loup Gailly and Mark Adler
    Classifier {
        id: "zlib",
        name: "zlib",
        globs: &[r#"libz.so*"#, r#"libz.a"#, r#"*"#],
        anywhere: true,
        anchors: &["flate "],
        pattern: r#"(?:in|de)flate (?P<version>1\.\d+(?:\.\d+){0,2}(?:\.[0-9a-z]+)?) Copyright 1995-\d{4}"#,
        sample: "deflate 1.2.13 Copyright 1995-2022 Jean-loup Gailly and Mark Adler",
        purl: "pkg:generic/zlib@{version}",
        cpe: "cpe:2.3:a:zlib:zlib:{version}:*:*:*:*:*:*:*",
        debian: &["zlib1g"],
        ..Classifier::DEFAULT
    },
    // Written from libsqlite3.so.0.8.6 of Debian package libsqlite3-0 (version 3.40); snippet under tests/snippets/sqlite/.
    // Sample: \x003.40.1\x00
    Classifier {
        id: "sqlite",
        name: "sqlite",
        globs: &[r#"libsqlite3*.so*"#, r#"libsqlite3*.a"#],
        anchors: &["SQLite format 3"],
        pattern: r#"\x00(?P<version>3\.\d{1,2}\.\d{1,2})\x00"#,
        scope: Scope::File,
        guards: &[r#"\x00\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [0-9a-f]{60}"#],
        sample: "\x003.40.1\x00",
        purl: "pkg:generic/sqlite@{version}",
        cpe: "cpe:2.3:a:sqlite:sqlite:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["libsqlite3-0"],
        ..Classifier::DEFAULT
    },
    // Written from libbz2.so.1.0.4 of Debian package libbz2-1.0 (version see snippet); snippet under tests/snippets/bzip2/.
    // Sample: \x001.0.8, 13-Jul-2019\x00
    Classifier {
        id: "bzip2",
        name: "bzip2",
        globs: &[r#"libbz2.so*"#, r#"bzip2*"#],
        anywhere: true,
        anchors: &[", 13-Jul-", ", 10-Dec-", ", 6-Sept-"],
        pattern: r#"\x00(?P<version>1\.0\.\d+), \d{1,2}-[A-Z][a-z]{2,3}-\d{4}\x00"#,
        sample: "\x001.0.8, 13-Jul-2019\x00",
        purl: "pkg:generic/bzip2@{version}",
        cpe: "cpe:2.3:a:bzip:bzip2:{version}:*:*:*:*:*:*:*",
        debian: &["libbz2-1.0"],
        ..Classifier::DEFAULT
    },
    // Written from libarchive.so.13.6.2 of Debian package libarchive13 (version see snippet); snippet under tests/snippets/libarchive/.
    // Sample: \x00libarchive 3.6.2\x00
    Classifier {
        id: "libarchive",
        name: "libarchive",
        globs: &[r#"libarchive.so*"#, r#"bsdtar"#, r#"bsdcpio"#],
        anywhere: true,
        anchors: &["libarchive "],
        pattern: r#"\x00libarchive (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00libarchive 3.6.2\x00",
        purl: "pkg:generic/libarchive@{version}",
        cpe: "cpe:2.3:a:libarchive:libarchive:{version}:*:*:*:*:*:*:*",
        debian: &["libarchive13"],
        ..Classifier::DEFAULT
    },
    // Written from libexpatw.so.1.8.10 of Debian package libexpat1 (version see snippet); snippet under tests/snippets/expat/.
    // Sample: \x00expat_2.5.0\x00
    Classifier {
        id: "expat",
        name: "expat",
        globs: &[r#"libexpat*.so*"#],
        anywhere: true,
        anchors: &["expat_"],
        pattern: r#"\x00expat_(?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00expat_2.5.0\x00",
        purl: "pkg:generic/expat@{version}",
        cpe: "cpe:2.3:a:libexpat_project:libexpat:{version}:*:*:*:*:*:*:*",
        debian: &["libexpat1"],
        ..Classifier::DEFAULT
    },
    // Written from libpng16.so.16.39.0 of Debian package libpng16-16 (version see snippet); snippet under tests/snippets/libpng/.
    // Sample:  libpng version 1.6.39 - November 20, 2022
    Classifier {
        id: "libpng",
        name: "libpng",
        globs: &[r#"libpng*.so*"#],
        anywhere: true,
        anchors: &["libpng version "],
        pattern: r#"libpng version (?P<version>1\.\d+\.\d+)(?:\.\d+)?(?: - [A-Z][a-z]+ \d{1,2}, \d{4}|\n)"#,
        sample: " libpng version 1.6.39 - November 20, 2022",
        purl: "pkg:generic/libpng@{version}",
        cpe: "cpe:2.3:a:libpng:libpng:{version}:*:*:*:*:*:*:*",
        debian: &["libpng16-16"],
        ..Classifier::DEFAULT
    },
    // Written from libtiff.so.6.0.0 of Debian package libtiff6 (version see snippet); snippet under tests/snippets/libtiff/.
    // Sample: LIBTIFF, Version 4.5.0
    Classifier {
        id: "libtiff",
        name: "libtiff",
        globs: &[r#"libtiff.so*"#],
        anywhere: true,
        anchors: &["LIBTIFF, Version "],
        pattern: r#"LIBTIFF, Version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "LIBTIFF, Version 4.5.0",
        purl: "pkg:generic/libtiff@{version}",
        cpe: "cpe:2.3:a:libtiff:libtiff:{version}:*:*:*:*:*:*:*",
        debian: &["libtiff6"],
        ..Classifier::DEFAULT
    },
    // Written from libjpeg.so.62.3.0 of Debian package libjpeg62-turbo (version see snippet); snippet under tests/snippets/libjpeg-turbo/.
    // Sample: libjpeg-turbo version 2.1.5 (build 20230203)
    Classifier {
        id: "libjpeg-turbo",
        name: "libjpeg-turbo",
        globs: &[r#"libjpeg.so*"#, r#"libturbojpeg.so*"#],
        anywhere: true,
        anchors: &["libjpeg-turbo version "],
        pattern: r#"libjpeg-turbo version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "libjpeg-turbo version 2.1.5 (build 20230203)",
        purl: "pkg:generic/libjpeg-turbo@{version}",
        cpe: "cpe:2.3:a:libjpeg-turbo:libjpeg-turbo:{version}:*:*:*:*:*:*:*",
        debian: &["libjpeg62-turbo"],
        ..Classifier::DEFAULT
    },
    // Written from libpcre2-8.so.0.11.2 of Debian package libpcre2-8-0 (version see snippet); snippet under tests/snippets/pcre2/.
    // Sample: 10.42 2022-12-11\x00
    Classifier {
        id: "pcre2",
        name: "pcre2",
        globs: &[r#"libpcre2*.so*"#],
        anchors: &["pcre2_compile"],
        pattern: r#"(?P<version>10\.\d{2}) 20\d\d-\d\d-\d\d\x00"#,
        scope: Scope::File,
        sample: "10.42 2022-12-11\x00",
        purl: "pkg:generic/pcre2@{version}",
        cpe: "cpe:2.3:a:pcre:pcre2:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["libpcre2-8-0"],
        ..Classifier::DEFAULT
    },
    // Written from libpcre.so.3.13.3 of Debian package libpcre3 (version see snippet); snippet under tests/snippets/pcre/.
    // Sample: 8.39 2016-06-14\x00
    Classifier {
        id: "pcre",
        name: "pcre",
        globs: &[r#"libpcre.so*"#, r#"libpcre3*.so*"#],
        anchors: &["pcre_compile"],
        pattern: r#"(?P<version>[5-8]\.\d{2}) 20\d\d-\d\d-\d\d\x00"#,
        scope: Scope::File,
        sample: "8.39 2016-06-14\x00",
        purl: "pkg:generic/pcre@{version}",
        cpe: "cpe:2.3:a:pcre:pcre:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["libpcre3"],
        ..Classifier::DEFAULT
    },
    // Written from libdb-5.3.so of Debian package libdb5.3 (version see snippet); snippet under tests/snippets/berkeley-db/.
    // Sample: \x00Berkeley DB 5.3.28: (September  9, 2013)
    Classifier {
        id: "berkeley-db",
        name: "berkeley_db",
        globs: &[r#"libdb*.so*"#],
        anywhere: true,
        anchors: &["Berkeley DB "],
        pattern: r#"\x00Berkeley DB (?P<version>\d+\.\d+\.\d+): \("#,
        sample: "\x00Berkeley DB 5.3.28: (September  9, 2013)",
        purl: "pkg:generic/berkeley_db@{version}",
        cpe: "cpe:2.3:a:oracle:berkeley_db:{version}:*:*:*:*:*:*:*",
        debian: &["libdb5.3"],
        ..Classifier::DEFAULT
    },
    // Written from liblmdb.so.0.0.0 of Debian package liblmdb0 (version see snippet); snippet under tests/snippets/lmdb/.
    // Sample: LMDB 0.9.24: (July 24, 2019)
    Classifier {
        id: "lmdb",
        name: "lmdb",
        globs: &[r#"liblmdb.so*"#],
        anywhere: true,
        anchors: &["LMDB "],
        pattern: r#"LMDB (?P<version>\d+\.\d+\.\d+): \("#,
        sample: "LMDB 0.9.24: (July 24, 2019)",
        purl: "pkg:generic/lmdb@{version}",
        cpe: "cpe:2.3:a:openldap:lmdb:{version}:*:*:*:*:*:*:*",
        debian: &["liblmdb0"],
        ..Classifier::DEFAULT
    },
    // Written from libgdbm.so.6.0.0 of Debian package libgdbm6 (version see snippet); snippet under tests/snippets/gdbm/.
    // Sample: GDBM version 1.23. 04/02/2022
    Classifier {
        id: "gdbm",
        name: "gdbm",
        globs: &[r#"libgdbm.so*"#],
        anchors: &["GDBM version "],
        pattern: r#"GDBM version (?P<version>\d+\.\d+(?:\.\d+)?)\. "#,
        sample: "GDBM version 1.23. 04/02/2022",
        purl: "pkg:generic/gdbm@{version}",
        cpe: "cpe:2.3:a:gnu:gdbm:{version}:*:*:*:*:*:*:*",
        debian: &["libgdbm6"],
        ..Classifier::DEFAULT
    },
    // Written from libsndfile.so.1.0.35 of Debian package libsndfile1 (version see snippet); snippet under tests/snippets/libsndfile/.
    // Sample: \x00libsndfile-1.2.0\x00
    Classifier {
        id: "libsndfile",
        name: "libsndfile",
        globs: &[r#"libsndfile.so*"#],
        anchors: &["libsndfile-"],
        pattern: r#"\x00libsndfile-(?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00libsndfile-1.2.0\x00",
        purl: "pkg:generic/libsndfile@{version}",
        cpe: "cpe:2.3:a:libsndfile_project:libsndfile:{version}:*:*:*:*:*:*:*",
        debian: &["libsndfile1"],
        ..Classifier::DEFAULT
    },
    // Written from libpsl.so.5.3.4 of Debian package libpsl5 (version see snippet); snippet under tests/snippets/psl/.
    // Sample: \x000.21.2 (+libidn2/2.3.3)
    Classifier {
        id: "psl",
        name: "libpsl",
        globs: &[r#"libpsl.so*"#],
        anchors: &[" (+libidn2/"],
        pattern: r#"\x00(?P<version>0\.\d+\.\d+) \(\+libidn2/"#,
        sample: "\x000.21.2 (+libidn2/2.3.3)",
        purl: "pkg:generic/libpsl@{version}",
        cpe: "cpe:2.3:a:rockdaboot:libpsl:{version}:*:*:*:*:*:*:*",
        debian: &["libpsl5"],
        ..Classifier::DEFAULT
    },
    // Written from pzstd of Debian package zstd (version see snippet); snippet under tests/snippets/zstd/.
    // Sample: \x001.5.4\x00PZSTD version: %s
    Classifier {
        id: "zstd",
        name: "zstd",
        globs: &[r#"pzstd"#, r#"zstd"#],
        anchors: &["PZSTD version: %s"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+)\x00{1,8}PZSTD version: %s"#,
        sample: "\x001.5.4\x00PZSTD version: %s",
        purl: "pkg:generic/zstd@{version}",
        cpe: "cpe:2.3:a:facebook:zstandard:{version}:*:*:*:*:*:*:*",
        debian: &["zstd"],
        ..Classifier::DEFAULT
    },
    // Written from libyaml-0.so.2.0.9 of Debian package libyaml-0-2 (version see snippet); snippet under tests/snippets/libyaml/.
    // Sample: \x000.2.5\x00api.c\x00
    Classifier {
        id: "libyaml",
        name: "libyaml",
        globs: &[r#"libyaml*.so*"#],
        anchors: &["\x00api.c\x00"],
        // the version string can open the ELF's .rodata (mipsel, arm64, trixie): its leading NUL then lies outside
        // the searched section, so the start of the searched range counts as the NUL (validation matrix)
        // and mipsel pads between the version and `api.c`
        pattern: r#"(?:\x00|^)(?P<version>0\.\d+\.\d+)\x00{1,16}(?:yaml_parser_initialize\x00{1,8})?api\.c\x00"#,
        sample: "\x000.2.5\x00api.c\x00",
        purl: "pkg:generic/libyaml@{version}",
        cpe: "cpe:2.3:a:pyyaml:libyaml:{version}:*:*:*:*:*:*:*",
        debian: &["libyaml-0-2"],
        ..Classifier::DEFAULT
    },
];
