#!/usr/bin/env python3
"""Cut snippets for every classifier of the given family files from Debian builds.
usage: cut_family.py CUT_BIN FAMILY.rs [ID ...]"""
import fnmatch, glob, os, re, subprocess, sys
CACHE = os.environ.get("SNIPPET_CACHE", "/var/tmp/fwassure-family-snippets")  # apt/<release>-<arch>/apt.conf for foreign builds
SPECS = os.environ.get('SPECS','bookworm-amd64').split(',')
cut_bin, fam = sys.argv[1], sys.argv[2]
only = set(sys.argv[3:])
src = open(fam).read()
blocks = re.split(r'\n    Classifier \{', src)[1:]
cls = []
for b in blocks:
    cid = re.search(r'id: "([^"]+)"', b).group(1)
    globs = re.findall(r'r#"([^"]+)"#', re.search(r'globs: &\[([^\]]*)\]', b).group(1))
    deb = re.findall(r'"([^"]+)"', (re.search(r'debian: &\[([^\]]*)\]', b) or re.search(r'()', '')).group(1))
    cls.append((cid, globs, deb))

def apt(spec):
    if spec == 'bookworm-amd64':
        return dict(os.environ)
    e = dict(os.environ); e['APT_CONFIG'] = f'{CACHE}/apt/{spec}/apt.conf'; return e

def fetch(pkg, spec):
    d = f'{CACHE}/debs/{spec}'; os.makedirs(d, exist_ok=True)
    for name in [pkg, pkg + 't64']:
        debs = glob.glob(f'{d}/{name}_*.deb')
        if not debs:
            r = subprocess.run(['apt-get', 'download', '-qq', name], cwd=d, env=apt(spec), capture_output=True)
            debs = glob.glob(f'{d}/{name}_*.deb')
        if debs:
            deb = sorted(debs)[-1]
            stem = os.path.basename(deb)[:-4]
            root = f'{d}/{stem}'
            if not os.path.isdir(root):
                subprocess.run(['dpkg-deb', '-x', deb, root], check=True)
            _, ver, arch = stem.split('_')
            return name, ver.replace('%3a', ':'), arch, root
    return None

for cid, globs, debs in cls:
    if only and cid not in only:
        continue
    if not debs:
        print(f'{cid}: NO DEBIAN'); continue
    res = []
    for spec in SPECS:
        ok = False
        for pkg in debs:
            f = fetch(pkg, spec)
            if not f:
                continue
            name, ver, arch, root = f
            files = []
            for dp, dn, fn in os.walk(root):
                for n in fn:
                    p = os.path.join(dp, n)
                    inner = p[len(root):]
                    if os.path.islink(p) or not os.path.isfile(p):
                        continue
                    if any(fnmatch.fnmatch(inner if '/' in g else n, g) for g in globs):
                        files.append((p, inner))
            errs = []
            for p, inner in sorted(files):
                r = subprocess.run([cut_bin, '--id', cid, '--file', p, '--inner', inner, '--package', name,
                                    '--package-version', ver, '--arch', arch], capture_output=True, text=True)
                if r.returncode == 0:
                    ok = True; res.append(f'{spec}:ok'); break
                errs.append(r.stderr.strip()[-160:])
            if ok:
                break
            res.append(f'{spec}:FAIL({name} {ver} files={len(files)} {errs[:1]})')
        if not ok and not any(r.startswith(spec) for r in res):
            res.append(f'{spec}:NOPKG')
    print(cid, ' | '.join(res), flush=True)
