//! The IoTSF assurance class (0–4) from the risk-assessment impact answers.

use serde::Serialize;

use crate::evidence::{Impact, ImpactAnswers, PersonalData};

/// The class to assess at, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassDecision {
    /// Class 0–4.
    pub class: u8,
    /// Where it came from: `command line`, `impact answers`, `default`.
    pub source: String,
    /// The reasoning, one step per line.
    pub reasons: Vec<String>,
}

/// Derive the class from the answers. Our reading of the framework's class definitions: 0 little impact,
/// 1 limited impact, 2 adds significant availability impact or impact on many people, 3 adds sensitive
/// personal data, 4 critical infrastructure or risk of injury. The wording of classes 3–4 should be
/// confirmed against the framework edition in use.
pub fn class_from_impact(a: &ImpactAnswers) -> ClassDecision {
    let mut class = 0u8;
    let mut reasons = Vec::new();
    let mut raise = |c: u8, why: String, reasons: &mut Vec<String>| {
        reasons.push(format!("{why} -> class {c} or above"));
        class = class.max(c);
    };
    let cia = [("confidentiality", a.confidentiality), ("integrity", a.integrity), ("availability", a.availability)];
    for (name, v) in cia {
        match v {
            Impact::None => {}
            Impact::Limited => raise(1, format!("{name} impact is limited"), &mut reasons),
            Impact::Significant => {
                let c = if name == "confidentiality" { 3 } else { 2 };
                raise(c, format!("{name} impact is significant"), &mut reasons)
            }
            Impact::Severe => raise(4, format!("{name} impact is severe"), &mut reasons),
        }
    }
    match a.personal_data {
        PersonalData::None => {}
        PersonalData::Personal => raise(1, "the product handles personal data".into(), &mut reasons),
        PersonalData::Sensitive => raise(3, "the product handles sensitive personal data".into(), &mut reasons),
    }
    if a.many_people {
        raise(2, "a compromise would affect many people".into(), &mut reasons);
    }
    if a.critical_infrastructure {
        raise(4, "the product is used in critical infrastructure".into(), &mut reasons);
    }
    if a.personal_injury {
        raise(4, "a compromise could cause personal injury".into(), &mut reasons);
    }
    if reasons.is_empty() {
        reasons.push("every impact answer is `none`: little discernible impact -> class 0".into());
    }
    reasons.push(format!("assurance class {class} (the highest class any answer requires)"));
    ClassDecision { class, source: "impact answers".into(), reasons }
}

/// Decide the class: the command line wins, then the evidence file's answers, then class 1 (the minimum
/// the framework sets for consumer IoT baseline alignment).
pub fn decide(cli: Option<u8>, answers: Option<&ImpactAnswers>) -> ClassDecision {
    if let Some(c) = cli {
        let c = c.min(4);
        return ClassDecision {
            class: c,
            source: "command line".into(),
            reasons: vec![format!("class {c} given with --class")],
        };
    }
    if let Some(a) = answers {
        return class_from_impact(a);
    }
    ClassDecision {
        class: 1,
        source: "default".into(),
        reasons: vec!["no impact answers supplied: class 1, the minimum for consumer IoT baseline alignment".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class_from_impact(&ImpactAnswers::default()).class, 0);
        let mut a = ImpactAnswers { integrity: Impact::Limited, ..Default::default() };
        assert_eq!(class_from_impact(&a).class, 1);
        a.availability = Impact::Significant;
        assert_eq!(class_from_impact(&a).class, 2);
        a.personal_data = PersonalData::Sensitive;
        assert_eq!(class_from_impact(&a).class, 3);
        a.personal_injury = true;
        let d = class_from_impact(&a);
        assert_eq!(d.class, 4);
        assert!(d.reasons.iter().any(|r| r.contains("injury")));
    }

    #[test]
    fn precedence() {
        let a = ImpactAnswers { availability: Impact::Severe, ..Default::default() };
        assert_eq!(decide(Some(2), Some(&a)).class, 2);
        assert_eq!(decide(None, Some(&a)).class, 4);
        assert_eq!(decide(None, None).class, 1);
    }
}
