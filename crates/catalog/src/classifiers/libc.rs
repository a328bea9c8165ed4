//! C libraries, system libraries and language runtimes.

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from ld-linux-x86-64.so.2 of Debian package libc6 (version see snippet); snippet under tests/snippets/glibc/.
    // Sample: ld.so (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36.
    // libc.so's own banner (csu/version.c) in every layout: `GNU C Library stable release version 2.3.6, by
    // …` (2.3 era), `GNU C Library (crosstool-NG - … 2014.06) stable release version 2.19-2014.06, by …`
    // (a Linaro toolchain's suffixed version, Dahua IPC root filesystem), `GNU C Library (Debian GLIBC …)`.
    Classifier {
        id: "glibc",
        name: "glibc",
        globs: &[r#"libc.so*"#, r#"libc-2*.so"#, r#"ld-linux*.so*"#, r#"ld-*.so*"#],
        anywhere: true,
        anchors: &["stable release version ", "release version "],
        pattern: r#"(?:GLIBC [\w.+~-]+\)|GNU C Library(?: \([^()\x00]{1,120}\))?) (?:stable |development )?release version (?P<version>2\.\d+(?:\.\d+)?)[-.,]"#,
        sample: "ld.so (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36.",
        purl: "pkg:generic/glibc@{version}",
        cpe: "cpe:2.3:a:gnu:glibc:{version}:*:*:*:*:*:*:*",
        debian: &["libc6"],
        ..Classifier::DEFAULT
    },
    // Written from libc.so.6 of Debian package libc6 (version see snippet); snippet under tests/snippets/glibc-nptl/.
    // Sample: \x00NPTL 2.36\x00
    // A toolchain's suffixed version (`NPTL 2.19-2014.06`) gives the glibc release before the suffix.
    Classifier {
        id: "glibc-nptl",
        name: "glibc",
        globs: &[r#"libc.so*"#, r#"libpthread*.so*"#],
        anchors: &["NPTL "],
        pattern: r#"\x00NPTL (?P<version>2\.\d+(?:\.\d+)?)(?:-[\w.]+)?\x00"#,
        sample: "\x00NPTL 2.36\x00",
        purl: "pkg:generic/glibc@{version}",
        cpe: "cpe:2.3:a:gnu:glibc:{version}:*:*:*:*:*:*:*",
        debian: &["libc6"],
        ..Classifier::DEFAULT
    },
    // Written from libc.so of Debian package musl (version see snippet); snippet under tests/snippets/musl/.
    // Sample: \x001.2.3\x00
    // Not matched on i386: there musl's version string sits directly after constant data (`\x80=1.2.3` on
    // bookworm) or is not a string of its own (trixie), so no NUL-delimited version exists to take.
    Classifier {
        id: "musl",
        name: "musl",
        globs: &[r#"libc.so"#, r#"ld-musl-*.so*"#, r#"libc.musl-*.so*"#],
        anchors: &["musl libc"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        guards: &[r#"musl libc \(\w+\)"#],
        sample: "\x001.2.3\x00",
        purl: "pkg:generic/musl@{version}",
        cpe: "cpe:2.3:a:musl-libc:musl:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["musl"],
        ..Classifier::DEFAULT
    },
    // Written from libcap.so.2.66 of Debian package libcap2 (version see snippet); snippet under tests/snippets/libcap/.
    // Sample: %s is the shared library version: libcap-2.66.
    Classifier {
        id: "libcap",
        name: "libcap",
        globs: &[r#"libcap.so*"#],
        anchors: &["shared library version: libcap-"],
        pattern: r#"shared library version: libcap-(?P<version>\d+\.\d+)\."#,
        sample: "%s is the shared library version: libcap-2.66.",
        purl: "pkg:generic/libcap@{version}",
        cpe: "cpe:2.3:a:libcap_project:libcap:{version}:*:*:*:*:*:*:*",
        debian: &["libcap2"],
        ..Classifier::DEFAULT
    },
    // Written from libdbus-1.so.3.32.4 of Debian package libdbus-1-3 (version see snippet); snippet under tests/snippets/libdbus/.
    // Sample: \x00libdbus 1.14.10\x00
    Classifier {
        id: "libdbus",
        name: "dbus",
        globs: &[r#"libdbus-1.so*"#, r#"dbus-daemon"#],
        anchors: &["libdbus "],
        pattern: r#"\x00libdbus (?P<version>1\.\d+\.\d+)\x00"#,
        sample: "\x00libdbus 1.14.10\x00",
        purl: "pkg:generic/dbus@{version}",
        cpe: "cpe:2.3:a:freedesktop:dbus:{version}:*:*:*:*:*:*:*",
        debian: &["libdbus-1-3"],
        ..Classifier::DEFAULT
    },
    // Written from libevent-2.1.so.7.0.1 of Debian package libevent-2.1-7 (version see snippet); snippet under tests/snippets/libevent/.
    // Sample: \x002.1.12-stable\x00
    Classifier {
        id: "libevent",
        name: "libevent",
        globs: &[r#"libevent*.so*"#],
        anchors: &["-stable"],
        pattern: r#"\x00(?P<version>2\.\d+\.\d+)-stable\x00"#,
        sample: "\x002.1.12-stable\x00",
        purl: "pkg:generic/libevent@{version}",
        cpe: "cpe:2.3:a:libevent_project:libevent:{version}:*:*:*:*:*:*:*",
        debian: &["libevent-2.1-7"],
        ..Classifier::DEFAULT
    },
    // Written from libgio-2.0.so.0.7400.6 of Debian package libglib2.0-0 (version see snippet); snippet under tests/snippets/glib/.
    // Sample: <!-- GDBus 2.74.6 -->
    Classifier {
        id: "glib",
        name: "glib",
        globs: &[r#"libgio-2.0.so*"#],
        anchors: &["<!-- GDBus "],
        pattern: r#"<!-- GDBus (?P<version>\d+\.\d+\.\d+) -->"#,
        sample: "<!-- GDBus 2.74.6 -->",
        purl: "pkg:generic/glib@{version}",
        cpe: "cpe:2.3:a:gnome:glib:{version}:*:*:*:*:*:*:*",
        debian: &["libglib2.0-0"],
        ..Classifier::DEFAULT
    },
    // Written from lua5.4 of Debian package lua5.4 (version see snippet) and Lua 5.1's lua_ident
    // ("$Lua: " LUA_RELEASE " " LUA_COPYRIGHT " $", OpenWrt/LEDE's liblua.so.5.1.5); snippets under tests/snippets/lua/.
    // Sample: $LuaVersion: Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio $
    Classifier {
        id: "lua",
        name: "lua",
        globs: &[r#"lua*"#, r#"liblua*.so*"#],
        anywhere: true,
        anchors: &["Lua "],
        pattern: r#"\$Lua(?:Version)?: Lua (?P<version>5\.\d+\.\d+) "#,
        sample: "$LuaVersion: Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio $",
        purl: "pkg:generic/lua@{version}",
        cpe: "cpe:2.3:a:lua:lua:{version}:*:*:*:*:*:*:*",
        debian: &["lua5.4"],
        ..Classifier::DEFAULT
    },
    // Written from perl of Debian package perl-base (version see snippet); snippet under tests/snippets/perl/.
    // Sample: /usr/local/share/perl/5.36.0\x00
    Classifier {
        id: "perl",
        name: "perl",
        globs: &[r#"perl"#, r#"libperl.so*"#],
        anchors: &["/perl/5."],
        pattern: r#"/usr/local/share/perl/(?P<version>5\.\d+\.\d+)\x00"#,
        sample: "/usr/local/share/perl/5.36.0\x00",
        purl: "pkg:generic/perl@{version}",
        cpe: "cpe:2.3:a:perl:perl:{version}:*:*:*:*:*:*:*",
        debian: &["perl-base"],
        ..Classifier::DEFAULT
    },
    // Written from python3.11 of Debian package python3.11-minimal (version see snippet); snippet under tests/snippets/python/.
    // PY_VERSION is a bare string whose neighbours change with compiler and release (after `pymalloc_debug` on
    // amd64, elsewhere on arm and mips): taken as the program's bare 2.x/3.x.y string over the whole file, with a
    // guard against the neighbour it carries: unicodedata's `3.2.0` (followed by `ucd_3_2_0`); zlib's `1.2.13` is
    // outside the pattern. One version in every matrix build.
    // Sample: \x00pymalloc_debug\x003.11.2\x00strict
    Classifier {
        id: "python",
        name: "python",
        globs: &[r#"python3*"#, r#"python2*"#, r#"libpython*.so*"#],
        anchors: &["pymalloc_debug\x00"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[23]\.\d+\.\d+)\x00+(?-u:[^u\x00])"#,
        scope: Scope::File,
        sample: "\x00pymalloc_debug\x003.11.2\x00strict",
        purl: "pkg:generic/python@{version}",
        cpe: "cpe:2.3:a:python:python:{version}:*:*:*:*:*:*:*",
        debian: &["python3.11-minimal"],
        ..Classifier::DEFAULT
    },
    // Written from libtcl8.6.so of Debian package libtcl8.6 (version see snippet); snippet under tests/snippets/tcl/.
    // Sample: \x008.6.13\x00tcl_patchLevel\x00
    Classifier {
        id: "tcl",
        name: "tcl",
        globs: &[r#"libtcl*.so*"#, r#"tclsh*"#],
        anchors: &["\x00tcl_patchLevel\x00"],
        pattern: r#"\x00(?P<version>8\.\d+\.\d+)\x00{1,8}tcl_patchLevel\x00"#,
        sample: "\x008.6.13\x00tcl_patchLevel\x00",
        purl: "pkg:generic/tcl@{version}",
        cpe: "cpe:2.3:a:tcl:tcl:{version}:*:*:*:*:*:*:*",
        debian: &["libtcl8.6"],
        ..Classifier::DEFAULT
    },
    // Written from libapr-1.so.0.7.2 of Debian package libapr1 (version see snippet); snippet under tests/snippets/apr/.
    // Sample: apr_initialize\x001.7.2\x00
    Classifier {
        id: "apr",
        name: "apr",
        globs: &[r#"libapr-1.so*"#],
        anchors: &["apr_initialize\x00"],
        pattern: r#"apr_initialize\x00{1,8}(?P<version>1\.\d+\.\d+)\x00"#,
        sample: "apr_initialize\x001.7.2\x00",
        purl: "pkg:generic/apr@{version}",
        cpe: "cpe:2.3:a:apache:portable_runtime:{version}:*:*:*:*:*:*:*",
        debian: &["libapr1"],
        ..Classifier::DEFAULT
    },
];
