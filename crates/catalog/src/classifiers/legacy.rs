//! Old forms of products that other families name in their current form (what pre-2015 router firmware
//! carries: 0.x releases, vendor suffixes, bare version strings printed with a format) and embedded products
//! Debian does not package. New ids here, so that the current-form entries stay as they are.

use crate::classifier::{Classifier, Scope};

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from the upstream source: hostapd 0.x-2.x usage(): "hostapd v" VERSION_STR "\n" "User space daemon for IEEE 802.11 AP management,\n" (hostapd/hostapd.c, main.c);
    // 2.x development snapshots (OpenWrt/LEDE's wpad) carry "-devel".
    // Snippets under tests/snippets/hostapd-legacy/: built the way the program builds the string, and cut from a LEDE build.
    // Sample: hostapd v0.4.8\nUser space daemon for IEEE 802.11 AP management,\n
    Classifier {
        id: "hostapd-legacy",
        name: "hostapd",
        globs: &[r#"hostapd"#, r#"hostapd*"#, r#"wpad"#],
        anchors: &["hostapd v"],
        pattern: r#"hostapd v(?P<version>[0-2]\.\d+(?:\.\d+)?(?:-devel|-rc\d+)?)\n"#,
        sample: "hostapd v0.4.8\nUser space daemon for IEEE 802.11 AP management,\n",
        purl: "pkg:generic/hostapd@{version}",
        cpe: "cpe:2.3:a:w1.fi:hostapd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: pppd 2.3-2.4 pathnames.h: PPPD_PLUGIN_DIR = DESTDIR "/lib/pppd/" VERSION, the
    // folder pppd loads its plugins from, a string of its own in the binary.
    // Snippet under tests/snippets/pppd-plugindir/ cut from a LEDE build (MIPS, musl).
    // Sample: \x00/usr/lib/pppd/2.4.7\x00
    Classifier {
        id: "pppd-plugindir",
        name: "ppp",
        globs: &[r#"pppd"#],
        anchors: &["/lib/pppd/"],
        pattern: r#"\x00(?:/usr)?/lib/pppd/(?P<version>2\.\d+\.\d+(?:b\d+)?)\x00"#,
        sample: "\x00/usr/lib/pppd/2.4.7\x00",
        purl: "pkg:generic/ppp@{version}",
        cpe: "cpe:2.3:a:point-to-point_protocol_project:point-to-point_protocol:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: pppd 2.3-2.4 main.c: notice("pppd %s started by %s, uid %d", VERSION, p, uid) with VERSION a bare string of patchlevel.h.
    // Snippet under tests/snippets/pppd-started/ built the way the program builds the string.
    // Sample: \x002.4.3\x00
    Classifier {
        id: "pppd-started",
        name: "ppp",
        globs: &[r#"pppd"#],
        anchors: &["pppd %s started by %s"],
        pattern: r#"\x00(?P<version>2\.[34]\.\d+(?:b\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x002.4.3\x00",
        purl: "pkg:generic/ppp@{version}",
        cpe: "cpe:2.3:a:point-to-point_protocol_project:point-to-point_protocol:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: pppd options.c showversion() built with the version pasted in: "pppd version " VERSION.
    // Snippet under tests/snippets/pppd-version/ built the way the program builds the string.
    // Sample: pppd version 2.4.3\n
    Classifier {
        id: "pppd-version",
        name: "ppp",
        globs: &[r#"pppd"#],
        anchors: &["pppd version "],
        pattern: r#"pppd version (?P<version>2\.\d+\.\d+(?:b\d+)?)[\n\x00 ]"#,
        sample: "pppd version 2.4.3\n",
        purl: "pkg:generic/ppp@{version}",
        cpe: "cpe:2.3:a:point-to-point_protocol_project:point-to-point_protocol:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: iptables 1.2-1.6 keep IPTABLES_VERSION as a bare string (program_version, printed as "%s v%s"); its own error text "Perhaps iptables or your kernel needs to be upgraded." anchors it.
    // Snippet under tests/snippets/iptables-old/ built the way the program builds the string.
    // Sample: \x001.4.5\x00
    Classifier {
        id: "iptables-old",
        name: "iptables",
        globs: &[
            r#"iptables"#,
            r#"iptables-multi"#,
            r#"iptables-save"#,
            r#"iptables-restore"#,
            r#"ip6tables"#,
            r#"ip6tables-multi"#,
            r#"xtables-multi"#,
        ],
        anchors: &["Perhaps iptables or your kernel needs to be upgraded"],
        pattern: r#"\x00(?P<version>1\.[2-6]\.\d+(?:\.\d+)?(?:-rc\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.4.5\x00",
        purl: "pkg:generic/iptables@{version}",
        cpe: "cpe:2.3:a:netfilter:iptables:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: iptables 1.2-1.4 builds that paste the version into the program name: "iptables v" IPTABLES_VERSION.
    // Snippet under tests/snippets/iptables-v/ built the way the program builds the string.
    // Sample: iptables v1.2.11:
    Classifier {
        id: "iptables-v",
        name: "iptables",
        globs: &[
            r#"iptables"#,
            r#"iptables-multi"#,
            r#"iptables-save"#,
            r#"iptables-restore"#,
            r#"ip6tables"#,
            r#"xtables-multi"#,
        ],
        anchors: &["iptables v1."],
        pattern: r#"iptables v(?P<version>1\.[0-6]\.\d+(?:\.\d+)?(?:-rc\d+)?)[: \n\x00]"#,
        sample: "iptables v1.2.11: ",
        purl: "pkg:generic/iptables@{version}",
        cpe: "cpe:2.3:a:netfilter:iptables:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: OpenSSL crypto/opensslv.h OPENSSL_VERSION_TEXT "OpenSSL 0.9.8a 11 Oct 2005" ("-fips" builds keep the suffix); static copies and RTOS blobs hold it too, so anywhere, with the release date required.
    // Snippet under tests/snippets/openssl-legacy/ built the way the program builds the string.
    // Sample: OpenSSL 0.9.8b-fips 04 May 2006
    Classifier {
        id: "openssl-legacy",
        name: "openssl",
        globs: &[r#"libcrypto.so*"#, r#"libssl.so*"#, r#"openssl"#],
        anywhere: true,
        anchors: &["OpenSSL 0.9.", "-fips "],
        pattern: r#"OpenSSL (?P<version>0\.9\.\d[a-z]{0,2}(?:-fips)?|1\.0\.\d[a-z]{0,2}-fips) {1,2}\d{1,2} [A-Z][a-z]{2} \d{4}"#,
        sample: "OpenSSL 0.9.8b-fips 04 May 2006",
        purl: "pkg:generic/openssl@{version}",
        cpe: "cpe:2.3:a:openssl:openssl:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: miniupnpd 1.0-1.2 Server header: OS_STRING " UPnP/1.0 miniupnpd/" MINIUPNPD_VERSION (lowercase before 1.3).
    // Snippet under tests/snippets/miniupnpd-lower/ built the way the program builds the string.
    // Sample: Linux/2.6.21 UPnP/1.0 miniupnpd/1.0\r\n
    Classifier {
        id: "miniupnpd-lower",
        name: "miniupnpd",
        globs: &[r#"miniupnpd"#, r#"upnpd"#],
        anywhere: true,
        anchors: &[" miniupnpd/"],
        pattern: r#"UPnP/1\.[01] miniupnpd/(?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "Linux/2.6.21 UPnP/1.0 miniupnpd/1.0\r\n",
        purl: "pkg:generic/miniupnpd@{version}",
        cpe: "cpe:2.3:a:miniupnp_project:miniupnpd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from a vendor build of miniupnpd 1.0 (D-Link's /bin/miniigd) whose Server header puts the product
    // first: "Server: miniupnpd/" VERSION " UPnP/1.0"; searched in every program (vendors rename the binary).
    // Snippet under tests/snippets/miniupnpd-server-first/ cut from that build.
    // Sample: Server: miniupnpd/1.0 UPnP/1.0\r\n
    Classifier {
        id: "miniupnpd-server-first",
        name: "miniupnpd",
        globs: &[r#"miniupnpd"#, r#"upnpd"#, r#"miniigd"#],
        anywhere: true,
        anchors: &["miniupnpd/"],
        pattern: r#"[Ss]erver: miniupnpd/(?P<version>\d+\.\d+(?:\.\d+)?) UPnP/1\.[01]"#,
        sample: "Server: miniupnpd/1.0 UPnP/1.0\r\n",
        purl: "pkg:generic/miniupnpd@{version}",
        cpe: "cpe:2.3:a:miniupnp_project:miniupnpd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: pptp-linux (PPTP client) 1.x pptp.c usage: "pptp-linux version " PPTP_LINUX_VERSION
    // (later releases print "pptp version").
    // Snippet under tests/snippets/pptp-linux-1/ cut from a router build (MIPS).
    // Sample: pptp-linux version 1.3.1\n
    Classifier {
        id: "pptp-linux-1",
        name: "pptp-linux",
        globs: &[r#"pptp"#],
        anchors: &["pptp-linux version "],
        pattern: r#"pptp-linux version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "pptp-linux version 1.3.1\n",
        purl: "pkg:generic/pptp-linux@{version}",
        cpe: "cpe:2.3:a:pptp_client_project:pptp_client:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: updatedd 2.x (dynamic DNS client) --version: "UpdateDD version " VERSION ", Copyright (C) 2005 Philipp Benner."
    // Snippet under tests/snippets/updatedd/ cut from a router build (MIPS).
    // Sample: UpdateDD version 2.5, Copyright (C) 2005 Philipp Benner.
    Classifier {
        id: "updatedd",
        name: "updatedd",
        globs: &[r#"updatedd"#, r#"updatedd-*"#],
        anchors: &["UpdateDD version "],
        pattern: r#"UpdateDD version (?P<version>\d+\.\d+(?:\.\d+)?), Copyright"#,
        sample: "UpdateDD version 2.5, Copyright (C) 2005 Philipp Benner.",
        purl: "pkg:generic/updatedd@{version}",
        cpe: "cpe:2.3:a:updatedd:updatedd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: mailsend (Muhammad Muquit) keeps an SCCS ident "@(#) mailsend v" VERSION.
    // Snippet under tests/snippets/mailsend/ cut from a router build (MIPS).
    // Sample: @(#) mailsend v1.15b4
    Classifier {
        id: "mailsend",
        name: "mailsend",
        globs: &[r#"mailsend"#],
        anchors: &["@(#) mailsend v"],
        pattern: r#"@\(#\) mailsend v(?P<version>\d+\.\d+(?:\.\d+)?(?:b\d+)?)"#,
        sample: "@(#) mailsend v1.15b4",
        purl: "pkg:generic/mailsend@{version}",
        cpe: "cpe:2.3:a:muquit:mailsend:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: net-snmp 5.0-5.x snmpd.c: snmp_log(LOG_INFO, "NET-SNMP version %s\n", netsnmp_get_version()) with version.c's bare NetSnmpVersionInfo.
    // Snippet under tests/snippets/net-snmp-legacy/ built the way the program builds the string.
    // Sample: \x005.0.9\x00
    Classifier {
        id: "net-snmp-legacy",
        name: "net-snmp",
        globs: &[r#"snmpd"#, r#"libnetsnmp.so*"#, r#"libnetsnmpagent.so*"#],
        anchors: &["NET-SNMP version"],
        pattern: r#"\x00(?P<version>5\.\d(?:\.\d+){1,2}(?:\.rc\d|\.pre\d)?)\x00"#,
        scope: Scope::File,
        sample: "\x005.0.9\x00",
        purl: "pkg:generic/net-snmp@{version}",
        cpe: "cpe:2.3:a:net-snmp:net-snmp:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: net-snmp 5.x agent (snmp_vars.c / the version banner "Net-SNMP " VERSION
    // used in its startup and sysDescr texts), also compiled into eCos cable-modem images whose program is one
    // raw payload; the banner is a string of its own, so it is searched anywhere.
    // Snippets under tests/snippets/net-snmp-banner/ cut from three Broadcom ProgramStore payloads (eCos, MIPS).
    // Sample: \x00Net-SNMP 5.0.9\x00
    Classifier {
        id: "net-snmp-banner",
        name: "net-snmp",
        globs: &[r#"snmpd"#, r#"libnetsnmp.so*"#, r#"libnetsnmpagent.so*"#],
        anywhere: true,
        anchors: &["Net-SNMP 5."],
        pattern: r#"\x00Net-SNMP (?P<version>5\.\d(?:\.\d+){1,2}(?:\.rc\d|\.pre\d)?)\x00"#,
        sample: "\x00Net-SNMP 5.0.9\x00",
        purl: "pkg:generic/net-snmp@{version}",
        cpe: "cpe:2.3:a:net-snmp:net-snmp:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: standalone udhcp 0.9.x (Moreton Bay, before it moved into BusyBox): LOG(LOG_INFO, "udhcp server (v" VERSION ") started"); BusyBox's own applet is not this product (BusyBox files are not in the globs).
    // Snippet under tests/snippets/udhcp/ built the way the program builds the string.
    // Sample: udhcp server (v0.9.8) started
    Classifier {
        id: "udhcp",
        name: "udhcp",
        globs: &[r#"udhcpd"#, r#"udhcpc"#, r#"udhcp"#, r#"dumpleases"#],
        anchors: &["udhcp server (v", "udhcp client (v", "udhcpc (v", "udhcpd (v"],
        pattern: r#"udhcp(?:c|d| server| client) \(v(?P<version>0\.9\.\d+(?:-pre\d*)?)\)"#,
        sample: "udhcp server (v0.9.8) started",
        purl: "pkg:generic/udhcp@{version}",
        cpe: "cpe:2.3:a:busybox:udhcp:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: standalone udhcp 0.9.x built with the version as an argument: LOG(LOG_INFO, "udhcp server (v%s) started", VERSION).
    // Snippet under tests/snippets/udhcp-bare/ built the way the program builds the string.
    // Sample: \x000.9.8\x00
    Classifier {
        id: "udhcp-bare",
        name: "udhcp",
        globs: &[r#"udhcpd"#, r#"udhcpc"#, r#"udhcp"#],
        anchors: &["udhcp server (v%s) started", "udhcp client (v%s) started", "udhcpcd, version %s"],
        pattern: r#"\x00(?P<version>0\.9\.\d+(?:-pre\d*)?)\x00"#,
        scope: Scope::File,
        sample: "\x000.9.8\x00",
        purl: "pkg:generic/udhcp@{version}",
        cpe: "cpe:2.3:a:busybox:udhcp:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: standalone udhcp 0.9.x clientpacket.c sends "udhcp " VERSION as its DHCP
    // vendor-class identifier (some vendor builds spell it "uDHCP"): a string of its own in udhcpc and the
    // combined udhcpd binary, beside "udhcpcd, version %s". It sits in the option it is sent as: code 60, the length,
    // then the text.
    // Snippets under tests/snippets/udhcp-vendorclass/ cut from three router builds (MIPS, 0.9.6 to 0.9.9-pre).
    // Sample: \x3c\x0budhcp 0.9.8\x00
    Classifier {
        id: "udhcp-vendorclass",
        name: "udhcp",
        globs: &[r#"udhcpd"#, r#"udhcpc"#, r#"udhcp"#],
        anchors: &["udhcp 0.9.", "uDHCP 0.9."],
        pattern: r#"(?:\x00|\x3c[\x05-\x20])(?:udhcp|uDHCP) (?P<version>0\.9\.\d+(?:-pre\d*)?)\x00"#,
        sample: "\x3c\x0budhcp 0.9.8\x00",
        purl: "pkg:generic/udhcp@{version}",
        cpe: "cpe:2.3:a:busybox:udhcp:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: BPALogin 2.x (BigPond cable login client, bundled by most ADSL/cable
    // routers of 2003-2015) prints "BPALogin v" VERSION " - portable BigPond Broadband login client" (2.0:
    // "- lightweight portable BIDS2 login client") in its usage and log lines.
    // Snippets under tests/snippets/bpalogin/ cut from three router builds (MIPS, 2.0 and 2.0.2).
    // Sample: BPALogin v2.0.2 - portable BigPond Broadband login client
    Classifier {
        id: "bpalogin",
        name: "bpalogin",
        globs: &[r#"bpalogin"#],
        anchors: &["BPALogin v"],
        pattern: r#"BPALogin v(?P<version>\d+\.\d+(?:\.\d+)?) - (?:portable|lightweight)"#,
        sample: "BPALogin v2.0.2 - portable BigPond Broadband login client",
        purl: "pkg:generic/bpalogin@{version}",
        cpe: "cpe:2.3:a:bpalogin:bpalogin:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: dnsmasq 1.x-2.x dnsmasq.c: my_syslog(LOG_INFO, _("started, version %s cachesize %d"), VERSION, ...) with VERSION a bare string.
    // Snippet under tests/snippets/dnsmasq-started/ built the way the program builds the string.
    // Sample: \x002.41\x00
    Classifier {
        id: "dnsmasq-started",
        name: "dnsmasq",
        globs: &[r#"dnsmasq"#],
        anchors: &["started, version %s cache"],
        pattern: r#"\x00(?P<version>[12]\.\d+(?:\.\d+)?(?:rc\d+|test\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x002.41\x00",
        purl: "pkg:generic/dnsmasq@{version}",
        cpe: "cpe:2.3:a:thekelleys:dnsmasq:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: radvd 0.x-2.x radvd.c: flog(LOG_INFO, "version %s started", VERSION) with VERSION a bare string.
    // Snippet under tests/snippets/radvd-started/ built the way the program builds the string.
    // Sample: \x001.7\x00
    Classifier {
        id: "radvd-started",
        name: "radvd",
        globs: &[r#"radvd"#],
        anchors: &["version %s started"],
        pattern: r#"\x00(?P<version>[0-2]\.\d+(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        sample: "\x001.7\x00",
        purl: "pkg:generic/radvd@{version}",
        cpe: "cpe:2.3:a:radvd_project:radvd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: ebtables 2.0.x PROGNAME " v" PROGVERSION " (" PROGDATE ")" with release-candidate and packaging suffixes (2.0.8-rc2, 2.0.10-4).
    // Snippet under tests/snippets/ebtables-rc/ built the way the program builds the string.
    // Sample: ebtables v2.0.8-rc2 (June 2006)
    Classifier {
        id: "ebtables-rc",
        name: "ebtables",
        globs: &[r#"ebtables*"#],
        anchors: &["ebtables v"],
        pattern: r#"ebtables v(?P<version>2\.0\.\d+-[0-9a-z]+) \("#,
        sample: "ebtables v2.0.8-rc2 (June 2006)",
        purl: "pkg:generic/ebtables@{version}",
        cpe: "cpe:2.3:a:netfilter:ebtables:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: thttpd version.h: #define SERVER_SOFTWARE "thttpd/2.25b 29dec2003" (not in Debian bookworm: written from the upstream source).
    // Snippet under tests/snippets/thttpd/ built the way the program builds the string.
    // Sample: thttpd/2.23beta1 26may2002
    Classifier {
        id: "thttpd",
        name: "thttpd",
        globs: &[r#"thttpd"#, r#"httpd"#, r#"*httpd*"#],
        anywhere: true,
        anchors: &["thttpd/"],
        pattern: r#"thttpd/(?P<version>\d\.\d+[a-z0-9]*) \d{1,2}[a-z]{3}\d{4}"#,
        sample: "thttpd/2.23beta1 26may2002",
        purl: "pkg:generic/thttpd@{version}",
        cpe: "cpe:2.3:a:acme:thttpd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: Boa defines.h: #define SERVER_VERSION "Boa/0.94.14rc21" (not in Debian: written from the upstream source).
    // Snippet under tests/snippets/boa/ built the way the program builds the string.
    // Sample: Boa/0.94.14rc21
    Classifier {
        id: "boa",
        name: "boa",
        globs: &[r#"boa"#, r#"httpd"#, r#"*httpd*"#, r#"webs"#],
        anywhere: true,
        anchors: &["Boa/0."],
        pattern: r#"Boa/(?P<version>0\.9\d\.\d+(?:rc\d+)?)"#,
        sample: "Boa/0.94.14rc21",
        purl: "pkg:generic/boa@{version}",
        cpe: "cpe:2.3:a:boa:boa:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: Mathopd base.c: server_version[] = "Mathopd/1.5p6" (not in Debian: written from the upstream source).
    // Snippet under tests/snippets/mathopd/ built the way the program builds the string.
    // Sample: Mathopd/1.5p6
    Classifier {
        id: "mathopd",
        name: "mathopd",
        globs: &[r#"mathopd"#, r#"httpd"#, r#"*httpd*"#],
        anywhere: true,
        anchors: &["Mathopd/"],
        pattern: r#"Mathopd/(?P<version>1\.\d+(?:[bp]\d+)?)"#,
        sample: "Mathopd/1.5p6",
        purl: "pkg:generic/mathopd@{version}",
        cpe: "cpe:2.3:a:mathopd:mathopd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: ChilliSpot chilli.c: sys_err(LOG_INFO, ..., "ChilliSpot %s. Copyright 2002-2005 Mondru AB...", VERSION) with VERSION bare (not in Debian: written from the upstream source).
    // Snippet under tests/snippets/chillispot/ built the way the program builds the string.
    // Sample: \x001.1.0\x00
    Classifier {
        id: "chillispot",
        name: "chillispot",
        globs: &[r#"chilli"#, r#"chillispot"#],
        anchors: &["ChilliSpot %s. Copyright"],
        pattern: r#"\x00(?P<version>[01]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x001.1.0\x00",
        purl: "pkg:generic/chillispot@{version}",
        cpe: "cpe:2.3:a:chillispot:chillispot:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: ez-ipupdate.c: fprintf(stdout, "ez-ipupdate Version %s\n...", VERSION) with VERSION bare (not in Debian bookworm: written from the upstream source).
    // Snippet under tests/snippets/ez-ipupdate/ built the way the program builds the string.
    // Sample: \x003.0.10\x00
    Classifier {
        id: "ez-ipupdate",
        name: "ez-ipupdate",
        globs: &[r#"ez-ipupdate"#, r#"ez-ipup"#],
        anchors: &["ez-ipupdate Version %s"],
        pattern: r#"\x00(?P<version>3\.\d+\.\d+[a-z0-9]*)\x00"#,
        scope: Scope::File,
        sample: "\x003.0.10\x00",
        purl: "pkg:generic/ez-ipupdate@{version}",
        cpe: "cpe:2.3:a:ez-ipupdate:ez-ipupdate:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: olsrd builddata.c: olsrd_version[] = "olsr.org - " VERS ... (not in Debian bookworm: written from the upstream source).
    // Snippet under tests/snippets/olsrd/ built the way the program builds the string.
    // Sample: olsr.org - 0.6.0-git_0000000-hash_0000
    Classifier {
        id: "olsrd",
        name: "olsrd",
        globs: &[r#"olsrd"#, r#"libolsrd.so*"#],
        anywhere: true,
        anchors: &["olsr.org - "],
        pattern: r#"olsr\.org - (?P<version>0\.\d+\.\d+(?:\.\d+)?)"#,
        sample: "olsr.org - 0.6.0-git_0000000-hash_0000",
        purl: "pkg:generic/olsrd@{version}",
        cpe: "cpe:2.3:a:olsr:olsrd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: ipsec-tools racoon/setkey: version[] = "@(#)" TOP_PACKAGE_STRING " (" TOP_PACKAGE_URL ")" (not in Debian bookworm: written from the upstream source).
    // Snippet under tests/snippets/ipsec-tools/ built the way the program builds the string.
    // Sample: @(#)ipsec-tools 0.5.1 (http://ipsec-tools.sourceforge.net)
    Classifier {
        id: "ipsec-tools",
        name: "ipsec-tools",
        globs: &[r#"racoon"#, r#"setkey"#, r#"racoonctl"#, r#"libipsec.so*"#],
        anywhere: true,
        anchors: &["ipsec-tools "],
        pattern: r#"ipsec-tools (?P<version>0\.\d+(?:\.\d+)?(?:-rc\d+)?) \(http://ipsec-tools\.sourceforge\.net\)"#,
        sample: "@(#)ipsec-tools 0.5.1 (http://ipsec-tools.sourceforge.net)",
        purl: "pkg:generic/ipsec-tools@{version}",
        cpe: "cpe:2.3:a:ipsec-tools:ipsec-tools:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: l2tpd 0.6x l2tpd.c: log(LOG_LOG, "l2tpd version " SERVER_VERSION " started on %s PID:%d\n", ...) (xl2tpd's own string begins with x and is not matched; not in Debian: written from the upstream source).
    // Snippet under tests/snippets/l2tpd/ built the way the program builds the string.
    // Sample: \x00l2tpd version 0.69 started on %s PID:%d\n
    Classifier {
        id: "l2tpd",
        name: "l2tpd",
        globs: &[r#"l2tpd"#],
        anchors: &["l2tpd version "],
        pattern: r#"\x00l2tpd version (?P<version>0\.\d+) started on"#,
        sample: "\x00l2tpd version 0.69 started on %s PID:%d\n",
        purl: "pkg:generic/l2tpd@{version}",
        cpe: "cpe:2.3:a:l2tpd:l2tpd:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
    // Written from the upstream source: inadyn 1.x (before the In-a-dyn rewrite) logs "Started 'INADYN version %s' - dynamic DNS updater." with DYNDNS_VERSION_STRING a bare string (vendor builds append a suffix such as -ADV).
    // Snippet under tests/snippets/inadyn-legacy/ built the way the program builds the string.
    // Sample: \x001.96.2\x00
    Classifier {
        id: "inadyn-legacy",
        name: "inadyn",
        globs: &[r#"inadyn"#, r#"inadyn-mt"#],
        anchors: &["' - dynamic DNS updater."],
        pattern: r#"\x00(?P<version>1\.\d{2}(?:\.\d+)?(?:-[A-Z]{2,5})?)\x00"#,
        scope: Scope::File,
        sample: "\x001.96.2\x00",
        purl: "pkg:generic/inadyn@{version}",
        cpe: "cpe:2.3:a:troglobit:inadyn:{version}:*:*:*:*:*:*:*",
        ..Classifier::DEFAULT
    },
];
