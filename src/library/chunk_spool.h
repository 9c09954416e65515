#pragma once
// Internal: a temporary file holding a document's chunks between extraction and
// the database transaction that stores them, so memory stays bounded whatever the
// document's size. Removed when destroyed. Not thread-safe (one per ingestion).

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "documents/chunker.h"

namespace sanad::library::detail {

class ChunkSpool {
 public:
  // unavailable when no temporary file can be created.
  static Result<std::unique_ptr<ChunkSpool>> create();

  Status append(const documents::Chunk& chunk);
  std::size_t size() const { return count_; }

  // Starts reading from the first chunk (may be called again, e.g. when the
  // transaction that consumes the chunks is retried).
  Status rewind();
  // Up to `max` next chunks into `out` (cleared first); empty at the end.
  Status read_batch(std::size_t max, std::vector<documents::Chunk>& out);

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  explicit ChunkSpool(std::FILE* file) : file_(file) {}
  std::unique_ptr<std::FILE, Closer> file_;
  std::size_t count_ = 0;
  std::size_t read_ = 0;
  std::string record_;  // reused encoding buffer
};

}  // namespace sanad::library::detail
