// Library::vectorize: chunk embeddings into chunk_vectors, with change-log events.

#include <algorithm>

#include "core/clock.h"
#include "library/library.h"
#include "library/vector_blob.h"

namespace sanad::library {

namespace {

struct PendingChunk {
  std::string id;
  std::string document_id;
  std::string text;
};

// Appends the conditions that select the chunks of `scope` (alias c).
void add_scope(const VectorizeScope& scope, const std::string& model, std::string& sql, db::Params& params) {
  if (scope.document_id) {
    sql += " AND c.document_id = ?";
    params.emplace_back(*scope.document_id);
  }
  if (!scope.recompute) {
    sql += " AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.chunk_id = c.id AND v.model = ?)";
    params.emplace_back(model);
  }
}

// The chunks of `scope` after `after_id`, in id order.
Result<std::vector<PendingChunk>> next_batch(db::Database& db, const VectorizeScope& scope, const std::string& model,
                                             const std::string& after_id, std::size_t limit) {
  std::string sql = "SELECT c.id, c.document_id, c.text FROM chunks c WHERE c.id > ?";
  db::Params params{after_id};
  add_scope(scope, model, sql, params);
  sql += " ORDER BY c.id LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit));
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  std::vector<PendingChunk> out;
  for (const auto& row : rows) out.push_back({row.get_string(0), row.get_string(1), row.get_string(2)});
  return out;
}

Result<std::size_t> count_pending(db::Database& db, const VectorizeScope& scope, const std::string& model) {
  std::string sql = "SELECT COUNT(*) FROM chunks c WHERE 1 = 1";
  db::Params params;
  add_scope(scope, model, sql, params);
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db.query(sql, params));
  return static_cast<std::size_t>(rows[0].get_int(0));
}

// Stores one batch: vectors replaced, one 'insert' event per chunk that still exists.
Status store_batch(db::Connection& c, const std::vector<PendingChunk>& batch,
                   const std::vector<std::vector<float>>& vectors, const std::string& model) {
  SANAD_RETURN_IF_ERROR(lock_chunk_log(c));
  const int64_t now = core::now_ms();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    // A chunk deleted since it was read (a re-ingestion) is skipped: its
    // replacement gets its own vector.
    SANAD_ASSIGN_OR_RETURN(db::Rows alive, c.query("SELECT 1 FROM chunks WHERE id = ?", {batch[i].id}));
    if (alive.size() == 0) continue;
    SANAD_RETURN_IF_ERROR(
        c.exec("DELETE FROM chunk_vectors WHERE chunk_id = ? AND model = ?", {batch[i].id, model}).status());
    SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO chunk_vectors (chunk_id, model, dim, data, created_at) "
                                 "VALUES (?, ?, ?, ?, ?)",
                                 {batch[i].id, model, static_cast<int64_t>(vectors[i].size()), vector_to_blob(vectors[i]), now})
                              .status());
    SANAD_RETURN_IF_ERROR(c.exec("INSERT INTO chunk_events (op, chunk_id, document_id, created_at) "
                                 "VALUES ('insert', ?, ?, ?)",
                                 {batch[i].id, batch[i].document_id, now})
                              .status());
  }
  return {};
}

}  // namespace

Result<std::size_t> Library::vectorize(const VectorizeScope& scope, const VectorizeHooks& hooks) {
  embed::Embedder* embedder = options_.embedder;
  if (embedder == nullptr) {
    return failed_precondition("no embedding model is configured (EMBEDDING_MODEL or EMBEDDING_URL)");
  }
  const std::string model = embedder->model_id();
  const std::size_t batch_size = std::max<std::size_t>(1, options_.embed_batch);
  SANAD_ASSIGN_OR_RETURN(std::size_t total, count_pending(db_, scope, model));
  std::size_t done = 0;
  std::string after;
  if (hooks.on_progress) hooks.on_progress(done, total);
  while (true) {
    if (hooks.cancelled && hooks.cancelled()) return cancelled("vectorizing cancelled");
    SANAD_ASSIGN_OR_RETURN(auto batch, next_batch(db_, scope, model, after, batch_size));
    if (batch.empty()) break;
    after = batch.back().id;
    std::vector<std::string> texts;
    texts.reserve(batch.size());
    for (const auto& chunk : batch) texts.push_back(chunk.text);
    SANAD_ASSIGN_OR_RETURN(auto vectors, embedder->embed(texts, embed::InputKind::kPassage));
    if (vectors.size() != batch.size()) return internal_error("the embedder returned a wrong number of vectors");
    SANAD_RETURN_IF_ERROR(db_.transaction([&](db::Connection& c) { return store_batch(c, batch, vectors, model); }));
    done += batch.size();
    if (hooks.on_progress) hooks.on_progress(done, std::max(done, total));
  }
  return done;
}

}  // namespace sanad::library
