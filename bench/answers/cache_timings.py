#!/usr/bin/env python3
"""Answer times with and without the answer cache, through a real `sanad serve`.

Usage: cache_timings.py SANAD_BINARY [--redis URL] [--rounds N]

Starts `sanad serve` on a free port with a fresh SQLite database in a temporary
directory (plus REDIS_URL when --redis is given: the shared cache; else the
in-process LRU), uploads demo/documents, waits until the index has taken them all,
then asks every question of demo/questions.jsonl N times (default 3), each time in a
new conversation: the first round answers (cache misses), later rounds must be
served from the cache (`cached: true`, else the script stops). Prints p50/p95/mean
of the server's own `total_ms` and `cache_ms` (the look-up) for misses and hits.
"""
import json, os, statistics, subprocess, sys, tempfile, time, urllib.request, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(HERE, "..", "..", "demo")
PASSWORD = "grey-heron-river-4821"


def call(port, method, path, token=None, body=None, content_type="application/json"):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=120) as r:
        text = r.read()
    return json.loads(text) if text else None


def multipart(folder_id, name, content):
    boundary = "----sanad-bench-" + uuid.uuid4().hex
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"folder_id\"\r\n\r\n{folder_id}\r\n".encode(),
             f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
             f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n",
             f"--{boundary}--\r\n".encode()]
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


def applied_seq(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("sanad_search_index_applied_seq "):
                return int(line.split()[1])
    return -1


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    binary = sys.argv[1]
    redis = sys.argv[sys.argv.index("--redis") + 1] if "--redis" in sys.argv else ""
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "SANAD_DATA_DIR": tmp, "SANAD_LOG_LEVEL": "warn",
               "SANAD_CHAT_RATE_PER_MINUTE": "10000"}
        if redis:
            env["REDIS_URL"] = redis
        subprocess.run([binary, "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([binary, "user", "create", "--email", "bench@example.org", "--password-stdin", "--admin"],
                       env=env, input=PASSWORD, text=True, check=True, capture_output=True)
        server = subprocess.Popen([binary, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            port = int(line.strip().rsplit(":", 1)[1])
            token = call(port, "POST", "/api/auth/login", body={"email": "bench@example.org",
                                                                 "password": PASSWORD})["access_token"]
            folder = call(port, "POST", "/api/folders", token, {"name": "Demo"})["id"]
            jobs = []
            for name in sorted(os.listdir(os.path.join(DEMO, "documents"))):
                with open(os.path.join(DEMO, "documents", name), "rb") as f:
                    body, ctype = multipart(folder, name, f.read())
                jobs.append(call(port, "POST", "/api/documents", token, body, ctype)["job_id"])
            for job in jobs:
                while call(port, "GET", f"/api/jobs/{job}", token)["state"] not in ("succeeded", "failed"):
                    time.sleep(0.2)
            # The index follows the change log every 200 ms: wait until it stops moving.
            previous = -1
            while True:
                seq = applied_seq(port)
                if seq == previous:
                    break
                previous = seq
                time.sleep(1)
            with open(os.path.join(DEMO, "questions.jsonl"), encoding="utf-8") as f:
                questions = [json.loads(l)["question"] for l in f if l.strip()]
            miss_total, hit_total, miss_cache, hit_cache = [], [], [], []
            for r in range(rounds):
                for q in questions:
                    conversation = call(port, "POST", "/api/conversations", token, {"title": ""})["id"]
                    a = call(port, "POST", f"/api/conversations/{conversation}/messages", token, {"content": q})
                    cached = a.get("cached", False)
                    if r > 0 and not cached:
                        sys.exit(f"round {r + 1}: not served from the cache: {q}")
                    (hit_total if cached else miss_total).append(a["timings"]["total_ms"])
                    (hit_cache if cached else miss_cache).append(a["timings"].get("cache_ms", 0.0))
            print(f"cache: {'Redis ' + redis if redis else 'in-process LRU'}; {len(questions)} questions, {rounds} rounds")
            for label, xs in (("miss total_ms", miss_total), ("miss cache_ms", miss_cache),
                              ("hit  total_ms", hit_total), ("hit  cache_ms", hit_cache)):
                if xs:
                    print(f"{label}  n={len(xs):3}  p50 {pct(xs, 50):8.3f}  p95 {pct(xs, 95):8.3f}  "
                          f"mean {statistics.mean(xs):8.3f}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
