//! A product's releases in order, and what changed from each to the next (`fleet diff`).

use fwassure_diff::{Diff, Side};
use fwassure_store::{ImageRow, Store};
use serde::Serialize;
use std::cmp::Ordering;

/// One release to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleaseStep {
    /// The earlier release.
    pub from: String,
    /// The later release.
    pub to: String,
    /// What changed (the `fwassure.diff/v1` document).
    pub diff: Diff,
}

/// A product's history as the store knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductHistory {
    /// Vendor.
    pub vendor: String,
    /// Product.
    pub product: String,
    /// The scanned releases in release order (natural order of the file names: 1.9 before 1.10).
    pub releases: Vec<ImageRow>,
    /// Each release to the next.
    pub steps: Vec<ReleaseStep>,
    /// Releases left out because their scan failed, by path.
    pub failed: Vec<String>,
}

/// Compares names so that digit runs count as numbers: `fw-1.9.bin` < `fw-1.10.bin`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let n = x.iter().take_while(|c| c.is_ascii_digit()).count();
                let m = y.iter().take_while(|c| c.is_ascii_digit()).count();
                let (p, q) = (&x[..n], &y[..m]);
                let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
                let (p, q) = (&p[strip(p)..], &q[strip(q)..]);
                let ord = p.len().cmp(&q.len()).then_with(|| p.cmp(q));
                if ord != Ordering::Equal {
                    return ord;
                }
                x = &x[n..];
                y = &y[m..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

/// Every (vendor, product) in the store with its number of images, sorted.
pub async fn products(store: &Store) -> Result<Vec<(String, String, usize)>, fwassure_store::Error> {
    let mut out: Vec<(String, String, usize)> = Vec::new();
    let mut images = store.images().await?;
    images.sort_by(|a, b| (&a.vendor, &a.product).cmp(&(&b.vendor, &b.product)));
    for i in images {
        match out.last_mut() {
            Some(l) if l.0 == i.vendor && l.1 == i.product => l.2 += 1,
            _ => out.push((i.vendor, i.product, 1)),
        }
    }
    Ok(out)
}

/// The releases of `vendor`/`product` in order, each compared with the next from the stored reports.
pub async fn releases(store: &Store, vendor: &str, product: &str) -> Result<ProductHistory, fwassure_store::Error> {
    let mut rows = store.product_images(vendor, product).await?;
    rows.sort_by(|a, b| natural_cmp(&a.path, &b.path).then_with(|| a.sha256.cmp(&b.sha256)));
    let (releases, failed): (Vec<ImageRow>, Vec<ImageRow>) = rows.into_iter().partition(|r| r.status == "scanned");
    let mut steps = Vec::new();
    let mut prev: Option<(String, fwassure_model::Report)> = None;
    for r in &releases {
        let Some(report) = store.report(&r.sha256).await? else { continue };
        if let Some((from, old)) = prev.take() {
            let diff = Diff::generate(&Side::report(&old), &Side::report(&report));
            steps.push(ReleaseStep { from, to: r.path.clone(), diff });
        }
        prev = Some((r.path.clone(), report));
    }
    Ok(ProductHistory {
        vendor: vendor.to_string(),
        product: product.to_string(),
        releases,
        steps,
        failed: failed.into_iter().map(|r| r.path).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut v = vec!["fw-1.10.bin", "fw-1.9.bin", "fw-1.09a.bin", "fw-2.0.bin", "fw-1.9b.bin"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["fw-1.9.bin", "fw-1.09a.bin", "fw-1.9b.bin", "fw-1.10.bin", "fw-2.0.bin"]);
    }
}
