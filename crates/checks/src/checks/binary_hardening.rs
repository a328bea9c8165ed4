//! ELF exploit mitigations: NX, PIE, RELRO, stack canary, FORTIFY; RPATH and stripping as extra facts.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FileRef, FindingKind, Severity};

/// An ELF lacks one or more exploit mitigations.
pub const MISSING_MITIGATIONS: RuleMeta = RuleMeta {
    id: "elf.missing-mitigations",
    kind: FindingKind::BinaryHardening,
    severity: Severity::Low,
    cwe: "CWE-693",
    title: "ELF binary lacks exploit mitigations (severity low when NX or canaries are missing, info otherwise)",
    remediation: "Build with -fstack-protector-strong, -D_FORTIFY_SOURCE=2, -fPIE -pie, -Wl,-z,relro,-z,now and a non-executable stack.",
    requirements: reqs::BINARY_HARDENING,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[MISSING_MITIGATIONS];

use crate::rule::At;
use crate::text::is_elf;
use crate::{checks::Check, ChecksOutput, Ctx, FileFacts};
use goblin::elf::{dynamic, header, program_header, Elf};
use serde_json::json;

/// The binary-hardening check.
///
/// One finding per ELF executable or shared library that lacks a mitigation. Its subject is the most
/// important missing mitigation, in the order `nx`, `canary`, `relro`, `pie`, `fortify` (the order an
/// attacker benefits from them); the message and evidence list every missing one. Severity is low when
/// `nx` or `canary` is missing, info otherwise. A mitigation that cannot be judged (a stripped static
/// binary's canary, FORTIFY in a binary that calls no fortifiable function, PIE for a library) is
/// "unknown"/"n/a", never "missing". The per-image summary is `extra["hardening"]`.
pub struct BinaryHardening;

/// State of one mitigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Present.
    Yes,
    /// Missing.
    No,
    /// Cannot be told from the file.
    Unknown,
    /// Does not apply (e.g. PIE for a shared library).
    NotApplicable,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Yes => "yes",
            State::No => "no",
            State::Unknown => "unknown",
            State::NotApplicable => "n/a",
        }
    }
}

/// Mitigations of one ELF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hardening {
    /// `executable` or `library`.
    pub role: &'static str,
    /// Non-executable stack.
    pub nx: State,
    /// Position-independent executable.
    pub pie: State,
    /// `partial`, `full` or `none`.
    pub relro: &'static str,
    /// Stack protector.
    pub canary: State,
    /// FORTIFY_SOURCE.
    pub fortify: State,
    /// DT_RPATH/DT_RUNPATH present.
    pub rpath: bool,
    /// No symbol table.
    pub stripped: bool,
}

const FORTIFIABLE: &[&str] = &[
    "memcpy",
    "memmove",
    "memset",
    "strcpy",
    "strncpy",
    "strcat",
    "strncat",
    "sprintf",
    "snprintf",
    "vsprintf",
    "vsnprintf",
    "printf",
    "fprintf",
    "read",
    "gets",
    "fgets",
    "realpath",
    "stpcpy",
    "recv",
    "poll",
];

/// Analyse one ELF (None for objects, kernel modules and core files, or unparsable data).
pub fn analyse(data: &[u8]) -> Option<Hardening> {
    let elf = Elf::parse(data).ok()?;
    let et = elf.header.e_type;
    if et != header::ET_EXEC && et != header::ET_DYN {
        return None;
    }
    let interp = elf.interpreter.is_some();
    let flags_1 = elf.dynamic.as_ref().map(|d| d.info.flags_1).unwrap_or(0);
    let flags = elf.dynamic.as_ref().map(|d| d.info.flags).unwrap_or(0);
    let is_pie_flag = flags_1 & dynamic::DF_1_PIE != 0;
    let role = if et == header::ET_EXEC || interp || is_pie_flag { "executable" } else { "library" };
    let pie = match (et, role) {
        (header::ET_EXEC, _) => State::No,
        (_, "executable") => State::Yes,
        _ => State::NotApplicable,
    };
    let stack = elf.program_headers.iter().find(|p| p.p_type == program_header::PT_GNU_STACK);
    let nx = match stack {
        Some(p) if p.p_flags & program_header::PF_X != 0 => State::No,
        Some(_) => State::Yes,
        None => State::No,
    };
    let has_relro = elf.program_headers.iter().any(|p| p.p_type == program_header::PT_GNU_RELRO);
    let bind_now = flags & dynamic::DF_BIND_NOW != 0
        || flags_1 & dynamic::DF_1_NOW != 0
        || elf.dynamic.as_ref().is_some_and(|d| d.dyns.iter().any(|x| x.d_tag == dynamic::DT_BIND_NOW));
    let relro = match (has_relro, bind_now) {
        (true, true) => "full",
        (true, false) => "partial",
        _ => "none",
    };
    let mut names: Vec<&str> = elf.dynsyms.iter().filter_map(|s| elf.dynstrtab.get_at(s.st_name)).collect();
    names.extend(elf.syms.iter().filter_map(|s| elf.strtab.get_at(s.st_name)));
    let stripped = elf.syms.is_empty();
    let static_bin = elf.dynamic.is_none();
    let canary = if names
        .iter()
        .any(|n| *n == "__stack_chk_fail" || *n == "__stack_chk_guard" || *n == "__stack_chk_fail_local")
    {
        State::Yes
    } else if static_bin && stripped {
        State::Unknown
    } else {
        State::No
    };
    let fortify = if names.iter().any(|n| n.starts_with("__") && n.ends_with("_chk") && !n.starts_with("__stack_chk")) {
        State::Yes
    } else if static_bin && stripped {
        State::Unknown
    } else if names.iter().any(|n| FORTIFIABLE.contains(n)) {
        State::No
    } else {
        State::NotApplicable
    };
    let rpath = elf
        .dynamic
        .as_ref()
        .is_some_and(|d| d.dyns.iter().any(|x| x.d_tag == dynamic::DT_RPATH || x.d_tag == dynamic::DT_RUNPATH));
    Some(Hardening { role, nx, pie, relro, canary, fortify, rpath, stripped })
}

/// Missing mitigations, most important first.
pub fn missing(h: &Hardening) -> Vec<&'static str> {
    let mut m = Vec::new();
    if h.nx == State::No {
        m.push("nx");
    }
    if h.canary == State::No {
        m.push("canary");
    }
    if h.relro == "none" && (h.role == "executable" || h.canary != State::Unknown) {
        m.push("relro");
    }
    if h.pie == State::No {
        m.push("pie");
    }
    if h.fortify == State::No {
        m.push("fortify");
    }
    m
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        ((n as f64) * 1000.0 / d as f64).round() / 10.0
    }
}

impl Check for BinaryHardening {
    fn id(&self) -> &'static str {
        "binary_hardening"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn scan_file(&self, f: &FileRef<'_>) -> Option<FileFacts> {
        is_elf(f.data).then(|| Box::new(analyse(f.data)) as FileFacts)
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let results: Vec<(_, Option<Hardening>)> = ctx.scanned(self);
        let mut out = ChecksOutput::default();
        let mut n = 0;
        let mut count = std::collections::BTreeMap::<&str, [usize; 4]>::new();
        let (mut relro_full, mut relro_partial, mut rpath, mut stripped) = (0, 0, 0, 0);
        for (f, h) in results {
            let Some(h) = h else { continue };
            n += 1;
            for (k, s) in [("nx", h.nx), ("pie", h.pie), ("canary", h.canary), ("fortify", h.fortify)] {
                let e = count.entry(k).or_default();
                e[match s {
                    State::Yes => 0,
                    State::No => 1,
                    State::Unknown => 2,
                    State::NotApplicable => 3,
                }] += 1;
            }
            match h.relro {
                "full" => relro_full += 1,
                "partial" => relro_partial += 1,
                _ => {}
            }
            rpath += h.rpath as usize;
            stripped += h.stripped as usize;
            let m = missing(&h);
            if m.is_empty() {
                continue;
            }
            let mut fnd = MISSING_MITIGATIONS.finding(
                At::new(&f.layer.id, f.path),
                m[0],
                format!("ELF {} lacks: {}.", h.role, m.join(", ")),
                format!(
                    "nx={} pie={} relro={} canary={} fortify={} rpath={} stripped={}",
                    h.nx.as_str(),
                    h.pie.as_str(),
                    h.relro,
                    h.canary.as_str(),
                    h.fortify.as_str(),
                    h.rpath,
                    h.stripped
                ),
            );
            if !m.contains(&"nx") && !m.contains(&"canary") {
                fnd.severity = Severity::Info;
            }
            out.findings.push(fnd);
        }
        if n > 0 {
            let mut summary = serde_json::Map::new();
            summary.insert("elf_files".into(), json!(n));
            for (k, c) in &count {
                let judged = c[0] + c[1];
                summary.insert(
                    (*k).into(),
                    json!({"yes": c[0], "no": c[1], "unknown": c[2], "n/a": c[3], "percent_yes": pct(c[0], judged)}),
                );
            }
            summary.insert(
                "relro".into(),
                json!({"full": relro_full, "partial": relro_partial, "none": n - relro_full - relro_partial,
                        "percent_full": pct(relro_full, n), "percent_any": pct(relro_full + relro_partial, n)}),
            );
            summary.insert("rpath".into(), json!(rpath));
            summary.insert("stripped".into(), json!(stripped));
            out.extra.insert("hardening".into(), serde_json::Value::Object(summary));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckOptions;
    use fwassure_model::{Node, Tree, Vfs};

    /// A minimal little-endian ELF64 header with the given type and program headers.
    fn elf(e_type: u16, phdrs: &[(u32, u32)]) -> Vec<u8> {
        let mut d = vec![0u8; 64];
        d[..4].copy_from_slice(b"\x7fELF");
        d[4] = 2; // 64-bit
        d[5] = 1; // little endian
        d[6] = 1;
        d[16..18].copy_from_slice(&e_type.to_le_bytes());
        d[18..20].copy_from_slice(&62u16.to_le_bytes()); // x86-64
        d[20..24].copy_from_slice(&1u32.to_le_bytes());
        d[32..40].copy_from_slice(&64u64.to_le_bytes()); // phoff
        d[52..54].copy_from_slice(&64u16.to_le_bytes()); // ehsize
        d[54..56].copy_from_slice(&56u16.to_le_bytes()); // phentsize
        d[56..58].copy_from_slice(&(phdrs.len() as u16).to_le_bytes());
        d[58..60].copy_from_slice(&64u16.to_le_bytes()); // shentsize
        for (t, f) in phdrs {
            let mut p = vec![0u8; 56];
            p[..4].copy_from_slice(&t.to_le_bytes());
            p[4..8].copy_from_slice(&f.to_le_bytes());
            d.extend(p);
        }
        d
    }

    #[test]
    fn static_exec_without_mitigations() {
        let h = analyse(&elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 7)])).unwrap();
        assert_eq!((h.nx, h.pie, h.relro, h.canary), (State::No, State::No, "none", State::Unknown));
        assert_eq!(missing(&h), vec!["nx", "relro", "pie"]);
        let h = analyse(&elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 6), (program_header::PT_GNU_RELRO, 4)]))
            .unwrap();
        assert_eq!((h.nx, h.relro), (State::Yes, "partial"));
        assert_eq!(missing(&h), vec!["pie"]);
        assert!(analyse(&elf(header::ET_REL, &[])).is_none());
    }

    #[test]
    fn finding_and_summary() {
        let mut t = Tree::new();
        t.insert("bin/busybox", Node::file(elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 7)]))).unwrap();
        t.insert("bin/ok", Node::file(elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 6)]))).unwrap();
        t.insert("lib/mod.ko", Node::file(elf(header::ET_REL, &[]))).unwrap();
        t.insert("etc/x", Node::file(&b"text"[..])).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let o = BinaryHardening.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        let v: Vec<_> = o.findings.iter().map(|f| (f.path.as_str(), f.subject.as_str(), f.severity)).collect();
        assert_eq!(v, vec![("/bin/busybox", "nx", Severity::Low), ("/bin/ok", "relro", Severity::Info)]);
        let s = &o.extra["hardening"];
        assert_eq!(s["elf_files"], 2);
        assert_eq!(s["nx"]["yes"], 1);
        assert_eq!(s["nx"]["percent_yes"], 50.0);
    }
}
