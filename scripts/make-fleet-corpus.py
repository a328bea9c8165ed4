#!/usr/bin/env python3
"""A synthetic fleet of firmware images, with known key, certificate, password and secret re-use, for `fwassure fleet`.

Usage: scripts/make-fleet-corpus.py OUT_DIR --count N [--seed S] [--fwassure BIN] [--corpus DIR] [--jobs J]
                                    [--formats F,F…] [--verify K] [--verify-only] [--work DIR] [--keep-work]
                                    [--verbose]

Time: ~35 s for 40 images and ~4-5 min for 500 (about 0.8 s of CPU an image, two cores; ~10 MiB an image).

Input: the six images of the sample corpus (`--corpus`, default $SAMPLE_CORPUS or /var/tmp/sample-corpus; see
../shared/corpus/README.md). Each sample's root filesystem is taken out with the scanner itself
(`fwassure extract`; the layer folder holding etc/ and bin/) and kept in OUT_DIR/.cache/ (re-extracted when the
sample's sha256 changes), with an inventory of the secrets it already holds.

Output: OUT_DIR/<vendor>/<product>/<product>-<release>.bin, 4-6 vendors of 2-4 products each, several releases per
product. An image is one base sample tree, copied and changed:

* a unique /etc/fw-version (vendor, product, release, build id) and /etc/hostname, so that no two images are equal;
* 0-3 secrets drawn per product (skewed: a few are in many images, some in two, some in one) from pools kept in
  OUT_DIR/.pool/ (made once with ssh-keygen / openssl / mkpasswd and re-used when present, so reruns give the same
  bytes): 8 private keys (RSA 2048, ECDSA P-256, Ed25519; OpenSSH, PKCS#1, SEC1 and PKCS#8 PEM) at their usual
  paths, 5 self-signed certificates with their keys (/www/server.pem or /etc/ssl/certs/device.pem +
  /etc/ssl/private/device.key), 6 account passwords (root/admin; weak published ones and strong random ones;
  sha512-crypt, one md5-crypt; salt fixed per entry, so one password is one hash string everywhere) in
  /etc/shadow, 4 API credentials (GitHub, AWS, Slack webhook, Stripe) in /etc/config/cloud.conf; releases of one
  product share them, and a later release sometimes rotates one;
* about one image in seven gets a secret of its own (a key, a GitLab token or a root password): not re-use;
* in about a third of the products the base sample's own planted weaknesses stay as they are (its key, tokens and
  weak shadow entries); in the others they are taken out (key removed, tokens blanked, accounts locked).
  The samples' nginx certificates and the clean samples' admin hashes always stay (they are in every image made
  from that sample).

The images are packed in turn (per product a main format, a third of the releases another one) as: squashfs
(gzip, xz, lz4, zstd), squashfs (lzo) in a U-Boot uImage (`mkimage -T filesystem -C none`), ext2 (`mke2fs -d`), cpio
newc + gzip / xz, tar.gz, zip and JFFS2 (`mkfs.jffs2`), on all cores. Everything is reproducible for a given seed,
count and pool (SOURCE_DATE_EPOCH, default 2024-01-01, fixed mtimes, owners 0:0, the tools' reproducible options).

OUT_DIR/fleet-truth.json holds the images (path, vendor, product, release, base, format, sha256, size, and the
secrets each holds: kind, path, what, fingerprint, source) and `reuse`: every key, certificate, password hash,
password and secret present in two images or more, from what is actually in each image (base content included),
each once, with the sorted image paths:

  {"kind": "private-key", "what": "ed25519 (openssh)", "fingerprint": "SHA256:…", "sources": ["finding"],
   "paths": ["/etc/ssh/ssh_host_ed25519_key"], "count": 2, "images": ["acme/cam/cam-1.0.0.bin", …]}

`fingerprint` is the scanner's own identifier (crates/checks/src/keys.rs): `SHA256:<base64>` of the SSH public key
blob for keys whose public key is known (as `ssh-keygen -l` prints; `sha256-private:<hex>` of the DER otherwise,
e.g. an OpenSSL Ed25519 PKCS#8 key), `sha256-certificate:<hex of the DER>`, `sha256-password-hash:<hex of the hash
string>`, `sha256-password:<hex of the password>`, `sha256-secret:<hex of the token>` (for AWS the access key
id; one credential per provider and file, as the scanner reports). `source` says where a `scan --format json`
report carries it: `finding` (keys, secrets, cracked passwords, weak-scheme hashes, self-signed device
certificates), `credential-audit` (`extra.credential_audit.accounts[].fingerprint`: every other hash) or
`certificate-inventory` (`extra.certificates.certificates[].sha256`: every other certificate); the results
store indexes all three. A password is listed only when the scanner can know it, i.e. its hash cracks with the
scanner's lists (CRACKABLE below); a strong password shared by two images shows as its shared hash (one salt per
pool entry: one password is one hash string everywhere).

`--verify K` then scans K images of each format with `fwassure scan --format json` and checks that every
fingerprint of the image's truth is where `source` says, that the report carries no fingerprint the truth lacks,
and that a filesystem layer with files was unpacked. `--verify-only` does that on an existing fleet.

The fleet folder also holds fleet-truth.json and the hidden .pool/, .cache/ and .fleet.list (every image, one per
line); `fwassure fleet scan OUT_DIR/.fleet.list` scans exactly the images (the folder itself also takes
fleet-truth.json as an image).
"""
import argparse
import base64
import collections
import concurrent.futures as cf
import hashlib
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "1704067200"))
SAMPLES = [f"sample-0{i}.bin" for i in range(1, 7)]
CACHE_VERSION = 2

# --------------------------------------------------------------------------------------------------------------
# tools and formats
# --------------------------------------------------------------------------------------------------------------

FORMATS = {
    # name: (tools, Debian packages)
    "squashfs-gzip": (["mksquashfs"], "squashfs-tools"),
    "squashfs-xz": (["mksquashfs"], "squashfs-tools"),
    "squashfs-lz4": (["mksquashfs"], "squashfs-tools"),
    "squashfs-zstd": (["mksquashfs"], "squashfs-tools"),
    "uimage+squashfs-lzo": (["mksquashfs", "mkimage"], "squashfs-tools u-boot-tools"),
    "ext2": (["mke2fs", "debugfs", "resize2fs", "dumpe2fs", "e2fsck"], "e2fsprogs"),
    "cpio-newc-gz": (["cpio", "gzip"], "cpio gzip"),
    "cpio-newc-xz": (["cpio", "xz"], "cpio xz-utils"),
    "tar-gz": (["tar", "gzip"], "tar gzip"),
    "zip": ([], "(python zipfile)"),
    "jffs2": (["mkfs.jffs2"], "mtd-utils"),
}
SLOW_FORMATS = {"squashfs-xz"}
POOL_TOOLS = {"ssh-keygen": "openssh-client", "openssl": "openssl", "mkpasswd": "whois"}


def need_tools(formats):
    missing = {}
    for f in formats:
        tools, pkg = FORMATS[f]
        for t in tools:
            if not shutil.which(t):
                missing[t] = pkg
    for t, pkg in POOL_TOOLS.items():
        if not shutil.which(t):
            missing[t] = pkg
    if missing:
        lines = "\n".join(f"  {t}  (Debian package: {p})" for t, p in sorted(missing.items()))
        sys.exit(f"make-fleet-corpus: missing tools:\n{lines}\ninstall them (apt-get install …) or leave the "
                 f"formats that need them out with --formats")


def run(cmd, **kw):
    kw.setdefault("check", True)
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    try:
        return subprocess.run(cmd, **kw)
    except subprocess.CalledProcessError as e:
        err = (e.stderr or b"").decode(errors="replace").strip()
        raise RuntimeError(f"{' '.join(map(str, cmd))}: exit {e.returncode}: {err[-2000:]}") from None


def tool_env():
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(EPOCH)
    env["E2FSPROGS_FAKE_TIME"] = str(EPOCH)
    env["E2FSCK_TIME"] = str(EPOCH)
    env["TZ"] = "UTC"
    env["LC_ALL"] = "C"
    return env


def squashfs(root, out, comp, extra=()):
    env = tool_env()
    env.pop("SOURCE_DATE_EPOCH")  # mksquashfs refuses it together with -mkfs-time / -all-time
    run(["mksquashfs", root, out, "-noappend", "-quiet", "-no-progress", "-comp", comp, *extra, "-b", "131072",
         "-all-root", "-mkfs-time", str(EPOCH), "-all-time", str(EPOCH), "-processors", "1"], env=env)


def pipe_to(cmds, out, cwd=None, stdin_data=None):
    """Run cmds as a pipeline (the first reads stdin_data), the last writing to the file out."""
    with open(out, "wb") as fo:
        procs = []
        prev = subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL
        for i, c in enumerate(cmds):
            last = i == len(cmds) - 1
            p = subprocess.Popen(c, cwd=cwd, env=tool_env(), stdin=prev if i == 0 else procs[-1].stdout,
                                 stdout=fo if last else subprocess.PIPE, stderr=subprocess.PIPE)
            if i > 0:
                procs[-1].stdout.close()
            procs.append(p)
        if stdin_data is not None:
            procs[0].stdin.write(stdin_data)
            procs[0].stdin.close()
        errs = []
        for c, p in zip(cmds, procs):
            err = p.stderr.read()
            if p.wait() != 0:
                errs.append(f"{' '.join(c)}: exit {p.returncode}: {err.decode(errors='replace')[-1000:]}")
        if errs:
            raise RuntimeError("; ".join(errs))


def tree_entries(root):
    """Every path under root (relative, sorted, directories before their contents)."""
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(d, root)
        for n in sorted(dirs + files):
            out.append(n if rel == "." else f"{rel}/{n}")
    out.sort()
    return out


def pack_cpio(root, out, compressor):
    names = "\n".join(["."] + tree_entries(root)) + "\n"
    pipe_to([["cpio", "-o", "-H", "newc", "-R", "0:0", "--reproducible", "--quiet"], compressor], out, cwd=root,
            stdin_data=names.encode())


def pack_zip(root, out):
    dt = time.gmtime(EPOCH)[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for rel in tree_entries(root):
            p = os.path.join(root, rel)
            st = os.lstat(p)
            if stat.S_ISDIR(st.st_mode):
                zi = zipfile.ZipInfo(rel + "/", dt)
                data = b""
            elif stat.S_ISLNK(st.st_mode):
                zi = zipfile.ZipInfo(rel, dt)
                data = os.readlink(p).encode()
            elif stat.S_ISREG(st.st_mode):
                zi = zipfile.ZipInfo(rel, dt)
                with open(p, "rb") as f:
                    data = f.read()
            else:
                continue  # device nodes have no zip form
            zi.create_system = 3
            zi.external_attr = (st.st_mode & 0xFFFF) << 16 | (0x10 if stat.S_ISDIR(st.st_mode) else 0)
            zi.compress_type = zipfile.ZIP_DEFLATED if stat.S_ISREG(st.st_mode) and data else zipfile.ZIP_STORED
            z.writestr(zi, data)


def pack_ext2(root, out, work, uuid):
    entries = tree_entries(root)
    kb = sum(os.lstat(os.path.join(root, e)).st_size for e in entries) // 1024
    env = tool_env()
    run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", "-m", "0", "-L", "rootfs", "-U", uuid,
         "-E", f"root_owner=0:0,hash_seed={uuid}", "-N", str(len(entries) + 256), "-d", root, out,
         f"{kb * 13 // 10 + 8192}k"], env=env)
    # mke2fs -d copies each inode's ctime from the source tree (not settable): pin every time
    cmd = os.path.join(work, "ext2-times.cmd")
    with open(cmd, "w") as f:
        for e in [""] + entries:
            for fld in ("atime", "ctime", "mtime"):
                f.write(f'sif "/{e}" {fld} @{EPOCH}\n')
    run(["debugfs", "-w", "-f", cmd, out], env=env)
    run(["e2fsck", "-fy", out], env=env, check=False)
    run(["resize2fs", "-M", out], env=env)
    info = run(["dumpe2fs", "-h", out], env=env).stdout.decode()
    blocks = int(re.search(r"^Block count:\s+(\d+)", info, re.M).group(1))
    bsize = int(re.search(r"^Block size:\s+(\d+)", info, re.M).group(1))
    os.truncate(out, blocks * bsize)
    run(["debugfs", "-w", "-R", f"ssv lastcheck @{EPOCH}", out], env=env)
    run(["e2fsck", "-fn", out], env=env)


def pack(fmt, root, out, work, plan):
    if fmt.startswith("squashfs-"):
        comp = fmt.split("-", 1)[1]
        # levels chosen for build speed (xz has no level: ~5 s an image, so it is in the rotation half as often)
        extra = {"zstd": ["-Xcompression-level", "6"], "gzip": ["-Xcompression-level", "6"]}.get(comp, [])
        squashfs(root, out, comp, extra)
    elif fmt == "uimage+squashfs-lzo":
        sq = os.path.join(work, "rootfs.sqfs")
        squashfs(root, sq, "lzo", ["-Xalgorithm", "lzo1x_1"])
        name = f"{plan['vendor']} {plan['product']} {plan['release']}"[:31]
        run(["mkimage", "-A", "mips", "-O", "linux", "-T", "filesystem", "-C", "none", "-a", "0", "-e", "0",
             "-n", name, "-d", sq, out], env=tool_env())
    elif fmt == "ext2":
        pack_ext2(root, out, work, plan["uuid"])
    elif fmt == "cpio-newc-gz":
        pack_cpio(root, out, ["gzip", "-n", "-6"])
    elif fmt == "cpio-newc-xz":
        pack_cpio(root, out, ["xz", "-0", "-T1", "--check=crc32"])  # -6 takes 14 s an image
    elif fmt == "tar-gz":
        pipe_to([["tar", "--sort=name", f"--mtime=@{EPOCH}", "--owner=0", "--group=0", "--numeric-owner",
                  "--format=gnu", "-C", root, "-cf", "-", "."], ["gzip", "-n", "-6"]], out)
    elif fmt == "zip":
        pack_zip(root, out)
    elif fmt == "jffs2":
        run(["mkfs.jffs2", "-r", root, "-o", out, "-e", "0x20000", "-l", "-n", "-U"], env=tool_env())
    else:
        raise ValueError(fmt)


# --------------------------------------------------------------------------------------------------------------
# what the scanner fingerprints (a port of crates/checks/src/keys.rs, certificates.rs, credentials.rs, secrets.rs)
# --------------------------------------------------------------------------------------------------------------

def der_tlv(d, i=0):
    """(tag, body, next offset) of the DER item at i, or None."""
    if i + 2 > len(d):
        return None
    tag, n = d[i], d[i + 1]
    h = 2
    if n & 0x80:
        k = n & 0x7F
        if k == 0 or k > 4 or i + 2 + k > len(d):
            return None
        n = int.from_bytes(d[i + 2:i + 2 + k], "big")
        h = 2 + k
    if i + h + n > len(d):
        return None
    return tag, d[i + h:i + h + n], i + h + n


def der_items(body):
    out, i = [], 0
    while i < len(body):
        t = der_tlv(body, i)
        if t is None:
            return None
        out.append((t[0], t[1]))
        i = t[2]
    return out


def der_seq(d):
    t = der_tlv(d)
    return der_items(t[1]) if t and t[0] == 0x30 else None


def ssh_str(b):
    return len(b).to_bytes(4, "big") + b


def ssh_fp(blob):
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def private_fp(der):
    return "sha256-private:" + hashlib.sha256(der).hexdigest()


def secret_fp(what, value):
    return f"sha256-{what}:" + hashlib.sha256(value.encode() if isinstance(value, str) else value).hexdigest()


OID_RSA = bytes.fromhex("2a864886f70d010101")
OID_EC = bytes.fromhex("2a8648ce3d0201")
OID_P256 = bytes.fromhex("2a8648ce3d030107")
OID_ED25519 = bytes.fromhex("2b6570")


def int_bits(b):
    b = b.lstrip(b"\0")
    return (len(b) - 1) * 8 + b[0].bit_length() if b else 0


def key_pkcs1(d):
    it = der_seq(d)
    if not it or len(it) < 9 or any(t != 0x02 for t, _ in it[:9]):
        return None
    return {"type": "rsa", "bits": int_bits(it[1][1]), "format": "pkcs1",
            "fingerprint": ssh_fp(ssh_str(b"ssh-rsa") + ssh_str(it[2][1]) + ssh_str(it[1][1]))}


def key_sec1(d, param=None):
    it = der_seq(d)
    if not it or len(it) < 2 or it[1][0] != 0x04:
        return None
    oid, pub = param, None
    for t, b in it[2:]:
        x = der_tlv(b)
        if t == 0xA0 and x and x[0] == 0x06:
            oid = x[1]
        elif t == 0xA1 and x and x[0] == 0x03:
            pub = x[1][1:]
    if oid == OID_P256 and pub:
        fp = ssh_fp(ssh_str(b"ecdsa-sha2-nistp256") + ssh_str(b"nistp256") + ssh_str(pub))
    else:
        fp = private_fp(d)
    return {"type": "ec", "bits": 256 if oid == OID_P256 else None, "format": "sec1", "fingerprint": fp}


def key_pkcs8(d):
    it = der_seq(d)
    if not it or len(it) < 3 or it[1][0] != 0x30 or it[2][0] != 0x04:
        return None
    alg = der_items(it[1][1]) or []
    if not alg or alg[0][0] != 0x06:
        return None
    oid, inner = alg[0][1], it[2][1]
    if oid == OID_RSA:
        k = key_pkcs1(inner)
    elif oid == OID_EC:
        k = key_sec1(inner, alg[1][1] if len(alg) > 1 and alg[1][0] == 0x06 else None)
    elif oid == OID_ED25519:
        pub = next((b[1:] for t, b in it[3:] if t == 0x81), None)
        fp = ssh_fp(ssh_str(b"ssh-ed25519") + ssh_str(pub)) if pub and len(pub) == 32 else private_fp(d)
        k = {"type": "ed25519", "bits": 256, "fingerprint": fp}
    else:
        return None
    if k:
        k["format"] = "pkcs8"
    return k


def key_openssh(d):
    if not d.startswith(b"openssh-key-v1\0"):
        return None
    r = d[15:]
    vals = []
    try:
        for _ in range(3):
            n = int.from_bytes(r[:4], "big")
            vals.append(r[4:4 + n])
            r = r[4 + n:]
        r = r[4:]  # number of keys
        n = int.from_bytes(r[:4], "big")
        pub = r[4:4 + n]
        kt = pub[4:4 + int.from_bytes(pub[:4], "big")].decode()
    except (UnicodeDecodeError, ValueError):
        return None
    typ = {"ssh-ed25519": "ed25519", "ssh-rsa": "rsa", "ecdsa-sha2-nistp256": "ec"}.get(kt, kt)
    bits = None
    if typ == "rsa":
        e_len = int.from_bytes(pub[4 + len(kt):8 + len(kt)], "big")
        m = pub[8 + len(kt) + e_len:]
        bits = int_bits(m[4:4 + int.from_bytes(m[:4], "big")])
    elif typ in ("ec", "ed25519"):
        bits = 256
    return {"type": typ, "bits": bits, "format": "openssh", "encrypted": vals[0] != b"none",
            "fingerprint": ssh_fp(pub)}


PEM_RE = re.compile(rb"-----BEGIN ([A-Z0-9 ]{1,40})-----(.{16,262144}?)-----END \1-----", re.S)


def pem_blocks(data):
    for m in PEM_RE.finditer(data):
        label = m.group(1).decode()
        lines = [ln.strip() for ln in m.group(2).decode("latin-1").replace("\\n", "\n").splitlines()]
        headers = [ln for ln in lines if ":" in ln and " " not in ln.split(":", 1)[0]]
        b64 = "".join(ln for ln in lines if ln not in headers)
        try:
            body = base64.b64decode(b64, validate=True)
        except ValueError:
            continue
        if len(body) >= 16:
            yield label, body, headers


def key_of_pem(label, body, headers):
    if any("ENCRYPTED" in h for h in headers):
        return None
    return {"RSA PRIVATE KEY": key_pkcs1, "EC PRIVATE KEY": key_sec1, "PRIVATE KEY": key_pkcs8,
            "OPENSSH PRIVATE KEY": key_openssh}.get(label, lambda _: None)(body)


def key_what(k):
    bits = f" {k['bits']}" if k.get("bits") and k["type"] != "ed25519" else ""
    return f"{k['type']}{bits} ({k['format']})"


def cert_info(der, cache):
    """(self-signed, CA, subject, key) of a DER certificate, with openssl (cached by the DER's sha256)."""
    h = hashlib.sha256(der).hexdigest()
    if h not in cache:
        p = run(["openssl", "x509", "-inform", "DER", "-noout", "-subject", "-issuer", "-nameopt", "RFC2253",
                 "-ext", "basicConstraints", "-text"], input=der, check=False)
        if p.returncode != 0:
            cache[h] = None
        else:
            t = p.stdout.decode(errors="replace")
            subj = re.search(r"^subject=(.*)$", t, re.M).group(1).strip()
            iss = re.search(r"^issuer=(.*)$", t, re.M).group(1).strip()
            ca = bool(re.search(r"CA:TRUE", t))
            alg = re.search(r"Public Key Algorithm: (\S+)", t)
            cache[h] = {"self_signed": subj == iss, "ca": ca, "subject": subj, "key": alg.group(1) if alg else "?"}
    return cache[h]


BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def github_checksum(rand30):
    c = zlib.crc32(rand30.encode())
    s = ""
    for _ in range(6):
        s = BASE62[c % 62] + s
        c //= 62
    return s


def is_example(v):
    lo = v.lower()
    return any(p in lo for p in ("example", "xxxx", "dummy", "sample", "placeholder", "your_", "yourpass",
                                 "changeme", "<", "1234567890abcdef"))


TOKEN_RES = [
    ("github", "token", re.compile(r"\bgh[pousr]_([A-Za-z0-9]{36})\b")),
    ("gitlab", "personal access token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,64}")),
    ("slack", "incoming webhook URL", re.compile(
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}")),
    ("stripe", "live secret key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{24,99}\b")),
    ("aws", "access key id with secret access key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z2-7]{16}\b")),
]
AWS_SECRET = re.compile(r"(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)")


def tokens_in(text):
    """(provider, what, value) of every provider-format credential, the scanner's first per provider first."""
    out = []
    for provider, what, rx in TOKEN_RES:
        for m in rx.finditer(text):
            v = m.group(0)
            if provider == "github" and github_checksum(m.group(1)[:30]) != m.group(1)[30:]:
                continue
            if provider == "aws":
                near = text[max(0, m.start() - 400):m.end() + 400]
                if not any(re.search("[A-Z]", s) and re.search("[a-z]", s) and re.search("[0-9]", s)
                           and not is_example(s) for s in AWS_SECRET.findall(near)):
                    continue
            if not is_example(v):
                out.append((provider, what, v))
    return out


HASH_SCHEMES = [("$1$", "md5-crypt", True), ("$apr1$", "apr1", True), ("$5$", "sha256-crypt", False),
                ("$6$", "sha512-crypt", False), ("$2", "bcrypt", False), ("$y$", "yescrypt", False),
                ("{SHA}", "sha1", True)]


def hash_scheme(h):
    for p, name, weak in HASH_SCHEMES:
        if h.startswith(p):
            return name, weak
    if len(h) == 13 and re.fullmatch(r"[./0-9A-Za-z]{13}", h):
        return "des-crypt", True
    return None, False


def accounts_in(name, text):
    """(user, hash) of the account records with a password hash (shadow, passwd, htpasswd)."""
    base = name.lower().removesuffix("-")
    kind = "htpasswd" if "htpasswd" in base else {"shadow": "shadow", "passwd": "passwd"}.get(base)
    if not kind:
        return []
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        f = line.split(":")
        if len(f) < {"shadow": 8, "passwd": 7, "htpasswd": 2}[kind] or not f[0]:
            continue
        h = f[1].strip()
        if hash_scheme(h)[0]:
            out.append((f[0], h))
    return out


def detect(path, data, ctx):
    """The secrets of one file, as the scanner would fingerprint them: list of item dicts."""
    items = []
    name = path.rsplit("/", 1)[-1]
    binary = b"\0" in data[:8192]
    if not binary:
        text = data.decode("utf-8", "replace")
        for user, h in accounts_in(name, text):
            scheme, weak = hash_scheme(h)
            items.append({"kind": "password-hash", "path": path, "what": f"{scheme} ({user})",
                          "fingerprint": secret_fp("password-hash", h),
                          "source": "finding" if weak else "credential-audit"})
            pw = ctx["plaintext"].get(h)
            if pw is not None and pw in ctx["crackable"]:
                items.append({"kind": "password", "path": path, "what": f"password of {user}",
                              "fingerprint": secret_fp("password", pw), "source": "finding"})
        seen = set()
        for provider, what, v in tokens_in(text):
            if provider in seen:
                continue  # the scanner fingerprints one credential per provider and file
            seen.add(provider)
            items.append({"kind": "secret", "path": path, "what": f"{provider} {what}",
                          "fingerprint": secret_fp("secret", v), "source": "finding"})
    if b"-----BEGIN " in data:
        certs = []
        for label, body, headers in pem_blocks(data):
            if label in ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"):
                info = cert_info(body, ctx["certs"])
                if info:
                    certs.append((body, info))
                continue
            k = key_of_pem(label, body, headers)
            if k:
                items.append({"kind": "private-key", "path": path, "what": key_what(k),
                              "fingerprint": k["fingerprint"], "source": "finding"})
        for body, info in certs:
            ca_store = "ca-certificates" in path or (
                info["ca"] and (path.startswith("/etc/ssl/certs/") or path.startswith("/usr/share/")))
            # a finding for a self-signed device certificate; every certificate is in the inventory
            finding = info["self_signed"] and len(certs) == 1 and not ca_store
            kind = "self-signed" if info["self_signed"] else "issued"
            items.append({"kind": "certificate", "path": path, "what": f"{kind} {info['subject']} ({info['key']})",
                          "fingerprint": "sha256-certificate:" + hashlib.sha256(body).hexdigest(),
                          "source": "finding" if finding else "certificate-inventory"})
    return items


def inventory_tree(root, ctx):
    items = []
    for rel in tree_entries(root):
        p = os.path.join(root, rel)
        if not os.path.isfile(p) or os.path.islink(p):
            continue
        with open(p, "rb") as f:
            data = f.read()
        items.extend(detect("/" + rel, data, ctx))
    return items


# --------------------------------------------------------------------------------------------------------------
# the base trees
# --------------------------------------------------------------------------------------------------------------

def sha256_file(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def mkpasswd(pw, scheme, salt):
    m = {"sha512-crypt": "sha-512", "sha256-crypt": "sha-256", "md5-crypt": "md5crypt"}[scheme]
    return run(["mkpasswd", "-m", m, "-S", salt, pw]).stdout.decode().strip()


def verify_password(pw, h):
    m = re.fullmatch(r"\$(1|5|6)\$([^$]+)\$.*", h)
    if not m:
        return False
    scheme = {"1": "md5-crypt", "5": "sha256-crypt", "6": "sha512-crypt"}[m.group(1)]
    return mkpasswd(pw, scheme, m.group(2)) == h


def prepare_base(fwassure, corpus, cache, sample, ctx, candidates):
    """Extract a sample's root filesystem into cache/<sample>/ (once) and take its inventory."""
    src = os.path.join(corpus, sample)
    if not os.path.isfile(src):
        sys.exit(f"make-fleet-corpus: {src} not found (build the sample corpus, see ../shared/corpus/README.md)")
    digest = sha256_file(src)
    stem = sample.removesuffix(".bin")
    tree = os.path.join(cache, stem)
    meta_p = os.path.join(cache, stem + ".json")
    if os.path.isfile(meta_p) and os.path.isdir(tree):
        meta = json.load(open(meta_p))
        if meta.get("sha256") == digest and meta.get("version") == CACHE_VERSION:
            return meta
    tmp = os.path.join(cache, stem + ".extract")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(tree, ignore_errors=True)
    p = run([fwassure, "extract", "-o", tmp, src], check=False)
    if p.returncode != 0:
        sys.exit(f"make-fleet-corpus: {fwassure} extract {src} failed: {p.stderr.decode(errors='replace')}")
    roots = [d for d in sorted(os.listdir(tmp))
             if os.path.isdir(os.path.join(tmp, d, "etc")) and os.path.lexists(os.path.join(tmp, d, "bin"))]
    if not roots:
        sys.exit(f"make-fleet-corpus: no layer of {sample} holds etc/ and bin/ (extract wrote {os.listdir(tmp)})")
    os.rename(os.path.join(tmp, roots[0]), tree)
    shutil.rmtree(tmp)
    for rel in tree_entries(tree):
        os.utime(os.path.join(tree, rel), (EPOCH, EPOCH), follow_symlinks=False)
    # the known passwords of its hashes, for the truth
    plain = {}
    for rel in ("etc/shadow", "etc/passwd"):
        p = os.path.join(tree, rel)
        if os.path.isfile(p):
            for user, h in accounts_in(os.path.basename(rel), open(p, encoding="utf-8", errors="replace").read()):
                for pw in [user] + candidates:
                    if verify_password(pw, h):
                        plain[h] = pw
                        break
    ctx["plaintext"].update(plain)
    meta = {"version": CACHE_VERSION, "sample": sample, "sha256": digest, "layer": roots[0], "plaintext": plain,
            "items": inventory_tree(tree, ctx)}
    with open(meta_p + ".tmp", "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    os.replace(meta_p + ".tmp", meta_p)
    return meta


# --------------------------------------------------------------------------------------------------------------
# the pools
# --------------------------------------------------------------------------------------------------------------

KEYS = [  # id, type, format, path
    ("k0", "rsa", "openssh", "/etc/ssh/ssh_host_rsa_key"),
    ("k1", "ed25519", "openssh", "/etc/ssh/ssh_host_ed25519_key"),
    ("k2", "ecdsa", "openssh", "/etc/ssh/ssh_host_ecdsa_key"),
    ("k3", "rsa", "pem-pkcs1", "/etc/ssl/private/server.key"),
    ("k4", "ecdsa", "pem-sec1", "/etc/ssl/private/mqtt.key"),
    ("k5", "ed25519", "openssh", "/root/.ssh/id_ed25519"),
    ("k6", "rsa", "pem-pkcs8", "/root/.ssh/id_rsa"),
    ("k7", "ed25519", "pem-pkcs8", "/etc/ssl/private/client.key"),
]
CERTS = [  # id, key type, placement, subject
    ("c0", "rsa", "www", "/C=US/O=Embedded Web/CN=192.168.1.1"),
    ("c1", "ec", "etc", "/C=TW/O=IoT Cloud Device/CN=device.local"),
    ("c2", "rsa", "etc", "/C=CN/O=Smart Home/OU=Gateway/CN=gateway"),
    ("c3", "ec", "www", "/C=DE/O=Router Admin/CN=router.lan"),
    ("c4", "rsa", "www", "/O=Camera Web Server/CN=ipcam"),
]
CERT_PATHS = {"www": ("/www/server.pem", None), "etc": ("/etc/ssl/certs/device.pem", "/etc/ssl/private/device.key")}
PASSWORDS = [  # id, account, password (None: strong random), scheme
    ("p0", "root", "xc3511", "sha512-crypt"),
    ("p1", "root", "vizxv", "sha512-crypt"),
    ("p2", "root", "root", "sha512-crypt"),
    ("p3", "root", None, "sha512-crypt"),
    ("p4", "admin", None, "md5-crypt"),
    ("p5", "admin", "admin", "sha512-crypt"),
]
# passwords the scanner's lists crack (published defaults, user name, common list): verified with --verify
CRACKABLE = {"xc3511", "vizxv", "root", "admin", "support", "12345678"}
TOKENS = ["github", "aws", "slack", "stripe"]
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
UPNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SALT = ALNUM + "./"


def rstr(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_token(rng, provider):
    while True:
        if provider == "github":
            r = rstr(rng, 30, ALNUM)
            v = {"value": "ghp_" + r + github_checksum(r)}
        elif provider == "aws":
            kid = "AKIA" + rstr(rng, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            sec = rstr(rng, 40, ALNUM + "/+")
            if not (re.search("[A-Z]", sec) and re.search("[a-z]", sec) and re.search("[0-9]", sec)):
                continue
            v = {"value": kid, "secret": sec}
        elif provider == "slack":
            v = {"value": f"https://hooks.slack.com/services/T{rstr(rng, 9, UPNUM)}/B{rstr(rng, 9, UPNUM)}/"
                          f"{rstr(rng, 24, ALNUM)}"}
        elif provider == "stripe":
            v = {"value": "sk_live_" + rstr(rng, 24, ALNUM)}
        elif provider == "gitlab":
            v = {"value": "glpat-" + rstr(rng, 20, ALNUM)}
        else:
            raise ValueError(provider)
        if not any(is_example(x) for x in v.values()):
            v["provider"] = provider
            return v


def gen_key(path, typ, fmt, comment):
    """A private key file at path (text), made by ssh-keygen or openssl."""
    if os.path.exists(path):
        return
    tmp = path + ".tmp"
    for p in (tmp, tmp + ".pub"):
        if os.path.exists(p):
            os.remove(p)
    if fmt == "openssh":
        t = {"rsa": ["-t", "rsa", "-b", "2048"], "ecdsa": ["-t", "ecdsa", "-b", "256"],
             "ed25519": ["-t", "ed25519"]}[typ]
        run(["ssh-keygen", "-q", *t, "-N", "", "-C", comment, "-f", tmp])
        os.replace(tmp + ".pub", path + ".pub")
    elif fmt == "pem-pkcs1":
        run(["openssl", "genrsa", "-traditional", "-out", tmp, "2048"])
    elif fmt == "pem-sec1":
        run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", tmp])
    elif fmt == "pem-pkcs8":
        a = {"rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], "ed25519": ["-algorithm", "ed25519"],
             "ecdsa": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]}[typ]
        run(["openssl", "genpkey", *a, "-out", tmp])
    else:
        raise ValueError(fmt)
    os.replace(tmp, path)


def key_fingerprint(path):
    data = open(path, "rb").read()
    for label, body, headers in pem_blocks(data):
        k = key_of_pem(label, body, headers)
        if k:
            return k
    raise RuntimeError(f"{path}: no key found")


def check_with_ssh_keygen(path, fp):
    """Our fingerprint equals ssh-keygen's where ssh-keygen reads the key."""
    p = run(["ssh-keygen", "-lf", path], check=False)
    if p.returncode == 0:
        theirs = p.stdout.decode().split()[1]
        if theirs != fp:
            raise RuntimeError(f"{path}: fingerprint {fp} but ssh-keygen says {theirs}")


def make_pool(pool, seed):
    """The shared secrets: generated once into pool/ and re-used. Returns the pool description."""
    os.makedirs(os.path.join(pool, "keys"), exist_ok=True)
    os.makedirs(os.path.join(pool, "certs"), exist_ok=True)
    out = {"keys": {}, "certs": {}, "passwords": {}, "tokens": {}}
    for kid, typ, fmt, path in KEYS:
        f = os.path.join(pool, "keys", kid + ".key")
        gen_key(f, typ, fmt, f"root@{kid}")
        k = key_fingerprint(f)
        check_with_ssh_keygen(f, k["fingerprint"])
        out["keys"][kid] = {"id": kid, "file": f, "path": path, "fingerprint": k["fingerprint"], "what": key_what(k)}
    for cid, typ, place, subj in CERTS:
        kf, cf_ = os.path.join(pool, "certs", cid + ".key"), os.path.join(pool, "certs", cid + ".crt")
        if not (os.path.exists(kf) and os.path.exists(cf_)):
            nk = ["-newkey", "rsa:2048"] if typ == "rsa" else ["-newkey", "ec", "-pkeyopt",
                                                                  "ec_paramgen_curve:P-256"]
            run(["openssl", "req", "-x509", *nk, "-nodes", "-sha256", "-days", "3650", "-subj", subj,
                 "-addext", "basicConstraints=critical,CA:FALSE", "-keyout", kf + ".tmp", "-out", cf_ + ".tmp"])
            os.replace(kf + ".tmp", kf)
            os.replace(cf_ + ".tmp", cf_)
        out["certs"][cid] = {"id": cid, "key": kf, "cert": cf_, "place": place}
    # passwords and tokens come from the seed (no tool randomness): the same for every run of this seed
    prng = random.Random(f"fleet-pool-{seed}")
    pw_file = os.path.join(pool, f"passwords-{seed}.json")
    known = json.load(open(pw_file)) if os.path.exists(pw_file) else {}
    for pid, user, pw, scheme in PASSWORDS:
        strong = rstr(prng, 20, ALNUM + "!#%+-=@^_")
        salt = rstr(prng, 16 if scheme != "md5-crypt" else 8, SALT)
        pw = pw or strong
        e = known.get(pid)
        if not e or e["password"] != pw or e["salt"] != salt:
            e = {"password": pw, "salt": salt, "hash": mkpasswd(pw, scheme, salt)}
            known[pid] = e
        out["passwords"][pid] = {"id": pid, "user": user, "scheme": scheme, **e}
    with open(pw_file, "w") as f:
        json.dump(known, f, indent=1, sort_keys=True)
    for i, provider in enumerate(TOKENS):
        out["tokens"][f"t{i}"] = {"id": f"t{i}", **make_token(prng, provider)}
    return out


# --------------------------------------------------------------------------------------------------------------
# the plan: vendors, products, releases, secrets (all decisions here, from one random.Random(seed))
# --------------------------------------------------------------------------------------------------------------

VENDORS = ["acme", "globex", "initech", "umbrella", "hooli", "vandelay", "soylent", "tyrell"]
PRODUCTS = ["ipcam", "router", "nvr", "doorbell", "thermostat", "gateway", "smartplug", "hub", "bridge", "ap",
            "extender", "nas"]


def zipf_choice(rng, ids, s=1.3):
    return rng.choices(ids, weights=[1 / (i + 1) ** s for i in range(len(ids))])[0]


def slot_of(item, pool):
    """What an item occupies in an image (two items with one slot cannot be in one image)."""
    cat, i = item
    if cat == "key":
        return pool["keys"][i]["path"]
    if cat == "cert":
        return "cert-" + pool["certs"][i]["place"]
    if cat == "password":
        return "account-" + pool["passwords"][i]["user"]
    return "token-" + pool["tokens"][i]["provider"]


def draw_item(rng, pool, taken):
    cats = ["key", "cert", "password", "token"]
    for _ in range(20):
        cat = rng.choices(cats, weights=[3, 2, 3, 2])[0]
        ids = sorted({"key": pool["keys"], "cert": pool["certs"], "password": pool["passwords"],
                      "token": pool["tokens"]}[cat], key=lambda x: int(x[1:]))
        item = (cat, zipf_choice(rng, ids))
        if slot_of(item, pool) not in taken:
            return item
    return None


def next_release(rng, v):
    a, b, c = v
    r = rng.random()
    if r < 0.08:
        return (a + 1, 0, 0)
    if r < 0.35:
        return (a, b + 1, 0)
    return (a, b, c + rng.randint(1, 3))


def plan_fleet(rng, count, formats, pool):
    n_vendors = min(rng.randint(4, 6), max(1, count // 2))
    vendors = rng.sample(VENDORS, n_vendors)
    products = []
    for v in vendors:
        for p in rng.sample(PRODUCTS, rng.randint(2, 4)):
            products.append([v, p])
    max_products = max(1, count // 2)
    while len(products) > max_products:
        per = collections.Counter(v for v, _ in products)
        # drop from the vendor with most products (never a vendor's last)
        v = max(per, key=lambda x: (per[x], x))
        if per[v] == 1:
            products.pop()
        else:
            idx = max(i for i, (vv, _) in enumerate(products) if vv == v)
            products.pop(idx)
    # releases per product: at least one, the rest skewed (some products have many releases)
    n = len(products)
    releases = [1] * n
    weights = [rng.uniform(0.3, 2.0) for _ in range(n)]
    for _ in range(count - n):
        releases[rng.choices(range(n), weights=weights)[0]] += 1
    # every format once, then the cheap ones again: slow formats make fewer products
    fmt_cycle = list(formats)
    rng.shuffle(fmt_cycle)
    cheap = [f for f in formats if f not in SLOW_FORMATS]
    rng.shuffle(cheap)
    fmt_cycle += cheap
    bases = list(SAMPLES)
    rng.shuffle(bases)
    images = []
    unique_n = 0
    for pi, ((vendor, product), nrel) in enumerate(zip(products, releases)):
        base = bases[pi % len(bases)]
        main_fmt = fmt_cycle[pi % len(fmt_cycle)]
        keep_base = rng.random() < 0.35
        taken, items = set(), []
        for _ in range(rng.choices([0, 1, 2, 3], weights=[2, 4, 3, 2])[0]):
            it = draw_item(rng, pool, taken)
            if it:
                items.append(it)
                taken.add(slot_of(it, pool))
        ver = (rng.randint(1, 3), rng.randint(0, 9), rng.randint(0, 5))
        for r in range(nrel):
            if r > 0:
                ver = next_release(rng, ver)
                if rng.random() < 0.12:  # a release rotates one secret (drops one, maybe draws another)
                    if items and rng.random() < 0.6:
                        gone = items.pop(rng.randrange(len(items)))
                        taken.discard(slot_of(gone, pool))
                    it = draw_item(rng, pool, taken)
                    if it:
                        items.append(it)
                        taken.add(slot_of(it, pool))
            fmt = main_fmt if rng.random() < 0.7 else rng.choice(formats)
            release = ".".join(map(str, ver))
            unique = None
            if rng.random() < 0.15:
                kind = rng.choice(["key", "token", "password"])
                if kind == "password" and "account-root" in taken:
                    kind = "token"
                if kind == "key":
                    unique = {"kind": "key", "n": unique_n}
                    unique_n += 1
                elif kind == "token":
                    unique = {"kind": "token", **make_token(rng, "gitlab")}
                else:
                    unique = {"kind": "password", "password": rstr(rng, 22, ALNUM), "salt": rstr(rng, 16, SALT)}
            images.append({
                "path": f"{vendor}/{product}/{product}-{release}.bin", "vendor": vendor, "product": product,
                "release": release, "base": base, "format": fmt, "keep_base": keep_base, "items": sorted(items),
                "unique": unique, "build": "%08x" % rng.getrandbits(32),
                "uuid": "%08x-%04x-4%03x-8%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                                        rng.getrandbits(12), rng.getrandbits(12),
                                                        rng.getrandbits(48)),
            })
    return images


# --------------------------------------------------------------------------------------------------------------
# one image (in a worker process)
# --------------------------------------------------------------------------------------------------------------

class Tree:
    """The image's tree, with every write and removal recorded (for the inventory)."""

    def __init__(self, root):
        self.root = root
        self.touched = set()

    def p(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def read(self, path):
        p = self.p(path)
        return open(p, "rb").read() if os.path.isfile(p) and not os.path.islink(p) else None

    def write(self, path, data, mode=0o644):
        p = self.p(path)
        d = os.path.dirname(p)
        if not os.path.isdir(d):
            os.makedirs(d, mode=0o755)
        if os.path.lexists(p):
            os.remove(p)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        os.chmod(p, mode)
        self.touched.add(path)

    def remove(self, path):
        p = self.p(path)
        if os.path.lexists(p):
            os.remove(p)
            self.touched.add(path)


def set_account(shadow_lines, passwd_lines, user, h):
    found = False
    for i, ln in enumerate(shadow_lines):
        f = ln.split(":")
        if f[0] == user and len(f) >= 2:
            f[1] = h
            shadow_lines[i] = ":".join(f)
            found = True
    if not found:
        shadow_lines.append(f"{user}:{h}:19723:0:99999:7:::")
    if user != "root" and not any(ln.split(":")[0] == user for ln in passwd_lines):
        uid = 1000 + sum(1 for ln in passwd_lines if ln.split(":")[2:3] and ln.split(":")[2].isdigit()
                         and int(ln.split(":")[2]) >= 1000)
        passwd_lines.append(f"{user}:x:{uid}:{uid}:{user}:/home/{user}:/bin/sh")


def mutate(t, plan, ctx):
    pool = ctx["pool"]
    base_meta = ctx["bases"][plan["base"]]
    t.write("/etc/fw-version", f"vendor={plan['vendor']}\nproduct={plan['product']}\nrelease={plan['release']}\n"
                               f"build={plan['build']}\n")
    t.write("/etc/hostname", plan["product"] + "\n")
    shadow = (t.read("/etc/shadow") or b"").decode().splitlines()
    passwd = (t.read("/etc/passwd") or b"").decode().splitlines()
    shadow0, passwd0 = list(shadow), list(passwd)
    if not plan["keep_base"]:
        # the sample's own weaknesses out: keys removed, tokens blanked, weak and empty accounts locked
        for it in base_meta["items"]:
            if it["kind"] == "private-key":
                t.remove(it["path"])
                t.remove(it["path"] + ".pub")
            elif it["kind"] == "secret":
                data = t.read(it["path"])
                if data is not None:
                    text = data.decode()
                    for _, _, v in tokens_in(text):
                        text = text.replace(v, "")
                    t.write(it["path"], text, os.stat(t.p(it["path"])).st_mode & 0o7777)
        for i, ln in enumerate(shadow):
            f = ln.split(":")
            if len(f) >= 2 and (f[1] == "" or ctx["plaintext"].get(f[1]) in CRACKABLE):
                f[1] = "*"
                shadow[i] = ":".join(f)
    for cat, i in plan["items"]:
        if cat == "key":
            k = pool["keys"][i]
            t.write(k["path"], open(k["file"], "rb").read(), 0o600)
            if os.path.exists(k["file"] + ".pub"):
                t.write(k["path"] + ".pub", open(k["file"] + ".pub", "rb").read(), 0o644)
        elif cat == "cert":
            c = pool["certs"][i]
            cert_path, key_path = CERT_PATHS[c["place"]]
            key, crt = open(c["key"], "rb").read(), open(c["cert"], "rb").read()
            if key_path:
                t.write(cert_path, crt, 0o644)
                t.write(key_path, key, 0o600)
            else:
                t.write(cert_path, key + crt, 0o600)
        elif cat == "password":
            pw = pool["passwords"][i]
            set_account(shadow, passwd, pw["user"], pw["hash"])
    tokens = [pool["tokens"][i] for cat, i in plan["items"] if cat == "token"]
    if tokens:
        lines = ["# cloud connector (provisioned at the factory)", "[cloud]", "enabled=1",
                 f"endpoint=https://iot.{plan['vendor']}.example.net/api/v2"]
        for tk in tokens:
            if tk["provider"] == "github":
                lines.append(f"github_token={tk['value']}")
            elif tk["provider"] == "aws":
                lines += [f"aws_access_key_id={tk['value']}", f"aws_secret_access_key={tk['secret']}",
                          "aws_region=eu-west-1"]
            elif tk["provider"] == "slack":
                lines.append(f"slack_webhook={tk['value']}")
            elif tk["provider"] == "stripe":
                lines.append(f"billing_api_key={tk['value']}")
        t.write("/etc/config/cloud.conf", "\n".join(lines) + "\n", 0o600)
    u = plan["unique"]
    if u and u["kind"] == "key":
        kf = os.path.join(ctx["pool_dir"], "unique", f"u{u['n']:04d}.key")
        t.write("/etc/ssl/private/factory.key", open(kf, "rb").read(), 0o600)
    elif u and u["kind"] == "token":
        t.write("/etc/config/telemetry.conf", f"[telemetry]\nupload=1\ngitlab_token={u['value']}\n", 0o600)
    elif u and u["kind"] == "password":
        set_account(shadow, passwd, "root", u["hash"])
    if shadow != shadow0:
        t.write("/etc/shadow", "\n".join(shadow) + "\n", 0o600)
    if passwd != passwd0:
        t.write("/etc/passwd", "\n".join(passwd) + "\n", 0o644)


def build_image(plan, ctx):
    t0 = time.time()
    out_dir, work_root = ctx["out"], ctx["work"]
    work = os.path.join(work_root, hashlib.sha256(plan["path"].encode()).hexdigest()[:16])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    root = os.path.join(work, "root")
    try:
        run(["cp", "-a", os.path.join(ctx["cache"], plan["base"].removesuffix(".bin")), root])
        t = Tree(root)
        mutate(t, plan, ctx)
        if ctx["devices"] and plan["format"] != "zip":
            os.makedirs(os.path.join(root, "dev"), exist_ok=True)
            for name, mode, major, minor in (("console", 0o600, 5, 1), ("null", 0o666, 1, 3)):
                p = os.path.join(root, "dev", name)
                if not os.path.lexists(p):
                    os.mknod(p, stat.S_IFCHR | mode, os.makedev(major, minor))
        for rel in [""] + tree_entries(root):
            os.utime(os.path.join(root, rel), (EPOCH, EPOCH), follow_symlinks=False)
        # inventory: the base's items on files left alone, and what the changed files hold now
        items = [it for it in ctx["bases"][plan["base"]]["items"] if it["path"] not in t.touched]
        for path in sorted(t.touched):
            data = t.read(path)
            if data is not None:
                items.extend(detect(path, data, ctx))
        dest = os.path.join(out_dir, plan["path"])
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        tmp = dest + ".tmp"  # beside the image: the work folder may be on another file system
        pack(plan["format"], root, tmp, work, plan)
        os.replace(tmp, dest)
        os.utime(dest, (EPOCH, EPOCH))
        return {"path": plan["path"], "sha256": sha256_file(dest), "size": os.path.getsize(dest), "items": items,
                "seconds": time.time() - t0}
    finally:
        if not ctx["keep_work"]:
            shutil.rmtree(work, ignore_errors=True)
        tmp = os.path.join(out_dir, plan["path"] + ".tmp")
        if os.path.exists(tmp):
            os.remove(tmp)


def _worker(args):
    plan, ctx = args
    try:
        return build_image(plan, ctx)
    except Exception as e:  # noqa: BLE001 - reported with the image's name
        return {"path": plan["path"], "error": f"{type(e).__name__}: {e}"}


# --------------------------------------------------------------------------------------------------------------
# truth, summary, verification
# --------------------------------------------------------------------------------------------------------------

SECRET_KEYS = ("kind", "path", "what", "fingerprint", "source")


def reuse_of(images):
    groups = {}
    for img in images:
        for it in img["secrets"]:
            g = groups.setdefault((it["kind"], it["fingerprint"]),
                                  {"kind": it["kind"], "whats": set(), "fingerprint": it["fingerprint"],
                                   "sources": set(), "paths": set(), "images": set()})
            g["whats"].add(it["what"])
            g["paths"].add(it["path"])
            g["images"].add(img["path"])
            g["sources"].add(it["source"])
    out = []
    for g in groups.values():
        if len(g["images"]) < 2:
            continue
        out.append({"kind": g["kind"], "what": "; ".join(sorted(g["whats"])), "fingerprint": g["fingerprint"],
                    "sources": sorted(g["sources"]), "paths": sorted(g["paths"]), "count": len(g["images"]),
                    "images": sorted(g["images"])})
    order = {"private-key": 0, "certificate": 1, "password-hash": 2, "password": 3, "secret": 4}
    out.sort(key=lambda r: (order.get(r["kind"], 9), -r["count"], r["fingerprint"]))
    return out


def summary(truth, seconds):
    imgs = truth["images"]
    print(f"{len(imgs)} images, {sum(i['size'] for i in imgs) / 2**20:.0f} MiB, in {seconds:.0f} s")
    print("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(i["format"] for i in imgs).items())))
    print("bases:   " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(i["base"] for i in imgs).items())))
    for v in sorted({i["vendor"] for i in imgs}):
        prods = collections.Counter(i["product"] for i in imgs if i["vendor"] == v)
        print(f"  {v}: " + ", ".join(f"{p} ({n})" for p, n in sorted(prods.items())))
    by = collections.defaultdict(list)
    for r in truth["reuse"]:
        by[r["kind"]].append(r)
    print("re-use (items in 2+ images; on findings / only in the credential audit or certificate inventory):")
    for k in ("private-key", "certificate", "password-hash", "password", "secret"):
        rs = by.get(k, [])
        counts = sorted((r["count"] for r in rs), reverse=True)
        nf = sum(r["sources"] == ["finding"] for r in rs)
        print(f"  {k:14} {len(rs):3} items ({nf} on findings, {len(rs) - nf} audit/inventory), images per item: "
              f"{counts}")
    singles = collections.Counter()
    fps = collections.Counter((it["kind"], it["fingerprint"]) for i in imgs for it in
                              {(x["kind"], x["fingerprint"]): x for x in i["secrets"]}.values())
    for (k, _), n in fps.items():
        if n == 1:
            singles[k] += 1
    print("  in one image only (not re-use): " + ", ".join(f"{k} {n}" for k, n in sorted(singles.items())))


def report_fingerprints(r):
    """Where a scan report carries fingerprints: {source: set of fingerprints}."""
    extra = r.get("extra", {})
    audit = extra.get("credential_audit", {}).get("accounts", [])
    certs = extra.get("certificates", {}).get("certificates", [])
    return {"finding": {f["fingerprint"] for f in r["findings"] if f.get("fingerprint")},
            "credential-audit": {a["fingerprint"] for a in audit if a.get("fingerprint")},
            "certificate-inventory": {"sha256-certificate:" + c["sha256"] for c in certs if c.get("sha256")}}


def verify(out, truth, fwassure, per_format):
    """Scan per_format images of each format: every fingerprint of the truth where its source says, none more."""
    by_fmt = collections.defaultdict(list)
    for img in truth["images"]:
        by_fmt[img["format"]].append(img)
    bad = 0
    for fmt in sorted(by_fmt):
        # the images with most secrets first: they say most
        imgs = sorted(by_fmt[fmt], key=lambda i: (-len(i["secrets"]), i["path"]))[:per_format]
        for img in imgs:
            p = run([fwassure, "scan", os.path.join(out, img["path"]), "--format", "json"], check=False)
            if p.returncode not in (0, 1):
                print(f"  FAIL {fmt} {img['path']}: scan exit {p.returncode}: {p.stderr.decode()[-300:]}")
                bad += 1
                continue
            r = json.loads(p.stdout)
            got = report_fingerprints(r)
            every = set().union(*got.values())
            missing = sorted(f"{it['kind']} {it['path']} ({it['source']})" for it in img["secrets"]
                             if it["fingerprint"] not in got[it["source"]])
            extra = sorted(every - {it["fingerprint"] for it in img["secrets"]})
            fs = [l for l in r["layers"] if l.get("files", 0) > 0]
            ok = fs and not missing and not extra
            layers = "+".join(l["format"] for l in r["layers"])
            n = len(img["secrets"])
            print(f"  {'ok  ' if ok else 'FAIL'} {fmt:20} {img['path']:40} layers {layers:16} "
                  f"files {sum(l.get('files', 0) for l in fs):4} components {len(r['components']):2} "
                  f"secrets {n - len(missing)}/{n}"
                  + (f" missing {missing}" if missing else "") + (f" unexpected {extra}" if extra else ""),
                  flush=True)
            bad += not ok
    return bad


def shm_room(jobs):
    """/dev/shm is writable and has room for every worker's tree (a container's default is only 64 MiB)."""
    try:
        st = os.statvfs("/dev/shm")
    except OSError:
        return False
    return os.access("/dev/shm", os.W_OK) and st.f_bavail * st.f_frsize > (512 << 20) + jobs * (256 << 20)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output folder")
    ap.add_argument("--count", type=int, required=True, help="number of images")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fwassure", default=None, help="fwassure binary (default: target/debug/fwassure)")
    ap.add_argument("--corpus", default=os.environ.get("SAMPLE_CORPUS", "/var/tmp/sample-corpus"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--formats", default=",".join(FORMATS), help="formats in the rotation (default: all)")
    ap.add_argument("--verify", type=int, default=0, metavar="K", help="scan K images of each format afterwards")
    ap.add_argument("--verbose", action="store_true", help="print every image with its build time")
    ap.add_argument("--verify-only", action="store_true",
                    help="build nothing: verify the fleet OUT_DIR already holds (with --verify K, default 3)")
    ap.add_argument("--work", default=None,
                    help="scratch folder for the unpacked trees (default: /dev/shm when writable, else OUT_DIR/.work)")
    ap.add_argument("--keep-work", action="store_true", help="keep the unpacked trees under OUT_DIR/.work")
    a = ap.parse_args()
    if a.count < 1:
        sys.exit("make-fleet-corpus: --count must be at least 1")
    formats = [f for f in a.formats.split(",") if f]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        sys.exit(f"make-fleet-corpus: unknown formats {unknown}; known: {', '.join(FORMATS)}")
    need_tools(formats)
    fwassure = a.fwassure or os.path.join(REPO, "target", "debug", "fwassure")
    if not os.access(fwassure, os.X_OK):
        sys.exit(f"make-fleet-corpus: {fwassure} is not an executable (build it, or --fwassure BIN)")
    t_start = time.time()
    out = os.path.abspath(a.out)
    if a.verify_only:
        truth = json.load(open(os.path.join(out, "fleet-truth.json")))
        bad = verify(out, truth, fwassure, a.verify or 3)
        sys.exit(f"make-fleet-corpus: {bad} verification failure(s)" if bad else 0)
    cache, pool_dir = os.path.join(out, ".cache"), os.path.join(out, ".pool")
    if a.work:
        work = os.path.abspath(a.work)
    elif shm_room(a.jobs):
        work = os.path.join("/dev/shm", f"fleet-corpus-{os.getpid()}")
    else:
        work = os.path.join(out, ".work")
    for d in (out, cache, pool_dir, work):
        os.makedirs(d, exist_ok=True)
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)

    pool = make_pool(pool_dir, a.seed)
    ctx = {"plaintext": {}, "crackable": sorted(CRACKABLE), "certs": {}}
    candidates = sorted({p["password"] for p in pool["passwords"].values()} | CRACKABLE | {"password", "1234"})
    bases = {s: prepare_base(fwassure, a.corpus, cache, s, ctx, candidates) for s in SAMPLES}
    for b in bases.values():
        ctx["plaintext"].update(b["plaintext"])
    for p in pool["passwords"].values():
        ctx["plaintext"][p["hash"]] = p["password"]
    for c in pool["certs"].values():  # openssl once here, not in every worker
        detect("/pool.pem", open(c["cert"], "rb").read(), ctx)

    rng = random.Random(a.seed)
    plans = plan_fleet(rng, a.count, formats, pool)
    # the images' own secrets: unique keys (kept in the pool: re-used on a rerun) and root passwords
    os.makedirs(os.path.join(pool_dir, "unique"), exist_ok=True)
    for pl in plans:
        u = pl["unique"]
        if u and u["kind"] == "key":
            gen_key(os.path.join(pool_dir, "unique", f"u{u['n']:04d}.key"), "ed25519", "openssh", "root@factory")
        elif u and u["kind"] == "password":
            u["hash"] = mkpasswd(u["password"], "sha512-crypt", u["salt"])
            ctx["plaintext"][u["hash"]] = u["password"]
    # stale images of an earlier run with other settings
    wanted = {pl["path"] for pl in plans}
    for d, dirs, files in os.walk(out):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), out)
            if f.endswith(".bin") and rel not in wanted:
                os.remove(os.path.join(d, f))
    wctx = {**ctx, "pool": pool, "pool_dir": pool_dir, "bases": bases, "cache": cache, "out": out, "work": work,
            "keep_work": a.keep_work, "devices": os.geteuid() == 0, "crackable": CRACKABLE}
    results = {}
    done = 0
    print(f"building {len(plans)} images on {a.jobs} processes ({time.time() - t_start:.1f} s of set-up) …",
          file=sys.stderr)
    try:
        with cf.ProcessPoolExecutor(max_workers=a.jobs) as ex:
            # biggest work first (ext2 and xz are slow): fewer idle cores at the end
            order = sorted(plans, key=lambda p: (p["format"] not in SLOW_FORMATS, p["path"]))
            for r in ex.map(_worker, [(p, wctx) for p in order], chunksize=1):
                results[r["path"]] = r
                done += 1
                if "error" in r:
                    print(f"  FAILED {r['path']}: {r['error']}", file=sys.stderr)
                elif a.verbose:
                    print(f"  {r['path']} {r['seconds']:.2f} s", file=sys.stderr)
                elif done % 50 == 0:
                    print(f"  {done}/{len(plans)} ({time.time() - t_start:.0f} s)", file=sys.stderr)
    finally:
        if not a.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    failed = [r for r in results.values() if "error" in r]
    if failed:
        sys.exit(f"make-fleet-corpus: {len(failed)} images failed")
    images = []
    for pl in sorted(plans, key=lambda p: p["path"]):
        r = results[pl["path"]]
        secrets = sorted({(it["kind"], it["fingerprint"], it["path"]): {k: it[k] for k in SECRET_KEYS}
                          for it in r["items"]}.values(), key=lambda it: (it["kind"], it["path"], it["fingerprint"]))
        images.append({"path": pl["path"], "vendor": pl["vendor"], "product": pl["product"],
                       "release": pl["release"], "base": pl["base"], "format": pl["format"],
                       "sha256": r["sha256"], "size": r["size"], "keep_base": pl["keep_base"],
                       "secrets": secrets})
    truth = {"schema": "fwassure.fleet-truth/v1", "seed": a.seed, "count": a.count,
             "source_date_epoch": EPOCH, "images": images, "reuse": reuse_of(images)}
    with open(os.path.join(out, "fleet-truth.json.tmp"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=False)
        f.write("\n")
    os.replace(os.path.join(out, "fleet-truth.json.tmp"), os.path.join(out, "fleet-truth.json"))
    with open(os.path.join(out, ".fleet.list"), "w") as f:
        f.write("".join(i["path"] + "\n" for i in images))
    summary(truth, time.time() - t_start)
    if a.verify:
        print(f"verify: {a.verify} image(s) per format with {fwassure} scan")
        bad = verify(out, truth, fwassure, a.verify)
        if bad:
            sys.exit(f"make-fleet-corpus: {bad} verification failure(s)")


if __name__ == "__main__":
    main()
