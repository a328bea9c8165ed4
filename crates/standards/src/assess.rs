//! Verdicts per requirement: what the firmware shows, what the vendor supplied, and what is still missing.

use std::collections::BTreeMap;

use fwassure_model::{Assessment, Finding, Report, Verdict, VulnStatus, Vulnerability};
use serde::Serialize;
use time::Date;

use crate::catalog::{catalog, Catalog, Method, Requirement};
use crate::class::{decide, ClassDecision};
use crate::coverage::Coverage;
use crate::evidence::{describe_key, EvidenceFile, Product, StatementStatus};
use crate::securitytxt::{find_in_image, validate, SecurityTxtReport};
use crate::AssessInput;

/// Verdict counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Passed.
    pub pass: usize,
    /// Failed.
    pub fail: usize,
    /// Waiting for vendor evidence.
    pub needs_evidence: usize,
    /// Justified as not applicable.
    pub not_applicable: usize,
}

impl Counts {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Pass => self.pass += 1,
            Verdict::Fail => self.fail += 1,
            Verdict::NeedsEvidence => self.needs_evidence += 1,
            Verdict::NotApplicable => self.not_applicable += 1,
        }
    }

    /// Number of verdicts counted.
    pub fn total(&self) -> usize {
        self.pass + self.fail + self.needs_evidence + self.not_applicable
    }

    /// Overall outcome of these counts.
    pub fn outcome(&self) -> Outcome {
        if self.fail > 0 {
            Outcome::Fail
        } else if self.needs_evidence > 0 {
            Outcome::Incomplete
        } else {
            Outcome::Pass
        }
    }
}

/// Overall result of a standard or of the whole assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Every applicable requirement passed or was justified as not applicable.
    Pass,
    /// Nothing failed, but vendor evidence is missing.
    Incomplete,
    /// At least one requirement failed.
    Fail,
}

impl Outcome {
    /// Kebab-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Incomplete => "incomplete",
            Outcome::Fail => "fail",
        }
    }
}

/// Counts of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionSummary {
    /// Section id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Result for one standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardSummary {
    /// Standard id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Edition followed.
    pub edition: String,
    /// Requirements in the catalog.
    pub requirements: usize,
    /// Requirements above the assessed class (not assessed).
    pub above_class: usize,
    /// Assessed requirements whose id, text and applicability are confirmed from public sources (the rest are
    /// marked `confirmed = false` in the catalog); out of `counts.total()`.
    pub confirmed: usize,
    /// Counts per section, in document order (sections without applicable requirements omitted).
    pub sections: Vec<SectionSummary>,
    /// Counts over the standard.
    pub counts: Counts,
    /// Result.
    pub result: Outcome,
}

/// What was judged, and with what: the image, the tool and the vulnerability data the verdicts rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// The image as given on the command line.
    pub image: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256 (hex).
    pub sha256: String,
    /// The tool and its version (`fwassure 0.1.0`).
    pub tool: String,
    /// The vulnerability data used, in one line (stores with their dates, the bundled starter set).
    pub database: String,
    /// True when only the partial bundled starter set was used.
    pub database_partial: bool,
}

impl Subject {
    /// The subject of a scan report.
    pub fn of(report: &Report) -> Subject {
        let db = report.extra.get("vulnerability_database");
        let mut parts = Vec::new();
        for st in db.and_then(|d| d["stores"].as_array()).into_iter().flatten() {
            parts.push(format!(
                "store {} ({} records, updated {})",
                st["path"].as_str().unwrap_or("?"),
                st["records"].as_u64().unwrap_or(0),
                st["updated"].as_str().unwrap_or("unknown")
            ));
        }
        if let Some(s) = db.and_then(|d| d.get("starter")) {
            parts.push(format!(
                "bundled starter set {} ({} records, checked {})",
                s["name"].as_str().unwrap_or("?"),
                s["records"].as_u64().unwrap_or(0),
                s["date"].as_str().unwrap_or("?")
            ));
        }
        let partial = db.and_then(|d| d["partial"].as_bool()).unwrap_or(true);
        let mut database = if parts.is_empty() { "none".to_string() } else { parts.join("; ") };
        if partial {
            database.push_str(" - PARTIAL: no match does not mean no known vulnerability");
        }
        Subject {
            image: report.image.path.clone(),
            size: report.image.size,
            sha256: report.image.sha256.clone(),
            tool: format!("{} {}", report.tool.name, report.tool.version),
            database,
            database_partial: partial,
        }
    }
}

/// The whole assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentResult {
    /// What was assessed (set by the caller from the scan report: [`Subject::of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// Date the assessment was made for (YYYY-MM-DD).
    pub date: String,
    /// The product, from the evidence file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    /// Assurance class and reasoning.
    pub class: ClassDecision,
    /// security.txt files found in the image or supplied by the vendor.
    pub security_txt: Vec<SecurityTxtReport>,
    /// Per-standard summaries.
    pub standards: Vec<StandardSummary>,
    /// Verdicts, standard by standard in catalog order.
    pub assessments: Vec<Assessment>,
    /// Remarks (unknown standards, statements for unknown requirements …).
    pub notes: Vec<String>,
    /// The decision per component and vulnerability (EN 18031 GEC-1 asks for it; empty without matches).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vulnerability_decisions: Vec<crate::decisions::VulnDecision>,
    /// Overall result.
    pub result: Outcome,
}

impl AssessmentResult {
    /// The same assessment restricted to one standard (a per-standard document of an evidence pack).
    pub fn only(&self, standard: &str) -> AssessmentResult {
        let mut r = self.clone();
        r.standards.retain(|s| s.id == standard);
        r.assessments.retain(|a| a.standard == standard);
        let mut total = Counts::default();
        for a in &r.assessments {
            total.add(a.verdict);
        }
        r.result = total.outcome();
        r
    }

    /// True when any requirement failed.
    pub fn has_fail(&self) -> bool {
        self.assessments.iter().any(|a| a.verdict == Verdict::Fail)
    }
}

pub(crate) enum KeyState {
    Satisfied(String),
    Missing(String),
    Broken(String),
}

pub(crate) struct Ctx<'a> {
    pub(crate) input: &'a AssessInput<'a>,
    pub(crate) evidence: Option<&'a EvidenceFile>,
    pub(crate) coverage: Coverage,
    pub(crate) image_txt: Vec<SecurityTxtReport>,
    pub(crate) vendor_txt: Option<Result<SecurityTxtReport, String>>,
    pub(crate) today: Date,
}

/// Today's date in UTC.
pub fn today_utc() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The UTC date of an instant given in seconds since the Unix epoch (`None` when out of range).
pub fn utc_date(epoch_secs: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(epoch_secs).ok().map(|t| t.date())
}

/// Assess the image against the given standards.
pub fn assess(
    input: &AssessInput<'_>,
    standards: &[&str],
    evidence: Option<&EvidenceFile>,
    class: Option<u8>,
    today: Date,
) -> AssessmentResult {
    let class = decide(class, evidence.and_then(|e| e.impact.as_ref()));
    let vendor_txt =
        evidence.and_then(|e| e.security_txt()).map(|r| r.map(|(origin, text)| validate(&origin, &text, today)));
    let ctx = Ctx {
        input,
        evidence,
        coverage: Coverage::of(input.vfs, input.components.len()),
        image_txt: find_in_image(input.vfs, today),
        vendor_txt,
        today,
    };
    let mut notes = Vec::new();
    let mut summaries = Vec::new();
    let mut assessments = Vec::new();
    for id in standards {
        let Some(cat) = catalog(id) else {
            notes.push(format!("unknown standard `{id}`: skipped"));
            continue;
        };
        let (summary, mut list) = assess_catalog(cat, class.class, &ctx);
        summaries.push(summary);
        assessments.append(&mut list);
    }
    if let Some(e) = evidence {
        if !e.placeholders.is_empty() {
            let shown: Vec<&str> = e.placeholders.iter().take(8).map(String::as_str).collect();
            notes.push(format!(
                "the evidence file still holds {} template placeholder(s) ({}{}): they count as not supplied",
                e.placeholders.len(),
                shown.join(", "),
                if e.placeholders.len() > shown.len() { ", …" } else { "" }
            ));
        }
        for s in &e.statements {
            let known = catalog(&s.standard).is_some_and(|c| c.requirements.iter().any(|r| r.id == s.requirement));
            if !known {
                notes.push(format!("statement for unknown requirement {}:{} ignored", s.standard, s.requirement));
            }
        }
    }
    let mut security_txt = ctx.image_txt.clone();
    match &ctx.vendor_txt {
        Some(Ok(r)) => security_txt.push(r.clone()),
        Some(Err(e)) => notes.push(e.clone()),
        None => {}
    }
    let mut total = Counts::default();
    for a in &assessments {
        total.add(a.verdict);
    }
    AssessmentResult {
        subject: None,
        date: ctx.today.to_string(),
        product: evidence.map(|e| e.product.clone()),
        class,
        security_txt,
        standards: summaries,
        assessments,
        notes,
        vulnerability_decisions: crate::decisions::decisions(input.vulnerabilities),
        result: total.outcome(),
    }
}

fn assess_catalog(cat: &Catalog, class: u8, ctx: &Ctx<'_>) -> (StandardSummary, Vec<Assessment>) {
    let mut per_section: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut counts = Counts::default();
    let mut list = Vec::new();
    let mut above = 0;
    let mut confirmed = 0;
    for req in &cat.requirements {
        if !req.applies_to_class(class) {
            above += 1;
            continue;
        }
        confirmed += usize::from(req.confirmed);
        let a = decide_requirement(cat, req, ctx);
        per_section.entry(req.section.as_str()).or_default().add(a.verdict);
        counts.add(a.verdict);
        list.push(a);
    }
    let sections = cat
        .sections
        .iter()
        .filter_map(|s| {
            per_section.get(s.id.as_str()).map(|c| SectionSummary {
                id: s.id.clone(),
                title: s.title.clone(),
                counts: *c,
            })
        })
        .collect();
    let summary = StandardSummary {
        id: cat.id.clone(),
        name: cat.name.clone(),
        edition: cat.edition.clone(),
        requirements: cat.requirements.len(),
        above_class: above,
        confirmed,
        sections,
        counts,
        result: counts.outcome(),
    };
    (summary, list)
}

pub(crate) fn finding_line(f: &Finding) -> String {
    let mut s = format!("{} ({}): {}:{}", f.rule, f.kind.as_str(), f.layer, f.path);
    if let Some(l) = f.line {
        s.push_str(&format!(":{l}"));
    }
    if !f.subject.is_empty() {
        s.push_str(&format!(" [{}]", f.subject));
    }
    if !f.message.is_empty() {
        s.push_str(&format!(" - {}", f.message));
    }
    s
}

fn vuln_counts(v: &Vulnerability, req: &Requirement) -> bool {
    let Some(c) = &req.vulns else { return false };
    matches!(v.status, VulnStatus::Affected | VulnStatus::UnderInvestigation)
        && (v.severity >= c.min_severity || (c.kev && v.kev))
}

pub(crate) fn key_state(key: &str, ctx: &Ctx<'_>) -> KeyState {
    let nonempty = |v: &str, what: &str| {
        if v.trim().is_empty() {
            KeyState::Missing(describe_key(what).to_string())
        } else {
            KeyState::Satisfied(format!("{what}: {}", v.trim()))
        }
    };
    if key == "disclosure.security_txt" {
        let mut all: Vec<&SecurityTxtReport> = ctx.image_txt.iter().collect();
        if let Some(Ok(r)) = &ctx.vendor_txt {
            all.push(r);
        }
        let bad: Vec<String> = all
            .iter()
            .filter(|r| !r.is_valid())
            .map(|r| format!("security.txt ({}): {}", r.origin, r.errors.join("; ")))
            .collect();
        if !bad.is_empty() {
            return KeyState::Broken(bad.join(" | "));
        }
        if let Some(Err(e)) = &ctx.vendor_txt {
            return KeyState::Missing(e.clone());
        }
        return match all.first() {
            Some(r) => KeyState::Satisfied(format!(
                "security.txt ({}): valid, contact {}{}",
                r.origin,
                r.contacts.join(", "),
                r.expires.as_ref().map(|e| format!(", expires {e}")).unwrap_or_default()
            )),
            None => KeyState::Missing(describe_key(key).to_string()),
        };
    }
    let Some(e) = ctx.evidence else {
        return KeyState::Missing(describe_key(key).to_string());
    };
    match key {
        "product" => {
            let p = &e.product;
            if p.name.trim().is_empty() || p.model.trim().is_empty() || p.version.trim().is_empty() {
                KeyState::Missing(describe_key(key).to_string())
            } else {
                KeyState::Satisfied(format!("product: {} {} {}", p.name, p.model, p.version))
            }
        }
        "impact" => match &e.impact {
            Some(_) => KeyState::Satisfied("impact answers supplied".into()),
            None => KeyState::Missing(describe_key(key).to_string()),
        },
        "disclosure.policy_url" => {
            let u = e.disclosure.policy_url.trim();
            if u.starts_with("https://") {
                KeyState::Satisfied(format!("disclosure policy: {u}"))
            } else if u.is_empty() {
                KeyState::Missing(describe_key(key).to_string())
            } else {
                KeyState::Missing(format!("{} (given `{u}` is not https)", describe_key(key)))
            }
        }
        "support.end_date" => {
            let v = e.support.end_date.trim();
            if v.is_empty() {
                return KeyState::Missing(describe_key(key).to_string());
            }
            let fmt = time::macros::format_description!("[year]-[month]-[day]");
            match Date::parse(v, &fmt) {
                Ok(d) if d < ctx.today => KeyState::Broken(format!("the defined support period ended on {d}")),
                Ok(d) => KeyState::Satisfied(format!("support period ends {d}")),
                Err(_) => KeyState::Missing(format!("{} (given `{v}` is not YYYY-MM-DD)", describe_key(key))),
            }
        }
        "support.published_at" => nonempty(&e.support.published_at, key),
        "sbom.location" => nonempty(&e.sbom.location, key),
        "updates.signing" => nonempty(&e.updates.signing, key),
        "updates.delivery" => nonempty(&e.updates.delivery, key),
        _ => KeyState::Missing(format!("unknown evidence key {key}")),
    }
}

fn decide_requirement(cat: &Catalog, req: &Requirement, ctx: &Ctx<'_>) -> Assessment {
    if !req.tree.is_empty() {
        return crate::tree::decide(cat, req, ctx);
    }
    let mut a = Assessment {
        standard: cat.id.clone(),
        requirement: req.id.clone(),
        title: req.title.clone(),
        verdict: Verdict::NeedsEvidence,
        reasons: vec![],
        findings: vec![],
        evidence: vec![],
        path: vec![],
    };
    let stmt = ctx.evidence.and_then(|e| e.statement(&cat.id, &req.id));

    // 1. what breaks it: findings, vulnerabilities, evidence that is present but wrong
    let mut broken = Vec::new();
    let mut rule_ids = Vec::new();
    if req.has_automatic_part() {
        for f in ctx.input.findings {
            if req.matches(f) {
                broken.push(finding_line(f));
                rule_ids.push(f.rule.clone());
            }
        }
        for v in ctx.input.vulnerabilities.iter().filter(|v| vuln_counts(v, req)) {
            broken.push(format!(
                "{} in {} {} (severity {}{})",
                v.id,
                v.component.name,
                v.component.version,
                v.severity.as_str(),
                if v.kev { ", known exploited" } else { "" }
            ));
            rule_ids.push(v.id.clone());
        }
    }
    let mut satisfied = Vec::new();
    let mut missing = Vec::new();
    for k in &req.evidence_keys {
        match key_state(k, ctx) {
            KeyState::Satisfied(s) => satisfied.push(s),
            KeyState::Missing(s) => missing.push(s),
            KeyState::Broken(s) => {
                broken.push(s);
                rule_ids.push(format!("evidence.{k}"));
            }
        }
    }
    if !broken.is_empty() {
        a.verdict = Verdict::Fail;
        a.reasons = broken;
        if let Some(s) = stmt {
            a.reasons.push(format!(
                "the vendor's `{}` statement is contradicted by the findings above",
                match s.status {
                    StatementStatus::Met => "met",
                    StatementStatus::NotApplicable => "not-applicable",
                }
            ));
        }
        rule_ids.sort();
        rule_ids.dedup();
        a.findings = rule_ids;
        a.evidence = satisfied;
        return a;
    }

    // 2. justified as not applicable
    if let Some(s) = stmt {
        if s.status == StatementStatus::NotApplicable {
            if s.justification.trim().is_empty() {
                missing.push("the not-applicable statement has no justification".into());
            } else {
                a.verdict = Verdict::NotApplicable;
                a.reasons.push(format!("vendor justification: {}", s.justification.trim()));
                a.evidence.push("statement: not-applicable".into());
                return a;
            }
        }
    }

    // 3. what the automatic checks covered
    let mut checked = Vec::new();
    let mut uninspectable = Vec::new();
    if req.has_automatic_part() {
        for k in &req.kinds {
            match ctx.coverage.describe(*k) {
                Some(scope) => checked.push(format!("no {} finding over {scope}", k.as_str())),
                None => uninspectable.push(k.as_str()),
            }
        }
        for r in &req.rules {
            checked.push(format!("rule {r}: no finding"));
        }
        if req.vulns.is_some() {
            checked.push(format!(
                "no qualifying known vulnerability among {} component(s) ({} vulnerability match(es) in all)",
                ctx.input.components.len(),
                ctx.input.vulnerabilities.len()
            ));
        }
    }
    if !uninspectable.is_empty() {
        missing.push(format!(
            "the image holds nothing the {} check(s) could inspect: a statement showing how the requirement is met",
            uninspectable.join(", ")
        ));
    }

    // 4. vendor part
    let mut vendor_ok = !req.needs_vendor();
    if req.needs_vendor() {
        if req.evidence_keys.is_empty() {
            match stmt {
                Some(s) if s.status == StatementStatus::Met && !s.description.trim().is_empty() => {
                    let absent: Vec<&String> =
                        s.attachments.iter().filter(|p| !ctx.evidence.is_some_and(|e| e.resolve(p).exists())).collect();
                    if absent.is_empty() {
                        vendor_ok = true;
                        satisfied.push(format!("statement: met - {}", s.description.trim()));
                        satisfied.extend(s.attachments.iter().map(|p| format!("attachment: {p}")));
                    } else {
                        missing.push(format!(
                            "attachment(s) not found: {}",
                            absent.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        ));
                    }
                }
                Some(s) if s.status == StatementStatus::Met => {
                    missing.push("the `met` statement has no description".into())
                }
                _ => missing.push(format!(
                    "a [[statement]] for {}:{} with status = \"met\", a description{}",
                    cat.id,
                    req.id,
                    if req.supply.is_empty() { String::new() } else { format!(" of {}", req.supply) }
                )),
            }
        } else if missing.is_empty() {
            vendor_ok = true;
            if let Some(s) = stmt.filter(|s| s.status == StatementStatus::Met) {
                satisfied.push(format!("statement: met - {}", s.description.trim()));
            }
        }
    }
    a.evidence = satisfied;
    if vendor_ok && missing.is_empty() {
        a.verdict = Verdict::Pass;
        a.reasons = checked;
        if a.reasons.is_empty() {
            a.reasons.push("vendor evidence supplied".into());
        }
    } else {
        a.verdict = Verdict::NeedsEvidence;
        if req.assessment == Method::Both && !checked.is_empty() {
            a.reasons.push("firmware checks found nothing against it, but they cannot show all of it".into());
        }
        a.reasons.extend(checked);
        a.reasons.extend(missing.into_iter().map(|m| format!("supply: {m}")));
        if !req.supply.is_empty() && !req.evidence_keys.is_empty() {
            a.reasons.push(format!("what is needed: {}", req.supply));
        }
    }
    a
}
