#!/usr/bin/python3
"""Builds a synthetic chunk corpus and query set for the search benchmarks.

Chunks are runs of 3 consecutive passages from the shared corpora (Qur'an verses in
Arabic, French and English; hadith in Arabic and English; the French CNIL FAQ), so
their vocabulary and length follow real text. Queries are 2-4 words drawn from a
random chunk. Deterministic for a given --seed.

usage: make_corpus.py --chunks 100000 --out DIR [--queries 1000] [--data ../shared/data]
writes DIR/chunks.tsv (id, document, folder, language, title, text) and
DIR/queries.tsv (language, text).
"""
import argparse
import csv
import json
import os
import random
import re


def sources(data):
    out = []  # (language, [passages])
    quran = os.path.join(data, "corpora", "quran")
    ar = json.load(open(os.path.join(quran, "data_quran.json"), encoding="utf-8"))
    out.append(("ar", [v["text"] for ch in sorted(ar, key=int) for v in ar[ch]]))
    for lang in ("fr", "en"):
        ed = json.load(open(os.path.join(quran, f"data_editions_{lang}.json"), encoding="utf-8"))
        out.append((lang, [v["text"] for ch in sorted(ed, key=int) for v in ed[ch]]))
    for name in ("nawawi40", "qudsi40", "riyad_assalihin"):
        h = json.load(open(os.path.join(data, "corpora", "hadith", f"{name}.json"), encoding="utf-8"))
        out.append(("ar", [x["arabic"] for x in h["hadiths"] if x.get("arabic")]))
        out.append(("en", [x["english"]["text"] for x in h["hadiths"] if x.get("english", {}).get("text")]))
    with open(os.path.join(data, "corpora", "faq-fr", "cnil_faq.csv"), encoding="utf-8") as f:
        out.append(("fr", [r["question"] + " " + r["answer"] for r in csv.DictReader(f)]))
    return [(lang, [re.sub(r"\s+", " ", p).strip() for p in ps if p.strip()]) for lang, ps in out]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunks", type=int, required=True)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    srcs = sources(args.data)
    weights = [len(ps) for _, ps in srcs]
    os.makedirs(args.out, exist_ok=True)
    texts = []
    with open(os.path.join(args.out, "chunks.tsv"), "w", encoding="utf-8") as f:
        for i in range(args.chunks):
            lang, ps = rng.choices(srcs, weights=weights)[0]
            start = rng.randrange(len(ps))
            text = " ".join(ps[start:start + 3]).replace("\t", " ")
            texts.append((lang, text))
            f.write(f"c{i}\td{i // 8}\tf{i % 50}\t{lang}\tSection {start}\t{text}\n")
    with open(os.path.join(args.out, "queries.tsv"), "w", encoding="utf-8") as f:
        written = 0
        while written < args.queries:
            lang, text = texts[rng.randrange(len(texts))]
            words = [w for w in re.findall(r"\w+", text) if len(w) > 3]
            if len(words) < 2:
                continue
            written += 1
            n = min(len(words), rng.randint(2, 4))
            f.write(f"{lang}\t{' '.join(rng.sample(words, n))}\n")


if __name__ == "__main__":
    main()
