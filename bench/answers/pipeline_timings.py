#!/usr/bin/env python3
"""Per-stage pipeline times (extractive) over the first N queries of a BEIR set,
through `sanad ask --json` on the indexed corpus. Usage:
pipeline_timings.py SANAD_BINARY QUERIES.jsonl [N]"""
import json, statistics, subprocess, sys

binary, path = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
stages = {}
with open(path, encoding="utf-8") as f:
    queries = [json.loads(l)["text"].strip(" -") for l in f if l.strip()][:n]
for q in queries:
    out = json.loads(subprocess.run([binary, "ask", "--json", q], capture_output=True, text=True, check=True).stdout)
    for k, v in out["timings"].items():
        stages.setdefault(k, []).append(v)
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
print(f"{len(queries)} questions")
for k, xs in sorted(stages.items()):
    print(f"{k:16} p50 {pct(xs, 50):7.3f} ms   p99 {pct(xs, 99):7.3f} ms")
