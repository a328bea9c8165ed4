//! The IoTSF Assurance Framework catalog holds every requirement id the public sources give a text for, each once,
//! in its section; placeholders for ids without public text can never pass on their own.
//!
//! The expected ids are committed below (from the reference `shared/reference/iotsf-af-ids.md`, which lists the ids
//! beyond the 105-entry catalog, the highest id per section and the ids without text). When the reference file is
//! present (`../../../shared/reference/iotsf-af-ids.md` from the crate, as on CI) its lists are parsed too and must
//! agree with the committed ones.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fwassure_model::{Node, Tree, Verdict, Vfs};
use fwassure_standards::catalog::{catalog, Method, Requirement};
use fwassure_standards::{assess, AssessInput, Date, EvidenceFile};
use time::macros::date;

const TODAY: Date = date!(2026 - 06 - 01);

/// Title of an entry whose id exists but whose text is not public.
const NO_TEXT_TITLE: &str = "Requirement text not publicly available";

/// Highest numbered id of each section 2.4.3-2.4.16 (reference section 1).
const HIGHEST: &[(u32, u32)] = &[
    (3, 25),
    (4, 21),
    (5, 38),
    (6, 15),
    (7, 24),
    (8, 17),
    (9, 10),
    (10, 15),
    (11, 9),
    (12, 15),
    (13, 32),
    (14, 6),
    (15, 3),
    (16, 6),
];

/// Retired numbers, left blank in the framework.
const RETIRED: &[&str] = &["2.4.3.3", "2.4.6.2", "2.4.9.1"];

/// AF 3.x sub-items.
const SUB_ITEMS: &[&str] = &["2.4.3.5.1", "2.4.10.6.1"];

/// Ids that exist but for which no public text was found (reference section 4), plus 2.4.3.8, whose only stored
/// text is a copy of the 2.4.3.7 row (reference sections 3 and 6).
const NO_TEXT: &[&str] = &[
    "2.4.3.8",
    "2.4.3.10",
    "2.4.3.19",
    "2.4.3.20",
    "2.4.3.21",
    "2.4.3.24",
    "2.4.4.12",
    "2.4.4.18",
    "2.4.4.19",
    "2.4.5.12",
    "2.4.5.13",
    "2.4.5.16",
    "2.4.5.17",
    "2.4.5.20",
    "2.4.5.21",
    "2.4.5.22",
    "2.4.5.24",
    "2.4.6.14",
    "2.4.7.21",
    "2.4.7.22",
    "2.4.7.23",
    "2.4.8.10",
    "2.4.13.12",
    "2.4.13.13",
    "2.4.13.19",
    "2.4.13.26",
    "2.4.13.28",
];

/// Ids with a text in the reference whose text is not usable (a data error in the source).
const TEXT_UNUSABLE: &[&str] = &["2.4.3.8"];

/// Ids beyond the 105-entry catalog for which the reference found a text (reference section 3).
const NEW_WITH_TEXT: &[&str] = &[
    "2.4.3.7",
    "2.4.3.8",
    "2.4.3.9",
    "2.4.3.11",
    "2.4.3.12",
    "2.4.3.13",
    "2.4.3.14",
    "2.4.3.15",
    "2.4.3.16",
    "2.4.3.17",
    "2.4.3.22",
    "2.4.3.23",
    "2.4.3.25",
    "2.4.4.9",
    "2.4.4.10",
    "2.4.4.11",
    "2.4.4.13",
    "2.4.4.14",
    "2.4.4.15",
    "2.4.4.16",
    "2.4.4.17",
    "2.4.4.20",
    "2.4.4.21",
    "2.4.5.6",
    "2.4.5.7",
    "2.4.5.8",
    "2.4.5.9",
    "2.4.5.10",
    "2.4.5.11",
    "2.4.5.14",
    "2.4.5.15",
    "2.4.5.18",
    "2.4.5.19",
    "2.4.5.23",
    "2.4.5.25",
    "2.4.5.26",
    "2.4.5.27",
    "2.4.5.28",
    "2.4.5.29",
    "2.4.5.30",
    "2.4.5.31",
    "2.4.5.32",
    "2.4.5.33",
    "2.4.5.34",
    "2.4.5.35",
    "2.4.5.36",
    "2.4.6.9",
    "2.4.6.10",
    "2.4.6.11",
    "2.4.6.12",
    "2.4.6.13",
    "2.4.7.9",
    "2.4.7.10",
    "2.4.7.11",
    "2.4.7.12",
    "2.4.7.13",
    "2.4.7.14",
    "2.4.7.15",
    "2.4.7.16",
    "2.4.7.17",
    "2.4.7.18",
    "2.4.7.19",
    "2.4.7.20",
    "2.4.7.24",
    "2.4.8.11",
    "2.4.8.12",
    "2.4.8.13",
    "2.4.8.14",
    "2.4.8.15",
    "2.4.8.16",
    "2.4.8.17",
    "2.4.10.10",
    "2.4.10.11",
    "2.4.10.12",
    "2.4.10.13",
    "2.4.10.14",
    "2.4.10.15",
    "2.4.11.9",
    "2.4.12.9",
    "2.4.12.10",
    "2.4.12.11",
    "2.4.12.12",
    "2.4.12.13",
    "2.4.12.14",
    "2.4.12.15",
    "2.4.13.10",
    "2.4.13.11",
    "2.4.13.14",
    "2.4.13.15",
    "2.4.13.16",
    "2.4.13.17",
    "2.4.13.18",
    "2.4.13.20",
    "2.4.13.21",
    "2.4.13.22",
    "2.4.13.23",
    "2.4.13.24",
    "2.4.13.25",
    "2.4.13.27",
    "2.4.13.29",
    "2.4.13.30",
    "2.4.13.31",
    "2.4.13.32",
    "2.4.16.6",
];

/// The new ids whose class a public AF page states: (id, lowest class).
const NEW_WITH_CLASS: &[(&str, u8)] = &[("2.4.5.15", 1), ("2.4.10.15", 1), ("2.4.13.20", 2)];

/// Catalog entries whose class no source confirms (reference section 5).
const UNCONFIRMED_BEFORE: &[&str] = &[
    "2.4.3.6", "2.4.5.38", "2.4.7.8", "2.4.8.8", "2.4.8.9", "2.4.9.9", "2.4.9.10", "2.4.10.9", "2.4.11.8", "2.4.12.8",
    "2.4.16.5",
];

/// AF 4.0 section 2.4.17 ids as far as readable (reference section 7): (id, lowest class if stated).
const DEV_INFRA: &[(&str, Option<u8>)] = &[
    ("2.4.17.1", Some(1)),
    ("2.4.17.2", Some(1)),
    ("2.4.17.3", Some(1)),
    ("2.4.17.4", Some(1)),
    ("2.4.17.5", Some(1)),
    ("2.4.17.6", None),
];

/// Releases an entry may name.
const RELEASES: &[&str] = &["CF 2.1", "CF 2.x", "AF 3.0", "AF 3.x", "AF 4.0", "AF 3.x (id only)"];

fn iotsf() -> &'static [Requirement] {
    &catalog("iotsf-af").expect("iotsf-af catalog").requirements
}

/// Every numbered id of 2.4.3-2.4.16, from the highest ids less the retired ones.
fn numbered() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (sec, max) in HIGHEST {
        for n in 1..=*max {
            let id = format!("2.4.{sec}.{n}");
            if !RETIRED.contains(&id.as_str()) {
                out.insert(id);
            }
        }
    }
    out
}

fn has_text(r: &Requirement) -> bool {
    r.title != NO_TEXT_TITLE
}

#[test]
fn committed_lists_are_consistent() {
    let all = numbered();
    assert_eq!(all.len(), 233, "the framework numbers 233 requirements");
    let new: BTreeSet<&str> = NEW_WITH_TEXT.iter().copied().collect();
    assert_eq!(new.len(), 104);
    let no_text: BTreeSet<&str> = NO_TEXT.iter().copied().collect();
    assert_eq!(no_text.len(), 27);
    for id in new.iter().chain(&no_text) {
        assert!(all.contains(*id), "{id} is not a numbered id");
    }
    // 104 new with text, 26 without any text (2.4.3.8 counts among the 104 in the reference)
    assert_eq!(new.union(&no_text).count(), 130);
}

/// The id lists of the reference file, when it is present: (section 3 ids, section 4 ids, section 5 ids).
fn reference_lists() -> Option<(BTreeSet<String>, BTreeSet<String>, BTreeSet<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/iotsf-af-ids.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "note: {} not found: the reference lists are not re-read (the committed lists still are)",
            path.display()
        );
        return None;
    };
    let mut section = 0;
    let (mut s3, mut s4, mut s5) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let ids_in = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|w| w.trim_matches('.'))
            .filter(|w| w.starts_with("2.4.") && w.split('.').count() == 4 && w.split('.').all(|p| !p.is_empty()))
            .map(str::to_string)
            .collect()
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("## ") {
            section = rest.split('.').next().and_then(|n| n.trim().parse().ok()).unwrap_or(0);
            continue;
        }
        if !line.starts_with("| ") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        match section {
            3 | 5 => {
                let first = cells.get(1).copied().unwrap_or("");
                if first.starts_with("2.4.") {
                    let set = if section == 3 { &mut s3 } else { &mut s5 };
                    set.insert(first.to_string());
                }
            }
            // the last column lists the ids without text
            4 if cells.len() > 2 && cells[1].starts_with("2.4.") => {
                s4.extend(ids_in(cells[cells.len() - 2]));
            }
            _ => {}
        }
    }
    Some((s3, s4, s5))
}

#[test]
fn reference_file_agrees_with_the_committed_lists() {
    let Some((s3, s4, s5)) = reference_lists() else { return };
    let want3: BTreeSet<String> = NEW_WITH_TEXT.iter().map(|s| s.to_string()).collect();
    assert_eq!(s3, want3, "reference section 3 (ids with text) differs from NEW_WITH_TEXT");
    let want4: BTreeSet<String> =
        NO_TEXT.iter().filter(|i| !TEXT_UNUSABLE.contains(i)).map(|s| s.to_string()).collect();
    assert_eq!(s4, want4, "reference section 4 (ids without text) differs from NO_TEXT");
    let want5: BTreeSet<String> = UNCONFIRMED_BEFORE.iter().map(|s| s.to_string()).collect();
    assert_eq!(s5, want5, "reference section 5 (unconfirmed entries) differs");
}

#[test]
fn every_id_with_text_is_in_the_catalog_once_and_in_its_section() {
    let reqs = iotsf();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reqs {
        *seen.entry(r.id.as_str()).or_default() += 1;
        let parts: Vec<&str> = r.id.split('.').collect();
        assert!(parts.len() >= 4 && parts[..2] == ["2", "4"], "{}: not a 2.4.x.y id", r.id);
        assert_eq!(r.section, parts[..3].join("."), "{}: section {} does not match the id", r.id, r.section);
        assert!(RELEASES.contains(&r.release.as_str()), "{}: release `{}` not one of {RELEASES:?}", r.id, r.release);
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).map(|(id, _)| *id).collect();
    assert!(twice.is_empty(), "ids listed more than once: {twice:?}");

    let by_id: BTreeMap<&str, &Requirement> = reqs.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut expected_with_text: BTreeSet<String> = numbered();
    for id in NO_TEXT {
        expected_with_text.remove(*id);
    }
    expected_with_text.extend(SUB_ITEMS.iter().map(|s| s.to_string()));
    expected_with_text.extend(DEV_INFRA.iter().map(|(s, _)| s.to_string()));
    let missing: Vec<&String> = expected_with_text.iter().filter(|id| !by_id.contains_key(id.as_str())).collect();
    assert!(missing.is_empty(), "ids with text missing from the catalog: {missing:?}");
    for id in NEW_WITH_TEXT.iter().filter(|i| !TEXT_UNUSABLE.contains(i)) {
        assert!(by_id.get(id).is_some_and(|r| has_text(r)), "{id}: the reference has its text, the catalog must too");
    }
    // nothing beyond the known ids
    let mut known = numbered();
    known.extend(SUB_ITEMS.iter().chain(DEV_INFRA.iter().map(|(s, _)| s)).map(|s| s.to_string()));
    let unknown: Vec<&str> = by_id.keys().filter(|id| !known.contains(**id)).copied().collect();
    assert!(unknown.is_empty(), "ids the framework does not number: {unknown:?}");

    let with_text = reqs.iter().filter(|r| has_text(r)).count();
    assert!(with_text >= 205, "only {with_text} ids with text");
    for r in reqs.iter().filter(|r| !has_text(r)) {
        assert!(NO_TEXT.contains(&r.id.as_str()), "{}: placeholder for an id that has a text", r.id);
    }
}

#[test]
fn placeholders_and_unconfirmed_classes_are_marked() {
    let by_id: BTreeMap<&str, &Requirement> = iotsf().iter().map(|r| (r.id.as_str(), r)).collect();
    for id in NO_TEXT {
        let r = by_id.get(id).unwrap_or_else(|| panic!("{id}: placeholder missing"));
        assert!(!has_text(r) && r.assessment == Method::Evidence && !r.confirmed, "{id}");
        assert_eq!(r.min_class, 0, "{id}: an unread requirement counts at every class");
        assert!(r.rules.is_empty() && r.kinds.is_empty() && r.vulns.is_none() && r.evidence_keys.is_empty(), "{id}");
        assert_eq!(r.release, "AF 3.x (id only)", "{id}");
    }
    let classed: BTreeMap<&str, u8> = NEW_WITH_CLASS.iter().copied().collect();
    for id in NEW_WITH_TEXT.iter().filter(|i| !TEXT_UNUSABLE.contains(i)) {
        let r = by_id[id];
        match classed.get(id) {
            Some(c) => assert!(r.confirmed && r.min_class == *c, "{id}: class {c} is stated by an AF page"),
            None => {
                assert!(!r.confirmed, "{id}: no source states its class");
                assert_eq!(r.min_class, 0, "{id}: class not confirmed, so counted at every class");
                assert!(r.note.contains("class"), "{id}: the note must say the class is not confirmed");
            }
        }
    }
    for id in UNCONFIRMED_BEFORE {
        assert!(!by_id[id].confirmed, "{id}: no source confirmed its class");
    }
    for (id, class) in DEV_INFRA {
        let r = by_id[id];
        assert_eq!(r.release, "AF 4.0", "{id}");
        match class {
            Some(c) => assert!(r.confirmed && r.min_class == *c, "{id}"),
            None => assert!(!r.confirmed && r.min_class == 0, "{id}"),
        }
    }
}

fn image() -> Vfs {
    let mut t = Tree::new();
    t.insert("etc/shadow", Node::file(&b"root:$6$abc$def:19000:0:99999:7:::\n"[..])).unwrap();
    t.insert("bin/busybox", Node::file(&b"\x7fELF...."[..])).unwrap();
    Vfs::from_tree("squashfs", t)
}

/// Every evidence key filled in, and a `met` statement for every requirement NOT in `skip`.
fn evidence(skip: impl Fn(&Requirement) -> bool) -> EvidenceFile {
    let mut text = String::from(
        r#"
[product]
name = "Cam"
model = "C1"
version = "1.0"
[disclosure]
policy_url = "https://example.com/cvd"
security_txt = """
Contact: mailto:security@example.com
Expires: 2026-12-31T00:00:00Z
"""
[support]
end_date = "2030-01-01"
published_at = "https://example.com/support"
[updates]
signing = "ed25519, key in HSM"
delivery = "https"
"#,
    );
    for r in iotsf().iter().filter(|r| !skip(r)) {
        text.push_str(&format!(
            "[[statement]]\nstandard = \"iotsf-af\"\nrequirement = \"{}\"\nstatus = \"met\"\ndescription = \"shown\"\n",
            r.id
        ));
    }
    EvidenceFile::parse(&text).unwrap()
}

#[test]
fn class_4_assesses_the_whole_framework_and_placeholders_never_pass_alone() {
    let vfs = image();
    let input = AssessInput { vfs: &vfs, components: &[], findings: &[], vulnerabilities: &[] };
    let unconfirmed_evidence = |r: &Requirement| !r.confirmed && r.assessment == Method::Evidence;

    // every evidence key satisfied, statements only for the other requirements
    let ev = evidence(unconfirmed_evidence);
    let r = assess(&input, &["iotsf-af"], Some(&ev), Some(4), TODAY);
    let s = &r.standards[0];
    assert_eq!(s.above_class, 0);
    assert!(r.assessments.len() >= 200, "class 4 assesses only {}", r.assessments.len());
    assert_eq!(r.assessments.len(), iotsf().len());
    assert_eq!(s.confirmed, iotsf().iter().filter(|r| r.confirmed).count());
    assert!(s.confirmed < s.counts.total());
    let mut checked = 0;
    for req in iotsf().iter().filter(|r| unconfirmed_evidence(r)) {
        let a = r.assessments.iter().find(|a| a.requirement == req.id).unwrap();
        assert_ne!(a.verdict, Verdict::Pass, "{} passed without a statement: {:?}", req.id, a.reasons);
        checked += 1;
    }
    assert!(checked >= 100, "{checked}");
    assert_ne!(s.result, fwassure_standards::Outcome::Pass);
    let text = fwassure_standards::render::text(&r);
    assert!(text.contains(&format!(
        "{} of {} assessed requirements confirmed from public sources",
        s.confirmed,
        s.counts.total()
    )));
    assert!(text.contains("(not confirmed)"));

    // with statements for them too, they pass (the placeholders then rest on the vendor's word)
    let ev = evidence(|_| false);
    let r = assess(&input, &["iotsf-af"], Some(&ev), Some(4), TODAY);
    let a = r.assessments.iter().find(|a| a.requirement == "2.4.5.12").unwrap();
    assert_eq!(a.verdict, Verdict::Pass, "{:?}", a.reasons);
    assert!(a.evidence.iter().any(|e| e.starts_with("statement: met")));
}

#[test]
fn class_0_counts_unconfirmed_classes() {
    let vfs = image();
    let input = AssessInput { vfs: &vfs, components: &[], findings: &[], vulnerabilities: &[] };
    let r = assess(&input, &["iotsf-af"], None, Some(0), TODAY);
    for id in ["2.4.5.8", "2.4.5.12", "2.4.8.9", "2.4.17.6"] {
        assert!(r.assessments.iter().any(|a| a.requirement == id), "{id} must be assessed at class 0");
    }
    for id in ["2.4.5.15", "2.4.13.20", "2.4.17.1"] {
        assert!(r.assessments.iter().all(|a| a.requirement != id), "{id} starts at a higher class");
    }
}
