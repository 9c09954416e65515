#pragma once
// The `document.ingest` job: its handler for the WorkerPool and how to enqueue it.
// Payload: {"document_id": "<id>"}.

#include <string>

#include "core/status.h"
#include "jobs/job_queue.h"
#include "jobs/worker_pool.h"
#include "library/library.h"

namespace sanad::library {

inline constexpr const char* kIngestJobType = "document.ingest";

// Registers the handler on `pool` (before pool.start()). `library` must outlive it.
// Progress is stored as {"pages_done","pages_total","chunks_done"} at most every
// 200 ms; a cancelled job leaves the document failed with "cancelled".
void register_ingest_handler(jobs::WorkerPool& pool, Library& library);

// Marks the document queued, enqueues its ingestion and records the job id on it.
// Returns the job id.
Result<std::string> enqueue_ingest(Library& library, jobs::JobQueue& queue, const std::string& document_id);

}  // namespace sanad::library
