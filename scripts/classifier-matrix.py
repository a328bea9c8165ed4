#!/usr/bin/env python3
"""The classifier validation matrix: every classifier against the real builds of its product.

Usage: scripts/classifier-matrix.py [--cache DIR] [--only ID,ID…] [--releases bookworm,trixie]
                                    [--no-realfw] [--fwassure BIN] [--jobs N] [--refresh] [--no-write]

For every classifier of the table (read through `cargo run -p fwassure-catalog --example matrix -- table`, so
every classifier in any family file gets a row) and every build (Debian release bookworm and trixie on amd64,
arm64, armhf, i386 and mipsel (bookworm only: trixie dropped mipsel), the Debian binary packages named in
the classifier's `debian` field are downloaded with `apt-get download` under a private APT_CONFIG (own
sources.list, lists, cache and empty status: the host's apt state is not touched), unpacked with `dpkg-deb -x`
(never installed) into the cache (default /work/cache-matrix, outside the repo), and the real engine is run over every
extracted file (`matrix scan`). The expected name and version come from the package's version (its upstream
part: epoch, Debian revision, `+dfsg`, `+b1`, `~…` stripped; see `expected_version`), never from the classifier.

Each (classifier, build) is `right` (the classifier reports the package's version and nothing else),
`wrong` (it reports another version: listed), `missed` (it reports nothing) or `n.a.` (no such package for that
release and architecture). Packages of architecture `all` (web assets) are one build per release.

The realfw column: `fwassure extract` of every image in ../shared/realfw/images (when present) is searched the
same way and compared with the truth files' components (name + version): right / wrong / missed per classifier.

Writes crates/catalog/MATRIX.md (summary) and crates/catalog/matrix.json (every cell, sorted, deterministic).
"""
import argparse
import concurrent.futures as cf
import glob
import json
import os
import re
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASES = {
    "bookworm": ["amd64", "arm64", "armhf", "mipsel", "i386"],
    # trixie dropped mipsel (and mips64el): its builds are bookworm's only
    "trixie": ["amd64", "arm64", "armhf", "i386"],
}
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
REALFW = os.path.join(os.path.dirname(REPO), "shared", "realfw")
# the truth files' aliases of a component name (as ../shared/realfw/score.py reads them)
ALIASES = {"uclibc": {"uclibc", "uclibc-ng"}, "linux": {"linux", "linux_kernel", "linux-kernel", "kernel"},
           "wpa_supplicant": {"wpa_supplicant", "wpa-supplicant", "wpad"},
           "u-boot": {"u-boot", "uboot", "das_u-boot"}, "openssl": {"openssl", "libssl", "libcrypto"},
           "curl": {"curl", "libcurl"}, "pppd": {"pppd", "ppp"}, "mbedtls": {"mbedtls", "polarssl", "mbed_tls"},
           "wolfssl": {"wolfssl", "cyassl"}}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------
# Debian versions
# ---------------------------------------------------------------------------------------------------------
def _order(c):
    if c == "~":
        return -1
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def _cmp_part(a, b):
    """dpkg's comparison of an upstream or revision string."""
    i = j = 0
    while i < len(a) or j < len(b):
        diff = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = _order(a[i]) if i < len(a) and not a[i].isdigit() else 0
            bc = _order(b[j]) if j < len(b) and not b[j].isdigit() else 0
            if ac != bc:
                return ac - bc
            i += 1
            j += 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and a[i].isdigit() and j < len(b) and b[j].isdigit():
            if not diff:
                diff = ord(a[i]) - ord(b[j])
            i += 1
            j += 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if diff:
            return diff
    return 0


def _split(v):
    e, _, rest = v.partition(":") if ":" in v else ("0", "", v)
    up, _, rev = rest.rpartition("-") if "-" in rest else (rest, "", "")
    return int(e) if e.isdigit() else 0, up, rev


def vcmp(a, b):
    """Compare two Debian versions: <0, 0, >0."""
    ea, ua, ra = _split(a)
    eb, ub, rb = _split(b)
    return (ea - eb) or _cmp_part(ua, ub) or _cmp_part(ra, rb)


def upstream(v):
    """The upstream part of a Debian version: `1:9.2p1-2+deb12u3` → `9.2p1`, `1.2.13.dfsg-1` → `1.2.13`,
    `1:1.3.dfsg+really1.3.1-1` → `1.3.1`, `6.4+20230625-2` → `6.4`, `3.0.20-1~deb12u2` → `3.0.20`."""
    s = v.strip()
    e, sep, rest = s.partition(":")
    if sep and e.isdigit():
        s = rest
    if "-" in s[1:]:
        s = s[: s.rindex("-")]
    if "+really" in s:
        s = s[s.index("+really") + len("+really"):]
    for suffix in ("+dfsg", ".dfsg", "~dfsg", "+ds", ".ds", "+repack", "~", "+"):
        i = s.find(suffix)
        if i > 0:
            s = s[:i]
    return s


# Where a product's Debian upstream version is not the version the program prints, the rule is here, keyed by
# classifier name (the product), each with its reason. A rule maps the upstream version to the printed one.
PRINTED = {
    # p7zip's Debian version `16.02+dfsg` is its upstream; 7-Zip (trixie's `7zip` package) the same: nothing.
    # systemd prints only its major version (`systemd 252 (252.30-1~deb12u2)` in --version): `252.30` → `252`
    # is NOT applied: the classifier must find the full version in the parenthesis or say nothing.
    # libevent's upstream versions carry a release-channel word (`2.1.12-stable`) that Debian keeps in the
    # package version; the product's version (NVD's, and the number the library encodes) is without it.
    "libevent": lambda up: re.sub(r"-(stable|beta|alpha|rc)$", "", up),
    # ProFTPD's letter releases (`1.3.8c`) are spelled with a dot by Debian (`1.3.8.c`) so that they sort.
    "proftpd": lambda up: re.sub(r"^(\d+\.\d+\.\d+)\.([a-z])$", r"\1\2", up),
    # lrzsz's last upstream tarball is `lrzsz-0.12.21rc`; bookworm names it `0.12.21` (trixie keeps the `rc`),
    # and the programs print `0.12.21rc` (`%s version %s`): the rc is the product's version.
    "lrzsz": lambda up: up + "rc" if up == "0.12.21" else up,
    # OpenSSH portable's 10.0p1 release tarball already says `10.0p2` in version.h (a known upstream slip, kept
    # by upstream: every build of the 10.0p1 tarball prints `OpenSSH_10.0p2`); Debian trixie's 1:10.0p1-x is that
    # tarball. The binary's banner is what peers and scanners see, so the classifier reports 10.0p2.
    "openssh": lambda up: "10.0p2" if up == "10.0p1" else up,
}

# Rules that need the whole Debian version (the part after `+` or `~` that `upstream` drops), same reasons.
PRINTED_DEB = {
    # tftp-hpa `5.2+20240610` (trixie): a 2024 git snapshot whose `version` file already says 5.3, so the
    # programs print `tftp-hpa 5.3, with remap…`; bookworm's 2015 snapshot `5.2+20150808` still says 5.2.
    "tftp-hpa": lambda up, deb: "5.3" if re.search(r"^(\d+:)?5\.2\+202[4-9]\d{4}", deb) else up,
    # Transmission `4.1.0~beta2`: Debian's `~` spelling of upstream's `4.1.0-beta.2`, which the daemon prints.
    "transmission": lambda up, deb: (up + "-beta." + m.group(1))
    if (m := re.search(r"~beta(\d+)", deb)) else up,
}


def expected_version(cname, debver):
    """Expected printed version of product `cname` for a Debian package version (never from the classifier)."""
    up = upstream(debver)
    rule = PRINTED.get(cname)
    up = rule(up) if rule else up
    rule = PRINTED_DEB.get(cname)
    return rule(up, debver) if rule else up


# ---------------------------------------------------------------------------------------------------------
# private apt state
# ---------------------------------------------------------------------------------------------------------
def host_uri(want):
    """The archive URI (…/debian or …/debian-security) this host's apt already uses."""
    files = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*"))
    for f in files:
        try:
            text = open(f, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        for line in text.splitlines():
            if line.lstrip().startswith("#"):
                continue
            for w in line.split():
                if re.match(r"https?://", w) and w.rstrip("/").split("/")[-1] == want:
                    return w.rstrip("/")
    return None


class Apt:
    """One private apt configuration (release, architecture) under the cache."""

    def __init__(self, cache, rel, arch, mirror, sec_mirror):
        self.rel, self.arch = rel, arch
        self.d = os.path.join(cache, "apt", f"{rel}-{arch}")
        self.debs = os.path.join(cache, "debs", f"{rel}-{arch}")
        for sub in ("state/lists/partial", "cache/archives/partial", "etc/apt.conf.d", "etc/sources.list.d",
                    "etc/preferences.d"):
            os.makedirs(os.path.join(self.d, sub), exist_ok=True)
        os.makedirs(self.debs, exist_ok=True)
        status = os.path.join(self.d, "state/status")
        if not os.path.exists(status):
            open(status, "w").close()
        with open(os.path.join(self.d, "etc/sources.list"), "w") as f:
            f.write(f"deb [signed-by={KEYRING}] {mirror} {rel} main\n")
            f.write(f"deb [signed-by={KEYRING}] {mirror} {rel}-updates main\n")
            f.write(f"deb [signed-by={KEYRING}] {sec_mirror} {rel}-security main\n")
        # APT_CONFIG is read before Dir::Etc::parts: the host's apt.conf.d, sources and preferences are ignored
        self.conf = os.path.join(self.d, "apt.conf")
        with open(self.conf, "w") as f:
            f.write(f"""Dir::Etc::parts "{self.d}/etc/apt.conf.d";
Dir::Etc::main "/dev/null";
Dir::Etc::sourcelist "{self.d}/etc/sources.list";
Dir::Etc::sourceparts "{self.d}/etc/sources.list.d";
Dir::Etc::preferences "/dev/null";
Dir::Etc::preferencesparts "{self.d}/etc/preferences.d";
Dir::State "{self.d}/state";
Dir::State::status "{self.d}/state/status";
Dir::Cache "{self.d}/cache";
APT::Architecture "{arch}";
APT::Architectures {{ "{arch}"; }};
APT::Sandbox::User "root";
Acquire::Languages "none";
Acquire::GzipIndexes "false";
Acquire::Retries "3";
""")
        self.index = {}

    def run(self, args, cwd=None):
        env = dict(os.environ, APT_CONFIG=self.conf)
        return subprocess.run(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)

    def lists(self):
        return sorted(glob.glob(os.path.join(self.d, "state/lists", f"*_binary-{self.arch}_Packages")))

    def update(self, refresh):
        fresh = [p for p in self.lists() if time.time() - os.path.getmtime(p) < 86400]
        if refresh or not fresh:
            log(f"apt-get update {self.rel}/{self.arch}")
            r = self.run(["apt-get", "-q", "update"])
            if r.returncode:
                log(f"  apt-get update {self.rel}/{self.arch} failed: {r.stderr.strip()[-300:]}")
        self.index = {}
        for p in self.lists():
            for stanza in open(p, encoding="utf-8", errors="replace").read().split("\n\n"):
                fields = {}
                for line in stanza.splitlines():
                    if line[:1] not in (" ", "\t") and ":" in line:
                        k, _, v = line.partition(":")
                        fields[k] = v.strip()
                name, ver = fields.get("Package"), fields.get("Version")
                if not name or not ver:
                    continue
                cur = self.index.get(name)
                if cur is None or vcmp(ver, cur["Version"]) > 0:
                    self.index[name] = fields


def source_of(fields):
    return (fields.get("Source") or fields["Package"]).split(" ")[0]


def digits_pattern(name):
    """`php8.2-cli` → `php\\d+\\.\\d+-cli`: the same name with other version numbers in it."""
    return re.compile("^" + re.sub(r"\\\d|\d+", lambda m: r"\d+", re.escape(name)) + "$")


def resolve(apt, pkg, sources):
    """The package of `apt`'s release that stands for `pkg` (a name of the classifier's `debian` field):
    the name itself; its 64-bit time_t rename (`libssl3` → `libssl3t64`, trixie) or the reverse; a package
    that Provides it; a package of the same source family whose name differs only in its version numbers
    (`php8.2-cli` → `php8.4-cli`, `libwolfssl35` → `libwolfssl42`: a soname or a versioned product)."""
    idx = apt.index
    for n in (pkg, pkg + "t64", pkg[:-3] if pkg.endswith("t64") else None):
        if n and n in idx:
            return follow_transitional(idx, idx[n])
    prov = sorted(n for n, f in idx.items()
                  if pkg in [p.strip().split(" ")[0] for p in f.get("Provides", "").split(",")])
    if prov:
        return idx[prov[0]]
    if not re.search(r"\d", pkg) or not sources:
        return None
    npat = digits_pattern(pkg[:-3] if pkg.endswith("t64") else pkg)
    spats = [digits_pattern(s) for s in sources]
    cands = [f for n, f in idx.items()
             if (npat.match(n) or npat.match(n[:-3] if n.endswith("t64") else n))
             and any(sp.match(source_of(f)) for sp in spats)]
    if not cands:
        return None
    best = cands[0]
    for f in cands[1:]:
        if vcmp(f["Version"], best["Version"]) > 0 or (f["Version"] == best["Version"] and f["Package"] < best["Package"]):
            best = f
    return best


def follow_transitional(idx, fields):
    """A transitional package (`Description: transitional package`, no files of its own: trixie's `libc-ares2` →
    `libcares2`, `p7zip` → `7zip`) stands for the package it depends on."""
    seen = set()
    while "transitional" in fields.get("Description", "").lower() and fields["Package"] not in seen:
        seen.add(fields["Package"])
        dep = fields.get("Depends", "").split(",")[0].split("|")[0].split("(")[0].strip().split(":")[0]
        if dep not in idx:
            break
        fields = idx[dep]
    return fields


def deb_name(fields):
    return os.path.basename(fields.get("Filename", f'{fields["Package"]}_{fields["Version"]}_{fields["Architecture"]}.deb'))


def download_batch(apt, batch):
    """Download the missing packages of one release/architecture, 40 per `apt-get download` (one read of the
    package lists for many packages); a failed batch falls back to one call per package in `fetch`."""
    todo = [f for f in batch if not os.path.exists(os.path.join(apt.debs, deb_name(f)))]
    for i in range(0, len(todo), 40):
        part = todo[i:i + 40]
        log(f"  {apt.rel}/{apt.arch}: downloading {len(part)} packages")
        apt.run(["apt-get", "-q", "download"] + [f'{f["Package"]}:{apt.arch}={f["Version"]}' for f in part],
                cwd=apt.debs)


def fetch(apt, fields, xroot):
    """Download (cached) and unpack one package; returns the unpacked folder or None."""
    name, ver = fields["Package"], fields["Version"]
    fn = deb_name(fields)
    deb = os.path.join(apt.debs, fn)
    if not os.path.exists(deb):
        r = apt.run(["apt-get", "-q", "download", f"{name}:{apt.arch}={ver}"], cwd=apt.debs)
        if r.returncode or not os.path.exists(deb):
            got = glob.glob(os.path.join(apt.debs, f"{name}_*.deb"))
            cand = [g for g in got if upstream(ver) in g]
            if not cand:
                log(f"  download {name}:{apt.arch}={ver} failed: {r.stderr.strip()[-200:]}")
                return None
            deb = cand[0]
    root = os.path.join(xroot, f"{apt.rel}-{apt.arch}", fn[:-4])
    if not os.path.exists(os.path.join(root, ".fwassure-matrix-done")):
        os.makedirs(root, exist_ok=True)
        r = subprocess.run(["dpkg-deb", "-x", deb, root], capture_output=True, text=True)
        if r.returncode:
            log(f"  dpkg-deb -x {deb} failed: {r.stderr.strip()[-200:]}")
            return None
        open(os.path.join(root, ".fwassure-matrix-done"), "w").close()
    return root


# ---------------------------------------------------------------------------------------------------------
# the engine (examples/matrix.rs)
# ---------------------------------------------------------------------------------------------------------
def matrix_bin():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "fwassure-catalog", "--example", "matrix"],
                   cwd=REPO, check=True)
    return os.path.join(target, "release", "examples", "matrix")


def scan(binary, roots, blobs=False, jobs=2):
    """{root: [(path, id, version, text)]} for every root."""
    out = {r: [] for r in roots}
    batches = [roots[i:i + 64] for i in range(0, len(roots), 64)]

    def one(batch):
        args = [binary, "scan"] + (["--blobs"] if blobs else []) + batch
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode:
            log(f"  matrix scan failed: {r.stderr.strip()[-300:]}")
        return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]

    with cf.ThreadPoolExecutor(jobs) as ex:
        for rows in ex.map(one, batches):
            for row in rows:
                for h in row["hits"]:
                    out[row["root"]].append((row["path"], h["id"], h["version"], h["text"]))
    return out


# ---------------------------------------------------------------------------------------------------------
# realfw column
# ---------------------------------------------------------------------------------------------------------
def names(n):
    n = n.lower()
    for k, s in ALIASES.items():
        if n in s or n == k:
            return s | {k}
    return {n}


def norm_v(v):
    v = str(v or "").strip()
    return v[1:] if v[:1] in "vV" and v[1:2].isdigit() else v


def realfw(binary, fwassure, cache, table, jobs):
    """{classifier id: {"right": [...], "wrong": [...], "missed": [...]}} over the real images' truth."""
    imgs = os.path.join(REALFW, "images")
    if not os.path.isdir(imgs) or not fwassure:
        return None
    xdir = os.path.join(cache, "realfw")
    roots = {}
    for t in sorted(glob.glob(os.path.join(REALFW, "truth", "*.json"))):
        img = os.path.basename(t)[:-5]
        path = os.path.join(imgs, img)
        if not os.path.exists(path):
            continue
        out = os.path.join(xdir, img)
        stamp = os.path.join(xdir, img + ".done")
        if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(fwassure):
            subprocess.run(["rm", "-rf", out])
            os.makedirs(out, exist_ok=True)
            subprocess.run([fwassure, "extract", path, "-o", out], capture_output=True, timeout=600)
            open(stamp, "w").close()
        roots[img] = (out, json.load(open(t)))
    hits = scan(binary, [r for r, _ in roots.values()], blobs=True, jobs=jobs)
    res = {c["id"]: {"right": [], "wrong": [], "missed": []} for c in table}
    for img, (root, truth) in sorted(roots.items()):
        comps = [c for c in truth.get("components") or [] if not c.get("optional")]
        for c in table:
            want = [norm_v(t["version"]) for t in comps if c["name"].lower() in names(t["name"])]
            if not want:
                continue
            got = sorted({norm_v(v) for _, cid, v, _ in hits[root] if cid == c["id"]})
            for w in sorted(set(want)):
                if w in got:
                    res[c["id"]]["right"].append(f"{img}: {w}")
                elif got:
                    res[c["id"]]["missed"].append(f"{img}: {w}")
            for g in got:
                if g not in want:
                    res[c["id"]]["wrong"].append(f"{img}: {g} (truth {', '.join(sorted(set(want)))})")
            if not got:
                res[c["id"]]["missed"].extend(f"{img}: {w}" for w in sorted(set(want)))
    # a product another classifier of the same name found right is not this classifier's miss
    by_name = {}
    for c in table:
        by_name.setdefault(c["name"], []).append(c["id"])
    for c in table:
        others = {r for o in by_name[c["name"]] if o != c["id"] for r in res[o]["right"]}
        res[c["id"]]["covered"] = sorted(m for m in res[c["id"]]["missed"] if m in others)
        res[c["id"]]["missed"] = sorted(m for m in res[c["id"]]["missed"] if m not in others)
    return res


# ---------------------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------------------
def family_of(cid):
    for f in sorted(glob.glob(os.path.join(REPO, "crates/catalog/src/classifiers/*.rs"))):
        if f'id: "{cid}"' in open(f, encoding="utf-8").read():
            return os.path.basename(f)[:-3]
    return "?"


def write_md(path, table, cells, builds, rf):
    tot = {"right": 0, "wrong": 0, "missed": 0, "n.a.": 0}
    rows = []
    below = []
    for c in table:
        cc = [cells[(c["id"], b)] for b in builds if (c["id"], b) in cells]
        n = {k: sum(1 for x in cc if x["status"] == k) for k in tot}
        for k in tot:
            tot[k] += n[k]
        notes = []
        for x in cc:
            if x["status"] == "wrong":
                notes.append(f'{x["build"]}: {"/".join(x["found"])} for {x["expected"]}')
        miss = [x["build"] for x in cc if x["status"] == "missed"]
        if miss:
            notes.append("missed " + ", ".join(miss))
        avail = n["right"] + n["wrong"] + n["missed"]
        if avail and n["right"] < avail:
            below.append(c["id"])
        if not c["debian"]:
            notes.append("no Debian package")
        r = rf.get(c["id"]) if rf else None
        rcol = "" if r is None else f'{len(r["right"])}/{len(r["wrong"])}/{len(r["missed"])}'
        if r and r["wrong"]:
            notes.append("realfw wrong: " + "; ".join(r["wrong"][:3]))
        if r and r["missed"]:
            notes.append("realfw missed: " + "; ".join(r["missed"][:4]) + (" …" if len(r["missed"]) > 4 else ""))
        rows.append(f'| {c["id"]} | {c["family"]} | {", ".join(c["debian"]) or "-"} | {n["right"]} | {n["wrong"]} | '
                    f'{n["missed"]} | {n["n.a."]} | {rcol} | {"; ".join(notes).replace("|", "/")} |')
    avail = tot["right"] + tot["wrong"] + tot["missed"]
    pct = 100.0 * tot["right"] / avail if avail else 0.0
    rft = None
    if rf:
        rft = {k: sum(len(v[k]) for v in rf.values()) for k in ("right", "wrong", "missed")}
    lines = [
        "# Classifier validation matrix",
        "",
        "Generated by `scripts/classifier-matrix.py` (do not edit by hand; `matrix.json` holds every cell). Each",
        "classifier is run (the real engine, `examples/matrix.rs`) over the files of its Debian packages (its `debian`",
        "field) of **bookworm** and **trixie** on amd64, arm64, armhf and i386, and **mipsel on bookworm only**",
        "(trixie has no mipsel port). The expected version is the upstream part of the package version, never",
        "the classifier's. `right`: the package's version and nothing else; `wrong`: another version (listed);",
        "`missed`: nothing; `n.a.`: no such package in that release/architecture (packages of architecture `all`,",
        "the web assets, are one build per release). `realfw` = right/wrong/missed over the components of",
        "`../shared/realfw/truth/*.json` in what `fwassure extract` makes of each image.",
        "",
        f"**Totals**: {tot['right']} right, {tot['wrong']} wrong, {tot['missed']} missed over {avail} "
        f"(classifier, build) pairs with a package ({tot['n.a.']} n.a.): **{pct:.1f} % right**.",
    ]
    if rft:
        lines.append(f"**realfw**: {rft['right']} right, {rft['wrong']} wrong, {rft['missed']} missed "
                     "(truth components of a product that has a classifier).")
    lines += ["", "Below 100 %: " + (", ".join(below) if below else "none") + ".", "",
              "| classifier | family | Debian packages | right | wrong | missed | n.a. | realfw | notes |",
              "|---|---|---|---|---|---|---|---|---|"] + rows
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return tot, pct


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=os.environ.get("MATRIX_CACHE", "/work/cache-matrix"))
    ap.add_argument("--only", default="", help="comma-separated classifier ids (default: all)")
    ap.add_argument("--releases", default="bookworm,trixie")
    ap.add_argument("--fwassure", default=None, help="fwassure binary for the realfw column")
    ap.add_argument("--no-realfw", action="store_true")
    ap.add_argument("--jobs", type=int, default=4, help="parallel downloads (at most 4)")
    ap.add_argument("--refresh", action="store_true", help="apt-get update even when the lists are fresh")
    ap.add_argument("--no-write", action="store_true", help="print the summary, do not write MATRIX.md/json")
    a = ap.parse_args()
    jobs = max(1, min(a.jobs, 4))
    os.makedirs(a.cache, exist_ok=True)
    binary = matrix_bin()
    table = json.loads(subprocess.run([binary, "table"], capture_output=True, text=True, check=True).stdout)
    for c in table:
        c["family"] = family_of(c["id"])
    only = {x for x in a.only.split(",") if x}
    sel = [c for c in table if not only or c["id"] in only]
    mirror = os.environ.get("DEBIAN_MIRROR") or host_uri("debian")
    sec = os.environ.get("DEBIAN_SECURITY_MIRROR") or host_uri("debian-security")
    if not mirror or not sec:
        sys.exit("no Debian archive URI in the host's apt sources: set DEBIAN_MIRROR and DEBIAN_SECURITY_MIRROR")
    apts = [Apt(a.cache, rel, arch, mirror, sec) for rel in a.releases.split(",") for arch in RELEASES[rel]]
    with cf.ThreadPoolExecutor(jobs) as ex:
        list(ex.map(lambda x: x.update(a.refresh), apts))
    # the source package of every named package, from whichever release has it (for renamed versioned packages)
    sources = {}
    for apt in apts:
        for c in sel:
            for p in c["debian"]:
                f = apt.index.get(p)
                if f:
                    sources.setdefault(p, set()).add(source_of(f))
    # resolve and download
    work = []  # (classifier, apt, fields)
    first = {}  # release → its first apt: a package of architecture `all` is fetched once per release
    for apt in apts:
        first.setdefault(apt.rel, apt)
    for c in sel:
        for apt in apts:
            for p in c["debian"]:
                f = resolve(apt, p, sources.get(p, set()))
                # debug-symbol packages hold no program text of the product: never fetched
                if f and not re.search(r"-dbg(sym)?$", f["Package"]):
                    w = (c["id"], first[apt.rel] if f.get("Architecture") == "all" else apt, f)
                    if not any(x[0] == w[0] and x[1] is w[1] and x[2]["Package"] == f["Package"] for x in work):
                        work.append(w)
    uniq = {}
    for _, apt, f in work:
        uniq[(apt.rel, apt.arch, f["Package"])] = (apt, f)
    xroot = os.path.join(a.cache, "x")
    log(f"{len(uniq)} packages over {len(apts)} release/architecture pairs")
    with cf.ThreadPoolExecutor(jobs) as ex:
        list(ex.map(lambda apt: download_batch(apt, [f for (r, ar, _), (_, f) in sorted(uniq.items())
                                                     if (r, ar) == (apt.rel, apt.arch)]), apts))
        keys = sorted(uniq)
        got = dict(zip(keys, ex.map(lambda k: fetch(*uniq[k], xroot), keys)))
    roots = sorted({r for r in got.values() if r})
    log(f"scanning {len(roots)} unpacked packages")
    hits = scan(binary, roots)
    # cells
    cells = {}
    builds = []
    for c in sel:
        per = {}
        for cid, apt, f in work:
            if cid != c["id"]:
                continue
            arch = f.get("Architecture", apt.arch)
            b = f"{apt.rel}/{'all' if arch == 'all' else apt.arch}"
            per.setdefault(b, []).append((apt, f))
        for apt in apts:
            b = f"{apt.rel}/{apt.arch}"
            if b not in per and not any(k.startswith(apt.rel + "/all") for k in per):
                per.setdefault(b, [])
        for b, pkgs in sorted(per.items()):
            if b not in builds:
                builds.append(b)
            cell = {"classifier": c["id"], "build": b, "packages": [], "expected": "", "found": [], "files": []}
            exp = set()
            for apt, f in sorted(pkgs, key=lambda x: x[1]["Package"]):
                root = got.get((apt.rel, apt.arch, f["Package"]))
                cell["packages"].append(f'{f["Package"]}={f["Version"]}')
                exp.add(expected_version(c["name"], f["Version"]))
                for path, cid, v, text in hits.get(root, []) if root else []:
                    if cid == c["id"]:
                        cell["found"].append(v)
                        cell["files"].append(f"{f['Package']}:{path}: {v}")
            cell["expected"] = "/".join(sorted(exp))
            cell["found"] = sorted(set(cell["found"]))
            cell["files"] = sorted(set(cell["files"]))[:8]
            if not pkgs or not any(got.get((apt.rel, apt.arch, f["Package"])) for apt, f in pkgs):
                cell["status"] = "n.a."
            elif any(v not in exp for v in cell["found"]):
                cell["status"] = "wrong"
            elif cell["found"]:
                cell["status"] = "right"
            else:
                cell["status"] = "missed"
            cells[(c["id"], b)] = cell
    builds.sort()
    rf = None
    if not a.no_realfw:
        fw = a.fwassure
        if not fw:
            target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
            fw = os.path.join(target, "release", "fwassure")
        if os.path.exists(fw):
            rf = realfw(binary, fw, a.cache, sel, 2)
        else:
            log(f"no fwassure binary at {fw}: realfw column left out (build it or pass --fwassure)")
    md = os.path.join(REPO, "crates/catalog/MATRIX.md")
    js = os.path.join(REPO, "crates/catalog/matrix.json")
    if a.no_write:
        md = os.path.join(a.cache, "MATRIX.md")
        js = os.path.join(a.cache, "matrix.json")
    tot, pct = write_md(md, sel, cells, builds, rf)
    doc = {"format": "fwassure.classifier-matrix/v1", "builds": builds,
           "totals": dict(tot, percent_right=round(pct, 1)),
           "cells": [cells[k] for k in sorted(cells)],
           "realfw": {k: rf[k] for k in sorted(rf)} if rf else None}
    with open(js, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    for cell in sorted(cells.values(), key=lambda x: (x["classifier"], x["build"])):
        if cell["status"] in ("wrong", "missed"):
            log(f'{cell["status"]:6} {cell["classifier"]:20} {cell["build"]:18} want {cell["expected"]} '
                f'found {cell["found"]} {cell["packages"]}')
    log(f"totals {tot}: {pct:.1f} % right; wrote {md} and {js}")


if __name__ == "__main__":
    main()
