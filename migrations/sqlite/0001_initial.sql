-- Initial schema: accounts and durable jobs.
-- Conventions: times are INTEGER milliseconds since the epoch, ids TEXT,
-- booleans INTEGER 0/1, JSON TEXT.

CREATE TABLE users (
  id               TEXT PRIMARY KEY,
  email            TEXT NOT NULL,
  email_normalized TEXT NOT NULL,          -- lower-case email, unique
  name             TEXT NOT NULL DEFAULT '',
  role             TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'editor', 'member')),
  password_hash    TEXT,                   -- NULL for accounts that only sign in with SSO
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_login_at    INTEGER
);
CREATE UNIQUE INDEX users_email_normalized_key ON users (email_normalized);

CREATE TABLE jobs (
  id               TEXT PRIMARY KEY,
  type             TEXT NOT NULL,
  payload          TEXT NOT NULL DEFAULT '{}',
  state            TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL,
  run_after        INTEGER NOT NULL,
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  heartbeat_at     INTEGER,
  progress         TEXT,
  error            TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  finished_at      INTEGER
);
-- Claiming: queued jobs by due time, running jobs by lease expiry.
CREATE INDEX jobs_queued_idx ON jobs (state, run_after, created_at);
CREATE INDEX jobs_lease_idx ON jobs (state, lease_expires_at);
CREATE INDEX jobs_type_created_idx ON jobs (type, created_at);
