#pragma once
// ChunkSource on the `chunks` table (neighbours by document_id + ordinal).
// Thread-safe; the Database must outlive it.

#include "assistant/context_selector.h"
#include "db/database.h"

namespace sanad::assistant {

class SqlChunkSource : public ChunkSource {
 public:
  explicit SqlChunkSource(db::Database& db) : db_(db) {}
  Result<std::vector<ChunkRow>> chunks(const std::string& document_id, int64_t first, int64_t last) const override;

 private:
  db::Database& db_;
};

}  // namespace sanad::assistant
