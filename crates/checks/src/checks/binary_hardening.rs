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

/// A setuid or setgid executable that is not position-independent: a local privilege boundary whose code
/// sits at a fixed address.
pub const SUID_WITHOUT_PIE: RuleMeta = RuleMeta {
    id: "elf.setuid-without-pie",
    kind: FindingKind::BinaryHardening,
    severity: Severity::Medium,
    cwe: "CWE-693",
    title: "Setuid/setgid executable is not position-independent (no ASLR for a privilege boundary)",
    remediation: "Build setuid/setgid programs with -fPIE -pie and full RELRO, or drop the setuid bit.",
    requirements: reqs::BINARY_HARDENING,
};

/// A network server (it binds a socket and accepts or receives) whose stack is executable.
pub const EXEC_STACK_SERVER: RuleMeta = RuleMeta {
    id: "elf.network-server-exec-stack",
    kind: FindingKind::BinaryHardening,
    severity: Severity::Medium,
    cwe: "CWE-693",
    title: "Network server with an executable stack (remote input, no NX)",
    remediation:
        "Build with a non-executable stack (-Wl,-z,noexecstack) and find the object that asks for an executable one.",
    requirements: reqs::BINARY_HARDENING,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[MISSING_MITIGATIONS, SUID_WITHOUT_PIE, EXEC_STACK_SERVER];

use crate::rule::At;
use crate::text::is_elf;
use crate::{checks::Check, ChecksOutput, Ctx, FileFacts};
use goblin::elf::{dynamic, header, program_header, Elf};
use serde_json::json;
use std::collections::BTreeMap;

/// The binary-hardening check.
///
/// One finding per architecture of the image (`mips-32-be` …) that has ELF executables or shared libraries
/// lacking a mitigation: its message gives, for each of `nx`, `canary`, `relro`, `pie`, `fortify` (the order an
/// attacker benefits from them), how many files lack it and their share; its evidence lists those files. Severity
/// is low when some file lacks `nx` or `canary`, info otherwise. A finding per file only where one binary stands
/// out: a setuid/setgid executable without PIE, a network server with an executable stack. A mitigation that
/// cannot be judged (a stripped static binary's canary, FORTIFY in a binary that calls no fortifiable function,
/// PIE for a library) is "unknown"/"n/a", never "missing". The per-image summary and every file's states are
/// `extra["hardening"]`.
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
    /// Architecture: machine, word size and byte order (`mips-32-be`).
    pub arch: String,
    /// Imports `bind` and `listen`, `accept` or `recvfrom`/`recvmsg`: a network server.
    pub network_server: bool,
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
    let arch = format!(
        "{}-{}-{}",
        header::machine_to_str(elf.header.e_machine).to_ascii_lowercase().replace('_', "-"),
        if elf.is_64 { 64 } else { 32 },
        if elf.little_endian { "le" } else { "be" }
    );
    let imports = |n: &str| elf.dynsyms.iter().any(|s| s.is_import() && elf.dynstrtab.get_at(s.st_name) == Some(n));
    let network_server = imports("bind") && ["listen", "accept", "recvfrom", "recvmsg"].iter().any(|n| imports(n));
    Some(Hardening { role, nx, pie, relro, canary, fortify, rpath, stripped, arch, network_server })
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
        // per architecture: the files, and for each mitigation the files lacking it
        let mut groups = BTreeMap::<String, Group>::new();
        let mut files = Vec::new();
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
            let g =
                groups.entry(h.arch.clone()).or_insert_with(|| Group { layer: f.layer.id.clone(), ..Group::default() });
            g.files += 1;
            for k in &m {
                g.lacking.entry(k).or_default().push(f.path.to_string());
            }
            if files.len() < MAX_FILES_LISTED {
                files.push(json!({"layer": f.layer.id, "path": f.path, "arch": h.arch, "role": h.role,
                    "nx": h.nx.as_str(), "pie": h.pie.as_str(), "relro": h.relro, "canary": h.canary.as_str(),
                    "fortify": h.fortify.as_str(), "rpath": h.rpath, "stripped": h.stripped, "missing": m}));
            }
            for rule in standout(&h, f.node.mode) {
                let states = states(&h);
                let at = At::new(&f.layer.id, f.path);
                out.findings.push(if rule.id == SUID_WITHOUT_PIE.id {
                    let bit = if f.node.mode & 0o4000 != 0 { "setuid" } else { "setgid" };
                    rule.finding(
                        at,
                        "setuid-without-pie",
                        format!("{bit} executable {} is not position-independent.", f.path),
                        format!("{} {}: {states}", f.node.mode_string(), f.path),
                    )
                } else {
                    rule.finding(
                        at,
                        "exec-stack-network-server",
                        format!("Network server {} (binds a socket) runs with an executable stack.", f.path),
                        format!("{}: imports bind and listen/accept/recv; {states}", f.path),
                    )
                });
            }
        }
        for (arch, g) in &groups {
            if g.lacking.is_empty() {
                continue;
            }
            let lacking: usize = g.lacking.values().map(|v| v.len()).max().unwrap_or(0);
            let shares: Vec<String> = ORDER
                .iter()
                .filter_map(|k| g.lacking.get(k).map(|v| format!("{k} {} ({}%)", v.len(), pct(v.len(), g.files))))
                .collect();
            let evidence: Vec<String> = ORDER
                .iter()
                .filter_map(|k| {
                    g.lacking.get(k).map(|v| {
                        let more = v.len().saturating_sub(MAX_EVIDENCE_PATHS);
                        let list = v.iter().take(MAX_EVIDENCE_PATHS).cloned().collect::<Vec<_>>().join(", ");
                        let more = if more > 0 {
                            format!(" … and {more} more (extra.hardening.files)")
                        } else {
                            String::new()
                        };
                        format!("no {k}: {list}{more}")
                    })
                })
                .collect();
            let mut fnd = MISSING_MITIGATIONS.finding(
                At::new(&g.layer, "/"),
                arch,
                format!(
                    "{} ELF files ({arch}), of which at least {lacking} lack exploit mitigations: {}.",
                    g.files,
                    shares.join(", ")
                ),
                evidence.join("; "),
            );
            if !g.lacking.contains_key("nx") && !g.lacking.contains_key("canary") {
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
            summary.insert("files".into(), json!(files));
            out.extra.insert("hardening".into(), serde_json::Value::Object(summary));
        }
        out
    }
}

/// The mitigations in the order an attacker benefits from their absence.
const ORDER: [&str; 5] = ["nx", "canary", "relro", "pie", "fortify"];
/// Paths listed per mitigation in a grouped finding's evidence (all of them are in `extra.hardening.files`).
const MAX_EVIDENCE_PATHS: usize = 100;
/// Files listed in `extra.hardening.files`.
const MAX_FILES_LISTED: usize = 20_000;

/// The ELF files of one architecture.
#[derive(Debug, Default)]
struct Group {
    /// Layer of the first file (the finding's location).
    layer: String,
    /// How many ELF files.
    files: usize,
    /// For each missing mitigation, the files lacking it, in file order.
    lacking: BTreeMap<&'static str, Vec<String>>,
}

/// The per-file rules a binary stands out by: a setuid/setgid executable without PIE (`mode` is the file's
/// mode), a network server with an executable stack.
pub fn standout(h: &Hardening, mode: u32) -> Vec<&'static RuleMeta> {
    let mut v = Vec::new();
    if h.role == "executable" && h.pie == State::No && mode & 0o6000 != 0 {
        v.push(&SUID_WITHOUT_PIE);
    }
    if h.network_server && h.nx == State::No {
        v.push(&EXEC_STACK_SERVER);
    }
    v
}

fn states(h: &Hardening) -> String {
    format!(
        "nx={} pie={} relro={} canary={} fortify={} rpath={} stripped={}",
        h.nx.as_str(),
        h.pie.as_str(),
        h.relro,
        h.canary.as_str(),
        h.fortify.as_str(),
        h.rpath,
        h.stripped
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckOptions;
    use fwassure_model::{Node, NodeKind, Tree, Vfs};

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
    fn one_finding_per_architecture_and_standouts() {
        let mut t = Tree::new();
        let nx_missing = elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 7)]);
        let ok = elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 6)]);
        for i in 0..30 {
            t.insert(&format!("bin/tool{i:02}"), Node::file(nx_missing.clone())).unwrap();
        }
        t.insert("bin/ok", Node::file(ok.clone())).unwrap();
        t.insert("bin/su", Node::new(NodeKind::File(ok.into()), 0o104755)).unwrap();
        t.insert("lib/mod.ko", Node::file(elf(header::ET_REL, &[]))).unwrap();
        t.insert("etc/x", Node::file(&b"text"[..])).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let o = BinaryHardening.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        let mut v: Vec<_> =
            o.findings.iter().map(|f| (f.rule.as_str(), f.path.as_str(), f.subject.as_str(), f.severity)).collect();
        v.sort();
        assert_eq!(
            v,
            vec![
                ("elf.missing-mitigations", "/", "x86-64-64-le", Severity::Low),
                ("elf.setuid-without-pie", "/bin/su", "setuid-without-pie", Severity::Medium),
            ]
        );
        let g = o.findings.iter().find(|f| f.rule == "elf.missing-mitigations").unwrap();
        assert!(g.message.starts_with("32 ELF files (x86-64-64-le)"), "{}", g.message);
        assert!(g.message.contains("nx 30 (93.8%)") && g.message.contains("pie 32 (100%)"), "{}", g.message);
        assert!(
            g.evidence.contains("no nx: /bin/tool00,") && g.evidence.contains("/bin/tool29; no relro"),
            "{}",
            g.evidence
        );
        assert!(!g.evidence.contains("more"), "{}", g.evidence);
        let s = &o.extra["hardening"];
        assert_eq!(s["elf_files"], 32);
        assert_eq!(s["nx"]["yes"], 2);
        assert_eq!(s["files"].as_array().unwrap().len(), 32);
        let file = |p: &str| s["files"].as_array().unwrap().iter().find(|f| f["path"] == p).unwrap().clone();
        assert_eq!(file("/bin/tool00")["missing"], json!(["nx", "relro", "pie"]));
        assert_eq!(file("/bin/ok")["missing"], json!(["relro", "pie"]));
    }

    #[test]
    fn evidence_lists_are_capped_and_the_rest_is_in_extra() {
        let mut t = Tree::new();
        let nx_missing = elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 7)]);
        for i in 0..MAX_EVIDENCE_PATHS + 3 {
            t.insert(&format!("bin/t{i:04}"), Node::file(nx_missing.clone())).unwrap();
        }
        let vfs = Vfs::from_tree("squashfs", t);
        let o = BinaryHardening.run(&Ctx::new(&vfs, &[], &CheckOptions::default()));
        assert_eq!(o.findings.len(), 1, "one grouped finding, no per-file finding");
        assert!(o.findings[0].evidence.contains("… and 3 more (extra.hardening.files)"), "{}", o.findings[0].evidence);
        assert_eq!(o.extra["hardening"]["files"].as_array().unwrap().len(), MAX_EVIDENCE_PATHS + 3);
    }

    #[test]
    fn standouts_need_the_privilege_or_the_network() {
        let base = analyse(&elf(header::ET_EXEC, &[(program_header::PT_GNU_STACK, 7)])).unwrap();
        assert!(standout(&base, 0o755).is_empty(), "a plain binary lacking mitigations is only counted");
        assert_eq!(standout(&base, 0o2755).iter().map(|r| r.id).collect::<Vec<_>>(), ["elf.setuid-without-pie"]);
        let server = Hardening { network_server: true, ..base.clone() };
        assert_eq!(
            standout(&server, 0o755).iter().map(|r| r.id).collect::<Vec<_>>(),
            ["elf.network-server-exec-stack"]
        );
        let nx_server = Hardening { nx: State::Yes, ..server };
        assert!(standout(&nx_server, 0o755).is_empty());
        let lib = Hardening { role: "library", pie: State::NotApplicable, ..base };
        assert!(standout(&lib, 0o4755).is_empty());
    }

    #[test]
    fn real_network_server_is_recognised() {
        // a dynamically linked server of the build host, when there is one (skipped otherwise)
        let Some(data) =
            ["/usr/sbin/sshd", "/usr/sbin/nginx", "/usr/sbin/dnsmasq"].iter().find_map(|p| std::fs::read(p).ok())
        else {
            return;
        };
        let h = analyse(&data).unwrap();
        assert!(h.network_server);
        let ls = std::fs::read("/bin/ls").ok().and_then(|d| analyse(&d));
        if let Some(ls) = ls {
            assert!(!ls.network_server);
        }
    }
}
