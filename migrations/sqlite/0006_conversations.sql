-- Conversations with the assistant: each belongs to one user; its messages (the
-- user's questions and the assistant's answers with their citations and timings);
-- feedback on answers, one row per (message, user).
-- Conventions: times are INTEGER milliseconds since the epoch, ids TEXT,
-- booleans INTEGER 0/1, JSON TEXT.

CREATE TABLE conversations (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title       TEXT NOT NULL DEFAULT '',
  language    TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX conversations_user_idx ON conversations (user_id, updated_at);

CREATE TABLE messages (
  id               TEXT PRIMARY KEY,
  conversation_id  TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content          TEXT NOT NULL,
  citations        TEXT NOT NULL DEFAULT '[]',
  answered         INTEGER NOT NULL DEFAULT 1 CHECK (answered IN (0, 1)),
  timings          TEXT NOT NULL DEFAULT '{}',
  created_at       INTEGER NOT NULL
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at);

CREATE TABLE message_feedback (
  message_id  TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  rating      TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (message_id, user_id)
);
