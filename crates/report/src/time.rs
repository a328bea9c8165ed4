//! Timestamps for SBOM documents. Renderers never read the clock: a document carries a time only when the
//! caller derives one from its input (e.g. `SOURCE_DATE_EPOCH`), so the same report gives the same bytes.

/// Options shared by the SBOM renderers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SbomOptions {
    /// Creation time as RFC 3339 UTC (`2024-01-02T03:04:05Z`). CycloneDX omits `metadata.timestamp` without it;
    /// SPDX, whose `creationInfo.created` is mandatory, then writes [`EPOCH`].
    pub created: Option<String>,
    /// The image's supplier (the manufacturer, `Name <email>`), written on the image and its layers; without
    /// it, the `vendor` a container header states, else SPDX `NOASSERTION` / no CycloneDX `supplier`.
    pub supplier: Option<String>,
}

/// The fixed creation time written when none is given: the Unix epoch, which no real document has, so a reader
/// can tell that the time was not recorded.
pub const EPOCH: &str = "1970-01-01T00:00:00Z";

/// RFC 3339 UTC time of `secs` seconds since the epoch (negative values clamp to the epoch).
pub fn rfc3339_utc(secs: i64) -> String {
    let secs = secs.max(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `SOURCE_DATE_EPOCH` (seconds) as an RFC 3339 time, when the text is a number.
pub fn from_source_date_epoch(text: &str) -> Option<String> {
    text.trim().parse::<i64>().ok().map(rfc3339_utc)
}

/// Date (year, month, day) of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD` as midnight UTC in RFC 3339, when the text has that shape.
pub fn date_to_rfc3339(date: &str) -> Option<String> {
    let b = date.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    (shape && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| format!("{date}T00:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339_utc(0), EPOCH);
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(from_source_date_epoch(" 86399 "), Some("1970-01-01T23:59:59Z".into()));
        assert_eq!(from_source_date_epoch("soon"), None);
    }

    #[test]
    fn dates_become_midnight() {
        assert_eq!(date_to_rfc3339("2023-02-07"), Some("2023-02-07T00:00:00Z".into()));
        assert_eq!(date_to_rfc3339("2023-2-07"), None);
        assert_eq!(date_to_rfc3339("2023-13-01"), None);
        assert_eq!(date_to_rfc3339("yesterday!"), None);
    }
}
