#!/usr/bin/env python3
"""Extractive answer quality and the evidence threshold, through `sanad ask --json`.

Usage: answer_quality.py SANAD_BINARY demo|beir [DIR] [--negatives FILE.jsonl]

demo: questions from demo/questions.jsonl (answerable, with their documents) and
      bench/answers/unanswerable.jsonl (not answerable from the demo corpus); the
      demo corpus must be indexed in the database the environment names.
beir: queries/qrels of a BEIR set (DIR) whose corpus was indexed with one file per
      passage named <corpus-id>.md; --negatives: queries of another set, which the
      corpus does not answer.
Each question is answered with --min-coverage 0 so the evidence strength is seen
whatever it is; a threshold t then answers when evidence >= t. For each t it
prints: answered share of answerable questions, the share of answerable
questions answered with a citation of a relevant document ("cited relevant"),
and the share of unanswerable questions wrongly answered. Also prints, for the
demo set, the closest FAQ question's similarity (faq_best).
"""
import json, os, subprocess, sys

def ask(binary, question):
    out = subprocess.run([binary, "ask", "--json", "--min-coverage", "0", question],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)

def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]

def report(rows_pos, rows_neg):
    print("threshold  answered  cited-relevant  wrongly-answered(neg)")
    for t in [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.67, 0.75, 0.8, 0.9, 1.0]:
        answered = [r for r in rows_pos if r["evidence"] >= t and r["evidence"] > 0]
        relevant = [r for r in answered if r["relevant_cited"]]
        wrong = [r for r in rows_neg if r["evidence"] >= t and r["evidence"] > 0]
        print(f"{t:9.2f}  {len(answered)/len(rows_pos):8.3f}  {len(relevant)/len(rows_pos):14.3f}  "
              f"{(len(wrong)/len(rows_neg)) if rows_neg else 0:10.3f}")

def main():
    binary, mode = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    pos, neg = [], []
    if mode == "demo":
        for q in load_jsonl(os.path.join(root, "demo", "questions.jsonl")):
            a = ask(binary, q["question"])
            stems = {os.path.splitext(d)[0] for d in q["documents"]}
            cited = {c["title"] for c in a["citations"]}
            pos.append({"q": q["question"], "evidence": a["evidence"], "relevant_cited": bool(cited & stems),
                        "faq": a.get("faq_best", {})})
        for q in load_jsonl(os.path.join(here, "unanswerable.jsonl")):
            a = ask(binary, q["question"])
            neg.append({"q": q["question"], "evidence": a["evidence"], "faq": a.get("faq_best", {})})
        print("question evidence relevant-cited faq-similarity faq-question")
        for r in pos + neg:
            f = r["faq"]
            print(f"{r['evidence']:.3f} {str(r.get('relevant_cited', '-')):5} {f.get('similarity', 0):.3f} "
                  f"| {r['q']} | {f.get('question', '')}")
    else:
        d = sys.argv[3]
        qrels = {}
        with open(os.path.join(d, "qrels", "test.tsv"), encoding="utf-8") as f:
            next(f)
            for line in f:
                qid, cid, score = line.rstrip("\n").split("\t")
                if int(score) > 0:
                    qrels.setdefault(qid, set()).add(cid)
        for q in load_jsonl(os.path.join(d, "queries.jsonl")):
            if q["_id"] not in qrels:
                continue
            a = ask(binary, q["text"].strip(" -"))
            cited = {c["title"] for c in a["citations"]}
            pos.append({"evidence": a["evidence"], "relevant_cited": bool(cited & qrels[q["_id"]])})
        if "--negatives" in sys.argv:
            path = sys.argv[sys.argv.index("--negatives") + 1]
            for q in load_jsonl(path):
                a = ask(binary, q["text"].strip(" -"))
                neg.append({"evidence": a["evidence"]})
    print(f"answerable {len(pos)}, unanswerable {len(neg)}")
    report(pos, neg)

if __name__ == "__main__":
    main()
