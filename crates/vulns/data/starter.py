#!/usr/bin/env python3
"""Writes starter.json, the starter database bundled into fwassure (facts only: no description text).

Every entry was checked on 2026-11-25 against a primary record, named in its `source` field:
  * the NVD CVE API 2.0 record (read from the fkie-cad/nvd-json-data-feeds mirror): CPE ranges
    (introduced = versionStartIncluding, fixed = versionEndExcluding, last_affected = versionEndIncluding),
    the NVD primary CVSS v3.x vector (kept as CVSS:3.0 where NVD states 3.0), CWE, publication date, KEV flag;
  * where NVD never analysed a CVE: the CVE Program record (CVEProject/cvelistV5) - the CNA's affected versions
    and CWE, the CISA-ADP vector - or the vendor's own advisory (curl, nginx.org, OpenSSL);
  * where no CVSS v3 vector exists in any of them, no vector is invented: the vendor's/CNA's severity word is kept.
Entries that could not be verified were removed (see git history: CVE-2023-50868).
Run: python3 starter.py > starter.json
"""
import json

DATE = "2026-11-25"
NVD = "NVD CVE API 2.0"
VENDOR = {
    "openssl:openssl": "https://openssl-library.org/news/vulnerabilities/",
    "haxx:curl": "https://curl.se/docs/security.html",
    "haxx:libcurl": "https://curl.se/docs/security.html",
    "thekelleys:dnsmasq": "https://thekelleys.org.uk/dnsmasq/CHANGELOG",
    "f5:nginx": "https://nginx.org/en/security_advisories.html",
    "openbsd:openssh": "https://www.openssh.com/security.html",
    "w1.fi:wpa_supplicant": "https://w1.fi/security/",
    "w1.fi:hostapd": "https://w1.fi/security/",
    "busybox:busybox": "https://busybox.net/news.html",
    "dropbear_ssh_project:dropbear_ssh": "https://matt.ucc.asn.au/dropbear/CHANGES",
    "zlib:zlib": "https://zlib.net/ChangeLog.txt",
    "sqlite:sqlite": "https://www.sqlite.org/cves.html",
    "arm:mbed_tls": "https://mbed-tls.readthedocs.io/en/latest/security-advisories/",
    "libexpat_project:libexpat": "https://github.com/libexpat/libexpat/blob/master/expat/Changes",
    "openvpn:openvpn": "https://community.openvpn.net/openvpn/wiki/SecurityAnnouncements",
    "lighttpd:lighttpd": "https://www.lighttpd.net/",
    "eclipse:mosquitto": "https://mosquitto.org/security/",
    "wolfssl:wolfssl": "https://www.wolfssl.com/docs/security-vulnerabilities/",
    "linux:linux_kernel": "https://www.kernel.org/",
    "tcpdump:libpcap": "https://www.tcpdump.org/public-cve-list.txt",
}

# How each entry was verified (the `src` argument of add); {id} is replaced by the CVE id.
NVDREC = "NVD record {id} (fkie-cad/nvd-json-data-feeds)"
CVE5 = "cvelistV5 {id}"
SOURCES = {
    "nvd": NVDREC + ": CPE ranges, vector, CWE, published",
    "nvd-v2": NVDREC + ": CPE ranges, CWE, published; NVD scored it in CVSS v2 only (7.5 HIGH), no v3 vector",
    "cna": CVE5 + ": CNA affected versions and severity (NVD never analysed it)",
    "cna+adp": CVE5 + ": CNA affected versions and CWE, CISA-ADP vector (NVD never analysed it)",
    "cve5": CVE5 + ": CNA affected versions and CWE, CISA-ADP vector (no NVD vector)",
    "cna+ghsa": CVE5 + ": CNA description (affected versions); GHSA-45x7-px36-x8w8: vector",
    "nvd+cna": NVDREC + ": vector, CWE, published; " + CVE5 + " CNA: affected versions",
    "curl": "curl advisory curl/curl-www docs/{id}.md: affected versions, CWE, severity (no NVD analysis)",
    "curl-osv": "curl OSV record CURL-{id}: affected versions, CWE, severity (no NVD analysis)",
    "nvd+curljson": NVDREC + ": ranges, vector, published; curl.se/docs/{id}.json: CWE",
    "nvd+nginx": NVDREC + ": vector, CWE, published; nginx.org security_advisories: affected versions",
    "cve5+nginx": CVE5 + ": F5 CNA vector and CWE; nginx.org security_advisories: affected versions",
    "nvd+eol": NVDREC + ": ranges, vector, CWE, KEV; end-of-life branches between them kept affected (see generator)",
}

records = []


def rng(spec):
    """'a..b' = [a, b) ; 'a..=b' = [a, b] ; '..b' = (, b) ; '..=b' = (, b] ; '=v' exact."""
    lo, hi = spec.split("..")
    r = {}
    if lo:
        r["introduced"] = lo
    if hi.startswith("="):
        r["last_affected"] = hi[1:]
    else:
        r["fixed"] = hi
    return r


def add(id, products, vec, cwes, published, kev=False, severity=None, src="nvd", refs=()):
    """One record. vec: the CVSS v3.x vector as the source states it, or None (then `severity` is required)."""
    if not isinstance(products, dict) or (vec is None) == (severity is None):
        raise SystemExit(id)
    affected = []
    for prod, specs in products.items():
        a = {"product": "cpe:" + prod}
        ranges = [rng(s) for s in specs if not s.startswith("=")]
        versions = [s[1:] for s in specs if s.startswith("=")]
        if ranges:
            a["ranges"] = ranges
        if versions:
            a["versions"] = versions
        affected.append(a)
    references = ["https://nvd.nist.gov/vuln/detail/" + id]
    for prod in products:
        if prod in VENDOR and VENDOR[prod] not in references:
            references.append(VENDOR[prod])
    references.extend(r for r in refs if r not in references)
    r = {"id": id, "published": published}
    if vec:
        r["cvss"] = [vec]
    if severity:
        r["severity"] = severity
    if cwes:
        r["cwe"] = list(cwes)
    r["references"] = references
    if kev:
        r["kev"] = True
    r["source"] = SOURCES[src].format(id=id) + "; checked " + DATE
    r["affected"] = affected
    records.append(r)


O = "openssl:openssl"
C = "haxx:curl"
Z = "zlib:zlib"
B = "busybox:busybox"
D = "dropbear_ssh_project:dropbear_ssh"
S = "openbsd:openssh"
M = "thekelleys:dnsmasq"
Q = "sqlite:sqlite"
T = "arm:mbed_tls"
W, H = "w1.fi:wpa_supplicant", "w1.fi:hostapd"
P = "openvpn:openvpn"
X = "f5:nginx"
E = "libexpat_project:libexpat"
K = "linux:linux_kernel"

# --- OpenSSL
add("CVE-2014-0160", {O: ["1.0.1..1.0.1g"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-125"], "2014-04-07", kev=True)
add("CVE-2016-0800", {O: ["1.0.1..1.0.1s", "1.0.2..1.0.2g"]}, "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-200", "CWE-310"], "2016-03-01")
add("CVE-2016-2107", {O: ["..=1.0.1s", "1.0.2..1.0.2h"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-200", "CWE-310"], "2016-05-05")
add("CVE-2016-2108", {O: ["..=1.0.1n", "1.0.2..1.0.2c"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-119"], "2016-05-05")
add("CVE-2018-0732", {O: ["1.0.2..=1.0.2o", "1.1.0..=1.1.0h"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-320"], "2018-06-12")
add("CVE-2019-1551", {O: ["1.0.2..=1.0.2t", "1.1.1..=1.1.1d"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", ["CWE-190"], "2019-12-06")
add("CVE-2020-1967", {O: ["1.1.1d..=1.1.1f"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-476"], "2020-04-21")
add("CVE-2020-1971", {O: ["1.0.2..1.0.2x", "1.1.1..1.1.1i"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-476"], "2020-12-08")
add("CVE-2021-23840", {O: ["1.0.2..1.0.2y", "1.1.1..1.1.1j"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-190"], "2021-02-16")
add("CVE-2021-3449", {O: ["1.1.1..1.1.1k"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-476"], "2021-03-25")
add("CVE-2021-3450", {O: ["1.1.1h..1.1.1k"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", ["CWE-295"], "2021-03-25")
add("CVE-2021-3711", {O: ["1.1.1..1.1.1l"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-120"], "2021-08-24")
add("CVE-2021-3712", {O: ["1.0.2..1.0.2za", "1.1.1..1.1.1l"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H", ["CWE-125"], "2021-08-24")
add("CVE-2022-0778", {O: ["1.0.2..1.0.2zd", "1.1.0..1.1.1n", "3.0.0..3.0.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-835"], "2022-03-15")
add("CVE-2022-1292", {O: ["1.0.2..1.0.2ze", "1.1.1..1.1.1o", "3.0.0..3.0.3"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H", ["CWE-78"], "2022-05-03")
add("CVE-2022-2068", {O: ["1.0.2..1.0.2zf", "1.1.1..1.1.1p", "3.0.0..3.0.4"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H", ["CWE-78"], "2022-06-21")
add("CVE-2022-3602", {O: ["3.0.0..3.0.7"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-787"], "2022-11-01")
add("CVE-2022-3786", {O: ["3.0.0..3.0.7"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-120"], "2022-11-01")
add("CVE-2022-4304", {O: ["1.0.2..1.0.2zg", "1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-203"], "2023-02-08")
add("CVE-2022-4450", {O: ["1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-415"], "2023-02-08")
add("CVE-2023-0215", {O: ["1.0.2..1.0.2zg", "1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-416"], "2023-02-08")
add("CVE-2023-0216", {O: ["3.0.0..=3.0.7"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-476"], "2023-02-08")
add("CVE-2023-0217", {O: ["3.0.0..=3.0.7"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-476"], "2023-02-08")
add("CVE-2023-0286", {O: ["1.0.2..1.0.2zg", "1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H", ["CWE-843"], "2023-02-08")
add("CVE-2023-0401", {O: ["3.0.0..=3.0.7"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-476"], "2023-02-08")
add("CVE-2023-0464", {O: ["1.0.2..1.0.2zh", "1.1.1..1.1.1u", "3.0.0..3.0.9", "3.1.0..3.1.1"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-295"], "2023-03-22")
add("CVE-2023-3817", {O: ["1.0.2..1.0.2zi", "1.1.1..1.1.1v", "3.0.0..3.0.10", "3.1.0..3.1.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", ["CWE-834"], "2023-07-31")
# NVD record in the mirror not yet analysed (no vector, no CPE): CNA (OpenSSL) record for ranges, CNA severity LOW
add("CVE-2023-5678", {O: ["1.0.2..1.0.2zj", "1.1.1..1.1.1x", "3.0.0..3.0.13", "3.1.0..3.1.5"]}, None, [], "2023-11-06", severity="LOW", src="cna")
# 2024+ OpenSSL: NVD mirror record not analysed -> ranges from cvelistV5 CNA (OpenSSL), vector from CISA-ADP
add("CVE-2024-0727", {O: ["1.0.2..1.0.2zj", "1.1.1..1.1.1x", "3.0.0..3.0.13", "3.1.0..3.1.5", "3.2.0..3.2.1"]}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", ["CWE-476"], "2024-01-26", src="cna+adp")
add("CVE-2024-5535", {O: ["1.0.2..1.0.2zk", "1.1.1..1.1.1za", "3.0.0..3.0.15", "3.1.0..3.1.7", "3.2.0..3.2.3", "3.3.0..3.3.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", ["CWE-125"], "2024-06-27", src="cna+adp")
add("CVE-2024-6119", {O: ["3.0.0..3.0.15", "3.1.0..3.1.7", "3.2.0..3.2.3", "3.3.0..3.3.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-843"], "2024-09-03", src="cna+adp")
add("CVE-2024-12797", {O: ["3.2.0..3.2.4", "3.3.0..3.3.3", "3.4.0..3.4.1"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", ["CWE-392"], "2025-02-11", src="cna+adp")
# --- curl (NVD CPEs: haxx:curl and haxx:libcurl, tied by the alias table)
add("CVE-2021-22945", {"haxx:libcurl": ["7.73.0..=7.78.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", ["CWE-415"], "2021-09-23")
add("CVE-2022-32221", {C: ["..7.86.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-668"], "2022-12-05")
add("CVE-2022-42915", {C: ["7.77.0..7.86.0"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-415"], "2022-10-29")
add("CVE-2022-43551", {C: ["7.77.0..7.87.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-319"], "2022-12-23")
# NVD's end is written "7.881" (typo of 7.88.1); the CNA record says fixed in 8.0.0
add("CVE-2023-27533", {C: ["7.0.0..8.0.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", ["CWE-74"], "2023-03-30", src="nvd+cna")
add("CVE-2023-27534", {C: ["7.18.0..=7.88.1"]}, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", ["CWE-22"], "2023-03-30")
add("CVE-2023-27535", {"haxx:libcurl": ["7.13.0..=7.88.1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-287"], "2023-03-30")
add("CVE-2023-27536", {"haxx:libcurl": ["7.22.0..=7.88.1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-287"], "2023-03-30")
add("CVE-2023-27537", {"haxx:libcurl": ["7.88.0..=7.88.1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-415"], "2023-03-30")
add("CVE-2023-38545", {"haxx:libcurl": ["7.69.0..8.4.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-787"], "2023-10-18", src="nvd+cna", refs=["https://curl.se/docs/CVE-2023-38545.html"])
# no NVD analysis exists for these: ranges, CWE and severity from the curl advisory (curl/curl-www docs/CVE-*.md)
add("CVE-2023-28319", {C: ["7.81.0..=8.0.1"]}, None, ["CWE-416"], "2023-05-26", severity="MEDIUM", src="curl")
add("CVE-2023-28320", {C: ["7.9.8..=8.0.1"]}, None, ["CWE-662"], "2023-05-26", severity="LOW", src="curl")
add("CVE-2023-28321", {C: ["7.12.0..=8.0.1"]}, None, ["CWE-295"], "2023-05-26", severity="LOW", src="curl")
add("CVE-2023-38039", {C: ["7.84.0..8.3.0"]}, None, ["CWE-770"], "2023-09-15", severity="MEDIUM", src="curl-osv")
add("CVE-2023-38546", {"haxx:libcurl": ["7.9.1..8.4.0"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", ["CWE-73"], "2023-10-18", src="nvd+curljson")
add("CVE-2023-46218", {C: ["7.46.0..=8.4.0"]}, None, ["CWE-201"], "2023-12-07", severity="MEDIUM", src="curl")
add("CVE-2023-46219", {C: ["7.84.0..=8.4.0"]}, None, ["CWE-311"], "2023-12-12", severity="LOW", src="curl")
# --- zlib
add("CVE-2016-9840", {Z: ["1.2.0.6..1.2.9"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", [], "2017-05-23")
add("CVE-2016-9841", {Z: ["1.2.0..1.2.9"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", [], "2017-05-23")
add("CVE-2016-9842", {Z: ["1.2.3.4..1.2.9"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", ["CWE-1335"], "2017-05-23")
add("CVE-2016-9843", {Z: ["1.2.0..1.2.9"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", [], "2017-05-23")
add("CVE-2018-25032", {Z: ["1.2.2.2..1.2.12"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-787"], "2022-03-25")
add("CVE-2022-37434", {Z: ["..=1.2.12"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-787"], "2022-08-05")
add("CVE-2023-45853", {Z: ["..=1.3"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-190"], "2023-10-14")
# --- BusyBox
add("CVE-2016-2147", {B: ["..=1.24.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-190"], "2017-02-09")
add("CVE-2016-2148", {B: ["..=1.24.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-119"], "2017-02-09")
add("CVE-2017-16544", {B: ["..=1.27.2"]}, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", ["CWE-94"], "2017-11-20")
add("CVE-2018-20679", {B: ["..1.30.0"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-125"], "2019-01-09")
add("CVE-2019-5747", {B: ["..=1.30.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-125"], "2019-01-09")
add("CVE-2021-28831", {B: ["1.32.0..=1.32.1"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-755"], "2021-03-19")
add("CVE-2021-42378", {B: ["1.16.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2022-30065", {B: ["=1.35.0"]}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", ["CWE-416"], "2022-05-18")
add("CVE-2021-42379", {B: ["1.18.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42380", {B: ["1.28.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42381", {B: ["1.21.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42382", {B: ["1.26.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42383", {B: ["=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42384", {B: ["1.18.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42385", {B: ["1.16.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
add("CVE-2021-42386", {B: ["1.16.0..=1.33.1"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2021-11-15")
# --- Dropbear
add("CVE-2016-7406", {D: ["..=2016.73"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-20"], "2017-03-03")
add("CVE-2016-7407", {D: ["..=2016.73"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-20"], "2017-03-03")
add("CVE-2016-7408", {D: ["..=2016.73"]}, "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", ["CWE-284"], "2017-03-03")
add("CVE-2017-9078", {D: ["..2017.75"]}, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", ["CWE-415"], "2017-05-19")
add("CVE-2017-9079", {D: ["..2017.75"]}, "CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", ["CWE-732"], "2017-05-19")
add("CVE-2018-15599", {D: ["..=2018.76"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", ["CWE-200"], "2018-08-21")
add("CVE-2021-36369", {D: ["..=2020.81"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", ["CWE-287"], "2022-10-12")
# NVD record in mirror unanalysed: ranges from the CNA description (OpenSSH before 9.6, Dropbear through 2022.83),
# vector from GitHub-reviewed advisory GHSA-45x7-px36-x8w8; CWE not verified
add("CVE-2023-48795", {D: ["..=2022.83"], S: ["..9.6"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N", [], "2023-12-18", src="cna+ghsa", refs=["https://www.openssh.com/txt/release-9.6"])
# --- OpenSSH
add("CVE-2018-15473", {S: ["..=7.7"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", ["CWE-362"], "2018-08-17")
# disputed by the vendor (NVD cveTags)
add("CVE-2020-15778", {S: ["..=8.3p1"]}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", ["CWE-78"], "2020-07-24")
add("CVE-2021-41617", {S: ["6.2..8.8"]}, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", [], "2021-09-26")
add("CVE-2023-38408", {S: ["..=9.3p1"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-428"], "2023-07-20")
# NVD: <4.4, 4.4, 8.5p1, 8.6..<9.8, 9.8  ==  ..4.4p1 and 8.5p1..9.8p1
add("CVE-2024-6387", {S: ["..4.4p1", "8.5p1..9.8p1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-362"], "2024-07-01")
# NVD: 6.8p1, 6.9..=9.8, 9.9, 9.9p1 (fixed 9.9p2 per the referenced OpenSSH release notes)
add("CVE-2025-26465", {S: ["6.8p1..9.9p2"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", ["CWE-390"], "2025-02-18")
add("CVE-2025-26466", {S: ["9.5p1..=9.9p1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-770"], "2025-02-28")
# --- dnsmasq
add("CVE-2017-14491", {M: ["..=2.77"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-787"], "2017-10-04")
add("CVE-2017-14492", {M: ["..=2.77"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-119"], "2017-10-03")
add("CVE-2017-14493", {M: ["..=2.77"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-119"], "2017-10-03")
add("CVE-2017-14494", {M: ["..=2.77"]}, "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-200"], "2017-10-03")
add("CVE-2017-14495", {M: ["..=2.77"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-772"], "2017-10-03")
add("CVE-2017-14496", {M: ["..=2.77"]}, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-191"], "2017-10-03")
add("CVE-2020-25681", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-122"], "2021-01-20")
add("CVE-2020-25682", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-122", "CWE-787"], "2021-01-20")
add("CVE-2020-25683", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-122"], "2021-01-20")
add("CVE-2020-25684", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", ["CWE-358"], "2021-01-20")
add("CVE-2020-25685", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", ["CWE-326"], "2021-01-20")
add("CVE-2020-25686", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", ["CWE-358", "CWE-290"], "2021-01-20")
add("CVE-2020-25687", {M: ["..2.83"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-122"], "2021-01-20")
add("CVE-2022-0934", {M: ["..2.87"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-416"], "2022-08-29")
add("CVE-2023-28450", {M: ["..2.90"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", [], "2023-03-15")
add("CVE-2023-50387", {M: ["..2.90"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-770"], "2024-02-14")
# --- SQLite
add("CVE-2019-8457", {Q: ["3.6.0..=3.27.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-125"], "2019-05-30")
add("CVE-2020-11655", {Q: ["..=3.31.1"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-665"], "2020-04-09")
add("CVE-2022-35737", {Q: ["1.0.12..3.39.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-129"], "2022-08-03")
add("CVE-2022-46908", {Q: ["3.37.0..3.40.1"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:L", [], "2022-12-12")
add("CVE-2023-7104", {Q: ["..=3.43.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", ["CWE-119", "CWE-122"], "2023-12-29")
add("CVE-2024-0232", {Q: ["3.43.0..3.43.2"]}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", ["CWE-416"], "2024-01-16")
# --- Mbed TLS
add("CVE-2021-44732", {T: ["..2.16.12", "2.17.0..2.28.0", "=3.0.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-415"], "2021-12-20")
add("CVE-2022-46393", {T: ["..2.28.2", "3.0.0..3.3.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-125", "CWE-787"], "2022-12-15")
add("CVE-2024-23775", {T: ["2.0.0..2.28.7", "3.0.0..3.5.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-190"], "2024-01-31")
# --- wpa_supplicant / hostapd
# NVD enumerates every release 0.2.4 .. 2.6 of both products
add("CVE-2017-13077", {W: ["0.2.4..=2.6"], H: ["0.2.4..=2.6"]}, "CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", ["CWE-330"], "2017-10-17")
add("CVE-2019-9494", {W: ["..=2.7"], H: ["..=2.7"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-203"], "2019-04-17")
add("CVE-2019-9495", {W: ["..=2.7"], H: ["..=2.7"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", ["CWE-203"], "2019-04-17")
add("CVE-2019-16275", {W: ["..=2.9"], H: ["..=2.9"]}, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-346"], "2019-09-12")
add("CVE-2021-27803", {W: ["1.0..2.10"]}, "CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", [], "2021-02-26")
add("CVE-2021-30004", {W: ["=2.9"], H: ["=2.9"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", ["CWE-20"], "2021-04-02")
add("CVE-2022-23303", {W: ["..2.10"], H: ["..2.10"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-203"], "2022-01-17", refs=["https://w1.fi/security/2022-1/"])
add("CVE-2022-23304", {W: ["..2.10"], H: ["..2.10"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-203"], "2022-01-17", refs=["https://w1.fi/security/2022-1/"])
# CNA description: "wpa_supplicant through 2.10"; fix commit 8e6485a1 is after 2.10. NVD's CPE says "< 2.10",
# which contradicts its own description, so the CNA statement is kept (last_affected 2.10).
add("CVE-2023-52160", {W: ["..=2.10"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N", ["CWE-287"], "2024-02-22", src="nvd+cna", refs=["https://w1.fi/cgit/hostap/commit/?id=8e6485a1bcb0baffdea9e55255a81270b768439c"])
# --- OpenVPN
add("CVE-2017-12166", {P: ["..2.3.18", "2.4.0..2.4.4"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-787"], "2017-10-04", refs=["https://community.openvpn.net/openvpn/wiki/CVE-2017-12166"])
add("CVE-2023-46849", {P: ["2.6.0..=2.6.6"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-369"], "2023-11-11", src="cve5", refs=["https://community.openvpn.net/openvpn/wiki/CVE-2023-46849"])
add("CVE-2023-46850", {P: ["2.6.0..=2.6.6"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-416"], "2023-11-11", refs=["https://community.openvpn.net/openvpn/wiki/CVE-2023-46850"])
# --- nginx
# NVD has only a CVSS v2 score for CVE-2013-2028 (7.5, HIGH): no v3 vector exists, severity word kept
add("CVE-2013-2028", {X: ["1.3.9..=1.4.0"]}, None, ["CWE-787"], "2013-07-20", severity="HIGH", src="nvd-v2", refs=["http://mailman.nginx.org/pipermail/nginx-announce/2013/000112.html"])
add("CVE-2021-23017", {X: ["0.6.18..1.20.1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:L", ["CWE-193"], "2021-06-01", refs=["http://mailman.nginx.org/pipermail/nginx-announce/2021/000300.html"])
# nginx.org security_advisories (nginx/nginx.org xml/en/security_advisories.xml): vulnerable 1.1.3-1.23.1, 1.0.7-1.0.15;
# not vulnerable 1.23.2+, 1.22.1+ (NVD lists 1.1.3..=1.22.0, 1.23.0, 1.23.1 and omits the 1.0.7-1.0.15 branch)
add("CVE-2022-41741", {X: ["1.0.7..=1.0.15", "1.1.3..=1.22.0", "=1.23.0", "=1.23.1"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", ["CWE-787"], "2022-10-19", src="nvd+nginx", refs=["https://mailman.nginx.org/pipermail/nginx-announce/2022/RBRRON6PYBJJM2XIAPQBFBVLR4Q6IHRA.html"])
add("CVE-2022-41742", {X: ["1.0.7..=1.0.15", "1.1.3..=1.22.0", "=1.23.0", "=1.23.1"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:H", ["CWE-787"], "2022-10-19", src="nvd+nginx", refs=["https://mailman.nginx.org/pipermail/nginx-announce/2022/RBRRON6PYBJJM2XIAPQBFBVLR4Q6IHRA.html"])
# NVD never analysed; F5 CNA vector/CWE; range from nginx.org: vulnerable 1.5.13-1.27.0, not vulnerable 1.27.1+, 1.26.2+
add("CVE-2024-7347", {X: ["1.5.13..1.26.2", "1.27.0..1.27.1"]}, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:N/I:N/A:H", ["CWE-126"], "2024-08-14", src="cve5+nginx", refs=["https://mailman.nginx.org/pipermail/nginx-announce/2024/UUOCLLONPR6244YQYU65PO5LB7JDYCWM.html", "https://my.f5.com/manage/s/article/K000140529"])
# --- expat
for n in (22822, 22823, 22824):
    add("CVE-2022-%d" % n, {E: ["..2.4.3"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-190"], "2022-01-10", refs=["https://github.com/libexpat/libexpat/pull/539"])
add("CVE-2022-25235", {E: ["..2.4.5"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-116"], "2022-02-16", refs=["https://github.com/libexpat/libexpat/pull/562"])
add("CVE-2022-25236", {E: ["..2.4.5"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-668"], "2022-02-16", refs=["https://github.com/libexpat/libexpat/pull/561"])
add("CVE-2022-25315", {E: ["..2.4.5"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["CWE-190"], "2022-02-18", refs=["https://github.com/libexpat/libexpat/pull/559"])
add("CVE-2022-43680", {E: ["..=2.4.9"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-416"], "2022-10-24", refs=["https://github.com/libexpat/libexpat/pull/650"])
# --- lighttpd, mosquitto, wolfSSL, libpcap
L = "lighttpd:lighttpd"
add("CVE-2018-19052", {L: ["..1.4.50"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", ["CWE-22"], "2018-11-07", refs=["https://github.com/lighttpd/lighttpd1.4/commit/2105dae0f9d7a964375ce681e53cb165375f84c1"])
add("CVE-2022-22707", {L: ["1.4.46..=1.4.63"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-787"], "2022-01-06", refs=["https://redmine.lighttpd.net/issues/3134"])
add("CVE-2022-41556", {L: ["1.4.56..1.4.67"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-401"], "2022-10-06", refs=["https://git.lighttpd.net/lighttpd/lighttpd1.4/commit/b18de6f9264f914f7bf493abd3b6059343548e50"])
add("CVE-2023-28366", {"eclipse:mosquitto": ["1.3.2..2.0.16"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", ["CWE-401"], "2023-09-01", refs=["https://mosquitto.org/blog/2023/08/version-2-0-16-released/"])
add("CVE-2022-25640", {"wolfssl:wolfssl": ["..5.2.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", ["CWE-295"], "2022-02-24", refs=["https://github.com/wolfSSL/wolfssl/pull/4831"])
add("CVE-2022-42905", {"wolfssl:wolfssl": ["..5.5.2"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", ["CWE-125"], "2022-11-07", refs=["https://github.com/wolfSSL/wolfssl/releases/tag/v5.5.2-stable"])
add("CVE-2019-15165", {"tcpdump:libpcap": ["..1.9.1"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", ["CWE-770"], "2019-10-03")
# --- Linux kernel
add("CVE-2016-5195", {K: ["2.6.22..3.2.83", "3.3..3.4.113", "3.5..3.10.104", "3.11..3.12.66", "3.13..3.16.38",
                          "3.17..3.18.44", "3.19..4.1.35", "4.2..4.4.26", "4.5..4.7.9", "4.8..4.8.3"]},
    "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", ["CWE-362"], "2016-11-10", kev=True,
    refs=["https://git.kernel.org/cgit/linux/kernel/git/torvalds/linux.git/commit/?id=19be0eaffa3ac7d8eb6784ad9bdbc7d67ed8e619"])
# NVD: 5.8..<5.10.102, 5.15..<5.15.25, 5.16..<5.16.11. The flaw exists since 5.8 (CNA-referenced advisory
# dirtypipe.cm4all.com) and the 5.11-5.14 branches were end-of-life without a fix, so they are kept affected.
add("CVE-2022-0847", {K: ["5.8..5.10.102", "5.11..5.15.25", "5.16..5.16.11"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    ["CWE-665"], "2022-03-10", kev=True, src="nvd+eol", refs=["https://dirtypipe.cm4all.com/"])
# NVD: 3.15..<5.15.149, 6.1..<6.1.76, 6.2..<6.6.15, 6.7..<6.7.3 (+6.8-rc1). 5.16-6.0 were end-of-life before the fix
# (commit f342de4e, 6.8-rc1) and are kept affected, as 5.11-5.14 above.
add("CVE-2024-1086", {K: ["3.15..5.15.149", "5.16..6.1.76", "6.2..6.6.15", "6.7..6.7.3"]}, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    ["CWE-416"], "2024-01-31", kev=True, src="nvd+eol",
    refs=["https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=f342de4e2f33e0e39165d8639387aa6c19dff660"])

meta = {
    "name": "fwassure starter vulnerability database",
    "date": DATE,
    "note": "PARTIAL by design: notable CVEs of components common in IoT firmware, facts only (no description "
            "text), each checked against its NVD / CVE Program / vendor record on " + DATE + " (see `source`). "
            "Absence of a match is not absence of vulnerabilities; import NVD/OSV feeds for coverage.",
    "sources": [NVD, "CVE Program cvelistV5"] + sorted(set(VENDOR.values())),
}
print(json.dumps({"meta": meta, "records": records}, indent=0, separators=(",", ":")))
