#!/usr/bin/python3
"""Xapian 1.4 BM25 reference on a BEIR-format folder (Debian python3-xapian).

Same Arabic folding as Sanad's analyser (tashkeel and tatweel removed, alef forms
unified to ا, ى -> ي, ة -> ه), Xapian's own Snowball stemmer, BM25 k1=0.9 b=0.4.
Prints one JSON object with the keys of `sanad eval --json`.

usage: /usr/bin/python3 bench/search/xapian_eval.py DIR [--stemmer arabic] [--k1 0.9] [--b 0.4]
"""
import argparse
import json
import math
import re
import shutil
import tempfile
import time

import xapian

TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ALEF = re.compile("[\u0622\u0623\u0625\u0671]")


def fold(text):
    text = TASHKEEL.sub("", text)
    text = ALEF.sub("\u0627", text)
    return text.replace("\u0649", "\u064a").replace("\u0629", "\u0647")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_qrels(path):
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            try:
                grade = int(parts[2])
            except ValueError:
                if i == 0:
                    continue
                raise
            qrels.setdefault(parts[0], {})[parts[1]] = grade
    return qrels


def ndcg(ranked, rel, k):
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if rel.get(d, 0) > 0)
    ideal = sorted((g for g in rel.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall(ranked, rel, k):
    relevant = [d for d, g in rel.items() if g > 0]
    if not relevant:
        return 0.0
    return sum(1 for d in ranked[:k] if rel.get(d, 0) > 0) / len(relevant)


def mrr(ranked, rel, k):
    for i, d in enumerate(ranked[:k]):
        if rel.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def percentile(sample, p):
    if not sample:
        return 0.0
    s = sorted(sample)
    rank = math.ceil(p / 100.0 * len(s))
    return s[min(max(rank, 1), len(s)) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--stemmer", default="arabic")
    ap.add_argument("--k1", type=float, default=0.9)
    ap.add_argument("--b", type=float, default=0.4)
    args = ap.parse_args()

    corpus = read_jsonl(args.dir + "/corpus.jsonl")
    queries = read_jsonl(args.dir + "/queries.jsonl")
    qrels = read_qrels(args.dir + "/qrels/test.tsv")
    stemmer = xapian.Stem(args.stemmer)
    tmp = tempfile.mkdtemp(prefix="xapian-eval-")
    try:
        db = xapian.WritableDatabase(tmp, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(stemmer)
        for doc in corpus:
            d = xapian.Document()
            tg.set_document(d)
            tg.index_text(fold(doc.get("title", "")))
            tg.index_text(fold(doc.get("text", "")))
            d.set_data(str(doc["_id"]))
            d.add_boolean_term("Q" + str(doc["_id"]))
            db.add_document(d)
        db.commit()
        qp = xapian.QueryParser()
        qp.set_stemmer(stemmer)
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(db)
        qp.set_default_op(xapian.Query.OP_OR)
        enquire = xapian.Enquire(db)
        enquire.set_weighting_scheme(xapian.BM25Weight(args.k1, 0, 1, args.b, 0.5))
        totals = [0.0, 0.0, 0.0]
        latencies = []
        n = 0
        for q in queries:
            rel = qrels.get(str(q["_id"]))
            if rel is None:
                continue
            start = time.perf_counter()
            query = qp.parse_query(fold(q["text"]), 0)
            enquire.set_query(query)
            ranked = [m.document.get_data().decode() for m in enquire.get_mset(0, 100)]
            latencies.append((time.perf_counter() - start) * 1000.0)
            totals[0] += ndcg(ranked, rel, 10)
            totals[1] += recall(ranked, rel, 100)
            totals[2] += mrr(ranked, rel, 10)
            n += 1
        report = {
            "ndcg@10": totals[0] / n if n else 0.0,
            "recall@100": totals[1] / n if n else 0.0,
            "mrr@10": totals[2] / n if n else 0.0,
            "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99),
            "queries": n,
            "documents": len(corpus),
        }
        print(json.dumps(report))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
