#!/usr/bin/env python3
"""N concurrent answer streams against a stand-in model streaming R tokens/s.

Usage: concurrent_streams.py SANAD_BINARY [N=100] [TOKENS=40] [RATE=20]

Starts a local OpenAI-compatible server that streams TOKENS tokens at RATE tokens/s
per request, runs `sanad serve` (SQLite, temp dir) with it as the model and the demo
corpus indexed, then N clients each ask one question in its own conversation over
SSE at the same moment. Reports: streams completed with `done` (and dropped),
time to first delta (p50/p99), `before_generate_ms` from the `done` timings (what
Sanad adds before calling the model: p50/p99), and the server's RSS before and at
the end (VmRSS, and VmHWM growth)."""
import http.client, http.server, json, os, re, shutil, socketserver, subprocess, sys, tempfile, threading, time

BIN = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100
TOKENS = int(sys.argv[3]) if len(sys.argv) > 3 else 40
RATE = float(sys.argv[4]) if len(sys.argv) > 4 else 20.0
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "grey-heron-river-4821"

class Model(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        start = time.monotonic()
        for i in range(TOKENS):
            delay = start + i / RATE - time.monotonic()
            if delay > 0: time.sleep(delay)
            piece = "Selon le guide [1]. " if i == 0 else f"mot{i} "
            chunk = {"choices": [{"index": 0, "delta": {"content": piece}}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode()); self.wfile.flush()
        self.wfile.write(b'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n')
        self.wfile.flush()

class Threaded(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 256

def rss(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"): fields[k] = int(v.split()[0]) / 1024
    return fields

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")

def main():
    model = Threaded(("127.0.0.1", 0), Model)
    threading.Thread(target=model.serve_forever, daemon=True).start()
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, DATABASE_URL=f"sqlite://{tmp}/sanad.db", SANAD_DATA_DIR=tmp, SANAD_LOG_LEVEL="warn",
               LLM_PROVIDER="openai", OPENAI_BASE_URL=f"http://127.0.0.1:{model.server_port}", LLM_MODEL="slow")
    subprocess.run([BIN, "index", os.path.join(ROOT, "demo", "documents"), "--folder", "Demo"], env=env, check=True,
                   capture_output=True)
    subprocess.run([BIN, "user", "create", "--email", "bench@example.org", "--password-stdin", "--admin"], env=env,
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    server = subprocess.Popen([BIN, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+)", server.stdout.readline()).group(1))
        def call(method, path, body=None, token=None, accept=None):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            h = {"Content-Type": "application/json"}
            if token: h["Authorization"] = "Bearer " + token
            if accept: h["Accept"] = accept
            c.request(method, path, json.dumps(body) if body is not None else None, h)
            return c, c.getresponse()
        _, r = call("POST", "/api/auth/login", {"email": "bench@example.org", "password": PASSWORD})
        token = json.loads(r.read())["access_token"]
        convs = []
        for _ in range(N):
            _, r = call("POST", "/api/conversations", {}, token)
            convs.append(json.loads(r.read())["id"])
        # One warm-up answer (index and statements warm).
        c, r = call("POST", f"/api/conversations/{convs[0]}/messages", {"content": "Combien de jours de congés payés par an ?"}, token)
        r.read()
        before = rss(server.pid)
        results = [None] * N
        barrier = threading.Barrier(N)
        def client(i):
            barrier.wait()
            t0 = time.monotonic()
            first = None; done = None
            try:
                c, r = call("POST", f"/api/conversations/{convs[i]}/messages",
                            {"content": "Combien de jours de congés payés acquiert un salarié à temps plein ?"}, token,
                            "text/event-stream")
                event = None
                for raw in r:
                    line = raw.decode().rstrip("\n")
                    if line.startswith("event: "): event = line[7:]
                    elif line.startswith("data: "):
                        if event == "delta" and first is None: first = time.monotonic() - t0
                        if event == "done": done = json.loads(line[6:])
            except Exception as e:  # a dropped stream
                done = None
            results[i] = (first, done)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(N)]
        t0 = time.monotonic()
        for t in threads: t.start()
        for t in threads: t.join()
        wall = time.monotonic() - t0
        after = rss(server.pid)
        completed = [r for r in results if r and r[1] is not None]
        firsts = [r[0] * 1000 for r in completed if r[0] is not None]
        before_gen = [r[1]["timings"].get("before_generate_ms", float("nan")) for r in completed]
        print(f"{N} streams, {TOKENS} tokens at {RATE}/s each: {len(completed)} completed, {N - len(completed)} dropped, "
              f"wall {wall:.2f} s")
        print(f"time to first delta: p50 {pct(firsts, 50):.1f} ms, p99 {pct(firsts, 99):.1f} ms")
        print(f"before_generate_ms:  p50 {pct(before_gen, 50):.2f} ms, p99 {pct(before_gen, 99):.2f} ms")
        print(f"RSS before {before['VmRSS']:.1f} MB, after {after['VmRSS']:.1f} MB "
              f"(growth {after['VmRSS'] - before['VmRSS']:.1f} MB; peak {after['VmHWM']:.1f} MB)")
    finally:
        server.terminate(); server.wait(timeout=30)
        model.shutdown(); shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    main()
