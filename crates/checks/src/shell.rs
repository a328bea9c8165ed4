//! A conservative reading of shell scripts for the startup walk ([`crate::startup`]): a script becomes a flat
//! list of tokens (commands, block openers and closers, `case` patterns) with the matching closer of every
//! opener, and words are expanded from the values the walk knows. Not an interpreter: what it cannot know
//! (a value computed at run time) stays as written, with its `$`.

use crate::text::{active_lines, shell_words};
use std::collections::BTreeMap;

/// Most tokens read from one script (the rest of a bigger script is not read).
pub const MAX_TOKENS: usize = 20_000;

/// What one token of a script is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A simple command, as written (one pipeline element or list element).
    Cmd(String),
    /// `if`, `elif`, `while` or `until`: what follows up to the closer runs conditionally.
    Cond,
    /// `for VAR in WORDS`: the variable and the words as written.
    For(String, String),
    /// `case WORD in`: the word as written.
    Case(String),
    /// A `case` branch's patterns (`start|restart)`).
    Pattern(Vec<String>),
    /// `;;`: the end of a `case` branch.
    BranchEnd,
    /// `{` (a brace group or a function body).
    Brace,
    /// A function definition `NAME()` / `function NAME`: its body is the next token (a brace group).
    Func(String),
    /// `fi`, `done`, `esac` or `}`.
    Close,
}

/// One token with its 1-based line.
#[derive(Debug, Clone)]
pub struct Token {
    /// The line it is on.
    pub line: usize,
    /// The line's text (for the chain).
    pub text: String,
    /// What it is.
    pub tok: Tok,
    /// True when it follows `&&` or `||` (it runs only when the command before it succeeds or fails).
    pub guarded: bool,
}

/// A script read as tokens, with the index of each opener's closer.
#[derive(Debug, Clone, Default)]
pub struct Script {
    /// The tokens, in order.
    pub toks: Vec<Token>,
    /// For an opener (`Cond`, `For`, `Case`, `Brace`), the index of its closer (`toks.len()` when missing).
    pub end: Vec<usize>,
    /// The interpreter of a `#!` line (`/etc/rc.common` for OpenWrt init scripts), when there is one.
    pub interpreter: Option<String>,
}

/// A piece of a command line and whether it follows `&&`/`||`; `;;` is its own piece.
fn split_pieces(line: &str) -> Vec<(&str, bool)> {
    let b = line.as_bytes();
    let (mut sq, mut dq, mut paren, mut bq) = (false, false, 0i32, false);
    let mut out = Vec::new();
    let (mut start, mut guarded, mut i) = (0, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if !sq => i += 1,
            b'\'' if !dq && !bq => sq = !sq,
            b'"' if !sq => dq = !dq,
            b'`' if !sq => bq = !bq,
            b'(' if !sq && i > 0 && b[i - 1] == b'$' => paren += 1,
            b')' if !sq && paren > 0 => paren -= 1,
            b';' | b'|' | b'&' if !sq && !dq && !bq && paren == 0 => {
                out.push((&line[start..i], guarded));
                let two = i + 1 < b.len() && b[i + 1] == b[i];
                if b[i] == b';' && two {
                    out.push((";;", false));
                }
                guarded = two && b[i] != b';';
                i += usize::from(two);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((&line[start..], guarded));
    out
}

fn first_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.')
        && !s.as_bytes()[0].is_ascii_digit()
}

impl Script {
    /// Read a script's text.
    pub fn parse(text: &str) -> Script {
        let mut s = Script::default();
        if let Some(first) = text.lines().next().and_then(|l| l.strip_prefix("#!")) {
            let w = shell_words(first);
            // `#!/bin/sh /etc/rc.common`: the script is read by the second word
            s.interpreter = w.get(1).or(w.first()).cloned();
        }
        let mut in_case_head = Vec::<bool>::new(); // per open case: true where a pattern may start
        for (ln, line) in active_lines(text) {
            // a branch's patterns at the start of a line (`start|boot)`): their `|` is no pipe
            let mut body = line;
            if in_case_head.last() == Some(&true) {
                let t = line.trim_start();
                if let Some(close) = t.find(')') {
                    let pats = &t[..close];
                    if !pats.contains("$(") && !pats.contains(';') && first_word(pats).0 != "esac" {
                        let pats = pats.trim_start_matches('(');
                        let tok = Tok::Pattern(
                            pats.split('|').map(|p| p.trim().trim_matches(['"', '\'']).to_string()).collect(),
                        );
                        if s.toks.len() < MAX_TOKENS {
                            s.toks.push(Token { line: ln, text: line.to_string(), tok, guarded: false });
                        }
                        if let Some(h) = in_case_head.last_mut() {
                            *h = false;
                        }
                        body = &t[close + 1..];
                    }
                }
            }
            for (piece, guarded) in split_pieces(body) {
                let mut rest = piece.trim();
                let push = |tok: Tok, s: &mut Script| {
                    if s.toks.len() < MAX_TOKENS {
                        s.toks.push(Token { line: ln, text: line.to_string(), tok, guarded });
                    }
                };
                if rest == ";;" {
                    push(Tok::BranchEnd, &mut s);
                    if let Some(h) = in_case_head.last_mut() {
                        *h = true;
                    }
                    continue;
                }
                // leading keywords, each its own token
                for _ in 0..8 {
                    if rest.is_empty() {
                        break;
                    }
                    if in_case_head.last() == Some(&true) {
                        if let Some(close) = rest.find(')') {
                            let pats = &rest[..close];
                            if !pats.contains("$(") {
                                let pats = pats.trim_start_matches('(');
                                push(
                                    Tok::Pattern(
                                        pats.split('|')
                                            .map(|p| p.trim().trim_matches(['"', '\'']).to_string())
                                            .collect(),
                                    ),
                                    &mut s,
                                );
                                if let Some(h) = in_case_head.last_mut() {
                                    *h = false;
                                }
                                rest = rest[close + 1..].trim_start();
                                continue;
                            }
                        }
                    }
                    let (w, after) = first_word(rest);
                    match w {
                        "if" | "elif" | "while" | "until" => {
                            if w != "elif" {
                                push(Tok::Cond, &mut s);
                            }
                            rest = after;
                        }
                        "then" | "else" | "do" | "!" => rest = after,
                        "{" => {
                            push(Tok::Brace, &mut s);
                            rest = after;
                        }
                        "fi" | "done" | "esac" | "}" => {
                            if w == "esac" {
                                in_case_head.pop();
                            }
                            push(Tok::Close, &mut s);
                            rest = after;
                        }
                        "for" => {
                            let (var, list) = first_word(after);
                            let list = list.strip_prefix("in").map(str::trim).unwrap_or("\"$@\"");
                            push(Tok::For(var.to_string(), list.to_string()), &mut s);
                            rest = "";
                        }
                        "case" => {
                            let (word, _) = first_word(after);
                            push(Tok::Case(word.to_string()), &mut s);
                            in_case_head.push(true);
                            rest = "";
                        }
                        "function" => {
                            let (name, after) = first_word(after);
                            push(Tok::Func(name.trim_end_matches("()").to_string()), &mut s);
                            rest = after.trim_start_matches("()").trim_start();
                        }
                        _ => {
                            let (name, after) = match rest.find("()") {
                                Some(i) if is_name(rest[..i].trim()) => (rest[..i].trim(), rest[i + 2..].trim_start()),
                                _ => break,
                            };
                            push(Tok::Func(name.to_string()), &mut s);
                            rest = after;
                        }
                    }
                }
                if !rest.is_empty() {
                    push(Tok::Cmd(rest.to_string()), &mut s);
                }
            }
        }
        // match openers and closers
        s.end = vec![s.toks.len(); s.toks.len()];
        let mut stack = Vec::new();
        for (i, t) in s.toks.iter().enumerate() {
            match t.tok {
                Tok::Cond | Tok::For(..) | Tok::Case(_) | Tok::Brace => stack.push(i),
                Tok::Close => {
                    if let Some(o) = stack.pop() {
                        s.end[o] = i;
                    }
                }
                _ => {}
            }
        }
        s
    }
}

/// Values the walk knows while reading a script: variables and the positional arguments.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// Variables assigned so far (`X=value`), expanded when assigned.
    pub vars: BTreeMap<String, String>,
    /// `$1`, `$2` …
    pub args: Vec<String>,
}

impl Env {
    fn get(&self, name: &str) -> Option<String> {
        if let Ok(n) = name.parse::<usize>() {
            return if n == 0 { None } else { self.args.get(n - 1).cloned() };
        }
        match name {
            "@" | "*" => Some(self.args.join(" ")),
            "#" => Some(self.args.len().to_string()),
            _ => self.vars.get(name).cloned(),
        }
    }

    /// Expand `$NAME`, `${NAME}`, `${NAME:-default}` and `$1`… in a word from the known values; what is
    /// unknown stays as written.
    pub fn expand(&self, w: &str) -> String {
        if !w.contains('$') {
            return w.to_string();
        }
        let mut out = String::new();
        let mut rest = w;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let r = &rest[i + 1..];
            let (name, default, len) = if let Some(b) = r.strip_prefix('{') {
                match b.find('}') {
                    Some(e) => {
                        let inner = &b[..e];
                        match inner.split_once(":-").or_else(|| inner.split_once('-')) {
                            Some((n, d)) => (n, Some(d), e + 2),
                            None => (inner, None, e + 2),
                        }
                    }
                    None => ("", None, 0),
                }
            } else if r.starts_with(|c: char| c.is_ascii_digit() || c == '@' || c == '*' || c == '#') {
                (&r[..1], None, 1)
            } else {
                let n = r.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
                (&r[..n], None, n)
            };
            match (len, self.get(name).or(default.map(|d| self.expand(d)))) {
                (0, _) | (_, None) => {
                    out.push('$');
                    rest = r;
                    if len > 0 {
                        out.push_str(&r[..len]);
                        rest = &r[len..];
                    }
                }
                (_, Some(v)) => {
                    out.push_str(&v);
                    rest = &r[len..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A variable assignment word (`NAME=value`): the name and the value as written.
pub fn assignment(w: &str) -> Option<(&str, &str)> {
    let (k, v) = w.split_once('=')?;
    (!k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') && !k.as_bytes()[0].is_ascii_digit())
        .then_some((k, v))
}

/// Command substitutions in a command (`$(…)` and `` `…` ``): the span in bytes and the inner command.
pub fn substitutions(cmd: &str) -> Vec<(usize, usize, &str)> {
    let b = cmd.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut sq = false;
    while i < b.len() {
        match b[i] {
            b'\'' => sq = !sq,
            b'`' if !sq => {
                if let Some(e) = cmd[i + 1..].find('`') {
                    out.push((i, i + 2 + e, &cmd[i + 1..i + 1 + e]));
                    i += e + 1;
                }
            }
            b'$' if !sq && b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') => {
                let mut depth = 0;
                for (j, &c) in b.iter().enumerate().skip(i + 1) {
                    match c {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                out.push((i, j + 1, &cmd[i + 2..j]));
                                i = j;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// True when a `case` pattern matches a word (`*`, `?`, literal; `[…]` classes are taken as matching).
pub fn pattern_matches(pat: &str, word: &str) -> bool {
    fn m(p: &[u8], w: &[u8], fuel: &mut u32) -> bool {
        *fuel = fuel.saturating_sub(1);
        if *fuel == 0 {
            return true;
        }
        match p.first() {
            None => w.is_empty(),
            Some(b'*') => (0..=w.len()).any(|k| m(&p[1..], &w[k..], fuel)),
            Some(b'?') => !w.is_empty() && m(&p[1..], &w[1..], fuel),
            Some(b'[') => match p.iter().position(|&c| c == b']') {
                Some(e) => !w.is_empty() && m(&p[e + 1..], &w[1..], fuel),
                None => w.first() == Some(&b'[') && m(&p[1..], &w[1..], fuel),
            },
            Some(c) => w.first() == Some(c) && m(&p[1..], &w[1..], fuel),
        }
    }
    m(pat.as_bytes(), word.as_bytes(), &mut 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_blocks() {
        let s = Script::parse(
            "#!/bin/sh /etc/rc.common\nstart() {\n  if [ -x /x ]; then /x -d & fi\n}\ncase \"$1\" in\n start|boot) a && b ;;\n *) c;;\nesac\nfor i in /a/S*; do $i start; done\n",
        );
        assert_eq!(s.interpreter.as_deref(), Some("/etc/rc.common"));
        let toks: Vec<&Tok> = s.toks.iter().map(|t| &t.tok).collect();
        assert_eq!(toks[0], &Tok::Func("start".into()));
        assert_eq!(toks[1], &Tok::Brace);
        assert_eq!(toks[2], &Tok::Cond);
        assert_eq!(toks[3], &Tok::Cmd("[ -x /x ]".into()));
        assert_eq!(toks[4], &Tok::Cmd("/x -d".into()));
        assert_eq!(toks[5], &Tok::Close);
        assert_eq!(toks[6], &Tok::Close);
        assert_eq!(s.end[1], 6);
        assert_eq!(s.end[2], 5);
        assert_eq!(toks[7], &Tok::Case("\"$1\"".into()));
        assert_eq!(toks[8], &Tok::Pattern(vec!["start".into(), "boot".into()]));
        assert_eq!(toks[9], &Tok::Cmd("a".into()));
        assert_eq!(toks[10], &Tok::Cmd("b".into()));
        assert!(s.toks[10].guarded && !s.toks[9].guarded);
        assert_eq!(toks[11], &Tok::BranchEnd);
        assert_eq!(toks[12], &Tok::Pattern(vec!["*".into()]));
        assert_eq!(s.end[7], 15);
        assert_eq!(toks[16], &Tok::For("i".into(), "/a/S*".into()));
        assert_eq!(toks[17], &Tok::Cmd("$i start".into()));
        assert_eq!(s.end[16], 18);
    }

    #[test]
    fn expansion_and_substitution() {
        let mut e = Env::default();
        e.vars.insert("A".into(), "x".into());
        e.args = vec!["start".into()];
        assert_eq!(e.expand("$A/${A}:$1:${B:-d}:$C"), "x/x:start:d:$C");
        assert_eq!(e.expand("a$"), "a$");
        let c = "x=`cat /etc/f` y=$(cat /etc/g) z=$((1+2))";
        let s: Vec<&str> = substitutions(c).iter().map(|x| x.2).collect();
        assert_eq!(s, vec!["cat /etc/f", "cat /etc/g"]);
        assert!(pattern_matches("st*", "start") && pattern_matches("*", "") && !pattern_matches("stop", "start"));
        assert_eq!(assignment("A_1=v"), Some(("A_1", "v")));
        assert_eq!(assignment("-a=v"), None);
    }
}
