//! Licence strings from package databases, classified for the SBOM formats: a valid SPDX licence expression
//! (every identifier on the SPDX licence list, or a `LicenseRef-`), or free text that must be carried as a
//! named licence (CycloneDX) or an extracted licensing info (SPDX).

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The SPDX licence and exception ids, from the vendored CycloneDX `spdx.schema.json` enumeration.
fn known_ids() -> &'static BTreeSet<String> {
    static IDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../schemas/spdx.schema.json")).unwrap_or(serde_json::Value::Null);
        v.get("enum")
            .and_then(|e| e.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str()).map(|s| s.to_ascii_lowercase()).collect())
            .unwrap_or_default()
    })
}

/// How a licence string can be written in an SBOM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum License {
    /// A valid SPDX licence expression (as given).
    Expression(String),
    /// Free text (e.g. `GPLv2`, `BSD-like`) that is not an SPDX expression.
    Text(String),
}

/// Classify a licence string. An expression is valid when its tokens are SPDX ids (a trailing `+` allowed),
/// `LicenseRef-`/`DocumentRef-` references, the operators `AND`, `OR`, `WITH`, and balanced parentheses,
/// in a well-formed order.
pub fn classify(s: &str) -> License {
    let t = s.trim();
    if is_expression(t) {
        License::Expression(t.to_string())
    } else {
        License::Text(t.to_string())
    }
}

fn is_expression(s: &str) -> bool {
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    if tokens.is_empty() {
        return false;
    }
    let ids = known_ids();
    // expecting an operand (id or '(') when true, an operator or ')' when false
    let mut want_operand = true;
    let mut after_with = false;
    let mut depth = 0usize;
    for tok in tokens {
        if want_operand {
            if tok == "(" && !after_with {
                depth += 1;
                continue;
            }
            if !is_id(tok, ids) {
                return false;
            }
            want_operand = false;
            after_with = false;
        } else {
            match tok {
                ")" => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
                "AND" | "OR" | "and" | "or" => want_operand = true,
                "WITH" | "with" => {
                    want_operand = true;
                    after_with = true;
                }
                _ => return false,
            }
        }
    }
    !want_operand && depth == 0
}

fn is_id(tok: &str, ids: &BTreeSet<String>) -> bool {
    let charset_ok = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if let Some(rest) = tok.strip_prefix("LicenseRef-") {
        return charset_ok(rest);
    }
    if let Some(rest) = tok.strip_prefix("DocumentRef-") {
        return rest.split_once(":LicenseRef-").is_some_and(|(a, b)| charset_ok(a) && charset_ok(b));
    }
    let base = tok.strip_suffix('+').unwrap_or(tok);
    charset_ok(base) && ids.contains(&base.to_ascii_lowercase())
}

/// A `LicenseRef-` id for free text: `LicenseRef-` and the text's letters, digits, `.` and `-` (others become `-`).
pub fn license_ref(text: &str) -> String {
    let body: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' }).collect();
    let body = body.trim_matches('-');
    format!("LicenseRef-{}", if body.is_empty() { "unknown" } else { body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_expressions_are_recognised() {
        for e in [
            "MIT",
            "GPL-2.0-only",
            "GPL-2.0+",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-or-later WITH Linux-syscall-note",
            "LicenseRef-foo",
        ] {
            assert_eq!(classify(e), License::Expression(e.to_string()), "{e}");
        }
    }

    #[test]
    fn free_text_is_not_an_expression() {
        for e in ["GPLv2", "BSD-like", "MIT AND", "(MIT", "MIT)", "GPL-2.0 OR OR MIT", "", "Public Domain"] {
            assert!(matches!(classify(e), License::Text(_)), "{e}");
        }
    }

    #[test]
    fn license_refs_are_valid_ids() {
        assert_eq!(license_ref("GPL v2 (or later)"), "LicenseRef-GPL-v2--or-later");
        assert!(matches!(classify(&license_ref("x y")), License::Expression(_)));
        assert_eq!(license_ref("   "), "LicenseRef-unknown");
    }
}
