//! Limits that keep hostile images from exhausting memory, disk or time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Configurable limits for one unpack run. The defaults suit images up to a few hundred MiB.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Maximum nesting depth of layers (the image is depth 0).
    pub max_depth: usize,
    /// Maximum total bytes produced by decompression and extraction.
    pub max_total_bytes: u64,
    /// Maximum number of tree entries over all layers.
    pub max_files: u64,
    /// Maximum number of layers.
    pub max_layers: usize,
    /// Maximum size of one decompressed stream or one file.
    pub max_stream_bytes: u64,
    /// Maximum expansion ratio of one compressed stream (output / input) …
    pub max_ratio: u64,
    /// … except that every stream may expand to at least this many bytes.
    pub ratio_floor_bytes: u64,
    /// Wall-time budget for the whole unpack.
    pub time_budget: Duration,
    /// Candidates that passed their header check and then could not be read, over the whole image, after
    /// which further candidates are not tried (a blob of overlapping fake headers costs no more than this).
    pub max_failed_candidates: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 8,
            max_total_bytes: 4 << 30,
            max_files: 1_000_000,
            max_layers: 4096,
            max_stream_bytes: 1 << 30,
            max_ratio: 250,
            ratio_floor_bytes: 16 << 20,
            time_budget: Duration::from_secs(120),
            max_failed_candidates: 256,
        }
    }
}

/// Shared accounting against the limits (thread-safe).
#[derive(Debug)]
pub struct Budget {
    pub(crate) limits: Limits,
    bytes: AtomicU64,
    files: AtomicU64,
    failed: AtomicU64,
    start: Instant,
}

impl Budget {
    /// A fresh budget for `limits`.
    pub fn new(limits: Limits) -> Self {
        Budget {
            limits,
            bytes: AtomicU64::new(0),
            files: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            start: Instant::now(),
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Bytes a stream of `input_len` compressed bytes may expand to, given the ratio limit, the per-stream
    /// limit and what is left of the total.
    pub fn stream_limit(&self, input_len: usize) -> u64 {
        self.stream_limit_within(input_len, self.remaining_bytes())
    }

    /// [`Budget::stream_limit`] against `remaining` bytes instead of what is left now: for a format that plans
    /// several streams before decoding them in parallel, spending the budget in order as it plans.
    pub fn stream_limit_within(&self, input_len: usize, remaining: u64) -> u64 {
        let by_ratio = (input_len as u64).saturating_mul(self.limits.max_ratio).max(self.limits.ratio_floor_bytes);
        by_ratio.min(self.limits.max_stream_bytes).min(remaining)
    }

    /// Bytes the files of one filesystem layer of `input_len` bytes may expand to together: the ratio limit
    /// applies to the layer as a whole as well as to each file (a small image of many sparse or
    /// hole-filled files is a bomb too), within what is left of the total.
    pub fn layer_limit(&self, input_len: usize) -> u64 {
        let by_ratio = (input_len as u64).saturating_mul(self.limits.max_ratio).max(self.limits.ratio_floor_bytes);
        by_ratio.min(self.remaining_bytes())
    }

    /// Bytes left of the total budget.
    pub fn remaining_bytes(&self) -> u64 {
        self.limits.max_total_bytes.saturating_sub(self.bytes.load(Ordering::Relaxed))
    }

    /// Charge produced bytes; `Err` once the total is exceeded.
    pub fn charge_bytes(&self, n: u64) -> Result<(), String> {
        let now = self.bytes.fetch_add(n, Ordering::Relaxed) + n;
        if now > self.limits.max_total_bytes {
            Err(format!("total unpacked bytes limit ({} bytes) reached", self.limits.max_total_bytes))
        } else {
            Ok(())
        }
    }

    /// Charge tree entries; `Err` once the file-count limit is exceeded.
    pub fn charge_files(&self, n: u64) -> Result<(), String> {
        let now = self.files.fetch_add(n, Ordering::Relaxed) + n;
        if now > self.limits.max_files {
            Err(format!("file count limit ({}) reached", self.limits.max_files))
        } else {
            Ok(())
        }
    }

    /// Count a candidate that passed its header check and could not be read; `Err` once more than
    /// [`Limits::max_failed_candidates`] have failed.
    pub fn charge_failed_candidate(&self) -> Result<(), String> {
        let now = self.failed.fetch_add(1, Ordering::Relaxed) + 1;
        if now > self.limits.max_failed_candidates {
            Err(self.failed_candidates_message())
        } else {
            Ok(())
        }
    }

    /// Whether the failed-candidate limit is spent (further candidates are not tried).
    pub fn failed_candidates_spent(&self) -> bool {
        self.failed.load(Ordering::Relaxed) >= self.limits.max_failed_candidates
    }

    /// The problem recorded once the failed-candidate limit is reached.
    pub fn failed_candidates_message(&self) -> String {
        format!(
            "failed-candidate limit ({}) reached: further headers that fail to read are not tried",
            self.limits.max_failed_candidates
        )
    }

    /// `Err` once the time budget is spent.
    pub fn check_time(&self) -> Result<(), String> {
        if self.start.elapsed() > self.limits.time_budget {
            Err(format!("time budget ({:?}) spent", self.limits.time_budget))
        } else {
            Ok(())
        }
    }
}
