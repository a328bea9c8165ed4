//! security.txt (RFC 9116) validation, and discovery inside the image's web roots.

use fwassure_model::Vfs;
use serde::Serialize;
use time::{format_description::well_known::Rfc3339, Date, Duration, OffsetDateTime};

/// Largest security.txt we read (the RFC has no limit; real files are a few hundred bytes).
const MAX_LEN: usize = 64 * 1024;

/// Web roots searched inside the image.
const WEB_ROOTS: &[&str] = &[
    "",
    "/www",
    "/var/www",
    "/var/www/html",
    "/usr/share/www",
    "/srv/www",
    "/srv/http",
    "/htdocs",
    "/usr/www",
    "/web",
    "/usr/share/nginx/html",
    "/etc/www",
];

/// A security.txt and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityTxtReport {
    /// Where it came from (`image L1:/www/.well-known/security.txt`, `evidence file`).
    pub origin: String,
    /// Contact URIs.
    pub contacts: Vec<String>,
    /// Expires value as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Policy URIs.
    pub policies: Vec<String>,
    /// Canonical URIs.
    pub canonical: Vec<String>,
    /// An OpenPGP cleartext signature wraps the file.
    pub signed: bool,
    /// Errors: the file does not meet RFC 9116 (or has expired).
    pub errors: Vec<String>,
    /// Warnings: allowed but not advised.
    pub warnings: Vec<String>,
}

impl SecurityTxtReport {
    /// True when there are no errors.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

fn web_uri_ok(uri: &str) -> bool {
    uri.starts_with("https://")
}

/// Validate security.txt text as of `today`.
pub fn validate(origin: &str, text: &str, today: Date) -> SecurityTxtReport {
    let mut r = SecurityTxtReport {
        origin: origin.to_string(),
        contacts: vec![],
        expires: None,
        policies: vec![],
        canonical: vec![],
        signed: false,
        errors: vec![],
        warnings: vec![],
    };
    let mut body = text;
    if text.len() > MAX_LEN {
        r.errors.push(format!("file is larger than {MAX_LEN} bytes"));
        body = "";
    }
    let signed_start = body.trim_start().starts_with("-----BEGIN PGP SIGNED MESSAGE-----");
    if signed_start {
        if body.contains("-----BEGIN PGP SIGNATURE-----") && body.contains("-----END PGP SIGNATURE-----") {
            r.signed = true;
        } else {
            r.errors.push("OpenPGP cleartext signature is incomplete".into());
        }
    }
    let mut expires_count = 0;
    let mut langs = 0;
    let mut in_sig = false;
    let mut in_header = signed_start;
    for raw in body.lines() {
        let line = raw.trim_end_matches('\r');
        if line.starts_with("-----BEGIN PGP SIGNED MESSAGE-----") {
            continue;
        }
        if in_header {
            // armor headers (`Hash: SHA256`) end at the first empty line
            if line.trim().is_empty() {
                in_header = false;
            }
            continue;
        }
        if line.starts_with("-----BEGIN PGP SIGNATURE-----") {
            in_sig = true;
            continue;
        }
        if in_sig {
            continue;
        }
        // dash-escaped lines in a signed message
        let line = line.strip_prefix("- ").unwrap_or(line);
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((name, value)) = t.split_once(':') else {
            r.warnings.push(format!("line is not `Field: value`: {}", clip(t)));
            continue;
        };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "contact" => {
                if !(value.starts_with("mailto:") || value.starts_with("tel:") || value.starts_with("https://")) {
                    r.errors.push(format!("Contact must be a mailto:, tel: or https: URI: {}", clip(&value)));
                }
                r.contacts.push(value);
            }
            "expires" => {
                expires_count += 1;
                match OffsetDateTime::parse(&value, &Rfc3339) {
                    Ok(dt) => {
                        let d = dt.to_offset(time::UtcOffset::UTC).date();
                        if d < today {
                            r.errors.push(format!("expired on {value}"));
                        } else if d > today + Duration::days(366) {
                            r.warnings.push(format!("Expires {value} is more than a year ahead"));
                        }
                    }
                    Err(_) => r.errors.push(format!("Expires is not an RFC 3339 date-time: {}", clip(&value))),
                }
                r.expires = Some(value);
            }
            "policy" => {
                if !web_uri_ok(&value) {
                    r.errors.push(format!("Policy must be an https URI: {}", clip(&value)));
                }
                r.policies.push(value);
            }
            "canonical" => {
                if !web_uri_ok(&value) {
                    r.errors.push(format!("Canonical must be an https URI: {}", clip(&value)));
                }
                r.canonical.push(value);
            }
            "acknowledgments" | "acknowledgements" | "hiring" | "csaf" if !web_uri_ok(&value) => {
                r.errors.push(format!("{} must be an https URI: {}", name.trim(), clip(&value)));
            }
            "encryption" => {
                if value.contains("BEGIN PGP PUBLIC KEY") {
                    r.errors.push("Encryption must be a URI to the key, not the key".into());
                } else if value.starts_with("http:") {
                    r.errors.push(format!("Encryption web URI must be https: {}", clip(&value)));
                }
            }
            "preferred-languages" => langs += 1,
            _ => {} // unknown fields are ignored (RFC 9116 §2.4)
        }
    }
    if r.contacts.is_empty() {
        r.errors.push("no Contact field".into());
    }
    match expires_count {
        0 => r.errors.push("no Expires field".into()),
        1 => {}
        n => r.errors.push(format!("Expires appears {n} times (exactly one allowed)")),
    }
    if langs > 1 {
        r.errors.push(format!("Preferred-Languages appears {langs} times (at most one allowed)"));
    }
    if r.signed && r.canonical.is_empty() {
        r.warnings.push("signed file without a Canonical field".into());
    }
    if !r.signed {
        r.warnings.push("not signed (an OpenPGP cleartext signature is recommended)".into());
    }
    r
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Find and validate every security.txt in the image's web roots. A `.well-known` copy takes precedence
/// over a legacy top-level one in the same root.
pub fn find_in_image(vfs: &Vfs, today: Date) -> Vec<SecurityTxtReport> {
    let mut out = Vec::new();
    for layer in vfs.filesystems() {
        let Some(tree) = layer.tree.as_ref() else { continue };
        for root in WEB_ROOTS {
            for rel in ["/.well-known/security.txt", "/security.txt"] {
                let path = format!("{root}{rel}");
                if let Some(data) = tree.read(&path) {
                    let text = String::from_utf8_lossy(&data[..data.len().min(MAX_LEN + 1)]);
                    out.push(validate(&format!("image {}:{path}", layer.id), &text, today));
                    break; // the .well-known copy wins
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fwassure_model::{Node, Tree};
    use time::macros::date;

    const TODAY: Date = date!(2026 - 06 - 01);

    #[test]
    fn valid_file() {
        let t = "# hi\nContact: mailto:security@example.com\nContact: https://example.com/report\nExpires: 2026-12-31T23:00:00Z\nPolicy: https://example.com/policy\nPreferred-Languages: en, de\nX-Unknown: whatever\n";
        let r = validate("t", t, TODAY);
        assert!(r.is_valid(), "{:?}", r.errors);
        assert_eq!(r.contacts.len(), 2);
        assert_eq!(r.policies, vec!["https://example.com/policy".to_string()]);
        assert!(!r.signed);
    }

    #[test]
    fn expired_and_missing() {
        let r = validate("t", "Contact: mailto:a@b.c\nExpires: 2025-01-01T00:00:00Z\n", TODAY);
        assert!(r.errors.iter().any(|e| e.contains("expired")), "{:?}", r.errors);
        let r = validate("t", "Policy: https://x/p\n", TODAY);
        assert!(r.errors.iter().any(|e| e.contains("no Contact")));
        assert!(r.errors.iter().any(|e| e.contains("no Expires")));
    }

    #[test]
    fn format_errors() {
        let t = "Contact: security@example.com\nExpires: tomorrow\nExpires: 2026-12-01T00:00:00Z\nPolicy: http://x/p\nPreferred-Languages: en\nPreferred-Languages: fr\n";
        let r = validate("t", t, TODAY);
        assert_eq!(r.errors.len(), 5, "{:?}", r.errors);
    }

    #[test]
    fn far_future_warns() {
        let r = validate("t", "Contact: tel:+441234\nExpires: 2030-01-01T00:00:00+02:00\n", TODAY);
        assert!(r.is_valid());
        assert!(r.warnings.iter().any(|w| w.contains("more than a year")));
    }

    #[test]
    fn signed_file() {
        let t = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b.c\nExpires: 2026-12-01T00:00:00Z\nCanonical: https://example.com/.well-known/security.txt\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n";
        let r = validate("t", t, TODAY);
        assert!(r.signed);
        assert!(r.is_valid(), "{:?}", r.errors);
        assert_eq!(r.canonical.len(), 1);
    }

    #[test]
    fn found_in_web_root() {
        let mut t = Tree::new();
        t.insert(
            "www/.well-known/security.txt",
            Node::file(&b"Contact: mailto:a@b.c\nExpires: 2020-01-01T00:00:00Z\n"[..]),
        )
        .unwrap();
        t.insert("www/security.txt", Node::file(&b"garbage"[..])).unwrap();
        t.insert("srv/www/security.txt", Node::file(&b"Contact: mailto:a@b.c\nExpires: 2026-07-01T00:00:00Z\n"[..]))
            .unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let found = find_in_image(&vfs, TODAY);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].origin, "image L0:/www/.well-known/security.txt");
        assert!(!found[0].is_valid());
        assert!(found[1].is_valid());
    }
}
