#!/usr/bin/env python3
"""Runs a command and prints the peak RSS (VmHWM) of it and of each child process it
starts (sampled every 50 ms), e.g. `sanad index DIR` and its `sanad-extract` children.
Usage: peak_rss.py COMMAND [ARG...]"""
import os
import subprocess
import sys
import time


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return fields


def main():
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    peaks = {}
    start = time.time()
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
                children = [int(p) for p in f.read().split()]
        except OSError:
            children = []
        for pid in [proc.pid] + children:
            try:
                fields = status(pid)
            except OSError:
                continue
            name = fields["Name"][0]
            if name.startswith("python"):
                continue  # not yet exec'd
            peaks[name] = max(peaks.get(name, 0), int(fields["VmHWM"][0]))
        time.sleep(0.05)
    wall = time.time() - start
    print(f"exit {proc.returncode}, {wall:.1f} s wall; peak RSS:",
          ", ".join(f"{name} {kb / 1024:.1f} MB" for name, kb in peaks.items()))


if __name__ == "__main__":
    main()
