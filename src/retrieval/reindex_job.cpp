#include "retrieval/reindex_job.h"

#include <nlohmann/json.hpp>

namespace sanad::retrieval {

namespace {

Status run_reindex(IndexService& service, const VectorizeFn& vectorize, jobs::JobContext& ctx) {
  auto payload = nlohmann::json::parse(ctx.payload(), nullptr, false);
  const bool wants_vectors = payload.is_object() && payload.value("vectorize", false);
  if (wants_vectors) {
    if (!vectorize) return failed_precondition("no embedding model is configured: nothing to vectorize");
    auto progress = [&ctx](size_t done, size_t total) {
      (void)ctx.set_progress(nlohmann::json{{"stage", "vectorize"}, {"done", done}, {"total", total}}.dump());
    };
    SANAD_RETURN_IF_ERROR(vectorize(progress, [&ctx] { return ctx.cancel_requested(); }));
  }
  (void)ctx.set_progress(nlohmann::json{{"stage", "rebuild"}, {"done", 0}, {"total", 1}}.dump());
  SANAD_RETURN_IF_ERROR(service.rebuild());
  (void)ctx.set_progress(nlohmann::json{{"stage", "rebuild"}, {"done", 1}, {"total", 1}}.dump());
  return {};
}

}  // namespace

void register_reindex_handler(jobs::WorkerPool& pool, IndexService& service, VectorizeFn vectorize) {
  pool.register_handler(kReindexJobType, [&service, vectorize = std::move(vectorize)](jobs::JobContext& ctx) {
    return run_reindex(service, vectorize, ctx);
  });
}

Result<std::string> enqueue_reindex(jobs::JobQueue& queue, bool vectorize, bool can_vectorize) {
  if (vectorize && !can_vectorize) {
    return invalid_argument("no embedding model is configured (EMBEDDING_MODEL or EMBEDDING_URL): nothing to vectorize");
  }
  jobs::JobSpec spec;
  spec.type = kReindexJobType;
  spec.payload_json = nlohmann::json{{"vectorize", vectorize}}.dump();
  spec.max_attempts = 2;
  return queue.enqueue(spec);
}

}  // namespace sanad::retrieval
