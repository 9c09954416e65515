#pragma once
// Extraction and chunking of one document in a single streaming pass: what an
// indexing job runs. Memory is bounded as for extract() and Chunker. Thread-safe: no
// shared state (run one per document, from any thread). The functions live in the
// documents_extract library (with the parsers); the types are shared with the
// server, which extracts through child_process_extractor() (extract_process.h).

#include <filesystem>
#include <functional>

#include "documents/chunker.h"
#include "documents/extract.h"

namespace sanad::documents {

struct IngestOptions {
  ExtractLimits limits;
  ChunkOptions chunking;
};

struct IngestProgress {
  int pages_done = 0;   // last page seen (PDF); 0 for formats without pages
  int pages_total = 0;  // the PDF's page count, known before extraction; 0 otherwise
  std::size_t chunks_done = 0;
};

struct IngestSummary {
  int pages = 0;                  // PDF page count reached, 0 otherwise
  std::size_t chunks = 0;
  std::size_t blocks = 0;
  std::size_t text_bytes = 0;     // size of the extracted text (see block.h)
  text::LanguageGuess language;   // of the whole document (its first 32 KB)
};

// Called after each new page and after every chunk; a non-OK Status (e.g. kCancelled
// when the job was cancelled) stops ingestion and is returned.
using ProgressFn = std::function<Status(const IngestProgress&)>;

// Asked now and then during extraction; true stops it with kCancelled.
using CancelProbe = std::function<bool()>;

// How a document gets extracted and chunked: in_process_extractor() (below) or
// child_process_extractor() (extract_process.h). Same contract as ingest_document,
// plus the cancellation probe.
using Extractor = std::function<Result<IngestSummary>(DocumentType type, const std::filesystem::path& path,
                                                      const IngestOptions& options, const ChunkSink& on_chunk,
                                                      const ProgressFn& on_progress,
                                                      const CancelProbe& is_cancelled)>;

// Extracts `path` as `type` and chunks it, calling `on_chunk` for every chunk in order.
// Fails with the extractor's error (nothing is half-reported as success: when this
// fails the caller discards the chunks it received).
Result<IngestSummary> ingest_document(DocumentType type, const std::filesystem::path& path,
                                      const IngestOptions& options, const ChunkSink& on_chunk,
                                      const ProgressFn& on_progress = {});

// ingest_document() as an Extractor (extract_process.h) for the calling thread: the
// cancellation probe is asked at every progress call. For tests, benchmarks and
// the extraction child; the server extracts in a child process.
Extractor in_process_extractor();

}  // namespace sanad::documents
