//! Media and device libraries.

use crate::classifier::Classifier;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from libvorbis.so.0.4.9 of Debian package libvorbis0a (version see snippet); snippet under tests/snippets/libvorbis/.
    // Sample: Xiph.Org libVorbis 1.3.7
    Classifier {
        id: "libvorbis",
        name: "libvorbis",
        globs: &[r#"libvorbis*.so*"#],
        anywhere: true,
        anchors: &["Xiph.Org libVorbis "],
        pattern: r#"Xiph\.Org libVorbis (?P<version>\d+\.\d+\.\d+)"#,
        sample: "Xiph.Org libVorbis 1.3.7",
        purl: "pkg:generic/libvorbis@{version}",
        cpe: "cpe:2.3:a:xiph:libvorbis:{version}:*:*:*:*:*:*:*",
        debian: &["libvorbis0a"],
        ..Classifier::DEFAULT
    },
    // Written from libFLAC.so.12.0.0 of Debian package libflac12 (version see snippet); snippet under tests/snippets/flac/.
    // Sample: reference libFLAC 1.4.2 20221022
    Classifier {
        id: "flac",
        name: "flac",
        globs: &[r#"libFLAC*.so*"#, r#"flac"#],
        anywhere: true,
        anchors: &["reference libFLAC "],
        pattern: r#"reference libFLAC (?P<version>\d+\.\d+\.\d+) \d{8}"#,
        sample: "reference libFLAC 1.4.2 20221022",
        purl: "pkg:generic/flac@{version}",
        cpe: "cpe:2.3:a:flac_project:flac:{version}:*:*:*:*:*:*:*",
        debian: &["libflac12"],
        ..Classifier::DEFAULT
    },
    // Written from libopus.so.0.8.0 of Debian package libopus0 (version see snippet); snippet under tests/snippets/opus/.
    // Sample: \x00libopus 1.3.1
    Classifier {
        id: "opus",
        name: "opus",
        globs: &[r#"libopus.so*"#],
        anywhere: true,
        anchors: &["libopus "],
        pattern: r#"\x00libopus (?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "\x00libopus 1.3.1",
        purl: "pkg:generic/opus@{version}",
        cpe: "cpe:2.3:a:opus-codec:opus:{version}:*:*:*:*:*:*:*",
        debian: &["libopus0"],
        ..Classifier::DEFAULT
    },
    // Written from libsrtp2.so.1 of Debian package libsrtp2-1 (version see snippet); snippet under tests/snippets/libsrtp/.
    // Sample: \x00libsrtp2 2.5.0\x00
    Classifier {
        id: "libsrtp",
        name: "libsrtp",
        globs: &[r#"libsrtp*.so*"#],
        anywhere: true,
        anchors: &["libsrtp2 "],
        pattern: r#"\x00libsrtp2 (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00libsrtp2 2.5.0\x00",
        purl: "pkg:generic/libsrtp@{version}",
        cpe: "cpe:2.3:a:cisco:libsrtp:{version}:*:*:*:*:*:*:*",
        debian: &["libsrtp2-1"],
        ..Classifier::DEFAULT
    },
    // Written from bluetoothd of Debian package bluez (version see snippet); snippet under tests/snippets/bluez/.
    // Sample: \x005.66\x00BlueZ %s\x00
    Classifier {
        id: "bluez",
        name: "bluez",
        globs: &[r#"bluetoothd"#],
        anchors: &["BlueZ %s"],
        pattern: r#"\x00(?P<version>5\.\d+)\x00{1,8}BlueZ %s\x00"#,
        sample: "\x005.66\x00BlueZ %s\x00",
        purl: "pkg:generic/bluez@{version}",
        cpe: "cpe:2.3:a:bluez:bluez:{version}:*:*:*:*:*:*:*",
        debian: &["bluez"],
        ..Classifier::DEFAULT
    },
];
