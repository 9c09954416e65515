-- The document library: folders, categories, documents, their chunks, the chunk
-- change log the search indexes consume, and curated FAQ entries.
-- Conventions: times are INTEGER milliseconds since the epoch, ids TEXT,
-- booleans INTEGER 0/1, JSON TEXT.

CREATE TABLE folders (
  id          TEXT PRIMARY KEY,
  parent_id   TEXT REFERENCES folders (id),
  name        TEXT NOT NULL,
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- Sibling names are unique case-insensitively ('' stands for the root).
CREATE UNIQUE INDEX folders_sibling_name_key ON folders (COALESCE(parent_id, ''), lower(name));
CREATE INDEX folders_parent_idx ON folders (parent_id);

CREATE TABLE categories (
  id          TEXT PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  label_fr    TEXT NOT NULL,
  label_en    TEXT NOT NULL,
  label_ar    TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE documents (
  id             TEXT PRIMARY KEY,
  folder_id      TEXT NOT NULL REFERENCES folders (id),
  title          TEXT NOT NULL,
  category_id    TEXT REFERENCES categories (id),
  language       TEXT NOT NULL DEFAULT '',
  tags           TEXT NOT NULL DEFAULT '[]',
  source         TEXT NOT NULL DEFAULT 'upload',
  original_name  TEXT NOT NULL,
  mime_type      TEXT NOT NULL,
  uploader_id    TEXT,
  size_bytes     INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  storage_path   TEXT NOT NULL,
  pages          INTEGER NOT NULL DEFAULT 0,
  chunk_count    INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'processing', 'ready', 'failed')),
  error          TEXT,
  job_id         TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (folder_id, sha256)
);
CREATE INDEX documents_folder_idx ON documents (folder_id, created_at);

CREATE TABLE chunks (
  id             TEXT PRIMARY KEY,
  document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  folder_id      TEXT NOT NULL,
  ordinal        INTEGER NOT NULL,
  page           INTEGER NOT NULL DEFAULT 0,
  heading_trail  TEXT NOT NULL DEFAULT '',
  start_offset   INTEGER NOT NULL,
  end_offset     INTEGER NOT NULL,
  language       TEXT NOT NULL DEFAULT '',
  token_count    INTEGER NOT NULL DEFAULT 0,
  text           TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  UNIQUE (document_id, ordinal)
);

-- Append-only: every chunk insert and delete appends one event in the same
-- transaction; search indexes catch up by reading events after the last seq seen.
CREATE TABLE chunk_events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  op           TEXT NOT NULL CHECK (op IN ('insert', 'delete')),
  chunk_id     TEXT NOT NULL,
  document_id  TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);

CREATE TABLE faq_entries (
  id            TEXT PRIMARY KEY,
  folder_id     TEXT NOT NULL REFERENCES folders (id),
  question      TEXT NOT NULL,
  question_key  TEXT NOT NULL,   -- normalised question, for dedupe
  answer        TEXT NOT NULL,
  category      TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (folder_id, question_key)
);
