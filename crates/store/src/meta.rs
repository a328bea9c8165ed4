//! What the store keeps about an image besides its report: where it was found and how it is grouped.

use fwassure_model::Report;

/// An image's identity and origin, as the fleet scanner or a worker knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageMeta {
    /// sha256 of the image bytes, lowercase hex: the key of the store.
    pub sha256: String,
    /// File name.
    pub name: String,
    /// Path relative to the scanned root (`/`-separated), or as given.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Vendor: the first folder of `path` (see [`split_fleet_path`]).
    pub vendor: String,
    /// Product: the second folder of `path`.
    pub product: String,
    /// Release: the file name without its extension.
    pub release: String,
    /// Scan time in milliseconds.
    pub scan_ms: u64,
    /// When it was scanned (RFC 3339), as the caller states it.
    pub scanned_at: String,
}

impl ImageMeta {
    /// Metadata for an image found at `path` (relative to the fleet root), taking identity from its report.
    pub fn for_report(report: &Report, path: &str, scan_ms: u64) -> ImageMeta {
        ImageMeta::new(&report.image.sha256, report.image.size, path, scan_ms)
    }

    /// Metadata for an image of known hash and size found at `path` (relative to the fleet root).
    pub fn new(sha256: &str, size: u64, path: &str, scan_ms: u64) -> ImageMeta {
        let (vendor, product, release) = split_fleet_path(path);
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        ImageMeta {
            sha256: sha256.to_string(),
            name,
            path: path.to_string(),
            size,
            vendor,
            product,
            release,
            scan_ms,
            scanned_at: String::new(),
        }
    }

    /// The same, stamped with the scan time.
    pub fn at(mut self, scanned_at: &str) -> ImageMeta {
        self.scanned_at = scanned_at.to_string();
        self
    }
}

/// Vendor, product and release of an image from its path under the fleet root, by the folder convention
/// `VENDOR/PRODUCT/…/FILE`: the first folder is the vendor, the second the product, and the file name without
/// its last extension the release. Shallower paths leave the missing parts empty.
///
/// ```
/// use fwassure_store::split_fleet_path;
/// assert_eq!(split_fleet_path("tp-link/wr940n/wr940n-v4-2016.bin"),
///            ("tp-link".into(), "wr940n".into(), "wr940n-v4-2016".into()));
/// assert_eq!(split_fleet_path("dir600.bin"), ("".into(), "".into(), "dir600".into()));
/// ```
pub fn split_fleet_path(path: &str) -> (String, String, String) {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let file = parts.last().copied().unwrap_or("");
    let release = match file.rfind('.') {
        Some(i) if i > 0 => &file[..i],
        _ => file,
    };
    let folders = &parts[..parts.len().saturating_sub(1)];
    let vendor = folders.first().copied().unwrap_or("");
    let product = folders.get(1).copied().unwrap_or("");
    (vendor.to_string(), product.to_string(), release.to_string())
}
