//! The triage (ignore) file: items a reviewer has accepted, each with a reason and, usually, an expiry date.
//!
//! ```toml
//! [[ignore]]
//! rule = "svc.telnet"            # a rule id or a vulnerability id (CVE-…); `*` or absent: any
//! path = "/usr/sbin/telnetd"     # a file path (findings); absent: any
//! reason = "telnetd is removed by the factory-reset script; tracked in PROD-123"
//! expires = "2027-03-31"         # after this date the entry no longer applies and the gate says so
//!
//! [[ignore]]
//! rule = "CVE-2023-5678"
//! component = "openssl"          # vulnerabilities: the component's name; absent: any
//! reason = "the affected API is not called (reviewed 2026-11-02)"
//! ```
//!
//! An entry without a reason is an error: triage that cannot be explained is not triage. Unknown keys are
//! errors too, so that a misspelt `expire =` does not silently make an entry permanent.

use serde::Deserialize;
use time::Date;

use crate::item::{Item, ItemKind};

/// An error reading an ignore file.
#[derive(Debug, thiserror::Error)]
pub enum IgnoreError {
    /// Not valid TOML, or a field of the wrong type or name.
    #[error("ignore file: {0}")]
    Toml(#[from] toml::de::Error),
    /// An entry without a reason.
    #[error("ignore entry {index}: a reason is required")]
    NoReason {
        /// 1-based entry number.
        index: usize,
    },
    /// An entry that names nothing (no rule, path or component).
    #[error("ignore entry {index}: name a rule, path or component (an entry that matches everything is not triage)")]
    Empty {
        /// 1-based entry number.
        index: usize,
    },
    /// An expiry date that is not `YYYY-MM-DD`.
    #[error("ignore entry {index}: expires `{value}` is not a YYYY-MM-DD date")]
    BadDate {
        /// 1-based entry number.
        index: usize,
        /// The value given.
        value: String,
    },
}

/// One triage decision.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Rule id or vulnerability id; `*` or absent: any.
    #[serde(default)]
    pub rule: Option<String>,
    /// File path of a finding; absent: any.
    #[serde(default)]
    pub path: Option<String>,
    /// Component name of a vulnerability; absent: any.
    #[serde(default)]
    pub component: Option<String>,
    /// Why the item is accepted.
    #[serde(default)]
    pub reason: String,
    /// Last day (UTC) the entry applies, `YYYY-MM-DD`; absent: no expiry.
    #[serde(default)]
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    #[serde(default)]
    ignore: Vec<IgnoreEntry>,
}

/// A parsed, validated ignore file.
#[derive(Debug, Clone, Default)]
pub struct IgnoreFile {
    /// The entries, in file order.
    pub entries: Vec<IgnoreEntry>,
    expiry: Vec<Option<Date>>,
}

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

impl IgnoreFile {
    /// Parse and validate an ignore file's text.
    pub fn parse(text: &str) -> Result<Self, IgnoreError> {
        let doc: Doc = toml::from_str(text)?;
        let mut expiry = Vec::with_capacity(doc.ignore.len());
        for (i, e) in doc.ignore.iter().enumerate() {
            let index = i + 1;
            if e.reason.trim().is_empty() {
                return Err(IgnoreError::NoReason { index });
            }
            let named = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.is_empty() && s != "*");
            if !named(&e.rule) && !named(&e.path) && !named(&e.component) {
                return Err(IgnoreError::Empty { index });
            }
            expiry.push(match &e.expires {
                Some(v) => Some(parse_date(v).ok_or_else(|| IgnoreError::BadDate { index, value: v.clone() })?),
                None => None,
            });
        }
        Ok(IgnoreFile { entries: doc.ignore, expiry })
    }

    /// Whether entry `i` has expired on `today`.
    pub fn expired(&self, i: usize, today: Date) -> bool {
        self.expiry.get(i).copied().flatten().is_some_and(|d| today > d)
    }

    /// The first entry (index) that matches the item and has not expired on `today`.
    pub fn matching(&self, item: &Item, today: Date) -> Option<usize> {
        self.entries.iter().enumerate().position(|(i, e)| !self.expired(i, today) && entry_matches(e, item))
    }

    /// Entries that have expired on `today` and match one of the items (the gate names them: their triage
    /// needs renewing).
    pub fn expired_matching<'a>(&'a self, items: &[Item], today: Date) -> Vec<&'a IgnoreEntry> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, e)| self.expired(*i, today) && items.iter().any(|it| entry_matches(e, it)))
            .map(|(_, e)| e)
            .collect()
    }
}

fn entry_matches(e: &IgnoreEntry, item: &Item) -> bool {
    let field = |want: &Option<String>, have: &str| match want.as_deref() {
        None | Some("*") => true,
        Some(w) => w == have,
    };
    field(&e.rule, &item.rule)
        && match item.kind {
            ItemKind::Finding => field(&e.path, &item.path) && e.component.is_none(),
            ItemKind::Vulnerability => field(&e.component, &item.component) && e.path.is_none(),
        }
}
