#!/usr/bin/python3
"""PyTorch baseline for bench/embed: the same encoder (HF BertModel structure,
eager torch.nn modules, float32, inference mode) on the same model.safetensors
files that embed_bench wrote. Prints one JSON object per measurement.

    /usr/bin/python3 bench/embed/torch_bench.py MODEL_ROOT THREADS
"""
import json
import math
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F32"
        b, e = t["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(raw, np.float32, (e - b) // 4, base + b)
                                     .reshape(t["shape"]).copy())
    return out


class Layer(nn.Module):
    def __init__(self, h, i, eps):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(h, eps=eps), nn.LayerNorm(h, eps=eps)
        self.ff1, self.ff2 = nn.Linear(h, i), nn.Linear(i, h)


class Encoder(nn.Module):
    def __init__(self, cfg, w):
        super().__init__()
        h, i, eps = cfg["hidden_size"], cfg["intermediate_size"], cfg["layer_norm_eps"]
        self.heads, self.offset = cfg["num_attention_heads"], (2 if "XLM" in cfg["architectures"][0] else 0)
        self.word = nn.Embedding.from_pretrained(w["embeddings.word_embeddings.weight"])
        self.pos = nn.Embedding.from_pretrained(w["embeddings.position_embeddings.weight"])
        self.tt = nn.Embedding.from_pretrained(w["embeddings.token_type_embeddings.weight"])
        self.ln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(Layer(h, i, eps) for _ in range(cfg["num_hidden_layers"]))
        with torch.no_grad():
            self.ln.weight.copy_(w["embeddings.LayerNorm.weight"])
            self.ln.bias.copy_(w["embeddings.LayerNorm.bias"])
            for n, l in enumerate(self.layers):
                p = "encoder.layer.%d." % n
                for mod, name in [(l.q, "attention.self.query"), (l.k, "attention.self.key"),
                                  (l.v, "attention.self.value"), (l.o, "attention.output.dense"),
                                  (l.ln1, "attention.output.LayerNorm"), (l.ff1, "intermediate.dense"),
                                  (l.ff2, "output.dense"), (l.ln2, "output.LayerNorm")]:
                    mod.weight.copy_(w[p + name + ".weight"])
                    mod.bias.copy_(w[p + name + ".bias"])

    def forward(self, ids, mask):
        b, n = ids.shape
        pos = torch.arange(n).unsqueeze(0) + self.offset
        x = self.ln(self.word(ids) + self.pos(pos) + self.tt(torch.zeros_like(ids)))
        d = x.shape[-1] // self.heads
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        for l in self.layers:
            sp = lambda t: t.view(b, n, self.heads, d).transpose(1, 2)
            q, k, v = sp(l.q(x)), sp(l.k(x)), sp(l.v(x))
            p = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
            a = l.ln1(l.o((p @ v).transpose(1, 2).reshape(b, n, -1)) + x)
            x = l.ln2(l.ff2(torch.nn.functional.gelu(l.ff1(a))) + a)
        m = mask.unsqueeze(-1).float()
        return torch.nn.functional.normalize((x * m).sum(1) / m.sum(1), dim=1)


def timed(fn, min_seconds):
    """(wall seconds, process CPU seconds) per call; CPU time counts every thread."""
    fn()  # warm up
    runs, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        fn()
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / runs, (time.process_time() - cpu) / runs


def int8_peer(model, cfg, gen):
    """PyTorch's own int8 path, the peer of SANAD_EMBED_PRECISION=int8: dynamic
    quantisation of every nn.Linear (int8 weights, activations quantised per call),
    on one thread, with its agreement with fp32 on the same inputs."""
    torch.backends.quantized.engine = "onednn" if "onednn" in torch.backends.quantized.supported_engines else "qnnpack"
    qmodel = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    torch.set_num_threads(1)
    with torch.inference_mode():
        for length in (128, 256):
            ids = torch.randint(5, cfg["vocab_size"], (32, length), generator=gen)
            mask = torch.ones_like(ids)
            s, c = timed(lambda: qmodel(ids, mask), 3.0)
            cos = torch.nn.functional.cosine_similarity(qmodel(ids, mask), model(ids, mask)).min().item()
            print(json.dumps({"model": "minilm-l6/int8", "engine": torch.backends.quantized.engine,
                              "bench": "throughput", "len": length, "batch": 32, "threads": 1,
                              "ms": s * 1e3, "cpu_ms": c * 1e3, "chunks_per_s": 32 / s,
                              "min_cosine_vs_fp32": cos}))
            sys.stdout.flush()
        ids = torch.randint(5, cfg["vocab_size"], (1, 16), generator=gen)
        mask = torch.ones_like(ids)
        s, c = timed(lambda: qmodel(ids, mask), 2.0)
        print(json.dumps({"model": "minilm-l6/int8", "engine": torch.backends.quantized.engine, "bench": "query",
                          "len": 16, "batch": 1, "threads": 1, "ms": s * 1e3, "cpu_ms": c * 1e3}))


def main():
    root, threads = sys.argv[1], int(sys.argv[2])
    for name in ("minilm-l6", "e5-small"):
        folder = os.path.join(root, name)
        with open(os.path.join(folder, "config.json")) as f:
            cfg = json.load(f)
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        model = Encoder(cfg, read_safetensors(os.path.join(folder, "model.safetensors"))).eval()
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        gen = torch.Generator().manual_seed(42)
        with torch.inference_mode():
            for t in sorted({threads, 1}, reverse=True):
                for length in (128, 256):
                    torch.set_num_threads(t)
                    ids = torch.randint(5, cfg["vocab_size"], (32, length), generator=gen)
                    mask = torch.ones_like(ids)
                    s, c = timed(lambda: model(ids, mask), 3.0)
                    print(json.dumps({"model": name, "bench": "throughput", "len": length, "batch": 32,
                                      "threads": t, "ms": s * 1e3, "cpu_ms": c * 1e3,
                                      "chunks_per_s": 32 / s}))
                    sys.stdout.flush()
            torch.set_num_threads(1)
            ids = torch.randint(5, cfg["vocab_size"], (1, 16), generator=gen)
            mask = torch.ones_like(ids)
            s, c = timed(lambda: model(ids, mask), 2.0)
            print(json.dumps({"model": name, "bench": "query", "len": 16, "batch": 1, "threads": 1,
                              "ms": s * 1e3, "cpu_ms": c * 1e3}))
        if name == "minilm-l6":
            int8_peer(model, cfg, gen)
        print(json.dumps({"model": name, "bench": "peak_rss_mib_after_load", "before": rss0, "after": rss1}))
        sys.stdout.flush()
        del model


if __name__ == "__main__":
    main()
