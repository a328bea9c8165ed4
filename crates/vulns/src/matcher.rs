//! Matching components to records: by product key (CPE vendor:product through the alias table, purl), then by
//! version against exact versions and ranges with the firmware comparator.

use std::collections::BTreeSet;

use fwassure_model::vuln::ComponentRef;
use fwassure_model::{Component, Confidence, Severity, VulnMatch, VulnStatus, Vulnerability};

use crate::keys::{component_keys, Purl};
use crate::record::{Affected, Record};
use crate::version::Version;
use crate::Database;

/// The highest severity a match of a [`Confidence::Low`] component is reported with.
pub const LOW_CONFIDENCE_CAP: Severity = Severity::Medium;

/// Versions that cannot be compared.
fn unusable(v: &str) -> bool {
    let v = v.trim();
    v.is_empty() || v == "*" || v == "-" || v.eq_ignore_ascii_case("unknown") || !v.bytes().any(|b| b.is_ascii_digit())
}

/// Match every component against the database. Output is sorted by component name, version, then id.
pub fn match_components(db: &Database, components: &[Component]) -> Vec<Vulnerability> {
    let mut out = Vec::new();
    for c in components {
        if unusable(&c.version) {
            continue;
        }
        let keys = component_keys(c);
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut consider = |r: &Record, out: &mut Vec<Vulnerability>, starter: bool| {
            if seen.contains(&r.id) || r.aliases.iter().any(|a| seen.contains(a)) {
                return;
            }
            if let Some(v) = match_record(c, &keys, r, starter) {
                seen.insert(r.id.clone());
                seen.extend(r.aliases.iter().cloned());
                out.push(v);
            }
        };
        // Imported stores first: they are fuller and newer than the starter set.
        for store in &db.stores {
            for k in &keys {
                for r in store.records_for(k).unwrap_or_default() {
                    consider(&r, &mut out, false);
                }
            }
        }
        if db.use_starter {
            let s = crate::starter::starter();
            for k in &keys {
                for &i in s.index.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                    consider(&s.records[i], &mut out, true);
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.component.name, Version::parse(&a.component.version), &a.id).cmp(&(
            &b.component.name,
            Version::parse(&b.component.version),
            &b.id,
        ))
    });
    out
}

/// The version a component has in an affected entry's scheme: upstream, or the distro package version for
/// distro ecosystems (only when the component's purl names that distro's package).
fn version_for(c: &Component, a: &Affected) -> Option<String> {
    let Some(eco) = &a.ecosystem else { return Some(c.version.clone()) };
    let p = c.purl.as_deref().and_then(Purl::parse)?;
    if p.key() != a.product {
        return None;
    }
    if let Some(release) = eco.split_once(':').map(|(_, r)| r.trim_start_matches('v')) {
        if !p.distro.is_empty() && !release.is_empty() && !p.distro.contains(release) {
            return None;
        }
    }
    let v = if p.version.is_empty() { c.package_version.clone()? } else { p.version };
    Some(v)
}

fn match_record(c: &Component, keys: &[String], r: &Record, starter: bool) -> Option<Vulnerability> {
    let mut hit: Option<(&Affected, String, Vec<String>)> = None;
    for a in r.affected.iter().filter(|a| keys.binary_search(&a.product).is_ok()) {
        let Some(ver) = version_for(c, a) else { continue };
        let v = Version::parse(&ver);
        if let Some(exact) = a.versions.iter().find(|x| Version::parse(x) == v) {
            hit = Some((a, format!("={exact}"), vec![]));
            break;
        }
        if let Some(range) = a.ranges.iter().find(|rg| rg.contains(&v)) {
            let fixed = range.fixed.iter().cloned().collect();
            hit = Some((a, range.describe(), fixed));
            break;
        }
    }
    let (a, range, mut fixed_in) = hit?;
    // Other fixed versions of the same product line that are newer than the component help choose an upgrade.
    fixed_in.sort();
    fixed_in.dedup();
    let (score, severity, vector) = match crate::severity::from_vectors(&r.cvss) {
        Some((s, sev, vec)) => (Some(s), sev, Some(vec)),
        None => match r.score {
            Some(s) => (Some(s), crate::severity::from_score(s), None),
            None => {
                (None, r.severity.as_deref().and_then(crate::severity::from_word).unwrap_or(Severity::Medium), None)
            }
        },
    };
    let (method, on) = match a.product.split_once(':') {
        Some((m, rest)) => (m.to_string(), rest.to_string()),
        None => ("cpe".to_string(), a.product.clone()),
    };
    let mut notes = Vec::new();
    // a component named by weak evidence alone (a lone banner string, a file name) does not by itself
    // make a high-severity match: the severity is capped and the reason stated
    let severity = if c.confidence == Confidence::Low && severity > LOW_CONFIDENCE_CAP {
        notes.push(format!(
            "the component was identified with low confidence (e.g. a lone banner string): severity {} capped at {}",
            severity.as_str(),
            LOW_CONFIDENCE_CAP.as_str()
        ));
        LOW_CONFIDENCE_CAP
    } else {
        severity
    };
    if a.ecosystem.is_none() {
        if let Some(pv) = &c.package_version {
            notes.push(format!(
                "upstream version range matched; the distribution package {pv} may carry a backported fix"
            ));
        }
    }
    notes.push(format!("source: {}", r.source));
    if starter {
        notes.push("from the bundled starter database (partial)".to_string());
    }
    let mut aliases = r.aliases.clone();
    aliases.sort();
    aliases.dedup();
    Some(Vulnerability {
        id: r.id.clone(),
        aliases,
        component: ComponentRef { name: c.name.clone(), version: c.version.clone() },
        severity,
        score,
        vector,
        fixed_in,
        status: VulnStatus::Affected,
        justification: None,
        reviewed: false,
        matched: VulnMatch { method, on, range, notes },
        kev: r.kev,
        cwe: r.cwe.clone(),
        references: r.references.clone(),
        published: r.published.as_ref().map(|p| p.chars().take(10).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwassure_model::ComponentSource;

    fn openssh(confidence: Confidence) -> Component {
        Component {
            name: "openssh".into(),
            version: "3.4p1".into(),
            purl: None,
            cpe: Some("cpe:2.3:a:openbsd:openssh:3.4p1:*:*:*:*:*:*:*".into()),
            source: ComponentSource::Binary,
            confidence,
            package_version: None,
            license: None,
            supplier: None,
            evidence: vec![],
        }
    }

    #[test]
    fn low_confidence_components_do_not_give_high_severity_alone() {
        let db = Database::starter_only();
        let high = match_components(&db, &[openssh(Confidence::High)]);
        assert!(high.iter().any(|v| v.severity > LOW_CONFIDENCE_CAP), "the starter set has a severe OpenSSH 3.4p1 CVE");
        let low = match_components(&db, &[openssh(Confidence::Low)]);
        // the same records match, none above the cap, the capped ones say why
        assert_eq!(low.iter().map(|v| &v.id).collect::<Vec<_>>(), high.iter().map(|v| &v.id).collect::<Vec<_>>());
        for (l, h) in low.iter().zip(&high) {
            assert!(l.severity <= LOW_CONFIDENCE_CAP, "{}", l.id);
            let noted = l.matched.notes.iter().any(|n| n.contains("low confidence"));
            assert_eq!(noted, h.severity > LOW_CONFIDENCE_CAP, "{}", l.id);
        }
        // medium confidence is not capped
        let medium = match_components(&db, &[openssh(Confidence::Medium)]);
        assert_eq!(
            medium.iter().map(|v| v.severity).collect::<Vec<_>>(),
            high.iter().map(|v| v.severity).collect::<Vec<_>>()
        );
    }
}
