-- Accounts: groups and membership, refresh and reset tokens (hashes only), pending
-- OpenID Connect sign-ins, external identities and the audit log.
-- Conventions: times are INTEGER milliseconds since the epoch, ids TEXT, JSON TEXT.

CREATE TABLE groups (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  name_normalized TEXT NOT NULL,          -- lower-case name, unique
  created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX groups_name_normalized_key ON groups (name_normalized);

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user_idx ON group_members (user_id);

-- Only sha256_hex(token) is stored.
CREATE TABLE refresh_tokens (
  hash        TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   TEXT NOT NULL,
  parent_hash TEXT,                       -- the token this one replaced (NULL at sign-in)
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER,
  revoked_at  INTEGER,
  created_at  INTEGER NOT NULL,
  user_agent  TEXT,
  ip          TEXT
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

CREATE TABLE password_reset_tokens (
  hash       TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);

-- Pending OpenID Connect sign-ins, keyed by sha256_hex(state); taken once.
CREATE TABLE login_states (
  state_hash     TEXT PRIMARY KEY,
  provider       TEXT NOT NULL,
  nonce          TEXT NOT NULL,
  code_verifier  TEXT NOT NULL,
  redirect_after TEXT NOT NULL DEFAULT '',
  expires_at     INTEGER NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX login_states_expires_idx ON login_states (expires_at);

CREATE TABLE user_identities (
  issuer     TEXT NOT NULL,
  subject    TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email      TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

CREATE TABLE audit_log (
  id       TEXT PRIMARY KEY,
  at       INTEGER NOT NULL,
  actor_id TEXT,                          -- NULL for anonymous events (failed sign-in)
  event    TEXT NOT NULL,
  target   TEXT,
  ip       TEXT,
  detail   TEXT NOT NULL DEFAULT '{}'     -- JSON object
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_event_idx ON audit_log (event, at);
