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

use crate::checks::factory_defaults::{defaults_text, is_defaults_file};
use crate::rule::At;
use crate::startup::{launches, Launch, Via, PATH};
use crate::text::{active_lines, basename, is_elf, read_text};
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
                    // a server that can speak TLS is made cleartext by its configuration: the finding sits
                    // there; one that has no TLS at all (boa, thttpd) is cleartext because it is started: the
                    // finding sits on the line that starts it, the configuration is evidence
                    let at = match started {
                        Some(l) if daemon_protocol(server).is_some() => At::new(&l.layer, &l.path).line(l.line),
                        _ => At::new(&layer.id, path).line(c.line),
                    };
                    let mut f = CLEARTEXT_SERVICE.finding(
                        at,
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
        let mut started_protocols = BTreeSet::new();
        for l in &all {
            let Some(proto) = launch_protocol(l) else { continue };
            started_protocols.insert((l.layer.clone(), proto));
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
        // services the factory defaults switch on, served by a daemon of the image or by a program the
        // startup chain starts that carries the daemon (a vendor configuration manager)
        for layer in ctx.vfs.filesystems() {
            let Some(tree) = layer.tree.as_ref() else { continue };
            for (path, node) in tree.iter() {
                let NodeKind::File(data) = &node.kind else { continue };
                if !is_defaults_file(path) {
                    continue;
                }
                let Some(text) = defaults_text(data) else { continue };
                for e in enabled_in_defaults(&text) {
                    if started_protocols.contains(&(layer.id.clone(), e.proto)) {
                        continue;
                    }
                    let Some(server) = server_of(tree, &layer.id, e.proto, &all) else { continue };
                    let setting = format!("{path}:{} {}", e.line, e.what);
                    // the finding sits on the program that serves it; the setting is the last step of its chain
                    let (program, by, mut chain) = match &server {
                        Server::Installed(p) => (p.clone(), format!("{p} is in the image"), vec![]),
                        Server::Carried(l, daemon, p) => (
                            p.clone(),
                            format!("{p} carries {daemon} and is started by {} {}", l.via.describe(), l.path),
                            l.chain.clone(),
                        ),
                    };
                    chain.push(setting.clone());
                    let mut f = CLEARTEXT_SERVICE.finding(
                        At::new(&layer.id, &program),
                        e.proto,
                        format!("The factory defaults enable {} ({}); {by}.", e.proto, e.what),
                        setting,
                    );
                    f.chain = chain;
                    push(f, &mut out);
                }
            }
        }
        out
    }
}

/// A service a defaults file switches on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Enabled {
    proto: &'static str,
    /// 1-based line of the setting.
    line: usize,
    /// The setting as written (`telnetd_enable=1`, `srvCtrlList telnet="lan"`).
    what: String,
}

/// The cleartext protocols a setting name stands for.
const SETTING_PROTOCOLS: &[(&str, &str)] = &[("telnet", "telnet"), ("ftp", "ftp"), ("tftp", "tftp"), ("http", "http")];

fn setting_protocol(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    SETTING_PROTOCOLS.iter().find_map(|&(svc, proto)| {
        let d = format!("{svc}d");
        let hit = [svc, d.as_str()].iter().any(|s| {
            n == format!("{s}_enable")
                || n == format!("{s}_enabled")
                || n == format!("enable_{s}")
                || n == format!("{s}_en")
        });
        hit.then_some(proto)
    })
}

/// Services a defaults text switches on: `telnetd_enable=1` style settings, and the service-access lists of
/// XML configurations (`<srvCtrlList telnet="lan" ftp="disable"/>`, Broadcom CFM), whose attribute is the
/// service and whose value is where it is reachable.
fn enabled_in_defaults(text: &str) -> Vec<Enabled> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.starts_with('#') || l.starts_with(';') {
            continue;
        }
        if let Some((k, v)) = l.split_once('=').filter(|_| !l.starts_with('<')) {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase();
            if let Some(proto) = setting_protocol(k.trim()) {
                if matches!(v.as_str(), "1" | "on" | "yes" | "true" | "enable" | "enabled") {
                    out.push(Enabled { proto, line: i + 1, what: format!("{}={v}", k.trim()) });
                }
            }
            continue;
        }
        // XML: every tag of the line whose name says service control
        for tag in l.split('<').skip(1) {
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let lname = name.to_ascii_lowercase();
            if !(lname.contains("srv") || lname.contains("service")) {
                continue;
            }
            let body = tag.split('>').next().unwrap_or(tag);
            for (attr, value) in xml_attributes(body) {
                let Some(&(_, proto)) = SETTING_PROTOCOLS.iter().find(|(svc, _)| attr.eq_ignore_ascii_case(svc)) else {
                    continue;
                };
                let off = matches!(
                    value.to_ascii_lowercase().as_str(),
                    "" | "0" | "off" | "no" | "none" | "false" | "disable" | "disabled"
                );
                if !off {
                    out.push(Enabled { proto, line: i + 1, what: format!("{name} {attr}=\"{value}\"") });
                }
            }
        }
    }
    out
}

/// `name="value"` pairs of a tag's body.
fn xml_attributes(body: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            out.push((name, &after[..end]));
        }
        rest = &after[end + 1..];
    }
    out
}

/// What serves a protocol the defaults enable.
enum Server<'a> {
    /// A daemon for it is installed (its path).
    Installed(String),
    /// A program the startup chain starts carries the daemon's name (a configuration manager with its own
    /// inetd): the launch, the daemon name and the program's path.
    Carried(&'a Launch, &'static str, String),
}

/// Largest program searched for the daemon it carries.
const MAX_CARRIER: u64 = 16 << 20;

fn server_of<'a>(tree: &Tree, layer: &str, proto: &str, launches: &'a [Launch]) -> Option<Server<'a>> {
    for d in PATH {
        let mut names: Vec<&str> = tree.children(d).map(|(p, _)| p).collect();
        names.sort();
        if let Some(p) = names.into_iter().find(|p| daemon_protocol(basename(p)) == Some(proto)) {
            return Some(Server::Installed(p.to_string()));
        }
    }
    let daemon = match proto {
        "telnet" => "telnetd",
        "ftp" => "ftpd",
        "tftp" => "tftpd",
        "http" => "httpd",
        _ => return None,
    };
    launches.iter().filter(|l| l.layer == layer).find_map(|l| {
        let path = which(tree, l.program())?;
        // a link is an applet of a multi-call binary (busybox lists every applet's name): not a carrier
        if matches!(tree.get(&path).map(|n| &n.kind), Some(NodeKind::Symlink(_))) {
            return None;
        }
        let (_, node) = tree.resolve(&path)?;
        let NodeKind::File(data) = &node.kind else { return None };
        if data.len() > MAX_CARRIER || !data.head(4).is_ok_and(|h| is_elf(&h)) {
            return None;
        }
        let bytes = data.read_lossy();
        if memchr::memmem::find(&bytes, b"BusyBox v").is_some() || memchr::memmem::find(&bytes, b"toybox").is_some() {
            return None;
        }
        crate::text::strings(&bytes, 4)
            .iter()
            .any(|(_, s)| s.trim() == daemon)
            .then(|| Server::Carried(l, daemon, path.clone()))
    })
}

/// The path of a program as a command names it (absolute, or found in the usual binary folders).
fn which(tree: &Tree, prog: &str) -> Option<String> {
    if prog.starts_with('/') {
        return Some(prog.to_string());
    }
    PATH.iter().map(|d| format!("{d}/{prog}")).find(|p| tree.get(p).is_some())
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
            ("etc/init.d/rcS", "#!/bin/sh\n/bin/boa -c /etc/boa\nnginx\n"),
            ("etc/boa/boa.conf", "# Boa v0.94 configuration file\nPort 80\n"),
            ("bin/boa", "ELF"),
            ("etc/nginx/nginx.conf", "server {\n  listen 80;\n}\n"),
            ("usr/sbin/nginx", "ELF"),
        ];
        // boa has no TLS: the finding sits where it is started, the configuration is evidence; nginx can
        // speak TLS: its configuration makes it cleartext and carries the finding
        assert_eq!(
            run(&files),
            vec![("/etc/init.d/rcS".to_string(), "http".to_string()), ("/etc/nginx/nginx.conf".into(), "http".into())]
        );
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

    #[test]
    fn services_the_factory_defaults_enable() {
        // DD-WRT keeps its defaults as a binary table (count, then length-prefixed key and value)
        let mut bin = 4u32.to_le_bytes().to_vec();
        for (k, v) in [("telnetd_enable", "1"), ("snmpd_enable", "0"), ("ftp_enable", "0"), ("http_enable", "1")] {
            bin.push(k.len() as u8);
            bin.extend(k.as_bytes());
            bin.push(v.len() as u8);
            bin.extend(v.as_bytes());
        }
        let mut t = Tree::new();
        t.insert("/etc/defaults.bin", fwassure_model::Node::file(bin)).unwrap();
        t.insert("/usr/sbin/telnetd", fwassure_model::Node::file(b"\x7fELF".to_vec())).unwrap();
        let vfs = fwassure_model::Vfs::from_tree("squashfs", t);
        let out = CleartextServices.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        let got: Vec<_> = out.findings.iter().map(|f| (f.path.as_str(), f.subject.as_str(), f.line)).collect();
        // telnet has its daemon; http has none in this tree
        assert_eq!(got, vec![("/usr/sbin/telnetd", "telnet", None)]);
        assert!(
            out.findings[0].chain.iter().any(|c| c == "/etc/defaults.bin:1 telnetd_enable=1"),
            "{:?}",
            out.findings[0].chain
        );

        // a Broadcom CFM default.cfg: the configuration manager started from /etc/profile carries its own
        // telnet server; ftp is disabled, SNMP is not a service of this rule
        let cfg = "<?xml version=\"1.0\"?>\n<psitree>\n<SystemInfo>\n\
                   <srvCtrlList ftp=\"disable\" http=\"lan\" snmp=\"lan\" telnet=\"lan\" tftp=\"disable\"/>\n\
                   <snmp state=\"disable\" readCommunity=\"public\"/>\n</SystemInfo>\n</psitree>\n";
        let mut t = Tree::new();
        for (p, c) in [
            ("/etc/inittab", "::respawn:-/bin/sh\n".as_bytes().to_vec()),
            ("/etc/profile", b"#!/bin/sh\nmount -t proc proc /proc\nbusybox2 x\ncfm\n".to_vec()),
            ("/bin/busybox", b"\x7fELF\x00telnetd\x00httpd\x00BusyBox v1.00 (2008)\x00".to_vec()),
            ("/bin/busybox2", b"\x7fELF\x00telnetd\x00httpd\x00BusyBox v1.00 (2008)\x00".to_vec()),
            ("/etc/default.cfg", cfg.as_bytes().to_vec()),
            ("/bin/cfm", b"\x7fELF\x00cfmInetd\x00telnetd\x00/var/run/telnetd_pid\x00".to_vec()),
            ("/bin/sh", b"\x7fELF".to_vec()),
        ] {
            t.insert(p, fwassure_model::Node::file(c)).unwrap();
        }
        // busybox names every applet (telnetd, httpd …): neither its links nor a copy of it carry a server
        t.insert("/bin/mount", fwassure_model::Node::symlink("busybox")).unwrap();
        let vfs = fwassure_model::Vfs::from_tree("squashfs", t);
        let out = CleartextServices.run(&Ctx::new(&vfs, &[], &crate::CheckOptions::default()));
        let got: Vec<_> = out.findings.iter().map(|f| (f.path.as_str(), f.subject.as_str(), f.line)).collect();
        assert_eq!(got, vec![("/bin/cfm", "telnet", None)]);
        let chain = &out.findings[0].chain;
        assert!(chain.iter().any(|c| c.starts_with("/etc/profile:4")), "{chain:?}");
        assert_eq!(chain.last().unwrap(), "/etc/default.cfg:4 srvCtrlList telnet=\"lan\"");

        // decoys: switched off, commented out, and a setting without any server for it
        let got = run(&[
            ("etc/nvram.default", "telnetd_enable=0\n#ftp_enable=1\ntftp_enable=1\n"),
            ("usr/sbin/telnetd", "ELF"),
            ("usr/sbin/ftpd", "ELF"),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }
}
