#!/usr/bin/env python3
"""Refresh crates/checks/data/defaultcreds/ from the `defaultcreds-cheat-sheet` package on PyPI (MIT licence,
https://github.com/ihebski/DefaultCreds-cheat-sheet).

Downloads the newest wheel with `pip download --no-deps`, copies its LICENSE and writes its credential table as
`defaultcreds.tsv`: one `product<TAB>user<TAB>password` row per entry, sorted and de-duplicated, with the package
version and the download date in the header comments. `<blank>` (an empty field in the dataset) is kept as it
is: the loader reads it as the empty string. Rows whose fields hold a tab or a newline are dropped.
Usage: scripts/refresh-defaultcreds.py   (from anywhere; writes next to this script's repository)
"""
import datetime, glob, json, os, subprocess, sys, tempfile, zipfile

here = os.path.dirname(os.path.abspath(__file__))
dest = os.path.join(here, "..", "crates", "checks", "data", "defaultcreds")

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "pip", "download", "defaultcreds-cheat-sheet", "--no-deps", "-q", "-d", tmp],
                   check=True)
    whl = glob.glob(os.path.join(tmp, "defaultcreds_cheat_sheet-*.whl"))[0]
    version = os.path.basename(whl).split("-")[1]
    with zipfile.ZipFile(whl) as z:
        db = json.loads(z.read("DefaultCreds/DefaultCreds_db.json"))
        lic = next(n for n in z.namelist() if n.endswith(".dist-info/LICENSE"))
        licence = z.read(lic).decode()

rows = set()
for e in db["_default"].values():
    p, u, w = (str(e.get(k, "")).strip() for k in ("product", "username", "password"))
    if any(c in f for f in (p, u, w) for c in "\t\r\n") or not p:
        continue
    rows.add((p, u, w))
rows.discard(("productvendor", "username", "password"))  # the table's own header row

os.makedirs(dest, exist_ok=True)
today = datetime.date.today().isoformat()
with open(os.path.join(dest, "defaultcreds.tsv"), "w") as f:
    f.write(f"# defaultcreds-cheat-sheet {version} (PyPI), DefaultCreds/DefaultCreds_db.json, fetched {today}\n")
    f.write("# https://github.com/ihebski/DefaultCreds-cheat-sheet - MIT licence, see LICENSE in this folder\n")
    f.write("# product<TAB>user<TAB>password; <blank> = empty. Regenerate with scripts/refresh-defaultcreds.py\n")
    for r in sorted(rows):
        f.write("\t".join(r) + "\n")
with open(os.path.join(dest, "LICENSE"), "w") as f:
    f.write(licence)
with open(os.path.join(dest, "SOURCE"), "w") as f:
    f.write(f"package: defaultcreds-cheat-sheet {version} (https://pypi.org/project/defaultcreds-cheat-sheet/)\n"
            f"upstream: https://github.com/ihebski/DefaultCreds-cheat-sheet\nlicence: MIT (LICENSE)\n"
            f"fetched: {today}\nfile: DefaultCreds/DefaultCreds_db.json -> defaultcreds.tsv ({len(rows)} rows)\n"
            f"refresh: scripts/refresh-defaultcreds.py\n")
print(f"{len(rows)} rows, version {version}")
