//! The data type of a version classifier: one entry per product, written as a data literal.

use fwassure_model::Confidence;

/// Where the regex of a classifier is run once one of its anchors was seen in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only in a window of [`WINDOW`] bytes around each anchor hit (the regex must cover the anchor).
    Near,
    /// Over the whole file (for bare version strings that live apart from the product's name; such
    /// classifiers must have guards).
    File,
}

/// Bytes searched on each side of an anchor hit for [`Scope::Near`].
pub const WINDOW: usize = 160;

/// A version classifier: how one product is recognised in file contents.
#[derive(Debug, Clone, Copy)]
pub struct Classifier {
    /// Stable id (also the snippet directory name under `tests/snippets/`).
    pub id: &'static str,
    /// Canonical lowercase component name.
    pub name: &'static str,
    /// File-name globs (or path globs when they contain `/`) of the files the product lives in.
    pub globs: &'static [&'static str],
    /// The pattern is specific enough to match in any ELF file or raw payload (statically linked copies).
    pub anywhere: bool,
    /// Literals of which at least one occurs in every match (the prefilter's keys).
    pub anchors: &'static [&'static str],
    /// `regex::bytes` pattern with a named group `version`.
    pub pattern: &'static str,
    /// Where the pattern runs.
    pub scope: Scope,
    /// Regexes that must all also match somewhere in the same file.
    pub guards: &'static [&'static str],
    /// The real string the pattern was written from (tested to match).
    pub sample: &'static str,
    /// Package URL template with a `{version}` placeholder.
    pub purl: &'static str,
    /// CPE 2.3 formatted-string template with a `{version}` placeholder.
    pub cpe: &'static str,
    /// How sure a match is.
    pub confidence: Confidence,
    /// Where the product comes from, when it is not a compiled file (web assets): reported as a file component.
    pub text_asset: bool,
    /// Bytes searched on each side of an anchor hit for [`Scope::Near`] (default [`WINDOW`]); wider for
    /// long banners whose version sits far from the anchor.
    pub window: usize,
    /// Debian binary packages that ship the product's files (`busybox-static`, `libssl3`): the builds the
    /// validation matrix (`scripts/classifier-matrix.py`) downloads for every release and architecture and
    /// runs this classifier on. Empty when Debian does not package the product (the comment says so).
    pub debian: &'static [&'static str],
    /// Text the program prints before the captured digits, where its version output adds it to a bare number
    /// (iproute2 of 2004-2011 prints `iproute2-ss%s` with a bare `040823`: its version is `ss040823`).
    pub version_prefix: &'static str,
}

impl Classifier {
    /// Defaults for the fields most entries do not set (use with `..Classifier::DEFAULT`).
    pub const DEFAULT: Classifier = Classifier {
        id: "",
        name: "",
        globs: &[],
        anywhere: false,
        anchors: &[],
        pattern: "",
        scope: Scope::Near,
        guards: &[],
        sample: "",
        purl: "",
        cpe: "",
        confidence: Confidence::High,
        text_asset: false,
        window: WINDOW,
        debian: &[],
        version_prefix: "",
    };

    /// The purl for a version.
    pub fn purl_for(&self, version: &str) -> Option<String> {
        (!self.purl.is_empty()).then(|| self.purl.replace("{version}", &purl_escape(version)))
    }

    /// The CPE for a version.
    pub fn cpe_for(&self, version: &str) -> Option<String> {
        (!self.cpe.is_empty()).then(|| self.cpe.replace("{version}", &cpe_escape(version)))
    }
}

/// Percent-encode the characters a purl version may not hold literally.
pub fn purl_escape(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// Quote the characters a CPE 2.3 formatted-string component may not hold literally.
pub fn cpe_escape(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            s.push(c);
        } else {
            s.push('\\');
            s.push(c);
        }
    }
    s
}
