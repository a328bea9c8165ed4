//! The startup chain: what an image starts at boot, as command lines with the file and line that start them.
//!
//! Read: busybox/sysv `inittab`, scripts that are enabled (busybox `rcS` with `/etc/init.d/S??*`, sysv and
//! OpenWrt `rc?.d`/`rc.d` `S*` links, `rc.local`, scripts run from `inittab`), OpenWrt procd
//! `procd_set_param command`, systemd units enabled through `*.wants/` links, `inetd.conf` and `xinetd`.
//! A script without an enabling link, and commented-out lines, start nothing.

use crate::text::{active_lines, basename, read_text, shell_words};
use fwassure_model::{Layer, NodeKind, Tree, Vfs};
use std::collections::{BTreeMap, BTreeSet};

/// How a command is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// An `inittab` entry: its id/tty field and action.
    Inittab {
        /// The id field (busybox: the tty, empty for the console).
        tty: String,
        /// The action (`respawn`, `askfirst`, `sysinit` …).
        action: String,
    },
    /// A line of an enabled startup script (sysv, busybox rcS, OpenWrt procd).
    Script,
    /// An `inetd.conf` entry for a service name.
    Inetd(String),
    /// An enabled `xinetd` service.
    Xinetd(String),
    /// `ExecStart` of an enabled systemd unit.
    Systemd,
}

/// One command the image starts.
#[derive(Debug, Clone)]
pub struct Launch {
    /// Layer id.
    pub layer: String,
    /// File holding the command line.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Program and arguments (program first, wrappers removed, simple `$VAR`s substituted).
    pub words: Vec<String>,
    /// How it is started.
    pub via: Via,
}

impl Launch {
    /// Program name (basename of the first word).
    pub fn program(&self) -> &str {
        self.words.first().map(|w| basename(w)).unwrap_or("")
    }
    /// Value of an option (`-l /bin/sh`, `-l/bin/sh`), when present.
    pub fn option(&self, opt: &str) -> Option<&str> {
        let mut it = self.words.iter().skip(1);
        while let Some(w) = it.next() {
            if w == opt {
                return it.next().map(String::as_str);
            }
            if opt.len() == 2 && w.len() > 2 && w.starts_with(opt) && !w.starts_with("--") {
                return Some(&w[2..]);
            }
        }
        None
    }
    /// True when a flag word is present (exactly, or inside a combined short-option group like `-Fl`).
    pub fn has_flag(&self, flag: &str) -> bool {
        self.words.iter().skip(1).any(|w| w == flag)
    }
}

/// Words that precede the real program on a command line.
const WRAPPERS: &[&str] = &[
    "exec", "nohup", "setsid", "busybox", "command", "nice", "then", "else", "do", "if", "!", "{", "(", "time",
    "ionice", "chrt", "taskset", "sudo", "su-exec", "env",
];

fn split_commands(line: &str) -> Vec<&str> {
    // split on ; && || | & outside quotes (good enough for init scripts)
    let b = line.as_bytes();
    let (mut sq, mut dq) = (false, false);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' if !dq => sq = !sq,
            b'"' if !sq => dq = !dq,
            b';' | b'|' | b'&' if !sq && !dq => {
                out.push(&line[start..i]);
                while i + 1 < b.len() && matches!(b[i + 1], b'|' | b'&') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&line[start..]);
    out
}

fn is_assignment(w: &str) -> Option<(&str, &str)> {
    let (k, v) = w.split_once('=')?;
    (!k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') && !k.as_bytes()[0].is_ascii_digit())
        .then_some((k, v))
}

fn substitute(w: &str, vars: &BTreeMap<String, String>) -> String {
    let name = w.strip_prefix("${").and_then(|r| r.strip_suffix('}')).or_else(|| w.strip_prefix('$'));
    match name.and_then(|n| vars.get(n)) {
        Some(v) => v.clone(),
        None => w.to_string(),
    }
}

/// The program and arguments of one shell command, wrappers and assignments removed.
pub fn command_words(cmd: &str, vars: &BTreeMap<String, String>) -> Vec<String> {
    let words: Vec<String> = shell_words(cmd).iter().map(|w| substitute(w, vars)).collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        if WRAPPERS.contains(&w) || is_assignment(w).is_some() {
            i += 1;
            continue;
        }
        break;
    }
    let rest = &words[i.min(words.len())..];
    let Some(first) = rest.first() else { return vec![] };
    match basename(first) {
        "start-stop-daemon" => {
            let mut prog = None;
            let mut args = Vec::new();
            let mut it = rest.iter().skip(1);
            while let Some(w) = it.next() {
                match w.as_str() {
                    "-x" | "--exec" | "-a" | "--startas" => prog = it.next().cloned().or(prog),
                    "--" => {
                        args = it.cloned().collect();
                        break;
                    }
                    _ => {}
                }
            }
            prog.map(|p| std::iter::once(p).chain(args).collect()).unwrap_or_default()
        }
        "procd_set_param" | "procd_append_param" if rest.get(1).map(String::as_str) == Some("command") => {
            rest[2..].to_vec()
        }
        "tcpsvd" | "udpsvd" => {
            // tcpsvd [-opts [arg]] IP PORT PROG ARGS
            let mut j = 1;
            while j < rest.len() && rest[j].starts_with('-') {
                j += if matches!(rest[j].as_str(), "-c" | "-C" | "-b" | "-u" | "-l" | "-t") { 2 } else { 1 };
            }
            rest.get(j + 2..).map(<[String]>::to_vec).unwrap_or_default()
        }
        _ => rest.to_vec(),
    }
}

fn script_launches(layer: &str, path: &str, text: &str, out: &mut Vec<Launch>) {
    let mut vars = BTreeMap::new();
    for (ln, line) in active_lines(text) {
        for cmd in split_commands(line) {
            let ws = shell_words(cmd);
            if ws.len() == 1 {
                if let Some((k, v)) = is_assignment(&ws[0]) {
                    vars.insert(k.to_string(), v.to_string());
                    continue;
                }
            }
            let words = command_words(cmd, &vars);
            if !words.is_empty() {
                out.push(Launch { layer: layer.into(), path: path.into(), line: ln, words, via: Via::Script });
            }
        }
    }
}

fn inittab(layer: &str, tree: &Tree, scripts: &mut BTreeSet<String>, out: &mut Vec<Launch>) {
    let Some(text) = read_text(tree, "/etc/inittab") else { return };
    for (ln, line) in active_lines(&text) {
        let f: Vec<&str> = line.splitn(4, ':').collect();
        if f.len() < 4 {
            continue;
        }
        let action = f[2].trim();
        if matches!(action, "ctrlaltdel" | "shutdown" | "restart" | "initdefault" | "powerfail" | "powerwait" | "off") {
            continue;
        }
        let words = command_words(f[3], &BTreeMap::new());
        if let Some(first) = words.first() {
            let p = first.trim_start_matches('-');
            if p.starts_with('/') && tree.resolve(p).is_some() && !is_shell(basename(p)) {
                scripts.insert(p.to_string());
            }
        }
        if !words.is_empty() {
            out.push(Launch {
                layer: layer.into(),
                path: "/etc/inittab".into(),
                line: ln,
                words,
                via: Via::Inittab { tty: f[0].trim().to_string(), action: action.to_string() },
            });
        }
    }
}

/// True for a shell program name (`sh`, `-sh`, `ash`, `bash` …).
pub fn is_shell(name: &str) -> bool {
    matches!(basename(name.trim_start_matches('-')), "sh" | "ash" | "bash" | "dash" | "hush" | "zsh" | "ksh" | "mksh")
}

fn inetd(layer: &str, tree: &Tree, out: &mut Vec<Launch>) {
    let Some(text) = read_text(tree, "/etc/inetd.conf") else { return };
    for (ln, line) in active_lines(&text) {
        let w = shell_words(line);
        if w.len() < 6 || w[5] == "internal" {
            continue;
        }
        // the server program; its argv follows (argv[0] repeats the name)
        let mut words = vec![w[5].clone()];
        words.extend(w.iter().skip(7).cloned());
        out.push(Launch {
            layer: layer.into(),
            path: "/etc/inetd.conf".into(),
            line: ln,
            words,
            via: Via::Inetd(w[0].clone()),
        });
    }
}

fn xinetd(layer: &str, tree: &Tree, out: &mut Vec<Launch>) {
    let mut files: Vec<String> = tree.children("/etc/xinetd.d").map(|(p, _)| p.to_string()).collect();
    files.push("/etc/xinetd.conf".into());
    for path in files {
        let Some(text) = read_text(tree, &path) else { continue };
        let mut cur: Option<(String, usize, bool, Vec<String>)> = None;
        for (ln, line) in active_lines(&text) {
            if let Some(name) = line.strip_prefix("service ") {
                cur = Some((name.trim().to_string(), ln, false, vec![]));
            } else if line.starts_with('}') {
                if let Some((name, l, disabled, words)) = cur.take() {
                    if !disabled && !words.is_empty() {
                        out.push(Launch {
                            layer: layer.into(),
                            path: path.clone(),
                            line: l,
                            words,
                            via: Via::Xinetd(name),
                        });
                    }
                }
            } else if let (Some(c), Some((k, v))) = (cur.as_mut(), line.split_once('=')) {
                let (k, v) = (k.trim(), v.trim());
                match k {
                    "disable" => c.2 = v.eq_ignore_ascii_case("yes"),
                    "server" => c.3.insert(0, v.to_string()),
                    "server_args" if !c.3.is_empty() => c.3.extend(shell_words(v)),
                    _ => {}
                }
            }
        }
    }
}

fn systemd(layer: &str, tree: &Tree, out: &mut Vec<Launch>) {
    let mut units = BTreeSet::new();
    for (p, _) in tree.iter() {
        let parent = fwassure_model::vfs::parent_of(p);
        if parent.ends_with(".wants") && parent.contains("/systemd/") {
            if let Some((real, _)) = tree.resolve(p) {
                units.insert(real);
            } else {
                // a link to a unit by name: look it up in the unit directories
                let name = basename(p).to_string();
                for d in ["/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"] {
                    if let Some((real, _)) = tree.resolve(&format!("{d}/{name}")) {
                        units.insert(real);
                        break;
                    }
                }
            }
        }
    }
    for u in units {
        let Some(text) = read_text(tree, &u) else { continue };
        for (ln, line) in active_lines(&text) {
            if let Some(v) = line.strip_prefix("ExecStart=").or_else(|| line.strip_prefix("ExecStartPre=")) {
                let v = v.trim_start_matches(['-', '@', '+', '!', ':']);
                let words = command_words(v, &BTreeMap::new());
                if !words.is_empty() {
                    out.push(Launch { layer: layer.into(), path: u.clone(), line: ln, words, via: Via::Systemd });
                }
            }
        }
    }
}

/// Startup scripts that run at boot in this tree.
pub fn enabled_scripts(tree: &Tree) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    for p in ["/etc/init.d/rcS", "/etc/rc.local", "/etc/rc.d/rc.local", "/etc/init.d/rc.local", "/etc/rc.sysinit"] {
        if let Some((real, _)) = tree.resolve(p) {
            s.insert(real);
        }
    }
    for (p, n) in tree.iter() {
        let parent = fwassure_model::vfs::parent_of(p);
        let name = basename(p);
        let rc_dir = parent == "/etc/rc.d"
            || (parent.starts_with("/etc/rc") && parent.ends_with(".d") && parent.len() == "/etc/rcX.d".len())
            || parent == "/etc/init.d";
        let starts = name.len() > 3 && name.starts_with('S') && name.as_bytes()[1].is_ascii_digit();
        if rc_dir && starts {
            if matches!(n.kind, NodeKind::File(_)) {
                s.insert(p.to_string());
            } else if let Some((real, _)) = tree.resolve(p) {
                s.insert(real);
            }
        }
    }
    s
}

/// Every command started by one filesystem layer.
pub fn layer_launches(layer: &Layer) -> Vec<Launch> {
    let Some(tree) = layer.tree.as_ref() else { return vec![] };
    let mut out = Vec::new();
    let mut scripts = enabled_scripts(tree);
    inittab(&layer.id, tree, &mut scripts, &mut out);
    for s in &scripts {
        if let Some(text) = read_text(tree, s) {
            script_launches(&layer.id, s, &text, &mut out);
        }
    }
    inetd(&layer.id, tree, &mut out);
    xinetd(&layer.id, tree, &mut out);
    systemd(&layer.id, tree, &mut out);
    out
}

/// Every command started by every filesystem layer of the image.
pub fn launches(vfs: &Vfs) -> Vec<Launch> {
    vfs.filesystems().flat_map(layer_launches).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwassure_model::Node;

    #[test]
    fn chain_is_followed() {
        let mut t = Tree::new();
        t.insert("etc/inittab", Node::file(&b"::sysinit:/etc/init.d/rcS\n#ttyS0::respawn:/bin/sh\nttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100\n"[..])).unwrap();
        t.insert("etc/init.d/rcS", Node::file(&b"#!/bin/sh\nfor i in /etc/init.d/S??*; do $i start; done\n"[..]))
            .unwrap();
        t.insert(
            "etc/init.d/S50x",
            Node::file(&b"DAEMON=/usr/sbin/telnetd\nif [ -x $DAEMON ]; then $DAEMON -l /bin/login; fi\n"[..]),
        )
        .unwrap();
        t.insert("etc/init.d/ftp", Node::file(&b"tcpsvd -vE 0.0.0.0 21 ftpd -w /srv\n"[..])).unwrap();
        t.insert("etc/init.d/ssd", Node::file(&b"start-stop-daemon -S -x /usr/sbin/adbd -- -v\n"[..])).unwrap();
        t.insert("etc/rc.d/S10ssd", Node::symlink("../init.d/ssd")).unwrap();
        t.insert("etc/inetd.conf", Node::file(&b"#telnet stream tcp nowait root /usr/sbin/telnetd telnetd\nftp stream tcp nowait root /usr/sbin/ftpd ftpd -w /\n"[..])).unwrap();
        let l = layer_launches(&Vfs::from_tree("squashfs", t).layers[0]);
        let progs: Vec<(String, String)> = l.iter().map(|l| (l.path.clone(), l.program().to_string())).collect();
        assert!(progs.contains(&("/etc/init.d/S50x".into(), "telnetd".into())), "{progs:?}");
        assert!(progs.contains(&("/etc/init.d/ssd".into(), "adbd".into())));
        assert!(progs.contains(&("/etc/inetd.conf".into(), "ftpd".into())));
        assert!(!progs.iter().any(|(p, n)| p == "/etc/init.d/ftp" || (p == "/etc/inetd.conf" && n == "telnetd")));
        assert!(!progs.iter().any(|(_, n)| n == "sh"));
        let t = l.iter().find(|l| l.program() == "telnetd").unwrap();
        assert_eq!(t.option("-l"), Some("/bin/login"));
    }
}
