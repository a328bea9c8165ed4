#!/usr/bin/env python3
"""Peak memory of a command, in MiB: `anon-peak.py CMD ARGS...` prints `<peak RssAnon> <peak RSS>`.

RSS alone overstates what a scan costs once the image is memory-mapped: the page-cache pages of the
mapped image count in RSS, though the kernel can drop and re-read them at will. RssAnon (heap, stacks,
anonymous mappings) is the memory the scan itself holds. Linux keeps no high-water mark of RssAnon, so it
is sampled from /proc/PID/status every millisecond (a short spike between two samples can be missed);
the RSS peak is the kernel's own (VmHWM), read just before the process is reaped.
The command's stdout and stderr are discarded; the exit code is that of the command.
"""
import os
import subprocess
import sys
import time


def status_kib(pid, keys):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in keys:
                    out[k] = int(v.split()[0])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    anon = hwm = 0
    while True:
        # waitid with WNOWAIT leaves the exited child unreaped, so its /proc entry (and VmHWM) stays readable
        res = os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        s = status_kib(p.pid, ("RssAnon", "VmHWM"))
        anon = max(anon, s.get("RssAnon", 0))
        hwm = max(hwm, s.get("VmHWM", 0))
        if res is not None:
            break
        time.sleep(0.001)
    rc = p.wait()
    print(f"{anon / 1024:.1f} {hwm / 1024:.1f}")
    sys.exit(rc)


if __name__ == "__main__":
    main()
