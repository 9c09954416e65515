#pragma once
// The `index.rebuild` job: rebuilds the search index of the process that runs it
// from the chunks table (every process's index is derived from the same log, so
// one rebuild is representative) and snapshots it. Payload: {"vectorize": bool};
// with vectorize, `vectorize` recomputes every chunk's embedding first (its
// changes reach every process through the change log).

#include <functional>
#include <string>

#include "core/status.h"
#include "jobs/job_context.h"
#include "jobs/job_queue.h"
#include "jobs/worker_pool.h"
#include "retrieval/index_service.h"

namespace sanad::retrieval {

inline constexpr const char* kReindexJobType = "index.rebuild";

// Recomputes the stored embeddings; reports (done, total) chunks as it goes.
// Empty when no embedding model is configured.
using VectorizeFn = std::function<Status(const std::function<void(size_t, size_t)>& progress,
                                         const std::function<bool()>& cancelled)>;

// Registers the handler on `pool` (before pool.start()); `service` must outlive it.
void register_reindex_handler(jobs::WorkerPool& pool, IndexService& service, VectorizeFn vectorize);

// Enqueues a rebuild; invalid_argument when `vectorize` is asked without a model.
Result<std::string> enqueue_reindex(jobs::JobQueue& queue, bool vectorize, bool can_vectorize);

}  // namespace sanad::retrieval
