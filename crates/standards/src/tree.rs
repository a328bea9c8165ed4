//! Decision trees: a requirement whose standard decides it by a tree of yes/no questions (EN 18031) is
//! decided by walking that tree, and the verdict records the path taken with what answered each node.
//!
//! A node is answered by the image (a finding of its kinds or rules, or a qualifying vulnerability, means
//! "yes"; none over content the checks could inspect means "no"), by the vendor (an `[[answer]]` with a reason
//! in the evidence file, or the node's evidence key), or by the image where it shows something and the vendor
//! otherwise. The walk stops at the first node nobody can answer: the verdict is then `needs-evidence`, and the
//! reasons name the node and what would answer it. A finding always outranks a vendor answer.
//!
//! Example (EN 18031 AUM-5-1, an image with `root:admin` in `/etc/shadow`):
//!
//! ```text
//! N1 Does the equipment authenticate with passwords? -> yes (image: cred.default-password …)
//! N2 Is a password in the image a known default, or empty, on every unit? -> yes (image: …)
//! -> fail
//! ```

use fwassure_model::{Assessment, Verdict};

use crate::assess::{finding_line, key_state, Ctx, KeyState};
use crate::catalog::{Answerer, Catalog, Requirement, TreeNode, VulnCondition};
use crate::evidence::describe_key;

/// What answered a node.
struct Answer {
    yes: bool,
    by: String,
    /// Finding lines and rule ids behind a "yes" from the image.
    shown: Vec<String>,
    rule_ids: Vec<String>,
}

fn vuln_qualifies(v: &fwassure_model::Vulnerability, c: &VulnCondition) -> bool {
    matches!(v.status, fwassure_model::VulnStatus::Affected | fwassure_model::VulnStatus::UnderInvestigation)
        && (v.severity >= c.min_severity || (c.kev && v.kev))
}

/// What the image says: `Some(yes)` with its grounds, or `None` when it cannot tell.
fn from_image(node: &TreeNode, ctx: &Ctx<'_>) -> Option<Answer> {
    let mut shown = Vec::new();
    let mut rule_ids = Vec::new();
    for f in ctx.input.findings {
        if node.matches(f) {
            shown.push(finding_line(f));
            rule_ids.push(f.rule.clone());
        }
    }
    if let Some(c) = &node.vulns {
        for v in ctx.input.vulnerabilities.iter().filter(|v| vuln_qualifies(v, c)) {
            shown.push(format!(
                "{} in {} {} (severity {}{}{})",
                v.id,
                v.component.name,
                v.component.version,
                v.severity.as_str(),
                if v.kev { ", known exploited" } else { "" },
                if v.status == fwassure_model::VulnStatus::UnderInvestigation { ", under investigation" } else { "" }
            ));
            rule_ids.push(v.id.clone());
        }
    }
    if !shown.is_empty() {
        rule_ids.sort();
        rule_ids.dedup();
        let by = format!("image: {} finding(s)", shown.len());
        return Some(Answer { yes: true, by, shown, rule_ids });
    }
    if node.answered_by != Answerer::Image {
        return None;
    }
    let mut scope = Vec::new();
    for k in &node.kinds {
        scope.push(format!("no {} finding over {}", k.as_str(), ctx.coverage.describe(*k)?));
    }
    if !node.rules.is_empty() {
        scope.push(format!("no finding of {}", node.rules.join(", ")));
    }
    if node.vulns.is_some() {
        scope.push(format!(
            "no qualifying known vulnerability among {} component(s){}",
            ctx.input.components.len(),
            if ctx.input.vulnerabilities.is_empty() { "" } else { " (other matches are below the threshold or VEX'd)" }
        ));
    }
    Some(Answer { yes: false, by: format!("image: {}", scope.join("; ")), shown: vec![], rule_ids: vec![] })
}

/// What the vendor says, from an `[[answer]]` or the node's evidence key.
fn from_vendor(
    cat: &Catalog,
    req: &Requirement,
    node: &TreeNode,
    ctx: &Ctx<'_>,
    notes: &mut Vec<String>,
) -> Option<Answer> {
    if let Some(a) = ctx.evidence.and_then(|e| e.answer(&cat.id, &req.id, &node.id)) {
        let absent: Vec<&str> = a
            .attachments
            .iter()
            .filter(|p| !ctx.evidence.is_some_and(|e| e.resolve(p).exists()))
            .map(String::as_str)
            .collect();
        if a.reason.trim().is_empty() {
            notes.push(format!("the vendor's answer to {} has no reason, so it does not count", node.id));
        } else if !absent.is_empty() {
            notes.push(format!(
                "the vendor's answer to {} cites missing attachment(s): {}",
                node.id,
                absent.join(", ")
            ));
        } else {
            let mut by = format!("vendor: {}", a.reason.trim());
            if !a.attachments.is_empty() {
                by.push_str(&format!(" [{}]", a.attachments.join(", ")));
            }
            return Some(Answer { yes: a.answer, by, shown: vec![], rule_ids: vec![] });
        }
    }
    if node.key.is_empty() {
        return None;
    }
    match key_state(&node.key, ctx) {
        KeyState::Satisfied(s) => {
            Some(Answer { yes: true, by: format!("vendor evidence: {s}"), shown: vec![], rule_ids: vec![] })
        }
        KeyState::Broken(s) => {
            Some(Answer { yes: false, by: format!("vendor evidence: {s}"), shown: vec![], rule_ids: vec![] })
        }
        KeyState::Missing(_) => None,
    }
}

/// Decide a requirement by walking its tree.
pub(crate) fn decide(cat: &Catalog, req: &Requirement, ctx: &Ctx<'_>) -> Assessment {
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
    let mut notes = Vec::new();
    let mut node = &req.tree[0];
    for _ in 0..=req.tree.len() {
        let answer = match node.answered_by {
            Answerer::Vendor => from_vendor(cat, req, node, ctx, &mut notes),
            _ => from_image(node, ctx).or_else(|| from_vendor(cat, req, node, ctx, &mut notes)),
        };
        let Some(ans) = answer else {
            a.path.push(format!("{} {} -> unanswered", node.id, node.question));
            a.reasons.push(format!(
                "supply: an [[answer]] for {}:{} node {} ({}){}",
                cat.id,
                req.id,
                node.id,
                node.question,
                if node.key.is_empty() { String::new() } else { format!(", or {}", describe_key(&node.key)) }
            ));
            if !req.supply.is_empty() {
                a.reasons.push(format!("what is needed: {}", req.supply));
            }
            a.reasons.extend(notes);
            return a;
        };
        a.path.push(format!("{} {} -> {} ({})", node.id, node.question, if ans.yes { "yes" } else { "no" }, ans.by));
        if ans.by.starts_with("vendor") {
            a.evidence.push(format!("{}: {}", node.id, ans.by));
        }
        let next = if ans.yes { &node.yes } else { &node.no };
        let verdict = match next.as_str() {
            "pass" => Some(Verdict::Pass),
            "fail" => Some(Verdict::Fail),
            "not-applicable" => Some(Verdict::NotApplicable),
            id => {
                match req.tree.iter().find(|n| n.id == id) {
                    Some(n) => node = n,
                    None => {
                        a.reasons.push(format!("catalog error: node {id} does not exist"));
                        return a;
                    }
                }
                None
            }
        };
        if let Some(v) = verdict {
            a.verdict = v;
            a.path.push(format!("-> {}", v_str(v)));
            if v == Verdict::Fail {
                // the findings behind the answer that failed it (what earlier nodes showed is in the path)
                a.reasons.extend(ans.shown);
                a.findings = ans.rule_ids;
            }
            a.reasons.insert(0, format!("decision tree: {}", summary(&a.path)));
            a.reasons.extend(notes);
            return a;
        }
    }
    a.reasons.push("catalog error: the decision tree has a cycle".into());
    a
}

fn v_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::NeedsEvidence => "needs-evidence",
        Verdict::NotApplicable => "not-applicable",
    }
}

/// `N1 yes, N2 no -> pass`.
fn summary(path: &[String]) -> String {
    let steps: Vec<String> = path
        .iter()
        .filter(|p| !p.starts_with("->"))
        .map(|p| {
            let id = p.split(' ').next().unwrap_or("");
            let ans = if p.contains(" -> yes (") { "yes" } else { "no" };
            format!("{id} {ans}")
        })
        .collect();
    format!("{} {}", steps.join(", "), path.last().map(String::as_str).unwrap_or(""))
}
