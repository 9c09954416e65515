#pragma once
// Extraction and chunking of one document in a single streaming pass: what an
// indexing job runs. Memory is bounded as for extract() and Chunker. Thread-safe: no
// shared state (run one per document, from any thread).

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

// Extracts `path` as `type` and chunks it, calling `on_chunk` for every chunk in order.
// Fails with the extractor's error (nothing is half-reported as success: when this
// fails the caller discards the chunks it received).
Result<IngestSummary> ingest_document(DocumentType type, const std::filesystem::path& path,
                                      const IngestOptions& options, const ChunkSink& on_chunk,
                                      const ProgressFn& on_progress = {});

}  // namespace sanad::documents
