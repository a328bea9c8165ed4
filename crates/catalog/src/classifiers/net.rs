//! Network daemons and tools: DNS, DHCP, VPN, Wi-Fi, routing, mail, FTP.

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from dnsmasq of Debian package dnsmasq-base (version 2.90); snippet under tests/snippets/dnsmasq/.
    // Sample: \x00dnsmasq-2.90\x00
    Classifier {
        id: "dnsmasq",
        name: "dnsmasq",
        globs: &[r#"dnsmasq"#],
        anywhere: true,
        anchors: &["dnsmasq-"],
        pattern: r#"\x00dnsmasq-(?P<version>\d+\.\d+(?:\.\d+)?(?:rc\d+|test\d+)?)\x00"#,
        sample: "\x00dnsmasq-2.90\x00",
        purl: "pkg:generic/dnsmasq@{version}",
        cpe: "cpe:2.3:a:thekelleys:dnsmasq:{version}:*:*:*:*:*:*:*",
        debian: &["dnsmasq-base"],
        ..Classifier::DEFAULT
    },
    // Written from openvpn of Debian package openvpn (version 2.6.14-0); snippet under tests/snippets/openvpn/.
    // Sample: OpenVPN 2.6.14 mipsel-unknown-linux-gnu [SSL (OpenSSL)]
    Classifier {
        id: "openvpn",
        name: "openvpn",
        globs: &[r#"openvpn"#],
        anywhere: true,
        anchors: &["OpenVPN "],
        pattern: r#"OpenVPN (?P<version>\d+\.\d+\.\d+(?:_[a-z]+\d*)?) [\w.-]+ \["#,
        sample: "OpenVPN 2.6.14 mipsel-unknown-linux-gnu [SSL (OpenSSL)]",
        purl: "pkg:generic/openvpn@{version}",
        cpe: "cpe:2.3:a:openvpn:openvpn:{version}:*:*:*:*:*:*:*",
        debian: &["openvpn"],
        ..Classifier::DEFAULT
    },
    // Written from wpa_supplicant of Debian package wpasupplicant (version 2:2.10-12); snippet under tests/snippets/wpa_supplicant/.
    // Sample: wpa_supplicant v2.10\n
    Classifier {
        id: "wpa_supplicant",
        name: "wpa_supplicant",
        globs: &[r#"wpa_supplicant"#, r#"wpad*"#],
        anywhere: true,
        anchors: &["wpa_supplicant v"],
        pattern: r#"wpa_supplicant v(?P<version>\d+\.\d+(?:\.\d+)?(?:-devel)?)[\n\x00]"#,
        sample: "wpa_supplicant v2.10\n",
        purl: "pkg:generic/wpa_supplicant@{version}",
        cpe: "cpe:2.3:a:w1.fi:wpa_supplicant:{version}:*:*:*:*:*:*:*",
        debian: &["wpasupplicant"],
        ..Classifier::DEFAULT
    },
    // Written from wpa_cli of Debian package wpasupplicant (version 2:2.10-12); snippet under tests/snippets/wpa_cli/.
    // Sample: wpa_cli v2.10\n
    Classifier {
        id: "wpa_cli",
        name: "wpa_supplicant",
        globs: &[r#"wpa_cli"#],
        anchors: &["wpa_cli v"],
        pattern: r#"wpa_cli v(?P<version>\d+\.\d+(?:\.\d+)?)[\n\x00]"#,
        sample: "wpa_cli v2.10\n",
        purl: "pkg:generic/wpa_supplicant@{version}",
        cpe: "cpe:2.3:a:w1.fi:wpa_supplicant:{version}:*:*:*:*:*:*:*",
        debian: &["wpasupplicant"],
        ..Classifier::DEFAULT
    },
    // Written from hostapd of Debian package hostapd (version see snippet); snippet under tests/snippets/hostapd/.
    // Sample: \x002.10\x00IEEE 802.1X\x00
    Classifier {
        id: "hostapd",
        name: "hostapd",
        globs: &[r#"hostapd"#],
        anchors: &["\x00IEEE 802.1X\x00", "hostapd v%s\n"],
        pattern: r#"\x00(?P<version>2\.\d+(?:-devel)?)\x00{1,8}(?:IEEE 802\.1X\x00|hostapd v%s\n)"#,
        sample: "\x002.10\x00IEEE 802.1X\x00",
        purl: "pkg:generic/hostapd@{version}",
        cpe: "cpe:2.3:a:w1.fi:hostapd:{version}:*:*:*:*:*:*:*",
        debian: &["hostapd"],
        ..Classifier::DEFAULT
    },
    // Written from hostapd_cli of Debian package hostapd (version see snippet); snippet under tests/snippets/hostapd_cli/.
    // Sample: hostapd_cli v2.10\n
    Classifier {
        id: "hostapd_cli",
        name: "hostapd",
        globs: &[r#"hostapd_cli"#],
        anchors: &["hostapd_cli v"],
        pattern: r#"hostapd_cli v(?P<version>\d+\.\d+(?:\.\d+)?)[\n\x00]"#,
        sample: "hostapd_cli v2.10\n",
        purl: "pkg:generic/hostapd@{version}",
        cpe: "cpe:2.3:a:w1.fi:hostapd:{version}:*:*:*:*:*:*:*",
        debian: &["hostapd"],
        ..Classifier::DEFAULT
    },
    // Written from libpcap.so.1.10.3 of Debian package libpcap0.8 (version 1); snippet under tests/snippets/libpcap/.
    // Sample: libpcap version 1.10.3 (with TPACKET_V3)
    Classifier {
        id: "libpcap",
        name: "libpcap",
        globs: &[r#"libpcap.so*"#],
        anywhere: true,
        anchors: &["libpcap version "],
        pattern: r#"libpcap version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "libpcap version 1.10.3 (with TPACKET_V3)",
        purl: "pkg:generic/libpcap@{version}",
        cpe: "cpe:2.3:a:tcpdump:libpcap:{version}:*:*:*:*:*:*:*",
        debian: &["libpcap0.8"],
        ..Classifier::DEFAULT
    },
    // Written from tcpdump of Debian package tcpdump (version see snippet); snippet under tests/snippets/tcpdump/.
    // Sample: \x00%s version 4.99.3\n
    Classifier {
        id: "tcpdump",
        name: "tcpdump",
        globs: &[r#"tcpdump"#],
        anchors: &["%s version "],
        pattern: r#"\x00%s version (?P<version>4\.\d+\.\d+)[\n\x00]"#,
        sample: "\x00%s version 4.99.3\n",
        purl: "pkg:generic/tcpdump@{version}",
        cpe: "cpe:2.3:a:tcpdump:tcpdump:{version}:*:*:*:*:*:*:*",
        debian: &["tcpdump"],
        ..Classifier::DEFAULT
    },
    // Written from avahi-daemon of Debian package avahi-daemon (version see snippet); snippet under tests/snippets/avahi/.
    // Sample: \x00avahi 0.8\x00
    Classifier {
        id: "avahi",
        name: "avahi",
        globs: &[r#"avahi-daemon"#, r#"libavahi*.so*"#],
        anchors: &["avahi "],
        pattern: r#"\x00avahi (?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "\x00avahi 0.8\x00",
        purl: "pkg:generic/avahi@{version}",
        cpe: "cpe:2.3:a:avahi:avahi:{version}:*:*:*:*:*:*:*",
        debian: &["avahi-daemon"],
        ..Classifier::DEFAULT
    },
    // Written from samba-bgqd of Debian package samba (version see snippet); snippet under tests/snippets/samba/.
    // Sample: SAMBA_4.17.12_DEBIAN_SAMBA4
    Classifier {
        id: "samba",
        name: "samba",
        globs: &[r#"samba"#, r#"samba-*"#, r#"smbd"#, r#"nmbd"#, r#"libsamba*.so*"#],
        anchors: &["SAMBA_"],
        pattern: r#"SAMBA_(?P<version>4\.\d+\.\d+)_"#,
        sample: "SAMBA_4.17.12_DEBIAN_SAMBA4",
        purl: "pkg:generic/samba@{version}",
        cpe: "cpe:2.3:a:samba:samba:{version}:*:*:*:*:*:*:*",
        debian: &["samba"],
        ..Classifier::DEFAULT
    },
    // Written from proftpd of Debian package proftpd-core (version see snippet); snippet under tests/snippets/proftpd/.
    // Sample: ProFTPD Version 1.3.8
    Classifier {
        id: "proftpd",
        name: "proftpd",
        globs: &[r#"proftpd"#],
        anchors: &["ProFTPD Version "],
        pattern: r#"ProFTPD Version (?P<version>\d+\.\d+\.\d+[a-z]?)"#,
        sample: "ProFTPD Version 1.3.8",
        purl: "pkg:generic/proftpd@{version}",
        cpe: "cpe:2.3:a:proftpd:proftpd:{version}:*:*:*:*:*:*:*",
        debian: &["proftpd-core"],
        ..Classifier::DEFAULT
    },
    // Written from vsftpd of Debian package vsftpd (version see snippet); snippet under tests/snippets/vsftpd/.
    // Sample: vsftpd: version 3.0.3
    Classifier {
        id: "vsftpd",
        name: "vsftpd",
        globs: &[r#"vsftpd"#],
        anchors: &["vsftpd: version "],
        pattern: r#"vsftpd: version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "vsftpd: version 3.0.3",
        purl: "pkg:generic/vsftpd@{version}",
        cpe: "cpe:2.3:a:beasts:vsftpd:{version}:*:*:*:*:*:*:*",
        debian: &["vsftpd"],
        ..Classifier::DEFAULT
    },
    // Written from pure-ftpd-virtualchroot of Debian package pure-ftpd (version see snippet); snippet under tests/snippets/pure-ftpd/.
    // Sample: #Software: Pure-FTPd 1.0.50
    Classifier {
        id: "pure-ftpd",
        name: "pure-ftpd",
        globs: &[r#"pure-ftpd*"#],
        anchors: &["Pure-FTPd "],
        pattern: r#"Software: Pure-FTPd (?P<version>\d+\.\d+\.\d+)"#,
        sample: "#Software: Pure-FTPd 1.0.50",
        purl: "pkg:generic/pure-ftpd@{version}",
        cpe: "cpe:2.3:a:pureftpd:pure-ftpd:{version}:*:*:*:*:*:*:*",
        debian: &["pure-ftpd"],
        ..Classifier::DEFAULT
    },
    // Written from charon of Debian package strongswan-charon (version see snippet); snippet under tests/snippets/strongswan/.
    // Sample: Starting IKE charon daemon (strongSwan 5.9.8, %s %s, %s)
    Classifier {
        id: "strongswan",
        name: "strongswan",
        globs: &[r#"charon"#, r#"charon-systemd"#, r#"libcharon.so*"#, r#"starter"#],
        anchors: &["(strongSwan "],
        pattern: r#"\(strongSwan (?P<version>\d+\.\d+\.\d+(?:dr\d+|rc\d+)?),"#,
        sample: "Starting IKE charon daemon (strongSwan 5.9.8, %s %s, %s)",
        purl: "pkg:generic/strongswan@{version}",
        cpe: "cpe:2.3:a:strongswan:strongswan:{version}:*:*:*:*:*:*:*",
        debian: &["strongswan-charon"],
        ..Classifier::DEFAULT
    },
    // Written from xtables-legacy-multi of Debian package iptables (version see snippet); snippet under tests/snippets/iptables/.
    // Sample: \x001.8.9 (legacy)\x00
    Classifier {
        id: "iptables",
        name: "iptables",
        globs: &[r#"xtables*-multi"#, r#"iptables*"#, r#"ip6tables*"#],
        anchors: &[" (legacy)", " (nf_tables)"],
        pattern: r#"\x00(?P<version>1\.\d+\.\d+) \((?:legacy|nf_tables)\)\x00"#,
        sample: "\x001.8.9 (legacy)\x00",
        purl: "pkg:generic/iptables@{version}",
        cpe: "cpe:2.3:a:netfilter:iptables:{version}:*:*:*:*:*:*:*",
        debian: &["iptables"],
        ..Classifier::DEFAULT
    },
    // Written from pppd of Debian package ppp (version see snippet); snippet under tests/snippets/ppp/.
    // Sample: \x00pppd.so.2.4.9\x00
    Classifier {
        id: "ppp",
        name: "ppp",
        globs: &[r#"pppd"#],
        anchors: &["pppd.so."],
        pattern: r#"\x00pppd\.so\.(?P<version>2\.\d+\.\d+)\x00"#,
        sample: "\x00pppd.so.2.4.9\x00",
        purl: "pkg:generic/ppp@{version}",
        cpe: "cpe:2.3:a:point-to-point_protocol_project:point-to-point_protocol:{version}:*:*:*:*:*:*:*",
        debian: &["ppp"],
        ..Classifier::DEFAULT
    },
    // No `udhcp` classifier: the udhcp client/server has been a busybox applet since 1.x and prints
    // busybox's version, so a separate component would duplicate busybox (and its CVE matches).
    // Written from dhclient of Debian package isc-dhcp-client (version see snippet); snippet under tests/snippets/isc-dhcp/.
    // Sample: \x004.4.3-P1\x00
    Classifier {
        id: "isc-dhcp",
        name: "isc-dhcp",
        globs: &[r#"dhclient"#, r#"dhcpd"#, r#"dhcrelay"#],
        anchors: &["Internet Systems Consortium"],
        pattern: r#"\x00(?P<version>4\.\d+\.\d+(?:-P\d+)?)\x00"#,
        scope: Scope::File,
        guards: &[r#"Internet Systems Consortium DHCP"#],
        sample: "\x004.4.3-P1\x00",
        purl: "pkg:generic/isc-dhcp@{version}",
        cpe: "cpe:2.3:a:isc:dhcp:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["isc-dhcp-client"],
        ..Classifier::DEFAULT
    },
    // Written from named of Debian package bind9 (version see snippet); snippet under tests/snippets/bind/.
    // Sample: \x00BIND 9.18.49-1~deb12u3-Debian
    Classifier {
        id: "bind",
        name: "bind",
        globs: &[r#"named"#, r#"libisc*.so"#, r#"libdns*.so"#],
        anchors: &["BIND "],
        pattern: r#"\x00BIND (?P<version>9\.\d+\.\d+(?:-[SP]\d+)?)"#,
        sample: "\x00BIND 9.18.49-1~deb12u3-Debian",
        purl: "pkg:generic/bind@{version}",
        cpe: "cpe:2.3:a:isc:bind:{version}:*:*:*:*:*:*:*",
        debian: &["bind9"],
        ..Classifier::DEFAULT
    },
    // Written from unbound of Debian package unbound (version see snippet); snippet under tests/snippets/unbound/.
    // Sample: \x00unbound 1.17.1\x00
    Classifier {
        id: "unbound",
        name: "unbound",
        globs: &[r#"unbound"#, r#"libunbound.so*"#],
        anchors: &["unbound "],
        pattern: r#"\x00unbound (?P<version>1\.\d+\.\d+)\x00"#,
        sample: "\x00unbound 1.17.1\x00",
        purl: "pkg:generic/unbound@{version}",
        cpe: "cpe:2.3:a:nlnetlabs:unbound:{version}:*:*:*:*:*:*:*",
        debian: &["unbound"],
        ..Classifier::DEFAULT
    },
    // Written from chronyd of Debian package chrony (version see snippet); snippet under tests/snippets/chrony/.
    // Sample: \x00--version\x004.3\x00
    Classifier {
        id: "chrony",
        name: "chrony",
        globs: &[r#"chronyd"#, r#"chronyc"#],
        anchors: &["--version\x00", "DEBUG\x00"],
        pattern: r#"(?:\x00--version|\x00[-+][A-Z0-9_ +-]*[-+]DEBUG)\x00{1,8}(?P<version>[1-4]\.\d+(?:\.\d+)?)\x00"#,
        sample: "\x00--version\x004.3\x00",
        purl: "pkg:generic/chrony@{version}",
        cpe: "cpe:2.3:a:chrony_project:chrony:{version}:*:*:*:*:*:*:*",
        debian: &["chrony"],
        ..Classifier::DEFAULT
    },
    // Written from dhcpcd of Debian package dhcpcd-base (version see snippet); snippet under tests/snippets/dhcpcd/.
    // Sample: dhcpcd-9.4.1 starting
    Classifier {
        id: "dhcpcd",
        name: "dhcpcd",
        globs: &[r#"dhcpcd"#],
        anchors: &["dhcpcd-"],
        pattern: r#"dhcpcd-(?P<version>\d+\.\d+\.\d+) starting"#,
        sample: "dhcpcd-9.4.1 starting",
        purl: "pkg:generic/dhcpcd@{version}",
        cpe: "cpe:2.3:a:roy_marples:dhcpcd:{version}:*:*:*:*:*:*:*",
        debian: &["dhcpcd-base"],
        ..Classifier::DEFAULT
    },
    // Written from ethtool of Debian package ethtool (version see snippet); snippet under tests/snippets/ethtool/.
    // Sample: ethtool version 6.1
    Classifier {
        id: "ethtool",
        name: "ethtool",
        globs: &[r#"ethtool"#],
        anchors: &["ethtool version "],
        pattern: r#"ethtool version (?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "ethtool version 6.1",
        purl: "pkg:generic/ethtool@{version}",
        cpe: "cpe:2.3:a:kernel:ethtool:{version}:*:*:*:*:*:*:*",
        debian: &["ethtool"],
        ..Classifier::DEFAULT
    },
    // Written from freeradius of Debian package freeradius (version see snippet); snippet under tests/snippets/freeradius/.
    // Sample: FreeRADIUS Version 3.2.1, for host x86_64-pc-linux-gnu
    Classifier {
        id: "freeradius",
        name: "freeradius",
        globs: &[r#"freeradius"#, r#"radiusd"#],
        anchors: &["FreeRADIUS Version "],
        pattern: r#"FreeRADIUS Version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "FreeRADIUS Version 3.2.1, for host x86_64-pc-linux-gnu",
        purl: "pkg:generic/freeradius@{version}",
        cpe: "cpe:2.3:a:freeradius:freeradius:{version}:*:*:*:*:*:*:*",
        debian: &["freeradius"],
        ..Classifier::DEFAULT
    },
    // Written from xl2tpd of Debian package xl2tpd (version see snippet); snippet under tests/snippets/xl2tpd/.
    // Sample: xl2tpd version xl2tpd-1.3.18 started on %s PID:%d
    Classifier {
        id: "xl2tpd",
        name: "xl2tpd",
        globs: &[r#"xl2tpd*"#],
        anchors: &["xl2tpd-"],
        pattern: r#"version xl2tpd-(?P<version>\d+\.\d+\.\d+)"#,
        sample: "xl2tpd version xl2tpd-1.3.18 started on %s PID:%d",
        purl: "pkg:generic/xl2tpd@{version}",
        cpe: "cpe:2.3:a:xelerance:xl2tpd:{version}:*:*:*:*:*:*:*",
        debian: &["xl2tpd"],
        ..Classifier::DEFAULT
    },
    // Written from libfrr.so.0.0.0 of Debian package frr (version see snippet); snippet under tests/snippets/frr/.
    // Sample: Hello, this is FRRouting (version 8.4.4).
    Classifier {
        id: "frr",
        name: "frr",
        globs: &[r#"libfrr.so*"#, r#"zebra"#, r#"bgpd"#, r#"ospfd"#, r#"vtysh"#],
        anchors: &["FRRouting (version "],
        pattern: r#"this is FRRouting \(version (?P<version>\d+\.\d+(?:\.\d+)?)\)"#,
        sample: "Hello, this is FRRouting (version 8.4.4).",
        purl: "pkg:generic/frr@{version}",
        cpe: "cpe:2.3:a:linuxfoundation:free_range_routing:{version}:*:*:*:*:*:*:*",
        debian: &["frr"],
        ..Classifier::DEFAULT
    },
    // Written from bird of Debian package bird2 (version see snippet); snippet under tests/snippets/bird/.
    // Sample: BIRD version 2.0.12
    Classifier {
        id: "bird",
        name: "bird",
        globs: &[r#"bird"#, r#"bird6"#, r#"birdc"#],
        anchors: &["BIRD version "],
        pattern: r#"BIRD version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "BIRD version 2.0.12",
        purl: "pkg:generic/bird@{version}",
        cpe: "cpe:2.3:a:nic:bird:{version}:*:*:*:*:*:*:*",
        debian: &["bird2"],
        ..Classifier::DEFAULT
    },
    // Written from keepalived of Debian package keepalived (version see snippet); snippet under tests/snippets/keepalived/.
    // Sample: Keepalived v2.2.7 (01/16,2022)
    Classifier {
        id: "keepalived",
        name: "keepalived",
        globs: &[r#"keepalived"#],
        anchors: &["Keepalived v"],
        pattern: r#"Keepalived v(?P<version>\d+\.\d+\.\d+) \("#,
        sample: "Keepalived v2.2.7 (01/16,2022)",
        purl: "pkg:generic/keepalived@{version}",
        cpe: "cpe:2.3:a:keepalived:keepalived:{version}:*:*:*:*:*:*:*",
        debian: &["keepalived"],
        ..Classifier::DEFAULT
    },
    // Written from igmpproxy of Debian package igmpproxy (version see snippet); snippet under tests/snippets/igmpproxy/.
    // Sample: igmpproxy 0.3\n
    Classifier {
        id: "igmpproxy",
        name: "igmpproxy",
        globs: &[r#"igmpproxy"#],
        anchors: &["igmpproxy "],
        pattern: r#"igmpproxy (?P<version>\d+\.\d+(?:\.\d+)?)\n"#,
        sample: "igmpproxy 0.3\n",
        purl: "pkg:generic/igmpproxy@{version}",
        cpe: "cpe:2.3:a:igmpproxy_project:igmpproxy:{version}:*:*:*:*:*:*:*",
        debian: &["igmpproxy"],
        ..Classifier::DEFAULT
    },
    // Written from smcrouted of Debian package smcroute (version see snippet); snippet under tests/snippets/smcroute/.
    // Sample: SMCRoute v2.5.6
    Classifier {
        id: "smcroute",
        name: "smcroute",
        globs: &[r#"smcroute*"#],
        anchors: &["SMCRoute v"],
        pattern: r#"SMCRoute v(?P<version>\d+\.\d+\.\d+)"#,
        sample: "SMCRoute v2.5.6",
        purl: "pkg:generic/smcroute@{version}",
        cpe: "cpe:2.3:a:troglobit:smcroute:{version}:*:*:*:*:*:*:*",
        debian: &["smcroute"],
        ..Classifier::DEFAULT
    },
    // Written from lldpd of Debian package lldpd (version see snippet); snippet under tests/snippets/lldpd/.
    // Sample: \x00lldpd 1.0.16\x00
    Classifier {
        id: "lldpd",
        name: "lldpd",
        globs: &[r#"lldpd"#],
        anchors: &["lldpd "],
        pattern: r#"\x00lldpd (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00lldpd 1.0.16\x00",
        purl: "pkg:generic/lldpd@{version}",
        cpe: "cpe:2.3:a:lldpd_project:lldpd:{version}:*:*:*:*:*:*:*",
        debian: &["lldpd"],
        ..Classifier::DEFAULT
    },
    // Written from in.tftpd of Debian package tftpd-hpa (version see snippet); snippet under tests/snippets/tftp-hpa/.
    // Sample: tftp-hpa 5.2, with remap, with tcpwrappers
    Classifier {
        id: "tftp-hpa",
        name: "tftp-hpa",
        globs: &[r#"in.tftpd"#, r#"tftpd"#, r#"tftp"#],
        anchors: &["tftp-hpa "],
        pattern: r#"tftp-hpa (?P<version>\d+\.\d+(?:\.\d+)?), with"#,
        sample: "tftp-hpa 5.2, with remap, with tcpwrappers",
        purl: "pkg:generic/tftp-hpa@{version}",
        cpe: "cpe:2.3:a:tftp-hpa_project:tftp-hpa:{version}:*:*:*:*:*:*:*",
        debian: &["tftpd-hpa"],
        ..Classifier::DEFAULT
    },
    // Written from iperf of Debian package iperf (version see snippet); snippet under tests/snippets/iperf/.
    // Sample: iperf version 2.1.8 (12 August 2022) pthreads
    Classifier {
        id: "iperf",
        name: "iperf",
        globs: &[r#"iperf"#],
        anchors: &["iperf version "],
        pattern: r#"iperf version (?P<version>2\.\d+\.\d+) \("#,
        sample: "iperf version 2.1.8 (12 August 2022) pthreads",
        purl: "pkg:generic/iperf@{version}",
        cpe: "cpe:2.3:a:iperf_project:iperf:{version}:*:*:*:*:*:*:*",
        debian: &["iperf"],
        ..Classifier::DEFAULT
    },
    // Written from mtr of Debian package mtr-tiny (version see snippet); snippet under tests/snippets/mtr/.
    // Sample: \x00mtr 0.95\x00
    Classifier {
        id: "mtr",
        name: "mtr",
        globs: &[r#"mtr"#],
        anchors: &["mtr "],
        pattern: r#"\x00mtr (?P<version>0\.\d+)\x00"#,
        sample: "\x00mtr 0.95\x00",
        purl: "pkg:generic/mtr@{version}",
        cpe: "cpe:2.3:a:bitwizard:mtr:{version}:*:*:*:*:*:*:*",
        debian: &["mtr-tiny"],
        ..Classifier::DEFAULT
    },
    // Written from ovs-vswitchd of Debian package openvswitch-switch (version see snippet); snippet under tests/snippets/openvswitch/.
    // Sample: Open vSwitch Library 3.1.0
    Classifier {
        id: "openvswitch",
        name: "openvswitch",
        globs: &[r#"ovs-vswitchd"#, r#"ovsdb-server"#, r#"libopenvswitch*.so*"#],
        anchors: &["Open vSwitch Library "],
        pattern: r#"Open vSwitch Library (?P<version>\d+\.\d+\.\d+)"#,
        sample: "Open vSwitch Library 3.1.0",
        purl: "pkg:generic/openvswitch@{version}",
        cpe: "cpe:2.3:a:openvswitch:openvswitch:{version}:*:*:*:*:*:*:*",
        debian: &["openvswitch-switch"],
        ..Classifier::DEFAULT
    },
    // Written from NetworkManager of Debian package network-manager (version see snippet); snippet under tests/snippets/networkmanager/.
    // Sample: NetworkManager (version 1.42.4) is starting...
    Classifier {
        id: "networkmanager",
        name: "networkmanager",
        globs: &[r#"NetworkManager"#],
        anchors: &["NetworkManager (version "],
        pattern: r#"NetworkManager \(version (?P<version>\d+\.\d+\.\d+)\)"#,
        sample: "NetworkManager (version 1.42.4) is starting...",
        purl: "pkg:generic/networkmanager@{version}",
        cpe: "cpe:2.3:a:gnome:networkmanager:{version}:*:*:*:*:*:*:*",
        debian: &["network-manager"],
        ..Classifier::DEFAULT
    },
    // Written from ModemManager of Debian package modemmanager (version see snippet); snippet under tests/snippets/modemmanager/.
    // Sample: ModemManager (version 1.20.4) starting in %s bus...
    Classifier {
        id: "modemmanager",
        name: "modemmanager",
        globs: &[r#"ModemManager"#],
        anchors: &["ModemManager (version "],
        pattern: r#"ModemManager \(version (?P<version>\d+\.\d+\.\d+)\)"#,
        sample: "ModemManager (version 1.20.4) starting in %s bus...",
        purl: "pkg:generic/modemmanager@{version}",
        cpe: "cpe:2.3:a:freedesktop:modemmanager:{version}:*:*:*:*:*:*:*",
        debian: &["modemmanager"],
        ..Classifier::DEFAULT
    },
    // Written from iwctl of Debian package iwd (version see snippet); snippet under tests/snippets/iwd/.
    // Sample: iwctl version 2.3
    Classifier {
        id: "iwd",
        name: "iwd",
        globs: &[r#"iwctl"#, r#"iwd"#],
        anchors: &["iwctl version "],
        pattern: r#"iwctl version (?P<version>\d+\.\d+)"#,
        sample: "iwctl version 2.3",
        purl: "pkg:generic/iwd@{version}",
        cpe: "cpe:2.3:a:intel:inet_wireless_daemon:{version}:*:*:*:*:*:*:*",
        debian: &["iwd"],
        ..Classifier::DEFAULT
    },
    // Written from sslh of Debian package sslh (version see snippet); snippet under tests/snippets/sslh/.
    // Sample: \x00sslh 1.20-1+deb12u1\n
    Classifier {
        id: "sslh",
        name: "sslh",
        globs: &[r#"sslh*"#],
        anchors: &["sslh ", "\x00%s %s\n\x00"],
        pattern: r#"(?:\x00sslh |\x00)(?P<version>v?\d+\.\d+(?:\.\d+)?)(?:-[\w.+~]+)?(?:\n|\x00{1,8}%s %s\n\x00)"#,
        sample: "\x00sslh 1.20-1+deb12u1\n",
        purl: "pkg:generic/sslh@{version}",
        cpe: "cpe:2.3:a:sslh_project:sslh:{version}:*:*:*:*:*:*:*",
        debian: &["sslh"],
        ..Classifier::DEFAULT
    },
    // Written from libebtc.so.0.0.0 of Debian package ebtables (version see snippet); snippet under tests/snippets/ebtables/.
    // Sample: ebtables v2.0.11 (December 2011)
    Classifier {
        id: "ebtables",
        name: "ebtables",
        globs: &[r#"ebtables*"#, r#"libebtc.so*"#],
        anchors: &["ebtables v"],
        pattern: r#"ebtables v(?P<version>\d+\.\d+\.\d+) \("#,
        sample: "ebtables v2.0.11 (December 2011)",
        purl: "pkg:generic/ebtables@{version}",
        cpe: "cpe:2.3:a:netfilter:ebtables:{version}:*:*:*:*:*:*:*",
        debian: &["ebtables"],
        ..Classifier::DEFAULT
    },
    // Written from mosquitto of Debian package mosquitto (version see snippet); snippet under tests/snippets/mosquitto/.
    // Sample: \x002.0.11\x00mosquitto version %s\n
    Classifier {
        id: "mosquitto",
        name: "mosquitto",
        globs: &[r#"mosquitto"#],
        anchors: &["mosquitto version %s\n"],
        pattern: r#"\x00(?P<version>[12]\.\d+\.\d+)\x00{1,8}mosquitto version %s\n"#,
        sample: "\x002.0.11\x00mosquitto version %s\n",
        purl: "pkg:generic/mosquitto@{version}",
        cpe: "cpe:2.3:a:eclipse:mosquitto:{version}:*:*:*:*:*:*:*",
        debian: &["mosquitto"],
        ..Classifier::DEFAULT
    },
    // Written from libnetsnmp.so.40.2.0 of Debian package libsnmp40 (version see snippet); snippet under tests/snippets/net-snmp/.
    // Sample: \x005.9.3\x00container.c\x00
    Classifier {
        id: "net-snmp",
        name: "net-snmp",
        globs: &[r#"snmpd"#, r#"libnetsnmp.so*"#, r#"libsnmp.so*"#],
        anchors: &["\x00container.c\x00"],
        // other compilers pad between the strings (validation matrix, arm64/armhf)
        // net-snmp 5.9.4's release tarball still says `5.9.4.pre2` (its version string was not bumped; Debian's
        // trixie build prints it): the `.preN` suffix is read past, the release number kept
        pattern: r#"\x00(?P<version>5\.\d+(?:\.\d+)?)(?:\.pre\d+)?\x00{1,16}container\.c\x00"#,
        sample: "\x005.9.3\x00container.c\x00",
        purl: "pkg:generic/net-snmp@{version}",
        cpe: "cpe:2.3:a:net-snmp:net-snmp:{version}:*:*:*:*:*:*:*",
        debian: &["libsnmp40"],
        ..Classifier::DEFAULT
    },
    // Written from exim4 of Debian package exim4-daemon-light (version see snippet); snippet under tests/snippets/exim/.
    // Sample: \x004.96\x00<<eximversion>>
    Classifier {
        id: "exim",
        name: "exim",
        globs: &[r#"exim"#, r#"exim4"#],
        anchors: &["<<eximversion>>"],
        pattern: r#"\x00(?P<version>4\.\d+(?:\.\d+)?)\x00<<eximversion>>"#,
        sample: "\x004.96\x00<<eximversion>>",
        purl: "pkg:generic/exim@{version}",
        cpe: "cpe:2.3:a:exim:exim:{version}:*:*:*:*:*:*:*",
        debian: &["exim4-daemon-light"],
        ..Classifier::DEFAULT
    },
    // Written from postlog of Debian package postfix (version see snippet); snippet under tests/snippets/postfix/.
    // Sample: mail_version=3.7.11
    Classifier {
        id: "postfix",
        name: "postfix",
        globs: &[r#"libpostfix-global.so*"#, r#"postlog"#, r#"postconf"#, r#"master"#, r#"smtpd"#],
        anchors: &["mail_version="],
        pattern: r#"mail_version=(?P<version>\d+\.\d+\.\d+)"#,
        sample: "mail_version=3.7.11",
        purl: "pkg:generic/postfix@{version}",
        cpe: "cpe:2.3:a:postfix:postfix:{version}:*:*:*:*:*:*:*",
        debian: &["postfix"],
        ..Classifier::DEFAULT
    },
    // Written from auth of Debian package dovecot-core (version see snippet); snippet under tests/snippets/dovecot/.
    // Sample: dovecot-oauth2-passdb/2.3.19.1
    Classifier {
        id: "dovecot",
        name: "dovecot",
        globs: &[r#"dovecot"#, r#"doveconf"#, r#"auth"#],
        anchors: &["dovecot-oauth2-passdb/"],
        pattern: r#"dovecot-oauth2-passdb/(?P<version>\d+\.\d+\.\d+(?:\.\d+)?)"#,
        sample: "dovecot-oauth2-passdb/2.3.19.1",
        purl: "pkg:generic/dovecot@{version}",
        cpe: "cpe:2.3:a:dovecot:dovecot:{version}:*:*:*:*:*:*:*",
        debian: &["dovecot-core"],
        ..Classifier::DEFAULT
    },
    // Written from nft of Debian package nftables (version see snippet); snippet under tests/snippets/nftables/.
    // Sample: \x001.0.6\x00nftables\x00
    Classifier {
        id: "nftables",
        name: "nftables",
        globs: &[r#"nft"#, r#"libnftables.so*"#],
        anchors: &["\x00nftables\x00"],
        pattern: r#"\x00(?P<version>\d+\.\d+\.\d+)\x00{1,8}nftables\x00"#,
        sample: "\x001.0.6\x00nftables\x00",
        purl: "pkg:generic/nftables@{version}",
        cpe: "cpe:2.3:a:netfilter:nftables:{version}:*:*:*:*:*:*:*",
        debian: &["nftables"],
        ..Classifier::DEFAULT
    },
    // Written from rsync of Debian package rsync (version see snippet); snippet under tests/snippets/rsync/.
    // Sample: \x003.5.0\x00copyright\x00url\x00
    Classifier {
        id: "rsync",
        name: "rsync",
        globs: &[r#"rsync"#],
        anchors: &["\x00copyright\x00"],
        pattern: r#"\x00(?P<version>\d+\.\d+\.\d+(?:pre\d+)?)\x00{1,8}(?:%d\.%d\x00{1,8})?copyright\x00{1,8}url\x00"#,
        sample: "\x003.5.0\x00copyright\x00url\x00",
        purl: "pkg:generic/rsync@{version}",
        cpe: "cpe:2.3:a:samba:rsync:{version}:*:*:*:*:*:*:*",
        debian: &["rsync"],
        ..Classifier::DEFAULT
    },
    // Written from wg of Debian package wireguard-tools (version see snippet); snippet under tests/snippets/wireguard-tools/.
    // Sample: \x00--version\x001.0.20210914\x00
    Classifier {
        id: "wireguard-tools",
        name: "wireguard-tools",
        globs: &[r#"wg"#],
        anchors: &["version\x00"],
        pattern: r#"\x00(?:--)?version\x00{1,8}(?P<version>1\.0\.\d{8})\x00"#,
        sample: "\x00--version\x001.0.20210914\x00",
        purl: "pkg:generic/wireguard-tools@{version}",
        cpe: "cpe:2.3:a:wireguard:wireguard-tools:{version}:*:*:*:*:*:*:*",
        debian: &["wireguard-tools"],
        ..Classifier::DEFAULT
    },
    // Written from nmap of Debian package nmap (version see snippet); snippet under tests/snippets/nmap/.
    // Sample: https://nmap.org\x007.93\x00Nmap\x00
    Classifier {
        id: "nmap",
        name: "nmap",
        globs: &[r#"nmap"#],
        anchors: &["\x00Nmap\x00"],
        pattern: r#"\x00(?P<version>\d+\.\d+)\x00{1,8}Nmap\x00"#,
        sample: "https://nmap.org\x007.93\x00Nmap\x00",
        purl: "pkg:generic/nmap@{version}",
        cpe: "cpe:2.3:a:nmap:nmap:{version}:*:*:*:*:*:*:*",
        debian: &["nmap"],
        ..Classifier::DEFAULT
    },
    // Written from radvd of Debian package radvd (version see snippet); snippet under tests/snippets/radvd/.
    // Sample: \x002.19\x00Version: %s\n\n\x00Compiled in
    Classifier {
        id: "radvd",
        name: "radvd",
        globs: &[r#"radvd"#],
        anchors: &["Version: %s\n\n"],
        pattern: r#"\x00(?P<version>\d+\.\d+(?:\.\d+)?)\x00{1,8}Version: %s\n\n\x00{1,8}Compiled in"#,
        sample: "\x002.19\x00Version: %s\n\n\x00Compiled in",
        purl: "pkg:generic/radvd@{version}",
        cpe: "cpe:2.3:a:radvd_project:radvd:{version}:*:*:*:*:*:*:*",
        debian: &["radvd"],
        ..Classifier::DEFAULT
    },
    // Written from conntrack of Debian package conntrack (version see snippet); snippet under tests/snippets/conntrack-tools/.
    // Sample: \x00unknown\x001.4.7\x00\n%s\x00
    Classifier {
        id: "conntrack-tools",
        name: "conntrack-tools",
        globs: &[r#"conntrack"#],
        anchors: &["\x00unknown\x00"],
        pattern: r#"\x00unknown\x00{1,16}(?P<version>1\.\d+\.\d+)\x00{1,16}(?:\n%s\x00|Command line interface for the connection tracking system)"#,
        sample: "\x00unknown\x001.4.7\x00\n%s\x00",
        purl: "pkg:generic/conntrack-tools@{version}",
        cpe: "cpe:2.3:a:netfilter:conntrack-tools:{version}:*:*:*:*:*:*:*",
        debian: &["conntrack"],
        ..Classifier::DEFAULT
    },
    // Written from connmand of Debian package connman (version see snippet); snippet under tests/snippets/connman/.
    // Sample: \x001.41\x00GWeb/%s\x00
    Classifier {
        id: "connman",
        name: "connman",
        globs: &[r#"connmand"#],
        anchors: &["GWeb/%s"],
        pattern: r#"\x00(?P<version>1\.\d+)\x00{1,8}GWeb/%s\x00"#,
        sample: "\x001.41\x00GWeb/%s\x00",
        purl: "pkg:generic/connman@{version}",
        cpe: "cpe:2.3:a:intel:connman:{version}:*:*:*:*:*:*:*",
        debian: &["connman"],
        ..Classifier::DEFAULT
    },
];
