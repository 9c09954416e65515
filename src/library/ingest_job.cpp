#include "library/ingest_job.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace sanad::library {

namespace {

std::string progress_json(const IngestReport& r) {
  return nlohmann::json{{"pages_done", r.pages_done}, {"pages_total", r.pages_total}, {"chunks_done", r.chunks_done}}
      .dump();
}

Status run_ingest_job(Library& library, jobs::JobContext& ctx) {
  auto payload = nlohmann::json::parse(ctx.payload(), nullptr, false);
  if (payload.is_discarded() || !payload.is_object() || !payload.contains("document_id") ||
      !payload["document_id"].is_string()) {
    return invalid_argument("document.ingest needs {\"document_id\": \"...\"}");
  }
  const std::string id = payload["document_id"].get<std::string>();
  auto last = std::chrono::steady_clock::time_point{};
  IngestHooks hooks;
  hooks.cancelled = [&ctx] { return ctx.cancel_requested(); };
  hooks.on_progress = [&ctx, &last](const IngestReport& r) {
    auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::milliseconds(200)) return;
    last = now;
    (void)ctx.set_progress(progress_json(r));  // progress is advisory
  };
  Status s = library.ingest(id, hooks);
  if (s && library.options().embedder != nullptr) {
    // The chunks are searchable lexically already; their vectors follow.
    VectorizeScope scope;
    scope.document_id = id;
    VectorizeHooks vector_hooks;
    vector_hooks.cancelled = hooks.cancelled;
    s = library.vectorize(scope, vector_hooks).status();
  }
  if (s.code() == ErrorCode::kCancelled && ctx.cancel_was_requested()) {
    // A user cancel is final for this job: say so on the document too.
    (void)library.database().exec("UPDATE documents SET status = 'failed', error = 'ingestion cancelled' "
                                  "WHERE id = ? AND status = 'processing'",
                                  {id});
  }
  if (s) {
    auto doc = library.get_document(id);
    if (doc) {
      IngestReport done{static_cast<int>(doc->pages), static_cast<int>(doc->pages),
                        static_cast<std::size_t>(doc->chunk_count)};
      (void)ctx.set_progress(progress_json(done));
    }
  }
  return s;
}

}  // namespace

void register_ingest_handler(jobs::WorkerPool& pool, Library& library) {
  pool.register_handler(kIngestJobType, [&library](jobs::JobContext& ctx) { return run_ingest_job(library, ctx); });
}

Result<std::string> enqueue_ingest(Library& library, jobs::JobQueue& queue, const std::string& document_id) {
  // Queued first, then the job: a worker that starts at once moves it on to
  // processing and nothing here moves it back.
  SANAD_RETURN_IF_ERROR(library.mark_queued(document_id));
  jobs::JobSpec spec;
  spec.type = kIngestJobType;
  spec.payload_json = nlohmann::json{{"document_id", document_id}}.dump();
  SANAD_ASSIGN_OR_RETURN(std::string job_id, queue.enqueue(spec));
  SANAD_RETURN_IF_ERROR(library.set_job_id(document_id, job_id));
  return job_id;
}

}  // namespace sanad::library
