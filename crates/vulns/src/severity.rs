//! CVSS vectors (v2, v3.0, v3.1, v4.0) to score and severity, with the `cvss` crate (RustSec).

use std::str::FromStr;

use fwassure_model::Severity;

/// Score and severity of the first vector that parses, with that vector.
pub fn from_vectors(vectors: &[String]) -> Option<(f64, Severity, String)> {
    vectors.iter().find_map(|v| {
        let c = cvss::Cvss::from_str(v.trim()).ok()?;
        let score = (c.score() * 10.0).round() / 10.0;
        Some((score, from_cvss(c.severity()), v.trim().to_string()))
    })
}

fn from_cvss(s: cvss::Severity) -> Severity {
    match s {
        cvss::Severity::None => Severity::Info,
        cvss::Severity::Low => Severity::Low,
        cvss::Severity::Medium => Severity::Medium,
        cvss::Severity::High => Severity::High,
        cvss::Severity::Critical => Severity::Critical,
    }
}

/// Severity of a CVSS v3/v4 base score.
pub fn from_score(score: f64) -> Severity {
    match score {
        s if s >= 9.0 => Severity::Critical,
        s if s >= 7.0 => Severity::High,
        s if s >= 4.0 => Severity::Medium,
        s if s > 0.0 => Severity::Low,
        _ => Severity::Info,
    }
}

/// Severity of a word (`CRITICAL`, `HIGH`, `MODERATE`, `MEDIUM`, `LOW`).
pub fn from_word(w: &str) -> Option<Severity> {
    Some(match w.to_ascii_lowercase().as_str() {
        "critical" => Severity::Critical,
        "high" | "important" => Severity::High,
        "moderate" | "medium" => Severity::Medium,
        "low" => Severity::Low,
        "none" | "negligible" | "unimportant" => Severity::Info,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors() {
        let v = vec!["bogus".to_string(), "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".to_string()];
        let (score, sev, vec) = from_vectors(&v).unwrap();
        assert_eq!(score, 9.8);
        assert_eq!(sev, Severity::Critical);
        assert!(vec.starts_with("CVSS:3.1"));
        let (s4, sev4, _) =
            from_vectors(&["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N".to_string()]).unwrap();
        assert_eq!(s4, 9.3);
        assert_eq!(sev4, Severity::Critical);
        let (s2, _, _) = from_vectors(&["AV:N/AC:L/Au:N/C:P/I:P/A:P".to_string()]).unwrap();
        assert_eq!(s2, 7.5);
        assert_eq!(from_score(5.3), Severity::Medium);
        assert_eq!(from_word("MODERATE"), Some(Severity::Medium));
    }
}
