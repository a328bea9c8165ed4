//! The matching engine: one Aho-Corasick pass per file over the anchors of every classifier, then each
//! classifier's regex only in a window around its anchor hits (or over the file for [`Scope::File`]).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use fwassure_model::content;
use regex::bytes::Regex;

use crate::classifier::{Classifier, Scope};
use crate::classifiers;
use crate::glob;

/// Regex runs per (file, classifier) at most: bounds the work on hostile input full of anchors.
const MAX_RUNS: u32 = 1024;
/// Distinct hits per (file, classifier) at most.
const MAX_HITS: usize = 8;
/// Longest evidence text kept.
const MAX_TEXT: usize = 120;

/// One match of one classifier in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Index of the classifier in [`classifiers::all`].
    pub classifier: usize,
    /// The captured version.
    pub version: String,
    /// Offset of the match in the file.
    pub offset: u64,
    /// The matched text, printable and truncated.
    pub text: String,
}

/// A classifier's compiled regexes.
struct Regexes {
    re: Regex,
    version_group: usize,
    guards: Vec<Regex>,
}

/// A classifier with its regexes, compiled on first use (most classifiers never see an anchor).
struct Compiled {
    c: &'static Classifier,
    regexes: OnceLock<Option<Regexes>>,
}

impl Compiled {
    fn get(&self) -> Option<&Regexes> {
        self.regexes.get_or_init(|| compile(self.c).ok()).as_ref()
    }
}

/// All classifiers, compiled once.
pub struct Engine {
    ac: AhoCorasick,
    owner: Vec<usize>,
    compiled: Vec<Compiled>,
}

/// An error in the classifier table (found by tests; the engine skips a broken entry at run time).
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// A regex does not compile.
    #[error("classifier {id}: bad regex: {err}")]
    Regex {
        /// Classifier id.
        id: String,
        /// Compiler message.
        err: String,
    },
    /// The pattern has no `version` group.
    #[error("classifier {0}: no named group `version`")]
    NoVersionGroup(String),
}

fn compile(c: &'static Classifier) -> Result<Regexes, TableError> {
    let err = |e: regex::Error| TableError::Regex { id: c.id.to_string(), err: e.to_string() };
    let re = regex::bytes::RegexBuilder::new(c.pattern).size_limit(1 << 22).build().map_err(err)?;
    let version_group = re
        .capture_names()
        .position(|n| n == Some("version"))
        .ok_or_else(|| TableError::NoVersionGroup(c.id.to_string()))?;
    let guards = c.guards.iter().map(|g| Regex::new(g)).collect::<Result<Vec<_>, _>>().map_err(err)?;
    Ok(Regexes { re, version_group, guards })
}

/// Check that every classifier compiles (used by tests).
pub fn validate_table() -> Vec<TableError> {
    classifiers::all().iter().filter_map(|c| compile(c).err()).collect()
}

impl Engine {
    /// The process-wide engine.
    pub fn get() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(Engine::build)
    }

    fn build() -> Engine {
        let mut compiled = Vec::new();
        let mut owner = Vec::new();
        let mut anchors: Vec<&'static str> = Vec::new();
        for c in classifiers::all() {
            let idx = compiled.len();
            compiled.push(Compiled { c, regexes: OnceLock::new() });
            for a in c.anchors {
                anchors.push(a);
                owner.push(idx);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&anchors)
            .or_else(|_| AhoCorasick::new(&anchors))
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton"));
        Engine { ac, owner, compiled }
    }

    /// The classifier behind a hit.
    pub fn classifier(&self, idx: usize) -> &'static Classifier {
        self.compiled[idx].c
    }

    /// Search one file (`path` given) or raw payload (`path` `None`: only `anywhere` classifiers).
    pub fn scan(&self, path: Option<&str>, data: &[u8]) -> Vec<Hit> {
        let is_elf = data.starts_with(b"\x7fELF");
        let n = self.compiled.len();
        // 0 unknown, 1 applies, 2 does not apply
        let mut applies = vec![0u8; n];
        let mut runs = vec![0u32; n];
        let mut whole_file = vec![false; n];
        let mut hits: Vec<Hit> = Vec::new();
        // an ELF file's code sections hold no version strings: only its data sections are searched
        let ranges = content::search_ranges(data);
        for r in &ranges {
            let part = &data[r.clone()];
            for m in self.ac.find_overlapping_iter(part) {
                let ci = self.owner[m.pattern().as_usize()];
                if applies[ci] == 0 {
                    applies[ci] = if self.applies(ci, path, is_elf) { 1 } else { 2 };
                }
                if applies[ci] != 1 {
                    continue;
                }
                let k = &self.compiled[ci];
                let Some(rx) = k.get() else { continue };
                if k.c.scope == Scope::File {
                    whole_file[ci] = true;
                    continue;
                }
                if runs[ci] >= MAX_RUNS {
                    continue;
                }
                runs[ci] += 1;
                let lo = m.start().saturating_sub(k.c.window);
                let hi = (m.end() + k.c.window).min(part.len());
                for caps in rx.re.captures_iter(&part[lo..hi]) {
                    let Some(all) = caps.get(0) else { continue };
                    let (s, e) = (lo + all.start(), lo + all.end());
                    if e <= m.start() || s >= m.end() {
                        continue;
                    }
                    self.push_hit(&mut hits, ci, &caps, r.start + s, rx.version_group);
                }
            }
        }
        for ci in (0..n).filter(|&ci| whole_file[ci]) {
            let Some(rx) = self.compiled[ci].get() else { continue };
            for r in &ranges {
                for caps in rx.re.captures_iter(&data[r.clone()]).take(MAX_HITS * 4) {
                    let Some(all) = caps.get(0) else { continue };
                    self.push_hit(&mut hits, ci, &caps, r.start + all.start(), rx.version_group);
                }
            }
        }
        hits.sort();
        hits.dedup_by(|a, b| a.classifier == b.classifier && a.version == b.version);
        // guards: every guard of the classifier must match somewhere in the file
        let mut guard_ok: Vec<Option<bool>> = vec![None; n];
        hits.retain(|h| {
            let ok = self.compiled[h.classifier].get().is_some_and(|rx| rx.guards.iter().all(|g| g.is_match(data)));
            *guard_ok[h.classifier].get_or_insert(ok)
        });
        // bound the hits per classifier
        let mut count = vec![0usize; n];
        hits.retain(|h| {
            count[h.classifier] += 1;
            count[h.classifier] <= MAX_HITS
        });
        hits
    }

    fn applies(&self, ci: usize, path: Option<&str>, is_elf: bool) -> bool {
        let c = self.compiled[ci].c;
        match path {
            None => c.anywhere,
            Some(p) => (c.anywhere && is_elf) || c.globs.iter().any(|g| glob::matches(g, p)),
        }
    }

    fn push_hit(&self, hits: &mut Vec<Hit>, ci: usize, caps: &regex::bytes::Captures<'_>, start: usize, vg: usize) {
        let Some(v) = caps.get(vg) else { return };
        let Ok(version) = std::str::from_utf8(v.as_bytes()) else { return };
        let version = version.trim();
        if version.is_empty() || !version.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        let text = printable(caps.get(0).map(|m| m.as_bytes()).unwrap_or_default());
        let version = format!("{}{version}", self.compiled[ci].c.version_prefix);
        hits.push(Hit { classifier: ci, version, offset: start as u64, text });
    }
}

/// Printable form of matched bytes: non-printables become `.`, truncated to [`MAX_TEXT`] characters.
pub fn printable(b: &[u8]) -> String {
    b.iter().take(MAX_TEXT).map(|&c| if (0x20..0x7f).contains(&c) { c as char } else { '.' }).collect()
}
