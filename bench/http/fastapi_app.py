"""The peer for the HTTP benchmark: FastAPI + uvicorn (Debian packages) serving the same
JSON as sanad's /health/live, and a route that reads one job row from the same kind of
SQLite database (same schema, WAL), like sanad's GET /api/jobs/{id} (which, unlike this
peer, also verifies an access token and reads the signed-in user).

Run: SANAD_BENCH_DB=/path/sanad.db python3 -m uvicorn fastapi_app:app --port 8001
"""
import json
import os
import sqlite3
import threading

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

app = FastAPI()
_local = threading.local()


def _db():
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(os.environ["SANAD_BENCH_DB"], check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        _local.conn = conn
    return conn


@app.get("/health/live")
def live():
    return {"status": "ok"}


@app.get("/api/jobs/{job_id}")
def job(job_id: str):
    row = _db().execute(
        "SELECT id, type, state, attempts, max_attempts, progress, error, created_at, updated_at "
        "FROM jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="job not found")
    return JSONResponse({
        "id": row[0], "type": row[1], "state": row[2], "attempts": row[3],
        "max_attempts": row[4], "progress": json.loads(row[5] or "{}"), "error": row[6],
        "created_at": row[7], "updated_at": row[8]})
