//! X.509 certificate inventory; expired and self-signed device certificates.

use crate::rule::{reqs, RuleMeta};
use fwassure_model::{FileRef, FindingKind, Severity};

/// A certificate past its notAfter date.
pub const EXPIRED: RuleMeta = RuleMeta {
    id: "crypto.expired-certificate",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Low,
    cwe: "CWE-298",
    title: "Certificate has expired",
    remediation: "Renew the certificate and provide a way to update it in the field.",
    requirements: reqs::CERTIFICATE,
};

/// A self-signed device certificate (informational).
pub const SELF_SIGNED: RuleMeta = RuleMeta {
    id: "crypto.self-signed-certificate",
    kind: FindingKind::WeakCrypto,
    severity: Severity::Info,
    cwe: "CWE-295",
    title: "Self-signed device certificate (clients cannot authenticate the device)",
    remediation: "Issue device certificates from a CA the clients trust, unique per device.",
    requirements: reqs::CERTIFICATE,
};

/// Rules of this check.
pub const RULES: &[RuleMeta] = &[EXPIRED, SELF_SIGNED];

use crate::keys::pem_blocks;
use crate::rule::At;
use crate::{checks::Check, ChecksOutput, Ctx, FileFacts};
use serde_json::json;
use x509_parser::prelude::*;

/// The certificates check.
pub struct Certificates;

/// At most this many certificates are listed in the inventory.
pub const MAX_INVENTORY: usize = 1000;

/// One certificate of the inventory.
#[derive(Debug, Clone)]
struct Cert {
    layer: String,
    path: String,
    subject: String,
    issuer: String,
    not_before: i64,
    not_after: i64,
    key_type: &'static str,
    key_bits: Option<u32>,
    self_signed: bool,
    ca: bool,
    sha256: String,
}

fn parse(der: &[u8], layer: &str, path: &str) -> Option<Cert> {
    let (rest, c) = X509Certificate::from_der(der).ok()?;
    if !rest.is_empty() && rest.len() > 16 {
        return None;
    }
    let spki = &c.tbs_certificate.subject_pki;
    let alg = spki.algorithm.algorithm.to_id_string();
    let (key_type, key_bits) = match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(r)) => ("rsa", Some(r.key_size() as u32)),
        Ok(x509_parser::public_key::PublicKey::EC(e)) => ("ec", Some(e.key_size() as u32)),
        Ok(x509_parser::public_key::PublicKey::DSA(_)) => ("dsa", None),
        _ => match alg.as_str() {
            "1.3.101.112" => ("ed25519", Some(256)),
            "1.3.101.113" => ("ed448", Some(456)),
            _ => ("unknown", None),
        },
    };
    let ca = matches!(c.basic_constraints(), Ok(Some(bc)) if bc.value.ca);
    Some(Cert {
        layer: layer.into(),
        path: path.into(),
        subject: c.subject().to_string(),
        issuer: c.issuer().to_string(),
        not_before: c.validity().not_before.timestamp(),
        not_after: c.validity().not_after.timestamp(),
        key_type,
        key_bits,
        self_signed: c.subject().as_raw() == c.issuer().as_raw(),
        ca,
        sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(der)),
    })
}

fn certs_in(data: &[u8], layer: &str, path: &str) -> Vec<Cert> {
    let mut v: Vec<Cert> = pem_blocks(data)
        .iter()
        .filter(|b| b.label == "CERTIFICATE" || b.label == "X509 CERTIFICATE" || b.label == "TRUSTED CERTIFICATE")
        .filter_map(|b| parse(&b.body, layer, path))
        .collect();
    if v.is_empty() && data.len() < (64 << 10) && data.starts_with(&[0x30, 0x82]) {
        v.extend(parse(data, layer, path));
    }
    v
}

fn rfc3339(ts: i64) -> String {
    ASN1Time::from_timestamp(ts).map(|t| t.to_string()).unwrap_or_else(|_| ts.to_string())
}

impl Check for Certificates {
    fn id(&self) -> &'static str {
        "certificates"
    }
    fn rules(&self) -> &'static [RuleMeta] {
        RULES
    }
    fn scan_file(&self, f: &FileRef<'_>) -> Option<FileFacts> {
        if f.data.len() > (64 << 20) {
            return None;
        }
        let certs = certs_in(f.data, &f.layer.id, f.path);
        (!certs.is_empty()).then(|| Box::new(certs) as FileFacts)
    }
    fn run(&self, ctx: &Ctx<'_>) -> ChecksOutput {
        let now = ctx.opts.now.unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        });
        let certs: Vec<Cert> = ctx.scanned::<Vec<Cert>>(self).into_iter().flat_map(|(_, c)| c).collect();
        let mut out = ChecksOutput::default();
        let mut per_file = std::collections::BTreeMap::<(&str, &str), usize>::new();
        for c in &certs {
            *per_file.entry((c.layer.as_str(), c.path.as_str())).or_default() += 1;
        }
        for c in &certs {
            // trust stores (bundles, CA directories) are not device certificates
            let bundle = per_file.get(&(c.layer.as_str(), c.path.as_str())).copied().unwrap_or(0) > 1;
            let ca_store = c.path.contains("ca-certificates")
                || (c.ca && (c.path.starts_with("/etc/ssl/certs/") || c.path.starts_with("/usr/share/")));
            if bundle || ca_store {
                continue;
            }
            let at = At::new(&c.layer, &c.path);
            let ev = format!(
                "{}: subject {}, issuer {}, valid until {}, sha256 {}",
                c.path,
                c.subject,
                c.issuer,
                rfc3339(c.not_after),
                c.sha256
            );
            if c.not_after < now {
                out.findings.push(EXPIRED.finding(
                    at.clone(),
                    "expired-certificate",
                    format!("Certificate '{}' expired on {}.", c.subject, rfc3339(c.not_after)),
                    ev.clone(),
                ));
            }
            if c.self_signed {
                out.findings.push(
                    SELF_SIGNED
                        .finding(
                            at.clone(),
                            "self-signed-certificate",
                            format!("Device certificate '{}' is self-signed.", c.subject),
                            ev.clone(),
                        )
                        .with_fingerprint(format!("sha256-certificate:{}", c.sha256)),
                );
            }
            if let ("rsa" | "dsa", Some(b)) = (c.key_type, c.key_bits) {
                if b < 2048 {
                    out.findings.push(super::private_keys::WEAK_KEY.finding(
                        at,
                        &format!("{}-{b}", c.key_type),
                        format!("Certificate '{}' has a {b}-bit {} key.", c.subject, c.key_type),
                        ev,
                    ));
                }
            }
        }
        let inv: Vec<_> = certs
            .iter()
            .take(MAX_INVENTORY)
            .map(|c| {
                json!({
                    "layer": c.layer, "path": c.path, "subject": c.subject, "issuer": c.issuer,
                    "not_before": rfc3339(c.not_before), "not_after": rfc3339(c.not_after),
                    "expired": c.not_after < now, "key_type": c.key_type, "key_bits": c.key_bits,
                    "self_signed": c.self_signed, "ca": c.ca, "sha256": c.sha256,
                })
            })
            .collect();
        if !inv.is_empty() {
            out.extra.insert(
                "certificates".into(),
                json!({"count": certs.len(), "truncated": certs.len() > MAX_INVENTORY, "certificates": inv}),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckOptions;
    use fwassure_model::{Node, Tree, Vfs};

    fn td(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn run(now: i64) -> ChecksOutput {
        let mut t = Tree::new();
        t.insert("etc/ssl/cert.pem", Node::file(td("selfsigned-rsa1024.pem"))).unwrap();
        t.insert("etc/ssl/cert.der", Node::file(td("selfsigned-rsa1024.der"))).unwrap();
        t.insert("etc/ssl/key.pem", Node::file(td("ec-pkcs8.pem"))).unwrap();
        let vfs = Vfs::from_tree("squashfs", t);
        let opts = CheckOptions { now: Some(now), ..CheckOptions::default() };
        Certificates.run(&Ctx::new(&vfs, &[], &opts))
    }

    #[test]
    fn inventory_and_expiry() {
        let o = run(1_700_000_000); // 2023: the test certificate is not yet valid, not expired
        let inv = &o.extra["certificates"];
        assert_eq!(inv["count"], 2);
        assert_eq!(inv["certificates"][0]["subject"], "CN=device.local");
        assert_eq!(inv["certificates"][0]["key_bits"], 1024);
        assert_eq!(inv["certificates"][0]["self_signed"], true);
        let mut s: Vec<_> = o.findings.iter().map(|f| f.subject.as_str()).collect();
        s.sort();
        s.dedup();
        assert_eq!(s, vec!["rsa-1024", "self-signed-certificate"]);
        assert!(o.findings.iter().all(|f| f.kind == FindingKind::WeakCrypto));
        let o = run(4_000_000_000); // 2096: expired
        assert!(o.findings.iter().any(|f| f.subject == "expired-certificate"));
        assert_eq!(o.extra["certificates"]["certificates"][1]["expired"], true);
    }
}
