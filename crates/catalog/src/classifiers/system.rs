//! Base-system tools: shells, init, logging, file systems.

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from busybox of Debian package busybox-static (version 1:1.35); snippet under tests/snippets/busybox/.
    // Sample: BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)
    // BB_BANNER is `BusyBox v` BB_VER ` (` BB_BT `)` in every release: two-part versions of the 1.0 era
    // (`BusyBox v1.00 (2010.11.25-09:44+0000)`, D-Link DIR-300; `v1.01`), pre and rc releases
    // (`v1.00-pre10`), a BB_VER that already starts with `v` (`BusyBox vv1.9.1 (2012-07-21 …)`, Huawei
    // HG532e). A vendor's extra version after a separator is left out; the ` (` of the build date guards.
    Classifier {
        id: "busybox",
        name: "busybox",
        globs: &[r#"busybox*"#],
        anywhere: true,
        anchors: &["BusyBox v"],
        pattern: r#"BusyBox vv?(?P<version>\d+\.\d+(?:\.\d+)?(?:-(?:pre|rc)\d+)?)(?:[-+.~_][-+\w.~]*)? \("#,
        sample: "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)",
        purl: "pkg:generic/busybox@{version}",
        cpe: "cpe:2.3:a:busybox:busybox:{version}:*:*:*:*:*:*:*",
        debian: &["busybox-static"],
        ..Classifier::DEFAULT
    },
    // Written from toybox of Debian package toybox (version see snippet); snippet under tests/snippets/toybox/.
    // Sample: \x000.8.9\x00
    Classifier {
        id: "toybox",
        name: "toybox",
        globs: &[r#"toybox"#],
        anchors: &["toybox"],
        pattern: r#"(?:\x00|toybox wget/)(?P<version>0\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        guards: &[r#"Toybox"#],
        sample: "\x000.8.9\x00",
        purl: "pkg:generic/toybox@{version}",
        cpe: "cpe:2.3:a:toybox_project:toybox:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["toybox"],
        ..Classifier::DEFAULT
    },
    // Written from systemctl of Debian package systemd (version see snippet); snippet under tests/snippets/systemd/.
    // Sample: \x00systemd 252 (252.39-1~deb12u2)
    Classifier {
        id: "systemd",
        name: "systemd",
        globs: &[r#"systemctl"#, r#"systemd"#, r#"libsystemd-shared*.so"#, r#"systemd-*"#],
        anchors: &["systemd ", "The systemd Project"],
        pattern: r#"(?:\x00systemd \d{3} \(|\x00\d{3}(?:\.\d+)? \()(?P<version>\d{3}(?:\.\d+)?)[-~+)](?:[^\x00]{0,40}\x00{1,8}The systemd Project)?"#,
        sample: "\x00systemd 252 (252.39-1~deb12u2)",
        purl: "pkg:generic/systemd@{version}",
        cpe: "cpe:2.3:a:systemd_project:systemd:{version}:*:*:*:*:*:*:*",
        debian: &["systemd", "libsystemd-shared"],
        ..Classifier::DEFAULT
    },
    // Written from readprofile of Debian package util-linux (version see snippet); snippet under tests/snippets/util-linux/.
    // Sample: \x00util-linux 2.38.1\x00
    Classifier {
        id: "util-linux",
        name: "util-linux",
        globs: &[r#"*"#],
        anywhere: true,
        anchors: &["util-linux "],
        pattern: r#"\x00util-linux (?P<version>2\.\d+(?:\.\d+)?)\x00"#,
        sample: "\x00util-linux 2.38.1\x00",
        purl: "pkg:generic/util-linux@{version}",
        cpe: "cpe:2.3:a:kernel:util-linux:{version}:*:*:*:*:*:*:*",
        debian: &["util-linux"],
        ..Classifier::DEFAULT
    },
    // Written from bash of Debian package bash (version see snippet); snippet under tests/snippets/bash/.
    // Sample: @(#)Bash version 5.2.15(1) release GNU
    Classifier {
        id: "bash",
        name: "bash",
        globs: &[r#"bash"#, r#"sh"#],
        anchors: &["Bash version "],
        pattern: r#"@\(#\)Bash version (?P<version>\d+\.\d+(?:\.\d+)?)\("#,
        sample: "@(#)Bash version 5.2.15(1) release GNU",
        purl: "pkg:generic/bash@{version}",
        cpe: "cpe:2.3:a:gnu:bash:{version}:*:*:*:*:*:*:*",
        debian: &["bash"],
        ..Classifier::DEFAULT
    },
    // Written from sudoers.so of Debian package sudo (version see snippet); snippet under tests/snippets/sudo/.
    // Sample: \x00sudoers 1.9.13p3\x00
    Classifier {
        id: "sudo",
        name: "sudo",
        globs: &[r#"sudoers.so"#, r#"sudo"#, r#"sudo_*"#],
        anchors: &["sudoers "],
        pattern: r#"\x00sudoers (?P<version>1\.\d+\.\d+(?:p\d+)?)\x00"#,
        sample: "\x00sudoers 1.9.13p3\x00",
        purl: "pkg:generic/sudo@{version}",
        cpe: "cpe:2.3:a:sudo_project:sudo:{version}:*:*:*:*:*:*:*",
        debian: &["sudo"],
        ..Classifier::DEFAULT
    },
    // Written from kmod of Debian package kmod (version see snippet); snippet under tests/snippets/kmod/.
    // Sample: kmod version 30\x00
    Classifier {
        id: "kmod",
        name: "kmod",
        globs: &[r#"kmod"#, r#"modprobe"#, r#"insmod"#, r#"lsmod"#],
        anchors: &["kmod version "],
        pattern: r#"kmod version (?P<version>\d+(?:\.\d+)?)\x00"#,
        sample: "kmod version 30\x00",
        purl: "pkg:generic/kmod@{version}",
        cpe: "cpe:2.3:a:kernel:kmod:{version}:*:*:*:*:*:*:*",
        debian: &["kmod"],
        ..Classifier::DEFAULT
    },
    // Written from top of Debian package procps (version see snippet); snippet under tests/snippets/procps/.
    // Sample: procps-ng 4.0.2
    Classifier {
        id: "procps",
        name: "procps-ng",
        globs: &[r#"top"#, r#"ps"#, r#"free"#, r#"vmstat"#, r#"uptime"#, r#"libprocps*"#, r#"libproc2*"#],
        anchors: &["procps-ng "],
        pattern: r#"procps-ng (?P<version>\d+\.\d+\.\d+)"#,
        sample: "procps-ng 4.0.2",
        purl: "pkg:generic/procps-ng@{version}",
        cpe: "cpe:2.3:a:procps-ng_project:procps-ng:{version}:*:*:*:*:*:*:*",
        debian: &["procps"],
        ..Classifier::DEFAULT
    },
    // Written from rsyslogd of Debian package rsyslog (version see snippet); snippet under tests/snippets/rsyslog/.
    // Sample: This is rsyslog version 8.2302.0
    Classifier {
        id: "rsyslog",
        name: "rsyslog",
        globs: &[r#"rsyslogd"#],
        anchors: &["This is rsyslog version "],
        pattern: r#"This is rsyslog version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "This is rsyslog version 8.2302.0",
        purl: "pkg:generic/rsyslog@{version}",
        cpe: "cpe:2.3:a:rsyslog:rsyslog:{version}:*:*:*:*:*:*:*",
        debian: &["rsyslog"],
        ..Classifier::DEFAULT
    },
    // Written from syslog-ng of Debian package syslog-ng-core (version see snippet); snippet under tests/snippets/syslog-ng/.
    // Sample: syslog-ng 3 (3.38.1)
    Classifier {
        id: "syslog-ng",
        name: "syslog-ng",
        globs: &[r#"syslog-ng"#],
        anchors: &["syslog-ng "],
        pattern: r#"syslog-ng \d \((?P<version>\d+\.\d+\.\d+)\)"#,
        sample: "syslog-ng 3 (3.38.1)",
        purl: "pkg:generic/syslog-ng@{version}",
        cpe: "cpe:2.3:a:oneidentity:syslog-ng:{version}:*:*:*:*:*:*:*",
        debian: &["syslog-ng-core"],
        ..Classifier::DEFAULT
    },
    // Written from logrotate of Debian package logrotate (version see snippet); snippet under tests/snippets/logrotate/.
    // Sample: logrotate 3.21.0 - Copyright (C) 1995-2001 Red Hat, Inc.
    Classifier {
        id: "logrotate",
        name: "logrotate",
        globs: &[r#"logrotate"#],
        anchors: &["logrotate "],
        pattern: r#"logrotate (?P<version>\d+\.\d+\.\d+) - Copyright"#,
        sample: "logrotate 3.21.0 - Copyright (C) 1995-2001 Red Hat, Inc.",
        purl: "pkg:generic/logrotate@{version}",
        cpe: "cpe:2.3:a:logrotate_project:logrotate:{version}:*:*:*:*:*:*:*",
        debian: &["logrotate"],
        ..Classifier::DEFAULT
    },
    // Written from htop of Debian package htop (version see snippet); snippet under tests/snippets/htop/.
    // Sample: htop 3.2.2 - (C) 2004-2019 Hisham Muhammad.
    Classifier {
        id: "htop",
        name: "htop",
        globs: &[r#"htop"#],
        anchors: &["htop "],
        pattern: r#"htop (?P<version>\d+\.\d+\.\d+) - \(C\)"#,
        sample: "htop 3.2.2 - (C) 2004-2019 Hisham Muhammad.",
        purl: "pkg:generic/htop@{version}",
        cpe: "cpe:2.3:a:htop:htop:{version}:*:*:*:*:*:*:*",
        debian: &["htop"],
        ..Classifier::DEFAULT
    },
    // Written from gawk of Debian package gawk (version see snippet); snippet under tests/snippets/gawk/.
    // Sample: GNU Awk 5.2.1
    Classifier {
        id: "gawk",
        name: "gawk",
        globs: &[r#"gawk"#, r#"awk"#],
        anchors: &["GNU Awk "],
        pattern: r#"GNU Awk (?P<version>\d+\.\d+\.\d+)"#,
        sample: "GNU Awk 5.2.1",
        purl: "pkg:generic/gawk@{version}",
        cpe: "cpe:2.3:a:gnu:gawk:{version}:*:*:*:*:*:*:*",
        debian: &["gawk"],
        ..Classifier::DEFAULT
    },
    // Written from nano of Debian package nano (version see snippet); snippet under tests/snippets/nano/.
    // Sample: GNU nano 7.2\x00
    Classifier {
        id: "nano",
        name: "nano",
        globs: &[r#"nano"#],
        anchors: &["GNU nano "],
        pattern: r#"GNU nano (?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "GNU nano 7.2\x00",
        purl: "pkg:generic/nano@{version}",
        cpe: "cpe:2.3:a:gnu:nano:{version}:*:*:*:*:*:*:*",
        debian: &["nano"],
        ..Classifier::DEFAULT
    },
    // Written from rmt-tar of Debian package tar (version see snippet); snippet under tests/snippets/tar/.
    // Sample: rmt (GNU tar) 1.34\x00
    Classifier {
        id: "tar",
        name: "tar",
        globs: &[r#"tar"#, r#"rmt*"#],
        anchors: &["(GNU tar) "],
        pattern: r#"\(GNU tar\) (?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "rmt (GNU tar) 1.34\x00",
        purl: "pkg:generic/tar@{version}",
        cpe: "cpe:2.3:a:gnu:tar:{version}:*:*:*:*:*:*:*",
        debian: &["tar"],
        ..Classifier::DEFAULT
    },
    // Written from xz of Debian package xz-utils (version see snippet); snippet under tests/snippets/xz/.
    // Sample: xz (XZ Utils) 5.4.1
    Classifier {
        id: "xz",
        name: "xz",
        globs: &[r#"xz"#, r#"lzmainfo"#, r#"xzdec"#, r#"unxz"#],
        anchors: &["(XZ Utils) "],
        pattern: r#"\(XZ Utils\) (?P<version>\d+\.\d+\.\d+)"#,
        sample: "xz (XZ Utils) 5.4.1",
        purl: "pkg:generic/xz@{version}",
        cpe: "cpe:2.3:a:tukaani:xz:{version}:*:*:*:*:*:*:*",
        debian: &["xz-utils"],
        ..Classifier::DEFAULT
    },
    // Written from smartctl of Debian package smartmontools (version see snippet); snippet under tests/snippets/smartmontools/.
    // Sample: smartmontools release 7.3 dated 2022-02-28
    Classifier {
        id: "smartmontools",
        name: "smartmontools",
        globs: &[r#"smartctl"#, r#"smartd"#],
        anchors: &["smartmontools release "],
        pattern: r#"smartmontools release (?P<version>\d+\.\d+) dated"#,
        sample: "smartmontools release 7.3 dated 2022-02-28",
        purl: "pkg:generic/smartmontools@{version}",
        cpe: "cpe:2.3:a:smartmontools:smartmontools:{version}:*:*:*:*:*:*:*",
        debian: &["smartmontools"],
        ..Classifier::DEFAULT
    },
    // Written from hdparm of Debian package hdparm (version see snippet); snippet under tests/snippets/hdparm/.
    // Sample: %s - get/set hard disk parameters - version v9.65, by Mark Lord.
    Classifier {
        id: "hdparm",
        name: "hdparm",
        globs: &[r#"hdparm"#],
        anchors: &["- version v"],
        pattern: r#"hard disk parameters - version v(?P<version>\d+\.\d+)"#,
        sample: "%s - get/set hard disk parameters - version v9.65, by Mark Lord.",
        purl: "pkg:generic/hdparm@{version}",
        cpe: "cpe:2.3:a:hdparm_project:hdparm:{version}:*:*:*:*:*:*:*",
        debian: &["hdparm"],
        ..Classifier::DEFAULT
    },
    // Written from unsquashfs of Debian package squashfs-tools (version see snippet); snippet under tests/snippets/squashfs-tools/.
    // Sample: unsquashfs version 4.5.1 (2022/03/17)
    Classifier {
        id: "squashfs-tools",
        name: "squashfs-tools",
        globs: &[r#"mksquashfs"#, r#"unsquashfs"#, r#"sqfs*"#],
        anchors: &["unsquashfs version ", "%s version "],
        pattern: r#"(?:unsquashfs|%s) version (?P<version>\d+\.\d+(?:\.\d+)?) \(\d{4}/\d\d/\d\d\)"#,
        sample: "unsquashfs version 4.5.1 (2022/03/17)",
        purl: "pkg:generic/squashfs-tools@{version}",
        cpe: "cpe:2.3:a:squashfs-tools_project:squashfs-tools:{version}:*:*:*:*:*:*:*",
        debian: &["squashfs-tools"],
        ..Classifier::DEFAULT
    },
    // Written from ubinfo of Debian package mtd-utils (version see snippet); snippet under tests/snippets/mtd-utils/.
    // Sample: ubinfo version 2.1.5 - a tool to print UBI information.
    Classifier {
        id: "mtd-utils",
        name: "mtd-utils",
        globs: &[r#"ubi*"#, r#"flash_*"#, r#"nand*"#, r#"mtd*"#],
        anchors: &["ubinfo version "],
        pattern: r#"ubinfo version (?P<version>\d+\.\d+\.\d+) - "#,
        sample: "ubinfo version 2.1.5 - a tool to print UBI information.",
        purl: "pkg:generic/mtd-utils@{version}",
        cpe: "cpe:2.3:a:mtd-utils_project:mtd-utils:{version}:*:*:*:*:*:*:*",
        debian: &["mtd-utils"],
        ..Classifier::DEFAULT
    },
    // Written from 7zr of Debian package p7zip (version see snippet); snippet under tests/snippets/7zip/.
    // Sample: 7-Zip (a) [64] 26.02 : Igor Pavlov : Public domain
    Classifier {
        id: "7zip",
        name: "7-zip",
        globs: &[r#"7z*"#, r#"7za"#, r#"7zr"#],
        anchors: &["Igor Pavlov"],
        pattern: r#"7-Zip (?:\(\w\) )?(?:\[\d+\] )?(?P<version>\d+\.\d+)(?: \(\w+\))? : (?:Copyright \(c\) \d{4}-\d{4} )?Igor Pavlov"#,
        sample: "7-Zip (a) [64] 26.02 : Igor Pavlov : Public domain",
        purl: "pkg:generic/7-zip@{version}",
        cpe: "cpe:2.3:a:7-zip:7-zip:{version}:*:*:*:*:*:*:*",
        debian: &["p7zip"],
        ..Classifier::DEFAULT
    },
    // Written from zabbix_agentd of Debian package zabbix-agent (version see snippet); snippet under tests/snippets/zabbix/.
    // Sample: \x00Zabbix 6.0.14\x00
    Classifier {
        id: "zabbix",
        name: "zabbix",
        globs: &[r#"zabbix_*"#],
        anchors: &["Zabbix "],
        pattern: r#"\x00Zabbix (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00Zabbix 6.0.14\x00",
        purl: "pkg:generic/zabbix@{version}",
        cpe: "cpe:2.3:a:zabbix:zabbix:{version}:*:*:*:*:*:*:*",
        debian: &["zabbix-agent"],
        ..Classifier::DEFAULT
    },
    // Written from collectd of Debian package collectd-core (version see snippet); snippet under tests/snippets/collectd/.
    // Sample: collectd 5.12.0.git, http://collectd.org/
    Classifier {
        id: "collectd",
        name: "collectd",
        globs: &[r#"collectd"#, r#"*.so"#],
        anchors: &["collectd "],
        pattern: r#"collectd (?P<version>\d+\.\d+\.\d+)(?:\.git)?, http://collectd\.org/"#,
        sample: "collectd 5.12.0.git, http://collectd.org/",
        purl: "pkg:generic/collectd@{version}",
        cpe: "cpe:2.3:a:collectd:collectd:{version}:*:*:*:*:*:*:*",
        debian: &["collectd-core"],
        ..Classifier::DEFAULT
    },
    // Written from cryptsetup of Debian package cryptsetup-bin (version see snippet); snippet under tests/snippets/cryptsetup/.
    // Sample: \x002.6.1\x00cryptsetup\x00
    Classifier {
        id: "cryptsetup",
        name: "cryptsetup",
        globs: &[r#"cryptsetup"#],
        anchors: &["\x00cryptsetup\x00", "# %s %s processing \""],
        pattern: r#"(?:\x00|# %s %s processing "\x00{1,8})(?P<version>2\.\d+\.\d+)\x00{1,8}(?:cryptsetup\x00)?"#,
        sample: "\x002.6.1\x00cryptsetup\x00",
        purl: "pkg:generic/cryptsetup@{version}",
        cpe: "cpe:2.3:a:cryptsetup_project:cryptsetup:{version}:*:*:*:*:*:*:*",
        debian: &["cryptsetup-bin"],
        ..Classifier::DEFAULT
    },
    // Written from gdbserver of Debian package gdbserver (version see snippet); snippet under tests/snippets/gdbserver/.
    // Sample: \x0013.1\x00
    Classifier {
        id: "gdbserver",
        name: "gdb",
        globs: &[r#"gdbserver"#],
        anchors: &["GNU gdbserver"],
        pattern: r#"\x00(?P<version>1\d\.\d+(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        guards: &[r#"GNU gdbserver"#],
        sample: "\x0013.1\x00",
        purl: "pkg:generic/gdb@{version}",
        cpe: "cpe:2.3:a:gnu:gdb:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["gdbserver"],
        ..Classifier::DEFAULT
    },
    // Written from strace of Debian package strace (version see snippet); snippet under tests/snippets/strace/.
    // Sample: \x006.1\x00strace\x00
    Classifier {
        id: "strace",
        name: "strace",
        globs: &[r#"strace"#],
        anchors: &["\x00strace\x00", "%s -- version %s\n"],
        pattern: r#"\x00(?P<version>\d+\.\d+(?:\.\d+)?)\x00{1,8}(?:strace\x00|%s -- version %s\n)"#,
        sample: "\x006.1\x00strace\x00",
        purl: "pkg:generic/strace@{version}",
        cpe: "cpe:2.3:a:strace_project:strace:{version}:*:*:*:*:*:*:*",
        debian: &["strace"],
        ..Classifier::DEFAULT
    },
    // Written from grep of Debian package grep (version see snippet); snippet under tests/snippets/grep/.
    // Sample: \x003.8\x00GNU grep\x00
    Classifier {
        id: "grep",
        name: "grep",
        globs: &[r#"grep"#],
        anchors: &["\x00GNU grep\x00"],
        pattern: r#"\x00(?P<version>\d+\.\d+(?:\.\d+)?)\x00{1,8}GNU grep\x00"#,
        sample: "\x003.8\x00GNU grep\x00",
        purl: "pkg:generic/grep@{version}",
        cpe: "cpe:2.3:a:gnu:grep:{version}:*:*:*:*:*:*:*",
        debian: &["grep"],
        ..Classifier::DEFAULT
    },
    // Written from find of Debian package findutils (version see snippet); snippet under tests/snippets/findutils/.
    // Sample: \x00GNU findutils\x004.9.0\x00
    Classifier {
        id: "findutils",
        name: "findutils",
        globs: &[r#"find"#, r#"xargs"#],
        anchors: &["\x00GNU findutils\x00"],
        pattern: r#"\x00GNU findutils\x00{1,8}(?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00GNU findutils\x004.9.0\x00",
        purl: "pkg:generic/findutils@{version}",
        cpe: "cpe:2.3:a:gnu:findutils:{version}:*:*:*:*:*:*:*",
        debian: &["findutils"],
        ..Classifier::DEFAULT
    },
    // Written from cpio of Debian package cpio (version see snippet); snippet under tests/snippets/cpio/.
    // Sample: \x002.13\x00GNU cpio\x00
    Classifier {
        id: "cpio",
        name: "cpio",
        globs: &[r#"cpio"#, r#"mt-gnu"#],
        anchors: &["\x00GNU cpio\x00"],
        pattern: r#"\x00(?P<version>2\.\d+)\x00{1,8}GNU cpio\x00"#,
        sample: "\x002.13\x00GNU cpio\x00",
        purl: "pkg:generic/cpio@{version}",
        cpe: "cpe:2.3:a:gnu:cpio:{version}:*:*:*:*:*:*:*",
        debian: &["cpio"],
        ..Classifier::DEFAULT
    },
    // Written from pstree of Debian package psmisc (version see snippet); snippet under tests/snippets/psmisc/.
    // Sample: pstree (PSmisc) %s\n\x0023.6\x00
    Classifier {
        id: "psmisc",
        name: "psmisc",
        globs: &[r#"pstree"#, r#"killall"#, r#"fuser"#],
        anchors: &["pstree (PSmisc) %s"],
        pattern: r#"pstree \(PSmisc\) %s\n\x00{1,8}(?P<version>\d+\.\d+)\x00"#,
        sample: "pstree (PSmisc) %s\n\x0023.6\x00",
        purl: "pkg:generic/psmisc@{version}",
        cpe: "cpe:2.3:a:psmisc_project:psmisc:{version}:*:*:*:*:*:*:*",
        debian: &["psmisc"],
        ..Classifier::DEFAULT
    },
    // Written from mklost+found of Debian package e2fsprogs (version see snippet); snippet under tests/snippets/e2fsprogs/.
    // Sample: \x00e2fsprogs\x005-Feb-2023\x001.47.0\x00
    Classifier {
        id: "e2fsprogs",
        name: "e2fsprogs",
        globs: &[r#"mklost+found"#, r#"mke2fs"#, r#"e2fsck"#, r#"tune2fs"#, r#"debugfs"#, r#"resize2fs"#],
        anchors: &["\x00e2fsprogs\x00"],
        pattern: r#"\x00e2fsprogs\x00{1,8}(?:\d{1,2}-[A-Z][a-z]{2}-\d{4}\x00{1,8})?(?P<version>1\.\d+\.\d+)\x00"#,
        sample: "\x00e2fsprogs\x005-Feb-2023\x001.47.0\x00",
        purl: "pkg:generic/e2fsprogs@{version}",
        cpe: "cpe:2.3:a:e2fsprogs_project:e2fsprogs:{version}:*:*:*:*:*:*:*",
        debian: &["e2fsprogs"],
        ..Classifier::DEFAULT
    },
    // Written from aide of Debian package aide (version see snippet); snippet under tests/snippets/aide/.
    // The version is the one bare x.y.z string of the program (printed by `AIDE %s`), apart from it in 0.19:
    // searched over the whole file, only in aide itself, once its own `AIDE %s` is seen.
    // Sample: \x000.18.3\x00AIDE %s\n
    Classifier {
        id: "aide",
        name: "aide",
        globs: &[r#"aide"#],
        anchors: &["AIDE %s"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>0\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x000.18.3\x00AIDE %s\n",
        purl: "pkg:generic/aide@{version}",
        cpe: "cpe:2.3:a:aide_project:aide:{version}:*:*:*:*:*:*:*",
        debian: &["aide"],
        ..Classifier::DEFAULT
    },
    // Written from biosdecode of Debian package dmidecode (version see snippet); snippet under tests/snippets/dmidecode/.
    // Sample: \x003.4\x00# biosdecode %s\n
    Classifier {
        id: "dmidecode",
        name: "dmidecode",
        globs: &[r#"biosdecode"#, r#"dmidecode"#, r#"vpddecode"#],
        anchors: &["# biosdecode %s", "dmidecode %s\x00"],
        pattern: r#"\x00(?P<version>\d+\.\d+)\x00{1,8}(?:# biosdecode %s\n|dmidecode %s\x00)"#,
        sample: "\x003.4\x00# biosdecode %s\n",
        purl: "pkg:generic/dmidecode@{version}",
        cpe: "cpe:2.3:a:nongnu:dmidecode:{version}:*:*:*:*:*:*:*",
        debian: &["dmidecode"],
        ..Classifier::DEFAULT
    },
    // Written from tmux of Debian package tmux (version see snippet); snippet under tests/snippets/tmux/.
    // Sample: duplicate path: %s\x003.3a\x00
    Classifier {
        id: "tmux",
        name: "tmux",
        globs: &[r#"tmux"#],
        anchors: &["duplicate path: %s\x00"],
        pattern: r#"duplicate path: %s\x00{1,8}(?P<version>\d\.\d[a-z]?)\x00"#,
        sample: "duplicate path: %s\x003.3a\x00",
        purl: "pkg:generic/tmux@{version}",
        cpe: "cpe:2.3:a:tmux_project:tmux:{version}:*:*:*:*:*:*:*",
        debian: &["tmux"],
        ..Classifier::DEFAULT
    },
    // Written from monit of Debian package monit (version see snippet); snippet under tests/snippets/monit/.
    // Sample: From: %s\r\n\x005.33.0\x00
    Classifier {
        id: "monit",
        name: "monit",
        globs: &[r#"monit"#],
        anchors: &["From: %s\r\n\x00", "mmonit.com/monit/'>monit "],
        pattern: r#"(?:From: %s\r\n\x00{1,8}|mmonit\.com/monit/'>monit )(?P<version>5\.\d+\.\d+)(?:\x00|</a>)"#,
        sample: "From: %s\r\n\x005.33.0\x00",
        purl: "pkg:generic/monit@{version}",
        cpe: "cpe:2.3:a:tildeslash:monit:{version}:*:*:*:*:*:*:*",
        debian: &["monit"],
        ..Classifier::DEFAULT
    },
];
