#!/usr/bin/env python3
"""HTTP benchmark: sanad against FastAPI + uvicorn in the same run.

Measures, for each server: requests/s and p99 latency with wrk at 64 connections on
/health/live and on a route that reads the database (GET /api/jobs/{id}); for sanad also
idle RSS and start-up time to ready (first 200 from /health/ready on an empty database).
Prints a markdown table (the rows of docs/benchmarks.md).

Usage: bench/http/bench_http.py --sanad build/src/app/sanad [--duration 10] [--connections 64]
"""
import argparse
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_status(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=1) as r:
            return r.status
    except Exception:  # noqa: BLE001 - any failure means "not ready yet"
        return None


def wait_ready(url, timeout=30.0):
    """Polls `url` until it answers 200; returns the elapsed seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if get_status(url) == 200:
            return time.perf_counter() - start
        time.sleep(0.002)
    raise RuntimeError(f"{url} not ready after {timeout}s")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def tree_rss_kib(pid):
    """RSS of a process and its children (uvicorn --workers forks)."""
    total = rss_kib(pid)
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    except FileNotFoundError:
        children = []
    for child in children:
        total += tree_rss_kib(int(child))
    return total


def wrk(url, connections, duration, threads, headers=()):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99_text = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99_text.group(2)]
    p99 = float(p99_text.group(1)) * scale
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    return rps, p99, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sanad", required=True)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="sanad-bench-")
    env = dict(os.environ, SANAD_DATA_DIR=work, SANAD_LOG_LEVEL="info", SANAD_BIND="127.0.0.1")
    log = open(os.path.join(work, "sanad.log"), "w")

    # Start-up to ready on an empty database (migrations run at start).
    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen([args.sanad, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=log)
    startup = wait_ready(f"http://127.0.0.1:{port}/health/ready")
    startup_ms = (time.perf_counter() - start) * 1000
    time.sleep(1.0)  # let start-up allocations settle before reading idle RSS
    idle_rss = rss_kib(proc.pid)

    # A job row to read.
    db = sqlite3.connect(os.path.join(work, "sanad.db"))
    job_id = "01benchjob0000000000000000"
    now = int(time.time() * 1000)
    db.execute("INSERT INTO jobs (id, type, payload, state, attempts, max_attempts, run_after, progress, "
               "cancel_requested, created_at, updated_at) VALUES (?, 'bench', '{}', 'succeeded', 1, 5, ?, "
               "'{\"pages\": 3}', 0, ?, ?)", (job_id, now, now, now))
    db.commit()
    db.close()

    # /api/ routes need a signed-in user: an administrator, as `make run` users would.
    password = "grey-heron-river-4821"
    subprocess.run([args.sanad, "user", "create", "--email", "bench@example.org", "--password-stdin", "--admin"],
                   input=password + "\n", text=True, env=env, check=True, capture_output=True)
    base = f"http://127.0.0.1:{port}"
    login = urllib.request.Request(base + "/api/auth/login", method="POST",
                                   data=json.dumps({"email": "bench@example.org", "password": password}).encode(),
                                   headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(login, timeout=10) as r:
        token = json.load(r)["access_token"]
    auth = {"Authorization": f"Bearer {token}"}

    rows = []
    for name, path, headers in (("/health/live", "/health/live", {}),
                                ("GET /api/jobs/{id}", f"/api/jobs/{job_id}", auth)):
        status = get_status(base + path, headers)
        assert status == 200, f"sanad {path} answered {status}"
        rows.append(("sanad", name, *wrk(base + path, args.connections, args.duration, args.threads,
                                          [f"{k}: {v}" for k, v in headers.items()])))
    loaded_rss = rss_kib(proc.pid)
    proc.terminate()
    proc.wait(timeout=30)

    # FastAPI + uvicorn, 2 worker processes (one per core), same database file.
    fport = free_port()
    fenv = dict(os.environ, SANAD_BENCH_DB=os.path.join(work, "sanad.db"), PYTHONPATH=HERE)
    fproc = subprocess.Popen([sys.executable, "-m", "uvicorn", "fastapi_app:app", "--host", "127.0.0.1",
                              "--port", str(fport), "--workers", "2", "--log-level", "warning"],
                             env=fenv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fstart = time.perf_counter()
    wait_ready(f"http://127.0.0.1:{fport}/health/live")
    fstartup_ms = (time.perf_counter() - fstart) * 1000
    time.sleep(1.0)
    fidle = tree_rss_kib(fproc.pid)
    fbase = f"http://127.0.0.1:{fport}"
    for name, path in (("/health/live", "/health/live"), ("GET /api/jobs/{id}", f"/api/jobs/{job_id}")):
        rows.append(("fastapi", name, *wrk(fbase + path, args.connections, args.duration, args.threads)))
    fproc.terminate()
    fproc.wait(timeout=30)

    print(f"| server | route | requests/s | p99 (ms) | non-2xx |")
    print(f"|---|---|---|---|---|")
    for server, route, rps, p99, errors in rows:
        print(f"| {server} | {route} | {rps:,.0f} | {p99:.2f} | {errors} |")
    by = {(s, r): rps for s, r, rps, _, _ in rows}
    for route in ("/health/live", "GET /api/jobs/{id}"):
        print(f"\nratio sanad/fastapi on {route}: {by[('sanad', route)] / by[('fastapi', route)]:.1f}x")
    print(f"\nsanad idle RSS: {idle_rss / 1024:.1f} MiB (after load: {loaded_rss / 1024:.1f} MiB); "
          f"fastapi (2 workers) idle RSS: {fidle / 1024:.1f} MiB")
    print(f"sanad start-up to ready (empty database, migrations included): {startup_ms:.0f} ms "
          f"(first poll hit at {startup * 1000:.0f} ms); fastapi start-up to live: {fstartup_ms:.0f} ms")
    print(json.dumps({"rows": rows, "idle_rss_kib": idle_rss, "startup_ms": startup_ms}), file=sys.stderr)


if __name__ == "__main__":
    main()
