#!/usr/bin/env python3
"""Writes starter.json, the starter database bundled into fwassure (facts only: no description text).

Each entry: id, product(s) as CPE vendor:product, version ranges as published in the NVD CVE API 2.0
configurations (introduced = versionStartIncluding, fixed = versionEndExcluding, last = versionEndIncluding),
the NVD CVSS v3.x vector, CWE, publication date where recorded, KEV flag, and references (NVD + vendor).
Run: python3 starter.py > starter.json
"""
import json

DATE = "2026-11-25"
NVD = "NVD CVE API 2.0"
VENDOR = {
    "openssl:openssl": "https://openssl-library.org/news/vulnerabilities/",
    "haxx:curl": "https://curl.se/docs/security.html",
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

V = {
    "N98": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "NA75": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    "NC75": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "NI75": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N",
    "HA59": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H",
    "HC59": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "HI59": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N",
    "H81": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "R88": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
    "L78": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    "LR78": "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
    "L73": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L",
    "NA53": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L",
    "NC53": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    "NI53": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N",
    "HI37": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N",
    "HC37": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N",
    "HCA74": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H",
    "HCI74": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N",
    "NCA91": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H",
}

records = []


def rng(spec):
    """'a..b' = [a, b) ; 'a..=b' = [a, b] ; '..b' = (, b) ; '..=b' = (, b] ; '=v' exact."""
    if spec.startswith("="):
        return None
    lo, hi = spec.split("..")
    r = {}
    if lo:
        r["introduced"] = lo
    if hi.startswith("="):
        r["last_affected"] = hi[1:]
    else:
        r["fixed"] = hi
    return r


def add(id, products, vec, cwe=None, published=None, kev=False, refs=()):
    if not isinstance(products, dict):
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
    srcs = [NVD]
    for prod in products:
        if prod in VENDOR and VENDOR[prod] not in references:
            references.append(VENDOR[prod])
            srcs.append(VENDOR[prod])
    references.extend(refs)
    r = {"id": id}
    if published:
        r["published"] = published
    r["cvss"] = [V.get(vec, vec)]
    if cwe:
        r["cwe"] = [cwe]
    r["references"] = references
    if kev:
        r["kev"] = True
    r["source"] = "; ".join(srcs)
    r["affected"] = affected
    records.append(r)


O = "openssl:openssl"
# --- OpenSSL
add("CVE-2014-0160", {O: ["1.0.1..1.0.1g"]}, "NC75", "CWE-125", "2014-04-07", kev=True)
add("CVE-2016-0800", {O: ["1.0.1..1.0.1s", "1.0.2..1.0.2g"]}, "HC59", "CWE-310", "2016-03-01")
add("CVE-2016-2107", {O: ["1.0.1..1.0.1t", "1.0.2..1.0.2h"]}, "HC59", "CWE-200", "2016-05-05")
add("CVE-2016-2108", {O: ["1.0.1..1.0.1o", "1.0.2..1.0.2c"]}, "N98", "CWE-787", "2016-05-05")
add("CVE-2018-0732", {O: ["1.0.2..1.0.2p", "1.1.0..1.1.0i"]}, "NA75", "CWE-320", "2018-06-12")
add("CVE-2019-1551", {O: ["1.0.2..1.0.2u", "1.1.1..1.1.1e"]}, "NC53", "CWE-190", "2019-12-06")
add("CVE-2020-1967", {O: ["1.1.1d..1.1.1g"]}, "NA75", "CWE-476", "2020-04-21")
add("CVE-2020-1971", {O: ["1.0.2..1.0.2x", "1.1.1..1.1.1i"]}, "HA59", "CWE-476", "2020-12-08")
add("CVE-2021-23840", {O: ["1.0.2..1.0.2y", "1.1.1..1.1.1j"]}, "NA75", "CWE-190", "2021-02-16")
add("CVE-2021-3449", {O: ["1.1.1..1.1.1k"]}, "HA59", "CWE-476", "2021-03-25")
add("CVE-2021-3450", {O: ["1.1.1h..1.1.1k"]}, "HCI74", "CWE-295", "2021-03-25")
add("CVE-2021-3711", {O: ["1.1.1..1.1.1l"]}, "N98", "CWE-120", "2021-08-24")
add("CVE-2021-3712", {O: ["1.0.2..1.0.2za", "1.1.1..1.1.1l"]}, "HCA74", "CWE-125", "2021-08-24")
add("CVE-2022-0778", {O: ["1.0.2..1.0.2zd", "1.1.1..1.1.1n", "3.0.0..3.0.2"]}, "NA75", "CWE-835", "2022-03-15")
add("CVE-2022-1292", {O: ["1.0.2..1.0.2ze", "1.1.1..1.1.1o", "3.0.0..3.0.3"]}, "N98", "CWE-78", "2022-05-03")
add("CVE-2022-2068", {O: ["1.0.2..1.0.2zf", "1.1.1..1.1.1p", "3.0.0..3.0.4"]}, "N98", "CWE-78", "2022-06-21")
add("CVE-2022-3602", {O: ["3.0.0..3.0.7"]}, "NA75", "CWE-787", "2022-11-01")
add("CVE-2022-3786", {O: ["3.0.0..3.0.7"]}, "NA75", "CWE-120", "2022-11-01")
add("CVE-2022-4304", {O: ["1.0.2..1.0.2zg", "1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "HC59", "CWE-203", "2023-02-08")
add("CVE-2022-4450", {O: ["1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "NA75", "CWE-415", "2023-02-08")
add("CVE-2023-0215", {O: ["1.0.2..1.0.2zg", "1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "NA75", "CWE-416", "2023-02-08")
add("CVE-2023-0216", {O: ["3.0.0..3.0.8"]}, "NA75", "CWE-476", "2023-02-08")
add("CVE-2023-0217", {O: ["3.0.0..3.0.8"]}, "NA75", "CWE-476", "2023-02-08")
add("CVE-2023-0286", {O: ["1.0.2..1.0.2zg", "1.1.1..1.1.1t", "3.0.0..3.0.8"]}, "HCA74", "CWE-843", "2023-02-08")
add("CVE-2023-0401", {O: ["3.0.0..3.0.8"]}, "NA75", "CWE-476", "2023-02-08")
add("CVE-2023-0464", {O: ["1.0.2..1.0.2zh", "1.1.1..1.1.1u", "3.0.0..3.0.9", "3.1.0..3.1.1"]}, "NA75", "CWE-295", "2023-03-22")
add("CVE-2023-3817", {O: ["1.0.2..1.0.2zi", "1.1.1..1.1.1v", "3.0.0..3.0.10", "3.1.0..3.1.2"]}, "NA53", "CWE-834", "2023-07-31")
add("CVE-2023-5678", {O: ["1.0.2..1.0.2zj", "1.1.1..1.1.1x", "3.0.0..3.0.13", "3.1.0..3.1.5"]}, "NA53", None, "2023-11-06")
add("CVE-2024-0727", {O: ["1.0.2..1.0.2zj", "1.1.1..1.1.1x", "3.0.0..3.0.13", "3.1.0..3.1.5", "3.2.0..3.2.1"]},
    "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", "CWE-476", "2024-01-26")
add("CVE-2024-5535", {O: ["1.0.2..1.0.2zk", "1.1.1..1.1.1za", "3.0.0..3.0.15", "3.1.0..3.1.7", "3.2.0..3.2.3", "3.3.0..3.3.2"]},
    "NCA91", "CWE-200", "2024-06-27")
add("CVE-2024-6119", {O: ["3.0.0..3.0.15", "3.1.0..3.1.7", "3.2.0..3.2.3", "3.3.0..3.3.2"]}, "NA75", "CWE-843", "2024-09-03")
add("CVE-2024-12797", {O: ["3.2.0..3.2.4", "3.3.0..3.3.3", "3.4.0..3.4.1"]}, "HCI74", "CWE-392", "2025-02-11")

C = "haxx:curl"
# --- curl
add("CVE-2021-22945", {C: ["7.73.0..7.79.0"]}, "NCA91", "CWE-415", "2021-09-23")
add("CVE-2022-32221", {C: ["7.7..7.86.0"]}, "N98", "CWE-668", "2022-12-05")
add("CVE-2022-42915", {C: ["7.77.0..7.86.0"]}, "N98", "CWE-415", "2022-10-29")
add("CVE-2022-43551", {C: ["7.77.0..7.87.0"]}, "NC75", "CWE-319", "2022-12-23")
add("CVE-2023-27533", {C: ["..8.0.0"]}, "R88", "CWE-74", "2023-03-30")
add("CVE-2023-27534", {C: ["..8.0.0"]}, "R88", "CWE-22", "2023-03-30")
add("CVE-2023-27535", {C: ["7.13.0..8.0.0"]}, "HC59", "CWE-287", "2023-03-30")
add("CVE-2023-27536", {C: ["7.22.0..8.0.0"]}, "HC59", "CWE-287", "2023-03-30")
add("CVE-2023-27537", {C: ["7.88.0..8.0.0"]}, "HA59", "CWE-415", "2023-03-30")
add("CVE-2023-28319", {C: ["7.81.0..8.1.0"]}, "NC75", "CWE-416", "2023-05-26")
add("CVE-2023-28320", {C: ["7.9.8..8.1.0"]}, "HA59", "CWE-362", "2023-05-26")
add("CVE-2023-28321", {C: ["7.12.0..8.1.0"]}, "HI59", "CWE-295", "2023-05-26")
add("CVE-2023-38039", {C: ["7.84.0..8.3.0"]}, "NA75", "CWE-770", "2023-09-15")
add("CVE-2023-38545", {C: ["7.69.0..8.4.0"]}, "N98", "CWE-787", "2023-10-18")
add("CVE-2023-38546", {C: ["7.9.1..8.4.0"]}, "HI37", "CWE-73", "2023-10-18")
add("CVE-2023-46218", {C: ["7.46.0..8.5.0"]}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N", None, "2023-12-07")
add("CVE-2023-46219", {C: ["7.77.0..8.5.0"]}, "NI53", None, "2023-12-12")

# --- zlib
Z = "zlib:zlib"
add("CVE-2016-9840", {Z: ["..1.2.9"]}, "R88", "CWE-189", "2017-05-23")
add("CVE-2016-9841", {Z: ["..1.2.9"]}, "N98", "CWE-189", "2017-05-23")
add("CVE-2016-9842", {Z: ["..1.2.9"]}, "R88", "CWE-189", "2017-05-23")
add("CVE-2016-9843", {Z: ["..1.2.9"]}, "N98", "CWE-189", "2017-05-23")
add("CVE-2018-25032", {Z: ["..1.2.12"]}, "NA75", "CWE-787", "2022-03-25")
add("CVE-2022-37434", {Z: ["..=1.2.12"]}, "N98", "CWE-787", "2022-08-05")
add("CVE-2023-45853", {Z: ["..=1.3"]}, "N98", "CWE-190", "2023-10-14")

# --- BusyBox
B = "busybox:busybox"
add("CVE-2016-2147", {B: ["..1.25.0"]}, "NA75", "CWE-190", "2017-02-09")
add("CVE-2016-2148", {B: ["..1.25.0"]}, "N98", "CWE-787", "2017-02-09")
add("CVE-2017-16544", {B: ["..=1.27.2"]}, "R88", "CWE-94", "2017-11-20")
add("CVE-2018-20679", {B: ["..1.30.0"]}, "NC75", "CWE-125", "2019-01-09")
add("CVE-2019-5747", {B: ["..=1.30.0"]}, "NC75", "CWE-125", "2019-01-09")
add("CVE-2021-28831", {B: ["..=1.32.1"]}, "NA75", "CWE-755", "2021-03-19")
for n in range(42378, 42387):
    add("CVE-2021-%d" % n, {B: ["..1.34.0"]}, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", "CWE-416", "2021-11-15")
add("CVE-2022-30065", {B: ["=1.35.0"]}, "LR78", "CWE-416", "2022-05-18")

# --- Dropbear
D = "dropbear_ssh_project:dropbear_ssh"
add("CVE-2016-7406", {D: ["..2016.74"]}, "N98", "CWE-134", "2017-03-03")
add("CVE-2016-7407", {D: ["..2016.74"]}, "N98", "CWE-20", "2017-03-03")
add("CVE-2016-7408", {D: ["..2016.74"]}, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "CWE-20", "2017-03-03")
add("CVE-2017-9078", {D: ["..2017.75"]}, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "CWE-415", "2017-05-19")
add("CVE-2017-9079", {D: ["..2017.75"]}, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", None, "2017-05-19")
add("CVE-2018-15599", {D: ["..=2018.76"]}, "NC53", "CWE-200", "2018-08-20")
add("CVE-2021-36369", {D: ["..2022.82"]}, "NI75", "CWE-287", "2022-10-12")
add("CVE-2023-48795", {D: ["..=2022.83"], "openbsd:openssh": ["..9.6"]}, "HI59", "CWE-354", "2023-12-18")

# --- OpenSSH
S = "openbsd:openssh"
add("CVE-2018-15473", {S: ["..=7.7"]}, "NC53", "CWE-362", "2018-08-17")
add("CVE-2020-15778", {S: ["..=8.3p1"]}, "LR78", "CWE-78", "2020-07-24")
add("CVE-2021-41617", {S: ["6.2..8.8"]}, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", None, "2021-09-26")
add("CVE-2023-38408", {S: ["..9.3p2"]}, "N98", "CWE-428", "2023-07-20")
add("CVE-2024-6387", {S: ["..4.4p1", "8.5p1..9.8p1"]}, "H81", "CWE-364", "2024-07-01")
add("CVE-2025-26465", {S: ["6.8p1..9.9p2"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", "CWE-390", "2025-02-18")
add("CVE-2025-26466", {S: ["9.5p1..9.9p2"]}, "HA59", "CWE-770", "2025-02-28")

# --- dnsmasq
M = "thekelleys:dnsmasq"
for n, vec in [(14491, "N98"), (14492, "N98"), (14493, "N98"), (14494, "NC75"), (14495, "NA75"), (14496, "NA75")]:
    add("CVE-2017-%d" % n, {M: ["..2.78"]}, vec, None, "2017-10-02")
for n, vec in [(25681, "H81"), (25682, "H81"), (25683, "HA59"), (25684, "HI37"), (25685, "HI37"), (25686, "HI37"), (25687, "HA59")]:
    add("CVE-2020-%d" % n, {M: ["..2.83"]}, vec, None, "2021-01-20")
add("CVE-2022-0934", {M: ["..2.87"]}, "NA75", "CWE-416", "2022-08-29")
add("CVE-2023-28450", {M: ["..2.90"]}, "NA75", None, "2023-03-15")
add("CVE-2023-50387", {M: ["..2.90"]}, "NA75", "CWE-770", "2024-02-14")
add("CVE-2023-50868", {M: ["..2.90"]}, "NA75", "CWE-770", "2024-02-14")

# --- SQLite
Q = "sqlite:sqlite"
add("CVE-2019-8457", {Q: ["3.6.0..3.28.0"]}, "N98", "CWE-125", "2019-05-30")
add("CVE-2020-11655", {Q: ["..=3.31.1"]}, "NA75", "CWE-665", "2020-04-09")
add("CVE-2022-35737", {Q: ["1.0.12..3.39.2"]}, "NA75", "CWE-129", "2022-08-03")
add("CVE-2022-46908", {Q: ["..3.40.1"]}, "L73", None, "2022-12-12")
add("CVE-2023-7104", {Q: ["..3.43.1"]}, "L73", "CWE-119", "2023-12-29")
add("CVE-2024-0232", {Q: ["3.43.0..3.43.2"]}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", "CWE-416", "2024-01-16")

# --- Mbed TLS
T = "arm:mbed_tls"
add("CVE-2021-44732", {T: ["..2.16.12", "2.17.0..2.28.0", "3.0.0..3.1.0"]}, "N98", "CWE-415", "2021-12-20")
add("CVE-2022-46393", {T: ["..2.28.2", "3.0.0..3.3.0"]}, "N98", "CWE-787", "2022-12-15")
add("CVE-2024-23775", {T: ["..2.28.7", "3.0.0..3.5.2"]}, "NA75", "CWE-190", "2024-01-31")

# --- wpa_supplicant / hostapd
W, H = "w1.fi:wpa_supplicant", "w1.fi:hostapd"
add("CVE-2017-13077", {W: ["..=2.6"], H: ["..=2.6"]}, "CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "CWE-323", "2017-10-17")
add("CVE-2019-9494", {W: ["..=2.7"], H: ["..=2.7"]}, "HC59", "CWE-203", "2019-04-17")
add("CVE-2019-9495", {W: ["..=2.7"], H: ["..=2.7"]}, "HC37", "CWE-203", "2019-04-17")
add("CVE-2019-16275", {W: ["..=2.9"], H: ["..=2.9"]}, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "CWE-20", "2019-09-12")
add("CVE-2021-27803", {W: ["1.0..2.10"]}, "NA75", "CWE-416", "2021-02-26")
add("CVE-2021-30004", {W: ["..2.10"], H: ["..2.10"]}, "NI53", "CWE-295", "2021-04-02")
add("CVE-2022-23303", {W: ["..2.10"], H: ["..2.10"]}, "N98", "CWE-203", "2022-01-17")
add("CVE-2022-23304", {W: ["..2.10"], H: ["..2.10"]}, "N98", "CWE-203", "2022-01-17")
add("CVE-2023-52160", {W: ["..=2.10"]}, "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "CWE-287", "2024-02-22")

# --- OpenVPN
P = "openvpn:openvpn"
add("CVE-2017-12166", {P: ["..2.4.4"]}, "N98", "CWE-787", "2017-10-04")
add("CVE-2023-46849", {P: ["2.6.0..2.6.7"]}, "NA75", "CWE-369", "2023-11-11")
add("CVE-2023-46850", {P: ["2.6.0..2.6.7"]}, "N98", "CWE-416", "2023-11-11")

# --- nginx
X = "f5:nginx"
add("CVE-2013-2028", {X: ["1.3.9..1.4.1"]}, "N98", "CWE-787", "2013-07-20")
add("CVE-2021-23017", {X: ["0.6.18..1.20.1"]}, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:H", "CWE-193", "2021-06-01")
add("CVE-2022-41741", {X: ["1.1.3..1.22.1", "1.23.0..1.23.2"]}, "LR78", "CWE-787", "2022-10-19")
add("CVE-2022-41742", {X: ["1.1.3..1.22.1", "1.23.0..1.23.2"]}, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:H", "CWE-125", "2022-10-19")
add("CVE-2024-7347", {X: ["1.5.13..1.26.2", "1.27.0..1.27.1"]}, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:N/I:N/A:H", "CWE-125", "2024-08-14")

# --- expat
E = "libexpat_project:libexpat"
for n in (22822, 22823, 22824):
    add("CVE-2022-%d" % n, {E: ["..2.4.3"]}, "N98", "CWE-190", "2022-01-08")
for n in (25235, 25236, 25315):
    add("CVE-2022-%d" % n, {E: ["..2.4.5"]}, "N98", None, "2022-02-16")
add("CVE-2022-43680", {E: ["..2.5.0"]}, "NA75", "CWE-416", "2022-10-24")

# --- lighttpd, mosquitto, wolfSSL, libpcap
add("CVE-2018-19052", {"lighttpd:lighttpd": ["..1.4.50"]}, "NC75", "CWE-22", "2018-11-07")
add("CVE-2022-22707", {"lighttpd:lighttpd": ["1.4.46..1.4.64"]}, "HA59", "CWE-787", "2022-01-06")
add("CVE-2022-41556", {"lighttpd:lighttpd": ["..1.4.67"]}, "NA75", "CWE-404", "2022-10-06")
add("CVE-2023-28366", {"eclipse:mosquitto": ["..2.0.16"]}, "NA75", "CWE-401", "2023-09-01")
add("CVE-2022-25640", {"wolfssl:wolfssl": ["..5.2.0"]}, "NI75", "CWE-287", "2022-02-24")
add("CVE-2022-42905", {"wolfssl:wolfssl": ["..5.5.1"]}, "NCA91", "CWE-125", "2022-10-31")
add("CVE-2019-15165", {"tcpdump:libpcap": ["..1.9.1"]}, "NA53", "CWE-770", "2019-10-03")

# --- Linux kernel
K = "linux:linux_kernel"
add("CVE-2016-5195", {K: ["2.6.22..3.2.83", "3.3..3.4.113", "3.5..3.10.104", "3.11..3.12.66", "3.13..3.16.38",
                          "3.17..3.18.44", "3.19..4.1.35", "4.2..4.4.26", "4.5..4.7.9", "4.8..4.8.3"]},
    "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", "CWE-362", "2016-11-10", kev=True)
add("CVE-2022-0847", {K: ["5.8..5.10.102", "5.11..5.15.25", "5.16..5.16.11"]}, "L78", "CWE-665", "2022-03-10", kev=True)
add("CVE-2024-1086", {K: ["3.15..5.15.149", "5.16..6.1.76", "6.2..6.6.15", "6.7..6.7.3"]}, "L78", "CWE-416", "2024-01-31", kev=True)

meta = {
    "name": "fwassure starter vulnerability database",
    "date": DATE,
    "note": "PARTIAL by design: notable CVEs of components common in IoT firmware, facts only (no description "
            "text). Absence of a match is not absence of vulnerabilities; import NVD/OSV feeds for coverage.",
    "sources": [NVD] + sorted(set(VENDOR.values())),
}
print(json.dumps({"meta": meta, "records": records}, indent=0, separators=(",", ":")))
