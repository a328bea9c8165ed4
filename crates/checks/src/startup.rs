//! The startup chain: what an image starts at boot, found by a bounded walk of the graph of what runs what.
//!
//! Entry points: busybox/sysv `inittab` (or, without one, busybox init's built-in table: `::sysinit:/etc/init.d/rcS`
//! and a login shell `-/bin/sh` on the console), systemd units enabled through `*.wants/` links, and the startup
//! scripts enabled by their links (`rc?.d`/`rc.d` `S*`, `rc.local`) that the walk did not reach otherwise. From each,
//! the walk follows what is executed ([`crate::shell`] reads the scripts): scripts called by path or through
//! `sh script`, `sh -c`, `exec`, files sourced with `.`/`source`, shell functions, `for i in /etc/init.d/S??*`
//! loops (globs expanded against the tree, sorted), `case "$1"` branches of the action a script is run with,
//! OpenWrt `/etc/rc.common` scripts' `start`/`boot`/`start_service`, `/etc/profile` of a login shell on a console,
//! the command strings of a vendor `rc` binary that is started, and the shell text a PHP template run by a
//! template engine (`rgdb -A webs_run.php`, `xmldbc -P …`) writes. `inetd.conf` and `xinetd` services count only
//! when something starts inetd or xinetd; crontabs only when something starts crond. Variables are expanded
//! from assignments in the same or sourced files and from `$(cat FILE)` of a file in the image (its first line).
//!
//! Every [`Launch`] carries its chain (`/etc/inittab:3 … → /etc/init.d/rcS:12 … → …`), whether a condition guards
//! it (an `if`/`case` branch, `&&`/`||`, a string of a binary), and the words it could not resolve. Bounded: depth
//! [`MAX_DEPTH`], each script walked once, [`MAX_STEPS`] tokens per layer, scripts up to [`MAX_SCRIPT`] bytes;
//! what the walk cannot follow is recorded in [`Walk::unresolved`], not guessed. A script without an enabling
//! link, and commented-out lines, start nothing.

use crate::shell::{assignment, pattern_matches, substitutions, Env, Script, Tok};
use crate::text::{active_lines, basename, is_elf, read_text, shell_words, strings};
use fwassure_model::{Layer, Node, NodeKind, Tree, Vfs};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Deepest chain followed (files run, sourced or functions called one inside the other).
pub const MAX_DEPTH: usize = 16;
/// Most script tokens the walk visits in one layer.
pub const MAX_STEPS: usize = 200_000;
/// Largest script read.
pub const MAX_SCRIPT: u64 = 1 << 20;
/// Largest vendor rc binary whose strings are read.
pub const MAX_RC_BINARY: u64 = 16 << 20;
/// Most values a `for` loop is walked with.
pub const MAX_LOOP: usize = 512;
/// Most launches kept per layer.
pub const MAX_LAUNCHES: usize = 50_000;
/// Longest text of a chain step.
const STEP_TEXT: usize = 160;

/// How a command is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// An `inittab` entry (or busybox init's built-in one): its id/tty field and action.
    Inittab {
        /// The id field (busybox: the tty, empty for the console).
        tty: String,
        /// The action (`respawn`, `askfirst`, `sysinit` …).
        action: String,
    },
    /// A command of a script the walk reached (sysv, busybox rcS, OpenWrt procd, a called or sourced script).
    Script,
    /// An `inetd.conf` entry for a service name (inetd itself is started).
    Inetd(String),
    /// An enabled `xinetd` service (xinetd itself is started).
    Xinetd(String),
    /// `ExecStart` of an enabled systemd unit.
    Systemd,
    /// A command string embedded in a vendor `rc` binary that is started.
    RcBinary,
    /// A crontab entry (crond is started).
    Cron,
}

impl Via {
    /// A short name for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Via::Inittab { .. } => "inittab",
            Via::Script => "startup script",
            Via::Inetd(_) => "inetd",
            Via::Xinetd(_) => "xinetd",
            Via::Systemd => "systemd unit",
            Via::RcBinary => "rc binary",
            Via::Cron => "crontab",
        }
    }
}

/// One command the image starts.
#[derive(Debug, Clone)]
pub struct Launch {
    /// Layer id.
    pub layer: String,
    /// File holding the command line (the rc binary for a string of one).
    pub path: String,
    /// 1-based line (0 for a string of a binary or busybox init's built-in table).
    pub line: usize,
    /// Program and arguments (program first, wrappers removed, known variables expanded).
    pub words: Vec<String>,
    /// How it is started.
    pub via: Via,
    /// The chain that starts it, outermost first, as `path:line text` steps; the last step is this command.
    pub chain: Vec<String>,
    /// True when a condition guards it somewhere on its chain (`if`, `case` on an unknown word, `&&`, `||`,
    /// a string of a binary): it runs in some states of the device.
    pub conditional: bool,
    /// The terminal of the `inittab` entry the chain starts from (empty: the console), when it starts there.
    pub console: Option<String>,
    /// Where expanded values came from (`image_sign: first line of /etc/config/image_sign`).
    pub values: Vec<String>,
}

impl Launch {
    /// Program name (basename of the first word).
    pub fn program(&self) -> &str {
        self.words.first().map(|w| basename(w.trim_start_matches('-'))).unwrap_or("")
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
    /// True when a flag word is present.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.words.iter().skip(1).any(|w| w == flag)
    }
    /// Where the command line is (`path:line`, or the path alone for a string of a binary).
    pub fn evidence_at(&self) -> String {
        if self.line > 0 {
            format!("{}:{}", self.path, self.line)
        } else {
            self.path.clone()
        }
    }
    /// The command line as the evidence shows it (`path:line: words`).
    pub fn evidence(&self) -> String {
        format!("{}: {}", self.evidence_at(), self.words.join(" "))
    }
    /// True when a word still holds a value the walk could not know (`$VAR`, `$(command)`).
    pub fn unresolved(&self) -> bool {
        self.words.iter().any(|w| w.contains('$'))
    }
}

/// Something the walk could not follow: a path or program held in an unknown variable, a cycle, a bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The chain up to the step that could not be followed.
    pub chain: Vec<String>,
    /// What could not be followed, and why.
    pub what: String,
}

/// What one layer starts.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Every command started, in walk order.
    pub launches: Vec<Launch>,
    /// What the walk could not follow.
    pub unresolved: Vec<Unresolved>,
}

/// Words that precede the real program on a command line.
const WRAPPERS: &[&str] = &[
    "exec", "nohup", "setsid", "busybox", "command", "nice", "then", "else", "do", "if", "!", "{", "(", "time",
    "ionice", "chrt", "taskset", "sudo", "su-exec", "env",
];

fn is_assignment(w: &str) -> Option<(&str, &str)> {
    let (k, v) = w.split_once('=')?;
    (!k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') && !k.as_bytes()[0].is_ascii_digit())
        .then_some((k, v))
}

/// Shell builtins and commands that start nothing worth following.
const BUILTINS: &[&str] = &[
    "[", "[[", "test", "echo", ":", "true", "false", "exit", "return", "shift", "set", "unset", "cd", "read", "eval",
    "trap", "wait", "ulimit", "umask", "printf", "break", "continue", "export", "local", "readonly", "sleep", "usleep",
];

/// Directories searched for a program named without a path.
pub(crate) const PATH: &[&str] = &["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

/// The program and arguments of one command's words, wrappers and assignments removed.
fn strip_wrappers(words: Vec<String>) -> Vec<String> {
    let i = words.iter().take_while(|w| WRAPPERS.contains(&w.as_str()) || is_assignment(w).is_some()).count();
    let rest = &words[i..];
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

/// The program and arguments of one shell command, wrappers and assignments removed, `$VAR`s of `vars`
/// expanded.
pub fn command_words(cmd: &str, vars: &BTreeMap<String, String>) -> Vec<String> {
    let env = Env { vars: vars.clone(), args: vec![] };
    strip_wrappers(shell_words(cmd).iter().map(|w| env.expand(w)).collect())
}

/// True for a shell program name (`sh`, `-sh`, `ash`, `bash` …).
pub fn is_shell(name: &str) -> bool {
    matches!(basename(name.trim_start_matches('-')), "sh" | "ash" | "bash" | "dash" | "hush" | "zsh" | "ksh" | "mksh")
}

/// Where a command is reached from.
#[derive(Debug, Clone)]
struct Reach {
    chain: Vec<String>,
    console: Option<String>,
    cond: bool,
    depth: usize,
    via: Via,
}

impl Reach {
    fn root(via: Via, console: Option<String>) -> Reach {
        Reach { chain: vec![], console, cond: false, depth: 0, via }
    }
    fn guarded(&self) -> Reach {
        Reach { cond: true, ..self.clone() }
    }
    /// One step further down: a file or function the command at the end of `chain` runs.
    fn into(&self, chain: Vec<String>) -> Reach {
        Reach { chain, console: self.console.clone(), cond: self.cond, depth: self.depth + 1, via: Via::Script }
    }
}

/// A shell's state while it reads a script: values and functions.
#[derive(Debug, Clone, Default)]
struct Frame {
    env: Env,
    /// Where a variable's value came from, when it is a file of the image.
    origins: BTreeMap<String, String>,
    /// Functions: script, its path, index of the body's `{`.
    funcs: BTreeMap<String, (Rc<Script>, String, usize)>,
    /// Variables marked with `export`: a script this shell runs sees them.
    exported: BTreeSet<String>,
}

impl Frame {
    /// What a program this shell runs inherits: the exported variables and where their values came from.
    fn inherited(&self) -> Frame {
        let vars = self.env.vars.iter().filter(|(k, _)| self.exported.contains(*k));
        let origins = self.origins.iter().filter(|(k, _)| self.exported.contains(*k));
        Frame {
            env: Env { vars: vars.map(|(k, v)| (k.clone(), v.clone())).collect(), args: vec![] },
            origins: origins.map(|(k, v)| (k.clone(), v.clone())).collect(),
            funcs: BTreeMap::new(),
            exported: self.exported.clone(),
        }
    }
}

fn step(path: &str, line: usize, text: &str) -> String {
    let mut t: String = text.trim().chars().take(STEP_TEXT).collect();
    if text.trim().chars().count() > STEP_TEXT {
        t.push('…');
    }
    if line > 0 {
        format!("{path}:{line} {t}")
    } else {
        format!("{path} {t}")
    }
}

/// A value that can stand for a word without changing how the line splits.
fn plain_value(v: &str) -> bool {
    !v.is_empty() && v.len() <= 256 && v.bytes().all(|c| c.is_ascii_graphic() && !b"'\"`$\\;&|<>()".contains(&c))
}

struct Walker<'t> {
    layer: &'t str,
    tree: &'t Tree,
    walk: Walk,
    executed: BTreeSet<String>,
    sourcing: Vec<String>,
    steps: usize,
    cache: BTreeMap<String, Option<Rc<Script>>>,
}

impl<'t> Walker<'t> {
    fn new(layer: &'t str, tree: &'t Tree) -> Self {
        Walker {
            layer,
            tree,
            walk: Walk::default(),
            executed: BTreeSet::new(),
            sourcing: vec![],
            steps: 0,
            cache: BTreeMap::new(),
        }
    }

    fn unresolved(&mut self, chain: &[String], what: String) {
        if self.walk.unresolved.len() < MAX_LAUNCHES {
            self.walk.unresolved.push(Unresolved { chain: chain.to_vec(), what });
        }
    }

    /// A program named by a command: the real path of the file it runs.
    fn resolve_prog(&self, prog: &str) -> Option<(String, &'t Node)> {
        let prog = prog.trim_start_matches('-');
        if prog.is_empty() || prog.contains('$') {
            return None;
        }
        if prog.starts_with('/') {
            return self.tree.resolve(prog);
        }
        if prog.contains('/') {
            return None;
        }
        PATH.iter().find_map(|d| self.tree.resolve(&format!("{d}/{prog}")))
    }

    /// A script's tokens (None: not a shell script, too big, or not text).
    fn script(&mut self, real: &str, node: &Node) -> Option<Rc<Script>> {
        if let Some(s) = self.cache.get(real) {
            return s.clone();
        }
        let s = match &node.kind {
            NodeKind::File(d) if d.len() <= MAX_SCRIPT => read_text(self.tree, real).map(|t| Script::parse(&t)),
            _ => None,
        }
        .filter(|s| s.interpreter.as_deref().is_none_or(|i| is_shell(i) || basename(i) == "rc.common"))
        .map(Rc::new);
        self.cache.insert(real.to_string(), s.clone());
        s
    }

    /// `$(cat FILE)` and `` `cat FILE` `` of a file in the image become its first line; other command
    /// substitutions stay unknown (`$(…)`, one word).
    fn substitute(&self, cmd: &str, env: &Env, notes: &mut Vec<String>) -> String {
        let subs = substitutions(cmd);
        if subs.is_empty() {
            return cmd.to_string();
        }
        let mut out = String::new();
        let mut last = 0;
        for (a, b, inner) in subs {
            if a < last {
                continue;
            }
            out.push_str(&cmd[last..a]);
            let w = shell_words(inner);
            let value = match w.as_slice() {
                [c, f] if c == "cat" => {
                    let f = env.expand(f);
                    let line = self
                        .tree
                        .read(&f)
                        .filter(|d| d.len() <= 64 << 10)
                        .and_then(|d| String::from_utf8_lossy(&d).lines().next().map(|l| l.trim().to_string()));
                    match line {
                        Some(v) if plain_value(&v) => {
                            notes.push(format!("first line of {f}"));
                            Some(v)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            out.push_str(value.as_deref().unwrap_or("$(…)"));
            last = b;
        }
        out.push_str(&cmd[last..]);
        out
    }

    /// Walk tokens `lo..hi` of a script.
    fn exec(&mut self, script: &Rc<Script>, path: &str, lo: usize, hi: usize, frame: &mut Frame, reach: &Reach) {
        let hi = hi.min(script.toks.len());
        let mut i = lo;
        while i < hi {
            if self.steps >= MAX_STEPS {
                if self.steps == MAX_STEPS {
                    self.steps += 1;
                    self.unresolved(&reach.chain, format!("walk stopped at {MAX_STEPS} steps in {path}"));
                }
                return;
            }
            self.steps += 1;
            let t = &script.toks[i];
            let end = script.end.get(i).copied().unwrap_or(hi).min(hi);
            match &t.tok {
                Tok::Cond => {
                    self.exec(script, path, i + 1, end, frame, &reach.guarded());
                    i = end;
                }
                Tok::Brace => {
                    self.exec(script, path, i + 1, end, frame, reach);
                    i = end;
                }
                Tok::For(var, list) => {
                    let values = self.loop_values(list, &frame.env);
                    match values {
                        Some(vs) => {
                            for v in vs.into_iter().take(MAX_LOOP) {
                                frame.env.vars.insert(var.clone(), v);
                                self.exec(script, path, i + 1, end, frame, reach);
                            }
                        }
                        None => {
                            frame.env.vars.remove(var);
                            self.exec(script, path, i + 1, end, frame, &reach.guarded());
                        }
                    }
                    i = end;
                }
                Tok::Case(word) => {
                    let w = frame.env.expand(&shell_words(word).join(" "));
                    let known = !w.contains('$');
                    let mut branches = Vec::new();
                    let mut j = i + 1;
                    let mut cur: Option<(Vec<String>, usize)> = None;
                    while j < end {
                        match &script.toks[j].tok {
                            Tok::Pattern(p) => {
                                if let Some((p, s)) = cur.take() {
                                    branches.push((p, s, j));
                                }
                                cur = Some((p.clone(), j + 1));
                            }
                            Tok::BranchEnd => {
                                if let Some((p, s)) = cur.take() {
                                    branches.push((p, s, j));
                                }
                            }
                            Tok::Cond | Tok::For(..) | Tok::Case(_) | Tok::Brace => {
                                j = script.end[j].min(end);
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    if let Some((p, s)) = cur.take() {
                        branches.push((p, s, end));
                    }
                    for (pats, s, e) in branches {
                        if !known {
                            self.exec(script, path, s, e, frame, &reach.guarded());
                        } else if pats.iter().any(|p| pattern_matches(p, &w)) {
                            self.exec(script, path, s, e, frame, reach);
                            break;
                        }
                    }
                    i = end;
                }
                Tok::Func(name) => {
                    if matches!(script.toks.get(i + 1).map(|t| &t.tok), Some(Tok::Brace)) {
                        frame.funcs.insert(name.clone(), (script.clone(), path.to_string(), i + 1));
                        i = script.end[i + 1].min(hi);
                    }
                }
                Tok::Cmd(text) => {
                    let r = if t.guarded { reach.guarded() } else { reach.clone() };
                    self.command(path, t.line, &t.text, text, frame, &r);
                }
                Tok::Close | Tok::Pattern(_) | Tok::BranchEnd => {}
            }
            i += 1;
        }
    }

    /// The values of a `for` list, globs expanded against the tree (None: a value the walk cannot know).
    fn loop_values(&self, list: &str, env: &Env) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for w in shell_words(list) {
            let w = env.expand(&w);
            if w.contains('$') {
                return None;
            }
            for w in w.split_whitespace() {
                if !w.contains(['*', '?', '[']) {
                    out.push(w.to_string());
                    continue;
                }
                let (dir, pat) = match w.rsplit_once('/') {
                    Some(("", p)) => ("/", p),
                    Some((d, p)) if d.starts_with('/') && !d.contains(['*', '?', '[']) => (d, p),
                    _ => return None,
                };
                let mut found: Vec<String> = self
                    .tree
                    .children(dir)
                    .filter(|(p, _)| pattern_matches(pat, basename(p)) && !basename(p).starts_with('.'))
                    .map(|(p, _)| p.to_string())
                    .collect();
                found.sort();
                if found.is_empty() {
                    out.push(w.to_string());
                }
                out.extend(found);
            }
        }
        Some(out)
    }

    fn push(&mut self, l: Launch) {
        if self.walk.launches.len() < MAX_LAUNCHES {
            self.walk.launches.push(l);
        }
    }

    /// One simple command.
    fn command(&mut self, path: &str, line: usize, line_text: &str, cmd: &str, frame: &mut Frame, reach: &Reach) {
        let mut notes = Vec::new();
        let cmd2 = self.substitute(cmd, &frame.env, &mut notes);
        let raw = shell_words(&cmd2);
        let Some(first) = raw.first() else { return };
        let decl = usize::from(matches!(first.as_str(), "export" | "local" | "readonly" | "declare" | "typeset"));
        if decl == 1 && first == "export" {
            for w in &raw[1..] {
                let k = assignment(w).map_or(w.as_str(), |(k, _)| k);
                frame.exported.insert(k.to_string());
            }
        }
        if raw.len() > decl && raw[decl..].iter().all(|w| assignment(w).is_some()) {
            for w in &raw[decl..] {
                if let Some((k, v)) = assignment(w) {
                    let mut origin: Vec<String> = notes.clone();
                    origin.extend(frame.origins.iter().filter(|(o, _)| mentions(v, o)).map(|(_, n)| n.clone()));
                    let value = frame.env.expand(v);
                    frame.env.vars.insert(k.to_string(), value);
                    if origin.is_empty() {
                        frame.origins.remove(k);
                    } else {
                        frame.origins.insert(k.to_string(), format!("{k}: {}", origin.join(", ")));
                    }
                }
            }
            return;
        }
        if decl == 1 {
            return;
        }
        for (k, n) in &frame.origins {
            if mentions(&cmd2, k) && !notes.contains(n) {
                notes.push(n.clone());
            }
        }
        let words = strip_wrappers(raw.iter().map(|w| frame.env.expand(w)).collect());
        let Some(prog) = words.first().cloned() else { return };
        let mut chain = reach.chain.clone();
        chain.push(step(path, line, line_text));
        if prog == "." || prog == "source" {
            if let Some(p) = words.get(1) {
                self.source(p, frame, reach.into(chain));
            }
            return;
        }
        if BUILTINS.contains(&prog.as_str()) {
            return;
        }
        if let Some((s, spath, at)) = frame.funcs.get(&prog).cloned() {
            if reach.depth >= MAX_DEPTH {
                self.unresolved(&chain, format!("chain cut at depth {MAX_DEPTH} (function {prog})"));
                return;
            }
            let saved = std::mem::replace(&mut frame.env.args, words[1..].to_vec());
            let end = s.end.get(at).copied().unwrap_or(s.toks.len());
            self.exec(&s, &spath, at + 1, end, frame, &reach.into(chain));
            frame.env.args = saved;
            return;
        }
        self.push(Launch {
            layer: self.layer.to_string(),
            path: path.to_string(),
            line,
            words: words.clone(),
            via: reach.via.clone(),
            chain: chain.clone(),
            conditional: reach.cond,
            console: reach.console.clone(),
            values: notes,
        });
        let next = reach.into(chain);
        if is_shell(&prog) {
            let mut it = words.iter().skip(1);
            let mut login = prog.starts_with('-');
            while let Some(w) = it.next() {
                match w.as_str() {
                    "-c" => {
                        if let Some(c) = it.next() {
                            let mut f = frame.inherited();
                            self.command(path, line, line_text, c, &mut f, &next);
                        }
                        return;
                    }
                    "-l" | "--login" => login = true,
                    w if w.starts_with('-') => {}
                    script => {
                        let args: Vec<String> = it.cloned().collect();
                        self.run(script, args, &next, frame.inherited());
                        return;
                    }
                }
            }
            // an interactive shell: a login shell on a console reads /etc/profile
            if login && reach.console.is_some() {
                self.run_file("/etc/profile", vec![], &next, true, Frame::default());
            }
            return;
        }
        if prog.contains('$') {
            self.unresolved(&next.chain, format!("program {prog} is not known"));
            return;
        }
        // a template engine (`rgdb -A x.php`): the shell commands the template writes are what runs next
        if TEMPLATE_ENGINES.contains(&basename(&prog)) {
            for t in words[1..].iter().filter(|w| w.ends_with(".php")) {
                self.template(t, &next);
            }
            return;
        }
        self.run(&prog, words[1..].to_vec(), &next, frame.inherited());
    }

    /// Walk the shell text a PHP template emits (its `echo` and `fwrite` strings, under a condition: the
    /// template's own logic is not evaluated), each command at its template line.
    fn template(&mut self, p: &str, reach: &Reach) {
        let Some((real, node)) = self.resolve_sourced(p) else {
            self.unresolved(&reach.chain, format!("template {p} is not known"));
            return;
        };
        let key = format!("template:{real}");
        if self.executed.contains(&key) || reach.depth > MAX_DEPTH {
            return;
        }
        self.executed.insert(key);
        let text = match &node.kind {
            NodeKind::File(d) if d.len() <= MAX_SCRIPT => read_text(self.tree, &real),
            _ => None,
        };
        let Some(text) = text else { return };
        let (generated, lines) = php_emitted(&text);
        if generated.trim().is_empty() {
            return;
        }
        let mut script = Script::parse(&generated);
        script.interpreter = None;
        for t in &mut script.toks {
            t.line = lines.get(t.line.saturating_sub(1)).copied().unwrap_or(0);
        }
        let script = Rc::new(script);
        let mut frame = Frame::default();
        self.exec(&script, &real, 0, script.toks.len(), &mut frame, &reach.guarded());
    }

    /// Source a file into the current shell.
    fn source(&mut self, p: &str, frame: &mut Frame, reach: Reach) {
        let Some((real, node)) = self.resolve_sourced(p) else {
            if p.contains('$') {
                self.unresolved(&reach.chain, format!("sourced file {p} is not known"));
            }
            return;
        };
        if self.sourcing.contains(&real) {
            self.unresolved(&reach.chain, format!("{real} sources itself (cycle)"));
            return;
        }
        if reach.depth > MAX_DEPTH {
            self.unresolved(&reach.chain, format!("chain cut at depth {MAX_DEPTH} ({real})"));
            return;
        }
        let Some(s) = self.script(&real, node) else { return };
        self.sourcing.push(real.clone());
        self.exec(&s, &real, 0, s.toks.len(), frame, &reach);
        self.sourcing.pop();
    }

    fn resolve_sourced(&self, p: &str) -> Option<(String, &'t Node)> {
        if p.contains('$') {
            return None;
        }
        if p.starts_with('/') {
            self.tree.resolve(p)
        } else {
            self.resolve_prog(p)
        }
    }

    /// Run a program: walk it when it is a shell script, read its strings when it is a vendor rc binary.
    fn run(&mut self, prog: &str, args: Vec<String>, reach: &Reach, inherited: Frame) {
        if prog.contains('$') {
            self.unresolved(&reach.chain, format!("script {prog} is not known"));
            return;
        }
        self.run_file(prog, args, reach, false, inherited);
    }

    fn run_file(&mut self, prog: &str, args: Vec<String>, reach: &Reach, login_profile: bool, inherited: Frame) {
        let Some((real, node)) = self.resolve_prog(prog) else { return };
        if !matches!(node.kind, NodeKind::File(_)) || self.executed.contains(&real) {
            return;
        }
        if reach.depth > MAX_DEPTH {
            self.unresolved(&reach.chain, format!("chain cut at depth {MAX_DEPTH} ({real})"));
            return;
        }
        let NodeKind::File(data) = &node.kind else { return };
        if basename(&real) == "rc" && data.head(4).is_ok_and(|h| is_elf(&h)) {
            self.executed.insert(real.clone());
            self.rc_binary(&real, node, reach);
            return;
        }
        let Some(s) = self.script(&real, node) else { return };
        self.executed.insert(real.clone());
        let mut frame = inherited;
        frame.env.args = args.clone();
        self.sourcing.push(real.clone());
        self.exec(&s, &real, 0, s.toks.len(), &mut frame, reach);
        // an OpenWrt init script: /etc/rc.common runs the action's function (boot → start → start_service)
        if s.interpreter.as_deref().is_some_and(|i| basename(i) == "rc.common") && !login_profile {
            let action = args.first().cloned().unwrap_or_else(|| "start".into());
            if matches!(action.as_str(), "boot" | "start" | "restart" | "reload" | "enable") {
                let f = [action.as_str(), "start", "start_service"].into_iter().find(|f| frame.funcs.contains_key(*f));
                if let Some(f) = f {
                    let mut chain = reach.chain.clone();
                    chain.push(format!("{real} {f}() (run by /etc/rc.common {action})"));
                    let (s2, p2, at) = frame.funcs[f].clone();
                    let end = s2.end.get(at).copied().unwrap_or(s2.toks.len());
                    self.exec(&s2, &p2, at + 1, end, &mut frame, &reach.into(chain));
                }
            }
        }
        self.sourcing.pop();
    }

    /// The command strings of a vendor rc binary: a string whose first word is a program of the tree and
    /// that is backgrounded (`httpd &`) or has options (`telnetd -l /bin/sh`).
    fn rc_binary(&mut self, real: &str, node: &Node, reach: &Reach) {
        let NodeKind::File(data) = &node.kind else { return };
        if data.len() > MAX_RC_BINARY {
            return;
        }
        let bytes = data.read_lossy();
        let mut seen = BTreeSet::new();
        for (_, s) in strings(&bytes, 4) {
            let s = s.trim();
            if s.len() > 200 || !seen.insert(s.to_string()) {
                continue;
            }
            let w = shell_words(s);
            let Some(first) = w.first() else { continue };
            let looks_command = s.ends_with('&') || w.get(1).is_some_and(|o| o.starts_with('-') && o.len() > 1);
            if !looks_command
                || first.starts_with('-')
                || !first.bytes().all(|c| c.is_ascii_alphanumeric() || b"_-./".contains(&c))
            {
                continue;
            }
            match self.resolve_prog(first) {
                Some((p, Node { kind: NodeKind::File(_), .. })) if p != real => {}
                _ => continue,
            }
            let mut r = reach.guarded();
            r.via = Via::RcBinary;
            let mut frame = Frame::default();
            self.command(real, 0, &format!("(binary) string '{s}'"), s, &mut frame, &r);
        }
    }
}

/// Programs that run a PHP template and print what it writes (Alpha Networks' `rgdb`, D-Link's `xmldbc`,
/// a PHP interpreter): the startup scripts of many D-Link routers generate their daemons' command lines so.
const TEMPLATE_ENGINES: &[&str] = &["rgdb", "xmldbc", "xmldb", "php", "php-cgi", "phpsh"];

/// The text a PHP template writes: the string literals of its `echo` statements and of the data argument of
/// its `fwrite`/`fwrite2` calls, inside `<? … ?>`, in file order; a value computed at run time becomes
/// `$(…)` (unknown). Returns the text and, per line of it, the template line it comes from.
pub fn php_emitted(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut lines = vec![];
    let mut in_php = false;
    let mut line_start = true;
    for (i, raw) in text.lines().enumerate() {
        let mut l = raw;
        // one line may open or close the PHP part; what lies outside it is copied to the output as is
        loop {
            if !in_php {
                match l.find("<?") {
                    Some(at) => {
                        in_php = true;
                        l = l[at + 2..].strip_prefix("php").unwrap_or(&l[at + 2..]);
                    }
                    None => break,
                }
            }
            let (code, rest) = match l.find("?>") {
                Some(at) => (&l[..at], Some(&l[at + 2..])),
                None => (l, None),
            };
            for piece in php_statement_output(code) {
                for ch in piece.chars() {
                    if line_start {
                        lines.push(i + 1);
                        line_start = false;
                    }
                    out.push(ch);
                    if ch == '\n' {
                        line_start = true;
                    }
                }
            }
            match rest {
                Some(r) => {
                    in_php = false;
                    l = r;
                }
                None => break,
            }
        }
    }
    (out, lines)
}

/// What the `echo` / `fwrite(file, data)` statements of one line of PHP code write.
fn php_statement_output(code: &str) -> Vec<String> {
    let mut out = vec![];
    for stmt in split_outside_quotes(code, ';') {
        let t = stmt.trim_start();
        let expr = if let Some(e) = t.strip_prefix("echo").filter(|e| e.starts_with([' ', '\t', '"', '\''])) {
            e
        } else if let Some(at) = t.find("fwrite") {
            let args = t[at..].split_once('(').map(|(_, a)| a).unwrap_or("");
            // the data argument: after the first comma outside quotes
            match top_level_comma(args) {
                Some(c) => args[c + 1..].trim_end().strip_suffix(')').unwrap_or(&args[c + 1..]),
                None => continue,
            }
        } else {
            continue;
        };
        out.push(php_concat(expr));
    }
    out
}

/// `s` split at each `sep` outside quoted strings and parentheses.
fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut out = vec![];
    let mut from = 0;
    for i in top_level(s, sep) {
        out.push(&s[from..i]);
        from = i + sep.len_utf8();
    }
    out.push(&s[from..]);
    out
}

fn top_level_comma(s: &str) -> Option<usize> {
    top_level(s, ',').first().copied()
}

/// Byte offsets of `sep` outside quoted strings (with backslash escapes) and outside parentheses.
fn top_level(s: &str, sep: char) -> Vec<usize> {
    let (mut q, mut esc, mut depth, mut out) = (None::<char>, false, 0i32, vec![]);
    for (i, c) in s.char_indices() {
        match (q, c) {
            (Some(_), '\\') if !esc => esc = true,
            (Some(open), c) if c == open && !esc => q = None,
            (Some(_), _) => esc = false,
            (None, '"' | '\'') => q = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, c) if c == sep && depth == 0 => out.push(i),
            _ => {}
        }
    }
    out
}

/// A PHP concatenation (`"httpd -s ".query("/x")." -f /var/etc/httpd.cfg\n"`): its literals, each run of
/// code between them as `$(…)`.
fn php_concat(expr: &str) -> String {
    let mut out = String::new();
    let mut chars = expr.trim().chars();
    // inside code (a call, a variable): its parentheses' depth; its own string arguments are code too
    let mut code = false;
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                if code && depth == 0 {
                    out.push_str("$(…)");
                    code = false;
                }
                let literal = !code;
                while let Some(d) = chars.next() {
                    if d == c {
                        break;
                    }
                    let d = if d == '\\' && c == '"' {
                        match chars.next() {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some(e) => e,
                            None => break,
                        }
                    } else {
                        d
                    };
                    if literal {
                        out.push(d);
                    }
                }
            }
            '(' if code => depth += 1,
            ')' if code && depth > 0 => depth -= 1,
            '.' if code && depth == 0 => {
                out.push_str("$(…)");
                code = false;
            }
            '.' | ' ' | '\t' | ')' | '(' if !code => {}
            _ => code = true,
        }
    }
    if code {
        out.push_str("$(…)");
    }
    out
}

/// True when `text` refers to the variable `name` (`$name` or `${name…`).
fn mentions(text: &str, name: &str) -> bool {
    text.match_indices('$').any(|(i, _)| {
        let r = &text[i + 1..];
        let r = r.strip_prefix('{').unwrap_or(r);
        r.starts_with(name) && !r[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// True when the tree's init is busybox (its `/sbin/init` is busybox or holds its banner).
fn busybox_init(tree: &Tree) -> Option<String> {
    for p in ["/sbin/init", "/etc/init", "/bin/init", "/linuxrc"] {
        let Some((real, Node { kind: NodeKind::File(d), .. })) = tree.resolve(p) else { continue };
        if basename(&real).starts_with("busybox") {
            return Some(p.to_string());
        }
        if d.len() <= MAX_RC_BINARY && d.head(4).is_ok_and(|h| is_elf(&h)) {
            let bytes = d.read_lossy();
            if bytes.windows(7).any(|w| w == b"BusyBox") {
                return Some(p.to_string());
            }
        }
        return None;
    }
    None
}

impl Walker<'_> {
    fn inittab(&mut self, text: &str) {
        for (ln, line) in active_lines(text) {
            let f: Vec<&str> = line.splitn(4, ':').collect();
            if f.len() < 4 {
                continue;
            }
            let action = f[2].trim();
            if matches!(
                action,
                "ctrlaltdel" | "shutdown" | "restart" | "initdefault" | "powerfail" | "powerwait" | "off"
            ) {
                continue;
            }
            let tty = f[0].trim().to_string();
            let reach = Reach::root(Via::Inittab { tty: tty.clone(), action: action.to_string() }, Some(tty));
            let mut frame = Frame::default();
            self.command("/etc/inittab", ln, line, f[3], &mut frame, &reach);
        }
    }

    /// busybox init without `/etc/inittab`: its built-in table runs `/etc/init.d/rcS` and a login shell on the
    /// console (`::sysinit:/etc/init.d/rcS`, `::askfirst:-/bin/sh`).
    fn default_inittab(&mut self, init: &str) {
        for (action, cmd) in [("sysinit", "/etc/init.d/rcS"), ("askfirst", "-/bin/sh")] {
            if action == "sysinit" && self.tree.resolve(cmd).is_none() {
                continue;
            }
            let reach = Reach::root(Via::Inittab { tty: String::new(), action: action.into() }, Some(String::new()));
            let text = format!("BusyBox init without /etc/inittab: built-in ::{action}:{cmd}");
            self.command(init, 0, &text, cmd, &mut Frame::default(), &reach);
        }
    }

    fn systemd(&mut self) {
        let tree = self.tree;
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
                    let reach = Reach::root(Via::Systemd, Some(String::new()));
                    self.command(&u, ln, line, v, &mut Frame::default(), &reach);
                }
            }
        }
    }

    /// Enabled startup scripts the walk did not reach from an entry point.
    fn enabled_rest(&mut self) {
        for s in enabled_scripts(self.tree) {
            if self.executed.contains(&s) {
                continue;
            }
            let args = if basename(&s).starts_with('S') { vec!["start".to_string()] } else { vec![] };
            let reach =
                Reach { chain: vec![format!("{s} (enabled startup script)")], ..Reach::root(Via::Script, None) };
            self.run(&s, args, &reach, Frame::default());
        }
    }

    /// The launch that starts a program of one of these names, if any.
    fn started(&self, names: &[&str]) -> Option<Launch> {
        self.walk.launches.iter().find(|l| names.contains(&l.program())).cloned()
    }

    fn inetd(&mut self) {
        let Some(by) = self.started(&["inetd"]) else { return };
        let Some(text) = read_text(self.tree, "/etc/inetd.conf") else { return };
        for (ln, line) in active_lines(&text) {
            let w = shell_words(line);
            if w.len() < 6 || w[5] == "internal" {
                continue;
            }
            // the server program; its argv follows (argv[0] repeats the name)
            let mut words = vec![w[5].clone()];
            words.extend(w.iter().skip(7).cloned());
            let mut chain = by.chain.clone();
            chain.push(step("/etc/inetd.conf", ln, line));
            self.push(Launch {
                layer: self.layer.into(),
                path: "/etc/inetd.conf".into(),
                line: ln,
                words,
                via: Via::Inetd(w[0].clone()),
                chain,
                conditional: by.conditional,
                console: None,
                values: vec![],
            });
        }
    }

    fn xinetd(&mut self) {
        let Some(by) = self.started(&["xinetd"]) else { return };
        let mut files: Vec<String> = self.tree.children("/etc/xinetd.d").map(|(p, _)| p.to_string()).collect();
        files.push("/etc/xinetd.conf".into());
        for path in files {
            let Some(text) = read_text(self.tree, &path) else { continue };
            let mut cur: Option<(String, usize, String, bool, Vec<String>)> = None;
            for (ln, line) in active_lines(&text) {
                if let Some(name) = line.strip_prefix("service ") {
                    cur = Some((name.trim().to_string(), ln, line.to_string(), false, vec![]));
                } else if line.starts_with('}') {
                    if let Some((name, l, text, disabled, words)) = cur.take() {
                        if !disabled && !words.is_empty() {
                            let mut chain = by.chain.clone();
                            chain.push(step(&path, l, &text));
                            self.push(Launch {
                                layer: self.layer.into(),
                                path: path.clone(),
                                line: l,
                                words,
                                via: Via::Xinetd(name),
                                chain,
                                conditional: by.conditional,
                                console: None,
                                values: vec![],
                            });
                        }
                    }
                } else if let (Some(c), Some((k, v))) = (cur.as_mut(), line.split_once('=')) {
                    let (k, v) = (k.trim(), v.trim());
                    match k {
                        "disable" => c.3 = v.eq_ignore_ascii_case("yes"),
                        "server" => c.4.insert(0, v.to_string()),
                        "server_args" if !c.4.is_empty() => c.4.extend(shell_words(v)),
                        _ => {}
                    }
                }
            }
        }
    }

    /// Crontab entries, when crond is started: `MIN HOUR DAY MONTH WEEKDAY [USER] COMMAND` or `@reboot …`.
    fn cron(&mut self) {
        let Some(by) = self.started(&["crond", "cron"]) else { return };
        let mut files: Vec<(String, bool)> = vec![("/etc/crontab".into(), true)];
        files.extend(self.tree.children("/etc/cron.d").map(|(p, _)| (p.to_string(), true)));
        for d in ["/etc/crontabs", "/var/spool/cron/crontabs"] {
            files.extend(self.tree.children(d).map(|(p, _)| (p.to_string(), false)));
        }
        for (path, with_user) in files {
            let Some(text) = read_text(self.tree, &path) else { continue };
            for (ln, line) in active_lines(&text) {
                let w: Vec<&str> = line.split_whitespace().collect();
                if w.first().is_some_and(|f| assignment(f).is_some()) {
                    continue;
                }
                let skip = if w.first().is_some_and(|f| f.starts_with('@')) { 1 } else { 5 } + usize::from(with_user);
                if w.len() <= skip {
                    continue;
                }
                // the command is the rest of the line after the fields
                let mut rest = line;
                for _ in 0..skip {
                    rest = rest.trim_start();
                    rest = rest.find(char::is_whitespace).map(|i| &rest[i..]).unwrap_or("");
                }
                let mut reach = Reach { chain: by.chain.clone(), ..Reach::root(Via::Cron, None) };
                reach.cond = true;
                self.command(&path, ln, line, rest.trim(), &mut Frame::default(), &reach);
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

/// What one filesystem layer starts, with the chain of each command: the walk of the layer's root and of
/// every nested root ([`crate::roots::nested_roots`]: a chroot under `/opt`, a second root folder), whose
/// paths are given as paths of the layer.
pub fn layer_walk(layer: &Layer) -> Walk {
    let Some(tree) = layer.tree.as_ref() else { return Walk::default() };
    let mut walk = tree_walk(&layer.id, tree);
    for root in crate::roots::nested_roots(tree) {
        let sub = crate::roots::subtree(tree, &root);
        let w = tree_walk(&layer.id, &sub);
        let outer = |s: &String| crate::roots::outer_path(&root, s);
        for mut l in w.launches {
            l.path = outer(&l.path);
            l.chain = l.chain.iter().map(outer).collect();
            if walk.launches.len() < MAX_LAUNCHES {
                walk.launches.push(l);
            }
        }
        for mut u in w.unresolved {
            u.chain = u.chain.iter().map(outer).collect();
            if walk.unresolved.len() < MAX_LAUNCHES {
                walk.unresolved.push(u);
            }
        }
    }
    walk
}

/// What one tree starts, from its own `/`.
fn tree_walk(layer: &str, tree: &Tree) -> Walk {
    let mut w = Walker::new(layer, tree);
    if let Some(text) = read_text(tree, "/etc/inittab") {
        w.inittab(&text);
    } else if let Some(init) = busybox_init(tree) {
        w.default_inittab(&init);
    }
    w.systemd();
    w.enabled_rest();
    w.inetd();
    w.xinetd();
    w.cron();
    let mut seen = BTreeSet::new();
    w.walk.launches.retain(|l| seen.insert((l.path.clone(), l.line, l.words.clone())));
    w.walk
}

/// Every command started by one filesystem layer.
pub fn layer_launches(layer: &Layer) -> Vec<Launch> {
    layer_walk(layer).launches
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
    fn commands_a_php_template_writes_are_followed() {
        // D-Link (Alpha Networks) routers: rcS runs webs.sh, which has rgdb run a PHP template whose output
        // is the script that starts the web server
        let php = "#!/bin/sh\necho [$0] ... > /dev/console\n<?\n$pidf=\"/var/run/httpd.pid\";\n\
                   if ($generate_start==1)\n{\n\techo \"echo Starting HTTPD ... > /dev/console\\n\";\n\
                   \tfwrite2($loop, \"httpd -s \".query(\"/runtime/layout/image_sign\").\" -f /var/etc/httpd.cfg\\n\");\n\
                   \techo \"sh \".$loop.\" &\\n\";\n}\nelse\n{\n\techo \"if [ -f \".$pidf.\" ]; then\\n\";\n\
                   \techo \"\tkill `cat \".$pidf.\"`\\n\";\n\techo \"fi\\n\";\n}\n?>\n";
        let mut t = Tree::new();
        for (p, c) in [
            ("/etc/init.d/rcS", "#!/bin/sh\n/etc/templates/webs.sh start\n"),
            (
                "/etc/templates/webs.sh",
                "#!/bin/sh\nTROOT=/etc/templates\ncase \"$1\" in\nstart)\n\trgdb -A $TROOT/httpd/webs_run.php -V generate_start=1 > /var/run/webs_start.sh\n\tsh /var/run/webs_start.sh\n\t;;\nesac\n",
            ),
            ("/etc/templates/httpd/webs_run.php", php),
            ("/sbin/httpd", "ELF"),
            ("/usr/sbin/rgdb", "ELF"),
            ("/bin/busybox", "BusyBox v1.00 ::sysinit:/etc/init.d/rcS askfirst"),
            ("/sbin/init", "->/bin/busybox"),
        ] {
            let node = match c.strip_prefix("->") {
                Some(to) => Node::symlink(to),
                None => Node::file(c.as_bytes().to_vec()),
            };
            t.insert(p, node).unwrap();
        }
        let w = tree_walk("L1", &t);
        let httpd = w.launches.iter().find(|l| l.program() == "httpd").expect("httpd launched");
        assert_eq!(httpd.path, "/etc/templates/httpd/webs_run.php");
        assert_eq!(httpd.line, 8, "the template line that writes the command");
        assert!(httpd.conditional, "the template's own logic is not evaluated");
        assert_eq!(httpd.option("-f"), Some("/var/etc/httpd.cfg"));
        assert!(httpd.chain.iter().any(|c| c.starts_with("/etc/templates/webs.sh:5")), "{:?}", httpd.chain);
        // the text outside <? ?> and the stop branch's kill are template output too, but start no daemon
        assert!(!w.launches.iter().any(|l| l.program() == "echo[$0]"));
        let (text, lines) = php_emitted(php);
        assert!(text.contains("httpd -s $(…) -f /var/etc/httpd.cfg\n"), "{text}");
        assert_eq!(text.lines().count(), lines.len());
        assert!(!text.contains("/dev/console\n<?"), "only the PHP part's output: {text}");
    }

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
        // inetd's table is a decoy while nothing starts inetd …
        let l = layer_launches(&Vfs::from_tree("squashfs", t.clone()).layers[0]);
        assert!(!l.iter().any(|l| l.path == "/etc/inetd.conf"), "inetd is not started");
        // … and counts once a startup script does
        t.insert(
            "etc/init.d/S20inet",
            Node::file(
                &b"#!/bin/sh
/usr/sbin/inetd &
"[..],
            ),
        )
        .unwrap();
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
