-- Chunk embeddings, one per chunk and model: little-endian float32, `dim` values.
-- Written in the same transaction as the chunk (or by `sanad reindex --vectorize`,
-- which then appends an 'insert' event so every index picks the vector up).
CREATE TABLE chunk_vectors (
  chunk_id    TEXT NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
  model       TEXT NOT NULL,
  dim         BIGINT NOT NULL,
  data        BYTEA NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (chunk_id, model)
);
