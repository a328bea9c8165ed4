//! Cleartext network services enabled by the startup chain or by web/MQTT/SNMP configurations.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FindingKind, Severity};

/// A service speaking cleartext on the network is enabled.
pub const CLEARTEXT_SERVICE: RuleMeta = RuleMeta {
    id: "svc.cleartext-service",
    kind: FindingKind::CleartextService,
    severity: Severity::High,
    cwe: "CWE-319",
    title: "Cleartext network service enabled",
    remediation:
        "Disable the service, or replace it with an authenticated encrypted one (SSH, HTTPS, MQTT over TLS, SNMPv3).",
    requirements: reqs::CLEARTEXT_SERVICE,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[CLEARTEXT_SERVICE];

use crate::rule::At;
use crate::startup::{launches, Launch, Via};
use crate::text::{active_lines, basename, read_text};
use crate::{checks::Check, ChecksOutput, Ctx};
use fwassure_model::{Finding, NodeKind, Tree};
use std::collections::BTreeSet;

/// The cleartext-services check.
pub struct CleartextServices;

/// The cleartext protocol a daemon program speaks, for daemons that have no TLS mode of their own.
pub fn daemon_protocol(program: &str) -> Option<&'static str> {
    let p = program.strip_prefix("in.").unwrap_or(program);
    Some(match p {
        "telnetd" | "utelnetd" => "telnet",
        "ftpd" | "vsftpd" | "proftpd" | "pure-ftpd" | "bftpd" | "wu-ftpd" | "stupid-ftpd" => "ftp",
        "tftpd" | "atftpd" | "tftpd-hpa" | "opentftpd" => "tftp",
        "rlogind" => "rlogin",
        "rshd" => "rsh",
        "rexecd" => "rexec",
        // embedded web servers without TLS support of their own
        "httpd" | "goahead" | "webs" | "boa" | "thttpd" => "http",
        _ => return None,
    })
}

fn inetd_protocol(service: &str) -> Option<&'static str> {
    Some(match service {
        "telnet" => "telnet",
        "ftp" => "ftp",
        "tftp" => "tftp",
        "login" => "rlogin",
        "shell" => "rsh",
        "exec" => "rexec",
        _ => return None,
    })
}

/// True when a program of that name is installed (file or link in a usual binary directory).
pub fn installed(tree: &Tree, name: &str) -> bool {
    ["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/opt/bin"]
        .iter()
        .any(|d| tree.get(&format!("{d}/{name}")).is_some())
}

fn is_loopback(addr: &str) -> bool {
    addr.starts_with("127.") || addr.starts_with("[::1]") || addr.starts_with("localhost") || addr == "::1"
}

fn launch_protocol(l: &Launch) -> Option<&'static str> {
    let by_name = match &l.via {
        Via::Inetd(s) | Via::Xinetd(s) => inetd_protocol(s),
        _ => None,
    };
    let p = by_name.or_else(|| daemon_protocol(l.program()))?;
    // mini_httpd / busybox httpd with TLS options are not cleartext
    if p == "http" && (l.has_flag("-S") || l.words.iter().any(|w| w.contains("https"))) {
        return None;
    }
    Some(p)
}

/// A listener read from a server configuration.
struct Listen {
    line: usize,
    what: String,
}

fn nginx_listens(text: &str) -> Vec<Listen> {
    let ssl_on = active_lines(text).any(|(_, l)| {
        let l = l.trim_end_matches(';');
        l.split_whitespace().collect::<Vec<_>>() == ["ssl", "on"]
    });
    let mut v = Vec::new();
    for (ln, l) in active_lines(text) {
        let Some(rest) = l.strip_prefix("listen") else { continue };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let toks: Vec<&str> = rest.trim().trim_end_matches(';').split_whitespace().collect();
        let Some(addr) = toks.first() else { continue };
        if ssl_on || toks.iter().any(|t| *t == "ssl" || *t == "quic") || addr.starts_with("unix:") || is_loopback(addr)
        {
            continue;
        }
        v.push(Listen { line: ln, what: format!("listen {}", toks.join(" ")) });
    }
    v
}

fn lighttpd_listens(text: &str) -> Vec<Listen> {
    let mut depth = 0i32;
    let mut ssl_top = false;
    let mut port: Option<(usize, String)> = None;
    for (ln, l) in active_lines(text) {
        let (k, v) = l.split_once('=').map(|(k, v)| (k.trim(), v.trim().trim_matches('"'))).unwrap_or((l, ""));
        if depth == 0 && k == "ssl.engine" && v == "enable" {
            ssl_top = true;
        }
        if depth == 0 && k == "server.port" {
            port = Some((ln, v.to_string()));
        }
        depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
    }
    if ssl_top {
        return vec![];
    }
    let (line, p) = port.unwrap_or((1, "80 (default)".into()));
    vec![Listen { line, what: format!("server.port {p} without ssl.engine") }]
}

fn uhttpd_listens(text: &str) -> Vec<Listen> {
    active_lines(text)
        .filter_map(|(ln, l)| {
            let w = crate::text::shell_words(l);
            (w.len() >= 3 && (w[0] == "list" || w[0] == "option") && w[1] == "listen_http" && !is_loopback(&w[2]))
                .then(|| Listen { line: ln, what: format!("listen_http {}", w[2]) })
        })
        .collect()
}

fn keyed_port(text: &str, key: &str, tls_key: Option<&str>) -> Vec<Listen> {
    if let Some(t) = tls_key {
        if active_lines(text).any(|(_, l)| l == t || l.starts_with(&format!("{t}="))) {
            return vec![];
        }
    }
    active_lines(text)
        .find(|(_, l)| {
            l.split(|c: char| c == '=' || c.is_whitespace()).next().is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
        .map(|(ln, l)| vec![Listen { line: ln, what: l.to_string() }])
        .unwrap_or_default()
}

fn mosquitto_listens(text: &str) -> Vec<Listen> {
    // blocks start at `listener PORT [ADDR]`; `port N` configures the default listener
    let mut v = Vec::new();
    let mut cur: Option<(usize, String, bool)> = None;
    let flush = |c: Option<(usize, String, bool)>, v: &mut Vec<Listen>| {
        if let Some((ln, what, tls)) = c {
            if !tls {
                v.push(Listen { line: ln, what });
            }
        }
    };
    for (ln, l) in active_lines(text) {
        let w: Vec<&str> = l.split_whitespace().collect();
        match w.first().copied() {
            Some("listener") => {
                flush(cur.take(), &mut v);
                let local =
                    w.get(2).is_some_and(|a| is_loopback(a)) || w.get(1).is_some_and(|p| *p == "0" && w.len() == 3);
                cur = Some((ln, l.to_string(), local));
            }
            Some("port") if cur.is_none() => cur = Some((ln, l.to_string(), false)),
            Some("certfile") | Some("psk_hint") => {
                if let Some(c) = cur.as_mut() {
                    c.2 = true;
                }
            }
            _ => {}
        }
    }
    flush(cur, &mut v);
    v
}

fn snmp_communities(text: &str, uci: bool) -> Vec<Listen> {
    active_lines(text)
        .filter(|(_, l)| {
            let k = l.split_whitespace().next().unwrap_or("");
            if uci {
                let w = crate::text::shell_words(l);
                w.len() >= 3 && w[0] == "option" && w[1] == "community"
            } else {
                matches!(k, "rocommunity" | "rwcommunity" | "rocommunity6" | "rwcommunity6" | "com2sec" | "com2sec6")
            }
        })
        .map(|(ln, l)| Listen {
            line: ln,
            what: l.split_whitespace().next().unwrap_or("").to_string() + " (v1/v2c community)",
        })
        .collect()
}

/// Which server configuration a file is, with its server program and protocol.
fn config_kind(path: &str) -> Option<(&'static str, &'static str)> {
    let name = basename(path);
    let in_dir = |d: &str| path.contains(&format!("/{d}/"));
    if in_dir("nginx")
        && !path.contains("/sites-available/")
        && (name.ends_with(".conf") || path.contains("/sites-enabled/"))
    {
        return Some(("nginx", "http"));
    }
    Some(match name {
        "lighttpd.conf" => ("lighttpd", "http"),
        "boa.conf" => ("boa", "http"),
        "mini_httpd.conf" => ("mini_httpd", "http"),
        "thttpd.conf" => ("thttpd", "http"),
        "mosquitto.conf" => ("mosquitto", "mqtt"),
        "snmpd.conf" => ("snmpd", "snmp"),
        "uhttpd" if path.starts_with("/etc/config/") => ("uhttpd", "http"),
        "snmpd" if path.starts_with("/etc/config/") => ("snmpd", "snmp"),
        _ => return None,
    })
}

impl Check for CleartextServices {
    fn id(&self) -> &'static str {
        "cleartext_services"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let mut out = ChecksOutput::default();
        let mut seen = BTreeSet::new();
        let mut push = |f: Finding, out: &mut ChecksOutput| {
            if seen.insert((f.layer.clone(), f.path.clone(), f.subject.clone())) {
                out.findings.push(f);
            }
        };
        let all = launches(ctx.vfs);
        let launched: BTreeSet<(String, String)> =
            all.iter().map(|l| (l.layer.clone(), l.program().to_string())).collect();
        // config-driven servers: the config is the evidence
        let mut configured = BTreeSet::new();
        for layer in ctx.vfs.filesystems() {
            let Some(tree) = layer.tree.as_ref() else { continue };
            for (path, node) in tree.iter() {
                if !matches!(node.kind, NodeKind::File(_) | NodeKind::Symlink(_)) {
                    continue;
                }
                let Some((server, proto)) = config_kind(path) else { continue };
                let Some(text) = read_text(tree, path) else { continue };
                let enabled = launched.contains(&(layer.id.clone(), server.to_string())) || installed(tree, server);
                if !enabled {
                    continue;
                }
                configured.insert((layer.id.clone(), server));
                let listens = match server {
                    "nginx" => nginx_listens(&text),
                    "lighttpd" => lighttpd_listens(&text),
                    "uhttpd" => uhttpd_listens(&text),
                    "boa" => keyed_port(&text, "Port", None),
                    "thttpd" => keyed_port(&text, "port", None),
                    "mini_httpd" => keyed_port(&text, "port", Some("ssl")),
                    "mosquitto" => mosquitto_listens(&text),
                    "snmpd" => snmp_communities(&text, path.starts_with("/etc/config/")),
                    _ => vec![],
                };
                if let Some(c) = listens.first() {
                    // the configuration is what makes the server speak cleartext: the finding sits there; a server the
                    // startup chain starts carries that chain, and its start line is part of the evidence
                    let started = all.iter().find(|l| l.layer == layer.id && basename(l.program()) == server);
                    let mut f = CLEARTEXT_SERVICE.finding(
                        At::new(&layer.id, path).line(c.line),
                        proto,
                        match started {
                            Some(l) => format!(
                                "{server} is configured to serve {proto} without TLS, and is started by {} {}{}.",
                                l.via.describe(),
                                l.path,
                                if l.conditional { " (under a condition)" } else { "" }
                            ),
                            None => format!("{server} is configured to serve {proto} without TLS."),
                        },
                        match started {
                            Some(l) => format!("{path}:{}: {}; {}", c.line, c.what, l.evidence()),
                            None => format!("{path}:{}: {}", c.line, c.what),
                        },
                    );
                    if let Some(l) = started {
                        f.chain = l.chain.clone();
                    }
                    push(f, &mut out);
                }
            }
        }
        for l in &all {
            let Some(proto) = launch_protocol(l) else { continue };
            if configured.contains(&(l.layer.clone(), basename(l.program()))) {
                continue;
            }
            let mut f = CLEARTEXT_SERVICE.finding(
                At::new(&l.layer, &l.path).line(l.line),
                proto,
                format!(
                    "{} ({proto}) is started by {} {}{}.",
                    l.program(),
                    l.via.describe(),
                    l.path,
                    if l.conditional { " (under a condition)" } else { "" }
                ),
                l.evidence(),
            );
            f.chain = l.chain.clone();
            push(f, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::path_subjects;

    fn run(files: &[(&str, &str)]) -> Vec<(String, String)> {
        path_subjects(&CleartextServices, files)
    }

    #[test]
    fn service_tables_need_their_daemon_started() {
        let got = run(&[
            ("etc/inetd.conf", "ftp\tstream tcp nowait root /usr/sbin/ftpd ftpd -w /srv\n"),
            ("etc/xinetd.d/tftp", "service tftp\n{\n disable = no\n server = /usr/sbin/in.tftpd\n}\n"),
            ("etc/init.d/S50http", "#!/bin/sh\nhttpd -h /www\n"),
        ]);
        assert!(!got.iter().any(|(p, _)| p == "/etc/inetd.conf" || p.starts_with("/etc/xinetd")), "{got:?}");
    }

    #[test]
    fn a_started_server_carries_its_startup_chain() {
        let files = [
            ("etc/inittab", "::sysinit:/etc/init.d/rcS\n"),
            ("etc/init.d/rcS", "#!/bin/sh\n/bin/boa -c /etc/boa\n"),
            ("etc/boa/boa.conf", "# Boa v0.94 configuration file\nPort 80\n"),
            ("bin/boa", "ELF"),
        ];
        assert_eq!(run(&files), vec![("/etc/boa/boa.conf".to_string(), "http".to_string())]);
        let vfs = crate::checks::test_util::text_vfs(&files);
        let out = CleartextServices.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        let f = &out.findings[0];
        assert_eq!(f.line, Some(2));
        assert!(f.evidence.contains("/etc/boa/boa.conf:2: Port 80"), "{}", f.evidence);
        assert!(f.evidence.contains("/etc/init.d/rcS:2"), "{}", f.evidence);
        assert!(f.chain.iter().any(|c| c.starts_with("/etc/inittab:1")), "{:?}", f.chain);
    }

    #[test]
    fn enabled_services_found() {
        let got = run(&[
            ("etc/inetd.conf", "#telnet stream tcp nowait root /usr/sbin/telnetd telnetd\nftp\tstream tcp nowait root /usr/sbin/ftpd ftpd -w /srv\n"),
            ("etc/init.d/S50telnet", "#!/bin/sh\ntelnetd -l /bin/login -p 23\n"),
            ("etc/init.d/S20inet", "#!/bin/sh\ninetd\nxinetd -stayalive\n"),
            ("usr/sbin/nginx", "ELF"),
            ("etc/nginx/nginx.conf", "server {\n  listen 80;\n  listen 443 ssl;\n}\n"),
            ("etc/nginx/sites-available/default", "server { listen 8080; }\n"),
            ("etc/mosquitto/mosquitto.conf", "listener 1883\nlistener 8883\ncertfile /x\n"),
            ("usr/sbin/mosquitto", "ELF"),
            ("etc/xinetd.d/tftp", "service tftp\n{\n disable = no\n server = /usr/sbin/in.tftpd\n}\n"),
            ("etc/xinetd.d/rlogin", "service login\n{\n disable = yes\n server = /usr/sbin/in.rlogind\n}\n"),
        ]);
        assert_eq!(
            got,
            vec![
                ("/etc/inetd.conf".to_string(), "ftp".to_string()),
                ("/etc/init.d/S50telnet".into(), "telnet".into()),
                ("/etc/mosquitto/mosquitto.conf".into(), "mqtt".into()),
                ("/etc/nginx/nginx.conf".into(), "http".into()),
                ("/etc/xinetd.d/tftp".into(), "tftp".into()),
            ]
        );
    }

    #[test]
    fn negatives() {
        let got = run(&[
            ("bin/busybox", "ELF"),
            ("usr/sbin/telnetd", "->/bin/busybox"),
            ("etc/inittab", "::sysinit:/etc/init.d/rcS\n#::respawn:/usr/sbin/telnetd -F\nttyS0::respawn:/sbin/getty -L ttyS0 115200\n"),
            ("etc/init.d/rcS", "#!/bin/sh\n# telnetd -l /bin/login\nkillall telnetd\n"),
            ("etc/init.d/telnet", "telnetd -l /bin/login\n"),
            ("etc/init.d/S40dropbear", "dropbear -R -p 22\n"),
            ("usr/sbin/nginx", "ELF"),
            ("etc/nginx/nginx.conf", "server {\n  listen 443 ssl;\n  listen 127.0.0.1:8080;\n}\n"),
            ("etc/lighttpd/lighttpd.conf", "server.port = 80\n"),
            ("etc/snmp/snmpd.conf", "rocommunity public\n"),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }
}
