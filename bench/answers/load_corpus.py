#!/usr/bin/env python3
"""Loads a synthetic chunk corpus (bench/search/make_corpus.py's chunks.tsv) into a
SQLite database made by `sanad migrate`, writing the rows ingestion writes:

  folders      one per corpus folder (f0..f49), named "Bench f<n>", at the root
  documents    one per corpus document (8 consecutive chunks), status 'ready',
               chunk_count, language (that of most of its chunks), a sha256 of its text
  chunks       ordinal 0..7 in its document, the corpus title as heading trail,
               start/end character offsets in the document's text (chunks joined by a
               blank line), language, token_count (words), text
  chunk_events one 'insert' per chunk, in chunk order (what the search index follows)
  chunk_vectors with --vectors MODEL_ID:DIM only: a random unit vector per chunk for
               that model id (what `sanad reindex --vectorize` would store; say so when
               reporting, the vectors carry no meaning)

No stored files are written: answers and search read chunks only. Deterministic for
a given --seed (ids excepted: they are time-ordered like core::new_id()).

usage: load_corpus.py DB_PATH CORPUS_DIR [--vectors MODEL_ID:DIM] [--seed 1]
"""
import argparse
import collections
import hashlib
import math
import os
import random
import sqlite3
import struct
import time

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id(rng):
    """26 Crockford base32 characters: 48-bit milliseconds then 80 random bits."""
    value = ((int(time.time() * 1000) & ((1 << 48) - 1)) << 80) | rng.getrandbits(80)
    return "".join(ALPHABET[(value >> (5 * (25 - i))) & 31] for i in range(26))


def unit_vector(rng, dim):
    v = [rng.gauss(0.0, 1.0) for _ in range(dim)]
    norm = math.sqrt(sum(x * x for x in v)) or 1.0
    return struct.pack(f"<{dim}f", *(x / norm for x in v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("corpus")
    ap.add_argument("--vectors", help="MODEL_ID:DIM, the embedding model id the server will report")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    id_rng = random.Random()
    model, dim = None, 0
    if args.vectors:
        model, _, d = args.vectors.rpartition(":")
        dim = int(d)

    docs = collections.OrderedDict()  # corpus document -> [(folder, language, title, text)]
    with open(os.path.join(args.corpus, "chunks.tsv"), encoding="utf-8") as f:
        for line in f:
            _cid, doc, folder, lang, title, text = line.rstrip("\n").split("\t", 5)
            docs.setdefault(doc, []).append((folder, lang, title, text))

    db = sqlite3.connect(args.db)
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]:
        raise SystemExit("the database already holds chunks: load into a fresh `sanad migrate` database")
    now = int(time.time() * 1000)
    start = time.monotonic()
    with db:
        folder_ids = {}
        for chunks in docs.values():
            for folder, *_ in chunks:
                if folder not in folder_ids:
                    folder_ids[folder] = new_id(id_rng)
                    db.execute("INSERT INTO folders (id, parent_id, name, created_by, created_at, updated_at) "
                               "VALUES (?, NULL, ?, NULL, ?, ?)", (folder_ids[folder], "Bench " + folder, now, now))
        n_chunks = 0
        for name, chunks in docs.items():
            doc_id = new_id(id_rng)
            folder_id = folder_ids[chunks[0][0]]
            body = "\n\n".join(c[3] for c in chunks)
            language = collections.Counter(c[1] for c in chunks).most_common(1)[0][0]
            db.execute(
                "INSERT INTO documents (id, folder_id, title, category_id, language, tags, source, original_name, "
                "mime_type, uploader_id, size_bytes, sha256, storage_path, pages, chunk_count, status, error, job_id, "
                "created_at, updated_at) VALUES (?, ?, ?, NULL, ?, '[]', 'upload', ?, 'text/plain', NULL, ?, ?, ?, 0, "
                "?, 'ready', NULL, NULL, ?, ?)",
                (doc_id, folder_id, "Document " + name, language, name + ".txt", len(body.encode("utf-8")),
                 hashlib.sha256(body.encode("utf-8")).hexdigest(), doc_id[:2] + "/" + doc_id, len(chunks), now, now))
            offset = 0
            rows, events, vectors = [], [], []
            for ordinal, (_folder, lang, title, text) in enumerate(chunks):
                chunk_id = new_id(id_rng)
                rows.append((chunk_id, doc_id, folder_id, ordinal, title, offset, offset + len(text), lang,
                             len(text.split()), text, now))
                events.append((chunk_id, doc_id, now))
                if model:
                    vectors.append((chunk_id, model, dim, unit_vector(rng, dim), now))
                offset += len(text) + 2
            # Chunk rows and their events in one go per document, like ingestion's batch.
            db.executemany(
                "INSERT INTO chunks (id, document_id, folder_id, ordinal, page, heading_trail, start_offset, "
                "end_offset, language, token_count, text, created_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
                rows)
            db.executemany("INSERT INTO chunk_events (op, chunk_id, document_id, created_at) VALUES ('insert', ?, ?, ?)",
                           events)
            if vectors:
                db.executemany("INSERT INTO chunk_vectors (chunk_id, model, dim, data, created_at) "
                               "VALUES (?, ?, ?, ?, ?)", vectors)
            n_chunks += len(rows)
    print(f"{len(folder_ids)} folders, {len(docs)} documents, {n_chunks} chunks"
          f"{f', {n_chunks} vectors ({model}, {dim})' if model else ''} in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
