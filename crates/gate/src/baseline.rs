//! A baseline: the items of a previously accepted report. With a baseline only new items fail.

use std::collections::BTreeSet;

use fwassure_model::Report;

use crate::item::{items, Item};

/// The identities of a previous report's items.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    keys: BTreeSet<String>,
}

impl Baseline {
    /// The baseline of a report (`fwassure scan --format json` of the accepted release).
    pub fn of(report: &Report) -> Self {
        Baseline { keys: items(report).into_iter().map(|i| i.key).collect() }
    }

    /// Whether the item was already in the baseline.
    pub fn contains(&self, item: &Item) -> bool {
        self.keys.contains(&item.key)
    }

    /// Number of items in the baseline.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the baseline holds no item.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
