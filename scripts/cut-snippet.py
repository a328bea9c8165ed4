#!/usr/bin/env python3
"""Cut a classifier snippet fixture from a real Debian package.

Usage: scripts/cut-snippet.py CLASSIFIER_ID PKG[:ARCH] PATH_IN_PACKAGE [--expect VERSION] [--release bookworm]

Downloads PKG with `apt-get download` into $SNIPPET_CACHE (default /var/tmp/fwassure-snippet-debs), extracts
it with `dpkg-deb -x`, and runs the Rust example `cut_snippet`, which applies the real classifier table to the
file, checks that it reports exactly the upstream version of the package (or --expect), and writes
crates/catalog/tests/snippets/<id>/<pkg>_<version>_<arch>.bin plus its .toml provenance header.
Foreign architectures need an apt configuration that lists them (APT_CONFIG), as the corpus builder uses.
"""
import glob, os, subprocess, sys

def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    cid, pkgarch, inner = args[:3]
    expect = args[args.index('--expect') + 1] if '--expect' in args else None
    cache = os.environ.get('SNIPPET_CACHE', '/var/tmp/fwassure-snippet-debs')
    os.makedirs(cache, exist_ok=True)
    pkg = pkgarch.split(':')[0]
    debs = glob.glob(os.path.join(cache, f'{pkg}_*.deb'))
    if not debs:
        subprocess.run(['apt-get', 'download', pkgarch], cwd=cache, check=True)
        debs = glob.glob(os.path.join(cache, f'{pkg}_*.deb'))
    deb = sorted(debs)[-1]
    stem = os.path.basename(deb)[:-4]
    _, ver, arch = stem.split('_')
    ver = ver.replace('%3a', ':')
    root = os.path.join(cache, stem)
    if not os.path.isdir(root):
        subprocess.run(['dpkg-deb', '-x', deb, root], check=True)
    inner = '/' + inner.lstrip('/')
    local = os.path.realpath(root + inner)
    cmd = ['cargo', 'run', '-q', '-p', 'fwassure-catalog', '--example', 'cut_snippet', '--', '--id', cid,
           '--file', local, '--inner', inner, '--package', pkg, '--package-version', ver, '--arch', arch]
    if expect:
        cmd += ['--expect', expect]
    sys.exit(subprocess.run(cmd).returncode)

if __name__ == '__main__':
    main()
