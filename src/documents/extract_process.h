#pragma once
// Extraction and chunking of one document in a child process, so that a file that
// makes a parser hang, crash or swallow memory costs only that document, and so
// that the server does not load the parsers at all. The child is a program
// (`sanad-extract`, installed next to `sanad`) running run_extract_worker(); it
// sends its chunks and progress to the parent over a pipe (extract/wire.h).
//
// Limits: a wall-clock watchdog (the child is killed with SIGKILL, the result is
// kDeadlineExceeded "extraction timed out after N s"), an address-space limit
// (RLIMIT_AS; running out is kTooLarge), and a crash of the child (a signal, or an
// exit without a result) is kInternal "the extractor crashed (signal N)". The child
// dies with the thread that started it (PR_SET_PDEATHSIG). Thread-safe: each call
// has its own child and pipe.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "documents/ingest.h"

namespace sanad::documents {

struct ExtractProcessOptions {
  std::filesystem::path program;        // the executable to run (sanad-extract)
  std::vector<std::string> arguments;   // put before the request
  std::chrono::seconds timeout{120};    // wall clock for one document
  std::uint64_t memory_limit_bytes = 2ull << 30;  // RLIMIT_AS of the child; 0: none
  // Called in the parent with the child's pid once it runs (for logs and tests).
  std::function<void(pid_t)> on_started;
};

// Runs ingest_document(type, path, options) in a child process, calling `on_chunk`
// and `on_progress` in the parent as results arrive (same contract as
// ingest_document; a non-OK Status from either kills the child and is returned).
// `is_cancelled` is probed about ten times a second; true kills the child and the
// call returns kCancelled.
// The child is always reaped before this returns.
Result<IngestSummary> ingest_in_child(const ExtractProcessOptions& process, DocumentType type,
                                      const std::filesystem::path& path, const IngestOptions& options,
                                      const ChunkSink& on_chunk, const ProgressFn& on_progress = {},
                                      const CancelProbe& is_cancelled = {});

// An Extractor running ingest_in_child() with `process`.
Extractor child_process_extractor(ExtractProcessOptions process);

// The child side (in the documents_extract library): parses the request in `args` (as built by ingest_in_child), runs
// ingest_document and writes results to `out_fd`. Returns the process exit code
// (0 once a result, success or error, has been written).
int run_extract_worker(const std::vector<std::string>& args, int out_fd);

}  // namespace sanad::documents
