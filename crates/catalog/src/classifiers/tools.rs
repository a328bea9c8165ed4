//! Embedded Linux tools and daemons found by breadth (issue 16): file systems, network tools, VPN, media,
//! time, serial, monitoring. The product list and its sources: `PRODUCTS.md` in this crate.
use crate::classifier::{Classifier, Scope};
/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from /usr/bin/amixer of Debian package alsa-utils (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/alsa-utils/.
    // Sample: amixer version 1.2.8\x00
    Classifier {
        id: "alsa-utils",
        name: "alsa-utils",
        globs: &[r#"amixer"#, r#"alsactl"#, r#"amidi"#, r#"aseqdump"#, r#"arecordmidi"#],
        anchors: &[
            "amixer version ",
            "alsactl version ",
            "amidi version ",
            "aseqdump version ",
            "arecordmidi version ",
        ],
        pattern: r#"(?:amixer|alsactl|amidi|aseqdump|arecordmidi) version (?P<version>\d+\.\d+\.\d+(?:\.\d+)?)[\n\x00]"#,
        sample: "amixer version 1.2.8\x00",
        purl: "pkg:generic/alsa-utils@{version}",
        cpe: "cpe:2.3:a:alsa-project:alsa-utils:{version}:*:*:*:*:*:*:*",
        debian: &["alsa-utils"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/babeld of Debian package babeld (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/babeld/.
    // Sample: \x00babeld-1.12.1\x00
    Classifier {
        id: "babeld",
        name: "babeld",
        globs: &[r#"babeld"#],
        anchors: &["babeld-"],
        pattern: r#"\x00babeld-(?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "\x00babeld-1.12.1\x00",
        purl: "pkg:generic/babeld@{version}",
        cpe: "cpe:2.3:a:irif:babeld:{version}:*:*:*:*:*:*:*",
        debian: &["babeld"],
        ..Classifier::DEFAULT
    },
    // Written from /bin/btrfs of Debian package btrfs-progs (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/btrfs-progs/.
    // Sample: btrfs-progs v6.2\x00
    Classifier {
        id: "btrfs-progs",
        name: "btrfs-progs",
        globs: &[r#"btrfs"#, r#"btrfs-*"#, r#"mkfs.btrfs"#, r#"btrfsck"#, r#"fsck.btrfs"#],
        anchors: &["btrfs-progs v"],
        pattern: r#"btrfs-progs v(?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "btrfs-progs v6.2\x00",
        purl: "pkg:generic/btrfs-progs@{version}",
        cpe: "cpe:2.3:a:btrfs-progs_project:btrfs-progs:{version}:*:*:*:*:*:*:*",
        debian: &["btrfs-progs"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/darkstat of Debian package darkstat (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/darkstat/.
    // Sample: darkstat 3.0.719 (using %s)
    Classifier {
        id: "darkstat",
        name: "darkstat",
        globs: &[r#"darkstat"#],
        anywhere: true,
        anchors: &["darkstat "],
        pattern: r#"darkstat (?P<version>\d+\.\d+\.\d+) \(using %s\)"#,
        sample: "darkstat 3.0.719 (using %s)",
        purl: "pkg:generic/darkstat@{version}",
        cpe: "cpe:2.3:a:unix4lyfe:darkstat:{version}:*:*:*:*:*:*:*",
        debian: &["darkstat"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/mkfs.fat of Debian package dosfstools (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/dosfstools/.
    // Sample: mkfs.fat 4.2 (2021-01-31)
    Classifier {
        id: "dosfstools",
        name: "dosfstools",
        globs: &[
            r#"mkfs.fat"#,
            r#"fsck.fat"#,
            r#"fatlabel"#,
            r#"mkdosfs"#,
            r#"dosfsck"#,
            r#"mkfs.vfat"#,
            r#"fsck.vfat"#,
            r#"mkfs.msdos"#,
            r#"fsck.msdos"#,
            r#"dosfslabel"#,
        ],
        anchors: &["mkfs.fat ", "fsck.fat ", "fatlabel "],
        pattern: r#"(?:mkfs\.fat|fsck\.fat|fatlabel) (?P<version>\d+\.\d+(?:\.\d+)?) \(\d{4}-\d\d-\d\d\)"#,
        sample: "mkfs.fat 4.2 (2021-01-31)",
        purl: "pkg:generic/dosfstools@{version}",
        cpe: "cpe:2.3:a:dosfstools_project:dosfstools:{version}:*:*:*:*:*:*:*",
        debian: &["dosfstools"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/ifup of Debian package ifupdown (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ifupdown/.
    // Sample: %s version 0.8.41\n\nCopyright (c) 1999-2009 Anthony Towns
    Classifier {
        id: "ifupdown",
        name: "ifupdown",
        globs: &[r#"ifup"#, r#"ifdown"#, r#"ifquery"#],
        anchors: &["Anthony Towns"],
        pattern: r#"%s version (?P<version>\d+\.\d+(?:\.\d+)?)(?:\+[\w.~]+)?\n\nCopyright \(c\) 1999-\d{4} Anthony Towns"#,
        sample: "%s version 0.8.41\n\nCopyright (c) 1999-2009 Anthony Towns",
        purl: "pkg:generic/ifupdown@{version}",
        cpe: "cpe:2.3:a:debian:ifupdown:{version}:*:*:*:*:*:*:*",
        debian: &["ifupdown"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/inadyn of Debian package inadyn (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/inadyn/.
    // Sample: In-a-dyn version 2.10.0 -- Dynamic DNS update client.
    Classifier {
        id: "inadyn",
        name: "inadyn",
        globs: &[r#"inadyn"#],
        anywhere: true,
        anchors: &["In-a-dyn version "],
        pattern: r#"In-a-dyn version (?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "In-a-dyn version 2.10.0 -- Dynamic DNS update client.",
        purl: "pkg:generic/inadyn@{version}",
        cpe: "cpe:2.3:a:troglobit:inadyn:{version}:*:*:*:*:*:*:*",
        debian: &["inadyn"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/kea-dhcp4 of Debian package kea-dhcp4-server (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/kea/.
    // Sample: ;;;;   Version:           2.2.0\x00
    Classifier {
        id: "kea",
        name: "kea",
        globs: &[
            r#"kea-dhcp4"#,
            r#"kea-dhcp6"#,
            r#"kea-dhcp-ddns"#,
            r#"kea-ctrl-agent"#,
            r#"kea-lfc"#,
            r#"libkea-*.so*"#,
        ],
        anchors: &[";;;;   Version:", "Kea DHCPv"],
        pattern: r#"(?:;;;;   Version:\s+|Kea DHCPv[46] server, \x00{1,8}version \x00{1,8})(?P<version>\d+\.\d+\.\d+(?:-P\d+)?)\x00"#,
        sample: ";;;;   Version:           2.2.0\x00",
        purl: "pkg:generic/kea@{version}",
        cpe: "cpe:2.3:a:isc:kea:{version}:*:*:*:*:*:*:*",
        debian: &["kea-dhcp4-server"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/libexec/ipsec/whack of Debian package libreswan (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/libreswan/.
    // Sample: \x00Libreswan 4.10\x00
    Classifier {
        id: "libreswan",
        name: "libreswan",
        globs: &[
            r#"pluto"#,
            r#"whack"#,
            r#"addconn"#,
            r#"rsasigkey"#,
            r#"ecdsasigkey"#,
            r#"vendoridcheck"#,
            r#"ipsec"#,
        ],
        anchors: &["Libreswan "],
        pattern: r#"\x00Libreswan (?P<version>\d+\.\d+(?:\.\d+)?(?:rc\d+)?)\x00"#,
        sample: "\x00Libreswan 4.10\x00",
        purl: "pkg:generic/libreswan@{version}",
        cpe: "cpe:2.3:a:libreswan:libreswan:{version}:*:*:*:*:*:*:*",
        debian: &["libreswan"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/mpd of Debian package mpd (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/mpd/.
    // Sample: Music Player Daemon 0.23.12
    Classifier {
        id: "mpd",
        name: "mpd",
        globs: &[r#"mpd"#],
        anywhere: true,
        anchors: &["Music Player Daemon "],
        pattern: r#"Music Player Daemon (?P<version>\d+\.\d+\.\d+)"#,
        sample: "Music Player Daemon 0.23.12",
        purl: "pkg:generic/mpd@{version}",
        cpe: "cpe:2.3:a:musicpd:music_player_daemon:{version}:*:*:*:*:*:*:*",
        debian: &["mpd"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/mpg123.bin of Debian package mpg123 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/mpg123/.
    // Sample: \x00mpg123 1.31.2\n
    Classifier {
        id: "mpg123",
        name: "mpg123",
        globs: &[r#"mpg123"#, r#"mpg123.bin"#],
        anchors: &["mpg123 "],
        pattern: r#"\x00mpg123 (?P<version>\d+\.\d+\.\d+)\n"#,
        sample: "\x00mpg123 1.31.2\n",
        purl: "pkg:generic/mpg123@{version}",
        cpe: "cpe:2.3:a:mpg123:mpg123:{version}:*:*:*:*:*:*:*",
        debian: &["mpg123"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/mdadm of Debian package mdadm (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/mdadm/.
    // Sample: mdadm - v4.2 - 2021-12-30 - Debian 4.2-5\n
    Classifier {
        id: "mdadm",
        name: "mdadm",
        globs: &[r#"mdadm"#, r#"mdmon"#],
        anywhere: true,
        anchors: &["mdadm - v"],
        pattern: r#"mdadm - v(?P<version>\d+\.\d+(?:\.\d+)?(?:-rc\d+)?) - \d{4}-\d\d-\d\d"#,
        sample: "mdadm - v4.2 - 2021-12-30 - Debian 4.2-5\n",
        purl: "pkg:generic/mdadm@{version}",
        cpe: "cpe:2.3:a:mdadm_project:mdadm:{version}:*:*:*:*:*:*:*",
        debian: &["mdadm"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/minidlnad of Debian package minidlna (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/minidlna/.
    // Sample: Starting MiniDLNA version 1.3.0.\n
    Classifier {
        id: "minidlna",
        name: "minidlna",
        globs: &[r#"minidlnad"#, r#"minidlna"#],
        anywhere: true,
        anchors: &["Starting MiniDLNA version ", "UPnP/1.0 MiniDLNA/"],
        pattern: r#"(?:Starting MiniDLNA version |UPnP/1\.0 MiniDLNA/)(?P<version>\d+\.\d+\.\d+)"#,
        sample: "Starting MiniDLNA version 1.3.0.\n",
        purl: "pkg:generic/minidlna@{version}",
        cpe: "cpe:2.3:a:minidlna_project:minidlna:{version}:*:*:*:*:*:*:*",
        debian: &["minidlna"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/ifconfig of Debian package net-tools (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/net-tools/.
    // Sample: \x00net-tools 2.10\x00
    Classifier {
        id: "net-tools",
        name: "net-tools",
        globs: &[
            r#"ifconfig"#,
            r#"netstat"#,
            r#"route"#,
            r#"arp"#,
            r#"rarp"#,
            r#"iptunnel"#,
            r#"ipmaddr"#,
            r#"mii-tool"#,
            r#"plipconfig"#,
            r#"slattach"#,
            r#"nameif"#,
        ],
        anchors: &["net-tools "],
        pattern: r#"\x00net-tools (?P<version>\d+\.\d+)\x00"#,
        sample: "\x00net-tools 2.10\x00",
        purl: "pkg:generic/net-tools@{version}",
        cpe: "cpe:2.3:a:net-tools_project:net-tools:{version}:*:*:*:*:*:*:*",
        debian: &["net-tools"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/rpc.mountd of Debian package nfs-kernel-server (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/nfs-utils/.
    // Sample: \x00Version 2.6.2 starting\x00
    Classifier {
        id: "nfs-utils",
        name: "nfs-utils",
        globs: &[r#"rpc.mountd"#, r#"mountd"#],
        anchors: &["Version "],
        pattern: r#"\x00Version (?P<version>\d+\.\d+\.\d+(?:\.\d+)?) starting\x00"#,
        sample: "\x00Version 2.6.2 starting\x00",
        purl: "pkg:generic/nfs-utils@{version}",
        cpe: "cpe:2.3:a:linux-nfs:nfs-utils:{version}:*:*:*:*:*:*:*",
        debian: &["nfs-kernel-server"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/nsd of Debian package nsd (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/nsd/.
    // Sample: \x00NSD 4.6.1\x00
    Classifier {
        id: "nsd",
        name: "nsd",
        globs: &[r#"nsd"#, r#"nsd-checkzone"#, r#"nsd-checkconf"#],
        anchors: &["NSD "],
        pattern: r#"\x00NSD (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00NSD 4.6.1\x00",
        purl: "pkg:generic/nsd@{version}",
        cpe: "cpe:2.3:a:nlnetlabs:name_server_daemon:{version}:*:*:*:*:*:*:*",
        debian: &["nsd"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/parted of Debian package parted (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/parted/.
    // Sample: GNU Parted 3.5\n
    Classifier {
        id: "parted",
        name: "parted",
        globs: &[r#"parted"#],
        anywhere: true,
        anchors: &["GNU Parted "],
        pattern: r#"GNU Parted (?P<version>\d+\.\d+(?:\.\d+)?)\n"#,
        sample: "GNU Parted 3.5\n",
        purl: "pkg:generic/parted@{version}",
        cpe: "cpe:2.3:a:gnu:parted:{version}:*:*:*:*:*:*:*",
        debian: &["parted"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/lspci of Debian package pciutils (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/pciutils/.
    // Sample: lspci version 3.9.0
    Classifier {
        id: "pciutils",
        name: "pciutils",
        globs: &[r#"lspci"#, r#"setpci"#],
        anchors: &["lspci version ", "setpci version "],
        pattern: r#"(?:lspci|setpci) version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "lspci version 3.9.0",
        purl: "pkg:generic/pciutils@{version}",
        cpe: "cpe:2.3:a:pciutils_project:pciutils:{version}:*:*:*:*:*:*:*",
        debian: &["pciutils"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/pptp of Debian package pptp-linux (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/pptp-linux/.
    // Sample: pptp version 1.10.0
    Classifier {
        id: "pptp-linux",
        name: "pptp-linux",
        globs: &[r#"pptp"#],
        anchors: &["pptp version "],
        pattern: r#"pptp version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "pptp version 1.10.0",
        purl: "pkg:generic/pptp-linux@{version}",
        cpe: "cpe:2.3:a:pptp_client_project:pptp_client:{version}:*:*:*:*:*:*:*",
        debian: &["pptp-linux"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/transmission-daemon of Debian package transmission-daemon (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/transmission/.
    // Sample: Transmission 3.00 (bb6b5a062e)  https://transmissionbt.com/
    Classifier {
        id: "transmission",
        name: "transmission",
        globs: &[r#"transmission-daemon"#, r#"transmission-*"#],
        anywhere: true,
        anchors: &["Transmission ", "Transmission/"],
        pattern: r#"Transmission[ /](?P<version>\d+\.\d+(?:\.\d+)?(?:-beta\.\d+)?)(?: \([0-9a-f]+\)|\x00)"#,
        sample: "Transmission 3.00 (bb6b5a062e)  https://transmissionbt.com/",
        purl: "pkg:generic/transmission@{version}",
        cpe: "cpe:2.3:a:transmissionbt:transmission:{version}:*:*:*:*:*:*:*",
        debian: &["transmission-daemon"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/traceroute.db of Debian package traceroute (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/traceroute/.
    // Sample: Modern traceroute for Linux, version 2.1.2\nCopyright
    Classifier {
        id: "traceroute",
        name: "traceroute",
        globs: &[r#"traceroute"#, r#"traceroute.db"#, r#"traceroute6"#, r#"traceroute6.db"#],
        anywhere: true,
        anchors: &["Modern traceroute for Linux, version "],
        pattern: r#"Modern traceroute for Linux, version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "Modern traceroute for Linux, version 2.1.2\nCopyright",
        purl: "pkg:generic/traceroute@{version}",
        cpe: "cpe:2.3:a:buc:traceroute:{version}:*:*:*:*:*:*:*",
        debian: &["traceroute"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/lsusb of Debian package usbutils (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/usbutils/.
    // Sample: lsusb (usbutils) 014\x00
    Classifier {
        id: "usbutils",
        name: "usbutils",
        globs: &[r#"lsusb"#],
        anchors: &["lsusb (usbutils) "],
        pattern: r#"lsusb \(usbutils\) (?P<version>\d+(?:\.\d+)?)\x00"#,
        sample: "lsusb (usbutils) 014\x00",
        purl: "pkg:generic/usbutils@{version}",
        cpe: "cpe:2.3:a:usbutils_project:usbutils:{version}:*:*:*:*:*:*:*",
        debian: &["usbutils"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/webfsd of Debian package webfs (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/webfs/.
    // Sample: \x00webfs/1.21\x00
    Classifier {
        id: "webfs",
        name: "webfs",
        globs: &[r#"webfsd"#],
        anchors: &["webfs/"],
        pattern: r#"\x00webfs/(?P<version>\d+\.\d+)\x00"#,
        sample: "\x00webfs/1.21\x00",
        purl: "pkg:generic/webfs@{version}",
        cpe: "cpe:2.3:a:webfs_project:webfs:{version}:*:*:*:*:*:*:*",
        debian: &["webfs"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/pppoe of Debian package pppoe (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/rp-pppoe/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x003.15\x00
    Classifier {
        id: "rp-pppoe",
        name: "rp-pppoe",
        globs: &[r#"pppoe"#, r#"pppoe-server"#, r#"pppoe-relay"#, r#"pppoe-sniff"#, r#"rp-pppoe.so"#],
        anchors: &["RP-PPPoE Version %s"],
        pattern: r#"\x00(?P<version>[34]\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x003.15\x00",
        purl: "pkg:generic/rp-pppoe@{version}",
        cpe: "cpe:2.3:a:roaringpenguin:rp-pppoe:{version}:*:*:*:*:*:*:*",
        debian: &["pppoe"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/lvm of Debian package lvm2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/lvm2/.
    // Sample: \x002.03.16(2) (2022-05-18)\x00
    Classifier {
        id: "lvm2",
        name: "lvm2",
        globs: &[r#"lvm"#, r#"lvm.static"#, r#"lvmpolld"#, r#"lvmetad"#],
        anchors: &["(2) (20"],
        pattern: r#"\x00(?:lvmpolld version: )?(?P<version>2\.0\d\.\d+)\(2\) \(\d{4}-\d\d-\d\d\)\x00"#,
        sample: "\x002.03.16(2) (2022-05-18)\x00",
        purl: "pkg:generic/lvm2@{version}",
        cpe: "cpe:2.3:a:redhat:lvm2:{version}:*:*:*:*:*:*:*",
        debian: &["lvm2"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/xinetd of Debian package xinetd (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/xinetd/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.3.15.3\x00
    Classifier {
        id: "xinetd",
        name: "xinetd",
        globs: &[r#"xinetd"#],
        anchors: &["xinetd"],
        pattern: r#"\x00(?P<version>2\.3\.\d+(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x002.3.15.3\x00",
        purl: "pkg:generic/xinetd@{version}",
        cpe: "cpe:2.3:a:xinetd:xinetd:{version}:*:*:*:*:*:*:*",
        debian: &["xinetd"],
        ..Classifier::DEFAULT
    },
    // Written from /bin/ping of Debian package iputils-ping (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/iputils/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x0020221126\x00
    Classifier {
        id: "iputils",
        name: "iputils",
        globs: &[r#"ping"#, r#"ping6"#, r#"arping"#, r#"tracepath"#, r#"tracepath6"#, r#"clockdiff"#],
        anchors: &["iputils"],
        pattern: r#"\x00(?P<version>20\d{6}|s20\d{6})\x00"#,
        scope: Scope::File,
        sample: "\x0020221126\x00",
        purl: "pkg:generic/iputils@{version}",
        cpe: "cpe:2.3:a:iputils_project:iputils:{version}:*:*:*:*:*:*:*",
        debian: &["iputils-ping"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/iw of Debian package iw (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/iw/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // The last non-NUL byte before the version must not be a digit: the HE guard-interval table ("0.8", "1.6",
    // "3.2") is a list of numbers, not a version (trixie arm64). Matrix: bookworm amd64, mipsel, trixie arm64 right.
    // Sample: bar\x005.19\x00
    Classifier {
        id: "iw",
        name: "iw",
        globs: &[r#"iw"#],
        anchors: &["iw version %s"],
        pattern: r#"(?-u:[^\x00\d.])\x00+(?P<version>[3-9]\.\d{1,2}(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "bar\x005.19\x00",
        purl: "pkg:generic/iw@{version}",
        cpe: "cpe:2.3:a:kernel:iw:{version}:*:*:*:*:*:*:*",
        debian: &["iw"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/sz of Debian package lrzsz (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/lrzsz/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x000.12.21rc\x00
    Classifier {
        id: "lrzsz",
        name: "lrzsz",
        globs: &[r#"sz"#, r#"rz"#, r#"lsz"#, r#"lrz"#, r#"sb"#, r#"rb"#, r#"sx"#, r#"rx"#],
        anchors: &["lrzsz"],
        pattern: r#"\x00(?P<version>0\.1\d\.\d+(?:rc|-beta\d*)?)\x00"#,
        scope: Scope::File,
        sample: "\x000.12.21rc\x00",
        purl: "pkg:generic/lrzsz@{version}",
        cpe: "cpe:2.3:a:lrzsz_project:lrzsz:{version}:*:*:*:*:*:*:*",
        debian: &["lrzsz"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/lsof of Debian package lsof (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/lsof/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x004.95.0\x00
    Classifier {
        id: "lsof",
        name: "lsof",
        globs: &[r#"lsof"#],
        anchors: &[" latest revision: %s"],
        pattern: r#"\x00(?P<version>4\.\d{2}(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x004.95.0\x00",
        purl: "pkg:generic/lsof@{version}",
        cpe: "cpe:2.3:a:lsof_project:lsof:{version}:*:*:*:*:*:*:*",
        debian: &["lsof"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/ncat of Debian package ncat (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ncat/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x007.93\x00
    Classifier {
        id: "ncat",
        name: "ncat",
        globs: &[r#"ncat"#],
        anchors: &["https://nmap.org/ncat"],
        pattern: r#"\x00(?P<version>[4-9]\.\d{2,3}(?:SVN|BETA\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x007.93\x00",
        purl: "pkg:generic/ncat@{version}",
        cpe: "cpe:2.3:a:nmap:ncat:{version}:*:*:*:*:*:*:*",
        debian: &["ncat"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/ndisc6 of Debian package ndisc6 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ndisc6/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.0.5\x00
    Classifier {
        id: "ndisc6",
        name: "ndisc6",
        globs: &[
            r#"ndisc6"#,
            r#"rdisc6"#,
            r#"rltraceroute6"#,
            r#"tcptraceroute6"#,
            r#"tracert6"#,
            r#"tcpspray6"#,
            r#"tcpspray.ndisc6"#,
            r#"name2addr"#,
            r#"addr2name"#,
            r#"dnssort"#,
        ],
        anchors: &["ndisc6"],
        pattern: r#"\x00(?P<version>[01]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.0.5\x00",
        purl: "pkg:generic/ndisc6@{version}",
        cpe: "cpe:2.3:a:remlab:ndisc6:{version}:*:*:*:*:*:*:*",
        debian: &["ndisc6"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/nload of Debian package nload (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/nload/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x000.7.4\x00
    Classifier {
        id: "nload",
        name: "nload",
        globs: &[r#"nload"#],
        anchors: &["Command line syntax:"],
        pattern: r#"\x00(?P<version>0\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x000.7.4\x00",
        purl: "pkg:generic/nload@{version}",
        cpe: "cpe:2.3:a:nload_project:nload:{version}:*:*:*:*:*:*:*",
        debian: &["nload"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/ntpd of Debian package ntpsec (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ntpsec/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.2.2\x00
    Classifier {
        id: "ntpsec",
        name: "ntpsec",
        globs: &[r#"ntpd"#, r#"ntptime"#],
        anchors: &["ntpsec-%s"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.2.2\x00",
        purl: "pkg:generic/ntpsec@{version}",
        cpe: "cpe:2.3:a:ntpsec:ntpsec:{version}:*:*:*:*:*:*:*",
        debian: &["ntpsec"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/pptpd of Debian package pptpd (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/pptpd/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.4.0\x00
    Classifier {
        id: "pptpd",
        name: "pptpd",
        globs: &[r#"pptpd"#, r#"pptpctrl"#],
        anchors: &["pptpd v%s"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.4.0\x00",
        purl: "pkg:generic/pptpd@{version}",
        cpe: "cpe:2.3:a:poptop:pptpd:{version}:*:*:*:*:*:*:*",
        debian: &["pptpd"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/ser2net of Debian package ser2net (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ser2net/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x004.3.11\x00
    Classifier {
        id: "ser2net",
        name: "ser2net",
        globs: &[r#"ser2net"#],
        anchors: &["ser2net"],
        pattern: r#"\x00(?P<version>[2-4]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x004.3.11\x00",
        purl: "pkg:generic/ser2net@{version}",
        cpe: "cpe:2.3:a:ser2net_project:ser2net:{version}:*:*:*:*:*:*:*",
        debian: &["ser2net"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/ss-server of Debian package shadowsocks-libev (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/shadowsocks-libev/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x003.3.5\x00
    Classifier {
        id: "shadowsocks-libev",
        name: "shadowsocks-libev",
        globs: &[r#"ss-server"#, r#"ss-local"#, r#"ss-redir"#, r#"ss-tunnel"#, r#"ss-manager"#],
        anchors: &["shadowsocks-libev %s"],
        pattern: r#"\x00(?P<version>[23]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x003.3.5\x00",
        purl: "pkg:generic/shadowsocks-libev@{version}",
        cpe: "cpe:2.3:a:shadowsocks:shadowsocks-libev:{version}:*:*:*:*:*:*:*",
        debian: &["shadowsocks-libev"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/socat of Debian package socat (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/socat/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.7.4.4\x00
    Classifier {
        id: "socat",
        name: "socat",
        globs: &[r#"socat"#, r#"socat1"#],
        anchors: &["socat version %s on %s"],
        pattern: r#"\x00(?P<version>1\.[78]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.7.4.4\x00",
        purl: "pkg:generic/socat@{version}",
        cpe: "cpe:2.3:a:dest-unreach:socat:{version}:*:*:*:*:*:*:*",
        debian: &["socat"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/iostat of Debian package sysstat (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/sysstat/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x0012.6.1\x00
    Classifier {
        id: "sysstat",
        name: "sysstat",
        globs: &[
            r#"iostat"#,
            r#"mpstat"#,
            r#"pidstat"#,
            r#"sar"#,
            r#"sar.sysstat"#,
            r#"sadc"#,
            r#"sadf"#,
            r#"cifsiostat"#,
            r#"tapestat"#,
        ],
        anchors: &["sysstat version %s"],
        pattern: r#"\x00(?P<version>1\d\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x0012.6.1\x00",
        purl: "pkg:generic/sysstat@{version}",
        cpe: "cpe:2.3:a:sysstat_project:sysstat:{version}:*:*:*:*:*:*:*",
        debian: &["sysstat"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/tincd of Debian package tinc (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/tinc/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.0.36\x00
    Classifier {
        id: "tinc",
        name: "tinc",
        globs: &[r#"tincd"#, r#"tinc"#],
        anchors: &["Name for tinc daemon required!"],
        pattern: r#"\x00(?P<version>1\.[01]\.\d+(?:pre\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.0.36\x00",
        purl: "pkg:generic/tinc@{version}",
        cpe: "cpe:2.3:a:tinc-vpn:tinc:{version}:*:*:*:*:*:*:*",
        debian: &["tinc"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/ulogd of Debian package ulogd2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ulogd/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.0.8\x00
    Classifier {
        id: "ulogd",
        name: "ulogd",
        globs: &[r#"ulogd"#],
        anchors: &["ulogd Version %s"],
        pattern: r#"\x00(?P<version>[12]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.0.8\x00",
        purl: "pkg:generic/ulogd@{version}",
        cpe: "cpe:2.3:a:netfilter:ulogd:{version}:*:*:*:*:*:*:*",
        debian: &["ulogd2"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/usb_modeswitch of Debian package usb-modeswitch (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/usb-modeswitch/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.6.1\x00
    Classifier {
        id: "usb-modeswitch",
        name: "usb-modeswitch",
        globs: &[r#"usb_modeswitch"#],
        anchors: &[" * Version %s (C) Josua Dietze"],
        pattern: r#"\x00(?P<version>[12]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.6.1\x00",
        purl: "pkg:generic/usb-modeswitch@{version}",
        cpe: "cpe:2.3:a:draisberghof:usb_modeswitch:{version}:*:*:*:*:*:*:*",
        debian: &["usb-modeswitch"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/vnstatd of Debian package vnstat (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/vnstat/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.10\x00
    Classifier {
        id: "vnstat",
        name: "vnstat",
        globs: &[r#"vnstatd"#, r#"vnstat"#],
        anchors: &["vnstatd %s"],
        pattern: r#"\x00(?P<version>[12]\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.10\x00",
        purl: "pkg:generic/vnstat@{version}",
        cpe: "cpe:2.3:a:vnstat_project:vnstat:{version}:*:*:*:*:*:*:*",
        debian: &["vnstat"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/ptp4l of Debian package linuxptp (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/linuxptp/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x003.1.1\x00
    Classifier {
        id: "linuxptp",
        name: "linuxptp",
        globs: &[r#"ptp4l"#, r#"phc2sys"#, r#"pmc"#, r#"ts2phc"#, r#"phc_ctl"#, r#"hwstamp_ctl"#, r#"nsm"#],
        anchors: &["ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES"],
        pattern: r#"\x00(?P<version>[1-4]\.\d+(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x003.1.1\x00",
        purl: "pkg:generic/linuxptp@{version}",
        cpe: "cpe:2.3:a:linuxptp_project:linuxptp:{version}:*:*:*:*:*:*:*",
        debian: &["linuxptp"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/mkfs.exfat of Debian package exfatprogs (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/exfatprogs/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.2.0\x00
    Classifier {
        id: "exfatprogs",
        name: "exfatprogs",
        globs: &[r#"mkfs.exfat"#, r#"fsck.exfat"#, r#"tune.exfat"#, r#"exfatlabel"#, r#"dump.exfat"#, r#"exfat2img"#],
        anchors: &["exfatprogs version : %s"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.2.0\x00",
        purl: "pkg:generic/exfatprogs@{version}",
        cpe: "cpe:2.3:a:namjaejeon:exfatprogs:{version}:*:*:*:*:*:*:*",
        debian: &["exfatprogs"],
        ..Classifier::DEFAULT
    },
    // Written from /sbin/mkfs.f2fs of Debian package f2fs-tools (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/f2fs-tools/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.15.0\x00
    Classifier {
        id: "f2fs-tools",
        name: "f2fs-tools",
        globs: &[r#"mkfs.f2fs"#, r#"fsck.f2fs"#],
        anchors: &["mkfs.f2fs", "fsck.f2fs"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.15.0\x00",
        purl: "pkg:generic/f2fs-tools@{version}",
        cpe: "cpe:2.3:a:f2fs-tools_project:f2fs-tools:{version}:*:*:*:*:*:*:*",
        debian: &["f2fs-tools"],
        ..Classifier::DEFAULT
    },
    // Written from /bin/fusermount3 of Debian package fuse3 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/fuse/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x003.14.0\x00
    Classifier {
        id: "fuse",
        name: "fuse",
        globs: &[r#"fusermount"#, r#"fusermount3"#],
        anchors: &["fusermount3 version: %s", "fusermount version: %s"],
        pattern: r#"\x00(?P<version>[23]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x003.14.0\x00",
        purl: "pkg:generic/fuse@{version}",
        cpe: "cpe:2.3:a:fuse_project:fuse:{version}:*:*:*:*:*:*:*",
        debian: &["fuse3"],
        ..Classifier::DEFAULT
    },
    // Written from /bin/gzip of Debian package gzip (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/gzip/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x001.12\x00
    Classifier {
        id: "gzip",
        name: "gzip",
        globs: &[r#"gzip"#],
        anchors: &["file size changed while zipping"],
        pattern: r#"\x00(?P<version>1\.\d{1,2})\x00"#,
        scope: Scope::File,
        sample: "\x001.12\x00",
        purl: "pkg:generic/gzip@{version}",
        cpe: "cpe:2.3:a:gnu:gzip:{version}:*:*:*:*:*:*:*",
        debian: &["gzip"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/arpwatch of Debian package arpwatch (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/arpwatch/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002.1a15\x00
    Classifier {
        id: "arpwatch",
        name: "arpwatch",
        globs: &[r#"arpwatch"#, r#"arpsnmp"#],
        anchors: &["arpwatch"],
        pattern: r#"\x00(?P<version>2\.1a\d+)\x00"#,
        scope: Scope::File,
        sample: "\x002.1a15\x00",
        purl: "pkg:generic/arpwatch@{version}",
        cpe: "cpe:2.3:a:lbl:arpwatch:{version}:*:*:*:*:*:*:*",
        debian: &["arpwatch"],
        ..Classifier::DEFAULT
    },
    // Written from /bin/ntfsfix of Debian package ntfs-3g (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/ntfs-3g/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x002022.10.3\x00
    Classifier {
        id: "ntfs-3g",
        name: "ntfs-3g",
        globs: &[
            r#"ntfs-3g"#,
            r#"lowntfs-3g"#,
            r#"ntfsfix"#,
            r#"mkntfs"#,
            r#"ntfsclone"#,
            r#"ntfscp"#,
            r#"ntfslabel"#,
            r#"ntfsresize"#,
            r#"ntfsundelete"#,
            r#"ntfscat"#,
            r#"ntfscmp"#,
            r#"ntfswipe"#,
            r#"ntfsdecrypt"#,
        ],
        anchors: &["ntfs"],
        pattern: r#"\x00(?P<version>20\d\d\.\d+\.\d+(?:AR\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x002022.10.3\x00",
        purl: "pkg:generic/ntfs-3g@{version}",
        cpe: "cpe:2.3:a:tuxera:ntfs-3g:{version}:*:*:*:*:*:*:*",
        debian: &["ntfs-3g"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/tcpreplay of Debian package tcpreplay (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/tcpreplay/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x004.4.3\x00
    Classifier {
        id: "tcpreplay",
        name: "tcpreplay",
        globs: &[
            r#"tcpreplay"#,
            r#"tcpreplay-edit"#,
            r#"tcprewrite"#,
            r#"tcpprep"#,
            r#"tcpliveplay"#,
            r#"tcpcapinfo"#,
            r#"tcpbridge"#,
        ],
        anchors: &["tcpreplay version: %s"],
        pattern: r#"\x00(?P<version>[34]\.\d+\.\d+(?:-beta\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x004.4.3\x00",
        purl: "pkg:generic/tcpreplay@{version}",
        cpe: "cpe:2.3:a:broadcom:tcpreplay:{version}:*:*:*:*:*:*:*",
        debian: &["tcpreplay"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/sbin/arptables-legacy of Debian package arptables (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/arptables/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x000.0.5\x00
    Classifier {
        id: "arptables",
        name: "arptables",
        globs: &[r#"arptables"#, r#"arptables-legacy"#],
        anchors: &["arptables"],
        pattern: r#"\x00(?P<version>0\.0\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x000.0.5\x00",
        purl: "pkg:generic/arptables@{version}",
        cpe: "cpe:2.3:a:netfilter:arptables:{version}:*:*:*:*:*:*:*",
        debian: &["arptables"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/ls of Debian package coreutils (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/coreutils/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x009.1\x00
    Classifier {
        id: "coreutils",
        name: "coreutils",
        globs: &[
            r#"ls"#,
            r#"cat"#,
            r#"cp"#,
            r#"mv"#,
            r#"rm"#,
            r#"ln"#,
            r#"chmod"#,
            r#"chown"#,
            r#"date"#,
            r#"dd"#,
            r#"df"#,
            r#"du"#,
            r#"echo"#,
            r#"head"#,
            r#"tail"#,
            r#"sort"#,
            r#"uniq"#,
            r#"wc"#,
            r#"md5sum"#,
            r#"sha256sum"#,
            r#"stat"#,
            r#"touch"#,
            r#"mkdir"#,
            r#"env"#,
            r#"id"#,
            r#"stty"#,
            r#"uname"#,
        ],
        anchors: &["GNU coreutils"],
        pattern: r#"\x00(?P<version>[5-9]\.\d{1,2})\x00"#,
        scope: Scope::File,
        sample: "\x009.1\x00",
        purl: "pkg:generic/coreutils@{version}",
        cpe: "cpe:2.3:a:gnu:coreutils:{version}:*:*:*:*:*:*:*",
        debian: &["coreutils"],
        ..Classifier::DEFAULT
    },
    // Written from /usr/bin/cmp of Debian package diffutils (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/diffutils/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x003.8\x00
    Classifier {
        id: "diffutils",
        name: "diffutils",
        globs: &[r#"cmp"#, r#"diff"#, r#"diff3"#, r#"sdiff"#],
        anchors: &["GNU diffutils"],
        pattern: r#"(?:\x00|\(GNU diffutils\) )(?P<version>[23]\.\d{1,2}(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x003.8\x00",
        purl: "pkg:generic/diffutils@{version}",
        cpe: "cpe:2.3:a:gnu:diffutils:{version}:*:*:*:*:*:*:*",
        debian: &["diffutils"],
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: iproute2 releases of 2004-2011 (snapshot versions) print
    // `ip utility, iproute2-ss%s` with SNAPSHOT a bare six-digit date string; the version is given as the program
    // prints it (`ss040823`). Snippets under tests/snippets/iproute2-snapshot/ cut from router builds (MIPS).
    // Sample: \x00040823\x00
    Classifier {
        id: "iproute2-snapshot",
        name: "iproute2",
        globs: &[r#"ip"#, r#"tc"#, r#"ss"#, r#"rtmon"#, r#"rtacct"#, r#"lnstat"#, r#"nstat"#],
        anchors: &["utility, iproute2-ss%s"],
        pattern: r#"\x00(?P<version>0\d[01]\d[0-3]\d|1[01][01]\d[0-3]\d)\x00"#,
        scope: Scope::File,
        sample: "\x00040823\x00",
        purl: "pkg:generic/iproute2@{version}",
        cpe: "cpe:2.3:a:iproute2_project:iproute2:{version}:*:*:*:*:*:*:*",
        version_prefix: "ss",
        ..Classifier::DEFAULT
    },
    // Written from /bin/ip of Debian package iproute2 (bookworm, amd64 and mipsel builds); snippets under
    // tests/snippets/iproute2/. The version is a bare string of the program's own version output, apart from
    // the product's name: searched over the whole file, only in the product's own files, once the anchor is seen.
    // Sample: \x006.1.0\x00
    Classifier {
        id: "iproute2",
        name: "iproute2",
        globs: &[
            r#"ip"#,
            r#"tc"#,
            r#"bridge"#,
            r#"ss"#,
            r#"devlink"#,
            r#"rtmon"#,
            r#"genl"#,
            r#"nstat"#,
            r#"lnstat"#,
            r#"rdma"#,
            r#"dcb"#,
            r#"vdpa"#,
        ],
        anchors: &["utility, iproute2-%s"],
        pattern: r#"\x00(?P<version>[3-6]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x006.1.0\x00",
        purl: "pkg:generic/iproute2@{version}",
        cpe: "cpe:2.3:a:iproute2_project:iproute2:{version}:*:*:*:*:*:*:*",
        debian: &["iproute2"],
        ..Classifier::DEFAULT
    },
];
