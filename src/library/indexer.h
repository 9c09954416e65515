#pragma once
// Indexing files from disk into one folder (what `sanad index` runs): new files are
// stored and ingested, files whose content changed are re-ingested, unchanged ones
// (same SHA-256, already ready) are skipped, and documents indexed earlier from a
// path under one of the given roots whose file is gone are removed. Ingestion runs
// synchronously in the calling thread (Library::ingest, the job handler's code).
// Documents indexed this way have source "file:<absolute path>".

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "library/library.h"

namespace sanad::library {

struct IndexSummary {
  std::size_t files = 0;      // regular files seen
  std::size_t added = 0;
  std::size_t updated = 0;    // content changed (or an earlier ingestion had failed)
  std::size_t unchanged = 0;
  std::size_t duplicates = 0; // same content as another document in the folder
  std::size_t unsupported = 0;
  std::size_t failed = 0;
  std::size_t removed = 0;
  std::vector<std::string> problems;  // "<path>: <error>" for unsupported and failed files
};

// Called before each file: (1-based position, total, path).
using IndexProgressFn = std::function<void(std::size_t, std::size_t, const std::filesystem::path&)>;

// Indexes `paths` (files or directory trees; hidden entries skipped) into
// `folder_id`. invalid_argument when a path does not exist; per-file problems are
// counted and listed, not fatal.
Result<IndexSummary> index_paths(Library& library, const std::string& folder_id,
                                 const std::vector<std::filesystem::path>& paths,
                                 const IndexProgressFn& progress = {});

}  // namespace sanad::library
