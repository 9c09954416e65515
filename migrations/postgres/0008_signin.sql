-- Sign-in additions: one-time codes that hand an OpenID Connect sign-in to the web
-- app, server settings (the registration policy), and invitations.
-- Times are milliseconds since the epoch; secrets are stored as sha256_hex only.

-- A finished OIDC sign-in waiting for the web app to redeem it (POST
-- /api/auth/oidc/exchange); single use (DELETE ... RETURNING), one minute.
CREATE TABLE sign_in_codes (
  code_hash  TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider   TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX sign_in_codes_expires_idx ON sign_in_codes (expires_at);

-- Settings an administrator changes at run time ('registration' → open|invite|closed).
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_by TEXT,
  updated_at BIGINT NOT NULL
);

-- Invitations: a single-use token (hash) for one e-mail address and role.
CREATE TABLE invitations (
  token_hash       TEXT PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  email_normalized TEXT NOT NULL,
  role             TEXT NOT NULL,
  created_by       TEXT REFERENCES users (id) ON DELETE SET NULL,
  expires_at       BIGINT NOT NULL,
  used_at          BIGINT,
  created_at       BIGINT NOT NULL
);
CREATE INDEX invitations_expires_idx ON invitations (expires_at);
