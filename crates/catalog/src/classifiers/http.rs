//! HTTP servers, proxies, UPnP and application servers.

use crate::classifier::{Classifier, Scope};
use fwassure_model::Confidence;

/// Classifiers of this family.
pub const CLASSIFIERS: &[Classifier] = &[
    // Written from nginx of Debian package nginx (version 1.22); snippet under tests/snippets/nginx/.
    // Sample: nginx version: nginx/1.22.1
    Classifier {
        id: "nginx",
        name: "nginx",
        globs: &[r#"nginx"#],
        anywhere: true,
        anchors: &["nginx version: nginx/"],
        pattern: r#"nginx version: nginx/(?P<version>\d+\.\d+\.\d+)"#,
        sample: "nginx version: nginx/1.22.1",
        purl: "pkg:generic/nginx@{version}",
        cpe: "cpe:2.3:a:f5:nginx:{version}:*:*:*:*:*:*:*",
        debian: &["nginx"],
        ..Classifier::DEFAULT
    },
    // Written from lighttpd of Debian package lighttpd (version see snippet); snippet under tests/snippets/lighttpd/.
    // Sample: \x00lighttpd/1.4.69
    Classifier {
        id: "lighttpd",
        name: "lighttpd",
        globs: &[r#"lighttpd"#],
        anywhere: true,
        anchors: &["lighttpd/"],
        pattern: r#"\x00lighttpd/(?P<version>1\.\d+\.\d+)"#,
        sample: "\x00lighttpd/1.4.69",
        purl: "pkg:generic/lighttpd@{version}",
        cpe: "cpe:2.3:a:lighttpd:lighttpd:{version}:*:*:*:*:*:*:*",
        debian: &["lighttpd"],
        ..Classifier::DEFAULT
    },
    // Written from mini_httpd of Debian package mini-httpd (version see snippet); snippet under tests/snippets/mini_httpd/.
    // Sample: mini_httpd/1.30 26Oct2018
    Classifier {
        id: "mini_httpd",
        name: "mini_httpd",
        globs: &[r#"mini_httpd"#],
        anywhere: true,
        anchors: &["mini_httpd/"],
        pattern: r#"mini_httpd/(?P<version>\d+\.\d+[a-z]?) \d{2}[A-Z][a-z]{2}\d{4}"#,
        sample: "mini_httpd/1.30 26Oct2018",
        purl: "pkg:generic/mini_httpd@{version}",
        cpe: "cpe:2.3:a:acme:mini_httpd:{version}:*:*:*:*:*:*:*",
        debian: &["mini-httpd"],
        ..Classifier::DEFAULT
    },
    // Written from apache2 of Debian package apache2-bin (version see snippet); snippet under tests/snippets/apache/.
    // Sample: \x00Apache/2.4.71 (Debian)
    Classifier {
        id: "apache",
        name: "apache_http_server",
        globs: &[r#"httpd"#, r#"apache2"#, r#"httpd2"#],
        anchors: &["Apache/"],
        pattern: r#"\x00Apache/(?P<version>2\.\d+\.\d+)[\x00 ]"#,
        sample: "\x00Apache/2.4.71 (Debian)",
        purl: "pkg:generic/apache_http_server@{version}",
        cpe: "cpe:2.3:a:apache:http_server:{version}:*:*:*:*:*:*:*",
        debian: &["apache2-bin"],
        ..Classifier::DEFAULT
    },
    // Written from mod_ssl.so of Debian package apache2-bin (version see snippet); snippet under tests/snippets/apache-mod-ssl/.
    // Sample: \x00mod_ssl/2.4.71\x00
    Classifier {
        id: "apache-mod-ssl",
        name: "apache_http_server",
        globs: &[r#"mod_ssl.so"#],
        anchors: &["mod_ssl/", "\x00Apache/"],
        pattern: r#"\x00(?:mod_ssl|Apache)/(?P<version>2\.\d+\.\d+)\x00"#,
        sample: "\x00mod_ssl/2.4.71\x00",
        purl: "pkg:generic/apache_http_server@{version}",
        cpe: "cpe:2.3:a:apache:http_server:{version}:*:*:*:*:*:*:*",
        debian: &["apache2-bin"],
        ..Classifier::DEFAULT
    },
    // Written from libcurl.so.4.8.0 of Debian package libcurl4 (version 7); snippet under tests/snippets/libcurl/.
    // Sample: \x00libcurl/7.88.1\x00
    Classifier {
        id: "libcurl",
        name: "curl",
        globs: &[r#"libcurl*.so*"#],
        anywhere: true,
        anchors: &["libcurl/"],
        pattern: r#"\x00libcurl/(?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00libcurl/7.88.1\x00",
        purl: "pkg:generic/curl@{version}",
        cpe: "cpe:2.3:a:haxx:libcurl:{version}:*:*:*:*:*:*:*",
        debian: &["libcurl4"],
        ..Classifier::DEFAULT
    },
    // Written from curl of Debian package curl (version see snippet); snippet under tests/snippets/curl-cli/.
    // Sample: \x00curl 7.88.1 (x86_64-pc-linux-gnu) %s
    Classifier {
        id: "curl-cli",
        name: "curl",
        globs: &[r#"curl"#],
        anchors: &["curl "],
        pattern: r#"\x00curl (?P<version>\d+\.\d+\.\d+) \([\w.-]+\) %s"#,
        sample: "\x00curl 7.88.1 (x86_64-pc-linux-gnu) %s",
        purl: "pkg:generic/curl@{version}",
        cpe: "cpe:2.3:a:haxx:curl:{version}:*:*:*:*:*:*:*",
        debian: &["curl"],
        ..Classifier::DEFAULT
    },
    // Written from haproxy of Debian package haproxy (version see snippet); snippet under tests/snippets/haproxy/.
    // Sample: version 2.6.12-1+deb12u4, released 2026/10/17
    Classifier {
        id: "haproxy",
        name: "haproxy",
        globs: &[r#"haproxy"#],
        anchors: &[", released "],
        pattern: r#"version (?P<version>\d\.\d+\.\d+)(?:-[\w.+~]+)?, released \d{4}/\d\d/\d\d"#,
        sample: "version 2.6.12-1+deb12u4, released 2026/10/17",
        purl: "pkg:generic/haproxy@{version}",
        cpe: "cpe:2.3:a:haproxy:haproxy:{version}:*:*:*:*:*:*:*",
        debian: &["haproxy"],
        ..Classifier::DEFAULT
    },
    // Written from squid of Debian package squid (version see snippet); snippet under tests/snippets/squid/.
    // Sample: \x00squid/5.7\x00
    Classifier {
        id: "squid",
        name: "squid",
        globs: &[r#"squid"#, r#"squid-*"#],
        anchors: &["squid/"],
        pattern: r#"\x00squid/(?P<version>\d+\.\d+(?:\.\d+)?)\x00"#,
        sample: "\x00squid/5.7\x00",
        purl: "pkg:generic/squid@{version}",
        cpe: "cpe:2.3:a:squid-cache:squid:{version}:*:*:*:*:*:*:*",
        debian: &["squid"],
        ..Classifier::DEFAULT
    },
    // Written from tinyproxy of Debian package tinyproxy-bin (version see snippet); snippet under tests/snippets/tinyproxy/.
    // Sample: Server: tinyproxy/1.11.1
    Classifier {
        id: "tinyproxy",
        name: "tinyproxy",
        globs: &[r#"tinyproxy"#],
        anchors: &["tinyproxy/"],
        pattern: r#"Server: tinyproxy/(?P<version>\d+\.\d+\.\d+)"#,
        sample: "Server: tinyproxy/1.11.1",
        purl: "pkg:generic/tinyproxy@{version}",
        cpe: "cpe:2.3:a:tinyproxy_project:tinyproxy:{version}:*:*:*:*:*:*:*",
        debian: &["tinyproxy-bin"],
        ..Classifier::DEFAULT
    },
    // Written from privoxy of Debian package privoxy (version see snippet); snippet under tests/snippets/privoxy/.
    // Sample: Privoxy version 3.0.34
    Classifier {
        id: "privoxy",
        name: "privoxy",
        globs: &[r#"privoxy"#],
        anchors: &["Privoxy version "],
        pattern: r#"Privoxy version (?P<version>\d+\.\d+\.\d+)"#,
        sample: "Privoxy version 3.0.34",
        purl: "pkg:generic/privoxy@{version}",
        cpe: "cpe:2.3:a:privoxy:privoxy:{version}:*:*:*:*:*:*:*",
        debian: &["privoxy"],
        ..Classifier::DEFAULT
    },
    // Written from php8.2 of Debian package php8.2-cli (version see snippet); snippet under tests/snippets/php/.
    // Sample: X-Powered-By: PHP/8.2.36
    Classifier {
        id: "php",
        name: "php",
        globs: &[r#"php*"#, r#"php-cgi*"#, r#"libphp*.so"#],
        anywhere: true,
        anchors: &["X-Powered-By: PHP/"],
        pattern: r#"X-Powered-By: PHP/(?P<version>\d+\.\d+\.\d+)"#,
        sample: "X-Powered-By: PHP/8.2.36",
        purl: "pkg:generic/php@{version}",
        cpe: "cpe:2.3:a:php:php:{version}:*:*:*:*:*:*:*",
        debian: &["php8.2-cli"],
        ..Classifier::DEFAULT
    },
    // Written from cupsd of Debian package cups-daemon (version see snippet); snippet under tests/snippets/cups/.
    // Sample: CUPS/2.4.2 IPP/2.1
    Classifier {
        id: "cups",
        name: "cups",
        globs: &[r#"cupsd"#],
        anchors: &["CUPS/"],
        pattern: r#"CUPS/(?P<version>\d+\.\d+(?:\.\d+)?) IPP/"#,
        sample: "CUPS/2.4.2 IPP/2.1",
        purl: "pkg:generic/cups@{version}",
        cpe: "cpe:2.3:a:openprinting:cups:{version}:*:*:*:*:*:*:*",
        debian: &["cups-daemon"],
        ..Classifier::DEFAULT
    },
    // Written from libupnp.so.13.0.0 of Debian package libupnp13 (version see snippet); snippet under tests/snippets/libupnp/.
    // Sample: %s/%s, UPnP/1.0, Portable SDK for UPnP devices/1.8.4
    Classifier {
        id: "libupnp",
        name: "libupnp",
        globs: &[r#"libupnp.so*"#, r#"libixml.so*"#],
        anywhere: true,
        anchors: &["Portable SDK for UPnP devices/"],
        pattern: r#"Portable SDK for UPnP devices/(?P<version>\d+\.\d+\.\d+)"#,
        sample: "%s/%s, UPnP/1.0, Portable SDK for UPnP devices/1.8.4",
        purl: "pkg:generic/libupnp@{version}",
        cpe: "cpe:2.3:a:pupnp_project:pupnp:{version}:*:*:*:*:*:*:*",
        debian: &["libupnp13"],
        ..Classifier::DEFAULT
    },
    // Written from libminiupnpc.so.17 of Debian package libminiupnpc17 (version see snippet); snippet under tests/snippets/miniupnpc/.
    // Sample: User-Agent: Debian/bookworm/sid, UPnP/1.1, MiniUPnPc/2.2.4
    Classifier {
        id: "miniupnpc",
        name: "miniupnpc",
        globs: &[r#"libminiupnpc.so*"#, r#"upnpc*"#],
        anywhere: true,
        anchors: &["MiniUPnPc/"],
        pattern: r#"MiniUPnPc/(?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "User-Agent: Debian/bookworm/sid, UPnP/1.1, MiniUPnPc/2.2.4",
        purl: "pkg:generic/miniupnpc@{version}",
        cpe: "cpe:2.3:a:miniupnp_project:miniupnpc:{version}:*:*:*:*:*:*:*",
        debian: &["libminiupnpc17"],
        ..Classifier::DEFAULT
    },
    // Written from miniupnpd of Debian package miniupnpd-nftables (version 2.3.1); snippet under tests/snippets/miniupnpd/.
    // Sample: Server: Debian/%s UPnP/1.1 MiniUPnPd/2.3.1
    Classifier {
        id: "miniupnpd",
        name: "miniupnpd",
        globs: &[r#"miniupnpd"#],
        anywhere: true,
        anchors: &["MiniUPnPd/"],
        pattern: r#"MiniUPnPd/(?P<version>\d+\.\d+(?:\.\d+)?)"#,
        sample: "Server: Debian/%s UPnP/1.1 MiniUPnPd/2.3.1",
        purl: "pkg:generic/miniupnpd@{version}",
        cpe: "cpe:2.3:a:miniupnp_project:miniupnpd:{version}:*:*:*:*:*:*:*",
        debian: &["miniupnpd-nftables"],
        ..Classifier::DEFAULT
    },
    // Written from memcached of Debian package memcached (version see snippet); snippet under tests/snippets/memcached/.
    // Sample: \x00memcached 1.6.18\x00
    Classifier {
        id: "memcached",
        name: "memcached",
        globs: &[r#"memcached"#],
        anchors: &["memcached "],
        pattern: r#"\x00memcached (?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "\x00memcached 1.6.18\x00",
        purl: "pkg:generic/memcached@{version}",
        cpe: "cpe:2.3:a:memcached:memcached:{version}:*:*:*:*:*:*:*",
        debian: &["memcached"],
        ..Classifier::DEFAULT
    },
    // Written from mariadbd of Debian package mariadb-server-core (version see snippet); snippet under tests/snippets/mariadb/.
    // Sample: \x0010.11.19-MariaDB
    Classifier {
        id: "mariadb",
        name: "mariadb",
        globs: &[r#"mariadbd"#, r#"mysqld"#],
        anchors: &["-MariaDB"],
        pattern: r#"\x00(?P<version>\d+\.\d+\.\d+)-MariaDB"#,
        sample: "\x0010.11.19-MariaDB",
        purl: "pkg:generic/mariadb@{version}",
        cpe: "cpe:2.3:a:mariadb:mariadb:{version}:*:*:*:*:*:*:*",
        debian: &["mariadb-server-core"],
        ..Classifier::DEFAULT
    },
    // Written from initdb of Debian package postgresql-15 (version see snippet); snippet under tests/snippets/postgresql/.
    // Sample: initdb (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)
    Classifier {
        id: "postgresql",
        name: "postgresql",
        globs: &[r#"postgres"#, r#"initdb"#, r#"pg_ctl"#],
        anchors: &["(PostgreSQL) "],
        pattern: r#"\(PostgreSQL\) (?P<version>\d+\.\d+)"#,
        sample: "initdb (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)",
        purl: "pkg:generic/postgresql@{version}",
        cpe: "cpe:2.3:a:postgresql:postgresql:{version}:*:*:*:*:*:*:*",
        debian: &["postgresql-15"],
        ..Classifier::DEFAULT
    },
    // Written from tor of Debian package tor (version see snippet); snippet under tests/snippets/tor/.
    // Sample: Server: tor/1.0 (tor 0.4.9.11)
    Classifier {
        id: "tor",
        name: "tor",
        globs: &[r#"tor"#],
        anchors: &["(tor "],
        pattern: r#"Server: tor/1\.0 \(tor (?P<version>\d+\.\d+\.\d+\.\d+)\)"#,
        sample: "Server: tor/1.0 (tor 0.4.9.11)",
        purl: "pkg:generic/tor@{version}",
        cpe: "cpe:2.3:a:torproject:tor:{version}:*:*:*:*:*:*:*",
        debian: &["tor"],
        ..Classifier::DEFAULT
    },
    // Written from wget of Debian package wget (version see snippet); snippet under tests/snippets/wget/.
    // Sample: \x001.21.3\x00
    Classifier {
        id: "wget",
        name: "wget",
        globs: &[r#"wget"#],
        anchors: &["GNU Wget %s"],
        pattern: r#"\x00(?P<version>1\.\d{2}(?:\.\d+)?)\x00"#,
        scope: Scope::File,
        guards: &[r#"GNU Wget %s, a non-interactive network retriever"#],
        sample: "\x001.21.3\x00",
        purl: "pkg:generic/wget@{version}",
        cpe: "cpe:2.3:a:gnu:wget:{version}:*:*:*:*:*:*:*",
        confidence: Confidence::Medium,
        debian: &["wget"],
        ..Classifier::DEFAULT
    },
    // Written from git-remote-http of Debian package git (version see snippet); snippet under tests/snippets/git/.
    // Sample: git/2.39.5\x00
    Classifier {
        id: "git",
        name: "git",
        globs: &[r#"git"#, r#"git-remote-http*"#],
        anchors: &["git/"],
        pattern: r#"git/(?P<version>\d+\.\d+\.\d+)\x00"#,
        sample: "git/2.39.5\x00",
        purl: "pkg:generic/git@{version}",
        cpe: "cpe:2.3:a:git-scm:git:{version}:*:*:*:*:*:*:*",
        debian: &["git"],
        ..Classifier::DEFAULT
    },
    // Written from libmicrohttpd.so.12.60.0 of Debian package libmicrohttpd12 (version see snippet); snippet under tests/snippets/libmicrohttpd/.
    // Sample: \x00MHD-worker\x000.9.75\x00
    Classifier {
        id: "libmicrohttpd",
        name: "libmicrohttpd",
        globs: &[r#"libmicrohttpd.so*"#],
        anchors: &["MHD-worker"],
        pattern: r#"(?:^|(?-u:[^\x20-\x7e]))(?P<version>[01]\.\d+\.\d+)\x00"#,
        scope: Scope::File,
        sample: "\x00MHD-worker\x000.9.75\x00",
        purl: "pkg:generic/libmicrohttpd@{version}",
        cpe: "cpe:2.3:a:gnu:libmicrohttpd:{version}:*:*:*:*:*:*:*",
        debian: &["libmicrohttpd12"],
        ..Classifier::DEFAULT
    },
    // Written from libcivetweb.so.1.15.0 of Debian package libcivetweb1 (version see snippet); snippet under tests/snippets/civetweb/.
    // The version sits before civetweb's own `Connection`/`keep-alive` header strings in every build (after
    // `listening_ports` in 1.15, apart from it in 1.16).
    // Sample: \x00listening_ports\x001.15\x00Connection\x00keep-alive\x00
    Classifier {
        id: "civetweb",
        name: "civetweb",
        globs: &[r#"libcivetweb.so*"#, r#"civetweb"#],
        anchors: &["\x00listening_ports\x00", "\x00keep-alive\x00"],
        pattern: r#"(?:\x00listening_ports|\x00)\x00{0,8}(?P<version>1\.\d+)\x00{1,8}(?:yes\x00{1,8})?Connection\x00{1,8}keep-alive\x00"#,
        sample: "\x00listening_ports\x001.15\x00Connection\x00keep-alive\x00",
        purl: "pkg:generic/civetweb@{version}",
        cpe: "cpe:2.3:a:civetweb_project:civetweb:{version}:*:*:*:*:*:*:*",
        debian: &["libcivetweb1"],
        ..Classifier::DEFAULT
    },
];
