#!/usr/bin/env python3
"""Latency Sanad adds before the first token, provider excluded, on a loaded library.

Usage: first_token_latency.py SANAD_BINARY DATA_DIR QUESTIONS [--n 400] [--embedding-model DIR]
                              [--warmup 20] [--extractive] [--json OUT]

DATA_DIR holds sanad.db (made by `sanad migrate`, filled by bench/answers/load_corpus.py
or `sanad index`); QUESTIONS is a queries.tsv of bench/search/make_corpus.py (language,
text) or a JSONL file with a "text" field per line; the first N distinct ones are asked.

Starts a stand-in OpenAI-compatible provider in this process that answers each request
at once with one short cited line, noting when it had read the request and when it
had written its first byte; runs `sanad serve` on DATA_DIR with it as the model (and
EMBEDDING_MODEL=DIR when given: hybrid retrieval), signs in as an administrator, and
asks the questions one after the other, each in a new conversation, through
POST /api/conversations/{id}/messages as SSE. Per question:
  added    client time from sending the request to reading the first `delta` event,
           minus the provider's own time (first byte written - request read)
  before_generate_ms   the server's own timing from the `done` event
Prints p50/p95/p99/max of both and of the server's stage timings; --json writes every
sample. --extractive runs without the stand-in (no LLM_PROVIDER): the built-in answerer
replies, so the first `delta` is the whole answer and its time is all Sanad's. The first --warmup questions (not among the N) warm the index and statements."""
import argparse, http.client, http.server, json, os, re, socketserver, subprocess, threading, time

PASSWORD = "grey-heron-river-4821"
REPLY = "Voir la source [1].\n"


class Provider(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log = []  # (question_fragment, read_at, first_byte_at), appended per request

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        read_at = time.monotonic()
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = {"choices": [{"index": 0, "delta": {"content": REPLY}}]}
        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.flush()
        first_byte_at = time.monotonic()
        self.wfile.write(b'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n')
        self.wfile.flush()
        Provider.log.append((body, read_at, first_byte_at))


class Threaded(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def summary(name, xs):
    return (f"{name:<22} n={len(xs):<4} p50 {pct(xs, 50):7.2f}  p95 {pct(xs, 95):7.2f}  p99 {pct(xs, 99):7.2f}  "
            f"max {max(xs) if xs else float('nan'):7.2f} ms")


def read_questions(path, count):
    out, seen = [], set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"] if path.endswith(".jsonl") else line.rstrip("\n").split("\t", 1)[1]
            if text not in seen:
                seen.add(text)
                out.append(text)
            if len(out) == count:
                break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("data_dir")
    ap.add_argument("questions")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--embedding-model")
    ap.add_argument("--extractive", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    questions = read_questions(args.questions, args.n + args.warmup)
    if len(questions) < args.n + args.warmup:
        raise SystemExit(f"only {len(questions)} distinct questions in {args.questions}")

    provider = Threaded(("127.0.0.1", 0), Provider)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    env = dict(os.environ, DATABASE_URL=f"sqlite://{os.path.abspath(args.data_dir)}/sanad.db",
               SANAD_DATA_DIR=os.path.abspath(args.data_dir), SANAD_LOG_LEVEL="warn", LLM_PROVIDER="openai",
               OPENAI_BASE_URL=f"http://127.0.0.1:{provider.server_port}", LLM_MODEL="stand-in",
               SANAD_CHAT_RATE_PER_MINUTE="10000")
    env.pop("EMBEDDING_URL", None)
    if args.extractive:
        for key in ("LLM_PROVIDER", "OPENAI_BASE_URL", "LLM_MODEL"):
            env.pop(key, None)
    if args.embedding_model:
        env["EMBEDDING_MODEL"] = os.path.abspath(args.embedding_model)
    else:
        env.pop("EMBEDDING_MODEL", None)
    email = "latency@example.org"
    subprocess.run([args.binary, "user", "create", "--email", email, "--password-stdin", "--admin"], env=env,
                   input=PASSWORD + "\n", text=True, capture_output=True)  # already there on a second run
    started = time.monotonic()
    server = subprocess.Popen([args.binary, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+)", server.stdout.readline()).group(1))
        print(f"server ready in {time.monotonic() - started:.1f} s (index open), pid {server.pid}")

        def call(method, path, body=None, token=None, accept=None):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            h = {"Content-Type": "application/json"}
            if token:
                h["Authorization"] = "Bearer " + token
            if accept:
                h["Accept"] = accept
            c.request(method, path, json.dumps(body) if body is not None else None, h)
            return c, c.getresponse()

        _, r = call("POST", "/api/auth/login", {"email": email, "password": PASSWORD})
        token = json.loads(r.read())["access_token"]

        def ask(question):
            _, r = call("POST", "/api/conversations", {}, token)
            conv = json.loads(r.read())["id"]
            logged = len(Provider.log)
            body = {"content": question}
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            c.connect()  # connection set up outside the timed span
            t0 = time.monotonic()
            c.request("POST", f"/api/conversations/{conv}/messages", json.dumps(body),
                      {"Content-Type": "application/json", "Authorization": "Bearer " + token,
                       "Accept": "text/event-stream"})
            resp = c.getresponse()
            first = done = None
            event = None
            for raw in resp:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    if event == "delta" and first is None:
                        first = time.monotonic()
                    if event == "done":
                        done = json.loads(line[6:])
                    if event == "error":
                        raise SystemExit(f"error event for {question!r}: {line}")
            c.close()
            calls = Provider.log[logged:]
            return t0, first, done, calls

        for q in questions[:args.warmup]:
            ask(q)
        if args.extractive:
            samples = []
            for q in questions[args.warmup:]:
                t0, first, done, _ = ask(q)
                samples.append({"question": q, "first_delta_ms": (first - t0) * 1000,
                                "answered": (done or {}).get("answered"), "timings": (done or {}).get("timings", {})})
            mode = f"hybrid ({args.embedding_model})" if args.embedding_model else "lexical (no model)"
            print(f"{len(samples)} questions, extractive, {mode}: "
                  f"{sum(1 for s in samples if s['answered'])} answered")
            print(summary("first delta (client)", [s["first_delta_ms"] for s in samples]))
            for stage in ("retrieve_ms", "context_ms", "generate_ms", "similarity_ms", "verify_ms", "total_ms"):
                xs = [s["timings"][stage] for s in samples if stage in s["timings"]]
                if xs:
                    print(summary("  " + stage, xs))
            if args.json:
                with open(args.json, "w", encoding="utf-8") as f:
                    json.dump(samples, f, ensure_ascii=False, indent=1)
            return
        samples = []
        refused = 0
        for q in questions[args.warmup:]:
            t0, first, done, calls = ask(q)
            timings = (done or {}).get("timings", {})
            if len(calls) != 1:
                # Weak evidence: refused without calling the model (no provider time to remove).
                refused += 1
                samples.append({"question": q, "called": False, "first_delta_ms": (first - t0) * 1000,
                                "timings": timings})
                continue
            _, read_at, first_byte_at = calls[0]
            provider_ms = (first_byte_at - read_at) * 1000
            samples.append({"question": q, "called": True, "first_delta_ms": (first - t0) * 1000,
                            "provider_ms": provider_ms, "added_ms": (first - t0) * 1000 - provider_ms,
                            "timings": timings})
        called = [s for s in samples if s["called"]]
        mode = f"hybrid ({args.embedding_model})" if args.embedding_model else "lexical (no model)"
        print(f"{len(samples)} questions, {mode}: {len(called)} reached the stand-in model, "
              f"{refused} refused on weak evidence before it")
        print(summary("added (client)", [s["added_ms"] for s in called]))
        print(summary("provider's own", [s["provider_ms"] for s in called]))
        print(summary("before_generate_ms", [s["timings"].get("before_generate_ms", float("nan")) for s in called]))
        for stage in ("analyse_ms", "faq_ms", "cache_ms", "retrieve_ms", "context_ms"):
            xs = [s["timings"][stage] for s in called if stage in s["timings"]]
            if xs:
                print(summary("  " + stage, xs))
        if refused:
            print(summary("refusals: first delta", [s["first_delta_ms"] for s in samples if not s["called"]]))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(samples, f, ensure_ascii=False, indent=1)
    finally:
        server.terminate()
        server.wait(timeout=60)
        provider.shutdown()


if __name__ == "__main__":
    main()
