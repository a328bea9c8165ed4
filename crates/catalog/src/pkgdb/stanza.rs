//! RFC 822-style stanzas (`Key: value` lines, paragraphs separated by blank lines) as dpkg and opkg write them.

/// One paragraph: keys in order with their (first-line) values; continuation lines are ignored.
pub type Stanza = Vec<(String, String)>;

/// Split a database into paragraphs. Input need not be UTF-8 (lossy).
pub fn parse(data: &[u8]) -> Vec<Stanza> {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    let mut cur: Stanza = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            cur.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The value of a key in a paragraph.
pub fn get<'a>(s: &'a Stanza, key: &str) -> Option<&'a str> {
    s.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
}

/// An installed package of a dpkg/opkg database: a paragraph with `Package` and `Version`.
pub struct Installed<'a> {
    /// The whole paragraph, for further fields.
    pub stanza: &'a Stanza,
    /// `Package`.
    pub package: &'a str,
    /// `Version`.
    pub version: &'a str,
}

/// The paragraphs naming a package and a version whose `Status`, when present, ends in ` installed`.
pub fn installed(stanzas: &[Stanza]) -> impl Iterator<Item = Installed<'_>> {
    stanzas.iter().filter_map(|s| {
        let (Some(package), Some(version)) = (get(s, "Package"), get(s, "Version")) else { return None };
        if get(s, "Status").is_some_and(|st| !st.ends_with(" installed")) {
            return None;
        }
        Some(Installed { stanza: s, package, version })
    })
}
